import Foundation

extension RoutingSolver {
    /// The current solution with the bookkeeping moves need: which route holds each target, the
    /// insertable targets not yet visited, running totals, and a journal of the routes an
    /// iteration changed so a rejected iteration is undone in time proportional to what it touched.
    struct SearchState {
        let model: Model
        private(set) var routes: [Route]
        /// Team holding each target, -1 when unvisited.
        private(set) var routeOf: [Int32]
        /// Insertable targets not visited, in no meaningful (but reproducible) order.
        private(set) var unvisited: [Int32] = []
        private var unvisitedSlot: [Int32]
        /// Bumped on every change to a route, so cached insertion options can tell they are stale.
        private(set) var version: [Int32]
        private(set) var totalValue = 0.0
        private(set) var totalDuration = 0
        private(set) var visitedCount = 0
        private var journal: [(team: Int, route: Route)] = []
        private var journaled: [Bool]
        private var journaling = false

        init(model: Model) {
            self.model = model
            var empty = [Route](repeating: Route(), count: model.teamCount)
            for t in empty.indices { _ = model.retime(&empty[t], team: t) }
            routes = empty
            routeOf = [Int32](repeating: -1, count: model.targetCount)
            unvisitedSlot = [Int32](repeating: -1, count: model.targetCount)
            version = [Int32](repeating: 0, count: model.teamCount)
            journaled = [Bool](repeating: false, count: model.teamCount)
            for u in model.insertable { addUnvisited(Int(u)) }
        }

        /// Value minus a small charge per route minute: equal-value solutions that leave more
        /// slack are preferred, because slack is what later insertions need.
        func score(minuteWeight: Double) -> Double {
            totalValue - minuteWeight * Double(totalDuration)
        }

        // MARK: Journal

        mutating func beginJournal() {
            journal.removeAll(keepingCapacity: true)
            touchedTeams.removeAll(keepingCapacity: true)
            journaling = true
        }

        mutating func commitJournal() {
            for entry in journal { journaled[entry.team] = false }
            journal.removeAll(keepingCapacity: true)
            journaling = false
        }

        mutating func rollbackJournal() {
            for entry in journal {
                for node in routes[entry.team].nodes { markUnvisited(Int(node)) }
                subtractTotals(entry.team)
            }
            for entry in journal.reversed() {
                routes[entry.team] = entry.route
                version[entry.team] &+= 1
            }
            for entry in journal {
                for node in routes[entry.team].nodes { markVisited(Int(node), team: entry.team) }
                addTotals(entry.team)
                journaled[entry.team] = false
            }
            journal.removeAll(keepingCapacity: true)
            journaling = false
        }

        /// Teams the current iteration changed, in order of first change.
        private(set) var touchedTeams: [Int] = []

        private mutating func willChange(_ t: Int) {
            if journaling && !journaled[t] {
                journaled[t] = true
                journal.append((t, routes[t]))
                touchedTeams.append(t)
            }
            version[t] &+= 1
        }

        // MARK: Moves

        /// Whether team `t` may take a target: it is out already, or no team clashing with it is.
        @inline(__always) func mayUse(_ t: Int) -> Bool {
            if !routes[t].nodes.isEmpty { return true }
            for other in model.clashes[t] where !routes[Int(other)].nodes.isEmpty { return false }
            return true
        }

        /// The cheapest feasible insertion of `u` over `teams` (teams that may not go out are
        /// skipped): cost -1 when none fits. Reads the routes in place; copying a route per team
        /// (three array retains and releases) used to cost as much as the checks themselves.
        func cheapestInsertion<Teams: Sequence>(_ u: Int, teams: Teams) -> (cost: Int, team: Int, position: Int) where Teams.Element == Int32 {
            // Capture only what the loop needs: capturing `self` would copy (and retain) every array here.
            let model = self.model
            return routes.withUnsafeBufferPointer { all in
                var best = (cost: -1, team: -1, position: -1)
                for team in teams {
                    let t = Int(team)
                    if all[t].nodes.isEmpty && !model.clashes[t].isEmpty {
                        guard !model.clashes[t].contains(where: { !all[Int($0)].nodes.isEmpty }) else { continue }
                    }
                    let (cost, position) = model.cheapestInsertion(u, into: all[t], team: t)
                    if cost >= 0 && (best.cost < 0 || cost < best.cost) { best = (cost, t, position) }
                }
                return best
            }
        }

        /// The cheapest feasible position for `u` in team `t`'s route: cost -1 when none fits.
        @inline(__always) func cheapestInsertion(_ u: Int, team t: Int) -> (cost: Int, position: Int) {
            let model = self.model
            return routes.withUnsafeBufferPointer { all in model.cheapestInsertion(u, into: all[t], team: t) }
        }

