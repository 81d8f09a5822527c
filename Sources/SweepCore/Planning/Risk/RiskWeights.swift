import Foundation

/// The tunables of ``RiskScore``. Every default is a starting point, not a rule: the numbers are
/// local practice and a campaign may override any of them (missing keys decode to the defaults).
///
/// The defaults are scaled so that one fresh violation (2 points) weighs about as much as a
/// never-inspected venue (2 points), an unlicensed café (5 points) outranks both, and a venue
/// next to a school (3 points) outranks a stale inspection.
public struct RiskWeights: Codable, Sendable, Hashable {
    /// Points for one violation confirmed today; older ones count less (see `violationHalfLifeDays`).
    public var pointsPerViolation: Double
    /// Age in days at which a violation counts half. Zero or less disables the decay.
    public var violationHalfLifeDays: Double
    /// Points per open case whose rectification deadline has passed (a re-inspection is due).
    public var pointsPerOverdueCase: Double
    /// Points per open tip about the venue.
    public var pointsPerOpenTip: Double
    /// Points for a venue whose nearest school is at most `schoolFullWithinMetres` away.
    public var schoolPoints: Double
    /// Distance up to which the full school points apply.
    public var schoolFullWithinMetres: Double
    /// Distance from which no school points apply; in between they fall linearly.
    public var schoolZeroAtMetres: Double
    /// Points for operating without a licence.
    public var unlicensedPoints: Double
    /// Points once the last inspection is `inspectionGapCapDays` or more ago (or there never was one).
    public var inspectionGapPoints: Double
    /// Days after which a venue's inspection gap earns the full `inspectionGapPoints`.
    public var inspectionGapCapDays: Double
    /// Points for being the likely relocation of a café closed nearby (per link, at most two counted).
    public var relocationPoints: Double

    public init(pointsPerViolation: Double = 2, violationHalfLifeDays: Double = 180, pointsPerOverdueCase: Double = 3,
                pointsPerOpenTip: Double = 1.5, schoolPoints: Double = 3, schoolFullWithinMetres: Double = 200,
                schoolZeroAtMetres: Double = 1000, unlicensedPoints: Double = 5, inspectionGapPoints: Double = 2,
                inspectionGapCapDays: Double = 365, relocationPoints: Double = 4) {
        self.relocationPoints = relocationPoints
        self.pointsPerViolation = pointsPerViolation
        self.violationHalfLifeDays = violationHalfLifeDays
        self.pointsPerOverdueCase = pointsPerOverdueCase
        self.pointsPerOpenTip = pointsPerOpenTip
        self.schoolPoints = schoolPoints
        self.schoolFullWithinMetres = schoolFullWithinMetres
        self.schoolZeroAtMetres = schoolZeroAtMetres
        self.unlicensedPoints = unlicensedPoints
        self.inspectionGapPoints = inspectionGapPoints
        self.inspectionGapCapDays = inspectionGapCapDays
    }

    /// The defaults listed on each property.
    public static let defaults = RiskWeights()

    enum CodingKeys: String, CodingKey {
        case pointsPerViolation, violationHalfLifeDays, pointsPerOverdueCase, pointsPerOpenTip, schoolPoints,
             schoolFullWithinMetres, schoolZeroAtMetres, unlicensedPoints, inspectionGapPoints, inspectionGapCapDays, relocationPoints
    }

    /// Campaign settings override single weights, so a missing key means "the default".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RiskWeights.defaults
        pointsPerViolation = try c.decodeIfPresent(Double.self, forKey: .pointsPerViolation) ?? d.pointsPerViolation
        violationHalfLifeDays = try c.decodeIfPresent(Double.self, forKey: .violationHalfLifeDays) ?? d.violationHalfLifeDays
        pointsPerOverdueCase = try c.decodeIfPresent(Double.self, forKey: .pointsPerOverdueCase) ?? d.pointsPerOverdueCase
        pointsPerOpenTip = try c.decodeIfPresent(Double.self, forKey: .pointsPerOpenTip) ?? d.pointsPerOpenTip
        schoolPoints = try c.decodeIfPresent(Double.self, forKey: .schoolPoints) ?? d.schoolPoints
        schoolFullWithinMetres = try c.decodeIfPresent(Double.self, forKey: .schoolFullWithinMetres) ?? d.schoolFullWithinMetres
        schoolZeroAtMetres = try c.decodeIfPresent(Double.self, forKey: .schoolZeroAtMetres) ?? d.schoolZeroAtMetres
        unlicensedPoints = try c.decodeIfPresent(Double.self, forKey: .unlicensedPoints) ?? d.unlicensedPoints
        inspectionGapPoints = try c.decodeIfPresent(Double.self, forKey: .inspectionGapPoints) ?? d.inspectionGapPoints
        inspectionGapCapDays = try c.decodeIfPresent(Double.self, forKey: .inspectionGapCapDays) ?? d.inspectionGapCapDays
        relocationPoints = try c.decodeIfPresent(Double.self, forKey: .relocationPoints) ?? d.relocationPoints
    }
}
