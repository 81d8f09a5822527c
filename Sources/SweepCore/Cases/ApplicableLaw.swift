import Foundation

/// One text of a penalty provision as the catalogue holds it: instrument, version, article, the day
/// the version came into force, and the heaviest each of its tiers allows.
public struct PenaltyText: Sendable, Hashable {
    public var instrument: String
    public var instrumentTitle: String
    public var version: String
    public var article: String?
    /// nil when the catalogue does not know it.
    public var inForceFrom: Date?
    public var tiers: [Tier]

    public struct Tier: Sendable, Hashable {
        public var sanctions: Set<String>
        public var fineMaxYuan: Double?
        public var detentionDaysMax: Int?

        public init(sanctions: Set<String>, fineMaxYuan: Double?, detentionDaysMax: Int?) {
            self.sanctions = sanctions
            self.fineMaxYuan = fineMaxYuan
            self.detentionDaysMax = detentionDaysMax
        }
    }

    public init(instrument: String, instrumentTitle: String, version: String, article: String?, inForceFrom: Date?, tiers: [Tier]) {
        self.instrument = instrument
        self.instrumentTitle = instrumentTitle
        self.version = version
        self.article = article
        self.inForceFrom = inForceFrom
        self.tiers = tiers
    }

    /// The heaviest this text allows, compared in the order a person is hurt by it: days of
    /// detention, then losing the business (revocation, then suspension), then the highest fine.
    var severity: Severity {
        Severity(detentionDays: tiers.compactMap(\.detentionDaysMax).max() ?? 0,
                 revocation: tiers.contains { $0.sanctions.contains("revocation") },
                 suspension: tiers.contains { $0.sanctions.contains("suspension") },
                 fineYuan: tiers.compactMap(\.fineMaxYuan).max() ?? 0)
    }

    struct Severity: Comparable {
        var detentionDays: Int, revocation: Bool, suspension: Bool, fineYuan: Double
        static func < (a: Severity, b: Severity) -> Bool {
            (a.detentionDays, a.revocation ? 1 : 0, a.suspension ? 1 : 0, a.fineYuan) < (b.detentionDays, b.revocation ? 1 : 0, b.suspension ? 1 : 0, b.fineYuan)
        }
    }

    var citation: String { "\(instrumentTitle) (\(version))\(article.map { " art. \($0)" } ?? "")" }
}

/// The text a penalty is decided under, and why.
public struct AppliedLegalText: Sendable, Hashable, Codable {
    public var instrument: String
    public var version: String
    public var article: String?
    /// `in_force_at_act` (从旧), `lighter_later_text` (从轻) or `none_in_force` (no penalty text of
    /// this instrument was in force when the act was committed).
    public var rule: String
    public var reason: String

    public init(instrument: String, version: String, article: String?, rule: String, reason: String) {
        self.instrument = instrument
        self.version = version
        self.article = article
        self.rule = rule
        self.reason = reason
    }
}

/// 从旧兼从轻 (Administrative Penalty Law 2021, art. 37): an act is judged under the text in force
/// when it was committed, unless a text in force by the time of the decision is lighter.
public enum ApplicableLaw {
    /// One choice per instrument among `texts` (the penalty bases of one violation).
    public static func choose(_ texts: [PenaltyText], actOn: Date, decidedOn: Date) -> [AppliedLegalText] {
        let act = ISODay.format(actOn)
        var out: [AppliedLegalText] = []
        for (instrument, all) in Dictionary(grouping: texts, by: \.instrument).sorted(by: { $0.key < $1.key }) {
            // A version without a known in-force day cannot be placed in time beside dated ones.
            let dated = all.filter { $0.inForceFrom != nil }
            let versions = (dated.isEmpty ? all : dated).sorted { ($0.inForceFrom ?? .distantPast, $0.version) < ($1.inForceFrom ?? .distantPast, $1.version) }
            guard let atAct = versions.last(where: { ($0.inForceFrom ?? .distantPast) <= actOn }) else {
                let first = versions.first
                out.append(AppliedLegalText(instrument: instrument, version: first?.version ?? "", article: first?.article, rule: "none_in_force",
                                            reason: "no penalty text of \(first?.instrumentTitle ?? instrument) was in force on \(act) "
                                                + "(the first, \(first?.version ?? "?"), from \(first?.inForceFrom.map(ISODay.format) ?? "?")); it cannot be applied to this act"))
                continue
            }
            let later = versions.filter { v in
                guard let from = v.inForceFrom else { return false }
                return from > actOn && from <= decidedOn
            }
            if let lighter = later.filter({ $0.severity < atAct.severity }).min(by: { $0.severity < $1.severity }) {
                out.append(AppliedLegalText(instrument: instrument, version: lighter.version, article: lighter.article, rule: "lighter_later_text",
                                            reason: "从轻: the act (\(act)) fell under \(atAct.citation), but \(lighter.citation), in force from "
                                                + "\(ISODay.format(lighter.inForceFrom!)), is lighter and applies (Administrative Penalty Law 2021 art. 37)"))
            } else {
                let heavier = later.isEmpty ? "" : "; the later \(later.map(\.citation).joined(separator: ", ")) is not lighter"
                out.append(AppliedLegalText(instrument: instrument, version: atAct.version, article: atAct.article, rule: "in_force_at_act",
                                            reason: "从旧: \(atAct.citation) was in force when the act was committed (\(act))\(heavier)"))
            }
        }
        return out
    }
}

/// A rule of campaign policy (not law) keyed to what one visit found, such as the 2004 campaign's
/// "three or more minors admitted at once → at least 15 days' suspension". It guides the choice within
/// the statutory range; the decision still cites the law.
public struct PolicyRuleMatch: Sendable, Hashable, Codable {
    public var code: String
    /// `campaign_policy` or `law`.
    public var basisKind: String
    public var minMinors: Int
    public var sanctions: [String]
    public var suspensionDaysMin: Int?
    public var note: String

    public init(code: String, basisKind: String, minMinors: Int, sanctions: [String], suspensionDaysMin: Int?, note: String) {
        self.code = code
        self.basisKind = basisKind
        self.minMinors = minMinors
        self.sanctions = sanctions
        self.suspensionDaysMin = suspensionDaysMin
        self.note = note
    }

    /// The strictest rule the visit's minors count reaches, if any.
    public static func reached(_ rules: [PolicyRuleMatch], minors: Int) -> PolicyRuleMatch? {
        rules.filter { minors >= $0.minMinors }.max { $0.minMinors < $1.minMinors }
    }
}
