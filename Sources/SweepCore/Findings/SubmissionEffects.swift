import Foundation

/// Everything a validated submission changes, decided here and applied by the store in one
/// transaction: the cases to open (one per violation), what happens to the venue's triaged tips,
/// whether pending re-inspections are recorded, the heat-map rollup counts and the audit entry.
public struct SubmissionEffects: Sendable, Hashable {
    /// One case to open: with the lead department when it recorded the finding, otherwise referred to it.
    public struct CaseOpening: Sendable, Hashable {
        public var findingIndex: Int
        public var violationIndex: Int
        public var code: String
        public var lead: DepartmentCode
        public var recordedBy: DepartmentCode
        public var snapshot: CaseSnapshot
        public var referred: Bool { snapshot.referredTo != nil }
    }

    /// What a tip-origin visit does to the venue's triaged tips.
    public enum TipResolution: Sendable, Hashable {
        /// Linked to the first case the visit opened.
        case linkToFirstCase
        /// Nothing was found: closed as unfounded with this feedback.
        case unfounded(feedback: String)
    }

    public var cases: [CaseOpening]
    public var tips: TipResolution?
    /// The visit records the re-inspection of the venue's cases whose rectification deadline passed.
    public var recordsReinspections: Bool
    /// Conditions escalation ladders look at (`outside_hours`).
    public var conditions: Set<String>

    /// The visit found a black café operating: the relocation detector looks at it (a café seen
    /// first by inspectors is "found", like one registered by hand).
    public var findsUnlicensedCafe: Bool { cases.contains { $0.code == "CAFE_UNLICENSED" } }

    /// A department recorded something (facts, measures, evidence), even without a violation:
    /// the findings must be stored, which the one-statement path does not do.
    public var recordsFindings = false

    /// Nothing is recorded, opens or closes: the store keeps such a visit with one statement.
    public var isPlain: Bool { cases.isEmpty && tips == nil && !recordsReinspections && !recordsFindings }

    /// Decides the effects of `valid` at a venue in a jurisdiction whose clocks run `utcOffsetMinutes` ahead of UTC.
    public static func decide(_ valid: ValidatedSubmission, catalogue: [String: ViolationTypeInfo], pendingReinspection: Bool,
                              utcOffsetMinutes: Int, referralDays: Double, now: Date) -> SubmissionEffects {
        let s = valid.submission
        let conditions = visitConditions(s, utcOffsetMinutes: utcOffsetMinutes)
        var cases: [CaseOpening] = []
        for (i, f) in s.findings.enumerated() {
            let deadline = f.measures.first { $0.kind == .orderToCorrect }?.deadline
            for (j, v) in f.violations.enumerated() {
                let lead = catalogue[v.code]?.leadDepartment ?? f.department
                let snapshot = lead != f.department
                    ? CaseSnapshot(state: .referred, departmentCode: f.department, openedAt: s.arrivedAt, referredTo: lead,
                                   referralDeadline: now.addingTimeInterval(referralDays * 86_400), referredAt: s.arrivedAt, rectificationDue: deadline)
                    : CaseSnapshot(state: .open, departmentCode: lead, openedAt: s.arrivedAt, rectificationDue: deadline)
                cases.append(CaseOpening(findingIndex: i, violationIndex: j, code: v.code, lead: lead, recordedBy: f.department, snapshot: snapshot))
            }
        }
        var tips: TipResolution?
        if valid.origin == .tip {
            tips = cases.isEmpty ? .unfounded(feedback: "inspected \(ISODay.format(s.arrivedAt)): no violation found") : .linkToFirstCase
        }
        var effects = SubmissionEffects(cases: cases, tips: tips, recordsReinspections: s.outcome == .inspected && pendingReinspection,
                                        conditions: conditions)
        effects.recordsFindings = !s.findings.isEmpty
        return effects
    }

    /// Café business hours under the café regulation (art. 22): 8:00–24:00 local time.
    public static let businessHoursStartMinute = 8 * 60

    /// `outside_hours` when minors were found before business hours began, local time.
    public static func visitConditions(_ s: Submission, utcOffsetMinutes: Int) -> Set<String> {
        guard (s.minors?.count ?? 0) > 0 else { return [] }
        let seconds = Int(s.arrivedAt.timeIntervalSince1970.rounded(.down)) + utcOffsetMinutes * 60
        let minute = ((seconds % 86_400) + 86_400) % 86_400 / 60
        return minute < businessHoursStartMinute ? ["outside_hours"] : []
    }

    /// The audit entry of the stored visit.
    public static func audit(_ s: Submission, venueID: Int64, violations: Int, positionFlagged: Bool, actor: String,
                             inspectionID: Int64? = nil) -> AuditEntry {
        AuditEntry(actor: actor, action: "inspection.submit", objectType: "inspection", objectID: inspectionID.map(String.init),
                   details: ["submission_id": s.submissionId.uuidString.lowercased(), "venue": String(venueID), "violations": String(violations),
                             "position_flagged": String(positionFlagged)])
    }
}

/// The re-inspection (回头看) a visit records on a case whose rectification deadline has passed.
public enum Reinspection {
    /// The case after a visit at `at` that found `codesFound`, or nil when no re-inspection is due
    /// yet. A case formally in rectification_ordered moves through the case machine; one still
    /// awaiting its decision (an on-the-spot order to correct) records the result and keeps its state.
    public static func record(on snapshot: CaseSnapshot, code: String, codesFound: Set<String>, at: Date) -> CaseSnapshot? {
        let passed = !codesFound.contains(code)
        if snapshot.state == .rectificationOrdered {
            guard CaseTimers.reinspectionDue(snapshot, now: at) else { return nil }
            return try? CaseMachine.apply(.recordReinspection(passed: passed), to: snapshot, at: at)
        }
        guard let end = snapshot.rectificationDue.flatMap(CaseCalendar.endOfDay), end < at else { return nil }
        var next = snapshot
        next.reinspectedAt = at
        next.reinspectionPassed = passed
        return next
    }
}
