import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Bulk writes of registry records inside a caller's transaction. Imports and the demo seed share it,
/// so both load through COPY and both end in the same rows.
struct RegistryWriter {
    let connection: PostgresConnection
    let logger: Logger

    /// Code → id for every jurisdiction.
    func jurisdictionIDs() async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        let rows = try await connection.query("SELECT code, id FROM jurisdiction", logger: logger)
        for try await (code, id) in rows.decode((String, Int64).self) { ids[code] = id }
        return ids
    }

    /// Code → id for venues (for linking history, imports of licences and exports).
    func venueIDs() async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        let rows = try await connection.query("SELECT code, id FROM venue", logger: logger)
        for try await (code, id) in rows.decode((String, Int64).self) { ids[code] = id }
        return ids
    }

    /// Inserts jurisdictions; parents must come before children (in the list or already stored).
    func insertJurisdictions(_ records: [JurisdictionRecord]) async throws {
        var ids = try await jurisdictionIDs()
        for record in records {
            let parentID = record.parentCode.flatMap { ids[$0] }
            if record.parentCode != nil, parentID == nil {
                throw SweepError.invalid(field: "jurisdiction \(record.code).parent", reason: "unknown parent \(record.parentCode!)")
            }
            let boundary = CopyValue.multiPolygon(record.boundary)
            let rows = try await connection.query("""
                INSERT INTO jurisdiction (code, name, level, parent_id, boundary)
                VALUES (\(record.code), \(record.name), \(record.level.rawValue), \(parentID),
                        CASE WHEN \(boundary)::text IS NULL THEN NULL ELSE ST_GeomFromEWKT(\(boundary)) END)
                RETURNING id
                """, logger: logger)
            for try await id in rows.decode(Int64.self) { ids[record.code] = id }
        }
    }

    /// Replaces the boundary of existing jurisdictions (GeoJSON import for codes already present).
    func updateBoundary(code: String, rings: [[GeoPoint]]) async throws {
        let boundary = CopyValue.multiPolygon(rings)
        try await connection.query("""
            UPDATE jurisdiction SET boundary = ST_GeomFromEWKT(\(boundary)) WHERE code = \(code)
            """, logger: logger)
    }

    func insertVenues(_ records: [VenueRecord], jurisdictions: [String: Int64]) async throws {
        guard !records.isEmpty else { return }
        let base = try await CopyText.reserveIDs("venue", count: records.count, on: connection, logger: logger)
        let numbered = Array(zip(Int64(0)..., records)).map { (base + $0.0, $0.1) }
        try await CopyText.copy(numbered, into: "venue",
                                columns: ["id", "code", "kind", "name", "address", "jurisdiction_id", "licensed", "operator_name",
                                          "operator_key", "location", "status", "opening_hours"],
                                on: connection, logger: logger) { (id, v) in
            [String(id), v.code, v.kind.rawValue, v.name, v.address, jurisdictions[v.districtCode].map(String.init), CopyValue.bool(v.licensed),
             v.operatorName, v.operatorKey, CopyValue.point(v.location), v.status.rawValue, v.openingHours]
        }
        try await CopyText.syncIdentity("venue", on: connection, logger: logger)
        let licences = numbered.flatMap { (id, v) in v.licences.map { (id, $0) } }
        guard !licences.isEmpty else { return }
        let licenceBase = try await CopyText.reserveIDs("licence", count: licences.count, on: connection, logger: logger)
        let numberedLicences = Array(zip(Int64(0)..., licences)).map { (licenceBase + $0.0, $0.1.0, $0.1.1) }
        try await CopyText.copy(numberedLicences, into: "licence",
                                columns: ["id", "venue_id", "licence_type", "licence_number", "issuing_department", "valid_from", "valid_until"],
                                on: connection, logger: logger) { (id, venueID, l) in
            [String(id), String(venueID), l.type.rawValue, l.number, l.issuingDepartment.rawValue, CopyValue.date(l.validFrom), CopyValue.date(l.validUntil)]
        }
        try await CopyText.syncIdentity("licence", on: connection, logger: logger)
    }

    func insertSchools(_ records: [SchoolRecord], jurisdictions: [String: Int64]) async throws {
        guard !records.isEmpty else { return }
        let base = try await CopyText.reserveIDs("school", count: records.count, on: connection, logger: logger)
        let numbered = Array(zip(Int64(0)..., records)).map { (base + $0.0, $0.1) }
        try await CopyText.copy(numbered, into: "school", columns: ["id", "code", "name", "kind", "jurisdiction_id", "location"],
                                on: connection, logger: logger) { (id, s) in
            [String(id), s.code, s.name, s.kind.rawValue, jurisdictions[s.districtCode].map(String.init), CopyValue.point(s.location)]
        }
        try await CopyText.syncIdentity("school", on: connection, logger: logger)
    }

    func insertInspectors(_ records: [InspectorRecord], jurisdictions: [String: Int64]) async throws {
        guard !records.isEmpty else { return }
        let base = try await CopyText.reserveIDs("inspector", count: records.count, on: connection, logger: logger)
        let numbered = Array(zip(Int64(0)..., records)).map { (base + $0.0, $0.1) }
        try await CopyText.copy(numbered, into: "inspector",
                                columns: ["id", "code", "name", "department_code", "credential_number", "credential_expires", "jurisdiction_id", "active"],
                                on: connection, logger: logger) { (id, i) in
            [String(id), i.code, i.name, i.department.rawValue, i.credentialNumber, CopyValue.date(i.credentialExpires),
             jurisdictions[i.districtCode].map(String.init), CopyValue.bool(i.active)]
        }
        try await CopyText.syncIdentity("inspector", on: connection, logger: logger)
    }
}
