import Foundation
import Logging
import NIOCore
import PostgresNIO
import SweepAPI
import SweepCore

extension SubmissionStore {
    /// A correction is a new revision of one department's finding; earlier revisions stay and are
    /// shown. Violations the correction adds open cases; removed ones leave their cases to the
    /// handler (a case is closed by decision, never deleted).
    public func correct(inspectionID: Int64, finding: FindingInput, body: Data, actor: String, now: Date = Date()) async throws -> FindingResult {
        var head: (venue: Int64, arrived: Date, departed: Date, stop: Int64?, origin: String)?
        for try await row in try await db.query("""
            SELECT venue_id, arrived_at, departed_at, sweep_stop_id, origin FROM inspection WHERE id = \(inspectionID)
            """).decode((Int64, Date, Date, Int64?, String).self) { head = (row.0, row.1, row.2, row.3, row.4) }
        guard let head else { throw SweepError.notFound("inspection \(inspectionID)") }
        // Validate as if it were the visit's only finding, so every check (catalogue, bases, minors' data) applies.
        let probe = Submission(submissionId: UUID(), venueId: head.venue, origin: InspectionOrigin(rawValue: head.origin) ?? .campaign,
                               unplannedReason: "correction", arrivedAt: head.arrived, departedAt: head.departed, outcome: .inspected,
                               findings: [finding])
        let context = SubmissionContext(catalogue: try await catalogueByCode(), venueId: head.venue, venueLocation: nil, now: now.addingTimeInterval(0))
        let keys = ((try? JSONValue.parse(body))?.keyPaths() ?? []).map { (path: "findings[0].\($0.path)", key: $0.key) }
        let valid: ValidatedSubmission
        do {
            valid = try SubmissionValidator.validate(probe, keys: keys, context: context)
        } catch SweepError.invalid(let issues) {
            // Report paths relative to the finding the client sent.
            throw SweepError.invalid(issues.map { FieldIssue(location: $0.location.replacingOccurrences(of: "findings[0].", with: ""), reason: $0.reason) })
        }
        let (venue, _) = try await resolveVenue(probe)
        let catalogue = try await catalogueByCode()
        return try await db.transaction { conn in
            var previous: (revision: Int, codes: Set<String>)?
            for try await (rev, codes) in try await conn.query("""
                SELECT f.revision, coalesce((SELECT array_agg(fv.violation_code) FROM finding_violation fv WHERE fv.finding_id = f.id), '{}')
                FROM finding f WHERE f.inspection_id = \(inspectionID) AND f.department_code = \(finding.department.rawValue)
                ORDER BY f.revision DESC LIMIT 1 FOR UPDATE
                """, logger: db.logger).decode((Int, [String]).self) { previous = (rev, Set(codes)) }
            let revision = (previous?.revision ?? 0) + 1
            let findingID = try await insertFinding(finding, revision: revision, evidencePath: "evidence", inspectionID: inspectionID, now: now, on: conn)
            var result = FindingResult(findingId: findingID, department: finding.department, revision: revision, violations: [])
            let effects = SubmissionEffects.decide(valid, catalogue: catalogue, pendingReinspection: false, utcOffsetMinutes: venue.utcOffsetMinutes,
                                                   referralDays: referralDays, now: now)
            for opening in effects.cases {
                let fvID = try await insertViolation(opening.code, basis: valid.bases[0][opening.violationIndex], findingID: findingID, on: conn)
                // A violation the earlier revision already had keeps its case.
                if previous?.codes.contains(opening.code) == true { continue }
                try await HeatRollup.countViolation(venueID: venue.id, at: head.arrived, code: opening.code, department: opening.lead, stopID: head.stop,
                                                    on: conn, logger: db.logger)
                result.violations.append(try await CaseStore(db: db).open(opening, on: conn, findingViolationID: fvID, inspectionID: inspectionID,
                                                                          venue: venue, conditions: []))
            }
            try await AuditLog.append(AuditEntry(actor: actor, action: "finding.correct", objectType: "inspection", objectID: String(inspectionID),
                                                 details: ["department": finding.department.rawValue, "revision": String(revision)]),
                                      on: conn, logger: db.logger)
            return result
        }
    }
}
