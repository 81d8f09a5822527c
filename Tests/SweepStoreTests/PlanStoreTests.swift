import Foundation
import Testing
import PostgresNIO
import SweepCore
@testable import SweepStore
import TestSupport

/// Plans in the database: overlapping campaigns may not claim the same inspectors on one day.
@Suite struct PlanStoreTests {
    static func seeded(_ db: Database) async throws -> String {
        let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
        _ = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
        return city.jurisdictions.first { $0.level == .city }!.code
    }

    static func plan(_ db: Database, campaign: CampaignRecord, seed: UInt64) async throws -> Int64 {
        let data = try await PlanningDataLoader(db: db).load(campaignID: campaign.id)
        let draft = try CampaignPlanner.plan(data, options: .init(seed: seed, allowUnmetQuota: true, maxIterations: 200))
        return try await PlanWriter(db: db).saveDraft(draft, campaign: campaign, actor: "test")
    }

    /// (inspector, day) pairs booked by a plan.
    static func bookings(_ db: Database, plan: Int64) async throws -> Set<String> {
        var out = Set<String>()
        for try await (i, d) in try await db.query("""
            SELECT m.inspector_id, to_char(s.sweep_date, 'YYYY-MM-DD') FROM sweep s JOIN sweep_member m ON m.sweep_id = s.id WHERE s.plan_id = \(plan)
            """).decode((Int64, String).self) { out.insert("\(i)@\(d)") }
        return out
    }

    @Test func overlappingCampaignsDoNotDoubleBookInspectors() async throws {
        try await TestDatabase.withDatabase { db in
            let cityCode = try await Self.seeded(db)
            let start = ISODay.format(ISODay.parse(CampaignClock.today())!.addingTimeInterval(3 * 86_400))
            let end = ISODay.format(ISODay.parse(start)!.addingTimeInterval(2 * 86_400))
            let store = CampaignStore(db: db)
            let spec = CampaignSpec(name: "A tobacco", jurisdictions: [cityCode], startsOn: start, endsOn: end, targetKinds: [.tobaccoRetail],
                                    settings: CampaignSettings(timeLimitSeconds: 2))
            let a = try await store.create(spec, actor: "test")
            var specC = spec; specC.name = "C cafés"; specC.targetKinds = [.licensedCafe, .unlicensedCafe]
            let c = try await store.create(specC, actor: "test")
            let planA = try await Self.plan(db, campaign: a, seed: 1)
            let staleC = try await Self.plan(db, campaign: c, seed: 2)
            try await PlanLifecycle(db: db).approve(planA, actor: "test")

            // C was planned before A was approved: approving it now would double-book people.
            let booked = try await Self.bookings(db, plan: planA)
            if !booked.isDisjoint(with: try await Self.bookings(db, plan: staleC)) {
                await #expect(throws: SweepError.self) { try await PlanLifecycle(db: db).approve(staleC, actor: "test") }
            }
            // Planned again, C works around A's bookings and can be approved.
            let freshC = try await Self.plan(db, campaign: c, seed: 3)
            #expect(booked.isDisjoint(with: try await Self.bookings(db, plan: freshC)))
            var status = ""
            for try await s in try await db.query("SELECT status FROM plan WHERE id = \(staleC)").decode(String.self) { status = s }
            #expect(status == "discarded")
            try await PlanLifecycle(db: db).approve(freshC, actor: "test")

            // A third campaign wanting tobacco teams on the same days finds every TOB officer taken, and says so.
            var specD = spec; specD.name = "D tobacco too"
            let d = try await store.create(specD, actor: "test")
            do {
                _ = try await Self.plan(db, campaign: d, seed: 5)
                Issue.record("expected infeasible")
            } catch let e as SweepError {
                #expect(e.description.contains("TOB"))
                #expect(e.description.contains("booked by other campaigns"))
            }

            // A second plan for A while A has an approved plan is refused, and nothing is stored.
            var before = 0
            for try await n in try await db.query("SELECT count(*)::int FROM plan").decode(Int.self) { before = n }
            await #expect(throws: SweepError.self) { _ = try await Self.plan(db, campaign: a, seed: 4) }
            var after = 0
            for try await n in try await db.query("SELECT count(*)::int FROM plan").decode(Int.self) { after = n }
            #expect(before == after)
        }
    }
}
