import Foundation
import Logging
import PostgresNIO
import SweepAPI
import SweepCore

/// Reads the heat-map rollup for a window and filters: per venue (then the grid aggregates by
/// cell in Swift, so any cell size or shape uses the same rows), plus the repeat-offender lists.
public struct HeatMapStore: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    /// Inspections and violations per venue in the window. `jurisdiction` limits to a district or
    /// city (and everything under it).
    public func venueCounts(_ r: HeatMapRequest, jurisdiction: String? = nil) async throws -> [VenueWindowCounts] {
        let (from, to) = try r.window()
        let kinds = r.venueKinds.map(\.rawValue), departments = r.departments.map(\.rawValue)
        // Aggregate the narrow rollup per venue first, then join venues once: grouping by the
        // joined geography instead took twice as long.
        let rows = try await db.query("""
            WITH agg AS (
                SELECT venue_id, sum(inspections)::int AS inspections,
                       sum(violations) FILTER (WHERE (cardinality(\(departments)::text[]) = 0 OR department_code = ANY(\(departments)::text[]))
                                             AND (cardinality(\(r.violationCodes)::text[]) = 0 OR violation_code = ANY(\(r.violationCodes)::text[])))::int AS violations
                FROM heat_venue_month
                WHERE month >= \(from)::date AND month < \(to)::date AND (\(r.campaignId)::bigint IS NULL OR campaign_id = \(r.campaignId))
                GROUP BY venue_id
            )
            SELECT a.venue_id, ST_X(v.location::geometry), ST_Y(v.location::geometry), a.inspections, a.violations
            FROM agg a JOIN venue v ON v.id = a.venue_id
            JOIN jurisdiction j ON j.id = v.jurisdiction_id LEFT JOIN jurisdiction jp ON jp.id = j.parent_id
            LEFT JOIN jurisdiction jpp ON jpp.id = jp.parent_id
            WHERE v.location IS NOT NULL
              AND (cardinality(\(kinds)::text[]) = 0 OR v.kind = ANY(\(kinds)::text[]))
              AND (\(jurisdiction)::text IS NULL OR \(jurisdiction) IN (j.code, jp.code, jpp.code))
            """)
        var out: [VenueWindowCounts] = []
        for try await (id, lon, lat, inspections, violations) in rows.decode((Int64, Double, Double, Int, Int?).self) {
            out.append(VenueWindowCounts(venueId: id, location: GeoPoint(longitude: lon, latitude: lat), inspections: inspections,
                                         violations: violations ?? 0))
        }
        return out
    }

    /// Operators (legal representatives) with at least `k` violations across their venues in the window.
    /// `reach` clips to venues in those jurisdiction ids (nil = everywhere).
    public func repeatOperators(_ r: HeatMapRequest, reach: [Int64]? = nil) async throws -> [RepeatOperator] {
        let (from, to) = try r.window()
        let rows = try await db.query("""
            SELECT v.operator_key, count(DISTINCT v.id)::int, sum(h.violations)::int
            FROM heat_venue_month h JOIN venue v ON v.id = h.venue_id
            WHERE h.month >= \(from)::date AND h.month < \(to)::date AND v.operator_key IS NOT NULL AND h.violations > 0
              AND (cardinality(\(r.violationCodes)::text[]) = 0 OR h.violation_code = ANY(\(r.violationCodes)::text[]))
              AND (\(reach)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(reach)::bigint[]))
            GROUP BY v.operator_key HAVING sum(h.violations) >= \(r.repeatThreshold)
            ORDER BY 3 DESC, 1 LIMIT 500
            """)
        var out: [RepeatOperator] = []
        for try await (key, venues, violations) in rows.decode((String, Int, Int).self) {
            out.append(RepeatOperator(operatorKey: key, venues: venues, violations: violations))
        }
        return out
    }
}



extension HeatMapStore {
    /// District boundary rings under a jurisdiction (all districts when nil), for pictures.
    public func districtRings(_ jurisdiction: String?) async throws -> [[GeoPoint]] {
        let rows = try await db.query("""
            SELECT ST_AsText((ST_Dump(ST_Boundary(j.boundary))).geom)
            FROM jurisdiction j LEFT JOIN jurisdiction p ON p.id = j.parent_id
            WHERE j.level = 'district' AND j.boundary IS NOT NULL AND (\(jurisdiction)::text IS NULL OR \(jurisdiction) IN (j.code, p.code))
            """)
        var out: [[GeoPoint]] = []
        for try await wkt in rows.decode(String.self) {
            let inner = wkt.drop { $0 != "(" }.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
            out.append(inner.split(separator: ",").compactMap { pair in
                let xy = pair.split(separator: " ").compactMap { Double($0) }
                return xy.count == 2 ? GeoPoint(longitude: xy[0], latitude: xy[1]) : nil
            })
        }
        return out
    }

    public func schools(_ jurisdiction: String?) async throws -> [GeoPoint] {
        let rows = try await db.query("""
            SELECT ST_X(s.location::geometry), ST_Y(s.location::geometry) FROM school s
            JOIN jurisdiction j ON j.id = s.jurisdiction_id LEFT JOIN jurisdiction p ON p.id = j.parent_id
            WHERE \(jurisdiction)::text IS NULL OR \(jurisdiction) IN (j.code, p.code)
            """)
        var out: [GeoPoint] = []
        for try await (x, y) in rows.decode((Double, Double).self) { out.append(GeoPoint(longitude: x, latitude: y)) }
        return out
    }
}
