import Foundation

/// What the history generator needs to know about a venue beyond its registry record.
struct DemoVenueTraits: Sendable {
    /// Index of the city the venue is in.
    /// Inspections are planned per city, so each venue remembers its own.
    var city: Int
    /// Propensity to violate, mean about 1 and heavily skewed, so that a few venues account for
    /// many violations (repeat offenders) as in real inspection data.
    var risk: Double
    /// Metres to the nearest school that matters for the venue's rules, when within the rule's
    /// reach: primary/middle schools within 200 m for cafés, any school within 100 m for tobacco.
    var schoolDistance: Double?
}

/// Schools of one city with a bucket grid, for the distance rules that shape venue placement.
struct DemoSchoolMap: Sendable {
    /// School positions; 200 m cells answer both the 100 m and the 200 m rule.
    var grid = DemoSpatialGrid(cellSize: 200)
    /// Kind of each school, by grid index.
    var kinds: [SchoolKind] = []
    /// Whether the school is one of the ~57 % with a tobacco retailer within 100 m.
    var hasShopNearby: [Bool] = []
    /// Indices of primary and middle schools (the ones the café 200 m rule and black cafés care about).
    var primaryOrMiddle: [Int] = []

    /// Metres to the nearest primary or middle school within 200 m, or nil.
    func cafeRuleDistance(_ p: DemoXY) -> Double? {
        grid.nearestDistance(p, radius: 200) { kinds[$0] != .kindergarten }
    }
}

/// Builds the registry (schools, venues, inspectors) and hands out unique codes and numbers.
///
/// Codes are issued from counters in generation order, which is itself fixed by the seed, so the
/// same seed always yields the same codes and re-imports of a demo are stable.
struct DemoRegistry: Sendable {
    /// Volumes to generate.
    let plan: DemoPlan
    /// Licence and credential dates are relative to the same `now` as the history.
    let clock: DemoClock
    /// Venues in generation order (which fixes their codes).
    var venues: [VenueRecord] = []
    /// Parallel to `venues`.
    var traits: [DemoVenueTraits] = []
    var schools: [SchoolRecord] = []
    var inspectors: [InspectorRecord] = []

    private var venueSeq: [String: Int] = [:]
    private var schoolSeq: [String: Int] = [:]
    private var operatorSeq: [String: Int] = [:]
    private var credentialSeq: [String: Int] = [:]
    private var inspectorSeq: [DepartmentCode: Int] = [:]
    private var networkCultureSeq = 0
    private var businessSeq = 0
    private var tobaccoSeq = 0

    /// An empty registry for `plan`.
    init(plan: DemoPlan, clock: DemoClock) {
        self.plan = plan
        self.clock = clock
    }

    // MARK: Codes

    /// `V-<district>-<6 digits>`: sortable, and readable on a route sheet.
    mutating func nextVenueCode(district: String) -> String {
        let n = (venueSeq[district] ?? 0) + 1
        venueSeq[district] = n
        return "V-\(district)-\(DemoNames.pad(n, 6))"
    }

    /// A new operator with a city-scoped key; reuse the result to give one operator several venues.
    mutating func nextOperator(city: DemoCityArea, _ rng: inout SeededRandom) -> (name: String, key: String) {
        let prefix = String(city.code.prefix(4))
        let n = (operatorSeq[prefix] ?? 0) + 1
        operatorSeq[prefix] = n
        return (DemoNames.person(&rng), "OP-\(prefix)-\(DemoNames.pad(n, 6))")
    }

    /// The instant `days` whole days before the start of today (local).
    func daysAgo(_ days: Int) -> Date {
        Date(timeIntervalSince1970: Double(clock.todayStart - days * DemoClock.secondsPerDay))
    }

    /// 营业执照 with an 18-character unified social credit code (91 company, 92 individual business).
    mutating func businessLicence(district: String, company: Bool, _ rng: inout SeededRandom) -> LicenceRecord {
        businessSeq += 1
        let number = (company ? "91" : "92") + district + "MA" + DemoNames.pad(businessSeq, 8)
        return LicenceRecord(type: .business, number: number, issuingDepartment: .marketRegulation,
                             validFrom: daysAgo(rng.nextInt(in: 365...4_400)), validUntil: nil)
    }

