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

/// The compliance figure on a hand-counted fixture: two districts of 10 and 30 licensed cafés;
/// random checks 2 of 5 in violation in A and 0 of 6 in B; targeted visits 3 of 4 in A.
@Suite struct ComplianceReportAPITests {
    @Test func theRandomDrawEstimateIsStratifiedAndKeptApartFromTargetedHitRates() async throws {
        try await TestDatabase.withDatabase { db in
            let importer = RegistryImporter(db: db)
            _ = try await importer.importFile(.jurisdictions, data: Data(ReportFixtures.jurisdictions.utf8), geoJSON: false, fileName: "j.csv", actor: "test")
            let venues = "code,kind,name,address,district,licensed,longitude,latitude\n" + ReportFixtures.cafes("420102", 10) + "\n" + ReportFixtures.cafes("420103", 30)
            _ = try await importer.importFile(.venues, data: Data(venues.utf8), geoJSON: false, fileName: "v.csv", actor: "test")
            let day = Date().addingTimeInterval(-5 * 86_400)
            for k in 0..<5 { try await ReportFixtures.visit(db, "C-420102-\(k)", origin: "RANDOM", violated: k < 2, at: day) }
            for k in 0..<6 { try await ReportFixtures.visit(db, "C-420103-\(k)", origin: "RANDOM", violated: false, at: day) }
            for k in 5..<9 { try await ReportFixtures.visit(db, "C-420102-\(k)", origin: "CAMPAIGN", violated: k < 8, at: day) }
            // A whole second after the registry was loaded (as_of is written in whole seconds).
            let issued = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down) + 2)
            // A late offline submission: made in the window, reaching the server after the brief was issued.
            try await ReportFixtures.visit(db, "C-420103-9", origin: "RANDOM", violated: true, at: day, recorded: issued.addingTimeInterval(5))

            let admin = try await TokenStore(db: db).issue(.init(name: "admin", role: .admin), actor: "test").secret
            let leader = try await TokenStore(db: db).issue(.init(name: "市领导", role: .leader, scope: ["420100"]), actor: "test").secret
            let other = try await TokenStore(db: db).issue(.init(name: "乙区领导", role: .leader, scope: ["420103"]), actor: "test").secret
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                func report(_ token: String?, _ extra: String) async throws -> ComplianceReport {
                    let from = ISODay.format(day.addingTimeInterval(-86_400)), to = ISODay.format(Date().addingTimeInterval(86_400))
                    return try await client.execute(uri: "/v1/reports/compliance?from=\(from)&to=\(to)\(extra)", method: .get, headers: APITests.auth(token)) { r in
                        #expect(r.status == .ok, "\(String(buffer: r.body))")
                        return try APITests.decode(ComplianceReport.self, r.body)
                    }
                }
                let asOf = ISO8601DateFormatter().string(from: issued)
                let brief = try await report(admin, "&as_of=\(asOf)")
                let cafes = try #require(brief.summary.kinds.first { $0.kind == "licensed_cafe" })
                let share = try #require(cafes.share)
                // p = 0.25 × 2/5 + 0.75 × 0/6 = 0.1; var = 0.25² × (1 − 5/10) × 0.4 × 0.6 / 5 = 0.0015; n_eff = 0.09 / 0.0015 = 60.
                #expect(abs(share.estimate - 0.1) < 1e-12 && abs((share.effectiveSample ?? 0) - 60) < 1e-9, "\(share)")
                let (low, high) = Wilson.interval(share: 0.1, n: 60)
                #expect(abs(share.low - low) < 1e-12 && abs(share.high - high) < 1e-12)
                #expect(share.sampled == 11 && share.inViolation == 2, "targeted visits are not in the estimate")
                let a = try #require(cafes.districts.first { $0.district == "420102" })
                #expect(a.venues == 10 && a.share?.sampled == 5 && a.share?.inViolation == 2)
                let campaign = try #require(brief.summary.targeted.first { $0.origin == "campaign" })
                #expect(campaign.visits == 4 && campaign.withViolation == 3 && campaign.rate == 0.75)
                #expect(brief.summary.estimateLabel.contains("random draws only") && brief.summary.targetedLabel.contains("overstate"))

                // Re-run as of the brief: the same figures; now: the late submission shows.
                let again = try await report(admin, "&as_of=\(asOf)")
                #expect(again.summary == brief.summary)
                let later = try await report(admin, "&as_of=\(ISO8601DateFormatter().string(from: issued.addingTimeInterval(10)))")
                #expect(later.summary.kinds.first { $0.kind == "licensed_cafe" }?.share?.sampled == 12)

                // Leaders: counts under 5 withheld (the 4 targeted visits), and only their scope.
                let led = try await report(leader, "&as_of=\(asOf)")
                #expect(led.suppressedBelow == 5 && led.summary.targeted.first { $0.origin == "campaign" }?.suppressed == true)
                #expect(led.summary.kinds.first?.share == share, "5 and 6 checks are shown")
                let theirs = try await report(other, "&as_of=\(asOf)")
                #expect(theirs.summary.kinds.first?.districts.map(\.district) == ["420103"])

                let (status, body) = try await SessionAPITests.status(client, "/v1/reports/compliance?from=2026-01-01", .get, APITests.auth(admin))
                #expect(status == .unprocessableContent && body.contains("\"to\""), "\(body)")
                let (tooMany, why) = try await SessionAPITests.status(client, "/v1/reports/compliance?from=2026-01-01&to=2026-02-01&suppress=1000", .get,
                                                                     APITests.auth(admin))
                #expect(tooMany == .unprocessableContent && why.contains("suppress"), "\(why)")
            }
        }
    }
}
