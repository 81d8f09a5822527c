import Foundation
import PostgresNIO
import SweepCore

/// The same counts as ``VisitCountReader``, straight from the raw rows of the window: the baseline
/// `sweep bench report` times beside the rollup, and what the tests compare it with at many moments.
public struct RawVisitCounts: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    public func byDistrict(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?) async throws -> [VisitCount] {
        var out: [VisitCount] = []
        let rows = try await db.query("""
            SELECT j.code, j.name, venue_target_kind(v.kind, v.licensed), visit_is_random(i.origin, ss.reason), visit_selection(i.origin, ss.reason),
                   count(*)::int, (count(*) FILTER (WHERE inspection_violated_as_of(i.id, \(asOf))))::int
            FROM inspection i
            JOIN venue v ON v.id = i.venue_id
            JOIN jurisdiction j ON j.id = v.jurisdiction_id
            LEFT JOIN sweep_stop ss ON ss.id = i.sweep_stop_id
            WHERE i.outcome = 'inspected' AND i.arrived_at >= \(from) AND i.arrived_at < \(to) AND i.recorded_at <= \(asOf)
              AND v.kind IN ('internet_cafe', 'tobacco_retail')
              AND (\(area)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(area)::bigint[]))
              AND (\(reach)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(reach)::bigint[]))
            GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 3, 4, 5
            """)
        for try await (d, name, kind, random, origin, n, y) in rows.decode((String, String, String, Bool, String, Int, Int).self) {
            out.append(VisitCount(district: d, districtName: name, kind: kind, random: random, origin: origin, visits: n, inViolation: y))
        }
        return out
    }

    public func byWeek(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?) async throws -> [Int: (visits: Int, withViolation: Int)] {
        var out: [Int: (visits: Int, withViolation: Int)] = [:]
        let rows = try await db.query("""
            SELECT (floor(extract(epoch FROM i.arrived_at - \(from)) / 604800) + 1)::int, count(*)::int,
                   (count(*) FILTER (WHERE inspection_violated_as_of(i.id, \(asOf))))::int
            FROM inspection i JOIN venue v ON v.id = i.venue_id
            WHERE i.outcome = 'inspected' AND i.arrived_at >= \(from) AND i.arrived_at < \(to) AND i.recorded_at <= \(asOf)
              AND (\(area)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(area)::bigint[]))
              AND (\(reach)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(reach)::bigint[]))
            GROUP BY 1
            """)
        for try await (week, n, y) in rows.decode((Int, Int, Int).self) { out[week] = (n, y) }
        return out
    }
}
