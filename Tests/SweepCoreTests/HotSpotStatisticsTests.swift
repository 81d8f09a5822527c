import Foundation
import Testing
@testable import SweepCore

/// Hot-spot statistics: erfc and p-values, Gi* against hand computations, BH, classes,
/// suppression and Knox.
@Suite struct HotSpotStatisticsTests {
    // MARK: - Grid helpers (key = row · columns + column)

    static func key(_ row: Int, _ column: Int, columns: Int) -> Int64 { Int64(row * columns + column) }

    static func neighbours(rows: Int, columns: Int, queen: Bool) -> (Int64) -> [Int64] {
        { key in
            let row = Int(key) / columns, column = Int(key) % columns
            var out: [Int64] = []
            for dr in -1...1 {
                for dc in -1...1 where (dr, dc) != (0, 0) && (queen || dr == 0 || dc == 0) {
                    let r = row + dr, c = column + dc
                    if r >= 0, r < rows, c >= 0, c < columns { out.append(Self.key(r, c, columns: columns)) }
                }
            }
            return out
        }
    }

    static func grid(rows: Int, columns: Int, _ value: (Int, Int) -> Double) -> [Int64: Double] {
        var values: [Int64: Double] = [:]
        for r in 0..<rows {
            for c in 0..<columns { values[key(r, c, columns: columns)] = value(r, c) }
        }
        return values
    }

