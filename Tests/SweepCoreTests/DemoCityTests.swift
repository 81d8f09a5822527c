import Foundation
import Testing
@testable import SweepCore

/// A fixed "now" so that every run sees the same history window.
private let demoNow = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
private let twoYears: TimeInterval = 730 * 86_400

/// Generated once per test process and shared: the small scale is the workhorse of these tests.
private let small = DemoCityGenerator.generate(scale: .small, seed: 42, now: demoNow)

/// Codes of the violation catalogue (domain/violations.md) with the lead department(s).
private let catalogue: [String: Set<DepartmentCode>] = [
    "CAFE_UNLICENSED": [.culture],
    "CAFE_MINOR_ADMITTED": [.culture],
    "CAFE_NO_ID_CHECK": [.culture, .police],
    "CAFE_RECORDS": [.culture, .police],
    "CAFE_HOURS": [.culture],
    "CAFE_NO_MINOR_SIGN": [.culture],
    "CAFE_NO_LICENSE_DISPLAY": [.culture],
    "CAFE_NEAR_SCHOOL": [.culture],
    "CAFE_TECH_MEASURES_OFF": [.culture],
    "CAFE_NON_NETWORK_GAME": [.culture],
    "CAFE_NO_PATROL": [.culture, .police],
    "CAFE_CHANGE_UNFILED": [.culture, .police],
    "CAFE_SMOKING_FIRE": [.police, .fire],
    "CAFE_EXITS_BLOCKED": [.police, .fire],
    "CAFE_MINOR_EMPLOYED": [.culture],
    "OBSTRUCTION": [.police],
    "TOBACCO_SALE_TO_MINOR": [.tobacco, .marketRegulation],
    "TOBACCO_NO_SIGN": [.tobacco, .marketRegulation],
    "TOBACCO_NO_ID_CHECK": [.tobacco, .marketRegulation],
    "TOBACCO_NEAR_SCHOOL": [.tobacco, .marketRegulation],
    "TOBACCO_UNLICENSED": [.marketRegulation],
    "TOBACCO_OFF_CHANNEL": [.tobacco],
    "TOBACCO_ILLEGAL_PRODUCT": [.tobacco],
    "TOBACCO_ECIG_CHANNEL": [.tobacco, .marketRegulation],
]

private func violationsPerVenue(_ city: DemoCity) -> [String: Int] {
    var counts: [String: Int] = [:]
    for inspection in city.history { counts[inspection.venueCode, default: 0] += inspection.violations.count }
    return counts
}

@Suite("Demo city generator")
struct DemoCityTests {
    @Test("the same scale, seed and now give identical worlds")
    func deterministic() {
        let again = DemoCityGenerator.generate(scale: .small, seed: 42, now: demoNow)
        #expect(again == small)
        #expect(again.history == small.history)
        #expect(again.relocations == small.relocations)
    }

    @Test("a different seed gives a different world")
    func seedMatters() {
        let other = DemoCityGenerator.generate(scale: .small, seed: 43, now: demoNow)
        #expect(other != small)
        #expect(other.venues.map(\.location) != small.venues.map(\.location))
        #expect(other.history.map(\.arrivedAt) != small.history.map(\.arrivedAt))
    }

