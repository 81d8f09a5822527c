import Foundation

/// Filters for listing venues. All are optional and combine with AND.
public struct VenueFilter: Sendable, Hashable {
    public var kind: VenueKind?
    /// A jurisdiction code; a city or province code includes its districts.
    public var jurisdiction: String?
    public var licensed: Bool?
    public var status: VenueStatus?
    /// Only venues within this many metres of a school (of the given kinds, or any).
    public var nearSchoolMetres: Double?
    public var nearSchoolKinds: [SchoolKind]
    /// Keyset pagination: return venues with id greater than this.
    public var after: Int64?
    public var limit: Int
    /// Restricts results to these jurisdictions (the caller's scope); empty means no restriction.
    public var scope: [String]

    public init(kind: VenueKind? = nil, jurisdiction: String? = nil, licensed: Bool? = nil, status: VenueStatus? = nil,
                nearSchoolMetres: Double? = nil, nearSchoolKinds: [SchoolKind] = [], after: Int64? = nil, limit: Int = 100,
                scope: [String] = []) {
        self.kind = kind
        self.jurisdiction = jurisdiction
        self.licensed = licensed
        self.status = status
        self.nearSchoolMetres = nearSchoolMetres
        self.nearSchoolKinds = nearSchoolKinds
        self.after = after
        self.limit = limit
        self.scope = scope
    }

    /// The largest page a client may ask for; bigger pages belong to `sweep export`.
    public static let maxLimit = 1000

    /// Checks ranges and returns issues keyed by query parameter name.
    public func validate() throws {
        var issues: [FieldIssue] = []
        if limit < 1 || limit > Self.maxLimit {
            issues.append(FieldIssue(location: "limit", reason: "must be between 1 and \(Self.maxLimit), got \(limit)"))
        }
        if let m = nearSchoolMetres, !(m > 0 && m <= 5_000) {
            issues.append(FieldIssue(location: "near_school_m", reason: "must be more than 0 and at most 5000 metres, got \(m)"))
        }
        if !issues.isEmpty { throw SweepError.invalid(issues) }
    }
}

/// One row of a venue list.
public struct VenueSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var code: String
    public var kind: VenueKind
    public var name: String
    public var address: String
    public var districtCode: String
    public var districtName: String
    public var licensed: Bool
    public var status: VenueStatus
    public var location: GeoPoint?
    /// Distance to the nearest school in metres, when the filter asked for proximity.
    public var nearestSchoolMetres: Double?

    public init(id: Int64, code: String, kind: VenueKind, name: String, address: String, districtCode: String,
                districtName: String, licensed: Bool, status: VenueStatus, location: GeoPoint?, nearestSchoolMetres: Double?) {
        self.id = id
        self.code = code
        self.kind = kind
        self.name = name
        self.address = address
        self.districtCode = districtCode
        self.districtName = districtName
        self.licensed = licensed
        self.status = status
        self.location = location
        self.nearestSchoolMetres = nearestSchoolMetres
    }
}

/// A page of results with the cursor for the next one.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Pass as `after` to get the next page; nil on the last page.
    public var nextAfter: Int64?

    public init(items: [Item], nextAfter: Int64?) {
        self.items = items
        self.nextAfter = nextAfter
    }
}

/// One inspection in a venue's history with what each department found.
public struct VenueHistoryEntry: Sendable, Hashable, Codable {
    public var inspectionId: Int64
    public var origin: InspectionOrigin
    public var outcome: InspectionOutcome
    public var arrivedAt: Date
    public var minorsCount: Int
    public var violations: [String]

    public init(inspectionId: Int64, origin: InspectionOrigin, outcome: InspectionOutcome, arrivedAt: Date, minorsCount: Int, violations: [String]) {
        self.inspectionId = inspectionId
        self.origin = origin
        self.outcome = outcome
        self.arrivedAt = arrivedAt
        self.minorsCount = minorsCount
        self.violations = violations
    }
}

