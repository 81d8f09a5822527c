import Foundation
import SweepCore

/// Collects field problems with their JSON path, so one answer lists every mistake in a body.
struct FieldChecks {
    var issues: [FieldIssue] = []

    mutating func fail(_ field: String, _ reason: String) { issues.append(FieldIssue(location: field, reason: reason)) }

    /// A required text, trimmed; nil (and an issue) when missing or blank.
    mutating func required(_ value: String?, _ field: String, max: Int = 200) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty { fail(field, "is required"); return nil }
        if trimmed.count > max { fail(field, "at most \(max) characters"); return nil }
        return trimmed
    }

    /// An optional text, trimmed; blank is "not set".
    mutating func optional(_ value: String?, _ field: String, max: Int = 200) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        if trimmed.count > max { fail(field, "at most \(max) characters"); return nil }
        return trimmed
    }

    mutating func location(_ p: GeoPoint?, _ field: String) -> GeoPoint? {
        guard let p else { return nil }
        if let problem = ChinaBounds.problem(longitude: p.longitude, latitude: p.latitude) { fail(field, problem); return nil }
        return p
    }

    mutating func hours(_ text: String?, _ field: String) -> String? {
        guard let text = optional(text, field, max: 11) else { return nil }
        if let problem = OpeningHours.problem(text) { fail(field, problem); return nil }
        return text
    }

    mutating func day(_ text: String?, _ field: String) -> Date? {
        guard let text else { return nil }
        guard let day = ISODay.parse(text) else { fail(field, "must be a day as YYYY-MM-DD, got \"\(text)\""); return nil }
        return day
    }

    func finish() throws { if !issues.isEmpty { throw SweepError.invalid(issues) } }
}

/// A licence to record: `POST /v1/venues/{id}/licences`, or one of a registration's `licences`.
public struct LicenceIssue: Sendable, Hashable, Codable {
    public var type: LicenceType
    public var number: String?
    /// The issuing department's code, e.g. `CUL`.
    public var issuer: String?
    /// `YYYY-MM-DD`.
    public var validFrom: String?
    public var validUntil: String?
    public var reason: String?

    public init(type: LicenceType, number: String?, issuer: String?, validFrom: String? = nil, validUntil: String? = nil, reason: String? = nil) {
        self.type = type
        self.number = number
        self.issuer = issuer
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.reason = reason
    }

    /// The licence, checked; problems are named under `prefix` (`licences[0].number`).
    func record(_ checks: inout FieldChecks, prefix: String = "") -> LicenceRecord? {
        let number = checks.required(self.number, prefix + "number", max: 64)
        let issuer = checks.required(self.issuer, prefix + "issuer", max: 16)
        let from = checks.day(validFrom, prefix + "valid_from")
        let until = checks.day(validUntil, prefix + "valid_until")
        if let from, let until, until < from {
            checks.fail(prefix + "valid_until", "\(ISODay.format(until)) is before valid_from \(ISODay.format(from))")
        }
        guard let number, let issuer else { return nil }
        return LicenceRecord(type: type, number: number, issuingDepartment: DepartmentCode(rawValue: issuer.uppercased()), validFrom: from, validUntil: until)
    }

    /// The licence and the reason, or every problem with its field.
    public func validated() throws -> (LicenceRecord, String) {
        var checks = FieldChecks()
        let record = record(&checks)
        let reason = checks.required(self.reason, "reason", max: Reason.maxLength)
        try checks.finish()
        return (record!, reason!)
    }
}

/// `POST /v1/venues`: a venue registered by a person (a black café found on a raid, a new licensee).
public struct VenueRegistration: Sendable, Hashable, Codable {
    public var code: String?
    public var kind: VenueKind
    public var name: String?
    public var address: String?
    /// District-level jurisdiction code.
    public var district: String?
    public var licensed: Bool
    public var operatorName: String?
    public var operatorKey: String?
    public var location: GeoPoint?
    /// `HH:MM-HH:MM`.
    public var openingHours: String?
    public var licences: [LicenceIssue]?
    public var reason: String?

    public init(code: String?, kind: VenueKind, name: String?, address: String?, district: String?, licensed: Bool, operatorName: String? = nil,
                operatorKey: String? = nil, location: GeoPoint? = nil, openingHours: String? = nil, licences: [LicenceIssue]? = nil, reason: String?) {
        self.code = code
        self.kind = kind
        self.name = name
        self.address = address
        self.district = district
        self.licensed = licensed
        self.operatorName = operatorName
        self.operatorKey = operatorKey
        self.location = location
        self.openingHours = openingHours
        self.licences = licences
        self.reason = reason
    }

    /// The venue to store and the reason, or every problem with its field path.
    public func validated() throws -> (VenueRecord, String) {
        var checks = FieldChecks()
        let code = checks.required(self.code, "code", max: 64)
        let name = checks.required(self.name, "name")
        let address = checks.required(self.address, "address", max: 500)
        let district = checks.required(self.district, "district", max: 32)
        let location = checks.location(self.location, "location")
        let hours = checks.hours(openingHours, "opening_hours")
        var licences: [LicenceRecord] = []
        for (i, l) in (self.licences ?? []).enumerated() {
            if let record = l.record(&checks, prefix: "licences[\(i)].") { licences.append(record) }
        }
        if !licensed, !licences.isEmpty { checks.fail("licensed", "is false but licences are given; a venue with a licence is licensed") }
        let reason = checks.required(self.reason, "reason", max: Reason.maxLength)
        try checks.finish()
        let record = VenueRecord(code: code!, kind: kind, name: name!, address: address!, districtCode: district!, licensed: licensed,
                                 operatorName: checks.optional(operatorName, "operator_name"), operatorKey: checks.optional(operatorKey, "operator_key"),
                                 location: location, openingHours: hours, licences: licences)
        return (record, reason!)
    }
}

