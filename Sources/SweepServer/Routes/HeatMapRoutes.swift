import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Heat maps and repeat offenders. Leadership always gets small counts suppressed; coordinators'
/// working views are exact unless they ask for suppression (for a publication).
enum HeatMapRoutes {
    static let read = Permission(.heatMap, .read), offenders = Permission(.offenders, .read)

    /// The jurisdictions an answer is clipped to (nil = everywhere).
    static func clip(_ principal: Principal) -> [String]? { principal.scope.isEmpty ? nil : principal.scope }

    static func request(_ query: inout QueryParameters, principal: Principal) -> HeatMapRequest {
        let cell = query.string("cell"), hex = query.string("hex")
        var r = HeatMapRequest(from: query.string("from") ?? "", to: query.string("to") ?? "")
        if let hex { r.shape = .hexagon; r.sizeMetres = metres(hex, field: "hex", &query) } else if let cell { r.sizeMetres = metres(cell, field: "cell", &query) }
        if cell != nil && hex != nil { query.including { throw SweepError.invalid(field: "hex", reason: "give cell or hex, not both") } }
        r.venueKinds = query.enumerationList("kind", VenueKind.self)
        r.departments = query.list("department").map(DepartmentCode.init(rawValue:))
        r.violationCodes = query.list("code")
        r.campaignId = query.int("campaign").map(Int64.init)
        r.repeatThreshold = query.int("k") ?? 2
        let hot = query.string("hot_spots") ?? "violations"
        r.hotSpotMeasure = hot == "none" ? nil : hot
        let asked = query.int("suppress")
        r.suppressBelow = HeatMapPolicy.suppression(for: principal.role, asked: asked)
        let captured = r
        query.including { _ = try captured.window() }
        return r
    }

    /// "500", "500m" or "1.5km" in metres.
    static func metres(_ text: String, field: String, _ query: inout QueryParameters) -> Double {
        guard let value = HeatMapPolicy.metres(text) else {
            query.including { throw SweepError.invalid(field: field, reason: "\"\(text)\" is not a size; write e.g. 500m or 1.5km") }
            return 500
        }
        return value
    }

    /// Maps and repeat venues come from the in-memory index (brought up to date on each request);
    /// operators, relocations, districts and schools from SQL.
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let store = app.heatMaps, index = app.heatIndex, nearRepeat = app.nearRepeat
        routes.get(APIPath.heatmap, needs: read) { request, _, principal in
            var query = QueryParameters(request, known: ["cell", "hex", "from", "to", "kind", "department", "code", "campaign", "k", "hot_spots",
                                                         "suppress", "district", "format"])
            let r = Self.request(&query, principal: principal)
            let format = query.string("format") ?? "json"
            let district = query.string("district")
            if !["json", "geojson", "csv", "svg"].contains(format) {
                query.including { throw SweepError.invalid(field: "format", reason: "json, geojson, csv or svg") }
            }
            try query.finish()
            let clock = ContinuousClock(), started = clock.now
            let current = try await index.current()
            let caughtUp = clock.now
            let result = try await Offload.run { try HeatMapBuilder.finish(r, current.tally(r, jurisdiction: district, within: clip(principal))) }
            WorkMetrics.record(WorkMetrics.heatIndexCatchUp, caughtUp - started)
            WorkMetrics.record(WorkMetrics.heatTally, clock.now - caughtUp)
            switch format {
            case "geojson":
                return TextResponse.make(HeatMapGeoJSON.featureCollection(cells: result.cells, grid: result.grid),
                                         contentType: "application/geo+json", filename: "heatmap.geojson")
            case "csv":
                return TextResponse.make(HeatMapCSV.render(cells: result.cells, grid: result.grid, lineEnding: .lf),
                                         contentType: "text/csv; charset=utf-8", filename: "heatmap.csv")
            case "svg":
                let rings = try await store.districtRings(district)
                let schools = try await store.schools(district)
                let title = "违法热点 violations \(r.from)..\(r.to) (\(r.shape == .square ? "square" : "hex") \(Int(r.sizeMetres)) m)"
                return TextResponse.make(HeatMapSVG.render(cells: result.cells, grid: result.grid, valueKey: "violations", title: title,
                                                           districtRings: rings, schools: schools),
                                         contentType: "image/svg+xml", filename: "heatmap.svg")
            default:
                return try JSONResponse.make(result)
            }
        }
        routes.get(APIPath.heatmapNearRepeat, needs: read) { request, _, principal in
            var query = QueryParameters(request, known: ["from", "to", "kind", "district", "distance_m", "days", "permutations", "seed"])
            let window = HeatMapRequest(from: query.string("from") ?? "", to: query.string("to") ?? "")
            let kinds = query.enumerationList("kind", VenueKind.self)
            let district = query.string("district")
            var settings = NearRepeat.Settings()
            settings.distanceMetres = query.double("distance_m") ?? settings.distanceMetres
            settings.days = query.int("days") ?? settings.days
            settings.permutations = query.int("permutations") ?? settings.permutations
            let seed = query.int("seed") ?? 1
            if seed < 0 { query.including { throw SweepError.invalid(field: "seed", reason: "must be 0 or more, got \(seed)") } }
            settings.seed = UInt64(max(0, seed))
            let checked = settings
            query.including { _ = try window.window() }
            query.including { if !checked.issues().isEmpty { throw SweepError.invalid(checked.issues()) } }
            try query.finish()
            let (from, to) = try window.window()
            let events = try await nearRepeat.events(from: from, to: to, kinds: kinds, jurisdiction: district, reach: principal.reach)
            guard events.count <= NearRepeat.maximumEvents else {
                throw SweepError.invalid(field: "from", reason: "\(events.count) violation visits in this window and area; the test takes at most "
                                         + "\(NearRepeat.maximumEvents): narrow the window, the district or the kind")
            }
            let candidates = try await nearRepeat.candidates(kinds: kinds, jurisdiction: district, reach: principal.reach)
            let report = try await Offload.run { NearRepeat.analyse(events: events, candidates: candidates, settings: checked, windowEnd: to) }
            return try JSONResponse.make(principal.role == .leader ? report.forLeadership() : report)
        }

        routes.get(APIPath.heatmapOffenders, needs: offenders) { request, _, principal in
            var query = QueryParameters(request, known: ["from", "to", "k", "code"])
            var r = HeatMapRequest(from: query.string("from") ?? "", to: query.string("to") ?? "")
            r.repeatThreshold = query.int("k") ?? 2
            r.violationCodes = query.list("code")
            let captured = r
            query.including { _ = try captured.window() }
            try query.finish()
            let window = try r.window()
            let venues = try await index.current().venueCounts(r, within: clip(principal))
                .filter { $0.violations >= r.repeatThreshold }.sorted { $0.violations > $1.violations }
            let report = OffenderReport(repeatVenues: venues.prefix(500).map { RepeatVenue(venueId: $0.venueId, violations: $0.violations) },
                                        repeatOperators: try await store.repeatOperators(r, reach: principal.reach),
                                        relocations: try await app.relocations.list(from: window.from, to: window.to, reach: principal.reach))
            return try JSONResponse.make(principal.role == .leader ? report.forLeadership() : report)
        }
    }
}
