import Foundation

/// Teams as shared arrays, so a million inspections share a handful of buffers instead of each
/// allocating its own (enforcement.md: typical team per target).
enum DemoTeams {
    /// Routine café check or follow-up.
    static let culture: [DepartmentCode] = [.culture]
    static let cultureWithPolice: [DepartmentCode] = [.culture, .police]
    /// Unlicensed café raid: culture leads, police and market regulation assist.
    static let raid: [DepartmentCode] = [.culture, .police, .marketRegulation]
    static let tobacco: [DepartmentCode] = [.tobacco]
    /// Tobacco retailer near a school or in a campaign.
    static let tobaccoWithMarket: [DepartmentCode] = [.tobacco, .marketRegulation]
    /// Seller without a tobacco licence: market regulation leads.
    static let marketWithTobacco: [DepartmentCode] = [.marketRegulation, .tobacco]
}

/// A re-inspection (回头看) due on a later day, after an order to correct.
struct DemoFollowUp: Sendable {
    /// What is re-checked: a café order, a tobacco order, or whether a raided black café stayed shut.
    enum Kind: Sendable { case cafe, tobacco, closedBlackCafe }
    /// Index into the registry's venues.
    var venue: Int
    var kind: Kind
    /// The violation the order was about; found again, it is escalated.
    var code: String
    /// The department that ordered the correction and checks it.
    var department: DepartmentCode
}

/// Running per-venue counts that drive repeat-offence fines and escalation.
struct DemoVenueState: Sendable {
    /// All violations so far, a rough prior-offence count for fines.
    var violations = 0
    /// Days of the two latest minors cases, for the one-year escalation window.
    var minorsCaseDays = (Int.min / 2, Int.min / 2)
    /// Hours violations so far, for the local fine ladder.
    var hoursCases = 0
    /// Missing-sign findings so far: a first one is a warning, later ones may be fined.
    var noSignCases = 0
    /// Day the licence was revoked (a third minors case within a year); not inspected afterwards.
    var closedOnDay: Int?
    /// A location violation is recorded once, not at every visit.
    var nearSchoolReported = false
    /// Scales the venue's risk down after a suspension: operators who lost business for weeks
    /// usually tighten their door checks, which keeps revocations rare, as they are in practice.
    var deterrence = 1.0
}

/// Writes two years of inspections, day by day, in arrival order.
///
/// Day-by-day generation keeps the output sorted with only a small sort per day, lets rates drift
/// over time (tobacco signage improves) and follow seasons (holiday café sweeps, term-start tobacco
/// checks), and lets follow-ups land on the day their deadline falls.
struct DemoHistoryWriter {
    let clock: DemoClock
    let plan: DemoPlan
    /// Owned while writing, because revocations change venue status.
    var registry: DemoRegistry
    /// The history's own stream, independent of the registry's.
    var rng: SeededRandom
    private var state: [DemoVenueState]
    private var cafes: [[Int]]
    private var shops: [[Int]]
    private var shopsNearSchools: [[Int]]
    private var raidsByDay: [[DemoRaid]]
    private var followUps: [[DemoFollowUp]]
    private var specialCafeCampaign: [Bool]
    private var history: [HistoricInspection] = []
    /// Per target kind, the sum and count of the chance that a random (untargeted) check inspected in
    /// the last year finds at least one violation: the prevalence a random-draw estimate should recover.
    private(set) var randomCheckChances: [String: (sum: Double, count: Int)] = [:]
    private var today: [HistoricInspection] = []

    private static let days = DemoClock.historyDays

    /// Indexes the registry by city and kind, and files the planned raids by day.
    init(clock: DemoClock, registry: DemoRegistry, cityCount: Int, raids: [DemoRaid], rng: SeededRandom) {
        self.clock = clock
        self.plan = registry.plan
        self.registry = registry
        self.rng = rng
        state = Array(repeating: DemoVenueState(), count: registry.venues.count)
        cafes = Array(repeating: [], count: cityCount)
        shops = Array(repeating: [], count: cityCount)
        shopsNearSchools = Array(repeating: [], count: cityCount)
        for (i, venue) in registry.venues.enumerated() {
            let city = registry.traits[i].city
            switch venue.kind {
            case .internetCafe where venue.licensed:
                cafes[city].append(i)
            case .tobaccoRetail:
                shops[city].append(i)
                if registry.traits[i].schoolDistance != nil { shopsNearSchools[city].append(i) }
            default:
                break
            }
        }
        raidsByDay = Array(repeating: [], count: Self.days)
        for raid in raids where raid.day >= 0 && raid.day < Self.days { raidsByDay[raid.day].append(raid) }
        followUps = Array(repeating: [], count: Self.days)
        // A few extra city-wide café sweeps a year on top of the school holidays.
        specialCafeCampaign = Array(repeating: false, count: Self.days)
        var rng2 = self.rng.split()
        for _ in 0..<6 {
            let start = rng2.nextInt(below: Self.days)
            for d in start..<min(Self.days, start + 7) { specialCafeCampaign[d] = true }
        }
    }

