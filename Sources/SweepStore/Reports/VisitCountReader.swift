import Foundation
import PostgresNIO
import SweepCore

/// Inspected visits and visits in violation per district, kind and selection (or per week), as
/// recorded by a moment: the rollup's counts up to its cut (sql/0018), plus what was recorded
/// between the cut and the moment — or minus what was recorded between the moment and the cut, for
/// a moment before it. Windows are whole UTC days.
public struct VisitCountReader: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    /// Counts what was recorded up to the start of today (UTC) if a day has ended since the last
    /// call, and returns the cut the rollup holds.
    public func advance() async throws -> Date {
        var cut = Date.distantPast
        for try await at in try await db.query("SELECT report_rollup_advance()").decode(Date.self) { cut = at }
        return cut
    }

    /// Counts again from nothing (after a bulk load), then up to today.
    public func rebuild() async throws -> Date {
        try await db.query("SELECT report_rollup_reset()")
        return try await advance()
    }

    /// Per district, target kind and selection, for the compliance estimate (cafés and tobacco retailers).
    public func byDistrict(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?) async throws -> [VisitCount] {
        let cut = try await advance()
        var out: [VisitCount] = []
        let rows = try await db.query(Self.counted(from: from, to: to, asOf: asOf, cut: cut, area: area, reach: reach, tail: """
            SELECT j.code, j.name, c.target_kind, c.random, c.origin, sum(c.visits)::int, sum(c.in_violation)::int
            FROM counted c JOIN jurisdiction j ON j.id = c.jurisdiction_id
            WHERE c.target_kind IN ('licensed_cafe', 'unlicensed_cafe', 'tobacco_retail')
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.visits) > 0 ORDER BY 1, 3, 4, 5
            """))
        for try await (d, name, kind, random, origin, n, y) in rows.decode((String, String, String, Bool, String, Int, Int).self) {
            out.append(VisitCount(district: d, districtName: name, kind: kind, random: random, origin: origin, visits: n, inViolation: y))
        }
        return out
    }

    /// Per week of the window (week 1 starts on `from`), every kind of venue, for the trend.
    public func byWeek(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?) async throws -> [Int: (visits: Int, withViolation: Int)] {
        let cut = try await advance()
        var out: [Int: (visits: Int, withViolation: Int)] = [:]
        let rows = try await db.query(Self.counted(from: from, to: to, asOf: asOf, cut: cut, area: area, reach: reach, wholeMonths: false, tail: """
            SELECT ((c.arrived_on - '\(ISODay.format(from))'::date) / 7 + 1)::int, sum(c.visits)::int, sum(c.in_violation)::int
            FROM counted c GROUP BY 1 HAVING sum(c.visits) > 0
            """))
        for try await (week, n, y) in rows.decode((Int, Int, Int).self) { out[week] = (n, y) }
        return out
    }

    /// The rows that make up the window's counts, named `counted`, followed by `tail`. Months wholly
    /// inside the window come from the month rows (when `wholeMonths`), the rest from the day rows.
    static func counted(from: Date, to: Date, asOf: Date, cut: Date, area: [Int64]?, reach: [Int64]?, wholeMonths: Bool = true,
                        tail: String) -> PostgresQuery {
        let days = UTCDays(from: from, to: to)
        let (d0, d1) = (days.first, days.end)
        // A grouping by week cannot use month rows: they only say which month.
        let (m0, m1) = wholeMonths ? (days.firstWholeMonth, days.endOfWholeMonths) : (days.first, days.first)
        return """
            WITH window_rows AS (
                SELECT arrived_on, jurisdiction_id, target_kind, random, origin, visits::bigint AS visits, in_violation::bigint AS in_violation
                FROM report_visit_rollup
                WHERE (span = 'M' AND arrived_on >= \(m0)::date AND arrived_on < \(m1)::date)
                   OR (span = 'D' AND arrived_on >= \(d0)::date AND arrived_on < \(d1)::date
                       AND NOT (arrived_on >= \(m0)::date AND arrived_on < \(m1)::date))
                UNION ALL
                SELECT arrived_on, jurisdiction_id, target_kind, random, origin, visits, in_violation
                FROM report_visit_changes(\(cut), \(asOf))
                WHERE \(asOf)::timestamptz > \(cut)::timestamptz AND arrived_on >= \(d0)::date AND arrived_on < \(d1)::date
                UNION ALL
                SELECT arrived_on, jurisdiction_id, target_kind, random, origin, -visits, -in_violation
                FROM report_visit_changes(\(asOf), \(cut))
                WHERE \(asOf)::timestamptz < \(cut)::timestamptz AND arrived_on >= \(d0)::date AND arrived_on < \(d1)::date
            ), counted AS (
                SELECT * FROM window_rows
                WHERE (\(area)::bigint[] IS NULL OR jurisdiction_id = ANY(\(area)::bigint[]))
                  AND (\(reach)::bigint[] IS NULL OR jurisdiction_id = ANY(\(reach)::bigint[]))
            )
            \(unescaped: tail)
            """
    }
}

/// A window of whole UTC days as `YYYY-MM-DD` bounds, and the whole months inside it.
struct UTCDays {
    let first: String, end: String, firstWholeMonth: String, endOfWholeMonths: String

    init(from: Date, to: Date) {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let start = utc.startOfDay(for: from), stop = utc.startOfDay(for: to)
        func monthStart(_ d: Date) -> Date { utc.date(from: utc.dateComponents([.year, .month], from: d))! }
        let startMonth = monthStart(start)
        let firstWhole = startMonth == start ? start : utc.date(byAdding: .month, value: 1, to: startMonth)!
        let lastWhole = monthStart(stop)
        first = ISODay.format(start)
        end = ISODay.format(stop)
        firstWholeMonth = ISODay.format(firstWhole)
        endOfWholeMonths = ISODay.format(max(firstWhole, lastWhole))
    }
}
