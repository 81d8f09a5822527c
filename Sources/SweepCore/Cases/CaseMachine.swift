import Foundation

/// The case chain as a pure state machine: a snapshot and an action in, the next snapshot out.
///
/// Transitions (action → next state):
///
/// | From | Action | To | Also requires |
/// |---|---|---|---|
/// | open | refer | referred | `to` another department, `deadline` after now |
/// | open, accepted | flag_criminal | (same) | not flagged already; starts the 3-day decision timer |
/// | referred | accept | accepted | |
/// | open, accepted | decide | decided | a valid decision |
/// | decided | refer | decided | the decision is a criminal referral; `to` is PSB (the 24-hour hand-over) |
/// | decided | accept | decided | the police have not yet accepted that hand-over |
/// | decided, rectification_ordered | deliver | (same) | not delivered yet |
/// | decided | order_rectification | rectification_ordered | `due` not before the decision day (UTC+8) |
/// | decided | close(rectified: true) | closed_rectified | nothing to correct (revocation, closure_unlicensed, criminal_referral, or 首违不罚 alone); delivered; a criminal referral handed over |
/// | rectification_ordered | record_reinspection | reinspection | delivered; a failed result only after the deadline |
/// | reinspection | close(rectified: true) | closed_rectified | the re-inspection passed |
/// | reinspection | close(rectified: false) | closed_escalated | the re-inspection failed ("refused to correct", minors law 123 tier two) |
///
/// A step in a state that never allows it throws `SweepError.conflict` naming the state, the action
/// and what is allowed; a step whose payload is wrong throws `SweepError.invalid` with the field path.
public enum CaseMachine {
    /// The actions a state ordinarily allows. Two more are possible in `decided` when the decision is a
    /// criminal referral (`refer` to hand it to the police, then `accept`); ``allowedActions(for:)``
    /// says what one case allows now.
    public static func allowedActions(from state: CaseState) -> [String] {
        switch state {
        case .open: return ["refer", "flag_criminal", "decide"]
        case .referred: return ["accept"]
        case .accepted: return ["flag_criminal", "decide"]
        case .decided: return ["order_rectification", "deliver", "close"]
        case .rectificationOrdered: return ["deliver", "record_reinspection"]
        case .reinspection: return ["close"]
        case .closedRectified, .closedEscalated: return []
        }
    }

    /// The actions this case allows now, payload aside.
    public static func allowedActions(for s: CaseSnapshot) -> [String] {
        // The state's usual order, then the criminal hand-over steps when they apply.
        let candidates = allowedActions(from: s.state) + ["refer", "accept"].filter { !allowedActions(from: s.state).contains($0) }
        return candidates.filter { availability(of: $0, in: s) == .allowed }
    }

    /// The snapshot after `action`, taken at `now`.
    public static func apply(_ action: CaseAction, to s: CaseSnapshot, at now: Date) throws -> CaseSnapshot {
        switch availability(of: action.name, in: s) {
        case .allowed: break
        case .notInState:
            let listed = allowedActions(from: s.state) + allowedActions(for: s).filter { !allowedActions(from: s.state).contains($0) }
            let allowed = listed.isEmpty ? "none (the case is closed)" : listed.joined(separator: ", ")
            throw SweepError.conflict("case is \(s.state.rawValue); \(action.name) is not allowed; allowed: \(allowed)")
        case .blocked(let why):
            let now = allowedActions(for: s)
            throw SweepError.conflict(
                "case is \(s.state.rawValue); \(action.name) is not allowed yet: \(why); allowed now: \(now.isEmpty ? "none" : now.joined(separator: ", "))")
        }
        if now < s.lastRecordedStep {
            throw SweepError.invalid(field: "occurred_at", reason: "is before the case's last recorded step: steps are recorded in the order they happen")
        }
        var next = s
        switch action {
        case .refer(let to, let deadline):
            try validateReferral(to: to, deadline: deadline, in: s, now: now)
            next.referredTo = to
            next.referralDeadline = deadline
            next.referredAt = now
            // A criminal hand-over leaves the decided case where it is: the decision to refer is taken.
            if s.state != .decided { next.state = .referred }
        case .accept:
            next.acceptedAt = now
            if s.state == .referred { next.state = .accepted }
        case .flagCriminal:
            next.criminalReferral = true
            next.criminalDecisionDue = now.addingTimeInterval(CaseTimers.criminalDecisionPeriod)
        case .decide(let decision):
            let issues = decision.issues()
            if !issues.isEmpty { throw SweepError.invalid(issues) }
            next.decision = decision
            next.decidedAt = now
            next.state = .decided
        case .deliver:
            next.deliveredAt = now
        case .orderRectification(let due):
            try validateRectificationDue(due, in: s)
            next.rectificationDue = due
            next.state = .rectificationOrdered
        case .recordReinspection(let passed):
            if !passed, let due = s.rectificationDue, let end = CaseCalendar.endOfDay(due), now <= end {
                throw SweepError.conflict(
                    "case is rectification_ordered; record_reinspection(passed: false) is not allowed before the deadline has passed "
                        + "(end of \(due), UTC+8): until then the party has not refused to correct")
            }
            next.reinspectedAt = now
            next.reinspectionPassed = passed
            next.state = .reinspection
        case .close(let rectified):
            try validateClosure(rectified: rectified, in: s)
            next.closedAt = now
            next.state = rectified ? .closedRectified : .closedEscalated
        }
        return next
    }