    /// 网络文化经营许可证: valid three years; about 4 % of licensed cafés let it lapse.
    mutating func networkCultureLicence(_ rng: inout SeededRandom) -> LicenceRecord {
        networkCultureSeq += 1
        let age = rng.chance(0.04) ? rng.nextInt(in: 1_096...1_300) : rng.nextInt(in: 20...1_080)
        let from = daysAgo(age)
        let number = "鄂网文〔\(DemoClock.year(of: from))〕\(DemoNames.pad(networkCultureSeq, 5))号"
        return LicenceRecord(type: .networkCulture, number: number, issuingDepartment: .culture,
                             validFrom: from, validUntil: daysAgo(age - 1_095))
    }

    /// 烟草专卖零售许可证: valid five years here; about 2 % have lapsed.
    mutating func tobaccoLicence(district: String, _ rng: inout SeededRandom) -> LicenceRecord {
        tobaccoSeq += 1
        let age = rng.chance(0.02) ? rng.nextInt(in: 1_827...2_100) : rng.nextInt(in: 10...1_820)
        return LicenceRecord(type: .tobaccoRetail, number: district + DemoNames.pad(tobaccoSeq, 6),
                             issuingDepartment: .tobacco, validFrom: daysAgo(age), validUntil: daysAgo(age - 1_826))
    }

    // MARK: Schools

    /// Places the city's schools (denser towards the centre) and decides which ~57 % get a tobacco
    /// retailer within 100 m (the 10-city study's share of urban schools).
    mutating func addSchools(city: DemoCityArea, _ rng: inout SeededRandom) -> DemoSchoolMap {
        var map = DemoSchoolMap()
        var middleNumber = 0
        var perDistrict: [String: (primary: Int, kindergarten: Int)] = [:]
        let sigma = 0.25 * min(city.width, city.height)
        for _ in 0..<plan.schools {
            let u = rng.nextUnit()
            let kind: SchoolKind = u < 0.45 ? .kindergarten : (u < 0.83 ? .primary : .middle)
            let site = city.sample(sigma: rng.chance(0.5) ? sigma : nil, &rng)
            let district = city.districts[site.district]
            let short = String(district.name.dropLast())
            var counts = perDistrict[district.code] ?? (0, 0)
            let name: String
            switch kind {
            case .middle:
                middleNumber += 1
                name = middleNumber <= 60
                    ? "\(city.name)第\(DemoNames.numeral(middleNumber))中学"
                    : "\(short)\(DemoNames.schoolWords[middleNumber % DemoNames.schoolWords.count])中学"
            case .primary:
                counts.primary += 1
                name = "\(district.name)第\(DemoNames.numeral(counts.primary))小学"
            case .kindergarten:
                counts.kindergarten += 1
                let words = DemoNames.kindergartenWords
                let k = counts.kindergarten - 1
                name = "\(short)\(words[k % words.count])幼儿园" + (k < words.count ? "" : "第\(DemoNames.numeral(k / words.count + 1))分园")
            }
            perDistrict[district.code] = counts
            let n = (schoolSeq[district.code] ?? 0) + 1
            schoolSeq[district.code] = n
            schools.append(SchoolRecord(code: "S-\(district.code)-\(DemoNames.pad(n, 4))", name: name, kind: kind,
                                        districtCode: district.code, location: site.point))
            let index = map.grid.insert(site.xy)
            map.kinds.append(kind)
            if kind != .kindergarten { map.primaryOrMiddle.append(index) }
        }
        // Exactly the study's share, so even the small scale shows it.
        var order = Array(0..<map.kinds.count)
        rng.shuffle(&order)
        map.hasShopNearby = Array(repeating: false, count: order.count)
        for i in order.prefix(Int((0.57 * Double(order.count)).rounded())) { map.hasShopNearby[i] = true }
        return map
    }

    // MARK: Licensed cafés

