import Foundation
import Logging
import PostgresNIO
import SweepAPI
import SweepCore

/// Which cases to list.
public struct CaseFilter: Sendable, Hashable {
    public var department: DepartmentCode?
    public var state: CaseState?
    /// Only cases with at least one overdue statutory timer or deadline.
    public var overdueOnly = false
    /// Only cases with a timer due within this many days (and not done).
    public var dueWithinDays: Int?
    public var venueId: Int64?
    public var limit = 200
    /// Whose cases: the caller's jurisdictions (and department, for handlers).
    public var scope = ListScope.everything

    public init() {}

    public func validate() throws {
        if !(1...5000).contains(limit) { throw SweepError.invalid(field: "limit", reason: "must be 1–5000") }
        if let d = dueWithinDays, !(0...365).contains(d) { throw SweepError.invalid(field: "due_within_days", reason: "must be 0–365") }
    }
}



/// Reading cases and moving them through the case machine.
extension CaseStore {
    static let columns = """
        c.id, c.venue_id, v.code, v.name, c.violation_code, c.department_code, c.state, c.opened_at, c.decided_at, c.decision::text,
        c.rectification_due::text, c.closed_at, c.snapshot::text, c.suggestion::text
        """

    struct Row { var id: Int64; var venueId: Int64; var venueCode: String; var venueName: String; var code: String; var department: DepartmentCode; var snapshot: CaseSnapshot; var suggestion: SanctionSuggestion? }

    static func decode(_ row: PostgresRow) throws -> Row {
        let r = row.makeRandomAccess()
        let department = DepartmentCode(rawValue: try r.at(5, String.self))
        var snapshot: CaseSnapshot
        if let text = try r.at(12, String?.self), let s = try? WireCoding.decoder().decode(CaseSnapshot.self, from: Data(text.utf8)) {
            snapshot = s
        } else {
            snapshot = CaseSnapshot.history(state: CaseState(rawValue: try r.at(6, String.self)) ?? .open, departmentCode: department,
                                            openedAt: try r.at(7, Date.self), decidedAt: try r.at(8, Date?.self),
                                            decision: try r.at(9, String?.self).flatMap { try? WireCoding.decoder().decode(CaseDecision.self, from: Data($0.utf8)) },
                                            rectificationDue: try r.at(10, String?.self), closedAt: try r.at(11, Date?.self))
        }
        let suggestion = try r.at(13, String?.self).flatMap { try? WireCoding.decoder().decode(SanctionSuggestion.self, from: Data($0.utf8)) }
        return Row(id: try r.at(0, Int64.self), venueId: try r.at(1, Int64.self), venueCode: try r.at(2, String.self), venueName: try r.at(3, String.self),
                   code: try r.at(4, String.self), department: department, snapshot: snapshot, suggestion: suggestion)
    }

    /// Cases with their timers, most urgent first for the overdue and due-soon lists. The filters
    /// run in SQL on `next_due_at` (an index range scan with a LIMIT), so a long history costs nothing.
    public func list(_ f: CaseFilter, now: Date = Date()) async throws -> [CaseSummary] {
        try f.validate()
        // The filter's scope is applied twice: in the query, and by row-level security.
        let rows = try await db.scoped(f.scope) { conn in try await conn.query(Self.listQuery(f, now: now), logger: db.logger).collect() }
        var out: [CaseSummary] = []
        for row in rows {
            let r = try Self.decode(row)
            let timers = CaseTimers.timers(for: r.snapshot, now: now)
            out.append(CaseSummary(caseId: r.id, venueCode: r.venueCode, venueName: r.venueName, violationCode: r.code, department: r.department,
                                   state: r.snapshot.state, openedAt: r.snapshot.openedAt, nextDue: timers.filter { !$0.done }.min { $0.due < $1.due },
                                   overdue: timers.filter(\.overdue).map(\.name),
                                   reinspectionDue: CaseTimers.reinspectionDue(r.snapshot, now: now)))
        }
        return out
    }

