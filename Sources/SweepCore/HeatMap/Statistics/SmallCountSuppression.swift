/// A count as published: the number, or a label standing in for a small one.
///
/// Encodes as a bare JSON number (`12`) or string (`"<5"`), so GeoJSON properties and CSV cells
/// stay readable without a wrapper object.
public enum SuppressedCount: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    case shown(Int)
    case suppressed(label: String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .shown(number)
        } else {
            self = .suppressed(label: try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .shown(let number): try container.encode(number)
        case .suppressed(let label): try container.encode(label)
        }
    }

    /// The number, or the label (e.g. `<5`).
    public var description: String {
        switch self {
        case .shown(let number): return String(number)
        case .suppressed(let label): return label
        }
    }
}

/// Small-count suppression for outputs meant for leadership or publication — never for
/// coordinators' working views, which need the real numbers.
///
/// A count c is shown when c = 0 or c ≥ `threshold`, and replaced by the label `"<threshold"` when
/// 1 ≤ c < threshold. Zero stays visible, as statistical offices publish it: "none here" reveals
/// no individual venue, while 1…k−1 can point at one. Negative counts (not expected) are shown.
/// A threshold ≤ 1 suppresses nothing.
///
/// This is primary suppression only: a published total next to suppressed cells can reveal them
/// by subtraction, so totals over suppressed cells should be suppressed or rounded by the caller.
public enum SmallCountSuppression {
    /// Every count under the rule above, keyed as given (e.g. by cell key).
    public static func apply(_ counts: [Int64: Int], threshold: Int = 5) -> [Int64: SuppressedCount] {
        counts.mapValues { suppress($0, threshold: threshold) }
    }

    /// One count under the same rule as ``apply(_:threshold:)``.
    public static func suppress(_ count: Int, threshold: Int = 5) -> SuppressedCount {
        if count >= 1, count < threshold { return .suppressed(label: "<\(threshold)") }
        return .shown(count)
    }
}
