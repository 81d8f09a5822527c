import Foundation
import Logging
import PostgresNIO
import SweepAPI
import SweepCore

/// Inspector availability, weekly limits and declared conflicts of interest (行政处罚法 43).
public struct InspectorRosterStore: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }


    func inspectorID(code: String, on conn: PostgresConnection) async throws -> Int64 {
        for try await id in try await conn.query("SELECT id FROM inspector WHERE code = \(code)", logger: db.logger).decode(Int64.self) { return id }
        throw SweepError.notFound("inspector \(code)")
    }

    /// Marks days from `from` through `to` unavailable (or available again with `available: true`).
    public func setUnavailable(inspector code: String, from: String, to: String, reason: String?, available: Bool = false,
                               actor: String) async throws -> Int {
        let reason = try Reason.required(reason, field: "reason")
        guard let a = ISODay.parse(from) else { throw SweepError.invalid(field: "from", reason: "\"\(from)\" is not YYYY-MM-DD") }
        guard let b = ISODay.parse(to) else { throw SweepError.invalid(field: "to", reason: "\"\(to)\" is not YYYY-MM-DD") }
        guard b >= a else { throw SweepError.invalid(field: "to", reason: "\(to) is before \(from)") }
        guard b.timeIntervalSince(a) <= 366 * 86_400 else { throw SweepError.invalid(field: "to", reason: "at most one year at a time") }
        return try await db.transaction { conn in
            let id = try await inspectorID(code: code, on: conn)
            var changed = 0
            if available {
                for try await n in try await conn.query("""
                    WITH d AS (DELETE FROM inspector_unavailability WHERE inspector_id = \(id) AND day BETWEEN \(from)::date AND \(to)::date RETURNING 1)
                    SELECT count(*)::int FROM d
                    """, logger: db.logger).decode(Int.self) { changed = n }
            } else {
                for try await n in try await conn.query("""
                    WITH i AS (INSERT INTO inspector_unavailability (inspector_id, day, reason)
                               SELECT \(id), d::date, \(reason) FROM generate_series(\(from)::date, \(to)::date, interval '1 day') d
                               ON CONFLICT (inspector_id, day) DO UPDATE SET reason = excluded.reason RETURNING 1)
                    SELECT count(*)::int FROM i
                    """, logger: db.logger).decode(Int.self) { changed = n }
            }
            try await AuditLog.append(AuditEntry(actor: actor, action: available ? "inspector.available" : "inspector.unavailable",
                                                 objectType: "inspector", objectID: code, reason: reason,
                                                 details: ["from": from, "to": to, "days": String(changed)]), on: conn, logger: db.logger)
            return changed
        }
    }

    public func setMaxShiftsPerWeek(inspector code: String, _ n: Int, reason: String?, actor: String) async throws {
        guard (0...14).contains(n) else { throw SweepError.invalid(field: "max_shifts_per_week", reason: "must be 0–14") }
        let reason = try Reason.required(reason, field: "reason")
        try await db.transaction { conn in
            let id = try await inspectorID(code: code, on: conn)
            try await conn.query("UPDATE inspector SET max_shifts_per_week = \(n) WHERE id = \(id)", logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "inspector.max_shifts", objectType: "inspector", objectID: code,
                                                 reason: reason, details: ["max_shifts_per_week": String(n)]), on: conn, logger: db.logger)
        }
    }

    /// Renews (or corrects) an inspector's credential (执法证); an expired one makes them unschedulable.
    public func setCredential(inspector code: String, number: String?, expires: String, reason: String?, actor: String) async throws {
        guard ISODay.parse(expires) != nil else { throw SweepError.invalid(field: "credential_expires", reason: "\"\(expires)\" is not YYYY-MM-DD") }
        let reason = try Reason.required(reason, field: "reason")
        if let number, number.trimmingCharacters(in: .whitespaces).isEmpty {
            throw SweepError.invalid(field: "credential_number", reason: "must not be empty")
        }
        try await db.transaction { conn in
            let id = try await inspectorID(code: code, on: conn)
            try await conn.query("""
                UPDATE inspector SET credential_expires = \(expires)::date, credential_number = coalesce(\(number), credential_number)
                WHERE id = \(id)
                """, logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "inspector.credential", objectType: "inspector", objectID: code,
                                                 reason: reason, details: ["expires": expires, "number": number ?? ""]), on: conn, logger: db.logger)
        }
    }

    /// Takes an inspector off the roster (no longer planned) or puts them back, or moves them to
    /// another department. Sweeps already dispatched keep their crews; the planner skips inactive ones.
    public func setStatus(inspector code: String, active: Bool?, department: DepartmentCode?, reason: String?, actor: String) async throws {
        let reason = try Reason.required(reason, field: "reason")
        guard active != nil || department != nil else {
            throw SweepError.invalid(field: "active", reason: "say what changes: active (true or false), department, or both")
        }
        try await db.transaction { conn in
            let id = try await inspectorID(code: code, on: conn)
            var current: (Bool, String)?
            for try await row in try await conn.query("SELECT active, department_code FROM inspector WHERE id = \(id) FOR UPDATE", logger: db.logger)
                .decode((Bool, String).self) { current = row }
            guard let (wasActive, wasDepartment) = current else { throw SweepError.notFound("inspector \(code)") }
            if let department {
                var known = false
                for try await _ in try await conn.query("SELECT 1 FROM department WHERE code = \(department.rawValue)", logger: db.logger) { known = true }
                if !known { throw SweepError.invalid(field: "department", reason: "unknown department \(department.rawValue)") }
            }
            let (nowActive, nowDepartment) = (active ?? wasActive, department?.rawValue ?? wasDepartment)
            if nowActive == wasActive, nowDepartment == wasDepartment {
                throw SweepError.conflict("inspector \(code) is already \(wasActive ? "active" : "inactive") in \(wasDepartment)")
            }
            try await conn.query("UPDATE inspector SET active = \(nowActive), department_code = \(nowDepartment) WHERE id = \(id)", logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "inspector.status", objectType: "inspector", objectID: code, reason: reason,
                                                 details: ["active": String(nowActive), "department": nowDepartment,
                                                           "was": "\(wasActive ? "active" : "inactive") \(wasDepartment)"]),
                                      on: conn, logger: db.logger)
        }
    }

    /// Declares a conflict of interest with a venue (by code) or an operator key.
    public func declareConflict(inspector code: String, venueCode: String?, operatorKey: String?, note: String?, actor: String) async throws {
        let note = try Reason.required(note, field: "note")
        guard (venueCode == nil) != (operatorKey == nil) else {
            throw SweepError.invalid(field: "venue_code", reason: "give exactly one of venue_code or operator_key")
        }
        try await db.transaction { conn in
            let id = try await inspectorID(code: code, on: conn)
            var venueID: Int64?
            if let venueCode {
                for try await v in try await conn.query("SELECT id FROM venue WHERE code = \(venueCode)", logger: db.logger).decode(Int64.self) { venueID = v }
                if venueID == nil { throw SweepError.notFound("venue \(venueCode)") }
            }
            try await conn.query("""
                INSERT INTO inspector_conflict (inspector_id, venue_id, operator_key, note) VALUES (\(id), \(venueID), \(operatorKey), \(note))
                ON CONFLICT DO NOTHING
                """, logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "inspector.conflict", objectType: "inspector", objectID: code, reason: note,
                                                 details: ["venue": venueCode ?? "", "operator_key": operatorKey ?? ""]), on: conn, logger: db.logger)
        }
    }

    public func roster(department: String? = nil, district: String? = nil, scope: ListScope = .everything) async throws -> [RosterEntry] {
        let rows = try await db.query("""
            SELECT i.id, i.code, i.name, i.department_code, j.code, i.credential_number, to_char(i.credential_expires, 'YYYY-MM-DD'),
                   i.active, i.max_shifts_per_week,
                   coalesce((SELECT array_agg(to_char(u.day, 'YYYY-MM-DD') ORDER BY u.day) FROM inspector_unavailability u
                             WHERE u.inspector_id = i.id AND u.day >= current_date - 1), '{}'),
                   coalesce((SELECT array_agg(coalesce('venue ' || v.code, 'operator ' || c.operator_key) ORDER BY c.id)
                             FROM inspector_conflict c LEFT JOIN venue v ON v.id = c.venue_id WHERE c.inspector_id = i.id), '{}')
            FROM inspector i JOIN jurisdiction j ON j.id = i.jurisdiction_id
            LEFT JOIN jurisdiction jp ON jp.id = j.parent_id
            WHERE (\(department)::text IS NULL OR i.department_code = \(department))
              AND (\(district)::text IS NULL OR \(district) IN (j.code, jp.code))
              AND (\(scope.jurisdictionIds)::bigint[] IS NULL OR i.jurisdiction_id = ANY(\(scope.jurisdictionIds)::bigint[]))
            ORDER BY i.code
            """)
        var out: [RosterEntry] = []
        for try await (id, code, name, dept, district, cred, expires, active, maxShifts, days, conflicts) in
            rows.decode((Int64, String, String, String, String, String, String, Bool, Int, [String], [String]).self) {
            out.append(RosterEntry(id: id, code: code, name: name, department: DepartmentCode(rawValue: dept), districtCode: district,
                                   credentialNumber: cred, credentialExpires: expires, active: active, maxShiftsPerWeek: maxShifts,
                                   unavailableDays: days, conflicts: conflicts))
        }
        return out
    }
}
