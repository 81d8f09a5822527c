import Foundation

/// A solved plan before it is stored: the routing instance it was solved on, the routes, why each
/// target was chosen, and the report a coordinator reads (quality, warnings, what did not fit).
public struct PlanDraft: Sendable, Hashable, Codable {
    public var seed: UInt64
    public var instance: RoutingInstance
    public var solution: RoutingSolution
    /// Per target index of `instance.targets`.
    public var reasons: [SelectionReason]
    public var report: PlanReport
    /// The random draw (双随机) if the campaign drew targets: seed, frame digest, strata, picks.
    public var draw: DrawRecord?

    public init(seed: UInt64, instance: RoutingInstance, solution: RoutingSolution, reasons: [SelectionReason], report: PlanReport,
                draw: DrawRecord?) {
        self.seed = seed
        self.instance = instance
        self.solution = solution
        self.reasons = reasons
        self.report = report
        self.draw = draw
    }
}

/// What a coordinator needs to judge a plan.
public struct PlanReport: Sendable, Hashable, Codable {
    public var candidates = 0
    public var routable = 0
    public var teams = 0
    public var sweeps = 0
    public var visits = 0
    public var mustVisit = 0
    public var mustVisitCovered = 0
    /// Sum of risk values of the visited targets (without the must-visit bonus).
    public var riskCovered = 0.0
    /// Solver objective (with the must-visit bonus) and its upper bound.
    public var objective = 0.0
    public var upperBound = 0.0
    public var gapPercent = 0.0
    public var solverIterations = 0
    public var solverSeconds = 0.0
    public var stoppedBy = ""
    public var warnings: [String] = []
    public var shortages: [String] = []
    public var unplacedMustVisit: [String] = []
    /// Repairs applied after creation, newest last.
    public var repairs: [RepairSummary] = []

    public init() {}
}

/// One `sweep plan repair` as recorded on the plan.
public struct RepairSummary: Sendable, Hashable, Codable {
    public var at: Date
    public var actor: String
    public var changes: String
    public var moves: [String]
    public var changedStops: Int
    public var unchangedStops: Int

    public init(at: Date, actor: String, changes: String, moves: [String], changedStops: Int, unchangedStops: Int) {
        self.at = at
        self.actor = actor
        self.changes = changes
        self.moves = moves
        self.changedStops = changedStops
        self.unchangedStops = unchangedStops
    }
}

/// The recorded random draw, publishable as a list (双随机、一公开).
public struct DrawRecord: Sendable, Hashable, Codable {
    public var seed: UInt64
    public var frameDigest: String
    /// Stratum → frame size.
    public var strata: [String: Int]
    public var fractions: [String: Double]
    public var picks: [DrawnVenue]
    /// The target frame itself (stratum, venue id), so anyone can run the draw again; absent in
    /// plans made before it was published.
    public var frame: [DrawUnit]?
    /// The inspector half (random mode): who was drawn to work with whom.
    public var inspectors: InspectorDrawRecord?

    public init(seed: UInt64, frameDigest: String, strata: [String: Int], fractions: [String: Double], picks: [DrawnVenue],
                frame: [DrawUnit]? = nil, inspectors: InspectorDrawRecord? = nil) {
        self.frame = frame
        self.inspectors = inspectors
        self.seed = seed
        self.frameDigest = frameDigest
        self.strata = strata
        self.fractions = fractions
        self.picks = picks
    }
}

public struct DrawnVenue: Sendable, Hashable, Codable {
    public var stratum: String
    public var rank: Int
    public var venueId: Int64
    public var venueCode: String
    public var venueName: String
    /// Whether the plan could place the visit.
    public var planned: Bool

    public init(stratum: String, rank: Int, venueId: Int64, venueCode: String, venueName: String, planned: Bool) {
        self.stratum = stratum
        self.rank = rank
        self.venueId = venueId
        self.venueCode = venueCode
        self.venueName = venueName
        self.planned = planned
    }
}