    @Test("the small scale has a province, one city and three districts, parents first")
    func smallJurisdictions() {
        let levels = small.jurisdictions.map(\.level)
        #expect(levels == [.province, .city, .district, .district, .district])
        #expect(small.jurisdictions.map(\.code) == ["420000", "420100", "420102", "420103", "420104"])
        var seen: Set<String> = []
        for j in small.jurisdictions {
            if let parent = j.parentCode { #expect(seen.contains(parent), "\(j.code) comes before its parent") }
            seen.insert(j.code)
        }
    }

    @Test("boundary rings are closed and counter-clockwise")
    func ringsClosedAndCounterClockwise() {
        for j in small.jurisdictions {
            let rings = j.boundary ?? []
            #expect(rings.count == 1, "\(j.code) has a boundary")
            for ring in rings {
                #expect(ring.count >= 4)
                #expect(ring.first == ring.last, "\(j.code) ring is closed")
                #expect(ringSignedDoubleArea(ring) > 0, "\(j.code) ring is counter-clockwise")
            }
        }
    }

    @Test("codes, credential numbers and licence numbers are unique")
    func uniqueCodes() {
        #expect(Set(small.venues.map(\.code)).count == small.venues.count)
        #expect(Set(small.schools.map(\.code)).count == small.schools.count)
        #expect(Set(small.inspectors.map(\.code)).count == small.inspectors.count)
        #expect(Set(small.inspectors.map(\.credentialNumber)).count == small.inspectors.count)
        #expect(Set(small.jurisdictions.map(\.code)).count == small.jurisdictions.count)
        let licences = small.venues.flatMap { $0.licences.map { "\($0.type.rawValue)|\($0.number)" } }
        #expect(Set(licences).count == licences.count)
    }

    @Test("every venue and school lies in its own district only, and in China")
    func pointsInsideDistricts() throws {
        let districts = small.jurisdictions.filter { $0.level == .district }
        let rings = Dictionary(uniqueKeysWithValues: districts.map { ($0.code, $0.boundary![0]) })
        var points: [(code: String, district: String, point: GeoPoint)] = small.schools.map { ($0.code, $0.districtCode, $0.location) }
        for venue in small.venues {
            let location = try #require(venue.location, "\(venue.code) has a location")
            points.append((venue.code, venue.districtCode, location))
        }
        for p in points {
            let ring = try #require(rings[p.district], "\(p.code) names a known district")
            #expect(polygonContains(ring, p.point), "\(p.code) lies inside \(p.district)")
            let others = districts.filter { $0.code != p.district && polygonContains($0.boundary![0], p.point) }
            #expect(others.isEmpty, "\(p.code) lies in one district only")
            #expect(ChinaBounds.contains(longitude: p.point.longitude, latitude: p.point.latitude))
        }
    }

    @Test("licensed cafés hold a culture and a business licence; most retailers a tobacco licence")
    func licences() {
        let cafes = small.venues.filter { $0.kind == .internetCafe && $0.licensed }
        #expect(cafes.count == 20)
        for cafe in cafes {
            #expect(cafe.licences.contains { $0.type == .networkCulture && $0.issuingDepartment == .culture })
            #expect(cafe.licences.contains { $0.type == .business && $0.issuingDepartment == .marketRegulation })
            #expect(cafe.operatorKey != nil && cafe.operatorName != nil && cafe.openingHours != nil)
        }
        let retailers = small.venues.filter { $0.kind == .tobaccoRetail }
        let licensed = retailers.filter(\.licensed)
        #expect(licensed.allSatisfy { $0.licences.contains { $0.type == .tobaccoRetail && $0.issuingDepartment == .tobacco } })
        #expect(retailers.filter { !$0.licensed }.allSatisfy { !$0.licences.contains { $0.type == .tobaccoRetail } })
        let unlicensedShare = Double(retailers.count - licensed.count) / Double(retailers.count)
        #expect(unlicensedShare > 0.02 && unlicensedShare < 0.09)
        // Some operators run several venues, so per-operator repeat counts mean something.
        let perOperator = Dictionary(grouping: small.venues.compactMap(\.operatorKey), by: { $0 }).mapValues(\.count)
        #expect(perOperator.values.contains { $0 >= 2 })
    }

    @Test("history is sorted, inside the two years before now, and names known venues")
    func historyWindow() {
        #expect(!small.history.isEmpty)
        let codes = Set(small.venues.map(\.code))
        var previous = Date.distantPast
        for inspection in small.history {
            #expect(inspection.arrivedAt >= previous)
            previous = inspection.arrivedAt
            #expect(inspection.arrivedAt >= demoNow.addingTimeInterval(-twoYears))
            #expect(inspection.departedAt <= demoNow)
            let minutes = inspection.departedAt.timeIntervalSince(inspection.arrivedAt) / 60
            #expect(minutes >= 10 && minutes <= 60)
            #expect(codes.contains(inspection.venueCode))
            #expect(!inspection.departments.isEmpty)
        }
    }

    @Test("violations use catalogue codes and a department of the catalogue's lead that was present")
    func catalogueCodes() {
        for inspection in small.history {
            for v in inspection.violations {
                let leads = catalogue[v.code]
                #expect(leads != nil, "\(v.code) is in the catalogue")
                #expect(leads?.contains(v.department) == true, "\(v.code) held by \(v.department)")
                #expect(inspection.departments.contains(v.department), "\(v.department) was on the team")
                if let fine = v.fineYuan { #expect(fine > 0 && fine <= 100_000) }
            }
            if inspection.outcome != .inspected {
                #expect(inspection.minorsCount == 0)
            }
        }
    }

    @Test("café violation and minors rates are in the documented ranges")
    func rates() {
        let cafeCodes = Set(small.venues.filter { $0.kind == .internetCafe && $0.licensed }.map(\.code))
        let cafeChecks = small.history.filter { cafeCodes.contains($0.venueCode) && $0.outcome == .inspected }
        let withViolations = cafeChecks.filter { !$0.violations.isEmpty }.count
        let share = Double(withViolations) / Double(cafeChecks.count)
        #expect(share > 0.08 && share < 0.30, "café violation share \(share)")
        let routine = cafeChecks.filter { $0.origin == .random }
        let minorsShare = Double(routine.filter { $0.minorsCount > 0 }.count) / Double(routine.count)
        #expect(minorsShare < 0.06, "minors in routine checks \(minorsShare)")

        // Tobacco signage improves over the two years.
        let shopCodes = Set(small.venues.filter { $0.kind == .tobaccoRetail }.map(\.code))
        let shopChecks = small.history.filter { shopCodes.contains($0.venueCode) && $0.outcome == .inspected }
        func noSignShare(_ checks: ArraySlice<HistoricInspection>) -> Double {
            Double(checks.filter { $0.violations.contains { $0.code == "TOBACCO_NO_SIGN" } }.count) / Double(checks.count)
        }
        let quarter = shopChecks.count / 4
        let early = noSignShare(shopChecks.prefix(quarter)), late = noSignShare(shopChecks.suffix(quarter))
        #expect(early > 0.35 && late < early, "no-sign share \(early) → \(late)")
    }

    @Test("there are repeat offenders and relocated black cafés")
    func repeatOffendersAndRelocations() throws {
        #expect(violationsPerVenue(small).values.contains { $0 >= 3 })
        #expect(!small.relocations.isEmpty)
        let venues = Dictionary(uniqueKeysWithValues: small.venues.map { ($0.code, $0) })
        for r in small.relocations {
            let closed = try #require(venues[r.closed])
            let reopened = try #require(venues[r.reopened])
            #expect(closed.status == .closed && !closed.licensed && !reopened.licensed)
            #expect(closed.location!.distance(to: reopened.location!) <= 300)
            let raid = try #require(small.history.first { $0.venueCode == r.closed })
            #expect(raid.violations.contains { $0.code == "CAFE_UNLICENSED" })
            #expect(raid.origin == .campaign || raid.origin == .tip)
            #expect(Set(raid.departments) == [.culture, .police, .marketRegulation])
            if let first = small.history.first(where: { $0.venueCode == r.reopened }) {
                #expect(first.arrivedAt > raid.arrivedAt)
            }
        }
    }

    @Test("about 57 % of schools have a tobacco retailer within 100 m")
    func retailersNearSchools() {
        let shops = small.venues.filter { $0.kind == .tobaccoRetail }.compactMap(\.location)
        let near = small.schools.filter { school in shops.contains { $0.distance(to: school.location) <= 100 } }
        let share = Double(near.count) / Double(small.schools.count)
        #expect(share > 0.35 && share < 0.80, "share \(share)")
    }

    @Test("the inspector roster covers every department, with some expired and inactive staff")
    func inspectors() {
        let departments = Set(small.inspectors.map(\.department))
        #expect(departments == [.culture, .marketRegulation, .police, .tobacco])
        let other = DemoCityGenerator.generate(scale: .small, seed: 7, now: demoNow)
        #expect(other.inspectors.count == small.inspectors.count)
        let districts = Set(small.jurisdictions.filter { $0.level == .district }.map(\.code))
        #expect(small.inspectors.allSatisfy { districts.contains($0.districtCode) })
    }

    @Test("the province geography has 20 separate cities of 6 districts with well-formed codes and rings")
    func provinceGeography() {
        var rng = SeededRandom(seed: 5, stream: 1)
        let (province, cities) = DemoGeography.build(plan: DemoPlan.of(.province), &rng)
        #expect(province.code == "420000" && province.level == .province)
        #expect(cities.count == 20)
        #expect(cities.map(\.code) == (1...20).map { "42" + DemoNames.pad($0, 2) + "00" })
        let box = province.boundary![0]
        #expect(box.first == box.last && ringSignedDoubleArea(box) > 0)
        for city in cities {
            #expect(city.districts.map(\.code) == (2...7).map { String(city.code.prefix(4)) + DemoNames.pad($0, 2) })
            #expect(Set(city.districts.map(\.name)).count == 6)
            #expect(city.outerRing.allSatisfy { polygonContains(box, $0) })
            #expect(ringSignedDoubleArea(city.outerRing) > 0 && city.outerRing.first == city.outerRing.last)
            for d in city.districts {
                #expect(ringSignedDoubleArea(d.ring) > 0 && d.ring.first == d.ring.last)
            }
            for other in cities where other.index != city.index {
                #expect(!other.outerRing.contains { polygonContains(city.outerRing, $0) })
            }
        }
    }

    @Test("the city scale has the documented volumes")
    func cityVolumes() {
        let city = DemoCityGenerator.generate(scale: .city, seed: 2026, now: demoNow)
        #expect(city.jurisdictions.count == 8)
        let cafes = city.venues.filter { $0.kind == .internetCafe }
        #expect(cafes.filter(\.licensed).count == 400)
        #expect(cafes.filter { !$0.licensed }.count == 120)
        #expect(city.venues.filter { $0.kind == .tobaccoRetail }.count == 15_000)
        #expect(city.schools.count == 600)
        #expect(city.inspectors.count == 150)
        let byDepartment = Dictionary(grouping: city.inspectors, by: \.department).mapValues(\.count)
        #expect(byDepartment == [.culture: 45, .marketRegulation: 35, .police: 40, .tobacco: 30])
        #expect(city.inspectors.contains { $0.credentialExpires < demoNow })
        #expect(city.inspectors.contains { !$0.active })
        let cafeCodes = Set(cafes.map(\.code))
        let cafeChecks = city.history.filter { cafeCodes.contains($0.venueCode) }.count
        let tobaccoChecks = city.history.count - cafeChecks
        #expect(cafeChecks > 12_000 && cafeChecks < 20_000, "café inspections \(cafeChecks)")
        #expect(tobaccoChecks > 60_000 && tobaccoChecks < 100_000, "tobacco inspections \(tobaccoChecks)")
        #expect(city.relocations.count >= 10)
        #expect(Set(city.venues.map(\.code)).count == city.venues.count)
    }
}

extension DemoCityTests {
    @Suite("Seeded random and ring geometry")
    struct SeededRandomTests {
        @Test("a seed fixes the sequence; streams and seeds differ")
        func reproducible() {
            var a = SeededRandom(seed: 9), b = SeededRandom(seed: 9), c = SeededRandom(seed: 10)
            var d = SeededRandom(seed: 9, stream: 1)
            let xs = (0..<8).map { _ in a.next() }
            #expect(xs == (0..<8).map { _ in b.next() })
            #expect(xs != (0..<8).map { _ in c.next() })
            #expect(xs != (0..<8).map { _ in d.next() })
        }

        @Test("bounded draws stay in range and cover it")
        func bounded() {
            var rng = SeededRandom(seed: 1)
            var seen = Array(repeating: 0, count: 7)
            for _ in 0..<7_000 {
                let n = rng.nextInt(below: 7)
                seen[n] += 1
                let u = rng.nextUnit()
                #expect(u >= 0 && u < 1)
            }
            #expect(seen.allSatisfy { $0 > 800 })
            var values = Array(0..<50)
            rng.shuffle(&values)
            #expect(values.sorted() == Array(0..<50))
        }

        @Test("point in polygon on a counter-clockwise square")
        func pointInPolygon() {
            let square = [
                GeoPoint(longitude: 0, latitude: 0), GeoPoint(longitude: 1, latitude: 0), GeoPoint(longitude: 1, latitude: 1),
                GeoPoint(longitude: 0, latitude: 1), GeoPoint(longitude: 0, latitude: 0),
            ]
            #expect(polygonContains(square, GeoPoint(longitude: 0.5, latitude: 0.5)))
            #expect(!polygonContains(square, GeoPoint(longitude: 1.5, latitude: 0.5)))
            #expect(!polygonContains(square, GeoPoint(longitude: 0.5, latitude: -0.1)))
            #expect(ringSignedDoubleArea(square) > 0)
            #expect(ringSignedDoubleArea(square.reversed()) < 0)
        }
    }
}
