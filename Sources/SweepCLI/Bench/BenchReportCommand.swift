import ArgumentParser
import Foundation
import PostgresNIO
import SweepAPI
import SweepCore
import SweepStore

/// `sweep bench report`: each leadership summary next to the naive way over raw rows in the same
/// run, with the answers checked equal: the compliance estimate and the weekly trend from the rollup
/// (sql/0018) against the same counts straight from the window's raw rows; the department
/// evaluation from its rollup (sql/0020) against counting every case of the window with the same
/// definitions (percentiles included), and against every case row fetched and counted in the client; a re-run
/// as of a week ago; and a campaign's progress when the database has one.
struct BenchReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summary latency: compliance, trend, department evaluation and progress vs. the naive SQL over raw rows (answers checked equal).",
        discussion: "Window: the last --months months of whole UTC days to today, all jurisdictions, as of now. Figures go into docs/benchmarks.md.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Window length in months.") var months: Int = 12
    @Option(help: "Repetitions.") var repeats: Int = 5

    func run() async throws {
        let months = self.months, repeats = self.repeats
        guard months > 0, repeats > 0 else { throw ValidationError("--months and --repeats must be at least 1") }
        try await database.withMigratedDatabase(logger: CLILogger.make("sweep.bench")) { db in
            let now = Date()
            let to = ISODay.parse(ISODay.format(now.addingTimeInterval(86_400)))!
            let from = ISODay.parse(ISODay.format(now.addingTimeInterval(-Double(months) * 30.4375 * 86_400)))!
            var visits = 0
            for try await n in try await db.query("SELECT count(*)::int FROM inspection WHERE arrived_at >= \(from) AND arrived_at < \(to)").decode(Int.self) { visits = n }
            let clock = ContinuousClock()
            let t0 = clock.now
            let cut = try await VisitCountReader(db: db).advance()
            Console.out("window: \(ISODay.format(from))..\(ISODay.format(to)), \(visits) visits; rollup cut \(ReportMoment.format(cut)) "
                        + String(format: "(brought up to date in %.1f ms); p50 of %d", (clock.now - t0).seconds * 1000, repeats))
            Console.out("summary                           Sweep p50    naive p50    ratio   same answer")
            var bench = Bench(repeats: repeats)
            let rollup = ComplianceReader(db: db), raw = RawVisitCounts(db: db)
            try await bench.pair("compliance estimate", {
                let input = try await rollup.read(from: from, to: to, asOf: now, area: nil, reach: nil)
                return ComplianceSummary.build(visits: input.visits, venues: input.venues, districtNames: input.districtNames, suppressBelow: nil)
            }, naive: {
                let input = try await rollup.read(from: from, to: to, asOf: now, area: nil, reach: nil)
                let counts = try await raw.byDistrict(from: from, to: to, asOf: now, area: nil, reach: nil)
                return ComplianceSummary.build(visits: counts, venues: input.venues, districtNames: input.districtNames, suppressBelow: nil)
            })
            let weekAgo = now.addingTimeInterval(-7 * 86_400)
            try await bench.pair("compliance as of a week ago", {
                try await VisitCountReader(db: db).byDistrict(from: from, to: to, asOf: weekAgo, area: nil, reach: nil)
            }, naive: {
                try await raw.byDistrict(from: from, to: to, asOf: weekAgo, area: nil, reach: nil)
            })
            try await bench.pair("weekly trend (\(months) months)", {
                Self.sorted(try await VisitCountReader(db: db).byWeek(from: from, to: to, asOf: now, area: nil, reach: nil))
            }, naive: {
                Self.sorted(try await raw.byWeek(from: from, to: to, asOf: now, area: nil, reach: nil))
            })
            let t1 = clock.now
            let departments = DepartmentReader(db: db)
            try await departments.reset()
            let kept = try await departments.advance()
            Console.out("department rollup: cut \(kept.map(ReportMoment.format) ?? "none (another builder or a case writer was in the way)") "
                        + String(format: "(counted afresh in %.1f ms)", (clock.now - t1).seconds * 1000))
            try await bench.pair("department evaluation vs counted", {
                try await departments.read(from: from, to: to, asOf: now, area: nil, reach: nil, suppressBelow: nil)
            }, naive: {
                try await departments.read(from: from, to: to, asOf: now, area: nil, reach: nil, suppressBelow: nil, useKept: false)
            })
            try await bench.pair("department evaluation", {
                try await DepartmentReader(db: db).read(from: from, to: to, asOf: now, area: nil, reach: nil, suppressBelow: nil).departments
                    .map { [$0.department.rawValue, String($0.cases), String($0.decided), String($0.overdue)] }
            }, naive: {
                try await Self.naiveDepartments(db, from: from, to: to, asOf: now)
            })
            if let (campaign, stops) = try await Self.latestCampaign(db) {
                try await bench.single("progress, campaign \(campaign) (\(stops) stops)") {
                    _ = try await PlanProgressReader(db: db).progress(campaign: campaign, asOf: now)
                }
            } else {
                Console.out("progress                          skipped: no campaign has a dispatched plan in this database")
            }
        }
    }

    static func sorted(_ weeks: [Int: (visits: Int, withViolation: Int)]) -> [[Int]] {
        weeks.keys.sorted().map { [$0, weeks[$0]!.visits, weeks[$0]!.withViolation] }
    }

    /// Every case row of the window fetched and counted in the client: cases, decided and overdue per department.
    static func naiveDepartments(_ db: Database, from: Date, to: Date, asOf: Date) async throws -> [[String]] {
        var counts: [String: (cases: Int, decided: Int, overdue: Int)] = [:]
        for try await (dept, decided, opened, closed, accepted, deadline, due, reinspected, referred) in try await db.query("""
            SELECT c.department_code, c.decided_at, c.opened_at, c.closed_at, c.accepted_at, c.referral_deadline, c.rectification_due::timestamptz,
                   c.reinspected_at, c.referred_from IS NOT NULL
            FROM case_file c LEFT JOIN inspection i ON i.id = c.inspection_id
            WHERE c.opened_at >= \(from) AND c.opened_at < \(to) AND coalesce(i.recorded_at, c.opened_at) <= \(asOf)
            """).decode((String, Date?, Date, Date?, Date?, Date?, Date?, Date?, Bool).self) {
            var c = counts[dept] ?? (0, 0, 0)
            c.cases += 1
            let isDecided = decided.map { $0 <= asOf } ?? false
            if isDecided { c.decided += 1 }
            let open = closed.map { $0 > asOf } ?? true
            let asOfDay = ISODay.parse(ISODay.format(asOf))!
            let late = !isDecided && opened.addingTimeInterval(90 * 86_400) < asOf
                || referred && !(accepted.map { $0 <= asOf } ?? false) && (deadline.map { $0 < asOf } ?? false)
                || (due.map { $0 < asOfDay } ?? false) && !(reinspected.map { $0 <= asOf } ?? false)
            if open && late { c.overdue += 1 }
            counts[dept] = c
        }
        return counts.keys.sorted().map { [$0, String(counts[$0]!.cases), String(counts[$0]!.decided), String(counts[$0]!.overdue)] }
    }

    static func latestCampaign(_ db: Database) async throws -> (Int64, Int)? {
        for try await row in try await db.query("""
            SELECT p.campaign_id, count(st.id)::int FROM plan p JOIN sweep s ON s.plan_id = p.id JOIN sweep_stop st ON st.sweep_id = s.id
            WHERE p.status IN ('dispatched', 'done') GROUP BY 1 ORDER BY 1 DESC LIMIT 1
            """).decode((Int64, Int).self) { return row }
        return nil
    }
}

