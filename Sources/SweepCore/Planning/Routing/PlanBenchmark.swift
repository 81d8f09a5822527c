import Foundation

/// One solved benchmark instance.
public struct PlanBenchmarkRow: Sendable, Hashable, Codable {
    /// ``RoutingInstanceSize/name``.
    public var size: String
    /// Seeds both the generator and the solver.
    public var seed: UInt64
    public var targets: Int
    public var teams: Int
    /// The solver's objective (sum of visited values).
    public var objective: Double
    /// The tighter of ``RoutingBounds/upperBound(_:)`` and ``RoutingBounds/perKindUpperBound(_:)``.
    public var upperBound: Double
    /// Percentage of the bound the solution falls short of (an overestimate of the true gap).
    public var gapToBoundPercent: Double
    /// Proven optimum for instances small enough for ``ExactRoutingSolver``; nil otherwise.
    public var exactOptimum: Double?
    public var exactGapPercent: Double?
    /// Per ``RoutingEvaluator``; always true unless the solver has a bug.
    public var feasible: Bool
    public var iterations: Int
    /// Solver wall-clock seconds, model building and construction included.
    public var seconds: Double
    /// ``RoutingResult/stoppedBy``.
    public var stoppedBy: String

    public init(size: String, seed: UInt64, targets: Int, teams: Int, objective: Double, upperBound: Double, gapToBoundPercent: Double,
                exactOptimum: Double?, exactGapPercent: Double?, feasible: Bool, iterations: Int, seconds: Double, stoppedBy: String) {
        self.size = size
        self.seed = seed
        self.targets = targets
        self.teams = teams
        self.objective = objective
        self.upperBound = upperBound
        self.gapToBoundPercent = gapToBoundPercent
        self.exactOptimum = exactOptimum
        self.exactGapPercent = exactGapPercent
        self.feasible = feasible
        self.iterations = iterations
        self.seconds = seconds
        self.stoppedBy = stoppedBy
    }
}

/// Solution quality and speed on generated instances (`sweep bench plan` prints these rows).
public enum PlanBenchmark {
    /// Instances this small also get the exact optimum.
    public static let exactTargetLimit = 10
    public static let exactTeamLimit = 3

    /// Generates and solves one instance per size and seed (the seed drives both), in order.
    public static func run(sizes: [RoutingInstanceSize], seeds: [UInt64], timeLimit: Double = 8,
                           maxIterations: Int? = nil) -> [PlanBenchmarkRow] {
        sizes.flatMap { size in
            seeds.map { seed in
                row(for: RoutingInstanceGenerator.generate(size, seed: seed), size: size.name, seed: seed,
                    options: SolverOptions(seed: seed, timeLimitSeconds: timeLimit, maxIterations: maxIterations))
            }
        }
    }

    /// Solves one instance and measures it.
    public static func row(for instance: RoutingInstance, size: String, seed: UInt64, options: SolverOptions) -> PlanBenchmarkRow {
        let result = RoutingSolver.solve(instance, options: options)
        let evaluation = RoutingEvaluator.evaluate(instance, result.solution)
        let bound = min(RoutingBounds.upperBound(instance), RoutingBounds.perKindUpperBound(instance))
        var exact: Double?
        if instance.targets.count <= exactTargetLimit && instance.teams.count <= exactTeamLimit {
            let answer = ExactRoutingSolver.solve(instance)
            if answer.provedOptimal { exact = answer.objective }
        }
        return PlanBenchmarkRow(
            size: size, seed: seed, targets: instance.targets.count, teams: instance.teams.count, objective: result.objective,
            upperBound: bound, gapToBoundPercent: gap(result.objective, bound), exactOptimum: exact,
            exactGapPercent: exact.map { gap(result.objective, $0) }, feasible: evaluation.feasible,
            iterations: result.iterations, seconds: result.elapsedSeconds, stoppedBy: result.stoppedBy)
    }

    /// How far `value` falls short of `reference`, in percent of it (0 when reference ≤ 0).
    static func gap(_ value: Double, _ reference: Double) -> Double {
        reference > 0 ? max(0, (reference - value) / reference * 100) : 0
    }
}
