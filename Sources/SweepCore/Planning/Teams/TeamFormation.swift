/// Forms the teams of a campaign: who works which shift on which day, in teams that satisfy the
/// team rules of the kinds they serve.
///
/// - Demand (team-shifts per kind) is rounded up to whole teams and spread evenly over the days on
///   which a template serving the kind runs; kinds with the same days are spread together, so café
///   raids and café checks interleave rather than both skipping an evening. Kinds are staffed most-officers-first; the unused part
///   of the last bigger team counts for the smaller kinds it can also serve, so unlicensed-café
///   demand is met with CUL×2+PSB+SAMR teams (which may also check licensed cafés) and the rest of
///   the licensed demand with CUL×2 teams.
/// - Each team has exactly its kind's requirement; its `kinds` are the template's kinds whose rule
///   that composition satisfies.
/// - An inspector works at most one shift a day, at most `maxShiftsPerWeek` in a Monday–Sunday
///   week, and only on days where ``PlannerInspector/isSchedulable(on:)``.
/// - A day's teams of one kind are spread over the templates serving it that day (fewest teams first).
/// - Candidate order: fewest shifts so far first, in both modes, so nobody uses up their weekly
///   cap while others wait. Then the lead by district and id (or, with `randomGrouping`, by a seeded
///   shuffle per day, or by the published inspector draw when there is one); other members from the
///   lead's district first, then by shifts, then id or shuffle — except that a drawn partner of the
///   lead comes along when free. Ties are thus random in 双随机 mode and reproducible for the seed;
///   inspectors the draw recused are not scheduled.
/// - A team that cannot be formed yields a ``TeamShortage`` per department that lacked officers;
///   consecutive staffing days with the same numbers merge into one.
public enum TeamFormation {
    public static func form(_ input: TeamFormationInput) -> TeamFormationResult {
        let weeks = CampaignWeeks(firstWeekday: input.firstWeekday)
        let shifts = ParsedShift.parse(input.templates)
        let plans = TeamDemandSplit.plan(input, shifts: shifts, weeks: weeks)
        var firstRule: [TargetKind: TeamRule] = [:]
        for r in input.rules where firstRule[r.kind] == nil { firstRule[r.kind] = r }

        var seen = Set<Int64>()
        let recused = Set(input.inspectorDraw?.frame.filter(\.recused).map(\.id) ?? [])
        let roster = input.inspectors.sorted { $0.id < $1.id }.filter { seen.insert($0.id).inserted && !recused.contains($0.id) }
        let drawn = input.inspectorDraw?.order
        let drawnRank: [Int]? = drawn.map { d in roster.map { d.rank[$0.id] ?? Int.max } }
        let position = Dictionary(uniqueKeysWithValues: roster.enumerated().map { ($1.id, $0) })
        let partners: [[Int]] = roster.map { p in (drawn?.partners[p.id] ?? []).compactMap { position[$0] } }
        let districts = Set(roster.map(\.districtName))
        var runs = ShortageRuns(district: districts.count == 1 ? districts.first : nil, dayLabel: input.dayLabel)
        let firstDay = max(0, input.firstDay)

        for plan in plans where plan.teams > 0 && plan.eligibleDays.isEmpty {
            let last = max(firstDay, input.dayCount - 1)
            let days = DayRangeLabel.text(firstDay, last, dayLabel: input.dayLabel)
            runs.add(TeamShortage(kind: plan.kind, department: plan.rule.lead, firstDay: firstDay, lastDay: last, district: runs.district,
                                  available: 0, needed: plan.required[plan.rule.lead, default: 0] * plan.teams,
                                  message: "\(plan.kind.label) need \(plan.rule.lead): no shift template serves them on \(days)"))
        }

        var ledger = RosterLedger(weeks: weeks, count: roster.count)
        var random = SeededRandom(seed: input.seed, stream: FNV1a64.hash("team-formation"))
        var labels = TeamLabels(dayCount: input.dayCount)
        var teams: [RoutingTeam] = []

        for day in firstDay..<max(firstDay, input.dayCount) {
            var tieRank: [Int]? = drawnRank
            if input.randomGrouping, drawnRank == nil {
                var order = Array(roster.indices)
                random.shuffle(&order)
                var rank = Array(repeating: 0, count: roster.count)
                for (position, i) in order.enumerated() { rank[i] = position }
                tieRank = rank
            }
            // Who can still work today, per department; shrinks as the day's teams are formed.
            var free: [DepartmentCode: [Int]] = [:]
            for i in roster.indices where ledger.isFree(i, roster[i], on: day) { free[roster[i].department, default: []].append(i) }
            var teamsOnShift = Array(repeating: 0, count: shifts.count)
            let weekday = weeks.weekday(of: day)

            for plan in plans {
                let wanted = plan.perDay[day] ?? 0
                guard wanted > 0 else { continue }
                let options = shifts.indices.filter { shifts[$0].template.kinds.contains(plan.kind) && shifts[$0].runs(onWeekday: weekday) }
                var missing: [DepartmentCode: (available: Int, needed: Int)] = [:]
                for formed in 0..<wanted {
                    for (d, n) in plan.required where free[d, default: []].count < n {
                        missing[d] = (free[d, default: []].count, n * (wanted - formed))
                    }
                    guard missing.isEmpty else { break }
                    // Neither fails: perDay lists only days a shift serves the kind, and every department
                    // the rule needs was just found free in number.
                    guard let s = options.min(by: { (teamsOnShift[$0], $0) < (teamsOnShift[$1], $1) }),
                          let members = pickMembers(plan: plan, from: free, order: CandidateOrder(roster: roster, shifts: ledger.shifts, tieRank: tieRank),
                                                    partners: partners)
                    else { break }
                    for m in members {
                        ledger.book(m, on: day)
                        free[roster[m].department]?.removeAll { $0 == m }
                    }
                    teamsOnShift[s] += 1
                    teams.append(makeTeam(members: members.map { roster[$0] }, plan: plan, shift: shifts[s], day: day, rules: firstRule, labels: &labels))
                }
                runs.observe(kind: plan.kind, day: day, departments: plan.required.keys.sorted { $0.rawValue < $1.rawValue }, missing: missing)
            }
        }
        return TeamFormationResult(teams: teams, diagnostics: runs.finish())
    }

