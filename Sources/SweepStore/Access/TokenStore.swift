import Crypto
import Foundation
import Logging
import NIOCore
import PostgresNIO
import SweepCore

/// Principals and their bearer tokens. Secrets are random, shown once, and stored only as SHA-256.
public struct TokenStore: AccessStore {
    public let db: Database
    /// Recently checked tokens, so that a burst of requests costs one lookup per token per window.
    let recent: RecentTokens

    /// `cacheSeconds`: how long a checked token is trusted without asking the database again —
    /// the longest a revocation made by another process (`sweep token revoke`) can lag.
    public init(db: Database, cacheSeconds: TimeInterval = 5) {
        self.db = db
        self.recent = RecentTokens(seconds: cacheSeconds)
    }

    /// What to issue a token for.
    public struct Request: Sendable {
        public var name: String
        public var role: Role
        public var department: DepartmentCode?
        public var scope: [String]
        public var label: String?
        public var validFor: TimeInterval
        /// Staff code of the registry inspector an inspector token acts as.
        public var inspectorCode: String?

        public init(name: String, role: Role, department: DepartmentCode? = nil, scope: [String] = [], label: String? = nil,
                    validFor: TimeInterval = 90 * 86_400, inspectorCode: String? = nil) {
            self.inspectorCode = inspectorCode
            self.name = name
            self.role = role
            self.department = department
            self.scope = scope
            self.label = label
            self.validFor = validFor
        }

