import Foundation

/// A flat metre grid anchored at a city's south-west corner.
///
/// Placing things "within 100 m of a school" is natural in metres and awkward in degrees; below
/// ~50 km an equirectangular projection is accurate to well under a metre per hundred.
struct DemoFrame: Sendable {
    /// The same constant as ``GeoPoint/offset(eastMetres:northMetres:)``, so both agree.
    static let metresPerDegreeLatitude = 111_320.0
    /// The frame's origin (south-west corner of the city lattice).
    let lon0: Double
    let lat0: Double
    /// Fixed at the city's centre latitude so the mapping is linear (containment is preserved).
    let metresPerDegreeLongitude: Double

    /// A frame at `lon0`, `lat0` scaled for `referenceLatitude`.
    init(southWest lon0: Double, _ lat0: Double, referenceLatitude: Double) {
        self.lon0 = lon0
        self.lat0 = lat0
        self.metresPerDegreeLongitude = Self.metresPerDegreeLatitude * cos(referenceLatitude * .pi / 180)
    }

    /// Metres → WGS 84, for storing what was placed in metres.
    func point(_ p: DemoXY) -> GeoPoint {
        GeoPoint(longitude: lon0 + p.x / metresPerDegreeLongitude, latitude: lat0 + p.y / Self.metresPerDegreeLatitude)
    }

    /// WGS 84 → metres, for distance checks against placed points.
    func xy(_ p: GeoPoint) -> DemoXY {
        DemoXY(x: (p.longitude - lon0) * metresPerDegreeLongitude, y: (p.latitude - lat0) * Self.metresPerDegreeLatitude)
    }
}

/// A position in a ``DemoFrame``, in metres east and north of the frame's corner.
struct DemoXY: Sendable, Hashable {
    /// Metres east of the frame's origin.
    var x: Double
    /// Metres north of the frame's origin.
    var y: Double

    /// Planar distance in metres; within a city it matches the haversine to ~0.5 %.
    func distance(to o: DemoXY) -> Double {
        ((x - o.x) * (x - o.x) + (y - o.y) * (y - o.y)).squareRoot()
    }

    /// The point `r` metres away at angle `theta` (radians from east).
    func moved(r: Double, theta: Double) -> DemoXY {
        DemoXY(x: x + r * cos(theta), y: y + r * sin(theta))
    }
}

/// One generated district: its boundary and what names inside it use.
struct DemoDistrict: Sendable {
    /// Administrative code, e.g. `420102`.
    let code: String
    /// Name with its suffix, e.g. `江岸区`; addresses start with it.
    let name: String
    /// Closed, counter-clockwise.
    let ring: [GeoPoint]
    /// Bounding box, a cheap test before the polygon test.
    let minLon: Double, maxLon: Double, minLat: Double, maxLat: Double
    /// The streets addresses in this district are on.
    let streets: [String]

    /// A district with its bounding box precomputed.
    init(code: String, name: String, ring: [GeoPoint], streets: [String]) {
        self.code = code
        self.name = name
        self.ring = ring
        self.streets = streets
        minLon = ring.map(\.longitude).min()!
        maxLon = ring.map(\.longitude).max()!
        minLat = ring.map(\.latitude).min()!
        maxLat = ring.map(\.latitude).max()!
    }

    /// The same test the checks use (``polygonContains(_:_:)``), so placement and checks agree.
    func contains(_ p: GeoPoint) -> Bool {
        p.longitude >= minLon && p.longitude <= maxLon && p.latitude >= minLat && p.latitude <= maxLat
            && polygonContains(ring, p)
    }
}

/// One generated city: frame, districts tiling its area, and its "urban village" hot spots.
struct DemoCityArea: Sendable {
    /// Position among the province's cities; selects the city's random stream and names.
    let index: Int
    /// Administrative code, e.g. `420100`.
    let code: String
    let name: String
    /// The metre grid everything in this city is placed on.
    let frame: DemoFrame
    /// Size of the district lattice in metres (the jittered outer edge wanders a little around it).
    let width: Double
    let height: Double
    /// The districts tiling the city, in code order.
    let districts: [DemoDistrict]
    /// Closed, counter-clockwise outline of the whole city.
    let outerRing: [GeoPoint]
    /// Centres of dense informal neighbourhoods (城中村) where black cafés cluster.
    var hotSpots: [DemoXY] = []

    /// Where density peaks: retailers, cafés and schools crowd the centre.
    var centre: DemoXY { DemoXY(x: width / 2, y: height / 2) }

