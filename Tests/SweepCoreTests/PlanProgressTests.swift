import Foundation
import Testing
@testable import SweepCore

@Suite struct PlanProgressTests {
    @Test func aLinkedVisitDecidesEvenAfterTheSweepIsDone() {
        #expect(StopState.of(outcome: .inspected, sweepDone: true) == .visited, "a late offline submission still counts")
        #expect(StopState.of(outcome: nil, sweepDone: true) == .missed)
        #expect(StopState.of(outcome: nil, sweepDone: false) == .pending)
        #expect(StopState.of(outcome: .entryRefused, sweepDone: false) == .entryRefused)
    }

    @Test func stopsAreCountedInTotalAndEachGrouping() {
        let stops = [
            StopProgressFacts(day: "2026-12-01", team: "A", district: "420102", kind: "licensed_cafe", state: .visited, violations: 2),
            StopProgressFacts(day: "2026-12-01", team: "A", district: "420102", kind: "tobacco", state: .missed, violations: 0),
            StopProgressFacts(day: "2026-12-02", team: "B", district: "420103", kind: "licensed_cafe", state: .pending, violations: 0),
            StopProgressFacts(day: "2026-12-02", team: "B", district: "420103", kind: "licensed_cafe", state: .notFound, violations: 0),
        ]
        let p = PlanProgress.tally(stops)
        #expect(p.total.planned == 4 && p.total.visited == 1 && p.total.missed == 1 && p.total.pending == 1 && p.total.notFound == 1)
        #expect(p.total.violations == 2 && p.total.doneShare == 0.75)
        #expect(p.byDay.map(\.key) == ["2026-12-01", "2026-12-02"] && p.byDay[0].counts.planned == 2)
        #expect(p.byKind.first { $0.key == "licensed_cafe" }?.counts.planned == 3)
        #expect(p.byTeam.map(\.counts.planned) == [2, 2] && p.byDistrict.count == 2)
    }

    @Test func smallGroupsAreWithheldForLeadershipAndCounted() {
        var stops: [StopProgressFacts] = []
        for i in 0..<7 { stops.append(StopProgressFacts(day: "2026-12-01", team: i < 5 ? "A" : "B", district: "420102", kind: "licensed_cafe", state: .visited, violations: 1)) }
        stops.append(StopProgressFacts(day: "2026-12-02", team: "C", district: "420103", kind: "tobacco", state: .missed, violations: 0))
        let p = PlanProgress.tally(stops)
        let shown = p.suppressingGroups(below: 5)
        #expect(shown.byDay.map(\.key) == ["2026-12-01"] && shown.byTeam.map(\.key) == ["A"])
        #expect(shown.byDistrict.map(\.key) == ["420102"] && shown.byKind.map(\.key) == ["licensed_cafe"])
        #expect(shown.groupsWithheld == 5, "day 2, teams B and C, district 420103, tobacco")
        #expect(shown.total == p.total, "totals stay")
        #expect(p.suppressingGroups(below: 1) == p && p.groupsWithheld == nil)
        #expect(p.suppressingGroups(below: 2).groupsWithheld == 4, "only the single-stop groups (team B has 2)")
    }
}
