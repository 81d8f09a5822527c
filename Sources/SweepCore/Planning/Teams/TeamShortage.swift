/// Teams for a kind could not be formed on some days because a department had too few free officers.
public struct TeamShortage: Sendable, Hashable, Codable {
    public var kind: TargetKind
    public var department: DepartmentCode
    /// The first and last campaign day of a run of days with the same shortage.
    public var firstDay: Int
    public var lastDay: Int
    /// Set when every inspector given to team formation belongs to this one district.
    public var district: String?
    /// Officers of the department still free on each of those days when the teams were being formed.
    public var available: Int
    /// Officers of the department the day's unformed teams would have needed.
    public var needed: Int
    /// E.g. "tobacco retailer checks need TOB: 0 TOB inspectors available, 2 needed on 2026-12-03..05 in 西城区".
    public var message: String

    public init(kind: TargetKind, department: DepartmentCode, firstDay: Int, lastDay: Int, district: String?, available: Int,
                needed: Int, message: String) {
        self.kind = kind
        self.department = department
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.district = district
        self.available = available
        self.needed = needed
        self.message = message
    }

    /// Builds the message from the fields.
    public init(kind: TargetKind, department: DepartmentCode, firstDay: Int, lastDay: Int, district: String?, available: Int,
                needed: Int, dayLabel: (Int) -> String) {
        let people = available == 1 ? "inspector" : "inspectors"
        let days = DayRangeLabel.text(firstDay, lastDay, dayLabel: dayLabel)
        let place = district.map { " in \($0)" } ?? ""
        let message = "\(kind.label) need \(department): \(available) \(department) \(people) available, \(needed) needed on \(days)\(place)"
        self.init(kind: kind, department: department, firstDay: firstDay, lastDay: lastDay, district: district, available: available,
                  needed: needed, message: message)
    }
}

/// Day ranges as people write them: "2026-12-03..05", "day 3..5", or a single label.
public enum DayRangeLabel {
    /// The first label in full, then the last label without the part both share up to a "-", "/"
    /// or space, so that "2026-12-03" and "2026-12-05" read "2026-12-03..05".
    public static func text(_ first: Int, _ last: Int, dayLabel: (Int) -> String) -> String {
        let a = dayLabel(first)
        guard last != first else { return a }
        let b = dayLabel(last)
        var shared = 0
        var cut = 0
        for (x, y) in zip(a, b) {
            guard x == y else { break }
            shared += 1
            if x == "-" || x == "/" || x == " " { cut = shared }
        }
        return "\(a)..\(b.dropFirst(cut))"
    }
}
