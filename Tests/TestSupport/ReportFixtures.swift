import Foundation
import PostgresNIO
import SweepCore
import SweepStore

/// The small registry and the visits the report tests count by hand: a city with two districts,
/// cafés named `C-<district>-<k>`, and inspected visits placed at chosen arrival and recording times.
public enum ReportFixtures {
    public static let jurisdictions = """
    code,name,level,parent
    420000,湖北省,province,
    420100,江城市,city,420000
    420102,甲区,district,420100
    420103,乙区,district,420100
    """

    /// `count` licensed cafés of `district`, as venue CSV rows (no header).
    public static func cafes(_ district: String, _ count: Int) -> String {
        (0..<count).map { "C-\(district)-\($0),internet_cafe,网吧\($0),某路\($0)号,\(district),true,114.3,30.6" }.joined(separator: "\n")
    }

    /// One inspected visit, returning its id; `violated` adds a CUL finding naming a violation.
    /// `recorded` is when it reached the server (the arrival time when not given).
    @discardableResult
    public static func visit(_ db: Database, _ code: String, origin: String, violated: Bool, at: Date, recorded: Date? = nil) async throws -> Int64 {
        var id: Int64 = 0
        for try await i in try await db.query("""
            WITH i AS (
                INSERT INTO inspection (venue_id, origin, outcome, arrived_at, departed_at, recorded_at)
                VALUES ((SELECT id FROM venue WHERE code = \(code)), \(origin), 'inspected', \(at), \(at.addingTimeInterval(900)), \(recorded ?? at))
                RETURNING id, recorded_at),
            f AS (INSERT INTO finding (inspection_id, department_code, recorded_at) SELECT id, 'CUL', recorded_at FROM i WHERE \(violated) RETURNING id),
            v AS (INSERT INTO finding_violation (finding_id, violation_code) SELECT id, 'CAFE_NO_MINOR_SIGN' FROM f)
            SELECT id FROM i
            """).decode(Int64.self) { id = i }
        return id
    }
}