    /// The finished history and the registry with licence revocations applied.
    mutating func write() -> (history: [HistoricInspection], registry: DemoRegistry) {
        let cityCount = cafes.count
        var cafeFactors: [Double] = []
        var tobaccoFactors: [Double] = []
        var cafeCampaign: [Bool] = []
        var tobaccoCampaign: [Bool] = []
        var holidays: [Bool] = []
        for day in 0..<Self.days {
            let s = season(day)
            cafeFactors.append(s.cafe)
            tobaccoFactors.append(s.tobacco)
            cafeCampaign.append(s.cafeCampaign)
            tobaccoCampaign.append(s.tobaccoCampaign)
            holidays.append(s.holiday)
        }
        let cafePerDay = plan.cafeInspectionsPerWeek / 7 / (cafeFactors.reduce(0, +) / Double(Self.days))
        let tobaccoPerDay = plan.tobaccoInspectionsPerWeek / 7 / (tobaccoFactors.reduce(0, +) / Double(Self.days))
        history.reserveCapacity(Int(Double(Self.days) / 7 * (plan.cafeInspectionsPerWeek + plan.tobaccoInspectionsPerWeek)
                                    * Double(cityCount) * 1.1))

        for day in 0..<Self.days {
            today.removeAll(keepingCapacity: true)
            for city in 0..<cityCount {
                for _ in 0..<dailyCount(cafePerDay * cafeFactors[day]) {
                    cafeInspection(city: city, day: day, campaign: cafeCampaign[day], holiday: holidays[day])
                }
                for _ in 0..<dailyCount(tobaccoPerDay * tobaccoFactors[day]) {
                    tobaccoInspection(city: city, day: day, campaign: tobaccoCampaign[day])
                }
            }
            for raid in raidsByDay[day] { blackCafeRaid(raid) }
            for f in followUps[day] { followUp(f, day: day) }
            today.sort { ($0.arrivedAt, $0.venueCode) < ($1.arrivedAt, $1.venueCode) }
            history.append(contentsOf: today)
        }
        for (i, s) in state.enumerated() where s.closedOnDay != nil {
            registry.venues[i].status = .closed
        }
        return (history, registry)
    }

    // MARK: Calendar

    private func season(_ day: Int) -> (cafe: Double, tobacco: Double, cafeCampaign: Bool, tobaccoCampaign: Bool, holiday: Bool) {
        let date = clock.civil(day)
        let (m, d) = (date.month, date.day)
        let weekday = clock.weekday(day)
        let holiday = (m == 1 && d >= 15) || (m == 2 && d <= 20) || m == 7 || m == 8 || (m == 10 && d <= 7)
        let cafeWeek = [0.8, 0.8, 0.8, 0.9, 1.2, 1.6, 1.3][weekday]
        let special = specialCafeCampaign[day]
        let cafe = cafeWeek * (special ? 1.8 : holiday ? 1.5 : 1)
        let termStart = (m == 2 && d >= 25) || (m == 3 && d <= 15) || (m == 9 && d <= 20)
        let noTobaccoDay = (m == 5 && d >= 25) || (m == 6 && d <= 5)  // 5-31 and 6-1
        let tobaccoWeek = weekday < 5 ? 1.2 : (weekday == 5 ? 0.6 : 0.4)
        let tobacco = tobaccoWeek * (termStart || noTobaccoDay ? 1.8 : 1) * (holiday ? 0.6 : 1)
        return (cafe, tobacco, holiday || special, termStart || noTobaccoDay, holiday)
    }

    private mutating func dailyCount(_ expected: Double) -> Int {
        Int(expected * rng.nextDouble(in: 0.75..<1.25) + rng.nextUnit())
    }

