import Foundation
import SweepCore

/// `GET /v1/venues` response.
public struct VenueListResponse: Codable, Sendable {
    public var items: [VenueSummary]
    /// Cursor for the next page (`after=`), absent on the last page.
    public var nextAfter: Int64?

    public init(items: [VenueSummary], nextAfter: Int64?) {
        self.items = items
        self.nextAfter = nextAfter
    }
}
