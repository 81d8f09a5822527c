/// The teams of a campaign and why some could not be formed.
public struct TeamFormationResult: Sendable, Hashable, Codable {
    /// By day, then in formation order (most demanding kind first).
    public var teams: [RoutingTeam]
    /// By first day, kind and department.
    public var diagnostics: [TeamShortage]

    public init(teams: [RoutingTeam], diagnostics: [TeamShortage]) {
        self.teams = teams
        self.diagnostics = diagnostics
    }
}
