import Foundation
import Testing
import PostgresNIO
import SweepCore
@testable import SweepStore
import TestSupport

/// The server's in-memory heat index answers exactly what the SQL over the rollup answers, and
/// follows the rollup's change feed: committed submissions show at once, uncommitted ones only
/// after they commit (even when they started before the index last looked), rebuilds reload it.
@Suite struct HeatIndexStoreTests {
    static func seeded(_ db: Database) async throws {
        let city = DemoCityGenerator.generate(scale: .small, seed: 5, now: ISODay.parse("2026-11-26")!)
        _ = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 5, actor: "test")
    }

    @Test func indexAgreesWithTheSQLOverTheRollupForEveryFilter() async throws {
        try await TestDatabase.withDatabase { db in
            try await Self.seeded(db)
            let index = try await HeatIndexStore(db: db).current()
            let sql = HeatMapStore(db: db)
            var district = ""
            for try await code in try await db.query("SELECT code FROM jurisdiction WHERE level = 'district' ORDER BY code LIMIT 1").decode(String.self) { district = code }
            var requests: [(HeatMapRequest, String?)] = []
            for (from, to) in [("2025-11", "2026-12"), ("2026-10", "2026-11"), ("2024-01", "2026-12")] {
                requests.append((HeatMapRequest(from: from, to: to), nil))
                requests.append((HeatMapRequest(from: from, to: to), district))
                requests.append((HeatMapRequest(from: from, to: to, venueKinds: [.internetCafe]), nil))
                requests.append((HeatMapRequest(from: from, to: to, departments: [.tobacco]), nil))
                requests.append((HeatMapRequest(from: from, to: to, violationCodes: ["CAFE_ADMIT_MINOR", "NOT_A_CODE"]), nil))
                requests.append((HeatMapRequest(from: from, to: to, campaignId: 0), nil))
                requests.append((HeatMapRequest(shape: .hexagon, sizeMetres: 300, from: from, to: to, repeatThreshold: 3), nil))
            }
            var compared = 0
            for (r, place) in requests {
                let fromSQL = try await sql.venueCounts(r, jurisdiction: place)
                #expect(Set(try index.venueCounts(r, jurisdiction: place)) == Set(fromSQL), "\(r) in \(place ?? "all")")
                if fromSQL.isEmpty { continue }
                let tally = try index.tally(r, jurisdiction: place)
                #expect(tally == (try HeatMapBuilder.tally(r, venues: fromSQL)), "\(r) in \(place ?? "all")")
                compared += tally.cells.count
            }
            #expect(compared > 1_000)
            // Filters that match nothing give the same clear error as before.
            #expect(throws: SweepError.self) { try index.tally(HeatMapRequest(from: "2026-10", to: "2026-11"), jurisdiction: "NOWHERE") }
        }
    }

    @Test func followsCommitsIncludingLateOnesAndReloadsAfterARebuild() async throws {
        try await TestDatabase.withDatabase { db in
            try await Self.seeded(db)
            let store = HeatIndexStore(db: db)
            var found: Int64 = 0
            for try await id in try await db.query("SELECT id FROM venue WHERE kind = 'internet_cafe' AND location IS NOT NULL ORDER BY id LIMIT 1").decode(Int64.self) { found = id }
            let venue = found
            let now = Date()
            let month = String(ISODay.format(now.addingTimeInterval(8 * 3600)).prefix(7))
            let next = HeatIndex.monthNumber(month)! + 1
            let window = HeatMapRequest(from: month, to: String(format: "%04d-%02d", next / 12, next % 12 + 1))
            func counts() async throws -> VenueWindowCounts? {
                try await store.current().venueCounts(window).first { $0.venueId == venue }
            }
            let before = try await counts()

            // A committed submission with a violation shows on the next read.
            let submission = Submission(submissionId: UUID(), venueId: venue, origin: .random, unplannedReason: "抽查", arrivedAt: now.addingTimeInterval(-3600),
                                        departedAt: now.addingTimeInterval(-3000), outcome: .inspected,
                                        findings: [FindingInput(department: .culture, violations: [ViolationInput(code: "CAFE_NO_MINOR_SIGN")])])
            _ = try await SubmissionStore(db: db).submit(submission, body: try WireCoding.encoder().encode(submission), actor: "test")
            let afterRead = try await counts()
            let after = try #require(afterRead)
            #expect(after.inspections == (before?.inspections ?? 0) + 1)
            #expect(after.violations == (before?.violations ?? 0) + 1)

            // A transaction that writes before a read but commits after it is picked up by the read after the commit.
            try await db.client.withConnection { conn in
                try await conn.query("BEGIN", logger: db.logger)
                try await conn.query("""
                    UPDATE heat_venue_month SET violations = violations + 10, changed_xid = pg_current_xact_id()
                    WHERE venue_id = \(venue) AND violation_code = 'CAFE_NO_MINOR_SIGN' AND month = heat_month(now())
                    """, logger: db.logger)
                let during = try await counts()
                #expect(during?.violations == after.violations)
                try await conn.query("COMMIT", logger: db.logger)
            }
            #expect(try await counts()?.violations == after.violations + 10)

            // The rebuild puts the true count back and the index reloads on the new epoch.
            _ = try await HeatRollup.rebuild(db, actor: "test")
            #expect(try await counts()?.violations == after.violations)
        }
    }
}
