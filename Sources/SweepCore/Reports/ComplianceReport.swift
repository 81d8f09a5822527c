import Foundation

/// Visits of one district and kind, as the store counts them for a window and an as-of moment.
public struct VisitCount: Sendable, Hashable {
    public var district: String
    public var districtName: String
    /// `licensed_cafe`, `unlicensed_cafe` or `tobacco_retail`.
    public var kind: String
    /// Drawn at random (a random-draw stop, or a check recorded as RANDOM).
    public var random: Bool
    /// `random`, `campaign`, `tip`, `referral`, `follow_up`.
    public var origin: String
    public var visits: Int
    public var inViolation: Int

    public init(district: String, districtName: String, kind: String, random: Bool, origin: String, visits: Int, inViolation: Int) {
        self.district = district
        self.districtName = districtName
        self.kind = kind
        self.random = random
        self.origin = origin
        self.visits = visits
        self.inViolation = inViolation
    }
}

/// One district's share for one kind.
public struct DistrictCompliance: Sendable, Hashable, Codable {
    public var district: String
    public var districtName: String
    /// Venues of the kind in the district (the stratum's weight).
    public var venues: Int
    /// nil when no random check was made there, or when it is suppressed.
    public var share: ShareEstimate?
    /// Significantly above the city's share after Holm's correction.
    public var aboveCity: Bool
    public var adjustedP: Double?
    /// Fewer random checks than the suppression threshold: figures withheld.
    public var suppressed: Bool
}

/// The random-draw estimate for one kind, its districts, and what it does not cover.
public struct KindCompliance: Sendable, Hashable, Codable {
    public var kind: String
    public var share: ShareEstimate?
    public var districts: [DistrictCompliance]
    /// Districts with venues of the kind but no random check in the window: outside the estimate.
    public var uncoveredDistricts: [String]
    /// The estimate rests on fewer random checks than the suppression threshold: withheld.
    public var suppressed = false
}

/// A targeted hit rate: how often visits chosen for a reason found something. It overstates
/// prevalence (that is what targeting is for) and is never to be read as a compliance figure.
public struct TargetedHitRate: Sendable, Hashable, Codable {
    public var kind: String
    public var origin: String
    public var visits: Int?
    public var withViolation: Int?
    public var rate: Double?
    public var suppressed: Bool
}

/// The honest compliance figure beside, and apart from, the targeted hit rates.
public struct ComplianceSummary: Sendable, Hashable, Codable {
    public static let estimateLabel = "share of venues in violation, estimated from random draws only (stratified by district, weighted by venues; Wilson 95 % interval)"
    public static let targetedLabel = "targeted hit rates: visits chosen for risk, tips or follow-up — they overstate prevalence and are not a compliance figure"

    public var estimateLabel = ComplianceSummary.estimateLabel
    public var targetedLabel = ComplianceSummary.targetedLabel
    public var kinds: [KindCompliance]
    public var targeted: [TargetedHitRate]

    /// Builds the summary; `suppressBelow` withholds any district or rate resting on fewer visits.
    public static func build(visits: [VisitCount], venues: [String: [String: Int]], districtNames: [String: String],
                             suppressBelow: Int?) -> ComplianceSummary {
        let kinds = Set(visits.map(\.kind)).union(venues.values.flatMap(\.keys)).sorted()
        var out: [KindCompliance] = []
        for kind in kinds {
            let random = visits.filter { $0.kind == kind && $0.random }
            var perDistrict: [String: (sampled: Int, inViolation: Int)] = [:]
            for v in random {
                let c = perDistrict[v.district] ?? (0, 0)
                perDistrict[v.district] = (c.sampled + v.visits, c.inViolation + v.inViolation)
            }
            let districts = Set(perDistrict.keys).union(venues.compactMap { $0.value[kind] != nil ? $0.key : nil }).sorted()
            let strata = districts.map { d in
                StratumSample(name: d, population: venues[d]?[kind] ?? 0, sampled: perDistrict[d]?.sampled ?? 0, inViolation: perDistrict[d]?.inViolation ?? 0)
            }
            let (share, uncovered) = StratifiedShare.estimate(strata)
            let flags = Dictionary(DistrictFlags.test(perDistrict, cityShare: share.estimate).map { ($0.district, $0) }, uniquingKeysWith: { a, _ in a })
            let rows = districts.map { d -> DistrictCompliance in
                let s = perDistrict[d]
                let hidden = suppressBelow.map { (s?.sampled ?? 0) > 0 && (s?.sampled ?? 0) < $0 } ?? false
                return DistrictCompliance(district: d, districtName: districtNames[d] ?? d, venues: venues[d]?[kind] ?? 0,
                                          share: hidden ? nil : s.map { Wilson.estimate(inViolation: $0.inViolation, of: $0.sampled) },
                                          aboveCity: !hidden && (flags[d]?.flagged ?? false), adjustedP: hidden ? nil : flags[d]?.adjustedP, suppressed: hidden)
            }
            let hidden = suppressBelow.map { share.sampled > 0 && share.sampled < $0 } ?? false
            out.append(KindCompliance(kind: kind, share: share.sampled > 0 && !hidden ? share : nil, districts: rows, uncoveredDistricts: uncovered,
                                      suppressed: hidden))
        }
        var targeted: [TargetedHitRate] = []
        let groups = Dictionary(grouping: visits.filter { !$0.random }, by: { "\($0.kind)|\($0.origin)" })
        for key in groups.keys.sorted() {
            let g = groups[key]!
            let n = g.reduce(0) { $0 + $1.visits }, y = g.reduce(0) { $0 + $1.inViolation }
            let hidden = suppressBelow.map { n < $0 } ?? false
            targeted.append(TargetedHitRate(kind: g[0].kind, origin: g[0].origin, visits: hidden ? nil : n, withViolation: hidden ? nil : y,
                                            rate: hidden || n == 0 ? nil : Double(y) / Double(n), suppressed: hidden))
        }
        return ComplianceSummary(kinds: out, targeted: targeted)
    }
}
