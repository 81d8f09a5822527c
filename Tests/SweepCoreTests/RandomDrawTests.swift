import Foundation
import Testing
@testable import SweepCore

/// Three strata of uneven sizes with scattered ids.
private func frame(sizes: [String: Int] = ["西城区/licensed_cafe": 37, "西城区/tobacco_retail": 120, "东城区/licensed_cafe": 9]) -> [DrawUnit] {
    var units: [DrawUnit] = []
    for (name, n) in sizes.sorted(by: { $0.key < $1.key }) {
        let base = Int64(abs(Int(truncatingIfNeeded: FNV1a64.hash(name) % 10_000))) * 1000
        units += (0..<n).map { DrawUnit(venueId: base + Int64($0 * 7 + 3), stratum: name) }
    }
    return units
}

private func picks(_ r: DrawResult, _ stratum: String) -> [Int64] { r.picks.filter { $0.stratum == stratum }.map(\.venueId) }

@Test func drawIsIndependentOfFrameOrder() {
    let units = frame()
    let a = StratifiedDraw.draw(frame: units, rule: .fraction(0.1), seed: 2026)
    for s in [UInt64(1), 2, 3] {
        var shuffled = units + units.prefix(5)  // duplicates count once
        var random = SeededRandom(seed: s)
        random.shuffle(&shuffled)
        let b = StratifiedDraw.draw(frame: shuffled, rule: .fraction(0.1), seed: 2026)
        #expect(a == b)
    }
}

@Test func differentSeedsDrawDifferentVenues() {
    let units = frame()
    let a = StratifiedDraw.draw(frame: units, rule: .fraction(0.2), seed: 1)
    let b = StratifiedDraw.draw(frame: units, rule: .fraction(0.2), seed: 2)
    #expect(a.picks != b.picks)
    #expect(a.frameDigest == b.frameDigest)
    #expect(a.seed == 1 && b.seed == 2)
}

@Test func drawTakesCeilingOfFractionPerStratum() {
    let sizes = ["a": 37, "b": 120, "c": 9, "d": 100, "e": 1]
    let units = frame(sizes: sizes)
    for percent in [5, 7, 10, 50, 100] {
        let r = StratifiedDraw.draw(frame: units, rule: .fraction(Double(percent) / 100), seed: 9)
        for (name, n) in sizes {
            let expected = (percent * n + 99) / 100  // exact integer ceiling
            #expect(picks(r, name).count == expected, "\(name) \(percent)%")
            #expect(Set(picks(r, name)).count == expected)
            #expect(r.frameSizes[name] == n)
        }
    }
    // 0.07 × 100 is 7.000000000000001 in binary: still 7 picks.
    #expect(picks(StratifiedDraw.draw(frame: units, rule: .fraction(0.07), seed: 9), "d").count == 7)
}

@Test func perStratumRulesAndCounts() {
    let units = frame(sizes: ["a": 10, "b": 10])
    let r = StratifiedDraw.draw(frame: units, rule: .fraction(0.5), perStratum: ["b": .count(3)], seed: 4)
    #expect(picks(r, "a").count == 5 && picks(r, "b").count == 3)
    #expect(r.strata.map(\.rule) == [.fraction(0.5), .count(3)])
    #expect(picks(StratifiedDraw.draw(frame: units, rule: .count(50), seed: 4), "a").count == 10)
    #expect(r.picks.filter { $0.stratum == "b" }.map(\.rank) == [1, 2, 3])
}

@Test func strataDrawFromIndependentStreams() {
    let base = frame(sizes: ["a": 40, "b": 40])
    let r1 = StratifiedDraw.draw(frame: base, rule: .fraction(0.25), seed: 77)
    // Adding a stratum and growing the draw elsewhere leaves "a" untouched.
    let more = base + frame(sizes: ["c": 15])
    let r2 = StratifiedDraw.draw(frame: more, rule: .fraction(0.25), perStratum: ["b": .count(30)], seed: 77)
    #expect(picks(r1, "a") == picks(r2, "a"))
    // A larger draw from the same stratum extends the smaller one (ranks are a reserve list).
    #expect(Array(picks(r2, "b").prefix(10)) == picks(r1, "b"))
}

