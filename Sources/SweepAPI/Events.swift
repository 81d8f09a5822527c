import Foundation
import SweepCore

/// Where a reader of the event feed stands: the transaction id and row id of the last event it has
/// read, written `xid-id`. Opaque to readers; pass back the page's `next`.
public struct EventCursor: Sendable, Hashable, CustomStringConvertible {
    public var xid: UInt64
    public var id: Int64

    public init(xid: UInt64, id: Int64) {
        self.xid = xid
        self.id = id
    }

    public init(parsing text: String) throws {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let xid = UInt64(parts[0]), let id = Int64(parts[1]), id >= 0 else {
            throw SweepError.invalid(field: "after", reason: "must be the `next` of an earlier page (like 1234-56), got \"\(text)\"")
        }
        self.init(xid: xid, id: id)
    }

    public var description: String { "\(xid)-\(id)" }
}

/// One domain event: something other systems may need to hear about (a case decided, a venue closed).
/// `event_id` is unique: a receiver that sees one twice has seen the same event.
public struct DomainEvent: Sendable, Hashable, Codable {
    public var cursor: String
    public var eventId: UUID
    public var kind: String
    public var objectType: String
    public var objectId: String
    /// The jurisdiction code of the place the event concerns.
    public var jurisdiction: String?
    public var department: DepartmentCode?
    public var payload: [String: String]
    public var occurredAt: Date

    public init(cursor: String, eventId: UUID, kind: String, objectType: String, objectId: String, jurisdiction: String?, department: DepartmentCode?,
                payload: [String: String], occurredAt: Date) {
        self.cursor = cursor
        self.eventId = eventId
        self.kind = kind
        self.objectType = objectType
        self.objectId = objectId
        self.jurisdiction = jurisdiction
        self.department = department
        self.payload = payload
        self.occurredAt = occurredAt
    }
}

/// A page of the feed; `next` is the cursor to ask with next time (the same one when nothing new came).
public struct EventPage: Sendable, Hashable, Codable {
    public var events: [DomainEvent]
    public var next: String?

    public init(events: [DomainEvent], next: String?) {
        self.events = events
        self.next = next
    }
}
