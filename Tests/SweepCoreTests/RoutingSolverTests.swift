import Foundation
import Testing
@testable import SweepCore

/// Property tests of the solver on generated instances: whatever it returns is lawful, it is
/// reproducible for a seed, and on tiny instances it matches the exact optimum.
@Suite struct RoutingSolverTests {
    static let seeds: [UInt64] = [1, 2, 3, 4]
    static let budget = 150

    private static func solve(_ instance: RoutingInstance, seed: UInt64, iterations: Int = budget) -> RoutingResult {
        RoutingSolver.solve(instance, options: SolverOptions(seed: seed, timeLimitSeconds: 60, maxIterations: iterations))
    }

    /// Checks the constraints one by one, independently of the evaluator's own code.
    private static func expectLawful(_ instance: RoutingInstance, _ solution: RoutingSolution, sourceLocation: SourceLocation = #_sourceLocation) {
        let evaluation = RoutingEvaluator.evaluate(instance, solution)
        #expect(evaluation.feasible, "\(evaluation.problems.prefix(5))", sourceLocation: sourceLocation)
        #expect(solution.routes.count == instance.teams.count, sourceLocation: sourceLocation)
        // No double booking of a venue.
        let visits = solution.routes.flatMap { $0 }
        #expect(Set(visits).count == visits.count, "a target is visited twice", sourceLocation: sourceLocation)
        var busy: [(inspector: Int64, start: Int, end: Int)] = []
        for (t, route) in solution.routes.enumerated() where !route.isEmpty {
            let team = instance.teams[t]
            let departments = team.members.map(\.department)
            #expect(Set(team.members.map(\.inspectorId)).count == team.members.count, sourceLocation: sourceLocation)
            for index in route {
                let target = instance.targets[index]
                // Kind and composition.
                #expect(team.kinds.contains(target.kind), sourceLocation: sourceLocation)
                let rule = instance.rules.first { $0.kind == target.kind }
                #expect(rule?.isSatisfied(by: departments) == true, "team \(team.label) may not visit \(target.kind)", sourceLocation: sourceLocation)
                // Recusal.
                for m in team.members {
                    #expect(!m.conflictVenueIds.contains(target.venueId), sourceLocation: sourceLocation)
                    if let key = target.operatorKey { #expect(!m.conflictOperatorKeys.contains(key), sourceLocation: sourceLocation) }
                }
            }
            // Shift length: leaves at the shift start, back by its end, every visit inside opening hours.
            guard case .feasible(let timed, let back) = RouteSchedule.compute(route: route, team: team, instance: instance) else {
                Issue.record("route of \(team.label) does not fit its shift", sourceLocation: sourceLocation)
                continue
            }
            #expect(back <= team.shiftEnd && (timed.first?.arrival ?? team.shiftStart) >= team.shiftStart, sourceLocation: sourceLocation)
            for visit in timed {
                if let hours = instance.targets[visit.target].hours {
                    #expect(hours.contains(start: visit.start, end: visit.end), sourceLocation: sourceLocation)
                }
            }
            for m in team.members { busy.append((m.inspectorId, team.shiftStart, team.shiftEnd)) }
        }
        // No inspector in two places.
        let byInspector = Dictionary(grouping: busy, by: \.inspector)
        for (id, shifts) in byInspector {
            let sorted = shifts.sorted { $0.start < $1.start }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(a.end <= b.start, "inspector \(id) is on two overlapping teams", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: seeds)
    func solutionsAreLawful(seed: UInt64) {
        let instance = RoutingInstanceGenerator.generate(RoutingFixtures.testSize, seed: seed)
        let result = Self.solve(instance, seed: seed)
        Self.expectLawful(instance, result.solution)
        #expect(result.objective == RoutingEvaluator.evaluate(instance, result.solution).objective)
        #expect(result.objective >= result.constructionObjective - 1e-9)
        #expect(result.stoppedBy == RoutingResult.stoppedByIterations)
        #expect(result.iterations == Self.budget)
        #expect(result.objective > 0)
    }

    @Test func sameSeedSameSolution() {
        let instance = RoutingInstanceGenerator.generate(RoutingFixtures.testSize, seed: 7)
        let first = Self.solve(instance, seed: 11)
        let second = Self.solve(instance, seed: 11)
        #expect(first.solution == second.solution)
        #expect(first.objective == second.objective)
    }

    @Test func timeLimitStopsTheSearchAndIsReported() {
        let instance = RoutingInstanceGenerator.generate(RoutingFixtures.testSize, seed: 3)
        let result = RoutingSolver.solve(instance, options: SolverOptions(seed: 3, timeLimitSeconds: 0, maxIterations: 1_000_000))
        #expect(result.stoppedBy == RoutingResult.stoppedByTimeLimit)
        #expect(result.iterations < 1_000_000)
        Self.expectLawful(instance, result.solution)
    }

    @Test func emptyAndTeamlessInstances() {
        let none = RoutingInstance(targets: [], teams: [], travel: TravelModel())
        #expect(RoutingSolver.solve(none, options: SolverOptions(seed: 1, maxIterations: 10)).solution.routes.isEmpty)
        var noTeams = RoutingInstanceGenerator.generate(.tiny, seed: 1)
        noTeams.teams = []
        let result = RoutingSolver.solve(noTeams, options: SolverOptions(seed: 1, maxIterations: 10))
        #expect(result.objective == 0)
        #expect(RoutingBounds.upperBound(noTeams) == 0)
    }

    /// Teams offered as alternatives (sharing inspectors at the same time): at most one goes out.
    @Test func clashingAlternativeTeamsAreNotBothUsed() {
        var instance = RoutingInstanceGenerator.generate(RoutingFixtures.testSize, seed: 5)
        let copies = instance.teams.map { team -> RoutingTeam in
            var copy = team
            copy.label += "-alt"
            return copy
        }
        instance.teams += copies
        let result = Self.solve(instance, seed: 5)
        Self.expectLawful(instance, result.solution)
        let half = copies.count
        for t in 0..<half {
            #expect(result.solution.routes[t].isEmpty || result.solution.routes[t + half].isEmpty)
        }
    }

    /// Many declared conflicts (venues and operators): no team visits a venue any member must avoid.
    @Test func recusalHoldsWhenConflictsAreCommon() {
        var instance = RoutingInstanceGenerator.generate(RoutingFixtures.testSize, seed: 8)
        var rng = SeededRandom(seed: 8)
        let operators = Array(Set(instance.targets.compactMap(\.operatorKey))).sorted()
        for t in instance.teams.indices {
            for m in instance.teams[t].members.indices where rng.chance(0.5) {
                instance.teams[t].members[m].conflictVenueIds = (0..<12).map { _ in instance.targets[rng.nextInt(below: instance.targets.count)].venueId }
                instance.teams[t].members[m].conflictOperatorKeys = [rng.pick(operators)]
            }
        }
        let recused = instance.teams.reduce(0) { sum, team in sum + instance.targets.filter { team.mustRecuse(from: $0) }.count }
        #expect(recused > 50, "the fixture should make recusal bite")
        let result = Self.solve(instance, seed: 8)
        Self.expectLawful(instance, result.solution)
        #expect(result.objective > 0)
    }

    /// The last line of defence: whatever the search hands over, callers get a lawful plan.
    @Test func unlawfulRoutesAreCutBackToLawfulOnes() {
        let instance = RoutingFixtures.handMade()
        let messy: [[Int32]] = [[1, 0, 0], [1], [0, 3], [3], [2], [0], [0]]
        #expect(!RoutingEvaluator.evaluate(instance, RoutingSolution(routes: messy.map { $0.map(Int.init) })).feasible)
        let cleaned = RoutingSolver.feasibleSolution(instance, routes: messy)
        Self.expectLawful(instance, cleaned)
        #expect(cleaned.routes[0] == [0] && cleaned.routes[1] == [1])
    }

    /// Declared kinds the members cannot lawfully serve, and duplicated inspectors, are not used.
    @Test func teamsThatOnlyClaimAKindAreNotSentToIt() {
        var instance = RoutingFixtures.handMade()
        instance.teams = [instance.teams[4], instance.teams[5]]
        let result = Self.solve(instance, seed: 1)
        Self.expectLawful(instance, result.solution)
        #expect(!result.solution.routes[0].contains(2), "the two-CUL team must not raid the unlicensed café")
        #expect(result.solution.routes[1].isEmpty, "a team listing one inspector twice must stay home")
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func upperBoundsAreAboveTheSolution(seed: UInt64) {
        let instance = RoutingInstanceGenerator.generate(RoutingFixtures.testSize, seed: seed)
        let result = Self.solve(instance, seed: seed)
        let simple = RoutingBounds.upperBound(instance)
        let perKind = RoutingBounds.perKindUpperBound(instance)
        #expect(perKind <= simple + 1e-9)
        #expect(result.objective <= perKind + 1e-9)
    }

    /// The heuristic within 2% of the proven optimum on every tiny instance, and the bounds above it.
    @Test(arguments: [RoutingInstanceSize.tiny, RoutingFixtures.tiny10])
    func heuristicMatchesExactOnTinyInstances(size: RoutingInstanceSize) {
        var worst = 0.0
        for seed in UInt64(1)...30 {
            let instance = RoutingInstanceGenerator.generate(size, seed: seed)
            let exact = ExactRoutingSolver.solve(instance)
            #expect(exact.provedOptimal)
            #expect(RoutingEvaluator.evaluate(instance, exact.solution).feasible)
            #expect(abs(RoutingEvaluator.evaluate(instance, exact.solution).objective - exact.objective) < 1e-9)
            let heuristic = Self.solve(instance, seed: seed, iterations: 300)
            Self.expectLawful(instance, heuristic.solution)
            #expect(heuristic.objective <= exact.objective + 1e-9, "seed \(seed): heuristic above the optimum")
            let gap = PlanBenchmark.gap(heuristic.objective, exact.objective)
            worst = max(worst, gap)
            #expect(gap <= 2, "seed \(seed): heuristic \(heuristic.objective) vs optimum \(exact.objective)")
            #expect(RoutingBounds.upperBound(instance) >= exact.objective - 1e-9)
            #expect(RoutingBounds.perKindUpperBound(instance) >= exact.objective - 1e-9)
        }
        print("\(size.name): worst gap to the exact optimum over 30 seeds \(String(format: "%.3f", worst)) %")
    }

    @Test func exactSearchReportsWhenItGivesUp() {
        let instance = RoutingInstanceGenerator.generate(RoutingFixtures.tiny10, seed: 2)
        let cut = ExactRoutingSolver.solve(instance, nodeLimit: 3)
        #expect(!cut.provedOptimal)
        #expect(RoutingEvaluator.evaluate(instance, cut.solution).feasible)
    }

    @Test func benchmarkRowsForTinyInstances() {
        let rows = PlanBenchmark.run(sizes: [.tiny], seeds: [1, 2], timeLimit: 30, maxIterations: 200)
        #expect(rows.count == 2)
        for row in rows {
            #expect(row.feasible)
            #expect(row.targets == 8 && row.teams == 2)
            #expect(row.exactOptimum != nil)
            #expect((row.exactGapPercent ?? 100) <= 2)
            #expect(row.upperBound >= row.objective - 1e-9)
            #expect(row.stoppedBy == "iterations")
        }
    }
}
