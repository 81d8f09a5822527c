import Foundation
import SweepCore

/// `GET /v1/reports/progress`: a campaign's sweeps as they stood at `as_of`.
public struct ProgressReport: Sendable, Codable {
    /// ISO 8601 with milliseconds: pass it back as `as_of` to get the same figures.
    public var asOf: String
    public var campaignId: Int64
    public var from: String
    public var to: String
    public var area: [String]
    public var progress: PlanProgress
    /// Visits and hit rate per week against the previous campaign of the area and the same weeks a year before.
    public var trend: CampaignTrend?

    public init(asOf: String, campaignId: Int64, from: String, to: String, area: [String], progress: PlanProgress, trend: CampaignTrend? = nil) {
        self.trend = trend
        self.asOf = asOf
        self.campaignId = campaignId
        self.from = from
        self.to = to
        self.area = area
        self.progress = progress
    }
}

/// `GET /v1/reports/departments`: 考评 per department, with the definitions printed.
public struct DepartmentReport: Sendable, Codable {
    /// ISO 8601 with milliseconds: pass it back as `as_of` to get the same figures.
    public var asOf: String
    public var from: String
    public var to: String
    public var campaignId: Int64?
    public var area: [String]
    public var suppressedBelow: Int?
    public var definitions: [String: String]
    public var departments: [DepartmentEvaluation]
    /// The same figures per department and district; for leaders, districts with fewer cases and
    /// tips than the threshold are left out and counted in `districtsWithheld`.
    public var districts: [DepartmentEvaluation]
    public var districtsWithheld: Int

    public init(asOf: String, from: String, to: String, campaignId: Int64?, area: [String], suppressedBelow: Int?, departments: [DepartmentEvaluation],
                districts: [DepartmentEvaluation] = [], districtsWithheld: Int = 0) {
        self.asOf = asOf
        self.from = from
        self.to = to
        self.campaignId = campaignId
        self.area = area
        self.suppressedBelow = suppressedBelow
        self.definitions = DepartmentEvaluation.definitions
        self.departments = departments
        self.districts = districts
        self.districtsWithheld = districtsWithheld
    }
}

/// `GET /v1/reports/compliance`: the random-draw estimate and, apart, the targeted hit rates, for a
/// window and area as the database held them at `as_of`.
public struct ComplianceReport: Sendable, Codable {
    /// The moment the figures reflect: re-run with this `as_of` and they are the same.
    /// ISO 8601 with milliseconds: pass it back as `as_of` to get the same figures.
    public var asOf: String
    /// `YYYY-MM-DD`, the window's first day and the day after it.
    public var from: String
    public var to: String
    public var campaignId: Int64?
    /// Jurisdiction codes the report covers (a campaign's area or a district); empty = the caller's whole scope.
    public var area: [String]
    /// Figures resting on fewer visits than this were withheld (always at least 5 for leaders).
    public var suppressedBelow: Int?
    public var summary: ComplianceSummary

    public init(asOf: String, from: String, to: String, campaignId: Int64?, area: [String], suppressedBelow: Int?, summary: ComplianceSummary) {
        self.asOf = asOf
        self.from = from
        self.to = to
        self.campaignId = campaignId
        self.area = area
        self.suppressedBelow = suppressedBelow
        self.summary = summary
    }
}

/// The moment a report reflects, written and read with milliseconds.
public enum ReportMoment {
    public static func floor(_ d: Date) -> Date { Date(timeIntervalSince1970: (d.timeIntervalSince1970 * 1000).rounded(.down) / 1000) }

    public static func format(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: floor(d))
    }

    /// ISO 8601 with an offset, with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        return ISO8601DateFormatter().date(from: text)
    }
}
