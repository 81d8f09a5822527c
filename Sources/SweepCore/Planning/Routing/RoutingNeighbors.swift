import Foundation

extension RoutingSolver {
    /// The `k` nearest other points of every point, nearest first, through a uniform grid on a local
    /// flat projection. Neighbour lists only steer the search (which targets and routes to try
    /// together), so the projection's small error is harmless; ties break by index so the lists are
    /// reproducible.
    static func nearestNeighbours(of points: [GeoPoint], k: Int) -> [[Int32]] {
        let n = points.count
        guard n > 1, k > 0 else { return Array(repeating: [], count: n) }
        let k = min(k, n - 1)
        let meanLatitude = points.reduce(0.0) { $0 + $1.latitude } / Double(n)
        let metresPerDegreeLon = 111_320.0 * cos(meanLatitude * .pi / 180)
        let xs = points.map { $0.longitude * metresPerDegreeLon }
        let ys = points.map { $0.latitude * 111_320.0 }
        guard let minX = xs.min(), let minY = ys.min(), let maxX = xs.max(), let maxY = ys.max() else {
            return Array(repeating: [], count: n)
        }
        let width = max(1, maxX - minX), height = max(1, maxY - minY)
        // About three points per cell keeps both the ring search and the empty-cell overhead small.
        let cell = max(25.0, (width * height * 3 / Double(n)).squareRoot())
        let columns = Int(width / cell) + 1, rows = Int(height / cell) + 1
        var cellOf = [Int](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: columns * rows + 1)
        for i in 0..<n {
            let c = min(columns - 1, Int((xs[i] - minX) / cell)) + columns * min(rows - 1, Int((ys[i] - minY) / cell))
            cellOf[i] = c
            counts[c + 1] += 1
        }
        for c in 0..<(columns * rows) { counts[c + 1] += counts[c] }
        var members = [Int](repeating: 0, count: n)
        var fill = counts
        for i in 0..<n {
            members[fill[cellOf[i]]] = i
            fill[cellOf[i]] += 1
        }

        var result = [[Int32]](repeating: [], count: n)
        var best: [(distance: Double, index: Int)] = []
        best.reserveCapacity(k + 1)
        for i in 0..<n {
            best.removeAll(keepingCapacity: true)
            let cx = cellOf[i] % columns, cy = cellOf[i] / columns
            var ring = 0
            while true {
                for gy in (cy - ring)...(cy + ring) where gy >= 0 && gy < rows {
                    for gx in (cx - ring)...(cx + ring) where gx >= 0 && gx < columns {
                        guard abs(gx - cx) == ring || abs(gy - cy) == ring else { continue }
                        let c = gx + gy * columns
                        for slot in counts[c]..<counts[c + 1] {
                            let j = members[slot]
                            guard j != i else { continue }
                            let dx = xs[j] - xs[i], dy = ys[j] - ys[i]
                            let d = dx * dx + dy * dy
                            if best.count == k, let last = best.last, (d, j) >= (last.distance, last.index) { continue }
                            var at = best.count
                            while at > 0 && (best[at - 1].distance, best[at - 1].index) > (d, j) { at -= 1 }
                            best.insert((d, j), at: at)
                            if best.count > k { best.removeLast() }
                        }
                    }
                }
                // Everything in later rings is at least `ring * cell` away.
                let reach = Double(ring) * cell
                if best.count == k && best[k - 1].distance <= reach * reach { break }
                if ring > columns + rows { break }
                ring += 1
            }
            result[i] = best.map { Int32($0.index) }
        }
        return result
    }
}
