import Foundation
import SweepCore

/// A case as a handler sees it: the machine state, timers, history, the suggested sanction and the
/// repeat-offence counts behind it.
public struct CaseDetail: Sendable, Hashable, Codable {
    public var caseId: Int64
    public var venueId: Int64
    public var venueCode: String
    public var venueName: String
    public var violationCode: String
    public var department: DepartmentCode
    public var snapshot: CaseSnapshot
    public var allowedActions: [String]
    public var timers: [CaseTimer]
    public var overdue: Bool
    public var reinspectionDue: Bool
    public var suggestion: SanctionSuggestion?
    public var repeatCounts: RepeatCounts?
    public var events: [CaseEventRecord]
    /// The text each penalty instrument is applied under for this act, and why (从旧兼从轻).
    public var applicableLaw: [AppliedLegalText] = []
    /// A campaign-policy rule (not law) the visit reached, e.g. minors admitted at once.
    public var policyRule: PolicyRuleMatch?

    public init(caseId: Int64, venueId: Int64, venueCode: String, venueName: String, violationCode: String, department: DepartmentCode, snapshot: CaseSnapshot, allowedActions: [String], timers: [CaseTimer], overdue: Bool, reinspectionDue: Bool, suggestion: SanctionSuggestion? = nil, repeatCounts: RepeatCounts? = nil, events: [CaseEventRecord]) {
        self.caseId = caseId
        self.venueId = venueId
        self.venueCode = venueCode
        self.venueName = venueName
        self.violationCode = violationCode
        self.department = department
        self.snapshot = snapshot
        self.allowedActions = allowedActions
        self.timers = timers
        self.overdue = overdue
        self.reinspectionDue = reinspectionDue
        self.suggestion = suggestion
        self.repeatCounts = repeatCounts
        self.events = events
    }
}

public struct CaseEventRecord: Sendable, Hashable, Codable {
    public var fromState: String?
    public var toState: String
    public var occurredAt: Date
    public var actor: String?
    public var note: String?

    public init(fromState: String? = nil, toState: String, occurredAt: Date, actor: String? = nil, note: String? = nil) {
        self.fromState = fromState
        self.toState = toState
        self.occurredAt = occurredAt
        self.actor = actor
        self.note = note
    }
}

/// One line of a case list.
public struct CaseSummary: Sendable, Hashable, Codable {
    public var caseId: Int64
    public var venueCode: String
    public var venueName: String
    public var violationCode: String
    public var department: DepartmentCode
    public var state: CaseState
    public var openedAt: Date
    public var nextDue: CaseTimer?
    public var overdue: [String]
    public var reinspectionDue: Bool

    public init(caseId: Int64, venueCode: String, venueName: String, violationCode: String, department: DepartmentCode, state: CaseState, openedAt: Date, nextDue: CaseTimer? = nil, overdue: [String], reinspectionDue: Bool) {
        self.caseId = caseId
        self.venueCode = venueCode
        self.venueName = venueName
        self.violationCode = violationCode
        self.department = department
        self.state = state
        self.openedAt = openedAt
        self.nextDue = nextDue
        self.overdue = overdue
        self.reinspectionDue = reinspectionDue
    }
}

/// `POST /v1/cases/{id}/actions`: the action (its fields at the top level, as `CaseAction` spells
/// them) and why it is taken, stored with the case event and in the audit log.
public struct CaseActionRequest: Codable, Sendable {
    public var action: CaseAction
    public var reason: String

    public init(action: CaseAction, reason: String) {
        self.action = action
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case reason }

    public init(from decoder: any Decoder) throws {
        action = try CaseAction(from: decoder)
        reason = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .reason)
    }

    public func encode(to encoder: any Encoder) throws {
        try action.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(reason, forKey: .reason)
    }

    /// The reason, trimmed; refused when empty.
    public func validatedReason() throws -> String {
        try Reason.required(reason, field: "reason")
    }
}
