import Foundation
import Logging
import PostgresNIO
import SweepCore

/// What the compliance figure is computed from, as the database held it at `asOf`: inspected visits
/// in the window (recorded by then, with the findings' latest revision by then), split by district,
/// kind and whether they were drawn at random; and the venues of each district and kind.
public struct ComplianceReader: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    public struct Input: Sendable {
        public var visits: [VisitCount]
        public var venues: [String: [String: Int]]
        public var districtNames: [String: String]
    }

    /// `area`: jurisdiction ids the report covers (a campaign's area, a district), nil for all;
    /// `reach`: what the caller may see, nil for all.
    public func read(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?) async throws -> Input {
        var input = Input(visits: [], venues: [:], districtNames: [:])
        let rows = try await db.query("""
            WITH visit AS (
                SELECT j.code AS district, j.name AS district_name,
                       CASE WHEN v.kind = 'tobacco_retail' THEN 'tobacco_retail'
                            WHEN v.licensed THEN 'licensed_cafe' ELSE 'unlicensed_cafe' END AS kind,
                       (i.origin = 'RANDOM' OR coalesce(ss.reason ->> 'method' = 'random_draw', false)) AS random,
                       CASE WHEN ss.reason ->> 'method' = 'random_draw' THEN 'random' ELSE lower(i.origin) END AS origin,
                       EXISTS (SELECT 1 FROM finding f JOIN finding_violation fv ON fv.finding_id = f.id
                               WHERE f.inspection_id = i.id AND f.recorded_at <= \(asOf)
                                 AND f.revision = (SELECT max(f2.revision) FROM finding f2 WHERE f2.inspection_id = i.id
                                                   AND f2.department_code = f.department_code AND f2.recorded_at <= \(asOf))) AS violated
                FROM inspection i
                JOIN venue v ON v.id = i.venue_id
                JOIN jurisdiction j ON j.id = v.jurisdiction_id
                LEFT JOIN sweep_stop ss ON ss.id = i.sweep_stop_id
                WHERE i.outcome = 'inspected' AND i.arrived_at >= \(from) AND i.arrived_at < \(to) AND i.recorded_at <= \(asOf)
                  AND v.kind IN ('internet_cafe', 'tobacco_retail')
                  AND (\(area)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(area)::bigint[]))
                  AND (\(reach)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(reach)::bigint[]))
            )
            SELECT district, district_name, kind, random, origin, count(*)::int, (count(*) FILTER (WHERE violated))::int
            FROM visit GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 3, 4, 5
            """)
        for try await (d, name, kind, random, origin, n, y) in rows.decode((String, String, String, Bool, String, Int, Int).self) {
            input.visits.append(VisitCount(district: d, districtName: name, kind: kind, random: random, origin: origin, visits: n, inViolation: y))
            input.districtNames[d] = name
        }
        // The frame as it stood at asOf: registered by then and not closed by then.
        let day = ISODay.format(asOf)
        let venues = try await db.query("""
            SELECT j.code, j.name, CASE WHEN v.kind = 'tobacco_retail' THEN 'tobacco_retail'
                                        WHEN v.licensed THEN 'licensed_cafe' ELSE 'unlicensed_cafe' END, count(*)::int
            FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
            WHERE v.kind IN ('internet_cafe', 'tobacco_retail') AND v.created_at <= \(asOf)
              AND (v.closed_on > \(day)::date OR (v.closed_on IS NULL AND v.status <> 'closed'))
              AND (\(area)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(area)::bigint[]))
              AND (\(reach)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(reach)::bigint[]))
            GROUP BY 1, 2, 3
            """)
        for try await (d, name, kind, n) in venues.decode((String, String, String, Int).self) {
            input.venues[d, default: [:]][kind] = n
            input.districtNames[d] = name
        }
        return input
    }

    /// The jurisdiction ids under `codes` (a campaign's area or a district), for `area`.
    public func reach(of codes: [String]) async throws -> [Int64] {
        var ids: [Int64] = []
        for try await r in try await db.query("SELECT jurisdiction_reach(\(codes)::text[])").decode([Int64].self) { ids = r }
        return ids
    }
}
