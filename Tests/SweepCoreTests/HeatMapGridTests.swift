import Foundation
import Testing
@testable import SweepCore

/// UTM projection against PROJ reference values, and square/hex grid maths at known points.
@Suite struct HeatMapGridTests {
    static let zone50 = UTMProjection(zone: 50, north: true)
    static let demoExtent = [GeoPoint(longitude: 114.20, latitude: 30.50), GeoPoint(longitude: 114.40, latitude: 30.70)]

    private func signedArea(_ ring: [GeoPoint]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0.longitude * $1.1.latitude - $1.1.longitude * $1.0.latitude } / 2
    }

    private func grid(_ shape: HeatCellShape, _ size: Double, extent: [GeoPoint] = demoExtent) throws -> HeatGrid {
        try HeatGrid.validated(shape: shape, sizeMetres: size, extent: extent)
    }

    // MARK: UTM

    /// Reference values from PROJ 9 (`cs2cs EPSG:4326 EPSG:326ZZ`). 114° E is the western edge of
    /// zone 50, hence an easting far from 500 km; zone 49 gives the mirror image 1,000,000 − 210,590.347.
    @Test(arguments: [
        (114.0, 30.0, 50, 210_590.3468, 3_322_575.9044),
        (114.3, 30.6, 50, 241_125.5148, 3_388_379.6419),
        (114.0, 30.0, 49, 789_409.6532, 3_322_575.9044),
        (87.6, 43.8, 45, 548_265.8010, 4_849_834.5927),
        (126.6, 45.75, 52, 313_328.6299, 5_069_072.6808),
    ])
    func forwardMatchesPROJ(lon: Double, lat: Double, zone: Int, easting: Double, northing: Double) {
        let (x, y) = UTMProjection(zone: zone, north: true).forward(GeoPoint(longitude: lon, latitude: lat))
        #expect(abs(x - easting) < 0.001)
        #expect(abs(y - northing) < 0.001)
    }

    @Test func centralMeridianAtEquatorIsFalseEasting() {
        let (x, y) = Self.zone50.forward(GeoPoint(longitude: 117, latitude: 0))
        #expect(x == 500_000)
        #expect(abs(y) < 1e-9)
        #expect(Self.zone50.epsg == 32650)
        #expect(UTMProjection(zone: 50, north: false).epsg == 32750)
    }

    @Test func roundTripIsBelowAMillimetre() {
        let points = [(114.3, 30.6), (73.5, 39.4), (135.0, 48.4), (109.5, 18.2), (121.47, 31.23), (116.4, 39.9), (91.1, 29.65), (113.0, 23.0)]
        for (lon, lat) in points {
            let p = GeoPoint(longitude: lon, latitude: lat)
            let utm = UTMProjection.zone(for: p)
            let (x, y) = utm.forward(p)
            let back = utm.inverse(x: x, y: y)
            let (x2, y2) = utm.forward(back)
            #expect(abs(back.longitude - lon) < 1e-9 && abs(back.latitude - lat) < 1e-9, "\(lon), \(lat)")
            #expect(hypot(x2 - x, y2 - y) < 0.001)
            // Three degrees outside the zone still round-trips, which province grids straddling a boundary need.
            let outside = GeoPoint(longitude: utm.centralMeridian + 6, latitude: lat)
            let (ox, oy) = utm.forward(outside)
            let ob = utm.inverse(x: ox, y: oy)
            #expect(abs(ob.longitude - outside.longitude) < 1e-9 && abs(ob.latitude - lat) < 1e-9)
        }
    }

    @Test func zoneSelection() {
        #expect(UTMProjection.zone(for: GeoPoint(longitude: 114.3, latitude: 30.6)) == Self.zone50)
        #expect(UTMProjection.zone(for: GeoPoint(longitude: 113.99, latitude: 30)).zone == 49)
        #expect(UTMProjection.zone(for: GeoPoint(longitude: 87.6, latitude: 43.8)).zone == 45)
        #expect(UTMProjection.zone(for: GeoPoint(longitude: 114.3, latitude: -1)).north == false)
    }

    // MARK: Squares

    @Test func squareCellsAreHalfOpen() throws {
        let g = try grid(.square, 500)
        #expect(g.projection == Self.zone50)
        #expect(g.cell(g.key(x: 241_000, y: 3_388_000)) == (482, 6776))
        #expect(g.cell(g.key(x: 241_499.999, y: 3_388_499.999)) == (482, 6776))
        #expect(g.cell(g.key(x: 241_500, y: 3_388_000)) == (483, 6776)) // east edge → next column
        #expect(g.cell(g.key(x: 241_000, y: 3_388_500)) == (482, 6777)) // north edge → next row
        let key = g.key(x: 241_250, y: 3_388_250)
        let c = g.centreXY(key)
        #expect(c.x == 241_250 && c.y == 3_388_250)
        #expect(g.key(for: g.centre(key)) == key)
    }

    @Test func keysPackSignedColumnAndRow() throws {
        let g = try grid(.square, 500)
        for (c, r) in [(Int32(0), Int32(0)), (-3, -7), (482, 6776), (Int32.max, Int32.min), (-1, 1)] {
            #expect(g.cell(HeatGrid.key(column: c, row: r)) == (c, r))
        }
        #expect(HeatGrid.key(column: 1, row: 2) == (Int64(1) << 32) + 2)
    }

    @Test func keysAreStableAcrossExtents() throws {
        let other = [GeoPoint(longitude: 114.25, latitude: 30.55), GeoPoint(longitude: 115.5, latitude: 31.2)]
        let p = GeoPoint(longitude: 114.301234, latitude: 30.604321)
        for shape in [HeatCellShape.square, .hexagon] {
            let a = try grid(shape, 300), b = try grid(shape, 300, extent: other)
            #expect(a == b)
            #expect(a.key(for: p) == b.key(for: p))
        }
    }

    @Test func squarePolygonsAndNeighbours() throws {
        let g = try grid(.square, 1000)
        let key = g.key(for: GeoPoint(longitude: 114.3, latitude: 30.6))
        let ring = g.polygon(key)
        #expect(ring.count == 5 && ring.first == ring.last)
        #expect(signedArea(ring) > 0)
        let n = g.neighbours(key)
        #expect(n.count == 8 && Set(n).count == 8 && !n.contains(key))
        for other in n { #expect(g.neighbours(other).contains(key)) }
        let (c, r) = g.cell(key)
        #expect(Set(n) == Set([(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)].map { HeatGrid.key(column: c + Int32($0.0), row: r + Int32($0.1)) }))
    }

    @Test func squareCoveringMatchesBoxAndHoldsEveryPoint() throws {
        let g = try grid(.square, 1000)
        let keys = g.cells(covering: Self.demoExtent)
        #expect(Set(keys).count == keys.count)
        #expect(keys.count == g.cellCount(in: HeatGridExtent.projectedBox(Self.demoExtent, projection: g.projection)))
        for lon in stride(from: 114.2, through: 114.4, by: 0.05) {
            for lat in stride(from: 30.5, through: 30.7, by: 0.05) {
                #expect(keys.contains(g.key(for: GeoPoint(longitude: lon, latitude: lat))))
            }
        }
    }

    // MARK: Hexagons

    @Test func hexAssignmentIsTheNearestCentre() throws {
        let g = try grid(.hexagon, 300)
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<2000 {
            let x = 240_000 + next() * 3000, y = 3_388_000 + next() * 3000
            let key = g.key(x: x, y: y)
            let c = g.centreXY(key)
            let own = hypot(x - c.x, y - c.y)
            #expect(own <= 300 + 1e-9)
            for n in g.neighbours(key) {
                let nc = g.centreXY(n)
                #expect(own <= hypot(x - nc.x, y - nc.y) + 1e-9)
            }
        }
    }

    @Test func pointNearAHexVertexGoesToTheNearestCentre() throws {
        let g = try grid(.hexagon, 300)
        let key = HeatGrid.key(column: 100, row: 2000)
        let c = g.centreXY(key)
        // The north vertex (pointy top) is shared with the neighbours at axial (0, +1) and (−1, +1).
        let vertex = (x: c.x, y: c.y + 300)
        #expect(g.cell(g.key(x: vertex.x, y: vertex.y - 0.01)) == (100, 2000))
        #expect(g.cell(g.key(x: vertex.x + 0.01, y: vertex.y + 0.001)) == (100, 2001))
        #expect(g.cell(g.key(x: vertex.x - 0.01, y: vertex.y + 0.001)) == (99, 2001))
        // Exactly on the vertex, the same answer every time.
        #expect(g.key(x: vertex.x, y: vertex.y) == g.key(x: vertex.x, y: vertex.y))
    }

    @Test func hexPolygonsNeighboursAndCentres() throws {
        let g = try grid(.hexagon, 300)
        let key = g.key(for: GeoPoint(longitude: 114.3, latitude: 30.6))
        #expect(g.key(for: g.centre(key)) == key)
        let ring = g.polygon(key)
        #expect(ring.count == 7 && ring.first == ring.last)
        #expect(signedArea(ring) > 0)
        let xy = g.cornersXY(key), c = g.centreXY(key)
        for v in xy { #expect(abs(hypot(v.x - c.x, v.y - c.y) - 300) < 1e-6) }
        #expect(abs(xy[1].x - c.x) < 1e-6 && xy[1].y > c.y) // pointy top
        let n = g.neighbours(key)
        #expect(n.count == 6 && Set(n).count == 6)
        for other in n {
            #expect(g.neighbours(other).contains(key))
            let oc = g.centreXY(other)
            #expect(abs(hypot(oc.x - c.x, oc.y - c.y) - 300 * 3.0.squareRoot()) < 1e-6)
        }
    }

    @Test func hexCoveringHoldsEveryPoint() throws {
        let g = try grid(.hexagon, 500)
        let keys = Set(g.cells(covering: Self.demoExtent))
        for lon in stride(from: 114.2, through: 114.4, by: 0.01) {
            for lat in stride(from: 30.5, through: 30.7, by: 0.01) {
                #expect(keys.contains(g.key(for: GeoPoint(longitude: lon, latitude: lat))))
            }
        }
    }

    // MARK: Errors

    @Test func sizesOutOfRangeAreRefused() {
        for (shape, size) in [(HeatCellShape.square, 40.0), (.hexagon, 60_000), (.square, .nan)] {
            #expect {
                try HeatGrid.validated(shape: shape, sizeMetres: size, extent: Self.demoExtent)
            } throws: { error in
                guard case .invalid(let issues) = error as? SweepError else { return false }
                return issues.first?.location == shape.parameter && issues.first!.reason.contains("50 m–50,000 m")
            }
        }
    }

    @Test func tooManyCellsNamesTheFix() throws {
        let city = [GeoPoint(longitude: 114.0, latitude: 30.3), GeoPoint(longitude: 114.6, latitude: 30.9)]
        var reason = ""
        #expect {
            try HeatGrid.validated(shape: .square, sizeMetres: 50, extent: city)
        } throws: { error in
            guard case .invalid(let issues) = error as? SweepError, issues.first?.location == "cell" else { return false }
            reason = issues[0].reason
            return true
        }
        #expect(reason.hasPrefix("50 m cells over this extent make "))
        #expect(reason.contains("the limit is 250,000: use ≥ "))
        // The suggested size fits, and 10 m less does not.
        let digits = reason.split(separator: "≥ ")[1].prefix { $0.isNumber || $0 == "," }.replacingOccurrences(of: ",", with: "")
        let fit = try #require(Double(digits))
        _ = try HeatGrid.validated(shape: .square, sizeMetres: fit, extent: city)
        #expect(throws: SweepError.self) { try HeatGrid.validated(shape: .square, sizeMetres: fit - 10, extent: city) }

        #expect {
            try HeatGrid.validated(shape: .hexagon, sizeMetres: 50, extent: city, maxCells: 1000)
        } throws: { error in
            guard case .invalid(let issues) = error as? SweepError else { return false }
            return issues.first?.location == "hex" && issues[0].reason.contains("the limit is 1,000")
        }
        let whole = [GeoPoint(longitude: 73.5, latitude: 18), GeoPoint(longitude: 80, latitude: 53)]
        #expect {
            try HeatGrid.validated(shape: .square, sizeMetres: 50_000, extent: whole, maxCells: 10)
        } throws: { error in
            (error as? SweepError)?.description.contains("use a smaller area") == true
        }
        #expect(throws: SweepError.self) { try HeatGrid.validated(shape: .square, sizeMetres: 500, extent: []) }
    }

    @Test func groupedNumbers() {
        #expect(HeatGridText.grouped(1_234_567) == "1,234,567")
        #expect(HeatGridText.grouped(250_000) == "250,000")
        #expect(HeatGridText.grouped(999) == "999")
        #expect(HeatGridText.metres(1120) == "1,120 m")
    }
}
