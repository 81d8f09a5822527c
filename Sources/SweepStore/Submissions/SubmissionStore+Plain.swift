import Foundation
import NIOCore
import PostgresNIO
import SweepAPI
import SweepCore

/// The inspection row, and the one-statement path for visits that open and close nothing.
extension SubmissionStore {
    func storePlain(_ valid: ValidatedSubmission, venue: VenueFacts, campaign: Int64, hash: ByteBuffer, actor: String,
                    now: Date) async throws -> SubmissionResult {
        let s = valid.submission
        // Nothing of this answer needs storing: a retry rebuilds it from the row (see `replay`).
        var result = SubmissionResult(inspectionId: 0, submissionId: s.submissionId, replayed: false, positionFlagged: valid.positionFlagged,
                                      distanceMetres: valid.distanceMetres, findings: [], reinspections: [])
        let audit = SubmissionEffects.audit(s, venueID: venue.id, violations: 0, positionFlagged: valid.positionFlagged, actor: actor)
        let insert = try InsertInspection(valid, venue: venue, campaign: campaign, hash: hash, now: now, submittedBy: Self.principalID(actor),
                                          audit: audit)
        let inspectionID = try await db.scoped(.everything) { conn -> Int64? in
            for try await id in try await conn.execute(insert, logger: db.logger) { return id }
            return nil
        }
        guard let inspectionID else { throw RetryAfterConflict() }
        result.inspectionId = inspectionID
        return result
    }

    /// The principal behind an audit actor ("principal:12" → 12); nil for admin commands ("cli:…").
    static func principalID(_ actor: String) -> Int64? {
        actor.hasPrefix("principal:") ? Int64(actor.dropFirst("principal:".count)) : nil
    }
}

/// Inserts the inspection (nothing when the submission id is taken: a concurrent retry won) and
/// counts it in the heat-map rollup (see HeatRollup) under the campaign its stop serves; with an
/// audit entry (the plain path) it also writes that. The transactional path runs the same
/// statement without one. A named prepared statement: PostgreSQL parses and plans it once per
/// connection, which was most of its cost. Every parameter is cast to the type PostgresNIO binds
/// (so the types never depend on which values came first, e.g. a NULL) and converted after.
struct InsertInspection: PostgresPreparedStatement {
    typealias Row = Int64

    /// The visit counted in the heat rollup (a CTE over `ins`), shared with `InsertVisit`.
    static let countVisit = """
        counted AS (
            INSERT INTO heat_venue_month (venue_id, month, campaign_id, inspections)
            SELECT $2::bigint, heat_month($7::timestamptz), $25::bigint, 1 FROM ins
            ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
            DO UPDATE SET inspections = heat_venue_month.inspections + 1, changed_xid = pg_current_xact_id()),
    """

    static let sql = """
        WITH ins AS (
            INSERT INTO inspection (submission_id, venue_id, sweep_stop_id, origin, unplanned_reason, outcome, arrived_at, departed_at,
                device_position, position_flagged, distance_m, minors_count, minors_under_14, minors_14_15, minors_16_17,
                minors_log_reference, guardians_called, police_called, mandatory_report_filed, request_hash, recorded_at, submitted_by,
                position_accuracy_m)
            VALUES ($1::uuid, $2::bigint, $3::bigint, $4::text, $5::text, $6::text, $7::timestamptz, $8::timestamptz,
                CASE WHEN $9::float8 IS NULL OR $10::float8 IS NULL THEN NULL
                     ELSE ST_SetSRID(ST_MakePoint($9::float8, $10::float8), 4326)::geography END,
                $11::boolean, $12::float8, $13::bigint, $14::bigint, $15::bigint, $16::bigint,
                $17::text, $18::boolean, $19::boolean, $20::boolean, $21::bytea, $22::timestamptz, $23::bigint,
                $24::float8::real)
            ON CONFLICT (submission_id) DO NOTHING
            RETURNING id),
        \(countVisit)
        audited AS (
            INSERT INTO audit_log (actor, action, object_type, object_id, details)
            SELECT $26::text, $27::text, $28::text, ins.id::text, $29::text::jsonb FROM ins
            WHERE $29::text IS NOT NULL)
        SELECT id FROM ins
        """

    let binds: PostgresBindings

    /// `campaign` is the campaign the stop's plan serves, 0 for an unplanned visit (what
    /// `inspection_campaign(sweep_stop_id)` says).
    init(_ valid: ValidatedSubmission, venue: SubmissionStore.VenueFacts, campaign: Int64, hash: ByteBuffer, now: Date, submittedBy: Int64?,
         audit: AuditEntry?) throws {
        let details = try audit.map { String(decoding: try JSONEncoder().encode($0.details), as: UTF8.self) }
        var b = PostgresBindings(capacity: 29)
        Self.appendInspection(&b, valid, venue: venue, campaign: campaign, hash: hash, now: now, submittedBy: submittedBy)
        b.append(audit?.actor); b.append(audit?.action); b.append(audit?.objectType); b.append(details)
        binds = b
    }

    /// $1–$25, the inspection row's values, in the order both statements (this one and `InsertVisit`) number them.
    static func appendInspection(_ b: inout PostgresBindings, _ valid: ValidatedSubmission, venue: SubmissionStore.VenueFacts,
                                 campaign: Int64, hash: ByteBuffer, now: Date, submittedBy: Int64?) {
        let s = valid.submission
        let m = s.minors ?? MinorsRecord(count: 0)
        b.append(s.submissionId); b.append(venue.id); b.append(s.sweepStopId); b.append(valid.origin.rawValue)
        b.append(s.unplannedReason); b.append(s.outcome.rawValue); b.append(s.arrivedAt); b.append(s.departedAt)
        b.append(s.devicePosition?.longitude); b.append(s.devicePosition?.latitude)
        b.append(valid.positionFlagged); b.append(valid.distanceMetres)
        b.append(Int64(m.count)); b.append(Int64(m.under14)); b.append(Int64(m.from14to15)); b.append(Int64(m.from16to17))
        b.append(m.logReference); b.append(m.guardiansCalled); b.append(m.policeCalled); b.append(m.mandatoryReportFiled)
        b.append(hash); b.append(now); b.append(submittedBy); b.append(s.positionAccuracyMetres)
        b.append(campaign)
    }

    func makeBindings() throws -> PostgresBindings { binds }
    func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
}
