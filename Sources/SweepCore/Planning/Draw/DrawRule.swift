/// How many units to draw from one stratum.
public enum DrawRule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A share of the stratum in (0, 1], rounded up so that a non-empty stratum always gets at least one pick.
    case fraction(Double)
    /// A fixed number of units (all of them when the stratum is smaller).
    case count(Int)

    /// Picks for a stratum of `size` units.
    ///
    /// The product is rounded up after subtracting 1e-9, because binary fractions make exact
    /// products come out a hair high (0.07 × 100 = 7.000000000000001) and a plain ceiling would
    /// draw one unit more than the published ratio.
    public func picks(fromStratumOf size: Int) -> Int {
        guard size > 0 else { return 0 }
        switch self {
        case .fraction(let f):
            guard f.isFinite, f > 0 else { return 0 }
            return min(size, Int((min(f, 1) * Double(size) - 1e-9).rounded(.up)))
        case .count(let n):
            return min(size, max(0, n))
        }
    }

    /// Why the rule cannot be used as given, or nil when it is valid.
    public var problem: String? {
        switch self {
        case .fraction(let f):
            return f.isFinite && f > 0 && f <= 1 ? nil : "fraction \(f) is outside (0, 1]"
        case .count(let n):
            return n >= 0 ? nil : "count \(n) is negative"
        }
    }

    public var description: String {
        switch self {
        case .fraction(let f): return "fraction \(f)"
        case .count(let n): return "count \(n)"
        }
    }

    enum CodingKeys: String, CodingKey { case fraction, count }

    /// JSON `{"fraction": 0.1}` or `{"count": 5}`: what a person would write in campaign settings.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let f = try c.decodeIfPresent(Double.self, forKey: .fraction) {
            guard !c.contains(.count) else {
                throw DecodingError.dataCorruptedError(forKey: .count, in: c, debugDescription: "give either fraction or count, not both")
            }
            self = .fraction(f)
        } else if let n = try c.decodeIfPresent(Int.self, forKey: .count) {
            self = .count(n)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a draw rule needs fraction or count"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .fraction(let f): try c.encode(f, forKey: .fraction)
        case .count(let n): try c.encode(n, forKey: .count)
        }
    }
}
