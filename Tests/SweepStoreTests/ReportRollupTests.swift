import Foundation
import PostgresNIO
import Testing
import SweepCore
@testable import SweepStore
import TestSupport

/// The report rollup (sql/0018) against counting the raw rows, at moments before, at and after its
/// cut, with late submissions, a correction that withdraws a violation, and a back-dated load.
@Suite struct ReportRollupTests {
    static func venues() -> String {
        var rows = ["code,kind,name,address,district,licensed,longitude,latitude"]
        for d in ["420102", "420103"] {
            for k in 0..<6 { rows.append("C-\(d)-\(k),internet_cafe,网吧\(k),某路\(k)号,\(d),\(k % 3 != 0),114.3,30.6") }
            for k in 0..<4 { rows.append("T-\(d)-\(k),tobacco_retail,烟酒店\(k),某街\(k)号,\(d),true,114.3,30.6") }
        }
        return rows.joined(separator: "\n")
    }

    /// A second CUL revision of a visit's finding, with no violation: withdraws it from `at` on.
    static func withdraw(_ db: Database, inspection: Int64, at: Date) async throws {
        try await db.query("INSERT INTO finding (inspection_id, department_code, revision, recorded_at) VALUES (\(inspection), 'CUL', 2, \(at))")
    }

    static func rows(_ counts: [VisitCount]) -> [String] {
        counts.map { "\($0.district) \($0.kind) \($0.random) \($0.origin) \($0.visits)/\($0.inViolation)" }.sorted()
    }

    static func weeks(_ w: [Int: (visits: Int, withViolation: Int)]) -> [String] {
        w.keys.sorted().map { "\($0): \(w[$0]!.visits)/\(w[$0]!.withViolation)" }
    }

    @Test func theRollupGivesTheRawCountsAtEveryMoment() async throws {
        try await TestDatabase.withDatabase { db in
            let importer = RegistryImporter(db: db)
            _ = try await importer.importFile(.jurisdictions, data: Data(ReportFixtures.jurisdictions.utf8), geoJSON: false, fileName: "j.csv", actor: "test")
            _ = try await importer.importFile(.venues, data: Data(Self.venues().utf8), geoJSON: false, fileName: "v.csv", actor: "test")
            let now = Date()
            let today = ISODay.parse(ISODay.format(now))!
            let day = 86_400.0
            let codes = ["420102", "420103"].flatMap { d in (0..<6).map { "C-\(d)-\($0)" } + (0..<4).map { "T-\(d)-\($0)" } }
            var withdrawn: [Int64] = []
            for n in 0..<60 {
                let arrived = today.addingTimeInterval(-Double(40 - n % 40) * day + Double(n % 7) * 3_600)
                // Most reach the server within the hour; every fifth two days late (offline).
                let recorded = arrived.addingTimeInterval(n % 5 == 0 ? 2 * day + 60 : 1_800)
                let id = try await ReportFixtures.visit(db, codes[n % codes.count], origin: n % 3 == 0 ? "RANDOM" : "CAMPAIGN",
                                              violated: n % 4 != 1, at: arrived, recorded: min(recorded, now))
                if n % 11 == 0, n % 4 != 1 { withdrawn.append(id); try await Self.withdraw(db, inspection: id, at: min(recorded.addingTimeInterval(3 * day), now)) }
            }
            #expect(!withdrawn.isEmpty)
            let reader = VisitCountReader(db: db), raw = RawVisitCounts(db: db)
            let cut = try await reader.advance()
            #expect(cut == today, "the cut is the start of the current UTC day")
            var rolled = 0
            for try await n in try await db.query("SELECT count(*)::int FROM report_visit_rollup").decode(Int.self) { rolled = n }
            #expect(rolled > 0)
            // Recorded after the cut: today's visits, and a correction today.
            if now.timeIntervalSince(today) > 120 {
                try await ReportFixtures.visit(db, "C-420102-1", origin: "RANDOM", violated: true, at: today.addingTimeInterval(-3 * day), recorded: now.addingTimeInterval(-60))
                try await ReportFixtures.visit(db, "T-420103-2", origin: "CAMPAIGN", violated: false, at: today.addingTimeInterval(30), recorded: now.addingTimeInterval(-30))
            }
            let area: [Int64] = try await ComplianceReader(db: db).reach(of: ["420103"])
            let windows: [(Date, Date)] = [(today.addingTimeInterval(-45 * day), today.addingTimeInterval(day)),
                                           (today.addingTimeInterval(-20 * day), today.addingTimeInterval(-3 * day))]
            let moments = [today.addingTimeInterval(-30 * day), today.addingTimeInterval(-10 * day + 1_234), today.addingTimeInterval(-1),
                           today, today.addingTimeInterval(1), now, now.addingTimeInterval(day)]
            func compare() async throws {
                for (from, to) in windows {
                    for asOf in moments {
                        for a in [nil, area] {
                            let ours = Self.rows(try await reader.byDistrict(from: from, to: to, asOf: asOf, area: a, reach: nil))
                            let theirs = Self.rows(try await raw.byDistrict(from: from, to: to, asOf: asOf, area: a, reach: nil))
                            #expect(ours == theirs, "as of \(asOf), \(from)..\(to), area \(String(describing: a))")
                            let w1 = Self.weeks(try await reader.byWeek(from: from, to: to, asOf: asOf, area: a, reach: nil))
                            let w2 = Self.weeks(try await raw.byWeek(from: from, to: to, asOf: asOf, area: a, reach: nil))
                            #expect(w1 == w2, "weeks as of \(asOf)")
                        }
                    }
                }
            }
            try await compare()
            // A visit recorded before the cut and loaded after it: the counts no longer hold, the
            // rollup is dropped and counted again.
            try await ReportFixtures.visit(db, "C-420103-4", origin: "RANDOM", violated: true, at: today.addingTimeInterval(-12 * day),
                                 recorded: today.addingTimeInterval(-11 * day))
            var through = Date()
            for try await t in try await db.query("SELECT through FROM report_rollup_cut").decode(Date.self) { through = t }
            #expect(through == .distantPast || through < today.addingTimeInterval(-365 * day), "a back-dated row resets the rollup")
            try await compare()
            #expect(try await reader.advance() == today)
        }
    }

