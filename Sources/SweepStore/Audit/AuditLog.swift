import Foundation
import Logging
import PostgresNIO
import SweepAPI
import SweepCore

extension AuditEntry {
    /// The actor string for admin commands run against the database directly.
    public static func cliActor() -> String {
        let env = ProcessInfo.processInfo.environment
        if let user = env["SUDO_USER"] ?? env["USER"], !user.isEmpty { return "cli:\(user)" }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return "cli:\(String(cString: name))" }
        return "cli:uid\(geteuid())"
    }
}


/// Appends to and reads the audit log. Appends happen on the caller's connection so that the entry
/// commits or rolls back with the change it describes.
public enum AuditLog {
    public static func append(_ entry: AuditEntry, on connection: PostgresConnection, logger: Logger) async throws {
        let details = String(decoding: try JSONEncoder().encode(entry.details), as: UTF8.self)
        try await connection.query("""
            INSERT INTO audit_log (actor, action, object_type, object_id, reason, details)
            VALUES (\(entry.actor), \(entry.action), \(entry.objectType), \(entry.objectID), \(entry.reason), \(details)::jsonb)
            """, logger: logger)
    }

    /// The newest entries first.
    public static func recent(_ db: Database, limit: Int = 50, objectType: String? = nil) async throws -> [AuditRecord] {
        let rows = try await db.query("""
            SELECT id, occurred_at, actor, action, object_type, object_id, reason, details::text
            FROM audit_log
            WHERE \(objectType)::text IS NULL OR object_type = \(objectType)
            ORDER BY id DESC LIMIT \(limit)
            """)
        var out: [AuditRecord] = []
        for try await (id, at, actor, action, type, objectID, reason, details) in rows.decode((Int64, Date, String, String, String, String?, String?, String).self) {
            let parsed = (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))) ?? [:]
            out.append(AuditRecord(id: id, occurredAt: at, entry: AuditEntry(actor: actor, action: action, objectType: type, objectID: objectID, reason: reason, details: parsed)))
        }
        return out
    }
}
