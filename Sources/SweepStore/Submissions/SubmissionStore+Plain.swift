import Foundation
import NIOCore
import PostgresNIO
import SweepAPI
import SweepCore

/// The inspection row, and the one-statement path for visits that open and close nothing.
extension SubmissionStore {
    func storePlain(_ valid: ValidatedSubmission, venue: VenueFacts, hash: ByteBuffer, actor: String, now: Date) async throws -> SubmissionResult {
        let s = valid.submission
        var result = SubmissionResult(inspectionId: 0, submissionId: s.submissionId, replayed: false, positionFlagged: valid.positionFlagged,
                                      distanceMetres: valid.distanceMetres, findings: [], reinspections: [])
        // The stored answer is this one with the new row's id put in by the statement.
        let answer = String(decoding: try WireCoding.encoder().encode(result), as: UTF8.self)
        let audit = SubmissionEffects.audit(s, venueID: venue.id, violations: 0, positionFlagged: valid.positionFlagged, actor: actor)
        var inspectionID: Int64?
        for try await id in try await db.query(Self.insertInspection(valid, venue: venue, hash: hash, now: now, submittedBy: Self.principalID(actor),
                                                                     answer: answer, audit: audit))
            .decode(Int64.self) { inspectionID = id }
        guard let inspectionID else { throw RetryAfterConflict() }
        result.inspectionId = inspectionID
        return result
    }

    /// The principal behind an audit actor ("principal:12" → 12); nil for admin commands ("cli:…").
    static func principalID(_ actor: String) -> Int64? {
        actor.hasPrefix("principal:") ? Int64(actor.dropFirst("principal:".count)) : nil
    }

    /// Inserts the inspection (nothing when the submission id is taken: a concurrent retry won) and
    /// counts it in the heat-map rollup (see HeatRollup). With `answer` and `audit` (the plain
    /// path) it also stores the answer, with the new id, and the audit entry.
    static func insertInspection(_ valid: ValidatedSubmission, venue: VenueFacts, hash: ByteBuffer, now: Date, submittedBy: Int64?,
                                 answer: String? = nil, audit: AuditEntry? = nil) throws -> PostgresQuery {
        let s = valid.submission
        let m = s.minors ?? MinorsRecord(count: 0)
        let position = s.devicePosition
        let details = try audit.map { String(decoding: try JSONEncoder().encode($0.details), as: UTF8.self) }
        return """
            WITH new AS (SELECT nextval(pg_get_serial_sequence('inspection', 'id')) AS id),
            ins AS (
                INSERT INTO inspection (id, submission_id, venue_id, sweep_stop_id, origin, unplanned_reason, outcome, arrived_at, departed_at,
                    device_position, position_flagged, distance_m, minors_count, minors_under_14, minors_14_15, minors_16_17,
                    minors_log_reference, guardians_called, police_called, mandatory_report_filed, request_hash, recorded_at, response, submitted_by,
                    position_accuracy_m)
                OVERRIDING SYSTEM VALUE
                SELECT new.id, \(s.submissionId), \(venue.id), \(s.sweepStopId), \(valid.origin.rawValue), \(s.unplannedReason), \(s.outcome.rawValue),
                    \(s.arrivedAt), \(s.departedAt),
                    CASE WHEN \(position?.longitude)::float8 IS NULL THEN NULL
                         ELSE ST_SetSRID(ST_MakePoint(\(position?.longitude)::float8, \(position?.latitude)::float8), 4326)::geography END,
                    \(valid.positionFlagged), \(valid.distanceMetres), \(m.count), \(m.under14), \(m.from14to15), \(m.from16to17),
                    \(m.logReference), \(m.guardiansCalled), \(m.policeCalled), \(m.mandatoryReportFiled), \(hash), \(now),
                    jsonb_set(\(answer)::jsonb, '{inspection_id}', to_jsonb(new.id)), \(submittedBy),
                    \(s.positionAccuracyMetres)::real
                FROM new
                ON CONFLICT (submission_id) DO NOTHING
                RETURNING id),
            counted AS (
                INSERT INTO heat_venue_month (venue_id, month, campaign_id, inspections)
                SELECT \(venue.id), heat_month(\(s.arrivedAt)), inspection_campaign(\(s.sweepStopId)), 1 FROM ins
                ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
                DO UPDATE SET inspections = heat_venue_month.inspections + 1, changed_xid = pg_current_xact_id()),
            audited AS (
                INSERT INTO audit_log (actor, action, object_type, object_id, details)
                SELECT \(audit?.actor), \(audit?.action), \(audit?.objectType), ins.id::text, \(details)::jsonb FROM ins
                WHERE \(details)::jsonb IS NOT NULL)
            SELECT id FROM ins
            """
    }
}