    /// Café checks run in the evening, at night (catching hours violations) and on weekend and
    /// holiday afternoons, when minors are there.
    private mutating func cafeTime(day: Int, holiday: Bool) -> Int {
        let u = rng.nextUnit()
        let offDay = holiday || clock.weekday(day) >= 5
        let slot: Range<Int>
        if offDay {
            slot = u < 0.35 ? 13 * 3_600..<18 * 3_600 : u < 0.80 ? 18 * 3_600..<23 * 3_600 : u < 0.92 ? 0..<6_600 : 9 * 3_600..<12 * 3_600
        } else {
            slot = u < 0.70 ? 18 * 3_600..<23 * 3_600 : u < 0.85 ? 0..<6_600 : u < 0.95 ? 13 * 3_600..<18 * 3_600 : 9 * 3_600..<12 * 3_600
        }
        return rng.nextInt(in: slot)
    }

    /// Tobacco checks follow shop hours and the times pupils pass the school gate.
    private mutating func tobaccoTime(day: Int) -> Int {
        if clock.weekday(day) >= 5 { return rng.nextInt(in: 9 * 3_600..<19 * 3_600) }
        let u = rng.nextUnit()
        let slot: Range<Int> = u < 0.20 ? 7 * 3_600..<8 * 3_600
            : u < 0.35 ? 9 * 3_600..<(11 * 3_600 + 1_800)
            : u < 0.50 ? (11 * 3_600 + 1_800)..<(12 * 3_600 + 1_800)
            : u < 0.65 ? 14 * 3_600..<16 * 3_600
            : 16 * 3_600..<(17 * 3_600 + 2_700)
        return rng.nextInt(in: slot)
    }

    // MARK: Building blocks

    private func age(_ day: Int) -> Int { Self.days - day }

    /// Adds a random check's chance of finding anything: 1 − Π(1 − pᵢ) over its independent draws.
    private mutating func noteRandomCheck(_ kind: String, day: Int, chances: [Double]) {
        guard age(day) <= 365 else { return }
        let none = chances.reduce(1.0) { $0 * (1 - min(1, max(0, $1))) }
        let current = randomCheckChances[kind] ?? (0, 0)
        randomCheckChances[kind] = (current.sum + (1 - none), current.count + 1)
    }

    private mutating func record(venue: Int, origin: InspectionOrigin, outcome: InspectionOutcome, day: Int,
                                 at seconds: Int, minutes: ClosedRange<Int>, departments: [DepartmentCode],
                                 violations: [HistoricViolation], minors: Int)
    {
        let arrived = clock.date(day: day, secondsIntoDay: seconds)
        let departed = arrived.addingTimeInterval(Double(rng.nextInt(in: minutes) * 60))
        today.append(HistoricInspection(venueCode: registry.venues[venue].code, origin: origin, outcome: outcome,
                                        arrivedAt: arrived, departedAt: departed, departments: departments,
                                        violations: violations, minorsCount: minors))
    }

    private mutating func violation(_ code: String, _ department: DepartmentCode, prior: Int, day: Int,
                                    escalated: Bool = false) -> HistoricViolation
    {
        let fine = DemoViolations.fine(code, prior: prior, &rng)
        let caseState = DemoViolations.caseState(age: age(day), fine: fine, escalated: escalated, &rng)
        return HistoricViolation(code: code, department: department, caseState: caseState, fineYuan: fine)
    }

    private mutating func scheduleFollowUp(_ f: DemoFollowUp, day: Int) {
        if day < Self.days { followUps[day].append(f) }
    }

    private mutating func origin(campaign: Bool, weights normal: [Double], campaignWeights: [Double]) -> InspectionOrigin {
        let order: [InspectionOrigin] = [.random, .campaign, .tip, .referral]
        return order[rng.pickIndex(weights: campaign ? campaignWeights : normal)]
    }

    /// Uniform for random checks; for targeted ones the riskiest of a few candidates, which is how
    /// tips and intelligence concentrate visits on the usual suspects.
    private mutating func pick(from list: [Int], tournament: Int) -> Int? {
        guard !list.isEmpty else { return nil }
        for _ in 0..<4 {
            var best = list[rng.nextInt(below: list.count)]
            for _ in 1..<max(1, tournament) {
                let other = list[rng.nextInt(below: list.count)]
                if registry.traits[other].risk > registry.traits[best].risk { best = other }
            }
            if state[best].closedOnDay == nil { return best }
        }
        return nil
    }

