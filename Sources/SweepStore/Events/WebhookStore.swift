import Foundation
import PostgresNIO
import SweepAPI
import SweepCore

/// Webhooks and their cursors. Admins add and remove them (on the database); the server's
/// dispatcher reads the due ones and moves their cursors.
public struct WebhookStore: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    public struct Webhook: Sendable, Hashable, Codable {
        public var id: Int64
        public var name: String
        public var url: String
        public var kinds: [String]
        public var scope: [String]
        public var active: Bool
        public var cursor: String
        public var delivered: Int64
        public var failures: Int
        public var nextAttemptAt: Date
        public var lastError: String?
        /// Only when it was just added: shown once, for the receiver.
        public var secret: String?
    }

    /// Adds a webhook. It hears events from now on (`fromStart`: every event kept so far).
    public func add(name: String, url: String, kinds: [String], scope: [String], fromStart: Bool, actor: String) async throws -> Webhook {
        var issues: [FieldIssue] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init(location: "--name", reason: "must not be empty")) }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw SweepError.invalid(field: "--url", reason: "must be an http(s) URL, got \(url)")
        }
        if !issues.isEmpty { throw SweepError.invalid(issues) }
        let secret = TokenStore.newSecret(prefix: "whs_")
        return try await db.transaction { conn in
            for code in scope {
                var known = false
                for try await _ in try await conn.query("SELECT 1 FROM jurisdiction WHERE code = \(code)", logger: db.logger) { known = true }
                if !known { throw SweepError.invalid(field: "--scope", reason: "unknown jurisdiction \(code)") }
            }
            var id: Int64 = 0
            for try await v in try await conn.query("""
                INSERT INTO webhook (name, url, secret, kinds, scope, cursor_seq)
                VALUES (\(name), \(url), \(secret), \(kinds), \(scope),
                        CASE WHEN \(fromStart) THEN 0 ELSE (SELECT coalesce(max(seq), 0) FROM domain_event) END)
                RETURNING id
                """, logger: db.logger).decode(Int64.self) { id = v }
            try await AuditLog.append(AuditEntry(actor: actor, action: "webhook.add", objectType: "webhook", objectID: String(id),
                                                 details: ["url": url, "kinds": kinds.joined(separator: ","), "scope": scope.joined(separator: ",")]),
                                      on: conn, logger: db.logger)
            var hook = try await Self.list(id: id, on: conn, logger: db.logger)[0]
            hook.secret = secret
            return hook
        }
    }

    public func remove(_ id: Int64, reason: String?, actor: String) async throws {
        let reason = try Reason.required(reason, field: "--reason")
        try await db.transaction { conn in
            var found = false
            for try await _ in try await conn.query("UPDATE webhook SET active = false WHERE id = \(id) AND active RETURNING id", logger: db.logger) {
                found = true
            }
            if !found { throw SweepError.notFound("active webhook \(id)") }
            try await AuditLog.append(AuditEntry(actor: actor, action: "webhook.remove", objectType: "webhook", objectID: String(id), reason: reason),
                                      on: conn, logger: db.logger)
        }
    }

    public func list() async throws -> [Webhook] {
        try await db.transaction { conn in try await Self.list(id: nil, on: conn, logger: db.logger) }
    }

    static func list(id: Int64?, on conn: PostgresConnection, logger: Logger) async throws -> [Webhook] {
        var out: [Webhook] = []
        for try await (hid, name, url, kinds, scope, active, seq, delivered, failures, next, error) in try await conn.query("""
            SELECT id, name, url, kinds, scope, active, cursor_seq, delivered, failures, next_attempt_at, last_error
            FROM webhook WHERE \(id)::bigint IS NULL OR id = \(id) ORDER BY id
            """, logger: logger).decode((Int64, String, String, [String], [String], Bool, Int64, Int64, Int, Date, String?).self) {
            out.append(Webhook(id: hid, name: name, url: url, kinds: kinds, scope: scope, active: active, cursor: String(seq), delivered: delivered,
                               failures: failures, nextAttemptAt: next, lastError: error))
        }
        return out
    }

    /// What the dispatcher needs of a webhook that is due.
    public struct Due: Sendable {
        public var id: Int64
        public var url: String
        public var secret: String
        public var kinds: Set<String>
        public var reach: [Int64]?
        public var cursor: EventCursor
        public var failures: Int
    }

    public func due() async throws -> [Due] {
        var out: [Due] = []
        for try await (id, url, secret, kinds, scope, reach, seq, failures) in try await db.query("""
            SELECT id, url, secret, kinds, scope, jurisdiction_reach(scope), cursor_seq, failures
            FROM webhook WHERE active AND next_attempt_at <= now() ORDER BY id
            """).decode((Int64, String, String, [String], [String], [Int64], Int64, Int).self) {
            out.append(Due(id: id, url: url, secret: secret, kinds: Set(kinds), reach: scope.isEmpty ? nil : reach,
                           cursor: EventCursor(seq: seq), failures: failures))
        }
        return out
    }

    /// The receiver took everything up to `cursor` (`sent` of them were for it).
    public func advance(_ id: Int64, to cursor: EventCursor, sent: Int) async throws {
        try await db.query("""
            UPDATE webhook SET cursor_seq = \(cursor.seq), delivered = delivered + \(sent),
                               failures = 0, last_error = NULL
            WHERE id = \(id)
            """)
    }

    /// The receiver failed: try again after `retryIn`, keeping the cursor where it is.
    public func failed(_ id: Int64, error: String, retryIn: TimeInterval) async throws {
        try await db.query("""
            UPDATE webhook SET failures = failures + 1, last_error = \(String(error.prefix(500))),
                               next_attempt_at = now() + make_interval(secs => \(retryIn))
            WHERE id = \(id)
            """)
    }
}
