import Foundation
import Logging
import PostgresNIO
import SweepCore

/// The heat-map rollup (`heat_venue_month`): counted up in the submission's transaction, rebuilt
/// from the raw tables on demand, and checked against a fresh count.
public enum HeatRollup {
    // Inspections are counted by the submission's own INSERT statement (SubmissionStore.submit),
    // which adds to heat_venue_month in the same round trip.

    /// One violation (a new case) under its catalogue lead department, inside the submission's transaction.
    static func countViolation(venueID: Int64, at: Date, code: String, department: DepartmentCode, stopID: Int64?,
                               on conn: PostgresConnection, logger: Logger) async throws {
        try await conn.query("""
            INSERT INTO heat_venue_month (venue_id, month, violation_code, department_code, campaign_id, violations)
            VALUES (\(venueID), heat_month(\(at)), \(code), \(department.rawValue), inspection_campaign(\(stopID)), 1)
            ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
            DO UPDATE SET violations = heat_venue_month.violations + 1, changed_xid = pg_current_xact_id()
            """, logger: logger)
    }

    /// The rows the rollup should hold, computed from inspections and cases.
    static let freshCount = """
        SELECT venue_id, month, violation_code, department_code, campaign_id, sum(inspections)::int AS inspections, sum(violations)::int AS violations
        FROM (
            SELECT i.venue_id, heat_month(i.arrived_at) AS month, '' AS violation_code, '' AS department_code,
                   inspection_campaign(i.sweep_stop_id) AS campaign_id, 1 AS inspections, 0 AS violations
            FROM inspection i
            UNION ALL
            SELECT c.venue_id, heat_month(c.opened_at), c.violation_code, vt.lead_department,
                   coalesce(inspection_campaign(i.sweep_stop_id), 0), 0, 1
            FROM case_file c JOIN violation_type vt ON vt.code = c.violation_code LEFT JOIN inspection i ON i.id = c.inspection_id
        ) x
        GROUP BY venue_id, month, violation_code, department_code, campaign_id
        """

    /// Replaces the rollup with a fresh count (one transaction); returns the number of rows.
    public static func rebuild(_ db: Database, actor: String) async throws -> Int {
        try await db.transaction { conn in
            try await conn.query("LOCK TABLE heat_venue_month IN EXCLUSIVE MODE", logger: db.logger)
            try await conn.query("DELETE FROM heat_venue_month", logger: db.logger)
            // Deleted rows cannot show in the change feed: readers of the feed reload on a new epoch.
            try await conn.query("UPDATE heat_rollup_epoch SET epoch = epoch + 1", logger: db.logger)
            try await conn.query(PostgresQuery(unsafeSQL: "INSERT INTO heat_venue_month (venue_id, month, violation_code, department_code, campaign_id, inspections, violations) " + freshCount),
                                 logger: db.logger)
            var rows = 0
            for try await n in try await conn.query("SELECT count(*)::int FROM heat_venue_month", logger: db.logger).decode(Int.self) { rows = n }
            try await AuditLog.append(AuditEntry(actor: actor, action: "heatmap.rebuild", objectType: "heat_venue_month",
                                                 details: ["rows": String(rows)]), on: conn, logger: db.logger)
            return rows
        }
    }

    /// Rows where the incrementally kept rollup and a fresh count disagree (empty = they agree).
    public static func differences(_ db: Database, limit: Int = 20) async throws -> [String] {
        var binds = PostgresBindings()
        binds.append(limit)
        let rows = try await db.query(PostgresQuery(unsafeSQL: """
            WITH fresh AS (\(freshCount)),
            kept AS (SELECT venue_id, month, violation_code, department_code, campaign_id, inspections, violations FROM heat_venue_month
                     WHERE inspections > 0 OR violations > 0),
            only_fresh AS (SELECT * FROM fresh EXCEPT SELECT * FROM kept),
            only_kept AS (SELECT * FROM kept EXCEPT SELECT * FROM fresh)
            SELECT 'missing or different in rollup: ' || row(f.*)::text FROM only_fresh f
            UNION ALL
            SELECT 'extra or different in rollup: ' || row(k.*)::text FROM only_kept k
            LIMIT $1
            """, binds: binds))
        var out: [String] = []
        for try await line in rows.decode(String.self) { out.append(line) }
        return out
    }
}
