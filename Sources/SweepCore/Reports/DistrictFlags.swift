import Foundation

/// Districts whose violation share is significantly above the city's: for each, the one-sided exact
/// binomial tail P(X ≥ y | n, p_city), then Holm's step-down over all districts tested, so that
/// testing twenty districts does not flag one by chance one time in three.
public enum DistrictFlags {
    public struct Result: Sendable, Hashable, Codable {
        public var district: String
        public var pValue: Double
        /// Holm-adjusted p-value (monotone, at most 1).
        public var adjustedP: Double
        public var flagged: Bool

        public init(district: String, pValue: Double, adjustedP: Double, flagged: Bool) {
            self.district = district
            self.pValue = pValue
            self.adjustedP = adjustedP
            self.flagged = flagged
        }
    }

    /// `samples`: district → (visits, in violation); `cityShare`: the city's estimate.
    public static func test(_ samples: [String: (sampled: Int, inViolation: Int)], cityShare: Double, alpha: Double = 0.05) -> [Result] {
        let tested = samples.filter { $0.value.sampled > 0 }.map { (district: $0.key, p: upperTail(atLeast: $0.value.inViolation, of: $0.value.sampled, p: cityShare)) }
            .sorted { ($0.p, $0.district) < ($1.p, $1.district) }
        let m = Double(tested.count)
        var out: [Result] = []
        var running = 0.0
        for (i, t) in tested.enumerated() {
            running = max(running, min(1, (m - Double(i)) * t.p))
            out.append(Result(district: t.district, pValue: t.p, adjustedP: running, flagged: running < alpha))
        }
        return out.sorted { $0.district < $1.district }
    }

    /// P(X ≥ k) for X ~ Binomial(n, p), summed in log space so large n does not overflow.
    public static func upperTail(atLeast k: Int, of n: Int, p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard k <= n else { return 0 }
        guard p > 0 else { return 0 }
        guard p < 1 else { return 1 }
        let lp = log(p), lq = log(1 - p)
        var sum = 0.0
        for x in k...n {
            let logTerm = lgamma(Double(n + 1)) - lgamma(Double(x + 1)) - lgamma(Double(n - x + 1)) + Double(x) * lp + Double(n - x) * lq
            sum += exp(logTerm)
        }
        return min(1, sum)
    }
}
