import Foundation
import Testing
import SweepCore
@testable import SweepStore

/// The heat map's GeoJSON opens in GDAL (ogrinfo from gdal-bin, installed by ops/install-deps).
@Suite struct GeoJSONGDALTests {
    @Test func ogrinfoReadsEveryCellAsAPolygonInWGS84() throws {
        let centre = GeoPoint(longitude: 114.30, latitude: 30.60)
        for shape in [HeatCellShape.square, .hexagon] {
            let extent = [centre.offset(eastMetres: -3000, northMetres: -3000), centre.offset(eastMetres: 3000, northMetres: 3000)]
            let grid = try HeatGrid.validated(shape: shape, sizeMetres: 500, extent: extent)
            let cells = grid.cells(covering: extent).enumerated().map { i, key in
                HeatCellValues(key: key, values: ["violations": Double(i % 7)], labels: i % 5 == 0 ? ["violations": "<5"] : [:])
            }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).geojson").path
            try HeatMapGeoJSON.featureCollection(cells: cells, grid: grid).write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let run = try Subprocess.run(["ogrinfo", "-ro", "-al", "-so", path])
            #expect(run.status == 0, "\(run.combined)")
            #expect(run.stdout.contains("Feature Count: \(cells.count)"), "\(run.stdout)")
            #expect(run.stdout.contains("Geometry: Polygon"))
            #expect(run.stdout.contains("WGS 84"))
            #expect(!run.stderr.contains("ERROR"), "\(run.stderr)")
        }
    }
}
