import Foundation
import Testing
@testable import SweepCore

/// Timing at city scale; run once in release with
/// `SWEEP_BENCH=1 swift test -c release --filter cityScaleTiming`.
@Suite struct RoutingBenchTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SWEEP_BENCH"] == "1"))
    func cityScaleTiming() {
        let sizeName = ProcessInfo.processInfo.environment["SWEEP_BENCH_SIZE"] ?? "city"
        let size = RoutingInstanceSize.preset(named: sizeName) ?? .city
        let seeds = (ProcessInfo.processInfo.environment["SWEEP_BENCH_SEEDS"] ?? "1").split(separator: ",").compactMap { UInt64($0) }
        for seed in seeds {
            let started = ContinuousClock.now
            let instance = RoutingInstanceGenerator.generate(size, seed: seed)
            let generated = ContinuousClock.now - started
            let result = RoutingSolver.solve(instance, options: SolverOptions(seed: seed))
            let evaluation = RoutingEvaluator.evaluate(instance, result.solution)
            let simple = RoutingBounds.upperBound(instance)
            let perKind = RoutingBounds.perKindUpperBound(instance)
            let bound = min(simple, perKind)
            let gap = (bound - result.objective) / bound * 100
            print("""
                bench \(size.name) seed \(seed): targets \(instance.targets.count), teams \(instance.teams.count), generated in \(generated)
                  solve \(String(format: "%.2f", result.elapsedSeconds)) s, \(result.iterations) iterations, stopped by \(result.stoppedBy)
                  objective \(String(format: "%.1f", result.objective)) (construction \(String(format: "%.1f", result.constructionObjective))), visited \(evaluation.visited), feasible \(evaluation.feasible), must-visit missed \(evaluation.mustVisitMissed.count)
                  bound \(String(format: "%.1f", bound)) (simple \(String(format: "%.1f", simple)), per kind \(String(format: "%.1f", perKind))), gap \(String(format: "%.2f", gap)) %
                """)
            #expect(evaluation.feasible)
        }
    }
}
