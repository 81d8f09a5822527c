import Foundation
import SweepCore

/// Where a reader of the event feed stands: the place (`seq`) of the last event it has read.
/// Pass back the page's `next`.
public struct EventCursor: Sendable, Hashable, CustomStringConvertible {
    public var seq: Int64

    public init(seq: Int64) { self.seq = seq }

    public init(parsing text: String) throws {
        guard let seq = Int64(text), seq >= 0 else {
            throw SweepError.invalid(field: "after", reason: "must be the `next` of an earlier page (a number like 1234), got \"\(text)\"")
        }
        self.init(seq: seq)
    }

    public var description: String { String(seq) }
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