/// A case opened at a venue, for the venue view.
public struct VenueCaseSummary: Sendable, Hashable, Codable {
    public var caseId: Int64
    public var violationCode: String
    public var department: DepartmentCode
    public var state: CaseState
    public var openedAt: Date
    public var fineYuan: Double?

    public init(caseId: Int64, violationCode: String, department: DepartmentCode, state: CaseState, openedAt: Date, fineYuan: Double?) {
        self.caseId = caseId
        self.violationCode = violationCode
        self.department = department
        self.state = state
        self.openedAt = openedAt
        self.fineYuan = fineYuan
    }
}

/// Everything the registry knows about one venue.
public struct VenueDetail: Sendable, Hashable, Codable {
    public var summary: VenueSummary
    public var operatorName: String?
    public var operatorKey: String?
    public var openingHours: String?
    public var licences: [LicenceRecord]
    public var history: [VenueHistoryEntry]
    public var cases: [VenueCaseSummary]
    /// Violations at this venue in the last 365 days (the café discretion-ladder window).
    public var violationsLastYear: Int
    /// Closures, reopenings and licence changes, newest first, each with its reason and deciding case.
    public var changes: [RegistryChangeRecord] = []
    /// When and why the venue was closed, while it is.
    public var closedOn: String?
    public var closedReason: String?
    /// Relocation links in which this venue is the new café or the closed one.
    public var relocations: [Relocation] = []

    public init(summary: VenueSummary, operatorName: String?, operatorKey: String?, openingHours: String?, licences: [LicenceRecord], history: [VenueHistoryEntry], cases: [VenueCaseSummary], violationsLastYear: Int) {
        self.summary = summary
        self.operatorName = operatorName
        self.operatorKey = operatorKey
        self.openingHours = openingHours
        self.licences = licences
        self.history = history
        self.cases = cases
        self.violationsLastYear = violationsLastYear
    }
}

/// Read access to the registry, as the HTTP layer needs it.
public protocol RegistryReading: Sendable {
    func venues(_ filter: VenueFilter) async throws -> Page<VenueSummary>
    /// `scope` restricts which venue may be seen; a venue outside it is reported as not found.
    func venue(id: Int64, scope: [String]) async throws -> VenueDetail
    func jurisdictions() async throws -> [JurisdictionRecord]
    func departments() async throws -> [DepartmentInfo]
    func violationTypes() async throws -> [ViolationTypeInfo]
}

/// A department row.
public struct DepartmentInfo: Sendable, Hashable, Codable {
    public var code: DepartmentCode
    public var nameZh: String
    public var nameEn: String

    public init(code: DepartmentCode, nameZh: String, nameEn: String) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
    }
}

/// A catalogue entry as shown to users; the legal bases are data in the database.
public struct ViolationTypeInfo: Sendable, Hashable, Codable {
    public var code: String
    public var domain: String
    public var titleZh: String
    public var titleEn: String
    public var leadDepartment: DepartmentCode
    public var assistingDepartments: [DepartmentCode]
    public var penaltySummary: String
    public var legalBases: [LegalBasisInfo]

    public init(code: String, domain: String, titleZh: String, titleEn: String, leadDepartment: DepartmentCode, assistingDepartments: [DepartmentCode], penaltySummary: String, legalBases: [LegalBasisInfo]) {
        self.code = code
        self.domain = domain
        self.titleZh = titleZh
        self.titleEn = titleEn
        self.leadDepartment = leadDepartment
        self.assistingDepartments = assistingDepartments
        self.penaltySummary = penaltySummary
        self.legalBases = legalBases
    }
}

/// One legal basis of a violation: which instrument, which version, which article.
public struct LegalBasisInfo: Sendable, Hashable, Codable {
    public var role: String
    public var instrument: String
    public var version: String
    public var article: String
    public var item: String?
    public var verified: Bool

    public init(role: String, instrument: String, version: String, article: String, item: String?, verified: Bool) {
        self.role = role
        self.instrument = instrument
        self.version = version
        self.article = article
        self.item = item
        self.verified = verified
    }
}
