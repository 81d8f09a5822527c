import Foundation

/// Synthetic but realistic routing instances for tests and benchmarks: a city about 25 km
/// across with a few districts (each with an office the teams leave from), targets clustered
/// around district centres, and teams formed day by day from a generated roster.
///
/// Same size and seed, same instance, on every machine: targets, roster and teams draw from
/// separate ``SeededRandom`` streams, so changing how teams are formed does not move the targets.
public enum RoutingInstanceGenerator {
    /// The value the planner adds to a must-visit target; mirrored here so generated instances
    /// weigh quota targets the way real ones do.
    public static let mustVisitBonus = 20.0
    static let cityCentre = GeoPoint(longitude: 114.30, latitude: 30.60)

    /// A routing instance of `size`: targets (≈45% tobacco retailers, 40% licensed and 15%
    /// unlicensed cafés, ~5% must-visit) and one day's teams after another from the default
    /// shift templates and team rules, day 0 being a Monday.
    public static func generate(_ size: RoutingInstanceSize, seed: UInt64) -> RoutingInstance {
        let districts = makeDistricts(size, rng: SeededRandom(seed: seed, stream: 1))
        let targets = makeTargets(size, districts: districts, rng: SeededRandom(seed: seed, stream: 2))
        let inspectors = makeInspectors(size, districts: districts, targets: targets, rng: SeededRandom(seed: seed, stream: 3))
        let teams = GeneratedTeamBuilder.build(inspectors: inspectors, districts: districts, days: size.days,
                                               maxTeamsPerDay: size.maxTeamsPerDay, rng: SeededRandom(seed: seed, stream: 4))
        return RoutingInstance(targets: targets, teams: teams, travel: TravelModel(), rules: TeamRule.defaults)
    }

    /// A district: its label, centre and office.
    struct District {
        var label: String
        var centre: GeoPoint
        var depot: GeoPoint
        /// Relative share of the targets.
        var weight: Double
    }

    static func makeDistricts(_ size: RoutingInstanceSize, rng: SeededRandom) -> [District] {
        var rng = rng
        let count = max(1, min(6, size.inspectors / 20))
        let radius = size.cityRadiusKm * 1000
        let turn = rng.nextDouble(in: 0..<(2 * .pi))
        return (0..<count).map { k in
            let centre: GeoPoint
            if k == 0 {
                centre = cityCentre
            } else {
                let angle = turn + 2 * .pi * Double(k - 1) / Double(count - 1) + rng.nextDouble(in: -0.25..<0.25)
                let distance = radius * rng.nextDouble(in: 0.45..<0.62)
                centre = cityCentre.offset(eastMetres: distance * cos(angle), northMetres: distance * sin(angle))
            }
            let office = centre.offset(eastMetres: rng.nextDouble(in: -300..<300), northMetres: rng.nextDouble(in: -300..<300))
            return District(label: String(format: "D%02d", k + 1), centre: centre, depot: office, weight: k == 0 ? 1.6 : 1.0)
        }
    }

    static func makeTargets(_ size: RoutingInstanceSize, districts: [District], rng: SeededRandom) -> [RoutingTarget] {
        var rng = rng
        let radius = size.cityRadiusKm * 1000
        let spread = 0.22 * radius
        let weights = districts.map(\.weight)
        return (0..<max(0, size.candidates)).map { i in
            let district = districts[rng.pickIndex(weights: weights)]
            var location = district.centre
            for _ in 0..<6 {
                location = district.centre.offset(eastMetres: spread * rng.nextGaussian(), northMetres: spread * rng.nextGaussian())
                if location.distance(to: cityCentre) <= radius { break }
            }
            let roll = rng.nextUnit()
            let kind: TargetKind = roll < 0.45 ? .tobaccoRetail : roll < 0.85 ? .licensedCafe : .unlicensedCafe
            let venueId = Int64(100_001 + i)
            var value = 1 + 9 * pow(rng.nextUnit(), 2.2)
            if kind == .unlicensedCafe { value = min(10, value + 1.5) }
            value = (value * 10).rounded() / 10
            let mustVisit = rng.chance(0.05)
            if mustVisit { value += mustVisitBonus }
            return RoutingTarget(venueId: venueId, kind: kind, location: location, value: value,
                                 serviceMinutes: serviceMinutes(kind, &rng), hours: hours(kind, &rng),
                                 mustVisit: mustVisit, operatorKey: operatorKey(kind, venueId: venueId, &rng))
        }
    }

