import ArgumentParser
import Foundation
import SweepCore

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks whose figures go into docs/benchmarks.md.", subcommands: [BenchPlanCommand.self, BenchHeatMapCommand.self, BenchReportCommand.self, BenchSubmitRateCommand.self])
}

/// `sweep bench plan`: solution quality and speed of the planner on generated instances, with an
/// upper bound and (tiny instances) the exact optimum, so quality is measured rather than assumed.
struct BenchPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Solve generated team-orienteering instances; report objective, upper bound, gap and (tiny) exact optimum.",
        discussion: """
        Sizes: tiny (8 targets, exact optimum by exhaustive search), small (200 targets, 24 inspectors, 7 days),
        city (3,000 candidates, 120 inspectors, 14 days), or NAME=CANDIDATES/INSPECTORS/DAYS.
        --write DIR writes each instance and its plan as JSON (format in docs/planning.md);
        --evaluate INSTANCE.json --plan PLAN.json checks another solver's plan (feasibility and objective).
        Build with `swift build -c release` for the figures in the docs.
        """)

    @Option(help: "Comma-separated sizes: tiny, small, city, or NAME=CANDIDATES/INSPECTORS/DAYS.") var sizes: String = "tiny,small,city"
    @Option(help: "Comma-separated seeds; each size is solved once per seed.") var seeds: String = "1,2,3"
    @Option(help: "Solver time cap in seconds.") var timeLimit: Double = 8
    @Option(help: "Solver iteration budget (default scales with the instance).") var maxIterations: Int?
    @Option(help: "Write each instance and its plan as JSON into this folder.") var write: String?
    @Option(help: "Evaluate a plan for this instance file instead of benchmarking.") var evaluate: String?
    @Option(help: "The plan file for --evaluate.") var plan: String?
    @Option(help: "table or json.") var format: String = "table"

    func run() async throws {
        if let evaluate { return try runEvaluation(instancePath: evaluate) }
        let parsedSizes = try sizes.split(separator: ",").map { try Self.size(String($0).trimmingCharacters(in: .whitespaces)) }
        let parsedSeeds = try seeds.split(separator: ",").map { raw -> UInt64 in
            guard let s = UInt64(raw.trimmingCharacters(in: .whitespaces)) else { throw SweepError.invalid(field: "--seeds", reason: "\(raw) is not a non-negative integer") }
            return s
        }
        guard timeLimit > 0 else { throw SweepError.invalid(field: "--time-limit", reason: "must be positive") }
        var rows: [PlanBenchmarkRow] = []
        for size in parsedSizes {
            for seed in parsedSeeds {
                Console.info("generating and solving \(size.name) (\(size.candidates) candidates, \(size.inspectors) inspectors, \(size.days) days), seed \(seed)…")
                let instance = RoutingInstanceGenerator.generate(size, seed: seed)
                let options = SolverOptions(seed: seed, timeLimitSeconds: timeLimit, maxIterations: maxIterations)
                let row = PlanBenchmark.row(for: instance, size: size.name, seed: seed, options: options)
                rows.append(row)
                if let write { try writeFiles(instance: instance, seed: seed, size: size.name, options: options, folder: write) }
            }
        }
        if format == "json" {
            let e = JSONEncoder()
            e.keyEncodingStrategy = .convertToSnakeCase
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            Console.out(String(decoding: try e.encode(rows), as: UTF8.self))
            return
        }
        let header = ["size", "seed", "targets", "teams", "objective", "upper bound", "gap %", "exact", "gap to exact %", "feasible", "iterations", "seconds", "stopped by"]
        Console.out(TextTable.render(header: header, rows: rows.map { r in
            [r.size, String(r.seed), String(r.targets), String(r.teams), String(format: "%.1f", r.objective), String(format: "%.1f", r.upperBound),
             String(format: "%.2f", r.gapToBoundPercent), r.exactOptimum.map { String(format: "%.1f", $0) } ?? "—",
             r.exactGapPercent.map { String(format: "%.2f", $0) } ?? "—", r.feasible ? "yes" : "NO", String(r.iterations),
             String(format: "%.2f", r.seconds), r.stoppedBy]
        }))
    }

    static func size(_ text: String) throws -> RoutingInstanceSize {
        if let preset = RoutingInstanceSize.preset(named: text) { return preset }
        let parts = text.split(separator: "=", maxSplits: 1)
        if parts.count == 2 {
            let numbers = parts[1].split(separator: "/").compactMap { Int($0) }
            if numbers.count == 3, numbers.allSatisfy({ $0 > 0 }), numbers[0] <= 100_000, numbers[1] <= 5_000, numbers[2] <= 62 {
                return RoutingInstanceSize(name: String(parts[0]), candidates: numbers[0], inspectors: numbers[1], days: numbers[2])
            }
        }
        throw SweepError.invalid(field: "--sizes", reason: "\"\(text)\" is not tiny, small, city or NAME=CANDIDATES/INSPECTORS/DAYS (≤100000/≤5000/≤62)")
    }

    func writeFiles(instance: RoutingInstance, seed: UInt64, size: String, options: SolverOptions, folder: String) throws {
        let dir = URL(fileURLWithPath: (folder as NSString).expandingTildeInPath)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let solution = RoutingSolver.solve(instance, options: options).solution
        try RoutingJSON.encode(instance).write(to: dir.appendingPathComponent("\(size)-\(seed)-instance.json"), options: .atomic)
        try RoutingJSON.encode(solution).write(to: dir.appendingPathComponent("\(size)-\(seed)-plan.json"), options: .atomic)
        Console.info("wrote \(dir.path)/\(size)-\(seed)-instance.json and -plan.json")
    }

    func runEvaluation(instancePath: String) throws {
        guard let plan else { throw SweepError.invalid(field: "--plan", reason: "--evaluate needs --plan PLAN.json") }
        let instance = try RoutingJSON.decodeInstance(try FileOutput.read(instancePath, field: "--evaluate"))
        let solution = try RoutingJSON.decodeSolution(try FileOutput.read(plan, field: "--plan"))
        let evaluation = RoutingEvaluator.evaluate(instance, solution)
        let bound = min(RoutingBounds.upperBound(instance), RoutingBounds.perKindUpperBound(instance))
        if format == "json" {
            let e = JSONEncoder()
            e.keyEncodingStrategy = .convertToSnakeCase
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            Console.out(String(decoding: try e.encode(evaluation), as: UTF8.self))
        } else {
            var lines = ["feasible: \(evaluation.feasible ? "yes" : "NO")", "objective: \(String(format: "%.3f", evaluation.objective))",
                         "visited: \(evaluation.visited) of \(instance.targets.count)", "upper bound: \(String(format: "%.3f", bound))",
                         "must-visit missed: \(evaluation.mustVisitMissed.count)"]
            lines += evaluation.problems.prefix(50).map { "problem: \($0)" }
            if evaluation.problems.count > 50 { lines.append("… \(evaluation.problems.count - 50) more problems") }
            Console.out(lines.joined(separator: "\n"))
        }
        if !evaluation.feasible { throw ExitCode(1) }
    }
}
