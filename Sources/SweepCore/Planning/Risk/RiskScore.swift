import Foundation

/// How much a venue deserves a visit, as a sum of explainable terms.
///
/// With `w` = ``RiskWeights`` and `f` = ``RiskFeatures``:
///
/// ```
/// score = violations + overdue cases + open tips + school + unlicensed + inspection gap + relocation
///
/// violations     = w.pointsPerViolation × Σ over violations 0.5 ^ (age_days / w.violationHalfLifeDays)
/// overdue cases  = w.pointsPerOverdueCase × f.overdueOpenCases
/// open tips      = w.pointsPerOpenTip × f.openTips
/// school         = w.schoolPoints × closeness, where for d = metres to the nearest school
///                  closeness = 1                                  if d ≤ w.schoolFullWithinMetres
///                            = (zero − d) / (zero − full)         between the two radii
///                            = 0                                  if d ≥ w.schoolZeroAtMetres or no school known
/// unlicensed     = w.unlicensedPoints if f.unlicensed, else 0
/// inspection gap = w.inspectionGapPoints × min(days since last inspection, cap) / cap,
///                  cap = w.inspectionGapCapDays; never inspected = the full w.inspectionGapPoints
/// relocation     = w.relocationPoints × min(f.relocationLinks, 2): the café probably continues one
///                  closed nearby (stored relocation links, sql/0016)
/// ```
///
/// Defaults: 2 points per violation halving every 180 days; 3 per overdue case; 1.5 per open tip;
/// 3 for a school within 200 m, falling linearly to 0 at 1,000 m; 5 for unlicensed; up to 2 for the
/// inspection gap, reached at 365 days; 4 per relocation link.
///
/// Negative counts, ages and distances count as zero and negative or non-finite weights as zero,
/// so the score is never negative; a half-life of zero or less disables the decay.
public enum RiskScore {
    /// The score and its terms, in the order of the formula; the parts' points add up to the score.
    public static func score(_ f: RiskFeatures, weights w: RiskWeights) -> (score: Double, parts: [ScorePart]) {
        let parts = [
            violations(f.violationAgesDays, w),
            perItem(name: "overdue cases", count: f.overdueOpenCases, points: w.pointsPerOverdueCase,
                    one: "open case past its rectification deadline", many: "open cases past their rectification deadline",
                    none: "no open case past its rectification deadline"),
            perItem(name: "open tips", count: f.openTips, points: w.pointsPerOpenTip, one: "open tip", many: "open tips", none: "no open tips"),
            school(f.nearestSchoolMetres, w),
            ScorePart(name: "unlicensed", points: f.unlicensed ? weight(w.unlicensedPoints) : 0,
                      detail: f.unlicensed ? "operates without a licence" : "licensed"),
            inspectionGap(f.daysSinceLastInspection, w),
            relocation(f.relocationLinks ?? 0, w),
        ]
        // Summing the parts themselves (not a separate formula) keeps "parts add up" exact.
        let total = parts.reduce(0) { $0 + $1.points }
        return (total, parts)
    }

    /// What one violation of `ageDays` is worth relative to a fresh one (1 at age 0, ½ at the half-life).
    public static func decay(ageDays: Int, halfLifeDays: Double) -> Double {
        guard halfLifeDays > 0, halfLifeDays.isFinite else { return 1 }
        return pow(0.5, Double(max(0, ageDays)) / halfLifeDays)
    }

    /// Closeness to a school in 0...1 (1 = within the full-points radius, 0 = at or beyond the zero radius).
    public static func schoolCloseness(metres: Double?, weights w: RiskWeights) -> Double {
        guard let raw = metres, raw.isFinite else { return 0 }
        let d = max(0, raw)
        if d <= w.schoolFullWithinMetres { return 1 }
        // A zero radius at or inside the full radius means a hard cut-off at the full radius.
        guard w.schoolZeroAtMetres > w.schoolFullWithinMetres, d < w.schoolZeroAtMetres else { return 0 }
        return (w.schoolZeroAtMetres - d) / (w.schoolZeroAtMetres - w.schoolFullWithinMetres)
    }

    private static func weight(_ x: Double) -> Double { x.isFinite && x > 0 ? x : 0 }

    private static func violations(_ ages: [Int], _ w: RiskWeights) -> ScorePart {
        guard let latest = ages.map({ max(0, $0) }).min() else {
            return ScorePart(name: "violations", points: 0, detail: "no violations on record")
        }
        let sum = ages.reduce(0.0) { $0 + decay(ageDays: $1, halfLifeDays: w.violationHalfLifeDays) }
        let noun = ages.count == 1 ? "violation" : "violations"
        return ScorePart(name: "violations", points: weight(w.pointsPerViolation) * sum,
                         detail: "\(ages.count) \(noun), latest " + (latest == 0 ? "today" : "\(days(latest)) ago"))
    }

    private static func perItem(name: String, count: Int, points: Double, one: String, many: String, none: String) -> ScorePart {
        let n = max(0, count)
        let detail = n == 0 ? none : "\(n) \(n == 1 ? one : many)"
        return ScorePart(name: name, points: weight(points) * Double(n), detail: detail)
    }

    private static func school(_ metres: Double?, _ w: RiskWeights) -> ScorePart {
        let closeness = schoolCloseness(metres: metres, weights: w)
        guard let m = metres, m.isFinite else {
            return ScorePart(name: "school", points: 0, detail: "no school on record nearby")
        }
        return ScorePart(name: "school", points: weight(w.schoolPoints) * closeness,
                         detail: "nearest school \(Int(max(0, m).rounded())) m")
    }

    private static func inspectionGap(_ daysSince: Int?, _ w: RiskWeights) -> ScorePart {
        let full = weight(w.inspectionGapPoints)
        guard let raw = daysSince else {
            return ScorePart(name: "inspection gap", points: full, detail: "never inspected")
        }
        let d = max(0, raw)
        let share = w.inspectionGapCapDays > 0 ? min(Double(d), w.inspectionGapCapDays) / w.inspectionGapCapDays : 1
        return ScorePart(name: "inspection gap", points: full * share, detail: "last inspected \(days(d)) ago")
    }

    private static func relocation(_ links: Int, _ w: RiskWeights) -> ScorePart {
        let n = min(max(0, links), 2)
        return ScorePart(name: "relocation", points: weight(w.relocationPoints) * Double(n),
                         detail: n == 0 ? "no relocation link" : "likely relocation of \(links == 1 ? "a café" : "\(links) cafés") closed nearby")
    }

    private static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
}
