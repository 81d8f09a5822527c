import Foundation

extension RoutingSolver {
    /// One team's route with the timing the O(1) insertion test needs.
    ///
    /// Insertion position `p` (0...count) puts a target between the node before it (the depot for
    /// p = 0) and the node after it (the depot for p = count). `leave[p]` is when the team leaves
    /// the node before; `latest[p]` is the latest arrival at the node after that keeps the rest of
    /// the route feasible (the shift end for the depot).
    struct Route: Sendable {
        var nodes: [Int32] = []
        var leave: [Int] = []
        var latest: [Int] = []
        /// `legs[p]`: travel minutes from the node before position p to the node after it.
        var legs: [Int] = []
        var value: Double = 0
        /// Minutes from leaving the depot to returning, 0 for an idle team.
        var duration: Int = 0
    }
}

extension RoutingSolver.Model {
    typealias Route = RoutingSolver.Route

    /// Recomputes `route`'s timing for team `t`; false when the route does not fit (the timing
    /// arrays are then meaningless). Same arithmetic as ``RouteSchedule/compute(route:team:instance:)``.
    func retime(_ route: inout Route, team t: Int) -> Bool {
        let count = route.nodes.count
        let start = shiftStart[t], end = shiftEnd[t], depot = depotNode[t]
        route.leave.removeAll(keepingCapacity: true)
        route.latest.removeAll(keepingCapacity: true)
        route.legs.removeAll(keepingCapacity: true)
        route.leave.append(start)
        var clock = start, position = depot, total = 0.0
        for node in route.nodes {
            let u = Int(node)
            let leg = travel.minutes(position, u)
            let arrival = clock + leg
            let begin = hours[u].earliestStart(arrival: arrival, duration: service[u], limit: end)
            guard begin != Int.min, begin + service[u] <= end else { return false }
            clock = begin + service[u]
            route.leave.append(clock)
            route.legs.append(leg)
            position = u
            total += value[u]
        }
        let home = travel.minutes(position, depot)
        let back = clock + home
        guard back <= end else { return false }
        route.legs.append(home)
        route.value = total
        route.duration = count == 0 ? 0 : back - start
        route.latest.append(contentsOf: repeatElement(end, count: count + 1))
        var next = depot
        for i in stride(from: count - 1, through: 0, by: -1) {
            let u = Int(route.nodes[i])
            let bound = route.latest[i + 1] - travel.minutes(u, next) - service[u]
            let latestStart = hours[u].latestStart(notAfter: bound, duration: service[u])
            // The forward pass proved a start ≤ bound exists; a miss means unusual hours data, so
            // fall back to the actual start, which is always safe.
            route.latest[i] = latestStart == Int.min ? route.leave[i + 1] - service[u] : latestStart
            next = u
        }
        return true
    }

    /// Whether ``RouteSchedule`` agrees with the timing `retime` gave `route` (feasible, same
    /// visit ends, same return); used in assertions, so debug runs check every committed move.
    func matchesRouteSchedule(_ route: Route, team t: Int) -> Bool {
        switch RouteSchedule.compute(route: route.nodes.map(Int.init), team: instance.teams[t], instance: instance) {
        case .feasible(let visits, let back):
            return visits.map(\.end) == Array(route.leave.dropFirst()) && (route.nodes.isEmpty || back - shiftStart[t] == route.duration)
        case .infeasible:
            return false
        }
    }

    /// Whether ``RouteSchedule`` also rejects `nodes` for team `t`.
    func routeScheduleRejects(_ nodes: [Int32], team t: Int) -> Bool {
        if case .infeasible = RouteSchedule.compute(route: nodes.map(Int.init), team: instance.teams[t], instance: instance) { return true }
        return false
    }

    /// Minutes inserting target `u` at position `p` of team `t`'s route adds before the next node
    /// (travel, waiting and service), or -1 when it does not fit.
    @inline(__always) func insertionCost(_ u: Int, into route: Route, team t: Int, at p: Int) -> Int {
        let count = route.nodes.count
        let before = p == 0 ? depotNode[t] : Int(route.nodes[p - 1])
        let after = p == count ? depotNode[t] : Int(route.nodes[p])
        let leaveBefore = route.leave[p]
        let arrival = leaveBefore + travel.minutes(to: u, from: before)
        let begin = hours[u].earliestStart(arrival: arrival, duration: service[u], limit: shiftEnd[t])
        guard begin != Int.min else { return -1 }
        let done = begin + service[u]
        guard done <= shiftEnd[t] else { return -1 }
        let arriveAfter = done + travel.minutes(u, after)
        guard arriveAfter <= route.latest[p] else { return -1 }
        return max(0, arriveAfter - leaveBefore - route.legs[p])
    }

    /// The cheapest position for `u` in team `t`'s route: (cost, position), cost -1 when none fits.
    @inline(__always) func cheapestInsertion(_ u: Int, into route: Route, team t: Int) -> (cost: Int, position: Int) {
        var bestCost = -1, bestPosition = -1
        for p in 0...route.nodes.count {
            let cost = insertionCost(u, into: route, team: t, at: p)
            if cost >= 0 && (bestCost < 0 || cost < bestCost) {
                bestCost = cost
                bestPosition = p
            }
        }
        return (bestCost, bestPosition)
    }

    /// Minutes from leaving the depot to returning for `nodes` as team `t`'s route, or -1 if it does not fit.
    func duration(of nodes: [Int32], team t: Int) -> Int {
        let start = shiftStart[t], end = shiftEnd[t], depot = depotNode[t]
        var clock = start, position = depot
        for node in nodes {
            let u = Int(node)
            let arrival = clock + travel.minutes(position, u)
            let begin = hours[u].earliestStart(arrival: arrival, duration: service[u], limit: end)
            guard begin != Int.min, begin + service[u] <= end else { return -1 }
            clock = begin + service[u]
            position = u
        }
        let back = clock + travel.minutes(position, depot)
        return back <= end ? back - start : -1
    }
}
