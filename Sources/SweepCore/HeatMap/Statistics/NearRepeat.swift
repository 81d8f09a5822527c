import Foundation

/// Near-repeat analysis over a window: the Knox test on violation visits (does one violation raise
/// the odds of another nearby soon after?) and, when it says yes, the venues near a recent violation.
public enum NearRepeat {
    /// The test is quadratic in the events: beyond this, narrow the window or the area.
    public static let maximumEvents = 20_000
    /// A visit that found at least one violation.
    public struct Event: Sendable, Hashable {
        public var venueId: Int64
        public var location: GeoPoint
        public var at: Date

        public init(venueId: Int64, location: GeoPoint, at: Date) {
            self.venueId = venueId
            self.location = location
            self.at = at
        }
    }

    /// A venue that could be next.
    public struct Candidate: Sendable, Hashable {
        public var venueId: Int64
        public var location: GeoPoint

        public init(venueId: Int64, location: GeoPoint) {
            self.venueId = venueId
            self.location = location
        }
    }

    /// The bands and the test's settings, checked.
    public struct Settings: Sendable, Hashable, Codable {
        public var distanceMetres: Double = 200
        public var days: Int = 14
        public var permutations: Int = 999
        public var seed: UInt64 = 1
        /// The p-value below which the venues at raised risk are listed.
        public var alpha: Double = 0.05

        public init() {}

        public func issues() -> [FieldIssue] {
            var out: [FieldIssue] = []
            if !(10...5000).contains(distanceMetres) { out.append(.init(location: "distance_m", reason: "must be 10–5000 metres, got \(distanceMetres)")) }
            if !(1...180).contains(days) { out.append(.init(location: "days", reason: "must be 1–180 days, got \(days)")) }
            if !(99...9999).contains(permutations) { out.append(.init(location: "permutations", reason: "must be 99–9999, got \(permutations)")) }
            return out
        }
    }

    public struct AtRisk: Sendable, Hashable, Codable {
        public var venueId: Int64
        /// Violation visits within the distance in the last `days` of the window.
        public var nearbyViolations: Int
        public var nearestMetres: Double
        /// `YYYY-MM-DD` of the latest of them.
        public var lastViolation: String
    }

    public struct Report: Sendable, Equatable, Codable {
        public var settings: Settings
        public var events: Int
        public var knox: KnoxResult
        /// The test found space–time interaction at `alpha`.
        public var nearRepeat: Bool
        /// Venues near a violation of the window's last `days`, most exposed first; empty when
        /// the test found no interaction (or for leaders, who get the count only).
        public var atRisk: [AtRisk]
        public var atRiskCount: Int
    }

    /// Runs the test (times in days, positions in UTM metres) and lists the exposed venues.
    public static func analyse(events: [Event], candidates: [Candidate], settings: Settings, windowEnd: Date) -> Report {
        let projection = UTMProjection.zone(for: events.first?.location ?? candidates.first?.location ?? GeoPoint(longitude: 114.3, latitude: 30.6))
        let points = events.map { e -> (x: Double, y: Double, t: Double) in
            let p = projection.forward(e.location)
            return (p.x, p.y, e.at.timeIntervalSince1970 / 86_400)
        }
        let knox = KnoxTest.run(events: points, closeDistance: settings.distanceMetres, closeTime: Double(settings.days),
                                permutations: settings.permutations, seed: settings.seed)
        let significant = knox.pValue < settings.alpha && (knox.ratio ?? 0) > 1
        var atRisk: [AtRisk] = []
        if significant {
            let since = windowEnd.addingTimeInterval(-Double(settings.days) * 86_400)
            let recent = zip(events, points).filter { $0.0.at >= since && $0.0.at < windowEnd }
            for candidate in candidates {
                let c = projection.forward(candidate.location)
                var count = 0, nearest = Double.infinity
                var last: Date?
                for (event, p) in recent where event.venueId != candidate.venueId {
                    let d = ((p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y)).squareRoot()
                    guard d <= settings.distanceMetres else { continue }
                    count += 1
                    nearest = min(nearest, d)
                    last = max(last ?? event.at, event.at)
                }
                if count > 0, let last {
                    atRisk.append(AtRisk(venueId: candidate.venueId, nearbyViolations: count, nearestMetres: (nearest * 10).rounded() / 10,
                                         lastViolation: ISODay.format(last)))
                }
            }
            atRisk.sort { ($0.nearbyViolations, -$0.nearestMetres, -$0.venueId) > ($1.nearbyViolations, -$1.nearestMetres, -$1.venueId) }
        }
        return Report(settings: settings, events: events.count, knox: knox, nearRepeat: significant, atRisk: Array(atRisk.prefix(500)),
                      atRiskCount: atRisk.count)
    }
}

extension NearRepeat.Report {
    /// Leaders get the finding, not a list of venues that reads like a target list.
    public func forLeadership() -> NearRepeat.Report {
        var copy = self
        copy.atRisk = []
        return copy
    }
}
