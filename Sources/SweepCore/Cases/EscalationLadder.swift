import Foundation

/// How offences are counted for a ladder: per venue, or per operator (legal representative / principal).
public enum EscalationCountScope: String, Codable, Sendable, CaseIterable {
    case venue
    case `operator`
}

/// One rung of a ladder (table `escalation_step`): applies when the offence number, this offence
/// included, is between `stepFrom` and `stepTo` (nil = and beyond) and, if set, `appliesWhen` holds.
public struct EscalationStep: Codable, Hashable, Sendable {
    public var stepFrom: Int
    public var stepTo: Int?
    /// The extra condition in words, as the catalogue states it; nil = the count alone.
    public var appliesWhen: String?
    /// The same condition as a key callers pass to ``Escalation/suggest(ladder:priorOffences:conditions:)``
    /// (e.g. `outside_hours`). When nil, the key is looked up from `appliesWhen` for the seeded texts.
    public var conditionKey: String?
    /// Sanction codes of the `sanction_set` vocabulary (`warning`, `fine`, `suspension`, `revocation` …).
    public var sanctions: [String]
    public var fineMinYuan: Double?
    public var fineMaxYuan: Double?
    /// Whether the sanctions are cumulative or alternatives, and anything else the handler needs.
    public var note: String?

    public init(
        stepFrom: Int, stepTo: Int?, appliesWhen: String? = nil, conditionKey: String? = nil, sanctions: [String],
        fineMinYuan: Double? = nil, fineMaxYuan: Double? = nil, note: String? = nil
    ) {
        self.stepFrom = stepFrom
        self.stepTo = stepTo
        self.appliesWhen = appliesWhen
        self.conditionKey = conditionKey
        self.sanctions = sanctions
        self.fineMinYuan = fineMinYuan
        self.fineMaxYuan = fineMaxYuan
        self.note = note
    }

    /// The condition key in force: the explicit one, else the one known for the catalogue's wording.
    public var effectiveConditionKey: String? {
        conditionKey ?? appliesWhen.flatMap { EscalationCondition.keysBySeedText[$0] }
    }

    /// Whether the step covers the offence number.
    public func covers(offenceNumber n: Int) -> Bool {
        n >= stepFrom && stepTo.map { n <= $0 } ?? true
    }
}

/// Condition keys for steps that apply on more than the count.
public enum EscalationCondition {
    /// Minors admitted outside business hours (8:00–24:00): the 2004 rule revokes at once.
    public static let outsideHours = "outside_hours"
    /// Unlicensed tobacco: the new act involves ¥30,000 or more (criminal threshold with two earlier penalties).
    public static let amount30000OrMore = "amount_30000_or_more"
    /// Unlicensed tobacco: punished on both occasions (3-year licence bar).
    public static let punishedEachTime = "punished_each_time"

    /// The `applies_when` wording of the seed rows (sql/0002), so rows read from the database match
    /// the same keys as ``EscalationLadder/national2004CafeMinor``.
    static let keysBySeedText: [String: String] = [
        "Minors admitted outside business hours (8:00–24:00)": outsideHours,
        "Two administrative penalties already imposed within the window, and the new act involves ¥30,000 or more": amount30000OrMore,
        "Punished on both occasions": punishedEachTime,
    ]
}

/// A repeat-offence rule for one violation (table `escalation_ladder` with its steps).
public struct EscalationLadder: Codable, Hashable, Sendable {
    public var code: String
    public var violationCode: String
    /// Administrative division whose rule this is; nil = national default (or an example).
    public var jurisdictionCode: String?
    /// An illustrative local ladder from the domain notes: shown as a template, never applied.
    public var localExample: Bool
    public var countScope: EscalationCountScope
    /// Rolling window of the count; nil = cumulative without limit.
    public var windowMonths: Int?
    public var sourceNote: String
    public var active: Bool
    public var steps: [EscalationStep]

    public init(
        code: String, violationCode: String, jurisdictionCode: String? = nil, localExample: Bool = false,
        countScope: EscalationCountScope, windowMonths: Int? = nil, sourceNote: String, active: Bool = true,
        steps: [EscalationStep]
    ) {
        self.code = code
        self.violationCode = violationCode
        self.jurisdictionCode = jurisdictionCode
        self.localExample = localExample
        self.countScope = countScope
        self.windowMonths = windowMonths
        self.sourceNote = sourceNote
        self.active = active
        self.steps = steps
    }

    enum CodingKeys: String, CodingKey {
        case code, violationCode, jurisdictionCode, localExample, countScope, windowMonths, sourceNote, active, steps
    }

    /// `local_example` and `active` may be omitted (false and true), as in the table's defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        violationCode = try c.decode(String.self, forKey: .violationCode)
        jurisdictionCode = try c.decodeIfPresent(String.self, forKey: .jurisdictionCode)
        localExample = try c.decodeIfPresent(Bool.self, forKey: .localExample) ?? false
        countScope = try c.decode(EscalationCountScope.self, forKey: .countScope)
        windowMonths = try c.decodeIfPresent(Int.self, forKey: .windowMonths)
        sourceNote = try c.decode(String.self, forKey: .sourceNote)
        active = try c.decodeIfPresent(Bool.self, forKey: .active) ?? true
        steps = try c.decode([EscalationStep].self, forKey: .steps)
    }
}
