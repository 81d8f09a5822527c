import Crypto
import Foundation
import Logging
import NIOCore
import PostgresNIO
import SweepAPI
import SweepCore

/// Stores inspection results. A submission commits with its findings, violations, cases, case
/// events, re-inspection results and audit entry in one transaction, or not at all; a retry with
/// the same submission id returns the answer stored the first time.
public struct SubmissionStore: Sendable {
    public let db: Database
    public var positionToleranceMetres: Double
    public var referralDays: Double

    public init(db: Database, positionToleranceMetres: Double = 300, referralDays: Double = 7) {
        self.db = db
        self.positionToleranceMetres = positionToleranceMetres
        self.referralDays = referralDays
    }

    /// Validates and stores one submission. `body` is the request as received (for the retry check
    /// and for the forbidden-key scan).
    public func submit(_ submission: Submission, body: Data, actor: String, now: Date = Date()) async throws -> SubmissionResult {
        // Parsed once for both the forbidden-key scan and the retry hash.
        let parsed = try? JSONValue.parse(body)
        let keys = parsed?.keyPaths() ?? []
        let hash = Self.requestHash(parsed, body: body)
        // One round trip answers both "is this a retry?" and "which venue?".
        let (venue, earlier) = try await resolveVenue(submission)
        if let earlier {
            guard let replay = try Self.replay(submission.submissionId, stored: earlier, hash: hash) else {
                throw SweepError.conflict("submission \(submission.submissionId) is being stored; retry")
            }
            return replay
        }
        let catalogue = try await catalogueByCode()
        // The stop's venue and sweep, and the campaign its plan serves (what inspection_campaign()
        // says; 0 for an unplanned visit), which the heat-map counts are kept under.
        var stopVenue: Int64?, dispatched = false, campaign: Int64 = 0
        if let stop = submission.sweepStopId {
            for try await (v, status, c) in try await db.query("""
                SELECT ss.venue_id, s.status, coalesce((SELECT p.campaign_id FROM plan p WHERE p.id = s.plan_id), 0)
                FROM sweep_stop ss JOIN sweep s ON s.id = ss.sweep_id WHERE ss.id = \(stop)
                """).decode((Int64, String, Int64).self) {
                stopVenue = v
                dispatched = SweepStatus(rawValue: status).map(SweepStatus.published.contains) ?? false
                campaign = c
            }
        }
        let context = SubmissionContext(catalogue: catalogue, venueId: venue.id, venueLocation: venue.location, stopVenueId: stopVenue,
                                        stopDispatched: dispatched, now: now, positionToleranceMetres: positionToleranceMetres)
        let valid = try SubmissionValidator.validate(submission, keys: keys, context: context)
        let effects = SubmissionEffects.decide(valid, catalogue: catalogue, pendingReinspection: venue.pendingReinspection,
                                               utcOffsetMinutes: venue.utcOffsetMinutes, referralDays: referralDays, now: now)
        if effects.isPlain {
            return try await storePlain(valid, venue: venue, campaign: campaign, hash: hash, actor: actor, now: now)
        }
        if Self.fitsOneStatement(effects) {
            return try await storeFindings(valid, effects: effects, venue: venue, campaign: campaign, hash: hash, actor: actor, now: now)
        }
        return try await db.transaction { conn in
            try await apply(effects, of: valid, venue: venue, campaign: campaign, hash: hash, actor: actor, now: now, on: conn)
        }
    }

