import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import SweepAPI
import SweepCore
@testable import SweepServer
import SweepStore
import TestSupport

/// A coordinator pairs an inspector's phone from the command line — the code, the link the phone
/// opens, the QR code of that link — lists the phone and signs it out, and reports a black café the
/// registry lacks. (The route sheet with a code per member is in PlanCLITests.)
@Suite struct PairCLITests {
    @Test func aCoordinatorPairsAPhoneAndPrintsTheCodesOnTheRouteSheet() async throws {
        try await TestDatabase.withDatabase { db in
            let (coordinator, officer, district, inspector) = try await SigninCLITests.cityWithAnInspector(db)
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.live) { client in
                let base = "http://127.0.0.1:\(try #require(client.port))"
                let server = ["--server", base, "--token", coordinator]
                let svg = FileManager.default.temporaryDirectory.appendingPathComponent("pair-\(UUID().uuidString).svg")
                defer { try? FileManager.default.removeItem(at: svg) }
                var run = try await PlanCLITests.sweep(["token", "pair", "--inspector", officer, "--minutes", "20", "--qr", svg.path] + server)
                #expect(run.status == 0, "\(run.stderr)")
                let code = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(code.count == 11, "\(code)")
                #expect(run.stderr.contains("\(base)/app/#pair=\(code)") && run.stderr.contains("现场执法"), "\(run.stderr)")
                #expect(run.stderr.contains("█"), "a QR code drawn in the terminal")
                let picture = try String(contentsOf: svg, encoding: .utf8)
                #expect(picture.contains("<svg") && picture.contains("rect"), "the QR code as SVG")
                let signed = try await SessionStore(db: db).signIn(code: code, userAgent: "phone")
                #expect(signed.principal.id == inspector.id, "the code pairs the inspector's own session")
                let expires = try await Self.scalar(db, "SELECT (extract(epoch FROM expires_at - created_at) / 60)::int FROM signin_code ORDER BY id DESC LIMIT 1")
                #expect(expires == 20, "valid the minutes asked for")

                // The paired phone is listed for the coordinator and signed out with a reason.
                run = try await PlanCLITests.sweep(["token", "devices", "--format", "json"] + server)
                #expect(run.status == 0, "\(run.stderr)")
                let devices = try WireCoding.decoder().decode([BrowserSessionRecord].self, from: Data(run.stdout.utf8))
                #expect(devices.map(\.id) == [signed.sessionId] && devices.first?.userAgent == "phone")
                run = try await PlanCLITests.sweep(["token", "unpair", String(signed.sessionId), "--reason", "手机遗失"] + server)
                #expect(run.status == 0, "\(run.stderr)")
                run = try await PlanCLITests.sweep(["token", "devices"] + server)
                #expect(run.status == 0 && !run.stdout.contains(String(signed.sessionId) + " "), "signed out, no longer listed: \(run.stdout)")

                // A black café found on the way, reported from the command line where it is.
                var place: (Double, Double)?
                for try await row in try await db.query("""
                    SELECT ST_X(v.location::geometry), ST_Y(v.location::geometry) FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
                    WHERE j.code = \(district) AND v.location IS NOT NULL ORDER BY v.id LIMIT 1
                    """).decode((Double, Double).self) { place = row }
                let (lon, lat) = try #require(place)
                let report = UUID().uuidString
                for expected in ["registered", "registered"] {
                    run = try await PlanCLITests.sweep(["venues", "report-suspected", "--name", "无招牌网吧", "--lon", String(lon), "--lat", String(lat + 0.0004),
                                                        "--report-id", report, "--format", "json"] + server)
                    #expect(run.status == 0, "\(expected): \(run.stderr)")
                }
                let venueCode = "FIELD-" + report.replacingOccurrences(of: "-", with: "").prefix(12).uppercased()
                #expect(try await Self.scalar(db, "SELECT count(*)::int FROM venue WHERE code = '\(venueCode)' AND NOT licensed AND status = 'unknown'") == 1,
                        "registered once for two calls with one report id")

                run = try await PlanCLITests.sweep(["token", "pair"] + server)
                #expect(run.status != 0 && run.stderr.contains("--inspector"), "\(run.stderr)")
                run = try await PlanCLITests.sweep(["token", "pair", "--inspector", "NO-SUCH"] + server)
                #expect(run.status == 65 && run.stderr.contains("NO-SUCH"), "\(run.stderr)")
            }
        }
    }

    static func scalar(_ db: Database, _ sql: String) async throws -> Int {
        var n = 0
        for try await v in try await db.query(PostgresQuery(unsafeSQL: sql)).decode(Int.self) { n = v }
        return n
    }
}
