import Foundation
import SweepCore

/// `GET /v1/reports/departments`: 考评 per department, with the definitions printed.
public struct DepartmentReport: Sendable, Codable {
    public var asOf: Date
    public var from: String
    public var to: String
    public var campaignId: Int64?
    public var area: [String]
    public var suppressedBelow: Int?
    public var definitions: [String: String]
    public var departments: [DepartmentEvaluation]

    public init(asOf: Date, from: String, to: String, campaignId: Int64?, area: [String], suppressedBelow: Int?, departments: [DepartmentEvaluation]) {
        self.asOf = asOf
        self.from = from
        self.to = to
        self.campaignId = campaignId
        self.area = area
        self.suppressedBelow = suppressedBelow
        self.definitions = DepartmentEvaluation.definitions
        self.departments = departments
    }
}

/// `GET /v1/reports/compliance`: the random-draw estimate and, apart, the targeted hit rates, for a
/// window and area as the database held them at `as_of`.
public struct ComplianceReport: Sendable, Codable {
    /// The moment the figures reflect: re-run with this `as_of` and they are the same.
    public var asOf: Date
    /// `YYYY-MM-DD`, the window's first day and the day after it.
    public var from: String
    public var to: String
    public var campaignId: Int64?
    /// Jurisdiction codes the report covers (a campaign's area or a district); empty = the caller's whole scope.
    public var area: [String]
    /// Figures resting on fewer visits than this were withheld (always at least 5 for leaders).
    public var suppressedBelow: Int?
    public var summary: ComplianceSummary

    public init(asOf: Date, from: String, to: String, campaignId: Int64?, area: [String], suppressedBelow: Int?, summary: ComplianceSummary) {
        self.asOf = asOf
        self.from = from
        self.to = to
        self.campaignId = campaignId
        self.area = area
        self.suppressedBelow = suppressedBelow
        self.summary = summary
    }
}
