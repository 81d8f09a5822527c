import Foundation

/// A bucket grid over a ``DemoFrame`` for "anything within r metres?" questions.
///
/// A province has 12,000 schools and 300,000 retailers; checking every pair would take hours in a
/// debug build. With cells as large as the biggest radius asked, a query looks at nine buckets.
/// Only lookups are made, never iteration over the dictionary, so its order cannot leak into output.
struct DemoSpatialGrid: Sendable {
    /// Bucket edge in metres; the largest radius a query may ask for.
    let cellSize: Double
    private var buckets: [Int64: [Int32]] = [:]
    /// Every inserted point, by index, so callers can keep parallel arrays of attributes.
    private(set) var points: [DemoXY] = []

    /// An empty grid answering queries up to `cellSize` metres.
    init(cellSize: Double) {
        self.cellSize = cellSize
    }

    private func key(_ cx: Int, _ cy: Int) -> Int64 {
        Int64(cx) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: cy)))
    }

    private func cell(_ p: DemoXY) -> (Int, Int) {
        (Int((p.x / cellSize).rounded(.down)), Int((p.y / cellSize).rounded(.down)))
    }

    /// Adds `p` and returns its index (insertion order).
    @discardableResult
    mutating func insert(_ p: DemoXY) -> Int {
        let index = points.count
        points.append(p)
        let (cx, cy) = cell(p)
        buckets[key(cx, cy), default: []].append(Int32(index))
        return index
    }

    /// Indices of points within `radius` (≤ cell size) of `p`, in insertion order per bucket.
    func near(_ p: DemoXY, radius: Double) -> [Int] {
        precondition(radius <= cellSize, "radius must not exceed the cell size")
        let (cx, cy) = cell(p)
        var found: [Int] = []
        for dx in -1...1 {
            for dy in -1...1 {
                guard let bucket = buckets[key(cx + dx, cy + dy)] else { continue }
                for i in bucket where points[Int(i)].distance(to: p) <= radius {
                    found.append(Int(i))
                }
            }
        }
        return found
    }

    /// Distance to the nearest point within `radius` of `p`, or nil when there is none.
    func nearestDistance(_ p: DemoXY, radius: Double, where include: (Int) -> Bool = { _ in true }) -> Double? {
        precondition(radius <= cellSize, "radius must not exceed the cell size")
        let (cx, cy) = cell(p)
        var best: Double?
        for dx in -1...1 {
            for dy in -1...1 {
                guard let bucket = buckets[key(cx + dx, cy + dy)] else { continue }
                for i in bucket {
                    let d = points[Int(i)].distance(to: p)
                    if d <= radius, d < (best ?? .infinity), include(Int(i)) { best = d }
                }
            }
        }
        return best
    }
}
