import Foundation

/// The cell shape of a heat-map grid.
public enum HeatCellShape: String, Codable, Sendable {
    case square, hexagon

    /// The query parameter (and, with `--`, the CLI option) that sets a grid of this shape, named in error messages.
    public var parameter: String { self == .square ? "cell" : "hex" }
}

/// A regular grid of square or hexagonal cells laid in a UTM zone, with stable integer cell keys.
///
/// Definitions:
/// - **Origin** is the zone's false origin (easting 0, northing 0), never the data's extent, so the
///   same point gets the same key in every run and every time window as long as zone, shape and size
///   are the same. Keys of different grids are not comparable.
/// - **Square**: `sizeMetres` is the side. Cell (column, row) covers the half-open box
///   [column·size, (column+1)·size) × [row·size, (row+1)·size) in easting/northing, so a point on a
///   west or south edge belongs to that cell and one on an east or north edge to the next.
/// - **Hexagon**: pointy-topped (a vertex due north of the centre in grid coordinates), and
///   `sizeMetres` is the centre-to-vertex distance R (equal to the side). Axial coordinates (q, r):
///   centre x = R·√3·(q + r/2), y = R·3/2·r. A point belongs to the nearest centre (cube rounding);
///   on an exact tie, Swift's `rounded()` (half away from zero) decides, which is deterministic.
/// - **Key**: column (or q) in the high 32 bits and row (or r) in the low 32 bits, both as signed
///   32-bit integers: `Int64(column) << 32 | Int64(UInt32(bitPattern: row))`.
public struct HeatGrid: Sendable, Hashable, Codable {
    /// The projected reference system the cells are laid in.
    public let projection: UTMProjection
    public let shape: HeatCellShape
    /// Square side, or hexagon centre-to-vertex distance, in metres.
    public let sizeMetres: Double

    public static let minimumSizeMetres = 50.0
    public static let maximumSizeMetres = 50_000.0

    init(projection: UTMProjection, shape: HeatCellShape, sizeMetres: Double) {
        self.projection = projection
        self.shape = shape
        self.sizeMetres = sizeMetres
    }

    /// A grid checked against the size limits and the cell budget for `extent`.
    ///
    /// - Parameters:
    ///   - extent: points that bound the area to be mapped (venues, or a district's ring).
    ///   - projection: pin the zone, as rollups that must compare across runs should; by default the
    ///     zone of the extent's bounding-box centre.
    ///   - maxCells: the most cells ``cells(covering:)`` may return for `extent`.
    /// - Throws: ``SweepError/invalid(_:)`` located at `cell` or `hex`, saying what would fix it.
    public static func validated(
        shape: HeatCellShape, sizeMetres: Double, extent: [GeoPoint],
        projection: UTMProjection? = nil, maxCells: Int = 250_000
    ) throws -> HeatGrid {
        let bounds = HeatGridExtent.Bounds(extent)
        guard let bounds else {
            throw SweepError.invalid(field: "extent", reason: "no finite points to lay the grid over; the window or area holds no located venues")
        }
        return try validated(shape: shape, sizeMetres: sizeMetres, bounds: bounds, projection: projection, maxCells: maxCells)
    }

    /// ``validated(shape:sizeMetres:extent:projection:maxCells:)`` for an extent already reduced to its box.
    static func validated(
        shape: HeatCellShape, sizeMetres: Double, bounds: HeatGridExtent.Bounds,
        projection: UTMProjection? = nil, maxCells: Int = 250_000
    ) throws -> HeatGrid {
        let flag = shape.parameter
        guard sizeMetres.isFinite, sizeMetres >= minimumSizeMetres, sizeMetres <= maximumSizeMetres else {
            throw SweepError.invalid(field: flag, reason: "cell size \(HeatGridText.metres(sizeMetres)) is outside \(HeatGridText.metres(minimumSizeMetres))–\(HeatGridText.metres(maximumSizeMetres)); give a size such as 500m")
        }
        let chosen = projection ?? UTMProjection.zone(for: bounds.centre)
        let grid = HeatGrid(projection: chosen, shape: shape, sizeMetres: sizeMetres)
        let box = HeatGridExtent.projectedBox(bounds, projection: chosen)
        guard box.isUsable else {
            throw SweepError.invalid(field: "extent", reason: "the area reaches too far from UTM zone \(chosen.zone) (EPSG:\(chosen.epsg)) to be gridded in it; map a province or smaller at a time")
        }
        let count = grid.cellCount(in: box)
        if count > maxCells {
            let what = "\(HeatGridText.metres(sizeMetres)) \(shape == .square ? "cells" : "hexagons") over this extent make \(HeatGridText.grouped(count)) cells; the limit is \(HeatGridText.grouped(maxCells))"
            if let fit = grid.smallestFittingSize(in: box, maxCells: maxCells) {
                throw SweepError.invalid(field: flag, reason: "\(what): use ≥ \(HeatGridText.metres(fit)) or a smaller area")
            }
            throw SweepError.invalid(field: flag, reason: "\(what) and even \(HeatGridText.metres(maximumSizeMetres)) cells are too many: use a smaller area")
        }
        return grid
    }