        func validate() throws {
            var issues: [FieldIssue] = []
            if name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init(location: "--name", reason: "must not be empty")) }
            if role.needsDepartment, department == nil {
                issues.append(.init(location: "--department", reason: "\(role.rawValue) tokens act for one department: give --department (CUL, SAMR, PSB, TOB …)"))
            }
            if !role.needsDepartment, department != nil, role != .leader {
                issues.append(.init(location: "--department", reason: "only inspectors, handlers and leaders are scoped to a department"))
            }
            if inspectorCode != nil, role != .inspector {
                issues.append(.init(location: "--inspector", reason: "only inspector tokens act as a registry inspector"))
            }
            if !(validFor > 0 && validFor <= 366 * 86_400) {
                issues.append(.init(location: "--expires-in", reason: "must be between 1 second and 366 days"))
            }
            if !issues.isEmpty { throw SweepError.invalid(issues) }
        }
    }

    /// Creates a principal and a token for it, audited as `actor`.
    public func issue(_ request: Request, actor: String) async throws -> IssuedToken {
        try request.validate()
        let secret = Self.newSecret()
        let hash = Self.hash(secret)
        let expires = Date().addingTimeInterval(request.validFor)
        return try await db.transaction { conn in
            if let department = request.department {
                let rows = try await conn.query("SELECT 1 FROM department WHERE code = \(department.rawValue)", logger: db.logger)
                var found = false
                for try await _ in rows { found = true }
                if !found { throw SweepError.invalid(field: "--department", reason: "unknown department \(department.rawValue)") }
            }
            var scopeIDs: [Int64] = []
            for code in request.scope {
                let rows = try await conn.query("SELECT id FROM jurisdiction WHERE code = \(code)", logger: db.logger)
                var id: Int64?
                for try await value in rows.decode(Int64.self) { id = value }
                guard let id else { throw SweepError.invalid(field: "--scope", reason: "unknown jurisdiction \(code)") }
                scopeIDs.append(id)
            }
            var inspectorID: Int64?
            if let code = request.inspectorCode {
                for try await (id, dept) in try await conn.query("SELECT id, department_code FROM inspector WHERE code = \(code)", logger: db.logger)
                    .decode((Int64, String).self) {
                    if let d = request.department, d.rawValue != dept {
                        throw SweepError.invalid(field: "--inspector", reason: "inspector \(code) belongs to \(dept), not \(d.rawValue)")
                    }
                    inspectorID = id
                }
                if inspectorID == nil { throw SweepError.invalid(field: "--inspector", reason: "unknown inspector code \(code)") }
            }
            var principalID: Int64 = 0
            let rows = try await conn.query("""
                INSERT INTO principal (name, role, department_code, inspector_id)
                VALUES (\(request.name), \(request.role.rawValue), \(request.department?.rawValue), \(inspectorID))
                RETURNING id
                """, logger: db.logger)
            for try await id in rows.decode(Int64.self) { principalID = id }
            for id in scopeIDs {
                try await conn.query("INSERT INTO principal_scope (principal_id, jurisdiction_id) VALUES (\(principalID), \(id))", logger: db.logger)
            }
            var tokenId: Int64 = 0
            let tokenRows = try await conn.query("""
                INSERT INTO api_token (principal_id, token_hash, token_prefix, label, expires_at)
                VALUES (\(principalID), \(hash), \(String(secret.prefix(12))), \(request.label), \(expires))
                RETURNING id
                """, logger: db.logger)
            for try await id in tokenRows.decode(Int64.self) { tokenId = id }
            try await AuditLog.append(AuditEntry(actor: actor, action: "token.issue", objectType: "api_token", objectID: String(tokenId),
                                                 details: ["role": request.role.rawValue, "principal": request.name]),
                                      on: conn, logger: db.logger)
            let principal = Principal(id: principalID, name: request.name, role: request.role, department: request.department, scope: request.scope,
                                      inspectorId: inspectorID)
            return IssuedToken(tokenId: tokenId, principal: principal, secret: secret, expiresAt: expires)
        }
    }

    /// Revokes a token; revoking twice is refused so that the audit log has one entry per revocation.
    public func revoke(tokenId: Int64, actor: String, reason: String?) async throws {
        let reason = try Reason.required(reason, field: "reason")
        try await db.transaction { conn in
            let rows = try await conn.query("""
                UPDATE api_token SET revoked_at = now() WHERE id = \(tokenId) AND revoked_at IS NULL RETURNING id
                """, logger: db.logger)
            var updated = false
            for try await _ in rows { updated = true }
            if !updated {
                let exists = try await conn.query("SELECT 1 FROM api_token WHERE id = \(tokenId)", logger: db.logger)
                var found = false
                for try await _ in exists { found = true }
                throw found ? SweepError.conflict("token \(tokenId) is already revoked") : SweepError.notFound("token \(tokenId)")
            }
            recent.forget(tokenId: tokenId)
            try await AuditLog.append(AuditEntry(actor: actor, action: "token.revoke", objectType: "api_token", objectID: String(tokenId), reason: reason),
                                      on: conn, logger: db.logger)
        }
    }

    public func list(includeRevoked: Bool = false) async throws -> [TokenInfo] {
        let rows = try await db.query("""
            SELECT t.id, t.token_prefix, p.id, p.name, p.role, p.department_code,
                   coalesce((SELECT array_agg(j.code ORDER BY j.code) FROM principal_scope s JOIN jurisdiction j ON j.id = s.jurisdiction_id
                             WHERE s.principal_id = p.id), '{}'),
                   t.label, t.created_at, t.expires_at, t.revoked_at, t.last_used_at
            FROM api_token t JOIN principal p ON p.id = t.principal_id
            WHERE \(includeRevoked) OR t.revoked_at IS NULL
            ORDER BY t.id
            """)
        var out: [TokenInfo] = []
        for try await (id, prefix, pid, name, role, dept, scope, label, created, expires, revoked, used) in
            rows.decode((Int64, String, Int64, String, String, String?, [String], String?, Date, Date, Date?, Date?).self) {
            let principal = Principal(id: pid, name: name, role: Role(rawValue: role) ?? .leader, department: dept.map(DepartmentCode.init(rawValue:)), scope: scope)
            out.append(TokenInfo(tokenId: id, prefix: prefix, principal: principal, label: label, createdAt: created, expiresAt: expires,
                                 revokedAt: revoked, lastUsedAt: used))
        }
        return out
    }

    public func authenticate(secret: String) async throws -> Principal {
        let hash = Self.hash(secret)
        if let known = recent.lookup(hash) {
            if known.expires < Date() { throw SweepError.unauthenticated("this token expired at \(known.expires.formatted(.iso8601)); ask an admin for a new one") }
            return known.principal
        }
        let rows = try await db.query("""
            SELECT t.id, t.expires_at, t.revoked_at, \(unescaped: PrincipalRow.columns)
            FROM api_token t JOIN principal p ON p.id = t.principal_id
            WHERE t.token_hash = \(hash)
            """)
        for try await (tokenId, expires, revoked, pid, name, role, dept, scope, inspectorID, reach) in
            rows.decode((Int64, Date, Date?, Int64, String, String, String?, [String], Int64?, [Int64]).self) {
            if revoked != nil { throw SweepError.unauthenticated("this token was revoked") }
            if expires < Date() { throw SweepError.unauthenticated("this token expired at \(expires.formatted(.iso8601)); ask an admin for a new one") }
            // Best effort and cheap: one UPDATE per minute per token at most.
            _ = try? await db.query("""
                UPDATE api_token SET last_used_at = now()
                WHERE id = \(tokenId) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                """)
            let principal = PrincipalRow.principal((pid, name, role, dept, scope, inspectorID, reach))
            recent.remember(hash, tokenId: tokenId, principal: principal, expires: expires)
            return principal
        }
        throw SweepError.unauthenticated("unknown token")
    }

    static func newSecret(prefix: String = "swp_") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        // base32 of 32 bytes, no padding: URL- and shell-safe.
        var bits = 0, value = 0
        var out = prefix
        for byte in bytes {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(value >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[(value << (5 - bits)) & 31]) }
        return out
    }

    /// SHA-256 of the secret as a bytea value.
    static func hash(_ secret: String) -> ByteBuffer {
        ByteBuffer(bytes: Array(SHA256.hash(data: Data(secret.utf8))))
    }
}

/// Tokens checked in the last few seconds (never unknown, revoked or expired ones).
final class RecentTokens: @unchecked Sendable {
    struct Entry { var tokenId: Int64; var principal: Principal; var expires: Date; var checkedAt: Date }
    private let lock = NSLock()
    private var entries: [ByteBuffer: Entry] = [:]
    let seconds: TimeInterval

    init(seconds: TimeInterval) { self.seconds = seconds }

    func lookup(_ hash: ByteBuffer, now: Date = Date()) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = entries[hash], now.timeIntervalSince(e.checkedAt) < seconds else { return nil }
        return e
    }

    func remember(_ hash: ByteBuffer, tokenId: Int64, principal: Principal, expires: Date, now: Date = Date()) {
        guard seconds > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        // Bounded: stale entries go whenever the table grows large.
        if entries.count > 10_000 { entries = entries.filter { now.timeIntervalSince($0.value.checkedAt) < seconds } }
        entries[hash] = Entry(tokenId: tokenId, principal: principal, expires: expires, checkedAt: now)
    }

    func forget(tokenId: Int64) {
        lock.lock()
        defer { lock.unlock() }
        entries = entries.filter { $0.value.tokenId != tokenId }
    }
}
