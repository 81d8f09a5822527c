import Foundation
import Testing
@testable import SweepCore

/// The in-memory heat index: absolute-value updates, filters, and agreement with the builder's
/// own binning of per-venue counts on generated data.
@Suite struct HeatIndexTests {
    static func venue(_ id: Int64, _ lon: Double, _ lat: Double, kind: VenueKind = .internetCafe, places: [String] = ["D1", "C1"]) -> HeatIndex.Venue {
        HeatIndex.Venue(id: id, location: GeoPoint(longitude: lon, latitude: lat), kind: kind, places: places)
    }

    @Test func monthNumbersAndAbsoluteUpdates() throws {
        #expect(HeatIndex.monthNumber("2026-01") == Int32(24_312))
        #expect(HeatIndex.monthNumber("2026-12") == Int32(24_323))
        #expect(HeatIndex.monthNumber("2026-13") == nil)
        #expect(HeatIndex.monthNumber("26-01") == nil)

        var index = HeatIndex()
        let m = HeatIndex.monthNumber("2026-03")!
        let stored = index.set(.init(venueId: 1, month: m, inspections: 1))
        #expect(!stored, "unknown venues are refused")
        index.add(Self.venue(1, 114.30, 30.58))
        index.add(Self.venue(1, 0, 0))  // a second add keeps the first
        #expect(index.venueCount == 1)
        index.set(.init(venueId: 1, month: m, inspections: 2))
        index.set(.init(venueId: 1, month: m, violationCode: "CAFE_ADMIT_MINOR", departmentCode: "CUL", violations: 1))
        // The same row again, then its newer value: replaced, never added up.
        index.set(.init(venueId: 1, month: m, violationCode: "CAFE_ADMIT_MINOR", departmentCode: "CUL", violations: 1))
        index.set(.init(venueId: 1, month: m, violationCode: "CAFE_ADMIT_MINOR", departmentCode: "CUL", violations: 3))
        #expect(index.factCount == 2)
        index.summarise()
        // A change after summarising makes the month read its rows again until the next summary.
        index.set(.init(venueId: 1, month: m, violationCode: "CAFE_ADMIT_MINOR", departmentCode: "CUL", violations: 3))
        let counts = try index.venueCounts(HeatMapRequest(from: "2026-03", to: "2026-04"))
        #expect(counts == [VenueWindowCounts(venueId: 1, location: GeoPoint(longitude: 114.30, latitude: 30.58), inspections: 2, violations: 3)])
        #expect(try index.venueCounts(HeatMapRequest(from: "2026-04", to: "2026-05")).isEmpty)
        #expect(throws: SweepError.self) { try index.tally(HeatMapRequest(from: "2026-04", to: "2026-05")) }
    }

    @Test func filtersMatchTheirSQLMeaning() throws {
        var index = HeatIndex()
        index.add(Self.venue(1, 114.30, 30.58))
        index.add(Self.venue(2, 114.31, 30.59, kind: .tobaccoRetail, places: ["D2", "C1"]))
        index.add(HeatIndex.Venue(id: 3, location: nil, kind: .internetCafe, places: ["D1", "C1"]))
        let m = HeatIndex.monthNumber("2026-05")!
        for v: Int64 in [1, 2, 3] { index.set(.init(venueId: v, month: m, inspections: 1)) }
        index.set(.init(venueId: 1, month: m, violationCode: "CAFE_ADMIT_MINOR", departmentCode: "CUL", campaignId: 7, violations: 2))
        index.set(.init(venueId: 2, month: m, violationCode: "TOB_SALE_TO_MINOR", departmentCode: "TOB", violations: 1))
        func run(_ r: HeatMapRequest, _ place: String? = nil) throws -> [Int64: Int] {
            Dictionary(uniqueKeysWithValues: try index.venueCounts(r, jurisdiction: place).map { ($0.venueId, $0.violations) })
        }
        let all = HeatMapRequest(from: "2026-05", to: "2026-06")
        #expect(try run(all) == [1: 2, 2: 1], "unlocated venue 3 left out")
        #expect(try run(HeatMapRequest(from: "2026-05", to: "2026-06", departments: [.tobacco])) == [1: 0, 2: 1], "department filters violations, not venues")
        #expect(try run(HeatMapRequest(from: "2026-05", to: "2026-06", violationCodes: ["NO_SUCH"])) == [1: 0, 2: 0])
        #expect(try run(HeatMapRequest(from: "2026-05", to: "2026-06", campaignId: 7)) == [1: 2], "campaign filters whole rows")
        #expect(try run(HeatMapRequest(from: "2026-05", to: "2026-06", venueKinds: [.tobaccoRetail])) == [2: 1])
        #expect(try run(all, "D2") == [2: 1])
        #expect(try run(all, "C1") == [1: 2, 2: 1])
        #expect(try run(all, "ELSEWHERE") == [:])
    }

    @Test func tallyEqualsTheBuilderOnGeneratedData() throws {
        var rng = SeededRandom(seed: 42)
        var index = HeatIndex()
        let codes = ["", "CAFE_ADMIT_MINOR", "CAFE_NO_MINOR_SIGN", "TOB_SALE_TO_MINOR"], departments = ["", "CUL", "CUL", "TOB"]
        for id in 1...2_000 {
            index.add(Self.venue(Int64(id), 114.0 + Double(rng.nextInt(below: 60_000)) / 100_000, 30.3 + Double(rng.nextInt(below: 60_000)) / 100_000,
                                 kind: id % 3 == 0 ? .tobaccoRetail : .internetCafe, places: ["D\(id % 5)", "C1"]))
        }
        for _ in 0..<12_000 {
            let c = rng.nextInt(below: codes.count)
            index.set(.init(venueId: Int64(1 + rng.nextInt(below: 2_000)), month: 2026 * 12 + Int32(rng.nextInt(below: 12)),
                            violationCode: codes[c], departmentCode: departments[c], campaignId: Int64(rng.nextInt(below: 3)),
                            inspections: c == 0 ? Int32(1 + rng.nextInt(below: 3)) : 0, violations: c == 0 ? 0 : Int32(1 + rng.nextInt(below: 2))))
        }
        // Per-venue month totals (the unfiltered fast path) give the same answers as the rows.
        var summarised = index
        summarised.summarise()
        for r in [HeatMapRequest(from: "2026-01", to: "2027-01"), HeatMapRequest(shape: .hexagon, sizeMetres: 250, from: "2026-03", to: "2026-06"),
                  HeatMapRequest(sizeMetres: 1000, from: "2026-02", to: "2026-09", departments: [.culture], campaignId: 1, repeatThreshold: 3)] {
            for place in [nil, "D2"] {
                #expect(Set(try summarised.venueCounts(r, jurisdiction: place)) == Set(try index.venueCounts(r, jurisdiction: place)))
                let venues = try index.venueCounts(r, jurisdiction: place)
                #expect(!venues.isEmpty)
                let tally = try index.tally(r, jurisdiction: place)
                #expect(tally == (try HeatMapBuilder.tally(r, venues: venues)))
                #expect(tally.violations == venues.reduce(0) { $0 + $1.violations })
                #expect(try HeatMapBuilder.finish(r, tally) == HeatMapBuilder.build(r, venues: venues))
            }
        }
    }
}
