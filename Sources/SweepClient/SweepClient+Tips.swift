import Foundation
import SweepAPI
import SweepCore

extension SweepClient {
    /// `POST /v1/tips`.
    public func recordTip(_ intake: TipIntake) async throws -> TipRecord { try await json(.POST, APIPath.tips, encoding: intake) }
    /// `GET /v1/tips`.
    public func tips(status: String? = nil, limit: Int? = nil) async throws -> [TipRecord] {
        var q = Query()
        q.add("status", status); q.add("limit", limit)
        return try await json(.GET, APIPath.tips, query: q.items)
    }
    /// `POST /v1/tips/{id}/triage`.
    public func triageTip(_ id: Int64, _ triage: TipTriage) async throws -> TipRecord {
        try await json(.POST, APIPath.expand(APIPath.tipTriage, ["id": id]), encoding: triage)
    }
    /// `POST /v1/tips/{id}/close`.
    public func closeTip(_ id: Int64, _ closure: TipClosure) async throws -> TipRecord {
        try await json(.POST, APIPath.expand(APIPath.tipClose, ["id": id]), encoding: closure)
    }
}