    /// Applies decided effects one statement at a time, for visits the one-statement paths do not
    /// cover (tips, re-inspections, an unlicensed café found): the inspection, its findings with
    /// their violations and evidence, a case per violation, the tips, the re-inspections, the
    /// stored answer and the audit entry.
    private func apply(_ effects: SubmissionEffects, of valid: ValidatedSubmission, venue: VenueFacts, campaign: Int64, hash: ByteBuffer,
                       actor: String, now: Date, on conn: PostgresConnection) async throws -> SubmissionResult {
        let s = valid.submission
        var inspectionID: Int64?
        let insert = try InsertInspection(valid, venue: venue, campaign: campaign, hash: hash, now: now, submittedBy: Self.principalID(actor),
                                          audit: nil)
        for try await id in try await conn.execute(insert, logger: db.logger) { inspectionID = id }
        guard let inspectionID else {
            // A concurrent retry committed first: answer as it did.
            throw RetryAfterConflict()
        }
        var result = SubmissionResult(inspectionId: inspectionID, submissionId: s.submissionId, replayed: false,
                                      positionFlagged: valid.positionFlagged, distanceMetres: valid.distanceMetres, findings: [], reinspections: [])
        let cases = CaseStore(db: db)
        for (i, f) in s.findings.enumerated() {
            let findingID = try await insertFinding(f, revision: 1, evidencePath: "findings[\(i)].evidence", inspectionID: inspectionID, now: now, on: conn)
            var recorded = FindingResult(findingId: findingID, department: f.department, revision: 1, violations: [])
            for opening in effects.cases where opening.findingIndex == i {
                let fvID = try await insertViolation(opening.code, basis: valid.bases[i][opening.violationIndex], findingID: findingID, on: conn)
                try await HeatRollup.countViolation(venueID: venue.id, at: s.arrivedAt, code: opening.code, department: opening.lead,
                                                    stopID: s.sweepStopId, on: conn, logger: db.logger)
                recorded.violations.append(try await cases.open(opening, on: conn, findingViolationID: fvID, inspectionID: inspectionID,
                                                                venue: venue, conditions: effects.conditions))
            }
            result.findings.append(recorded)
        }
        if effects.findsUnlicensedCafe {
            try await RelocationStore.detect([(venue.id, s.arrivedAt)], by: .inspected, on: conn, logger: db.logger)
        }
        switch effects.tips {
        case .linkToFirstCase?:
            let firstCase = result.findings.first { !$0.violations.isEmpty }?.violations.first?.caseId
            try await conn.query("""
                UPDATE tip SET status = 'in_case', case_id = \(firstCase) WHERE venue_id = \(venue.id) AND status = 'triaged'
                """, logger: db.logger)
        case .unfounded(let feedback)?:
            try await conn.query("""
                UPDATE tip SET status = 'unfounded', feedback = \(feedback) WHERE venue_id = \(venue.id) AND status = 'triaged'
                """, logger: db.logger)
        case nil: break
        }
        if effects.recordsReinspections {
            result.reinspections = try await cases.recordReinspections(
                on: conn, venueID: venue.id, inspectionID: inspectionID, codesFound: Set(effects.cases.map(\.code)), at: s.arrivedAt, actor: actor)
        }
        if let answer = try Self.storedAnswer(result) {
            try await conn.query("UPDATE inspection SET response = \(answer)::jsonb WHERE id = \(inspectionID)", logger: db.logger)
        }
        try await AuditLog.append(SubmissionEffects.audit(s, venueID: venue.id, violations: Set(effects.cases.map(\.code)).count,
                                                          positionFlagged: valid.positionFlagged, actor: actor, inspectionID: inspectionID),
                                  on: conn, logger: db.logger)
        return result
    }

    /// One violation of a finding with the legal basis recorded for it.
    func insertViolation(_ code: String, basis: ChosenBasis, findingID: Int64, on conn: PostgresConnection) async throws -> Int64 {
        let basis = String(decoding: try WireCoding.encoder().encode(basis), as: UTF8.self)
        var id: Int64 = 0
        for try await fv in try await conn.query("""
            INSERT INTO finding_violation (finding_id, violation_code, legal_basis) VALUES (\(findingID), \(code), \(basis)::jsonb) RETURNING id
            """, logger: db.logger).decode(Int64.self) { id = fv }
        return id
    }

    /// One finding with its evidence links; every evidence hash must have been uploaded.
    func insertFinding(_ f: FindingInput, revision: Int, evidencePath: String, inspectionID: Int64, now: Date,
                       on conn: PostgresConnection) async throws -> Int64 {
        let measures = String(decoding: try WireCoding.encoder().encode(f.measures), as: UTF8.self)
        var findingID: Int64 = 0
        for try await id in try await conn.query("""
            INSERT INTO finding (inspection_id, department_code, revision, facts, measures, recorded_at)
            VALUES (\(inspectionID), \(f.department.rawValue), \(revision), \(f.facts), \(measures)::jsonb, \(now)) RETURNING id
            """, logger: db.logger).decode(Int64.self) { findingID = id }
        for (k, hex) in f.evidence.enumerated() {
            let digest = ByteBuffer(bytes: SubmissionHex.bytes(hex))
            var known = false
            for try await _ in try await conn.query("SELECT 1 FROM evidence WHERE sha256 = \(digest)", logger: db.logger) { known = true }
            if !known { throw SweepError.invalid(field: "\(evidencePath)[\(k)]", reason: "no evidence with this SHA-256 was uploaded; POST it to /v1/evidence first") }
            try await conn.query("INSERT INTO finding_evidence (finding_id, sha256) VALUES (\(findingID), \(digest)) ON CONFLICT DO NOTHING", logger: db.logger)
        }
        return findingID
    }

