import Foundation

/// A WGS 84 position (EPSG:4326). Longitude first, as in GeoJSON and PostGIS.
public struct GeoPoint: Sendable, Hashable, Codable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }

    /// Great-circle distance in metres (haversine on a sphere of radius 6,371,008.8 m).
    /// Good to ~0.5 %, which is enough for planning and sanity checks; PostGIS geography does the exact work.
    public func distance(to other: GeoPoint) -> Double {
        let r = 6_371_008.8
        let φ1 = latitude * .pi / 180, φ2 = other.latitude * .pi / 180
        let dφ = φ2 - φ1
        let dλ = (other.longitude - longitude) * .pi / 180
        let a = sin(dφ / 2) * sin(dφ / 2) + cos(φ1) * cos(φ2) * sin(dλ / 2) * sin(dλ / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }

    /// The point moved by metres east and north (local flat-earth approximation, fine below ~50 km).
    public func offset(eastMetres: Double, northMetres: Double) -> GeoPoint {
        let dLat = northMetres / 111_320.0
        let dLon = eastMetres / (111_320.0 * cos(latitude * .pi / 180))
        return GeoPoint(longitude: longitude + dLon, latitude: latitude + dLat)
    }
}

/// The box that holds mainland China, Hainan and the islands the registries use.
/// A position outside it is almost always a typing error or swapped columns.
public enum ChinaBounds {
    public static let minLongitude = 73.4
    public static let maxLongitude = 135.1
    public static let minLatitude = 3.8
    public static let maxLatitude = 53.6

    public static func contains(longitude: Double, latitude: Double) -> Bool {
        (minLongitude...maxLongitude).contains(longitude) && (minLatitude...maxLatitude).contains(latitude)
    }

    /// Checks a position and explains what is wrong with it, or returns nil when it is plausible.
    public static func problem(longitude: Double, latitude: Double) -> String? {
        guard longitude.isFinite, latitude.isFinite else { return "coordinate is not a finite number" }
        if contains(longitude: longitude, latitude: latitude) { return nil }
        if contains(longitude: latitude, latitude: longitude) {
            return "longitude \(longitude), latitude \(latitude) looks swapped: (\(latitude), \(longitude)) would be in China; longitude comes first and is 73.4–135.1"
        }
        return "longitude \(longitude), latitude \(latitude) is outside China (longitude 73.4–135.1, latitude 3.8–53.6)"
    }
}
