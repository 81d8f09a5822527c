import Crypto
import Foundation
import Logging
import NIOCore
import PostgresNIO
import SweepAPI
import SweepCore

/// Browser sign-in: one-time codes issued for a principal, exchanged once for a session whose secret
/// lives only in the browser's HttpOnly cookie. Codes and secrets are stored as SHA-256, like tokens.
public struct SessionStore: Sendable {
    public let db: Database
    /// Recently checked sessions, as for tokens: a sign-out here takes effect at once, a revocation
    /// by another process (`sweep token end-session`) within `cacheSeconds`.
    let recent: RecentTokens

    public init(db: Database, cacheSeconds: TimeInterval = 5) {
        self.db = db
        self.recent = RecentTokens(seconds: cacheSeconds)
    }

    /// A signed-in browser: who, which session, until when, and the token its writes must echo.
    public struct SignedIn: Sendable {
        public var principal: Principal
        public var sessionId: Int64
        public var expiresAt: Date
        public var csrfToken: String
        /// The cookie's value: only on sign-in, where the response sets it.
        public var secret: String? = nil
    }

    /// The principal a code is asked for: by id, or the newest inspector principal acting as the
    /// registry inspector with that staff code.
    public func principalId(for request: SigninCodeRequest) async throws -> Int64 {
        switch (request.principalId, request.inspector) {
        case (let id?, nil): return id
        case (nil, let code?):
            let rows = try await db.query("""
                SELECT p.id FROM principal p JOIN inspector i ON i.id = p.inspector_id
                WHERE i.code = \(code) AND p.role = 'inspector' ORDER BY p.id DESC LIMIT 1
                """)
            var found: Int64?
            for try await id in rows.decode(Int64.self) { found = id }
            guard let found else {
                throw SweepError.invalid(field: "inspector", reason: "no inspector principal acts as \(code); an admin issues one with "
                                         + "`sweep token issue --role inspector --inspector \(code) …`")
            }
            return found
        default:
            throw SweepError.invalid(field: "principal_id", reason: "give either principal_id or inspector (a registry inspector's staff code), not both or neither")
        }
    }

    /// Issues a code for `principalId`, audited as `actor`; the code is returned once and only its hash kept.
    public func issueCode(principalId: Int64, lifetime: TimeInterval, actor: String) async throws -> IssuedSigninCode {
        let code = SigninCode.generate()
        let hash = Self.hash(SigninCode.normalize(code)!)
        return try await db.transaction { conn in
            guard let principal = try await PrincipalRow.load(principalId, on: conn, logger: db.logger) else {
                throw SweepError.notFound("principal \(principalId)")
            }
            var codeId: Int64 = 0
            var expires = Date()
            for try await (id, at) in try await conn.query("""
                INSERT INTO signin_code (principal_id, code_hash, issued_by, expires_at)
                VALUES (\(principalId), \(hash), \(actor), now() + make_interval(secs => \(lifetime)))
                RETURNING id, expires_at
                """, logger: db.logger).decode((Int64, Date).self) {
                (codeId, expires) = (id, at)
            }
            try await AuditLog.append(AuditEntry(actor: actor, action: "signin_code.issue", objectType: "signin_code", objectID: String(codeId),
                                                 details: ["principal": String(principalId), "expires_at": expires.formatted(.iso8601)]),
                                      on: conn, logger: db.logger)
            return IssuedSigninCode(code: code, principal: principal, expiresAt: expires)
        }
    }

