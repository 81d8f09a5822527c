import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// What teams print and import: the published draw, the plan as CSV, route sheets, iCalendar feeds.
enum PlanOutputRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let reader = app.plans, lifecycle = app.planLifecycle
        let internals = PlanRoutes.internals, read = PlanRoutes.read

        routes.get(APIPath.planDraw, needs: internals) { request, context, principal in
            let query = QueryParameters(request, known: ["format", "part"])
            let format = query.string("format") ?? "json"
            let part = query.string("part") ?? "targets"
            try query.finish()
            guard ["targets", "inspectors"].contains(part) else { throw SweepError.invalid(field: "part", reason: "targets or inspectors, got \(part)") }
            let planID = try context.id()
            try await app.authorize(principal, internals, "plan \(planID)") { try await $0.plan(planID) }
            guard let draw = try await reader.draw(planID) else { throw SweepError.notFound("plan \(planID) has no random draw") }
            try await lifecycle.recordViewIfSealed(planID, actor: principal.actor, what: "draw")
            switch format {
            case "json": return try JSONResponse.make(draw)
            case "csv" where part == "inspectors":
                guard let inspectors = draw.inspectors else { throw SweepError.notFound("plan \(planID) has no inspector draw (only random-mode plans draw inspectors)") }
                return TextResponse.make(DrawCSV.inspectors(inspectors), contentType: "text/csv; charset=utf-8", filename: "plan-\(planID)-inspector-draw.csv")
            case "csv":
                var lines = ["stratum,rank,venue_id,venue_code,venue_name,planned"]
                for p in draw.picks { lines.append(CSVWriter.record([p.stratum, String(p.rank), String(p.venueId), p.venueCode, p.venueName, p.planned ? "yes" : "no"])) }
                return TextResponse.make(lines.joined(separator: "\n") + "\n", contentType: "text/csv; charset=utf-8", filename: "plan-\(planID)-draw.csv")
            default: throw SweepError.invalid(field: "format", reason: "json or csv")
            }
        }

        routes.get(APIPath.planCSV, needs: read) { _, context, principal in
            let planID = try context.id()
            let view = try await PlanRoutes.visibleView(planID, for: principal, what: "csv", app)
            return TextResponse.make(PlanCSV.render(view), contentType: "text/csv; charset=utf-8", filename: "plan-\(planID).csv")
        }

        routes.get(APIPath.planRouteSheet, needs: read) { request, context, principal in
            var query = QueryParameters(request, known: ["sweep"])
            let sweep = query.int("sweep").map(Int64.init)
            try query.finish()
            let planID = try context.id()
            let view = try await PlanRoutes.visibleView(planID, for: principal, what: "route-sheet", app)
            let html: String
            if let sweep {
                guard let s = view.sweeps.first(where: { $0.sweepId == sweep }) else { throw SweepError.notFound("sweep \(sweep) in plan \(planID)") }
                html = RouteSheet.html(for: s, plan: view, generatedAt: Date())
            } else {
                html = RouteSheet.html(forPlan: view, generatedAt: Date())
            }
            return TextResponse.make(html, contentType: "text/html; charset=utf-8")
        }

        let calendar = Permission(.calendar, .read)
        routes.get(APIPath.calendar, needs: calendar) { request, _, principal in
            var query = QueryParameters(request, known: ["inspector"])
            let requested = query.int("inspector").map(Int64.init)
            try query.finish()
            let inspectorID = try PlanVisibility.calendarInspector(for: principal, requested: requested)
            try await app.authorize(principal, calendar, "inspector \(inspectorID)") { try await $0.inspector(id: inspectorID) }
            let plans = try await reader.views(try await reader.plans(forInspector: inspectorID), visibility: .inspector(inspectorID))
            let ics = PlanICalendar.feed(for: inspectorID, plans: plans, calendarName: "Sweep", generatedAt: Date())
            return TextResponse.make(ics, contentType: "text/calendar; charset=utf-8", filename: "sweep-\(inspectorID).ics")
        }
    }
}
