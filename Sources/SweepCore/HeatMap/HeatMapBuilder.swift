import Foundation

/// A computed heat map: the grid, one row of measures per cell, and the hot-spot summary.
public struct HeatMapResult: Sendable, Hashable, Codable {
    public var grid: HeatGrid
    public var request: HeatMapRequest
    public var cells: [HeatCellValues]
    public var venues: Int
    public var violations: Int
    public var hotSpots: [String: Int]
    /// Why hot spots were not computed (too few cells), if so.
    public var hotSpotNote: String?
}

/// The per-cell counts of one window before any statistics: what the naive GROUP BY over raw
/// violations computes, and what the in-memory ``HeatIndex`` answers without touching the database.
public struct HeatCellTally: Sendable, Equatable {
    public struct Counts: Sendable, Hashable {
        public var violations = 0
        public var venuesInspected = 0
        public var repeatVenues = 0
    }

    public var grid: HeatGrid
    /// Non-empty cells only.
    public var cells: [Int64: Counts]
    /// Venues with any rollup row in the window (after filters), and their violations.
    public var venues: Int
    public var violations: Int
    /// The longitude/latitude box of those venues: the study area of the hot-spot analysis.
    var bounds: HeatGridExtent.Bounds
}

/// Aggregates venue counts into grid cells and adds repeat-offender measures, small-count
/// suppression and Getis-Ord Gi* hot spots.
public enum HeatMapBuilder {
    public static let measures = ["violations", "venues_inspected", "repeat_venues", "repeat_rate"]

    public static func build(_ request: HeatMapRequest, venues: [VenueWindowCounts], maxCells: Int = 250_000) throws -> HeatMapResult {
        try finish(request, tally(request, venues: venues, maxCells: maxCells))
    }

    static func emptyWindow(_ request: HeatMapRequest) -> SweepError {
        SweepError.invalid(field: "from", reason: "no inspections in \(request.from)..\(request.to) for these filters: widen the window or drop a filter")
    }

    /// Venue counts binned into the request's grid (laid over the venues' extent).
    public static func tally(_ request: HeatMapRequest, venues: [VenueWindowCounts], maxCells: Int = 250_000) throws -> HeatCellTally {
        _ = try request.window()
        guard let bounds = HeatGridExtent.Bounds(venues.map(\.location)) else { throw emptyWindow(request) }
        let grid = try HeatGrid.validated(shape: request.shape, sizeMetres: request.sizeMetres, bounds: bounds, maxCells: maxCells)
        var cells: [Int64: HeatCellTally.Counts] = [:]
        var total = 0
        for v in venues {
            let key = grid.key(for: v.location)
            cells[key, default: .init()].add(inspections: v.inspections, violations: v.violations, threshold: request.repeatThreshold)
            total += v.violations
        }
        return HeatCellTally(grid: grid, cells: cells, venues: venues.count, violations: total, bounds: bounds)
    }

    /// Measures per cell over the whole study area (empty cells count as zeros in Gi*), hot spots
    /// and, for leadership and publication, small-count suppression.
    public static func finish(_ request: HeatMapRequest, _ tally: HeatCellTally) throws -> HeatMapResult {
        let grid = tally.grid
        var cells: [Int64: HeatCellValues] = [:]
        var study = grid.cells(in: tally.bounds)
        study.append(contentsOf: tally.cells.keys)
        cells.reserveCapacity(study.count)
        for key in study where cells[key] == nil {
            let t = tally.cells[key] ?? .init()
            var values: [String: Double] = ["violations": Double(t.violations), "venues_inspected": Double(t.venuesInspected),
                                            "repeat_venues": Double(t.repeatVenues)]
            if t.venuesInspected > 0 { values["repeat_rate"] = Double(t.repeatVenues) / Double(t.venuesInspected) }
            cells[key] = HeatCellValues(key: key, values: values)
        }
        var hotSpots: [String: Int] = [:]
        var note: String?
        if let measure = request.hotSpotMeasure {
            do {
                let analysis = try HotSpotAnalysis.run(values: cells.mapValues { $0.values[measure] ?? 0 }, neighbours: grid.neighbours)
                for (key, result) in analysis {
                    cells[key]?.values["gi_z"] = result.z
                    cells[key]?.values["gi_p"] = result.p
                    cells[key]?.values["gi_q"] = result.q
                    cells[key]?.labels["hotspot"] = result.hotSpotClass.rawValue
                    hotSpots[result.hotSpotClass.rawValue, default: 0] += 1
                }
            } catch SweepError.invalid(let issues) {
                note = issues.map(\.reason).joined(separator: "; ")
            }
        }
        // Leadership and publication: counts below k become "<k"; rates over suppressed counts go too.
        if let k = request.suppressBelow {
            for key in cells.keys {
                for measure in ["violations", "venues_inspected", "repeat_venues"] {
                    guard let value = cells[key]?.values[measure], case .suppressed(let label) = SmallCountSuppression.suppress(Int(value), threshold: k) else { continue }
                    cells[key]?.values[measure] = nil
                    cells[key]?.labels[measure] = label
                    if measure != "violations" { cells[key]?.values["repeat_rate"] = nil; cells[key]?.labels["repeat_rate"] = "suppressed" }
                }
            }
        }
        return HeatMapResult(grid: grid, request: request, cells: cells.values.sorted { $0.key < $1.key }, venues: tally.venues,
                             violations: tally.violations, hotSpots: hotSpots, hotSpotNote: note)
    }
}

extension HeatCellTally.Counts {
    mutating func add(inspections: Int, violations: Int, threshold: Int) {
        self.violations += violations
        if inspections > 0 { venuesInspected += 1 }
        if violations >= threshold { repeatVenues += 1 }
    }
}
