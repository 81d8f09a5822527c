import Foundation
import Testing
import PostgresNIO
import SweepCore
@testable import SweepStore
import TestSupport

/// The heat-map rollup kept by submissions equals a fresh count, and the rebuild restores it.
@Suite struct HeatRollupTests {
    @Test func incrementalEqualsRebuiltAndTheCheckFindsTampering() async throws {
        try await TestDatabase.withDatabase { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 5, now: ISODay.parse("2026-11-26")!)
            _ = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 5, actor: "test")
            #expect(try await HeatRollup.differences(db).isEmpty)

            var venues: [Int64] = []
            for try await id in try await db.query("SELECT id FROM venue WHERE kind = 'internet_cafe' ORDER BY id LIMIT 5").decode(Int64.self) { venues.append(id) }
            let store = SubmissionStore(db: db)
            for (i, venue) in venues.enumerated() {
                let at = Date().addingTimeInterval(-Double(i + 1) * 86_400 * 11)
                let submission = Submission(submissionId: UUID(), venueId: venue, origin: .random, unplannedReason: "抽查", arrivedAt: at,
                                            departedAt: at.addingTimeInterval(900), outcome: .inspected,
                                            findings: i % 2 == 0 ? [FindingInput(department: .culture, violations: [ViolationInput(code: "CAFE_NO_MINOR_SIGN")])] : [])
                let body = try WireCoding.encoder().encode(submission)
                _ = try await store.submit(submission, body: body, actor: "test")
            }
            // A correction adds a violation: counted once.
            var inspection: Int64 = 0
            for try await id in try await db.query("SELECT max(id) FROM inspection").decode(Int64.self) { inspection = id }
            let finding = FindingInput(department: .culture, violations: [ViolationInput(code: "CAFE_NO_LICENSE_DISPLAY")])
            _ = try await store.correct(inspectionID: inspection, finding: finding, body: try WireCoding.encoder().encode(finding), actor: "test")
            #expect(try await HeatRollup.differences(db).isEmpty)

            try await db.query("UPDATE heat_venue_month SET violations = violations + 1 WHERE violations > 0 AND venue_id = \(venues[0])")
            #expect(!(try await HeatRollup.differences(db).isEmpty))
            _ = try await HeatRollup.rebuild(db, actor: "test")
            #expect(try await HeatRollup.differences(db).isEmpty)
        }
    }
}
