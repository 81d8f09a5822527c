import Foundation

/// How a stop of a dispatched sweep ended, or that it has not yet.
public enum StopState: String, Sendable, Codable, CaseIterable {
    /// Inspected: the visit is on record and linked to the stop.
    case visited
    case venueClosed = "venue_closed"
    case notFound = "not_found"
    case entryRefused = "entry_refused"
    /// The sweep was marked done without a visit on record.
    case missed
    /// The sweep is out and no visit is on record yet.
    case pending

    /// The state a stop is in: a linked visit decides (even one filed after the sweep was marked
    /// done), else whether its sweep is done.
    public static func of(outcome: InspectionOutcome?, sweepDone: Bool) -> StopState {
        switch outcome {
        case .inspected?: .visited
        case .venueClosed?: .venueClosed
        case .notFound?: .notFound
        case .entryRefused?: .entryRefused
        case nil: sweepDone ? .missed : .pending
        }
    }
}

/// One stop of a dispatched or finished sweep, as progress counts it.
public struct StopProgressFacts: Sendable, Hashable {
    public var day: String
    public var team: String
    public var district: String
    public var kind: String
    public var state: StopState
    public var violations: Int
    /// ISO week of the day, `2026-W49`.
    public var week: String = ""
    /// How the stop was chosen: `risk`, `random_draw`, `reinspection_due`, `near_school_quota` …
    public var method: String = ""
    /// Cases from the visit closed by the moment the progress reflects.
    public var casesClosed = 0
    /// The department of each violation found.
    public var violationDepartments: [String] = []

    public init(day: String, team: String, district: String, kind: String, state: StopState, violations: Int) {
        self.day = day
        self.team = team
        self.district = district
        self.kind = kind
        self.state = state
        self.violations = violations
    }
}

/// Counts for one group of stops.
public struct ProgressCounts: Sendable, Hashable, Codable {
    public var planned = 0
    public var visited = 0
    public var venueClosed = 0
    public var notFound = 0
    public var entryRefused = 0
    public var missed = 0
    public var pending = 0
    /// Violations found at the visits of these stops.
    public var violations = 0
    /// Visits that found at least one violation (the hit rate is this over `visited`).
    public var visitsWithViolation = 0
    public var casesClosed = 0

    public init() {}

    /// Stops that have ended one way or another, as a share of those planned.
    public var doneShare: Double { planned == 0 ? 0 : Double(planned - pending) / Double(planned) }

    mutating func add(_ stop: StopProgressFacts) {
        planned += 1
        violations += stop.violations
        if stop.violations > 0 { visitsWithViolation += 1 }
        casesClosed += stop.casesClosed
        switch stop.state {
        case .visited: visited += 1
        case .venueClosed: venueClosed += 1
        case .notFound: notFound += 1
        case .entryRefused: entryRefused += 1
        case .missed: missed += 1
        case .pending: pending += 1
        }
    }
}

/// A group's key and counts.
public struct ProgressGroup: Sendable, Hashable, Codable {
    public var key: String
    public var counts: ProgressCounts

    public init(key: String, counts: ProgressCounts) {
        self.key = key
        self.counts = counts
    }
}

/// How far a plan (or a campaign's plans) has got: totals, and by day, team, district and kind.
public struct PlanProgress: Sendable, Hashable, Codable {
    public var total: ProgressCounts
    public var byDay: [ProgressGroup]
    public var byTeam: [ProgressGroup]
    public var byDistrict: [ProgressGroup]
    public var byKind: [ProgressGroup]
    public var byWeek: [ProgressGroup] = []
    /// By how the venue was chosen (risk ranking, random draw, re-inspection, near-school quota): the
    /// hit rate of each, which only for the random draw estimates how common violations are.
    public var byMethod: [ProgressGroup] = []
    /// Violations found, by the department that recorded them.
    public var violationsByDepartment: [String: Int] = [:]
    /// Groups left out of a copy for leadership (fewer stops planned than the threshold); absent when none were.
    public var groupsWithheld: Int?

    /// A copy for readers under small-count suppression: a group with 1…k−1 planned stops (a day or a
    /// team that visited two cafés) points at venues, so it is left out whole and counted in
    /// `groupsWithheld`; the totals stay (primary suppression only, as for the heat map).
    public func suppressingGroups(below k: Int) -> PlanProgress {
        guard k > 1 else { return self }
        var copy = self
        var withheld = 0
        func keep(_ groups: [ProgressGroup]) -> [ProgressGroup] {
            let kept = groups.filter { $0.counts.planned == 0 || $0.counts.planned >= k }
            withheld += groups.count - kept.count
            return kept
        }
        copy.byDay = keep(byDay)
        copy.byTeam = keep(byTeam)
        copy.byDistrict = keep(byDistrict)
        copy.byKind = keep(byKind)
        copy.byWeek = keep(byWeek)
        copy.byMethod = keep(byMethod)
        copy.groupsWithheld = withheld > 0 ? withheld : nil
        return copy
    }

    public static func tally(_ stops: [StopProgressFacts]) -> PlanProgress {
        var total = ProgressCounts()
        for stop in stops { total.add(stop) }
        func group(_ key: (StopProgressFacts) -> String) -> [ProgressGroup] {
            var counts: [String: ProgressCounts] = [:]
            for stop in stops { counts[key(stop), default: ProgressCounts()].add(stop) }
            return counts.keys.sorted().map { ProgressGroup(key: $0, counts: counts[$0]!) }
        }
        var progress = PlanProgress(total: total, byDay: group(\.day), byTeam: group(\.team), byDistrict: group(\.district), byKind: group(\.kind))
        progress.byWeek = group(\.week)
        progress.byMethod = group(\.method)
        for stop in stops { for d in stop.violationDepartments { progress.violationsByDepartment[d, default: 0] += 1 } }
        return progress
    }
}
