import Foundation

/// iCalendar (RFC 5545) feeds of an inspector's sweeps, for subscribing from a phone calendar.
///
/// Sweeps are unannounced inspections, so by default the feed only holds sweeps that have been
/// dispatched (or are done): an inspector must not learn targets from a calendar before dispatch.
public enum PlanICalendar {
    /// Statuses published by default (`SweepStatus.published`); anything earlier is still secret.
    public static let publishedStatuses = Set(SweepStatus.published.map(\.rawValue))

    /// The feed of one inspector.
    ///
    /// - Parameters:
    ///   - inspectorId: only sweeps with this inspector among the members are included.
    ///   - plans: the plans to publish from; the caller decides which plans count (e.g. approved only).
    ///     When the same sweep id appears in several plans, the one from the highest revision wins,
    ///     so the feed never holds two events with one UID.
    ///   - calendarName: shown by clients as the calendar's name (`X-WR-CALNAME`).
    ///   - generatedAt: written as every event's `DTSTAMP`; passed in so output is reproducible.
    ///   - includeUndispatched: also include planned and cancelled sweeps (for planners, not officers).
    /// - Returns: the `text/calendar` body, CRLF line endings, folded at 75 octets.
    public static func feed(for inspectorId: Int64, plans: [PlanView], calendarName: String, generatedAt: Date,
                            includeUndispatched: Bool = false) -> String {
        var chosen: [Int64: (plan: PlanView, sweep: SweepView)] = [:]
        for plan in plans {
            for sweep in plan.sweeps where sweep.members.contains(where: { $0.inspectorId == inspectorId })
                && (includeUndispatched || publishedStatuses.contains(sweep.status)) {
                if let existing = chosen[sweep.sweepId], existing.plan.revision > plan.revision { continue }
                chosen[sweep.sweepId] = (plan, sweep)
            }
        }
        let events = chosen.values.sorted {
            ($0.sweep.shiftStart, $0.sweep.sweepId) < ($1.sweep.shiftStart, $1.sweep.sweepId)
        }

        var out = ICalendarText.contentLine("BEGIN:VCALENDAR")
        out += ICalendarText.contentLine("VERSION:2.0")
        out += ICalendarText.contentLine("PRODID:-//Sweep//Plan//EN")
        out += ICalendarText.contentLine("CALSCALE:GREGORIAN")
        out += ICalendarText.textProperty("X-WR-CALNAME", calendarName)
        for (plan, sweep) in events {
            out += SweepEvent.render(sweep, plan: plan, generatedAt: generatedAt)
        }
        out += ICalendarText.contentLine("END:VCALENDAR")
        return out
    }
}
