import Foundation
import SweepAPI
import SweepCore

extension SweepClient {
    /// `POST /v1/campaigns/{id}/plans`: runs the planner (seconds on a city).
    public func createPlan(campaign: Int64, _ request: PlanCreateRequest) async throws -> PlanSummary {
        try await json(.POST, APIPath.expand(APIPath.campaignPlans, ["id": campaign]), encoding: request)
    }
    /// `GET /v1/plans`.
    public func plans(campaign: Int64? = nil) async throws -> [PlanSummary] {
        var q = Query()
        q.add("campaign", campaign)
        return try await json(.GET, APIPath.plans, query: q.items)
    }
    /// `GET /v1/plans/{id}`: the sweeps the caller may see.
    public func plan(_ id: Int64) async throws -> PlanView { try await json(.GET, APIPath.expand(APIPath.plan, ["id": id])) }
    /// `GET /v1/plans/{id}/report`.
    public func planReport(_ id: Int64) async throws -> PlanSummary { try await json(.GET, APIPath.expand(APIPath.planReport, ["id": id])) }
    /// `POST /v1/plans/{id}/approve`.
    public func approvePlan(_ id: Int64) async throws -> ChangeResponse {
        try await json(.POST, APIPath.expand(APIPath.planApprove, ["id": id]), encoding: DiscardRequest())
    }
    /// `POST /v1/plans/{id}/dispatch`.
    public func dispatchPlan(_ id: Int64, _ selection: SweepSelection) async throws -> ChangeResponse {
        try await json(.POST, APIPath.expand(APIPath.planDispatch, ["id": id]), encoding: selection)
    }
    /// `POST /v1/plans/{id}/done`.
    public func completePlan(_ id: Int64, _ selection: SweepSelection) async throws -> ChangeResponse {
        try await json(.POST, APIPath.expand(APIPath.planDone, ["id": id]), encoding: selection)
    }
    /// `POST /v1/plans/{id}/discard`.
    public func discardPlan(_ id: Int64, _ request: DiscardRequest) async throws -> ChangeResponse {
        try await json(.POST, APIPath.expand(APIPath.planDiscard, ["id": id]), encoding: request)
    }
    /// `POST /v1/plans/{id}/repair`.
    public func repairPlan(_ id: Int64, _ request: RepairRequest) async throws -> RepairSummary {
        try await json(.POST, APIPath.expand(APIPath.planRepair, ["id": id]), encoding: request)
    }
    /// `GET /v1/plans/{id}/draw` as JSON.
    public func planDraw(_ id: Int64) async throws -> DrawRecord { try await json(.GET, APIPath.expand(APIPath.planDraw, ["id": id])) }
    /// `GET /v1/plans/{id}/draw?format=csv`.
    public func planDrawCSV(_ id: Int64, part: String = "targets") async throws -> String {
        try await text(APIPath.expand(APIPath.planDraw, ["id": id]), query: [URLQueryItem(name: "format", value: "csv"), URLQueryItem(name: "part", value: part)])
    }
    /// `GET /v1/plans/{id}/plan.csv`.
    public func planCSV(_ id: Int64) async throws -> String { try await text(APIPath.expand(APIPath.planCSV, ["id": id])) }
    /// `GET /v1/plans/{id}/route-sheet.html`, one sweep or all.
    public func routeSheet(_ id: Int64, sweep: Int64? = nil) async throws -> String {
        var q = Query()
        q.add("sweep", sweep)
        return try await text(APIPath.expand(APIPath.planRouteSheet, ["id": id]), query: q.items)
    }
    /// `GET /v1/calendar.ics`: an inspector's dispatched sweeps.
    public func calendar(inspector: Int64? = nil) async throws -> String {
        var q = Query()
        q.add("inspector", inspector)
        return try await text(APIPath.calendar, query: q.items)
    }
}

extension SweepClient {
    /// `GET /v1/plans/{id}/progress`.
    public func planProgress(_ id: Int64) async throws -> PlanProgress { try await json(.GET, APIPath.expand(APIPath.planProgress, ["id": id])) }
    /// `GET /v1/campaigns/{id}/progress`: the campaign's plans that went out, together.
    public func campaignProgress(_ id: Int64) async throws -> PlanProgress {
        try await json(.GET, APIPath.expand(APIPath.campaignProgress, ["id": id]))
    }
}
