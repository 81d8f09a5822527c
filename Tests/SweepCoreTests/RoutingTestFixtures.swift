import Foundation
@testable import SweepCore

/// Shared fixtures of the routing tests.
enum RoutingFixtures {
    /// Small enough for debug builds, large enough for several districts' worth of choices.
    static let testSize = RoutingInstanceSize(name: "test", candidates: 70, inspectors: 20, days: 3)
    /// Ten targets and three teams: the largest the exact search is asked to prove.
    static let tiny10 = RoutingInstanceSize(name: "tiny10", candidates: 10, inspectors: 12, days: 1, cityRadiusKm: 16,
                                            maxTeamsPerDay: 3, staffAbsences: false)

    static let centre = GeoPoint(longitude: 114.30, latitude: 30.60)

    static func point(east: Double, north: Double) -> GeoPoint {
        centre.offset(eastMetres: east, northMetres: north)
    }

    static func member(_ id: Int64, _ department: DepartmentCode, venues: [Int64] = [], operators: [String] = []) -> TeamMember {
        TeamMember(inspectorId: id, department: department, conflictVenueIds: venues, conflictOperatorKeys: operators)
    }

    /// A hand-made instance on day 0 (a Monday): four venues near the office and teams for the
    /// violations the evaluator must catch.
    ///
    /// Targets: 0 licensed café (venue 1), 1 tobacco retailer (venue 2), 2 unlicensed café
    /// (venue 3), 3 licensed café of operator "chain-a" (venue 4, must visit).
    /// Teams: 0 licensed (CUL 11, 12, evening); 1 tobacco (TOB 21, 22, SAMR 31, afternoon);
    /// 2 licensed with CUL 13 recused from venue 1 and CUL 14 from operator chain-a (evening);
    /// 3 shares CUL 11 with team 0 (evening); 4 claims unlicensed cafés with only CUL 15, 16;
    /// 5 lists CUL 17 twice; 6 has a 20-minute shift.
    static func handMade() -> RoutingInstance {
        let office = point(east: 0, north: 0)
        let targets = [
            RoutingTarget(venueId: 1, kind: .licensedCafe, location: point(east: 800, north: 0), value: 3, serviceMinutes: 30,
                          hours: DailyHours(text: "08:00-24:00")),
            RoutingTarget(venueId: 2, kind: .tobaccoRetail, location: point(east: 0, north: 900), value: 2, serviceMinutes: 20,
                          hours: DailyHours(text: "07:00-22:00")),
            RoutingTarget(venueId: 3, kind: .unlicensedCafe, location: point(east: -700, north: 300), value: 6, serviceMinutes: 40),
            RoutingTarget(venueId: 4, kind: .licensedCafe, location: point(east: 500, north: -600), value: 4, serviceMinutes: 30,
                          hours: DailyHours(text: "00:00-24:00"), mustVisit: true, operatorKey: "chain-a"),
        ]
        let evening = (1140, 1500), afternoon = (930, 1110)
        func team(_ label: String, _ shift: (Int, Int), _ kinds: [TargetKind], _ members: [TeamMember]) -> RoutingTeam {
            RoutingTeam(label: label, day: 0, shiftName: "s", shiftStart: shift.0, shiftEnd: shift.1, depot: office, kinds: kinds, members: members)
        }
        let teams = [
            team("licensed", evening, [.licensedCafe], [member(11, .culture), member(12, .culture)]),
            team("tobacco", afternoon, [.tobaccoRetail], [member(21, .tobacco), member(22, .tobacco), member(31, .marketRegulation)]),
            team("recused", evening, [.licensedCafe], [member(13, .culture, venues: [1]), member(14, .culture, operators: ["chain-a"])]),
            team("overlap", evening, [.licensedCafe], [member(11, .culture), member(18, .culture)]),
            team("short-handed", evening, [.unlicensedCafe, .licensedCafe], [member(15, .culture), member(16, .culture)]),
            team("twice", evening, [.licensedCafe], [member(17, .culture), member(17, .culture)]),
            team("brief", (1140, 1160), [.licensedCafe], [member(19, .culture), member(20, .culture)]),
        ]
        return RoutingInstance(targets: targets, teams: teams, travel: TravelModel())
    }

    static func routes(_ count: Int, _ assignments: [Int: [Int]]) -> RoutingSolution {
        RoutingSolution(routes: (0..<count).map { assignments[$0] ?? [] })
    }
}
