import Foundation
import NIOCore
import PostgresNIO
import SweepCore

/// The inspection row, and the one-statement path for visits that open and close nothing.
extension SubmissionStore {
    /// Most visits find nothing: no findings, not a tip visit, no re-inspection due. Such a visit
    /// needs no transaction: one statement stores the inspection with its answer, counts it in the
    /// heat-map rollup and writes the audit entry, and commits on its own (one round trip instead
    /// of BEGIN, insert, answer, audit, COMMIT).
    static func isPlain(_ valid: ValidatedSubmission, venue: VenueFacts) -> Bool {
        valid.submission.findings.isEmpty && valid.origin != .tip && !(valid.submission.outcome == .inspected && venue.pendingReinspection)
    }

    func storePlain(_ valid: ValidatedSubmission, venue: VenueFacts, hash: ByteBuffer, actor: String, now: Date) async throws -> SubmissionResult {
        let s = valid.submission
        var result = SubmissionResult(inspectionId: 0, submissionId: s.submissionId, replayed: false, positionFlagged: valid.positionFlagged,
                                      distanceMetres: valid.distanceMetres, findings: [], reinspections: [])
        // The stored answer is this one with the new row's id put in by the statement.
        let answer = String(decoding: try WireCoding.encoder().encode(result), as: UTF8.self)
        let audit = AuditEntry(actor: actor, action: "inspection.submit", objectType: "inspection",
                               details: Self.auditDetails(s, venue: venue, violations: 0, positionFlagged: valid.positionFlagged))
        var inspectionID: Int64?
        let statement = InsertInspection(binds: try InsertInspection.bindings(valid, venue: venue, hash: hash, now: now, answer: answer, audit: audit))
        do {
            for try await id in try await db.client.execute(statement, logger: db.logger) { inspectionID = id }
        } catch {
            throw SweepErrorMapping.map(error)
        }
        guard let inspectionID else { throw RetryAfterConflict() }
        result.inspectionId = inspectionID
        return result
    }

    static func auditDetails(_ s: Submission, venue: VenueFacts, violations: Int, positionFlagged: Bool) -> [String: String] {
        ["submission_id": s.submissionId.uuidString.lowercased(), "venue": String(venue.id), "violations": String(violations),
         "position_flagged": String(positionFlagged)]
    }

    /// Inserts the inspection (nothing when the submission id is taken: a concurrent retry won) and
    /// counts it in the heat-map rollup (see HeatRollup). With `answer` and `audit` (the plain
    /// path) it also stores the answer, with the new id, and the audit entry.
    static func insertInspection(_ valid: ValidatedSubmission, venue: VenueFacts, hash: ByteBuffer, now: Date,
                                 answer: String? = nil, audit: AuditEntry? = nil) throws -> PostgresQuery {
        PostgresQuery(unsafeSQL: InsertInspection.sql, binds: try InsertInspection.bindings(valid, venue: venue, hash: hash, now: now,
                                                                                            answer: answer, audit: audit))
    }
}

/// The inspection INSERT as a prepared statement: its plan is made once per connection, which
/// saves PostgreSQL most of a plain visit's cost after the write itself (the statement is long).
struct InsertInspection: PostgresPreparedStatement {
    typealias Row = Int64
    let binds: PostgresBindings

    static let sql = """
        WITH new AS (SELECT nextval(pg_get_serial_sequence('inspection', 'id')) AS id),
        ins AS (
            INSERT INTO inspection (id, submission_id, venue_id, sweep_stop_id, origin, unplanned_reason, outcome, arrived_at, departed_at,
                device_position, position_flagged, distance_m, minors_count, minors_under_14, minors_14_15, minors_16_17,
                minors_log_reference, guardians_called, police_called, mandatory_report_filed, request_hash, recorded_at, response)
            OVERRIDING SYSTEM VALUE
            SELECT new.id, $1, $2, $3, $4, $5, $6, $7, $8,
                CASE WHEN $9::float8 IS NULL OR $10::float8 IS NULL THEN NULL
                     ELSE ST_SetSRID(ST_MakePoint($9::float8, $10::float8), 4326)::geography END,
                $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                jsonb_set($23::jsonb, '{inspection_id}', to_jsonb(new.id))
            FROM new
            ON CONFLICT (submission_id) DO NOTHING
            RETURNING id),
        counted AS (
            INSERT INTO heat_venue_month (venue_id, month, campaign_id, inspections)
            SELECT $2, heat_month($7), inspection_campaign($3), 1 FROM ins
            ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
            DO UPDATE SET inspections = heat_venue_month.inspections + 1, changed_xid = pg_current_xact_id()),
        audited AS (
            INSERT INTO audit_log (actor, action, object_type, object_id, details)
            SELECT $24, $25, $26, ins.id::text, $27::jsonb FROM ins
            WHERE $27::jsonb IS NOT NULL)
        SELECT id FROM ins
        """

    /// Declared, not inferred from the first call: a NULL first would leave a type to guesswork.
    static let bindingDataTypes: [PostgresDataType] = [
        .uuid, .int8, .int8, .text, .text, .text, .timestamptz, .timestamptz, .float8, .float8,
        .bool, .float8, .int8, .int8, .int8, .int8, .text, .bool, .bool, .bool,
        .bytea, .timestamptz, .text, .text, .text, .text, .text,
    ]

    static func bindings(_ valid: ValidatedSubmission, venue: SubmissionStore.VenueFacts, hash: ByteBuffer, now: Date,
                         answer: String?, audit: AuditEntry?) throws -> PostgresBindings {
        let s = valid.submission
        let m = s.minors ?? MinorsRecord(count: 0)
        let details = try audit.map { String(decoding: try JSONEncoder().encode($0.details), as: UTF8.self) }
        var b = PostgresBindings(capacity: 27)
        b.append(s.submissionId); b.append(venue.id); b.append(s.sweepStopId); b.append(valid.origin.rawValue)
        b.append(s.unplannedReason); b.append(s.outcome.rawValue); b.append(s.arrivedAt); b.append(s.departedAt)
        b.append(s.devicePosition?.longitude); b.append(s.devicePosition?.latitude)
        b.append(valid.positionFlagged); b.append(valid.distanceMetres); b.append(m.count); b.append(m.under14)
        b.append(m.from14to15); b.append(m.from16to17); b.append(m.logReference); b.append(m.guardiansCalled)
        b.append(m.policeCalled); b.append(m.mandatoryReportFiled); b.append(hash); b.append(now); b.append(answer)
        b.append(audit?.actor); b.append(audit?.action); b.append(audit?.objectType); b.append(details)
        return b
    }

    func makeBindings() throws -> PostgresBindings { binds }
    func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
}
