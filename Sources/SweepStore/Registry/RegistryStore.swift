import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Registry reads for the API: venues with filters, one venue with its licences and history,
/// jurisdictions, departments and the violation catalogue.
public struct RegistryStore: RegistryReading {
    public let db: Database

    public init(db: Database) { self.db = db }

    public func venues(_ filter: VenueFilter) async throws -> Page<VenueSummary> {
        try filter.validate()
        let kinds = filter.nearSchoolKinds.map(\.rawValue)
        // One more row than asked tells whether a next page exists.
        let rows = try await db.query("""
            SELECT v.id, v.code, v.kind, v.name, v.address, j.code, j.name, v.licensed, v.status,
                   ST_X(v.location::geometry), ST_Y(v.location::geometry),
                   CASE WHEN \(filter.nearSchoolMetres)::float8 IS NULL THEN NULL ELSE
                       (SELECT min(ST_Distance(s.location, v.location)) FROM school s
                        WHERE ST_DWithin(s.location, v.location, \(filter.nearSchoolMetres)::float8)
                          AND (cardinality(\(kinds)::text[]) = 0 OR s.kind = ANY(\(kinds)::text[]))) END
            FROM venue v
            JOIN jurisdiction j ON j.id = v.jurisdiction_id
            LEFT JOIN jurisdiction jp ON jp.id = j.parent_id
            LEFT JOIN jurisdiction jpp ON jpp.id = jp.parent_id
            WHERE v.id > \(filter.after ?? 0)
              AND (\(filter.kind?.rawValue)::text IS NULL OR v.kind = \(filter.kind?.rawValue))
              AND (\(filter.licensed)::bool IS NULL OR v.licensed = \(filter.licensed))
              AND (\(filter.status?.rawValue)::text IS NULL OR v.status = \(filter.status?.rawValue))
              AND (\(filter.jurisdiction)::text IS NULL OR \(filter.jurisdiction) IN (j.code, jp.code, jpp.code))
              AND (cardinality(\(filter.scope)::text[]) = 0 OR j.code = ANY(\(filter.scope)::text[])
                   OR jp.code = ANY(\(filter.scope)::text[]) OR jpp.code = ANY(\(filter.scope)::text[]))
              AND (\(filter.nearSchoolMetres)::float8 IS NULL OR EXISTS (
                   SELECT 1 FROM school s
                   WHERE ST_DWithin(s.location, v.location, \(filter.nearSchoolMetres)::float8)
                     AND (cardinality(\(kinds)::text[]) = 0 OR s.kind = ANY(\(kinds)::text[]))))
            ORDER BY v.id
            LIMIT \(filter.limit + 1)
            """)
        var items: [VenueSummary] = []
        for try await (id, code, kind, name, address, dCode, dName, licensed, status, lon, lat, nearest) in
            rows.decode((Int64, String, String, String, String, String, String, Bool, String, Double?, Double?, Double?).self) {
            items.append(VenueSummary(id: id, code: code, kind: VenueKind(rawValue: kind) ?? .other, name: name, address: address,
                                      districtCode: dCode, districtName: dName, licensed: licensed,
                                      status: VenueStatus(rawValue: status) ?? .unknown,
                                      location: lon.flatMap { lon in lat.map { GeoPoint(longitude: lon, latitude: $0) } },
                                      nearestSchoolMetres: nearest.map { ($0 * 10).rounded() / 10 }))
        }
        var next: Int64?
        if items.count > filter.limit {
            items.removeLast()
            next = items.last?.id
        }
        return Page(items: items, nextAfter: next)
    }

