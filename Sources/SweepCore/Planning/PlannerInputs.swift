import Foundation

/// An inspector as the planner sees one: department, home district depot, and what limits when
/// they can be scheduled. Days are campaign day indices (0 = the campaign's first day).
public struct PlannerInspector: Sendable, Hashable, Codable {
    public var id: Int64
    public var code: String
    public var name: String
    public var department: DepartmentCode
    public var jurisdictionId: Int64
    public var districtName: String
    /// Where this inspector's teams start and end (the district office).
    public var depot: GeoPoint
    /// The last campaign day on which the credential (执法证) is valid; below 0 = already expired.
    public var credentialValidThroughDay: Int
    public var unavailableDays: Set<Int>
    /// Days already taken by sweeps of other campaigns' approved or dispatched plans.
    public var bookedDays: Set<Int>
    public var maxShiftsPerWeek: Int
    public var conflictVenueIds: [Int64]
    public var conflictOperatorKeys: [String]

    public init(id: Int64, code: String, name: String, department: DepartmentCode, jurisdictionId: Int64, districtName: String,
                depot: GeoPoint, credentialValidThroughDay: Int, unavailableDays: Set<Int> = [], bookedDays: Set<Int> = [],
                maxShiftsPerWeek: Int = 5, conflictVenueIds: [Int64] = [], conflictOperatorKeys: [String] = []) {
        self.id = id
        self.code = code
        self.name = name
        self.department = department
        self.jurisdictionId = jurisdictionId
        self.districtName = districtName
        self.depot = depot
        self.credentialValidThroughDay = credentialValidThroughDay
        self.unavailableDays = unavailableDays
        self.bookedDays = bookedDays
        self.maxShiftsPerWeek = maxShiftsPerWeek
        self.conflictVenueIds = conflictVenueIds
        self.conflictOperatorKeys = conflictOperatorKeys
    }

    /// Whether the inspector may work on campaign day `day` at all (before counting shifts per week).
    public func isSchedulable(on day: Int) -> Bool {
        day <= credentialValidThroughDay && !unavailableDays.contains(day) && !bookedDays.contains(day)
    }

    public var asMember: TeamMember {
        TeamMember(inspectorId: id, department: department, conflictVenueIds: conflictVenueIds, conflictOperatorKeys: conflictOperatorKeys)
    }
}

/// A recurring shift: which target kinds it serves, on which weekdays, and when.
/// Example: café sweeps 19:00–01:00 every day and 14:00–18:00 on weekends; tobacco 07:00–08:30
/// and 16:00–18:00 on school days.
public struct ShiftTemplate: Sendable, Hashable, Codable {
    public var name: String
    public var kinds: [TargetKind]
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    public var weekdays: [Int]
    /// "HH:MM"; an end at or before the start crosses midnight.
    public var start: String
    public var end: String

    public init(name: String, kinds: [TargetKind], weekdays: [Int], start: String, end: String) {
        self.name = name
        self.kinds = kinds
        self.weekdays = weekdays
        self.start = start
        self.end = end
    }

    /// Minutes of the day for start and end (end > start; +1440 when crossing midnight), or nil if malformed.
    public var minutes: (start: Int, end: Int)? {
        func parse(_ s: String) -> Int? {
            let parts = s.split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0...59).contains(m),
                  h * 60 + m <= 1440 else { return nil }
            return h * 60 + m
        }
        guard let s = parse(start), let e = parse(end), s < 1440 else { return nil }
        return (s, e > s ? e : e + 1440)
    }

    public static let defaults: [ShiftTemplate] = [
        ShiftTemplate(name: "cafe-evening", kinds: [.licensedCafe, .unlicensedCafe], weekdays: [1, 2, 3, 4, 5, 6, 7], start: "19:00", end: "01:00"),
        ShiftTemplate(name: "cafe-weekend-afternoon", kinds: [.licensedCafe, .unlicensedCafe], weekdays: [6, 7], start: "14:00", end: "18:00"),
        ShiftTemplate(name: "tobacco-school-morning", kinds: [.tobaccoRetail], weekdays: [1, 2, 3, 4, 5], start: "07:00", end: "09:00"),
        ShiftTemplate(name: "tobacco-school-afternoon", kinds: [.tobaccoRetail], weekdays: [1, 2, 3, 4, 5], start: "15:30", end: "18:30"),
    ]
}

/// The risk facts about one venue the planner scores (gathered by the store in one query).
public struct RiskFeatures: Sendable, Hashable, Codable {
    /// Ages in days of confirmed violations at the venue (0 = today).
    public var violationAgesDays: [Int]
    /// Open cases whose rectification deadline has passed.
    public var overdueOpenCases: Int
    /// Tips about the venue not yet closed.
    public var openTips: Int
    public var nearestSchoolMetres: Double?
    public var unlicensed: Bool
    /// Days since the last inspection, nil if never inspected.
    public var daysSinceLastInspection: Int?
    /// Closed cafés this one is linked to as their likely relocation (absent in plans made before links were stored).
    public var relocationLinks: Int?

    public init(violationAgesDays: [Int] = [], overdueOpenCases: Int = 0, openTips: Int = 0, nearestSchoolMetres: Double? = nil,
                unlicensed: Bool = false, daysSinceLastInspection: Int? = nil, relocationLinks: Int? = nil) {
        self.relocationLinks = relocationLinks
        self.violationAgesDays = violationAgesDays
        self.overdueOpenCases = overdueOpenCases
        self.openTips = openTips
        self.nearestSchoolMetres = nearestSchoolMetres
        self.unlicensed = unlicensed
        self.daysSinceLastInspection = daysSinceLastInspection
    }
}
