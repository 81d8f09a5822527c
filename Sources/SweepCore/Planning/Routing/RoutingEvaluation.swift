import Foundation

/// What a routing solution is worth and everything wrong with it, as checked by ``RoutingEvaluator``.
public struct RoutingEvaluation: Sendable, Hashable, Codable {
    /// True when `problems` is empty. Missed must-visit targets do not make a solution infeasible:
    /// the planner reports them instead.
    public var feasible: Bool
    /// Sum of the values of the distinct targets visited.
    public var objective: Double
    /// Distinct targets visited.
    public var visited: Int
    /// Venue ids of must-visit targets no route visits, in target order.
    public var mustVisitMissed: [Int64]
    /// Every violation, one sentence each, naming the team label and venue id involved.
    public var problems: [String]

    public init(feasible: Bool, objective: Double, visited: Int, mustVisitMissed: [Int64], problems: [String]) {
        self.feasible = feasible
        self.objective = objective
        self.visited = visited
        self.mustVisitMissed = mustVisitMissed
        self.problems = problems
    }
}
