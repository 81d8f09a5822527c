import Foundation
import Logging
import PostgresNIO
import SweepCore

/// The department evaluation's figures, as the database held them at `asOf`: every timestamp a
/// case carries (decided, accepted, re-inspected, closed) is compared with the moment, so a later
/// run as of the same moment gives the same figures. Cases settled by the daily cut are read as kept
/// counts and sorted days per opening month, department and district (sql/0020); the window's
/// partial months and the cases not settled by the cut are counted from the cases' covering indexes.
/// Percentiles are taken here over the merged days, exactly as PostgreSQL's aggregates define them.
public struct DepartmentReader: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    /// Brings the kept counts up to the start of the current UTC day when they are behind (about a
    /// second at province scale, once a day) and returns the cut in force; nil when nothing is kept
    /// (another builder or a case writer was in the way: the report counts from the cases meanwhile).
    @discardableResult
    public func advance() async throws -> Date? {
        var state: (Date?, Date) = (nil, Date())
        for try await row in try await db.query("""
            SELECT CASE WHEN through = '-infinity' THEN NULL ELSE through END,
                   date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
            FROM department_rollup_cut
            """).decode((Date?, Date).self) { state = row }
        let (kept, today) = state
        if let kept, kept >= today { return kept }
        var ready = false
        for try await done in try await db.query("SELECT department_rollup_writers_done()").decode(Bool.self) { ready = done }
        guard ready else { return kept }
        var built = false
        for try await ok in try await db.query("SELECT department_rollup_build(\(today))").decode(Bool.self) { built = ok }
        return built ? today : nil
    }

    /// Forgets the kept counts (after a bulk load, or to check them).
    public func reset() async throws {
        try await db.query("SELECT department_rollup_reset()")
    }

    /// The kept months of the window (whole UTC months from the cut's counts) and the cases counted
    /// afresh: the partial months at either end, and in the whole months the cases not settled by the
    /// cut. One row per department and district and, for kept rows, per month; kept `days` ascending.
    static func figuresQuery(from: Date, to: Date, asOf: Date, kept: (from: Date, to: Date, cut: Date)?, area: [Int64]?, reach: [Int64]?) -> PostgresQuery {
        // Without kept counts the whole window is one counted range.
        let (m0, m1, cut) = kept.map { ($0.from, $0.to, $0.cut) } ?? (to, to, asOf)
        let columns = "department_code, jurisdiction_id, days, referred, in_time, late, awaiting, due, verified, passed, overdue"
        return """
        SELECT department_code, jurisdiction_id, cases, decided, referred, in_time, late, awaiting, due, verified, passed, 0, days
        FROM department_case_rollup
        WHERE opened_month >= (\(m0) AT TIME ZONE 'UTC')::date AND opened_month < (\(m1) AT TIME ZONE 'UTC')::date
          AND (\(area)::bigint[] IS NULL OR jurisdiction_id = ANY(\(area)::bigint[]))
          AND (\(reach)::bigint[] IS NULL OR jurisdiction_id = ANY(\(reach)::bigint[]))
        UNION ALL
        SELECT e.department_code, e.jurisdiction_id, count(*)::int, count(e.days)::int, (count(*) FILTER (WHERE e.referred))::int,
               (count(*) FILTER (WHERE e.in_time))::int, (count(*) FILTER (WHERE e.late))::int, (count(*) FILTER (WHERE e.awaiting))::int,
               (count(*) FILTER (WHERE e.due))::int, (count(*) FILTER (WHERE e.verified))::int, (count(*) FILTER (WHERE e.passed))::int,
               (count(*) FILTER (WHERE e.overdue))::int,
               -- Unordered, so the groups can be hashed: the days are sorted once, in Swift, with the kept runs.
               coalesce(array_agg(e.days) FILTER (WHERE e.days IS NOT NULL), '{}')
        FROM (
            SELECT \(unescaped: columns) FROM case_evaluation(\(asOf)) WHERE opened_at >= \(from) AND opened_at < \(min(m0, to))
            UNION ALL
            SELECT \(unescaped: columns) FROM case_evaluation(\(asOf)) WHERE opened_at >= \(max(m1, from)) AND opened_at < \(to)
            UNION ALL
            SELECT \(unescaped: columns) FROM case_evaluation(\(asOf)) WHERE opened_at >= \(m0) AND opened_at < \(m1) AND settled_at IS NULL
            UNION ALL
            SELECT \(unescaped: columns) FROM case_evaluation(\(asOf)) WHERE opened_at >= \(m0) AND opened_at < \(m1) AND settled_at > \(cut)
        ) e
        WHERE (\(area)::bigint[] IS NULL OR e.jurisdiction_id = ANY(\(area)::bigint[]))
          AND (\(reach)::bigint[] IS NULL OR e.jurisdiction_id = ANY(\(reach)::bigint[]))
        GROUP BY 1, 2
        """
    }

    /// The whole UTC months of [from, to), when the kept counts hold at `asOf` and there is one.
    static func keptMonths(from: Date, to: Date, asOf: Date, cut: Date?) -> (from: Date, to: Date, cut: Date)? {
        guard let cut, cut <= asOf else { return nil }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let startOfFromMonth = utc.dateInterval(of: .month, for: from)!.start
        let first = startOfFromMonth == from ? from : utc.date(byAdding: .month, value: 1, to: startOfFromMonth)!
        let last = utc.dateInterval(of: .month, for: to)!.start
        return first < last ? (first, last, cut) : nil
    }

    func districtNames(_ ids: Set<Int64>) async throws -> [Int64: (code: String, name: String)] {
        var names: [Int64: (code: String, name: String)] = [:]
        for try await (id, code, name) in try await db.query("SELECT id, code, name FROM jurisdiction WHERE id = ANY(\(Array(ids)))")
            .decode((Int64, String, String).self) { names[id] = (code, name) }
        return names
    }

    public struct Evaluation: Sendable, Equatable {
        public var departments: [DepartmentEvaluation]
        /// Per department and district, districts with fewer cases than the threshold left out.
        public var districts: [DepartmentEvaluation]
        public var districtsWithheld: Int
    }

    /// `useKept: false` counts every case of the window afresh (the check that the kept counts agree).
    public func read(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?, suppressBelow: Int?,
                     useKept: Bool = true) async throws -> Evaluation {
        let kept = useKept ? Self.keptMonths(from: from, to: to, asOf: asOf, cut: try await advance()) : nil
        // JIT compiled this aggregate for ~140 ms at province scale, more than it saved.
        let tally = try await db.transaction { conn in
            try await conn.query("SET LOCAL jit = off", logger: db.logger)
            try await conn.query("SET LOCAL work_mem = '32MB'", logger: db.logger)
            var tally: [DistrictKey: Tally] = [:]
            let rows = try await conn.query(Self.figuresQuery(from: from, to: to, asOf: asOf, kept: kept, area: area, reach: reach), logger: db.logger)
            for try await (dept, district, n, decided, referred, inTime, late, awaiting, due, verified, passed, overdue, days)
                in rows.decode((String, Int64, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, [Double]).self) {
                tally[DistrictKey(department: dept, district: district), default: Tally()]
                    .add([n, decided, referred, inTime, late, awaiting, due, verified, passed, overdue], days: days)
            }
            return tally
        }
        let names = try await districtNames(Set(tally.keys.map(\.district)))
        var rows: [String: DepartmentEvaluation] = [:]
        func key(_ d: String, _ district: String?) -> String { d + "|" + (district ?? "") }
        var byDepartment: [String: Tally] = [:]
        for (k, t) in tally {
            byDepartment[k.department, default: Tally()].add(t.counts, days: t.days)
            let name = names[k.district]
            rows[key(k.department, name?.code)] = t.evaluation(department: k.department, district: name, suppressBelow: suppressBelow)
        }
        for (dept, t) in byDepartment {
            rows[key(dept, nil)] = t.evaluation(department: dept, district: nil, suppressBelow: suppressBelow)
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

/// One department in one district.
private struct DistrictKey: Hashable {
    var department: String
    var district: Int64
}

/// Counts summed over kept months and counted cases, with their days to decision as sorted runs.
private struct Tally {
    /// cases, decided, referred, in time, late, awaiting, due, verified, passed, overdue.
    var counts = [Int](repeating: 0, count: 10)
    var days: [Double] = []

    mutating func add(_ more: [Int], days run: [Double]) {
        for i in counts.indices { counts[i] += more[i] }
        days.append(contentsOf: run)
    }

    func evaluation(department: String, district: (code: String, name: String)?, suppressBelow: Int?) -> DepartmentEvaluation {
        let c = counts
        var r = DepartmentEvaluation(department: DepartmentCode(rawValue: department), cases: c[0], decided: c[1],
                                     referralsReceived: c[2], acceptedInTime: c[3], acceptedLate: c[4], awaitingAcceptance: c[5],
                                     rectificationsDue: c[6], rectificationsVerified: c[7], rectificationsPassed: c[8], overdue: c[9])
        (r.district, r.districtName) = (district?.code, district?.name)
        let hidden = suppressBelow.map { c[1] > 0 && c[1] < $0 } ?? false
        r.suppressed = hidden
        // The kept runs arrive sorted, and Swift's sort merges runs in near-linear time.
        let sorted = days.sorted()
        if !hidden, let median = Percentile.continuous(sorted, 0.5), let p90 = Percentile.discrete(sorted, 0.9) {
            r.medianDaysToDecision = (median * 10).rounded() / 10
            r.p90DaysToDecision = (p90 * 10).rounded() / 10
        }
        return r
    }
}
