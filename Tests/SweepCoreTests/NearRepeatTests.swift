import Foundation
import Testing
@testable import SweepCore

/// Near-repeat on fixtures whose answer is known by hand.
@Suite struct NearRepeatTests {
    static let origin = GeoPoint(longitude: 114.30, latitude: 30.60)
    static let day0 = ISODay.parse("2026-09-01")!

    /// A point `east` and `north` metres from the origin (small offsets: a flat earth is exact enough).
    static func at(east: Double, north: Double = 0) -> GeoPoint {
        GeoPoint(longitude: origin.longitude + east / (111_320 * cos(origin.latitude * .pi / 180)), latitude: origin.latitude + north / 110_574)
    }

    static func day(_ n: Double) -> Date { day0.addingTimeInterval(n * 86_400) }

    /// Ten pairs: each a violation and another 20 m away a day later; pairs 2 km and 10 days apart.
    static func clusters() -> [NearRepeat.Event] {
        (0..<10).flatMap { k -> [NearRepeat.Event] in
            let east = Double(k) * 2000
            return [NearRepeat.Event(venueId: Int64(2 * k + 1), location: at(east: east), at: day(Double(k) * 10)),
                    NearRepeat.Event(venueId: Int64(2 * k + 2), location: at(east: east + 20), at: day(Double(k) * 10 + 1))]
        }
    }

    @Test func theFourEventsByHandAreNotEnoughToCallANearRepeat() {
        let events = [NearRepeat.Event(venueId: 1, location: Self.at(east: 0), at: Self.day(0)),
                      NearRepeat.Event(venueId: 2, location: Self.at(east: 1), at: Self.day(1)),
                      NearRepeat.Event(venueId: 3, location: Self.at(east: 100), at: Self.day(50)),
                      NearRepeat.Event(venueId: 4, location: Self.at(east: 101), at: Self.day(51))]
        var settings = NearRepeat.Settings()
        settings.distanceMetres = 5
        settings.days = 2
        let report = NearRepeat.analyse(events: events, candidates: [NearRepeat.Candidate(venueId: 9, location: Self.at(east: 2))],
                                        settings: settings, windowEnd: Self.day(52))
        #expect(report.knox.observedPairs == 2 && abs(report.knox.expectedPairs - 2.0 / 3) < 1e-9 && report.knox.ratio == 3)
        #expect(abs(report.knox.pValue - 1.0 / 3) < 0.05, "p → 1/3 (8 of 24 permutations)")
        #expect(!report.nearRepeat && report.atRisk.isEmpty)
    }

    @Test func clustersAreANearRepeatAndTheVenuesBesideTheLatestAreListed() {
        var settings = NearRepeat.Settings()
        settings.distanceMetres = 100
        settings.days = 3
        let candidates = [NearRepeat.Candidate(venueId: 100, location: Self.at(east: 18_000 + 50)),   // beside the last pair
                          NearRepeat.Candidate(venueId: 101, location: Self.at(east: 18_000, north: 500)), // too far
                          NearRepeat.Candidate(venueId: 102, location: Self.at(east: 0 + 30)),        // beside the first pair, long ago
                          NearRepeat.Candidate(venueId: 19, location: Self.at(east: 18_000))]         // the violating venue itself
        let report = NearRepeat.analyse(events: Self.clusters(), candidates: candidates, settings: settings, windowEnd: Self.day(92))
        // Close in space: the 10 pairs. Close in time (≤ 3 days): the same 10 pairs. Of 190 pairs,
        // expected 10 · 10 / 190; observed 10.
        #expect(report.knox.observedPairs == 10 && abs(report.knox.expectedPairs - 100.0 / 190) < 1e-9)
        #expect(report.knox.pValue < 0.01 && report.nearRepeat)
        #expect(report.atRisk.map(\.venueId) == [100, 19], "\(report.atRisk)")
        #expect(report.atRisk[0].nearbyViolations == 2 && report.atRisk[0].lastViolation == "2026-12-01")
        #expect(report.atRisk.first { $0.venueId == 19 }?.nearbyViolations == 1, "its own violation does not count, its neighbour's does")
        #expect(report.forLeadership().atRisk.isEmpty && report.forLeadership().atRiskCount == 2)
    }

    @Test func settingsAreChecked() {
        var s = NearRepeat.Settings()
        s.distanceMetres = 5
        s.days = 0
        s.permutations = 10
        #expect(Set(s.issues().map(\.location)) == ["distance_m", "days", "permutations"])
    }
}
