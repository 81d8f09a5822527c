import Foundation

/// The routing problem the planner solves once targets are scored and teams are formed: a team
/// orienteering problem with time windows. Time is whole minutes from the campaign epoch (00:00
/// China Standard Time on the campaign's first day), so day `d` starts at minute `d * 1440`.
///
/// This is also the documented instance format of `sweep bench plan --write-instances` (JSON,
/// snake_case keys; see docs/planning.md): other solvers can be compared on exactly the same input.
public struct RoutingInstance: Sendable, Hashable, Codable {
    public static let formatVersion = 1
    public var formatVersion: Int = RoutingInstance.formatVersion
    public var targets: [RoutingTarget]
    public var teams: [RoutingTeam]
    public var travel: TravelModel
    /// Team rules the evaluator checks team composition against.
    public var rules: [TeamRule]

    public init(targets: [RoutingTarget], teams: [RoutingTeam], travel: TravelModel, rules: [TeamRule] = TeamRule.defaults) {
        self.targets = targets
        self.teams = teams
        self.travel = travel
        self.rules = rules
    }
}

/// Straight-line distance × detour factor at a constant speed, rounded up to whole minutes.
public struct TravelModel: Sendable, Hashable, Codable {
    public var speedKmh: Double
    public var detourFactor: Double

    public init(speedKmh: Double = 25, detourFactor: Double = 1.35) {
        self.speedKmh = speedKmh
        self.detourFactor = detourFactor
    }

    /// Travel minutes between two points (0 for the same point).
    public func minutes(from a: GeoPoint, to b: GeoPoint) -> Int {
        let metres = a.distance(to: b) * detourFactor
        if metres <= 0 { return 0 }
        return Int((metres / (speedKmh * 1000.0 / 60.0)).rounded(.up))
    }
}

/// Daily opening hours in minutes of the day; `closeMinute` above 1440 crosses midnight
/// (22:00–06:00 is 1320...1800). Nil hours on a target mean "no declared hours": visit any time.
public struct DailyHours: Sendable, Hashable, Codable {
    public var openMinute: Int
    public var closeMinute: Int

    public init(openMinute: Int, closeMinute: Int) {
        self.openMinute = openMinute
        self.closeMinute = closeMinute
    }

    /// Parses `HH:MM-HH:MM` (already validated by `OpeningHours.problem`); nil when malformed.
    public init?(text: String) {
        guard OpeningHours.problem(text) == nil else { return nil }
        let u = Array(text.utf8).map { Int($0) - 0x30 }
        let open = (u[0] * 10 + u[1]) * 60 + u[3] * 10 + u[4]
        var close = (u[6] * 10 + u[7]) * 60 + u[9] * 10 + u[10]
        if close <= open { close += 1440 }
        self.init(openMinute: open, closeMinute: close)
    }

    /// Whether a visit occupying [start, end] (absolute campaign minutes) lies inside one opening
    /// period: the venue must be open on arrival and still open when the team leaves.
    public func contains(start: Int, end: Int) -> Bool {
        // The opening period that could hold `start` began on start's day or on the day before
        // (for hours that cross midnight).
        let day = Int((Double(start) / 1440).rounded(.down))
        for d in [day - 1, day] {
            let open = d * 1440 + openMinute, close = d * 1440 + closeMinute
            if start >= open && end <= close { return true }
        }
        return false
    }

    /// The earliest start ≥ `start` at which a visit of `duration` minutes fits, or nil if none
    /// before `limit`.
    public func earliestStart(atOrAfter start: Int, duration: Int, limit: Int) -> Int? {
        if contains(start: start, end: start + duration) { return start }
        let day = Int((Double(start) / 1440).rounded(.down))
        for d in (day - 1)...(day + 1) {
            let open = d * 1440 + openMinute
            if open >= start && open <= limit && contains(start: open, end: open + duration) { return open }
        }
        return nil
    }
}

/// One venue that may be visited.
public struct RoutingTarget: Sendable, Hashable, Codable {
    public var venueId: Int64
    public var kind: TargetKind
    public var location: GeoPoint
    /// What covering it is worth (risk score, or the must-visit bonus added by the planner).
    public var value: Double
    public var serviceMinutes: Int
    public var hours: DailyHours?
    /// Quota targets (random draw, re-inspection due, near a school): the planner adds a large
    /// bonus so they are preferred, then reports any it could not place.
    public var mustVisit: Bool
    /// Operator key for recusal: an inspector who declared a conflict with the operator may not visit.
    public var operatorKey: String?

    public init(venueId: Int64, kind: TargetKind, location: GeoPoint, value: Double, serviceMinutes: Int,
                hours: DailyHours? = nil, mustVisit: Bool = false, operatorKey: String? = nil) {
        self.venueId = venueId
        self.kind = kind
        self.location = location
        self.value = value
        self.serviceMinutes = serviceMinutes
        self.hours = hours
        self.mustVisit = mustVisit
        self.operatorKey = operatorKey
    }
}

