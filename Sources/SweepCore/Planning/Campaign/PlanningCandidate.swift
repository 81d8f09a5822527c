import Foundation

/// A venue the campaign could visit, with what the planner needs to score, select and route it.
public struct PlanningCandidate: Sendable, Hashable, Codable {
    public var venueId: Int64
    public var code: String
    public var name: String
    public var address: String
    public var kind: TargetKind
    /// Nil when the registry has no coordinates: such a venue cannot be routed.
    public var location: GeoPoint?
    public var openingHours: String?
    public var operatorKey: String?
    public var jurisdictionId: Int64
    public var districtCode: String
    public var districtName: String
    public var features: RiskFeatures
    /// A rectification deadline passed without a re-inspection (回头看): a must-visit.
    public var reinspectionDue: Bool
    /// Days since a stop in this campaign's earlier plans, nil if none.
    public var daysSinceCampaignVisit: Int?

    public init(venueId: Int64, code: String, name: String, address: String, kind: TargetKind, location: GeoPoint?,
                openingHours: String?, operatorKey: String?, jurisdictionId: Int64, districtCode: String, districtName: String,
                features: RiskFeatures, reinspectionDue: Bool = false, daysSinceCampaignVisit: Int? = nil) {
        self.venueId = venueId
        self.code = code
        self.name = name
        self.address = address
        self.kind = kind
        self.location = location
        self.openingHours = openingHours
        self.operatorKey = operatorKey
        self.jurisdictionId = jurisdictionId
        self.districtCode = districtCode
        self.districtName = districtName
        self.features = features
        self.reinspectionDue = reinspectionDue
        self.daysSinceCampaignVisit = daysSinceCampaignVisit
    }
}

/// Everything the planner reads for one campaign, gathered by the store in a few queries.
public struct PlanningData: Sendable, Hashable, Codable {
    public var campaign: CampaignRecord
    public var rules: [TeamRule]
    public var candidates: [PlanningCandidate]
    public var inspectors: [PlannerInspector]
    /// District names by jurisdiction id, for messages.
    public var districtNames: [Int64: String]

    public init(campaign: CampaignRecord, rules: [TeamRule], candidates: [PlanningCandidate], inspectors: [PlannerInspector],
                districtNames: [Int64: String]) {
        self.campaign = campaign
        self.rules = rules
        self.candidates = candidates
        self.inspectors = inspectors
        self.districtNames = districtNames
    }
}