/// `POST /v1/venues/{id}/correct`: the fields to change (absent = unchanged; `""` clears an optional
/// text) and why. Standing (open/closed) and licences have their own routes.
public struct VenueCorrection: Sendable, Hashable, Codable {
    public var kind: VenueKind?
    public var name: String?
    public var address: String?
    public var district: String?
    public var licensed: Bool?
    public var operatorName: String?
    public var operatorKey: String?
    public var location: GeoPoint?
    public var openingHours: String?
    public var reason: String?

    public init(kind: VenueKind? = nil, name: String? = nil, address: String? = nil, district: String? = nil, licensed: Bool? = nil,
                operatorName: String? = nil, operatorKey: String? = nil, location: GeoPoint? = nil, openingHours: String? = nil, reason: String?) {
        self.kind = kind
        self.name = name
        self.address = address
        self.district = district
        self.licensed = licensed
        self.operatorName = operatorName
        self.operatorKey = operatorKey
        self.location = location
        self.openingHours = openingHours
        self.reason = reason
    }

    /// `current` with the correction applied, and the reason; or every problem with its field.
    public func applied(to current: VenueRecord) throws -> (VenueRecord, String) {
        var checks = FieldChecks()
        var v = current
        if let kind { v.kind = kind }
        if name != nil, let name = checks.required(name, "name") { v.name = name }
        if address != nil, let address = checks.required(address, "address", max: 500) { v.address = address }
        if district != nil, let district = checks.required(district, "district", max: 32) { v.districtCode = district }
        if let licensed { v.licensed = licensed }
        if operatorName != nil { v.operatorName = checks.optional(operatorName, "operator_name") }
        if operatorKey != nil { v.operatorKey = checks.optional(operatorKey, "operator_key") }
        if location != nil, let location = checks.location(location, "location") { v.location = location }
        if openingHours != nil { v.openingHours = checks.hours(openingHours, "opening_hours") }
        let reason = checks.required(self.reason, "reason", max: Reason.maxLength)
        try checks.finish()
        return (v, reason!)
    }
}

/// `POST /v1/schools`: a school the registry did not have (schools set the distance rules).
public struct SchoolRegistration: Sendable, Hashable, Codable {
    public var code: String?
    public var name: String?
    public var kind: SchoolKind
    public var district: String?
    public var location: GeoPoint?
    public var reason: String?

    public init(code: String?, name: String?, kind: SchoolKind, district: String?, location: GeoPoint?, reason: String?) {
        self.code = code
        self.name = name
        self.kind = kind
        self.district = district
        self.location = location
        self.reason = reason
    }

    public func validated() throws -> (SchoolRecord, String) {
        var checks = FieldChecks()
        let code = checks.required(self.code, "code", max: 64)
        let name = checks.required(self.name, "name")
        let district = checks.required(self.district, "district", max: 32)
        if self.location == nil { checks.fail("location", "is required: distance rules are measured from it") }
        let location = checks.location(self.location, "location")
        let reason = checks.required(self.reason, "reason", max: Reason.maxLength)
        try checks.finish()
        return (SchoolRecord(code: code!, name: name!, kind: kind, districtCode: district!, location: location!), reason!)
    }
}

/// `POST /v1/venues/suspected`: a venue an inspector finds in the field that the registry does not
/// have (a black café found on the way), registered unlicensed with status unknown where the phone
/// is. The phone makes `report_id` when the report is written, so a retry registers nothing twice:
/// the venue's code (`FIELD-` and the id's first twelve hex digits) is derived from it.
public struct SuspectedVenueReport: Sendable, Hashable, Codable {
    public var reportId: UUID
    public var name: String?
    public var address: String?
    /// `internet_cafe` when absent.
    public var kind: VenueKind?
    public var location: GeoPoint?
    /// District-level jurisdiction code; when absent, the district whose boundary holds `location`.
    public var district: String?

    public init(reportId: UUID, name: String?, address: String? = nil, kind: VenueKind? = nil, location: GeoPoint?, district: String? = nil) {
        self.reportId = reportId
        self.name = name
        self.address = address
        self.kind = kind
        self.location = location
        self.district = district
    }

    /// The registry code this report's venue gets, the same on every retry.
    public var venueCode: String {
        "FIELD-" + reportId.uuidString.replacingOccurrences(of: "-", with: "").prefix(12).uppercased()
    }

    /// The venue to store (district still to be found when absent), or every problem with its field path.
    public func validated() throws -> (name: String, address: String, kind: VenueKind, location: GeoPoint) {
        var checks = FieldChecks()
        let name = checks.required(self.name, "name")
        let address = checks.optional(self.address, "address", max: 500) ?? ""
        let location = checks.location(self.location, "location")
        if self.location == nil { checks.fail("location", "required: the phone's position where the venue was found") }
        try checks.finish()
        return (name!, address, kind ?? .internetCafe, location!)
    }
}