    public func venue(id: Int64, scope: [String]) async throws -> VenueDetail {
        let filter = VenueFilter(after: id - 1, limit: 1, scope: scope)
        let page = try await venues(filter)
        guard var summary = page.items.first, summary.id == id else {
            // Also when it exists outside the caller's scope: do not reveal that it exists.
            throw SweepError.notFound("venue \(id)")
        }
        let nearest = try await db.query("""
            SELECT ST_Distance(s.location, v.location) FROM venue v, LATERAL (
                SELECT location FROM school ORDER BY school.location <-> v.location LIMIT 1) s
            WHERE v.id = \(id) AND v.location IS NOT NULL
            """)
        summary.nearestSchoolMetres = nil
        for try await d in nearest.decode(Double.self) { summary.nearestSchoolMetres = (d * 10).rounded() / 10 }

        var operatorName: String?, operatorKey: String?, hours: String?, closedOn: String?, closedReason: String?
        let head = try await db.query("SELECT operator_name, operator_key, opening_hours, closed_on::text, closed_reason FROM venue WHERE id = \(id)")
        for try await (name, key, h, on, why) in head.decode((String?, String?, String?, String?, String?).self) {
            (operatorName, operatorKey, hours, closedOn, closedReason) = (name, key, h, on, why)
        }

        var licences: [LicenceRecord] = []
        let licenceRows = try await db.query("""
            SELECT licence_type, licence_number, issuing_department, valid_from::timestamptz, valid_until::timestamptz,
                   id, status, suspended_until::timestamptz
            FROM licence WHERE venue_id = \(id) ORDER BY licence_type, licence_number
            """)
        for try await (type, number, issuer, from, until, licenceId, status, suspended) in
            licenceRows.decode((String, String, String, Date?, Date?, Int64, String, Date?).self) {
            licences.append(LicenceRecord(type: LicenceType(rawValue: type) ?? .business, number: number,
                                          issuingDepartment: DepartmentCode(rawValue: issuer), validFrom: from, validUntil: until,
                                          id: licenceId, status: LicenceStatus(rawValue: status), suspendedUntil: suspended))
        }

        var history: [VenueHistoryEntry] = []
        let historyRows = try await db.query("""
            SELECT i.id, i.origin, i.outcome, i.arrived_at, i.minors_count,
                   coalesce(array_agg(fv.violation_code ORDER BY fv.id) FILTER (WHERE fv.id IS NOT NULL), '{}')
            FROM inspection i
            LEFT JOIN finding f ON f.inspection_id = i.id
            LEFT JOIN finding_violation fv ON fv.finding_id = f.id
            WHERE i.venue_id = \(id)
            GROUP BY i.id
            ORDER BY i.arrived_at DESC
            LIMIT 100
            """)
        for try await (iid, origin, outcome, at, minors, codes) in historyRows.decode((Int64, String, String, Date, Int, [String]).self) {
            history.append(VenueHistoryEntry(inspectionId: iid, origin: InspectionOrigin(rawValue: origin) ?? .campaign,
                                             outcome: InspectionOutcome(rawValue: outcome) ?? .inspected, arrivedAt: at,
                                             minorsCount: minors, violations: codes))
        }

        var cases: [VenueCaseSummary] = []
        var lastYear = 0
        let caseRows = try await db.query("""
            SELECT id, violation_code, department_code, state, opened_at, fine_yuan::float8
            FROM case_file WHERE venue_id = \(id) ORDER BY opened_at DESC LIMIT 100
            """)
        let yearAgo = Date().addingTimeInterval(-365 * 86_400)
        for try await (cid, code, dept, state, opened, fine) in caseRows.decode((Int64, String, String, String, Date, Double?).self) {
            cases.append(VenueCaseSummary(caseId: cid, violationCode: code, department: DepartmentCode(rawValue: dept),
                                          state: CaseState(rawValue: state) ?? .open, openedAt: opened, fineYuan: fine))
            if opened >= yearAgo { lastYear += 1 }
        }
        var detail = VenueDetail(summary: summary, operatorName: operatorName, operatorKey: operatorKey, openingHours: hours,
                                 licences: licences, history: history, cases: cases, violationsLastYear: lastYear)
        detail.changes = try await RegistryLifecycleStore.changes(try await db.query(RegistryLifecycleStore.changesQuery(venueId: id)))
        (detail.closedOn, detail.closedReason) = (closedOn, closedReason)
        detail.relocations = try await RelocationStore(db: db).links(venueId: id)
        return detail
    }

    /// Code, name and district name of each venue asked for (the brief names a few repeat offenders).
    public func venueNames(ids: [Int64]) async throws -> [Int64: (code: String, name: String, district: String)] {
        var out: [Int64: (code: String, name: String, district: String)] = [:]
        guard !ids.isEmpty else { return out }
        let rows = try await db.query("""
            SELECT v.id, v.code, v.name, j.name FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id WHERE v.id = ANY(\(ids))
            """)
        for try await (id, code, name, district) in rows.decode((Int64, String, String, String).self) { out[id] = (code, name, district) }
        return out
    }

