import Foundation

/// How a campaign chooses its targets.
public enum SelectionMode: String, Sendable, Codable, CaseIterable {
    /// Highest risk first; quotas are must-visits.
    case risk
    /// 双随机: only randomly drawn targets (plus re-inspections due), inspectors grouped at random.
    case random
    /// Random draw per `random_draw` fractions as must-visits, the remaining capacity by risk.
    case mixed
}

/// What a coordinator submits to create a campaign (POST /v1/campaigns, `sweep campaign create`).
public struct CampaignSpec: Sendable, Hashable, Codable {
    public var name: String
    /// Jurisdiction codes; a city includes its districts.
    public var jurisdictions: [String]
    /// `YYYY-MM-DD`, China Standard Time days, inclusive.
    public var startsOn: String
    public var endsOn: String
    public var targetKinds: [TargetKind]
    public var selectionMode: SelectionMode
    public var settings: CampaignSettings

    public init(name: String, jurisdictions: [String], startsOn: String, endsOn: String, targetKinds: [TargetKind],
                selectionMode: SelectionMode = .risk, settings: CampaignSettings = CampaignSettings()) {
        self.name = name
        self.jurisdictions = jurisdictions
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.targetKinds = targetKinds
        self.selectionMode = selectionMode
        self.settings = settings
    }

    enum CodingKeys: String, CodingKey {
        case name, jurisdictions, startsOn, endsOn, targetKinds, selectionMode, settings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        jurisdictions = try c.decode([String].self, forKey: .jurisdictions)
        startsOn = try c.decode(String.self, forKey: .startsOn)
        endsOn = try c.decode(String.self, forKey: .endsOn)
        targetKinds = try c.decodeIfPresent([TargetKind].self, forKey: .targetKinds) ?? TargetKind.allCases
        selectionMode = try c.decodeIfPresent(SelectionMode.self, forKey: .selectionMode) ?? .risk
        settings = try c.decodeIfPresent(CampaignSettings.self, forKey: .settings) ?? CampaignSettings()
    }

    /// The longest campaign one plan covers; longer operations are split into several campaigns.
    public static let maxDays = 62

    /// Every problem, with the JSON path of the field (`settings.shift_templates[1].start`).
    /// `today` is the current China Standard Time day: a window that ended before it is refused.
    public func validate(today: String) throws {
        var issues: [FieldIssue] = []
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init(location: "name", reason: "must not be empty")) }
        if jurisdictions.isEmpty { issues.append(.init(location: "jurisdictions", reason: "name at least one jurisdiction code (district or city)")) }
        let start = ISODay.parse(startsOn), end = ISODay.parse(endsOn)
        if start == nil { issues.append(.init(location: "starts_on", reason: "\"\(startsOn)\" is not a date; write YYYY-MM-DD")) }
        if end == nil { issues.append(.init(location: "ends_on", reason: "\"\(endsOn)\" is not a date; write YYYY-MM-DD")) }
        if let start, let end {
            if end < start { issues.append(.init(location: "ends_on", reason: "\(endsOn) is before starts_on \(startsOn)")) }
            let days = Int((end.timeIntervalSince(start) / 86_400).rounded()) + 1
            if days > Self.maxDays { issues.append(.init(location: "ends_on", reason: "the window is \(days) days; at most \(Self.maxDays) per campaign — split it")) }
            if let todayDate = ISODay.parse(today), end < todayDate {
                issues.append(.init(location: "ends_on", reason: "the window \(startsOn)..\(endsOn) is in the past (today is \(today)); move it to today or later"))
            }
        }
        if targetKinds.isEmpty { issues.append(.init(location: "target_kinds", reason: "name at least one of \(TargetKind.allCases.map(\.rawValue).joined(separator: ", "))")) }
        if Set(targetKinds).count != targetKinds.count { issues.append(.init(location: "target_kinds", reason: "lists a kind twice")) }
        issues += settings.issues(targetKinds: targetKinds, mode: selectionMode)
        if !issues.isEmpty { throw SweepError.invalid(issues) }
    }
}

