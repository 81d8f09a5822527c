import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Plans: create (the planner), read (sealed before dispatch), lifecycle, repair, and the outputs
/// teams use (route sheets, CSV, the published draw, iCalendar).
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
            let planID = try context.id()
            let visibility = try PlanVisibility.of(principal)
            let view = try await reader.view(planID, visibility: visibility)
            if visibility == .all { try await lifecycle.recordViewIfSealed(planID, actor: principal.actor, what: "plan") }
            return try JSONResponse.make(view)
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

        routes.get(APIPath.planDraw, allow: planners) { request, context, principal in
            let query = QueryParameters(request, known: ["format"])
            let format = query.string("format") ?? "json"
            try query.finish()
            let planID = try context.id()
            guard let draw = try await reader.draw(planID) else { throw SweepError.notFound("plan \(planID) has no random draw") }
            try await lifecycle.recordViewIfSealed(planID, actor: principal.actor, what: "draw")
            switch format {
            case "json": return try JSONResponse.make(draw)
            case "csv":
                var lines = ["stratum,rank,venue_id,venue_code,venue_name,planned"]
                for p in draw.picks { lines.append(CSVWriter.record([p.stratum, String(p.rank), String(p.venueId), p.venueCode, p.venueName, p.planned ? "yes" : "no"])) }
                return TextResponse.make(lines.joined(separator: "\n") + "\n", contentType: "text/csv; charset=utf-8", filename: "plan-\(planID)-draw.csv")
            default: throw SweepError.invalid(field: "format", reason: "json or csv")
            }
        }

        routes.get(APIPath.planCSV, allow: readers) { _, context, principal in
            let planID = try context.id()
            let visibility = try PlanVisibility.of(principal)
            let view = try await reader.view(planID, visibility: visibility)
            if visibility == .all { try await lifecycle.recordViewIfSealed(planID, actor: principal.actor, what: "csv") }
            return TextResponse.make(PlanCSV.render(view), contentType: "text/csv; charset=utf-8", filename: "plan-\(planID).csv")
        }

        routes.get(APIPath.planRouteSheet, allow: readers) { request, context, principal in
            var query = QueryParameters(request, known: ["sweep"])
            let sweep = query.int("sweep").map(Int64.init)
            try query.finish()
            let planID = try context.id()
            let visibility = try PlanVisibility.of(principal)
            let view = try await reader.view(planID, visibility: visibility)
            if visibility == .all { try await lifecycle.recordViewIfSealed(planID, actor: principal.actor, what: "route-sheet") }
            let html: String
            if let sweep {
                guard let s = view.sweeps.first(where: { $0.sweepId == sweep }) else { throw SweepError.notFound("sweep \(sweep) in plan \(planID)") }
                html = RouteSheet.html(for: s, plan: view, generatedAt: Date())
            } else {
                html = RouteSheet.html(forPlan: view, generatedAt: Date())
            }
            return TextResponse.make(html, contentType: "text/html; charset=utf-8")
        }

        routes.get(APIPath.calendar, allow: AccessRule(.inspector, .coordinator, .admin)) { request, _, principal in
            var query = QueryParameters(request, known: ["inspector"])
            let requested = query.int("inspector").map(Int64.init)
            try query.finish()
            let inspectorID = try PlanVisibility.calendarInspector(for: principal, requested: requested)
            let plans = try await reader.views(try await reader.plans(forInspector: inspectorID), visibility: .inspector(inspectorID))
            let ics = PlanICalendar.feed(for: inspectorID, plans: plans, calendarName: "Sweep", generatedAt: Date())
            return TextResponse.make(ics, contentType: "text/calendar; charset=utf-8", filename: "sweep-\(inspectorID).ics")
        }
    }
}
