import Foundation

/// Upper bounds on the routing objective, to say how far a solution can be from optimal.
///
/// Both are fractional-knapsack relaxations. Every visit consumes, inside one team's shift, its
/// service minutes plus the travel leg that arrives at it, and different visits consume different
/// legs. That leg starts at another visited target or at the visiting team's depot, so it is at
/// least the target's *minimum incoming travel* (over other visitable targets and the depots of
/// teams that may visit it). Hence any feasible solution packs its visited targets, with weight
/// = service + minimum incoming travel, into the total shift minutes; a fractional knapsack
/// filled by value per weight maximises value over a superset of those packings, so it can only
/// be larger than the optimum. Dropping constraints (opening hours, the return leg, the split
/// into separate shifts) only enlarges the relaxed set.
public enum RoutingBounds {
    /// The simple bound: capacity = total shift minutes of all usable teams; targets no team may
    /// visit (kind, composition, recusal) are left out.
    public static func upperBound(_ instance: RoutingInstance) -> Double {
        var unused: [Int] = []
        let items = knapsackItems(instance, requireTimeFit: false, shortestReturn: &unused)
        let capacity = Double(usableTeams(instance).reduce(0) { $0 + instance.teams[$1].shiftEnd - instance.teams[$1].shiftStart })
        return fill(items.map { ($0.value, $0.weight, 0) }, limit: { _ in capacity }, groups: 1)
    }

    /// A tighter bound: a target's minutes can only come from teams that may visit its kind,
    /// targets that fit no candidate team's shift even alone are left out, and a team that goes
    /// out spends at least its shortest possible return leg driving home (a team that stays home
    /// contributes nothing, which is even less).
    ///
    /// With kinds K, for every set S ⊆ K the minutes spent on targets of kinds in S are at most
    /// the shift minutes of teams that may visit some kind in S. Those limits form a polymatroid,
    /// over which greedy filling by value per weight is optimal (Edmonds), so the bound is the
    /// exact optimum of this relaxation. Never above ``upperBound(_:)``.
    public static func perKindUpperBound(_ instance: RoutingInstance) -> Double {
        let kinds = TargetKind.allCases.sorted()
        let eligibility = RoutingTeamEligibility(instance)
        var shortestReturn = [Int](repeating: Int.max, count: instance.teams.count)
        // `kinds` is every case, so no item is dropped here.
        let items = knapsackItems(instance, requireTimeFit: true, shortestReturn: &shortestReturn).compactMap { item in
            kinds.firstIndex(of: item.kind).map { (item.value, item.weight, $0) }
        }
        var capacityOf = [Double](repeating: 0, count: 1 << kinds.count)
        for t in usableTeams(instance) where shortestReturn[t] < Int.max {
            var mask = 0
            for (k, kind) in kinds.enumerated() where eligibility.lawfulKinds[t].contains(kind) { mask |= 1 << k }
            let minutes = Double(max(0, instance.teams[t].shiftEnd - instance.teams[t].shiftStart - shortestReturn[t]))
            for subset in 1..<capacityOf.count where subset & mask != 0 { capacityOf[subset] += minutes }
        }
        return fill(items, limit: { capacityOf[$0] }, groups: kinds.count)
    }

    private static func usableTeams(_ instance: RoutingInstance) -> [Int] {
        let eligibility = RoutingTeamEligibility(instance)
        return instance.teams.indices.filter { eligibility.usable[$0] && !eligibility.lawfulKinds[$0].isEmpty }
    }

    /// Greedy fill by value per weight; `limit(S)` caps the weight of items whose group is in the
    /// set S (a bit mask over `groups`), which for one group is a plain knapsack.
    private static func fill(_ items: [(value: Double, weight: Double, group: Int)], limit: (Int) -> Double, groups: Int) -> Double {
        let order = items.indices.sorted { a, b in
            let ra = items[a].weight > 0 ? items[a].value / items[a].weight : .infinity
            let rb = items[b].weight > 0 ? items[b].value / items[b].weight : .infinity
            return (ra, -a) > (rb, -b)
        }
        let subsets = 1 << groups
        var used = [Double](repeating: 0, count: subsets)
        var total = 0.0
        for i in order {
            let item = items[i]
            var room = item.weight
            for subset in 1..<subsets where subset & (1 << item.group) != 0 { room = min(room, limit(subset) - used[subset]) }
            guard room > 0 || item.weight == 0 else { continue }
            let taken = max(0, room)
            for subset in 1..<subsets where subset & (1 << item.group) != 0 { used[subset] += taken }
            total += item.weight == 0 ? item.value : item.value * taken / item.weight
        }
        return total
    }

