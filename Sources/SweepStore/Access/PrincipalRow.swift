import Foundation
import Logging
import PostgresNIO
import SweepCore

/// How a principal is read, once for tokens and sessions alike: the columns of principal `p` with
/// its scope codes and reach (every jurisdiction id at or below them).
enum PrincipalRow {
    static let columns = """
        p.id, p.name, p.role, p.department_code,
        coalesce((SELECT array_agg(j.code ORDER BY j.code) FROM principal_scope s JOIN jurisdiction j ON j.id = s.jurisdiction_id
                  WHERE s.principal_id = p.id), '{}'),
        p.inspector_id,
        jurisdiction_reach(ARRAY(SELECT j.code FROM principal_scope s JOIN jurisdiction j ON j.id = s.jurisdiction_id WHERE s.principal_id = p.id))
        """

    typealias Values = (Int64, String, String, String?, [String], Int64?, [Int64])

    static func principal(_ v: Values) -> Principal {
        Principal(id: v.0, name: v.1, role: Role(rawValue: v.2) ?? .leader, department: v.3.map(DepartmentCode.init(rawValue:)),
                  scope: v.4, inspectorId: v.5, reach: v.4.isEmpty ? nil : v.6)
    }

    /// One principal by id, read on the caller's transaction; nil when there is none.
    static func load(_ id: Int64, on conn: PostgresConnection, logger: Logger) async throws -> Principal? {
        var principal: Principal?
        for try await values in try await conn.query("SELECT \(unescaped: columns) FROM principal p WHERE p.id = \(id)", logger: logger)
            .decode(Values.self) { principal = Self.principal(values) }
        return principal
    }
}
