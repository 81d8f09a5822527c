import ArgumentParser
import Foundation
import PostgresNIO
import SweepCore
import SweepStore

/// `sweep bench report`: the leadership summaries on the loaded data, each next to the naive way
/// (every visit of the window fetched as a row and counted in the client) in the same run, with the
/// two checked equal.
struct BenchReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summary latency: the compliance estimate and the department evaluation vs. counting raw rows in the client (checked equal).",
        discussion: "Window: the last --months months to today, all jurisdictions, as of now. Figures go into docs/benchmarks.md.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Window length in months.") var months: Int = 12
    @Option(help: "Repetitions.") var repeats: Int = 5

    func run() async throws {
        let months = self.months, repeats = self.repeats
        guard months > 0, repeats > 0 else { throw ValidationError("--months and --repeats must be at least 1") }
        try await database.withMigratedDatabase(logger: CLILogger.make("sweep.bench")) { db in
            let clock = ContinuousClock()
            let now = Date(), from = now.addingTimeInterval(-Double(months) * 30.4375 * 86_400), to = now.addingTimeInterval(86_400)
            var visits = 0
            for try await n in try await db.query("SELECT count(*)::int FROM inspection WHERE arrived_at >= \(from) AND arrived_at < \(to)").decode(Int.self) { visits = n }
            Console.out("window: \(months) months, \(visits) visits; p50 of \(repeats)")
            Console.out("summary                 Sweep p50    naive p50    ratio")
            var ours: [Double] = [], naive: [Double] = []
            var summary: ComplianceSummary?, naiveSummary: ComplianceSummary?
            for _ in 0..<repeats {
                var t = clock.now
                let input = try await ComplianceReader(db: db).read(from: from, to: to, asOf: now, area: nil, reach: nil)
                summary = ComplianceSummary.build(visits: input.visits, venues: input.venues, districtNames: input.districtNames, suppressBelow: nil)
                ours.append((clock.now - t).seconds)
                t = clock.now
                naiveSummary = try await Self.naiveCompliance(db, from: from, to: to, asOf: now, venues: input.venues, names: input.districtNames)
                naive.append((clock.now - t).seconds)
            }
            Console.out(String(format: "compliance estimate     %8.1f ms  %8.1f ms  %6.1f×", Self.median(ours) * 1000, Self.median(naive) * 1000,
                               Self.median(naive) / max(1e-9, Self.median(ours))))
            if summary != naiveSummary { Console.out("MISMATCH: the naive count differs from the summary") }
            var departments: [Double] = []
            for _ in 0..<repeats {
                let t = clock.now
                _ = try await DepartmentReader(db: db).read(from: from, to: to, asOf: now, area: nil, reach: nil, suppressBelow: nil)
                departments.append((clock.now - t).seconds)
            }
            Console.out(String(format: "department evaluation   %8.1f ms", Self.median(departments) * 1000))
        }
    }

    /// Every inspected visit of the window as a row, its violations checked one query per visit
    /// batch-free: what a report written without SQL aggregation would do.
    static func naiveCompliance(_ db: Database, from: Date, to: Date, asOf: Date, venues: [String: [String: Int]],
                                names: [String: String]) async throws -> ComplianceSummary {
        var violated = Set<Int64>()
        for try await id in try await db.query("""
            SELECT DISTINCT f.inspection_id FROM finding f JOIN finding_violation fv ON fv.finding_id = f.id
            JOIN inspection i ON i.id = f.inspection_id
            WHERE i.arrived_at >= \(from) AND i.arrived_at < \(to) AND f.recorded_at <= \(asOf)
              AND f.revision = (SELECT max(f2.revision) FROM finding f2 WHERE f2.inspection_id = f.inspection_id
                                AND f2.department_code = f.department_code AND f2.recorded_at <= \(asOf))
            """).decode(Int64.self) { violated.insert(id) }
        var counts: [String: VisitCount] = [:]
        for try await (id, district, name, kind, licensed, origin, method) in try await db.query("""
            SELECT i.id, j.code, j.name, v.kind, v.licensed, i.origin, ss.reason ->> 'method'
            FROM inspection i JOIN venue v ON v.id = i.venue_id JOIN jurisdiction j ON j.id = v.jurisdiction_id
            LEFT JOIN sweep_stop ss ON ss.id = i.sweep_stop_id
            WHERE i.outcome = 'inspected' AND i.arrived_at >= \(from) AND i.arrived_at < \(to) AND i.recorded_at <= \(asOf)
              AND v.kind IN ('internet_cafe', 'tobacco_retail')
            """).decode((Int64, String, String, String, Bool, String, String?).self) {
            let k = kind == "tobacco_retail" ? "tobacco_retail" : (licensed ? "licensed_cafe" : "unlicensed_cafe")
            let random = origin == "RANDOM" || method == "random_draw"
            let o = method == "random_draw" ? "random" : origin.lowercased()
            let key = "\(district)|\(k)|\(random)|\(o)"
            var c = counts[key] ?? VisitCount(district: district, districtName: name, kind: k, random: random, origin: o, visits: 0, inViolation: 0)
            c.visits += 1
            if violated.contains(id) { c.inViolation += 1 }
            counts[key] = c
        }
        return ComplianceSummary.build(visits: counts.values.sorted { "\($0.district)\($0.kind)\($0.origin)" < "\($1.district)\($1.kind)\($1.origin)" },
                                       venues: venues, districtNames: names, suppressBelow: nil)
    }

    static func median(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.sorted()[xs.count / 2] }
}
