import Foundation

/// A plan as CSV, one row per stop, for spreadsheets and other tools.
///
/// Written with ``CSVWriter`` (RFC 4180 quoting: fields holding a comma, quote or line break are
/// quoted and quotes doubled), with LF (`"\n"`) after every record including the last, and no BOM.
/// Timestamps are ISO 8601 in China Standard Time (`+08:00`); travel and service times are whole
/// minutes, rounded half up, as on the route sheet.
public enum PlanCSV {
    /// The header row, in column order.
    public static let header = [
        "plan_id", "sweep_id", "team", "day", "shift", "shift_start", "shift_end", "lead_department", "members",
        "seq", "venue_id", "venue_code", "venue_name", "address", "kind", "longitude", "latitude",
        "eta", "start", "departure", "travel_min", "service_min", "reason_method", "reason_score", "reason",
    ]

    /// The header and one row per stop, sweeps and stops in plan order. Sweeps without stops have no rows.
    public static func render(_ plan: PlanView) -> String {
        var rows: [[String]] = []
        for sweep in plan.sweeps {
            let members = sweep.members.map(\.code).joined(separator: " ")
            for stop in sweep.stops {
                rows.append([
                    String(plan.planId), String(sweep.sweepId), sweep.label, sweep.day, sweep.shiftName,
                    PlanOutputTime.iso8601(sweep.shiftStart), PlanOutputTime.iso8601(sweep.shiftEnd),
                    sweep.leadDepartment.rawValue, members,
                    String(stop.seq), String(stop.venueId), stop.venueCode, stop.venueName, stop.address, stop.kind.rawValue,
                    coordinate(stop.location.longitude), coordinate(stop.location.latitude),
                    PlanOutputTime.iso8601(stop.eta), PlanOutputTime.iso8601(stop.start), PlanOutputTime.iso8601(stop.departure),
                    String(PlanOutputTime.minutes(stop.travelSeconds)), String(PlanOutputTime.minutes(stop.serviceSeconds)),
                    stop.reason.method.rawValue, String(format: "%.2f", stop.reason.score), stop.reason.summary,
                ])
            }
        }
        return String(decoding: CSVWriter.write(header: header, rows: rows, lineEnding: .lf), as: UTF8.self)
    }

    /// Six decimals (about 0.1 m), fixed notation, so values never come out as `1e-05`.
    static func coordinate(_ value: Double) -> String {
        value.isFinite ? String(format: "%.6f", value) : ""
    }
}
