import Foundation

/// The catalogue facts the demo history needs: codes, the department whose finding holds each
/// violation, plausible fines and how far a case has got.
///
/// Kept next to the generator, not in the catalogue itself, because these are sampling choices
/// (how often, how much) rather than law; codes and departments follow
/// `domain/violations.md` and must stay in step with the catalogue.
enum DemoViolations {
    /// Café codes a routine check can find, with relative frequency and the department that finds it.
    static let cafeFindings: [(code: String, department: DepartmentCode, weight: Double)] = [
        ("CAFE_NO_ID_CHECK", .culture, 25),
        ("CAFE_NO_MINOR_SIGN", .culture, 12),
        ("CAFE_RECORDS", .culture, 10),
        ("CAFE_TECH_MEASURES_OFF", .culture, 8),
        ("CAFE_NO_LICENSE_DISPLAY", .culture, 6),
        ("CAFE_NO_PATROL", .culture, 6),
        ("CAFE_NON_NETWORK_GAME", .culture, 3),
        ("CAFE_CHANGE_UNFILED", .culture, 3),
        ("CAFE_MINOR_EMPLOYED", .culture, 1),
        ("CAFE_SMOKING_FIRE", .police, 15),
        ("CAFE_EXITS_BLOCKED", .police, 5),
    ]
    /// Finding weights when only culture is on the team (police findings impossible).
    static let cafeWeightsCultureOnly = cafeFindings.map { $0.department == .culture ? $0.weight : 0 }
    /// Finding weights for a culture + police team.
    static let cafeWeightsJoint = cafeFindings.map(\.weight)

    /// Tobacco rules under the minors law are enforced by the tobacco bureau at licensed
    /// retailers and by market regulation at everyone else (violations.md, lead column).
    static func tobaccoLead(licensed: Bool) -> DepartmentCode {
        licensed ? .tobacco : .marketRegulation
    }

    /// A fine in yuan within the catalogue's range, or nil for a warning or a penalty without a
    /// fine; `prior` is the venue's earlier count for the same kind of violation.
    static func fine(_ code: String, prior: Int, _ rng: inout SeededRandom) -> Int? {
        func yuan(_ lo: Int, _ hi: Int, step: Int) -> Int {
            rng.nextInt(in: (lo / step)...(hi / step)) * step
        }
        switch code {
        case "CAFE_UNLICENSED":
            return rng.chance(0.85) ? yuan(10_000, 50_000, step: 1_000) : nil
        case "CAFE_MINOR_ADMITTED":
            if prior == 0 { return rng.chance(0.3) ? nil : yuan(2_000, 15_000, step: 500) }
            return yuan(10_000, 50_000, step: 1_000)
        case "CAFE_HOURS":
            // The local ladder by count within a year: warning, ≤3,000, 3,000–8,000, 8,000–15,000.
            switch prior {
            case 0: return nil
            case 1: return yuan(500, 3_000, step: 100)
            case 2: return yuan(3_000, 8_000, step: 500)
            default: return yuan(8_000, 15_000, step: 500)
            }
        case "CAFE_NO_MINOR_SIGN", "CAFE_NO_LICENSE_DISPLAY":
            return prior == 0 ? nil : yuan(500, 5_000, step: 500)
        case "CAFE_NEAR_SCHOOL":
            return rng.chance(0.5) ? nil : yuan(5_000, 50_000, step: 1_000)
        case "CAFE_MINOR_EMPLOYED":
            return yuan(5_000, 100_000, step: 1_000)
        case "OBSTRUCTION":
            return rng.chance(0.5) ? nil : yuan(50, 200, step: 50)
        case "TOBACCO_SALE_TO_MINOR":
            if rng.chance(0.25) { return nil }
            return rng.chance(0.9) ? yuan(1_000, 10_000, step: 500) : yuan(10_000, 50_000, step: 1_000)
        case "TOBACCO_NO_SIGN":
            return prior == 0 || rng.chance(0.7) ? nil : yuan(200, 2_000, step: 100)
        case "TOBACCO_NO_ID_CHECK", "TOBACCO_NEAR_SCHOOL":
            return nil
        case "TOBACCO_UNLICENSED":
            // 20–50 % of the illegal turnover.
            return max(100, Int(rng.nextDouble(in: 2_000..<60_000) * rng.nextDouble(in: 0.2..<0.5)) / 100 * 100)
        case "TOBACCO_OFF_CHANNEL":
            // 5–10 % of the off-channel purchases.
            return max(100, Int(rng.nextDouble(in: 10_000..<100_000) * rng.nextDouble(in: 0.05..<0.10)) / 100 * 100)
        case "TOBACCO_ILLEGAL_PRODUCT":
            // 20–50 % of the sales.
            return max(100, Int(rng.nextDouble(in: 5_000..<80_000) * rng.nextDouble(in: 0.2..<0.5)) / 100 * 100)
        case "TOBACCO_ECIG_CHANNEL":
            return yuan(1_000, 10_000, step: 500)
        default:
            // Café order and records violations (café regulation 31/33): warning or up to ¥15,000.
            return prior == 0 && rng.chance(0.5) ? nil : yuan(1_000, 15_000, step: 500)
        }
    }

    /// How far a case opened `age` days ago has got: old cases are closed, recent ones still run.
    static func caseState(age: Int, fine: Int?, escalated: Bool, _ rng: inout SeededRandom) -> CaseState {
        if escalated {
            if age >= 30 { return .closedEscalated }
            let u = rng.nextUnit()
            return u < 0.2 ? .open : (u < 0.4 ? .accepted : .decided)
        }
        if age < 30 {
            // Warnings are mostly corrected on the spot (当场改正).
            if fine == nil, rng.chance(0.6) { return .closedRectified }
            let u = rng.nextUnit()
            if u < 0.25 { return .open }
            if u < 0.40 { return .accepted }
            if u < 0.45 { return .referred }
            if u < 0.70 { return .decided }
            return .rectificationOrdered
        }
        if age < 120 {
            let u = rng.nextUnit()
            if u < 0.60 { return .closedRectified }
            if u < 0.72 { return .rectificationOrdered }
            if u < 0.82 { return .reinspection }
            if u < 0.92 { return .decided }
            return .closedEscalated
        }
        return rng.chance(0.95) ? .closedRectified : .closedEscalated
    }
}
