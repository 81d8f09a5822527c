/// The plan while repair edits it: the original instance's targets and travel, the teams and
/// routes as changed so far, and the moves made.
struct RepairWorkspace {
    var instance: RoutingInstance
    var routes: [[Int]]
    var cancelled: Set<Int> = []
    /// Teams that lost stops: the only ones `fillFreedTime` adds to.
    var freed: Set<Int> = []
    var moves: [RepairMove] = []
    /// Inspector id → the teams they are on (cancelled ones included; callers skip those).
    private(set) var memberships: [Int64: Set<Int>] = [:]
    let pool: [Int64: PlannerInspector]
    let dayLabel: (Int) -> String

    init(instance: RoutingInstance, solution: RoutingSolution, pool: [PlannerInspector], dayLabel: @escaping (Int) -> String) {
        self.instance = instance
        // A solution with the wrong number of routes is padded or cut to the teams it belongs to.
        var routes = Array(solution.routes.prefix(instance.teams.count))
        routes += Array(repeating: [], count: instance.teams.count - routes.count)
        self.routes = routes
        self.pool = Dictionary(pool.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.dayLabel = dayLabel
        for (t, team) in instance.teams.enumerated() {
            for m in team.members { memberships[m.inspectorId, default: []].insert(t) }
        }
    }

    /// Puts `member` in place of the member at `index` of team `t`, or removes that member when nil.
    mutating func setMember(team t: Int, at index: Int, to member: TeamMember?) {
        let leaving = instance.teams[t].members[index].inspectorId
        memberships[leaving]?.remove(t)
        if let member {
            instance.teams[t].members[index] = member
            memberships[member.inspectorId, default: []].insert(t)
        } else {
            instance.teams[t].members.remove(at: index)
        }
    }

    var teams: [RoutingTeam] { instance.teams }

    func schedule(_ route: [Int], team t: Int) -> RouteSchedule {
        RouteSchedule.compute(route: route, team: instance.teams[t], instance: instance)
    }

    func returnMinute(_ route: [Int], team t: Int) -> Int? {
        if case .feasible(_, let back) = schedule(route, team: t) { return back }
        return nil
    }

    /// Minutes of the shift the team spends neither travelling nor serving: waiting for openings
    /// plus the time left after its return. Inserting a stop costs at least its service time out
    /// of this (travel only grows under the triangle inequality), so it bounds what can still fit.
    func idleMinutes(team t: Int) -> Int {
        guard case .feasible(let visits, let back) = schedule(routes[t], team: t) else { return 0 }
        return instance.teams[t].shiftEnd - back + visits.reduce(0) { $0 + $1.start - $1.arrival }
    }

    /// The feasible position in one of `teams` that delays the team's return least
    /// (ties: earlier team, then earlier position), or nil.
    func cheapestInsertion(of target: Int, into candidates: [Int]) -> (team: Int, position: Int)? {
        var best: (team: Int, position: Int, cost: Int)?
        for t in candidates where !cancelled.contains(t) && instance.teams[t].canVisit(instance.targets[target]) {
            guard let before = returnMinute(routes[t], team: t) else { continue }
            for p in 0...routes[t].count {
                var r = routes[t]
                r.insert(target, at: p)
                guard let after = returnMinute(r, team: t) else { continue }
                let cost = after - before
                if let b = best, b.cost <= cost { continue }
                best = (t, p, cost)
            }
        }
        return best.map { ($0.team, $0.position) }
    }

    /// Keeps the stops of a route in order as long as the route stays feasible; returns the rest.
    /// Removing stops never delays later ones when travel obeys the triangle inequality, so this
    /// normally keeps everything: it is the check that the theory holds for this instance.
    mutating func retime(team t: Int) -> [Int] {
        if case .feasible = schedule(routes[t], team: t) { return [] }
        var kept: [Int] = []
        var dropped: [Int] = []
        for s in routes[t] {
            if case .feasible = schedule(kept + [s], team: t) { kept.append(s) } else { dropped.append(s) }
        }
        routes[t] = kept
        return dropped
    }

    /// Teams other than `t` that work at a time overlapping `t`'s shift or on the same day.
    func clashes(_ t: Int, with other: Int) -> Bool {
        let a = instance.teams[t], b = instance.teams[other]
        return a.day == b.day || (a.shiftStart < b.shiftEnd && b.shiftStart < a.shiftEnd)
    }

    // MARK: Words

    func teamName(_ t: Int) -> String {
        let team = instance.teams[t]
        return "\(team.label) (\(dayLabel(team.day)) \(team.shiftName))"
    }

    func inspectorName(_ id: Int64, department: DepartmentCode) -> String {
        guard let p = pool[id] else { return "\(department) inspector \(id)" }
        return "\(department) \(p.name) (\(p.code))"
    }

    func venueName(_ target: Int) -> String {
        let t = instance.targets[target]
        return "\(t.kind == .tobaccoRetail ? "retailer" : "café") \(t.venueId)"
    }

    mutating func record(_ kind: RepairMove.Kind, team t: Int, venue target: Int? = nil, inspectors: [Int64] = [], to: Int? = nil,
                         _ description: String) {
        moves.append(RepairMove(kind: kind, teamLabel: instance.teams[t].label, day: instance.teams[t].day,
                                venueId: target.map { instance.targets[$0].venueId }, inspectorIds: inspectors,
                                toTeamLabel: to.map { instance.teams[$0].label }, description: description))
    }
}
