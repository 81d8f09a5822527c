import Foundation

/// A department code such as `CUL`, `SAMR`, `PSB`, `TOB`, `FIRE`, `TEL`. Departments are data
/// (the `department` table), so this is an open set: validation checks membership against the store.
public struct DepartmentCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let culture: DepartmentCode = "CUL"
    public static let marketRegulation: DepartmentCode = "SAMR"
    public static let police: DepartmentCode = "PSB"
    public static let tobacco: DepartmentCode = "TOB"
    public static let fire: DepartmentCode = "FIRE"
    public static let telecom: DepartmentCode = "TEL"
    /// The departments that inspect in joint teams.
    public static let inspecting: [DepartmentCode] = [.culture, .marketRegulation, .police, .tobacco]
}

/// What a venue is, for planning and for the catalogue.
public enum VenueKind: String, Sendable, Codable, CaseIterable {
    case internetCafe = "internet_cafe"
    case tobaccoRetail = "tobacco_retail"
    case other
}

/// Whether a venue still operates where the registry says.
public enum VenueStatus: String, Sendable, Codable, CaseIterable {
    case open
    case closed
    case unknown
}

/// School kinds that trigger distance rules (cafés 200 m from primary/middle schools; tobacco near any school).
public enum SchoolKind: String, Sendable, Codable, CaseIterable {
    case kindergarten
    case primary
    case middle
}

/// The administrative level of a jurisdiction.
public enum JurisdictionLevel: String, Sendable, Codable, CaseIterable {
    case province
    case city
    case district
}

/// Licence types held by venues.
public enum LicenceType: String, Sendable, Codable, CaseIterable {
    /// 网络文化经营许可证, issued by culture.
    case networkCulture = "network_culture"
    /// 营业执照, issued by market regulation.
    case business
    /// 烟草专卖零售许可证, issued by the tobacco monopoly bureau.
    case tobaccoRetail = "tobacco_retail"
    /// 消防安全检查合格证, issued by fire and rescue.
    case fireSafety = "fire_safety"
}

/// Why an inspection happened (enforcement.md: inspection origin).
public enum InspectionOrigin: String, Sendable, Codable, CaseIterable {
    case random = "RANDOM"
    case campaign = "CAMPAIGN"
    case tip = "TIP"
    case referral = "REFERRAL"
    case followUp = "FOLLOW_UP"
}

/// What the team found when it arrived.
public enum InspectionOutcome: String, Sendable, Codable, CaseIterable {
    case inspected
    case venueClosed = "venue_closed"
    case notFound = "not_found"
    case entryRefused = "entry_refused"
}

/// Roles of principals. Scopes (jurisdictions, department) narrow what each may see.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case admin
    case coordinator
    case inspector
    case handler
    case leader

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Declaration order, spelled out so that the compiler checks every case has one.
    private var rank: Int {
        switch self {
        case .admin: 0
        case .coordinator: 1
        case .inspector: 2
        case .handler: 3
        case .leader: 4
        }
    }

    /// Inspectors and case handlers act for one department.
    public var needsDepartment: Bool { self == .inspector || self == .handler }
}

/// Case states (domain: the case chain). Transitions are validated in a later issue.
public enum CaseState: String, Sendable, Codable, CaseIterable {
    case open
    case referred
    case accepted
    case decided
    case rectificationOrdered = "rectification_ordered"
    case reinspection
    case closedRectified = "closed_rectified"
    case closedEscalated = "closed_escalated"

    /// Closed, rectified or escalated: nothing happens to the case any more.
    public var isClosed: Bool { self == .closedRectified || self == .closedEscalated }

    /// The department has decided (a state at or past the decision).
    public var isDecided: Bool { [.decided, .rectificationOrdered, .reinspection].contains(self) || isClosed }
}
