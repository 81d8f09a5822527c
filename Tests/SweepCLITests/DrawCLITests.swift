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

/// 双随机 from the command line: a random-mode plan draws venues and inspector pairs, `plan draw`
/// shows both halves, and anyone with the published JSON runs it again with `plan verify-draw`.
@Suite struct DrawCLITests {
    @Test func bothHalvesArePublishedAndReproduce() async throws {
        try await TestDatabase.withDatabase { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            let report = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
            let token = try #require(report.tokens.first { $0.principal.role == .coordinator }?.secret)
            let district = try #require(city.jurisdictions.first { $0.level == .district }?.code)
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.live) { client in
                let common = ["--server", "http://127.0.0.1:\(try #require(client.port))", "--token", token]
                let start = ISODay.format(ISODay.parse(CampaignClock.today())!.addingTimeInterval(5 * 86_400))
                var run = try await PlanCLITests.sweep(["campaign", "create", "--name", "双随机抽查", "--jurisdictions", district, "--from", start, "--to", start,
                                                        "--kinds", "licensed_cafe", "--mode", "random", "--format", "json"] + common)
                #expect(run.status == 0, "\(run.stderr)")
                let campaign = try WireCoding.decoder().decode(CampaignRecord.self, from: Data(run.stdout.utf8))
                run = try await PlanCLITests.sweep(["plan", "create", String(campaign.id), "--seed", "2026", "--max-iterations", "100",
                                                    "--allow-unmet-quota", "--format", "json"] + common)
                #expect(run.status == 0, "\(run.stderr)")
                let plan = try WireCoding.decoder().decode(PlanSummary.self, from: Data(run.stdout.utf8))

                run = try await PlanCLITests.sweep(["plan", "draw", String(plan.planId)] + common)
                #expect(run.status == 0 && run.stdout.contains("random draw, seed 2026") && run.stdout.contains("inspectors: "), "\(run.stdout) \(run.stderr)")
                #expect(run.stdout.contains(" + "), "pairs are listed: \(run.stdout)")
                run = try await PlanCLITests.sweep(["plan", "draw", String(plan.planId), "--format", "csv", "--part", "inspectors"] + common)
                #expect(run.status == 0 && run.stdout.hasPrefix("group,department,inspector_id,inspector_code,status") && run.stdout.contains(",drawn"),
                        "\(run.stdout)")

                let file = FileManager.default.temporaryDirectory.appendingPathComponent("draw-\(UUID().uuidString).json")
                defer { try? FileManager.default.removeItem(at: file) }
                run = try await PlanCLITests.sweep(["plan", "draw", String(plan.planId), "--format", "json", "--output", file.path] + common)
                #expect(run.status == 0, "\(run.stderr)")
                run = try await PlanCLITests.sweep(["plan", "verify-draw", file.path])
                #expect(run.status == 0 && run.stdout.contains("reproduced") && run.stdout.contains("seed 2026"), "\(run.stdout) \(run.stderr)")

                // A list changed after publication does not reproduce.
                let text = try String(contentsOf: file, encoding: .utf8)
                try text.replacingOccurrences(of: "\"seed\" : 2026", with: "\"seed\" : 2027").replacingOccurrences(of: "\"seed\": 2026", with: "\"seed\": 2027")
                    .write(to: file, atomically: true, encoding: .utf8)
                run = try await PlanCLITests.sweep(["plan", "verify-draw", file.path])
                #expect(run.status != 0 && run.stderr.contains("does not reproduce"), "\(run.stdout) \(run.stderr)")
            }
        }
    }
}
