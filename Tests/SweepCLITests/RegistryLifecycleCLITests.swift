import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import SweepCore
@testable import SweepServer
import SweepStore
import TestSupport

/// A coordinator closes a venue and changes a licence from the command line; the feed reports both.
@Suite struct RegistryLifecycleCLITests {
    @Test func closeShowSuspendAndReadTheFeed() async throws {
        try await TestDatabase.withDatabase { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            let report = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
            let coordinator = try #require(report.tokens.first { $0.principal.role == .coordinator }?.secret)
            var found: (Int64, Int64)?
            for try await row in try await db.query("""
                SELECT v.id, min(l.id) FROM venue v JOIN licence l ON l.venue_id = v.id WHERE v.status = 'open' GROUP BY v.id ORDER BY v.id LIMIT 1
                """).decode((Int64, Int64).self) { found = row }
            let (venue, licence) = try #require(found)
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.live) { client in
                let server = ["--server", "http://127.0.0.1:\(try #require(client.port))", "--token", coordinator]
                var run = try await PlanCLITests.sweep(["events", "--format", "json"] + server)
                #expect(run.status == 0, "\(run.stderr)")
                // Nothing has happened yet: no cursor, so the next read starts from the beginning.
                let start = run.stderr.contains("--after ") ? run.stderr.components(separatedBy: "--after ").last?.trimmingCharacters(in: .whitespacesAndNewlines) : nil
                run = try await PlanCLITests.sweep(["venues", "close", String(venue), "--on", "2026-12-01"] + server)
                #expect(run.status != 0 && run.stderr.contains("--reason"), "a reason is required: \(run.stderr)")
                run = try await PlanCLITests.sweep(["venues", "close", String(venue), "--on", "2026-12-01", "--reason", "经营者歇业"] + server)
                #expect(run.status == 0 && run.stdout.contains("closed since 2026-12-01"), "\(run.stderr)")
                run = try await PlanCLITests.sweep(["venues", "licence", String(licence), "--status", "suspended", "--until", "2027-01-31",
                                                    "--reason", "停业整顿"] + server)
                #expect(run.status == 0, "\(run.stderr)")
                run = try await PlanCLITests.sweep(["venues", "show", String(venue)] + server)
                #expect(run.stdout.contains("closed:    since 2026-12-01: 经营者歇业") && run.stdout.contains("licence_suspended licence #\(licence) until 2027-01-31"),
                        "\(run.stdout)")
                // Events show once older writing transactions (other tests seeding cities) have ended.
                let deadline = Date().addingTimeInterval(60)
                repeat {
                    run = try await PlanCLITests.sweep(["events", "--format", "csv"] + (start.map { ["--after", $0] } ?? []) + server)
                    if run.stdout.contains("licence.suspended") { break }
                    try await Task.sleep(for: .milliseconds(500))
                } while Date() < deadline
                #expect(run.status == 0 && run.stdout.contains("venue.closed") && run.stdout.contains("licence.suspended"), "\(run.stdout) \(run.stderr)")

                // A tip that led to nowhere is closed with the feedback its hotline receives.
                run = try await PlanCLITests.sweep(["tip", "add", "--channel", "12345", "--reference", "RX-9", "--text", "疑似黑网吧"] + server)
                let tip = try #require(run.stdout.split(separator: " ").dropFirst().first.map(String.init), "\(run.stderr)")
                run = try await PlanCLITests.sweep(["tip", "close", tip, "--outcome", "maybe", "--feedback", "x"] + server)
                #expect(run.status == 65 && run.stderr.contains("--outcome"))
                run = try await PlanCLITests.sweep(["tip", "close", tip, "--outcome", "unfounded", "--feedback", "经核查未发现"] + server)
                #expect(run.status == 0 && run.stdout.contains("tip \(tip) unfounded"), "\(run.stdout) \(run.stderr)")

                // An inspector leaves the roster and comes back.
                var officer = ""
                for try await code in try await db.query("SELECT code FROM inspector WHERE active ORDER BY id LIMIT 1").decode(String.self) { officer = code }
                run = try await PlanCLITests.sweep(["roster", "status", officer, "--active", "false", "--reason", "长期病假"] + server)
                #expect(run.status == 0 && run.stdout.contains("\(officer): inactive"), "\(run.stdout) \(run.stderr)")
                run = try await PlanCLITests.sweep(["roster", "status", officer, "--active", "false", "--reason", "again"] + server)
                #expect(run.status == 1 && run.stderr.contains("already inactive"), "\(run.stderr)")

                // The near-repeat test over the demo's last half year, with its seed said.
                run = try await PlanCLITests.sweep(["heatmap", "near-repeat", "--from", "2026-06", "--to", "2026-12", "--kind", "internet_cafe",
                                                    "--permutations", "99", "--seed", "5"] + server)
                #expect(run.status == 0 && run.stdout.contains("violation visits") && run.stdout.contains("seed 5"), "\(run.stdout) \(run.stderr)")
                run = try await PlanCLITests.sweep(["heatmap", "near-repeat", "--from", "2026-06", "--to", "2026-12", "--days", "0"] + server)
                #expect(run.status == 65 && run.stderr.contains("days"), "\(run.stderr)")
            }
        }
    }
}