/// Tunables of a campaign, all with defaults from the domain notes (local practice, so data).
public struct CampaignSettings: Sendable, Hashable, Codable {
    /// Quota: every target of these kinds within this many metres of a school is visited at least once.
    public var nearSchoolMetres: Double?
    public var nearSchoolKinds: [TargetKind]
    /// Quota (双随机): fraction of each kind's targets drawn at random, stratified by kind × district.
    public var randomDraw: [String: Double]
    public var shiftTemplates: [ShiftTemplate]
    /// Overrides of the stored team rules, per kind.
    public var teamRules: [TeamRule]
    public var speedKmh: Double
    public var detourFactor: Double
    public var serviceMinutes: [String: Int]
    /// Value multiplier per kind, so a campaign can weight cafés above tobacco or the reverse.
    public var kindWeights: [String: Double]
    /// Solver time cap and iteration budget.
    public var timeLimitSeconds: Double
    /// Days after a visit in this campaign before the same venue may be planned again (re-inspections due are exempt).
    public var revisitAfterDays: Int?

    public init(nearSchoolMetres: Double? = nil, nearSchoolKinds: [TargetKind] = [], randomDraw: [String: Double] = [:],
                shiftTemplates: [ShiftTemplate] = ShiftTemplate.defaults, teamRules: [TeamRule] = [], speedKmh: Double = 25,
                detourFactor: Double = 1.35, serviceMinutes: [String: Int] = [:], kindWeights: [String: Double] = [:],
                timeLimitSeconds: Double = 8, revisitAfterDays: Int? = nil) {
        self.nearSchoolMetres = nearSchoolMetres
        self.nearSchoolKinds = nearSchoolKinds
        self.randomDraw = randomDraw
        self.shiftTemplates = shiftTemplates
        self.teamRules = teamRules
        self.speedKmh = speedKmh
        self.detourFactor = detourFactor
        self.serviceMinutes = serviceMinutes
        self.kindWeights = kindWeights
        self.timeLimitSeconds = timeLimitSeconds
        self.revisitAfterDays = revisitAfterDays
    }

    enum CodingKeys: String, CodingKey {
        case nearSchoolMetres, nearSchoolKinds, randomDraw, shiftTemplates, teamRules, speedKmh, detourFactor, serviceMinutes,
             kindWeights, timeLimitSeconds, revisitAfterDays
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CampaignSettings()
        nearSchoolMetres = try c.decodeIfPresent(Double.self, forKey: .nearSchoolMetres)
        nearSchoolKinds = try c.decodeIfPresent([TargetKind].self, forKey: .nearSchoolKinds) ?? d.nearSchoolKinds
        randomDraw = try c.decodeIfPresent([String: Double].self, forKey: .randomDraw) ?? d.randomDraw
        shiftTemplates = try c.decodeIfPresent([ShiftTemplate].self, forKey: .shiftTemplates) ?? d.shiftTemplates
        teamRules = try c.decodeIfPresent([TeamRule].self, forKey: .teamRules) ?? d.teamRules
        speedKmh = try c.decodeIfPresent(Double.self, forKey: .speedKmh) ?? d.speedKmh
        detourFactor = try c.decodeIfPresent(Double.self, forKey: .detourFactor) ?? d.detourFactor
        serviceMinutes = try c.decodeIfPresent([String: Int].self, forKey: .serviceMinutes) ?? d.serviceMinutes
        kindWeights = try c.decodeIfPresent([String: Double].self, forKey: .kindWeights) ?? d.kindWeights
        timeLimitSeconds = try c.decodeIfPresent(Double.self, forKey: .timeLimitSeconds) ?? d.timeLimitSeconds
        revisitAfterDays = try c.decodeIfPresent(Int.self, forKey: .revisitAfterDays)
    }

    public static let defaultServiceMinutes: [TargetKind: Int] = [.licensedCafe: 30, .unlicensedCafe: 45, .tobaccoRetail: 15]

    public func service(for kind: TargetKind) -> Int { serviceMinutes[kind.rawValue] ?? Self.defaultServiceMinutes[kind] ?? 30 }
    public func weight(for kind: TargetKind) -> Double { kindWeights[kind.rawValue] ?? 1 }
    public var travel: TravelModel { TravelModel(speedKmh: speedKmh, detourFactor: detourFactor) }

