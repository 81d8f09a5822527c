import Foundation
import Testing
@testable import SweepCore

/// The evaluator must catch each kind of violation, and name the team and venue involved.
@Suite struct RoutingEvaluatorTests {
    let instance = RoutingFixtures.handMade()

    private func evaluate(_ assignments: [Int: [Int]]) -> RoutingEvaluation {
        RoutingEvaluator.evaluate(instance, RoutingFixtures.routes(instance.teams.count, assignments))
    }

    private func expectProblem(_ evaluation: RoutingEvaluation, containing parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!evaluation.feasible, sourceLocation: sourceLocation)
        #expect(evaluation.problems.contains { p in parts.allSatisfy { p.contains($0) } },
                "no problem mentions \(parts): \(evaluation.problems)", sourceLocation: sourceLocation)
    }

    @Test func aLawfulPlanIsFeasible() {
        let evaluation = evaluate([0: [0, 3], 1: [1]])
        #expect(evaluation.feasible, "\(evaluation.problems)")
        #expect(evaluation.problems.isEmpty)
        #expect(evaluation.objective == 9)
        #expect(evaluation.visited == 3)
        #expect(evaluation.mustVisitMissed.isEmpty)
    }

    @Test func missedMustVisitIsReportedButNotAViolation() {
        let evaluation = evaluate([0: [0]])
        #expect(evaluation.feasible)
        #expect(evaluation.mustVisitMissed == [4])
    }

    @Test func duplicateTarget() {
        expectProblem(evaluate([0: [0, 3], 2: [3]]), containing: ["venue 4", "more than once", "licensed", "recused"])
        expectProblem(evaluate([0: [0, 0]]), containing: ["venue 1", "more than once"])
    }

    @Test func wrongKind() {
        expectProblem(evaluate([0: [1]]), containing: ["team licensed", "venue 2", "tobacco_retail"])
    }

    @Test func recusalByVenueAndByOperator() {
        expectProblem(evaluate([2: [0]]), containing: ["team recused", "venue 1", "inspector 13"])
        expectProblem(evaluate([2: [3]]), containing: ["team recused", "venue 4", "inspector 14"])
    }

    @Test func shiftOverrun() {
        expectProblem(evaluate([6: [0]]), containing: ["team brief", "venue 1"])
    }

    @Test func closedVenue() {
        // Open only in the morning: no evening visit fits.
        var instance = self.instance
        instance.targets[0].hours = DailyHours(text: "08:00-12:00")
        let evaluation = RoutingEvaluator.evaluate(instance, RoutingFixtures.routes(instance.teams.count, [0: [0]]))
        #expect(!evaluation.feasible)
        #expect(evaluation.problems.contains { $0.contains("team licensed") && $0.contains("venue 1") && $0.contains("not open") })
    }

    @Test func inspectorOnTwoOverlappingTeams() {
        expectProblem(evaluate([0: [0], 3: [3]]), containing: ["inspector 11", "team licensed", "team overlap", "overlap"])
        // An idle team puts nobody anywhere.
        #expect(evaluate([0: [0], 3: []]).feasible)
    }

    @Test func inspectorTwiceInOneTeam() {
        expectProblem(evaluate([5: [0]]), containing: ["team twice", "inspector 17", "more than once"])
    }

    @Test func badComposition() {
        expectProblem(evaluate([4: [2]]), containing: ["team short-handed", "unlicensed café raids", "1 more PSB", "1 more SAMR"])
    }

    @Test func missingRule() {
        var instance = self.instance
        instance.rules = instance.rules.filter { $0.kind != .tobaccoRetail }
        let evaluation = RoutingEvaluator.evaluate(instance, RoutingFixtures.routes(instance.teams.count, [1: [1]]))
        #expect(!evaluation.feasible)
        #expect(evaluation.problems.contains { $0.contains("team tobacco") && $0.contains("no team rule") })
    }

    @Test func malformedSolutions() {
        let short = RoutingEvaluator.evaluate(instance, RoutingSolution(routes: [[0]]))
        #expect(short.problems.contains { $0.contains("1 routes") && $0.contains("7 teams") })
        expectProblem(evaluate([0: [9]]), containing: ["team licensed", "index 9"])
        expectProblem(evaluate([0: [-1]]), containing: ["team licensed", "index -1"])
    }
}
