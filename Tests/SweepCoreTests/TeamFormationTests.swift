import Foundation
import Testing
@testable import SweepCore

private let districts = ["西城区", "东城区", "海淀区"]
private let office = GeoPoint(longitude: 116.37, latitude: 39.91)

/// A roster with gaps: leave, bookings by other campaigns, credentials expiring, low weekly caps.
private func roster(seed: UInt64, dayCount: Int, counts: [DepartmentCode: Int] = [.culture: 14, .police: 4, .marketRegulation: 5, .tobacco: 6])
    -> [PlannerInspector] {
    var random = SeededRandom(seed: seed)
    var out: [PlannerInspector] = []
    var id: Int64 = 1000
    for (dept, n) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
        for i in 0..<n {
            id += 1
            let districtIndex = random.nextInt(below: districts.count)
            let unavailable = Set((0..<random.nextInt(in: 0...3)).map { _ in random.nextInt(below: dayCount) })
            let booked = Set((0..<random.nextInt(in: 0...2)).map { _ in random.nextInt(below: dayCount) })
            let valid = random.chance(0.15) ? random.nextInt(in: -1..<dayCount) : dayCount + 30
            out.append(PlannerInspector(
                id: id, code: "\(dept.rawValue)-\(i)", name: "\(dept.rawValue) \(i)", department: dept, jurisdictionId: Int64(districtIndex + 1),
                districtName: districts[districtIndex], depot: office.offset(eastMetres: Double(districtIndex) * 3000, northMetres: 0),
                credentialValidThroughDay: valid, unavailableDays: unavailable, bookedDays: booked, maxShiftsPerWeek: random.nextInt(in: 2...5),
                conflictVenueIds: random.chance(0.2) ? [Int64(random.nextInt(in: 1...50))] : []))
        }
    }
    return out
}

private func input(seed: UInt64, random randomGrouping: Bool = false) -> TeamFormationInput {
    var random = SeededRandom(seed: seed ^ 0xABCD)
    let dayCount = random.nextInt(in: 10...24)
    return TeamFormationInput(
        dayCount: dayCount, firstWeekday: random.nextInt(in: 1...7), inspectors: roster(seed: seed, dayCount: dayCount),
        demand: [.unlicensedCafe: random.nextDouble(in: 2..<8), .licensedCafe: random.nextDouble(in: 5..<25), .tobaccoRetail: random.nextDouble(in: 5..<20)],
        seed: seed, randomGrouping: randomGrouping)
}

/// Every hard constraint of team formation, checked on one result.
private func checkConstraints(_ input: TeamFormationInput, _ result: TeamFormationResult) {
    let byID = Dictionary(uniqueKeysWithValues: input.inspectors.map { ($0.id, $0) })
    let weeks = CampaignWeeks(firstWeekday: input.firstWeekday)
    let templates = Dictionary(uniqueKeysWithValues: input.templates.map { ($0.name, $0) })
    var daysWorked: [Int64: [Int]] = [:]
    for team in result.teams {
        let template = templates[team.shiftName]!
        let m = template.minutes!
        #expect(team.shiftStart == team.day * 1440 + m.start && team.shiftEnd == team.day * 1440 + m.end)
        #expect(template.weekdays.contains(weeks.weekday(of: team.day)))
        #expect(!team.kinds.isEmpty && team.kinds.allSatisfy { template.kinds.contains($0) })
        let departments = team.members.map(\.department)
        for k in team.kinds {
            let rule = input.rules.first { $0.kind == k }!
            #expect(rule.isSatisfied(by: departments), "\(team.label) cannot serve \(k)")
        }
        // Exactly one rule's requirement, no extra officers.
        var have: [DepartmentCode: Int] = [:]
        for d in departments { have[d, default: 0] += 1 }
        #expect(input.rules.contains { $0.required == have }, "\(team.label) has \(have)")
        #expect(team.members.filter(\.isLead).count == 1 && team.members[0].isLead)
        let lead = byID[team.members[0].inspectorId]!
        #expect(input.rules.contains { $0.lead == lead.department && team.kinds.contains($0.kind) })
        #expect(team.depot == lead.depot)
        for member in team.members {
            let p = byID[member.inspectorId]!
            #expect(p.isSchedulable(on: team.day), "\(p.code) is not schedulable on day \(team.day)")
            #expect(member == { var x = p.asMember; x.isLead = member.isLead; return x }())
            daysWorked[p.id, default: []].append(team.day)
        }
    }
    for (id, days) in daysWorked {
        #expect(Set(days).count == days.count, "inspector \(id) works twice on one day")
        let perWeek = Dictionary(grouping: days, by: weeks.week(of:)).mapValues(\.count)
        #expect(perWeek.values.allSatisfy { $0 <= byID[id]!.maxShiftsPerWeek }, "inspector \(id) exceeds the weekly cap")
    }
    #expect(Set(result.teams.map(\.label)).count == result.teams.count)
}

