import Foundation

/// Time formats shared by the plan renderers.
///
/// Field teams work in China Standard Time, so everything people read is shown at a fixed UTC+8
/// offset (China has had no DST since 1991). The calendars are pinned to en_US_POSIX and Gregorian
/// so output does not depend on the host's locale or time zone.
enum PlanOutputTime {
    static let chinaOffsetSeconds = 8 * 3600

    private static let china: Calendar = fixedCalendar(secondsFromGMT: chinaOffsetSeconds)
    private static let utc: Calendar = fixedCalendar(secondsFromGMT: 0)

    private static func fixedCalendar(secondsFromGMT: Int) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = Locale(identifier: "en_US_POSIX")
        // nil only for offsets beyond ±18 h; both callers pass constants well inside that.
        calendar.timeZone = TimeZone(secondsFromGMT: secondsFromGMT) ?? .gmt
        return calendar
    }

    private struct Fields {
        var year, month, day, hour, minute, second: Int
    }

    private static func fields(_ date: Date, in calendar: Calendar) -> Fields {
        // Whole seconds, rounded down, so a stray fraction never shows as the next minute.
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
        return Fields(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0,
                      hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0)
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `HH:mm` in China Standard Time.
    static func clock(_ date: Date) -> String {
        let f = fields(date, in: china)
        return "\(pad(f.hour)):\(pad(f.minute))"
    }

    /// `yyyy-MM-dd` in China Standard Time.
    static func day(_ date: Date) -> String {
        let f = fields(date, in: china)
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))"
    }

    /// `yyyy-MM-dd HH:mm` in China Standard Time.
    static func dayAndClock(_ date: Date) -> String {
        "\(day(date)) \(clock(date))"
    }

    /// `HH:mm`, followed by ` (+1)` (or +n) when `date` falls on a later CST day than `reference`,
    /// because evening café shifts run past midnight and "00:30" alone reads as the morning before.
    static func clock(_ date: Date, after reference: Date) -> String {
        let days = daysBetween(reference, date)
        return days > 0 ? "\(clock(date)) (+\(days))" : clock(date)
    }

    /// Whole CST calendar days from `a`'s day to `b`'s day.
    static func daysBetween(_ a: Date, _ b: Date) -> Int {
        let offset = Double(chinaOffsetSeconds)
        let da = ((a.timeIntervalSince1970 + offset) / 86_400).rounded(.down)
        let db = ((b.timeIntervalSince1970 + offset) / 86_400).rounded(.down)
        return Int(db - da)
    }

    /// ISO 8601 with the CST offset, e.g. `2026-12-03T19:00:00+08:00`.
    static func iso8601(_ date: Date) -> String {
        let f = fields(date, in: china)
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))T\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second))+08:00"
    }

    /// iCalendar UTC date-time, `yyyyMMdd'T'HHmmss'Z'` (RFC 5545 3.3.5, form 2).
    static func icalendarUTC(_ date: Date) -> String {
        let f = fields(date, in: utc)
        return "\(pad(f.year, 4))\(pad(f.month))\(pad(f.day))T\(pad(f.hour))\(pad(f.minute))\(pad(f.second))Z"
    }

    /// Whole minutes, rounded half up, as shown for travel and service times.
    static func minutes(_ seconds: Int) -> Int {
        seconds >= 0 ? (seconds + 30) / 60 : -((-seconds + 30) / 60)
    }
}