    /// The list's SQL (public to the EXPLAIN test, which checks it is an index scan with a LIMIT).
    public static func listQuery(_ f: CaseFilter, now: Date) -> PostgresQuery {
        let dueBefore: Date? = f.overdueOnly ? now : f.dueWithinDays.map { now.addingTimeInterval(Double($0) * 86_400) }
        // Constant text chosen by the filter, never data: the due lists walk case_file_next_due_idx in order.
        let order = dueBefore == nil ? "c.opened_at, c.id" : "c.next_due_at, c.id"
        return """
            SELECT \(unescaped: columns)
            FROM case_file c JOIN venue v ON v.id = c.venue_id
            WHERE (\(f.department?.rawValue)::text IS NULL OR c.department_code = \(f.department?.rawValue))
              AND (\(f.state?.rawValue)::text IS NULL OR c.state = \(f.state?.rawValue))
              AND (\(f.venueId)::bigint IS NULL OR c.venue_id = \(f.venueId))
              AND (\(f.scope.jurisdictionIds)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(f.scope.jurisdictionIds)::bigint[]))
              AND (\(f.scope.department?.rawValue)::text IS NULL OR c.department_code = \(f.scope.department?.rawValue)
                   OR c.snapshot->>'referred_to' = \(f.scope.department?.rawValue))
              AND (\(f.state?.rawValue)::text IS NOT NULL OR c.state NOT IN ('closed_rectified', 'closed_escalated'))
              AND (\(dueBefore)::timestamptz IS NULL OR (c.next_due_at IS NOT NULL AND c.next_due_at <= \(dueBefore)
                   AND c.state NOT IN ('closed_rectified', 'closed_escalated')))
            ORDER BY \(unescaped: order)
            LIMIT \(f.limit)
            """
    }

    /// One case as a caller within `scope` may see it (row-level security narrows the reads).
    public func detail(_ id: Int64, scope: ListScope = .everything, now: Date = Date()) async throws -> CaseDetail {
        try await db.scoped(scope) { conn in try await detail(id, on: conn, now: now) }
    }

    func detail(_ id: Int64, on conn: PostgresConnection, now: Date) async throws -> CaseDetail {
        guard let r = try await load(id, on: conn) else { throw SweepError.notFound("case \(id)") }
        var events: [CaseEventRecord] = []
        for try await (from, to, at, actor, note) in try await conn.query("""
            SELECT from_state, to_state, occurred_at, actor_id::text, note FROM case_event WHERE case_id = \(id) ORDER BY id
            """, logger: db.logger).decode((String?, String, Date, String?, String?).self) {
            events.append(CaseEventRecord(fromState: from, toState: to, occurredAt: at, actor: actor, note: note))
        }
        var venueDates: [Date] = [], operatorDates: [Date] = []
        for try await (at, sameVenue) in try await conn.query("""
            SELECT c2.opened_at, c2.venue_id = c.venue_id FROM case_file c JOIN case_file c2
              ON c2.id <> c.id AND (c2.venue_id = c.venue_id OR (c.operator_key IS NOT NULL AND c2.operator_key = c.operator_key))
            WHERE c.id = \(id) AND c2.opened_at > \(now) - interval '5 years'
            """, logger: db.logger).decode((Date, Bool).self) {
            if sameVenue { venueDates.append(at) }
            operatorDates.append(at)
        }
        let timers = CaseTimers.timers(for: r.snapshot, now: now)
        var detail = CaseDetail(caseId: r.id, venueId: r.venueId, venueCode: r.venueCode, venueName: r.venueName, violationCode: r.code,
                          department: r.department, snapshot: r.snapshot, allowedActions: CaseMachine.allowedActions(for: r.snapshot),
                          timers: timers, overdue: timers.contains(where: \.overdue), reinspectionDue: CaseTimers.reinspectionDue(r.snapshot, now: now),
                          suggestion: r.suggestion,
                          repeatCounts: Escalation.counts(venueOffenceDates: venueDates, operatorOffenceDates: operatorDates, now: now),
                          events: events)
        let dbName = db.target.configuration.database ?? ""
        let texts = try await ReferenceDataCache.shared.value("penalty-texts:\(dbName):\(r.code)") { try await penaltyTexts(r.code, on: conn) }
        detail.applicableLaw = ApplicableLaw.choose(texts, actOn: r.snapshot.openedAt, decidedOn: r.snapshot.decidedAt ?? now)
        let rules = try await ReferenceDataCache.shared.value("visit-rules:\(dbName):\(r.code)") { try await perVisitRules(r.code, on: conn) }
        if !rules.isEmpty {
            var minors = 0
            for try await n in try await conn.query("""
                SELECT i.minors_count FROM case_file c JOIN inspection i ON i.id = c.inspection_id WHERE c.id = \(id)
                """, logger: db.logger).decode(Int.self) { minors = n }
            detail.policyRule = PolicyRuleMatch.reached(rules, minors: minors)
        }
        return detail
    }

