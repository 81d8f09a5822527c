import ArgumentParser
import Foundation
import PostgresNIO
import SweepCore
import SweepStore

/// `sweep bench heatmap`: heat-map latency from the rollup next to the naive count over raw
/// inspections and cases, on month-aligned windows of the loaded data, plus Gi* on 25,000 cells.
struct BenchHeatMapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heatmap", abstract: "Heat-map latency: rollup vs. naive GROUP BY over raw rows, and Gi* over 25,000 cells.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Window lengths in months to try, comma-separated.") var months: String = "1,3,12"
    @Option(help: "Repetitions per window length.") var repeats: Int = 5
    @Option(help: "Square cell size in metres.") var cell: Double = 500

    func run() async throws {
        let lengths = months.split(separator: ",").compactMap { Int($0) }
        let repeats = self.repeats, cell = self.cell
        try await database.withMigratedDatabase(logger: CLILogger.make("sweep.bench")) { db in
            var last = Date()
            for try await d in try await db.query("SELECT max(month)::timestamptz FROM heat_venue_month").decode(Date?.self) { last = d ?? Date() }
            let store = HeatMapStore(db: db)
            Console.out("window  rollup p50 (query)      naive p50 (query)      speed-up (query)   (p50 of \(repeats) runs; cell \(Int(cell)) m; build = cells + Gi*)")
            for length in lengths {
                var rollup: [Double] = [], naive: [Double] = [], query: [Double] = [], naiveQuery: [Double] = []
                for k in 0..<repeats {
                    let end = Calendar(identifier: .gregorian).date(byAdding: .month, value: -k, to: last)!
                    let start = Calendar(identifier: .gregorian).date(byAdding: .month, value: -length + 1, to: end)!
                    let request = HeatMapRequest(sizeMetres: cell, from: String(ISODay.format(start).prefix(7)),
                                                 to: String(ISODay.format(Calendar(identifier: .gregorian).date(byAdding: .month, value: 1, to: end)!).prefix(7)))
                    let clock = ContinuousClock()
                    var t = clock.now
                    let venues = try await store.venueCounts(request)
                    query.append((clock.now - t).seconds)
                    let built = try HeatMapBuilder.build(request, venues: venues)
                    rollup.append((clock.now - t).seconds)
                    t = clock.now
                    let raw = try await Self.naiveCounts(db, request)
                    naiveQuery.append((clock.now - t).seconds)
                    _ = try HeatMapBuilder.build(request, venues: raw)
                    naive.append((clock.now - t).seconds)
                    if k == 0 { Console.info("\(length) month(s): \(built.cells.count) cells, \(built.violations) violations") }
                }
                let a = Self.median(rollup), b = Self.median(naive), qa = Self.median(query), qb = Self.median(naiveQuery)
                Console.out(String(format: "%3d mo  %7.1f ms (%6.1f ms)  %7.1f ms (%6.1f ms)  %5.1f× (%5.1f×)", length, a * 1000, qa * 1000, b * 1000, qb * 1000,
                                   b / max(a, 1e-9), qb / max(qa, 1e-9)))
            }
            var rng = SeededRandom(seed: 1)
            let side = 158
            var values: [Int64: Double] = [:]
            // A 79 km square of 500 m cells laid over the demo city's zone.
            let grid = try HeatGrid.validated(shape: .square, sizeMetres: 500, extent: [GeoPoint(longitude: 114.0, latitude: 30.3),
                                                                                        GeoPoint(longitude: 114.8, latitude: 31.0)])
            let origin = grid.cell(grid.key(for: GeoPoint(longitude: 114.0, latitude: 30.3)))
            for c in 0..<side { for r in 0..<side { values[HeatGrid.key(column: origin.column + Int32(c), row: origin.row + Int32(r))] = Double(rng.nextInt(below: 6)) } }
            let clock = ContinuousClock()
            var times: [Double] = []
            for _ in 0..<5 {
                let t = clock.now
                _ = try HotSpotAnalysis.run(values: values, neighbours: grid.neighbours)
                times.append((clock.now - t).seconds)
            }
            Console.out(String(format: "Gi* + FDR over %d cells: p50 %.1f ms", values.count, Self.median(times) * 1000))
        }
    }

    /// The same per-venue counts straight from inspections and cases (what the rollup saves).
    static func naiveCounts(_ db: Database, _ r: HeatMapRequest) async throws -> [VenueWindowCounts] {
        let (from, to) = try r.window()
        let rows = try await db.query("""
            WITH i AS (SELECT venue_id, count(*)::int AS n FROM inspection
                       WHERE heat_month(arrived_at) >= \(from)::date AND heat_month(arrived_at) < \(to)::date GROUP BY venue_id),
                 c AS (SELECT venue_id, count(*)::int AS n FROM case_file
                       WHERE heat_month(opened_at) >= \(from)::date AND heat_month(opened_at) < \(to)::date GROUP BY venue_id)
            SELECT v.id, ST_X(v.location::geometry), ST_Y(v.location::geometry), coalesce(i.n, 0), coalesce(c.n, 0)
            FROM venue v LEFT JOIN i ON i.venue_id = v.id LEFT JOIN c ON c.venue_id = v.id
            WHERE v.location IS NOT NULL AND (i.n IS NOT NULL OR c.n IS NOT NULL)
            """)
        var out: [VenueWindowCounts] = []
        for try await (id, x, y, n, c) in rows.decode((Int64, Double, Double, Int, Int).self) {
            out.append(VenueWindowCounts(venueId: id, location: GeoPoint(longitude: x, latitude: y), inspections: n, violations: c))
        }
        return out
    }

    static func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
