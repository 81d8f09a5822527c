import Foundation

/// The standard normal distribution's tails, computed in pure Swift.
///
/// Foundation's `erfc` comes from the platform's C library, which is not guaranteed to be present
/// (or identical) everywhere the package builds; hot-spot classes must not change with the
/// platform, so the complementary error function is implemented here.
public enum StandardNormal {
    /// The complementary error function erfc(x) = 1 − erf(x) = (2/√π) ∫ₓ^∞ e^(−t²) dt,
    /// with relative error below 1e−13 wherever the result is a normal Double (x < 26; measured
    /// against 50-digit mpmath, and checked against Glibc in the tests). Beyond that the result is
    /// subnormal and keeps only the precision a subnormal has.
    ///
    /// - |x| < 1.5: erf from the everywhere-positive series
    ///   erf(x) = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·5···(2n+1)), then erfc = 1 − erf.
    /// - x ≥ 1.5: Laplace's continued fraction
    ///   erfc(x) = (e^(−x²)/√π) · 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …)))),
    ///   evaluated with the modified Lentz algorithm.
    /// - x < 0: erfc(x) = 2 − erfc(−x).
    public static func erfc(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 { return 2 - erfc(-x) }
        if x < 1.5 { return 1 - erfSeries(x) }
        // e^(−x²) underflows to zero beyond this, so the tail is exactly 0 in Double.
        if x > 27.3 { return 0 }
        return continuedFraction(x)
    }

    /// The two-sided p-value of a standard normal z-score: p = P(|Z| ≥ |z|) = erfc(|z|/√2).
    /// A NaN z gives p = 1 so that a broken score can never look significant.
    public static func twoSidedP(z: Double) -> Double {
        if z.isNaN { return 1 }
        return min(1, erfc(z.magnitude / 2.0.squareRoot()))
    }

    private static let twoOverRootPi = 1.1283791670955126  // 2/√π
    private static let oneOverRootPi = 0.5641895835477563  // 1/√π

    // The positive-term series avoids the cancellation of the alternating Taylor series;
    // below 1.5 erfc ≥ 0.034, so 1 − erf loses at most about 1.5 digits.
    private static func erfSeries(_ x: Double) -> Double {
        let x2 = x * x
        var term = x
        var sum = x
        var n = 0.0
        while true {
            n += 1
            term *= 2 * x2 / (2 * n + 1)
            sum += term
            if term < sum * 1e-17 || n > 200 { break }
        }
        return twoOverRootPi * exp(-x2) * sum
    }

    // Modified Lentz: f = b0 + a1/(b1 + a2/(b2 + …)) with b_k = x and a_k = k/2.
    private static func continuedFraction(_ x: Double) -> Double {
        let tiny = 1e-300
        var f = x
        var c = f
        var d = 0.0
        var k = 1.0
        while k < 5000 {
            let a = k / 2
            d = x + a * d
            if d == 0 { d = tiny }
            c = x + a / c
            if c == 0 { c = tiny }
            d = 1 / d
            let delta = c * d
            f *= delta
            if (delta - 1).magnitude < 1e-16 { break }
            k += 1
        }
        return oneOverRootPi * exp(-x * x) / f
    }
}
