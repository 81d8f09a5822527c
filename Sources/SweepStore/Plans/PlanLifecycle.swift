import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Plan states: draft → approved → dispatched (per sweep) → done; draft or approved → discarded.
/// Every transition is checked against the stored state inside the transaction and audited.
public struct PlanLifecycle: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    func lockedStatus(_ planID: Int64, on conn: PostgresConnection) async throws -> (status: PlanStatus, campaign: Int64) {
        for try await (status, campaign) in try await conn.query(
            "SELECT status, campaign_id FROM plan WHERE id = \(planID) FOR UPDATE", logger: db.logger).decode((String, Int64).self) {
            guard let status = PlanStatus(rawValue: status) else { throw SweepError.schema("plan \(planID) has an unknown status \(status)") }
            return (status, campaign)
        }
        throw SweepError.notFound("plan \(planID)")
    }

    /// Approves a draft after checking that none of its inspectors is booked on the same day by
    /// another approved or dispatched plan (overlapping campaigns claiming the same people).
    public func approve(_ planID: Int64, actor: String) async throws {
        try await db.transaction { conn in
            let (status, campaign) = try await lockedStatus(planID, on: conn)
            let next = try PlanMachine.next(.approve, from: status, planID: planID)
            // One approval at a time across campaigns, so two plans cannot both pass the overlap check.
            try await conn.query("SELECT pg_advisory_xact_lock(7402)", logger: db.logger)
            for try await (id, s) in try await conn.query("""
                SELECT id, status FROM plan WHERE campaign_id = \(campaign) AND id <> \(planID) AND status IN ('approved', 'dispatched')
                """, logger: db.logger).decode((Int64, String).self) {
                throw SweepError.conflict("campaign \(campaign) already has \(s) plan \(id); discard it before approving plan \(planID)")
            }
            var clashes: [String] = []
            for try await (code, day, other, otherCampaign) in try await conn.query("""
                SELECT DISTINCT i.code, to_char(s.sweep_date, 'YYYY-MM-DD'), p2.id, c2.name
                FROM sweep s JOIN sweep_member m ON m.sweep_id = s.id JOIN inspector i ON i.id = m.inspector_id
                JOIN sweep_member m2 ON m2.inspector_id = m.inspector_id
                JOIN sweep s2 ON s2.id = m2.sweep_id AND s2.sweep_date = s.sweep_date
                JOIN plan p2 ON p2.id = s2.plan_id JOIN campaign c2 ON c2.id = p2.campaign_id
                WHERE s.plan_id = \(planID) AND p2.id <> \(planID) AND p2.status IN ('approved', 'dispatched')
                  AND s2.status IN ('planned', 'dispatched')
                ORDER BY 2, 1 LIMIT 20
                """, logger: db.logger).decode((String, String, Int64, String).self) {
                clashes.append("\(code) on \(day) (plan \(other), \(otherCampaign))")
            }
            if !clashes.isEmpty {
                throw SweepError.conflict("inspectors already booked by another campaign: \(clashes.joined(separator: "; ")); re-create this plan (`sweep plan create`) so it plans around them, or repair the other plan")
            }
            try await conn.query("UPDATE plan SET status = \(next.rawValue), approved_at = now(), approved_by = \(actor) WHERE id = \(planID)", logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "plan.approve", objectType: "plan", objectID: String(planID)), on: conn, logger: db.logger)
        }
    }

    /// Dispatches sweeps of an approved plan: the given sweeps, those of one day, or all still planned.
    /// From now on their teams (and leadership) can see their targets.
    @discardableResult
    public func dispatch(_ planID: Int64, sweepIDs: [Int64] = [], day: String? = nil, actor: String) async throws -> [Int64] {
        if let day, ISODay.parse(day) == nil { throw SweepError.invalid(field: "day", reason: "\"\(day)\" is not YYYY-MM-DD") }
        return try await db.transaction { conn in
            let (status, _) = try await lockedStatus(planID, on: conn)
            let next = try PlanMachine.next(.dispatch, from: status, planID: planID)
            var known: [Int64: String] = [:]
            for try await (id, s) in try await conn.query("SELECT id, status FROM sweep WHERE plan_id = \(planID)", logger: db.logger)
                .decode((Int64, String).self) { known[id] = s }
            for id in sweepIDs {
                guard let s = known[id] else { throw SweepError.notFound("sweep \(id) in plan \(planID)") }
                if s != "planned" { throw SweepError.conflict("sweep \(id) is \(s); only planned sweeps can be dispatched") }
            }
            var dispatched: [Int64] = []
            for try await id in try await conn.query("""
                UPDATE sweep SET status = 'dispatched', dispatched_at = now()
                WHERE plan_id = \(planID) AND status = 'planned'
                  AND (cardinality(\(sweepIDs)::bigint[]) = 0 OR id = ANY(\(sweepIDs)::bigint[]))
                  AND (\(day)::date IS NULL OR sweep_date = \(day)::date)
                RETURNING id
                """, logger: db.logger).decode(Int64.self) { dispatched.append(id) }
            if dispatched.isEmpty { throw SweepError.conflict("plan \(planID) has no planned sweep matching that selection") }
            try await conn.query("UPDATE plan SET status = \(next.rawValue) WHERE id = \(planID)", logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "plan.dispatch", objectType: "plan", objectID: String(planID),
                                                 details: ["sweeps": dispatched.sorted().map(String.init).joined(separator: ",")]),
                                      on: conn, logger: db.logger)
            try await Self.event("plan.dispatched", planID: planID, payload: ["sweeps": dispatched.sorted().map(String.init).joined(separator: ","),
                                                                             "plan_status": next.rawValue], on: conn, logger: db.logger)
            return dispatched.sorted()
        }
    }

    /// Marks dispatched sweeps done (the given ones, or all); the plan is done when no sweep is left planned or dispatched.
    public func complete(_ planID: Int64, sweepIDs: [Int64] = [], actor: String) async throws -> String {
        try await db.transaction { conn in
            let (status, _) = try await lockedStatus(planID, on: conn)
            _ = try PlanMachine.next(.complete, from: status, planID: planID)
            var n = 0
            for try await c in try await conn.query("""
                WITH u AS (UPDATE sweep SET status = 'done', done_at = now()
                           WHERE plan_id = \(planID) AND status = 'dispatched'
                             AND (cardinality(\(sweepIDs)::bigint[]) = 0 OR id = ANY(\(sweepIDs)::bigint[])) RETURNING 1)
                SELECT count(*)::int FROM u
                """, logger: db.logger).decode(Int.self) { n = c }
            if n == 0 { throw SweepError.conflict("no dispatched sweep of plan \(planID) matches; dispatch it first") }
            var open = 0
            for try await c in try await conn.query(
                "SELECT count(*)::int FROM sweep WHERE plan_id = \(planID) AND status IN ('planned', 'dispatched')", logger: db.logger).decode(Int.self) { open = c }
            let next = try PlanMachine.next(.complete, from: status, planID: planID, openSweepsAfter: open)
            if next == .done { try await conn.query("UPDATE plan SET status = \(next.rawValue), done_at = now() WHERE id = \(planID)", logger: db.logger) }
            try await AuditLog.append(AuditEntry(actor: actor, action: "plan.done", objectType: "plan", objectID: String(planID),
                                                 details: ["sweeps_done": String(n), "plan_status": next.rawValue]), on: conn, logger: db.logger)
            try await Self.event("plan.done", planID: planID, payload: ["sweeps_done": String(n), "plan_status": next.rawValue], on: conn, logger: db.logger)
            return next.rawValue
        }
    }

    /// A plan's event lies in its campaign's first jurisdiction (a campaign inside one coordinator's
    /// area lies wholly within it, so that coordinator's feed has it).
    static func event(_ kind: String, planID: Int64, payload: [String: String], on conn: PostgresConnection, logger: Logger) async throws {
        var jurisdiction: Int64?
        for try await id in try await conn.query("""
            SELECT min(cj.jurisdiction_id) FROM plan p JOIN campaign_jurisdiction cj ON cj.campaign_id = p.campaign_id WHERE p.id = \(planID)
            """, logger: logger).decode(Int64?.self) { jurisdiction = id }
        var payload = payload
        payload["plan_id"] = String(planID)
        try await EventOutbox.append(kind, object: ("plan", String(planID)), venueId: nil, jurisdictionId: jurisdiction, department: nil,
                                     payload: payload, on: conn, logger: logger)
    }

    /// Discards a draft or an approved plan (nothing dispatched yet).
    public func discard(_ planID: Int64, reason: String?, actor: String) async throws {
        let reason = try Reason.required(reason, field: "reason")
        try await db.transaction { conn in
            let (status, _) = try await lockedStatus(planID, on: conn)
            let next = try PlanMachine.next(.discard, from: status, planID: planID)
            try await conn.query("UPDATE plan SET status = \(next.rawValue) WHERE id = \(planID)", logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "plan.discard", objectType: "plan", objectID: String(planID), reason: reason),
                                      on: conn, logger: db.logger)
        }
    }

    /// Records that someone saw the targets of a plan before all of it was dispatched (unannounced
    /// visits: who saw the list is worth knowing). Returns whether the view counted as sealed.
    @discardableResult
    public func recordViewIfSealed(_ planID: Int64, actor: String, what: String) async throws -> Bool {
        var sealed = false
        for try await (status, anyPlanned) in try await db.query("""
            SELECT p.status, EXISTS (SELECT 1 FROM sweep s WHERE s.plan_id = p.id AND s.status = 'planned')
            FROM plan p WHERE p.id = \(planID)
            """).decode((String, Bool).self) {
            sealed = PlanMachine.isSealed(PlanStatus(rawValue: status) ?? .draft, anySweepPlanned: anyPlanned)
        }
        if sealed {
            try await db.transaction { conn in
                try await AuditLog.append(AuditEntry(actor: actor, action: "plan.view_sealed", objectType: "plan", objectID: String(planID),
                                                     details: ["view": what]), on: conn, logger: db.logger)
            }
        }
        return sealed
    }
}
