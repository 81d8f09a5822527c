import Foundation
import SweepAPI
import SweepCore

extension SweepClient {
    /// `POST /v1/submissions` with the document as written (the server scans its keys for minors'
    /// data and hashes it for retries, so a file is sent byte for byte).
    public func submit(json body: Data) async throws -> SubmissionResult { try await json(.POST, APIPath.submissions, body: body) }
    /// `POST /v1/submissions`.
    public func submit(_ submission: Submission) async throws -> SubmissionResult { try await json(.POST, APIPath.submissions, encoding: submission) }
    /// `POST /v1/submissions/batch` with `{"items": [...]}` as written.
    public func submitBatch(json body: Data) async throws -> BatchResponse { try await json(.POST, APIPath.submissionBatch, body: body) }
    /// `GET /v1/inspections/{id}`: an inspection with every finding revision.
    public func inspection(_ id: Int64) async throws -> InspectionDetail { try await json(.GET, APIPath.expand(APIPath.inspection, ["id": id])) }
    /// `POST /v1/inspections/{id}/findings`: a corrected finding (a new revision).
    public func correctFinding(inspection id: Int64, _ finding: FindingInput) async throws -> FindingResult {
        try await json(.POST, APIPath.expand(APIPath.inspectionFindings, ["id": id]), encoding: finding)
    }
}
