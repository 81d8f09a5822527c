import Foundation

/// How big a generated routing instance is (see ``RoutingInstanceGenerator``).
public struct RoutingInstanceSize: Sendable, Hashable, Codable {
    /// Short name used in benchmark rows, e.g. "city".
    public var name: String
    /// Candidate targets.
    public var candidates: Int
    public var inspectors: Int
    /// Campaign days; day 0 is a Monday.
    public var days: Int
    /// Radius of the city the targets lie in.
    public var cityRadiusKm: Double
    /// Caps the teams formed per day; nil deploys every available inspector.
    public var maxTeamsPerDay: Int?
    /// Weekly rest days, leave and declared conflicts of interest. Off for `tiny`, whose two
    /// teams must exist on every seed for the exact comparison.
    public var staffAbsences: Bool

    public init(name: String, candidates: Int, inspectors: Int, days: Int, cityRadiusKm: Double = 12.5,
                maxTeamsPerDay: Int? = nil, staffAbsences: Bool = true) {
        self.name = name
        self.candidates = candidates
        self.inspectors = inspectors
        self.days = days
        self.cityRadiusKm = cityRadiusKm
        self.maxTeamsPerDay = maxTeamsPerDay
        self.staffAbsences = staffAbsences
    }

    /// 8 targets, 2 teams, 1 day: small enough for ``ExactRoutingSolver``.
    public static let tiny = RoutingInstanceSize(name: "tiny", candidates: 8, inspectors: 8, days: 1, cityRadiusKm: 12.5,
                                                 maxTeamsPerDay: 2, staffAbsences: false)
    /// A district-sized week: 200 targets, 24 inspectors, 7 days.
    public static let small = RoutingInstanceSize(name: "small", candidates: 200, inspectors: 24, days: 7)
    /// The city-scale target: 3,000 candidates, 120 inspectors, 14 days.
    public static let city = RoutingInstanceSize(name: "city", candidates: 3_000, inspectors: 120, days: 14)

    public static let presets: [RoutingInstanceSize] = [.tiny, .small, .city]

    /// The preset with this name, if any.
    public static func preset(named name: String) -> RoutingInstanceSize? {
        presets.first { $0.name == name }
    }
}
