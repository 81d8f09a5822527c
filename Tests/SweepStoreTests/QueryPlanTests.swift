import Foundation
import PostgresNIO
import Testing
import SweepCore
import TestSupport
@testable import SweepStore

/// Queries that would scan at province scale use an index and stop at their LIMIT; derived
/// columns agree with Core; the migration ledger is read without being written.
@Suite struct QueryPlanTests {
    /// The plan PostgreSQL would choose when it may neither scan a whole table nor sort: it exists
    /// only when an index serves the query's filter and order.
    static func indexOnlyPlan(_ query: PostgresQuery, on db: Database) async throws -> String {
        try await plan(query, on: db, disabling: ["enable_seqscan", "enable_sort", "enable_bitmapscan"])
    }

    /// The plan PostgreSQL would choose with the named planner methods switched off.
    static func plan(_ query: PostgresQuery, on db: Database, disabling methods: [String]) async throws -> String {
        try await db.transaction { conn in
            for method in methods { try await conn.query(PostgresQuery(unsafeSQL: "SET LOCAL \(method) = off"), logger: db.logger) }
            var lines: [String] = []
            for try await line in try await conn.query(PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds), logger: db.logger)
                .decode(String.self) { lines.append(line) }
            return lines.joined(separator: "\n")
        }
    }

    static func int(_ db: Database, _ sql: String) async throws -> Int {
        var n = 0
        for try await v in try await db.query(PostgresQuery(unsafeSQL: sql)).decode(Int.self) { n = v }
        return n
    }

    @Test func overdueAndDueSoonListsWalkTheDueIndexUpToTheirLimit() async throws {
        try await TestDatabase.withDatabase { db in
            var filter = CaseFilter()
            filter.overdueOnly = true
            filter.limit = 50
            let overdue = try await Self.indexOnlyPlan(CaseStore.listQuery(filter, now: Date()), on: db)
            #expect(overdue.contains("case_file_next_due_idx"), "\(overdue)")
            #expect(overdue.hasPrefix("Limit"), "\(overdue)")
            #expect(!overdue.contains("Sort"), "\(overdue)")
            filter.overdueOnly = false
            filter.dueWithinDays = 7
            let soon = try await Self.indexOnlyPlan(CaseStore.listQuery(filter, now: Date()), on: db)
            #expect(soon.contains("case_file_next_due_idx") && soon.hasPrefix("Limit"), "\(soon)")
        }
    }

    @Test func deletingSweepStopsAndFindingTipsByCaseUseIndexes() async throws {
        try await TestDatabase.withDatabase { db in
            // What the foreign-key check runs when a repair deletes a stop.
            let stops = try await Self.indexOnlyPlan("SELECT 1 FROM inspection WHERE sweep_stop_id = \(Int64(5))", on: db)
            #expect(stops.contains("inspection_sweep_stop_idx"), "\(stops)")
            let tips = try await Self.indexOnlyPlan("SELECT id FROM tip WHERE case_id = \(Int64(5))", on: db)
            #expect(tips.contains("tip_case_idx"), "\(tips)")
            let byStatus = try await Self.indexOnlyPlan("SELECT id FROM tip WHERE status = 'triaged' ORDER BY received_at LIMIT 10", on: db)
            #expect(byStatus.contains("tip_status_idx"), "\(byStatus)")
        }
    }

    /// A case carries its venue's district (sql/0019) from every write path, and moves with the venue.
    @Test func casesKeepTheirVenuesDistrict() async throws {
        try await TestDatabase.withDatabase { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            _ = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
            let stray = "SELECT count(*)::int FROM case_file c JOIN venue v ON v.id = c.venue_id WHERE c.jurisdiction_id <> v.jurisdiction_id"
            #expect(try await Self.int(db, stray) == 0)
            #expect(try await Self.int(db, "SELECT count(*)::int FROM case_file WHERE decided_at IS NOT NULL") > 100,
                    "the demo's cases carry decisions for the evaluation")
            try await db.query("""
                UPDATE venue SET jurisdiction_id = (SELECT min(id) FROM jurisdiction WHERE level = 'district' AND id <> venue.jurisdiction_id)
                WHERE id = (SELECT venue_id FROM case_file GROUP BY venue_id ORDER BY count(*) DESC LIMIT 1)
                """)
            #expect(try await Self.int(db, stray) == 0, "the cases moved with their venue")
            try await db.query("INSERT INTO case_file (venue_id, violation_code, department_code, opened_at) SELECT id, 'CAFE_HOURS', 'CUL', now() FROM venue LIMIT 1")
            #expect(try await Self.int(db, stray) == 0, "a case written row by row gets its district too")
        }
    }

    /// The department evaluation reads the cases it counts from covering indexes, with no join: the
    /// partial months by opening time, the whole months' open cases from the partial index.
    @Test func theDepartmentEvaluationScansOnlyItsIndexes() async throws {
        try await TestDatabase.withDatabase { db in
            let now = ISODay.parse("2026-11-26")!
            _ = try await DemoSeeder(db: db).seed(DemoCityGenerator.generate(scale: .small, seed: 11, now: now), scale: "small", seed: 11, actor: "test")
            try await db.query("VACUUM ANALYZE case_file")
            let from = ISODay.parse("2025-11-17")!
            let kept = DepartmentReader.keptMonths(from: from, to: now, asOf: now, cut: ISODay.parse("2026-11-20")!)
            #expect(kept.map { [ISODay.format($0.from), ISODay.format($0.to)] } == ["2025-12-01", "2026-11-01"])
            let query = DepartmentReader.figuresQuery(from: from, to: now, asOf: now, kept: kept, area: nil, reach: nil)
            let plan = try await Self.plan(query, on: db, disabling: ["enable_seqscan", "enable_bitmapscan"])
            #expect(plan.contains("Index Only Scan using case_file_evaluation_idx"), "\(plan)")
            #expect(plan.contains("Index Only Scan using case_file_unsettled_idx"), "\(plan)")
            #expect(!plan.contains("venue"), "\(plan)")
        }
    }

    @Test func storedNextDueEqualsCoresTimersForLoadedHistory() async throws {
        try await TestDatabase.withDatabase { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            _ = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
            var checked = 0, running = 0
            for try await row in try await db.query("""
                SELECT \(unescaped: CaseStore.columns), c.next_due_at FROM case_file c JOIN venue v ON v.id = c.venue_id
                """) {
                let r = try CaseStore.decode(row)
                let stored = try row.makeRandomAccess().at(14, Date?.self)
                let closed = r.snapshot.state == .closedRectified || r.snapshot.state == .closedEscalated
                let expected = closed ? nil : CaseTimers.nextDue(r.snapshot)
                #expect(stored.map { $0.timeIntervalSince1970.rounded() } == expected.map { $0.timeIntervalSince1970.rounded() }, "case \(r.id)")
                checked += 1
                if stored != nil { running += 1 }
            }
            #expect(checked > 100 && running > 0)
            // The SQL list and the timers agree on what is overdue.
            var filter = CaseFilter()
            filter.overdueOnly = true
            filter.limit = 5000
            let now = Date()
            let listed = try await CaseStore(db: db).list(filter, now: now)
            #expect(listed.allSatisfy { !$0.overdue.isEmpty })
        }
    }

    @Test func readinessReadsTheLedgerWithoutCreatingIt() async throws {
        try await TestDatabase.withDatabase { db in
            try await db.query("DROP TABLE schema_migrations")
            let migrator = try Migrator.bundled()
            #expect(try await migrator.state(db).pending.count == migrator.files.count)
            await #expect(throws: SweepError.self) { try await migrator.requireCurrent(db) }
            var exists = true
            for try await e in try await db.query("SELECT to_regclass('schema_migrations') IS NOT NULL").decode(Bool.self) { exists = e }
            #expect(!exists)
        }
    }

    @Test func aGapInMigrationNumbersIsRefusedByName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "SELECT 1;".write(to: dir.appendingPathComponent("0001_first.sql"), atomically: true, encoding: .utf8)
        try "SELECT 3;".write(to: dir.appendingPathComponent("0003_third.sql"), atomically: true, encoding: .utf8)
        #expect {
            try MigrationFile.load(from: dir)
        } throws: { error in
            String(describing: error).contains("0003_third.sql") && String(describing: error).contains("0002 is missing")
        }
    }
}
