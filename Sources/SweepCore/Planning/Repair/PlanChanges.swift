/// What happened after a plan was made: inspectors who dropped out and venues found closed.
public struct PlanChanges: Sendable, Hashable, Codable {
    /// Inspector id → the campaign days they are out, or nil when they are out for the whole plan.
    public var droppedInspectors: [Int64: Set<Int>?]
    public var closedVenues: Set<Int64>
    /// Whether to give teams that lost stops new targets. Off by default: a coordinator wants the
    /// plan the teams already know to change as little as possible.
    public var fillFreedTime: Bool

    public init(droppedInspectors: [Int64: Set<Int>?] = [:], closedVenues: Set<Int64> = [], fillFreedTime: Bool = false) {
        self.droppedInspectors = droppedInspectors
        self.closedVenues = closedVenues
        self.fillFreedTime = fillFreedTime
    }

    /// Marks an inspector as out on `days`, or on every day when `days` is nil (added to any days already given).
    ///
    /// Prefer this to the subscript: `droppedInspectors[id] = nil` removes the entry instead of
    /// storing "every day", because the dictionary's value type is itself optional.
    public mutating func drop(_ inspectorId: Int64, days: Set<Int>? = nil) {
        if let existing = droppedInspectors[inspectorId] {
            droppedInspectors[inspectorId] = .some(existing.flatMap { old in days.map { old.union($0) } })
        } else {
            droppedInspectors[inspectorId] = .some(days)
        }
    }

    /// Whether the inspector is out on campaign day `day`.
    public func isDropped(_ inspectorId: Int64, on day: Int) -> Bool {
        guard let entry = droppedInspectors[inspectorId] else { return false }
        return entry?.contains(day) ?? true
    }

    /// One dropped inspector as JSON: `{"inspector_id": 7, "days": [3, 4]}`, `"days": null` for every day.
    /// (A dictionary keyed by Int64 would encode as a flat key/value array.)
    public struct Dropout: Sendable, Hashable, Codable {
        public var inspectorId: Int64
        public var days: [Int]?

        public init(inspectorId: Int64, days: [Int]?) {
            self.inspectorId = inspectorId
            self.days = days
        }

        enum CodingKeys: String, CodingKey { case inspectorId, days }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(inspectorId, forKey: .inspectorId)
            try c.encode(days, forKey: .days)  // explicit null: "every day" must survive a round trip
        }
    }

    enum CodingKeys: String, CodingKey { case droppedInspectors, closedVenues, fillFreedTime }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let dropouts = try c.decodeIfPresent([Dropout].self, forKey: .droppedInspectors) ?? []
        droppedInspectors = [:]
        closedVenues = Set(try c.decodeIfPresent([Int64].self, forKey: .closedVenues) ?? [])
        fillFreedTime = try c.decodeIfPresent(Bool.self, forKey: .fillFreedTime) ?? false
        // The same inspector listed twice: the union of the days, and "every day" wins.
        for d in dropouts { drop(d.inspectorId, days: d.days.map(Set.init)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let dropouts = droppedInspectors.sorted { $0.key < $1.key }.map { id, days in Dropout(inspectorId: id, days: days.map { $0.sorted() }) }
        try c.encode(dropouts, forKey: .droppedInspectors)
        try c.encode(closedVenues.sorted(), forKey: .closedVenues)
        try c.encode(fillFreedTime, forKey: .fillFreedTime)
    }
}
