import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Tips: intake with the caller's identity stripped, triage to a venue and a department.
enum TipRoutes {
    static let tipTakers = AccessRule(.coordinator, .admin, .handler)

    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let tips = app.tips

        routes.post(APIPath.tips, allow: tipTakers) { request, _, principal in
            let intake = try await RequestBody.decode(TipIntake.self, from: request)
            return try JSONResponse.make(try await tips.intake(intake, actor: principal.actor), status: .created)
        }
        routes.get(APIPath.tips, allow: tipTakers) { request, _, _ in
            var query = QueryParameters(request, known: ["status", "limit"])
            let status = query.string("status"), limit = query.int("limit") ?? 100
            if !(1...1000).contains(limit) { query.including { throw SweepError.invalid(field: "limit", reason: "must be 1–1000, got \(limit)") } }
            try query.finish()
            return try JSONResponse.make(try await tips.list(status: status, limit: limit))
        }
        routes.post(APIPath.tipTriage, allow: tipTakers) { request, context, principal in
            let triage = try await RequestBody.decode(TipTriage.self, from: request)
            return try JSONResponse.make(try await tips.triage(try context.id(), triage, actor: principal.actor))
        }
    }
}