    static func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
        (a - b).magnitude <= relative * max(a.magnitude, b.magnitude) || (a - b).magnitude < 1e-300
    }

    // MARK: - erfc and p-values

    @Test func erfcMatchesHighPrecisionReference() {
        // Reference values from mpmath at 40 digits, rounded to Double.
        let reference: [(Double, Double)] = [
            (0, 1), (0.1, 0.887537083981715), (0.5, 0.4795001221869535), (1, 0.15729920705028513),
            (1.4999, 0.03390674833770473), (1.5, 0.033894853524689274), (2, 0.004677734981047266),
            (3, 2.209049699858544e-05), (5, 1.537459794428035e-12), (10, 2.088487583762545e-45),
            (26, 5.663192408856143e-296), (-1, 1.8427007929497148),
        ]
        for (x, expected) in reference {
            #expect(Self.close(StandardNormal.erfc(x), expected), "erfc(\(x))")
        }
        #expect(StandardNormal.erfc(40) == 0)
        #expect(StandardNormal.erfc(-40) == 2)
        #expect(StandardNormal.erfc(.nan).isNaN)
    }

    #if canImport(Glibc)
    @Test func erfcAgreesWithGlibcEverywhere() {
        var x = -6.0
        // Up to 26: beyond it erfc is subnormal and only a few digits are meaningful.
        while x < 26 {
            let ours = StandardNormal.erfc(x), theirs = Glibc.erfc(x)
            #expect(Self.close(ours, theirs), "erfc(\(x)): \(ours) vs \(theirs)")
            x += 0.0137
        }
    }
    #endif

    @Test func twoSidedPValuesAtTheUsualCriticalValues() {
        // P(|Z| ≥ z) = erfc(z/√2): the textbook critical values 1.6449, 1.96, 2.5758.
        #expect((StandardNormal.twoSidedP(z: 1.6449) - 0.10).magnitude < 1e-4)
        #expect((StandardNormal.twoSidedP(z: 1.96) - 0.05).magnitude < 1e-4)
        #expect((StandardNormal.twoSidedP(z: -2.5758) - 0.01).magnitude < 1e-5)
        #expect(Self.close(StandardNormal.twoSidedP(z: 1.959963984540054), 0.05))
        #expect(Self.close(StandardNormal.twoSidedP(z: 2.5758293035489004), 0.01))
        #expect(StandardNormal.twoSidedP(z: 0) == 1)
        #expect(StandardNormal.twoSidedP(z: .nan) == 1)
    }

    // MARK: - Gi* by hand on a 3×3 grid

    // Values: centre 1, the other eight 0. n = 9, Σx = 1, Σx² = 1.
    // x̄ = 1/9; S² = Σx²/n − x̄² = 1/9 − 1/81 = 8/81, S = 2√2/9.
    // Binary weights with the cell itself, W = Σw = Σw².
    //   Rook centre:  W = 5, Σwx = 1. num = 1 − 5/9 = 4/9; (9·5 − 25)/8 = 5/2;
    //                 den = (2√2/9)·√(5/2) = 2√5/9; z = 2/√5 ≈ 0.894427191.
    //   Rook edge:    W = 4, Σwx = 1. num = 5/9; (36 − 16)/8 = 5/2; z = (5/9)/(2√5/9) = √5/2.
    //   Rook corner:  W = 3, Σwx = 0. num = −3/9; (27 − 9)/8 = 9/4; den = (2√2/9)(3/2) = √2/3;
    //                 z = −1/√2.
    //   Queen centre: W = 9 = n, so (nW − W²) = 0: degenerate, z = 0, p = 1.
    //   Queen edge:   W = 6, Σwx = 1. num = 1 − 6/9 = 1/3; (54 − 36)/8 = 9/4; den = √2/3; z = 1/√2.
    //   Queen corner: W = 4, Σwx = 1. Same as the rook edge: z = √5/2.
    static let threeByThree = grid(rows: 3, columns: 3) { r, c in r == 1 && c == 1 ? 1 : 0 }

    @Test func giStarRookNeighboursByHand() throws {
        let gi = try GetisOrdGiStar.compute(values: Self.threeByThree,
                                            neighbours: Self.neighbours(rows: 3, columns: 3, queen: false),
                                            minimumCells: 3)
        #expect(Self.close(gi[4]!.z, 2 / 5.0.squareRoot()))
        #expect(Self.close(gi[1]!.z, 5.0.squareRoot() / 2))
        #expect(Self.close(gi[0]!.z, -1 / 2.0.squareRoot()))
        #expect(gi[4]!.neighbourCount == 4 && gi[1]!.neighbourCount == 3 && gi[0]!.neighbourCount == 2)
        // p = erfc(|z|/√2) = erfc(2/√10) ≈ 0.3710933695 for the centre (mpmath).
        #expect(Self.close(gi[4]!.p, StandardNormal.erfc(2 / 10.0.squareRoot())))
        #expect((gi[4]!.p - 0.3710933695).magnitude < 1e-9)
    }

    @Test func giStarQueenNeighboursByHand() throws {
        let gi = try GetisOrdGiStar.compute(values: Self.threeByThree,
                                            neighbours: Self.neighbours(rows: 3, columns: 3, queen: true),
                                            minimumCells: 3)
        #expect(gi[4]! == GiStarResult(z: 0, p: 1, neighbourCount: 8))
        #expect(Self.close(gi[1]!.z, 1 / 2.0.squareRoot()))
        #expect(Self.close(gi[0]!.z, 5.0.squareRoot() / 2))
        #expect(Self.close(gi[8]!.z, 5.0.squareRoot() / 2))
    }

    @Test func neighboursOutsideTheAreaDuplicatesAndSelfAreIgnored() throws {
        // Same as the rook grid, but the dictionary repeats neighbours, names the cell itself and
        // cells outside the study area: the results must not change.
        let rook = Self.neighbours(rows: 3, columns: 3, queen: false)
        var table: [Int64: [Int64]] = [:]
        for key in Self.threeByThree.keys { table[key] = rook(key) + rook(key) + [key, 999, -5] }
        let messy = try GetisOrdGiStar.compute(values: Self.threeByThree, neighbours: table, minimumCells: 3)
        let clean = try GetisOrdGiStar.compute(values: Self.threeByThree, neighbours: rook, minimumCells: 3)
        #expect(messy == clean)
    }

    @Test func allEqualGridHasZeroScores() throws {
        let values = Self.grid(rows: 6, columns: 6) { _, _ in 0.7 }
        let gi = try GetisOrdGiStar.compute(values: values, neighbours: Self.neighbours(rows: 6, columns: 6, queen: true))
        #expect(gi.count == 36)
        #expect(gi.values.allSatisfy { $0.z == 0 && $0.p == 1 })
        let cells = try HotSpotAnalysis.run(values: values, neighbours: Self.neighbours(rows: 6, columns: 6, queen: true))
        #expect(cells.values.allSatisfy { $0.hotSpotClass == .notSignificant && $0.q == 1 })
    }

    @Test func tooFewCellsIsAClearError() {
        let values = Self.grid(rows: 5, columns: 5) { r, _ in Double(r) }
        let queen = Self.neighbours(rows: 5, columns: 5, queen: true)
        #expect(throws: SweepError.invalid(field: "window", reason:
            "the window has too few cells for Gi* (25), need at least 30: widen the window or the area, or use smaller cells")) {
            try GetisOrdGiStar.compute(values: values, neighbours: queen)
        }
        // Three is the floor whatever the caller asks for: n − 1 and the variance need it.
        #expect(throws: SweepError.self) {
            try GetisOrdGiStar.compute(values: [1: 1, 2: 0], neighbours: { _ in [] }, minimumCells: 0)
        }
        #expect(throws: SweepError.self) {
            try HotSpotAnalysis.run(values: values, neighbours: queen)
        }
        #expect((try? GetisOrdGiStar.compute(values: values, neighbours: queen, minimumCells: 25)) != nil)
    }

    @Test func nonFiniteValuesAreRejected() {
        var values = Self.grid(rows: 6, columns: 6) { r, _ in Double(r) }
        values[7] = .nan
        #expect(throws: SweepError.self) {
            try GetisOrdGiStar.compute(values: values, neighbours: Self.neighbours(rows: 6, columns: 6, queen: true))
        }
    }

    // MARK: - A hot block on a 10×10 grid

    // Block rows 1…3 × columns 1…3 holds 10, the rest 0; queen neighbours with self.
    // n = 100, x̄ = 90/100 = 0.9, S² = 900/100 − 0.81 = 8.19.
    //   Block centre (2,2): W = 9, Σwx = 90; (900 − 81)/99 = 8.2727;
    //                       z = (90 − 8.1)/(√8.19 · √8.2727) ≈ 9.9499.
    //   Block corner (1,1): W = 9, Σwx = 40; z = 31.9/8.2312 ≈ 3.8755, p ≈ 1.064e−4.
    //   Far corner (9,9):   W = 4, Σwx = 0; (400 − 16)/99 = 3.8788; z = −3.6/(2.8618·1.9695) ≈ −0.6387.
    // BH (checked with an independent script): the largest block q is 0.00118 (the block corners),
    // so all nine are hot99; the far corner has q ≈ 0.528, not significant.
    @Test func hotBlockIsHot99AndFarCornerIsNot() throws {
        let values = Self.grid(rows: 10, columns: 10) { r, c in (1...3).contains(r) && (1...3).contains(c) ? 10 : 0 }
        let cells = try HotSpotAnalysis.run(values: values, neighbours: Self.neighbours(rows: 10, columns: 10, queen: true))
        for r in 1...3 {
            for c in 1...3 { #expect(cells[Self.key(r, c, columns: 10)]!.hotSpotClass == .hot99, "(\(r),\(c))") }
        }
        let centre = cells[22]!, corner = cells[11]!, far = cells[99]!
        #expect((centre.z - 9.949874371066201).magnitude < 1e-9)
        #expect((corner.z - 3.875469993125907).magnitude < 1e-9)
        #expect((corner.q - 0.0011824343784858225).magnitude < 1e-12)
        #expect((far.z - -0.6387229704394801).magnitude < 1e-9)
        #expect((far.q - 0.5282860270355428).magnitude < 1e-9)
        #expect(far.hotSpotClass == .notSignificant)
        #expect(far.value == 0 && far.neighbourCount == 3)
    }

    // MARK: - Benjamini–Hochberg

    // p = 0.01, 0.04, 0.03, 0.005 (m = 4). Sorted: 0.005, 0.01, 0.03, 0.04.
    // m·p/rank: 0.02, 0.02, 0.04, 0.04; running minimum from the top: q = 0.02, 0.02, 0.04, 0.04.
    // Step-up at α = 0.05: thresholds 0.0125, 0.025, 0.0375, 0.05; the largest p₍ᵢ₎ under its
    // threshold is i = 4 (0.04 ≤ 0.05), so all four are significant. At α = 0.03 only two are.
    @Test func benjaminiHochbergSmallExample() {
        let p: [Int64: Double] = [1: 0.01, 2: 0.04, 3: 0.03, 4: 0.005]
        let q = BenjaminiHochberg.adjust(pValues: p)
        #expect(Self.close(q[1]!, 0.02) && Self.close(q[4]!, 0.02))
        #expect(Self.close(q[2]!, 0.04) && Self.close(q[3]!, 0.04))
        #expect(BenjaminiHochberg.significantAtFDR(p, alpha: 0.05) == [1, 2, 3, 4])
        #expect(BenjaminiHochberg.significantAtFDR(p, alpha: 0.03) == [1, 4])
    }

    // Benjamini & Hochberg (1995), section 4: fifteen p-values; at q* = 0.05 the procedure rejects
    // the four smallest (0.0095 ≤ 4/15·0.05 = 0.0133, but 0.0201 > 0.0167, …, 0.0459 > 0.03).
    @Test func benjaminiHochbergOriginalPaperExample() {
        let raw = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
                   0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000]
        var p: [Int64: Double] = [:]
        for (i, value) in raw.enumerated() { p[Int64(i)] = value }
        #expect(BenjaminiHochberg.significantAtFDR(p, alpha: 0.05) == [0, 1, 2, 3])
        let q = BenjaminiHochberg.adjust(pValues: p)
        // Monotone in p and capped at 1.
        for i in 1..<raw.count { #expect(q[Int64(i)]! >= q[Int64(i - 1)]!) }
        #expect(q.values.allSatisfy { $0 <= 1 })
        #expect(BenjaminiHochberg.adjust(pValues: [:]).isEmpty)
        #expect(BenjaminiHochberg.adjust(pValues: [1: .nan, 2: 1.5])[1] == 1)
    }

    // MARK: - Classes

    @Test func classesFollowQAndTheSignOfZ() {
        #expect(HotSpotClass.classify(z: 3, q: 0.01) == .hot99)
        #expect(HotSpotClass.classify(z: 3, q: 0.0100001) == .hot95)
        #expect(HotSpotClass.classify(z: 2, q: 0.05) == .hot95)
        #expect(HotSpotClass.classify(z: 1.7, q: 0.1) == .hot90)
        #expect(HotSpotClass.classify(z: 1.7, q: 0.11) == .notSignificant)
        #expect(HotSpotClass.classify(z: -3, q: 0.001) == .cold99)
        #expect(HotSpotClass.classify(z: -2, q: 0.03) == .cold95)
        #expect(HotSpotClass.classify(z: -1.7, q: 0.09) == .cold90)
        #expect(HotSpotClass.classify(z: 0, q: 0) == .notSignificant)
        #expect(HotSpotClass.allCases.map(\.bin) == [3, 2, 1, 0, -1, -2, -3])
    }

    // MARK: - Suppression

    @Test func smallCountsAreSuppressedButZeroIsShown() throws {
        let out = SmallCountSuppression.apply([1: 0, 2: 1, 3: 4, 4: 5, 5: 120])
        #expect(out == [1: .shown(0), 2: .suppressed(label: "<5"), 3: .suppressed(label: "<5"),
                        4: .shown(5), 5: .shown(120)])
        #expect(SmallCountSuppression.apply([1: 2], threshold: 3)[1] == .suppressed(label: "<3"))
        #expect(SmallCountSuppression.apply([1: 1], threshold: 1)[1] == .shown(1))
        #expect(out[3]!.description == "<5" && out[5]!.description == "120")

        let encoded = try JSONEncoder().encode([out[2]!, out[5]!, out[1]!])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["<5",120,0]"#)
        #expect(try JSONDecoder().decode([SuppressedCount].self, from: encoded) == [out[2]!, out[5]!, out[1]!])
    }

    // MARK: - 25,000 cells (correctness only; speed is measured by the benchmark)

    @Test func twentyFiveThousandCellsMatchADirectComputation() throws {
        let rows = 125, columns = 200
        var random = SeededRandom(seed: 2024)
        var values = Self.grid(rows: rows, columns: columns) { _, _ in Double(random.nextInt(below: 4)) }
        // A planted 5×5 block of 30s must come out hot.
        for r in 60..<65 { for c in 100..<105 { values[Self.key(r, c, columns: columns)] = 30 } }
        let queen = Self.neighbours(rows: rows, columns: columns, queen: true)
        let cells = try HotSpotAnalysis.run(values: values, neighbours: queen)
        #expect(cells.count == 25_000)
        #expect(cells.values.allSatisfy { $0.z.isFinite && (0...1).contains($0.p) && $0.q >= $0.p })
        #expect(cells[Self.key(62, 102, columns: columns)]!.hotSpotClass == .hot99)

        // Direct formula for a sample of cells, straight from the definition.
        let n = Double(values.count)
        let mean = values.values.reduce(0, +) / n
        let s = (values.values.reduce(0) { $0 + $1 * $1 } / n - mean * mean).squareRoot()
        for _ in 0..<50 {
            let key = Int64(random.nextInt(below: values.count))
            let around = [key] + queen(key)
            let w = Double(around.count)
            let numerator = around.reduce(0) { $0 + values[$1]! } - mean * w
            let z = numerator / (s * ((n * w - w * w) / (n - 1)).squareRoot())
            #expect((cells[key]!.z - z).magnitude < 1e-9, "cell \(key)")
            #expect(cells[key]!.neighbourCount == around.count - 1)
        }
    }
    // MARK: - Knox

    // A(0,0,t=0), B(1,0,t=1), C(100,0,t=50), D(101,0,t=51); close = 5 m and 2 days.
    // Close in space: AB, CD (2). Close in time: AB, CD (2). Observed (both): 2.
    // Pairs: 4·3/2 = 6, expected = 2·2/6 = 2/3, ratio = 3.
    // Under permutation X = 2 exactly when A and B receive one of the time clusters {0,1} or
    // {50,51}: 2 clusters · 2 orders · 2 orders for C, D = 8 of 24 permutations, so p → 1/3.
    @Test func knoxByHand() {
        let events: [(x: Double, y: Double, t: Double)] = [(0, 0, 0), (1, 0, 1), (100, 0, 50), (101, 0, 51)]
        let result = KnoxTest.run(events: events, closeDistance: 5, closeTime: 2, seed: 7)
        #expect(result.observedPairs == 2)
        #expect(Self.close(result.expectedPairs, 2.0 / 3))
        #expect(Self.close(result.ratio!, 3))
        #expect(result.pValue > 0.28 && result.pValue < 0.39)
        #expect(KnoxTest.run(events: events, closeDistance: 5, closeTime: 2, seed: 7) == result)
        #expect(KnoxTest.run(events: events, closeDistance: 5, closeTime: 2, permutations: 0, seed: 7).pValue == 1)
        #expect(KnoxTest.run(events: [(0, 0, 0)], closeDistance: 5, closeTime: 2, seed: 7)
                == KnoxResult(observedPairs: 0, expectedPairs: 0, ratio: nil, pValue: 1))
    }

    // Thirty near-repeat pairs at far-apart places and times: every permutation breaks most pairs,
    // so none reaches the observed 30 and p is the smallest possible, 1/1000.
    @Test func knoxDetectsNearRepeats() {
        var events: [(x: Double, y: Double, t: Double)] = []
        for k in 0..<30 {
            let x = Double(k) * 1000, t = Double((k * 7) % 30) * 100
            events.append((x, 0, t))
            events.append((x + 50, 30, t + 3))
        }
        let result = KnoxTest.run(events: events, closeDistance: 200, closeTime: 14, seed: 42)
        #expect(result.observedPairs == 30)
        #expect(result.pValue == 1.0 / 1000)
        #expect(result.ratio! > 10)
    }
}
