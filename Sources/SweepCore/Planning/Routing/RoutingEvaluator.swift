import Foundation

/// The referee for routing solutions: every solver's output and every hand-edited plan is judged
/// by this one function, so "feasible" means the same thing in tests, benchmarks and production.
public enum RoutingEvaluator {
    /// Checks `solution` against `instance`: one route per team, valid and unique targets, lawful
    /// kinds and composition, recusal, timing (through ``RouteSchedule/compute(route:team:instance:)``)
    /// and that no inspector is in two places.
    ///
    /// Team-level checks (composition, duplicate inspectors, overlapping shifts) apply to teams that
    /// go out, i.e. have a non-empty route: an idle team puts nobody anywhere.
    public static func evaluate(_ instance: RoutingInstance, _ solution: RoutingSolution) -> RoutingEvaluation {
        var problems: [String] = []
        let teams = instance.teams
        let targets = instance.targets
        if solution.routes.count != teams.count {
            problems.append("the solution has \(solution.routes.count) routes but the instance has \(teams.count) teams")
        }
        var visitedBy = [Int](repeating: -1, count: targets.count)
        var objective = 0.0
        var visited = 0
        var active = [Bool](repeating: false, count: teams.count)

        for (t, route) in solution.routes.enumerated() {
            guard t < teams.count else {
                if !route.isEmpty { problems.append("route \(t) has no team: the instance has only \(teams.count) teams") }
                continue
            }
            guard !route.isEmpty else { continue }
            active[t] = true
            let team = teams[t]
            var indicesValid = true
            var kindsVisited: [TargetKind] = []
            for index in route {
                guard targets.indices.contains(index) else {
                    problems.append("team \(team.label): target index \(index) does not exist (the instance has \(targets.count) targets)")
                    indicesValid = false
                    continue
                }
                let target = targets[index]
                if visitedBy[index] >= 0 {
                    let first = teams[visitedBy[index]].label
                    problems.append("venue \(target.venueId) is visited more than once (team \(first) and team \(team.label))")
                } else {
                    visitedBy[index] = t
                    objective += target.value
                    visited += 1
                }
                if !team.kinds.contains(target.kind) {
                    let allowed = team.kinds.map(\.rawValue).joined(separator: ", ")
                    problems.append("team \(team.label) may not visit venue \(target.venueId): it is a \(target.kind.rawValue) and the team serves only [\(allowed)]")
                }
                if let who = recusingMember(team, target) {
                    problems.append("team \(team.label) must not visit venue \(target.venueId): inspector \(who) declared a conflict of interest with it")
                }
                if !kindsVisited.contains(target.kind) { kindsVisited.append(target.kind) }
            }
            problems += compositionProblems(team, kinds: kindsVisited.sorted(), rules: instance.rules)
            if indicesValid, case .infeasible(let reason) = RouteSchedule.compute(route: route, team: team, instance: instance) {
                problems.append("team \(team.label): \(reason)")
            }
        }

        let eligibility = RoutingTeamEligibility(instance)
        for t in teams.indices where active[t] {
            for id in eligibility.duplicateInspectors[t] {
                problems.append("team \(teams[t].label) lists inspector \(id) more than once")
            }
        }
        for clash in RoutingTeamEligibility.inspectorClashes(instance) where active[clash.first] && active[clash.second] {
            let a = teams[clash.first], b = teams[clash.second]
            problems.append("inspector \(clash.inspector) is on team \(a.label) (minutes \(a.shiftStart)–\(a.shiftEnd)) and team \(b.label) (minutes \(b.shiftStart)–\(b.shiftEnd)), whose shifts overlap")
        }

        let missed = targets.indices.filter { targets[$0].mustVisit && visitedBy[$0] < 0 }.map { targets[$0].venueId }
        return RoutingEvaluation(feasible: problems.isEmpty, objective: objective, visited: visited, mustVisitMissed: missed, problems: problems)
    }

    private static func recusingMember(_ team: RoutingTeam, _ target: RoutingTarget) -> Int64? {
        team.members.first { m in
            m.conflictVenueIds.contains(target.venueId) || (target.operatorKey.map { m.conflictOperatorKeys.contains($0) } ?? false)
        }?.inspectorId
    }

    private static func compositionProblems(_ team: RoutingTeam, kinds: [TargetKind], rules: [TeamRule]) -> [String] {
        let departments = team.members.map(\.department)
        return kinds.compactMap { kind in
            guard let rule = RoutingTeamEligibility.rule(for: kind, in: rules) else {
                return "team \(team.label) visits \(kind.rawValue) targets but the instance has no team rule for that kind"
            }
            guard let missing = rule.shortfall(for: departments) else { return nil }
            return "team \(team.label) is not a lawful team for \(kind.label): \(missing)"
        }
    }
}
