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
        let rows = try await db.query(Self.counted(.byKind, from: from, to: to, asOf: asOf, cut: cut, area: area, reach: reach, tail: """
            , grouped AS (
                SELECT jurisdiction_id, target_kind, random, origin, sum(visits) AS visits, sum(in_violation) AS in_violation
                FROM counted WHERE target_kind IN ('licensed_cafe', 'unlicensed_cafe', 'tobacco_retail')
                GROUP BY 1, 2, 3, 4 HAVING sum(visits) > 0)
            SELECT j.code, j.name, g.target_kind, g.random, g.origin, g.visits::int, g.in_violation::int
            FROM grouped g JOIN jurisdiction j ON j.id = g.jurisdiction_id ORDER BY 1, 3, 4, 5
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
        let rows = try await db.query(Self.counted(.byDay, from: from, to: to, asOf: asOf, cut: cut, area: area, reach: reach, tail: """
            SELECT ((arrived_on - '\(ISODay.format(from))'::date) / 7 + 1)::int, sum(visits)::int, sum(in_violation)::int
            FROM counted GROUP BY 1 HAVING sum(visits) > 0
            """))
        for try await (week, n, y) in rows.decode((Int, Int, Int).self) { out[week] = (n, y) }
        return out
    }

    /// Which rollup rows a summary reads: by kind and selection (month rows for whole months, day
    /// rows for the rest), or by day alone (the trend's narrow day rows; month rows only say which month).
    enum Grain { case byKind, byDay }

    /// The rows that make up the window's counts, named `counted`, followed by `tail`: each range of
    /// the rollup a separate branch, so each is an index-only scan of its key.
    static func counted(_ grain: Grain, from: Date, to: Date, asOf: Date, cut: Date, area: [Int64]?, reach: [Int64]?,
                        tail: String) -> PostgresQuery {
        let days = UTCDays(from: from, to: to)
        let (d0, d1) = (days.first, days.end)
        let (m0, m1) = grain == .byKind ? (days.firstWholeMonth, days.endOfWholeMonths) : (d1, d1)
        let day: Character = grain == .byKind ? "D" : "T"
        let (before, after) = (min(m0, d1), max(m1, d0))
        return """
            WITH window_rows AS (
                SELECT arrived_on, jurisdiction_id, target_kind, random, origin, visits::bigint AS visits, in_violation::bigint AS in_violation
                FROM report_visit_rollup WHERE span = 'M' AND arrived_on >= \(m0)::date AND arrived_on < \(m1)::date
                UNION ALL
                SELECT arrived_on, jurisdiction_id, target_kind, random, origin, visits, in_violation
                FROM report_visit_rollup WHERE span = \(String(day))::char(1) AND arrived_on >= \(d0)::date AND arrived_on < \(before)::date
                UNION ALL
                SELECT arrived_on, jurisdiction_id, target_kind, random, origin, visits, in_violation
                FROM report_visit_rollup WHERE span = \(String(day))::char(1) AND arrived_on >= \(after)::date AND arrived_on < \(d1)::date
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