    /// Licensed cafés, about a fifth of them in small chains under one operator, kept 200 m away
    /// from primary and middle schools except a few that predate a school (CAFE_NEAR_SCHOOL cases).
    mutating func addLicensedCafes(city: DemoCityArea, schools map: DemoSchoolMap, _ rng: inout SeededRandom) {
        let start = traits.count
        defer { normaliseRisk(from: start) }
        var remaining = plan.licensedCafes
        let sigma = 0.18 * min(city.width, city.height)
        while remaining > 0 {
            let size = min(remaining, rng.chance(0.22) ? rng.nextInt(in: 2...6) : 1)
            remaining -= size
            let op = nextOperator(city: city, &rng)
            let brand = rng.pick(DemoNames.cafeBrands) + rng.pick(DemoNames.cafeSuffixes)
            let operatorRisk = exp(0.5 * rng.nextGaussian())
            for _ in 0..<size {
                var site = city.sample(sigma: rng.chance(0.6) ? sigma : nil, &rng)
                if rng.chance(0.03), !map.primaryOrMiddle.isEmpty {
                    let school = map.grid.points[rng.pick(map.primaryOrMiddle)]
                    if let near = city.sample(near: school, minR: 60, maxR: 190, &rng) { site = near }
                } else {
                    for _ in 0..<20 where map.cafeRuleDistance(site.xy) != nil {
                        site = city.sample(sigma: rng.chance(0.6) ? sigma : nil, &rng)
                    }
                }
                let district = city.districts[site.district]
                let street = rng.pick(district.streets)
                let name = size > 1 ? "\(brand)（\(street)店）" : brand
                let venue = VenueRecord(
                    code: nextVenueCode(district: district.code), kind: .internetCafe, name: name,
                    address: "\(district.name)\(street)\(rng.nextInt(in: 1...888))号", districtCode: district.code,
                    licensed: true, operatorName: op.name, operatorKey: op.key, location: site.point,
                    status: rng.chance(0.01) ? .unknown : .open, openingHours: rng.pick(DemoNames.cafeHours),
                    licences: [networkCultureLicence(&rng), businessLicence(district: district.code, company: true, &rng)])
                venues.append(venue)
                traits.append(DemoVenueTraits(city: city.index, risk: operatorRisk * exp(0.8 * rng.nextGaussian()),
                                              schoolDistance: map.cafeRuleDistance(site.xy)))
            }
        }
    }

    // MARK: Black cafés

    /// A site for an unlicensed café: near a primary/middle school (pupils are the customers) or
    /// in an urban-village hot spot (cheap rooms, little scrutiny).
    func blackCafeSite(city: DemoCityArea, schools map: DemoSchoolMap, _ rng: inout SeededRandom)
        -> (point: GeoPoint, xy: DemoXY, district: Int)
    {
        for _ in 0..<10 {
            let found: (point: GeoPoint, xy: DemoXY, district: Int)?
            if rng.chance(0.5), !map.primaryOrMiddle.isEmpty {
                found = city.sample(near: map.grid.points[rng.pick(map.primaryOrMiddle)], minR: 80, maxR: 400, &rng)
            } else {
                found = city.sample(near: rng.pick(city.hotSpots), minR: 0, maxR: 700, &rng)
            }
            if let found { return found }
        }
        return city.sample(sigma: nil, &rng)
    }

    /// Adds one black café record; `known` operators are those identified at a raid.
    mutating func addBlackCafe(city: DemoCityArea, site: (point: GeoPoint, xy: DemoXY, district: Int),
                               operator op: (name: String, key: String)?, status: VenueStatus,
                               schools map: DemoSchoolMap, _ rng: inout SeededRandom) -> Int
    {
        let district = city.districts[site.district]
        let name = rng.pick(DemoNames.blackCafePrefixes) + rng.pick(DemoNames.blackCafeDisguises)
        venues.append(VenueRecord(
            code: nextVenueCode(district: district.code), kind: .internetCafe, name: name,
            address: DemoNames.address(district: district.name, streets: district.streets, &rng),
            districtCode: district.code, licensed: false, operatorName: op?.name, operatorKey: op?.key,
            location: site.point, status: status, openingHours: nil, licences: []))
        traits.append(DemoVenueTraits(city: city.index, risk: 2 * exp(0.5 * rng.nextGaussian()),
                                      schoolDistance: map.cafeRuleDistance(site.xy)))
        return venues.count - 1
    }

    // MARK: Tobacco retailers

