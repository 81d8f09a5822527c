import Foundation

/// One field's value before and after a correction, as text (absent = not set).
public struct FieldChange: Sendable, Hashable, Codable {
    public var from: String?
    public var to: String?

    public init(from: String?, to: String?) {
        self.from = from
        self.to = to
    }
}

/// What differs between two versions of a venue's own details (not its licences or standing):
/// the changes a correction records and a refresh import reports.
public enum VenueDifferences {
    /// Field name (the CSV column / JSON key) → old and new value; empty when nothing differs.
    public static func between(_ a: VenueRecord, _ b: VenueRecord) -> [String: FieldChange] {
        var out: [String: FieldChange] = [:]
        func compare(_ name: String, _ x: String?, _ y: String?) {
            if x != y { out[name] = FieldChange(from: x, to: y) }
        }
        compare("kind", a.kind.rawValue, b.kind.rawValue)
        compare("name", a.name, b.name)
        compare("address", a.address, b.address)
        compare("district", a.districtCode, b.districtCode)
        compare("licensed", String(a.licensed), String(b.licensed))
        compare("operator_name", a.operatorName, b.operatorName)
        compare("operator_key", a.operatorKey, b.operatorKey)
        compare("location", a.location.map(text), b.location.map(text))
        compare("opening_hours", a.openingHours, b.openingHours)
        return out
    }

    /// Coordinates compared at the precision a registry file carries (about 1 cm), so a round trip
    /// through CSV or JSON is not a change.
    static func text(_ p: GeoPoint) -> String { String(format: "%.7f,%.7f", p.longitude, p.latitude) }
}

/// A café that turned up near one closed recently: stored when found, shown on both venues, counted
/// in planning risk and listed with the repeat offenders.
public struct Relocation: Sendable, Hashable, Codable {
    /// The café that turned up.
    public var venueId: Int64
    public var venueCode: String
    /// The closed café it probably continues.
    public var closedVenueId: Int64
    public var closedVenueCode: String
    public var distanceMetres: Double
    /// `YYYY-MM-DD`.
    public var closedOn: String?
    /// `YYYY-MM-DD`: when the new café was registered or first found operating.
    public var foundOn: String?
    public var daysSinceClosure: Int?
    /// The closed café's operator key, when the registry knew it (left out for leadership).
    public var operatorKey: String?
    /// The new café names the same operator.
    public var sameOperator: Bool?
    /// `registered`, `inspected` or `imported`.
    public var foundBy: String?

    public init(venueId: Int64, venueCode: String, closedVenueId: Int64, closedVenueCode: String, distanceMetres: Double,
                closedOn: String? = nil, foundOn: String? = nil, daysSinceClosure: Int? = nil, operatorKey: String? = nil,
                sameOperator: Bool? = nil, foundBy: String? = nil) {
        self.venueId = venueId
        self.venueCode = venueCode
        self.closedVenueId = closedVenueId
        self.closedVenueCode = closedVenueCode
        self.distanceMetres = distanceMetres
        self.closedOn = closedOn
        self.foundOn = foundOn
        self.daysSinceClosure = daysSinceClosure
        self.operatorKey = operatorKey
        self.sameOperator = sameOperator
        self.foundBy = foundBy
    }
}

/// Where the relocation detector looks, unless a jurisdiction's settings say otherwise
/// (`relocation_radius_m`, `relocation_window_months`; the nearest jurisdiction that sets one wins).
public enum RelocationRule {
    public static let defaultRadiusMetres = 300.0
    public static let defaultWindowMonths = 12
}
