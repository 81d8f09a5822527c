import Foundation

/// Turns a campaign's data into a plan: score → draw → must-visits → teams → routes → report.
/// Pure and deterministic for a seed (the solver's iteration budget is the normal stop).
public enum CampaignPlanner {
    /// Added to the value of a must-visit target (quota, random draw, re-inspection due) so that the
    /// solver prefers covering one over any combination of ordinary targets it could displace on a
    /// shift; large against risk scores (tens of points), small enough to keep doubles exact.
    public static let mustVisitBonus = 1_000.0
    /// Rough travel minutes per visit, used only to estimate how many team-shifts each kind needs.
    static let estimatedTravelMinutes = 12.0

    public struct Options: Sendable, Hashable {
        public var seed: UInt64
        public var now: Date
        /// Store the plan although some must-visit targets could not be placed.
        public var allowUnmetQuota: Bool
        public var weights: RiskWeights
        public var maxIterations: Int?

        public init(seed: UInt64, now: Date = Date(), allowUnmetQuota: Bool = false, weights: RiskWeights = RiskWeights(),
                    maxIterations: Int? = nil) {
            self.seed = seed
            self.now = now
            self.allowUnmetQuota = allowUnmetQuota
            self.weights = weights
            self.maxIterations = maxIterations
        }
    }

    /// Plans a campaign in steps: the routable pool, the random draw, targets with their reasons,
    /// teams, pruning, routing, and the checks on what the plan achieved.
    public static func plan(_ data: PlanningData, options: Options) throws -> PlanDraft {
        let spec = data.campaign.spec
        let settings = spec.settings
        let clock = try CampaignClock(startsOn: spec.startsOn, endsOn: spec.endsOn)
        let todayIndex = ISODay.parse(CampaignClock.today(now: options.now)).map(clock.dayIndex(of:)) ?? 0
        let firstDay = max(0, todayIndex)
        guard firstDay < clock.dayCount else {
            throw SweepError.infeasible("the campaign window \(spec.startsOn)..\(spec.endsOn) is in the past (today is \(CampaignClock.today(now: options.now))); create a campaign for dates from today on")
        }
        var report = PlanReport()
        report.candidates = data.candidates.count

        var pool = try routablePool(data, report: &report)
        let (drawn, targetDraw) = randomDraw(pool, spec: spec, seed: options.seed)
        var draw = targetDraw
        if spec.selectionMode == .random {
            pool.removeAll { drawn[$0.venueId] == nil && !$0.reinspectionDue }
            draw?.inspectors = inspectorDraw(data, drawnVenues: pool.filter { drawn[$0.venueId] != nil }, seed: options.seed)
        }
        var selection = select(pool, drawn: drawn, settings: settings, options: options)
        report.mustVisit = selection.targets.filter(\.mustVisit).count

        let formation = formTeams(data, targets: selection.targets, clock: clock, firstDay: firstDay, seed: options.seed, draw: draw?.inspectors,
                                  report: &report)
        try requireTeams(for: selection.targets, formation: formation, data: data, clock: clock, firstDay: firstDay)

        // A city has ~15,000 tobacco retailers but its teams can visit a few hundred in a fortnight:
        // hand the solver the must-visits and, per kind, only the best-valued targets up to a
        // multiple of what the teams could visit, so solver time follows capacity, not the registry.
        let kept = pruneToCapacity(selection.targets.indices.map { $0 }, targets: selection.targets, teams: formation.teams, settings: settings)
        if kept.count < selection.targets.count {
            report.warnings.append("\(selection.targets.count - kept.count) low-value candidates beyond \(Int(capacityMultiple))× the teams' capacity were not offered to the solver")
            selection = selection.keeping(kept)
        }
        let instance = RoutingInstance(targets: selection.targets, teams: formation.teams, travel: settings.travel, rules: data.rules)
        var solverOptions = SolverOptions(seed: options.seed, timeLimitSeconds: settings.timeLimitSeconds)
        if let m = options.maxIterations { solverOptions.maxIterations = m }
        let result = RoutingSolver.solve(instance, options: solverOptions)
        report.teams = formation.teams.count
        report.objective = result.objective
        report.upperBound = min(RoutingBounds.upperBound(instance), RoutingBounds.perKindUpperBound(instance))
        report.gapPercent = report.upperBound > 0 ? max(0, (report.upperBound - result.objective) / report.upperBound * 100) : 0
        report.solverIterations = result.iterations
        report.solverSeconds = result.elapsedSeconds
        report.stoppedBy = result.stoppedBy

        let visited = try account(result, selection: selection, allowUnmetQuota: options.allowUnmetQuota, report: &report)
        var drawRecord = draw
        if var d = drawRecord {
            let placed = Set(visited.map { selection.targets[$0].venueId })
            for i in d.picks.indices { d.picks[i].planned = placed.contains(d.picks[i].venueId) }
            drawRecord = d
        }
        return PlanDraft(seed: options.seed, instance: instance, solution: result.solution, reasons: selection.reasons, report: report, draw: drawRecord)
    }

