import Foundation
import Logging
import PostgresNIO
import SweepCore

/// What the compliance figure is computed from, as the database held it at `asOf`: inspected visits
/// in the window (recorded by then, with the findings' latest revision by then, from the rollup of
/// ``VisitCountReader``), split by district, kind and whether they were drawn at random; and the
/// venues of each district and kind.
public struct ComplianceReader: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    public struct Input: Sendable {
        public var visits: [VisitCount]
        public var venues: [String: [String: Int]]
        public var districtNames: [String: String]
    }

    /// `area`: jurisdiction ids the report covers (a campaign's area, a district), nil for all;
    /// `reach`: what the caller may see, nil for all.
    public func read(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?) async throws -> Input {
        var input = Input(visits: [], venues: [:], districtNames: [:])
        input.visits = try await VisitCountReader(db: db).byDistrict(from: from, to: to, asOf: asOf, area: area, reach: reach)
        for v in input.visits { input.districtNames[v.district] = v.districtName }
        // The frame as it stood at asOf: registered by then and not closed by then.
        let venues = try await db.query("""
            SELECT j.code, j.name, f.target_kind, f.venues::int FROM report_frame(\(asOf)) f JOIN jurisdiction j ON j.id = f.jurisdiction_id
            WHERE (\(area)::bigint[] IS NULL OR f.jurisdiction_id = ANY(\(area)::bigint[]))
              AND (\(reach)::bigint[] IS NULL OR f.jurisdiction_id = ANY(\(reach)::bigint[]))
            """)
        for try await (d, name, kind, n) in venues.decode((String, String, String, Int).self) {
            input.venues[d, default: [:]][kind] = n
            input.districtNames[d] = name
        }
        return input
    }

    /// The jurisdiction ids under `codes` (a campaign's area or a district), for `area`.
    public func reach(of codes: [String]) async throws -> [Int64] {
        var ids: [Int64] = []
        for try await r in try await db.query("SELECT jurisdiction_reach(\(codes)::text[])").decode([Int64].self) { ids = r }
        return ids
    }
}
