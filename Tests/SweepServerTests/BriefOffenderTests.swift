import Foundation
import Testing
import SweepCore
import SweepStore
import TestSupport
@testable import SweepServer

/// The brief names the venues with the most violations as the policy lets its reader see repeat
/// offenders: coordinators from two violations, leaders only from the suppression threshold.
@Suite struct BriefOffenderTests {
    @Test func repeatOffendersAreNamedAsThePolicyAllows() async throws {
        try await APITests.withSeededApp { _, fixture in
            let app = try AppServices(db: fixture.db, settings: .init(port: 0))
            let index = try await app.heatIndex.current()
            let request = HeatMapRequest(from: "2024-12", to: "2026-11")
            let tokens = TokenStore(db: fixture.db)
            let coordinator = try await tokens.authenticate(secret: try #require(fixture.tokens[.coordinator]))
            let leader = try await tokens.authenticate(secret: try #require(fixture.tokens[.leader]))
            let inspector = try await tokens.authenticate(secret: try #require(fixture.tokens[.inspector]))

            let named = try await ReportRoutes.offenders(request, index, coordinator, app, district: nil, within: nil)
            let counts = try index.venueCounts(request).map(\.violations).sorted(by: >)
            #expect(named.map(\.violations) == Array(counts.filter { $0 >= 2 }.prefix(5)), "the five with the most violations, most first")
            #expect(!named.isEmpty && named.allSatisfy { !$0.name.isEmpty && !$0.district.isEmpty })

            let forLeader = try await ReportRoutes.offenders(request, index, leader, app, district: nil, within: nil)
            #expect(forLeader.allSatisfy { $0.violations >= HeatMapPolicy.leadershipSuppression })
            #expect(forLeader.map(\.violations) == Array(counts.filter { $0 >= HeatMapPolicy.leadershipSuppression }.prefix(5)))
            #expect(try await ReportRoutes.offenders(request, index, inspector, app, district: nil, within: nil).isEmpty,
                    "inspectors may not read repeat offenders")

            let first = try #require(named.first)
            let html = BriefPage.offendersLine(named)
            #expect(html.contains("\(first.name)（\(first.district)）\(first.violations) 次"))
            #expect(BriefPage.offendersLine([]).isEmpty, "no line when nobody may be named")
        }
    }
}