    /// Targets offered to the solver, each with why it is in the plan and the candidate it came from.
    struct Selection {
        var targets: [RoutingTarget] = []
        var reasons: [SelectionReason] = []
        var candidates: [PlanningCandidate] = []

        func keeping(_ indices: [Int]) -> Selection {
            Selection(targets: indices.map { targets[$0] }, reasons: indices.map { reasons[$0] }, candidates: indices.map { candidates[$0] })
        }
    }

    /// Located candidates not yet visited in this campaign (unless a re-inspection is due or the
    /// campaign allows revisits). A must-visit without coordinates makes the plan impossible.
    static func routablePool(_ data: PlanningData, report: inout PlanReport) throws -> [PlanningCandidate] {
        let settings = data.campaign.spec.settings
        let unlocated = data.candidates.filter { $0.location == nil }
        let dueUnlocated = unlocated.filter(\.reinspectionDue)
        if !dueUnlocated.isEmpty {
            throw SweepError.infeasible("\(dueUnlocated.count) venue(s) due for re-inspection have no coordinates and cannot be routed: \(list(dueUnlocated.map(\.code))); fix: add longitude/latitude to these venues (`sweep import venues FILE.csv`) and plan again")
        }
        if !unlocated.isEmpty {
            report.warnings.append("\(unlocated.count) venue(s) without coordinates were left out (not routable, not in the random-draw frame): \(list(unlocated.map(\.code))); add coordinates with `sweep import venues`")
        }
        var pool = data.candidates.filter { $0.location != nil }
        let before = pool.count
        pool.removeAll { c in
            guard let since = c.daysSinceCampaignVisit, !c.reinspectionDue else { return false }
            if let r = settings.revisitAfterDays { return since < r }
            return true
        }
        if pool.count < before { report.warnings.append("\(before - pool.count) venue(s) already visited in this campaign were left out") }
        report.routable = pool.count
        return pool
    }

    /// The random draw (双随机), stratified by kind × district over the routable frame: the drawn
    /// venues with their stratum and its size, and the publishable record.
    static func randomDraw(_ pool: [PlanningCandidate], spec: CampaignSpec, seed: UInt64)
        -> (drawn: [Int64: (stratum: String, size: Int)], record: DrawRecord?) {
        var fractions = spec.settings.randomDraw
        if spec.selectionMode == .random && fractions.isEmpty {
            for k in spec.targetKinds { fractions[k.rawValue] = 0.1 }
        }
        guard !fractions.isEmpty else { return ([:], nil) }
        var drawn: [Int64: (stratum: String, size: Int)] = [:]
        let frame = pool.filter { fractions[$0.kind.rawValue] != nil }.map { DrawUnit(venueId: $0.venueId, stratum: stratum(of: $0)) }
        var perStratum: [String: DrawRule] = [:]
        for u in frame { perStratum[u.stratum] = .fraction(fractions[String(u.stratum.split(separator: "/")[0])] ?? 0.1) }
        let result = StratifiedDraw.draw(frame: frame, rule: .fraction(0.1), perStratum: perStratum, seed: seed)
        let sizes = result.frameSizes
        for p in result.picks { drawn[p.venueId] = (p.stratum, sizes[p.stratum] ?? 0) }
        let byID = Dictionary(pool.map { ($0.venueId, $0) }, uniquingKeysWith: { a, _ in a })
        let record = DrawRecord(seed: seed, frameDigest: result.frameDigest, strata: sizes, fractions: fractions,
                                picks: result.picks.map { DrawnVenue(stratum: $0.stratum, rank: $0.rank, venueId: $0.venueId,
                                                                      venueCode: byID[$0.venueId]?.code ?? "", venueName: byID[$0.venueId]?.name ?? "",
                                                                      planned: false) },
                                frame: StratifiedDraw.canonicalFrame(frame))
        return (drawn, record)
    }

