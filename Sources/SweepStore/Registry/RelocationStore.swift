import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Relocation links: found when a black café is registered or found operating within the
/// jurisdiction's radius of a café closed in its window (sql/0016), stored once, read by the venue
/// page, the planner and the offenders list.
public struct RelocationStore: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    /// How a café came to the registry's attention.
    public enum FoundBy: String, Sendable { case registered, inspected, imported }

    /// Links each of `venues` (found on its day) to the cafés closed near it before, within the
    /// rules of its jurisdiction; reports each new link as `relocation.found`. A café counts as new
    /// only if it was neither registered nor inspected before the closure.
    @discardableResult
    static func detect(_ venues: [(id: Int64, foundOn: Date)], by foundBy: FoundBy, on conn: PostgresConnection, logger: Logger) async throws -> [Relocation] {
        guard !venues.isEmpty else { return [] }
        let ids = venues.map(\.id), days = venues.map { ISODay.format($0.foundOn) }
        let rows = try await conn.query("""
            WITH found AS (
                SELECT v.id, v.location, v.operator_key, v.created_at, f.day,
                       coalesce((jurisdiction_setting(v.jurisdiction_id, 'relocation_radius_m') #>> '{}')::float8, \(RelocationRule.defaultRadiusMetres)) AS radius,
                       coalesce((jurisdiction_setting(v.jurisdiction_id, 'relocation_window_months') #>> '{}')::int, \(RelocationRule.defaultWindowMonths)::int) AS months
                FROM unnest(\(ids)::bigint[], \(days)::date[]) AS f(id, day) JOIN venue v ON v.id = f.id
                WHERE v.kind = 'internet_cafe' AND NOT v.licensed AND v.location IS NOT NULL
            ),
            linked AS (
                INSERT INTO relocation_link (venue_id, closed_venue_id, distance_m, closed_on, found_on, days_since_closure,
                                             operator_key, same_operator, found_by)
                SELECT n.id, o.id, ST_Distance(n.location, o.location), o.closed_on, n.day, n.day - o.closed_on,
                       o.operator_key, coalesce(n.operator_key = o.operator_key, false), \(foundBy.rawValue)
                FROM found n JOIN venue o ON o.id <> n.id AND o.kind = 'internet_cafe' AND o.status = 'closed' AND o.closed_on IS NOT NULL
                     AND o.location IS NOT NULL AND ST_DWithin(n.location, o.location, n.radius)
                WHERE o.closed_on <= n.day AND o.closed_on >= n.day - make_interval(months => n.months)
                  AND n.created_at::date >= o.closed_on
                  AND NOT EXISTS (SELECT 1 FROM inspection i WHERE i.venue_id = n.id AND i.arrived_at::date < o.closed_on)
                ON CONFLICT (venue_id, closed_venue_id) DO NOTHING
                RETURNING *
            )
            SELECT l.venue_id, n.code, l.closed_venue_id, o.code, l.distance_m, l.closed_on::text, l.found_on::text, l.days_since_closure,
                   l.operator_key, l.same_operator, l.found_by
            FROM linked l JOIN venue n ON n.id = l.venue_id JOIN venue o ON o.id = l.closed_venue_id
            ORDER BY l.venue_id, l.distance_m
            """, logger: logger)
        let links = try await Self.decode(rows)
        for link in links {
            try await EventOutbox.append("relocation.found", object: ("venue", String(link.venueId)), venueId: link.venueId, department: nil,
                                         payload: ["venue_id": String(link.venueId), "closed_venue_id": String(link.closedVenueId),
                                                   "distance_m": String(Int(link.distanceMetres.rounded())),
                                                   "days_since_closure": String(link.daysSinceClosure ?? 0), "found_by": foundBy.rawValue],
                                         on: conn, logger: logger)
        }
        return links
    }

    /// For history loaded in bulk (the demo): closed venues get the day of their last inspection as
    /// their closure day, and every black café is checked as found on its first inspection.
    static func backfill(on conn: PostgresConnection, logger: Logger) async throws -> Int {
        try await conn.query("""
            UPDATE venue v SET closed_on = last.day, closed_reason = '取缔 (closure recorded with the loaded history)'
            FROM (SELECT venue_id, max(arrived_at)::date AS day FROM inspection GROUP BY venue_id) last
            WHERE last.venue_id = v.id AND v.status = 'closed' AND v.closed_on IS NULL
            """, logger: logger)
        var found: [(id: Int64, foundOn: Date)] = []
        for try await (id, first) in try await conn.query("""
            SELECT v.id, min(i.arrived_at) FROM venue v JOIN inspection i ON i.venue_id = v.id
            WHERE v.kind = 'internet_cafe' AND NOT v.licensed GROUP BY v.id ORDER BY v.id
            """, logger: logger).decode((Int64, Date).self) { found.append((id, first)) }
        return try await detect(found, by: .imported, on: conn, logger: logger).count
    }

    /// The links a venue takes part in, either side.
    public func links(venueId: Int64) async throws -> [Relocation] {
        try await Self.decode(try await db.query("""
            \(unescaped: Self.select) WHERE l.venue_id = \(venueId) OR l.closed_venue_id = \(venueId) ORDER BY l.found_on DESC, l.id
            """))
    }

    /// Links found in [from, to), optionally within reach (either venue inside it), newest first.
    public func list(from: Date, to: Date, reach: [Int64]?, limit: Int = 1000) async throws -> [Relocation] {
        try await Self.decode(try await db.query("""
            \(unescaped: Self.select)
            WHERE l.found_on >= \(ISODay.format(from))::date AND l.found_on < \(ISODay.format(to))::date
              AND (\(reach)::bigint[] IS NULL OR n.jurisdiction_id = ANY(\(reach)::bigint[]) OR o.jurisdiction_id = ANY(\(reach)::bigint[]))
            ORDER BY l.found_on DESC, l.id LIMIT \(limit)
            """))
    }

    private static let select = """
        SELECT l.venue_id, n.code, l.closed_venue_id, o.code, l.distance_m, l.closed_on::text, l.found_on::text, l.days_since_closure,
               l.operator_key, l.same_operator, l.found_by
        FROM relocation_link l JOIN venue n ON n.id = l.venue_id JOIN venue o ON o.id = l.closed_venue_id
        """

    private static func decode(_ rows: PostgresRowSequence) async throws -> [Relocation] {
        var out: [Relocation] = []
        for try await (nid, ncode, oid, ocode, d, closed, found, days, key, same, by) in
            rows.decode((Int64, String, Int64, String, Double, String, String, Int, String?, Bool, String).self) {
            out.append(Relocation(venueId: nid, venueCode: ncode, closedVenueId: oid, closedVenueCode: ocode, distanceMetres: (d * 10).rounded() / 10,
                                  closedOn: closed, foundOn: found, daysSinceClosure: days, operatorKey: key, sameOperator: same, foundBy: by))
        }
        return out
    }
}
