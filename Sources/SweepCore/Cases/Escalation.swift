import Foundation

/// Picks the repeat-offence ladder that governs a case and what it calls for.
public enum Escalation {
    /// The ladders that apply to `violationCode` in a place.
    ///
    /// For each count scope, the nearest jurisdiction in `jurisdictionChain` (district, city, province,
    /// nearest first) that has its own ladders wins; without any, the national defaults apply. Example
    /// ladders (`localExample`) and inactive ones are never chosen. Result: venue scope first, then by code.
    public static func choose(ladders: [EscalationLadder], violationCode: String, jurisdictionChain: [String]) -> [EscalationLadder] {
        let candidates = ladders.filter { $0.violationCode == violationCode && !$0.localExample && $0.active }
        var chosen: [EscalationLadder] = []
        for scope in EscalationCountScope.allCases {
            let inScope = candidates.filter { $0.countScope == scope }
            let local = jurisdictionChain.lazy.map { place in inScope.filter { $0.jurisdictionCode == place } }.first { !$0.isEmpty }
            chosen += local ?? inScope.filter { $0.jurisdictionCode == nil }
        }
        return chosen.sorted { ($0.countScope == .venue ? 0 : 1, $0.code) < ($1.countScope == .venue ? 0 : 1, $1.code) }
    }

    /// The step for the next offence, or nil when the ladder says nothing about it (the ordinary
    /// statutory range applies, e.g. a first offence under the 2004 rule).
    ///
    /// A step with a condition that holds wins over the count-only steps (2004 rule: minors admitted
    /// outside business hours → 吊销 at once). Conditional steps still need the count in their range,
    /// as the catalogue defines them: the seeded outside-hours step covers every count, while the
    /// tobacco criminal step needs two earlier penalties.
    ///
    /// - Parameters:
    ///   - priorOffences: confirmed earlier offences in the ladder's scope and window, 首违不罚 outcomes included.
    ///   - conditions: condition keys that hold for this offence (``EscalationCondition``).
    public static func suggest(ladder: EscalationLadder, priorOffences: Int, conditions: Set<String>) -> SanctionSuggestion? {
        let n = max(0, priorOffences) + 1
        let covering = ladder.steps.filter { $0.covers(offenceNumber: n) }
        // The most specific step wins: the highest start among those that apply.
        let conditional = covering.filter { step in step.effectiveConditionKey.map(conditions.contains) ?? false }
        let countOnly = covering.filter { $0.appliesWhen == nil && $0.conditionKey == nil }
        guard let step = conditional.max(by: { $0.stepFrom < $1.stepFrom }) ?? countOnly.max(by: { $0.stepFrom < $1.stepFrom })
        else { return nil }
        return SanctionSuggestion(
            ladderCode: ladder.code, offenceNumber: n, sanctions: step.sanctions,
            fineMinYuan: step.fineMinYuan, fineMaxYuan: step.fineMaxYuan,
            reason: reason(ladder: ladder, step: step, offenceNumber: n, prior: max(0, priorOffences), conditional: !conditional.isEmpty))
    }

    /// "3rd offence at this venue (cumulative; 2 earlier, 首违不罚 included) — NATIONAL_2004_CAFE_MINOR: 吊销 (revocation)".
    private static func reason(ladder: EscalationLadder, step: EscalationStep, offenceNumber n: Int, prior: Int, conditional: Bool) -> String {
        let place = ladder.countScope == .venue ? "at this venue" : "by this operator"
        let window = ladder.windowMonths.map { "within \($0) months" } ?? "cumulative"
        var sanctions = step.sanctions.map(SanctionNames.label).joined(separator: ", ")
        if let fine = SanctionNames.fineRange(min: step.fineMinYuan, max: step.fineMaxYuan) { sanctions += " \(fine)" }
        var text = "\(SanctionNames.ordinal(n)) offence \(place) (\(window); \(prior) earlier, 首违不罚 included)"
        if conditional, let when = step.appliesWhen ?? step.conditionKey {
            text += "; \(when)"
        }
        text += " — \(ladder.code): \(sanctions)"
        // Several sanctions may be cumulative or alternatives; only the note says which.
        if step.sanctions.count > 1 || conditional, let note = step.note { text += " (\(note))" }
        return text
    }
}
