import Foundation

/// 考评: how each department handled the cases and tips of a window, as of a moment.
public struct DepartmentEvaluation: Sendable, Hashable, Codable {
    public var department: DepartmentCode
    /// Set on the per-district rows; nil on the department's own row.
    public var district: String?
    public var districtName: String?
    /// Cases opened in the window (recorded by the as-of moment) with this department as lead.
    public var cases: Int
    public var decided: Int
    /// Days from finding to decision over the decided cases; withheld under the suppression threshold.
    public var medianDaysToDecision: Double?
    public var p90DaysToDecision: Double?
    /// Referrals this department received, and how it answered them.
    public var referralsReceived: Int
    public var acceptedInTime: Int
    public var acceptedLate: Int
    public var awaitingAcceptance: Int
    /// Rectification deadlines passed by the as-of day, and how many were checked by re-inspection.
    public var rectificationsDue: Int
    public var rectificationsVerified: Int
    public var rectificationsPassed: Int
    /// Open cases past a statutory or set deadline at the as-of moment.
    public var overdue: Int
    public var tipsRouted: Int
    public var tipsAnsweredWithFeedback: Int
    /// Decided cases were fewer than the threshold: the day figures are withheld.
    public var suppressed: Bool

    public init(department: DepartmentCode, cases: Int = 0, decided: Int = 0, medianDaysToDecision: Double? = nil, p90DaysToDecision: Double? = nil,
                referralsReceived: Int = 0, acceptedInTime: Int = 0, acceptedLate: Int = 0, awaitingAcceptance: Int = 0, rectificationsDue: Int = 0,
                rectificationsVerified: Int = 0, rectificationsPassed: Int = 0, overdue: Int = 0, tipsRouted: Int = 0, tipsAnsweredWithFeedback: Int = 0,
                suppressed: Bool = false) {
        self.department = department
        self.cases = cases
        self.decided = decided
        self.medianDaysToDecision = medianDaysToDecision
        self.p90DaysToDecision = p90DaysToDecision
        self.referralsReceived = referralsReceived
        self.acceptedInTime = acceptedInTime
        self.acceptedLate = acceptedLate
        self.awaitingAcceptance = awaitingAcceptance
        self.rectificationsDue = rectificationsDue
        self.rectificationsVerified = rectificationsVerified
        self.rectificationsPassed = rectificationsPassed
        self.overdue = overdue
        self.tipsRouted = tipsRouted
        self.tipsAnsweredWithFeedback = tipsAnsweredWithFeedback
        self.suppressed = suppressed
    }

    /// What each figure means, printed with every evaluation so nobody reads it differently.
    public static let definitions: [String: String] = [
        "cases": "cases opened in the window (the day of the visit) with the department as lead, recorded by the as-of moment",
        "days_to_decision": "days from the visit that found the violation to the decision, over the cases decided by the as-of moment: median and 90th percentile (nearest rank)",
        "referrals": "cases referred to the department: accepted by the deadline, accepted after it, or not accepted by the as-of moment",
        "rectifications": "rectification deadlines that passed by the as-of day; verified = a re-inspection recorded by then; passed = the violation was not found again",
        "overdue": "cases open at the as-of moment with a deadline passed: decision (90 days), acceptance of a referral, or the re-inspection after a rectification deadline",
        "tips": "tips received in the window and routed to the department; answered = closed or found unfounded with feedback by the as-of moment",
    ]
}
