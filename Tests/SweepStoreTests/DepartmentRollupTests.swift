import Foundation
import PostgresNIO
import Testing
import SweepCore
@testable import SweepStore
import TestSupport

/// The department rollup (sql/0020) against counting every case of the window, on the demo city's
/// case timelines: whole and partial months, an area, a moment before the cut, a case closed after
/// the cut, and a back-dated change to a settled case.
@Suite struct DepartmentRollupTests {
    static let day = 86_400.0

    static func same(_ a: DepartmentReader.Evaluation, _ b: DepartmentReader.Evaluation, _ what: String) {
        #expect(a.departments == b.departments, "\(what): departments")
        #expect(a.districts == b.districts, "\(what): districts")
        #expect(a.districtsWithheld == b.districtsWithheld, "\(what): withheld")
    }

    static func keptRows(_ db: Database) async throws -> Int {
        var n = 0
        for try await c in try await db.query("SELECT count(*)::int FROM department_case_rollup").decode(Int.self) { n = c }
        return n
    }

    @Test func keptCountsGiveWhatCountingEveryCaseGives() async throws {
        try await TestDatabase.withDatabase { db in
            // History ending a week ago: most of its cases are settled before today's cut.
            let now = ISODay.parse(ISODay.format(Date().addingTimeInterval(-8 * Self.day)))!
            _ = try await DemoSeeder(db: db).seed(DemoCityGenerator.generate(scale: .small, seed: 5, now: now), scale: "small", seed: 5, actor: "test")
            let reader = DepartmentReader(db: db)
            let cut = try #require(try await reader.advance())
            #expect(cut == ISODay.parse(ISODay.format(Date()))!)
            #expect(try await Self.keptRows(db) > 10)
            let asOf = Date()
            let to = ISODay.parse(ISODay.format(asOf.addingTimeInterval(Self.day)))!
            var district: [Int64] = []
            for try await id in try await db.query("SELECT id FROM jurisdiction WHERE level = 'district' ORDER BY code LIMIT 1").decode(Int64.self) { district = [id] }
            let windows: [(String, Date, Date, [Int64]?, Int?)] = [
                ("a year to tomorrow", asOf.addingTimeInterval(-365 * Self.day), to, nil, nil),
                ("whole months", ISODay.parse("2026-01-01")!, ISODay.parse("2026-07-01")!, nil, nil),
                ("mid-month to mid-month, one district", ISODay.parse("2025-12-17")!, ISODay.parse("2026-09-09")!, district, nil),
                ("a leader's view", asOf.addingTimeInterval(-200 * Self.day), to, nil, HeatMapPolicy.leadershipSuppression),
            ]
            for (what, from, to, area, suppress) in windows {
                let kept = try await reader.read(from: from, to: to, asOf: asOf, area: area, reach: nil, suppressBelow: suppress)
                let counted = try await reader.read(from: from, to: to, asOf: asOf, area: area, reach: nil, suppressBelow: suppress, useKept: false)
                #expect(kept.departments.reduce(0) { $0 + $1.decided } > 0, "\(what)")
                Self.same(kept, counted, what)
            }
            // As of a moment before the cut the kept counts do not hold; the answer is counted and equal.
            let before = cut.addingTimeInterval(-3 * Self.day)
            Self.same(try await reader.read(from: before.addingTimeInterval(-300 * Self.day), to: to, asOf: before, area: nil, reach: nil, suppressBelow: nil),
                      try await reader.read(from: before.addingTimeInterval(-300 * Self.day), to: to, asOf: before, area: nil, reach: nil, suppressBelow: nil,
                                            useKept: false), "before the cut")
            let window = (from: asOf.addingTimeInterval(-365 * Self.day), to: to)

            // An open case closed now settles after the cut: the kept counts stand and still agree.
            try await db.query("""
                UPDATE case_file SET closed_at = now(), state = 'closed_escalated'
                WHERE id = (SELECT min(id) FROM case_file WHERE closed_at IS NULL AND decided_at IS NOT NULL)
                """)
            #expect(try await reader.advance() == cut)
            Self.same(try await reader.read(from: window.from, to: window.to, asOf: Date(), area: nil, reach: nil, suppressBelow: nil),
                      try await reader.read(from: window.from, to: window.to, asOf: Date(), area: nil, reach: nil, suppressBelow: nil, useKept: false),
                      "after a closing today")

            // A settled case changed afterwards (its decision back-dated by a day): the kept counts are
            // forgotten, counted again on the next report, and agree with the change.
            var changed: (Int64, String) = (0, "")
            for try await row in try await db.query("""
                UPDATE case_file SET decided_at = decided_at - interval '1 day'
                WHERE id = (SELECT min(id) FROM case_file WHERE settled_at < now() - interval '30 days' AND decided_at > opened_at + interval '2 days')
                RETURNING id, department_code
                """).decode((Int64, String).self) { changed = row }
            #expect(changed.0 > 0)
            var through: Date = .distantFuture
            for try await t in try await db.query("SELECT through FROM department_rollup_cut").decode(Date.self) { through = t }
            #expect(through == .distantPast || through < ISODay.parse("1900-01-01")!, "the cut is forgotten: \(through)")
            let again = try await reader.read(from: window.from, to: window.to, asOf: Date(), area: nil, reach: nil, suppressBelow: nil)
            #expect(try await reader.advance() == cut)
            Self.same(again, try await reader.read(from: window.from, to: window.to, asOf: Date(), area: nil, reach: nil, suppressBelow: nil, useKept: false),
                      "after a back-dated change")
        }
    }
}
