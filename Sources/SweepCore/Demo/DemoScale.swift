import Foundation

/// How big a demo world to generate.
///
/// Tests need something that builds in milliseconds, a demo needs one believable city, and
/// benchmarks need a province-sized load; the three sizes share one generator so that the
/// numbers that matter (rates, densities, ratios) stay the same and only the volume changes.
public enum DemoScale: String, Sendable, CaseIterable {
    /// One city with three districts and about a twentieth of a real city's numbers.
    case small
    /// One prefecture-level city: six districts, ~520 cafés, ~15,000 tobacco retailers.
    case city
    /// A province of twenty cities: roughly twenty times a city.
    case province
}

/// The volumes behind one ``DemoScale``, per city unless named otherwise.
struct DemoPlan: Sendable {
    /// One for the single-city scales; a province repeats the city plan per city.
    var cityCount: Int
    /// District grid per city (columns × rows) and the size of one district cell in metres.
    var columns: Int
    var rows: Int
    var cellWidth: Double
    var cellHeight: Double
    /// Urban-village hot spots where black cafés cluster.
    var hotSpots: Int
    /// Venue and school counts per city (domain scale table: ~375–500 cafés, ~16,000 retailers).
    var licensedCafes: Int
    /// Black cafés including the ones that reopened after a raid.
    var unlicensedCafes: Int
    var retailers: Int
    var schools: Int
    /// Inspectors per department, in roster order.
    var inspectors: [(DepartmentCode, Int)]
    /// Mean inspections a week over the two years of history.
    var cafeInspectionsPerWeek: Double
    var tobaccoInspectionsPerWeek: Double

    /// The plan for `scale`; the province is twenty copies of the city plan so per-city rates match.
    static func of(_ scale: DemoScale) -> DemoPlan {
        switch scale {
        case .small:
            return DemoPlan(
                cityCount: 1, columns: 3, rows: 1, cellWidth: 6_000, cellHeight: 7_000, hotSpots: 2,
                licensedCafes: 20, unlicensedCafes: 6, retailers: 750, schools: 30,
                inspectors: [(.culture, 9), (.marketRegulation, 6), (.police, 6), (.tobacco, 6)],
                cafeInspectionsPerWeek: 6.8, tobaccoInspectionsPerWeek: 35)
        case .city:
            return .city
        case .province:
            var plan = DemoPlan.city
            plan.cityCount = 20
            return plan
        }
    }

    private static let city = DemoPlan(
        cityCount: 1, columns: 3, rows: 2, cellWidth: 13_333, cellHeight: 15_000, hotSpots: 5,
        licensedCafes: 400, unlicensedCafes: 120, retailers: 15_000, schools: 600,
        inspectors: [(.culture, 45), (.marketRegulation, 35), (.police, 40), (.tobacco, 30)],
        cafeInspectionsPerWeek: 135, tobaccoInspectionsPerWeek: 700)
}
