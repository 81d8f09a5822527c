import Foundation

/// Who sees which counts on a heat map, and how sizes are written.
public enum HeatMapPolicy {
    /// Leadership always sees counts below this suppressed (enforcement.md: small counts are
    /// suppressed in anything leadership reads); coordinators' working views are exact unless they
    /// ask (for a publication).
    public static let leadershipSuppression = 5

    /// The suppression threshold for a caller who asked for `asked` (nil: none asked).
    public static func suppression(for role: Role, asked: Int?) -> Int? {
        role == .leader ? max(asked ?? leadershipSuppression, leadershipSuppression) : asked
    }

    /// "500", "500m" or "1.5km" in metres; nil when it is not a size (decimal digits only: no
    /// exponents, hexadecimal, infinities or NaN).
    public static func metres(_ text: String) -> Double? {
        var t = Substring(text.lowercased().trimmingCharacters(in: .whitespaces))
        var scale = 1.0
        if t.hasSuffix("km") { t = t.dropLast(2); scale = 1000 } else if t.hasSuffix("m") { t = t.dropLast() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }), let value = Double(t) else { return nil }
        return value * scale
    }
}
