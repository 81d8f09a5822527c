import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Venues read back as registry records with their ids: for export, corrections and refresh imports.
enum VenueRecordReader {
    /// Every venue, or those with `ids`, in id order; `lock` takes them FOR UPDATE for a change.
    static func read(ids: [Int64]? = nil, lock: Bool = false, on conn: PostgresConnection, logger: Logger) async throws -> [(id: Int64, record: VenueRecord)] {
        var licences: [Int64: [LicenceRecord]] = [:]
        let licenceRows = try await conn.query("""
            SELECT venue_id, licence_type, licence_number, issuing_department, valid_from::timestamptz, valid_until::timestamptz, id, status
            FROM licence WHERE \(ids)::bigint[] IS NULL OR venue_id = ANY(\(ids)::bigint[]) ORDER BY venue_id, id
            """, logger: logger)
        for try await (venueID, type, number, issuer, from, until, id, status) in
            licenceRows.decode((Int64, String, String, String, Date?, Date?, Int64, String).self) {
            guard let type = LicenceType(rawValue: type) else { continue }
            licences[venueID, default: []].append(LicenceRecord(type: type, number: number, issuingDepartment: DepartmentCode(rawValue: issuer),
                                                                validFrom: from, validUntil: until, id: id, status: LicenceStatus(rawValue: status)))
        }
        let rows = try await conn.query("""
            SELECT v.id, v.code, v.kind, v.name, v.address, j.code, v.licensed, v.operator_name, v.operator_key,
                   ST_X(v.location::geometry), ST_Y(v.location::geometry), v.status, v.opening_hours
            FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
            WHERE \(ids)::bigint[] IS NULL OR v.id = ANY(\(ids)::bigint[])
            ORDER BY v.id \(unescaped: lock ? "FOR UPDATE OF v" : "")
            """, logger: logger)
        var out: [(Int64, VenueRecord)] = []
        for try await (id, code, kind, name, address, district, licensed, opName, opKey, lon, lat, status, hours) in
            rows.decode((Int64, String, String, String, String, String, Bool, String?, String?, Double?, Double?, String, String?).self) {
            out.append((id, VenueRecord(code: code, kind: VenueKind(rawValue: kind) ?? .other, name: name, address: address, districtCode: district,
                                        licensed: licensed, operatorName: opName, operatorKey: opKey,
                                        location: lon.flatMap { lon in lat.map { GeoPoint(longitude: lon, latitude: $0) } },
                                        status: VenueStatus(rawValue: status) ?? .unknown, openingHours: hours, licences: licences[id] ?? [])))
        }
        return out
    }
}
