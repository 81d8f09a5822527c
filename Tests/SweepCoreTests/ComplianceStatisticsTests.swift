import Foundation
import Testing
@testable import SweepCore

/// The honest compliance figure, checked against values computed by hand (python3, math only).
@Suite struct ComplianceStatisticsTests {
    @Test func wilsonIntervalOfTwoInTen() {
        let e = Wilson.estimate(inViolation: 2, of: 10)
        #expect(e.estimate == 0.2)
        #expect(abs(e.low - 0.056682151) < 1e-8 && abs(e.high - 0.509837528) < 1e-8, "\(e)")
        let none = Wilson.estimate(inViolation: 0, of: 12)
        #expect(none.low == 0 && none.high > 0.2, "no violation found is not a certainty of none: \(none)")
        #expect(Wilson.estimate(inViolation: 0, of: 0).high == 1)
    }

    @Test func stratifiedShareWeighsStrataBySize() {
        // A: 100 venues, 10 drawn, 2 in violation; B: 300 venues, 20 drawn, 1. Unweighted 3/30 = 10 %.
        let (share, uncovered) = StratifiedShare.estimate([
            StratumSample(name: "A", population: 100, sampled: 10, inViolation: 2),
            StratumSample(name: "B", population: 300, sampled: 20, inViolation: 1),
            StratumSample(name: "C", population: 50, sampled: 0, inViolation: 0),
        ])
        #expect(abs(share.estimate - 0.0875) < 1e-12)
        #expect(abs((share.effectiveSample ?? 0) - 37.190684134) < 1e-6)
        #expect(abs(share.low - 0.031427356) < 1e-8 && abs(share.high - 0.220809739) < 1e-8, "\(share)")
        #expect(share.sampled == 30 && share.inViolation == 3 && uncovered == ["C"])
    }

    @Test func districtsAboveTheCityAreFlaggedAfterHolm() {
        let results = DistrictFlags.test(["A": (20, 6), "B": (10, 1), "C": (0, 0)], cityShare: 0.1)
        #expect(results.map(\.district) == ["A", "B"], "an unvisited district is not tested")
        #expect(abs(results[0].pValue - 0.011253134) < 1e-8 && abs(results[0].adjustedP - 0.022506268) < 1e-8)
        #expect(results[0].flagged && !results[1].flagged)
        #expect(abs(results[1].pValue - 0.65132156) < 1e-7 && results[1].adjustedP == results[1].pValue)
        // Alone, A would be flagged at 0.05; among many equally ordinary districts it is not.
        var many: [String: (sampled: Int, inViolation: Int)] = ["A": (20, 6)]
        for i in 0..<9 { many["D\(i)"] = (20, 2) }
        #expect(DistrictFlags.test(many, cityShare: 0.1).first { $0.district == "A" }?.flagged == false)
    }
}

@Suite struct ComplianceSummaryTests {
    @Test func aKindWithFewRandomChecksIsWithheldForLeaders() {
        let visits = [VisitCount(district: "A", districtName: "甲", kind: "tobacco_retail", random: true, origin: "random", visits: 3, inViolation: 1)]
        let hidden = ComplianceSummary.build(visits: visits, venues: ["A": ["tobacco_retail": 40]], districtNames: [:], suppressBelow: 5)
        #expect(hidden.kinds.first?.share == nil && hidden.kinds.first?.suppressed == true && hidden.kinds.first?.districts.first?.suppressed == true)
        let shown = ComplianceSummary.build(visits: visits, venues: ["A": ["tobacco_retail": 40]], districtNames: [:], suppressBelow: nil)
        #expect(shown.kinds.first?.share?.sampled == 3 && shown.kinds.first?.suppressed == false)
    }
}
