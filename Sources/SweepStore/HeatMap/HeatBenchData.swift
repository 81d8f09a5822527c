import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Synthetic enforcement history for `sweep bench heatmap --fill-violations N`: inspections with two
/// violations each, spread over the last `months` months across all located venues, skewed so that
/// some venues offend again and again (a venue's draw probability falls with its rank, and ranks
/// are shuffled by a hash of the id so the repeaters are spread over the map). Rows are marked
/// `unplanned_reason = 'bench-history'` and can be told apart from demo and real data.
public enum HeatBenchData {
    public static let marker = "bench-history"

    /// Cases (violations) in the database now.
    public static func violations(_ db: Database) async throws -> Int {
        var n = 0
        for try await c in try await db.query("SELECT count(*)::bigint FROM case_file").decode(Int64.self) { n = Int(c) }
        return n
    }

    /// Adds inspections and cases until at least `target` cases exist, in batches, reporting
    /// progress; then the caller rebuilds the rollup. Returns the cases added.
    public static func fill(_ db: Database, target: Int, months: Int = 36, batch: Int = 1_000_000,
                            progress: @Sendable (Int, Int) -> Void) async throws -> Int {
        let existing = try await violations(db)
        let missing = max(target - existing, 0)
        var added = 0
        while added < missing {
            let cases = min(batch, missing - added)
            let inspections = (cases + 1) / 2
            _ = try await db.transaction { conn in
                try await conn.query("""
                    WITH v AS (SELECT array_agg(id ORDER BY md5(id::text)) AS ids FROM venue WHERE location IS NOT NULL),
                    draws AS (SELECT power(random(), 3) AS r, date_trunc('hour', now()) - random() * (\(months) * interval '30 days') AS t
                              FROM generate_series(1, \(inspections))),
                    ins AS (
                        INSERT INTO inspection (venue_id, origin, unplanned_reason, outcome, arrived_at, departed_at)
                        SELECT v.ids[1 + floor(d.r * cardinality(v.ids))::int], 'RANDOM', \(marker), 'inspected', d.t, d.t + interval '25 minutes'
                        FROM v, draws d
                        RETURNING id, venue_id, arrived_at
                    ),
                    vt AS (SELECT array_agg(code ORDER BY code) AS codes, array_agg(lead_department ORDER BY code) AS departments FROM violation_type),
                    picks AS (SELECT ins.*, random() AS u FROM ins, generate_series(1, 2))
                    INSERT INTO case_file (venue_id, violation_code, department_code, state, opened_at, closed_at, inspection_id)
                    SELECT p.venue_id, vt.codes[1 + floor(p.u * cardinality(vt.codes))::int], vt.departments[1 + floor(p.u * cardinality(vt.codes))::int],
                           'closed_rectified', p.arrived_at, p.arrived_at + interval '40 days', p.id
                    FROM picks p, vt
                    LIMIT \(cases)
                    """, logger: db.logger)
            }
            added += cases
            progress(existing + added, target)
        }
        return added
    }
}
