import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Cases: handlers of the responsible department move them through the case chain.
enum CaseRoutes {
    static let caseReaders = AccessRule(.handler, .coordinator, .admin, .leader)
    static let caseActors = AccessRule(.handler, .admin)

    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let cases = app.cases

        routes.get(APIPath.cases, allow: caseReaders) { request, _, principal in
            var query = QueryParameters(request, known: ["department", "state", "overdue", "due_within_days", "venue", "limit"])
            var filter = CaseFilter()
            filter.department = query.string("department").map(DepartmentCode.init(rawValue:))
            // Handlers work for one department: they see its cases only.
            if principal.role == .handler { filter.department = principal.department }
            filter.state = query.enumeration("state", CaseState.self)
            filter.overdueOnly = query.bool("overdue") ?? false
            filter.dueWithinDays = query.int("due_within_days")
            filter.venueId = query.int("venue").map(Int64.init)
            filter.limit = query.int("limit") ?? 200
            query.including { try filter.validate() }
            try query.finish()
            return try JSONResponse.make(try await cases.list(filter))
        }
        routes.get(APIPath.caseItem, allow: caseReaders) { _, context, _ in
            try JSONResponse.make(try await cases.detail(try context.id()))
        }
        routes.post(APIPath.caseActions, allow: caseActors) { request, context, principal in
            let action = try await RequestBody.decode(CaseAction.self, from: request)
            return try JSONResponse.make(try await cases.apply(action, to: try context.id(), principal: principal))
        }
    }
}
