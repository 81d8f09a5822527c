import Foundation
import Testing
@testable import SweepCore

/// The solver's precomputed model must say exactly what the instance says.
@Suite struct RoutingModelTests {
    let instance = RoutingInstanceGenerator.generate(RoutingFixtures.testSize, seed: 12)

    @Test func travelTableEqualsTheTravelModel() {
        let points = instance.targets.map(\.location) + instance.teams.map(\.depot)
        let table = RoutingSolver.TravelTable(points: points, model: instance.travel)
        for a in points.indices {
            for b in points.indices {
                #expect(table.minutes(a, b) == instance.travel.minutes(from: points[a], to: points[b]))
                #expect(table.minutes(to: b, from: a) == instance.travel.minutes(from: points[a], to: points[b]))
            }
        }
    }

    @Test func modelTargetsAreAPermutationAlongTheMap() {
        let model = RoutingSolver.Model(instance)
        #expect(model.originalIndex.sorted() == Array(instance.targets.indices))
        for (k, original) in model.originalIndex.enumerated() {
            #expect(model.value[k] == instance.targets[original].value)
            #expect(model.service[k] == instance.targets[original].serviceMinutes)
        }
    }

    @Test func candidateTeamsAreExactlyTheLawfulOnesThatFit() {
        let model = RoutingSolver.Model(instance)
        let eligibility = RoutingTeamEligibility(instance)
        for (k, original) in model.originalIndex.enumerated() {
            let target = instance.targets[original]
            let expected = instance.teams.indices.filter { t in
                guard eligibility.canVisit(team: t, target: target, in: instance) else { return false }
                let alone = RoutingInstance(targets: [target], teams: [instance.teams[t]], travel: instance.travel, rules: instance.rules)
                if case .feasible = RouteSchedule.compute(route: [0], team: instance.teams[t], instance: alone) { return true }
                return false
            }
            #expect(model.candidateTeams[k].map(Int.init) == expected)
            for t in instance.teams.indices { #expect(model.isCandidate(k, t) == expected.contains(t)) }
        }
    }

    @Test func neighboursAreTheNearest() {
        let points = instance.targets.map(\.location)
        let lists = RoutingSolver.nearestNeighbours(of: points, k: 5)
        for i in points.indices {
            #expect(lists[i].count == 5)
            #expect(!lists[i].contains(Int32(i)))
            let brute = points.indices.filter { $0 != i }.sorted { points[i].distance(to: points[$0]) < points[i].distance(to: points[$1]) }
            // The flat projection may swap near-ties; the fifth listed is no farther than the tenth true nearest.
            let fifth = points[i].distance(to: points[Int(lists[i][4])])
            #expect(fifth <= points[i].distance(to: points[brute[9]]) + 1)
            #expect(Int(lists[i][0]) == brute[0] || abs(points[i].distance(to: points[Int(lists[i][0])]) - points[i].distance(to: points[brute[0]])) < 1)
        }
    }

    @Test func nearestOtherForTheBound() {
        let points = instance.targets.map(\.location)
        let nearest = RoutingBounds.nearestOther(points)
        for i in points.indices {
            let best = points.indices.filter { $0 != i }.map { points[i].distance(to: points[$0]) }.min()!
            #expect(nearest[i].map { points[i].distance(to: points[$0]) } == best)
        }
    }
}
