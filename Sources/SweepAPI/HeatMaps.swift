import Foundation
import SweepCore

public struct RepeatOperator: Sendable, Hashable, Codable {
    public var operatorKey: String
    public var venues: Int
    public var violations: Int

    public init(operatorKey: String, venues: Int, violations: Int) {
        self.operatorKey = operatorKey
        self.venues = venues
        self.violations = violations
    }
}

/// `GET /v1/heatmap/offenders` answer.
public struct OffenderReport: Codable, Sendable {
    public var repeatVenues: [RepeatVenue]
    public var repeatOperators: [RepeatOperator]
    public var relocations: [Relocation]
    /// How many repeat operators there are (leadership gets the count, not who they are).
    public var repeatOperatorCount: Int
    /// Venues with fewer violations than this were left out (leadership's suppression).
    public var suppressedBelow: Int?

    public init(repeatVenues: [RepeatVenue], repeatOperators: [RepeatOperator], relocations: [Relocation], suppressedBelow: Int? = nil) {
        self.repeatVenues = repeatVenues
        self.repeatOperators = repeatOperators
        self.relocations = relocations
        self.repeatOperatorCount = repeatOperators.count
        self.suppressedBelow = suppressedBelow
    }

    /// As leadership may read it: small counts suppressed and no operator identities (personal data).
    public func forLeadership(suppressBelow threshold: Int = HeatMapPolicy.leadershipSuppression) -> OffenderReport {
        var copy = self
        copy.repeatVenues = repeatVenues.filter { $0.violations >= threshold }
        copy.repeatOperators = []
        copy.relocations = relocations.map { var r = $0; r.operatorKey = nil; return r }
        copy.suppressedBelow = threshold
        return copy
    }
}

/// A venue with at least k violations in the window.
public struct RepeatVenue: Codable, Sendable {
    public var venueId: Int64
    public var violations: Int

    public init(venueId: Int64, violations: Int) {
        self.venueId = venueId
        self.violations = violations
    }
}
