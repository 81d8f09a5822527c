import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// The audit log, for admins.
enum AuditRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        routes.get(APIPath.audit, needs: Permission(.audit, .read)) { request, _, _ in
            var query = QueryParameters(request, known: ["limit"])
            let limit = query.int("limit") ?? 50
            if !(1...1000).contains(limit) { throw SweepError.invalid(field: "limit", reason: "must be between 1 and 1000, got \(limit)") }
            try query.finish()
            return try JSONResponse.make(try await AuditLog.recent(app.db, limit: limit))
        }
    }
}
