import Foundation

/// The repair half of an iteration: which targets to try, where, in which order, and the swap
/// of an unvisited target for a less valuable visited one.
extension RoutingSolver.NeighbourhoodSearch {
    /// The removed stops, unvisited targets near them, and a few random unvisited ones.
    mutating func gatherCandidates(_ removed: [Int32]) -> [Int32] {
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
            for w in model.neighbours[Int(u)].prefix(12) {
                if list.count >= 64 { break outer }
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
    mutating func teamsToTry(for u: Int, into teams: inout [Int32]) {
        let mark = nextStamp()
        func add(_ t: Int, _ teams: inout [Int32], _ stamps: inout [Int32]) {
            guard stamps[t] != mark, model.isCandidate(u, t) else { return }
            stamps[t] = mark
            teams.append(Int32(t))
        }
        for t in state.touchedTeams { add(t, &teams, &teamStamp) }
        for w in model.neighbours[u].prefix(12) {
            let t = Int(state.routeOf[Int(w)])
            if t >= 0 { add(t, &teams, &teamStamp) }
        }
        let own = model.candidateTeams[u]
        for _ in 0..<2 { add(Int(own[rng.nextInt(below: own.count)]), &teams, &teamStamp) }
    }

    /// The cheapest insertion of `u` over `teams`.
    func cheapest(_ u: Int, teams: ArraySlice<Int32>) -> (cost: Int, team: Int, position: Int) {
        state.cheapestInsertion(u, teams: teams)
    }

    /// Greedy insertion by value per added minute (times a per-target noise factor); returns
    /// the candidates that found no place.
    ///
    /// Each candidate keeps its cheapest position per team tried, so after an insertion into
    /// team t only t's entries are re-evaluated, not every route of every candidate.
    mutating func insertGreedily(_ candidates: [Int32], noise: Double) -> [Int32] {
        // Work on buffers moved out of `self`, so the mutating helpers below may run meanwhile.
        var work = RoutingSolver.RepairScratch()
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
    mutating func swapIn(_ unplaced: [Int32]) {
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
    func fitsInPlace(_ u: Int, of p: Int, in route: RoutingSolver.Route, team t: Int) -> Bool {
        let before = p == 0 ? model.depotNode[t] : Int(route.nodes[p - 1])
        let after = p + 1 == route.nodes.count ? model.depotNode[t] : Int(route.nodes[p + 1])
        let arrival = route.leave[p] + model.travel.minutes(before, u)
        let begin = model.hours[u].earliestStart(arrival: arrival, duration: model.service[u], limit: model.shiftEnd[t])
        guard begin != Int.min, begin + model.service[u] <= model.shiftEnd[t] else { return false }
        return begin + model.service[u] + model.travel.minutes(u, after) <= route.latest[p + 1]
    }
}

extension RoutingSolver {
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
