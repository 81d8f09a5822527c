import Foundation

/// Which teams may lawfully go out and which kinds each may visit, derived once per instance so the
/// evaluator, the heuristic, the exact search and the bounds share one reading of the rules.
///
/// A team's declared `kinds` count only as far as its members satisfy the instance's rule for each
/// kind: a team formed with a stale rule set must not make an unlawful visit look feasible. A team
/// that lists one inspector twice is unusable, because the duplicate would fake the two-officer
/// requirement. Inspector clashes matter only between teams that actually go out, so an instance may
/// offer alternative teams and a solution uses at most one side of each clash.
struct RoutingTeamEligibility: Sendable {
    /// Per team: declared kinds whose rule the members satisfy.
    let lawfulKinds: [[TargetKind]]
    /// Per team: inspector ids listed more than once.
    let duplicateInspectors: [[Int64]]
    /// Per team: other teams sharing an inspector during an overlapping shift, ascending.
    let clashes: [[Int]]
    /// Per team: whether it may go out at all.
    let usable: [Bool]

    init(_ instance: RoutingInstance) {
        let teams = instance.teams
        lawfulKinds = teams.map { team in
            let departments = team.members.map(\.department)
            return team.kinds.filter { kind in
                Self.rule(for: kind, in: instance.rules)?.isSatisfied(by: departments) ?? false
            }
        }
        duplicateInspectors = teams.map { team in
            var seen: [Int64: Int] = [:]
            for member in team.members { seen[member.inspectorId, default: 0] += 1 }
            return team.members.map(\.inspectorId).filter { seen[$0, default: 0] > 1 }.reduce(into: [Int64]()) { list, id in
                if !list.contains(id) { list.append(id) }
            }
        }
        var clashes = Array(repeating: [Int](), count: teams.count)
        for clash in Self.inspectorClashes(instance) {
            if !clashes[clash.first].contains(clash.second) { clashes[clash.first].append(clash.second) }
            if !clashes[clash.second].contains(clash.first) { clashes[clash.second].append(clash.first) }
        }
        self.clashes = clashes.map { $0.sorted() }
        let duplicates = duplicateInspectors
        usable = teams.indices.map { t in
            teams[t].shiftEnd > teams[t].shiftStart && duplicates[t].isEmpty
        }
    }

    /// The rule that governs `kind`: the first one listed, as campaign overrides are placed first.
    static func rule(for kind: TargetKind, in rules: [TeamRule]) -> TeamRule? {
        rules.first { $0.kind == kind }
    }

    /// Whether team `team` may go out and lawfully visit `target` (kind, composition, recusal).
    func canVisit(team: Int, target: RoutingTarget, in instance: RoutingInstance) -> Bool {
        usable[team] && lawfulKinds[team].contains(target.kind) && !instance.teams[team].mustRecuse(from: target)
    }

    /// Pairs of teams (first < second) that share `inspector` during overlapping shifts, ordered by
    /// team indices then inspector id.
    static func inspectorClashes(_ instance: RoutingInstance) -> [(first: Int, second: Int, inspector: Int64)] {
        var teamsOf: [Int64: [Int]] = [:]
        var inspectorsInOrder: [Int64] = []
        for (t, team) in instance.teams.enumerated() {
            for member in team.members {
                if teamsOf[member.inspectorId] == nil { inspectorsInOrder.append(member.inspectorId) }
                if teamsOf[member.inspectorId]?.last != t { teamsOf[member.inspectorId, default: []].append(t) }
            }
        }
        var found: [(first: Int, second: Int, inspector: Int64)] = []
        for inspector in inspectorsInOrder {
            let list = teamsOf[inspector] ?? []
            for i in list.indices {
                for j in list.indices where j > i {
                    let a = instance.teams[list[i]], b = instance.teams[list[j]]
                    if a.shiftStart < b.shiftEnd && b.shiftStart < a.shiftEnd {
                        found.append((list[i], list[j], inspector))
                    }
                }
            }
        }
        return found.sorted { ($0.first, $0.second, $0.inspector) < ($1.first, $1.second, $1.inspector) }
    }
}
