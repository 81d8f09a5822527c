import Foundation

/// SplitMix64: turns one 64-bit seed into a well-mixed stream.
///
/// Used to expand a user's seed into the larger state of ``SeededRandom``; on its own it is good
/// enough for hashing labels into seeds, and it is the reference seeding method for xoshiro.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The whole state: a counter advanced by the golden-ratio increment.
    public var state: UInt64

    /// Starts the stream at `seed`; every seed, including zero, gives a usable stream.
    public init(seed: UInt64) {
        self.state = seed
    }

    /// The next 64 well-mixed bits; consecutive seeds give unrelated outputs.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A reproducible random number generator (xoshiro256**, seeded through SplitMix64).
///
/// Demo data, random inspection draws and benchmarks must come out identical for the same seed on
/// every machine and every Swift release, and a draw must be replayable for an audit (双随机: keep
/// the seed). `SystemRandomNumberGenerator` gives none of that, and the standard library's
/// `random(in:using:)` and `shuffled(using:)` do not promise a stable algorithm across releases,
/// so this type carries its own bounded-integer, real-number and shuffle helpers: use them rather
/// than the standard library's when the output must be reproducible.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole output is fixed by `seed`.
    public init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        s0 = mix.next()
        s1 = mix.next()
        s2 = mix.next()
        s3 = mix.next()
        // SplitMix64 never yields four zero words in a row, but xoshiro would be stuck on them.
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// An independent stream for one purpose (`stream`) under one seed, so that adding draws for
    /// one purpose does not shift the numbers every other purpose sees.
    public init(seed: UInt64, stream: UInt64) {
        var a = SplitMix64(seed: seed)
        var b = SplitMix64(seed: stream ^ 0x5EED_5EED_5EED_5EED)
        self.init(seed: a.next() ^ (b.next() &* 0xD605_BBB5_8C8A_BEEB))
    }

    /// The next 64 random bits (xoshiro256**: fast, 2^256 − 1 period, passes BigCrush).
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A child generator seeded from this one's next output: hand it to a sub-task so the
    /// sub-task's consumption does not depend on, or disturb, the parent's.
    public mutating func split() -> SeededRandom {
        SeededRandom(seed: next())
    }

    /// A uniform real in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform real in `range` (upper bound excluded).
    public mutating func nextDouble(in range: Range<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
    }

    /// A uniform integer in 0..<bound without modulo bias (Lemire's multiply-and-reject).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold {
                m = next().multipliedFullWidth(by: b)
            }
        }
        return Int(m.high)
    }

    /// A uniform integer in `range`.
    public mutating func nextInt(in range: Range<Int>) -> Int {
        range.lowerBound + nextInt(below: range.count)
    }

    /// A uniform integer in `range`.
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + nextInt(below: range.count)
    }

    /// True with probability `p` (values outside 0...1 act as 0 or 1).
    public mutating func chance(_ p: Double) -> Bool {
        nextUnit() < p
    }

    /// A standard normal deviate (Box–Muller, one value per call so the state stays simple).
    /// Uses the platform's `log` and `cos`, so the last bit may differ between C libraries.
    public mutating func nextGaussian() -> Double {
        let u1 = 1.0 - nextUnit()  // (0, 1], keeps log finite
        let u2 = nextUnit()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * .pi * u2)
    }

    /// A uniformly chosen element; the array must not be empty.
    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[nextInt(below: elements.count)]
    }

    /// An index chosen with probability proportional to `weights` (non-negative, not all zero).
    public mutating func pickIndex(weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var r = nextUnit() * total
        for (i, w) in weights.enumerated() {
            r -= w
            if r < 0 { return i }
        }
        return weights.count - 1
    }

    /// Fisher–Yates shuffle in place with this generator's own bounded integers.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            let j = nextInt(below: i + 1)
            if i != j { elements.swapAt(i, j) }
        }
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
