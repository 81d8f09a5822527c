import Foundation
import HTTPTypes
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Health, readiness, the OpenAPI document and who-am-I.
enum SystemRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        routes.publicGET(APIPath.health) { _, _ in
            try JSONResponse.make(HealthResponse(status: "ok"))
        }

        routes.publicGET(APIPath.ready) { _, _ in
            // During an outage the gate knows why without asking the server again.
            if let outage = app.db.gate.snapshot.outage {
                throw SweepError.unavailable("not ready: \(DatabaseGate.describe(outage))")
            }
            do {
                try await app.migrator.requireCurrent(app.db)
                return try JSONResponse.make(HealthResponse(status: "ready", database: "ok"))
            } catch {
                let why = (error as? SweepError)?.description ?? SweepErrorMapping.describe(error)
                throw SweepError.unavailable("not ready: \(why)")
            }
        }

        routes.publicGET(APIPath.openAPI) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.bytes())))
        }

        routes.get(APIPath.me, needs: Permission(.profile, .read)) { _, _, principal in
            try JSONResponse.make(principal)
        }
    }
}

/// The OpenAPI 3.1 contract, bundled from `Sources/SweepServer/Resources/openapi.yaml`.
public enum OpenAPIDocument {
    public static func bytes() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw SweepError.unavailable("openapi.yaml is not bundled with this build")
        }
        return Array(try Data(contentsOf: url))
    }
}
