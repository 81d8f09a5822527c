import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Leadership summaries. Every figure is clipped to the caller's scope and names the moment it
/// reflects (`as_of`); leaders always get small counts withheld.
enum ReportRoutes {
    /// The window and area a report covers: a campaign's, or days and an optional district.
    struct Window {
        var from: Date, to: Date, asOf: Date
        var campaignId: Int64?
        var area: [String]
        /// The jurisdiction ids under `area` (nil = no area limit), resolved once for every figure of a page.
        var areaIds: [Int64]?
        var suppress: Int?
    }

    /// `defaultDays`: pages open on the last so many days when neither a campaign nor dates are given.
    static func window(_ request: Request, principal: Principal, _ app: AppServices, now: Date = Date(), defaultDays: Int? = nil,
                       alsoKnown: [String] = []) async throws -> Window {
        var query = QueryParameters(request, known: Set(["campaign", "from", "to", "district", "as_of", "suppress"] + alsoKnown))
        let campaign = query.int("campaign").map(Int64.init)
        var fromText = query.string("from"), toText = query.string("to")
        let district = query.string("district").flatMap { $0.isEmpty ? nil : $0 }
        if let defaultDays, campaign == nil, (fromText ?? "").isEmpty, (toText ?? "").isEmpty {
            fromText = ISODay.format(now.addingTimeInterval(-Double(defaultDays) * 86_400))
            toText = ISODay.format(now.addingTimeInterval(86_400))
        }
        let asOfText = query.string("as_of")
        let asked = query.int("suppress")
        if let asked, !(1...100).contains(asked) { query.including { throw SweepError.invalid(field: "suppress", reason: "must be 1–100 visits, got \(asked)") } }
        let suppress = HeatMapPolicy.suppression(for: principal.role, asked: asked)
        // Whole milliseconds, as the answer writes it: re-running with the printed as_of must see the same rows.
        var asOf = ReportMoment.floor(now)
        if let asOfText {
            if let parsed = ReportMoment.parse(asOfText) {
                asOf = parsed
                if parsed > now.addingTimeInterval(60) { query.including { throw SweepError.invalid(field: "as_of", reason: "must not be in the future") } }
            } else {
                query.including { throw SweepError.invalid(field: "as_of", reason: "must be a time as ISO 8601 with its offset, e.g. 2026-12-01T08:00:00+08:00") }
            }
        }
        if campaign != nil, fromText != nil || toText != nil || district != nil {
            query.including { throw SweepError.invalid(field: "campaign", reason: "give a campaign, or from/to (and a district), not both") }
        }
        if campaign == nil, fromText == nil || toText == nil {
            query.including { throw SweepError.invalid(field: fromText == nil ? "from" : "to", reason: "give a campaign, or from and to as YYYY-MM-DD") }
        }
        var from: Date?, to: Date?
        if let fromText { from = ISODay.parse(fromText); if from == nil { query.including { throw SweepError.invalid(field: "from", reason: "\"\(fromText)\" is not YYYY-MM-DD") } } }
        if let toText { to = ISODay.parse(toText); if to == nil { query.including { throw SweepError.invalid(field: "to", reason: "\"\(toText)\" is not YYYY-MM-DD") } } }
        if let from, let to, to <= from { query.including { throw SweepError.invalid(field: "to", reason: "the window is empty: `to` is the first day after it") } }
        try query.finish()
        if let campaign {
            try await app.authorize(principal, Permission(.campaign, .read), "campaign \(campaign)") { try await $0.campaign(campaign) }
            let record = try await app.campaigns.get(campaign)
            guard let start = ISODay.parse(record.spec.startsOn), let end = ISODay.parse(record.spec.endsOn) else {
                throw SweepError.invalid(field: "campaign", reason: "campaign \(campaign) has no valid window")
            }
            return Window(from: start, to: end.addingTimeInterval(86_400), asOf: asOf, campaignId: campaign, area: record.spec.jurisdictions,
                          areaIds: record.spec.jurisdictions.isEmpty ? nil : try await app.compliance.reach(of: record.spec.jurisdictions), suppress: suppress)
        }
        let area = district.map { [$0] } ?? []
        return Window(from: from!, to: to!, asOf: asOf, campaignId: nil, area: area,
                      areaIds: area.isEmpty ? nil : try await app.compliance.reach(of: area), suppress: suppress)
    }

    static func compliance(_ w: Window, _ principal: Principal, _ app: AppServices) async throws -> ComplianceReport {
        let area = w.areaIds
        let input = try await app.compliance.read(from: w.from, to: w.to, asOf: w.asOf, area: area, reach: principal.reach)
        let summary = ComplianceSummary.build(visits: input.visits, venues: input.venues, districtNames: input.districtNames, suppressBelow: w.suppress)
        return ComplianceReport(asOf: ReportMoment.format(w.asOf), from: ISODay.format(w.from), to: ISODay.format(w.to), campaignId: w.campaignId,
                                area: w.area, suppressedBelow: w.suppress, summary: summary)
    }

