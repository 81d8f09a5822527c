import Foundation

/// What a campaign targets. Team composition, shift templates and quotas are per target kind,
/// because a raid on an unlicensed café needs police and market regulation, a licensed café check
/// does not, and tobacco checks follow school hours rather than evenings.
public enum TargetKind: String, Sendable, Codable, CaseIterable, Comparable {
    case licensedCafe = "licensed_cafe"
    case unlicensedCafe = "unlicensed_cafe"
    case tobaccoRetail = "tobacco_retail"

    /// The planning kind of a registry venue, or nil for venues no campaign targets (`other`).
    public static func of(venueKind: VenueKind, licensed: Bool) -> TargetKind? {
        switch venueKind {
        case .internetCafe: return licensed ? .licensedCafe : .unlicensedCafe
        case .tobaccoRetail: return .tobaccoRetail
        case .other: return nil
        }
    }

    public static func < (a: TargetKind, b: TargetKind) -> Bool { a.rawValue < b.rawValue }

    /// How people say it in messages.
    public var label: String {
        switch self {
        case .licensedCafe: return "licensed café checks"
        case .unlicensedCafe: return "unlicensed café raids"
        case .tobaccoRetail: return "tobacco retailer checks"
        }
    }
}

/// Who must be on a team for one target kind: a lead department with at least `minLeadOfficers`
/// certified officers (行政处罚法 42 requires two per enforcement action) and one officer from each
/// assisting department. Data, not code: campaigns may override the defaults (local practice).
public struct TeamRule: Sendable, Hashable, Codable {
    public var kind: TargetKind
    public var lead: DepartmentCode
    public var minLeadOfficers: Int
    public var assisting: [DepartmentCode]

    public init(kind: TargetKind, lead: DepartmentCode, minLeadOfficers: Int = 2, assisting: [DepartmentCode] = []) {
        self.kind = kind
        self.lead = lead
        self.minLeadOfficers = minLeadOfficers
        self.assisting = assisting
    }

    /// Defaults from the domain notes: unlicensed café raid CUL + PSB + SAMR; licensed café CUL;
    /// tobacco retailer TOB + SAMR.
    public static let defaults: [TeamRule] = [
        TeamRule(kind: .unlicensedCafe, lead: .culture, assisting: [.police, .marketRegulation]),
        TeamRule(kind: .licensedCafe, lead: .culture),
        TeamRule(kind: .tobaccoRetail, lead: .tobacco, assisting: [.marketRegulation]),
    ]

    /// Officers needed per department for this rule.
    public var required: [DepartmentCode: Int] {
        var need: [DepartmentCode: Int] = [lead: max(minLeadOfficers, 2)]
        for d in assisting where d != lead { need[d, default: 0] += 1 }
        return need
    }

    /// Whether officers of these departments (one entry per officer) make a lawful team for the kind.
    public func isSatisfied(by departments: [DepartmentCode]) -> Bool {
        var have: [DepartmentCode: Int] = [:]
        for d in departments { have[d, default: 0] += 1 }
        return required.allSatisfy { have[$0.key, default: 0] >= $0.value }
    }

    /// What is missing, e.g. "1 more PSB", or nil when satisfied.
    public func shortfall(for departments: [DepartmentCode]) -> String? {
        var have: [DepartmentCode: Int] = [:]
        for d in departments { have[d, default: 0] += 1 }
        let missing = required.sorted { $0.key.rawValue < $1.key.rawValue }.compactMap { dept, n -> String? in
            let gap = n - have[dept, default: 0]
            return gap > 0 ? "\(gap) more \(dept.rawValue)" : nil
        }
        return missing.isEmpty ? nil : missing.joined(separator: ", ")
    }
}
