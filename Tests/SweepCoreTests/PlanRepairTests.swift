import Foundation
import Testing
@testable import SweepCore

private let centre = GeoPoint(longitude: 116.40, latitude: 39.90)

private func officer(_ id: Int64, _ dept: DepartmentCode, district: String = "西城区", conflicts: [Int64] = [], unavailable: Set<Int> = [])
    -> PlannerInspector {
    PlannerInspector(id: id, code: "\(dept.rawValue)-\(id)", name: "Officer \(id)", department: dept, jurisdictionId: 1, districtName: district,
                     depot: centre, credentialValidThroughDay: 30, unavailableDays: unavailable, conflictVenueIds: conflicts)
}

private func target(_ venue: Int64, _ kind: TargetKind, east: Double, north: Double, value: Double = 5) -> RoutingTarget {
    RoutingTarget(venueId: venue, kind: kind, location: centre.offset(eastMetres: east, northMetres: north), value: value,
                  serviceMinutes: kind == .unlicensedCafe ? 45 : 30)
}

private func team(_ label: String, day: Int, kinds: [TargetKind], _ members: [PlannerInspector]) -> RoutingTeam {
    RoutingTeam(label: label, day: day, shiftName: "cafe-evening", shiftStart: day * 1440 + 1140, shiftEnd: day * 1440 + 1500, depot: centre,
                kinds: kinds, members: members.enumerated().map { i, p in var m = p.asMember; m.isLead = i == 0; return m })
}

/// Four evening teams over two days, every route feasible with room to spare.
private struct Fixture {
    let officers: [Int64: PlannerInspector]
    let instance: RoutingInstance
    let solution: RoutingSolution

    init() {
        let o = [
            officer(1, .culture), officer(2, .culture), officer(3, .police), officer(4, .marketRegulation),  // big team, day 0
            officer(5, .culture), officer(6, .culture),  // T1, day 0
            officer(7, .culture), officer(8, .culture),  // T2, day 0
            officer(9, .culture), officer(10, .culture),  // T3, day 1
            officer(11, .culture, district: "东城区"), officer(12, .culture), officer(13, .culture, conflicts: [103]),  // spare
        ]
        officers = Dictionary(uniqueKeysWithValues: o.map { ($0.id, $0) })
        let targets = [
            target(201, .unlicensedCafe, east: 800, north: 300),
            target(101, .licensedCafe, east: 1000, north: 0), target(102, .licensedCafe, east: 1200, north: 500),
            target(103, .licensedCafe, east: -900, north: 200), target(104, .licensedCafe, east: -1100, north: -400),
            target(105, .licensedCafe, east: -500, north: -800),
            target(106, .licensedCafe, east: 300, north: 1200), target(107, .licensedCafe, east: 0, north: 1500),
            target(108, .licensedCafe, east: 2000, north: -1500, value: 9), target(109, .licensedCafe, east: -2000, north: 1500, value: 2),
        ]
        let teams = [
            team("D00-cafe-evening-CUL-1", day: 0, kinds: [.licensedCafe, .unlicensedCafe], [o[0], o[1], o[2], o[3]]),
            team("D00-cafe-evening-CUL-2", day: 0, kinds: [.licensedCafe], [o[4], o[5]]),
            team("D00-cafe-evening-CUL-3", day: 0, kinds: [.licensedCafe], [o[6], o[7]]),
            team("D01-cafe-evening-CUL-1", day: 1, kinds: [.licensedCafe], [o[8], o[9]]),
        ]
        instance = RoutingInstance(targets: targets, teams: teams, travel: TravelModel())
        solution = RoutingSolution(routes: [[0, 1, 2], [3, 4], [5], [6, 7]])
    }
}

private func venues(_ r: RepairResult) -> [String: [Int64]] {
    Dictionary(uniqueKeysWithValues: zip(r.instance.teams.map(\.label), r.solution.routes.map { $0.map { r.instance.targets[$0].venueId } }))
}