    /// Visitable targets with positive value: their value, kind and weight (service minutes plus
    /// minimum incoming travel). Fills `shortestReturn` (when sized to the teams) with each team's
    /// shortest leg home from a target it may visit.
    private static func knapsackItems(_ instance: RoutingInstance, requireTimeFit: Bool,
                                      shortestReturn: inout [Int]) -> [(value: Double, weight: Double, kind: TargetKind)] {
        let eligibility = RoutingTeamEligibility(instance)
        let targets = instance.targets, teams = instance.teams
        var depots: [GeoPoint] = []
        let depotOf = teams.map { team in
            if let known = depots.firstIndex(of: team.depot) { return known }
            depots.append(team.depot)
            return depots.count - 1
        }
        var kept: [Int] = []
        var fromDepot: [Int] = []
        var depotMinutes = [Int](repeating: 0, count: depots.count)
        for (u, target) in targets.enumerated() where target.value > 0 && target.value.isFinite {
            for d in depots.indices { depotMinutes[d] = instance.travel.minutes(from: depots[d], to: target.location) }
            var best = Int.max
            for t in teams.indices where eligibility.canVisit(team: t, target: target, in: instance) {
                let out = depotMinutes[depotOf[t]]
                if requireTimeFit {
                    let back = instance.travel.minutes(from: target.location, to: teams[t].depot)
                    guard fitsAlone(target, team: teams[t], out: out, back: back) else { continue }
                    if t < shortestReturn.count { shortestReturn[t] = min(shortestReturn[t], back) }
                }
                best = min(best, out)
            }
            if best < Int.max {
                kept.append(u)
                fromDepot.append(best)
            }
        }
        let nearest = nearestOther(kept.map { targets[$0].location })
        return kept.enumerated().map { k, u in
            let fromTarget = nearest[k].map { instance.travel.minutes(from: targets[kept[$0]].location, to: targets[u].location) } ?? Int.max
            return (targets[u].value, Double(max(0, targets[u].serviceMinutes) + min(fromTarget, fromDepot[k])), targets[u].kind)
        }
    }

    /// Whether a team could visit the target alone in its shift (``RouteSchedule`` for a one-stop
    /// route). With travel satisfying the triangle inequality, any feasible route through the
    /// target implies this.
    private static func fitsAlone(_ target: RoutingTarget, team: RoutingTeam, out: Int, back: Int) -> Bool {
        let arrival = team.shiftStart + out
        var start = arrival
        if let hours = target.hours {
            guard let open = hours.earliestStart(atOrAfter: arrival, duration: target.serviceMinutes, limit: team.shiftEnd) else { return false }
            start = open
        }
        let end = start + target.serviceMinutes
        return end <= team.shiftEnd && end + back <= team.shiftEnd
    }

    /// For each point, the index of the nearest other point (by great-circle distance, which
    /// travel minutes never decrease with), or nil when there is no other point. A sweep in
    /// latitude order stops once the latitude gap alone exceeds the best distance found.
    static func nearestOther(_ points: [GeoPoint]) -> [Int?] {
        let order = points.indices.sorted { (points[$0].latitude, $0) < (points[$1].latitude, $1) }
        var rank = [Int](repeating: 0, count: points.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        // Metres per degree of latitude on the sphere GeoPoint uses, with a margin for rounding.
        let metresPerDegree = 6_371_008.8 * .pi / 180 * 0.999
        return points.indices.map { i in
            var best: Int?
            var bestDistance = Double.infinity
            for direction in [-1, 1] {
                var r = rank[i] + direction
                while r >= 0 && r < order.count {
                    let j = order[r]
                    if abs(points[j].latitude - points[i].latitude) * metresPerDegree > bestDistance { break }
                    let d = points[i].distance(to: points[j])
                    if d < bestDistance || (d == bestDistance && j < (best ?? Int.max)) {
                        bestDistance = d
                        best = j
                    }
                    r += direction
                }
            }
            return best
        }
    }
}