@Test func frameDigestChangesWithTheFrame() {
    let units = frame()
    let d = StratifiedDraw.frameDigest(units)
    #expect(d.count == 16 && d.allSatisfy { $0.isHexDigit })
    #expect(StratifiedDraw.frameDigest(units.reversed()) == d)
    #expect(StratifiedDraw.frameDigest(Array(units.dropLast())) != d)
    var moved = units
    moved[0].stratum = "东城区/tobacco_retail"
    #expect(StratifiedDraw.frameDigest(moved) != d)
    #expect(StratifiedDraw.draw(frame: units, rule: .count(1), seed: 0).frameDigest == d)
}

@Test func frameDigestIsFNV1aOfTheDocumentedLines() {
    // Reference FNV-1a 64 vectors.
    #expect(FNV1a64.hash("") == 0xCBF2_9CE4_8422_2325)
    #expect(FNV1a64.hash("a") == 0xAF63_DC4C_8601_EC8C)
    #expect(FNV1a64.hash("foobar") == 0x8594_4171_F739_67E8)
    let units = [DrawUnit(venueId: 12, stratum: "b"), DrawUnit(venueId: 3, stratum: "a"), DrawUnit(venueId: 2, stratum: "b")]
    var h = FNV1a64()
    h.add("a\t3\nb\t2\nb\t12\n")
    #expect(StratifiedDraw.frameDigest(units) == h.hex)
}

@Test func publishedRowsListStratumRankVenue() throws {
    let r = StratifiedDraw.draw(frame: frame(sizes: ["x": 5, "y": 4]), rule: .count(2), seed: 5)
    let rows = r.publishedRows
    #expect(rows.map(\.stratum) == ["x", "x", "y", "y"])
    #expect(rows.map(\.rank) == [1, 2, 1, 2])
    #expect(rows[0].fields == ["x", "1", String(rows[0].venueId)])
    #expect(DrawPublishedRow.header == ["stratum", "rank", "venue_id"])
    let back = try JSONDecoder().decode(DrawResult.self, from: JSONEncoder().encode(r))
    #expect(back == r)
    let rule = try JSONDecoder().decode(DrawRule.self, from: Data(#"{"fraction":0.1}"#.utf8))
    #expect(rule == .fraction(0.1))
    #expect(DrawRule.fraction(1.5).problem != nil && DrawRule.count(3).problem == nil)
}

private func roster(_ n: Int) -> [PlannerInspector] {
    let depot = GeoPoint(longitude: 116.37, latitude: 39.91)
    return (0..<n).map { (i: Int) -> PlannerInspector in
        let department: DepartmentCode = i % 3 == 0 ? .police : .culture
        let venues: [Int64] = i == 4 ? [555] : []
        let operators: [String] = i == 7 ? ["OP-9"] : []
        return PlannerInspector(id: Int64(100 + i), code: "I\(i)", name: "Inspector \(i)", department: department,
                                jurisdictionId: 1, districtName: "西城区", depot: depot, credentialValidThroughDay: 30,
                                conflictVenueIds: venues, conflictOperatorKeys: operators)
    }
}

@Test func inspectorDrawIsReproducibleAndRecuses() {
    let people = roster(21)
    let a = InspectorDraw.draw(candidates: people, seed: 8, venueIds: [555], operatorKeys: ["OP-9"])
    let b = InspectorDraw.draw(candidates: people.reversed(), seed: 8, venueIds: [555], operatorKeys: ["OP-9"])
    #expect(a == b)
    #expect(a.recused == [104, 107])
    let grouped = a.groups.flatMap(\.inspectorIds)
    #expect(!grouped.contains(104) && !grouped.contains(107))
    let everyone = grouped + a.unassigned
    #expect(everyone.count == 19)
    #expect(Set(everyone).count == 19)
    #expect(a.groups.allSatisfy { $0.inspectorIds.count == 2 })
    let department = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.department) })
    #expect(a.groups.allSatisfy { g in g.inspectorIds.allSatisfy { department[$0] == g.department } })
    let c = InspectorDraw.draw(candidates: people, seed: 9, venueIds: [555], operatorKeys: ["OP-9"])
    #expect(c.groups != a.groups)
    let triples = InspectorDraw.draw(candidates: people, seed: 8, groupSize: 3, sameDepartment: false)
    #expect(triples.groups.count == 7 && triples.unassigned.isEmpty && triples.groups.allSatisfy { $0.department == nil })
}