        /// Inserts unvisited `u` into team `t` at `p`; false (and no change) when it does not fit.
        @discardableResult
        mutating func insert(_ u: Int, team t: Int, at p: Int) -> Bool {
            guard routeOf[u] < 0, mayUse(t), p >= 0, p <= routes[t].nodes.count else { return false }
            willChange(t)
            subtractTotals(t)
            routes[t].nodes.insert(Int32(u), at: p)
            if !model.retime(&routes[t], team: t) {
                assert(model.routeScheduleRejects(routes[t].nodes, team: t), "retime rejected a route RouteSchedule accepts")
                routes[t].nodes.remove(at: p)
                _ = model.retime(&routes[t], team: t)
                addTotals(t)
                return false
            }
            addTotals(t)
            markVisited(u, team: t)
            assert(model.matchesRouteSchedule(routes[t], team: t), "retime disagrees with RouteSchedule")
            return true
        }

        /// Removes visited `u` from its route.
        mutating func remove(_ u: Int) {
            let t = Int(routeOf[u])
            guard t >= 0, let p = routes[t].nodes.firstIndex(of: Int32(u)) else { return }
            willChange(t)
            subtractTotals(t)
            routes[t].nodes.remove(at: p)
            markUnvisited(u)
            settle(t)
            addTotals(t)
            assert(model.matchesRouteSchedule(routes[t], team: t), "retime disagrees with RouteSchedule")
        }

        /// Replaces team `t`'s route by the same targets in another order; false (and no change)
        /// when that order does not fit.
        @discardableResult
        mutating func reorder(team t: Int, to nodes: [Int32]) -> Bool {
            var candidate = routes[t]
            candidate.nodes = nodes
            guard model.retime(&candidate, team: t) else { return false }
            assert(model.matchesRouteSchedule(candidate, team: t), "retime disagrees with RouteSchedule")
            willChange(t)
            subtractTotals(t)
            routes[t] = candidate
            addTotals(t)
            return true
        }

        /// Puts unvisited `u` in place of visited `v` (same position); false when it does not fit.
        @discardableResult
        mutating func replace(_ v: Int, by u: Int) -> Bool {
            let t = Int(routeOf[v])
            guard t >= 0, routeOf[u] < 0, let p = routes[t].nodes.firstIndex(of: Int32(v)) else { return false }
            var candidate = routes[t]
            candidate.nodes[p] = Int32(u)
            guard model.retime(&candidate, team: t) else { return false }
            assert(model.matchesRouteSchedule(candidate, team: t), "retime disagrees with RouteSchedule")
            willChange(t)
            subtractTotals(t)
            routes[t] = candidate
            addTotals(t)
            markUnvisited(v)
            markVisited(u, team: t)
            return true
        }

        /// Replaces the whole solution (a restart from the best one found).
        mutating func load(_ nodes: [[Int32]]) {
            for t in routes.indices {
                for node in routes[t].nodes { markUnvisited(Int(node)) }
                routes[t].nodes = []
                _ = model.retime(&routes[t], team: t)
                version[t] &+= 1
            }
            totalValue = 0
            totalDuration = 0
            for t in routes.indices where t < nodes.count && !nodes[t].isEmpty {
                routes[t].nodes = nodes[t]
                settle(t)
                for node in routes[t].nodes { markVisited(Int(node), team: t) }
                addTotals(t)
            }
        }

        var snapshot: [[Int32]] { routes.map(\.nodes) }

        /// Retimes team `t`'s route after a removal. Removing a stop cannot make a route late in
        /// exact arithmetic; should rounding ever disagree, drop stops until it fits.
        private mutating func settle(_ t: Int) {
            while !model.retime(&routes[t], team: t) {
                let dropped = Int(routes[t].nodes.removeLast())
                if routeOf[dropped] >= 0 { markUnvisited(dropped) }
            }
        }

        private mutating func subtractTotals(_ t: Int) {
            totalValue -= routes[t].value
            totalDuration -= routes[t].duration
            visitedCount -= routes[t].nodes.count
        }

        private mutating func addTotals(_ t: Int) {
            totalValue += routes[t].value
            totalDuration += routes[t].duration
            visitedCount += routes[t].nodes.count
        }

        private mutating func markVisited(_ u: Int, team t: Int) {
            routeOf[u] = Int32(t)
            let slot = Int(unvisitedSlot[u])
            guard slot >= 0 else { return }
            let last = unvisited.removeLast()
            if Int(last) != u {
                unvisited[slot] = last
                unvisitedSlot[Int(last)] = Int32(slot)
            }
            unvisitedSlot[u] = -1
        }

        private mutating func markUnvisited(_ u: Int) {
            routeOf[u] = -1
            if unvisitedSlot[u] < 0 && !model.candidateTeams[u].isEmpty { addUnvisited(u) }
        }

        private mutating func addUnvisited(_ u: Int) {
            unvisitedSlot[u] = Int32(unvisited.count)
            unvisited.append(Int32(u))
        }
    }
}
