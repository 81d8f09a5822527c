import Foundation
import SweepCore

/// `POST /v1/campaigns/{id}/plans`.
public struct PlanCreateRequest: Codable, Sendable {
    /// Seed of the random draw, the grouping and the solver; a new random one when absent (it is recorded).
    public var seed: UInt64?
    public var allowUnmetQuota: Bool?
    /// Solver iteration budget (default scales with the instance); mainly for tests and benchmarks.
    public var maxIterations: Int?

    /// Refuses an iteration budget below 1.
    public func validate() throws {
        if let maxIterations, maxIterations < 1 { throw SweepError.invalid(field: "max_iterations", reason: "must be at least 1, got \(maxIterations)") }
    }

    public init(seed: UInt64? = nil, allowUnmetQuota: Bool? = nil, maxIterations: Int? = nil) {
        self.seed = seed
        self.allowUnmetQuota = allowUnmetQuota
        self.maxIterations = maxIterations
    }
}

/// `POST /v1/plans/{id}/dispatch` and `/done`: which sweeps (all when empty), or all of one day.
public struct SweepSelection: Codable, Sendable {
    public var sweepIds: [Int64]?
    public var day: String?

    public init(sweepIds: [Int64]? = nil, day: String? = nil) {
        self.sweepIds = sweepIds
        self.day = day
    }
}

/// `POST /v1/plans/{id}/discard`.
public struct DiscardRequest: Codable, Sendable {
    public var reason: String?
    public init(reason: String? = nil) { self.reason = reason }
}

/// A change that needs only its reason (closing a campaign).
public struct ReasonRequest: Codable, Sendable {
    public var reason: String?
    public init(reason: String? = nil) { self.reason = reason }
}

/// Answers that carry a count or a list of ids.
public struct ChangeResponse: Codable, Sendable {
    public var status: String
    public var changed: Int?
    public var sweepIds: [Int64]?

    public init(status: String, changed: Int? = nil, sweepIds: [Int64]? = nil) {
        self.status = status
        self.changed = changed
        self.sweepIds = sweepIds
    }
}

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
    /// Why the plan is repaired (required; kept in the audit log).
    public var reason: String?

    public init(droppedInspectors: [Dropout]? = nil, closedVenues: [String]? = nil, fillFreedTime: Bool? = nil, reason: String? = nil) {
        self.reason = reason
        self.droppedInspectors = droppedInspectors
        self.closedVenues = closedVenues
        self.fillFreedTime = fillFreedTime
    }
}
