import Foundation

/// Why a target is in a plan: the score parts for risk-ranked targets, or the draw that picked it.
/// Stored with each stop (`sweep_stop.reason`) and shown on route sheets and in audits.
public struct SelectionReason: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Codable {
        case risk
        case randomDraw = "random_draw"
        case reinspectionDue = "reinspection_due"
        case quota
    }
    public var method: Method
    public var score: Double
    public var parts: [ScorePart]
    /// Random draw: the stratum, the recorded seed and the size of the stratum's frame.
    public var stratum: String?
    public var seed: UInt64?
    public var frameSize: Int?
    /// Quota name or other human explanation.
    public var note: String?

    public init(method: Method, score: Double, parts: [ScorePart] = [], stratum: String? = nil, seed: UInt64? = nil,
                frameSize: Int? = nil, note: String? = nil) {
        self.method = method
        self.score = score
        self.parts = parts
        self.stratum = stratum
        self.seed = seed
        self.frameSize = frameSize
        self.note = note
    }

    /// One line, e.g. "risk 7.4: violations 3.1, overdue cases 2.0, …" or "random draw, stratum S, seed N".
    public var summary: String {
        switch method {
        case .randomDraw:
            return "random draw, stratum \(stratum ?? "?"), seed \(seed.map(String.init) ?? "?")" + (frameSize.map { ", frame \($0)" } ?? "")
        default:
            let top = parts.filter { $0.points >= 0.05 }.sorted { $0.points > $1.points }.prefix(4)
                .map { "\($0.name) \(String(format: "%.1f", $0.points))" }.joined(separator: ", ")
            let head = method == .risk ? "risk" : method.rawValue.replacingOccurrences(of: "_", with: " ")
            return "\(head) \(String(format: "%.1f", score))" + (top.isEmpty ? "" : ": \(top)") + (note.map { " (\($0))" } ?? "")
        }
    }
}

/// One term of the risk score.
public struct ScorePart: Sendable, Hashable, Codable {
    public var name: String
    public var points: Double
    public var detail: String

    public init(name: String, points: Double, detail: String) {
        self.name = name
        self.points = points
        self.detail = detail
    }
}

/// A stored plan as users see it (API, CLI, route sheets, CSV, iCalendar).
public struct PlanView: Sendable, Hashable, Codable {
    public var planId: Int64
    public var campaignId: Int64
    public var campaignName: String
    public var revision: Int
    public var status: String
    public var seed: UInt64
    public var objective: Double
    public var createdAt: Date
    public var sweeps: [SweepView]

    public init(planId: Int64, campaignId: Int64, campaignName: String, revision: Int, status: String, seed: UInt64,
                objective: Double, createdAt: Date, sweeps: [SweepView]) {
        self.planId = planId
        self.campaignId = campaignId
        self.campaignName = campaignName
        self.revision = revision
        self.status = status
        self.seed = seed
        self.objective = objective
        self.createdAt = createdAt
        self.sweeps = sweeps
    }
}

public struct SweepView: Sendable, Hashable, Codable {
    public var sweepId: Int64
    public var label: String
    /// ISO day, e.g. "2026-12-03" (China Standard Time).
    public var day: String
    public var shiftName: String
    public var shiftStart: Date
    public var shiftEnd: Date
    public var leadDepartment: DepartmentCode
    public var status: String
    public var kinds: [TargetKind]
    public var depot: GeoPoint
    public var members: [MemberView]
    public var stops: [StopView]

    public init(sweepId: Int64, label: String, day: String, shiftName: String, shiftStart: Date, shiftEnd: Date,
                leadDepartment: DepartmentCode, status: String, kinds: [TargetKind], depot: GeoPoint,
                members: [MemberView], stops: [StopView]) {
        self.sweepId = sweepId
        self.label = label
        self.day = day
        self.shiftName = shiftName
        self.shiftStart = shiftStart
        self.shiftEnd = shiftEnd
        self.leadDepartment = leadDepartment
        self.status = status
        self.kinds = kinds
        self.depot = depot
        self.members = members
        self.stops = stops
    }
}

public struct MemberView: Sendable, Hashable, Codable {
    public var inspectorId: Int64
    public var code: String
    public var name: String
    public var department: DepartmentCode
    public var credentialNumber: String
    public var isLead: Bool

    public init(inspectorId: Int64, code: String, name: String, department: DepartmentCode, credentialNumber: String, isLead: Bool) {
        self.inspectorId = inspectorId
        self.code = code
        self.name = name
        self.department = department
        self.credentialNumber = credentialNumber
        self.isLead = isLead
    }
}

public struct StopView: Sendable, Hashable, Codable {
    public var seq: Int
    public var venueId: Int64
    public var venueCode: String
    public var venueName: String
    public var address: String
    public var kind: TargetKind
    public var location: GeoPoint
    /// Estimated arrival; the visit starts at `start` (later when the team waits for opening).
    public var eta: Date
    public var start: Date
    public var departure: Date
    public var travelSeconds: Int
    public var serviceSeconds: Int
    public var reason: SelectionReason
    /// The stored stop a visit names as `sweep_stop_id` (nil only for a plan not yet stored).
    public var stopId: Int64?
    /// The venue's registered hours, e.g. "08:00-24:00", for the team at the door.
    public var openingHours: String?

    public init(seq: Int, venueId: Int64, venueCode: String, venueName: String, address: String, kind: TargetKind,
                location: GeoPoint, eta: Date, start: Date, departure: Date, travelSeconds: Int, serviceSeconds: Int,
                reason: SelectionReason, stopId: Int64? = nil, openingHours: String? = nil) {
        self.stopId = stopId
        self.openingHours = openingHours
        self.seq = seq
        self.venueId = venueId
        self.venueCode = venueCode
        self.venueName = venueName
        self.address = address
        self.kind = kind
        self.location = location
        self.eta = eta
        self.start = start
        self.departure = departure
        self.travelSeconds = travelSeconds
        self.serviceSeconds = serviceSeconds
        self.reason = reason
    }
}