    // MARK: Licensed cafés

    private mutating func cafeInspection(city: Int, day: Int, campaign: Bool, holiday: Bool) {
        let origin = origin(campaign: campaign, weights: [0.65, 0.20, 0.10, 0.05], campaignWeights: [0.20, 0.70, 0.07, 0.03])
        let targeted = origin != .random
        guard let v = pick(from: cafes[city], tournament: targeted ? 2 : 1) else { return }
        let risk = registry.traits[v].risk * state[v].deterrence
        let team = targeted || rng.chance(0.35) ? DemoTeams.cultureWithPolice : DemoTeams.culture
        let police = team.count > 1
        let seconds = cafeTime(day: day, holiday: holiday)
        let u = rng.nextUnit()
        if u < 0.003 {
            let obstruction = police ? [violation("OBSTRUCTION", .police, prior: 0, day: day)] : []
            record(venue: v, origin: origin, outcome: .entryRefused, day: day, at: seconds, minutes: 10...25,
                   departments: team, violations: obstruction, minors: 0)
            return
        }
        if u < 0.023 {
            record(venue: v, origin: origin, outcome: .venueClosed, day: day, at: seconds, minutes: 10...15,
                   departments: team, violations: [], minors: 0)
            return
        }
        var found: [HistoricViolation] = []
        var minors = 0
        let minorsChance = (targeted ? 0.15 : 0.03) * min(risk, 3) * (origin == .referral ? 2 : 1)
        if !targeted {
            let school = registry.traits[v].schoolDistance != nil && !state[v].nearSchoolReported ? 0.3 : 0
            noteRandomCheck("licensed_cafe", day: day, chances: [min(1, minorsChance), seconds < 8 * 3_600 ? min(0.9, 0.3 * risk) : 0,
                                                                 min(0.8, 0.12 * risk * (campaign ? 1.2 : 1)), school])
        }
        if rng.chance(minorsChance) {
            minors = 1 + rng.nextInt(below: 3) + (rng.chance(0.2) ? rng.nextInt(in: 1...5) : 0)
            found.append(minorsAdmitted(venue: v, day: day))
            if rng.chance(0.5) {
                found.append(violation("CAFE_NO_ID_CHECK", .culture, prior: min(1, state[v].violations), day: day))
            }
        }
        if seconds < 8 * 3_600, rng.chance(min(0.9, 0.3 * risk)) {
            let prior = state[v].hoursCases
            state[v].hoursCases += 1
            found.append(violation("CAFE_HOURS", .culture, prior: prior, day: day, escalated: prior >= 4))
        }
        if rng.chance(min(0.8, 0.12 * risk * (campaign ? 1.2 : 1))) {
            let weights = police ? DemoViolations.cafeWeightsJoint : DemoViolations.cafeWeightsCultureOnly
            let first = rng.pickIndex(weights: weights)
            var picked = [first]
            if rng.chance(0.3) {
                let second = rng.pickIndex(weights: weights)
                if second != first { picked.append(second) }
            }
            for i in picked {
                let f = DemoViolations.cafeFindings[i]
                if found.contains(where: { $0.code == f.code }) { continue }
                found.append(violation(f.code, f.department, prior: min(2, state[v].violations), day: day))
            }
        }
        if registry.traits[v].schoolDistance != nil, !state[v].nearSchoolReported, rng.chance(0.3) {
            state[v].nearSchoolReported = true
            found.append(violation("CAFE_NEAR_SCHOOL", .culture, prior: 0, day: day))
        }
        state[v].violations += found.count
        record(venue: v, origin: origin, outcome: .inspected, day: day, at: seconds,
               minutes: targeted ? 25...60 : 15...45, departments: team, violations: found, minors: minors)
        if let first = found.first, state[v].closedOnDay == nil, first.fineYuan != nil || rng.chance(0.3) {
            scheduleFollowUp(DemoFollowUp(venue: v, kind: .cafe, code: first.code, department: first.department),
                             day: day + (rng.chance(0.5) ? 7 : 15))
        }
    }

