import Foundation

/// A stored plan without its stops: list views and the answer to plan creation.
public struct PlanSummary: Sendable, Hashable, Codable {
    public var planId: Int64
    public var campaignId: Int64
    public var campaignName: String
    public var revision: Int
    public var status: String
    public var seed: UInt64
    public var objective: Double
    public var sweeps: Int
    public var stops: Int
    public var createdAt: Date
    public var report: PlanReport

    public init(planId: Int64, campaignId: Int64, campaignName: String, revision: Int, status: String, seed: UInt64, objective: Double,
                sweeps: Int, stops: Int, createdAt: Date, report: PlanReport) {
        self.planId = planId
        self.campaignId = campaignId
        self.campaignName = campaignName
        self.revision = revision
        self.status = status
        self.seed = seed
        self.objective = objective
        self.sweeps = sweeps
        self.stops = stops
        self.createdAt = createdAt
        self.report = report
    }
}

extension PlanSummary {
    /// The summary as leadership may read it: figures only, without the targets the plan did not
    /// place, the repair moves or warnings that name venues (sealed targets stay sealed).
    public func withoutSealedTargets() -> PlanSummary {
        var copy = self
        copy.report.unplacedMustVisit = []
        copy.report.repairs = []
        copy.report.warnings = []
        return copy
    }
}
