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

/// Coordinator commands through the real binary against a live server on the small demo city,
/// and `sweep bench plan` with its instance/plan files.
@Suite struct PlanCLITests {
    static func sweep(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> CLITests.Run {
        try await CLITests.sweep(arguments, environment: environment)
    }

    /// The route sheet of a dispatched sweep with a pairing QR code per member who has an account,
    /// and a note for the one who has none.
    static func pairingCodesOnTheRouteSheet(_ db: Database, plan: Int64, city: String, _ common: [String]) async throws {
        var members: [(sweep: Int64, code: String, name: String, department: String, hasAccount: Bool)] = []
        for try await row in try await db.query("""
            SELECT s.id, i.code, i.name, i.department_code, EXISTS (SELECT 1 FROM principal p WHERE p.inspector_id = i.id)
            FROM sweep s JOIN sweep_member m ON m.sweep_id = s.id JOIN inspector i ON i.id = m.inspector_id
            WHERE s.plan_id = \(plan) AND s.status = 'dispatched'
              AND s.id = (SELECT min(id) FROM sweep WHERE plan_id = \(plan) AND status = 'dispatched' AND (SELECT count(*) FROM sweep_member WHERE sweep_id = sweep.id) >= 2)
            ORDER BY i.code
            """).decode((Int64, String, String, String, Bool).self) { members.append(row) }
        try #require(members.count >= 2, "a dispatched sweep with two members")
        let without = try #require(members.last { !$0.hasAccount }, "a member without an account")
        let withAccount = members.filter { $0.code != without.code }
        for m in withAccount where !m.hasAccount {
            _ = try await TokenStore(db: db).issue(.init(name: m.name, role: .inspector, department: DepartmentCode(rawValue: m.department), scope: [city],
                                                         inspectorCode: m.code), actor: "test")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-pairing.html").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let codesBefore = try await Self.scalar(db, "SELECT count(*)::int FROM signin_code")
        let run = try await Self.sweep(["token", "pair", "--plan", String(plan), "--sweep", String(members[0].sweep), "--route-sheet", file, "--minutes", "720"] + common)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.contains("手机配对 Pair the phones"))
        #expect(html.components(separatedBy: "class=\"pair\"").count - 1 == members.count, "a card per member")
        for m in withAccount { #expect(html.contains(m.name)) }
        #expect(html.contains("无账号") && html.contains(without.code), "the member without an account is named, with what to do")
        #expect(try await Self.scalar(db, "SELECT count(*)::int FROM signin_code") == codesBefore + withAccount.count, "one code per member with an account")
        #expect(run.stderr.contains("for \(withAccount.count) of \(members.count) members"), "\(run.stderr)")
    }

    static func scalar(_ db: Database, _ sql: String) async throws -> Int {
        var n = 0
        for try await v in try await db.query(PostgresQuery(unsafeSQL: sql)).decode(Int.self) { n = v }
        return n
    }

    @Test func coordinatorPlansApprovesDispatchesAndPrintsRouteSheets() async throws {
        try await TestDatabase.withDatabase { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            let report = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
            let token = try #require(report.tokens.first { $0.principal.role == .coordinator }?.secret)
            let cityCode = try #require(city.jurisdictions.first { $0.level == .city }?.code)
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let common = ["--server", "http://127.0.0.1:\(port)", "--token", token]
                let start = ISODay.format(ISODay.parse(CampaignClock.today())!.addingTimeInterval(5 * 86_400))
                let end = ISODay.format(ISODay.parse(start)!.addingTimeInterval(86_400))
                var run = try await Self.sweep(["campaign", "create", "--name", "寒假专项 winter sweep", "--jurisdictions", cityCode,
                                                "--from", start, "--to", end, "--format", "json"] + common)
                #expect(run.status == 0, "\(run.stderr)")
                let campaign = try WireCoding.decoder().decode(CampaignRecord.self, from: Data(run.stdout.utf8))

                run = try await Self.sweep(["plan", "create", String(campaign.id), "--seed", "42", "--max-iterations", "200",
                                            "--allow-unmet-quota", "--format", "json"] + common)
                #expect(run.status == 0, "\(run.stderr)")
                let plan = try WireCoding.decoder().decode(PlanSummary.self, from: Data(run.stdout.utf8))
                #expect(plan.seed == 42)

                run = try await Self.sweep(["plan", "show", String(plan.planId), "--report"] + common)
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.stdout.contains("upper bound"))
                #expect(run.stdout.contains("sweep "))

                run = try await Self.sweep(["plan", "dispatch", String(plan.planId)] + common)
                #expect(run.status == 1)
                #expect(run.stderr.contains("approve"))
                run = try await Self.sweep(["plan", "approve", String(plan.planId)] + common)
                #expect(run.status == 0, "\(run.stderr)")
                run = try await Self.sweep(["plan", "dispatch", String(plan.planId), "--day", start] + common)
                #expect(run.status == 0, "\(run.stderr)")

                try await Self.pairingCodesOnTheRouteSheet(db, plan: plan.planId, city: cityCode, common)

                let sheet = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-route.html").path
                run = try await Self.sweep(["plan", "route-sheet", String(plan.planId), "--output", sheet] + common)
                #expect(run.status == 0, "\(run.stderr)")
                let html = try String(contentsOfFile: sheet, encoding: .utf8)
                #expect(html.contains("<svg"))
                try? FileManager.default.removeItem(atPath: sheet)

                run = try await Self.sweep(["plan", "csv", String(plan.planId)] + common)
                #expect(run.stdout.split(separator: "\n").count == plan.stops + 1)

                // The first day's sweeps are out: everything they hold is pending until visits arrive.
                run = try await Self.sweep(["plan", "progress", String(plan.planId), "--by", "kind", "--format", "csv"] + common)
                #expect(run.status == 0, "\(run.stderr)")
                let total = run.stdout.split(separator: "\n").last.map { $0.split(separator: ",").map(String.init) } ?? []
                #expect(total.first == "total" && total.count == 10 && total[1] == total[7] && Int(total[1]) ?? 0 > 0, "\(run.stdout)")
                // A brief issued now, compared later: nothing has changed since.
                run = try await Self.sweep(["report", "progress", "--campaign", String(plan.campaignId), "--format", "json"] + common)
                #expect(run.status == 0, "\(run.stderr)")
                let issued = try WireCoding.decoder().decode(ProgressReport.self, from: Data(run.stdout.utf8))
                run = try await Self.sweep(["report", "changes", "--campaign", String(plan.campaignId), "--since", issued.asOf, "--format", "csv"] + common)
                #expect(run.status == 0 && run.stdout.contains("visited,") && !run.stdout.contains(",yes"), "\(run.stdout) \(run.stderr)")
                run = try await Self.sweep(["plan", "progress", String(plan.planId), "--campaign", "1"] + common)
                #expect(run.status == 64, "a plan or a campaign, not both")
                run = try await Self.sweep(["campaign", "close", String(plan.campaignId), "--reason", "行动结束"] + common)
                #expect(run.status == 1 && run.stderr.contains("still has work"), "a campaign with sweeps out stays open: \(run.stderr)")

                run = try await Self.sweep(["campaign", "create", "--name", "x", "--jurisdictions", "nowhere", "--from", start, "--to", end] + common)
                #expect(run.status == 65)
                #expect(run.stderr.contains("jurisdictions"))
            }
        }
    }

