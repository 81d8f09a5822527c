import Foundation

/// Earlier offences over the rolling windows the rules use: 1 year (café discretion ladders),
/// 3 years (tobacco criminal threshold), 5 years (the principal's ban), per venue and per operator.
public struct RepeatCounts: Codable, Hashable, Sendable {
    public var venue1y: Int
    public var venue3y: Int
    public var venue5y: Int
    public var operator1y: Int
    public var operator3y: Int
    public var operator5y: Int

    public init(venue1y: Int, venue3y: Int, venue5y: Int, operator1y: Int, operator3y: Int, operator5y: Int) {
        self.venue1y = venue1y
        self.venue3y = venue3y
        self.venue5y = venue5y
        self.operator1y = operator1y
        self.operator3y = operator3y
        self.operator5y = operator5y
    }
}

extension Escalation {
    /// Window lengths in days: 365, 3 × 365, and 5 × 365 + 1 (five years hold at least one 29 February).
    public static let windowDays = (oneYear: 365, threeYears: 1095, fiveYears: 1826)

    /// Offences dated within each window ending at `now`. An offence exactly one window length ago
    /// still counts; one dated after `now` does not (it cannot be an earlier offence).
    public static func counts(venueOffenceDates: [Date], operatorOffenceDates: [Date], now: Date) -> RepeatCounts {
        func count(_ dates: [Date], days: Int) -> Int {
            let start = now.addingTimeInterval(-Double(days) * 86_400)
            return dates.filter { $0 >= start && $0 <= now }.count
        }
        let w = windowDays
        return RepeatCounts(
            venue1y: count(venueOffenceDates, days: w.oneYear),
            venue3y: count(venueOffenceDates, days: w.threeYears),
            venue5y: count(venueOffenceDates, days: w.fiveYears),
            operator1y: count(operatorOffenceDates, days: w.oneYear),
            operator3y: count(operatorOffenceDates, days: w.threeYears),
            operator5y: count(operatorOffenceDates, days: w.fiveYears))
    }
}
