import Foundation
import NIOCore
import PostgresNIO
import SweepAPI
import SweepCore

/// The one-statement path for visits with findings, like the plain one: the inspection, its
/// findings with their evidence links and violations, a case per violation with its first event
/// and its outbox event, the heat-map counts, the stored answer and the audit entry are one
/// INSERT (one round trip, one implicit transaction: all of it or nothing). Visits that also
/// settle tips, record re-inspections or find an unlicensed café keep the transactional path.
extension SubmissionStore {
    /// Whether `effects` can be stored by `storeFindings`: everything but the tips, the
    /// re-inspections and the relocation check, which read and update other rows as they go.
    static func fitsOneStatement(_ effects: SubmissionEffects) -> Bool {
        effects.tips == nil && !effects.recordsReinspections && !effects.findsUnlicensedCafe
    }

    func storeFindings(_ valid: ValidatedSubmission, effects: SubmissionEffects, venue: VenueFacts, campaign: Int64, hash: ByteBuffer,
                       actor: String, now: Date) async throws -> SubmissionResult {
        let s = valid.submission
        let audit = SubmissionEffects.audit(s, venueID: venue.id, violations: Set(effects.cases.map(\.code)).count,
                                            positionFlagged: valid.positionFlagged, actor: actor)
        let cases = CaseStore(db: db)
        return try await db.scoped(.everything) { conn in
            // What the statement needs read first, on its connection: the evidence must have been
            // uploaded, and each case's suggested sanction counts the venue's earlier offences
            // (ladders and jurisdiction chains are cached: a violation without a ladder reads nothing).
            try await checkEvidence(s.findings, on: conn)
            var suggestions: [SanctionSuggestion?] = []
            for opening in effects.cases {
                suggestions.append(try await cases.suggest(on: conn, venue: venue, code: opening.code, at: opening.snapshot.openedAt,
                                                           conditions: effects.conditions))
            }
            let insert = try InsertVisit(valid, effects: effects, suggestions: suggestions, venue: venue, campaign: campaign, hash: hash,
                                         now: now, submittedBy: Self.principalID(actor), audit: audit)
            for try await (inspectionID, findingIDs, caseIDs) in try await conn.execute(insert, logger: db.logger) {
                return try Self.answer(valid, effects: effects, suggestions: suggestions, inspectionID: inspectionID,
                                       findingIDs: findingIDs, caseIDs: caseIDs)
            }
            // A concurrent retry committed first: answer as it did.
            throw RetryAfterConflict()
        }
    }

    /// Refuses the first evidence hash, in finding and list order, that was never uploaded (as the
    /// transactional path does finding by finding).
    func checkEvidence(_ findings: [FindingInput], on conn: PostgresConnection) async throws {
        let digests = findings.flatMap { $0.evidence.map { ByteBuffer(bytes: SubmissionHex.bytes($0)) } }
        guard !digests.isEmpty else { return }
        var uploaded = Set<ByteBuffer>()
        for try await digest in try await conn.query("SELECT sha256 FROM evidence WHERE sha256 = ANY(\(digests))", logger: db.logger)
            .decode(ByteBuffer.self) { uploaded.insert(digest) }
        for (i, f) in findings.enumerated() {
            for (k, hex) in f.evidence.enumerated() where !uploaded.contains(ByteBuffer(bytes: SubmissionHex.bytes(hex))) {
                throw SweepError.invalid(field: "findings[\(i)].evidence[\(k)]",
                                         reason: "no evidence with this SHA-256 was uploaded; POST it to /v1/evidence first")
            }
        }
    }

