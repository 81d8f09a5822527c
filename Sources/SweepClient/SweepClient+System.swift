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
    public func issueSigninCode(_ request: SigninCodeRequest) async throws -> IssuedSigninCode {
        try await json(.POST, APIPath.signinCodes, encoding: request)
    }
}
