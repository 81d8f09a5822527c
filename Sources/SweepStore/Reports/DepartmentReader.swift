import Foundation
import Logging
import PostgresNIO
import SweepCore

/// The department evaluation's figures, as the database held them at `asOf`: every timestamp a
/// case carries (decided, accepted, re-inspected, closed) is compared with the moment, so a later
/// run as of the same moment gives the same figures. Counted in one pass per table, per department
/// and per department and district (grouping sets), from one index-only range scan over the
/// cases' opening time (sql/0019: the case carries its venue's district).
public struct DepartmentReader: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    /// The cases of the window as of the moment, counted per department and per department and district.
    static func caseQuery(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?) -> PostgresQuery {
        let day = ISODay.format(asOf)
        return """
        WITH c AS (
            SELECT c.department_code AS department, c.jurisdiction_id AS district,
                   -- date_part is float8; extract's numeric arithmetic took a third of the query at province scale.
                   CASE WHEN c.decided_at <= \(asOf) THEN date_part('epoch', c.decided_at - c.opened_at) / 86400 END AS days,
                   c.referred_from IS NOT NULL AS referred,
                   coalesce(c.accepted_at <= \(asOf) AND c.accepted_at <= c.referral_deadline, false) AS in_time,
                   coalesce(c.accepted_at <= \(asOf) AND c.accepted_at > c.referral_deadline, false) AS late,
                   coalesce(c.rectification_due < \(day)::date, false) AS due,
                   coalesce(c.reinspected_at <= \(asOf), false) AS verified,
                   coalesce(c.reinspected_at <= \(asOf) AND c.reinspection_passed, false) AS passed,
                   coalesce((c.closed_at IS NULL OR c.closed_at > \(asOf)) AND (
                       (c.decided_at IS NULL OR c.decided_at > \(asOf)) AND c.opened_at < \(asOf)::timestamptz - interval '90 days'
                    OR c.referred_from IS NOT NULL AND (c.accepted_at IS NULL OR c.accepted_at > \(asOf)) AND c.referral_deadline < \(asOf)
                    OR c.rectification_due < \(day)::date AND (c.reinspected_at IS NULL OR c.reinspected_at > \(asOf))), false) AS overdue
            FROM case_file c
            WHERE c.opened_at >= \(from) AND c.opened_at < \(to) AND c.opened_at <= \(asOf)
              -- A case exists from its visit's recording: an anti-join on the few visits recorded after the moment.
              AND NOT EXISTS (SELECT 1 FROM inspection i WHERE i.id = c.inspection_id AND i.recorded_at > \(asOf))
              AND (\(area)::bigint[] IS NULL OR c.jurisdiction_id = ANY(\(area)::bigint[]))
              AND (\(reach)::bigint[] IS NULL OR c.jurisdiction_id = ANY(\(reach)::bigint[]))
        ), grouped AS (
        SELECT department, district, count(*)::int AS n, count(days)::int AS decided,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median, percentile_disc(0.9) WITHIN GROUP (ORDER BY days) AS p90,
               (count(*) FILTER (WHERE referred))::int AS referred, (count(*) FILTER (WHERE referred AND in_time))::int AS in_time,
               (count(*) FILTER (WHERE referred AND late))::int AS late, (count(*) FILTER (WHERE referred AND NOT in_time AND NOT late))::int AS awaiting,
               (count(*) FILTER (WHERE due))::int AS due, (count(*) FILTER (WHERE due AND verified))::int AS verified,
               (count(*) FILTER (WHERE due AND passed))::int AS passed, (count(*) FILTER (WHERE overdue))::int AS overdue
        FROM c GROUP BY GROUPING SETS ((department), (department, district)))
        SELECT g.department, j.code, j.name, g.n, g.decided, g.median, g.p90, g.referred, g.in_time, g.late, g.awaiting, g.due, g.verified,
               g.passed, g.overdue
        FROM grouped g LEFT JOIN jurisdiction j ON j.id = g.district
        """
    }

    public struct Evaluation: Sendable {
        public var departments: [DepartmentEvaluation]
        /// Per department and district, districts with fewer cases than the threshold left out.
        public var districts: [DepartmentEvaluation]
        public var districtsWithheld: Int
    }

    public func read(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?, suppressBelow: Int?) async throws -> Evaluation {
        var rows: [String: DepartmentEvaluation] = [:]
        func key(_ d: String, _ district: String?) -> String { d + "|" + (district ?? "") }
        // JIT compiled this aggregate for ~140 ms at province scale, more than it saved; the sort for
        // the percentiles (~30 MB at province scale) spilled to disk at the default work_mem.
        let caseRows = try await db.transaction { conn in
            try await conn.query("SET LOCAL jit = off", logger: db.logger)
            try await conn.query("SET LOCAL work_mem = '64MB'", logger: db.logger)
            var out: [(String, String?, String?, Int, Int, Double?, Double?, Int, Int, Int, Int, Int, Int, Int, Int)] = []
            let rows = try await conn.query(Self.caseQuery(from: from, to: to, asOf: asOf, area: area, reach: reach), logger: db.logger)
            for try await row in rows.decode((String, String?, String?, Int, Int, Double?, Double?, Int, Int, Int, Int, Int, Int, Int, Int).self) {
                out.append(row)
            }
            return out
        }
        for (dept, district, districtName, n, decided, median, p90, referred, inTime, late, awaiting, due, verified, passed, overdue) in caseRows {
            var r = DepartmentEvaluation(department: DepartmentCode(rawValue: dept), cases: n, decided: decided,
                                         referralsReceived: referred, acceptedInTime: inTime, acceptedLate: late, awaitingAcceptance: awaiting,
                                         rectificationsDue: due, rectificationsVerified: verified, rectificationsPassed: passed, overdue: overdue)
            (r.district, r.districtName) = (district, districtName)
            let hidden = suppressBelow.map { decided > 0 && decided < $0 } ?? false
            r.suppressed = hidden
            if !hidden, let median, let p90 {
                r.medianDaysToDecision = (median * 10).rounded() / 10
                r.p90DaysToDecision = (p90 * 10).rounded() / 10
            }
            rows[key(dept, district)] = r
        }
        let tips = try await db.query("""
            WITH t AS (
                SELECT t.department_code AS department, j.code AS district, j.name AS district_name,
                       t.status IN ('closed', 'unfounded') AND t.feedback IS NOT NULL
                       AND coalesce((SELECT min(e.occurred_at) FROM domain_event e WHERE e.kind = 'tip.closed' AND e.object_id = t.id::text),
                                    t.received_at) <= \(asOf) AS answered
                FROM tip t JOIN jurisdiction j ON j.id = t.jurisdiction_id
                WHERE t.department_code IS NOT NULL AND t.received_at >= \(from) AND t.received_at < \(to) AND t.received_at <= \(asOf)
                  AND (\(area)::bigint[] IS NULL OR t.jurisdiction_id = ANY(\(area)::bigint[]))
                  AND (\(reach)::bigint[] IS NULL OR t.jurisdiction_id = ANY(\(reach)::bigint[]))
            )
            SELECT department, district, district_name, count(*)::int, (count(*) FILTER (WHERE answered))::int
            FROM t GROUP BY GROUPING SETS ((department), (department, district, district_name))
            """)
        for try await (dept, district, districtName, routed, answered) in tips.decode((String, String?, String?, Int, Int).self) {
            var r = rows[key(dept, district)] ?? DepartmentEvaluation(department: DepartmentCode(rawValue: dept))
            (r.district, r.districtName) = (district, districtName)
            r.tipsRouted = routed
            r.tipsAnsweredWithFeedback = answered
            rows[key(dept, district)] = r
        }
        let order: (DepartmentEvaluation, DepartmentEvaluation) -> Bool = {
            ($0.department.rawValue, $0.district ?? "") < ($1.department.rawValue, $1.district ?? "")
        }
        let all = rows.values.sorted(by: order)
        let perDistrict = all.filter { $0.district != nil }
        // A leader's district row on a handful of cases points at venues: it is left out whole.
        let shown = perDistrict.filter { r in suppressBelow.map { r.cases + r.tipsRouted >= $0 } ?? true }
        return Evaluation(departments: all.filter { $0.district == nil }, districts: shown, districtsWithheld: perDistrict.count - shown.count)
    }
}
