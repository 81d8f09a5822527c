import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Bulk-loads past inspections with their findings, violations and cases (demo history, and later
/// migrations of another system's records). Live submissions take a different, row-by-row path.
struct HistoryWriter {
    let connection: PostgresConnection
    let logger: Logger

    /// Counts of what was written.
    struct Written: Sendable {
        var inspections = 0, findings = 0, violations = 0, cases = 0
    }

    func insert(_ history: [HistoricInspection], venueIDs: [String: Int64]) async throws -> Written {
        guard !history.isEmpty else { return Written() }
        var written = Written()
        var inspections: [(Int64, Int64, HistoricInspection)] = []
        var findings: [(Int64, Int64, DepartmentCode, Date)] = []
        var violations: [(Int64, Int64, String)] = []
        var cases: [(Int64, Int64, Int64, HistoricViolation, Date)] = []
        inspections.reserveCapacity(history.count)

        var nextInspection = try await CopyText.reserveIDs("inspection", count: history.count, on: connection, logger: logger)
        var nextFinding = try await CopyText.reserveIDs("finding", count: 0, on: connection, logger: logger)
        var nextViolation = try await CopyText.reserveIDs("finding_violation", count: 0, on: connection, logger: logger)
        var nextCase = try await CopyText.reserveIDs("case_file", count: 0, on: connection, logger: logger)

        for item in history {
            guard let venueID = venueIDs[item.venueCode] else {
                throw SweepError.invalid(field: "history.venue", reason: "unknown venue \(item.venueCode)")
            }
            let inspectionId = nextInspection; nextInspection += 1
            inspections.append((inspectionId, venueID, item))
            var findingByDepartment: [DepartmentCode: Int64] = [:]
            for department in item.departments {
                let findingID = nextFinding; nextFinding += 1
                findingByDepartment[department] = findingID
                findings.append((findingID, inspectionId, department, item.departedAt))
            }
            for violation in item.violations {
                let findingID: Int64
                if let id = findingByDepartment[violation.department] {
                    findingID = id
                } else {
                    findingID = nextFinding; nextFinding += 1
                    findingByDepartment[violation.department] = findingID
                    findings.append((findingID, inspectionId, violation.department, item.departedAt))
                }
                let violationID = nextViolation; nextViolation += 1
                violations.append((violationID, findingID, violation.code))
                cases.append((nextCase, violationID, venueID, violation, item.departedAt))
                nextCase += 1
            }
        }

        try await CopyText.copy(inspections, into: "inspection",
                                columns: ["id", "venue_id", "origin", "outcome", "arrived_at", "departed_at", "minors_count", "recorded_at"],
                                on: connection, logger: logger) { (id, venueID, i) in
            [String(id), String(venueID), i.origin.rawValue, i.outcome.rawValue, CopyValue.timestamp(i.arrivedAt),
             CopyValue.timestamp(i.departedAt), String(i.minorsCount), CopyValue.timestamp(i.departedAt)]
        }
        try await CopyText.copy(findings, into: "finding", columns: ["id", "inspection_id", "department_code", "recorded_at"],
                                on: connection, logger: logger) { (id, inspectionId, department, at) in
            [String(id), String(inspectionId), department.rawValue, CopyValue.timestamp(at)]
        }
        try await CopyText.copy(violations, into: "finding_violation", columns: ["id", "finding_id", "violation_code"],
                                on: connection, logger: logger) { (id, findingID, code) in
            [String(id), String(findingID), code]
        }
        try await CopyText.copy(cases, into: "case_file",
                                columns: ["id", "finding_violation_id", "venue_id", "violation_code", "department_code", "state",
                                          "opened_at", "fine_yuan", "closed_at", "next_due_at", "decided_at", "delivered_at", "referred_from",
                                          "referral_deadline", "accepted_at", "rectification_due", "reinspected_at", "reinspection_passed"],
                                on: connection, logger: logger) { (id, violationID, venueID, v, at) in
            let closed = v.caseState.isClosed
            let t = v.timeline ?? HistoricCaseTimeline()
            let closedAt = closed ? (t.closedAt ?? at.addingTimeInterval(30 * 86_400)) : nil
            let nextDue = closed ? nil : CaseTimers.nextDue(CaseSnapshot.history(state: v.caseState, departmentCode: v.department, openedAt: at,
                                                                                  decidedAt: t.decidedAt, rectificationDue: t.rectificationDue))
            return [String(id), String(violationID), String(venueID), v.code, v.department.rawValue, v.caseState.rawValue,
                    CopyValue.timestamp(at), v.fineYuan.map(String.init), closedAt.map(CopyValue.timestamp), nextDue.map(CopyValue.timestamp),
                    t.decidedAt.map(CopyValue.timestamp), t.decidedAt.map(CopyValue.timestamp), t.referredFrom?.rawValue,
                    t.referralDeadline.map(CopyValue.timestamp), t.acceptedAt.map(CopyValue.timestamp), t.rectificationDue,
                    t.reinspectedAt.map(CopyValue.timestamp), t.reinspectionPassed.map(CopyValue.bool)]
        }
        for table in ["inspection", "finding", "finding_violation", "case_file"] {
            try await CopyText.syncIdentity(table, on: connection, logger: logger)
        }
        written.inspections = inspections.count
        written.findings = findings.count
        written.violations = violations.count
        written.cases = cases.count
        return written
    }
}
