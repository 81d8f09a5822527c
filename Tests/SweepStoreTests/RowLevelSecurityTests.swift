import Foundation
import PostgresNIO
import Testing
import SweepAPI
import SweepCore
import TestSupport
@testable import SweepStore

/// Defence in depth: the server's role owns nothing, may not rewrite the audit log, and row-level
/// security returns nothing outside the caller's reach even when the application's own check is
/// left out.
@Suite struct RowLevelSecurityTests {
    static func withAppRole(_ body: @Sendable (_ owner: Database, _ app: Database) async throws -> Void) async throws {
        try await TestDatabase.withDatabase { owner in
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            _ = try await DemoSeeder(db: owner).seed(city, scale: "small", seed: 11, actor: "test")
            guard let role = try ApplicationRole.target(for: owner.target, environment: [:]) else { return }   // an external server without SWEEP_APP_DATABASE_URL
            try await DatabaseRunner.withClient(role, logger: TestDatabase.logger) { app in try await body(owner, app) }
        }
    }

    static func ints(_ db: Database, _ sql: String) async throws -> [Int64] {
        var out: [Int64] = []
        for try await v in try await db.query(PostgresQuery(unsafeSQL: sql)).decode(Int64.self) { out.append(v) }
        return out
    }

    @Test func theDatabaseAloneKeepsOutOfScopeRowsAway() async throws {
        try await Self.withAppRole { owner, app in
            let district = try #require(try await Self.ints(owner, "SELECT id FROM jurisdiction WHERE level = 'district' ORDER BY code LIMIT 1").first)
            let inside = try await Self.ints(owner, "SELECT c.id FROM case_file c JOIN venue v ON v.id = c.venue_id WHERE v.jurisdiction_id = \(district) ORDER BY c.id")
            let outside = try await Self.ints(owner, "SELECT c.id FROM case_file c JOIN venue v ON v.id = c.venue_id WHERE v.jurisdiction_id <> \(district) ORDER BY c.id")
            #expect(!inside.isEmpty && !outside.isEmpty, "the demo city has cases in several districts")
            let scope = ListScope(jurisdictionIds: [district])

            // A query with no scope of its own, as a route without its check would send it.
            let seen = try await app.scoped(scope) { conn in
                var ids: [Int64] = []
                for try await id in try await conn.query("SELECT id FROM case_file ORDER BY id", logger: app.logger).decode(Int64.self) { ids.append(id) }
                return ids
            }
            #expect(seen == inside)
            let venues = try await app.scoped(scope) { conn in
                var n = 0
                for try await c in try await conn.query("SELECT count(*)::int FROM venue WHERE jurisdiction_id <> \(district)", logger: app.logger).decode(Int.self) { n = c }
                return n
            }
            #expect(venues == 0)

            // The case route's store call with the application's check removed: still not found.
            let cases = CaseStore(db: app)
            await #expect(throws: SweepError.notFound("case \(outside[0])")) { _ = try await cases.detail(outside[0], scope: scope) }
            #expect(try await cases.detail(inside[0], scope: scope).caseId == inside[0])
            var everything = CaseFilter()
            everything.limit = 5000
            everything.state = nil
            let listedUnscoped = try await cases.list(everything).count
            var filtered = everything
            filtered.scope = scope
            #expect(try await cases.list(filtered).allSatisfy { inside.contains($0.caseId) })
            #expect(listedUnscoped > (try await cases.list(filtered).count))

            // Inspections and tips follow their venue; a department narrows cases.
            let foreignInspection = try #require(try await Self.ints(owner, "SELECT i.id FROM inspection i JOIN venue v ON v.id = i.venue_id WHERE v.jurisdiction_id <> \(district) LIMIT 1").first)
            await #expect(throws: SweepError.self) { _ = try await InspectionReader(db: app).detail(foreignInspection, scope: scope) }
            let departmentCases = try await app.scoped(ListScope(jurisdictionIds: nil, department: .tobacco)) { conn in
                var depts: Set<String> = []
                for try await d in try await conn.query("SELECT DISTINCT department_code FROM case_file WHERE snapshot->>'referred_to' IS DISTINCT FROM 'TOB'", logger: app.logger).decode(String.self) { depts.insert(d) }
                return depts
            }
            #expect(departmentCases.isSubset(of: ["TOB"]))
        }
    }

    @Test func theServersRoleOwnsNothingAndCannotRewriteTheLog() async throws {
        try await Self.withAppRole { owner, app in
            func refused(_ sql: String) async -> Bool {
                do { _ = try await app.query(PostgresQuery(unsafeSQL: sql)); return false } catch { return true }
            }
            #expect(await refused("UPDATE audit_log SET reason = 'edited' WHERE id = (SELECT min(id) FROM audit_log)"))
            #expect(await refused("DELETE FROM audit_log"))
            #expect(await refused("ALTER TABLE audit_log DISABLE TRIGGER USER"))
            #expect(await refused("TRUNCATE case_file"))
            #expect(await refused("DROP TABLE tip"))
            #expect(await refused("INSERT INTO schema_migrations (version, file_name, checksum) VALUES (999, 'x', 'x')"))
            #expect(await refused("ALTER TABLE case_file DISABLE ROW LEVEL SECURITY"))
            // What it does need works: appending to the log, and the sealer's chain fill.
            _ = try await app.query("INSERT INTO audit_log (actor, action, object_type) VALUES ('test', 'test.append', 'test')")
            _ = try await app.query("SELECT audit_seal(1000)")
            var owners: [String] = []
            for try await o in try await owner.query("SELECT DISTINCT tableowner::text FROM pg_tables WHERE schemaname = 'public'").decode(String.self) { owners.append(o) }
            #expect(!owners.contains(ApplicationRole.name))
        }
    }
}