    /// Each candidate as a routing target with its value (risk, plus a bonus for must-visits) and
    /// the reason it is in the plan: drawn, due for re-inspection, near a school, or its risk.
    static func select(_ pool: [PlanningCandidate], drawn: [Int64: (stratum: String, size: Int)], settings: CampaignSettings,
                       options: Options) -> Selection {
        var selection = Selection()
        for c in pool {
            // The pool was filtered to located candidates.
            guard let location = c.location else { continue }
            let (score, parts) = RiskScore.score(c.features, weights: options.weights)
            let risk = score * settings.weight(for: c.kind)
            var reason = SelectionReason(method: .risk, score: risk, parts: parts)
            var must = false
            if let d = drawn[c.venueId] {
                must = true
                reason = SelectionReason(method: .randomDraw, score: risk, parts: parts, stratum: d.stratum, seed: options.seed, frameSize: d.size)
            } else if c.reinspectionDue {
                must = true
                reason = SelectionReason(method: .reinspectionDue, score: risk, parts: parts, note: "rectification deadline passed (回头看)")
            } else if let m = settings.nearSchoolMetres, settings.nearSchoolKinds.contains(c.kind),
                      let d = c.features.nearestSchoolMetres, d <= m {
                must = true
                reason = SelectionReason(method: .quota, score: risk, parts: parts, note: "within \(Int(m)) m of a school: \(Int(d)) m")
            }
            selection.targets.append(RoutingTarget(venueId: c.venueId, kind: c.kind, location: location, value: risk + (must ? mustVisitBonus : 0),
                                                   serviceMinutes: settings.service(for: c.kind), hours: routableHours(c.openingHours),
                                                   mustVisit: must, operatorKey: c.operatorKey))
            selection.reasons.append(reason)
            selection.candidates.append(c)
        }
        return selection
    }

    /// Teams per day and shift, sized by each kind's workload in team-shifts.
    /// The inspector half of 双随机: the campaign's inspectors drawn into pairs within their
    /// department, those with a declared conflict with a drawn venue or its operator left out.
    static func inspectorDraw(_ data: PlanningData, drawnVenues: [PlanningCandidate], seed: UInt64) -> InspectorDrawRecord {
        let venues = Set(drawnVenues.map(\.venueId)), operators = Set(drawnVenues.compactMap(\.operatorKey))
        let result = InspectorDraw.draw(candidates: data.inspectors, seed: seed, groupSize: 2, venueIds: venues, operatorKeys: operators)
        let recused = Set(result.recused)
        let frame = data.inspectors.map { InspectorFrameEntry(id: $0.id, code: $0.code, department: $0.department, recused: recused.contains($0.id)) }
        return InspectorDrawRecord(seed: seed, groupSize: 2, frame: frame, result: result)
    }

    static func formTeams(_ data: PlanningData, targets: [RoutingTarget], clock: CampaignClock, firstDay: Int, seed: UInt64,
                          draw: InspectorDrawRecord? = nil, report: inout PlanReport) -> TeamFormationResult {
        let spec = data.campaign.spec, settings = spec.settings
        var demand: [TargetKind: Double] = [:]
        for kind in spec.targetKinds {
            let minutes = targets.filter { $0.kind == kind }.reduce(0.0) { $0 + Double($1.serviceMinutes) + estimatedTravelMinutes }
            let shiftMinutes = settings.shiftTemplates.filter { $0.kinds.contains(kind) }.compactMap { $0.minutes.map { Double($0.end - $0.start) } }
            let average = shiftMinutes.isEmpty ? 240 : shiftMinutes.reduce(0, +) / Double(shiftMinutes.count)
            demand[kind] = minutes / average
        }
        let formation = TeamFormation.form(TeamFormationInput(
            dayCount: clock.dayCount, firstDay: firstDay, firstWeekday: clock.firstWeekday, templates: settings.shiftTemplates,
            rules: data.rules, inspectors: data.inspectors, demand: demand, seed: seed,
            randomGrouping: spec.selectionMode == .random, inspectorDraw: draw, dayLabel: { clock.dayLabel($0) }))
        report.shortages = formation.diagnostics.map(\.message)
        let booked = data.inspectors.filter { !$0.bookedDays.isEmpty }.count
        if booked > 0 { report.warnings.append("\(booked) inspector(s) are booked by other campaigns' approved plans on some days of this window and were not scheduled on those days") }
        return formation
    }