    /// Stores a submission, and when a concurrent retry of the same id won the race, answers with its result.
    public func submitIdempotently(_ submission: Submission, body: Data, actor: String, now: Date = Date()) async throws -> SubmissionResult {
        do {
            return try await submit(submission, body: body, actor: actor, now: now)
        } catch is RetryAfterConflict {
            let hash = Self.requestHash(body)
            if let replay = try await replayed(submission.submissionId, hash: hash) { return replay }
            throw SweepError.conflict("submission \(submission.submissionId) is being stored by another request; retry")
        }
    }

    struct RetryAfterConflict: Error {}

    /// SHA-256 of the body with keys sorted, so that the same submission sent alone or in a batch,
    /// with keys in any order, is recognised as the same.
    static func requestHash(_ body: Data) -> ByteBuffer {
        requestHash(try? JSONValue.parse(body), body: body)
    }

    static func requestHash(_ parsed: JSONValue?, body: Data) -> ByteBuffer {
        ByteBuffer(bytes: Array(SHA256.hash(data: parsed?.canonicalData() ?? body)))
    }

    /// The stored answer for a submission id, nil when the id is new; a different body under a used
    /// id is a conflict (the client reused an id by mistake).
    func replayed(_ id: UUID, hash: ByteBuffer) async throws -> SubmissionResult? {
        for try await (inspectionID, stored, flagged, distance, answer) in try await db.query("""
            SELECT id, request_hash, position_flagged, distance_m, response::text FROM inspection WHERE submission_id = \(id)
            """).decode((Int64, ByteBuffer?, Bool, Double?, String?).self) {
            return try Self.replay(id, stored: StoredSubmission(inspectionId: inspectionID, hash: stored, positionFlagged: flagged,
                                                                distanceMetres: distance, answer: answer), hash: hash)
        }
        return nil
    }

    /// A stored submission as a retry finds it: the inspection row's own columns, and the part of
    /// the first answer they do not hold.
    struct StoredSubmission: Sendable {
        var inspectionId: Int64
        var hash: ByteBuffer?
        var positionFlagged: Bool
        var distanceMetres: Double?
        /// `inspection.response`: a `StoredAnswer`, NULL when the answer had neither findings nor
        /// re-inspections. Rows stored before sql/0022 hold the whole answer, which reads the same.
        var answer: String?
    }

    /// What is stored of an answer besides the inspection row: the findings with the cases they
    /// opened, and the re-inspections, each left out when empty. The rest of the answer (inspection
    /// and submission ids, the position flag and distance) is the row itself.
    struct StoredAnswer: Codable, Sendable {
        var findings: [FindingResult]?
        var reinspections: [ReinspectionResult]?
    }

    /// The stored part of `result` as JSON, nil (a NULL column) when there is nothing to store.
    /// `InsertVisit` builds the same JSON in SQL for the one-statement path.
    static func storedAnswer(_ result: SubmissionResult) throws -> String? {
        guard !result.findings.isEmpty || !result.reinspections.isEmpty else { return nil }
        let stored = StoredAnswer(findings: result.findings.isEmpty ? nil : result.findings,
                                  reinspections: result.reinspections.isEmpty ? nil : result.reinspections)
        return String(decoding: try WireCoding.encoder().encode(stored), as: UTF8.self)
    }

    /// The earlier answer for a retry, rebuilt from the stored row, or a conflict when the same id
    /// came with another body; nil when the stored part cannot be read.
    static func replay(_ id: UUID, stored: StoredSubmission, hash: ByteBuffer) throws -> SubmissionResult? {
        guard stored.hash == hash else {
            throw SweepError.conflict("submission_id \(id) was already used for a different submission; generate a new id for a new visit")
        }
        var result = SubmissionResult(inspectionId: stored.inspectionId, submissionId: id, replayed: true, positionFlagged: stored.positionFlagged,
                                      distanceMetres: stored.distanceMetres, findings: [], reinspections: [])
        if let answer = stored.answer {
            guard let part = try? WireCoding.decoder().decode(StoredAnswer.self, from: Data(answer.utf8)) else { return nil }
            result.findings = part.findings ?? []
            result.reinspections = part.reinspections ?? []
        }
        return result
    }

