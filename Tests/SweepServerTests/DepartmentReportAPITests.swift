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

/// 考评 on a hand-made fixture whose every figure is counted in the comments.
@Suite struct DepartmentReportAPITests {
    static let day = 86_400.0

    /// A case at the first café, opened `openedAgo` days before `now`, with the given timestamps (days ago).
    static func caseFile(_ db: Database, _ dept: String, now: Date, openedAgo: Double, decidedAgo: Double? = nil, referredFrom: String? = nil,
                         deadlineAgo: Double? = nil, acceptedAgo: Double? = nil, rectificationDueAgo: Double? = nil, reinspectedAgo: Double? = nil,
                         passed: Bool? = nil, venue: String? = nil) async throws {
        func at(_ ago: Double?) -> Date? { ago.map { now.addingTimeInterval(-$0 * day) } }
        try await db.query("""
            INSERT INTO case_file (venue_id, violation_code, department_code, opened_at, decided_at, referred_from, referral_deadline, accepted_at,
                                   rectification_due, reinspected_at, reinspection_passed)
            VALUES (coalesce((SELECT id FROM venue WHERE code = \(venue)), (SELECT min(id) FROM venue)), 'CAFE_NO_MINOR_SIGN', \(dept), \(at(openedAgo)!), \(at(decidedAgo)), \(referredFrom), \(at(deadlineAgo)),
                    \(at(acceptedAgo)), \(at(rectificationDueAgo).map(ISODay.format))::date, \(at(reinspectedAgo)), \(passed))
            """)
    }

