import Foundation

/// Where a licence stands.
public enum LicenceStatus: String, Sendable, Codable, CaseIterable {
    case valid
    /// 停业整顿: may not be used until `suspended_until` (or until reinstated).
    case suspended
    /// 吊销: final.
    case revoked
    case expired
}

/// One change of a venue's or licence's standing, as kept in the registry's history.
public enum RegistryChangeKind: String, Sendable, Codable, CaseIterable {
    case venueClosed = "venue_closed"
    case venueReopened = "venue_reopened"
    case licenceSuspended = "licence_suspended"
    case licenceRevoked = "licence_revoked"
    case licenceExpired = "licence_expired"
    case licenceReinstated = "licence_reinstated"
    /// Registered by a person (not by an import of many rows).
    case venueRegistered = "venue_registered"
    /// Details corrected: `details` holds each field's old and new value.
    case venueCorrected = "venue_corrected"
    case licenceIssued = "licence_issued"

    /// The licence status a licence change leads to (nil for venue changes).
    public var licenceStatus: LicenceStatus? {
        switch self {
        case .licenceSuspended: .suspended
        case .licenceRevoked: .revoked
        case .licenceExpired: .expired
        case .licenceReinstated: .valid
        case .venueClosed, .venueReopened, .venueRegistered, .venueCorrected, .licenceIssued: nil
        }
    }

    /// The change that leads a licence to `status`.
    public static func forLicence(_ status: LicenceStatus) -> RegistryChangeKind {
        switch status {
        case .valid: .licenceReinstated
        case .suspended: .licenceSuspended
        case .revoked: .licenceRevoked
        case .expired: .licenceExpired
        }
    }
}

/// A licence as a decision's effects need to know it.
public struct LicenceFacts: Sendable, Hashable {
    public var id: Int64
    public var type: LicenceType
    public var issuer: DepartmentCode
    public var status: LicenceStatus

    public init(id: Int64, type: LicenceType, issuer: DepartmentCode, status: LicenceStatus) {
        self.id = id
        self.type = type
        self.issuer = issuer
        self.status = status
    }
}

/// What a change does: to the venue, or to one licence.
public struct RegistryEffect: Sendable, Hashable {
    public var change: RegistryChangeKind
    public var licenceId: Int64?
    public var until: Date?
    public var reason: String
    /// A correction's fields, old and new.
    public var details: [String: FieldChange]

    public init(change: RegistryChangeKind, licenceId: Int64? = nil, until: Date? = nil, reason: String, details: [String: FieldChange] = [:]) {
        self.change = change
        self.licenceId = licenceId
        self.until = until
        self.reason = reason
        self.details = details
    }
}

/// What a case decision does to the registry, decided here and applied by the store in the decision's
/// own transaction: 取缔 closes the venue; 吊销 revokes the licences the deciding department issued
/// there (or, when it issued none on record, the venue kind's own licence); 停业整顿 suspends every
/// valid licence of the venue for the period (the venue may not operate at all meanwhile).
public enum RegistryEffects {
    public static func of(_ decision: CaseDecision, caseId: Int64, department: DepartmentCode, venueKind: VenueKind,
                          licences: [LicenceFacts], decidedOn: Date) -> [RegistryEffect] {
        var effects: [RegistryEffect] = []
        let live = licences.filter { $0.status == .valid || $0.status == .suspended }
        if decision.kinds.contains(.closureUnlicensed) {
            effects.append(RegistryEffect(change: .venueClosed, reason: "取缔 (closure of an unlicensed operation) decided in case \(caseId)"))
        }
        if decision.kinds.contains(.revocation) {
            var targets = live.filter { $0.issuer == department }
            if targets.isEmpty, let own = primaryLicence(venueKind) { targets = live.filter { $0.type == own } }
            effects += targets.map {
                RegistryEffect(change: .licenceRevoked, licenceId: $0.id, reason: "吊销 (revocation) decided by \(department.rawValue) in case \(caseId)")
            }
        }
        if decision.kinds.contains(.suspension) {
            let until = decision.suspensionDays.map { decidedOn.addingTimeInterval(TimeInterval($0) * 86_400) }
            let revoked = Set(effects.compactMap(\.licenceId))
            effects += live.filter { $0.status == .valid && !revoked.contains($0.id) }.map {
                RegistryEffect(change: .licenceSuspended, licenceId: $0.id, until: until,
                               reason: "停业整顿 (suspension\(decision.suspensionDays.map { " for \($0) days" } ?? "")) decided by \(department.rawValue) in case \(caseId)")
            }
        }
        return effects
    }

    /// The licence a venue of this kind operates under.
    public static func primaryLicence(_ kind: VenueKind) -> LicenceType? {
        switch kind {
        case .internetCafe: .networkCulture
        case .tobaccoRetail: .tobaccoRetail
        case .other: nil
        }
    }
}

/// One kept change, as the venue page shows it: what, since when, why, and by which case.
public struct RegistryChangeRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var change: RegistryChangeKind
    public var licenceId: Int64?
    /// `YYYY-MM-DD`.
    public var effectiveOn: String
    public var until: String?
    public var reason: String
    public var caseId: Int64?
    public var actor: String
    public var recordedAt: Date
    /// Corrections: each field's old and new value.
    public var details: [String: FieldChange]?

    public init(id: Int64, change: RegistryChangeKind, licenceId: Int64?, effectiveOn: String, until: String?, reason: String, caseId: Int64?,
                actor: String, recordedAt: Date, details: [String: FieldChange]? = nil) {
        self.details = details
        self.id = id
        self.change = change
        self.licenceId = licenceId
        self.effectiveOn = effectiveOn
        self.until = until
        self.reason = reason
        self.caseId = caseId
        self.actor = actor
        self.recordedAt = recordedAt
    }
}