    // MARK: Keys

    /// Packs two signed 32-bit cell coordinates into one key.
    public static func key(column: Int32, row: Int32) -> Int64 {
        Int64(column) << 32 | Int64(UInt32(bitPattern: row))
    }

    /// The (column, row) of a key; for hexagons these are the axial (q, r).
    public func cell(_ key: Int64) -> (column: Int32, row: Int32) {
        (Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key))
    }

    /// The key of the cell that holds `p`.
    public func key(for p: GeoPoint) -> Int64 {
        let (x, y) = projection.forward(p)
        return key(x: x, y: y)
    }

    /// The key of the cell that holds a projected position.
    public func key(x: Double, y: Double) -> Int64 {
        let (c, r) = shape == .square ? squareCell(x: x, y: y) : HexMath.axial(x: x, y: y, size: sizeMetres)
        return Self.key(column: Self.clamp(c), row: Self.clamp(r))
    }

    // MARK: Geometry

    /// The projected centre of a cell in metres.
    public func centreXY(_ key: Int64) -> (x: Double, y: Double) {
        let (c, r) = cell(key)
        if shape == .square {
            return ((Double(c) + 0.5) * sizeMetres, (Double(r) + 0.5) * sizeMetres)
        }
        return HexMath.centre(q: Double(c), r: Double(r), size: sizeMetres)
    }

    /// The WGS 84 centre of a cell.
    public func centre(_ key: Int64) -> GeoPoint {
        let (x, y) = centreXY(key)
        return projection.inverse(x: x, y: y)
    }

    /// The projected corners of a cell, counter-clockwise, not closed.
    public func cornersXY(_ key: Int64) -> [(x: Double, y: Double)] {
        let (cx, cy) = centreXY(key)
        if shape == .square {
            let h = sizeMetres / 2
            return [(cx - h, cy - h), (cx + h, cy - h), (cx + h, cy + h), (cx - h, cy + h)]
        }
        // Vertices at 30° + 60°·i from east: pointy top, counter-clockwise with y north.
        return (0..<6).map { i in
            let a = (30 + 60 * Double(i)) * .pi / 180
            return (cx + sizeMetres * cos(a), cy + sizeMetres * sin(a))
        }
    }

    /// The cell's outline as a closed WGS 84 ring, counter-clockwise (RFC 7946 right-hand rule):
    /// 5 positions for a square, 7 for a hexagon.
    ///
    /// Transverse Mercator is conformal and keeps orientation, so a ring counter-clockwise in
    /// easting/northing stays counter-clockwise in longitude/latitude. Edges are straight between
    /// the projected corners; at ≤ 50 km the curvature of the real edge is far below display scale.
    public func polygon(_ key: Int64) -> [GeoPoint] {
        let ring = cornersXY(key).map { projection.inverse(x: $0.x, y: $0.y) }
        return ring + [ring[0]]
    }

    /// Adjacent cells in a fixed order: the 8 queen neighbours of a square (edges and corners,
    /// starting west and going counter-clockwise), or the 6 edge neighbours of a hexagon (starting east, counter-clockwise).
    public func neighbours(_ key: Int64) -> [Int64] {
        let (c, r) = cell(key)
        let offsets: [(Int32, Int32)] = shape == .square
            ? [(-1, 0), (-1, -1), (0, -1), (1, -1), (1, 0), (1, 1), (0, 1), (-1, 1)]
            : [(1, 0), (0, 1), (-1, 1), (-1, 0), (0, -1), (1, -1)]
        return offsets.map { Self.key(column: c &+ $0.0, row: r &+ $0.1) }
    }

    /// Every cell that can hold a point of the extent's bounding box, ordered by row then column.
    ///
    /// Squares: exactly the cells meeting the projected box. Hexagons: every cell whose centre lies
    /// within the box grown by R on each side, a small superset that still holds every point of it.
    public func cells(covering extent: [GeoPoint]) -> [Int64] {
        guard let bounds = HeatGridExtent.Bounds(extent) else { return [] }
        return cells(in: bounds)
    }

    /// ``cells(covering:)`` for an extent already reduced to its box.
    func cells(in bounds: HeatGridExtent.Bounds) -> [Int64] {
        let box = HeatGridExtent.projectedBox(bounds, projection: projection)
        var keys: [Int64] = []
        forEachRow(in: box) { r, columns in
            for c in columns { keys.append(Self.key(column: Self.clamp(c), row: Self.clamp(r))) }
        }
        return keys
    }

    // MARK: Counting

    /// The rows and, per row, the column range that ``cells(covering:)`` visits.
    func forEachRow(in box: HeatGridExtent.Box, _ body: (Int, ClosedRange<Int>) -> Void) {
        let s = sizeMetres
        if shape == .square {
            let c0 = Int((box.minX / s).rounded(.down)), c1 = Int((box.maxX / s).rounded(.down))
            let r0 = Int((box.minY / s).rounded(.down)), r1 = Int((box.maxY / s).rounded(.down))
            for r in r0...r1 { body(r, c0...c1) }
            return
        }
        let rowStep = 1.5 * s, colStep = 3.0.squareRoot() * s
        let r0 = Int(((box.minY - s) / rowStep).rounded(.up)), r1 = Int(((box.maxY + s) / rowStep).rounded(.down))
        guard r0 <= r1 else { return }
        for r in r0...r1 {
            // x = colStep·(q + r/2) ∈ [minX − s, maxX + s]
            let q0 = Int(((box.minX - s) / colStep - Double(r) / 2).rounded(.up))
            let q1 = Int(((box.maxX + s) / colStep - Double(r) / 2).rounded(.down))
            if q0 <= q1 { body(r, q0...q1) }
        }
    }

    /// How many cells ``cells(covering:)`` would return, without building them.
    func cellCount(in box: HeatGridExtent.Box) -> Int {
        if shape == .square {
            let s = sizeMetres
            let columns = (box.maxX / s).rounded(.down) - (box.minX / s).rounded(.down) + 1
            let rows = (box.maxY / s).rounded(.down) - (box.minY / s).rounded(.down) + 1
            let product = columns * rows
            return product >= Double(Int.max / 2) ? Int.max / 2 : Int(product)
        }
        // Rows of a hex grid at least 75 m apart: a box that fits in Int arithmetic is bounded here.
        var total = 0
        forEachRow(in: box) { _, columns in total += columns.count }
        return total
    }

    /// The smallest size, in whole tens of metres, whose grid fits the budget; nil if none ≤ 50 km does.
    func smallestFittingSize(in box: HeatGridExtent.Box, maxCells: Int) -> Double? {
        let current = cellCount(in: box)
        // Cell count falls with the square of the size: start from that estimate and step up to the exact answer.
        let estimate = sizeMetres * (Double(current) / Double(max(maxCells, 1))).squareRoot()
        var size = max((estimate / 10).rounded(.up) * 10, Self.minimumSizeMetres)
        while size <= Self.maximumSizeMetres {
            let candidate = HeatGrid(projection: projection, shape: shape, sizeMetres: size)
            if candidate.cellCount(in: box) <= maxCells { return size }
            size += 10
        }
        return nil
    }

    private func squareCell(x: Double, y: Double) -> (Int, Int) {
        (Self.floorInt(x / sizeMetres), Self.floorInt(y / sizeMetres))
    }

    /// UTM coordinates divided by ≥ 50 m stay far inside Int32; clamping only guards garbage input.
    static func clamp(_ v: Int) -> Int32 { Int32(clamping: v) }

    /// Floor as an Int that cannot trap: NaN gives 0 and huge values saturate, because a key for a
    /// garbage coordinate must not crash a batch (callers validate positions with ``ChinaBounds``).
    static func floorInt(_ v: Double) -> Int {
        guard !v.isNaN else { return 0 }
        return Int(min(max(v.rounded(.down), -4e9), 4e9))
    }
}

/// Axial hexagon arithmetic for pointy-topped hexagons of circumradius `size`.
enum HexMath {
    static let sqrt3 = 3.0.squareRoot()

    static func centre(q: Double, r: Double, size: Double) -> (x: Double, y: Double) {
        (size * sqrt3 * (q + r / 2), size * 1.5 * r)
    }

    /// The hexagon holding (x, y): fractional axial coordinates, then cube rounding, which picks the
    /// nearest centre exactly (plain rounding of q and r alone misassigns points near vertices).
    static func axial(x: Double, y: Double, size: Double) -> (Int, Int) {
        let fq = (sqrt3 / 3 * x - y / 3) / size
        let fr = (2.0 / 3.0 * y) / size
        let fs = -fq - fr
        guard fq.isFinite, fr.isFinite else { return (HeatGrid.floorInt(fq), HeatGrid.floorInt(fr)) }
        var q = fq.rounded(), r = fr.rounded()
        let s = fs.rounded()
        let dq = abs(q - fq), dr = abs(r - fr), ds = abs(s - fs)
        if dq > dr && dq > ds {
            q = -r - s
        } else if dr > ds {
            r = -q - s
        }
        return (HeatGrid.floorInt(q), HeatGrid.floorInt(r))
    }
}