    /// Stored rules with this campaign's overrides applied.
    public func rules(stored: [TeamRule]) -> [TeamRule] {
        var byKind = Dictionary(stored.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
        for r in teamRules { byKind[r.kind] = r }
        return byKind.values.sorted { $0.kind < $1.kind }
    }

    func issues(targetKinds: [TargetKind], mode: SelectionMode) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let p = "settings."
        let kindNames = TargetKind.allCases.map(\.rawValue).joined(separator: ", ")
        if let m = nearSchoolMetres, !(m > 0 && m <= 5_000) { issues.append(.init(location: p + "near_school_metres", reason: "must be in (0, 5000] metres")) }
        if nearSchoolMetres != nil && nearSchoolKinds.isEmpty { issues.append(.init(location: p + "near_school_kinds", reason: "name the kinds the near-school quota applies to")) }
        for (k, f) in randomDraw.sorted(by: { $0.key < $1.key }) {
            if TargetKind(rawValue: k) == nil { issues.append(.init(location: p + "random_draw.\(k)", reason: "unknown target kind; use \(kindNames)")) }
            if !(f > 0 && f <= 1) { issues.append(.init(location: p + "random_draw.\(k)", reason: "fraction must be in (0, 1], e.g. 0.1 for 10%")) }
        }
        if mode == .mixed && randomDraw.isEmpty { issues.append(.init(location: p + "random_draw", reason: "mixed mode needs random-draw fractions per kind, e.g. {\"tobacco_retail\": 0.1}")) }
        if shiftTemplates.isEmpty { issues.append(.init(location: p + "shift_templates", reason: "at least one shift template is needed")) }
        for (i, t) in shiftTemplates.enumerated() {
            let at = p + "shift_templates[\(i)]"
            if t.name.isEmpty { issues.append(.init(location: at + ".name", reason: "must not be empty")) }
            if t.minutes == nil { issues.append(.init(location: at + ".start", reason: "start \"\(t.start)\" / end \"\(t.end)\" must be HH:MM")) }
            if let m = t.minutes, m.end - m.start > 14 * 60 { issues.append(.init(location: at + ".end", reason: "a shift longer than 14 hours is not a shift")) }
            if t.kinds.isEmpty { issues.append(.init(location: at + ".kinds", reason: "name the target kinds this shift serves")) }
            if t.weekdays.isEmpty || t.weekdays.contains(where: { !(1...7).contains($0) }) {
                issues.append(.init(location: at + ".weekdays", reason: "ISO weekdays 1 (Monday) … 7 (Sunday), at least one"))
            }
        }
        if Set(shiftTemplates.map(\.name)).count != shiftTemplates.count { issues.append(.init(location: p + "shift_templates", reason: "template names must be unique")) }
        for kind in targetKinds where !shiftTemplates.contains(where: { $0.kinds.contains(kind) }) {
            issues.append(.init(location: p + "shift_templates", reason: "no shift template serves \(kind.rawValue); add one or drop the kind"))
        }
        for (i, r) in teamRules.enumerated() where r.minLeadOfficers < 2 {
            issues.append(.init(location: p + "team_rules[\(i)].min_lead_officers", reason: "at least two certified officers per enforcement action (行政处罚法 42)"))
        }
        if !(speedKmh >= 3 && speedKmh <= 80) { issues.append(.init(location: p + "speed_kmh", reason: "must be 3–80 km/h")) }
        if !(detourFactor >= 1 && detourFactor <= 3) { issues.append(.init(location: p + "detour_factor", reason: "must be 1–3")) }
        for (k, m) in serviceMinutes.sorted(by: { $0.key < $1.key }) {
            if TargetKind(rawValue: k) == nil { issues.append(.init(location: p + "service_minutes.\(k)", reason: "unknown target kind; use \(kindNames)")) }
            if !(5...240).contains(m) { issues.append(.init(location: p + "service_minutes.\(k)", reason: "must be 5–240 minutes")) }
        }
        for (k, w) in kindWeights.sorted(by: { $0.key < $1.key }) {
            if TargetKind(rawValue: k) == nil { issues.append(.init(location: p + "kind_weights.\(k)", reason: "unknown target kind; use \(kindNames)")) }
            if !(w >= 0 && w <= 100) { issues.append(.init(location: p + "kind_weights.\(k)", reason: "must be 0–100")) }
        }
        if !(timeLimitSeconds > 0 && timeLimitSeconds <= 600) { issues.append(.init(location: p + "time_limit_seconds", reason: "must be in (0, 600]")) }
        if let r = revisitAfterDays, r < 0 { issues.append(.init(location: p + "revisit_after_days", reason: "must be ≥ 0")) }
        return issues
    }
}

/// A stored campaign.
public struct CampaignRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var spec: CampaignSpec
    public var status: String
    public var createdAt: Date

    public init(id: Int64, spec: CampaignSpec, status: String, createdAt: Date) {
        self.id = id
        self.spec = spec
        self.status = status
        self.createdAt = createdAt
    }
}
