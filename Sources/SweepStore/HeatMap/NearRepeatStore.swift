import Foundation
import PostgresNIO
import SweepCore

/// What the near-repeat analysis reads: visits that found a violation in the window (one event per
/// visit, so several violations of one visit are not counted as pairs close in space and time), and
/// the open venues that could be next, both of `kinds`, within `jurisdiction` and the caller's reach.
public struct NearRepeatStore: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    public func events(from: Date, to: Date, kinds: [VenueKind], jurisdiction: String?, reach: [Int64]?) async throws -> [NearRepeat.Event] {
        let rows = try await db.query("""
            SELECT v.id, ST_X(v.location::geometry), ST_Y(v.location::geometry), i.arrived_at
            FROM inspection i JOIN venue v ON v.id = i.venue_id
            WHERE i.arrived_at >= \(from) AND i.arrived_at < \(to) AND v.location IS NOT NULL
              AND EXISTS (SELECT 1 FROM finding f JOIN finding_violation fv ON fv.finding_id = f.id WHERE f.inspection_id = i.id)
              AND (cardinality(\(kinds.map(\.rawValue))::text[]) = 0 OR v.kind = ANY(\(kinds.map(\.rawValue))::text[]))
              AND (\(jurisdiction)::text IS NULL OR v.jurisdiction_id = ANY(jurisdiction_reach(ARRAY[\(jurisdiction)]::text[])))
              AND (\(reach)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(reach)::bigint[]))
            ORDER BY i.arrived_at, i.id
            """)
        var out: [NearRepeat.Event] = []
        for try await (venue, lon, lat, at) in rows.decode((Int64, Double, Double, Date).self) {
            out.append(NearRepeat.Event(venueId: venue, location: GeoPoint(longitude: lon, latitude: lat), at: at))
        }
        return out
    }

    public func candidates(kinds: [VenueKind], jurisdiction: String?, reach: [Int64]?) async throws -> [NearRepeat.Candidate] {
        let rows = try await db.query("""
            SELECT v.id, ST_X(v.location::geometry), ST_Y(v.location::geometry)
            FROM venue v
            WHERE v.location IS NOT NULL AND v.status <> 'closed'
              AND (cardinality(\(kinds.map(\.rawValue))::text[]) = 0 OR v.kind = ANY(\(kinds.map(\.rawValue))::text[]))
              AND (\(jurisdiction)::text IS NULL OR v.jurisdiction_id = ANY(jurisdiction_reach(ARRAY[\(jurisdiction)]::text[])))
              AND (\(reach)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(reach)::bigint[]))
            """)
        var out: [NearRepeat.Candidate] = []
        for try await (venue, lon, lat) in rows.decode((Int64, Double, Double).self) {
            out.append(NearRepeat.Candidate(venueId: venue, location: GeoPoint(longitude: lon, latitude: lat)))
        }
        return out
    }
}