@Test func teamFormationRespectsEveryConstraintOverSeeds() {
    for seed in UInt64(1)...12 {
        for randomGrouping in [false, true] {
            let i = input(seed: seed, random: randomGrouping)
            let r = TeamFormation.form(i)
            #expect(!r.teams.isEmpty)
            checkConstraints(i, r)
        }
    }
}

@Test func randomGroupingIsReproducibleAndSeedDependent() {
    let a = input(seed: 5, random: true)
    var b = a
    b.inspectors.reverse()
    let ra = TeamFormation.form(a), rb = TeamFormation.form(b)
    #expect(ra == rb)
    var c = a
    c.seed = 6
    let rc = TeamFormation.form(c)
    #expect(ra.teams.map { $0.members.map(\.inspectorId) } != rc.teams.map { $0.members.map(\.inspectorId) })
    // Deterministic mode ignores the seed.
    var d = a, e = a
    d.randomGrouping = false; e.randomGrouping = false; e.seed = 99
    #expect(TeamFormation.form(d) == TeamFormation.form(e))
}

private func ample(dayCount: Int = 14) -> [PlannerInspector] {
    roster(seed: 3, dayCount: dayCount, counts: [.culture: 40, .police: 12, .marketRegulation: 12, .tobacco: 16]).map { p in
        var q = p
        q.unavailableDays = []; q.bookedDays = []; q.credentialValidThroughDay = 100; q.maxShiftsPerWeek = 5
        return q
    }
}

@Test func unlicensedDemandGetsBigTeamsThatAlsoServeLicensedCafes() {
    let i = TeamFormationInput(dayCount: 14, firstWeekday: 1, inspectors: ample(), demand: [.unlicensedCafe: 4.5, .licensedCafe: 10.2])
    let r = TeamFormation.form(i)
    #expect(r.diagnostics.isEmpty)
    let big = r.teams.filter { $0.kinds.contains(.unlicensedCafe) }
    let small = r.teams.filter { $0.kinds == [.licensedCafe] }
    #expect(big.count == 5)
    #expect(big.allSatisfy { Set($0.kinds) == [.licensedCafe, .unlicensedCafe] && $0.members.count == 4 })
    #expect(small.allSatisfy { $0.members.map(\.department) == [.culture, .culture] })
    // 0.5 of the fifth big team goes to licensed demand: ceil(10.2 − 0.5) = 10.
    #expect(small.count == 10)
    #expect(r.teams.first!.label.hasPrefix("D00-cafe-evening-CUL-"))
}

@Test func demandIsSpreadEvenlyOverEligibleDays() {
    let i = TeamFormationInput(dayCount: 14, firstWeekday: 3, inspectors: ample(), demand: [.tobaccoRetail: 20])
    let r = TeamFormation.form(i)
    let weeks = CampaignWeeks(firstWeekday: 3)
    let schoolDays = (0..<14).filter { weeks.weekday(of: $0) <= 5 }
    let perDay = Dictionary(grouping: r.teams, by: \.day).mapValues(\.count)
    #expect(r.teams.count == 20 && Set(perDay.keys).isSubset(of: Set(schoolDays)))
    let counts = schoolDays.map { perDay[$0, default: 0] }
    #expect(counts.max()! - counts.min()! <= 1)
    // Two tobacco teams on a day go to the morning and the afternoon shift.
    for (_, teams) in Dictionary(grouping: r.teams, by: \.day) where teams.count == 2 {
        #expect(Set(teams.map(\.shiftName)) == ["tobacco-school-morning", "tobacco-school-afternoon"])
    }
}

@Test func kindsSharingShiftsInterleaveOverTheDays() {
    // 7 raids + 9 checks over 10 evenings: every evening gets one or two café teams.
    let r = TeamFormation.form(TeamFormationInput(dayCount: 10, firstWeekday: 1, inspectors: ample(dayCount: 10),
                                                  demand: [.unlicensedCafe: 7, .licensedCafe: 9]))
    let perDay = Dictionary(grouping: r.teams, by: \.day).mapValues(\.count)
    #expect((0..<10).allSatisfy { (1...2).contains(perDay[$0, default: 0]) })
    let raids = Dictionary(grouping: r.teams.filter { $0.kinds.contains(.unlicensedCafe) }, by: \.day).mapValues(\.count)
    #expect(raids.values.allSatisfy { $0 == 1 } && raids.count == 7)
}

