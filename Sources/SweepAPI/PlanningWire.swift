import Foundation
import SweepCore

/// `POST /v1/campaigns/{id}/plans`.
public struct PlanCreateRequest: Codable, Sendable {
    /// Seed of the random draw, the grouping and the solver; a new random one when absent (it is recorded).
    public var seed: UInt64?
    public var allowUnmetQuota: Bool?
    /// Solver iteration budget (default scales with the instance); mainly for tests and benchmarks.
    public var maxIterations: Int?

    public init(seed: UInt64? = nil, allowUnmetQuota: Bool? = nil, maxIterations: Int? = nil) {
        self.seed = seed
        self.allowUnmetQuota = allowUnmetQuota
        self.maxIterations = maxIterations
    }
}

/// `POST /v1/plans/{id}/dispatch` and `/done`: which sweeps (all when empty), or all of one day.
public struct SweepSelection: Codable, Sendable {
    public var sweepIds: [Int64]?
    public var day: String?

    public init(sweepIds: [Int64]? = nil, day: String? = nil) {
        self.sweepIds = sweepIds
        self.day = day
    }
}

/// `POST /v1/plans/{id}/discard`.
public struct DiscardRequest: Codable, Sendable {
    public var reason: String?
    public init(reason: String? = nil) { self.reason = reason }
}

/// `POST /v1/inspectors/{code}/unavailability`.
public struct UnavailabilityRequest: Codable, Sendable {
    public var from: String
    public var to: String
    public var reason: String?
    /// True to make the days available again.
    public var available: Bool?

    public init(from: String, to: String, reason: String? = nil, available: Bool? = nil) {
        self.from = from
        self.to = to
        self.reason = reason
        self.available = available
    }
}

/// `POST /v1/inspectors/{code}/conflicts`: exactly one of venue code or operator key.
public struct ConflictRequest: Codable, Sendable {
    public var venueCode: String?
    public var operatorKey: String?
    public var note: String?

    public init(venueCode: String? = nil, operatorKey: String? = nil, note: String? = nil) {
        self.venueCode = venueCode
        self.operatorKey = operatorKey
        self.note = note
    }
}

/// `POST /v1/inspectors/{code}/limits`.
public struct LimitsRequest: Codable, Sendable {
    public var maxShiftsPerWeek: Int
    public init(maxShiftsPerWeek: Int) { self.maxShiftsPerWeek = maxShiftsPerWeek }
}

/// `POST /v1/inspectors/{code}/credential`: a renewed or corrected 执法证.
public struct CredentialRequest: Codable, Sendable {
    public var credentialNumber: String?
    public var credentialExpires: String

    public init(credentialNumber: String? = nil, credentialExpires: String) {
        self.credentialNumber = credentialNumber
        self.credentialExpires = credentialExpires
    }
}

/// Answers that carry a count or a list of ids.
public struct ChangeResponse: Codable, Sendable {
    public var status: String
    public var changed: Int?
    public var sweepIds: [Int64]?

    public init(status: String, changed: Int? = nil, sweepIds: [Int64]? = nil) {
        self.status = status
        self.changed = changed
        self.sweepIds = sweepIds
    }
}

extension APIPath {
    public static let campaigns = "/v1/campaigns"
    public static let campaign = "/v1/campaigns/{id}"
    public static let campaignPlans = "/v1/campaigns/{id}/plans"
    public static let plans = "/v1/plans"
    public static let plan = "/v1/plans/{id}"
    public static let planReport = "/v1/plans/{id}/report"
    public static let planApprove = "/v1/plans/{id}/approve"
    public static let planDispatch = "/v1/plans/{id}/dispatch"
    public static let planDone = "/v1/plans/{id}/done"
    public static let planDiscard = "/v1/plans/{id}/discard"
    public static let planRepair = "/v1/plans/{id}/repair"
    public static let planDraw = "/v1/plans/{id}/draw"
    public static let planCSV = "/v1/plans/{id}/plan.csv"
    public static let planRouteSheet = "/v1/plans/{id}/route-sheet.html"
    public static let calendar = "/v1/calendar.ics"
    public static let inspectors = "/v1/inspectors"
    public static let inspectorUnavailability = "/v1/inspectors/{code}/unavailability"
    public static let inspectorConflicts = "/v1/inspectors/{code}/conflicts"
    public static let inspectorLimits = "/v1/inspectors/{code}/limits"
    public static let inspectorCredential = "/v1/inspectors/{code}/credential"
}

extension APIPath {
    public static let submissions = "/v1/submissions"
    public static let submissionBatch = "/v1/submissions/batch"
    public static let evidence = "/v1/evidence"
    public static let evidenceItem = "/v1/evidence/{sha256}"
    public static let inspection = "/v1/inspections/{id}"
    public static let inspectionFindings = "/v1/inspections/{id}/findings"
    public static let cases = "/v1/cases"
    public static let caseItem = "/v1/cases/{id}"
    public static let caseActions = "/v1/cases/{id}/actions"
    public static let tips = "/v1/tips"
    public static let tipTriage = "/v1/tips/{id}/triage"
}

extension APIPath {
    public static let heatmap = "/v1/heatmap"
    public static let heatmapOffenders = "/v1/heatmap/offenders"
}

extension APIPath {
    public static let heatmapPage = "/heatmap"
}