/// Times pairs of implementations and prints p50s side by side.
struct Bench {
    let repeats: Int
    let clock = ContinuousClock()

    mutating func pair<T: Equatable>(_ name: String, _ ours: () async throws -> T, naive: () async throws -> T) async throws {
        var a: [Double] = [], b: [Double] = []
        var same = true
        for _ in 0..<repeats {
            var t = clock.now
            let x = try await ours()
            a.append((clock.now - t).seconds)
            t = clock.now
            let y = try await naive()
            b.append((clock.now - t).seconds)
            same = same && x == y
        }
        Console.out(name.padding(toLength: 32, withPad: " ", startingAt: 0)
                    + String(format: "%9.1f ms %9.1f ms %7.1f×   ", Self.median(a) * 1000, Self.median(b) * 1000,
                             Self.median(b) / max(1e-9, Self.median(a))) + (same ? "yes" : "NO: MISMATCH"))
    }

    mutating func single(_ name: String, _ body: () async throws -> Void) async throws {
        var a: [Double] = []
        for _ in 0..<repeats {
            let t = clock.now
            try await body()
            a.append((clock.now - t).seconds)
        }
        Console.out(name.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%9.1f ms", Self.median(a) * 1000))
    }

    static func median(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.sorted()[xs.count / 2] }
}
