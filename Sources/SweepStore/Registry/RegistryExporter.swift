import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Reads whole registries back as records, for `sweep export` (same formats as import).
public struct RegistryExporter: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    public func venues() async throws -> [VenueRecord] {
        var licences: [Int64: [LicenceRecord]] = [:]
        let licenceRows = try await db.query("""
            SELECT venue_id, licence_type, licence_number, issuing_department, valid_from::timestamptz, valid_until::timestamptz
            FROM licence ORDER BY venue_id, id
            """)
        for try await (venueID, type, number, issuer, from, until) in licenceRows.decode((Int64, String, String, String, Date?, Date?).self) {
            guard let type = LicenceType(rawValue: type) else { continue }
            licences[venueID, default: []].append(LicenceRecord(type: type, number: number, issuingDepartment: DepartmentCode(rawValue: issuer),
                                                                validFrom: from, validUntil: until))
        }
        let rows = try await db.query("""
            SELECT v.id, v.code, v.kind, v.name, v.address, j.code, v.licensed, v.operator_name, v.operator_key,
                   ST_X(v.location::geometry), ST_Y(v.location::geometry), v.status, v.opening_hours
            FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id ORDER BY v.id
            """)
        var out: [VenueRecord] = []
        for try await (id, code, kind, name, address, district, licensed, opName, opKey, lon, lat, status, hours) in
            rows.decode((Int64, String, String, String, String, String, Bool, String?, String?, Double?, Double?, String, String?).self) {
            out.append(VenueRecord(code: code, kind: VenueKind(rawValue: kind) ?? .other, name: name, address: address, districtCode: district,
                                   licensed: licensed, operatorName: opName, operatorKey: opKey,
                                   location: lon.flatMap { lon in lat.map { GeoPoint(longitude: lon, latitude: $0) } },
                                   status: VenueStatus(rawValue: status) ?? .unknown, openingHours: hours, licences: licences[id] ?? []))
        }
        return out
    }

    public func schools() async throws -> [SchoolRecord] {
        let rows = try await db.query("""
            SELECT s.code, s.name, s.kind, j.code, ST_X(s.location::geometry), ST_Y(s.location::geometry)
            FROM school s JOIN jurisdiction j ON j.id = s.jurisdiction_id ORDER BY s.id
            """)
        var out: [SchoolRecord] = []
        for try await (code, name, kind, district, lon, lat) in rows.decode((String, String, String, String, Double, Double).self) {
            out.append(SchoolRecord(code: code, name: name, kind: SchoolKind(rawValue: kind) ?? .primary, districtCode: district,
                                    location: GeoPoint(longitude: lon, latitude: lat)))
        }
        return out
    }

    public func inspectors() async throws -> [InspectorRecord] {
        let rows = try await db.query("""
            SELECT i.code, i.name, i.department_code, i.credential_number, i.credential_expires::timestamptz, j.code, i.active
            FROM inspector i JOIN jurisdiction j ON j.id = i.jurisdiction_id ORDER BY i.id
            """)
        var out: [InspectorRecord] = []
        for try await (code, name, dept, credential, expires, district, active) in rows.decode((String, String, String, String, Date, String, Bool).self) {
            out.append(InspectorRecord(code: code, name: name, department: DepartmentCode(rawValue: dept), credentialNumber: credential,
                                       credentialExpires: expires, districtCode: district, active: active))
        }
        return out
    }

    public func jurisdictions() async throws -> [JurisdictionRecord] {
        try await RegistryStore(db: db).jurisdictions()
    }
}
