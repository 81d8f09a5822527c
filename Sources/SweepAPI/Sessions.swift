import Foundation
import SweepCore

/// Asks for a one-time sign-in code: for a principal by id, or for the principal an inspector
/// token acts as, by the registry inspector's staff code (what a coordinator knows from the roster).
public struct SigninCodeRequest: Sendable, Hashable, Codable {
    public var principalId: Int64?
    public var inspector: String?
    /// 1…1440; 15 when absent.
    public var expiresInMinutes: Int?

    public init(principalId: Int64? = nil, inspector: String? = nil, expiresInMinutes: Int? = nil) {
        self.principalId = principalId
        self.inspector = inspector
        self.expiresInMinutes = expiresInMinutes
    }
}

/// A code as issued: shown once, to be handed to the person it signs in.
public struct IssuedSigninCode: Sendable, Hashable, Codable {
    public var code: String
    public var principal: Principal
    public var expiresAt: Date

    public init(code: String, principal: Principal, expiresAt: Date) {
        self.code = code
        self.principal = principal
        self.expiresAt = expiresAt
    }
}

/// What a browser sends to sign in.
public struct SigninRequest: Sendable, Hashable, Codable {
    public var code: String

    public init(code: String) { self.code = code }
}

/// How the current request is signed in. `via` is `cookie` for a browser session (with the token
/// its writes must echo in X-CSRF-Token) or `bearer` for an API token.
public struct SessionInfo: Sendable, Hashable, Codable {
    public var principal: Principal
    public var via: String
    public var sessionId: Int64?
    public var expiresAt: Date?
    public var csrfToken: String?

    public init(principal: Principal, via: String, sessionId: Int64? = nil, expiresAt: Date? = nil, csrfToken: String? = nil) {
        self.principal = principal
        self.via = via
        self.sessionId = sessionId
        self.expiresAt = expiresAt
        self.csrfToken = csrfToken
    }
}

/// A browser session as admins list it (never its secret).
public struct BrowserSessionRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var principal: Principal
    public var userAgent: String?
    public var createdAt: Date
    public var expiresAt: Date
    public var endedAt: Date?
    public var endedBy: String?
    public var lastSeenAt: Date?

    public init(id: Int64, principal: Principal, userAgent: String?, createdAt: Date, expiresAt: Date, endedAt: Date?, endedBy: String?, lastSeenAt: Date?) {
        self.id = id
        self.principal = principal
        self.userAgent = userAgent
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.endedAt = endedAt
        self.endedBy = endedBy
        self.lastSeenAt = lastSeenAt
    }
}

/// `POST /v1/devices/{id}/end`: why a paired phone is signed out (a lost phone, a person who left).
public struct DeviceEndRequest: Sendable, Hashable, Codable {
    public var reason: String?

    public init(reason: String?) { self.reason = reason }
}
