import Foundation
import Logging
import PostgresNIO
import SweepAPI
import SweepCore

/// The outbox of domain events: written in the transaction of the change it reports, read by other
/// systems in the order they were committed (see sql/0014).
public struct EventOutbox: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    /// Appends an event on the caller's transaction. The event's place is the venue's jurisdiction.
    static func append(_ kind: String, object: (type: String, id: String), venueId: Int64?, jurisdictionId: Int64? = nil, department: DepartmentCode?,
                       payload: [String: String], on conn: PostgresConnection, logger: Logger) async throws {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        try await conn.query("""
            INSERT INTO domain_event (kind, object_type, object_id, jurisdiction_id, department_code, payload)
            VALUES (\(kind), \(object.type), \(object.id), coalesce(\(jurisdictionId)::bigint, (SELECT jurisdiction_id FROM venue WHERE id = \(venueId))),
                    \(department?.rawValue), \(json)::jsonb)
            """, logger: logger)
    }

    /// Events after `cursor` the scope may see, in feed order. Committed events are numbered first
    /// (sql/0014, `event_sequence`), so paging by the returned cursor never skips one.
    public func list(after cursor: EventCursor?, limit: Int, scope: ListScope) async throws -> EventPage {
        _ = try await db.query("SELECT event_sequence()").collect()
        let rows = try await db.query("""
            SELECT e.seq, e.event_id, e.kind, e.object_type, e.object_id, j.code, e.department_code, e.payload::text, e.occurred_at
            FROM domain_event e LEFT JOIN jurisdiction j ON j.id = e.jurisdiction_id
            WHERE e.seq > \(cursor?.seq ?? 0)
              AND (\(scope.jurisdictionIds == nil) OR e.jurisdiction_id = ANY(\(scope.jurisdictionIds ?? [])))
            ORDER BY e.seq
            LIMIT \(limit)
            """)
        var events: [DomainEvent] = []
        var last = cursor
        for try await (seq, eventId, kind, type, objectId, place, dept, payload, at) in
            rows.decode((Int64, UUID, String, String, String, String?, String?, String, Date).self) {
            last = EventCursor(seq: seq)
            let fields = (try? JSONDecoder().decode([String: String].self, from: Data(payload.utf8))) ?? [:]
            events.append(DomainEvent(cursor: String(seq), eventId: eventId, kind: kind, objectType: type, objectId: objectId,
                                      jurisdiction: place, department: dept.map(DepartmentCode.init(rawValue:)), payload: fields, occurredAt: at))
        }
        return EventPage(events: events, next: last?.description)
    }
}
