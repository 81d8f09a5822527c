import Foundation

/// The team-orienteering solver: which targets each team visits, in which order, to maximise the
/// total value visited within shifts, opening hours, kinds, composition and recusal.
///
/// Greedy insertion builds a first plan (best value per added minute, cheapest feasible
/// position); a large-neighbourhood search then improves it: destroy (random, worst value per
/// minute, related, segment), repair by noisy greedy insertion, 2-opt/or-opt, swap an unvisited
/// target in, simulated-annealing acceptance with restarts from the best. Pure, and
/// deterministic for a seed when stopped by the iteration budget.
public enum RoutingSolver {
    /// Solves `instance`. The returned solution always passes ``RoutingEvaluator``.
    public static func solve(_ instance: RoutingInstance, options: SolverOptions = SolverOptions()) -> RoutingResult {
        let deadline = Deadline(seconds: options.timeLimitSeconds)
        let model = Model(instance)
        var state = SearchState(model: model)
        var built = construct(&state, deadline: deadline)
        var scratch: [Int32] = []
        for t in 0..<model.teamCount where built {
            if deadline.passed { built = false } else { improveRoute(&state, team: t, scratch: &scratch) }
        }
        built = built && fill(&state, deadline: deadline)
        let constructionObjective = state.totalValue

        var search = NeighbourhoodSearch(state: state, rng: SeededRandom(seed: options.seed, stream: 0x524F_5554_494E_47))
        let budget = options.iterations(for: instance)
        let (iterations, searchTimedOut) = search.run(iterations: budget, deadline: deadline)
        let timedOut = searchTimedOut || !built

        let routes = search.state.snapshot.map { $0.map { Int32(model.originalIndex[Int($0)]) } }
        let solution = feasibleSolution(instance, routes: routes)
        let objective = solution.routes.joined().reduce(0.0) { $0 + instance.targets[$1].value }
        return RoutingResult(solution: solution, objective: objective, constructionObjective: constructionObjective,
                             iterations: iterations, elapsedSeconds: deadline.elapsedSeconds,
                             stoppedBy: timedOut ? RoutingResult.stoppedByTimeLimit : RoutingResult.stoppedByIterations)
    }

    /// The search's routes as a solution, checked by the evaluator. The search keeps every route
    /// feasible by construction; should the evaluator still object, offending stops and clashing
    /// teams are dropped so that callers never receive an infeasible plan.
    static func feasibleSolution(_ instance: RoutingInstance, routes: [[Int32]]) -> RoutingSolution {
        var solution = RoutingSolution(routes: instance.teams.indices.map { t in t < routes.count ? routes[t].map(Int.init) : [] })
        if RoutingEvaluator.evaluate(instance, solution).feasible { return solution }
        let eligibility = RoutingTeamEligibility(instance)
        var seen = Set<Int>()
        for t in solution.routes.indices {
            var route: [Int] = []
            for index in solution.routes[t] where instance.targets.indices.contains(index) && !seen.contains(index) && !route.contains(index)
                && eligibility.canVisit(team: t, target: instance.targets[index], in: instance) {
                route.append(index)
            }
            while case .infeasible = RouteSchedule.compute(route: route, team: instance.teams[t], instance: instance), !route.isEmpty {
                route.removeLast()
            }
            if eligibility.clashes[t].contains(where: { $0 < t && !solution.routes[$0].isEmpty }) { route = [] }
            seen.formUnion(route)
            solution.routes[t] = route
        }
        return solution
    }

    /// Wall-clock budget, measured from the start of `solve`.
    struct Deadline {
        let start = ContinuousClock.now
        let limit: Duration

        init(seconds: Double) {
            limit = .milliseconds(Int64(max(0, min(seconds, 1e9)) * 1000))
        }

        var passed: Bool { ContinuousClock.now - start >= limit }

        var elapsedSeconds: Double { (ContinuousClock.now - start).seconds }
    }
}
