import Foundation

/// Calendar days of the case chain, which are China Standard Time days (UTC+8, no daylight saving).
///
/// A rectification order "by 2026-12-10" means until midnight at the end of that day in Beijing,
/// wherever the server runs; the arithmetic is fixed-offset so it needs no time-zone database.
public enum CaseCalendar {
    public static let offsetSeconds: TimeInterval = 8 * 3600

    /// The China Standard Time day of an instant, `YYYY-MM-DD`.
    public static func day(of instant: Date) -> String {
        ISODay.format(instant.addingTimeInterval(offsetSeconds))
    }

    /// The first instant after `day` ends in China Standard Time (00:00 UTC+8 of the next day), or nil
    /// if `day` is not `YYYY-MM-DD`. Something due "by" the day is late only strictly after this.
    public static func endOfDay(_ day: String) -> Date? {
        ISODay.parse(day).map { $0.addingTimeInterval(86_400 - offsetSeconds) }
    }
}
