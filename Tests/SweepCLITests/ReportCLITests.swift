import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import SweepCore
@testable import SweepServer
import SweepStore
import TestSupport

/// On the demo city, `sweep report compliance` estimates what the generator's random checks find,
/// and its interval covers the prevalence the generator used.
@Suite struct ReportCLITests {
    @Test func theDemoEstimateCoversTheGeneratorsPrevalence() async throws {
        try await TestDatabase.withDatabase { db in
            let now = Date()
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: now)
            let report = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
            let leader = try #require(report.tokens.first { $0.principal.role == .leader }?.secret)
            let truth = try #require(report.randomCheckPrevalence["licensed_cafe"])
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.live) { client in
                let server = ["--server", "http://127.0.0.1:\(try #require(client.port))", "--token", leader]
                let from = ISODay.format(now.addingTimeInterval(-365 * 86_400)), to = ISODay.format(now.addingTimeInterval(86_400))
                var run = try await PlanCLITests.sweep(["report", "compliance", "--from", from, "--to", to] + server)
                #expect(run.status == 0 && run.stdout.contains("random draws only") && run.stdout.contains("overstate"), "\(run.stdout) \(run.stderr)")
                run = try await PlanCLITests.sweep(["report", "compliance", "--from", from, "--to", to, "--format", "csv"] + server)
                let all = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("licensed_cafe,all,") }, "\(run.stdout)")
                let cells = all.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let (low, high) = (Double(cells[6]) ?? -1, Double(cells[7]) ?? -1)
                #expect(low <= truth * 100 && truth * 100 <= high, "the interval \(low)–\(high) % covers the generator's \(truth * 100) %")
                run = try await PlanCLITests.sweep(["report", "departments", "--from", from, "--to", to] + server)
                #expect(run.status == 0 && run.stdout.contains("CUL") && run.stdout.contains("days_to_decision:"), "\(run.stdout) \(run.stderr)")
                run = try await PlanCLITests.sweep(["report", "compliance", "--campaign", "1", "--from", from] + server)
                #expect(run.status == 65 && run.stderr.contains("campaign"), "\(run.stderr)")
            }
        }
    }
}
