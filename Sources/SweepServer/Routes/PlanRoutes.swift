import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Plans: create (the planner), read (sealed before dispatch), lifecycle and repair. The outputs
/// teams use are in `PlanOutputRoutes`.
enum PlanRoutes {
    static let planners = CampaignRoutes.planners
    static let readers = AccessRule(.coordinator, .admin, .leader, .inspector)

    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let reader = app.plans, lifecycle = app.planLifecycle

        routes.post(APIPath.campaignPlans, allow: planners) { request, context, principal in
            let campaignID = try context.id()
            let body = try await RequestBody.decode(PlanCreateRequest.self, from: request)
            try body.validate()
            let clock = ContinuousClock()
            let started = clock.now
            let data = try await app.planningData.load(campaignID: campaignID)
            let loaded = clock.now
            var generator = SystemRandomNumberGenerator()
            let options = CampaignPlanner.Options(seed: body.seed ?? (generator.next() >> 1), allowUnmetQuota: body.allowUnmetQuota ?? false,
                                                  maxIterations: body.maxIterations)
            let draft = try await Offload.run { try CampaignPlanner.plan(data, options: options) }
            let solved = clock.now
            let planID = try await app.planWriter.saveDraft(draft, campaign: data.campaign, actor: principal.actor)
            context.logger.info("plan created", metadata: [
                "plan": "\(planID)", "candidates": "\(data.candidates.count)", "load": "\(loaded - started)",
                "plan_time": "\(solved - loaded)", "save": "\(clock.now - solved)", "visits": "\(draft.report.visits)"])
            return try JSONResponse.make(try await reader.summary(planID), status: .created)
        }

        routes.get(APIPath.plans, allow: AccessRule(.coordinator, .admin, .leader)) { request, _, _ in
            var query = QueryParameters(request, known: ["campaign"])
            let campaign = query.int("campaign").map(Int64.init)
            try query.finish()
            return try JSONResponse.make(try await reader.summaries(campaignID: campaign))
        }

        routes.get(APIPath.plan, allow: readers) { _, context, principal in
            try JSONResponse.make(try await visibleView(try context.id(), for: principal, what: "plan", app))
        }

        routes.get(APIPath.planReport, allow: planners) { _, context, _ in
            try JSONResponse.make(try await reader.summary(try context.id()))
        }

        routes.post(APIPath.planApprove, allow: planners) { _, context, principal in
            let planID = try context.id()
            try await lifecycle.approve(planID, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "approved"))
        }
        routes.post(APIPath.planDispatch, allow: planners) { request, context, principal in
            let body = try await RequestBody.decode(SweepSelection.self, from: request)
            let ids = try await lifecycle.dispatch(try context.id(), sweepIDs: body.sweepIds ?? [], day: body.day, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "dispatched", changed: ids.count, sweepIds: ids))
        }
        routes.post(APIPath.planDone, allow: planners) { request, context, principal in
            let body = try await RequestBody.decode(SweepSelection.self, from: request)
            let status = try await lifecycle.complete(try context.id(), sweepIDs: body.sweepIds ?? [], actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: status))
        }
        routes.post(APIPath.planDiscard, allow: planners) { request, context, principal in
            let body = try await RequestBody.decode(DiscardRequest.self, from: request)
            try await lifecycle.discard(try context.id(), reason: body.reason, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "discarded"))
        }
        routes.post(APIPath.planRepair, allow: planners) { request, context, principal in
            let body = try await RequestBody.decode(RepairRequest.self, from: request)
            let summary = try await app.planRepair.repair(try context.id(), request: body, actor: principal.actor)
            return try JSONResponse.make(summary)
        }
    }

    /// The plan as `principal` may see it; a coordinator's or admin's look at a sealed plan is logged.
    static func visibleView(_ planID: Int64, for principal: Principal, what: String, _ app: AppServices) async throws -> PlanView {
        let visibility = try PlanVisibility.of(principal)
        let view = try await app.plans.view(planID, visibility: visibility)
        if visibility == .all { try await app.planLifecycle.recordViewIfSealed(planID, actor: principal.actor, what: what) }
        return view
    }
}
