import Foundation

/// What a heat map is asked for: the grid, the window (whole months, China Standard Time), filters,
/// the repeat-offender rule and whether small counts are suppressed.
public struct HeatMapRequest: Sendable, Hashable, Codable {
    public var shape: HeatCellShape
    public var sizeMetres: Double
    /// First month included and first month after the window, `YYYY-MM`.
    public var from: String
    public var to: String
    public var venueKinds: [VenueKind]
    public var departments: [DepartmentCode]
    public var violationCodes: [String]
    public var campaignId: Int64?
    /// A venue is a repeat offender with at least this many violations in the window.
    public var repeatThreshold: Int
    /// Outputs for leadership or publication show counts below this as "<k"; nil = working view.
    public var suppressBelow: Int?
    /// Run Getis-Ord Gi* on this measure ("violations" or "repeat_venues"); nil = no hot spots.
    public var hotSpotMeasure: String?

    public init(shape: HeatCellShape = .square, sizeMetres: Double = 500, from: String, to: String, venueKinds: [VenueKind] = [],
                departments: [DepartmentCode] = [], violationCodes: [String] = [], campaignId: Int64? = nil, repeatThreshold: Int = 2,
                suppressBelow: Int? = nil, hotSpotMeasure: String? = "violations") {
        self.shape = shape
        self.sizeMetres = sizeMetres
        self.from = from
        self.to = to
        self.venueKinds = venueKinds
        self.departments = departments
        self.violationCodes = violationCodes
        self.campaignId = campaignId
        self.repeatThreshold = repeatThreshold
        self.suppressBelow = suppressBelow
        self.hotSpotMeasure = hotSpotMeasure
    }

    /// The window as the first days of its months, or every problem with the field it belongs to.
    public func window() throws -> (from: Date, to: Date) {
        var issues: [FieldIssue] = []
        func month(_ text: String, _ field: String) -> Date? {
            guard let d = ISODay.parse(text + "-01") else { issues.append(.init(location: field, reason: "\"\(text)\" is not a month; write YYYY-MM")); return nil }
            return d
        }
        let a = month(from, "from"), b = month(to, "to")
        if let a, let b, b <= a { issues.append(.init(location: "to", reason: "the window \(from)..\(to) is empty: `to` is the first month after the window")) }
        if let a, let b, b.timeIntervalSince(a) > 10 * 366 * 86_400 { issues.append(.init(location: "to", reason: "at most ten years")) }
        if !(1...100).contains(repeatThreshold) { issues.append(.init(location: "repeat_threshold", reason: "must be 1–100")) }
        if let k = suppressBelow, !(2...100).contains(k) { issues.append(.init(location: "suppress_below", reason: "must be 2–100")) }
        if let m = hotSpotMeasure, !["violations", "repeat_venues"].contains(m) {
            issues.append(.init(location: "hot_spots", reason: "measure \(m) is unknown; use violations or repeat_venues"))
        }
        // Both months parse whenever there are no issues.
        guard issues.isEmpty, let a, let b else { throw SweepError.invalid(issues) }
        return (a, b)
    }
}

/// One venue's counts in the window (from the rollup), with where it is.
public struct VenueWindowCounts: Sendable, Hashable, Codable {
    public var venueId: Int64
    public var location: GeoPoint
    public var inspections: Int
    public var violations: Int

    public init(venueId: Int64, location: GeoPoint, inspections: Int, violations: Int) {
        self.venueId = venueId
        self.location = location
        self.inspections = inspections
        self.violations = violations
    }
}
