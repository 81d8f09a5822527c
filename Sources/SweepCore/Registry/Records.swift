import Foundation

/// A district, city or province, keyed by its administrative code (e.g. `420102`).
public struct JurisdictionRecord: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var level: JurisdictionLevel
    /// The parent's code; nil only for the top of the tree.
    public var parentCode: String?
    /// Outer rings of the boundary, each closed (first == last), counter-clockwise (RFC 7946).
    /// Holes are not modelled: district boundaries in the registries have none.
    public var boundary: [[GeoPoint]]?

    public init(code: String, name: String, level: JurisdictionLevel, parentCode: String?, boundary: [[GeoPoint]]? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.boundary = boundary
    }
}

/// A licence a venue holds.
public struct LicenceRecord: Sendable, Hashable, Codable {
    public var type: LicenceType
    public var number: String
    public var issuingDepartment: DepartmentCode
    public var validFrom: Date?
    public var validUntil: Date?
    /// As stored (read back from the registry; absent in import files).
    public var id: Int64?
    public var status: LicenceStatus?
    public var suspendedUntil: Date?

    public init(type: LicenceType, number: String, issuingDepartment: DepartmentCode, validFrom: Date? = nil, validUntil: Date? = nil,
                id: Int64? = nil, status: LicenceStatus? = nil, suspendedUntil: Date? = nil) {
        self.id = id
        self.status = status
        self.suspendedUntil = suspendedUntil
        self.type = type
        self.number = number
        self.issuingDepartment = issuingDepartment
        self.validFrom = validFrom
        self.validUntil = validUntil
    }
}

/// An inspectable place: a café (licensed or "black"), a tobacco retailer or another shop.
public struct VenueRecord: Sendable, Hashable, Codable {
    /// The registry's stable key, unique across venues (e.g. `V-420102-00017`).
    public var code: String
    public var kind: VenueKind
    public var name: String
    public var address: String
    /// Code of the district the venue lies in.
    public var districtCode: String
    public var licensed: Bool
    /// Operator / legal representative (法定代表人 or 经营者) as registered; links venues of one operator.
    public var operatorName: String?
    /// A stable key for the operator (unified social credit code or an internal id).
    public var operatorKey: String?
    public var location: GeoPoint?
    public var status: VenueStatus
    /// Declared opening hours as `HH:MM-HH:MM` (may cross midnight), nil when unknown.
    public var openingHours: String?
    public var licences: [LicenceRecord]

    public init(code: String, kind: VenueKind, name: String, address: String, districtCode: String, licensed: Bool,
                operatorName: String? = nil, operatorKey: String? = nil, location: GeoPoint?, status: VenueStatus = .open,
                openingHours: String? = nil, licences: [LicenceRecord] = []) {
        self.code = code
        self.kind = kind
        self.name = name
        self.address = address
        self.districtCode = districtCode
        self.licensed = licensed
        self.operatorName = operatorName
        self.operatorKey = operatorKey
        self.location = location
        self.status = status
        self.openingHours = openingHours
        self.licences = licences
    }
}

/// A school or kindergarten, for distance rules and risk.
public struct SchoolRecord: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var kind: SchoolKind
    public var districtCode: String
    public var location: GeoPoint

    public init(code: String, name: String, kind: SchoolKind, districtCode: String, location: GeoPoint) {
        self.code = code
        self.name = name
        self.kind = kind
        self.districtCode = districtCode
        self.location = location
    }
}

/// An enforcement officer on the roster (一单两库: the inspector directory).
public struct InspectorRecord: Sendable, Hashable, Codable {
    /// Staff number, unique.
    public var code: String
    public var name: String
    public var department: DepartmentCode
    /// 执法证 number, unique.
    public var credentialNumber: String
    public var credentialExpires: Date
    public var districtCode: String
    public var active: Bool

    public init(code: String, name: String, department: DepartmentCode, credentialNumber: String, credentialExpires: Date,
                districtCode: String, active: Bool = true) {
        self.code = code
        self.name = name
        self.department = department
        self.credentialNumber = credentialNumber
        self.credentialExpires = credentialExpires
        self.districtCode = districtCode
        self.active = active
    }
}

/// A past inspection with what it found, for demo history and for tests. Live inspections arrive
/// through findings submission (a later issue) and are stored in the same tables.
public struct HistoricInspection: Sendable, Hashable, Codable {
    public var venueCode: String
    public var origin: InspectionOrigin
    public var outcome: InspectionOutcome
    public var arrivedAt: Date
    public var departedAt: Date
    /// Departments present; one finding per department.
    public var departments: [DepartmentCode]
    /// Violations found, each with the department whose finding holds it.
    public var violations: [HistoricViolation]
    /// Minors found on the premises (counts only, never identities).
    public var minorsCount: Int

    public init(venueCode: String, origin: InspectionOrigin, outcome: InspectionOutcome, arrivedAt: Date, departedAt: Date,
                departments: [DepartmentCode], violations: [HistoricViolation], minorsCount: Int) {
        self.venueCode = venueCode
        self.origin = origin
        self.outcome = outcome
        self.arrivedAt = arrivedAt
        self.departedAt = departedAt
        self.departments = departments
        self.violations = violations
        self.minorsCount = minorsCount
    }
}

/// One violation recorded at a past inspection.
public struct HistoricViolation: Sendable, Hashable, Codable {
    /// A code from the violation catalogue, e.g. `CAFE_MINOR_ADMITTED`.
    public var code: String
    public var department: DepartmentCode
    /// Where the case ended; history cases are closed or still open.
    public var caseState: CaseState
    public var fineYuan: Int?
    /// What happened to the case and when, where known.
    public var timeline: HistoricCaseTimeline?

    public init(code: String, department: DepartmentCode, caseState: CaseState, fineYuan: Int? = nil) {
        self.code = code
        self.department = department
        self.caseState = caseState
        self.fineYuan = fineYuan
    }
}

/// A past case's milestones (all optional: a record may know only some).
public struct HistoricCaseTimeline: Sendable, Hashable, Codable {
    public var decidedAt: Date?
    /// The department that referred the case to the one holding it.
    public var referredFrom: DepartmentCode?
    public var referralDeadline: Date?
    public var acceptedAt: Date?
    /// A calendar day (ISO), as the case stores it.
    public var rectificationDue: String?
    public var reinspectedAt: Date?
    public var reinspectionPassed: Bool?
    public var closedAt: Date?

    public init() {}
}
