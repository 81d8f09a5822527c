import Foundation

/// A plan's state: draft → approved → dispatched (sweep by sweep) → done; a draft or an approved
/// plan can be discarded. Stored as its raw value in `plan.status`.
public enum PlanStatus: String, Codable, CaseIterable, Sendable {
    case draft, approved, dispatched, done, discarded
}

/// A sweep's state within a plan: planned until dispatched to its team, then done.
public enum SweepStatus: String, Codable, CaseIterable, Sendable {
    case planned, dispatched, done

    /// Statuses whose targets the team, leadership and calendars may see.
    public static let published: Set<SweepStatus> = [.dispatched, .done]
}

/// What a coordinator does to a plan.
public enum PlanEvent: String, Sendable, CaseIterable {
    case approve, dispatch, complete, discard, repair
}

/// The plan lifecycle, decided here and applied by the store (as `CaseMachine` is for cases).
public enum PlanMachine {
    /// The status after `event`, or a conflict that says what the plan is and what would help.
    /// `complete` needs `openSweepsAfter` (sweeps still planned or dispatched once the selection is done).
    public static func next(_ event: PlanEvent, from status: PlanStatus, planID: Int64, openSweepsAfter: Int = 0) throws -> PlanStatus {
        switch (event, status) {
        case (.approve, .draft): return .approved
        case (.approve, _): throw SweepError.conflict("plan \(planID) is \(status.rawValue); only a draft can be approved")
        case (.dispatch, .approved), (.dispatch, .dispatched): return .dispatched
        case (.dispatch, _): throw SweepError.conflict("plan \(planID) is \(status.rawValue); approve it first (`sweep plan approve \(planID)`)")
        case (.complete, .dispatched): return openSweepsAfter == 0 ? .done : .dispatched
        case (.complete, _): throw SweepError.conflict("plan \(planID) is \(status.rawValue); only dispatched sweeps can be done")
        case (.discard, .draft), (.discard, .approved): return .discarded
        case (.discard, _):
            throw SweepError.conflict("plan \(planID) is \(status.rawValue); dispatched plans are kept as the record of what was done")
        case (.repair, .draft), (.repair, .approved), (.repair, .dispatched): return status
        case (.repair, _): throw SweepError.conflict("plan \(planID) is \(status.rawValue); only draft, approved or dispatched plans can be repaired")
        }
    }

    /// The events a plan in `status` accepts.
    public static func allowed(from status: PlanStatus) -> [PlanEvent] {
        PlanEvent.allCases.filter { (try? next($0, from: status, planID: 0)) != nil }
    }

    /// A plan is sealed while any of its targets is not yet dispatched: who sees it then is recorded.
    public static func isSealed(_ status: PlanStatus, anySweepPlanned: Bool) -> Bool {
        status == .draft || status == .approved || anySweepPlanned
    }
}
