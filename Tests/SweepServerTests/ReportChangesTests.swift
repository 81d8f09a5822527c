import Foundation
import Testing
import SweepAPI
import SweepCore

/// The comparison with an issued brief names exactly the figures that moved.
@Suite struct ReportChangesTests {
    @Test func aLateVisitShowsAsAChange() {
        var before = ProgressCounts()
        before.planned = 10; before.visited = 4; before.pending = 6
        var after = before
        after.visited = 5; after.pending = 5; after.violations = 1; after.visitsWithViolation = 1
        func progress(_ c: ProgressCounts) -> ProgressReport {
            var p = PlanProgress.tally([])
            p.total = c
            return ProgressReport(asOf: "2026-12-03T08:00:00.000Z", campaignId: 1, from: "2026-12-01", to: "2026-12-15", area: [], progress: p)
        }
        let compliance = ComplianceReport(asOf: "x", from: "a", to: "b", campaignId: 1, area: [], suppressedBelow: nil,
                                          summary: ComplianceSummary.build(visits: [], venues: [:], districtNames: [:], suppressBelow: nil))
        let changes = ReportChange.between(issued: progress(before), now: progress(after), issuedCompliance: compliance, nowCompliance: compliance)
        let moved = changes.filter { $0.changed }.map { $0.figure }
        #expect(moved == ["visited", "pending", "violations", "visits_with_violation"])
        let visited = changes.first { $0.figure == "visited" }
        #expect(visited?.issued == "4" && visited?.now == "5")
    }
}