    // MARK: - Availability

    enum Availability: Equatable {
        case allowed
        /// The state never allows the action (for this case).
        case notInState
        /// The state allows it, but not yet or not any more.
        case blocked(String)
    }

    static func availability(of action: String, in s: CaseSnapshot) -> Availability {
        switch (s.state, action) {
        case (.open, "refer"), (.referred, "accept"), (.open, "decide"), (.accepted, "decide"),
             (.decided, "order_rectification"), (.reinspection, "close"):
            return .allowed
        case (.open, "flag_criminal"), (.accepted, "flag_criminal"):
            return s.criminalReferral ? .blocked("criminal suspicion is already flagged") : .allowed
        case (.decided, "deliver"), (.rectificationOrdered, "deliver"):
            return s.deliveredAt == nil ? .allowed : .blocked("the decision was already delivered")
        case (.decided, "close"):
            if let decision = s.decision, decision.needsRectification {
                let kinds = decision.kinds.map(\.rawValue).joined(separator: ", ")
                return .blocked("the decision (\(kinds)) needs a rectification order and a re-inspection first")
            }
            if s.deliveredAt == nil { return .blocked("the decision has not been delivered (行政处罚法 61)") }
            if s.decidedCriminalReferral && !s.isWithPolice { return .blocked("the criminal referral has not been handed to the police (PSB)") }
            return .allowed
        case (.decided, "refer"):
            guard s.decidedCriminalReferral else { return .notInState }
            return s.isWithPolice ? .blocked("the case is already with the police (PSB)") : .allowed
        case (.decided, "accept"):
            return s.decidedCriminalReferral && s.referredTo == .police && s.referralAwaitingAcceptance ? .allowed : .notInState
        case (.rectificationOrdered, "record_reinspection"):
            // "Refused to correct" needs an order the party received.
            return s.deliveredAt == nil ? .blocked("the decision and its rectification order have not been delivered") : .allowed
        default:
            return .notInState
        }
    }

    // MARK: - Payload checks

    private static func validateReferral(to: DepartmentCode, deadline: Date, in s: CaseSnapshot, now: Date) throws {
        var issues: [FieldIssue] = []
        if to.rawValue.trimmingCharacters(in: .whitespaces).isEmpty {
            issues.append(FieldIssue(location: "to", reason: "must be a department code such as CUL, SAMR, PSB, TOB"))
        } else if s.state == .decided && to != .police {
            issues.append(FieldIssue(location: "to", reason: "must be PSB: a criminal referral is handed to the police"))
        } else if to == s.departmentCode {
            issues.append(FieldIssue(location: "to", reason: "must be another department: the case is already \(to.rawValue)'s"))
        }
        if deadline <= now {
            issues.append(FieldIssue(location: "deadline", reason: "must be after the time of the referral"))
        }
        if !issues.isEmpty { throw SweepError.invalid(issues) }
    }

    private static func validateRectificationDue(_ due: String, in s: CaseSnapshot) throws {
        guard ISODay.parse(due) != nil else {
            throw SweepError.invalid(field: "due", reason: "must be a day written YYYY-MM-DD")
        }
        if let decided = s.decidedAt, due < CaseCalendar.day(of: decided) {
            throw SweepError.invalid(field: "due", reason: "must not be before the decision day \(CaseCalendar.day(of: decided)) (China Standard Time)")
        }
    }

    private static func validateClosure(rectified: Bool, in s: CaseSnapshot) throws {
        switch s.state {
        case .decided where !rectified:
            throw SweepError.invalid(field: "rectified", reason: "must be true: a case closes as escalated only after a failed re-inspection")
        case .reinspection where rectified != (s.reinspectionPassed ?? false):
            throw SweepError.invalid(
                field: "rectified",
                reason: rectified
                    ? "must be false: the re-inspection failed, so the case closes as escalated (refused to correct)"
                    : "must be true: the re-inspection passed")
        default:
            break
        }
    }
}
