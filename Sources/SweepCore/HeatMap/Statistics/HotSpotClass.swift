/// A cell's hot-spot class from its Gi* z-score and BH-adjusted q-value.
///
/// The confidence level is 99 % when q ≤ 0.01, 95 % when q ≤ 0.05, 90 % when q ≤ 0.10; the sign
/// of z says hot (z > 0) or cold (z < 0). Encoded as its raw name, e.g. `"hot95"`.
public enum HotSpotClass: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case hot99, hot95, hot90, notSignificant = "not_significant", cold90, cold95, cold99

    /// Classifies by q (FDR-adjusted) and the sign of z; z = 0 or a NaN is never significant.
    public static func classify(z: Double, q: Double) -> HotSpotClass {
        guard z != 0, !z.isNaN, !q.isNaN else { return .notSignificant }
        let hot = z > 0
        if q <= 0.01 { return hot ? .hot99 : .cold99 }
        if q <= 0.05 { return hot ? .hot95 : .cold95 }
        if q <= 0.10 { return hot ? .hot90 : .cold90 }
        return .notSignificant
    }

    /// ESRI's Gi_Bin convention: +3 / +2 / +1 for hot at 99 / 95 / 90 %, 0, and −1 … −3 for cold,
    /// so maps and CSVs can sort and colour by a single number.
    public var bin: Int {
        switch self {
        case .hot99: return 3
        case .hot95: return 2
        case .hot90: return 1
        case .notSignificant: return 0
        case .cold90: return -1
        case .cold95: return -2
        case .cold99: return -3
        }
    }
}