    static func departments(_ w: Window, _ principal: Principal, _ app: AppServices) async throws -> DepartmentReport {
        let area = w.areaIds
        let e = try await app.departmentEvaluation.read(from: w.from, to: w.to, asOf: w.asOf, area: area, reach: principal.reach, suppressBelow: w.suppress)
        return DepartmentReport(asOf: ReportMoment.format(w.asOf), from: ISODay.format(w.from), to: ISODay.format(w.to), campaignId: w.campaignId,
                                area: w.area, suppressedBelow: w.suppress, departments: e.departments, districts: e.districts,
                                districtsWithheld: e.districtsWithheld)
    }

    static func progress(_ w: Window, campaign: Int64, _ principal: Principal, _ app: AppServices) async throws -> ProgressReport {
        let progress = try await app.planProgress.progress(campaign: campaign, asOf: w.asOf, reach: principal.reach)
        let area = w.areaIds
        func series(_ label: String, _ from: Date, _ to: Date) async throws -> WeeklySeries {
            WeeklySeries.make(label: label, from: from, to: to,
                              counts: try await app.trend.weekly(from: from, to: to, asOf: w.asOf, area: area, reach: principal.reach))
        }
        var previous: WeeklySeries?
        if let p = try await app.trend.previousCampaign(of: campaign) {
            // The same number of weeks from its start, so week n is compared with week n.
            previous = try await series("campaign \(p.id): \(p.name)", p.from, p.from.addingTimeInterval(w.to.timeIntervalSince(w.from)))
        }
        let yearAgo = 364.0 * 86_400  // 52 weeks: the same weekdays
        let trend = CampaignTrend(current: try await series("this campaign", w.from, w.to), previousCampaign: previous,
                                  yearBefore: try await series("the same weeks a year before", w.from.addingTimeInterval(-yearAgo), w.to.addingTimeInterval(-yearAgo)))
        return ProgressReport(asOf: ReportMoment.format(w.asOf), campaignId: campaign, from: ISODay.format(w.from), to: ISODay.format(w.to),
                              area: w.area, progress: w.suppress.map { progress.suppressingGroups(below: $0) } ?? progress, trend: trend)
    }

    /// The window's heat map for the pages, clipped like `/v1/heatmap`: to the window's district (or
    /// the campaign's area) and the caller's scope, small counts suppressed for leaders.
    static func heatMap(_ w: Window, _ principal: Principal, _ app: AppServices, width: Double, department: DepartmentCode? = nil,
                        namingOffenders: Bool = false) async throws -> (panel: HeatMapPanel, repeatVenues: Int, offenders: [BriefPage.Offender]) {
        let months = HeatMapPanel.months(from: w.from, to: w.to)
        var r = HeatMapRequest(from: months.from, to: months.to)
        r.campaignId = w.campaignId
        r.departments = department.map { [$0] } ?? []
        r.suppressBelow = HeatMapPolicy.suppression(for: principal.role, asked: w.suppress)
        let district = w.area.count == 1 ? w.area[0] : nil
        let within = principal.scope.isEmpty ? (w.area.count > 1 ? w.area : nil) : principal.scope
        let current = try await app.heatIndex.current()
        let request = r
        let result: HeatMapResult, repeats: Int
        do {
            (result, repeats) = try await Offload.run {
                let tally = try current.tally(request, jurisdiction: district, within: within)
                return (try HeatMapBuilder.finish(request, tally), tally.cells.values.reduce(0) { $0 + $1.repeatVenues })
            }
        } catch SweepError.invalid(let issues) {
            // Nothing inspected in the window yet (a campaign that has just begun): the page says so.
            return (HeatMapPanel.nothing(issues.map(\.reason).joined(separator: "; ")), 0, [])
        }
        let rings = try await app.heatMaps.districtRings(district)
        let named = namingOffenders ? try await offenders(request, current, principal, app, district: district, within: within) : []
        return (HeatMapPanel.make(result, districtRings: rings, width: width), repeats, named)
    }

    /// The five venues with the most violations in the window, named where the policy lets the reader
    /// see repeat offenders — for leaders, as on `/v1/heatmap/offenders`, only venues at or above
    /// the suppression threshold.
    static func offenders(_ request: HeatMapRequest, _ index: HeatIndex, _ principal: Principal, _ app: AppServices,
                          district: String?, within: [String]?) async throws -> [BriefPage.Offender] {
        guard case .allow = AccessPolicy.admit(principal, Permission(.offenders, .read)) else { return [] }
        let threshold = principal.role == .leader ? HeatMapPolicy.leadershipSuppression : 2
        let top = try index.venueCounts(request, jurisdiction: district, within: within)
            .filter { $0.violations >= threshold }.sorted { ($0.violations, $1.venueId) > ($1.violations, $0.venueId) }.prefix(5)
        let names = try await app.registry.venueNames(ids: top.map(\.venueId))
        return top.compactMap { v in names[v.venueId].map { BriefPage.Offender(code: $0.code, name: $0.name, district: $0.district, violations: v.violations) } }
    }