    @Test func benchWritesInstancesAndEvaluatesPlans() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var run = try await Self.sweep(["bench", "plan", "--sizes", "tiny", "--seeds", "3", "--write", dir, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"exact_optimum\""))
        let instance = dir + "/tiny-3-instance.json", plan = dir + "/tiny-3-plan.json"
        run = try await Self.sweep(["bench", "plan", "--evaluate", instance, "--plan", plan])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("feasible: yes"))

        // Another solver's plan that visits one target twice is infeasible, and says why.
        var solution = try RoutingJSON.decodeSolution(try Data(contentsOf: URL(fileURLWithPath: plan)))
        let first = try #require(solution.routes.first { !$0.isEmpty }?.first)
        solution.routes[solution.routes.count - 1].append(first)
        try RoutingJSON.encode(solution).write(to: URL(fileURLWithPath: plan))
        run = try await Self.sweep(["bench", "plan", "--evaluate", instance, "--plan", plan])
        #expect(run.status == 1)
        #expect(run.stdout.contains("feasible: NO"))

        try Data(#"{"format_version": 1, "targets": "many"}"#.utf8).write(to: URL(fileURLWithPath: instance))
        run = try await Self.sweep(["bench", "plan", "--evaluate", instance, "--plan", plan])
        #expect(run.status == 65)
        #expect(run.stderr.contains("targets"))
    }
}