    /// The penalty bases of a violation with the tiers of each text (catalogue, sql/0002 and 0017).
    func penaltyTexts(_ code: String, on conn: PostgresConnection) async throws -> [PenaltyText] {
        var texts: [String: PenaltyText] = [:], order: [String] = []
        for try await (instrument, title, version, article, from, sanctions, fine, detention) in try await conn.query("""
            SELECT b.instrument_code, i.title_zh, b.version, b.article, v.in_force_from::timestamptz,
                   t.sanctions::text[], t.fine_max_yuan::float8, t.detention_days_max::int
            FROM violation_legal_basis b
            JOIN legal_instrument i ON i.code = b.instrument_code
            JOIN legal_instrument_version v ON v.instrument_code = b.instrument_code AND v.version = b.version
            LEFT JOIN penalty_tier t ON t.instrument_code = b.instrument_code AND t.version = b.version AND t.article = b.article
            WHERE b.violation_code = \(code) AND b.basis_role = 'penalty'
            ORDER BY b.instrument_code, b.version, t.tier
            """, logger: db.logger).decode((String, String, String, String?, Date?, [String]?, Double?, Int?).self) {
            let key = "\(instrument)/\(version)/\(article ?? "")"
            if texts[key] == nil {
                texts[key] = PenaltyText(instrument: instrument, instrumentTitle: title, version: version, article: article, inForceFrom: from, tiers: [])
                order.append(key)
            }
            if let sanctions {
                texts[key]?.tiers.append(PenaltyText.Tier(sanctions: Set(sanctions), fineMaxYuan: fine, detentionDaysMax: detention))
            }
        }
        return order.compactMap { texts[$0] }
    }

    /// Per-visit rules of a violation (campaign policy or law), lowest threshold first.
    func perVisitRules(_ code: String, on conn: PostgresConnection) async throws -> [PolicyRuleMatch] {
        var out: [PolicyRuleMatch] = []
        for try await (rule, kind, minors, sanctions, days, note) in try await conn.query("""
            SELECT code, basis_kind, min_minors, sanctions::text[], suspension_days_min, source_note
            FROM per_visit_escalation_rule WHERE violation_code = \(code) AND active AND jurisdiction_code IS NULL ORDER BY min_minors
            """, logger: db.logger).decode((String, String, Int, [String], Int?, String).self) {
            out.append(PolicyRuleMatch(code: rule, basisKind: kind, minMinors: minors, sanctions: sanctions, suspensionDaysMin: days, note: note))
        }
        return out
    }

    func load(_ id: Int64, on conn: PostgresConnection?) async throws -> Row? {
        let query: PostgresQuery = """
            SELECT \(unescaped: Self.columns) FROM case_file c JOIN venue v ON v.id = c.venue_id WHERE c.id = \(id)
            """
        let rows: PostgresRowSequence
        if let conn { rows = try await conn.query(query, logger: db.logger) } else { rows = try await db.query(query) }
        for try await row in rows { return try Self.decode(row) }
        return nil
    }