    /// Lead first, then the lead's department colleagues, then one block per assisting department in rule order;
    /// nil when nobody of the lead's department is free.
    private static func pickMembers(plan: KindTeamPlan, from free: [DepartmentCode: [Int]], order: CandidateOrder, partners: [[Int]]) -> [Int]? {
        let leadDept = plan.rule.lead
        let leads = free[leadDept] ?? []
        guard let lead = leads.min(by: order.leadPrecedes) else { return nil }
        var members = [lead]
        let colleagues = (plan.required[leadDept] ?? 1) - 1
        // The lead's drawn partner comes along when free: the draw decided who works together.
        let drawnPartners = Array(partners[lead].filter { leads.contains($0) }.prefix(colleagues))
        members += drawnPartners
        members += order.best(colleagues - drawnPartners.count, of: leads.filter { $0 != lead && !drawnPartners.contains($0) }, lead: lead)
        var done: Set<DepartmentCode> = [leadDept]
        for d in plan.rule.assisting where done.insert(d).inserted {
            members += order.best(plan.required[d] ?? 0, of: free[d] ?? [], lead: lead)
        }
        return members
    }

    private static func makeTeam(members: [PlannerInspector], plan: KindTeamPlan, shift: ParsedShift, day: Int,
                                 rules: [TargetKind: TeamRule], labels: inout TeamLabels) -> RoutingTeam {
        let departments = members.map(\.department)
        var kinds: [TargetKind] = []
        for k in shift.template.kinds where !kinds.contains(k) && (rules[k]?.isSatisfied(by: departments) ?? false) { kinds.append(k) }
        let teamMembers = members.enumerated().map { i, p -> TeamMember in
            var m = p.asMember
            m.isLead = i == 0
            return m
        }
        return RoutingTeam(label: labels.next(day: day, shift: shift.template.name, lead: plan.rule.lead), day: day,
                           shiftName: shift.template.name, shiftStart: day * 1440 + shift.start, shiftEnd: day * 1440 + shift.end,
                           depot: members[0].depot, kinds: kinds, members: teamMembers)
    }
}
