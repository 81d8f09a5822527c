/// One change repair made to a plan, for the coordinator's review and the audit log.
public struct RepairMove: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case memberReplaced = "member_replaced"
        case memberRemoved = "member_removed"
        case stopRemoved = "stop_removed"
        case stopMoved = "stop_moved"
        case teamCancelled = "team_cancelled"
        case stopUnplaced = "stop_unplaced"
        case stopAdded = "stop_added"
    }

    public var kind: Kind
    /// The team changed; for a moved stop, the team it left.
    public var teamLabel: String
    public var day: Int
    public var venueId: Int64?
    /// Replaced: [leaving, joining]. Removed: [leaving]. Cancelled team: the members released.
    public var inspectorIds: [Int64]
    /// For a moved stop: the team that visits it now.
    public var toTeamLabel: String?
    public var description: String

    public init(kind: Kind, teamLabel: String, day: Int, venueId: Int64? = nil, inspectorIds: [Int64] = [], toTeamLabel: String? = nil,
                description: String) {
        self.kind = kind
        self.teamLabel = teamLabel
        self.day = day
        self.venueId = venueId
        self.inspectorIds = inspectorIds
        self.toTeamLabel = toTeamLabel
        self.description = description
    }
}