    /// The compliance frame kept per day equals counting the venues, and forgets what it kept when
    /// the registry changes (a venue registered, one closed).
    @Test func theKeptFrameFollowsTheRegistry() async throws {
        try await TestDatabase.withDatabase { db in
            let importer = RegistryImporter(db: db)
            _ = try await importer.importFile(.jurisdictions, data: Data(ReportFixtures.jurisdictions.utf8), geoJSON: false, fileName: "j.csv", actor: "test")
            _ = try await importer.importFile(.venues, data: Data(Self.venues().utf8), geoJSON: false, fileName: "v.csv", actor: "test")
            func kept(_ at: Date) async throws -> [String] {
                var out: [String] = []
                for try await (j, k, n) in try await db.query("SELECT jurisdiction_id, target_kind, venues::int FROM report_frame(\(at))")
                    .decode((Int64, String, Int).self) { out.append("\(j) \(k) \(n)") }
                return out.sorted()
            }
            func counted(_ at: Date) async throws -> [String] {
                var out: [String] = []
                for try await (j, k, n) in try await db.query("""
                    SELECT jurisdiction_id, venue_target_kind(kind, licensed), count(*)::int FROM venue
                    WHERE kind IN ('internet_cafe', 'tobacco_retail') AND created_at <= \(at)
                      AND (closed_on > \(ISODay.format(at))::date OR (closed_on IS NULL AND status <> 'closed'))
                    GROUP BY 1, 2
                    """).decode((Int64, String, Int).self) { out.append("\(j) \(k) \(n)") }
                return out.sorted()
            }
            let tomorrow = Date().addingTimeInterval(86_400)
            let first = try await kept(tomorrow), direct = try await counted(tomorrow)
            #expect(first == direct && !first.isEmpty)
            let again = try await kept(tomorrow)
            #expect(again == direct, "read again from what was kept")
            try await db.query("UPDATE venue SET status = 'closed', closed_on = current_date WHERE code = 'C-420102-1'")
            try await db.query("""
                INSERT INTO venue (code, kind, name, address, jurisdiction_id, licensed)
                SELECT 'C-NEW', 'internet_cafe', '新网吧', '新路1号', id, true FROM jurisdiction WHERE code = '420103'
                """)
            let (afterChange, directAfter) = (try await kept(tomorrow), try await counted(tomorrow))
            #expect(afterChange == directAfter && afterChange != first, "a closure and a new venue are counted")
            let now = Date()
            let (today, directToday) = (try await kept(now), try await counted(now))
            #expect(today == directToday, "today: the venue registered a moment ago is in")
        }
    }
}
