import Foundation

extension RoutingSolver {
    /// One cached insertion option of the construction heap.
    struct InsertionOption {
        var ratio: Double
        var target: Int32
        var team: Int32
        var position: Int32
        var version: Int32

        /// Heap order: higher ratio first, then lower target index, so ties are reproducible.
        @inline(__always) func precedes(_ other: InsertionOption) -> Bool {
            ratio > other.ratio || (ratio == other.ratio && (target < other.target || (target == other.target && team < other.team)))
        }
    }

    /// A binary heap of insertion options, best first.
    struct OptionHeap {
        private var items: [InsertionOption] = []

        var isEmpty: Bool { items.isEmpty }

        mutating func push(_ option: InsertionOption) {
            items.append(option)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard items[child].precedes(items[parent]) else { break }
                items.swapAt(child, parent)
                child = parent
            }
        }

        mutating func pop() -> InsertionOption? {
            guard !items.isEmpty else { return nil }
            let top = items[0]
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var best = parent
                    if left < items.count && items[left].precedes(items[best]) { best = left }
                    if right < items.count && items[right].precedes(items[best]) { best = right }
                    if best == parent { break }
                    items.swapAt(parent, best)
                    parent = best
                }
            }
            return top
        }
    }

    /// Greedy construction: repeatedly insert the unvisited target with the best value per added
    /// minute at its cheapest feasible position over all its candidate teams.
    ///
    /// Options are cached in a heap and re-evaluated lazily: an option is trusted while its route
    /// is unchanged; when a route changes, options pointing at it are recomputed only when they
    /// reach the top. After each insertion the new stop's neighbours get a fresh option for that
    /// route, because a nearby stop usually makes them cheaper there. Returns false when the
    /// deadline cut it short (the partial plan is still feasible).
    @discardableResult
    static func construct(_ state: inout SearchState, deadline: Deadline) -> Bool {
        let model = state.model
        var heap = OptionHeap()
        func bestOption(_ u: Int, _ state: SearchState) -> InsertionOption? {
            var best: InsertionOption?
            var bestCost = Int.max
            for team in model.candidateTeams[u] {
                let t = Int(team)
                guard state.mayUse(t) else { continue }
                let (cost, position) = model.cheapestInsertion(u, into: state.routes[t], team: t)
                if cost >= 0 && cost < bestCost {
                    bestCost = cost
                    best = InsertionOption(ratio: model.value[u] / Double(max(cost, 1)), target: Int32(u), team: team,
                                           position: Int32(position), version: state.version[t])
                }
            }
            return best
        }
        for u in model.insertable {
            if let option = bestOption(Int(u), state) { heap.push(option) }
        }
        var pops = 0
        while let option = heap.pop() {
            pops += 1
            if pops & 255 == 0 && deadline.passed { return false }
            let u = Int(option.target), t = Int(option.team)
            guard state.routeOf[u] < 0 else { continue }
            guard state.version[t] == option.version,
                  state.insert(u, team: t, at: Int(option.position)) else {
                if let fresh = bestOption(u, state) { heap.push(fresh) }
                continue
            }
            for w in model.neighbours[u].prefix(16) {
                let v = Int(w)
                guard state.routeOf[v] < 0, model.isCandidate(v, t) else { continue }
                let (cost, position) = model.cheapestInsertion(v, into: state.routes[t], team: t)
                if cost >= 0 {
                    heap.push(InsertionOption(ratio: model.value[v] / Double(max(cost, 1)), target: w, team: option.team,
                                              position: Int32(position), version: state.version[t]))
                }
            }
        }
        return true
    }

    /// Inserts unvisited targets, most valuable first, wherever they still fit among all their
    /// candidate teams; used after route improvement has freed time. Returns false when the
    /// deadline cut it short.
    @discardableResult
    static func fill(_ state: inout SearchState, deadline: Deadline) -> Bool {
        let model = state.model
        let order = state.unvisited.sorted { (model.value[Int($0)], -$0) > (model.value[Int($1)], -$1) }
        for (k, node) in order.enumerated() {
            if k & 127 == 0 && deadline.passed { return false }
            let u = Int(node)
            var bestCost = Int.max, bestTeam = -1, bestPosition = -1
            for team in model.candidateTeams[u] {
                let t = Int(team)
                guard state.mayUse(t) else { continue }
                let (cost, position) = model.cheapestInsertion(u, into: state.routes[t], team: t)
                if cost >= 0 && cost < bestCost {
                    bestCost = cost
                    bestTeam = t
                    bestPosition = position
                }
            }
            if bestTeam >= 0 { state.insert(u, team: bestTeam, at: bestPosition) }
        }
        return true
    }
}