    /// Exchanges a code for a session. The code is spent in the same statement that checks it, so two
    /// browsers racing with one code get one session between them.
    public func signIn(code typed: String, userAgent: String?, lifetime: TimeInterval = BrowserSession.defaultLifetime) async throws -> SignedIn {
        guard let normalized = SigninCode.normalize(typed) else {
            throw SweepError.unauthenticated("that is not a sign-in code: codes are ten letters and digits such as ABCDE-FGHJK")
        }
        let hash = Self.hash(normalized)
        let secret = TokenStore.newSecret(prefix: "sws_")
        return try await db.transaction { conn in
            var spent: (Int64, Int64)?
            for try await row in try await conn.query("""
                UPDATE signin_code SET used_at = now()
                WHERE code_hash = \(hash) AND used_at IS NULL AND expires_at > now()
                RETURNING id, principal_id
                """, logger: db.logger).decode((Int64, Int64).self) { spent = row }
            guard let (codeId, principalId) = spent else { throw try await Self.whyNot(hash, conn, db.logger) }
            var session: (Int64, Date)?
            for try await row in try await conn.query("""
                INSERT INTO browser_session (principal_id, secret_hash, signin_code_id, user_agent, expires_at)
                VALUES (\(principalId), \(Self.hash(secret)), \(codeId), \(userAgent.map { String($0.prefix(300)) }),
                        now() + make_interval(secs => \(lifetime)))
                RETURNING id, expires_at
                """, logger: db.logger).decode((Int64, Date).self) { session = row }
            guard let (sessionId, expires) = session else { throw SweepError.unavailable("the session was not stored") }
            let principal = try await PrincipalRow.load(principalId, on: conn, logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: "principal:\(principalId)", action: "session.signin", objectType: "browser_session",
                                                 objectID: String(sessionId), details: ["signin_code": String(codeId)]),
                                      on: conn, logger: db.logger)
            guard let principal else { throw SweepError.notFound("principal \(principalId)") }
            return SignedIn(principal: principal, sessionId: sessionId, expiresAt: expires, csrfToken: Self.csrfToken(secret: secret), secret: secret)
        }
    }

    /// Why a code was not accepted: spent, expired or unknown.
    static func whyNot(_ hash: ByteBuffer, _ conn: PostgresConnection, _ logger: Logger) async throws -> SweepError {
        for try await (used, expires) in try await conn.query("SELECT used_at, expires_at FROM signin_code WHERE code_hash = \(hash)", logger: logger)
            .decode((Date?, Date).self) {
            if used != nil { return .unauthenticated("this sign-in code has been used already; each code signs in once — ask for a new one") }
            return .unauthenticated("this sign-in code expired at \(expires.formatted(.iso8601)); ask for a new one")
        }
        return .unauthenticated("unknown sign-in code; check it, or ask for a new one")
    }

    /// The session a cookie names, or `.unauthenticated` saying why not.
    public func authenticate(secret: String) async throws -> SignedIn {
        let hash = Self.hash(secret)
        if let known = recent.lookup(hash) {
            if known.expires < Date() { throw Self.expired(known.expires) }
            return SignedIn(principal: known.principal, sessionId: known.tokenId, expiresAt: known.expires, csrfToken: Self.csrfToken(secret: secret))
        }
        let rows = try await db.query("""
            SELECT s.id, s.expires_at, s.ended_by, \(unescaped: PrincipalRow.columns)
            FROM browser_session s JOIN principal p ON p.id = s.principal_id
            WHERE s.secret_hash = \(hash)
            """)
        for try await (sessionId, expires, endedBy, pid, name, role, dept, scope, inspectorID, reach) in
            rows.decode((Int64, Date, String?, Int64, String, String, String?, [String], Int64?, [Int64]).self) {
            switch endedBy {
            case "signout"?: throw SweepError.unauthenticated("this browser signed out; sign in again with a new code")
            case _?: throw SweepError.unauthenticated("this browser session was ended by an admin; sign in again with a new code")
            case nil: break
            }
            if expires < Date() { throw Self.expired(expires) }
            _ = try? await db.query("""
                UPDATE browser_session SET last_seen_at = now()
                WHERE id = \(sessionId) AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')
                """)
            let principal = PrincipalRow.principal((pid, name, role, dept, scope, inspectorID, reach))
            recent.remember(hash, tokenId: sessionId, principal: principal, expires: expires)
            return SignedIn(principal: principal, sessionId: sessionId, expiresAt: expires, csrfToken: Self.csrfToken(secret: secret))
        }
        throw SweepError.unauthenticated("unknown browser session; sign in again")
    }

    static func expired(_ at: Date) -> SweepError {
        .unauthenticated("this browser session expired at \(at.formatted(.iso8601)); sign in again with a new code")
    }

    /// Sign-out: the browser ends its own session.
    public func signOut(sessionId: Int64, principal: Principal) async throws {
        try await end(sessionIds: [sessionId], principalId: nil, by: "signout", actor: principal.actor, reason: nil)
    }

    /// An admin ends one session, or every open session of a principal (a lost phone, a person who
    /// left); the reason is required and kept. Returns the sessions ended.
    public func revoke(sessionId: Int64?, principalId: Int64?, actor: String, reason: String?) async throws -> [Int64] {
        let reason = try Reason.required(reason, field: "reason")
        let ended = try await end(sessionIds: sessionId.map { [$0] }, principalId: principalId, by: "revoked", actor: actor, reason: reason)
        if ended.isEmpty {
            if let sessionId { throw SweepError.conflict("browser session \(sessionId) does not exist or has ended already") }
            throw SweepError.conflict("principal \(principalId ?? 0) has no open browser session")
        }
        return ended
    }

    @discardableResult
    func end(sessionIds: [Int64]?, principalId: Int64?, by: String, actor: String, reason: String?) async throws -> [Int64] {
        try await db.transaction { conn in
            var ended: [Int64] = []
            for try await id in try await conn.query("""
                UPDATE browser_session SET ended_at = now(), ended_by = \(by)
                WHERE ended_at IS NULL AND (id = ANY(\(sessionIds ?? [])) OR principal_id = \(principalId ?? -1))
                RETURNING id
                """, logger: db.logger).decode(Int64.self) { ended.append(id) }
            for id in ended.sorted() {
                recent.forget(tokenId: id)
                try await AuditLog.append(AuditEntry(actor: actor, action: by == "signout" ? "session.signout" : "session.revoke",
                                                     objectType: "browser_session", objectID: String(id), reason: reason),
                                          on: conn, logger: db.logger)
            }
            return ended.sorted()
        }
    }

    /// Open sessions (every session with `includeEnded`), or only the one with `id`.
    public func list(includeEnded: Bool = false, id: Int64? = nil) async throws -> [BrowserSessionRecord] {
        let rows = try await db.query("""
            SELECT s.id, s.user_agent, s.created_at, s.expires_at, s.ended_at, s.ended_by, s.last_seen_at, \(unescaped: PrincipalRow.columns)
            FROM browser_session s JOIN principal p ON p.id = s.principal_id
            WHERE (\(includeEnded) OR (s.ended_at IS NULL AND s.expires_at > now())) AND (\(id)::bigint IS NULL OR s.id = \(id))
            ORDER BY s.id
            """)
        var out: [BrowserSessionRecord] = []
        for try await (id, agent, created, expires, ended, endedBy, lastSeen, pid, name, role, dept, scope, inspectorID, reach) in
            rows.decode((Int64, String?, Date, Date, Date?, String?, Date?, Int64, String, String, String?, [String], Int64?, [Int64]).self) {
            out.append(BrowserSessionRecord(id: id, principal: PrincipalRow.principal((pid, name, role, dept, scope, inspectorID, reach)), userAgent: agent,
                                            createdAt: created, expiresAt: expires, endedAt: ended, endedBy: endedBy, lastSeenAt: lastSeen))
        }
        return out
    }

    /// The value a cookie-authenticated write must send in X-CSRF-Token: derived from the session
    /// secret, so nothing more is stored, and unknowable to a page of another site.
    public static func csrfToken(secret: String) -> String {
        SHA256.hash(data: Data("sweep-csrf\u{0}\(secret)".utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    static func hash(_ text: String) -> ByteBuffer { TokenStore.hash(text) }
}
