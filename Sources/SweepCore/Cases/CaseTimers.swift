import Foundation

/// The time limits running on a case (enforcement.md: the case chain and its timers).
///
/// Timers are derived from the snapshot on every read rather than stored, so a corrected timestamp
/// or a new action never leaves a stale due date behind.
public enum CaseTimers {
    /// 行政处罚法 60: decision within 90 days of filing.
    public static let decisionPeriod: TimeInterval = 90 * 86_400
    /// 行政处罚法 61: delivery within 7 days of the decision.
    public static let deliveryPeriod: TimeInterval = 7 * 86_400
    /// The head decides on a criminal referral within 3 days of the suspicion being reported.
    public static let criminalDecisionPeriod: TimeInterval = 3 * 86_400
    /// Hand-over to the police within 24 hours of the decision to refer.
    public static let criminalHandoverPeriod: TimeInterval = 24 * 3600

    /// Every timer that applies to the case, soonest due first. Done timers stay in the list.
    public static func timers(for s: CaseSnapshot, now: Date) -> [CaseTimer] {
        var timers: [CaseTimer] = []
        func add(_ name: String, _ basis: String, due: Date, done: Bool) {
            timers.append(CaseTimer(name: name, basis: basis, due: due, done: done, overdue: !done && now > due))
        }

        add("decision", "行政处罚法 60: decision within 90 days of filing",
            due: s.openedAt.addingTimeInterval(decisionPeriod), done: s.decidedAt != nil)
        if let decided = s.decidedAt {
            add("delivery", "行政处罚法 61: delivery to the party within 7 days of the decision",
                due: decided.addingTimeInterval(deliveryPeriod), done: s.deliveredAt != nil)
        }
        if s.criminalReferral, let due = s.criminalDecisionDue {
            add("criminal_referral_decision", "suspected crime: the head decides within 3 days whether to refer the case to the police",
                due: due, done: s.decidedAt != nil)
        }
        if s.decidedCriminalReferral, let decided = s.decidedAt {
            add("criminal_handover", "suspected crime: hand the case to the police (PSB) within 24 hours of the decision to refer",
                due: decided.addingTimeInterval(criminalHandoverPeriod), done: s.isWithPolice)
        }
        if let to = s.referredTo, let deadline = s.referralDeadline {
            add("referral_acceptance", "referral to \(to.rawValue): the receiving department accepts by the deadline set when referring",
                due: deadline, done: !s.referralAwaitingAcceptance)
        }
        if let day = s.rectificationDue, let end = CaseCalendar.endOfDay(day) {
            add("rectification", "order to correct by the end of \(day) (UTC+8); then a re-inspection (回头看) decides whether the party "
                + "refused to correct (未成年人保护法 123)", due: end, done: s.reinspectedAt != nil)
        }
        return timers.sorted { ($0.due, $0.name) < ($1.due, $1.name) }
    }

    /// The soonest due time among the timers not yet done, nil when nothing is running. Stored with
    /// the case (`case_file.next_due_at`) so that overdue and due-soon lists are an index range scan:
    /// the case is overdue exactly when this instant has passed.
    public static func nextDue(_ s: CaseSnapshot) -> Date? {
        timers(for: s, now: .distantPast).filter { !$0.done }.map(\.due).min()
    }

    /// The timers that are past due and not done.
    public static func overdue(_ s: CaseSnapshot, now: Date) -> [CaseTimer] {
        timers(for: s, now: now).filter(\.overdue)
    }

    /// The rectification deadline has passed (its day has ended in China Standard Time) and no
    /// re-inspection is recorded yet: someone must go back and look.
    public static func reinspectionDue(_ s: CaseSnapshot, now: Date) -> Bool {
        guard s.state == .rectificationOrdered, s.reinspectedAt == nil,
              let day = s.rectificationDue, let end = CaseCalendar.endOfDay(day) else { return false }
        return now > end
    }
}
