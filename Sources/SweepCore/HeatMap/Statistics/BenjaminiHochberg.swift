/// Benjamini–Hochberg false discovery rate control (Benjamini & Hochberg 1995).
///
/// Testing thousands of cells at p ≤ 0.05 would flag about 5 % of them as hot spots by chance
/// alone; BH bounds the expected share of false hot spots among those flagged instead.
///
/// With m p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value (q-value) is
///
///     q₍ᵢ₎ = min over k ≥ i of min(1, m · p₍ₖ₎ / k)
///
/// which is monotone in p and capped at 1. Rejecting every q ≤ α is the BH step-up procedure:
/// find the largest i with p₍ᵢ₎ ≤ (i/m)·α and reject p₍₁₎ … p₍ᵢ₎.
public enum BenjaminiHochberg {
    /// q-values for every key. NaN p-values are treated as 1 and others are clamped to [0, 1], so
    /// a broken score never becomes significant; ties are ordered by key so output is deterministic.
    public static func adjust(pValues: [Int64: Double]) -> [Int64: Double] {
        let m = pValues.count
        guard m > 0 else { return [:] }
        let sorted = pValues
            .map { (key: $0.key, p: $0.value.isNaN ? 1 : min(1, max(0, $0.value))) }
            .sorted { $0.p != $1.p ? $0.p < $1.p : $0.key < $1.key }
        var q: [Int64: Double] = [:]
        q.reserveCapacity(m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let entry = sorted[rank - 1]
            running = min(running, Double(m) * entry.p / Double(rank))
            q[entry.key] = running
        }
        return q
    }

    /// Keys whose BH q-value is at most `alpha` (the false discovery rate), e.g. 0.05.
    public static func significantAtFDR(_ pValues: [Int64: Double], alpha: Double) -> Set<Int64> {
        Set(adjust(pValues: pValues).filter { $0.value <= alpha }.keys)
    }
}
