import Foundation
import SweepCore

/// A stored audit entry.
public struct AuditRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var occurredAt: Date
    public var entry: AuditEntry

    public init(id: Int64, occurredAt: Date, entry: AuditEntry) {
        self.id = id
        self.occurredAt = occurredAt
        self.entry = entry
    }
}
