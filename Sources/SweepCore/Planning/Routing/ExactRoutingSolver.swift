import Foundation

/// Exhaustive search for tiny instances (about 10 targets, 3 teams): the yardstick the heuristic
/// is measured against in tests and benchmarks.
///
/// Depth-first over routes built team by team, each route stop by stop in visiting order (so
/// every solution is enumerated exactly once), pruned by a fractional-knapsack bound on what the
/// remaining time can still collect. Timing follows ``RouteSchedule`` step for step.
public enum ExactRoutingSolver {
    /// The best solution found within `nodeLimit` search nodes; `provedOptimal` is true when the
    /// search finished, i.e. no better solution exists.
    public static func solve(_ instance: RoutingInstance, nodeLimit: Int = 20_000_000)
        -> (solution: RoutingSolution, objective: Double, provedOptimal: Bool) {
        var search = ExhaustiveSearch(instance, nodeLimit: nodeLimit)
        search.run()
        let solution = RoutingSolution(routes: search.bestRoutes)
        return (solution, search.bestValue, !search.aborted)
    }
}

/// The state of one exhaustive search.
private struct ExhaustiveSearch {
    let instance: RoutingInstance
    let nodeLimit: Int
    let n: Int
    let m: Int
    let canVisit: [[Bool]]
    let fitsAlone: [[Bool]]
    let usable: [Bool]
    let clashes: [[Int]]
    /// travel[a][b] over targets then one depot per team.
    let travel: [[Int]]
    /// Targets by value per weight, for the bound; and by value, for branching.
    let boundOrder: [Int]
    let branchOrder: [Int]
    let weight: [Int]

    var assigned: [Bool]
    var routes: [[Int]]
    var bestRoutes: [[Int]]
    var bestValue = 0.0
    var nodes = 0
    var aborted = false

    init(_ instance: RoutingInstance, nodeLimit: Int) {
        self.instance = instance
        self.nodeLimit = nodeLimit
        let targets = instance.targets, teams = instance.teams
        n = targets.count
        m = teams.count
        let eligibility = RoutingTeamEligibility(instance)
        usable = eligibility.usable
        clashes = eligibility.clashes
        canVisit = teams.indices.map { t in
            targets.map { eligibility.canVisit(team: t, target: $0, in: instance) && $0.value > 0 }
        }
        let points = targets.map(\.location) + teams.map(\.depot)
        travel = points.map { a in points.map { b in instance.travel.minutes(from: a, to: b) } }
        let n = targets.count, canVisit = self.canVisit, travel = self.travel
        fitsAlone = teams.indices.map { t in
            targets.indices.map { u in
                guard canVisit[t][u] else { return false }
                if case .feasible = RouteSchedule.compute(route: [u], team: teams[t], instance: instance) { return true }
                return false
            }
        }
        weight = targets.indices.map { u in
            var incoming = Int.max
            for v in targets.indices where v != u { incoming = min(incoming, travel[v][u]) }
            for t in teams.indices where canVisit[t][u] { incoming = min(incoming, travel[n + t][u]) }
            return max(0, targets[u].serviceMinutes) + (incoming == Int.max ? 0 : incoming)
        }
        let weight = self.weight
        boundOrder = targets.indices.sorted { a, b in
            (targets[a].value / Double(max(1, weight[a])), -a) > (targets[b].value / Double(max(1, weight[b])), -b)
        }
        branchOrder = targets.indices.sorted { (targets[$0].value, -$0) > (targets[$1].value, -$1) }
        assigned = [Bool](repeating: false, count: n)
        routes = [[Int]](repeating: [], count: m)
        bestRoutes = routes
    }

    mutating func run() {
        guard m > 0 else { return }
        visit(team: 0, clock: instance.teams[0].shiftStart, position: n, value: 0)
    }

    private func mayGoOut(_ t: Int) -> Bool {
        usable[t] && !clashes[t].contains { $0 < t && !routes[$0].isEmpty }
    }

    /// What the unassigned targets could still add: fractional knapsack over the minutes left
    /// in the current shift and all later shifts, counting only targets some remaining team
    /// could reach.
    private func optimistic(team t: Int, clock: Int, position: Int) -> Double {
        var capacity = Double(max(0, instance.teams[t].shiftEnd - clock))
        for later in (t + 1)..<m where usable[later] {
            capacity += Double(instance.teams[later].shiftEnd - instance.teams[later].shiftStart)
        }
        let current = mayGoOut(t)
        var total = 0.0
        for u in boundOrder where !assigned[u] && capacity > 0 {
            var reachable = false
            if current && canVisit[t][u] { reachable = startAfter(u, team: t, clock: clock, position: position) != nil }
            if !reachable { reachable = ((t + 1)..<m).contains { fitsAlone[$0][u] } }
            guard reachable else { continue }
            let w = Double(weight[u])
            let value = instance.targets[u].value
            if w <= capacity {
                total += value
                capacity -= w
            } else {
                total += value * capacity / w
                capacity = 0
            }
        }
        return total
    }

    /// When a visit to `u` would end if team `t` went there next, or nil if it cannot.
    private func startAfter(_ u: Int, team t: Int, clock: Int, position: Int) -> Int? {
        let target = instance.targets[u], team = instance.teams[t]
        let arrival = clock + travel[position][u]
        var start = arrival
        if let hours = target.hours {
            guard let open = hours.earliestStart(atOrAfter: arrival, duration: target.serviceMinutes, limit: team.shiftEnd) else { return nil }
            start = open
        }
        let end = start + target.serviceMinutes
        return end <= team.shiftEnd ? end : nil
    }

    private mutating func visit(team t: Int, clock: Int, position: Int, value: Double) {
        nodes += 1
        if nodes > nodeLimit {
            aborted = true
            return
        }
        if value + optimistic(team: t, clock: clock, position: position) <= bestValue + 1e-9 { return }
        if mayGoOut(t) {
            for u in branchOrder where !assigned[u] && canVisit[t][u] {
                guard let end = startAfter(u, team: t, clock: clock, position: position) else { continue }
                assigned[u] = true
                routes[t].append(u)
                visit(team: t, clock: end, position: u, value: value + instance.targets[u].value)
                routes[t].removeLast()
                assigned[u] = false
                if aborted { return }
            }
        }
        // Close this route: the team must be back at its depot in time.
        let depot = n + t
        guard routes[t].isEmpty || clock + travel[position][depot] <= instance.teams[t].shiftEnd else { return }
        if t + 1 == m {
            if value > bestValue + 1e-9 {
                bestValue = value
                bestRoutes = routes
            }
        } else {
            visit(team: t + 1, clock: instance.teams[t + 1].shiftStart, position: n + t + 1, value: value)
        }
    }
}