@Test func membersComeFromTheLeadsDistrictWhenPossible() {
    let people = ample()
    let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) })
    let r = TeamFormation.form(TeamFormationInput(dayCount: 7, firstWeekday: 1, inspectors: people, demand: [.unlicensedCafe: 3, .licensedCafe: 4]))
    for team in r.teams {
        let lead = byID[team.members[0].inspectorId]!
        for m in team.members.dropFirst() {
            let p = byID[m.inspectorId]!
            let sameDistrictFree = people.contains { $0.department == p.department && $0.districtName == lead.districtName }
            if sameDistrictFree && p.districtName != lead.districtName {
                // Allowed only when every same-district colleague was already busy that day.
                let busy = r.teams.filter { $0.day == team.day }.flatMap(\.members).map(\.inspectorId)
                let idle = people.filter { $0.department == p.department && $0.districtName == lead.districtName && !busy.contains($0.id) }
                #expect(idle.isEmpty, "\(team.label) took \(p.code) from \(p.districtName) over an idle colleague of the lead's district")
            }
        }
    }
}

@Test func missingDepartmentProducesANamedShortage() {
    let people = ample(dayCount: 7).filter { $0.department != .tobacco || $0.id % 4 == 0 }.map { p -> PlannerInspector in
        var q = p
        q.districtName = "西城区"
        if q.department == .tobacco { q.unavailableDays = [2, 3, 4] }
        return q
    }
    let labels = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]
    let i = TeamFormationInput(dayCount: 7, firstWeekday: 1, inspectors: people, demand: [.tobaccoRetail: 5],
                               dayLabel: { labels[$0] })
    let r = TeamFormation.form(i)
    checkConstraints(i, r)
    let tob = r.diagnostics.filter { $0.department == .tobacco }
    #expect(tob.count == 1)
    let s = tob[0]
    #expect(s.kind == .tobaccoRetail && s.firstDay == 2 && s.lastDay == 4 && s.available == 0 && s.needed == 2)
    #expect(s.district == "西城区")
    #expect(s.message == "tobacco retailer checks need TOB: 0 TOB inspectors available, 2 needed on 2026-12-02..04 in 西城区")
    #expect(r.teams.filter { (2...4).contains($0.day) }.isEmpty)
    #expect(r.teams.count == 2)
}

@Test func noTeamsWithoutAnyOfficersOfAnAssistingDepartment() {
    let people = ample(dayCount: 7).filter { $0.department != .police }
    let r = TeamFormation.form(TeamFormationInput(dayCount: 7, firstWeekday: 1, inspectors: people, demand: [.unlicensedCafe: 3, .licensedCafe: 2]))
    #expect(!r.teams.contains { $0.kinds.contains(.unlicensedCafe) })
    #expect(r.teams.filter { $0.kinds == [.licensedCafe] }.count == 2)
    let psb = r.diagnostics.filter { $0.department == .police }
    #expect(!psb.isEmpty && psb.allSatisfy { $0.kind == .unlicensedCafe && $0.available == 0 && $0.message.contains("need PSB: 0 PSB inspectors") })
    #expect(psb.allSatisfy { $0.district == nil && $0.message.contains("on day ") })
}

@Test func weeksAndDayRangesFollowTheISOCalendar() {
    let w = CampaignWeeks(firstWeekday: 4)  // day 0 is a Thursday
    #expect((0..<8).map(w.weekday(of:)) == [4, 5, 6, 7, 1, 2, 3, 4])
    #expect((0..<12).map(w.week(of:)) == [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2])
    #expect(DayRangeLabel.text(3, 5) { "day \($0)" } == "day 3..5")
    #expect(DayRangeLabel.text(3, 3) { "day \($0)" } == "day 3")
    let dates = ["2026-12-30", "2026-12-31", "2027-01-01"]
    #expect(DayRangeLabel.text(0, 1) { dates[$0] } == "2026-12-30..31")
    #expect(DayRangeLabel.text(0, 2) { dates[$0] } == "2026-12-30..2027-01-01")
}

@Test func replanningFromALaterDayLeavesEarlierDaysEmpty() {
    let r = TeamFormation.form(TeamFormationInput(dayCount: 14, firstDay: 5, firstWeekday: 1, inspectors: ample(), demand: [.licensedCafe: 9]))
    #expect(r.teams.count == 9 && r.teams.allSatisfy { $0.day >= 5 })
}
