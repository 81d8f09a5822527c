import Foundation

/// How long and with which random stream ``RoutingSolver`` searches.
///
/// The iteration budget is the normal stop, so one seed gives one answer on every machine; the
/// time limit only protects interactive callers from a pathological instance on a slow host, and a
/// result stopped by it is reported as such (and may differ between runs).
public struct SolverOptions: Sendable, Hashable, Codable {
    public var seed: UInt64
    /// Safety cap in seconds, construction included.
    public var timeLimitSeconds: Double
    /// Search iterations after construction; nil means ``defaultIterations(targets:teams:)``.
    public var maxIterations: Int?

    public init(seed: UInt64 = 1, timeLimitSeconds: Double = 8, maxIterations: Int? = nil) {
        self.seed = seed
        self.timeLimitSeconds = timeLimitSeconds
        self.maxIterations = maxIterations
    }

    /// The iteration budget used when none is given: enough that small instances converge and a
    /// 3,000-target city finishes well inside the default time limit in a release build.
    public static func defaultIterations(targets: Int, teams: Int) -> Int {
        min(40_000, max(3_000, 12 * targets))
    }

    func iterations(for instance: RoutingInstance) -> Int {
        max(0, maxIterations ?? Self.defaultIterations(targets: instance.targets.count, teams: instance.teams.count))
    }
}

/// What ``RoutingSolver/solve(_:options:)`` found.
public struct RoutingResult: Sendable, Hashable, Codable {
    /// Feasible per ``RoutingEvaluator``.
    public var solution: RoutingSolution
    /// Sum of the values of the visited targets.
    public var objective: Double
    /// Objective of the greedy construction before any search, for benchmarks.
    public var constructionObjective: Double
    /// Search iterations run.
    public var iterations: Int
    public var elapsedSeconds: Double
    /// ``stoppedByIterations`` (reproducible for the seed) or ``stoppedByTimeLimit``.
    public var stoppedBy: String

    public static let stoppedByIterations = "iterations"
    public static let stoppedByTimeLimit = "time_limit"

    public init(solution: RoutingSolution, objective: Double, constructionObjective: Double, iterations: Int,
                elapsedSeconds: Double, stoppedBy: String) {
        self.solution = solution
        self.objective = objective
        self.constructionObjective = constructionObjective
        self.iterations = iterations
        self.elapsedSeconds = elapsedSeconds
        self.stoppedBy = stoppedBy
    }
}
