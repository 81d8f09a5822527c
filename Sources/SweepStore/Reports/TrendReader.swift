import Foundation
import PostgresNIO
import SweepCore

/// Inspected visits per week of a window within an area, as recorded by `asOf`, for the trend.
public struct TrendReader: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    public func weekly(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?) async throws -> [Int: (visits: Int, withViolation: Int)] {
        try await VisitCountReader(db: db).byWeek(from: from, to: to, asOf: asOf, area: area, reach: reach)
    }

    /// The latest campaign before `campaign` that shares a jurisdiction with it and ended before it began.
    public func previousCampaign(of campaign: Int64) async throws -> (id: Int64, name: String, from: Date, to: Date)? {
        let rows = try await db.query("""
            SELECT p.id, p.name, p.starts_on::timestamptz, (p.ends_on + 1)::timestamptz
            FROM campaign c JOIN campaign p ON p.id <> c.id AND p.ends_on < c.starts_on
            WHERE c.id = \(campaign)
              AND EXISTS (SELECT 1 FROM campaign_jurisdiction a JOIN campaign_jurisdiction b ON a.jurisdiction_id = b.jurisdiction_id
                          WHERE a.campaign_id = c.id AND b.campaign_id = p.id)
            ORDER BY p.ends_on DESC, p.id DESC LIMIT 1
            """)
        for try await row in rows.decode((Int64, String, Date, Date).self) { return row }
        return nil
    }
}
