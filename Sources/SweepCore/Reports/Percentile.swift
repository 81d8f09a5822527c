/// Percentiles exactly as PostgreSQL's ordered-set aggregates compute them, so figures taken in
/// Swift over merged sorted runs equal those the database would give over the same rows.
public enum Percentile {
    /// `percentile_cont`: linear interpolation between the two nearest ranks.
    public static func continuous(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = fraction * Double(sorted.count - 1)
        let first = position.rounded(.down), second = position.rounded(.up)
        let low = sorted[Int(first)], high = sorted[Int(second)]
        // float8_lerp in PostgreSQL: low + (high - low) * proportion.
        return low + (high - low) * (position - first)
    }

    /// `percentile_disc`: the first value whose cumulative share reaches the fraction (nearest rank).
    public static func discrete(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = max(Int((fraction * Double(sorted.count)).rounded(.up)), 1)
        return sorted[min(rank, sorted.count) - 1]
    }
}
