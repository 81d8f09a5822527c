/// Adjusts a plan to what changed since it was made, changing as little as possible.
///
/// 1. Stops at closed venues are removed and the routes re-timed with ``RouteSchedule/compute(route:team:instance:)``
///    (checked: a stop that no longer fits would be re-planned like the stops of a cancelled team).
/// 2. A member out on the team's day is replaced by a same-department inspector from `pool` who
///    is schedulable, free at that time, under the weekly cap, and has no conflict with the
///    route's venues. Without one the member is removed; the team keeps the kinds its remaining
///    members still satisfy, and the stops of other kinds leave its route. A team left with no
///    kind it may serve is cancelled.
/// 3. Stops that left a route go to the cheapest feasible position in another team's route, on
///    the same day first (``RoutingTeam/canVisit(_:)`` checks kind and recusal); the rest are
///    reported unplaced. Must-visits and higher values are placed first.
/// 4. Only with `changes.fillFreedTime`: teams that lost stops get the unvisited targets of highest
///    value that fit.
///
/// The result stays index-aligned with the input, so callers can compare team by team: the same
/// teams in the same order (a cancelled team keeps its label, day and shift but has no members,
/// no kinds and an empty route) and the same targets (closed venues stay in `targets`, unvisited).
public enum PlanRepair {
    public static func repair(instance: RoutingInstance, solution: RoutingSolution, changes: PlanChanges, pool: [PlannerInspector],
                              dayLabel: (Int) -> String) -> RepairResult {
        withoutActuallyEscaping(dayLabel) { label in
            var w = RepairWorkspace(instance: instance, solution: solution, pool: pool, dayLabel: label)
            let original = w.routes
            var pending: [(target: Int, from: Int)] = []

            for t in w.teams.indices {
                let closed = w.routes[t].filter { changes.closedVenues.contains(w.instance.targets[$0].venueId) }
                guard !closed.isEmpty else { continue }
                for s in closed { w.record(.stopRemoved, team: t, venue: s, "\(w.teamName(t)): \(w.venueName(s)) removed: the venue is closed") }
                w.routes[t].removeAll { closed.contains($0) }
                w.freed.insert(t)
                pending += w.retime(team: t).map { ($0, t) }
            }

            for t in w.teams.indices {
                pending += w.handleDropouts(team: t, changes: changes).map { ($0, t) }
            }

            placeAgain(pending, in: &w)
            if changes.fillFreedTime { fill(&w, closed: changes.closedVenues) }
            return finish(w, original: original)
        }
    }

    /// Step 3: cheapest insertion, same day first.
    private static func placeAgain(_ pending: [(target: Int, from: Int)], in w: inout RepairWorkspace) {
        let targets = w.instance.targets
        let ordered = pending.sorted { a, b in
            let x = targets[a.target], y = targets[b.target]
            if x.mustVisit != y.mustVisit { return x.mustVisit }
            if x.value != y.value { return x.value > y.value }
            return x.venueId < y.venueId
        }
        for (s, from) in ordered {
            let day = w.teams[from].day
            let others = w.teams.indices.filter { $0 != from }
            let found = w.cheapestInsertion(of: s, into: others.filter { w.teams[$0].day == day })
                ?? w.cheapestInsertion(of: s, into: others.filter { w.teams[$0].day != day })
            if let (t, p) = found {
                w.routes[t].insert(s, at: p)
                w.record(.stopMoved, team: from, venue: s, to: t, "\(w.venueName(s)) moved from \(w.teamName(from)) to \(w.teamName(t))")
            } else {
                w.record(.stopUnplaced, team: from, venue: s,
                         "\(w.venueName(s)) from \(w.teamName(from)) fits no other team's route (kind, recusal or time): not visited")
            }
        }
    }

    /// Step 4: unvisited targets into the teams that lost stops, best first.
    private static func fill(_ w: inout RepairWorkspace, closed: Set<Int64>) {
        let teams = w.freed.subtracting(w.cancelled).sorted()
        guard !teams.isEmpty else { return }
        let visited = Set(w.routes.flatMap { $0 })
        let targets = w.instance.targets
        let candidates = targets.indices.filter { !visited.contains($0) && !closed.contains(targets[$0].venueId) }.sorted { a, b in
            let x = targets[a], y = targets[b]
            if x.mustVisit != y.mustVisit { return x.mustVisit }
            if x.value != y.value { return x.value > y.value }
            return x.venueId < y.venueId
        }
        // A target longer than a team's idle time cannot fit there, which spares most insertion
        // attempts when thousands of targets are unvisited.
        var room: [Int: Int] = [:]
        for t in teams { room[t] = w.idleMinutes(team: t) }
        for s in candidates {
            let roomy = teams.filter { t in room[t].map { $0 >= targets[s].serviceMinutes } ?? false }
            guard !roomy.isEmpty, let (t, p) = w.cheapestInsertion(of: s, into: roomy) else { continue }
            w.routes[t].insert(s, at: p)
            room[t] = w.idleMinutes(team: t)
            w.record(.stopAdded, team: t, venue: s, "\(w.teamName(t)): \(w.venueName(s)) added to use time freed by the changes")
        }
    }

    /// Empties cancelled teams and counts what changed.
    private static func finish(_ w: RepairWorkspace, original: [[Int]]) -> RepairResult {
        var instance = w.instance
        var routes = w.routes
        for t in w.cancelled.sorted() {
            // Nobody is booked on a cancelled team: its remaining members are free for other work.
            instance.teams[t].members = []
            instance.teams[t].kinds = []
            routes[t] = []
        }
        let targets = instance.targets
        func visits(_ routes: [[Int]]) -> [Int64: String] {
            var out: [Int64: String] = [:]
            for (t, r) in routes.enumerated() {
                for s in r where targets.indices.contains(s) { out[targets[s].venueId] = instance.teams[t].label }
            }
            return out
        }
        let before = visits(original), after = visits(routes)
        let unchanged = before.filter { after[$0.key] == $0.value }.count
        let all = Set(before.keys).union(after.keys).count
        return RepairResult(instance: instance, solution: RoutingSolution(routes: routes), moves: w.moves,
                            changedStops: all - unchanged, unchangedStops: unchanged,
                            cancelledTeams: w.cancelled.sorted().map { instance.teams[$0].label })
    }
}
