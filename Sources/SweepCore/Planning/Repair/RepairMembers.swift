extension RepairWorkspace {
    /// Whether officers of these departments may serve a kind under the instance's first rule for
    /// it; a kind without a rule is never served, as the evaluator reads it.
    func serves(_ kind: TargetKind, departments: [DepartmentCode]) -> Bool {
        instance.rules.first { $0.kind == kind }?.isSatisfied(by: departments) ?? false
    }

    /// Days of the non-cancelled teams the inspector is on.
    func shiftDays(of id: Int64) -> [Int] {
        (memberships[id] ?? []).filter { !cancelled.contains($0) }.map { instance.teams[$0].day }
    }

    /// A same-department inspector from the pool who may take `member`'s place on team `t`:
    /// out of no change, schedulable that day, on no other team that day or at an overlapping time,
    /// under the weekly cap, and without a conflict with any stop of the route.
    ///
    /// The weekly cap is checked on every 7-day window holding the day, because the instance does
    /// not know where calendar weeks begin; this is stricter than Monday–Sunday weeks, never looser.
    /// Preference: the leaving member's district, then fewest shifts in the plan, then id.
    func replacement(for member: TeamMember, team t: Int, changes: PlanChanges) -> PlannerInspector? {
        let team = instance.teams[t]
        let stops = routes[t].map { instance.targets[$0] }
        let leaving = pool[member.inspectorId]
        var best: (candidate: PlannerInspector, key: (Int, Int, Int64))?
        for p in pool.values where p.department == member.department {
            guard !team.members.contains(where: { $0.inspectorId == p.id }), !changes.isDropped(p.id, on: team.day),
                  p.isSchedulable(on: team.day) else { continue }
            let conflicted = stops.contains { s in
                p.conflictVenueIds.contains(s.venueId) || (s.operatorKey.map { p.conflictOperatorKeys.contains($0) } ?? false)
            }
            guard !conflicted else { continue }
            let busy = (memberships[p.id] ?? []).contains { o in o != t && !cancelled.contains(o) && clashes(t, with: o) }
            guard !busy else { continue }
            let days = shiftDays(of: p.id)
            let overCap = ((team.day - 6)...team.day).contains { start in
                days.filter { (start...(start + 6)).contains($0) }.count + 1 > p.maxShiftsPerWeek
            }
            guard !overCap else { continue }
            let key = (p.districtName == leaving?.districtName ? 0 : 1, days.count, p.id)
            if let b = best, b.key <= key { continue }
            best = (p, key)
        }
        return best?.candidate
    }

    /// Replaces or removes every member of team `t` who is out on its day. Returns the stops the
    /// team can no longer make (all of them when it is cancelled).
    mutating func handleDropouts(team t: Int, changes: PlanChanges) -> [Int] {
        let before = instance.teams[t]
        var lost: [TeamMember] = []
        for m in before.members where changes.isDropped(m.inspectorId, on: before.day) {
            // Earlier replacements never bring in someone already on the team, so m is still there.
            guard let i = instance.teams[t].members.firstIndex(of: m) else { continue }
            if let r = replacement(for: m, team: t, changes: changes) {
                var joining = r.asMember
                joining.isLead = m.isLead
                setMember(team: t, at: i, to: joining)
                record(.memberReplaced, team: t, inspectors: [m.inspectorId, r.id],
                       "\(teamName(t)): \(inspectorName(m.inspectorId, department: m.department)) is out; "
                       + "\(inspectorName(r.id, department: r.department)) takes the place\(m.isLead ? " and leads the team" : "")")
            } else {
                setMember(team: t, at: i, to: nil)
                lost.append(m)
            }
        }
        guard !lost.isEmpty else { return [] }

        let departments = instance.teams[t].members.map(\.department)
        let still = before.kinds.filter { serves($0, departments: departments) }
        let dropped = before.kinds.filter { !still.contains($0) }
        instance.teams[t].kinds = still
        appointLead(team: t, formerLead: before.members.first(where: \.isLead))
        let why = dropped.map { k -> String in
            let gap = instance.rules.first { $0.kind == k }?.shortfall(for: departments) ?? "a team rule"
            return "\(k.label) (needs \(gap))"
        }.joined(separator: ", ")
        for m in lost {
            let tail = dropped.isEmpty ? "the team continues without them" : "the team can no longer do \(why)"
            record(.memberRemoved, team: t, inspectors: [m.inspectorId],
                   "\(teamName(t)): \(inspectorName(m.inspectorId, department: m.department)) is out and no free \(m.department) inspector "
                   + "without a conflict can step in; \(tail)")
        }

        if still.isEmpty {
            let stops = routes[t]
            routes[t] = []
            cancelled.insert(t)
            record(.teamCancelled, team: t, inspectors: instance.teams[t].members.map(\.inspectorId),
                   "\(teamName(t)) cancelled: it no longer meets the rule for \(why); \(stops.count) stop(s) to re-plan, "
                   + "\(instance.teams[t].members.count) member(s) released")
            return stops
        }
        let displaced = routes[t].filter { !still.contains(instance.targets[$0].kind) }
        guard !displaced.isEmpty else { return [] }
        routes[t].removeAll { displaced.contains($0) }
        freed.insert(t)
        return displaced + retime(team: t)
    }

    /// Keeps exactly one lead: the former lead if still on the team, else the first remaining
    /// officer of a department that leads one of the kinds the team still serves.
    private mutating func appointLead(team t: Int, formerLead: TeamMember?) {
        let members = instance.teams[t].members
        guard !members.isEmpty else { return }
        if let f = formerLead, members.contains(where: { $0.inspectorId == f.inspectorId && $0.isLead }) { return }
        let leads = Set(instance.teams[t].kinds.compactMap { k in instance.rules.first { $0.kind == k }?.lead })
        let chosen = members.firstIndex { leads.contains($0.department) }
            ?? members.firstIndex { $0.department == formerLead?.department } ?? 0
        for i in members.indices { instance.teams[t].members[i].isLead = i == chosen }
    }
}
