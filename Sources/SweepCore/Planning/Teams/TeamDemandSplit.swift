/// A usable shift template with its minutes parsed once.
struct ParsedShift {
    let template: ShiftTemplate
    let start: Int
    let end: Int

    static func parse(_ templates: [ShiftTemplate]) -> [ParsedShift] {
        templates.compactMap { t in t.minutes.map { ParsedShift(template: t, start: $0.start, end: $0.end) } }
    }

    func runs(onWeekday weekday: Int) -> Bool { template.weekdays.contains(weekday) }
}

/// How many teams one kind gets, and on which days.
struct KindTeamPlan {
    let kind: TargetKind
    let rule: TeamRule
    /// Officers per department on each team formed for this kind.
    let required: [DepartmentCode: Int]
    let eligibleDays: [Int]
    let teams: Int
    /// Teams wanted per campaign day (days not listed want none).
    let perDay: [Int: Int]

    var officersPerTeam: Int { required.values.reduce(0, +) }
}

/// Turns fractional team-shift demand into whole teams per kind and day.
enum TeamDemandSplit {
    /// Kinds in formation order: most officers per team first, so that a bigger team that also
    /// serves a smaller kind (CUL×2+PSB+SAMR serves licensed cafés too) is counted before it.
    static func plan(_ input: TeamFormationInput, shifts: [ParsedShift], weeks: CampaignWeeks) -> [KindTeamPlan] {
        var rules: [TargetKind: TeamRule] = [:]
        for r in input.rules where rules[r.kind] == nil { rules[r.kind] = r }
        let ordered = rules.sorted { a, b in
            let na = a.value.required.values.reduce(0, +), nb = b.value.required.values.reduce(0, +)
            return na != nb ? na > nb : a.key < b.key
        }
        // Demand still to staff, by position in `ordered`.
        var remaining = ordered.map { k, _ in
            let d = input.demand[k] ?? 0
            return d.isFinite && d > 0 ? d : 0
        }

        var counted: [(kind: TargetKind, rule: TeamRule, days: [Int], teams: Int)] = []
        for (i, (k, rule)) in ordered.enumerated() {
            let days = (max(0, input.firstDay)..<max(0, input.dayCount)).filter { d in
                shifts.contains { $0.template.kinds.contains(k) && $0.runs(onWeekday: weeks.weekday(of: d)) }
            }
            let want = remaining[i]
            // 1e-9: demand summed from floating workloads is often a hair above a whole number.
            let teams = want > 1e-9 ? Int((want - 1e-9).rounded(.up)) : 0
            // The unused part of the last bigger team goes to the smaller kinds it can also serve.
            var spare = Double(teams) - want
            let served = Array(rule.required.flatMap { Array(repeating: $0.key, count: $0.value) })
            for j in ordered.indices.dropFirst(i + 1) where spare > 0 {
                let (smaller, smallerRule) = ordered[j]
                let shared = shifts.contains { $0.template.kinds.contains(k) && $0.template.kinds.contains(smaller) }
                guard shared, smallerRule.isSatisfied(by: served) else { continue }
                let take = min(spare, remaining[j])
                remaining[j] -= take
                spare -= take
            }
            counted.append((k, rule, days, teams))
        }

        // Kinds staffed on the same days are spread together, so that their teams interleave
        // (café raids and café checks do not both skip the same evening).
        var perDay: [TargetKind: [Int: Int]] = [:]
        var families: [[Int]: [(kind: TargetKind, teams: Int)]] = [:]
        for c in counted where !c.days.isEmpty { families[c.days, default: []].append((c.kind, c.teams)) }
        for (days, members) in families {
            for (m, spreadOut) in zip(members, spreadFamily(members.map(\.teams), over: days)) { perDay[m.kind] = spreadOut }
        }
        return counted.map { c in
            KindTeamPlan(kind: c.kind, rule: c.rule, required: c.rule.required, eligibleDays: c.days, teams: c.teams, perDay: perDay[c.kind] ?? [:])
        }
    }

    /// Spreads the family's total evenly over the days, then deals the teams out to the kinds by
    /// smooth weighted round-robin, so each kind is also spread evenly.
    static func spreadFamily(_ counts: [Int], over days: [Int]) -> [[Int: Int]] {
        let total = counts.reduce(0, +)
        var out = Array(repeating: [Int: Int](), count: counts.count)
        guard total > 0 else { return out }
        let slots = spread(total, over: days)
        var credit = Array(repeating: 0, count: counts.count)
        for d in days {
            for _ in 0..<(slots[d] ?? 0) {
                for i in counts.indices { credit[i] += counts[i] }
                // The most credit, the first kind on ties; counts is not empty, as total > 0.
                var chosen = 0
                for i in credit.indices where credit[i] > credit[chosen] { chosen = i }
                credit[chosen] -= total
                out[chosen][d, default: 0] += 1
            }
        }
        return out
    }

    /// Whole teams spread as evenly as possible: the j-th of E days gets round((j+1)·n/E) − round(j·n/E).
    static func spread(_ n: Int, over days: [Int]) -> [Int: Int] {
        guard n > 0, !days.isEmpty else { return [:] }
        let e = days.count
        func cumulative(_ j: Int) -> Int { (j * n + e / 2) / e }
        var out: [Int: Int] = [:]
        for (j, d) in days.enumerated() {
            let c = cumulative(j + 1) - cumulative(j)
            if c > 0 { out[d] = c }
        }
        return out
    }
}
