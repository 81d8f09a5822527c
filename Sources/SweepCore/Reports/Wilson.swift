import Foundation

/// A share with its 95 % interval, and what it was computed from.
public struct ShareEstimate: Sendable, Hashable, Codable {
    public var estimate: Double
    public var low: Double
    public var high: Double
    /// Visits the share rests on.
    public var sampled: Int
    public var inViolation: Int
    /// For a stratified estimate: the sample size a simple random sample with the same variance
    /// would have (Kish), which the interval is computed with.
    public var effectiveSample: Double?

    public init(estimate: Double, low: Double, high: Double, sampled: Int, inViolation: Int, effectiveSample: Double? = nil) {
        self.estimate = estimate
        self.low = low
        self.high = high
        self.sampled = sampled
        self.inViolation = inViolation
        self.effectiveSample = effectiveSample
    }
}

/// The Wilson score interval: unlike p ± 1.96·√(p(1−p)/n) it stays inside [0, 1] and does not
/// collapse to a point when no violation (or only violations) were found in a small sample.
public enum Wilson {
    /// z for a two-sided 95 % interval.
    public static let z95 = 1.959963984540054

    /// The interval for `share` observed in a sample of size `n` (n may be an effective, non-integer size).
    public static func interval(share p: Double, n: Double, z: Double = z95) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 1) }
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        // At 0 and 1 the bound is exact; floating point would leave a residue of 1e-17.
        return (p <= 0 ? 0 : max(0, centre - half), p >= 1 ? 1 : min(1, centre + half))
    }

    public static func estimate(inViolation y: Int, of n: Int) -> ShareEstimate {
        let p = n > 0 ? Double(y) / Double(n) : 0
        let (low, high) = interval(share: p, n: Double(n))
        return ShareEstimate(estimate: p, low: low, high: high, sampled: n, inViolation: y)
    }
}

/// One stratum of a random draw: how many venues it holds, how many were drawn and visited, and
/// how many of those were found in violation.
public struct StratumSample: Sendable, Hashable, Codable {
    public var name: String
    public var population: Int
    public var sampled: Int
    public var inViolation: Int

    public init(name: String, population: Int, sampled: Int, inViolation: Int) {
        self.name = name
        self.population = population
        self.sampled = sampled
        self.inViolation = inViolation
    }
}

/// The share of venues in violation estimated from stratified random draws, each stratum weighted
/// by its size (drawing 10 % of a small district and 10 % of a large one does not make them count
/// alike):
///
/// ```
/// p   = Σ W_h p_h,                        W_h = N_h / Σ N_h over strata that were sampled
/// var = Σ W_h² (1 − n_h/N_h) p_h(1 − p_h) / n_h
/// n_eff = p(1 − p) / var                  (Σ n_h when var = 0)
/// ```
///
/// and the Wilson interval of p at n_eff. Strata without a visit are left out of the weights and
/// named, so the estimate says what it covers.
public enum StratifiedShare {
    public static func estimate(_ strata: [StratumSample]) -> (share: ShareEstimate, uncovered: [String]) {
        let covered = strata.filter { $0.sampled > 0 && $0.population > 0 }
        let uncovered = strata.filter { $0.sampled == 0 || $0.population == 0 }.map(\.name).sorted()
        let total = Double(covered.reduce(0) { $0 + $1.population })
        let sampled = covered.reduce(0) { $0 + $1.sampled }, found = covered.reduce(0) { $0 + $1.inViolation }
        guard total > 0 else { return (ShareEstimate(estimate: 0, low: 0, high: 1, sampled: 0, inViolation: 0, effectiveSample: 0), uncovered) }
        var p = 0.0, variance = 0.0
        for s in covered {
            let w = Double(s.population) / total
            let ph = Double(s.inViolation) / Double(s.sampled)
            let fpc = max(0, 1 - Double(s.sampled) / Double(s.population))
            p += w * ph
            variance += w * w * fpc * ph * (1 - ph) / Double(s.sampled)
        }
        let nEff = variance > 0 ? p * (1 - p) / variance : Double(sampled)
        let (low, high) = Wilson.interval(share: p, n: nEff)
        return (ShareEstimate(estimate: p, low: low, high: high, sampled: sampled, inViolation: found, effectiveSample: nEff), uncovered)
    }
}
