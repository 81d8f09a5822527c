/// The outcome of a Knox space–time interaction test.
public struct KnoxResult: Sendable, Equatable, Codable {
    /// Pairs of events close in both space and time.
    public var observedPairs: Int
    /// Pairs expected close in both if space and time were independent:
    /// (pairs close in space) · (pairs close in time) / (n(n − 1)/2).
    public var expectedPairs: Double
    /// observed / expected; nil when no pair is expected (nothing to compare).
    public var ratio: Double?
    /// Monte Carlo p-value, (1 + #{permutations with ≥ observed pairs}) / (1 + permutations).
    public var pValue: Double

    public init(observedPairs: Int, expectedPairs: Double, ratio: Double?, pValue: Double) {
        self.observedPairs = observedPairs
        self.expectedPairs = expectedPairs
        self.ratio = ratio
        self.pValue = pValue
    }
}

/// Knox (1964) near-repeat test: does one violation raise the odds of another nearby soon after?
///
/// A pair of events i < j is close in space when √((xᵢ − xⱼ)² + (yᵢ − yⱼ)²) ≤ `closeDistance`
/// (projected metres) and close in time when |tᵢ − tⱼ| ≤ `closeTime` (same unit as t). The
/// statistic X is the number of pairs close in both. Under no space–time interaction, the times
/// are exchangeable among the locations, so the null distribution comes from randomly permuting
/// the times among events (Mantel-style Monte Carlo) with ``SeededRandom``:
///
///     p = (1 + #{π : X(π) ≥ X}) / (1 + permutations)
///
/// Pairs close in space do not change under a time permutation, so they are found once and each
/// permutation only re-checks their times: O(n² + permutations · pairs close in space).
/// Fewer than two events, or no permutations, give p = 1. Events with a non-finite coordinate or
/// time are never close to anything.
public enum KnoxTest {
    public static func run(
        events: [(x: Double, y: Double, t: Double)],
        closeDistance: Double,
        closeTime: Double,
        permutations: Int = 999,
        seed: UInt64
    ) -> KnoxResult {
        let n = events.count
        guard n >= 2 else { return KnoxResult(observedPairs: 0, expectedPairs: 0, ratio: nil, pValue: 1) }
        let d2 = closeDistance * closeDistance
        var spacePairs: [(Int, Int)] = []
        var timeClose = 0
        for i in 0..<n {
            for j in (i + 1)..<n {
                let dx = events[i].x - events[j].x, dy = events[i].y - events[j].y
                if closeDistance >= 0, dx * dx + dy * dy <= d2 { spacePairs.append((i, j)) }
                if (events[i].t - events[j].t).magnitude <= closeTime { timeClose += 1 }
            }
        }
        var times = events.map(\.t)
        let observed = closePairs(spacePairs, times: times, closeTime: closeTime)
        let totalPairs = Double(n) * Double(n - 1) / 2
        let expected = Double(spacePairs.count) * Double(timeClose) / totalPairs

        var atLeast = 0
        var random = SeededRandom(seed: seed)
        for _ in 0..<max(0, permutations) {
            random.shuffle(&times)
            if closePairs(spacePairs, times: times, closeTime: closeTime) >= observed { atLeast += 1 }
        }
        return KnoxResult(
            observedPairs: observed, expectedPairs: expected,
            ratio: expected > 0 ? Double(observed) / expected : nil,
            pValue: Double(1 + atLeast) / Double(1 + max(0, permutations)))
    }

    private static func closePairs(_ pairs: [(Int, Int)], times: [Double], closeTime: Double) -> Int {
        var count = 0
        for (i, j) in pairs where (times[i] - times[j]).magnitude <= closeTime { count += 1 }
        return count
    }
}
