import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Reads whole registries back as records, for `sweep export` (same formats as import).
public struct RegistryExporter: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    public func venues() async throws -> [VenueRecord] {
        // Files carry no registry ids or standing of licences: those are the database's.
        try await db.transaction { try await VenueRecordReader.read(on: $0, logger: db.logger) }.map { row in
            var record = row.record
            record.licences = record.licences.map { LicenceRecord(type: $0.type, number: $0.number, issuingDepartment: $0.issuingDepartment,
                                                                  validFrom: $0.validFrom, validUntil: $0.validUntil) }
            return record
        }
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
