import Foundation

/// The destroy half of an iteration: which stops to take out. Random removal explores, worst
/// removal drops stops that cost more time than they earn, related removal clears one area over
/// several routes (so the repair can redraw them together), segment removal frees a stretch of
/// one route, sometimes all of it.
extension RoutingSolver.NeighbourhoodSearch {
    /// A random visited target (uniform unless visits are very sparse), nil when none is.
    mutating func randomVisited() -> Int? {
        guard state.visitedCount > 0 else { return nil }
        let n = model.targetCount
        for _ in 0..<32 {
            let u = rng.nextInt(below: n)
            if state.routeOf[u] >= 0 { return u }
        }
        let start = rng.nextInt(below: n)
        for k in 0..<n where state.routeOf[(start + k) % n] >= 0 { return (start + k) % n }
        return nil
    }

    /// Removes some stops by one of four rules; returns them.
    mutating func destroy() -> [Int32] {
        var removed: [Int32] = []
        let visited = state.visitedCount
        guard visited > 0 else { return removed }
        // Up to a quarter of the stops on small instances, at most 24: larger holes repair worse.
        let most = min(visited, max(3, min(24, visited / 4)))
        let q = 1 + rng.nextInt(below: most)
        let rule = rng.nextUnit()
        if rule < 0.2 {
            for _ in 0..<q {
                guard let u = randomVisited() else { break }
                state.remove(u)
                removed.append(Int32(u))
            }
        } else if rule < 0.4 {
            removeWorst(q, into: &removed)
        } else if rule < 0.75 {
            removeRelated(q, into: &removed)
        } else {
            removeSegment(q, into: &removed)
        }
        return removed
    }

    /// The sampled stops that earn least per minute they cost.
    mutating func removeWorst(_ q: Int, into removed: inout [Int32]) {
        let mark = nextStamp()
        var sample: [(ratio: Double, target: Int)] = []
        for _ in 0..<(3 * q) {
            guard let u = randomVisited(), targetStamp[u] != mark else { continue }
            targetStamp[u] = mark
            let t = Int(state.routeOf[u])
            let route = state.routes[t]
            guard let p = route.nodes.firstIndex(of: Int32(u)) else { continue }
            let before = p == 0 ? model.depotNode[t] : Int(route.nodes[p - 1])
            let after = p + 1 == route.nodes.count ? model.depotNode[t] : Int(route.nodes[p + 1])
            let saving = model.travel.minutes(before, u) + model.service[u] + model.travel.minutes(u, after) - model.travel.minutes(before, after)
            let ratio = model.value[u] / Double(max(1, saving)) * (0.8 + 0.4 * rng.nextUnit())
            sample.append((ratio, u))
        }
        sample.sort { ($0.ratio, $0.target) < ($1.ratio, $1.target) }
        for entry in sample.prefix(q) {
            state.remove(entry.target)
            removed.append(Int32(entry.target))
        }
    }

    /// A seed stop and stops near the ones already removed (several routes, one area).
    mutating func removeRelated(_ q: Int, into removed: inout [Int32]) {
        guard let seed = randomVisited() else { return }
        state.remove(seed)
        removed.append(Int32(seed))
        var misses = 0
        while removed.count < q && misses < 4 {
            let anchor = Int(removed[rng.nextInt(below: removed.count)])
            let next = model.neighbours[anchor].first { state.routeOf[Int($0)] >= 0 }
            guard let next else {
                misses += 1
                continue
            }
            state.remove(Int(next))
            removed.append(next)
        }
    }

    /// A run of consecutive stops of one route, sometimes the whole route.
    mutating func removeSegment(_ q: Int, into removed: inout [Int32]) {
        guard let seed = randomVisited() else { return }
        let nodes = state.routes[Int(state.routeOf[seed])].nodes
        guard let p = nodes.firstIndex(of: Int32(seed)) else { return }
        let length = rng.chance(0.2) ? nodes.count : min(nodes.count, q)
        let first = max(0, min(p - length / 2, nodes.count - length))
        for u in nodes[first..<(first + length)] {
            state.remove(Int(u))
            removed.append(u)
        }
    }
}
