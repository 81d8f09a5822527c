import Foundation
import Logging
import PostgresNIO
import SweepAPI
import SweepCore

/// The registry kept by people between imports: venues registered and corrected, licences issued,
/// schools added — each in one transaction with its history (`registry_change`), its event and its
/// audit entry, and a new black café checked for relocation at once.
public struct RegistryMaintenanceStore: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    /// Stores a new venue with its licences; the new venue's id.
    public func registerVenue(_ v: VenueRecord, reason: String, actor: String, today: Date = Date()) async throws -> Int64 {
        try await db.transaction { conn in
            let district = try await Self.districtId(v.districtCode, on: conn, logger: db.logger)
            if try await Self.exists("SELECT 1 FROM venue WHERE code = \(v.code)", on: conn, logger: db.logger) {
                throw SweepError.conflict("venue code \(v.code) already exists; correct that venue instead")
            }
            for (i, l) in v.licences.enumerated() { try await Self.checkLicence(l, field: "licences[\(i)]", on: conn, logger: db.logger) }
            var id: Int64 = 0
            for try await new in try await conn.query("""
                INSERT INTO venue (code, kind, name, address, jurisdiction_id, licensed, operator_name, operator_key, location, opening_hours)
                VALUES (\(v.code), \(v.kind.rawValue), \(v.name), \(v.address), \(district), \(v.licensed), \(v.operatorName), \(v.operatorKey),
                        \(Self.point(v.location))::geography, \(v.openingHours))
                RETURNING id
                """, logger: db.logger).decode(Int64.self) { id = new }
            var effects = [RegistryEffect(change: .venueRegistered, reason: reason)]
            for l in v.licences {
                effects.append(RegistryEffect(change: .licenceIssued, licenceId: try await Self.insertLicence(l, venueId: id, on: conn, logger: db.logger),
                                              reason: reason))
            }
            try await RegistryLifecycleStore.apply(effects, venueId: id, caseId: nil, effectiveOn: today, actor: actor, on: conn, logger: db.logger)
            try await RelocationStore.detect([(id, today)], by: .registered, on: conn, logger: db.logger)
            return id
        }
    }

    /// The district whose boundary holds `point`, or nil when none does.
    public func district(at point: GeoPoint) async throws -> String? {
        var found: String?
        for try await code in try await db.query("""
            SELECT code FROM jurisdiction
            WHERE level = 'district' AND ST_Contains(boundary, ST_SetSRID(ST_MakePoint(\(point.longitude), \(point.latitude)), 4326))
            ORDER BY code LIMIT 1
            """).decode(String.self) { found = code }
        return found
    }

    /// Registers a venue an inspector found in the field — unlicensed, status unknown — once per
    /// report: a retry finds the venue by the code its report id gives. The venue's id, and whether
    /// this call registered it.
    public func reportSuspectedVenue(_ report: SuspectedVenueReport, district: String, actor: String, today: Date = Date()) async throws -> (id: Int64, created: Bool) {
        let venue = try report.validated()
        let code = report.venueCode
        return try await db.transaction { conn in
            let districtID = try await Self.districtId(district, on: conn, logger: db.logger)
            var id: Int64?
            for try await new in try await conn.query("""
                INSERT INTO venue (code, kind, name, address, jurisdiction_id, licensed, location, status)
                VALUES (\(code), \(venue.kind.rawValue), \(venue.name), \(venue.address), \(districtID), false,
                        \(Self.point(venue.location))::geography, 'unknown')
                ON CONFLICT (code) DO NOTHING
                RETURNING id
                """, logger: db.logger).decode(Int64.self) { id = new }
            guard let id else {
                for try await existing in try await conn.query("SELECT id FROM venue WHERE code = \(code)", logger: db.logger).decode(Int64.self) {
                    return (existing, false)
                }
                throw SweepError.conflict("venue \(code) could not be registered; try again")
            }
            try await RegistryLifecycleStore.apply([RegistryEffect(change: .venueRegistered, reason: "found in the field (report \(report.reportId.uuidString.lowercased()))")],
                                                   venueId: id, caseId: nil, effectiveOn: today, actor: actor, on: conn, logger: db.logger)
            try await RelocationStore.detect([(id, today)], by: .registered, on: conn, logger: db.logger)
            return (id, true)
        }
    }

    /// Applies a correction; the fields it changed, old and new.
    public func correctVenue(_ id: Int64, _ correction: VenueCorrection, actor: String, today: Date = Date()) async throws -> [String: FieldChange] {
        try await db.transaction { conn in
            guard let current = try await VenueRecordReader.read(ids: [id], lock: true, on: conn, logger: db.logger).first?.record else {
                throw SweepError.notFound("venue \(id)")
            }
            let (corrected, reason) = try correction.applied(to: current)
            let changes = VenueDifferences.between(current, corrected)
            if changes.isEmpty { throw SweepError.invalid(field: "body", reason: "changes nothing: every field given already has that value") }
            let district = try await Self.districtId(corrected.districtCode, on: conn, logger: db.logger)
            try await Self.updateDetails(id, to: corrected, jurisdictionId: district, on: conn, logger: db.logger)
            try await RegistryLifecycleStore.apply([RegistryEffect(change: .venueCorrected, reason: reason, details: changes)], venueId: id, caseId: nil,
                                                   effectiveOn: today, actor: actor, on: conn, logger: db.logger)
            // A café found to be unlicensed, or found elsewhere, is checked like a new one.
            if changes["licensed"] != nil || changes["location"] != nil || changes["kind"] != nil {
                try await RelocationStore.detect([(id, today)], by: .registered, on: conn, logger: db.logger)
            }
            return changes
        }
    }

    /// Records a licence for a venue; the venue becomes licensed when it is the licence its kind operates under.
    public func issueLicence(venueId: Int64, _ licence: LicenceRecord, reason: String, actor: String, today: Date = Date()) async throws -> Int64 {
        try await db.transaction { conn in
            guard let venue = try await VenueRecordReader.read(ids: [venueId], lock: true, on: conn, logger: db.logger).first?.record else {
                throw SweepError.notFound("venue \(venueId)")
            }
            try await Self.checkLicence(licence, field: "", on: conn, logger: db.logger)
            let id = try await Self.insertLicence(licence, venueId: venueId, on: conn, logger: db.logger)
            var effects = [RegistryEffect(change: .licenceIssued, licenceId: id, reason: reason)]
            if !venue.licensed, licence.type == RegistryEffects.primaryLicence(venue.kind) {
                try await conn.query("UPDATE venue SET licensed = true, updated_at = now() WHERE id = \(venueId)", logger: db.logger)
                effects.append(RegistryEffect(change: .venueCorrected, reason: reason, details: ["licensed": FieldChange(from: "false", to: "true")]))
            }
            try await RegistryLifecycleStore.apply(effects, venueId: venueId, caseId: nil, effectiveOn: today, actor: actor, on: conn, logger: db.logger)
            return id
        }
    }

    /// Adds a school; the distance rules and risk scores use it from the next read on.
    public func addSchool(_ s: SchoolRecord, reason: String, actor: String) async throws -> Int64 {
        try await db.transaction { conn in
            let district = try await Self.districtId(s.districtCode, on: conn, logger: db.logger)
            if try await Self.exists("SELECT 1 FROM school WHERE code = \(s.code)", on: conn, logger: db.logger) {
                throw SweepError.conflict("school code \(s.code) already exists")
            }
            var id: Int64 = 0
            for try await new in try await conn.query("""
                INSERT INTO school (code, name, kind, jurisdiction_id, location)
                VALUES (\(s.code), \(s.name), \(s.kind.rawValue), \(district), \(Self.point(s.location))::geography)
                RETURNING id
                """, logger: db.logger).decode(Int64.self) { id = new }
            try await EventOutbox.append("school.added", object: ("school", String(id)), venueId: nil, jurisdictionId: district, department: nil,
                                         payload: ["school_id": String(id), "code": s.code, "kind": s.kind.rawValue], on: conn, logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "registry.school_added", objectType: "school", objectID: String(id), reason: reason,
                                                 details: ["code": s.code]), on: conn, logger: db.logger)
            return id
        }
    }

    /// Sets the relocation detector's rules for a jurisdiction and what lies below it; the settings after the change.
    public func setRelocationRule(jurisdiction code: String, radiusMetres: Double?, windowMonths: Int?, reason: String, actor: String) async throws -> String {
        var issues: [FieldIssue] = []
        if let r = radiusMetres, !(10...5000).contains(r) { issues.append(FieldIssue(location: "--relocation-radius-m", reason: "must be 10–5000 metres, got \(r)")) }
        if let m = windowMonths, !(1...120).contains(m) { issues.append(FieldIssue(location: "--relocation-window-months", reason: "must be 1–120 months, got \(m)")) }
        if radiusMetres == nil, windowMonths == nil { issues.append(FieldIssue(location: "--relocation-radius-m", reason: "give a radius, a window or both")) }
        if !issues.isEmpty { throw SweepError.invalid(issues) }
        // Numbers as JSON numbers (the detector casts them to float8 and int).
        var fields: [String] = []
        if let radiusMetres { fields.append("\"relocation_radius_m\": \(radiusMetres)") }
        if let windowMonths { fields.append("\"relocation_window_months\": \(windowMonths)") }
        let json = "{" + fields.joined(separator: ", ") + "}"
        return try await db.transaction { conn in
            var after: String?
            for try await text in try await conn.query("""
                UPDATE jurisdiction SET settings = settings || \(json)::jsonb WHERE code = \(code) RETURNING settings::text
                """, logger: db.logger).decode(String.self) { after = text }
            guard let after else { throw SweepError.notFound("jurisdiction \(code)") }
            try await AuditLog.append(AuditEntry(actor: actor, action: "registry.jurisdiction_settings", objectType: "jurisdiction", objectID: code,
                                                 reason: reason, details: ["settings": json]), on: conn, logger: db.logger)
            return after
        }
    }

    /// A district's id; a city or an unknown code is a field error.
    static func districtId(_ code: String, on conn: PostgresConnection, logger: Logger) async throws -> Int64 {
        var found: (Int64, String)?
        for try await row in try await conn.query("SELECT id, level FROM jurisdiction WHERE code = \(code)", logger: logger).decode((Int64, String).self) {
            found = row
        }
        guard let (id, level) = found else { throw SweepError.invalid(field: "district", reason: "unknown jurisdiction \(code)") }
        guard level == JurisdictionLevel.district.rawValue else {
            throw SweepError.invalid(field: "district", reason: "\(code) is a \(level); the registry places venues and schools in a district")
        }
        return id
    }

    private static func checkLicence(_ l: LicenceRecord, field: String, on conn: PostgresConnection, logger: Logger) async throws {
        let prefix = field.isEmpty ? "" : field + "."
        if !(try await exists("SELECT 1 FROM department WHERE code = \(l.issuingDepartment.rawValue)", on: conn, logger: logger)) {
            throw SweepError.invalid(field: prefix + "issuer", reason: "unknown department \(l.issuingDepartment.rawValue)")
        }
        if try await exists("SELECT 1 FROM licence WHERE licence_type = \(l.type.rawValue) AND licence_number = \(l.number)", on: conn, logger: logger) {
            throw SweepError.conflict("\(l.type.rawValue) licence \(l.number) is already recorded (\(prefix)number)")
        }
    }

    /// Writes a venue's own details (not its standing or licences); corrections and refresh imports share it.
    static func updateDetails(_ id: Int64, to v: VenueRecord, jurisdictionId: Int64?, on conn: PostgresConnection, logger: Logger) async throws {
        try await conn.query("""
            UPDATE venue SET kind = \(v.kind.rawValue), name = \(v.name), address = \(v.address), jurisdiction_id = \(jurisdictionId),
                   licensed = \(v.licensed), operator_name = \(v.operatorName), operator_key = \(v.operatorKey),
                   location = \(Self.point(v.location))::geography, opening_hours = \(v.openingHours), updated_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    static func insertLicence(_ l: LicenceRecord, venueId: Int64, on conn: PostgresConnection, logger: Logger) async throws -> Int64 {
        var id: Int64 = 0
        for try await new in try await conn.query("""
            INSERT INTO licence (venue_id, licence_type, licence_number, issuing_department, valid_from, valid_until)
            VALUES (\(venueId), \(l.type.rawValue), \(l.number), \(l.issuingDepartment.rawValue), \(l.validFrom.map(ISODay.format))::date,
                    \(l.validUntil.map(ISODay.format))::date)
            RETURNING id
            """, logger: logger).decode(Int64.self) { id = new }
        return id
    }

    private static func exists(_ query: PostgresQuery, on conn: PostgresConnection, logger: Logger) async throws -> Bool {
        for try await _ in try await conn.query(query, logger: logger) { return true }
        return false
    }

    /// EWKT for a geography point, or NULL.
    static func point(_ p: GeoPoint?) -> String? { CopyValue.point(p) }
}