    /// The dashboard's `department` filter: one of the departments that inspect, or none.
    static func departmentFilter(_ request: Request) throws -> DepartmentCode? {
        guard let text = request.uri.queryParameters.get("department").map({ String($0) }), !text.isEmpty else { return nil }
        guard DepartmentCode.inspecting.map(\.rawValue).contains(text) else {
            throw SweepError.invalid(field: "department", reason: "one of \(DepartmentCode.inspecting.map(\.rawValue).joined(separator: ", ")), got \(text)")
        }
        return DepartmentCode(rawValue: text)
    }

    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let read = Permission(.report, .read)
        routes.get(APIPath.reportCompliance, needs: read) { request, _, principal in
            try JSONResponse.make(try await compliance(try await window(request, principal: principal, app), principal, app))
        }

        routes.page(APIPath.briefPage, needs: read) { request, _, principal in
            let format = request.uri.queryParameters.get("format").map { String($0) } ?? "html"
            guard ["html", "pdf"].contains(format) else { throw SweepError.invalid(field: "format", reason: "html or pdf, got \(format)") }
            let w = try await window(request, principal: principal, app, alsoKnown: ["format"])
            guard let campaignId = w.campaignId else { throw SweepError.invalid(field: "campaign", reason: "a brief is a campaign's: give campaign=ID") }
            let campaign = try await app.campaigns.get(campaignId)
            let map = try await heatMap(w, principal, app, width: 520, namingOffenders: true)
            let html = BriefPage.render(campaign: campaign, progress: try await progress(w, campaign: campaignId, principal, app),
                                        compliance: try await compliance(w, principal, app), departments: try await departments(w, principal, app),
                                        relocations: try await app.relocations.list(from: w.from, to: w.to, reach: principal.reach).count,
                                        heatMap: map.panel, repeatVenues: map.repeatVenues, offenders: map.offenders)
            if format == "pdf" {
                let pdf = try await Offload.run { try HeadlessChromium.pdf(html: html) }
                var headers = HTTPFields()
                headers[.contentType] = "application/pdf"
                headers[.contentDisposition] = "inline; filename=\"brief-\(campaignId).pdf\""
                headers[.cacheControl] = "no-store"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
            }
            var response = TextResponse.make(html, contentType: "text/html; charset=utf-8")
            response.headers[.contentSecurityPolicy] = WebPages.contentSecurityPolicy
            response.headers[.cacheControl] = "no-store"
            return response
        }

        routes.page(APIPath.dashboardPage, needs: read) { request, _, principal in
            let w = try await window(request, principal: principal, app, defaultDays: 365, alsoKnown: ["department"])
            let department = try departmentFilter(request)
            let campaigns = try await app.campaigns.list(scope: AccessPolicy.listScope(principal, Permission(.campaign, .read)))
            let filters = DashboardPage.Filters(campaign: w.campaignId, from: ISODay.format(w.from), to: ISODay.format(w.to), district: w.area.first,
                                                department: department, asOf: ReportMoment.format(w.asOf))
            let html = DashboardPage.render(filters: filters, campaigns: campaigns, compliance: try await compliance(w, principal, app),
                                            departments: try await departments(w, principal, app),
                                            progress: try await w.campaignId.asyncMap { try await progress(w, campaign: $0, principal, app) },
                                            heatMap: try await heatMap(w, principal, app, width: 640, department: department).panel, who: principal.name)
            var response = TextResponse.make(html, contentType: "text/html; charset=utf-8")
            response.headers[.contentSecurityPolicy] = WebPages.contentSecurityPolicy
            response.headers[.cacheControl] = "no-store"
            return response
        }

        routes.get(APIPath.reportProgress, needs: read) { request, _, principal in
            let w = try await window(request, principal: principal, app)
            guard let campaign = w.campaignId else { throw SweepError.invalid(field: "campaign", reason: "progress is a campaign's: give campaign=ID") }
            return try JSONResponse.make(try await progress(w, campaign: campaign, principal, app))
        }

        routes.get(APIPath.reportDepartments, needs: read) { request, _, principal in
            let w = try await window(request, principal: principal, app)
            return try JSONResponse.make(try await departments(w, principal, app))
        }
    }
}

extension Optional {
    /// `map` for an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
