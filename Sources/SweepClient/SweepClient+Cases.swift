import Foundation
import SweepAPI
import SweepCore

/// `GET /v1/cases` filters.
public struct CaseQuery: Sendable {
    public var department: String?
    public var state: String?
    public var overdue = false
    public var dueWithinDays: Int?
    public var venue: Int64?
    public var limit: Int?

    public init(department: String? = nil, state: String? = nil, overdue: Bool = false, dueWithinDays: Int? = nil, venue: Int64? = nil, limit: Int? = nil) {
        self.department = department
        self.state = state
        self.overdue = overdue
        self.dueWithinDays = dueWithinDays
        self.venue = venue
        self.limit = limit
    }
}

extension SweepClient {
    /// `GET /v1/cases`.
    public func cases(_ f: CaseQuery) async throws -> [CaseSummary] {
        var q = Query()
        q.add("department", f.department); q.add("state", f.state); q.add("overdue", f.overdue ? "true" : nil)
        q.add("due_within_days", f.dueWithinDays); q.add("venue", f.venue); q.add("limit", f.limit)
        return try await json(.GET, APIPath.cases, query: q.items)
    }
    /// `GET /v1/cases/{id}`.
    public func caseDetail(_ id: Int64) async throws -> CaseDetail { try await json(.GET, APIPath.expand(APIPath.caseItem, ["id": id])) }
    /// `POST /v1/cases/{id}/actions`.
    public func act(onCase id: Int64, _ action: CaseAction, reason: String) async throws -> CaseDetail {
        try await json(.POST, APIPath.expand(APIPath.caseActions, ["id": id]), encoding: CaseActionRequest(action: action, reason: reason))
    }
}
