import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SweepCore
@testable import SweepServer
import SweepStore
import TestSupport

/// Inspector and handler commands through the real binary against a live server.
@Suite struct FindingsCLITests {
    @Test func submitTwiceUploadEvidenceListOverdueCasesAndRecordATip() async throws {
        try await TestDatabase.withDatabase { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            let report = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
            let inspector = try #require(report.tokens.first { $0.principal.role == .inspector }?.secret)
            let coordinator = try #require(report.tokens.first { $0.principal.role == .coordinator }?.secret)
            let handler = try await TokenStore(db: db).issue(.init(name: "文化", role: .handler, department: .culture), actor: "test").secret
            var found: Int64 = 0
            for try await id in try await db.query("SELECT id FROM venue WHERE kind = 'internet_cafe' ORDER BY id LIMIT 1").decode(Int64.self) { found = id }
            let venue = found
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.live) { client in
                let server = ["--server", "http://127.0.0.1:\(try #require(client.port))"]
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: dir) }

                let photo = dir.appendingPathComponent("现场.jpg")
                try Data([0xFF, 0xD8, 0xFF] + Array(repeating: UInt8(1), count: 500)).write(to: photo)
                var run = try await PlanCLITests.sweep(["evidence", "upload", photo.path, "--token", inspector] + server)
                #expect(run.status == 0, "\(run.stderr)")
                let sha = run.stdout
                #expect(sha.count == 64)

                let iso = ISO8601DateFormatter()
                // Fifty days late, with an on-the-spot deadline long passed: an overdue case.
                let at = Date().addingTimeInterval(-50 * 86_400)
                let file = dir.appendingPathComponent("visit.json")
                try """
                {"submission_id": "\(UUID().uuidString)", "venue_id": \(venue), "origin": "CAMPAIGN", "unplanned_reason": "途中发现",
                 "arrived_at": "\(iso.string(from: at))", "departed_at": "\(iso.string(from: at.addingTimeInterval(1200)))", "outcome": "inspected",
                 "minors": {"count": 1, "from16to17": 1},
                 "findings": [{"department": "CUL", "facts": "接纳未成年人", "violations": [{"code": "CAFE_MINOR_ADMITTED"}], "evidence": ["\(sha)"],
                               "measures": [{"kind": "order_to_correct", "deadline": "\(ISODay.format(at.addingTimeInterval(5 * 86_400)))"}]}]}
                """.write(to: file, atomically: true, encoding: .utf8)
                run = try await PlanCLITests.sweep(["submit", file.path, "--token", inspector] + server)
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.stdout.contains("stored"))
                #expect(run.stdout.contains("CAFE_MINOR_ADMITTED → case"))
                run = try await PlanCLITests.sweep(["submit", file.path, "--token", inspector] + server)
                #expect(run.status == 0)
                #expect(run.stdout.contains("already stored"))

                run = try await PlanCLITests.sweep(["case", "list", "--overdue", "--limit", "5", "--format", "csv", "--token", handler] + server)
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.stdout.split(separator: "\n").count > 1)

                run = try await PlanCLITests.sweep(["tip", "add", "--channel", "12318", "--text", "我是家长，电话13800001111，学校旁边的网吧通宵接待学生",
                                                    "--token", coordinator] + server)
                #expect(run.status == 0, "\(run.stderr)")
                #expect(!run.stdout.contains("13800001111"))
                #expect(run.stdout.contains("removed"))

                let bad = dir.appendingPathComponent("bad.json")
                try #"{"submission_id": "not-a-uuid"}"#.write(to: bad, atomically: true, encoding: .utf8)
                run = try await PlanCLITests.sweep(["submit", bad.path, "--token", inspector] + server)
                #expect(run.status == 65)
                #expect(run.stderr.contains("submission_id"))
            }
        }
    }
}