    /// A minors case with the 2004 national ladder applied over a one-year window: a second case
    /// is escalated (suspension), a third may cost the licence, after which the café is closed.
    private mutating func minorsAdmitted(venue v: Int, day: Int) -> HistoricViolation {
        let (a, b) = state[v].minorsCaseDays
        let prior = (day - a <= 365 ? 1 : 0) + (day - b <= 365 ? 1 : 0)
        state[v].minorsCaseDays = (b, day)
        if prior >= 1 { state[v].deterrence *= 0.4 }
        if prior >= 2, rng.chance(0.1) { state[v].closedOnDay = day }
        return violation("CAFE_MINOR_ADMITTED", .culture, prior: prior, day: day, escalated: prior >= 1)
    }

    // MARK: Tobacco

    private mutating func tobaccoInspection(city: Int, day: Int, campaign: Bool) {
        let origin = origin(campaign: campaign, weights: [0.70, 0.22, 0.06, 0.02], campaignWeights: [0.35, 0.55, 0.07, 0.03])
        let targeted = origin != .random
        let nearSchoolSweep = targeted && !shopsNearSchools[city].isEmpty && rng.chance(campaign ? 0.6 : 0.3)
        guard let v = nearSchoolSweep
            ? pick(from: shopsNearSchools[city], tournament: 1)
            : pick(from: shops[city], tournament: targeted ? 2 : 1) else { return }
        let traits = registry.traits[v]
        let licensed = registry.venues[v].licensed
        let team = !licensed ? DemoTeams.marketWithTobacco
            : (traits.schoolDistance != nil || targeted ? DemoTeams.tobaccoWithMarket : DemoTeams.tobacco)
        let seconds = tobaccoTime(day: day)
        let u = rng.nextUnit()
        if u < 0.001 {
            record(venue: v, origin: origin, outcome: .entryRefused, day: day, at: seconds, minutes: 10...20,
                   departments: team, violations: [], minors: 0)
            return
        }
        if u < (seconds < 8 * 3_600 ? 0.08 : 0.03) {
            record(venue: v, origin: origin, outcome: .venueClosed, day: day, at: seconds, minutes: 10...12,
                   departments: team, violations: [], minors: 0)
            return
        }
        let lead = DemoViolations.tobaccoLead(licensed: licensed)
        let progress = Double(day) / Double(Self.days)
        var found: [HistoricViolation] = []
        var minors = 0
        if !targeted {
            var chances = [licensed ? 0 : 0.85, min(0.95, (0.55 - 0.35 * progress) * min(traits.risk, 1.7)), 0.006 * min(traits.risk, 3), 0.03]
            if let d = traits.schoolDistance, d < 50, !state[v].nearSchoolReported { chances.append(0.4) }
            if licensed { chances += [0.012 * traits.risk, 0.005 * traits.risk, 0.004] }
            noteRandomCheck("tobacco_retail", day: day, chances: chances)
        }
        if !licensed, rng.chance(0.85) {
            found.append(violation("TOBACCO_UNLICENSED", .marketRegulation, prior: min(1, state[v].violations), day: day))
        }
        // Surveys found 50–60 % of outlets without the sign; campaigns bring it down over time.
        if rng.chance(min(0.95, (0.55 - 0.35 * progress) * min(traits.risk, 1.7))) {
            found.append(violation("TOBACCO_NO_SIGN", lead, prior: state[v].noSignCases, day: day))
            state[v].noSignCases += 1
        }
        if rng.chance((nearSchoolSweep ? 0.04 : 0.006) * min(traits.risk, 3)) {
            minors = 1
            found.append(violation("TOBACCO_SALE_TO_MINOR", lead, prior: 0, day: day))
        }
        if rng.chance(0.03) {
            found.append(violation("TOBACCO_NO_ID_CHECK", lead, prior: 0, day: day))
        }
        if let d = traits.schoolDistance, d < 50, !state[v].nearSchoolReported, rng.chance(0.4) {
            state[v].nearSchoolReported = true
            found.append(violation("TOBACCO_NEAR_SCHOOL", lead, prior: 0, day: day))
        }
        if licensed {
            if rng.chance(0.012 * traits.risk) { found.append(violation("TOBACCO_OFF_CHANNEL", .tobacco, prior: 0, day: day)) }
            if rng.chance(0.005 * traits.risk) { found.append(violation("TOBACCO_ILLEGAL_PRODUCT", .tobacco, prior: 0, day: day)) }
            if rng.chance(0.004) { found.append(violation("TOBACCO_ECIG_CHANNEL", .tobacco, prior: 0, day: day)) }
        }
        state[v].violations += found.count
        record(venue: v, origin: origin, outcome: .inspected, day: day, at: seconds,
               minutes: nearSchoolSweep ? 15...40 : 10...25, departments: team, violations: found, minors: minors)
        if let serious = found.first(where: { $0.code != "TOBACCO_NO_SIGN" && $0.code != "TOBACCO_NO_ID_CHECK" }),
           rng.chance(0.6)
        {
            scheduleFollowUp(DemoFollowUp(venue: v, kind: .tobacco, code: serious.code, department: serious.department),
                             day: day + 15)
        }
    }