    struct VenueFacts: Sendable {
        var id: Int64; var location: GeoPoint?; var operatorKey: String?; var openingHours: String?; var jurisdictionCode: String
        /// Local time of the venue's jurisdiction (minutes ahead of UTC; China Standard Time is 480).
        var utcOffsetMinutes = 480
        /// A case at the venue awaits its re-inspection: this visit will record it.
        var pendingReinspection = false
        /// The venue's district (`venue.jurisdiction_id`), written with its cases and outbox events.
        var jurisdictionId: Int64 = 0
    }

    /// The venue, and what is stored under the submission id if this is a retry.
    func resolveVenue(_ s: Submission) async throws -> (VenueFacts, StoredSubmission?) {
        guard s.venueId != nil || s.venueCode != nil else {
            throw SweepError.invalid(field: "venue_id", reason: "give venue_id or venue_code (an unregistered black café: register it first with POST /v1/tips or `sweep import venues`)")
        }
        let lookup = ResolveVenue(submissionId: s.submissionId, venueId: s.venueId, venueCode: s.venueCode)
        let found = try await db.scoped(.everything) { conn -> (VenueFacts, StoredSubmission?)? in
            for try await row in try await conn.execute(lookup, logger: db.logger) { return row }
            return nil
        }
        guard let found else {
            throw SweepError.invalid(field: s.venueId != nil ? "venue_id" : "venue_code", reason: "no such venue")
        }
        return found
    }

    func catalogueByCode() async throws -> [String: ViolationTypeInfo] {
        let db = self.db
        return try await ReferenceDataCache.shared.value("catalogue:\(db.target.configuration.database ?? "")") {
            Dictionary(try await RegistryStore(db: db).violationTypes().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }
}





/// The venue lookup and the retry check in one round trip (`SubmissionStore.resolveVenue`), a named
/// prepared statement planned once per connection: the venue by id, or by code when no id is given.
struct ResolveVenue: PostgresPreparedStatement {
    typealias Row = (SubmissionStore.VenueFacts, SubmissionStore.StoredSubmission?)

    static let sql = """
        SELECT v.id, ST_X(v.location::geometry), ST_Y(v.location::geometry), v.operator_key, v.opening_hours, j.code,
               EXISTS (SELECT 1 FROM case_file c WHERE c.venue_id = v.id AND c.rectification_due IS NOT NULL AND c.reinspected_at IS NULL
                       AND c.state NOT IN ('closed_rectified', 'closed_escalated')),
               e.request_hash, e.response::text, e.id, j.utc_offset_minutes, v.jurisdiction_id, e.position_flagged, e.distance_m
        FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
        LEFT JOIN inspection e ON e.submission_id = $1::uuid
        WHERE v.id = coalesce($2::bigint, (SELECT x.id FROM venue x WHERE x.code = $3::text))
        """

    var submissionId: UUID
    var venueId: Int64?
    var venueCode: String?

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings(capacity: 3)
        b.append(submissionId); b.append(venueId); b.append(venueCode)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        let r = row.makeRandomAccess()
        let lon = try r.at(1, Double?.self), lat = try r.at(2, Double?.self)
        var venue = SubmissionStore.VenueFacts(id: try r.at(0, Int64.self), location: lon.flatMap { lon in lat.map { GeoPoint(longitude: lon, latitude: $0) } },
                                               operatorKey: try r.at(3, String?.self), openingHours: try r.at(4, String?.self),
                                               jurisdictionCode: try r.at(5, String.self))
        venue.pendingReinspection = try r.at(6, Bool.self)
        venue.utcOffsetMinutes = try r.at(10, Int.self)
        venue.jurisdictionId = try r.at(11, Int64.self)
        var earlier: SubmissionStore.StoredSubmission?
        if let inspectionID = try r.at(9, Int64?.self) {
            earlier = SubmissionStore.StoredSubmission(inspectionId: inspectionID, hash: try r.at(7, ByteBuffer?.self),
                                                       positionFlagged: try r.at(12, Bool.self), distanceMetres: try r.at(13, Double?.self),
                                                       answer: try r.at(8, String?.self))
        }
        return (venue, earlier)
    }
}
