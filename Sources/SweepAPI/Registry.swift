import Foundation
import SweepCore

/// `GET /v1/venues` response.
public struct VenueListResponse: Codable, Sendable {
    public var items: [VenueSummary]
    /// Cursor for the next page (`after=`), absent on the last page.
    public var nextAfter: Int64?

    public init(items: [VenueSummary], nextAfter: Int64?) {
        self.items = items
        self.nextAfter = nextAfter
    }
}

/// Closing or reopening a venue: since when (`YYYY-MM-DD`, default today, not in the future) and why.
public struct VenueStandingChange: Sendable, Hashable, Codable {
    public var on: String?
    public var reason: String?

    public init(on: String? = nil, reason: String?) {
        self.on = on
        self.reason = reason
    }
}

/// A licence's new status, since when, until when (suspensions only) and why.
public struct LicenceStatusChange: Sendable, Hashable, Codable {
    public var status: LicenceStatus
    public var on: String?
    public var until: String?
    public var reason: String?

    public init(status: LicenceStatus, on: String? = nil, until: String? = nil, reason: String?) {
        self.status = status
        self.on = on
        self.until = until
        self.reason = reason
    }

    /// The effective day and the end of a suspension, checked: days as `YYYY-MM-DD`, not in the future.
    public static func days(on: String?, until: String? = nil, today: Date = Date()) throws -> (Date, Date?) {
        var issues: [FieldIssue] = []
        var day = ISODay.parse(ISODay.format(today))!
        if let on {
            if let parsed = ISODay.parse(on) {
                if parsed > today { issues.append(FieldIssue(location: "on", reason: "must not be in the future, got \(on)")) }
                day = parsed
            } else {
                issues.append(FieldIssue(location: "on", reason: "must be a day as YYYY-MM-DD, got \"\(on)\""))
            }
        }
        var end: Date?
        if let until {
            end = ISODay.parse(until)
            if end == nil { issues.append(FieldIssue(location: "until", reason: "must be a day as YYYY-MM-DD, got \"\(until)\"")) }
        }
        if !issues.isEmpty { throw SweepError.invalid(issues) }
        return (day, end)
    }
}