private func venues(_ i: RoutingInstance, _ s: RoutingSolution) -> [String: [Int64]] {
    Dictionary(uniqueKeysWithValues: zip(i.teams.map(\.label), s.routes.map { $0.map { i.targets[$0].venueId } }))
}

/// The invariants every repair must keep.
private func checkFeasible(_ r: RepairResult, changes: PlanChanges) {
    #expect(r.solution.routes.count == r.instance.teams.count)
    var seen = Set<Int>()
    for (t, route) in r.solution.routes.enumerated() {
        let schedule = RouteSchedule.compute(route: route, team: r.instance.teams[t], instance: r.instance)
        if case .infeasible(let why) = schedule { Issue.record("\(r.instance.teams[t].label): \(why)") }
        for s in route {
            #expect(seen.insert(s).inserted, "target \(s) visited twice")
            #expect(r.instance.teams[t].canVisit(r.instance.targets[s]))
            #expect(!changes.closedVenues.contains(r.instance.targets[s].venueId))
        }
    }
    let teams = r.instance.teams
    for a in teams.indices {
        if r.cancelledTeams.contains(teams[a].label) {
            #expect(teams[a].members.isEmpty && teams[a].kinds.isEmpty && r.solution.routes[a].isEmpty)
            continue
        }
        #expect(teams[a].members.filter(\.isLead).count == 1)
        for m in teams[a].members { #expect(!changes.isDropped(m.inspectorId, on: teams[a].day)) }
        for k in teams[a].kinds {
            #expect(r.instance.rules.first { $0.kind == k }!.isSatisfied(by: teams[a].members.map(\.department)))
        }
        for b in teams.indices where b > a {
            let overlap = teams[a].day == teams[b].day || (teams[a].shiftStart < teams[b].shiftEnd && teams[b].shiftStart < teams[a].shiftEnd)
            if overlap {
                let shared = Set(teams[a].members.map(\.inspectorId)).intersection(teams[b].members.map(\.inspectorId))
                #expect(shared.isEmpty, "\(teams[a].label) and \(teams[b].label) share \(shared)")
            }
        }
    }
}

@Test func fixtureIsFeasible() {
    let f = Fixture()
    for (t, route) in f.solution.routes.enumerated() {
        guard case .feasible = RouteSchedule.compute(route: route, team: f.instance.teams[t], instance: f.instance) else {
            Issue.record("fixture route \(t) infeasible"); continue
        }
    }
}

@Test func droppingAnInspectorWithAReplacementChangesOneMembershipAndNoStops() {
    let f = Fixture()
    let changes = PlanChanges(droppedInspectors: [5: [0]])
    let r = PlanRepair.repair(instance: f.instance, solution: f.solution, changes: changes, pool: Array(f.officers.values), dayLabel: { "day \($0)" })
    checkFeasible(r, changes: changes)
    #expect(r.moves.count == 1 && r.moves[0].kind == .memberReplaced)
    // 11 is from another district, 13 has a conflict with venue 103 on this route: 12 it is.
    #expect(r.moves[0].inspectorIds == [5, 12])
    #expect(r.moves[0].teamLabel == "D00-cafe-evening-CUL-2")
    #expect(r.moves[0].description.contains("CUL Officer 5 (CUL-5) is out; CUL Officer 12 (CUL-12) takes the place and leads the team"))
    #expect(r.changedStops == 0 && r.unchangedStops == 8)
    #expect(r.solution == f.solution && r.instance.targets == f.instance.targets)
    let changedTeams = zip(f.instance.teams, r.instance.teams).filter { $0 != $1 }
    #expect(changedTeams.count == 1)
    let (old, new) = changedTeams[0]
    #expect(Set(old.members.map(\.inspectorId)).symmetricDifference(new.members.map(\.inspectorId)) == [5, 12])
    #expect(new.members[0].inspectorId == 12 && new.members[0].isLead)
}

@Test func replacementSkipsInspectorsBusyAtTheSameTime() {
    let f = Fixture()
    // 5 and 7 both out on day 0: 12 and 13 have no shifts yet and the right district, but 13 must
    // recuse from venue 103 on 5's route, so 12 replaces 5 and 13 replaces 7; nobody twice.
    let changes = PlanChanges(droppedInspectors: [5: nil, 7: [0]])
    let r = PlanRepair.repair(instance: f.instance, solution: f.solution, changes: changes, pool: Array(f.officers.values), dayLabel: { "day \($0)" })
    checkFeasible(r, changes: changes)
    #expect(r.moves.map(\.kind) == [.memberReplaced, .memberReplaced])
    #expect(r.moves.map(\.inspectorIds) == [[5, 12], [7, 13]])
    #expect(r.changedStops == 0)
}

@Test func closedVenueRemovesExactlyItsStop() {
    let f = Fixture()
    let changes = PlanChanges(closedVenues: [103])
    let r = PlanRepair.repair(instance: f.instance, solution: f.solution, changes: changes, pool: Array(f.officers.values), dayLabel: { "day \($0)" })
    checkFeasible(r, changes: changes)
    #expect(r.moves.count == 1 && r.moves[0].kind == .stopRemoved && r.moves[0].venueId == 103)
    #expect(r.changedStops == 1 && r.unchangedStops == 7)
    var expected = venues(f.instance, f.solution)
    expected["D00-cafe-evening-CUL-2"] = [104]
    #expect(venues(r) == expected)
    // Index-aligned with the input: the closed venue stays a target, just unvisited.
    #expect(r.instance.targets == f.instance.targets)
    #expect(r.instance.teams == f.instance.teams && r.cancelledTeams.isEmpty)
    #expect(r.solution.routes[1] == [4])
}

@Test func fillingFreedTimeIsOptIn() {
    let f = Fixture()
    let off = PlanRepair.repair(instance: f.instance, solution: f.solution, changes: PlanChanges(closedVenues: [103]),
                                pool: [], dayLabel: { "day \($0)" })
    #expect(!off.moves.contains { $0.kind == .stopAdded })
    let changes = PlanChanges(closedVenues: [103], fillFreedTime: true)
    let on = PlanRepair.repair(instance: f.instance, solution: f.solution, changes: changes, pool: [], dayLabel: { "day \($0)" })
    checkFeasible(on, changes: changes)
    let added = on.moves.filter { $0.kind == .stopAdded }
    // The highest-value unvisited target goes first, into the team that lost a stop.
    #expect(added.first?.venueId == 108 && added.allSatisfy { $0.teamLabel == "D00-cafe-evening-CUL-2" })
    #expect(on.changedStops == 1 + added.count)
}

@Test func losingBothLeadsWithoutReplacementCancelsTheTeamAndMovesItsStops() {
    let f = Fixture()
    // No culture officer is free on day 0: 9 and 10 (day-1 team) and 13 are on leave, 11 and 12 are not in the pool.
    var pool = f.officers.values.filter { ![9, 10, 11, 12, 13].contains($0.id) }
    pool += [officer(9, .culture, unavailable: [0]), officer(10, .culture, unavailable: [0]), officer(13, .culture, unavailable: [0])]
    let changes = PlanChanges(droppedInspectors: [5: [0], 6: nil])
    let r = PlanRepair.repair(instance: f.instance, solution: f.solution, changes: changes, pool: pool, dayLabel: { "2026-12-0\($0 + 1)" })
    checkFeasible(r, changes: changes)
    #expect(r.cancelledTeams == ["D00-cafe-evening-CUL-2"] && r.instance.teams.count == 4)
    #expect(r.instance.teams[1].members.isEmpty && r.solution.routes[1].isEmpty)
    #expect(zip(r.instance.teams, f.instance.teams).allSatisfy { $0.label == $1.label })
    let kinds = r.moves.map(\.kind)
    #expect(kinds.filter { $0 == .memberRemoved }.count == 2 && kinds.contains(.teamCancelled))
    let cancel = r.moves.first { $0.kind == .teamCancelled }!
    #expect(cancel.description.hasPrefix("D00-cafe-evening-CUL-2 (2026-12-01 cafe-evening) cancelled"))
    #expect(cancel.description.contains("needs 2 more CUL"))
    // Its two stops go to the day-0 teams that can take them (same day first).
    let moved = r.moves.filter { $0.kind == .stopMoved }
    #expect(Set(moved.compactMap(\.venueId)) == [103, 104])
    #expect(moved.allSatisfy { ["D00-cafe-evening-CUL-1", "D00-cafe-evening-CUL-3"].contains($0.toTeamLabel!) })
    #expect(r.changedStops == 2 && r.unchangedStops == 6)
    let now = venues(r)
    #expect(now["D01-cafe-evening-CUL-1"] == [106, 107])
}

@Test func losingTheOnlyPoliceOfficerKeepsTheTeamForLicensedCafes() {
    let f = Fixture()
    let changes = PlanChanges(droppedInspectors: [3: nil])
    let r = PlanRepair.repair(instance: f.instance, solution: f.solution, changes: changes, pool: Array(f.officers.values), dayLabel: { "day \($0)" })
    checkFeasible(r, changes: changes)
    let big = r.instance.teams.first { $0.label == "D00-cafe-evening-CUL-1" }!
    #expect(big.kinds == [.licensedCafe] && big.members.count == 3 && big.members[0].isLead)
    #expect(venues(r)["D00-cafe-evening-CUL-1"] == [101, 102])
    // No other team may raid an unlicensed café: the stop is reported, not dropped silently.
    #expect(r.moves.map(\.kind) == [.memberRemoved, .stopUnplaced])
    #expect(r.moves[0].description.contains("can no longer do unlicensed café raids (needs 1 more PSB)"))
    #expect(r.moves[1].venueId == 201 && r.changedStops == 1 && r.unchangedStops == 7)
}

@Test func planChangesRoundTripThroughJSON() throws {
    var changes = PlanChanges(droppedInspectors: [7: nil, 3: [2, 1]], closedVenues: [9, 4], fillFreedTime: true)
    #expect(changes.droppedInspectors.count == 2)  // a nil in a literal is kept
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = try encoder.encode(changes)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text == #"{"closedVenues":[4,9],"droppedInspectors":[{"days":[1,2],"inspectorId":3},{"days":null,"inspectorId":7}],"fillFreedTime":true}"#)
    #expect(try JSONDecoder().decode(PlanChanges.self, from: data) == changes)
    let partial = try JSONDecoder().decode(PlanChanges.self, from: Data(#"{"droppedInspectors":[{"inspectorId":5}]}"#.utf8))
    #expect(partial.isDropped(5, on: 17) && !partial.fillFreedTime && partial.closedVenues.isEmpty)
    #expect(changes.isDropped(3, on: 2) && !changes.isDropped(3, on: 3) && !changes.isDropped(4, on: 0))
    changes.drop(3, days: [5])
    #expect(changes.isDropped(3, on: 5) && changes.isDropped(3, on: 1))
    changes.drop(3)
    #expect(changes.isDropped(3, on: 40))
    changes.drop(8)
    #expect(changes.isDropped(8, on: 0))
}

// MARK: Property test on formed teams and greedy routes

private func greedyRoutes(_ instance: RoutingInstance) -> RoutingSolution {
    var routes = Array(repeating: [Int](), count: instance.teams.count)
    for s in instance.targets.indices {
        var best: (Int, Int, Int)?
        for t in instance.teams.indices where instance.teams[t].canVisit(instance.targets[s]) {
            for p in 0...routes[t].count {
                var r = routes[t]
                r.insert(s, at: p)
                if case .feasible(_, let back) = RouteSchedule.compute(route: r, team: instance.teams[t], instance: instance),
                   best == nil || back < best!.2 { best = (t, p, back) }
            }
        }
        if let (t, p, _) = best { routes[t].insert(s, at: p) }
    }
    return RoutingSolution(routes: routes)
}

@Test func repairKeepsPlansFeasibleOverSeeds() {
    var kindsSeen = Set<RepairMove.Kind>()
    for seed in UInt64(1)...8 {
        var random = SeededRandom(seed: seed)
        let districts = ["西城区", "东城区"]
        var people: [PlannerInspector] = []
        for i in 0..<40 {
            let dept: DepartmentCode = [.culture, .culture, .culture, .police, .marketRegulation, .tobacco, .tobacco][i % 7]
            var p = officer(Int64(i + 1), dept, district: districts[random.nextInt(below: 2)])
            p.depot = centre.offset(eastMetres: random.nextDouble(in: -2000..<2000), northMetres: random.nextDouble(in: -2000..<2000))
            if random.chance(0.2) { p.conflictVenueIds = [Int64(random.nextInt(in: 1...150))] }
            p.maxShiftsPerWeek = 4
            people.append(p)
        }
        let formed = TeamFormation.form(TeamFormationInput(dayCount: 6, firstWeekday: 1, inspectors: people,
                                                           demand: [.unlicensedCafe: 3, .licensedCafe: 5, .tobaccoRetail: 5], seed: seed))
        let kinds: [TargetKind] = [.licensedCafe, .unlicensedCafe, .tobaccoRetail]
        let targets = (1...150).map { v -> RoutingTarget in
            let kind = kinds[random.nextInt(below: 3)]
            return RoutingTarget(venueId: Int64(v), kind: kind,
                                 location: centre.offset(eastMetres: random.nextDouble(in: -3000..<3000), northMetres: random.nextDouble(in: -3000..<3000)),
                                 value: random.nextDouble(in: 1..<10), serviceMinutes: kind == .tobaccoRetail ? 15 : 30,
                                 hours: random.chance(0.3) ? DailyHours(openMinute: 8 * 60, closeMinute: 22 * 60) : nil,
                                 mustVisit: random.chance(0.1), operatorKey: random.chance(0.2) ? "OP-\(random.nextInt(below: 5))" : nil)
        }
        let instance = RoutingInstance(targets: targets, teams: formed.teams, travel: TravelModel())
        let solution = greedyRoutes(instance)
        let used = Array(Set(formed.teams.flatMap { $0.members.map(\.inspectorId) })).sorted()
        let visited = solution.routes.flatMap { $0 }.map { targets[$0].venueId }
        let closed = Set((0..<3).map { _ in visited[random.nextInt(below: visited.count)] })
        var changes = PlanChanges(closedVenues: closed, fillFreedTime: seed % 2 == 0)
        for _ in 0..<6 { changes.drop(used[random.nextInt(below: used.count)], days: random.chance(0.5) ? nil : [random.nextInt(below: 6)]) }
        #expect(!changes.droppedInspectors.isEmpty)
        // Half the seeds offer no replacements, so members go missing and teams are cancelled.
        let pool = seed % 4 < 2 ? people : []
        let r = PlanRepair.repair(instance: instance, solution: solution, changes: changes, pool: pool, dayLabel: { "day \($0)" })
        checkFeasible(r, changes: changes)
        kindsSeen.formUnion(r.moves.map(\.kind))
        #expect(r.instance.targets == instance.targets && r.instance.teams.map(\.label) == instance.teams.map(\.label))

        // Accounting: every stop of the old plan is still planned, or a move says why not.
        let after = Set(r.solution.routes.flatMap { $0 }.map { r.instance.targets[$0].venueId })
        let explained = Set(r.moves.filter { $0.kind == .stopRemoved || $0.kind == .stopUnplaced }.compactMap(\.venueId))
        for v in visited where !after.contains(v) { #expect(explained.contains(v), "seed \(seed): venue \(v) vanished") }
        #expect(r.changedStops + r.unchangedStops == Set(visited).union(after).count)
        if !changes.fillFreedTime { #expect(!r.moves.contains { $0.kind == .stopAdded }) }
        // Deterministic.
        #expect(PlanRepair.repair(instance: instance, solution: solution, changes: changes, pool: pool.reversed(), dayLabel: { "day \($0)" }) == r)
    }
    // The seeds exercise every kind of move.
    #expect(kindsSeen == Set(RepairMove.Kind.allCases), "seen \(kindsSeen)")
}
