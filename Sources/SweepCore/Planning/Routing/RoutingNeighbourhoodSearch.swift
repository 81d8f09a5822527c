import Foundation

extension RoutingSolver {
    /// Large-neighbourhood search around one solution: destroy a few stops, tidy the routes that
    /// lost them, re-insert greedily (with seeded noise) the removed stops and the unvisited
    /// targets near them, try swapping an unvisited target in for a cheaper visited one, then
    /// accept or undo by simulated annealing, restarting from the best solution when stuck.
    ///
    /// Every step is local: the candidates are the removed stops and their unvisited neighbours,
    /// and each is tried only in the routes that lost stops, the routes of its neighbours and two
    /// random candidate teams, so an iteration costs the same on 30 targets or 3,000.
    struct NeighbourhoodSearch {
        var state: SearchState
        let model: Model
        var rng: SeededRandom
        let minuteWeight: Double
        private var targetStamp: [Int32]
        private var teamStamp: [Int32]
        private var stamp: Int32 = 0
        private var scratch: [Int32] = []
        private var repair = RepairScratch()

        init(state: SearchState, rng: SeededRandom) {
            self.state = state
            self.model = state.model
            self.rng = rng
            // A tie-breaker only: an hour of route time weighs far less than any stop.
            minuteWeight = 1e-4 * model.meanValue
            targetStamp = [Int32](repeating: 0, count: model.targetCount)
            teamStamp = [Int32](repeating: 0, count: model.teamCount)
        }

        /// Runs up to `iterations` iterations; returns how many ran and whether the deadline stopped it.
        mutating func run(iterations: Int, deadline: Deadline) -> (iterations: Int, timedOut: Bool) {
            var best = state.snapshot
            var bestValue = state.totalValue, bestDuration = state.totalDuration
            var lastImprovement = 0
            let restartAfter = max(250, iterations / Tune.restartDiv)
            let startTemperature = Tune.temp * model.meanValue
            var done = 0
            while done < iterations {
                if deadline.passed { return (done, true) }
                let temperature = startTemperature * (1 - Double(done) / Double(iterations)) + 1e-9
                let before = state.score(minuteWeight: minuteWeight)
                state.beginJournal()
                iterate()
                let delta = state.score(minuteWeight: minuteWeight) - before
                if delta >= -1e-12 || rng.nextUnit() < exp(delta / temperature) {
                    state.commitJournal()
                } else {
                    state.rollbackJournal()
                }
                done += 1
                if state.totalValue > bestValue + 1e-9 || (state.totalValue > bestValue - 1e-9 && state.totalDuration < bestDuration) {
                    best = state.snapshot
                    bestValue = state.totalValue
                    bestDuration = state.totalDuration
                    lastImprovement = done
                } else if done - lastImprovement >= restartAfter {
                    state.load(best)
                    lastImprovement = done
                }
            }
            if state.totalValue < bestValue - 1e-9 || (state.totalValue < bestValue + 1e-9 && state.totalDuration > bestDuration) {
                state.load(best)
            }
            return (done, false)
        }

        private mutating func nextStamp() -> Int32 {
            stamp &+= 1
            if stamp == Int32.max {
                stamp = 1
                for i in targetStamp.indices { targetStamp[i] = 0 }
                for i in teamStamp.indices { teamStamp[i] = 0 }
            }
            return stamp
        }

        /// One destroy–repair step; the caller decides whether to keep it.
        private mutating func iterate() {
            guard state.visitedCount > 0 || !state.unvisited.isEmpty else { return }
            let removed = destroy()
            for k in state.touchedTeams.indices { improveRoute(&state, team: state.touchedTeams[k], scratch: &scratch) }
            let candidates = gatherCandidates(removed)
            let noise = [0.0, 0.1, 0.3][rng.nextInt(below: 3)]
            var unplaced = insertGreedily(candidates, noise: noise)
            guard !unplaced.isEmpty else { return }
            var freed = false
            for k in state.touchedTeams.indices where improveRoute(&state, team: state.touchedTeams[k], scratch: &scratch) { freed = true }
            if freed { unplaced = insertGreedily(unplaced, noise: 0) }
            swapIn(unplaced)
        }

        // MARK: Destroy