    /// The answer, from the ids the statement gave the findings and cases (in the order sent).
    static func answer(_ valid: ValidatedSubmission, effects: SubmissionEffects, suggestions: [SanctionSuggestion?], inspectionID: Int64,
                       findingIDs: [Int64], caseIDs: [Int64]) throws -> SubmissionResult {
        let s = valid.submission
        guard findingIDs.count == s.findings.count, caseIDs.count == effects.cases.count else {
            throw SweepError.schema("the submission statement returned \(findingIDs.count) findings and \(caseIDs.count) cases for "
                                    + "\(s.findings.count) and \(effects.cases.count)")
        }
        var result = SubmissionResult(inspectionId: inspectionID, submissionId: s.submissionId, replayed: false,
                                      positionFlagged: valid.positionFlagged, distanceMetres: valid.distanceMetres, findings: [], reinspections: [])
        for (i, f) in s.findings.enumerated() {
            var recorded = FindingResult(findingId: findingIDs[i], department: f.department, revision: 1, violations: [])
            for (k, opening) in effects.cases.enumerated() where opening.findingIndex == i {
                recorded.violations.append(OpenedCase(code: opening.code, caseId: caseIDs[k], state: opening.snapshot.state.rawValue,
                                                      department: opening.lead, suggestion: suggestions[k]))
            }
            result.findings.append(recorded)
        }
        return result
    }
}

/// A visit with findings as one statement (`SubmissionStore.storeFindings`), a named prepared
/// statement like `InsertInspection`, whose first 29 parameters it shares. The findings, evidence
/// links and cases arrive as parallel arrays, numbered from 1 by `WITH ORDINALITY`; their ids are
/// drawn from the identity sequences first, so the stored answer is written with the inspection
/// row. PostgresNIO arrays hold no NULL: '' and false stand for it, as commented. Writes what the
/// transactional path writes (`insertFinding`, `insertViolation`, `HeatRollup.countViolation`,
/// `CaseStore.open`, `EventOutbox.append`, `AuditLog.append`), with the same values; the stored
/// answer is `SubmissionStore.storedAnswer` of the answer, built in SQL.
struct InsertVisit: PostgresPreparedStatement {
    typealias Row = (Int64, [Int64], [Int64])

