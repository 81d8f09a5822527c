import Foundation

/// The current facts of one case, as the state machine needs them. Timestamps are instants;
/// `rectificationDue` is a China Standard Time day, as the order states it.
public struct CaseSnapshot: Sendable, Hashable, Codable {
    public var state: CaseState
    /// The department that filed the case.
    public var departmentCode: DepartmentCode
    public var openedAt: Date
    /// The department the case was last referred to (by competence, or the police for a suspected crime).
    public var referredTo: DepartmentCode?
    /// When the receiving department must have accepted the last referral.
    public var referralDeadline: Date?
    /// When the last referral was made; an acceptance older than this answers an earlier referral.
    public var referredAt: Date?
    public var acceptedAt: Date?
    /// Criminal suspicion flagged: the head must decide within 3 days whether to refer.
    public var criminalReferral: Bool
    public var criminalDecisionDue: Date?
    public var decidedAt: Date?
    public var decision: CaseDecision?
    /// When the decision was delivered to the party.
    public var deliveredAt: Date?
    /// Last day to correct, `YYYY-MM-DD` (China Standard Time).
    public var rectificationDue: String?
    public var reinspectedAt: Date?
    public var reinspectionPassed: Bool?
    public var closedAt: Date?

    public init(
        state: CaseState = .open, departmentCode: DepartmentCode, openedAt: Date,
        referredTo: DepartmentCode? = nil, referralDeadline: Date? = nil, referredAt: Date? = nil, acceptedAt: Date? = nil,
        criminalReferral: Bool = false, criminalDecisionDue: Date? = nil,
        decidedAt: Date? = nil, decision: CaseDecision? = nil, deliveredAt: Date? = nil,
        rectificationDue: String? = nil, reinspectedAt: Date? = nil, reinspectionPassed: Bool? = nil, closedAt: Date? = nil
    ) {
        self.state = state
        self.departmentCode = departmentCode
        self.openedAt = openedAt
        self.referredTo = referredTo
        self.referralDeadline = referralDeadline
        self.referredAt = referredAt
        self.acceptedAt = acceptedAt
        self.criminalReferral = criminalReferral
        self.criminalDecisionDue = criminalDecisionDue
        self.decidedAt = decidedAt
        self.decision = decision
        self.deliveredAt = deliveredAt
        self.rectificationDue = rectificationDue
        self.reinspectedAt = reinspectedAt
        self.reinspectionPassed = reinspectionPassed
        self.closedAt = closedAt
    }

    /// The decision refers the case to the police as a suspected crime.
    public var decidedCriminalReferral: Bool { decision?.kinds.contains(.criminalReferral) ?? false }

    /// The police have the case: it was referred to them, or it is theirs.
    public var isWithPolice: Bool { referredTo == .police || departmentCode == .police }

    /// The last referral is still waiting for the receiving department to accept it.
    public var referralAwaitingAcceptance: Bool {
        guard referredTo != nil, referralDeadline != nil else { return false }
        guard let accepted = acceptedAt else { return true }
        return referredAt.map { accepted < $0 } ?? false
    }

    /// The latest instant recorded on the case: a new step cannot be dated before it.
    var lastRecordedStep: Date {
        [referredAt, acceptedAt, decidedAt, deliveredAt, reinspectedAt, closedAt].compactMap { $0 }.reduce(openedAt, max)
    }
}

extension CaseSnapshot {
    /// A case loaded as history (no snapshot kept): what its columns hold. A state past the decision
    /// with no decision time counts as decided and delivered at filing, so loaded history raises no
    /// false overdue alarms.
    public static func history(state: CaseState, departmentCode: DepartmentCode, openedAt: Date, decidedAt: Date? = nil,
                               decision: CaseDecision? = nil, rectificationDue: String? = nil, closedAt: Date? = nil) -> CaseSnapshot {
        var s = CaseSnapshot(state: state, departmentCode: departmentCode, openedAt: openedAt, decidedAt: decidedAt, decision: decision,
                             rectificationDue: rectificationDue, closedAt: closedAt)
        if s.decidedAt == nil && s.state.isDecided { s.decidedAt = s.openedAt }
        if s.decidedAt != nil { s.deliveredAt = s.decidedAt }
        return s
    }
}
