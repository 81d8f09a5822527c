import Foundation
import SweepCore

/// What changed between an issued brief and a later run: late offline submissions, findings
/// corrected, cases closed since. Both sides come from the report routes, one as of the brief's
/// moment and one as of now, so the comparison is exact.
public struct ReportChange: Sendable, Hashable, Codable {
    public var figure: String
    public var issued: String
    public var now: String
    public var changed: Bool

    public init(figure: String, issued: String, now: String) {
        self.figure = figure
        self.issued = issued
        self.now = now
        self.changed = issued != now
    }

    public static func between(issued: ProgressReport, now: ProgressReport, issuedCompliance: ComplianceReport, nowCompliance: ComplianceReport) -> [ReportChange] {
        let a = issued.progress.total, b = now.progress.total
        var out = [
            ReportChange(figure: "planned", issued: String(a.planned), now: String(b.planned)),
            ReportChange(figure: "visited", issued: String(a.visited), now: String(b.visited)),
            ReportChange(figure: "missed", issued: String(a.missed), now: String(b.missed)),
            ReportChange(figure: "pending", issued: String(a.pending), now: String(b.pending)),
            ReportChange(figure: "violations", issued: String(a.violations), now: String(b.violations)),
            ReportChange(figure: "visits_with_violation", issued: String(a.visitsWithViolation), now: String(b.visitsWithViolation)),
            ReportChange(figure: "cases_closed", issued: String(a.casesClosed), now: String(b.casesClosed)),
        ]
        func share(_ s: ShareEstimate?) -> String {
            s.map { String(format: "%.1f %% (%.1f–%.1f %%, n = %d)", $0.estimate * 100, $0.low * 100, $0.high * 100, $0.sampled) } ?? "—"
        }
        let kinds = Set(issuedCompliance.summary.kinds.map(\.kind)).union(nowCompliance.summary.kinds.map(\.kind)).sorted()
        for kind in kinds {
            out.append(ReportChange(figure: "share in violation, \(kind)",
                                    issued: share(issuedCompliance.summary.kinds.first { $0.kind == kind }?.share),
                                    now: share(nowCompliance.summary.kinds.first { $0.kind == kind }?.share)))
        }
        return out
    }
}
