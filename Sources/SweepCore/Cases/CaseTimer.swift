import Foundation

/// One legal or agreed time limit on a case, evaluated at a given instant.
public struct CaseTimer: Sendable, Hashable, Codable {
    /// Stable identifier: `decision`, `delivery`, `criminal_referral_decision`, `criminal_handover`,
    /// `referral_acceptance`, `rectification`.
    public var name: String
    /// The rule behind the limit, for people.
    public var basis: String
    public var due: Date
    /// The step the limit asks for has been recorded.
    public var done: Bool
    /// Not done and `now` is past `due`.
    public var overdue: Bool

    public init(name: String, basis: String, due: Date, done: Bool, overdue: Bool) {
        self.name = name
        self.basis = basis
        self.due = due
        self.done = done
        self.overdue = overdue
    }
}
