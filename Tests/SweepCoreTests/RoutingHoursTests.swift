import Foundation
import Testing
@testable import SweepCore

/// The solver's integer copy of opening hours must agree with ``DailyHours`` exactly, or its
/// O(1) feasibility checks would disagree with ``RouteSchedule``.
@Suite struct RoutingHoursTests {
    static let texts = ["08:00-24:00", "00:00-24:00", "07:00-22:00", "22:00-06:00", "14:00-04:00", "09:30-10:00", "23:59-00:01"]

    @Test(arguments: texts)
    func mirrorsDailyHours(text: String) throws {
        let daily = try #require(DailyHours(text: text))
        let hours = RoutingSolver.Hours(daily)
        var rng = SeededRandom(seed: 42)
        for _ in 0..<4_000 {
            let arrival = rng.nextInt(in: -1_500...4_500)
            let duration = rng.nextInt(in: 0...120)
            let limit = arrival + rng.nextInt(in: 0...1_600)
            #expect(hours.contains(start: arrival, end: arrival + duration) == daily.contains(start: arrival, end: arrival + duration))
            let expected = daily.earliestStart(atOrAfter: arrival, duration: duration, limit: limit) ?? Int.min
            #expect(hours.earliestStart(arrival: arrival, duration: duration, limit: limit) == expected, "\(text) at \(arrival) for \(duration)")
        }
    }

    /// Arriving by the latest start still lets the visit start by then.
    @Test(arguments: texts)
    func latestStartIsSafe(text: String) throws {
        let daily = try #require(DailyHours(text: text))
        let hours = RoutingSolver.Hours(daily)
        var rng = SeededRandom(seed: 7)
        for _ in 0..<2_000 {
            let bound = rng.nextInt(in: 0...4_000)
            let duration = rng.nextInt(in: 0...90)
            let latest = hours.latestStart(notAfter: bound, duration: duration)
            guard latest != Int.min else { continue }
            #expect(latest <= bound)
            #expect(daily.contains(start: latest, end: latest + duration))
            let arrival = latest - rng.nextInt(in: 0...600)
            let start = daily.earliestStart(atOrAfter: arrival, duration: duration, limit: bound)
            #expect(start != nil && start! <= latest, "\(text): arriving at \(arrival) for \(duration) by \(latest)")
        }
    }

    @Test func noDeclaredHoursMeansAnyTime() {
        let hours = RoutingSolver.Hours(nil)
        #expect(hours.earliestStart(arrival: 1_234, duration: 30, limit: 0) == 1_234)
        #expect(hours.latestStart(notAfter: 99, duration: 30) == 99)
    }
}
