import Foundation
import Testing
@testable import SweepCore

/// 从旧兼从轻 on the obstruction texts: the 2012 text (warning or ≤ ¥200; serious 5–10 days and ≤ ¥500)
/// and the 2025 revision in force from 2026-01-01 (warning or ≤ ¥500; serious 5–10 days and ≤ ¥1,000).
@Suite struct ApplicableLawTests {
    static func day(_ s: String) -> Date { ISODay.parse(s)! }

    static let psapl2012 = PenaltyText(instrument: "PSAPL", instrumentTitle: "治安管理处罚法", version: "2012", article: "50", inForceFrom: day("2013-01-01"),
                                       tiers: [.init(sanctions: ["warning", "fine"], fineMaxYuan: 200, detentionDaysMax: nil),
                                               .init(sanctions: ["detention", "fine"], fineMaxYuan: 500, detentionDaysMax: 10)])
    static let psapl2025 = PenaltyText(instrument: "PSAPL", instrumentTitle: "治安管理处罚法", version: "2025", article: "61", inForceFrom: day("2026-01-01"),
                                       tiers: [.init(sanctions: ["warning", "fine"], fineMaxYuan: 500, detentionDaysMax: nil),
                                               .init(sanctions: ["detention", "fine"], fineMaxYuan: 1000, detentionDaysMax: 10)])

    @Test func anActBeforeTheRevisionKeepsTheOldTextBecauseTheNewOneIsHeavier() {
        let chosen = ApplicableLaw.choose([Self.psapl2012, Self.psapl2025], actOn: Self.day("2025-12-20"), decidedOn: Self.day("2026-02-10"))
        #expect(chosen.count == 1)
        #expect(chosen[0].version == "2012" && chosen[0].article == "50" && chosen[0].rule == "in_force_at_act")
        #expect(chosen[0].reason.contains("从旧") && chosen[0].reason.contains("2025-12-20") && chosen[0].reason.contains("(2025) art. 61 is not lighter"),
                "\(chosen[0].reason)")
    }

    @Test func anActAfterTheRevisionFallsUnderTheNewText() {
        let chosen = ApplicableLaw.choose([Self.psapl2012, Self.psapl2025], actOn: Self.day("2026-01-05"), decidedOn: Self.day("2026-01-20"))
        #expect(chosen.map(\.version) == ["2025"] && chosen[0].article == "61" && chosen[0].rule == "in_force_at_act")
    }

    @Test func aLighterLaterTextAppliesToAnEarlierAct() {
        var lighter = Self.psapl2025
        lighter.tiers = [.init(sanctions: ["warning", "fine"], fineMaxYuan: 100, detentionDaysMax: nil)]
        let chosen = ApplicableLaw.choose([Self.psapl2012, lighter], actOn: Self.day("2025-12-20"), decidedOn: Self.day("2026-02-10"))
        #expect(chosen[0].version == "2025" && chosen[0].rule == "lighter_later_text" && chosen[0].reason.contains("从轻"), "\(chosen[0].reason)")
        // Not yet in force on the day of the decision: the old text still applies.
        let early = ApplicableLaw.choose([Self.psapl2012, lighter], actOn: Self.day("2025-11-01"), decidedOn: Self.day("2025-12-01"))
        #expect(early[0].version == "2012")
    }

    @Test func detentionWeighsMoreThanAnyFine() {
        let noDetention = PenaltyText(instrument: "X", instrumentTitle: "X", version: "2030", article: "1", inForceFrom: Self.day("2030-01-01"),
                                      tiers: [.init(sanctions: ["fine"], fineMaxYuan: 1_000_000, detentionDaysMax: nil)])
        let chosen = ApplicableLaw.choose([Self.psapl2012.with(instrument: "X"), noDetention], actOn: Self.day("2029-06-01"), decidedOn: Self.day("2030-06-01"))
        #expect(chosen[0].version == "2030" && chosen[0].rule == "lighter_later_text")
    }

    @Test func anActBeforeAnyPenaltyTextSaysSo() {
        let chosen = ApplicableLaw.choose([Self.psapl2025], actOn: Self.day("2025-06-01"), decidedOn: Self.day("2026-06-01"))
        #expect(chosen[0].rule == "none_in_force" && chosen[0].reason.contains("2025-06-01"))
    }

    @Test func theStrictestPerVisitRuleReachedApplies() {
        let rules = [PolicyRuleMatch(code: "A", basisKind: "campaign_policy", minMinors: 3, sanctions: ["suspension"], suspensionDaysMin: 15, note: "2004"),
                     PolicyRuleMatch(code: "B", basisKind: "campaign_policy", minMinors: 8, sanctions: ["revocation"], suspensionDaysMin: nil, note: "2004")]
        #expect(PolicyRuleMatch.reached(rules, minors: 2) == nil)
        #expect(PolicyRuleMatch.reached(rules, minors: 3)?.code == "A")
        #expect(PolicyRuleMatch.reached(rules, minors: 9)?.code == "B")
    }
}

extension PenaltyText {
    func with(instrument: String) -> PenaltyText {
        var copy = self
        copy.instrument = instrument
        return copy
    }
}
