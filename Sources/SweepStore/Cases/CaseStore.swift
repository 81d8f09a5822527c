import Foundation
import Logging
import PostgresNIO
import SweepAPI
import SweepCore

/// Cases: opened from violations, moved through the case chain by handlers, with statutory timers,
/// re-inspection results and the sanction the escalation ladder suggests.
public struct CaseStore: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    // MARK: opening and re-inspection (inside a submission's transaction)

    /// Opens the case for one violation: with the lead department when it recorded the finding,
    /// otherwise referred to it by the recording department with a deadline to accept.
    func open(_ opening: SubmissionEffects.CaseOpening, on conn: PostgresConnection, findingViolationID: Int64, inspectionID: Int64,
              venue: SubmissionStore.VenueFacts, conditions: Set<String>) async throws -> OpenedCase {
        let (code, lead, recordedBy, snapshot, referred) = (opening.code, opening.lead, opening.recordedBy, opening.snapshot, opening.referred)
        let state = snapshot.state
        let rectificationDue = snapshot.rectificationDue
        let suggestion = try await suggest(on: conn, venue: venue, code: code, at: snapshot.openedAt, conditions: conditions)
        let suggestionJSON = try suggestion.map { String(decoding: try WireCoding.encoder().encode($0), as: UTF8.self) }
        let snapshotJSON = String(decoding: try WireCoding.encoder().encode(snapshot), as: UTF8.self)
        var caseID: Int64 = 0
        for try await id in try await conn.query("""
            INSERT INTO case_file (finding_violation_id, inspection_id, venue_id, violation_code, department_code, state, opened_at,
                                   operator_key, referred_from, referral_deadline, rectification_due, suggestion, snapshot, next_due_at)
            VALUES (\(findingViolationID), \(inspectionID), \(venue.id), \(code), \(lead.rawValue), \(state.rawValue), \(snapshot.openedAt),
                    \(venue.operatorKey), \(referred ? recordedBy.rawValue : nil), \(snapshot.referralDeadline), \(rectificationDue)::date,
                    \(suggestionJSON)::jsonb, \(snapshotJSON)::jsonb, \(CaseTimers.nextDue(snapshot)))
            RETURNING id
            """, logger: db.logger).decode(Int64.self) { caseID = id }
        let note = referred ? "opened from inspection \(inspectionID) by \(recordedBy.rawValue), referred to \(lead.rawValue)" : "opened from inspection \(inspectionID)"
        try await conn.query("""
            INSERT INTO case_event (case_id, from_state, to_state, occurred_at, note) VALUES (\(caseID), NULL, \(state.rawValue), now(), \(note))
            """, logger: db.logger)
        var payload = ["violation_code": code, "state": state.rawValue, "inspection_id": String(inspectionID)]
        if referred { payload["referred_from"] = recordedBy.rawValue }
        try await EventOutbox.append("case.opened", object: ("case", String(caseID)), venueId: venue.id, department: lead, payload: payload,
                                     on: conn, logger: db.logger)
        return OpenedCase(code: code, caseId: caseID, state: state.rawValue, department: lead, suggestion: suggestion)
    }

    /// A visit to a venue with cases whose rectification deadline has passed records the
    /// re-inspection (回头看): passed when the violation was not found again. Cases formally in
    /// rectification_ordered move through the case machine; a case still awaiting its decision (an
    /// on-the-spot order to correct) records the result without changing state.
    func recordReinspections(on conn: PostgresConnection, venueID: Int64, inspectionID: Int64, codesFound: Set<String>, at: Date,
                             actor: String) async throws -> [ReinspectionResult] {
        var due: [Int64] = []
        for try await id in try await conn.query("""
            SELECT id FROM case_file
            WHERE venue_id = \(venueID) AND state NOT IN ('closed_rectified', 'closed_escalated')
              AND rectification_due IS NOT NULL AND reinspected_at IS NULL AND inspection_id IS DISTINCT FROM \(inspectionID)
            ORDER BY id FOR UPDATE
            """, logger: db.logger).decode(Int64.self) { due.append(id) }
        var out: [ReinspectionResult] = []
                for id in due {
            guard let r = try await load(id, on: conn),
                  let next = Reinspection.record(on: r.snapshot, code: r.code, codesFound: codesFound, at: at) else { continue }
            let passed = next.reinspectionPassed ?? true
            try await CaseStore.write(next, caseID: id, on: conn, logger: db.logger)
            try await conn.query("""
                INSERT INTO case_event (case_id, from_state, to_state, occurred_at, note)
                VALUES (\(id), \(r.snapshot.state.rawValue), \(next.state.rawValue), now(),
                        \("re-inspection by inspection \(inspectionID): " + (passed ? "rectified" : "violation found again")))
                """, logger: db.logger)
            out.append(ReinspectionResult(caseId: id, code: r.code, passed: passed))
        }
        return out
    }

    // MARK: escalation

    func ladders(on conn: PostgresConnection, code: String) async throws -> [EscalationLadder] {
        var ladders: [String: EscalationLadder] = [:]
        for try await (lc, vc, j, example, scope, months, note) in try await conn.query("""
            SELECT code, violation_code, jurisdiction_code, local_example, count_scope, window_months, source_note
            FROM escalation_ladder WHERE violation_code = \(code) AND active
            """, logger: db.logger).decode((String, String, String?, Bool, String, Int?, String).self) {
            ladders[lc] = EscalationLadder(code: lc, violationCode: vc, jurisdictionCode: j, localExample: example,
                                           countScope: EscalationCountScope(rawValue: scope) ?? .venue, windowMonths: months, sourceNote: note, steps: [])
        }
        guard !ladders.isEmpty else { return [] }
        for try await (lc, from, to, when, sanctions, min, max, note) in try await conn.query("""
            SELECT ladder_code, step_from, step_to, applies_when, sanctions::text[], fine_min_yuan::float8, fine_max_yuan::float8, note
            FROM escalation_step WHERE ladder_code = ANY(\(Array(ladders.keys))::text[]) ORDER BY ladder_code, step_from
            """, logger: db.logger).decode((String, Int, Int?, String?, [String], Double?, Double?, String?).self) {
            ladders[lc]?.steps.append(EscalationStep(stepFrom: from, stepTo: to, appliesWhen: when, sanctions: sanctions,
                                                     fineMinYuan: min, fineMaxYuan: max, note: note))
        }
        return ladders.values.sorted { $0.code < $1.code }
    }

    /// The suggested sanction for a new offence: the venue's (or operator's) earlier offences of the
    /// same violation within the ladder's window, against the ladder that applies where the venue is.
    func suggest(on conn: PostgresConnection, venue: SubmissionStore.VenueFacts, code: String, at: Date,
                 conditions: Set<String>) async throws -> SanctionSuggestion? {
        let dbName = db.target.configuration.database ?? ""
        let chain = try await ReferenceDataCache.shared.value("chain:\(dbName):\(venue.jurisdictionCode)") {
            try await jurisdictionChain(venue.jurisdictionCode, on: conn)
        }
        let ladders = try await ReferenceDataCache.shared.value("ladders:\(dbName):\(code)") { try await self.ladders(on: conn, code: code) }
        let chosen = Escalation.choose(ladders: ladders, violationCode: code, jurisdictionChain: chain)
        guard let ladder = chosen.first else { return nil }
        return try await suggest(ladder: ladder, on: conn, venue: venue, code: code, at: at, conditions: conditions)
    }

    func jurisdictionChain(_ code: String, on conn: PostgresConnection) async throws -> [String] {
        var chain: [String] = []
        for try await c in try await conn.query("""
            WITH RECURSIVE up AS (SELECT id, code, parent_id, 0 AS depth FROM jurisdiction WHERE code = \(code)
                                  UNION ALL SELECT j.id, j.code, j.parent_id, up.depth + 1 FROM jurisdiction j JOIN up ON j.id = up.parent_id)
            SELECT code FROM up ORDER BY depth
            """, logger: db.logger).decode(String.self) { chain.append(c) }
        return chain
    }

    func suggest(ladder: EscalationLadder, on conn: PostgresConnection, venue: SubmissionStore.VenueFacts, code: String, at: Date,
                 conditions: Set<String>) async throws -> SanctionSuggestion? {
        let since = ladder.windowMonths.map { at.addingTimeInterval(-Double($0) * 30.4375 * 86_400) } ?? Date(timeIntervalSince1970: 0)
        var prior = 0
        let byOperator = ladder.countScope == .operator && venue.operatorKey != nil
        for try await n in try await conn.query("""
            SELECT count(*)::int FROM case_file
            WHERE violation_code = \(code) AND opened_at >= \(since) AND opened_at < \(at)
              AND (CASE WHEN \(byOperator) THEN operator_key = \(venue.operatorKey) ELSE venue_id = \(venue.id) END)
            """, logger: db.logger).decode(Int.self) { prior = n }
        return Escalation.suggest(ladder: ladder, priorOffences: prior, conditions: conditions)
    }
}
