import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import SweepCore
@testable import SweepServer
import SweepStore
import TestSupport

/// A coordinator hands an inspector of their area a sign-in code from the command line, through the server.
@Suite struct SigninCLITests {
    /// The small demo city, its coordinator's token, and an inspector principal ("现场执法") acting
    /// as the city's first CUL officer, in that officer's district.
    static func cityWithAnInspector(_ db: Database) async throws -> (coordinator: String, officer: String, district: String, inspector: Principal) {
        let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
        let report = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
        let coordinator = try #require(report.tokens.first { $0.principal.role == .coordinator }?.secret)
        var found: (String, String)?
        for try await row in try await db.query("""
            SELECT i.code, j.code FROM inspector i JOIN jurisdiction j ON j.id = i.jurisdiction_id WHERE i.department_code = 'CUL' ORDER BY i.id LIMIT 1
            """).decode((String, String).self) { found = row }
        let (officer, district) = try #require(found)
        let inspector = try await TokenStore(db: db).issue(.init(name: "现场执法", role: .inspector, department: .culture, scope: [district],
                                                                 inspectorCode: officer), actor: "test").principal
        return (coordinator, officer, district, inspector)
    }

    @Test func aCoordinatorPrintsACodeForAnInspectorOfTheirArea() async throws {
        try await TestDatabase.withDatabase { db in
            let (coordinator, officer, _, inspector) = try await Self.cityWithAnInspector(db)
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.live) { client in
                let server = ["--server", "http://127.0.0.1:\(try #require(client.port))", "--token", coordinator]
                var run = try await PlanCLITests.sweep(["signin-code", "--inspector", officer] + server)
                #expect(run.status == 0, "\(run.stderr)")
                let code = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(code.count == 11 && run.stderr.contains("现场执法"), "\(code) \(run.stderr)")
                let signed = try await SessionStore(db: db).signIn(code: code, userAgent: nil)
                #expect(signed.principal.id == inspector.id)
                run = try await PlanCLITests.sweep(["signin-code", "--inspector", "NO-SUCH"] + server)
                #expect(run.status == 65 && run.stderr.contains("NO-SUCH"), "\(run.stderr)")
            }
        }
    }
}
