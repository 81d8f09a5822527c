import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Cases: handlers of the responsible department move them through the case chain.
enum CaseRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let cases = app.cases
        let read = Permission(.caseFile, .read), change = Permission(.caseFile, .change)

        routes.get(APIPath.cases, needs: read) { request, _, principal in
            var query = QueryParameters(request, known: ["department", "state", "overdue", "due_within_days", "venue", "limit"])
            var filter = CaseFilter()
            filter.department = query.string("department").map(DepartmentCode.init(rawValue:))
            filter.scope = AccessPolicy.listScope(principal, read)
            filter.state = query.enumeration("state", CaseState.self)
            filter.overdueOnly = query.bool("overdue") ?? false
            filter.dueWithinDays = query.int("due_within_days")
            filter.venueId = query.int("venue").map(Int64.init)
            filter.limit = query.int("limit") ?? 200
            query.including { try filter.validate() }
            try query.finish()
            return try JSONResponse.make(try await cases.list(filter))
        }
        routes.get(APIPath.caseItem, needs: read) { _, context, principal in
            let id = try context.id()
            try await app.authorize(principal, read, "case \(id)") { try await $0.caseFile(id) }
            return try JSONResponse.make(try await cases.detail(id, scope: AccessPolicy.listScope(principal, read)))
        }
        routes.post(APIPath.caseActions, needs: change) { request, context, principal in
            let id = try context.id()
            try await app.authorize(principal, change, "case \(id)") { try await $0.caseFile(id) }
            let body = try await RequestBody.decode(CaseActionRequest.self, from: request)
            let reason = try body.validatedReason()
            return try JSONResponse.make(try await cases.apply(body.action, to: id, principal: principal, reason: reason))
        }
    }
}