    /// Index of the district containing `p`, if any.
    func locate(_ p: GeoPoint) -> Int? {
        for (i, d) in districts.enumerated() where d.contains(p) { return i }
        return nil
    }

    /// A point inside the city, either uniform or Gaussian around the centre (`sigma` metres).
    func sample(sigma: Double?, _ rng: inout SeededRandom) -> (point: GeoPoint, xy: DemoXY, district: Int) {
        for _ in 0..<200 {
            let xy: DemoXY
            if let sigma {
                xy = DemoXY(x: width / 2 + sigma * rng.nextGaussian(), y: height / 2 + sigma * rng.nextGaussian())
            } else {
                xy = DemoXY(x: rng.nextDouble(in: 0..<width), y: rng.nextDouble(in: 0..<height))
            }
            let p = frame.point(xy)
            if let d = locate(p) { return (p, xy, d) }
        }
        // Practically unreachable; the centre always lies in some district.
        let xy = centre
        let p = frame.point(xy)
        return (p, xy, locate(p) ?? 0)
    }

    /// A point between `minR` and `maxR` metres from `origin`, inside the city; nil when the
    /// origin is so close to the edge that repeated tries all fell outside.
    func sample(near origin: DemoXY, minR: Double, maxR: Double, _ rng: inout SeededRandom)
        -> (point: GeoPoint, xy: DemoXY, district: Int)?
    {
        for _ in 0..<30 {
            let xy = origin.moved(r: rng.nextDouble(in: minR..<maxR), theta: rng.nextDouble(in: 0..<(2 * .pi)))
            let p = frame.point(xy)
            if let d = locate(p) { return (p, xy, d) }
        }
        return nil
    }
}

/// Builds the province → city → district tree and its boundaries.
///
/// Districts are cells of a lattice whose shared edges are jittered polylines used by both
/// neighbours, so the boundaries look hand-drawn yet tile the city exactly, without gaps or
/// overlaps, and every ring is closed and counter-clockwise by construction.
enum DemoGeography {
    /// City centre of the single-city scales (a real-looking setting on the middle Yangtze).
    static let singleCityCentre = GeoPoint(longitude: 114.30, latitude: 30.60)
    /// Centre of the province's grid of cities.
    static let provinceCentre = GeoPoint(longitude: 112.80, latitude: 31.00)
    /// Distance between neighbouring city centres; larger than a city so cities never overlap.
    static let cityPitchEast = 60_000.0
    static let cityPitchNorth = 45_000.0
    /// Cities per row of the province grid.
    static let provinceColumns = 5

    /// The province record (a box around all cities) and the cities with their districts.
    static func build(plan: DemoPlan, _ rng: inout SeededRandom) -> (province: JurisdictionRecord, cities: [DemoCityArea]) {
        var cities: [DemoCityArea] = []
        let width = Double(plan.columns) * plan.cellWidth
        let height = Double(plan.rows) * plan.cellHeight
        for c in 0..<plan.cityCount {
            let centre: GeoPoint
            if plan.cityCount == 1 {
                centre = singleCityCentre
            } else {
                let rowsOfCities = (plan.cityCount + provinceColumns - 1) / provinceColumns
                let col = Double(c % provinceColumns) - Double(provinceColumns - 1) / 2
                let row = Double(c / provinceColumns) - Double(rowsOfCities - 1) / 2
                centre = provinceCentre.offset(eastMetres: col * cityPitchEast, northMetres: row * cityPitchNorth)
            }
            let frame = DemoFrame(
                southWest: centre.longitude - width / 2 / (DemoFrame.metresPerDegreeLatitude * cos(centre.latitude * .pi / 180)),
                centre.latitude - height / 2 / DemoFrame.metresPerDegreeLatitude,
                referenceLatitude: centre.latitude)
            var city = lattice(cityIndex: c, plan: plan, frame: frame, width: width, height: height, &rng)
            for _ in 0..<plan.hotSpots {
                let r0 = 0.15 * min(width, height), r1 = 0.42 * min(width, height)
                if let s = city.sample(near: city.centre, minR: r0, maxR: r1, &rng) { city.hotSpots.append(s.xy) }
            }
            if city.hotSpots.isEmpty { city.hotSpots.append(city.centre) }
            cities.append(city)
        }
        let margin = 0.05
        let all = cities.flatMap(\.outerRing)
        let minLon = all.map(\.longitude).min()! - margin, maxLon = all.map(\.longitude).max()! + margin
        let minLat = all.map(\.latitude).min()! - margin, maxLat = all.map(\.latitude).max()! + margin
        let box = [
            GeoPoint(longitude: minLon, latitude: minLat), GeoPoint(longitude: maxLon, latitude: minLat),
            GeoPoint(longitude: maxLon, latitude: maxLat), GeoPoint(longitude: minLon, latitude: maxLat),
            GeoPoint(longitude: minLon, latitude: minLat),
        ]
        let province = JurisdictionRecord(
            code: DemoNames.provinceCode, name: DemoNames.provinceName, level: .province, parentCode: nil, boundary: [box])
        return (province, cities)
    }

