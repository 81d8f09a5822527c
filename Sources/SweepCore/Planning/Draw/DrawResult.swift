/// One entity in the directory a random check draws from (一单两库: the directory of inspectable entities).
public struct DrawUnit: Sendable, Hashable, Codable {
    public var venueId: Int64
    /// E.g. "西城区/licensed_cafe". Each stratum is drawn on its own, so a venue belongs in exactly one.
    public var stratum: String

    public init(venueId: Int64, stratum: String) {
        self.venueId = venueId
        self.stratum = stratum
    }
}

/// One drawn venue. `rank` is the 1-based draw order within the stratum: the first `k` picks of a
/// larger draw are exactly a draw of `k`, so ranks beyond a quota serve as the reserve list.
public struct DrawPick: Sendable, Hashable, Codable {
    public var venueId: Int64
    public var stratum: String
    public var rank: Int

    public init(venueId: Int64, stratum: String, rank: Int) {
        self.venueId = venueId
        self.stratum = stratum
        self.rank = rank
    }
}

/// What was drawn from one stratum, for the audit record.
public struct DrawStratum: Sendable, Hashable, Codable {
    public var name: String
    public var frameSize: Int
    public var rule: DrawRule
    public var picked: Int

    public init(name: String, frameSize: Int, rule: DrawRule, picked: Int) {
        self.name = name
        self.frameSize = frameSize
        self.rule = rule
        self.picked = picked
    }
}

/// One line of the published draw list (双随机、一公开).
public struct DrawPublishedRow: Sendable, Hashable, Codable {
    public var stratum: String
    public var rank: Int
    public var venueId: Int64

    public init(stratum: String, rank: Int, venueId: Int64) {
        self.stratum = stratum
        self.rank = rank
        self.venueId = venueId
    }

    /// The CSV header matching ``fields``.
    public static let header = ["stratum", "rank", "venue_id"]

    /// The row's cells as CSV text, in ``header`` order.
    public var fields: [String] { [stratum, String(rank), String(venueId)] }
}

/// Everything needed to replay and verify a random draw: the seed, the strata with their frame
/// sizes and rules, a digest of the frame, and the picks.
public struct DrawResult: Sendable, Hashable, Codable {
    public var seed: UInt64
    /// In canonical order (stratum names compared by UTF-8 bytes).
    public var strata: [DrawStratum]
    /// ``StratifiedDraw/frameDigest(_:)`` of the de-duplicated frame.
    public var frameDigest: String
    /// Grouped by stratum in canonical order, then by rank.
    public var picks: [DrawPick]

    public init(seed: UInt64, strata: [DrawStratum], frameDigest: String, picks: [DrawPick]) {
        self.seed = seed
        self.strata = strata
        self.frameDigest = frameDigest
        self.picks = picks
    }

    /// Frame size per stratum.
    public var frameSizes: [String: Int] {
        Dictionary(strata.map { ($0.name, $0.frameSize) }, uniquingKeysWith: +)
    }

    /// The rows to publish, in the order of ``picks`` (stratum, then rank).
    public var publishedRows: [DrawPublishedRow] {
        picks.map { DrawPublishedRow(stratum: $0.stratum, rank: $0.rank, venueId: $0.venueId) }
    }
}
