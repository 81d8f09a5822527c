import Foundation

/// Local days of the demo history in China Standard Time (UTC+8, no daylight saving).
///
/// Inspection times only look real in local time (evenings for cafés, school gates for tobacco),
/// and `Calendar` is both slow for a million timestamps and dependent on the host's time-zone
/// data; fixed-offset integer arithmetic is exact, fast and the same everywhere.
struct DemoClock: Sendable {
    /// China Standard Time, which has had no daylight saving since 1991.
    static let utcOffset = 8 * 3_600
    static let secondsPerDay = 86_400
    /// Days of history: the 729 whole local days before the day that contains `now`, which all lie
    /// within the 730 days (two years) before `now`.
    static let historyDays = 729

    /// The instant history ends at; nothing is generated after it.
    let now: Date
    /// Epoch seconds of local midnight starting the day that contains `now`.
    let todayStart: Int

    /// A clock whose history ends with the local day before the one containing `now`.
    init(now: Date) {
        self.now = now
        let t = Int(now.timeIntervalSince1970.rounded(.down))
        let localDay = Self.floorDiv(t + Self.utcOffset, Self.secondsPerDay)
        todayStart = localDay * Self.secondsPerDay - Self.utcOffset
    }

    /// Epoch seconds of local midnight of history day `day` (0 ..< historyDays).
    func dayStart(_ day: Int) -> Int {
        todayStart - (Self.historyDays - day) * Self.secondsPerDay
    }

    /// The instant `secondsIntoDay` after local midnight of history day `day`.
    func date(day: Int, secondsIntoDay: Int) -> Date {
        Date(timeIntervalSince1970: Double(dayStart(day) + secondsIntoDay))
    }

    /// 0 = Monday … 6 = Sunday.
    func weekday(_ day: Int) -> Int {
        let epochDay = Self.floorDiv(dayStart(day) + Self.utcOffset, Self.secondsPerDay)
        return Self.floorMod(epochDay + 3, 7)  // 1970-01-01 was a Thursday
    }

    /// Local calendar date of history day `day`.
    func civil(_ day: Int) -> (year: Int, month: Int, day: Int) {
        Self.civil(epochDay: Self.floorDiv(dayStart(day) + Self.utcOffset, Self.secondsPerDay))
    }

    /// Local calendar year of an instant.
    static func year(of date: Date) -> Int {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        return civil(epochDay: floorDiv(t + utcOffset, secondsPerDay)).year
    }

    /// Proleptic Gregorian date from days since 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civil(epochDay: Int) -> (year: Int, month: Int, day: Int) {
        let z = epochDay + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Division rounding towards −∞, so instants before 1970 still land on the right day.
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The remainder matching ``floorDiv(_:_:)``, never negative for positive `b`.
    static func floorMod(_ a: Int, _ b: Int) -> Int {
        a - floorDiv(a, b) * b
    }
}
