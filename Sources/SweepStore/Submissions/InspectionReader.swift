import Foundation
import Logging
import PostgresNIO
import SweepCore

/// One inspection as stored: the visit, every revision of every department's finding, the cases.
public struct InspectionReader: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    /// One inspection as a caller within `scope` may see it (row-level security narrows the reads).
    public func detail(_ id: Int64, scope: ListScope = .everything) async throws -> InspectionDetail {
        try await db.scoped(scope) { conn in try await detail(id, on: conn) }
    }

    func detail(_ id: Int64, on conn: PostgresConnection) async throws -> InspectionDetail {
        var detail: InspectionDetail?
        for try await row in try await conn.query("""
            SELECT i.id, i.submission_id, i.venue_id, v.code, v.name, i.sweep_stop_id, i.origin, i.unplanned_reason, i.outcome,
                   i.arrived_at, i.departed_at, i.position_flagged, i.distance_m, i.minors_count, i.minors_under_14, i.minors_14_15,
                   i.minors_16_17, i.guardians_called, i.police_called, i.mandatory_report_filed, i.recorded_at
            FROM inspection i JOIN venue v ON v.id = i.venue_id WHERE i.id = \(id)
            """, logger: db.logger) {
            let r = row.makeRandomAccess()
            detail = InspectionDetail(
                inspectionId: try r.at(0, Int64.self), submissionId: try r.at(1, UUID.self), venueId: try r.at(2, Int64.self),
                venueCode: try r.at(3, String.self), venueName: try r.at(4, String.self), sweepStopId: try r.at(5, Int64?.self),
                origin: try r.at(6, String.self), unplannedReason: try r.at(7, String?.self), outcome: try r.at(8, String.self),
                arrivedAt: try r.at(9, Date.self), departedAt: try r.at(10, Date.self), positionFlagged: try r.at(11, Bool.self),
                distanceMetres: try r.at(12, Double?.self),
                minors: MinorsRecord(count: try r.at(13, Int.self), under14: try r.at(14, Int.self), from14to15: try r.at(15, Int.self),
                                     from16to17: try r.at(16, Int.self), guardiansCalled: try r.at(17, Bool.self), policeCalled: try r.at(18, Bool.self),
                                     mandatoryReportFiled: try r.at(19, Bool.self)),
                recordedAt: try r.at(20, Date.self), findings: [], cases: [])
        }
        guard var detail else { throw SweepError.notFound("inspection \(id)") }
        for try await row in try await conn.query("""
            SELECT f.id, f.department_code, f.revision, f.facts, f.measures::text, f.recorded_at,
                   coalesce((SELECT array_agg(fv.violation_code ORDER BY fv.id) FROM finding_violation fv WHERE fv.finding_id = f.id), '{}'),
                   coalesce((SELECT array_agg(encode(fe.sha256, 'hex')) FROM finding_evidence fe WHERE fe.finding_id = f.id), '{}')
            FROM finding f WHERE f.inspection_id = \(id) ORDER BY f.department_code, f.revision
            """, logger: db.logger) {
            let r = row.makeRandomAccess()
            let measures = (try? WireCoding.decoder().decode([MeasureInput].self, from: Data(try r.at(4, String.self).utf8))) ?? []
            detail.findings.append(FindingRevision(findingId: try r.at(0, Int64.self), department: DepartmentCode(rawValue: try r.at(1, String.self)),
                                                   revision: try r.at(2, Int.self), facts: try r.at(3, String.self), measures: measures,
                                                   recordedAt: try r.at(5, Date.self), violations: try r.at(6, [String].self),
                                                   evidence: try r.at(7, [String].self)))
        }
        for try await (cid, code, dept, state) in try await conn.query("""
            SELECT id, violation_code, department_code, state FROM case_file WHERE inspection_id = \(id) ORDER BY id
            """, logger: db.logger).decode((Int64, String, String, String).self) {
            detail.cases.append(InspectionCase(caseId: cid, code: code, department: DepartmentCode(rawValue: dept), state: state))
        }
        return detail
    }
}
