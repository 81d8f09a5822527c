import Foundation

/// Campaign time: whole minutes from 00:00 China Standard Time on the campaign's first day.
/// China has one fixed offset (UTC+8, no daylight saving), so the arithmetic is exact.
public struct CampaignClock: Sendable, Hashable {
    public static let offsetSeconds = 8 * 3600
    /// UTC midnight of the first day, as ISODay holds days.
    public let firstDay: Date
    public let dayCount: Int

    public init(startsOn: String, endsOn: String) throws {
        guard let s = ISODay.parse(startsOn) else { throw SweepError.invalid(field: "starts_on", reason: "\"\(startsOn)\" is not YYYY-MM-DD") }
        guard let e = ISODay.parse(endsOn) else { throw SweepError.invalid(field: "ends_on", reason: "\"\(endsOn)\" is not YYYY-MM-DD") }
        firstDay = s
        dayCount = Int((e.timeIntervalSince(s) / 86_400).rounded()) + 1
    }

    /// The instant of campaign minute `m`.
    public func date(minute m: Int) -> Date {
        firstDay.addingTimeInterval(Double(m * 60 - Self.offsetSeconds))
    }

    /// `YYYY-MM-DD` of campaign day `d`.
    public func dayLabel(_ d: Int) -> String { ISODay.format(firstDay.addingTimeInterval(Double(d) * 86_400)) }

    /// The campaign day index of a calendar day (may be outside 0..<dayCount).
    public func dayIndex(of day: Date) -> Int { Int((day.timeIntervalSince(firstDay) / 86_400).rounded(.down)) }

    /// ISO weekday (1 = Monday … 7 = Sunday) of day 0. 1970-01-01 was a Thursday.
    public var firstWeekday: Int {
        let days = Int((firstDay.timeIntervalSince1970 / 86_400).rounded(.down))
        return ((days + 3) % 7 + 7) % 7 + 1
    }

    /// Today's China Standard Time day as `YYYY-MM-DD`.
    public static func today(now: Date = Date()) -> String {
        ISODay.format(now.addingTimeInterval(Double(offsetSeconds)))
    }

    /// "2026-12-03..05" style range label for diagnostics.
    public func rangeLabel(_ days: ClosedRange<Int>) -> String {
        let a = dayLabel(days.lowerBound), b = dayLabel(days.upperBound)
        if a == b { return a }
        if a.prefix(8) == b.prefix(8) { return "\(a)..\(b.suffix(2))" }
        return "\(a)..\(b)"
    }
}