        private mutating func randomVisited() -> Int? {
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
        private mutating func destroy() -> [Int32] {
            var removed: [Int32] = []
            let visited = state.visitedCount
            guard visited > 0 else { return removed }
            let most = min(visited, max(3, min(Tune.qmax, visited / 4)))
            let q = 1 + rng.nextInt(below: most)
            let rule = rng.nextUnit()
            if rule < Tune.p1 {
                for _ in 0..<q {
                    guard let u = randomVisited() else { break }
                    state.remove(u)
                    removed.append(Int32(u))
                }
            } else if rule < Tune.p2 {
                removeWorst(q, into: &removed)
            } else if rule < Tune.p3 {
                removeRelated(q, into: &removed)
            } else {
                removeSegment(q, into: &removed)
            }
            return removed
        }

        /// The sampled stops that earn least per minute they cost.
        private mutating func removeWorst(_ q: Int, into removed: inout [Int32]) {
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
        private mutating func removeRelated(_ q: Int, into removed: inout [Int32]) {
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
        private mutating func removeSegment(_ q: Int, into removed: inout [Int32]) {
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

        // MARK: Repair

        /// The removed stops, unvisited targets near them, and a few random unvisited ones.
        private mutating func gatherCandidates(_ removed: [Int32]) -> [Int32] {
            let mark = nextStamp()
            var list: [Int32] = []
            func add(_ u: Int32, _ list: inout [Int32], _ stamps: inout [Int32]) {
                let i = Int(u)
                guard stamps[i] != mark, state.routeOf[i] < 0, !model.candidateTeams[i].isEmpty else { return }
                stamps[i] = mark
                list.append(u)
            }
            for u in removed { add(u, &list, &targetStamp) }
            outer: for u in removed {
                for w in model.neighbours[Int(u)].prefix(Tune.candN) {
                    if list.count >= Tune.candCap { break outer }
                    add(w, &list, &targetStamp)
                }
            }
            if !state.unvisited.isEmpty {
                for _ in 0..<3 { add(state.unvisited[rng.nextInt(below: state.unvisited.count)], &list, &targetStamp) }
            }
            return list
        }

        /// Teams worth trying for `u`: those the iteration touched, those serving its neighbours
        /// and two random candidate teams, all among its candidate teams.
        private mutating func teamsToTry(for u: Int, into teams: inout [Int32]) {
            let mark = nextStamp()
            func add(_ t: Int, _ teams: inout [Int32], _ stamps: inout [Int32]) {
                guard stamps[t] != mark, model.isCandidate(u, t) else { return }
                stamps[t] = mark
                teams.append(Int32(t))
            }
            for t in state.touchedTeams { add(t, &teams, &teamStamp) }
            for w in model.neighbours[u].prefix(Tune.teamN) {
                let t = Int(state.routeOf[Int(w)])
                if t >= 0 { add(t, &teams, &teamStamp) }
            }
            let own = model.candidateTeams[u]
            for _ in 0..<2 { add(Int(own[rng.nextInt(below: own.count)]), &teams, &teamStamp) }
        }

        private func cheapest(_ u: Int, teams: ArraySlice<Int32>) -> (cost: Int, team: Int, position: Int) {
            state.cheapestInsertion(u, teams: teams)
        }

        /// Greedy insertion by value per added minute (times a per-target noise factor); returns
        /// the candidates that found no place.
        ///
        /// Each candidate keeps its cheapest position per team tried, so after an insertion into
        /// team t only t's entries are re-evaluated, not every route of every candidate.
        private mutating func insertGreedily(_ candidates: [Int32], noise: Double) -> [Int32] {
            // Work on buffers moved out of `self`, so the mutating helpers below may run meanwhile.
            var work = RepairScratch()
            swap(&work, &repair)
            defer { swap(&work, &repair) }
            work.reset()
            for u in candidates {
                let start = work.teams.count
                teamsToTry(for: Int(u), into: &work.teams)
                for k in start..<work.teams.count {
                    let t = Int(work.teams[k])
                    let option = state.mayUse(t) ? state.cheapestInsertion(Int(u), team: t) : (cost: -1, position: -1)
                    work.slotCost.append(option.cost)
                    work.slotPosition.append(option.position)
                }
                work.entries.append(.init(target: u, teamsFrom: start, teamsTo: work.teams.count, best: -1,
                                          factor: 1 + noise * (2 * rng.nextUnit() - 1)))
                work.pickBest(work.entries.count - 1)
            }
            var live = Array(work.entries.indices)
            while true {
                var pick = -1, pickScore = -Double.infinity
                for (k, i) in live.enumerated() {
                    let e = work.entries[i]
                    guard e.best >= 0 else { continue }
                    let score = model.value[Int(e.target)] / Double(max(1, work.slotCost[e.best])) * e.factor
                    if score > pickScore {
                        pickScore = score
                        pick = k
                    }
                }
                guard pick >= 0 else { break }
                let chosen = work.entries[live[pick]]
                let t = Int(work.teams[chosen.best])
                guard state.insert(Int(chosen.target), team: t, at: work.slotPosition[chosen.best]) else {
                    work.slotCost[chosen.best] = -1
                    work.pickBest(live[pick])
                    continue
                }
                live.remove(at: pick)
                for i in live {
                    let e = work.entries[i]
                    // Inserting only takes slack from route t, so a candidate that fitted nowhere still fits nowhere.
                    guard e.best >= 0 else { continue }
                    for k in e.teamsFrom..<e.teamsTo where Int(work.teams[k]) == t {
                        guard work.slotCost[k] >= 0 else { break }
                        let option = state.cheapestInsertion(Int(e.target), team: t)
                        work.slotCost[k] = option.cost
                        work.slotPosition[k] = option.position
                        if k == e.best || (option.cost >= 0 && option.cost < work.slotCost[e.best]) { work.pickBest(i) }
                        break
                    }
                }
            }
            return live.map { work.entries[$0].target }
        }

        /// Puts the most valuable unplaced candidates in place of a less valuable stop where that
        /// fits, then tries to re-insert the displaced stop elsewhere.
        private mutating func swapIn(_ unplaced: [Int32]) {
            let ordered = unplaced.sorted { (model.value[Int($0)], -$0) > (model.value[Int($1)], -$1) }
            var teams: [Int32] = []
            for node in ordered.prefix(6) {
                let u = Int(node)
                guard state.routeOf[u] < 0 else { continue }
                teams.removeAll(keepingCapacity: true)
                teamsToTry(for: u, into: &teams)
                var bestGain = 1e-9, bestVictim = -1
                for team in teams {
                    let t = Int(team)
                    let route = state.routes[t]
                    for (p, victim) in route.nodes.enumerated() {
                        let v = Int(victim)
                        let gain = model.value[u] - model.value[v]
                        guard gain > bestGain, fitsInPlace(u, of: p, in: route, team: t) else { continue }
                        bestGain = gain
                        bestVictim = v
                    }
                }
                guard bestVictim >= 0, state.replace(bestVictim, by: u) else { continue }
                teams.removeAll(keepingCapacity: true)
                teamsToTry(for: bestVictim, into: &teams)
                let option = cheapest(bestVictim, teams: teams[...])
                if option.cost >= 0 { state.insert(bestVictim, team: option.team, at: option.position) }
            }
        }

        /// Whether `u` fits where stop `p` of `route` is now (O(1), from the cached timing).
        private func fitsInPlace(_ u: Int, of p: Int, in route: Route, team t: Int) -> Bool {
            let before = p == 0 ? model.depotNode[t] : Int(route.nodes[p - 1])
            let after = p + 1 == route.nodes.count ? model.depotNode[t] : Int(route.nodes[p + 1])
            let arrival = route.leave[p] + model.travel.minutes(before, u)
            let begin = model.hours[u].earliestStart(arrival: arrival, duration: model.service[u], limit: model.shiftEnd[t])
            guard begin != Int.min, begin + model.service[u] <= model.shiftEnd[t] else { return false }
            return begin + model.service[u] + model.travel.minutes(u, after) <= route.latest[p + 1]
        }
    }

    /// Reusable buffers of the greedy repair, so an iteration allocates almost nothing: per
    /// candidate a run of teams to try, with the cheapest insertion cost and position in each.
    struct RepairScratch {
        struct Entry {
            var target: Int32
            var teamsFrom: Int
            var teamsTo: Int
            /// Index of the cheapest feasible slot, -1 when none fits.
            var best: Int
            var factor: Double
        }
        var entries: [Entry] = []
        var teams: [Int32] = []
        var slotCost: [Int] = []
        var slotPosition: [Int] = []

        mutating func reset() {
            entries.removeAll(keepingCapacity: true)
            teams.removeAll(keepingCapacity: true)
            slotCost.removeAll(keepingCapacity: true)
            slotPosition.removeAll(keepingCapacity: true)
        }

        mutating func pickBest(_ i: Int) {
            var best = -1
            for k in entries[i].teamsFrom..<entries[i].teamsTo where slotCost[k] >= 0 {
                if best < 0 || slotCost[k] < slotCost[best] { best = k }
            }
            entries[i].best = best
        }
    }
}

enum Tune {
    nonisolated(unsafe) static var restartDiv = 20
    nonisolated(unsafe) static var temp = 0.08
    nonisolated(unsafe) static var qmax = 24
    nonisolated(unsafe) static var candN = 8
    nonisolated(unsafe) static var candCap = 64
    nonisolated(unsafe) static var teamN = 12
    nonisolated(unsafe) static var p1 = 0.2
    nonisolated(unsafe) static var p2 = 0.4
    nonisolated(unsafe) static var p3 = 0.75
}
