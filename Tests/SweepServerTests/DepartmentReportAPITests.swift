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
                         passed: Bool? = nil) async throws {
        func at(_ ago: Double?) -> Date? { ago.map { now.addingTimeInterval(-$0 * day) } }
        try await db.query("""
            INSERT INTO case_file (venue_id, violation_code, department_code, opened_at, decided_at, referred_from, referral_deadline, accepted_at,
                                   rectification_due, reinspected_at, reinspection_passed)
            VALUES ((SELECT min(id) FROM venue), 'CAFE_NO_MINOR_SIGN', \(dept), \(at(openedAgo)!), \(at(decidedAgo)), \(referredFrom), \(at(deadlineAgo)),
                    \(at(acceptedAgo)), \(at(rectificationDueAgo).map(ISODay.format))::date, \(at(reinspectedAgo)), \(passed))
            """)
    }

    @Test func departmentsAreEvaluatedWithTheirDefinitions() async throws {
        try await TestDatabase.withDatabase { db in
            let importer = RegistryImporter(db: db)
            _ = try await importer.importFile(.jurisdictions, data: Data(ComplianceReportAPITests.jurisdictions.utf8), geoJSON: false, fileName: "j.csv", actor: "test")
            let venues = "code,kind,name,address,district,licensed,longitude,latitude\n" + ComplianceReportAPITests.cafes("420102", 2)
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
                #expect(cul.cases == 4 && cul.decided == 3 && cul.medianDaysToDecision == 4 && cul.p90DaysToDecision == 6, "\(cul)")
                #expect(cul.overdue == 1 && cul.rectificationsDue == 1 && cul.rectificationsVerified == 1 && cul.rectificationsPassed == 1)
                #expect(cul.tipsRouted == 2 && cul.tipsAnsweredWithFeedback == 1)
                let psb = try #require(r.departments.first { $0.department == .police })
                #expect(psb.referralsReceived == 3 && psb.acceptedInTime == 1 && psb.acceptedLate == 1 && psb.awaitingAcceptance == 1, "\(psb)")
                #expect(psb.overdue == 1, "the referral never accepted is past its deadline")
                #expect(r.definitions["days_to_decision"]?.contains("90th percentile") == true && r.definitions.count == 6)

                // Leaders: three decided cases are too few for day figures.
                let led = try await report(leader)
                let ledCul = try #require(led.departments.first { $0.department == .culture })
                #expect(ledCul.suppressed && ledCul.medianDaysToDecision == nil && ledCul.cases == 4)
            }
        }
    }

    @Test func quantilesUseTheNearestRank() {
        #expect(DepartmentEvaluation.quantiles([6, 2, 4])! == (4, 6))
        #expect(DepartmentEvaluation.quantiles([1, 2, 3, 4])! == (2.5, 4))
        #expect(DepartmentEvaluation.quantiles(Array(1...10).map(Double.init))! == (5.5, 9))
        #expect(DepartmentEvaluation.quantiles([]) == nil)
    }
}