    @Test func departmentsAreEvaluatedWithTheirDefinitions() async throws {
        try await TestDatabase.withDatabase { db in
            let importer = RegistryImporter(db: db)
            _ = try await importer.importFile(.jurisdictions, data: Data(ReportFixtures.jurisdictions.utf8), geoJSON: false, fileName: "j.csv", actor: "test")
            let venues = "code,kind,name,address,district,licensed,longitude,latitude\n" + ReportFixtures.cafes("420102", 2) + "\n"
                + ReportFixtures.cafes("420103", 1)
            _ = try await importer.importFile(.venues, data: Data(venues.utf8), geoJSON: false, fileName: "v.csv", actor: "test")
            let now = Date()
            // CUL: decided after 2, 4 and 6 days (median 4, p90 6); one open for 100 days (overdue);
            // one with its rectification due 3 days ago, re-inspected 1 day ago and passed.
            try await Self.caseFile(db, "CUL", now: now, openedAgo: 20, decidedAgo: 18)
            try await Self.caseFile(db, "CUL", now: now, openedAgo: 20, decidedAgo: 16)
            try await Self.caseFile(db, "CUL", now: now, openedAgo: 20, decidedAgo: 14, rectificationDueAgo: 3, reinspectedAgo: 1, passed: true)
            try await Self.caseFile(db, "CUL", now: now, openedAgo: 100)
            // PSB: three referrals from CUL with deadlines 5 days after opening: accepted on day 3, on day 6, never.
            try await Self.caseFile(db, "PSB", now: now, openedAgo: 30, referredFrom: "CUL", deadlineAgo: 25, acceptedAgo: 27)
            try await Self.caseFile(db, "PSB", now: now, openedAgo: 30, referredFrom: "CUL", deadlineAgo: 25, acceptedAgo: 24)
            try await Self.caseFile(db, "PSB", now: now, openedAgo: 30, referredFrom: "CUL", deadlineAgo: 25)
            // One CUL case in the other district, decided after 10 days: the department's figures
            // count it, its district row stands alone.
            try await Self.caseFile(db, "CUL", now: now, openedAgo: 15, decidedAgo: 5, venue: "C-420103-0")
            // Two tips routed to CUL: one answered with feedback, one still open.
            try await db.query("""
                INSERT INTO tip (channel, received_at, allegation, department_code, status, feedback, jurisdiction_id) VALUES
                  ('12345', \(now.addingTimeInterval(-5 * Self.day)), '疑似接纳未成年人', 'CUL', 'unfounded', '经核查未发现', (SELECT id FROM jurisdiction WHERE code = '420102')),
                  ('12355', \(now.addingTimeInterval(-4 * Self.day)), '夜间营业', 'CUL', 'triaged', NULL, (SELECT id FROM jurisdiction WHERE code = '420102'))
                """)
            let admin = try await TokenStore(db: db).issue(.init(name: "admin", role: .admin), actor: "test").secret
            let leader = try await TokenStore(db: db).issue(.init(name: "领导", role: .leader, scope: ["420100"]), actor: "test").secret
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let from = ISODay.format(now.addingTimeInterval(-120 * Self.day)), to = ISODay.format(now.addingTimeInterval(Self.day))
                func report(_ token: String?) async throws -> DepartmentReport {
                    try await client.execute(uri: "/v1/reports/departments?from=\(from)&to=\(to)", method: .get, headers: APITests.auth(token)) { r in
                        #expect(r.status == .ok, "\(String(buffer: r.body))")
                        return try APITests.decode(DepartmentReport.self, r.body)
                    }
                }
                let r = try await report(admin)
                let cul = try #require(r.departments.first { $0.department == .culture })
                // Decided after 2, 4, 6 and 10 days: median (4 + 6) / 2 = 5, p90 at rank ⌈3.6⌉ = 4 → 10.
                #expect(cul.cases == 5 && cul.decided == 4 && cul.medianDaysToDecision == 5 && cul.p90DaysToDecision == 10, "\(cul)")
                let culA = try #require(r.districts.first { $0.department == .culture && $0.district == "420102" })
                #expect(culA.cases == 4 && culA.decided == 3 && culA.medianDaysToDecision == 4 && culA.p90DaysToDecision == 6, "\(culA)")
                #expect(culA.tipsRouted == 2 && culA.overdue == 1 && culA.districtName == "甲区")
                let culB = try #require(r.districts.first { $0.department == .culture && $0.district == "420103" })
                #expect(culB.cases == 1 && culB.medianDaysToDecision == 10 && r.districtsWithheld == 0)
                #expect(cul.overdue == 1 && cul.rectificationsDue == 1 && cul.rectificationsVerified == 1 && cul.rectificationsPassed == 1)
                #expect(cul.tipsRouted == 2 && cul.tipsAnsweredWithFeedback == 1)
                let psb = try #require(r.departments.first { $0.department == .police })
                #expect(psb.referralsReceived == 3 && psb.acceptedInTime == 1 && psb.acceptedLate == 1 && psb.awaitingAcceptance == 1, "\(psb)")
                #expect(psb.overdue == 1, "the referral never accepted is past its deadline")
                #expect(r.definitions["days_to_decision"]?.contains("90th percentile") == true && r.definitions.count == 6)

                // Leaders: three decided cases are too few for day figures.
                let led = try await report(leader)
                let ledCul = try #require(led.departments.first { $0.department == .culture })
                #expect(ledCul.suppressed && ledCul.medianDaysToDecision == nil && ledCul.cases == 5)
                // District rows on fewer than 5 cases and tips are left out whole: CUL in 乙区 (1) and
                // PSB in 甲区 (3); CUL in 甲区 (4 cases + 2 tips) stays, its day figures withheld (3 decided).
                #expect(led.districtsWithheld == 2 && led.districts.map(\.district) == ["420102"], "\(led.districts)")
                #expect(led.districts.first?.suppressed == true && led.districts.first?.medianDaysToDecision == nil)
            }
        }
    }

    /// The day figures keep the definitions printed with the report: the median is the middle value
    /// or the mean of the two middle ones, p90 the nearest rank. They are taken in Swift over the
    /// kept and counted days (sql/0020), so they must equal PostgreSQL's aggregates to the last bit.
    @Test func theDayFiguresUseTheMedianAndTheNearestRank() async throws {
        try await TestDatabase.withDatabase { db in
            var generator = SystemRandomNumberGenerator()
            let random = (1...40).map { n in (0..<n).map { _ in Double.random(in: 0..<40, using: &generator) } }
            let cases: [([Double], Double?, Double?)] = [([6.0, 2, 4], 4.0, 6.0), ([1, 2, 3, 4], 2.5, 4), (Array(1...10).map(Double.init), 5.5, 9)]
                + random.map { ($0, nil, nil) }
            for (values, median, p90) in cases {
                for try await (m, p) in try await db.query("""
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_disc(0.9) WITHIN GROUP (ORDER BY x) FROM unnest(\(values)::float8[]) x
                    """).decode((Double, Double).self) {
                    #expect(median.map { $0 == m } ?? true && p90.map { $0 == p } ?? true, "\(values)")
                    let sorted = values.sorted()
                    #expect(Percentile.continuous(sorted, 0.5) == m && Percentile.discrete(sorted, 0.9) == p, "\(values)")
                }
            }
        }
    }
}
