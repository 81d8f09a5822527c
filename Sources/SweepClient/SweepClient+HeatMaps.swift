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
