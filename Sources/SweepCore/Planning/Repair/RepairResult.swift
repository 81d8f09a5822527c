/// A repaired plan and what changed.
public struct RepairResult: Sendable, Hashable, Codable {
    /// The input instance with replaced members in place and cancelled teams emptied; teams and
    /// targets keep their indices (closed venues stay as unvisited targets).
    public var instance: RoutingInstance
    /// One route per team, as in the input.
    public var solution: RoutingSolution
    /// In the order they were made.
    public var moves: [RepairMove]
    /// Stops removed, added or now visited by another team (a new arrival time alone does not count).
    public var changedStops: Int
    /// Stops still visited by the same team.
    public var unchangedStops: Int
    /// Labels of the teams cancelled (no members, no kinds, empty route in `instance`/`solution`).
    public var cancelledTeams: [String]

    public init(instance: RoutingInstance, solution: RoutingSolution, moves: [RepairMove], changedStops: Int, unchangedStops: Int,
                cancelledTeams: [String] = []) {
        self.instance = instance
        self.solution = solution
        self.moves = moves
        self.changedStops = changedStops
        self.unchangedStops = unchangedStops
        self.cancelledTeams = cancelledTeams
    }
}
