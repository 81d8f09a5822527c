import Foundation
import PostgresNIO
import SweepCore

/// The facts `AccessPolicy` judges, one query per kind of target. nil = no such thing (answered 404
/// exactly like one outside the caller's scope). SQL for access lives here and in the list filters.
public struct AccessFacts: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    public func caseFile(_ id: Int64) async throws -> AccessTarget? {
        try await one("case \(id)", """
            SELECT ARRAY[array_to_string(jurisdiction_path(v.jurisdiction_id), '/')],
                   array_remove(ARRAY[c.department_code, c.snapshot->>'referred_to'], NULL)
            FROM case_file c JOIN venue v ON v.id = c.venue_id WHERE c.id = \(id)
            """)
    }

    /// An inspection belongs to the departments that recorded findings on it.
    public func inspection(_ id: Int64) async throws -> AccessTarget? {
        try await one("inspection \(id)", """
            SELECT ARRAY[array_to_string(jurisdiction_path(v.jurisdiction_id), '/')],
                   coalesce((SELECT array_agg(DISTINCT f.department_code) FROM finding f WHERE f.inspection_id = i.id), '{}')
            FROM inspection i JOIN venue v ON v.id = i.venue_id WHERE i.id = \(id)
            """)
    }

    /// A finding revision targets one department's finding of an inspection.
    public func finding(inspection id: Int64, department: DepartmentCode) async throws -> AccessTarget? {
        try await one("inspection \(id)", """
            SELECT ARRAY[array_to_string(jurisdiction_path(v.jurisdiction_id), '/')], ARRAY[\(department.rawValue)]::text[]
            FROM inspection i JOIN venue v ON v.id = i.venue_id WHERE i.id = \(id)
            """)
    }

    /// A campaign's area: one path per jurisdiction it covers.
    public func campaign(_ id: Int64) async throws -> AccessTarget? {
        try await one("campaign \(id)", """
            SELECT coalesce((SELECT array_agg(array_to_string(jurisdiction_path(cj.jurisdiction_id), '/')) FROM campaign_jurisdiction cj WHERE cj.campaign_id = c.id), '{}'),
                   '{}'::text[]
            FROM campaign c WHERE c.id = \(id)
            """)
    }

    /// A plan: its campaign's area, whether it is out of the sealed stage, and who is on its
    /// dispatched sweeps.
    public func plan(_ id: Int64) async throws -> AccessTarget? {
        let rows = try await db.query("""
            SELECT coalesce((SELECT array_agg(array_to_string(jurisdiction_path(cj.jurisdiction_id), '/')) FROM campaign_jurisdiction cj WHERE cj.campaign_id = p.campaign_id), '{}'),
                   p.status IN ('dispatched', 'done') OR EXISTS (SELECT 1 FROM sweep s WHERE s.plan_id = p.id AND s.status IN ('dispatched', 'done')),
                   coalesce((SELECT array_agg(DISTINCT m.inspector_id) FROM sweep s JOIN sweep_member m ON m.sweep_id = s.id
                             WHERE s.plan_id = p.id AND s.status IN ('dispatched', 'done')), '{}')
            FROM plan p WHERE p.id = \(id)
            """)
        // Every row is read (never an early return), so the connection goes back to the pool clean.
        var found: AccessTarget?
        for try await (places, dispatched, members) in rows.decode(([String], Bool, [Int64]).self) {
            found = AccessTarget(name: "plan \(id)", places: Self.paths(places), sweepMembers: Set(members), dispatched: dispatched)
        }
        return found
    }

    public func tip(_ id: Int64) async throws -> AccessTarget? {
        try await one("tip \(id)", """
            SELECT CASE WHEN t.jurisdiction_id IS NULL THEN '{}'::text[] ELSE ARRAY[array_to_string(jurisdiction_path(t.jurisdiction_id), '/')] END,
                   CASE WHEN t.department_code IS NULL THEN '{}'::text[] ELSE ARRAY[t.department_code] END
            FROM tip t WHERE t.id = \(id)
            """)
    }

    /// A jurisdiction by code (a campaign's area, a new venue's district); unknown codes lie nowhere.
    public func jurisdictions(_ codes: [String], name: String) async throws -> AccessTarget {
        var target = AccessTarget(name: name)
        let rows = try await db.query("""
            SELECT array_to_string(jurisdiction_path(id), '/') FROM jurisdiction WHERE code = ANY(\(codes)::text[])
            """)
        for try await path in rows.decode(String.self) { target.places += Self.paths([path]) }
        return target
    }

    /// Where a new tip lies: its venue's jurisdiction, else the district holding its location.
    public func tipIntake(venueCode: String?, location: GeoPoint?) async throws -> AccessTarget {
        var target = AccessTarget(name: "this tip")
        let rows = try await db.query("""
            SELECT coalesce((SELECT array_to_string(jurisdiction_path(jurisdiction_id), '/') FROM venue WHERE code = \(venueCode)),
                            (SELECT array_to_string(jurisdiction_path(j.id), '/') FROM jurisdiction j
                             WHERE j.level = 'district' AND j.boundary IS NOT NULL AND \(location?.longitude)::float8 IS NOT NULL
                               AND ST_Covers(j.boundary, ST_SetSRID(ST_MakePoint(\(location?.longitude)::float8, \(location?.latitude)::float8), 4326))
                             ORDER BY j.id LIMIT 1))
            """)
        for try await path in rows.decode(String?.self) { if let path { target.places = Self.paths([path]) } }
        return target
    }

    /// Evidence lies where the findings that cite it lie; unlinked evidence lies nowhere.
    public func evidence(_ sha256: ByteBuffer) async throws -> AccessTarget? {
        let rows = try await db.query("""
            SELECT EXISTS (SELECT 1 FROM evidence WHERE sha256 = \(sha256)),
                   coalesce((SELECT array_agg(array_to_string(jurisdiction_path(v.jurisdiction_id), '/')) FROM finding_evidence fe JOIN finding f ON f.id = fe.finding_id
                             JOIN inspection i ON i.id = f.inspection_id JOIN venue v ON v.id = i.venue_id WHERE fe.sha256 = \(sha256)), '{}'),
                   coalesce((SELECT array_agg(DISTINCT f.department_code) FROM finding_evidence fe JOIN finding f ON f.id = fe.finding_id
                             WHERE fe.sha256 = \(sha256)), '{}')
            """)
        var found: AccessTarget?
        for try await (exists, places, departments) in rows.decode((Bool, [String], [String]).self) where exists {
            found = AccessTarget(name: "evidence", places: Self.paths(places), departments: Set(departments.map(DepartmentCode.init(rawValue:))))
        }
        return found
    }

    /// A registry inspector: their jurisdiction and department.
    public func inspector(code: String) async throws -> AccessTarget? {
        try await one("inspector \(code)", """
            SELECT ARRAY[array_to_string(jurisdiction_path(i.jurisdiction_id), '/')], ARRAY[i.department_code] FROM inspector i WHERE i.code = \(code)
            """)
    }

    public func inspector(id: Int64) async throws -> AccessTarget? {
        guard var target = try await one("inspector \(id)", """
            SELECT ARRAY[array_to_string(jurisdiction_path(i.jurisdiction_id), '/')], ARRAY[i.department_code] FROM inspector i WHERE i.id = \(id)
            """) else { return nil }
        target.sweepMembers = [id]
        target.dispatched = true
        return target
    }

    /// A venue, for changing its standing.
    public func venue(_ id: Int64) async throws -> AccessTarget? {
        try await one("venue \(id)", "SELECT ARRAY[array_to_string(jurisdiction_path(jurisdiction_id), '/')], '{}'::text[] FROM venue WHERE id = \(id)")
    }

    /// A licence lies where its venue does.
    public func licence(_ id: Int64) async throws -> AccessTarget? {
        try await one("licence \(id)", """
            SELECT ARRAY[array_to_string(jurisdiction_path(v.jurisdiction_id), '/')], '{}'::text[]
            FROM licence l JOIN venue v ON v.id = l.venue_id WHERE l.id = \(id)
            """)
    }

    /// A principal a sign-in code would sign in as: its role and one path per jurisdiction of its
    /// scope (none for a province-wide principal, which no scoped caller covers).
    public func principal(_ id: Int64) async throws -> AccessTarget? {
        let rows = try await db.query("""
            SELECT p.role, coalesce((SELECT array_agg(array_to_string(jurisdiction_path(s.jurisdiction_id), '/')) FROM principal_scope s
                                     WHERE s.principal_id = p.id), '{}')
            FROM principal p WHERE p.id = \(id)
            """)
        var found: AccessTarget?
        for try await (role, places) in rows.decode((String, [String]).self) {
            found = AccessTarget(name: "principal \(id)", places: Self.paths(places), role: Role(rawValue: role))
        }
        return found
    }

    /// A visit about to be filed: the venue's place, the sweep's crew for a planned visit, and the
    /// departments of its findings. nil when the venue or stop does not exist (the store says so).
    public func submission(_ s: Submission) async throws -> AccessTarget? {
        var target = AccessTarget(name: "this visit", departments: Set(s.findings.map(\.department)), planned: s.sweepStopId != nil)
        let rows: PostgresRowSequence
        if let stop = s.sweepStopId {
            target.name = "sweep stop \(stop)"
            rows = try await db.query("""
                SELECT array_to_string(jurisdiction_path(v.jurisdiction_id), '/'),
                       coalesce((SELECT array_agg(m.inspector_id) FROM sweep_member m WHERE m.sweep_id = st.sweep_id), '{}')
                FROM sweep_stop st JOIN venue v ON v.id = st.venue_id WHERE st.id = \(stop)
                """)
        } else if let id = s.venueId {
            target.name = "venue \(id)"
            rows = try await db.query("SELECT array_to_string(jurisdiction_path(jurisdiction_id), '/'), '{}'::bigint[] FROM venue WHERE id = \(id)")
        } else if let code = s.venueCode {
            target.name = "venue \(code)"
            rows = try await db.query("SELECT array_to_string(jurisdiction_path(jurisdiction_id), '/'), '{}'::bigint[] FROM venue WHERE code = \(code)")
        } else {
            return nil
        }
        var found: AccessTarget?
        for try await (path, members) in rows.decode((String, [Int64]).self) {
            target.places = Self.paths([path])
            if target.planned { target.sweepMembers = Set(members) }
            found = target
        }
        return found
    }

    /// "420102/420100/420000" → ["420102", "420100", "420000"]: one path per place.
    static func paths(_ joined: [String]) -> [[String]] {
        joined.map { $0.split(separator: "/").map(String.init) }
    }

    private func one(_ name: String, _ query: PostgresQuery) async throws -> AccessTarget? {
        var found: AccessTarget?
        for try await (places, departments) in try await db.query(query).decode(([String], [String]).self) {
            found = AccessTarget(name: name, places: Self.paths(places), departments: Set(departments.map(DepartmentCode.init(rawValue:))))
        }
        return found
    }
}
