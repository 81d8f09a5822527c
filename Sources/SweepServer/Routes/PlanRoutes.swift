import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Plans: create (the planner), read (sealed before dispatch), lifecycle and repair. The outputs
/// teams use are in `PlanOutputRoutes`.
enum PlanRoutes {
    static let create = Permission(.plan, .create), read = Permission(.plan, .read), change = Permission(.plan, .change)
    static let internals = Permission(.planInternals, .read)

    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let reader = app.plans, lifecycle = app.planLifecycle

        routes.post(APIPath.campaignPlans, needs: create) { request, context, principal in
            let campaignID = try context.id()
            let body = try await RequestBody.decode(PlanCreateRequest.self, from: request)
            try body.validate()
            try await app.authorize(principal, create, "campaign \(campaignID)") { try await $0.campaign(campaignID) }
            let clock = ContinuousClock()
            let started = clock.now
            let data = try await app.planningData.load(campaignID: campaignID)
            let loaded = clock.now
            var generator = SystemRandomNumberGenerator()
            let options = CampaignPlanner.Options(seed: body.seed ?? (generator.next() >> 1), allowUnmetQuota: body.allowUnmetQuota ?? false,
                                                  maxIterations: body.maxIterations)
            let draft = try await Offload.run { try CampaignPlanner.plan(data, options: options) }
            let solved = clock.now
            WorkMetrics.record(WorkMetrics.planLoad, loaded - started)
            WorkMetrics.record(WorkMetrics.planSolve, solved - loaded)
            let planID = try await app.planWriter.saveDraft(draft, campaign: data.campaign, actor: principal.actor)
            context.logger.info("plan created", metadata: [
                "plan": "\(planID)", "candidates": "\(data.candidates.count)", "load": "\(loaded - started)",
                "plan_time": "\(solved - loaded)", "save": "\(clock.now - solved)", "visits": "\(draft.report.visits)"])
            return try JSONResponse.make(try await reader.summary(planID), status: .created)
        }

        routes.get(APIPath.plans, needs: read) { request, _, principal in
            var query = QueryParameters(request, known: ["campaign"])
            let campaign = query.int("campaign").map(Int64.init)
            try query.finish()
            var plans = try await reader.summaries(campaignID: campaign, scope: AccessPolicy.listScope(principal, read))
            // Sealed is PlanMachine's to say (also a dispatched plan with sweeps still planned).
            for plan in plans { try await lifecycle.recordViewIfSealed(plan.planId, actor: principal.actor, what: "list") }
            if AccessPolicy.rule(internals, for: principal.role) == nil { plans = plans.map { $0.withoutSealedTargets() } }
            return try JSONResponse.make(plans)
        }

        routes.get(APIPath.plan, needs: read) { _, context, principal in
            try JSONResponse.make(try await visibleView(try context.id(), for: principal, what: "plan", app))
        }

        // Progress counts only sweeps that went out, so it shows nothing sealed.
        routes.get(APIPath.planProgress, needs: read) { _, context, principal in
            let planID = try context.id()
            try await app.authorize(principal, read, "plan \(planID)") { try await $0.plan(planID) }
            return try JSONResponse.make(try await app.planProgress.progress(plan: planID))
        }

        routes.get(APIPath.planReport, needs: internals) { _, context, principal in
            let planID = try context.id()
            try await app.authorize(principal, internals, "plan \(planID)") { try await $0.plan(planID) }
            let summary = try await reader.summary(planID)
            try await lifecycle.recordViewIfSealed(planID, actor: principal.actor, what: "report")
            return try JSONResponse.make(summary)
        }

        routes.post(APIPath.planApprove, needs: change) { _, context, principal in
            let planID = try await changeable(context, principal, app)
            try await lifecycle.approve(planID, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "approved"))
        }
        routes.post(APIPath.planDispatch, needs: change) { request, context, principal in
            let planID = try await changeable(context, principal, app)
            let body = try await RequestBody.decode(SweepSelection.self, from: request)
            let ids = try await lifecycle.dispatch(planID, sweepIDs: body.sweepIds ?? [], day: body.day, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "dispatched", changed: ids.count, sweepIds: ids))
        }
        routes.post(APIPath.planDone, needs: change) { request, context, principal in
            let planID = try await changeable(context, principal, app)
            let body = try await RequestBody.decode(SweepSelection.self, from: request)
            let status = try await lifecycle.complete(planID, sweepIDs: body.sweepIds ?? [], actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: status))
        }
        routes.post(APIPath.planDiscard, needs: change) { request, context, principal in
            let planID = try await changeable(context, principal, app)
            let body = try await RequestBody.decode(DiscardRequest.self, from: request)
            try await lifecycle.discard(planID, reason: body.reason, actor: principal.actor)
            return try JSONResponse.make(ChangeResponse(status: "discarded"))
        }
        routes.post(APIPath.planRepair, needs: change) { request, context, principal in
            let planID = try await changeable(context, principal, app)
            let body = try await RequestBody.decode(RepairRequest.self, from: request)
            let summary = try await app.planRepair.repair(planID, request: body, actor: principal.actor)
            return try JSONResponse.make(summary)
        }
    }

    /// The plan of the path, once `principal` may change it.
    static func changeable(_ context: SweepRequestContext, _ principal: Principal, _ app: AppServices) async throws -> Int64 {
        let planID = try context.id()
        try await app.authorize(principal, change, "plan \(planID)") { try await $0.plan(planID) }
        return planID
    }

    /// The plan as `principal` may see it; every read of a plan that is still (partly) sealed is logged,
    /// whoever reads it.
    static func visibleView(_ planID: Int64, for principal: Principal, what: String, _ app: AppServices) async throws -> PlanView {
        try await app.authorize(principal, read, "plan \(planID)") { try await $0.plan(planID) }
        let visibility = try PlanVisibility.of(principal)
        let view = try await app.plans.view(planID, visibility: visibility)
        try await app.planLifecycle.recordViewIfSealed(planID, actor: principal.actor, what: what)
        return view
    }
}
