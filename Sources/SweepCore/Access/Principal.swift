import Foundation

/// Someone acting through the API: a person with one role, scoped to jurisdictions and (for
/// inspectors and case handlers) one department.
public struct Principal: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var department: DepartmentCode?
    /// Jurisdiction codes the principal may see. Empty means everywhere (admins, province leaders).
    public var scope: [String]
    /// The registry inspector an inspector token acts as (their own sweeps, their calendar).
    public var inspectorId: Int64?

    public init(id: Int64, name: String, role: Role, department: DepartmentCode?, scope: [String], inspectorId: Int64? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.department = department
        self.scope = scope
        self.inspectorId = inspectorId
    }

    /// The audit log's actor string.
    public var actor: String { "principal:\(id)" }
}

/// What a principal may do is decided in one place: each endpoint names the roles it allows.
public struct AccessRule: Sendable, Hashable {
    public var allowed: Set<Role>

    public init(_ roles: Role...) { self.allowed = Set(roles) }
    public init(roles: Set<Role>) { self.allowed = roles }

    /// Everyone with a valid token.
    public static let anyRole = AccessRule(roles: Set(Role.allCases))

    /// Throws `.forbidden` naming the roles that may do this.
    public func check(_ principal: Principal, action: String) throws {
        guard allowed.contains(principal.role) else {
            let names = allowed.sorted().map(\.rawValue).joined(separator: ", ")
            throw SweepError.forbidden("\(action) needs one of the roles \(names); this token's role is \(principal.role.rawValue)")
        }
    }
}

/// A bearer token as issued: the secret is shown once and only its hash is stored.
public struct IssuedToken: Sendable, Hashable, Codable {
    public var tokenId: Int64
    public var principal: Principal
    public var secret: String
    public var expiresAt: Date

    public init(tokenId: Int64, principal: Principal, secret: String, expiresAt: Date) {
        self.tokenId = tokenId
        self.principal = principal
        self.secret = secret
        self.expiresAt = expiresAt
    }
}

/// A token as listed by admins (never the secret).
public struct TokenInfo: Sendable, Hashable, Codable {
    public var tokenId: Int64
    public var prefix: String
    public var principal: Principal
    public var label: String?
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public init(tokenId: Int64, prefix: String, principal: Principal, label: String?, createdAt: Date, expiresAt: Date, revokedAt: Date?, lastUsedAt: Date?) {
        self.tokenId = tokenId
        self.prefix = prefix
        self.principal = principal
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }
}
