import Foundation

/// The generator's own simple team formation (the planner's real one lives in Teams/): per day and
/// district, it pairs available inspectors into lawful teams for the day's default shifts.
///
/// Guarantees what the evaluator checks: members of the required departments, at most one shift
/// per inspector per day (hence never two overlapping teams), at most `maxShiftsPerWeek` shifts
/// per campaign week, and nobody unschedulable that day.
enum GeneratedTeamBuilder {
    static func build(inspectors: [PlannerInspector], districts: [RoutingInstanceGenerator.District], days: Int,
                      maxTeamsPerDay: Int?, rng: SeededRandom) -> [RoutingTeam] {
        var rng = rng
        var teams: [RoutingTeam] = []
        var shiftsInWeek: [Int64: Int] = [:]
        let rules = TeamRule.defaults
        for day in 0..<max(0, days) {
            let weekday = day % 7 + 1
            if weekday == 1 { shiftsInWeek.removeAll() }
            let templates = ShiftTemplate.defaults.filter { $0.weekdays.contains(weekday) && $0.minutes != nil }
            let tobaccoShifts = templates.filter { $0.kinds.contains(.tobaccoRetail) }
            let cafeShifts = templates.filter { $0.kinds.contains(.licensedCafe) || $0.kinds.contains(.unlicensedCafe) }
            var tobaccoTurn = tobaccoShifts.isEmpty ? 0 : rng.nextInt(below: tobaccoShifts.count)
            var cafeTurn = cafeShifts.isEmpty ? 0 : rng.nextInt(below: cafeShifts.count)
            var formedToday = 0
            let cap = maxTeamsPerDay ?? Int.max
            /// Forms teams from `available`, appending them; returns who is left.
            func formTeams(from available: [PlannerInspector], label: String, depot: GeoPoint?, day: Int) -> [PlannerInspector] {
                var pool: [DepartmentCode: [PlannerInspector]] = [:]
                for inspector in available { pool[inspector.department, default: []].append(inspector) }
                for department in DepartmentCode.inspecting { rng.shuffle(&pool[department, default: []]) }
                var number = 0
                func take(_ need: [(DepartmentCode, Int)], _ shift: ShiftTemplate) {
                    var members: [PlannerInspector] = []
                    for (department, count) in need {
                        members += pool[department, default: []].suffix(count)
                        pool[department, default: []].removeLast(count)
                    }
                    let departments = members.map(\.department)
                    let kinds = shift.kinds.filter { kind in rules.first { $0.kind == kind }?.isSatisfied(by: departments) ?? false }
                    guard !kinds.isEmpty, let minutes = shift.minutes else { return }
                    let lead = rules.first { $0.kind == kinds[0] }?.lead
                    number += 1
                    formedToday += 1
                    for m in members { shiftsInWeek[m.id, default: 0] += 1 }
                    // A pooled team leaves from its lead officer's district office.
                    let leadMember = members.first { $0.department == lead } ?? members[0]
                    teams.append(RoutingTeam(
                        label: "\(label)-d\(String(format: "%02d", day))-\(shift.name)-\(number)", day: day, shiftName: shift.name,
                        shiftStart: day * 1440 + minutes.start, shiftEnd: day * 1440 + minutes.end, depot: depot ?? leadMember.depot,
                        kinds: kinds,
                        members: members.map { inspector in
                            var member = inspector.asMember
                            member.isLead = inspector.department == lead
                            return member
                        }))
                }
                func has(_ department: DepartmentCode, _ count: Int) -> Bool { pool[department, default: []].count >= count }
                // Tobacco and raid teams both need market regulation, so they take turns for it.
                var progress = true
                while progress && formedToday < cap {
                    progress = false
                    if !tobaccoShifts.isEmpty && has(.tobacco, 2) && has(.marketRegulation, 1) {
                        take([(.tobacco, 2), (.marketRegulation, 1)], tobaccoShifts[tobaccoTurn % tobaccoShifts.count])
                        tobaccoTurn += 1
                        progress = true
                    }
                    if formedToday < cap && !cafeShifts.isEmpty && has(.culture, 2) && has(.police, 1) && has(.marketRegulation, 1) {
                        take([(.culture, 2), (.police, 1), (.marketRegulation, 1)], cafeShifts[cafeTurn % cafeShifts.count])
                        cafeTurn += 1
                        progress = true
                    }
                }
                while formedToday < cap && !cafeShifts.isEmpty && has(.culture, 2) {
                    take([(.culture, 2)], cafeShifts[cafeTurn % cafeShifts.count])
                    cafeTurn += 1
                }
                return DepartmentCode.inspecting.flatMap { pool[$0, default: []] }.sorted { $0.id < $1.id }
            }

            // Rotate which district forms first, so a daily cap does not always favour the same one;
            // then officers left over in their districts are pooled city-wide, as joint teams are.
            var leftovers: [PlannerInspector] = []
            let order = districts.indices.map { districts[($0 + day) % districts.count] }
            for (k, district) in order.enumerated() {
                let local = inspectors.filter { $0.districtName == district.label && $0.isSchedulable(on: day)
                    && shiftsInWeek[$0.id, default: 0] < $0.maxShiftsPerWeek }
                leftovers += formTeams(from: local, label: district.label, depot: district.depot, day: day)
                if k == order.count - 1 && districts.count > 1 {
                    _ = formTeams(from: leftovers, label: "XD", depot: nil, day: day)
                }
            }
        }
        return teams
    }
}
