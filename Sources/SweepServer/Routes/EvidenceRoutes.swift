import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Evidence files (photos, documents), content-addressed by SHA-256.
enum EvidenceRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let evidence = app.evidence
        let read = Permission(.evidence, .read)

        routes.post(APIPath.evidence, needs: Permission(.evidence, .create)) { request, _, principal in
            var request = request
            let bytes = try await request.collectBody(upTo: EvidenceStore.maxBytes + 1)
            let stored = try await evidence.store(bytes, mediaType: request.headers[.contentType], actor: principal.actor)
            return try JSONResponse.make(stored, status: stored.created ? .created : .ok)
        }

        routes.get(APIPath.evidenceItem, needs: read) { _, context, principal in
            let sha = try context.text("sha256")
            if let digest = EvidenceStore.digest(sha) {
                try await app.authorize(principal, read, "evidence \(sha)") { try await $0.evidence(digest) }
            }
            let (type, content) = try await evidence.fetch(sha256: sha)
            var headers = HTTPFields()
            headers[.contentType] = type
            headers[.cacheControl] = "private, max-age=31536000, immutable"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: content))
        }
    }
}