    /// Tobacco retailers: denser in the centre, one to three next to each school picked for a
    /// nearby shop, kept 100 m away from the others; ~5 % sell without a tobacco licence.
    mutating func addRetailers(city: DemoCityArea, schools map: DemoSchoolMap, _ rng: inout SeededRandom) {
        let start = traits.count
        defer { normaliseRisk(from: start) }
        var sites: [(point: GeoPoint, xy: DemoXY, district: Int)] = []
        sites.reserveCapacity(plan.retailers)
        for s in 0..<map.kinds.count where map.hasShopNearby[s] && sites.count < plan.retailers {
            let count = 1 + (rng.chance(0.4) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0)
            for _ in 0..<count {
                if let site = city.sample(near: map.grid.points[s], minR: 15, maxR: 95, &rng) { sites.append(site) }
            }
        }
        let sigma = 0.2 * min(city.width, city.height)
        while sites.count < plan.retailers {
            var site = city.sample(sigma: rng.chance(0.5) ? sigma : nil, &rng)
            for _ in 0..<20 where map.grid.near(site.xy, radius: 100).contains(where: { !map.hasShopNearby[$0] }) {
                site = city.sample(sigma: rng.chance(0.5) ? sigma : nil, &rng)
            }
            sites.append(site)
        }
        rng.shuffle(&sites)

        let chains = DemoNames.convenienceChains.map { ($0, nextOperator(city: city, &rng)) }
        var individuals: [(name: String, key: String)] = []
        for site in sites {
            let district = city.districts[site.district]
            let street = rng.pick(district.streets)
            let address = "\(district.name)\(street)\(rng.nextInt(in: 1...888))号"
            let licensed = !rng.chance(0.05)
            let name: String
            let op: (name: String, key: String)
            var hours = rng.pick(DemoNames.shopHours)
            if licensed, rng.chance(0.06) {
                let chain = rng.pick(chains)
                name = "\(chain.0)（\(street)店）"
                op = chain.1
                if rng.chance(0.5) { hours = "00:00-24:00" }
            } else {
                if !individuals.isEmpty, rng.chance(0.04) {
                    op = rng.pick(individuals)
                } else {
                    op = nextOperator(city: city, &rng)
                    individuals.append(op)
                }
                name = rng.chance(0.15)
                    ? "老\(op.name.prefix(1))\(rng.pick(DemoNames.shopTypes))"
                    : rng.pick(DemoNames.shopPrefixes) + rng.pick(DemoNames.shopTypes)
            }
            let licence = licensed
                ? tobaccoLicence(district: district.code, &rng)
                : businessLicence(district: district.code, company: false, &rng)
            venues.append(VenueRecord(
                code: nextVenueCode(district: district.code), kind: .tobaccoRetail, name: name, address: address,
                districtCode: district.code, licensed: licensed, operatorName: op.name, operatorKey: op.key,
                location: site.point, status: .open, openingHours: hours, licences: [licence]))
            traits.append(DemoVenueTraits(city: city.index, risk: (licensed ? 1 : 1.5) * exp(0.7 * rng.nextGaussian()),
                                          schoolDistance: map.grid.nearestDistance(site.xy, radius: 100)))
        }
    }

    // MARK: Inspectors

    /// The inspector roster: spread over the districts so each has every department, with ~8 %
    /// expired credentials and ~4 % inactive staff, which the random draw must skip.
    mutating func addInspectors(city: DemoCityArea, _ rng: inout SeededRandom) {
        for (department, count) in plan.inspectors {
            for i in 0..<count {
                let district = city.districts[i % city.districts.count]
                let seq = (inspectorSeq[department] ?? 0) + 1
                inspectorSeq[department] = seq
                let expired = rng.chance(0.08)
                let expires = expired ? daysAgo(rng.nextInt(in: 1...400)) : daysAgo(-rng.nextInt(in: 30...1_800))
                let issueYear = DemoClock.year(of: expires) - 5
                let credential = (credentialSeq[district.code] ?? 0) + 1
                credentialSeq[district.code] = credential
                inspectors.append(InspectorRecord(
                    code: "I-\(department.rawValue)-\(DemoNames.pad(seq, 4))", name: DemoNames.person(&rng),
                    department: department,
                    credentialNumber: "\(district.code)\(issueYear)\(DemoNames.pad(credential, 4))",
                    credentialExpires: expires, districtCode: district.code,
                    active: !rng.chance(expired ? 0.2 : 0.03)))
            }
        }
    }

    /// Rescales the risks of the venues added since `start` so their mean is 1, keeping violation
    /// rates on target whatever the draw.
    private mutating func normaliseRisk(from start: Int) {
        guard start < traits.count else { return }
        var sum = 0.0
        for i in start..<traits.count { sum += traits[i].risk }
        let mean = sum / Double(traits.count - start)
        for i in start..<traits.count { traits[i].risk /= mean }
    }
}