    static let sql = """
        WITH f AS MATERIALIZED (
            SELECT nextval(pg_get_serial_sequence('finding', 'id')) AS id, f.n, f.department, f.facts, f.measures
            FROM unnest($32::text[], $33::text[], $34::text[]) WITH ORDINALITY AS f (department, facts, measures, n)),
        c AS MATERIALIZED (
            SELECT nextval(pg_get_serial_sequence('finding_violation', 'id')) AS violation_id,
                   nextval(pg_get_serial_sequence('case_file', 'id')) AS id, c.*
            FROM unnest($37::bigint[], $38::text[], $39::text[], $40::text[], $41::text[], $42::text[], $43::timestamptz[], $44::boolean[],
                        $45::text[], $46::text[], $47::text[], $48::timestamptz[], $49::boolean[])
                 WITH ORDINALITY AS c (finding, code, basis, department, state, referred_from, referral_deadline, has_deadline,
                                       rectification_due, suggestion, snapshot, next_due_at, has_next_due, n)),
        ins AS (
            INSERT INTO inspection (submission_id, venue_id, sweep_stop_id, origin, unplanned_reason, outcome, arrived_at, departed_at,
                device_position, position_flagged, distance_m, minors_count, minors_under_14, minors_14_15, minors_16_17,
                minors_log_reference, guardians_called, police_called, mandatory_report_filed, request_hash, recorded_at, submitted_by,
                position_accuracy_m, response)
            VALUES ($1::uuid, $2::bigint, $3::bigint, $4::text, $5::text, $6::text, $7::timestamptz, $8::timestamptz,
                CASE WHEN $9::float8 IS NULL OR $10::float8 IS NULL THEN NULL
                     ELSE ST_SetSRID(ST_MakePoint($9::float8, $10::float8), 4326)::geography END,
                $11::boolean, $12::float8, $13::bigint, $14::bigint, $15::bigint, $16::bigint,
                $17::text, $18::boolean, $19::boolean, $20::boolean, $21::bytea, $22::timestamptz, $23::bigint,
                $24::float8::real,
                jsonb_build_object('findings', (
                    SELECT jsonb_agg(jsonb_build_object('department', f.department, 'finding_id', f.id, 'revision', 1, 'violations', coalesce((
                        SELECT jsonb_agg(jsonb_build_object('case_id', c.id, 'code', c.code, 'department', c.department, 'state', c.state)
                                         || CASE WHEN c.suggestion = '' THEN '{}'::jsonb ELSE jsonb_build_object('suggestion', c.suggestion::jsonb) END
                                         ORDER BY c.n)
                        FROM c WHERE c.finding = f.n), '[]'::jsonb)) ORDER BY f.n)
                    FROM f)))
            ON CONFLICT (submission_id) DO NOTHING
            RETURNING id),
        \(InsertInspection.countVisit)
        found AS (
            INSERT INTO finding (id, inspection_id, department_code, revision, facts, measures, recorded_at)
            OVERRIDING SYSTEM VALUE
            SELECT f.id, ins.id, f.department, 1, f.facts, f.measures::jsonb, $22::timestamptz FROM ins, f),
        linked AS (
            INSERT INTO finding_evidence (finding_id, sha256)
            SELECT f.id, e.sha256 FROM ins, unnest($35::bigint[], $36::bytea[]) AS e (finding, sha256) JOIN f ON f.n = e.finding
            ON CONFLICT DO NOTHING),
        violated AS (
            INSERT INTO finding_violation (id, finding_id, violation_code, legal_basis)
            OVERRIDING SYSTEM VALUE
            SELECT c.violation_id, f.id, c.code, c.basis::jsonb FROM ins, c JOIN f ON f.n = c.finding),
        tallied AS (
            INSERT INTO heat_venue_month (venue_id, month, violation_code, department_code, campaign_id, violations)
            SELECT $2::bigint, heat_month($7::timestamptz), c.code, c.department, $25::bigint, count(*) FROM ins, c GROUP BY c.code, c.department
            ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
            DO UPDATE SET violations = heat_venue_month.violations + excluded.violations, changed_xid = pg_current_xact_id()),
        opened AS (
            INSERT INTO case_file (id, finding_violation_id, inspection_id, venue_id, jurisdiction_id, violation_code, department_code, state,
                                   opened_at, operator_key, referred_from, referral_deadline, rectification_due, suggestion, snapshot, next_due_at)
            OVERRIDING SYSTEM VALUE
            SELECT c.id, c.violation_id, ins.id, $2::bigint, $30::bigint, c.code, c.department, c.state, $7::timestamptz,
                   $31::text, nullif(c.referred_from, ''), CASE WHEN c.has_deadline THEN c.referral_deadline END,
                   nullif(c.rectification_due, '')::date, nullif(c.suggestion, '')::jsonb, c.snapshot::jsonb,
                   CASE WHEN c.has_next_due THEN c.next_due_at END
            FROM ins, c),
        logged AS (
            INSERT INTO case_event (case_id, from_state, to_state, occurred_at, note)
            SELECT c.id, NULL, c.state, now(), 'opened from inspection ' || ins.id
                   || CASE WHEN c.referred_from = '' THEN '' ELSE ' by ' || c.referred_from || ', referred to ' || c.department END
            FROM ins, c),
        announced AS (
            INSERT INTO domain_event (kind, object_type, object_id, jurisdiction_id, department_code, payload)
            SELECT 'case.opened', 'case', c.id::text, $30::bigint, c.department,
                   jsonb_build_object('violation_code', c.code, 'state', c.state, 'inspection_id', ins.id::text)
                   || CASE WHEN c.referred_from = '' THEN '{}'::jsonb ELSE jsonb_build_object('referred_from', c.referred_from) END
            FROM ins, c),
        audited AS (
            INSERT INTO audit_log (actor, action, object_type, object_id, details)
            SELECT $26::text, $27::text, $28::text, ins.id::text, $29::text::jsonb FROM ins)
        SELECT ins.id, (SELECT coalesce(array_agg(f.id ORDER BY f.n), '{}') FROM f), (SELECT coalesce(array_agg(c.id ORDER BY c.n), '{}') FROM c)
        FROM ins
        """

