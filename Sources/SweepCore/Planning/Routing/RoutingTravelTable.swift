import Foundation

extension RoutingSolver {
    /// Travel minutes between solver nodes (targets first, then depots), from ``TravelModel`` so
    /// that they equal what ``RouteSchedule`` computes.
    ///
    /// Up to `matrixLimit` nodes the whole table is precomputed, filled on all cores, in bytes when
    /// no leg exceeds 255 minutes (a city: 3,000 targets in 9 MB, which matters because the search
    /// is bound by cache misses on it) and UInt16 otherwise; larger instances compute each leg on
    /// demand.
    struct TravelTable: Sendable {
        static let matrixLimit = 6_000
        let nodeCount: Int
        /// Whether every leg takes as long both ways, so a target's own row answers "from
        /// anywhere to it" with cache-friendly reads.
        let symmetric: Bool
        private let matrix: [UInt16]
        private let narrow: [UInt8]
        private let points: [GeoPoint]
        private let model: TravelModel

        init(points: [GeoPoint], model: TravelModel) {
            self.points = points
            self.model = model
            let n = points.count
            nodeCount = n
            guard n <= Self.matrixLimit, n > 0 else {
                matrix = []
                narrow = []
                symmetric = false
                return
            }
            // Haversine is symmetric bit for bit: swapping the points negates dφ and dλ, and sine
            // is odd and squared, the cosine product commutes. So each pair is computed once.
            // (Were it ever not, the final RouteSchedule check would still keep plans feasible.)
            var table = [UInt16](repeating: 0, count: n * n)
            let stripes = 64
            table.withUnsafeMutableBufferPointer { buffer in
                // Never nil: only an empty buffer lacks an address, and the guard above makes n·n ≥ 1.
                nonisolated(unsafe) let base = buffer.baseAddress!
                // Striped rows balance the triangle between threads.
                DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
                    for a in stride(from: stripe, to: n, by: stripes) {
                        for b in (a + 1)..<max(a + 1, n) {
                            // Legs longer than UInt16 minutes (45 days) are infeasible in any shift either way.
                            let minutes = UInt16(clamping: model.minutes(from: points[a], to: points[b]))
                            base[a * n + b] = minutes
                            base[b * n + a] = minutes
                        }
                    }
                }
            }
            symmetric = true
            if table.allSatisfy({ $0 <= UInt8.max }) {
                narrow = table.map { UInt8($0) }
                matrix = []
            } else {
                narrow = []
                matrix = table
            }
        }

        /// Minutes from `a` to `u`, read from `u`'s row when the table is symmetric.
        @inline(__always) func minutes(to u: Int, from a: Int) -> Int {
            symmetric ? minutes(u, a) : minutes(a, u)
        }

        @inline(__always) func minutes(_ a: Int, _ b: Int) -> Int {
            if !narrow.isEmpty { return Int(narrow[a &* nodeCount &+ b]) }
            if !matrix.isEmpty { return Int(matrix[a &* nodeCount &+ b]) }
            return model.minutes(from: points[a], to: points[b])
        }
    }
}
