import Foundation

extension RoutingSolver {
    /// Opening hours as plain integers for the hot loops. `earliestStart` and `contains` mirror
    /// ``DailyHours`` operation for operation (a test compares them on random input), because the
    /// solver's notion of "fits" must be exactly ``RouteSchedule``'s.
    struct Hours: Sendable {
        /// Nil hours: open whenever the team is there.
        let always: Bool
        let open: Int
        let close: Int

        init(_ hours: DailyHours?) {
            always = hours == nil
            open = hours?.openMinute ?? 0
            close = hours?.closeMinute ?? 0
        }

        @inline(__always) static func day(of minute: Int) -> Int {
            minute >= 0 ? minute / 1440 : -((1439 - minute) / 1440)
        }

        @inline(__always) func contains(start: Int, end: Int) -> Bool {
            let base = (Self.day(of: start) - 1) * 1440
            if start >= base + open && end <= base + close { return true }
            return start >= base + 1440 + open && end <= base + 1440 + close
        }

        /// Earliest start of a `duration`-minute visit at or after `arrival`, opening no later
        /// than `limit`; `Int.min` when there is none.
        @inline(__always) func earliestStart(arrival: Int, duration: Int, limit: Int) -> Int {
            if always || contains(start: arrival, end: arrival + duration) { return arrival }
            let day = Self.day(of: arrival)
            for d in (day - 1)...(day + 1) {
                let opening = d * 1440 + open
                if opening >= arrival && opening <= limit && contains(start: opening, end: opening + duration) { return opening }
            }
            return Int.min
        }

        /// Latest start ≤ `bound` of a `duration`-minute visit inside opening hours; Int.min when
        /// there is none. Arriving at or before it, `earliestStart` starts no later than it (the
        /// start is monotone in the arrival), which is what lets an insertion be checked in O(1).
        func latestStart(notAfter bound: Int, duration: Int) -> Int {
            if always { return bound }
            let day = Self.day(of: bound)
            for d in stride(from: day, through: day - 2, by: -1) {
                let low = d * 1440 + open, high = d * 1440 + close - duration
                guard high >= low, low <= bound else { continue }
                let start = min(high, bound)
                if contains(start: start, end: start + duration) { return start }
            }
            return Int.min
        }
    }
}
