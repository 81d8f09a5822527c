/// Everything ``TeamFormation/form(_:)`` needs. Days are campaign day indices (0 = first day).
public struct TeamFormationInput: Sendable {
    public var dayCount: Int
    /// The earliest day to staff, for re-planning a running campaign: earlier days are past and get no teams.
    public var firstDay: Int
    /// ISO weekday of day 0: 1 = Monday … 7 = Sunday. Decides which templates run on which day and
    /// where the Monday–Sunday weeks of `maxShiftsPerWeek` begin.
    public var firstWeekday: Int
    /// Malformed templates (see ``ShiftTemplate/minutes``) are ignored; validate them upstream.
    public var templates: [ShiftTemplate]
    /// The first rule per kind counts; kinds without a rule get no teams.
    public var rules: [TeamRule]
    public var inspectors: [PlannerInspector]
    /// Team-shifts wanted per kind over the whole campaign (the planner's estimate from candidate
    /// workload); fractions round up.
    public var demand: [TargetKind: Double]
    public var seed: UInt64
    /// 双随机: order candidates by a seeded shuffle instead of by district and id (load still comes first).
    public var randomGrouping: Bool
    /// The published inspector draw (random mode): its order breaks ties instead of a daily shuffle,
    /// drawn partners stay together where a rule needs two of a department, and recused inspectors
    /// are left out.
    public var inspectorDraw: InspectorDrawRecord?
    /// How diagnostics name a day, e.g. `{ "2026-12-0\($0 + 1)" }`.
    public var dayLabel: @Sendable (Int) -> String

    public init(dayCount: Int, firstDay: Int = 0, firstWeekday: Int, templates: [ShiftTemplate] = ShiftTemplate.defaults, rules: [TeamRule] = TeamRule.defaults,
                inspectors: [PlannerInspector], demand: [TargetKind: Double], seed: UInt64 = 0, randomGrouping: Bool = false,
                inspectorDraw: InspectorDrawRecord? = nil, dayLabel: @escaping @Sendable (Int) -> String = { "day \($0)" }) {
        self.dayCount = dayCount
        self.firstDay = firstDay
        self.firstWeekday = firstWeekday
        self.templates = templates
        self.rules = rules
        self.inspectors = inspectors
        self.demand = demand
        self.seed = seed
        self.randomGrouping = randomGrouping
        self.inspectorDraw = inspectorDraw
        self.dayLabel = dayLabel
    }
}
