import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import SweepAPI
import SweepCore
import SweepStore
import TestSupport
@testable import SweepServer

/// The trend: a campaign's weeks beside the previous campaign of its area and the same weeks a year
/// before, on visits placed by hand.
@Suite struct TrendReportAPITests {
    static func campaign(_ db: Database, _ name: String, startsAgo: Int, days: Int, now: Date) async throws -> Int64 {
        let start = ISODay.format(now.addingTimeInterval(-Double(startsAgo) * 86_400))
        let end = ISODay.format(now.addingTimeInterval(-Double(startsAgo - days + 1) * 86_400))
        var id: Int64 = 0
        for try await new in try await db.query("""
            WITH c AS (INSERT INTO campaign (name, starts_on, ends_on, target_kinds) VALUES (\(name), \(start)::date, \(end)::date, '{licensed_cafe}') RETURNING id),
                 j AS (INSERT INTO campaign_jurisdiction (campaign_id, jurisdiction_id) SELECT c.id, (SELECT id FROM jurisdiction WHERE code = '420102') FROM c)
            SELECT id FROM c
            """).decode(Int64.self) { id = new }
        return id
    }

    @Test func thisCampaignIsComparedWeekByWeek() async throws {
        try await TestDatabase.withDatabase { db in
            let importer = RegistryImporter(db: db)
            _ = try await importer.importFile(.jurisdictions, data: Data(ReportFixtures.jurisdictions.utf8), geoJSON: false, fileName: "j.csv", actor: "test")
            let venues = "code,kind,name,address,district,licensed,longitude,latitude\n" + ReportFixtures.cafes("420102", 6)
            _ = try await importer.importFile(.venues, data: Data(venues.utf8), geoJSON: false, fileName: "v.csv", actor: "test")
            let now = Date()
            let calendarDay = ISODay.parse(ISODay.format(now))!
            let previous = try await Self.campaign(db, "秋季行动", startsAgo: 100, days: 14, now: calendarDay)
            let current = try await Self.campaign(db, "寒假行动", startsAgo: 10, days: 14, now: calendarDay)
            let start = calendarDay.addingTimeInterval(-10 * 86_400)
            func at(_ base: Date, day: Int) -> Date { base.addingTimeInterval(Double(day) * 86_400 + 3 * 3_600) }
            // This campaign: week 1 three visits (one with a violation), week 2 two.
            for (k, d) in [0, 2, 4].enumerated() { try await ReportFixtures.visit(db, "C-420102-\(k)", origin: "CAMPAIGN", violated: k == 0, at: at(start, day: d)) }
            for k in 3..<5 { try await ReportFixtures.visit(db, "C-420102-\(k)", origin: "CAMPAIGN", violated: false, at: at(start, day: 8)) }
            // The previous campaign: week 1 four visits, two with violations.
            let before = calendarDay.addingTimeInterval(-100 * 86_400)
            for k in 0..<4 { try await ReportFixtures.visit(db, "C-420102-\(k)", origin: "CAMPAIGN", violated: k < 2, at: at(before, day: 1)) }
            // A year before this campaign (52 weeks), week 2: one visit with a violation.
            try await ReportFixtures.visit(db, "C-420102-5", origin: "TIP", violated: true, at: at(start.addingTimeInterval(-364 * 86_400), day: 9))
            let admin = try await TokenStore(db: db).issue(.init(name: "admin", role: .admin), actor: "test").secret
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let report = try await client.execute(uri: "/v1/reports/progress?campaign=\(current)", method: .get, headers: APITests.auth(admin)) { r in
                    #expect(r.status == .ok, "\(String(buffer: r.body))")
                    return try APITests.decode(ProgressReport.self, r.body)
                }
                let trend = try #require(report.trend)
                #expect(trend.current.weeks.map(\.visits) == [3, 2] && trend.current.weeks.map(\.withViolation) == [1, 0], "\(trend.current)")
                let prev = try #require(trend.previousCampaign)
                #expect(prev.label.contains("\(previous)") && prev.weeks.map(\.visits) == [4, 0] && prev.weeks.first?.hitRate == 0.5, "\(prev)")
                #expect(trend.yearBefore.weeks.map(\.visits) == [0, 1] && trend.yearBefore.weeks[1].withViolation == 1, "\(trend.yearBefore)")
            }
        }
    }
}
