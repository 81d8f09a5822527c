/// One cell's Getis–Ord Gi* score.
public struct GiStarResult: Sendable, Equatable, Codable {
    /// The Gi* z-score; positive means the cell and its neighbours are higher than the study area.
    public var z: Double
    /// Two-sided p-value from the standard normal: p = erfc(|z|/√2).
    public var p: Double
    /// Distinct neighbours inside the study area, not counting the cell itself.
    public var neighbourCount: Int

    public init(z: Double, p: Double, neighbourCount: Int) {
        self.z = z
        self.p = p
        self.neighbourCount = neighbourCount
    }
}

/// Getis–Ord Gi* local hot-spot statistic with binary weights (Getis & Ord 1992; Ord & Getis
/// 1995; the form used by ESRI's Hot Spot Analysis).
///
/// The study area is exactly the keys of `values`, and the caller decides it: a cell in the area
/// with no violations must be present with value 0, otherwise the mean is overstated and quiet
/// areas vanish from the comparison. Neighbours the closure returns outside the study area are
/// ignored, duplicates count once, and the cell itself is weighted by `includeSelf` only.
///
/// With n cells, values xⱼ and binary weights wᵢⱼ ∈ {0, 1}:
///
///     x̄   = Σⱼ xⱼ / n
///     S   = √(Σⱼ xⱼ² / n − x̄²)
///     Gi* = (Σⱼ wᵢⱼ xⱼ − x̄ Σⱼ wᵢⱼ) / (S · √((n Σⱼ wᵢⱼ² − (Σⱼ wᵢⱼ)²) / (n − 1)))
///
/// Gi* is itself a z-score; p = erfc(|Gi*|/√2) (two-sided). Degenerate cases give z = 0, p = 1:
/// S = 0 (every cell has the same value, so nothing stands out), and a cell whose weights cover
/// nothing or the whole study area (the denominator is 0: there is nothing to compare against).
///
/// Cost is O(n·k) for k neighbours per cell: the global sums are computed once.
public enum GetisOrdGiStar {
    /// Cells below this number make Gi*'s normal approximation unreliable (ESRI's guidance is 30).
    public static let defaultMinimumCells = 30

    /// Gi* for every cell in `values`, with neighbours from a closure (e.g. the grid's queen or hex
    /// neighbours, or a distance band).
    ///
    /// - Throws: ``SweepError/invalid(_:)`` for field `window` when there are fewer than
    ///   max(3, `minimumCells`) cells, and for field `values` when a value is not finite.
    public static func compute(
        values: [Int64: Double],
        neighbours: (Int64) -> [Int64],
        includeSelf: Bool = true,
        minimumCells: Int = defaultMinimumCells
    ) throws -> [Int64: GiStarResult] {
        let required = max(3, minimumCells)
        let n = values.count
        guard n >= required else {
            throw SweepError.invalid(
                field: "window",
                reason: "the window has too few cells for Gi* (\(n)), need at least \(required): "
                    + "widen the window or the area, or use smaller cells")
        }
        // Sorted keys fix the summation order, so results are bit-identical run to run
        // (dictionary order is randomised per process).
        let entries = values.sorted { $0.key < $1.key }
        let keys = entries.map(\.key)
        var index: [Int64: Int] = [:]
        index.reserveCapacity(n)
        var x = [Double](repeating: 0, count: n)
        for (i, (key, value)) in entries.enumerated() {
            guard value.isFinite else {
                throw SweepError.invalid(field: "values[\(key)]", reason: "not a finite number: \(value)")
            }
            index[key] = i
            x[i] = value
        }

        let nd = Double(n)
        var sum = 0.0
        for v in x { sum += v }
        let mean = sum / nd
        // Two passes: Σ(x − x̄)²/n equals Σx²/n − x̄² but does not cancel catastrophically.
        var sumSquares = 0.0
        var sumDeviations = 0.0
        for v in x {
            sumSquares += v * v
            sumDeviations += (v - mean) * (v - mean)
        }
        let variance = sumDeviations / nd
        // An all-equal grid can still leave ~ulp² of variance from rounding the mean; below this
        // relative level the spread is noise, and S = 0 gives the documented z = 0.
        let s = variance > 1e-20 * (sumSquares / nd) ? variance.squareRoot() : 0

        // lastSeen[j] == i marks j as already counted for cell i: O(1) de-duplication.
        var lastSeen = [Int](repeating: -1, count: n)
        var results: [Int64: GiStarResult] = [:]
        results.reserveCapacity(n)
        for (i, key) in keys.enumerated() {
            lastSeen[i] = i
            var weightSum = includeSelf ? 1.0 : 0.0
            var weighted = includeSelf ? x[i] : 0.0
            var count = 0
            for other in neighbours(key) {
                guard let j = index[other], lastSeen[j] != i else { continue }
                lastSeen[j] = i
                count += 1
                weightSum += 1
                weighted += x[j]
            }
            // Binary weights: Σw² = Σw.
            let spread = (nd * weightSum - weightSum * weightSum) / (nd - 1)
            var z = 0.0
            if s > 0, spread > 0 {
                z = (weighted - mean * weightSum) / (s * spread.squareRoot())
            }
            results[key] = GiStarResult(z: z, p: StandardNormal.twoSidedP(z: z), neighbourCount: count)
        }
        return results
    }

    /// Gi* with neighbours from a dictionary; keys missing from it have no neighbours.
    public static func compute(
        values: [Int64: Double],
        neighbours: [Int64: [Int64]],
        includeSelf: Bool = true,
        minimumCells: Int = defaultMinimumCells
    ) throws -> [Int64: GiStarResult] {
        try compute(values: values, neighbours: { neighbours[$0] ?? [] }, includeSelf: includeSelf,
                    minimumCells: minimumCells)
    }
}