    /// Applies one action through the case machine, stores the new snapshot and its mirror columns,
    /// appends a case event and an audit entry, and closes the feedback loop of linked tips.
    public func apply(_ action: CaseAction, to id: Int64, principal: Principal, reason: String, now: Date = Date()) async throws -> CaseDetail {
        try await db.transaction { conn in
            for try await _ in try await conn.query("SELECT 1 FROM case_file WHERE id = \(id) FOR UPDATE", logger: db.logger) {}
            guard let r = try await load(id, on: conn) else { throw SweepError.notFound("case \(id)") }
            if principal.role == .handler, let d = principal.department, d != r.department, d != r.snapshot.referredTo {
                throw SweepError.forbidden("case \(id) belongs to \(r.department.rawValue); this handler acts for \(d.rawValue)")
            }
            let next = try CaseMachine.apply(action, to: r.snapshot, at: now)
            try await Self.write(next, caseID: id, on: conn, logger: db.logger)
            try await conn.query("""
                INSERT INTO case_event (case_id, from_state, to_state, occurred_at, actor_id, note)
                VALUES (\(id), \(r.snapshot.state.rawValue), \(next.state.rawValue), \(now), \(principal.id), \(action.name + ": " + reason))
                """, logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: principal.actor, action: "case.\(action.name)", objectType: "case", objectID: String(id),
                                                 reason: reason, details: ["from": r.snapshot.state.rawValue, "to": next.state.rawValue]), on: conn, logger: db.logger)
            var payload = ["from": r.snapshot.state.rawValue, "to": next.state.rawValue, "violation": r.code, "venue_id": String(r.venueId)]
            if case .decide(let decision) = action {
                payload["decision"] = decision.kinds.map(\.rawValue).joined(separator: ",")
                // The registry learns from the decision in the decision's own transaction.
                let venue = try await Self.venueKind(r.venueId, on: conn, logger: db.logger)
                let licences = try await RegistryLifecycleStore.licences(venueId: r.venueId, on: conn, logger: db.logger)
                let effects = RegistryEffects.of(decision, caseId: id, department: next.referredTo ?? next.departmentCode, venueKind: venue,
                                                 licences: licences, decidedOn: now)
                try await RegistryLifecycleStore.apply(effects, venueId: r.venueId, caseId: id, effectiveOn: now, actor: principal.actor,
                                                       on: conn, logger: db.logger)
            }
            try await EventOutbox.append("case.\(action.name)", object: ("case", String(id)), venueId: r.venueId,
                                         department: next.referredTo ?? next.departmentCode, payload: payload, on: conn, logger: db.logger)
            if next.state == .closedRectified || next.state == .closedEscalated {
                let feedback = "case \(id) closed: " + (next.state == .closedRectified ? "rectified" : "escalated")
                var closedTips: [Int64] = []
                for try await tip in try await conn.query("""
                    UPDATE tip SET status = 'closed', feedback = \(feedback) WHERE case_id = \(id) AND status = 'in_case' RETURNING id
                    """, logger: db.logger).decode(Int64.self) { closedTips.append(tip) }
                for tip in closedTips {
                    try await EventOutbox.append("tip.closed", object: ("tip", String(tip)), venueId: r.venueId, department: next.departmentCode,
                                                 payload: ["feedback": feedback, "case_id": String(id)], on: conn, logger: db.logger)
                }
            }
        }
        return try await detail(id, now: now)
    }

    static func venueKind(_ venueId: Int64, on conn: PostgresConnection, logger: Logger) async throws -> VenueKind {
        var kind = VenueKind.other
        for try await k in try await conn.query("SELECT kind FROM venue WHERE id = \(venueId)", logger: logger).decode(String.self) {
            kind = VenueKind(rawValue: k) ?? .other
        }
        return kind
    }

    /// Writes a snapshot and the columns that mirror it.
    static func write(_ s: CaseSnapshot, caseID: Int64, on conn: PostgresConnection, logger: Logger) async throws {
        let snapshot = String(decoding: try WireCoding.encoder().encode(s), as: UTF8.self)
        let decision = try s.decision.map { String(decoding: try WireCoding.encoder().encode($0), as: UTF8.self) }
        try await conn.query("""
            UPDATE case_file SET snapshot = \(snapshot)::jsonb, state = \(s.state.rawValue),
                department_code = \((s.referredTo ?? s.departmentCode).rawValue), referral_deadline = \(s.referralDeadline),
                accepted_at = \(s.acceptedAt), criminal_flagged_at = \(s.criminalReferral ? s.criminalDecisionDue?.addingTimeInterval(-CaseTimers.criminalDecisionPeriod) : nil),
                decided_at = \(s.decidedAt), decision = \(decision)::jsonb, fine_yuan = \(s.decision?.fineYuan)::numeric,
                delivered_at = \(s.deliveredAt), rectification_due = \(s.rectificationDue)::date, reinspected_at = \(s.reinspectedAt),
                reinspection_passed = \(s.reinspectionPassed), closed_at = \(s.closedAt), next_due_at = \(CaseTimers.nextDue(s))
            WHERE id = \(caseID)
            """, logger: logger)
    }
}