    private static func serviceMinutes(_ kind: TargetKind, _ rng: inout SeededRandom) -> Int {
        switch kind {
        case .tobaccoRetail: return rng.nextInt(in: 20...30)
        case .licensedCafe: return rng.nextInt(in: 25...40)
        case .unlicensedCafe: return rng.nextInt(in: 35...45)
        }
    }

    private static func hours(_ kind: TargetKind, _ rng: inout SeededRandom) -> DailyHours? {
        let roll = rng.nextUnit()
        let text: String?
        switch kind {
        case .tobaccoRetail: text = roll < 0.8 ? "07:00-22:00" : roll < 0.95 ? "08:00-21:00" : "06:30-23:00"
        case .licensedCafe: text = roll < 0.55 ? "08:00-24:00" : roll < 0.95 ? "00:00-24:00" : "09:00-23:00"
        // Unlicensed venues declare nothing, or keep late hours.
        case .unlicensedCafe: text = roll < 0.4 ? nil : roll < 0.75 ? "00:00-24:00" : "14:00-04:00"
        }
        return text.flatMap { DailyHours(text: $0) }
    }

    private static func operatorKey(_ kind: TargetKind, venueId: Int64, _ rng: inout SeededRandom) -> String? {
        switch kind {
        case .licensedCafe: return rng.chance(0.3) ? "chain-cafe-\(rng.nextInt(in: 1...12))" : "op-\(venueId)"
        case .tobaccoRetail: return rng.chance(0.1) ? "chain-tob-\(rng.nextInt(in: 1...8))" : "op-\(venueId)"
        case .unlicensedCafe: return rng.chance(0.3) ? "op-\(venueId)" : nil
        }
    }

    /// Department shares of the generated roster.
    static let departmentShares: [(DepartmentCode, Double)] = [(.culture, 0.35), (.tobacco, 0.25), (.marketRegulation, 0.20), (.police, 0.20)]

    /// Head counts per department by largest remainder, so small rosters still get every department.
    static func departmentCounts(_ total: Int) -> [(DepartmentCode, Int)] {
        let exact = departmentShares.map { Double(total) * $0.1 }
        var counts = exact.map { Int($0) }
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        for k in 0..<(total - counts.reduce(0, +)) { counts[order[k % order.count]] += 1 }
        return zip(departmentShares.map(\.0), counts).map { ($0, $1) }
    }

    static func makeInspectors(_ size: RoutingInstanceSize, districts: [District], targets: [RoutingTarget],
                               rng: SeededRandom) -> [PlannerInspector] {
        var rng = rng
        var inspectors: [PlannerInspector] = []
        for (department, count) in departmentCounts(max(0, size.inspectors)) {
            let offset = rng.nextInt(below: districts.count)
            for k in 0..<count {
                let d = (offset + k) % districts.count
                let id = Int64(inspectors.count + 1)
                inspectors.append(PlannerInspector(
                    id: id, code: String(format: "INS-%04d", id), name: "Inspector \(id)", department: department,
                    jurisdictionId: Int64(d + 1), districtName: districts[d].label, depot: districts[d].depot,
                    credentialValidThroughDay: size.days + 365))
            }
        }
        guard size.staffAbsences else { return inspectors }
        let chains = Array(Set(targets.compactMap(\.operatorKey).filter { $0.hasPrefix("chain-") })).sorted()
        for i in inspectors.indices {
            var off = Set<Int>()
            // Tobacco checks follow school days, so tobacco officers rest at weekends; others rotate.
            let rest: [Int]
            if inspectors[i].department == .tobacco {
                rest = [6, 7]
            } else {
                let first = rng.nextInt(in: 1...7)
                rest = [first, first % 7 + 1]
            }
            for day in 0..<size.days where rest.contains(day % 7 + 1) { off.insert(day) }
            if rng.chance(0.3) {
                for _ in 0..<rng.nextInt(in: 1...3) { off.insert(rng.nextInt(below: max(1, size.days))) }
            }
            inspectors[i].unavailableDays = off
            if rng.chance(0.02) { inspectors[i].credentialValidThroughDay = rng.nextInt(below: max(1, size.days)) }
            if rng.chance(0.04), !targets.isEmpty {
                inspectors[i].conflictVenueIds = (0..<rng.nextInt(in: 1...2)).map { _ in targets[rng.nextInt(below: targets.count)].venueId }
            }
            if rng.chance(0.02), !chains.isEmpty {
                inspectors[i].conflictOperatorKeys = [rng.pick(chains)]
            }
        }
        return inspectors
    }
}
