import Foundation

/// The ladders seeded by sql/0002_violation_catalogue.sql, row for row.
extension EscalationLadder {
    /// 2004 national campaign rule for cafés admitting minors: 2nd cumulative offence → 停业整顿,
    /// 3rd → 吊销; minors admitted outside business hours → 吊销 at once.
    public static let national2004CafeMinor = EscalationLadder(
        code: "NATIONAL_2004_CAFE_MINOR", violationCode: "CAFE_MINOR_ADMITTED", countScope: .venue, windowMonths: nil,
        sourceNote: "2004 national campaign rule (violations.md): the national default until a jurisdiction configures its own. "
            + "Counted cumulatively: violations.md gives no window.",
        steps: [
            EscalationStep(stepFrom: 1, stepTo: nil, appliesWhen: "Minors admitted outside business hours (8:00–24:00)",
                           conditionKey: EscalationCondition.outsideHours, sanctions: ["revocation"], note: "吊销 at once, whatever the count."),
            EscalationStep(stepFrom: 2, stepTo: 2, sanctions: ["suspension"], note: "2nd cumulative offence: 停业整顿."),
            EscalationStep(stepFrom: 3, stepTo: nil, sanctions: ["revocation"], note: "3rd cumulative offence: 吊销."),
        ])

    /// Example local discretion ladder for opening hours (count within one year). A template, not national law.
    public static let exampleLocalCafeHours = EscalationLadder(
        code: "EXAMPLE_LOCAL_CAFE_HOURS", violationCode: "CAFE_HOURS", localExample: true, countScope: .venue, windowMonths: 12,
        sourceNote: "Example local discretion ladder from violations.md (count within one year). A template, not national law.",
        steps: [
            EscalationStep(stepFrom: 1, stepTo: 1, sanctions: ["warning"], note: "1st: warning."),
            EscalationStep(stepFrom: 2, stepTo: 2, sanctions: ["warning", "fine"], fineMaxYuan: 3000, note: "2nd: warning and fine up to ¥3,000."),
            EscalationStep(stepFrom: 3, stepTo: 3, sanctions: ["fine"], fineMinYuan: 3000, fineMaxYuan: 8000, note: "3rd: fine ¥3,000–8,000."),
            EscalationStep(stepFrom: 4, stepTo: 4, sanctions: ["fine"], fineMinYuan: 8000, fineMaxYuan: 15000, note: "4th: fine ¥8,000–15,000."),
            EscalationStep(stepFrom: 5, stepTo: nil, sanctions: ["suspension", "revocation"], note: "5th and later: 停业整顿 or 吊销 (one of)."),
        ])

    /// Unlicensed tobacco retail: criminal referral by repetition (operator, 3 years).
    public static let nationalTobaccoUnlicensedCriminal = EscalationLadder(
        code: "NATIONAL_TOBACCO_UNLICENSED_CRIMINAL", violationCode: "TOBACCO_UNLICENSED", countScope: .operator, windowMonths: 36,
        sourceNote: "Criminal threshold by repetition (violations.md): ≥2 administrative penalties within 3 years and ¥30,000 again. "
            + "The single-act thresholds (turnover ≥¥50,000, gains ≥¥20,000, ≥200,000 cigarettes) are in escalation_note.",
        steps: [
            EscalationStep(stepFrom: 3, stepTo: nil,
                           appliesWhen: "Two administrative penalties already imposed within the window, and the new act involves ¥30,000 or more",
                           conditionKey: EscalationCondition.amount30000OrMore, sanctions: ["criminal_referral"],
                           note: "Counts penalised acts; refer to the police."),
        ])

    /// Unlicensed tobacco retail: punished twice within a year → no licence for 3 years (operator, 1 year).
    public static let nationalTobaccoUnlicensedLicenceBar = EscalationLadder(
        code: "NATIONAL_TOBACCO_UNLICENSED_LICENCE_BAR", violationCode: "TOBACCO_UNLICENSED", countScope: .operator, windowMonths: 12,
        sourceNote: "Punished twice within 1 year → no tobacco retail licence for 3 years (violations.md).",
        steps: [
            EscalationStep(stepFrom: 2, stepTo: nil, appliesWhen: "Punished on both occasions",
                           conditionKey: EscalationCondition.punishedEachTime, sanctions: ["licence_bar"],
                           note: "No tobacco retail licence for 3 years."),
        ])

    /// All seeded ladders, examples included.
    public static let seeded: [EscalationLadder] = [
        national2004CafeMinor, exampleLocalCafeHours, nationalTobaccoUnlicensedCriminal, nationalTobaccoUnlicensedLicenceBar,
    ]
}
