import ArgumentParser
import Foundation
import PostgresNIO
import SweepCore
import SweepStore

/// `sweep bench heatmap`: heat-map aggregates from the in-memory index next to the naive GROUP BY
/// over raw inspections and cases, on month-aligned windows of the loaded data, at province and
/// city extent; the two must agree cell by cell. Plus Gi* over 25,000 cells.
struct BenchHeatMapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heatmap",
        abstract: "Heat-map latency: in-memory index vs. naive GROUP BY over raw rows (checked equal), and Gi* over 25,000 cells.",
        discussion: """
            The aggregate is what a heat map costs before statistics: per cell violations, venues inspected and repeat \
            venues for the window. `finish` adds every empty cell of the extent, Gi* with FDR and the output rows; it is \
            reported apart because its cost grows with the number of cells, not with the data.
            --fill-violations 10000000 first adds synthetic history (marked bench-history) until the database holds that many \
            violations, then rebuilds the rollup.
            """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Window lengths in months to try, comma-separated.") var months: String = "1,3,12"
    @Option(help: "Repetitions per window length.") var repeats: Int = 5
    @Option(help: "Square cell size in metres.") var cell: Double = 500
    @Option(help: "Extents, comma-separated: all, and jurisdiction codes (default: all and the city with the most venues).") var extents: String?
    @Option(help: "First add synthetic violations until the database holds this many, then rebuild the rollup.") var fillViolations: Int?
    @Flag(help: "Skip the naive query (it takes seconds per window on 10 M violations).") var skipNaive = false

    func run() async throws {
        let lengths = months.split(separator: ",").compactMap { Int($0) }
        let repeats = self.repeats, cell = self.cell, fill = fillViolations, skipNaive = self.skipNaive, extentOption = extents
        guard !lengths.isEmpty, repeats > 0 else { throw ValidationError("--months needs window lengths such as 1,3,12 and --repeats at least 1") }
        let mismatches = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.bench")) { db -> Int in
            if let fill {
                let clock = ContinuousClock(), t = clock.now
                let added = try await HeatBenchData.fill(db, target: fill) { have, want in Console.info("violations: \(have) of \(want)") }
                Console.info("added \(added) synthetic violations in \(Int((clock.now - t).seconds)) s; rebuilding the rollup…")
                let rows = try await HeatRollup.rebuild(db, actor: "bench")
                Console.info("rollup rebuilt: \(rows) rows, \(Int((clock.now - t).seconds)) s in all")
            }
            let violations = try await HeatBenchData.violations(db)
            let rssBefore = Self.residentMegabytes()
            let store = HeatIndexStore(db: db)
            let index = try await store.current()
            let load = await store.lastLoad
            Console.out(String(format: "data: %d violations; index: %d venues, %d rollup rows, loaded in %.1f s, resident memory +%.0f MB",
                               violations, index.venueCount, index.factCount, load?.seconds ?? 0, Self.residentMegabytes() - rssBefore))
            var last = Date()
            for try await d in try await db.query("SELECT max(month)::timestamptz FROM heat_venue_month").decode(Date?.self) { last = d ?? Date() }
            var chosen = (extentOption ?? "all").split(separator: ",").map(String.init)
            if extentOption == nil, let city = try await Self.largestCity(db) { chosen.append(city) }
            Console.out("extent      window  index p50   naive p50   speed-up  cells (non-empty)  finish p50 (all cells + Gi*)   [p50 of \(repeats); cell \(Int(cell)) m]")
            var mismatches = 0
            let calendar = Calendar(identifier: .gregorian)
            for extent in chosen {
                let jurisdiction = extent == "all" ? nil : extent
                for length in lengths {
                    var indexTimes: [Double] = [], naiveTimes: [Double] = [], finishTimes: [Double] = []
                    var cells = 0, studyCells = 0
                    for k in 0..<repeats {
                        let end = calendar.date(byAdding: .month, value: -k, to: last)!
                        let start = calendar.date(byAdding: .month, value: -length + 1, to: end)!
                        let request = HeatMapRequest(sizeMetres: cell, from: String(ISODay.format(start).prefix(7)),
                                                     to: String(ISODay.format(calendar.date(byAdding: .month, value: 1, to: end)!).prefix(7)))
                        let clock = ContinuousClock()
                        var t = clock.now
                        let tally = try index.tally(request, jurisdiction: jurisdiction)
                        indexTimes.append((clock.now - t).seconds)
                        t = clock.now
                        let result = try HeatMapBuilder.finish(request, tally)
                        finishTimes.append((clock.now - t).seconds)
                        cells = tally.cells.count
                        studyCells = result.cells.count
                        guard !skipNaive else { continue }
                        t = clock.now
                        let naive = try HeatMapBuilder.tally(request, venues: try await Self.naiveCounts(db, request, jurisdiction: jurisdiction))
                        naiveTimes.append((clock.now - t).seconds)
                        if naive.cells != tally.cells || naive.violations != tally.violations {
                            mismatches += 1
                            Console.info("MISMATCH \(extent) \(request.from)..\(request.to): index \(tally.cells.count) cells / \(tally.violations) violations, naive \(naive.cells.count) / \(naive.violations)")
                        }
                    }
                    let a = Bench.median(indexTimes), f = Bench.median(finishTimes)
                    let naive = naiveTimes.isEmpty ? "          -" : String(format: "%8.1f ms", Bench.median(naiveTimes) * 1000)
                    let speedup = naiveTimes.isEmpty ? "       -" : String(format: "%7.0f×", Bench.median(naiveTimes) / max(a, 1e-9))
                    Console.out(extent.padding(toLength: 10, withPad: " ", startingAt: 0)
                                + String(format: " %3d mo  %7.1f ms  %@  %@  %8d / %-8d  %8.1f ms", length, a * 1000,
                                         naive as NSString, speedup as NSString, cells, studyCells, f * 1000))
                }
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
            Console.out(String(format: "Gi* + FDR over %d cells: p50 %.1f ms", values.count, Bench.median(times) * 1000))
            return mismatches
        }
        if mismatches > 0 { throw BenchFailure(message: "the index and the naive count disagreed on \(mismatches) window(s)") }
    }

    struct BenchFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// The same per-venue counts straight from inspections and cases (what the rollup and index save).
    static func naiveCounts(_ db: Database, _ r: HeatMapRequest, jurisdiction: String?) async throws -> [VenueWindowCounts] {
        let (from, to) = try r.window()
        let rows = try await db.query("""
            WITH i AS (SELECT venue_id, count(*)::int AS n FROM inspection
                       WHERE heat_month(arrived_at) >= \(from)::date AND heat_month(arrived_at) < \(to)::date GROUP BY venue_id),
                 c AS (SELECT venue_id, count(*)::int AS n FROM case_file
                       WHERE heat_month(opened_at) >= \(from)::date AND heat_month(opened_at) < \(to)::date GROUP BY venue_id)
            SELECT v.id, ST_X(v.location::geometry), ST_Y(v.location::geometry), coalesce(i.n, 0), coalesce(c.n, 0)
            FROM venue v LEFT JOIN i ON i.venue_id = v.id LEFT JOIN c ON c.venue_id = v.id
            JOIN jurisdiction j ON j.id = v.jurisdiction_id LEFT JOIN jurisdiction jp ON jp.id = j.parent_id
            LEFT JOIN jurisdiction jpp ON jpp.id = jp.parent_id
            WHERE v.location IS NOT NULL AND (i.n IS NOT NULL OR c.n IS NOT NULL)
              AND (\(jurisdiction)::text IS NULL OR \(jurisdiction) IN (j.code, jp.code, jpp.code))
            """)
        var out: [VenueWindowCounts] = []
        for try await (id, x, y, n, c) in rows.decode((Int64, Double, Double, Int, Int).self) {
            out.append(VenueWindowCounts(venueId: id, location: GeoPoint(longitude: x, latitude: y), inspections: n, violations: c))
        }
        return out
    }

    static func largestCity(_ db: Database) async throws -> String? {
        var code: String?
        for try await c in try await db.query("""
            SELECT p.code FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id JOIN jurisdiction p ON p.id = j.parent_id
            WHERE p.level = 'city' GROUP BY p.code ORDER BY count(*) DESC, p.code LIMIT 1
            """).decode(String.self) { code = c }
        return code
    }

    /// VmRSS from /proc (Linux); 0 elsewhere.
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

}