    /// Administrative code of city `index` (0-based): 420100, 420200, …
    static func cityCode(_ index: Int) -> String {
        "42" + DemoNames.pad(index + 1, 2) + "00"
    }

    private static func lattice(cityIndex: Int, plan: DemoPlan, frame: DemoFrame, width: Double, height: Double,
                                _ rng: inout SeededRandom) -> DemoCityArea
    {
        let cols = plan.columns, rows = plan.rows
        let w = plan.cellWidth, h = plan.cellHeight
        let between = 3  // intermediate points per edge
        // Lattice vertices, jittered by up to 6 % of a cell.
        var vertex = [[DemoXY]](repeating: [], count: cols + 1)
        for i in 0...cols {
            for j in 0...rows {
                vertex[i].append(DemoXY(x: Double(i) * w + rng.nextDouble(in: -0.06..<0.06) * w,
                                        y: Double(j) * h + rng.nextDouble(in: -0.06..<0.06) * h))
            }
        }
        // Horizontal edge (i, j): vertex[i][j] → vertex[i+1][j]; vertical edge (i, j): vertex[i][j] → vertex[i][j+1].
        // Each is built once and shared by both neighbours, so they meet exactly.
        func polyline(_ a: DemoXY, _ b: DemoXY, jitterX: Double, jitterY: Double, _ rng: inout SeededRandom) -> [GeoPoint] {
            var line = [frame.point(a)]
            for k in 1...between {
                let t = Double(k) / Double(between + 1)
                line.append(frame.point(DemoXY(x: a.x + t * (b.x - a.x) + rng.nextDouble(in: -1..<1) * jitterX,
                                               y: a.y + t * (b.y - a.y) + rng.nextDouble(in: -1..<1) * jitterY)))
            }
            line.append(frame.point(b))
            return line
        }
        var horizontal = [[[GeoPoint]]](repeating: [], count: cols)
        for i in 0..<cols {
            for j in 0...rows {
                horizontal[i].append(polyline(vertex[i][j], vertex[i + 1][j], jitterX: 0, jitterY: 0.04 * h, &rng))
            }
        }
        var vertical = [[[GeoPoint]]](repeating: [], count: cols + 1)
        for i in 0...cols {
            for j in 0..<rows {
                vertical[i].append(polyline(vertex[i][j], vertex[i][j + 1], jitterX: 0.04 * w, jitterY: 0, &rng))
            }
        }
        let code = cityCode(cityIndex)
        let prefix = String(code.prefix(4))
        var districts: [DemoDistrict] = []
        let nameOffset = (cityIndex * 7) % DemoNames.districts.count
        for j in 0..<rows {
            for i in 0..<cols {
                // Counter-clockwise: bottom west→east, right south→north, top east→west, left north→south.
                var ring = horizontal[i][j]
                ring += vertical[i + 1][j].dropFirst()
                ring += horizontal[i][j + 1].reversed().dropFirst()
                ring += vertical[i][j].reversed().dropFirst()
                let n = districts.count
                var streets = DemoNames.streets
                rng.shuffle(&streets)
                districts.append(DemoDistrict(
                    code: prefix + DemoNames.pad(n + 2, 2),
                    name: DemoNames.districts[(nameOffset + n) % DemoNames.districts.count],
                    ring: ring, streets: Array(streets.prefix(14))))
            }
        }
        var outer: [GeoPoint] = []
        for i in 0..<cols { outer += outer.isEmpty ? horizontal[i][0] : Array(horizontal[i][0].dropFirst()) }
        for j in 0..<rows { outer += vertical[cols][j].dropFirst() }
        for i in stride(from: cols - 1, through: 0, by: -1) { outer += horizontal[i][rows].reversed().dropFirst() }
        for j in stride(from: rows - 1, through: 0, by: -1) { outer += vertical[0][j].reversed().dropFirst() }
        return DemoCityArea(index: cityIndex, code: code, name: DemoNames.cities[cityIndex % DemoNames.cities.count],
                            frame: frame, width: width, height: height, districts: districts, outerRing: outer)
    }
}