    // MARK: Black cafés

    /// 取缔: culture leads with police and market regulation, at night when the café is full.
    private mutating func blackCafeRaid(_ raid: DemoRaid) {
        let v = raid.venue
        let day = raid.day
        let seconds = rng.chance(0.5) ? rng.nextInt(in: 19 * 3_600..<23 * 3_600) : rng.nextInt(in: 0..<7_200)
        var found = [violation("CAFE_UNLICENSED", .culture, prior: 0, day: day)]
        var minors = 0
        if rng.chance(0.35) {
            minors = 1 + rng.nextInt(below: 4) + (rng.chance(0.3) ? rng.nextInt(in: 1...8) : 0)
            found.append(violation("CAFE_MINOR_ADMITTED", .culture, prior: 0, day: day))
        }
        if rng.chance(0.3) { found.append(violation("CAFE_SMOKING_FIRE", .police, prior: 0, day: day)) }
        if rng.chance(0.15) { found.append(violation("CAFE_EXITS_BLOCKED", .police, prior: 0, day: day)) }
        state[v].violations += found.count
        record(venue: v, origin: raid.origin, outcome: .inspected, day: day, at: seconds, minutes: 35...60,
               departments: DemoTeams.raid, violations: found, minors: minors)
        scheduleFollowUp(DemoFollowUp(venue: v, kind: .closedBlackCafe, code: "CAFE_UNLICENSED", department: .culture),
                         day: day + rng.nextInt(in: 7...30))
    }

    // MARK: Follow-ups

    /// The re-inspection after an order to correct; a venue that has not corrected is escalated
    /// (minors law 123 tier two needs exactly this record).
    private mutating func followUp(_ f: DemoFollowUp, day: Int) {
        let v = f.venue
        switch f.kind {
        case .closedBlackCafe:
            record(venue: v, origin: .followUp, outcome: rng.chance(0.7) ? .venueClosed : .notFound, day: day,
                   at: rng.nextInt(in: 19 * 3_600..<22 * 3_600), minutes: 10...20, departments: DemoTeams.culture,
                   violations: [], minors: 0)
        case .cafe, .tobacco:
            let isCafe = f.kind == .cafe
            let seconds = !isCafe ? tobaccoTime(day: day)
                : f.code == "CAFE_HOURS" ? rng.nextInt(in: 0..<6_600) : rng.nextInt(in: 14 * 3_600..<22 * 3_600)
            let team = isCafe ? (f.department == .police ? DemoTeams.cultureWithPolice : DemoTeams.culture)
                : (f.department == .tobacco ? DemoTeams.tobacco : DemoTeams.marketWithTobacco)
            if state[v].closedOnDay != nil {
                record(venue: v, origin: .followUp, outcome: .venueClosed, day: day, at: seconds, minutes: 10...15,
                       departments: team, violations: [], minors: 0)
                return
            }
            var found: [HistoricViolation] = []
            var minors = 0
            if rng.chance(min(0.5, 0.12 * registry.traits[v].risk * state[v].deterrence)) {
                found.append(violation(f.code, f.department, prior: 1, day: day, escalated: true))
                state[v].violations += 1
                switch f.code {
                case "CAFE_MINOR_ADMITTED":
                    minors = 1 + rng.nextInt(below: 3)
                    found[0] = minorsAdmitted(venue: v, day: day)
                case "CAFE_HOURS":
                    state[v].hoursCases += 1
                case "TOBACCO_SALE_TO_MINOR":
                    minors = 1
                default:
                    break
                }
            }
            record(venue: v, origin: .followUp, outcome: .inspected, day: day, at: seconds, minutes: 10...30,
                   departments: team, violations: found, minors: minors)
        }
    }
}
