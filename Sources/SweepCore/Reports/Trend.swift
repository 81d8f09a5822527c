import Foundation

/// Visits and visits that found a violation per week of a window, weeks counted from its first day
/// (week 1 = days 1–7), so a campaign lines up with an earlier one of different dates.
public struct WeeklySeries: Sendable, Hashable, Codable {
    public var label: String
    /// `YYYY-MM-DD`, the window's first day and the day after it.
    public var from: String
    public var to: String
    public var weeks: [WeekPoint]

    public struct WeekPoint: Sendable, Hashable, Codable {
        public var week: Int
        public var visits: Int
        public var withViolation: Int
        public var hitRate: Double? { visits > 0 ? Double(withViolation) / Double(visits) : nil }

        public init(week: Int, visits: Int, withViolation: Int) {
            self.week = week
            self.visits = visits
            self.withViolation = withViolation
        }
    }

    public init(label: String, from: String, to: String, weeks: [WeekPoint]) {
        self.label = label
        self.from = from
        self.to = to
        self.weeks = weeks
    }

    /// Fills weeks without visits with zeros, from week 1 to the window's last week.
    public static func make(label: String, from: Date, to: Date, counts: [Int: (visits: Int, withViolation: Int)]) -> WeeklySeries {
        let weeks = max(1, Int((to.timeIntervalSince(from) / 86_400 / 7).rounded(.up)))
        return WeeklySeries(label: label, from: ISODay.format(from), to: ISODay.format(to), weeks: (1...weeks).map { w in
            WeekPoint(week: w, visits: counts[w]?.visits ?? 0, withViolation: counts[w]?.withViolation ?? 0)
        })
    }
}

/// This campaign against the same weeks of the previous campaign of its area, and of the year before.
public struct CampaignTrend: Sendable, Hashable, Codable {
    public var current: WeeklySeries
    public var previousCampaign: WeeklySeries?
    public var yearBefore: WeeklySeries

    public init(current: WeeklySeries, previousCampaign: WeeklySeries?, yearBefore: WeeklySeries) {
        self.current = current
        self.previousCampaign = previousCampaign
        self.yearBefore = yearBefore
    }
}
