/// A repaired plan and what changed.
public struct RepairResult: Sendable, Hashable, Codable {
    /// Cancelled teams and closed venues are gone; replaced members are in place.
    public var instance: RoutingInstance
    /// Routes for `instance.teams`, indexing `instance.targets`.
    public var solution: RoutingSolution
    /// In the order they were made.
    public var moves: [RepairMove]
    /// Stops removed, added or now visited by another team (a new arrival time alone does not count).
    public var changedStops: Int
    /// Stops still visited by the same team.
    public var unchangedStops: Int

    public init(instance: RoutingInstance, solution: RoutingSolution, moves: [RepairMove], changedStops: Int, unchangedStops: Int) {
        self.instance = instance
        self.solution = solution
        self.moves = moves
        self.changedStops = changedStops
        self.unchangedStops = unchangedStops
    }
}
