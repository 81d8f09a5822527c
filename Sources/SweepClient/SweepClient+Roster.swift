import Foundation
import SweepAPI
import SweepCore

extension SweepClient {
    /// `GET /v1/inspectors`.
    public func roster(department: String? = nil, district: String? = nil) async throws -> [RosterEntry] {
        var q = Query()
        q.add("department", department); q.add("district", district)
        return try await json(.GET, APIPath.inspectors, query: q.items)
    }
    /// `POST /v1/inspectors/{code}/unavailability`.
    public func setUnavailability(inspector: String, _ request: UnavailabilityRequest) async throws -> ChangeResponse {
        try await json(.POST, APIPath.expand(APIPath.inspectorUnavailability, ["code": inspector]), encoding: request)
    }
    /// `POST /v1/inspectors/{code}/conflicts`.
    public func declareConflict(inspector: String, _ request: ConflictRequest) async throws -> ChangeResponse {
        try await json(.POST, APIPath.expand(APIPath.inspectorConflicts, ["code": inspector]), encoding: request)
    }
    /// `POST /v1/inspectors/{code}/limits`.
    public func setLimits(inspector: String, _ request: LimitsRequest) async throws -> ChangeResponse {
        try await json(.POST, APIPath.expand(APIPath.inspectorLimits, ["code": inspector]), encoding: request)
    }
    /// `POST /v1/inspectors/{code}/credential`.
    public func setCredential(inspector: String, _ request: CredentialRequest) async throws -> ChangeResponse {
        try await json(.POST, APIPath.expand(APIPath.inspectorCredential, ["code": inspector]), encoding: request)
    }
    /// `POST /v1/inspectors/{code}/status`.
    public func setInspectorStatus(inspector: String, _ request: InspectorStatusRequest) async throws -> ChangeResponse {
        try await json(.POST, APIPath.expand(APIPath.inspectorStatus, ["code": inspector]), encoding: request)
    }
}
