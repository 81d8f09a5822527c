import Foundation
import Testing
@testable import SweepCore

private let w = RiskWeights()

private func score(_ f: RiskFeatures, _ weights: RiskWeights = w) -> Double { RiskScore.score(f, weights: weights).score }

/// Varied features from a seed, so the properties are checked away from hand-picked values.
private func features(_ random: inout SeededRandom) -> RiskFeatures {
    RiskFeatures(
        violationAgesDays: (0..<random.nextInt(in: 0...5)).map { _ in random.nextInt(in: 0...1500) },
        overdueOpenCases: random.nextInt(in: 0...3),
        openTips: random.nextInt(in: 0...4),
        nearestSchoolMetres: random.chance(0.2) ? nil : random.nextDouble(in: 0..<1500),
        unlicensed: random.chance(0.3),
        daysSinceLastInspection: random.chance(0.2) ? nil : random.nextInt(in: 0...800))
}

@Test func riskDefaultsAreTheDocumentedOnes() {
    #expect(w.pointsPerViolation == 2 && w.violationHalfLifeDays == 180)
    #expect(w.pointsPerOverdueCase == 3 && w.pointsPerOpenTip == 1.5)
    #expect(w.schoolPoints == 3 && w.schoolFullWithinMetres == 200 && w.schoolZeroAtMetres == 1000)
    #expect(w.unlicensedPoints == 5 && w.inspectionGapPoints == 2 && w.inspectionGapCapDays == 365)
    #expect(w.relocationPoints == 4)
}

@Test func riskPartsSumToTheScoreAndAreNeverNegative() {
    var random = SeededRandom(seed: 11)
    for _ in 0..<500 {
        let (total, parts) = RiskScore.score(features(&random), weights: w)
        #expect(parts.count == 7)
        #expect(parts.reduce(0) { $0 + $1.points } == total)
        #expect(total >= 0 && parts.allSatisfy { $0.points >= 0 })
    }
    let odd = RiskFeatures(violationAgesDays: [-5], overdueOpenCases: -2, openTips: -1, nearestSchoolMetres: -10, daysSinceLastInspection: -3)
    #expect(score(odd) >= 0)
    #expect(score(RiskFeatures(), RiskWeights(pointsPerViolation: -1, inspectionGapPoints: -.infinity)) == 0)
}

@Test func violationDecayHalvesAtTheHalfLife() {
    #expect(RiskScore.decay(ageDays: 0, halfLifeDays: 180) == 1)
    #expect(abs(RiskScore.decay(ageDays: 180, halfLifeDays: 180) - 0.5) < 1e-12)
    #expect(abs(RiskScore.decay(ageDays: 360, halfLifeDays: 180) - 0.25) < 1e-12)
    let fresh = RiskScore.score(RiskFeatures(violationAgesDays: [0]), weights: w).parts[0].points
    let old = RiskScore.score(RiskFeatures(violationAgesDays: [180]), weights: w).parts[0].points
    #expect(fresh == 2 && abs(old - 1) < 1e-12)
    let custom = RiskWeights(violationHalfLifeDays: 30)
    #expect(abs(RiskScore.score(RiskFeatures(violationAgesDays: [30]), weights: custom).parts[0].points - 1) < 1e-12)
    #expect(RiskScore.decay(ageDays: 1000, halfLifeDays: 0) == 1)
}

@Test func riskIsMonotoneInEveryTerm() {
    var random = SeededRandom(seed: 12)
    for _ in 0..<300 {
        let f = features(&random)
        let base = score(f)
        var g = f
        g.violationAgesDays.append(random.nextInt(in: 0...2000))
        #expect(score(g) > base)
        if !f.violationAgesDays.isEmpty {
            g = f
            g.violationAgesDays = f.violationAgesDays.map { max(0, $0 - 30) }
            #expect(score(g) >= base)
        }
        g = f; g.overdueOpenCases += 1
        #expect(score(g) > base)
        g = f; g.openTips += 1
        #expect(score(g) > base)
        g = f; g.unlicensed = true
        #expect(score(g) >= base)
        if !f.unlicensed { #expect(abs(score(g) - (base + 5)) < 1e-9) }
        g = f; g.nearestSchoolMetres = (f.nearestSchoolMetres ?? 5000) * 0.7
        #expect(score(g) >= base)
        g = f; g.daysSinceLastInspection = f.daysSinceLastInspection.map { $0 + 20 }
        #expect(score(g) >= base)
        g = f; g.daysSinceLastInspection = nil
        #expect(score(g) >= base)
    }
}

@Test func schoolProximityIsFullWithin200MetresAndZeroFrom1000() {
    func points(_ m: Double?) -> Double { RiskScore.score(RiskFeatures(nearestSchoolMetres: m), weights: w).parts[3].points }
    #expect(points(0) == 3 && points(200) == 3)
    #expect(abs(points(600) - 1.5) < 1e-12)
    #expect(points(1000) == 0 && points(3000) == 0 && points(nil) == 0)
    #expect(points(300) > points(400) && points(400) > points(900))
}

@Test func inspectionGapGrowsThenCapsAndNeverInspectedIsTheCap() {
    func points(_ d: Int?) -> Double { RiskScore.score(RiskFeatures(daysSinceLastInspection: d), weights: w).parts[5].points }
    #expect(points(0) == 0)
    #expect(points(10) < points(100) && points(100) < points(364))
    #expect(points(365) == 2 && points(2000) == 2 && points(nil) == 2)
}

@Test func riskDetailsReadAsSentences() {
    let f = RiskFeatures(violationAgesDays: [400, 40, 90], overdueOpenCases: 1, openTips: 2, nearestSchoolMetres: 149.6,
                         unlicensed: true, daysSinceLastInspection: nil)
    let details = RiskScore.score(f, weights: w).parts.map(\.detail)
    #expect(details == ["3 violations, latest 40 days ago", "1 open case past its rectification deadline", "2 open tips",
                        "nearest school 150 m", "operates without a licence", "never inspected", "no relocation link"])
    #expect(RiskScore.score(RiskFeatures(relocationLinks: 3), weights: w).parts[6].detail == "likely relocation of 3 cafés closed nearby")
    #expect(RiskScore.score(RiskFeatures(relocationLinks: 3), weights: w).parts[6].points == 8, "at most two links count")
    #expect(RiskScore.score(RiskFeatures(), weights: w).parts[0].detail == "no violations on record")
}

@Test func riskWeightsDecodeMissingKeysAsDefaults() throws {
    let decoded = try JSONDecoder().decode(RiskWeights.self, from: Data(#"{"unlicensedPoints": 8}"#.utf8))
    #expect(decoded == RiskWeights(unlicensedPoints: 8))
    let round = try JSONDecoder().decode(RiskWeights.self, from: JSONEncoder().encode(RiskWeights(violationHalfLifeDays: 90)))
    #expect(round.violationHalfLifeDays == 90)
}
