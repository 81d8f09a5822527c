import Foundation
import Testing
@testable import SweepCore

@Suite struct RoutingGeneratorTests {
    @Test func tinyPresetIsTinyOnEverySeed() {
        for seed in UInt64(1)...20 {
            let instance = RoutingInstanceGenerator.generate(.tiny, seed: seed)
            #expect(instance.targets.count == 8)
            #expect(instance.teams.count == 2)
            #expect(Set(instance.teams.map(\.day)) == [0])
        }
    }

    @Test func sameSeedSameInstance() {
        #expect(RoutingInstanceGenerator.generate(.small, seed: 9) == RoutingInstanceGenerator.generate(.small, seed: 9))
        #expect(RoutingInstanceGenerator.generate(.small, seed: 9) != RoutingInstanceGenerator.generate(.small, seed: 10))
    }

    @Test func cityPresetIsRealistic() throws {
        let instance = RoutingInstanceGenerator.generate(.city, seed: 1)
        let targets = instance.targets
        #expect(targets.count == 3_000)
        #expect((250...500).contains(instance.teams.count), "\(instance.teams.count) teams")
        #expect(Set(instance.teams.map(\.day)) == Set(0..<14))
        func share(_ kind: TargetKind) -> Double { Double(targets.filter { $0.kind == kind }.count) / Double(targets.count) }
        #expect(abs(share(.tobaccoRetail) - 0.45) < 0.04)
        #expect(abs(share(.licensedCafe) - 0.40) < 0.04)
        #expect(abs(share(.unlicensedCafe) - 0.15) < 0.03)
        let mustVisit = Double(targets.filter(\.mustVisit).count) / Double(targets.count)
        #expect(abs(mustVisit - 0.05) < 0.02)
        #expect(targets.allSatisfy { (20...45).contains($0.serviceMinutes) })
        let centre = RoutingInstanceGenerator.cityCentre
        let farthest = targets.map { $0.location.distance(to: centre) }.max() ?? 0
        #expect(farthest <= 12_500 * 1.01)
        #expect(Set(instance.teams.map { "\($0.depot.longitude),\($0.depot.latitude)" }).count >= 4)
        #expect(Set(targets.map(\.venueId)).count == targets.count)
    }

    @Test(arguments: [RoutingInstanceSize.small, RoutingFixtures.testSize, .city])
    func teamsAreLawfulAndNobodyWorksTwiceADay(size: RoutingInstanceSize) {
        let instance = RoutingInstanceGenerator.generate(size, seed: 3)
        var shiftsByInspectorDay: [String: Int] = [:]
        var shiftsByInspectorWeek: [String: Int] = [:]
        for team in instance.teams {
            #expect((2...4).contains(team.members.count))
            #expect(!team.kinds.isEmpty)
            let departments = team.members.map(\.department)
            for kind in team.kinds {
                #expect(instance.rules.first { $0.kind == kind }?.isSatisfied(by: departments) == true, "\(team.label) for \(kind)")
            }
            #expect(team.shiftStart >= team.day * 1440 && team.shiftEnd > team.shiftStart)
            #expect(Set(team.members.map(\.inspectorId)).count == team.members.count)
            for m in team.members {
                shiftsByInspectorDay["\(m.inspectorId)/\(team.day)", default: 0] += 1
                shiftsByInspectorWeek["\(m.inspectorId)/\(team.day / 7)", default: 0] += 1
            }
        }
        #expect(shiftsByInspectorDay.values.allSatisfy { $0 == 1 })
        #expect(shiftsByInspectorWeek.values.allSatisfy { $0 <= 5 })
        #expect(RoutingTeamEligibility.inspectorClashes(instance).isEmpty)
    }

    @Test func departmentsByLargestRemainder() {
        let counts = Dictionary(uniqueKeysWithValues: RoutingInstanceGenerator.departmentCounts(120).map { ($0.0, $0.1) })
        #expect(counts == [.culture: 42, .tobacco: 30, .marketRegulation: 24, .police: 24])
        #expect(RoutingInstanceGenerator.departmentCounts(8).reduce(0) { $0 + $1.1 } == 8)
    }
}