    public func jurisdictions() async throws -> [JurisdictionRecord] {
        let rows = try await db.query("""
            SELECT j.code, j.name, j.level, p.code, ST_AsGeoJSON(j.boundary)
            FROM jurisdiction j LEFT JOIN jurisdiction p ON p.id = j.parent_id
            ORDER BY j.id
            """)
        var out: [JurisdictionRecord] = []
        for try await (code, name, level, parent, geojson) in rows.decode((String, String, String, String?, String?).self) {
            out.append(JurisdictionRecord(code: code, name: name, level: JurisdictionLevel(rawValue: level) ?? .district,
                                          parentCode: parent, boundary: geojson.flatMap(Self.outerRings)))
        }
        return out
    }

    public func departments() async throws -> [DepartmentInfo] {
        let rows = try await db.query("SELECT code, name_zh, name_en FROM department ORDER BY code")
        var out: [DepartmentInfo] = []
        for try await (code, zh, en) in rows.decode((String, String, String).self) {
            out.append(DepartmentInfo(code: DepartmentCode(rawValue: code), nameZh: zh, nameEn: en))
        }
        return out
    }

    public func violationTypes() async throws -> [ViolationTypeInfo] {
        var bases: [String: [LegalBasisInfo]] = [:]
        let basisRows = try await db.query("""
            SELECT violation_code, basis_role, instrument_code, version, article, item, verified
            FROM violation_legal_basis ORDER BY violation_code, basis_role, instrument_code, version, article
            """)
        for try await (code, role, instrument, version, article, item, verified) in
            basisRows.decode((String, String, String, String, String?, String?, Bool).self) {
            bases[code, default: []].append(LegalBasisInfo(role: role, instrument: instrument, version: version, article: article ?? "",
                                                           item: item, verified: verified))
        }
        let rows = try await db.query("""
            SELECT v.code, v.sector, v.title_zh, v.title_en, v.lead_department,
                   ARRAY(SELECT a.department_code FROM violation_assisting_department a
                         WHERE a.violation_code = v.code ORDER BY a.department_code),
                   v.penalty_summary
            FROM violation_type v WHERE v.active ORDER BY v.code
            """)
        var out: [ViolationTypeInfo] = []
        for try await (code, domain, zh, en, lead, assisting, penalty) in rows.decode((String, String, String, String, String, [String], String).self) {
            out.append(ViolationTypeInfo(code: code, domain: domain, titleZh: zh, titleEn: en, leadDepartment: DepartmentCode(rawValue: lead),
                                         assistingDepartments: assisting.map(DepartmentCode.init(rawValue:)), penaltySummary: penalty,
                                         legalBases: bases[code] ?? []))
        }
        return out
    }

    /// Outer rings of a GeoJSON Polygon or MultiPolygon as PostGIS writes it.
    static func outerRings(_ geojson: String) -> [[GeoPoint]]? {
        guard let object = try? JSONValue.parse(Data(geojson.utf8)), case .string(let type)? = object["type"],
              case .array(let coordinates)? = object["coordinates"] else { return nil }
        func number(_ v: JSONValue) -> Double? {
            switch v {
            case .number(let d): return d
            case .integer(let i): return Double(i)
            default: return nil
            }
        }
        func ring(_ value: JSONValue) -> [GeoPoint]? {
            guard case .array(let points) = value else { return nil }
            return points.compactMap { point in
                guard case .array(let xy) = point, xy.count >= 2, let lon = number(xy[0]), let lat = number(xy[1]) else { return nil }
                return GeoPoint(longitude: lon, latitude: lat)
            }
        }
        func outer(_ polygon: JSONValue) -> [GeoPoint]? {
            guard case .array(let rings) = polygon, let first = rings.first else { return nil }
            return ring(first)
        }
        switch type {
        case "Polygon": return outer(.array(coordinates)).map { [$0] }
        case "MultiPolygon": return coordinates.compactMap(outer)
        default: return nil
        }
    }
}
