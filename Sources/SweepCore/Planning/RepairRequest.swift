import Foundation

/// `POST /v1/plans/{id}/repair`: what changed since the plan was made.
public struct RepairRequest: Codable, Sendable {
    public struct Dropout: Codable, Sendable {
        /// Inspector staff code.
        public var inspector: String
        /// Days (YYYY-MM-DD) the inspector is out, inclusive; the whole plan when both are absent.
        public var from: String?
        public var to: String?

        public init(inspector: String, from: String? = nil, to: String? = nil) {
            self.inspector = inspector
            self.from = from
            self.to = to
        }
    }
    public var droppedInspectors: [Dropout]?
    /// Venue codes found closed.
    public var closedVenues: [String]?
    /// Fill time freed by removed stops with unvisited targets (off by default: coordinators want stability).
    public var fillFreedTime: Bool?

    public init(droppedInspectors: [Dropout]? = nil, closedVenues: [String]? = nil, fillFreedTime: Bool? = nil) {
        self.droppedInspectors = droppedInspectors
        self.closedVenues = closedVenues
        self.fillFreedTime = fillFreedTime
    }
}
