import Foundation

/// One sweep as an iCalendar VEVENT.
enum SweepEvent {
    /// Stable across feed refreshes so clients update the event instead of duplicating it.
    static func uid(_ sweep: SweepView) -> String { "sweep-\(sweep.sweepId)@sweep" }

    static func status(_ sweep: SweepView) -> String {
        switch sweep.status {
        // A done sweep happened as planned; TENTATIVE would suggest it might not have.
        case "dispatched", "done": return "CONFIRMED"
        case "cancelled": return "CANCELLED"
        default: return "TENTATIVE"
        }
    }

    static func summary(_ sweep: SweepView) -> String {
        "联合检查 Joint sweep – \(sweep.shiftName) (\(sweep.leadDepartment.rawValue) lead)"
    }

    /// Where to go first: the first stop's address, else the depot (lat,lon, as map apps read it).
    static func location(_ sweep: SweepView) -> (text: String, point: GeoPoint) {
        if let first = sweep.stops.first, !first.address.trimmingCharacters(in: .whitespaces).isEmpty {
            return (first.address, first.location)
        }
        let p = sweep.depot
        return (String(format: "%.6f,%.6f", p.latitude, p.longitude), p)
    }

    static func description(_ sweep: SweepView, plan: PlanView) -> String {
        let window = "\(sweep.day) \(PlanOutputTime.clock(sweep.shiftStart))–"
            + PlanOutputTime.clock(sweep.shiftEnd, after: sweep.shiftStart) + " CST"
        var lines = [
            "保密 CONFIDENTIAL — unannounced inspection, do not disclose before the visit",
            "行动 Campaign: \(plan.campaignName)",
            "方案 Plan: #\(plan.planId) r\(plan.revision)",
            "小组 Team: \(sweep.label) (sweep #\(sweep.sweepId))",
            "班次 Shift: \(sweep.shiftName) \(window)",
            "牵头 Lead: \(PlanOutputLabels.bilingual(sweep.leadDepartment))",
            "",
            "成员 Members:",
        ]
        lines += sweep.members.map {
            "- \($0.name) (\($0.department.rawValue), 执法证 \($0.credentialNumber))" + ($0.isLead ? " ★ lead" : "")
        }
        lines += ["", "站点 Stops:"]
        lines += sweep.stops.map {
            "\($0.seq). \(PlanOutputTime.clock($0.eta, after: sweep.shiftStart)) \($0.venueName) [\($0.venueCode)] – "
                + "\($0.address) (\(PlanOutputLabels.bilingual($0.kind)))"
        }
        if sweep.stops.isEmpty { lines.append("—") }
        return lines.joined(separator: "\n")
    }

    static func render(_ sweep: SweepView, plan: PlanView, generatedAt: Date) -> String {
        let place = location(sweep)
        var out = ICalendarText.contentLine("BEGIN:VEVENT")
        out += ICalendarText.contentLine("UID:\(uid(sweep))")
        out += ICalendarText.contentLine("DTSTAMP:\(PlanOutputTime.icalendarUTC(generatedAt))")
        out += ICalendarText.contentLine("DTSTART:\(PlanOutputTime.icalendarUTC(sweep.shiftStart))")
        out += ICalendarText.contentLine("DTEND:\(PlanOutputTime.icalendarUTC(sweep.shiftEnd))")
        // Revisions only grow, so clients that honour SEQUENCE take the newer copy.
        out += ICalendarText.contentLine("SEQUENCE:\(max(0, plan.revision))")
        out += ICalendarText.textProperty("SUMMARY", summary(sweep))
        out += ICalendarText.textProperty("DESCRIPTION", description(sweep, plan: plan))
        out += ICalendarText.textProperty("LOCATION", place.text)
        if place.point.latitude.isFinite, place.point.longitude.isFinite {
            out += ICalendarText.contentLine(String(format: "GEO:%.6f;%.6f", place.point.latitude, place.point.longitude))
        }
        // Shared and delegated calendars then show only busy time, not the targets.
        out += ICalendarText.contentLine("CLASS:CONFIDENTIAL")
        out += ICalendarText.contentLine("STATUS:\(status(sweep))")
        out += ICalendarText.contentLine("END:VEVENT")
        return out
    }
}