    let binds: PostgresBindings

    init(_ valid: ValidatedSubmission, effects: SubmissionEffects, suggestions: [SanctionSuggestion?], venue: SubmissionStore.VenueFacts,
         campaign: Int64, hash: ByteBuffer, now: Date, submittedBy: Int64?, audit: AuditEntry) throws {
        let s = valid.submission
        let encoder = WireCoding.encoder()
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        var b = PostgresBindings(capacity: 49)
        // $1–$29: as InsertInspection.
        InsertInspection.appendInspection(&b, valid, venue: venue, campaign: campaign, hash: hash, now: now, submittedBy: submittedBy)
        b.append(audit.actor); b.append(audit.action); b.append(audit.objectType)
        b.append(String(decoding: try JSONEncoder().encode(audit.details), as: UTF8.self))
        // $30, $31: the venue's district and operator, which its cases and events carry.
        b.append(venue.jurisdictionId); b.append(venue.operatorKey)
        // $32–$34: per finding.
        b.append(s.findings.map(\.department.rawValue)); b.append(s.findings.map(\.facts))
        b.append(try s.findings.map { try json($0.measures) })
        // $35, $36: per evidence link, its finding's number.
        var evidenceFinding: [Int64] = [], evidence: [ByteBuffer] = []
        for (i, f) in s.findings.enumerated() {
            for hex in f.evidence {
                evidenceFinding.append(Int64(i + 1))
                evidence.append(ByteBuffer(bytes: SubmissionHex.bytes(hex)))
            }
        }
        b.append(evidenceFinding); b.append(evidence)
        // $37–$49: per case (one per violation), in the order of effects.cases. Its opening time is
        // the visit's arrival ($7), as SubmissionEffects.decide sets it.
        var finding: [Int64] = [], codes: [String] = [], bases: [String] = [], leads: [String] = [], states: [String] = []
        var referredFrom: [String] = [], deadlines: [Date] = [], hasDeadline: [Bool] = [], rectificationDue: [String] = []
        var suggested: [String] = [], snapshots: [String] = [], nextDue: [Date] = [], hasNextDue: [Bool] = []
        for (k, opening) in effects.cases.enumerated() {
            let snapshot = opening.snapshot
            finding.append(Int64(opening.findingIndex + 1))
            codes.append(opening.code)
            bases.append(try json(valid.bases[opening.findingIndex][opening.violationIndex]))
            leads.append(opening.lead.rawValue)
            states.append(snapshot.state.rawValue)
            referredFrom.append(opening.referred ? opening.recordedBy.rawValue : "")      // '' = not referred
            deadlines.append(snapshot.referralDeadline ?? now)                             // read only where hasDeadline
            hasDeadline.append(snapshot.referralDeadline != nil)
            rectificationDue.append(snapshot.rectificationDue ?? "")                       // '' = none
            suggested.append(try suggestions[k].map { try json($0) } ?? "")               // '' = no ladder applies
            snapshots.append(try json(snapshot))
            let due = CaseTimers.nextDue(snapshot)
            nextDue.append(due ?? now)                                                      // read only where hasNextDue
            hasNextDue.append(due != nil)
        }
        b.append(finding); b.append(codes); b.append(bases); b.append(leads); b.append(states); b.append(referredFrom)
        b.append(deadlines); b.append(hasDeadline); b.append(rectificationDue); b.append(suggested); b.append(snapshots)
        b.append(nextDue); b.append(hasNextDue)
        binds = b
    }

    func makeBindings() throws -> PostgresBindings { binds }
    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
