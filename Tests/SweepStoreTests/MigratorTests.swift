import Foundation
import Testing
import SweepCore
import TestSupport
@testable import SweepStore

@Suite struct MigratorTests {
    @Test func bundleHoldsEverySQLFileOfTheRepository() throws {
        let repo = try FileManager.default.contentsOfDirectory(atPath: TestDatabase.packageRoot + "/sql").filter { $0.hasSuffix(".sql") }.sorted()
        let bundled = try MigrationFile.load(from: MigrationFile.defaultDirectory()).map(\.fileName)
        #expect(bundled == repo)
        #expect(bundled.first == "0001_registry.sql")
    }

    @Test func migratedDatabaseHasNothingPendingAndRerunIsANoOp() async throws {
        try await TestDatabase.withDatabase { db in
            let migrator = try Migrator.bundled()
            let state = try await migrator.state(db)
            #expect(state.pending.isEmpty)
            #expect(state.applied.count == migrator.files.count)
            #expect(try await migrator.migrate(db).isEmpty)
            try await migrator.requireCurrent(db)
        }
    }

    @Test func editedAppliedMigrationIsRefusedByName() async throws {
        try await TestDatabase.withDatabase { db in
            var files = try Migrator.bundled().files
            files[1] = MigrationFile(version: files[1].version, fileName: files[1].fileName, sql: files[1].sql + "\n-- edited\n")
            do {
                _ = try await Migrator(files: files).migrate(db)
                Issue.record("an edited migration was accepted")
            } catch let error as SweepError {
                #expect(error.description.contains("migration \(files[1].fileName) was edited after it was applied"))
            }
        }
    }

    @Test func newMigrationIsAppliedAndAServerWouldRefuseBeforeIt() async throws {
        try await TestDatabase.withDatabase { db in
            var files = try Migrator.bundled().files
            files.append(MigrationFile(version: 9999, fileName: "9999_probe.sql", sql: "CREATE TABLE probe (id int); INSERT INTO probe VALUES (1);"))
            let migrator = Migrator(files: files)
            await #expect(throws: SweepError.self) { try await migrator.requireCurrent(db) }
            let dry = try await migrator.migrate(db, dryRun: true)
            #expect(dry.map(\.fileName) == ["9999_probe.sql"])
            #expect(try await migrator.migrate(db).map(\.fileName) == ["9999_probe.sql"])
            try await migrator.requireCurrent(db)
            let rows = try await db.query("SELECT count(*) FROM probe")
            for try await count in rows.decode(Int64.self) { #expect(count == 1) }
        }
    }

    @Test func failingMigrationLeavesNothingBehind() async throws {
        try await TestDatabase.withDatabase { db in
            var files = try Migrator.bundled().files
            files.append(MigrationFile(version: 9998, fileName: "9998_broken.sql", sql: "CREATE TABLE half (id int);\nSELECT no_such_function();"))
            await #expect(throws: SweepError.self) { try await Migrator(files: files).migrate(db) }
            let rows = try await db.query("SELECT to_regclass('half') IS NULL")
            for try await gone in rows.decode(Bool.self) { #expect(gone) }
        }
    }
}
