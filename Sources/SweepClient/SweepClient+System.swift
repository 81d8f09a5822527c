import Foundation
import SweepAPI
import SweepCore

extension SweepClient {
    /// `GET /healthz`.
    public func health() async throws -> HealthResponse { try await json(.GET, APIPath.health) }
    /// `GET /readyz`.
    public func ready() async throws -> HealthResponse { try await json(.GET, APIPath.ready) }
    /// `GET /openapi.yaml`: the API contract.
    public func openAPIDocument() async throws -> String { try await text(APIPath.openAPI) }
    /// `GET /v1/me`: the caller's principal.
    public func me() async throws -> Principal { try await json(.GET, APIPath.me) }
    /// `GET /v1/audit` (admins): the newest entries.
    public func audit(limit: Int? = nil) async throws -> [AuditRecord] {
        var q = Query()
        q.add("limit", limit)
        return try await json(.GET, APIPath.audit, query: q.items)
    }
}

extension SweepClient {
    /// `POST /v1/signin-codes`: a one-time browser sign-in code for a principal (coordinators: their inspectors).
    /// `GET /v1/devices`: the paired phones (inspectors' browser sessions) the caller may see.
    public func devices(includeEnded: Bool = false, principal: Int64? = nil) async throws -> [BrowserSessionRecord] {
        var query: [URLQueryItem] = []
        if includeEnded { query.append(URLQueryItem(name: "all", value: "true")) }
        if let principal { query.append(URLQueryItem(name: "principal", value: String(principal))) }
        return try await json(.GET, APIPath.devices, query: query)
    }

    /// `POST /v1/devices/{id}/end`: signs a paired phone out, with the reason.
    public func endDevice(_ id: Int64, reason: String) async throws {
        _ = try await send(.POST, APIPath.expand(APIPath.deviceEnd, ["id": id]), body: try WireCoding.encoder().encode(DeviceEndRequest(reason: reason)))
    }

    public func issueSigninCode(_ request: SigninCodeRequest) async throws -> IssuedSigninCode {
        try await json(.POST, APIPath.signinCodes, encoding: request)
    }
}
