/// A licence's identity: numbers are unique per licence type, not across types.
public struct LicenceKey: Sendable, Hashable, CustomStringConvertible {
    /// The licence type the number belongs to.
    public var type: LicenceType
    /// The number as printed on the licence.
    public var number: String

    /// The key of licence `number` of `type`.
    public init(type: LicenceType, number: String) {
        self.type = type
        self.number = number
    }

    /// `network_culture 4201-0001`, as messages show it.
    public var description: String { "\(type.rawValue) \(number)" }
}

/// What the store already holds, for the checks a file cannot make on its own.
///
/// Import *adds* rows: a code, licence or credential number that already exists is an error, never
/// an update, so that re-running an import by mistake cannot silently overwrite edited records.
/// The store fills this in (in the same transaction as the insert) and the registry parsers check
/// every row against it; the store's unique constraints still catch anything added concurrently.
public struct ImportContext: Sendable, Equatable {
    /// Every jurisdiction the store knows, by code, with its level. Venues, schools and inspectors
    /// must name a `district`-level one; jurisdiction rows may name any of them as parent.
    public var jurisdictions: [String: JurisdictionLevel]
    /// Department codes in the `department` table.
    public var departments: Set<DepartmentCode>
    /// Venue codes already registered.
    public var existingVenueCodes: Set<String>
    /// School codes already registered.
    public var existingSchoolCodes: Set<String>
    /// Inspector staff numbers already on the roster.
    public var existingInspectorCodes: Set<String>
    /// Licences already held by stored venues.
    public var existingLicences: Set<LicenceKey>
    /// 执法证 numbers already on the roster.
    public var existingCredentialNumbers: Set<String>
    /// A refresh (`--mode upsert`) updates venues by code, so a stored licence may appear again, but
    /// only on the venue that holds it: licence → code of its venue.
    public var licenceOwners: [LicenceKey: String] = [:]

    /// A context; everything defaults to empty (an empty store).
    public init(jurisdictions: [String: JurisdictionLevel] = [:], departments: Set<DepartmentCode> = [],
                existingVenueCodes: Set<String> = [], existingSchoolCodes: Set<String> = [],
                existingInspectorCodes: Set<String> = [], existingLicences: Set<LicenceKey> = [],
                existingCredentialNumbers: Set<String> = []) {
        self.jurisdictions = jurisdictions
        self.departments = departments
        self.existingVenueCodes = existingVenueCodes
        self.existingSchoolCodes = existingSchoolCodes
        self.existingInspectorCodes = existingInspectorCodes
        self.existingLicences = existingLicences
        self.existingCredentialNumbers = existingCredentialNumbers
    }

    /// A context whose jurisdictions are the given records (boundaries are not needed).
    public init(jurisdictions records: [JurisdictionRecord], departments: Set<DepartmentCode>) {
        self.init(jurisdictions: Dictionary(records.map { ($0.code, $0.level) }, uniquingKeysWith: { first, _ in first }),
                  departments: departments)
    }

    /// Codes of the district-level jurisdictions.
    public var districtCodes: Set<String> {
        Set(jurisdictions.lazy.filter { $0.value == .district }.map(\.key))
    }

    /// At most eight values, sorted, with an ellipsis when there are more: enough to show the form
    /// a code takes without flooding the report.
    static func sample(_ values: Set<String>, limit: Int = 8) -> String {
        let sorted = values.sorted()
        let shown = sorted.prefix(limit).joined(separator: ", ")
        return sorted.count > limit ? shown + ", …" : shown
    }
}

/// The context's lookups with their "known: …" samples worked out once per import rather than once
/// per bad row.
struct ContextChecks: Sendable {
    let context: ImportContext
    private let districtSample: String
    private let departmentSample: String

    init(_ context: ImportContext) {
        self.context = context
        districtSample = ImportContext.sample(context.districtCodes)
        departmentSample = ImportContext.sample(Set(context.departments.map(\.rawValue)))
    }

    /// Why `code` cannot be used as a venue's, school's or inspector's district, or nil when it can.
    func districtProblem(_ code: String) -> String? {
        switch context.jurisdictions[code] {
        case .district: return nil
        case .some(let level): return "\(code) is a \(level.rawValue), not a district; give the district code"
        case .none:
            if districtSample.isEmpty { return "unknown district \(code) (no districts are registered yet; import jurisdictions first)" }
            return "unknown district \(code) (known: \(districtSample))"
        }
    }

    /// Why `code` is not a department, or nil when it is.
    func departmentProblem(_ code: DepartmentCode) -> String? {
        guard !context.departments.contains(code) else { return nil }
        if departmentSample.isEmpty { return "unknown department \(code) (no departments are registered)" }
        return "unknown department \(code) (known: \(departmentSample))"
    }
}
