import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import SweepCore
@testable import SweepServer
import SweepStore
import TestSupport

/// A coordinator registers a black café found on a raid next to one closed last month, corrects it,
/// licenses another venue and adds a school from the command line; an admin widens the radius.
@Suite struct RegistryMaintenanceCLITests {
    @Test func registerCorrectLicenceAndAddASchool() async throws {
        let target = try await TestDatabase.makeDatabase()
        defer { Task { await TestDatabase.drop(target) } }
        let env = CLITests.environment(for: target)
        try await DatabaseRunner.withDatabase(target, logger: TestDatabase.logger) { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            let report = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
            let coordinator = try #require(report.tokens.first { $0.principal.role == .coordinator }?.secret)
            var found: (String, Double, Double)?
            for try await row in try await db.query("""
                SELECT j.code, ST_X(v.location::geometry), ST_Y(v.location::geometry) FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
                WHERE j.level = 'district' AND v.location IS NOT NULL ORDER BY v.id LIMIT 1
                """).decode((String, Double, Double).self) { found = row }
            let (district, lon, lat) = try #require(found)
            let far = lat + 0.3
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.live) { client in
                let server = ["--server", "http://127.0.0.1:\(try #require(client.port))", "--token", coordinator]
                func register(_ code: String, _ latitude: Double) async throws -> CLITests.Run {
                    try await PlanCLITests.sweep(["venues", "register", "--code", code, "--kind", "internet_cafe", "--name", "无名网吧", "--address", "某巷 3 号",
                                                  "--district", district, "--unlicensed", "--lon", String(lon), "--lat", String(latitude),
                                                  "--reason", "突击检查发现"] + server)
                }
                var run = try await register("V-CLI-OLD", far)
                #expect(run.status == 0 && run.stdout.contains("registered: V-CLI-OLD"), "\(run.stderr)")
                let old = try #require(run.stdout.components(separatedBy: "venue ").dropFirst().first?.split(separator: " ").first.map(String.init))
                let closedOn = ISODay.format(Date().addingTimeInterval(-20 * 86_400))
                run = try await PlanCLITests.sweep(["venues", "close", old, "--on", closedOn, "--reason", "取缔"] + server)
                #expect(run.status == 0, "\(run.stderr)")

                run = try await register("V-CLI-NEW", far + 350 / 111_195)
                #expect(run.status == 0 && !run.stdout.contains("relocation:"), "350 m is beyond 300 m: \(run.stdout)")
                run = try await PlanCLITests.sweep(["jurisdiction", "relocation", district, "--relocation-radius-m", "20000", "--reason", "x"], environment: env)
                #expect(run.status == 65 && run.stderr.contains("10–5000"), "\(run.stderr)")
                run = try await PlanCLITests.sweep(["jurisdiction", "relocation", district, "--relocation-radius-m", "500", "--reason", "城中村密集"], environment: env)
                #expect(run.status == 0 && run.stdout.contains("relocation_radius_m"), "\(run.stderr)")
                run = try await register("V-CLI-NEXT", far + 380 / 111_195)
                #expect(run.status == 0 && run.stdout.contains("relocation:") && run.stdout.contains("from V-CLI-OLD"), "\(run.stdout) \(run.stderr)")
                let next = try #require(run.stdout.components(separatedBy: "venue ").dropFirst().first?.split(separator: " ").first.map(String.init))

                run = try await PlanCLITests.sweep(["venues", "correct", next, "--name", "地下网吧", "--reason", "现场核实店名"] + server)
                #expect(run.status == 0 && run.stdout.contains("corrected: name"), "\(run.stderr)")
                run = try await PlanCLITests.sweep(["venues", "show", next] + server)
                #expect(run.stdout.contains("probably continues V-CLI-OLD") && run.stdout.contains("name: 无名网吧 → 地下网吧"), "\(run.stdout)")

                run = try await PlanCLITests.sweep(["venues", "issue-licence", old, "--type", "network_culture", "--number", "NC-CLI-1", "--issuer", "XYZ",
                                                    "--reason", "补录"] + server)
                #expect(run.status != 0 && run.stderr.contains("issuer"), "\(run.stderr)")
                run = try await PlanCLITests.sweep(["venues", "issue-licence", old, "--type", "network_culture", "--number", "NC-CLI-1", "--issuer", "CUL",
                                                    "--valid-from", "2026-01-01", "--reason", "补录"] + server)
                #expect(run.status == 0 && run.stdout.contains("NC-CLI-1"), "\(run.stderr)")

                run = try await PlanCLITests.sweep(["schools", "add", "--code", "S-CLI-1", "--name", "新村小学", "--kind", "primary", "--district", district,
                                                    "--lon", String(lon), "--lat", String(far), "--reason", "新建学校"] + server)
                #expect(run.status == 0 && run.stdout.contains("S-CLI-1"), "\(run.stderr)")
                run = try await PlanCLITests.sweep(["schools", "add", "--code", "S-CLI-2", "--name", "x", "--kind", "primary", "--district", district,
                                                    "--lon", String(lon), "--reason", "x"] + server)
                #expect(run.status == 65 && run.stderr.contains("--lat"), "\(run.stderr)")
            }
        }
    }

    @Test func aRefreshShowsItsDiffBeforeWritingIt() async throws {
        let target = try await TestDatabase.makeDatabase()
        defer { Task { await TestDatabase.drop(target) } }
        let env = CLITests.environment(for: target)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refresh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let j = folder.appendingPathComponent("j.csv"), first = folder.appendingPathComponent("v.csv"), next = folder.appendingPathComponent("v2.csv")
        let header = "code,kind,name,address,district,licensed,longitude,latitude,licence_type,licence_number,licence_issuer"
        try "code,name,level,parent\n420000,湖北省,province,\n420100,江城市,city,420000\n420102,江岸区,district,420100\n"
            .write(to: j, atomically: true, encoding: .utf8)
        try """
            \(header)
            V-1,internet_cafe,星际网咖,解放大道1号,420102,true,114.30,30.60,network_culture,WH-0001,CUL
            V-2,internet_cafe,银河网咖,解放大道2号,420102,true,114.31,30.60,network_culture,WH-0002,CUL
            """.write(to: first, atomically: true, encoding: .utf8)
        try """
            \(header)
            V-1,internet_cafe,星际电竞,解放大道1号,420102,true,114.30,30.60,network_culture,WH-0001,CUL
            V-5,internet_cafe,新星网咖,解放大道5号,420102,true,114.33,30.62,network_culture,WH-0005,CUL
            """.write(to: next, atomically: true, encoding: .utf8)
        var run = try await CLITests.sweep(["import", "jurisdictions", j.path], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        run = try await CLITests.sweep(["import", "venues", first.path], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        run = try await CLITests.sweep(["import", "venues", next.path], environment: env)
        #expect(run.status == 65 && run.stderr.contains("already exists"), "insert mode never overwrites: \(run.stderr)")
        run = try await CLITests.sweep(["import", "schools", next.path, "--mode", "upsert"], environment: env)
        #expect(run.status == 65 && run.stderr.contains("--mode"), "\(run.stderr)")
        run = try await CLITests.sweep(["import", "venues", next.path, "--mode", "upsert", "--dry-run"], environment: env)
        #expect(run.status == 0 && run.stdout.contains("added 1, changed 1, closed 1, unchanged 0") && run.stdout.contains("closed   V-2"), "\(run.stdout)")
        #expect(run.stderr.contains("nothing was written"))
        run = try await CLITests.sweep(["import", "venues", next.path, "--mode", "upsert"], environment: env)
        #expect(run.status == 0 && run.stderr.contains("refreshed venues"), "\(run.stderr)")
        run = try await CLITests.sweep(["import", "venues", next.path, "--mode", "upsert", "--dry-run"], environment: env)
        #expect(run.stdout.contains("added 0, changed 0, closed 0, unchanged 2"), "\(run.stdout)")
    }
}
