import Foundation

/// A black café that was closed and turned up again nearby under a new venue code.
///
/// Closed black cafés rarely disappear: the operator moves a few doors down. Heat maps and
/// repeat-offence features need to know which new venue continues which closed one, and the
/// registry alone cannot say it, so the generator records the pairs it created.
public struct DemoRelocation: Sendable, Hashable {
    /// Code of the venue that was raided and closed.
    public var closed: String
    /// Code of the unlicensed venue that opened within 300 m after the closure.
    public var reopened: String

    /// Pairs two venue codes; the generator is the only producer, tests may build expectations.
    public init(closed: String, reopened: String) {
        self.closed = closed
        self.reopened = reopened
    }
}

/// A complete, self-consistent demo world: registry plus two years of enforcement history.
///
/// Everything the product shows (plans, heat maps, repeat-offence counters, leadership reports)
/// needs registry and history that agree with each other; generating them together is the only
/// way to keep codes, districts, dates and venue states consistent.
public struct DemoCity: Sendable, Hashable {
    /// Province, cities and districts, parents before children so they can be inserted in order.
    public var jurisdictions: [JurisdictionRecord]
    /// Licensed cafés, black cafés (open, closed and relocated) and tobacco retailers.
    public var venues: [VenueRecord]
    /// Kindergartens, primary and middle schools, for the distance rules and risk maps.
    public var schools: [SchoolRecord]
    /// The roster random draws pick from, including expired credentials and inactive staff that
    /// the draw must skip.
    public var inspectors: [InspectorRecord]
    /// Past inspections in order of arrival, all within the two years before `now`.
    public var history: [HistoricInspection]
    /// Relocated black cafés, for tests and heat maps.
    public var relocations: [DemoRelocation]
    /// Per target kind, the expected share of random (untargeted) checks in the last 365 days that
    /// find at least one violation — the truth a random-draw compliance estimate should cover.
    public var randomCheckPrevalence: [String: Double] = [:]

    /// Assembles a world from parts, e.g. a test fixture trimmed from a generated one.
    public init(jurisdictions: [JurisdictionRecord], venues: [VenueRecord], schools: [SchoolRecord],
                inspectors: [InspectorRecord], history: [HistoricInspection], relocations: [DemoRelocation]) {
        self.jurisdictions = jurisdictions
        self.venues = venues
        self.schools = schools
        self.inspectors = inspectors
        self.history = history
        self.relocations = relocations
    }
}