    /// A kind with targets but no team that may visit them cannot be planned at all: say why.
    static func requireTeams(for targets: [RoutingTarget], formation: TeamFormationResult, data: PlanningData, clock: CampaignClock,
                             firstDay: Int) throws {
        for kind in data.campaign.spec.targetKinds where targets.contains(where: { $0.kind == kind }) {
            if !formation.teams.contains(where: { $0.kinds.contains(kind) }) {
                let why = formation.diagnostics.filter { $0.kind == kind }.map(\.message)
                let rule = data.rules.first { $0.kind == kind }
                let need = rule.map { r in r.required.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: " + ") } ?? "?"
                let departments = Set(rule.map { Array($0.required.keys) } ?? [])
                let claimed = data.inspectors.filter { departments.contains($0.department) && !$0.bookedDays.isEmpty }
                let claimedNote = claimed.isEmpty ? "" : "; \(claimed.count) \(Set(claimed.map(\.department.rawValue)).sorted().joined(separator: "/")) inspector(s) are already booked by other campaigns' approved plans in this window"
                throw SweepError.infeasible("\(kind.label) need a team of \(need) on one shift, and none can be formed in \(clock.rangeLabel(firstDay...(clock.dayCount - 1))): "
                    + (why.isEmpty ? "not enough schedulable inspectors" : why.joined(separator: "; ")) + claimedNote
                    + ". Fix: add or free inspectors of those departments (`sweep roster available`), renew expired credentials, or drop \(kind.rawValue) from the campaign")
            }
        }
    }

    /// What the routes achieved (visits, sweeps, risk and must-visits covered); unplaced
    /// must-visits refuse the plan unless the caller allows them. Returns the visited targets.
    static func account(_ result: RoutingResult, selection: Selection, allowUnmetQuota: Bool, report: inout PlanReport) throws -> Set<Int> {
        let targets = selection.targets, reasons = selection.reasons, candidateOf = selection.candidates
        var visited = Set<Int>()
        for route in result.solution.routes { visited.formUnion(route) }
        report.visits = visited.count
        report.sweeps = result.solution.routes.filter { !$0.isEmpty }.count
        report.riskCovered = visited.reduce(0) { $0 + reasons[$1].score }
        let missed = targets.indices.filter { targets[$0].mustVisit && !visited.contains($0) }
        report.mustVisitCovered = report.mustVisit - missed.count
        report.unplacedMustVisit = missed.map { "\(candidateOf[$0].code) \(candidateOf[$0].name) (\(candidateOf[$0].districtName)): \(reasons[$0].summary)" }
        if !missed.isEmpty && !allowUnmetQuota {
            let minutes = missed.reduce(0.0) { $0 + Double(targets[$1].serviceMinutes) + estimatedTravelMinutes }
            var byKind: [TargetKind: Int] = [:]
            for i in missed { byKind[targets[i].kind, default: 0] += 1 }
            let kinds = byKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
            throw SweepError.infeasible("quota cannot be met: \(missed.count) of \(report.mustVisit) must-visit targets could not be placed (\(kinds)); "
                + "they need about \(Int((minutes / 60).rounded(.up))) more team-hours. Fix: add or free inspectors, extend the window, add shift templates, or lower the quota; "
                + "or pass --allow-unmet-quota to store the plan with them listed as unplaced. First ones: \(list(report.unplacedMustVisit, limit: 5))"
                + (report.shortages.isEmpty ? "" : ". Team shortages: \(list(report.shortages, limit: 3))"))
        }
        return visited
    }

    /// How many times the teams' estimated visit capacity (per kind) the solver is offered.
    static let capacityMultiple = 3.0

    /// Indices to keep: every must-visit, and per kind the highest-valued others up to
    /// `capacityMultiple` × the visits the teams serving that kind could make (ties by venue id).
    static func pruneToCapacity(_ indices: [Int], targets: [RoutingTarget], teams: [RoutingTeam], settings: CampaignSettings) -> [Int] {
        var capacity: [TargetKind: Double] = [:]
        for team in teams {
            for kind in team.kinds {
                capacity[kind, default: 0] += Double(team.shiftEnd - team.shiftStart) / (Double(settings.service(for: kind)) + estimatedTravelMinutes)
            }
        }
        var keep = Set(indices.filter { targets[$0].mustVisit })
        for kind in TargetKind.allCases {
            let limit = Int((capacity[kind, default: 0] * capacityMultiple).rounded(.up))
            let ranked = indices.filter { targets[$0].kind == kind && !targets[$0].mustVisit }
                .sorted { (targets[$0].value, -targets[$0].venueId) > (targets[$1].value, -targets[$1].venueId) }
            keep.formUnion(ranked.prefix(limit))
        }
        return indices.filter { keep.contains($0) }
    }

    /// Declared hours as a routing window; round-the-clock hours (00:00-24:00) become "no window",
    /// because a daily period ending at midnight would forbid a visit that spans it.
    static func routableHours(_ text: String?) -> DailyHours? {
        guard let hours = text.flatMap(DailyHours.init(text:)), hours.closeMinute - hours.openMinute < 1440 else { return nil }
        return hours
    }

    /// Strata of the random draw: target kind × district.
    static func stratum(of c: PlanningCandidate) -> String { "\(c.kind.rawValue)/\(c.districtCode)" }

    static func list(_ items: [String], limit: Int = 10) -> String {
        items.prefix(limit).joined(separator: ", ") + (items.count > limit ? " … and \(items.count - limit) more" : "")
    }
}
