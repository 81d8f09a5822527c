import Foundation

/// The projected bounding box of an extent, as the grid sees it.
enum HeatGridExtent {
    struct Box: Sendable, Equatable {
        var minX: Double, minY: Double, maxX: Double, maxY: Double

        /// Finite and within ~3,000 km of the central meridian, where the projection is still
        /// accurate and cell indices stay small; beyond that the caller has the wrong zone.
        var isUsable: Bool {
            [minX, minY, maxX, maxY].allSatisfy(\.isFinite)
                && minX > -2_500_000 && maxX < 3_500_000 && minY > -10_000_000 && maxY < 20_000_000
        }

        /// The box of no points: the identity of min/max, and never usable.
        static let empty = Box(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
    }

    /// A longitude/latitude bounding box: all the grid needs to know about an extent.
    struct Bounds: Sendable, Equatable {
        var west: Double, east: Double, south: Double, north: Double

        /// The box of the finite points, nil when there are none.
        init?(_ points: [GeoPoint]) {
            var b: Bounds?
            for p in points where p.longitude.isFinite && p.latitude.isFinite { b = b?.adding(p) ?? Bounds(point: p) }
            guard let b else { return nil }
            self = b
        }

        init(point p: GeoPoint) { (west, east, south, north) = (p.longitude, p.longitude, p.latitude, p.latitude) }

        func adding(_ p: GeoPoint) -> Bounds {
            var b = self
            b.west = min(west, p.longitude); b.east = max(east, p.longitude)
            b.south = min(south, p.latitude); b.north = max(north, p.latitude)
            return b
        }

        /// Centre of the box, which picks the zone.
        var centre: GeoPoint { GeoPoint(longitude: (west + east) / 2, latitude: (south + north) / 2) }
    }

    /// Centre of the longitude/latitude bounding box, which picks the zone; nil without finite points.
    static func centre(of points: [GeoPoint]) -> GeoPoint? { Bounds(points)?.centre }

    /// ``Box/empty`` (never usable) without finite points.
    static func projectedBox(_ points: [GeoPoint], projection: UTMProjection) -> Box {
        guard let bounds = Bounds(points) else { return .empty }
        return projectedBox(bounds, projection: projection)
    }

    /// Projects the edges of the longitude/latitude bounding box, not only its corners: parallels
    /// bow in Transverse Mercator, so the southern edge reaches lowest at the central meridian.
    static func projectedBox(_ bounds: Bounds, projection: UTMProjection) -> Box {
        let w = bounds.west, e = bounds.east, s = bounds.south, n = bounds.north
        var samples: [GeoPoint] = []
        let steps = 16
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            let lon = w + (e - w) * t, lat = s + (n - s) * t
            samples += [GeoPoint(longitude: lon, latitude: s), GeoPoint(longitude: lon, latitude: n),
                        GeoPoint(longitude: w, latitude: lat), GeoPoint(longitude: e, latitude: lat)]
        }
        let cm = projection.centralMeridian
        if w < cm && cm < e {
            samples += [GeoPoint(longitude: cm, latitude: s), GeoPoint(longitude: cm, latitude: n)]
        }
        let xy = samples.map(projection.forward)
        // The fallbacks are never taken (there are always samples) and would give the empty box.
        return Box(minX: xy.lazy.map(\.x).min() ?? .infinity, minY: xy.lazy.map(\.y).min() ?? .infinity,
                   maxX: xy.lazy.map(\.x).max() ?? -.infinity, maxY: xy.lazy.map(\.y).max() ?? -.infinity)
    }
}

/// Numbers as people read them in messages, independent of the machine's locale.
enum HeatGridText {
    /// 1234567 → "1,234,567".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// 1120 → "1,120 m"; fractions kept only when there are any.
    static func metres(_ v: Double) -> String {
        guard v.isFinite else { return "\(v) m" }
        if v == v.rounded(), abs(v) < 1e15 { return "\(grouped(Int(v))) m" }
        return "\(v) m"
    }
}
