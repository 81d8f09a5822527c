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
    /// Ids of the jurisdictions in `scope` and everything below them, resolved at sign-in for SQL
    /// filters and row-level security; nil = everywhere. Never sent on the wire.
    public var reach: [Int64]?

    /// `reach` defaults to nothing for a scoped principal, so a principal built without resolving
    /// its scope sees less, never more.
    public init(id: Int64, name: String, role: Role, department: DepartmentCode?, scope: [String], inspectorId: Int64? = nil,
                reach: [Int64]?? = .none) {
        self.id = id
        self.name = name
        self.role = role
        self.department = department
        self.scope = scope
        self.inspectorId = inspectorId
        switch reach {
        case .some(let resolved): self.reach = resolved
        case .none: self.reach = scope.isEmpty ? nil : []
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, role, department, scope, inspectorId
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int64.self, forKey: .id), name: try c.decode(String.self, forKey: .name), role: try c.decode(Role.self, forKey: .role),
                  department: try c.decodeIfPresent(DepartmentCode.self, forKey: .department), scope: try c.decode([String].self, forKey: .scope),
                  inspectorId: try c.decodeIfPresent(Int64.self, forKey: .inspectorId))
    }

    /// The audit log's actor string.
    public var actor: String { "principal:\(id)" }
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
