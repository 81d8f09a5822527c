import Foundation
import SweepAPI
import SweepCore

extension SweepClient {
    /// `GET /v1/heatmap` in a text format (json, geojson, csv or svg), with the query as the API names it.
    public func heatMap(_ parameters: [URLQueryItem]) async throws -> String { try await text(APIPath.heatmap, query: parameters) }
    /// `GET /v1/heatmap/offenders`.
    public func offenders(_ parameters: [URLQueryItem]) async throws -> OffenderReport {
        try await json(.GET, APIPath.heatmapOffenders, query: parameters)
    }
    /// `GET /heatmap`: the map page.
    public func heatMapPage() async throws -> String { try await text(APIPath.heatmapPage) }
}

extension SweepClient {
    /// `GET /v1/heatmap/near-repeat`.
    public func nearRepeat(from: String, to: String, kind: String? = nil, district: String? = nil, distanceMetres: Double? = nil, days: Int? = nil,
                           permutations: Int? = nil, seed: Int? = nil) async throws -> NearRepeat.Report {
        var q = Query()
        q.add("from", from); q.add("to", to); q.add("kind", kind); q.add("district", district)
        q.add("distance_m", distanceMetres); q.add("days", days); q.add("permutations", permutations); q.add("seed", seed)
        return try await json(.GET, APIPath.heatmapNearRepeat, query: q.items)
    }
}

extension SweepClient {
    /// `GET /v1/reports/compliance`.
    public func complianceReport(_ query: [URLQueryItem]) async throws -> ComplianceReport {
        try await json(.GET, APIPath.reportCompliance, query: query)
    }

    /// `GET /v1/reports/progress`.
    public func progressReport(_ query: [URLQueryItem]) async throws -> ProgressReport {
        try await json(.GET, APIPath.reportProgress, query: query)
    }

    /// `GET /brief`: the campaign's one-page brief as HTML or PDF bytes.
    public func brief(_ query: [URLQueryItem], pdf: Bool) async throws -> Data {
        try await send(.GET, APIPath.briefPage, query: query + [URLQueryItem(name: "format", value: pdf ? "pdf" : "html")])
    }

    /// `GET /v1/reports/departments`.
    public func departmentReport(_ query: [URLQueryItem]) async throws -> DepartmentReport {
        try await json(.GET, APIPath.reportDepartments, query: query)
    }
}