/// One officer on a team.
public struct TeamMember: Sendable, Hashable, Codable {
    public var inspectorId: Int64
    public var department: DepartmentCode
    public var isLead: Bool
    /// Venues and operators this officer declared a conflict of interest with (行政处罚法 43).
    public var conflictVenueIds: [Int64]
    public var conflictOperatorKeys: [String]

    public init(inspectorId: Int64, department: DepartmentCode, isLead: Bool = false,
                conflictVenueIds: [Int64] = [], conflictOperatorKeys: [String] = []) {
        self.inspectorId = inspectorId
        self.department = department
        self.isLead = isLead
        self.conflictVenueIds = conflictVenueIds
        self.conflictOperatorKeys = conflictOperatorKeys
    }
}

/// One team on one shift: the "vehicle" of the orienteering problem.
public struct RoutingTeam: Sendable, Hashable, Codable {
    /// Stable label, e.g. "D03-evening-CUL-2".
    public var label: String
    public var day: Int
    public var shiftName: String
    /// Absolute campaign minutes; the team leaves the depot at `shiftStart` and is back by `shiftEnd`.
    public var shiftStart: Int
    public var shiftEnd: Int
    public var depot: GeoPoint
    /// Target kinds this team may visit (its composition satisfies their rules and the shift serves them).
    public var kinds: [TargetKind]
    public var members: [TeamMember]

    public init(label: String, day: Int, shiftName: String, shiftStart: Int, shiftEnd: Int, depot: GeoPoint,
                kinds: [TargetKind], members: [TeamMember]) {
        self.label = label
        self.day = day
        self.shiftName = shiftName
        self.shiftStart = shiftStart
        self.shiftEnd = shiftEnd
        self.depot = depot
        self.kinds = kinds
        self.members = members
    }

    /// Whether any member must recuse from the target.
    public func mustRecuse(from target: RoutingTarget) -> Bool {
        members.contains { m in
            m.conflictVenueIds.contains(target.venueId) || (target.operatorKey.map { m.conflictOperatorKeys.contains($0) } ?? false)
        }
    }

    public func canVisit(_ target: RoutingTarget) -> Bool {
        kinds.contains(target.kind) && !mustRecuse(from: target)
    }
}

/// A solution: one ordered list of target indices per team (same order as `instance.teams`).
public struct RoutingSolution: Sendable, Hashable, Codable {
    public var routes: [[Int]]

    public init(routes: [[Int]]) {
        self.routes = routes
    }

    public static func empty(for instance: RoutingInstance) -> RoutingSolution {
        RoutingSolution(routes: Array(repeating: [], count: instance.teams.count))
    }
}

/// One timed visit of a route.
public struct ScheduledVisit: Sendable, Hashable, Codable {
    public var target: Int
    public var travelMinutes: Int
    /// When the team arrives; the visit starts at `start` (≥ arrival when it waits for opening).
    public var arrival: Int
    public var start: Int
    public var end: Int
}

/// The timetable of one route, or why it does not fit.
public enum RouteSchedule: Sendable, Hashable {
    case feasible(visits: [ScheduledVisit], returnMinute: Int)
    case infeasible(reason: String)

    /// Times a route: leave the depot at shift start, travel, wait for opening if needed, serve, and
    /// return to the depot by shift end. Every consumer (solver, evaluator, repair, output) uses this
    /// one function so that "feasible" means the same thing everywhere.
    public static func compute(route: [Int], team: RoutingTeam, instance: RoutingInstance) -> RouteSchedule {
        var clock = team.shiftStart
        var position = team.depot
        var visits: [ScheduledVisit] = []
        visits.reserveCapacity(route.count)
        for index in route {
            guard instance.targets.indices.contains(index) else { return .infeasible(reason: "target index \(index) does not exist") }
            let target = instance.targets[index]
            let travel = instance.travel.minutes(from: position, to: target.location)
            let arrival = clock + travel
            var start = arrival
            if let hours = target.hours {
                guard let open = hours.earliestStart(atOrAfter: arrival, duration: target.serviceMinutes, limit: team.shiftEnd) else {
                    return .infeasible(reason: "venue \(target.venueId) is not open for a \(target.serviceMinutes)-minute visit after minute \(arrival)")
                }
                start = open
            }
            let end = start + target.serviceMinutes
            if end > team.shiftEnd { return .infeasible(reason: "visit to venue \(target.venueId) ends after the shift") }
            visits.append(ScheduledVisit(target: index, travelMinutes: travel, arrival: arrival, start: start, end: end))
            clock = end
            position = target.location
        }
        let back = clock + instance.travel.minutes(from: position, to: team.depot)
        if back > team.shiftEnd { return .infeasible(reason: "the team is back at the depot \(back - team.shiftEnd) minutes after the shift ends") }
        return .feasible(visits: visits, returnMinute: back)
    }
}
