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
        var study = Set(grid.cells(in: tally.bounds))
        study.formUnion(tally.cells.keys)
        let keys = study.sorted()
        var hot: [Int64: HotSpotCell] = [:]
        var note: String?
        if let measure = request.hotSpotMeasure {
            var values: [Int64: Double] = [:]
            values.reserveCapacity(keys.count)
            for key in keys {
                let t = tally.cells[key]
                values[key] = Double((measure == "repeat_venues" ? t?.repeatVenues : t?.violations) ?? 0)
            }
            do {
                hot = try HotSpotAnalysis.run(values: values, neighbours: grid.neighbours)
            } catch SweepError.invalid(let issues) {
                note = issues.map(\.reason).joined(separator: "; ")
            }
        }
        // One pass builds each cell whole: measures, hot-spot scores, and for leadership and
        // publication small counts as "<k" (rates over suppressed counts go too).
        var cells: [HeatCellValues] = []
        cells.reserveCapacity(keys.count)
        var hotSpots: [String: Int] = [:]
        for key in keys {
            let t = tally.cells[key] ?? .init()
            var values: [String: Double] = ["violations": Double(t.violations), "venues_inspected": Double(t.venuesInspected),
                                            "repeat_venues": Double(t.repeatVenues)]
            var labels: [String: String] = [:]
            if t.venuesInspected > 0 { values["repeat_rate"] = Double(t.repeatVenues) / Double(t.venuesInspected) }
            if let h = hot[key] {
                values["gi_z"] = h.z
                values["gi_p"] = h.p
                values["gi_q"] = h.q
                labels["hotspot"] = h.hotSpotClass.rawValue
                hotSpots[h.hotSpotClass.rawValue, default: 0] += 1
            }
            if let k = request.suppressBelow {
                for (measure, count) in [("violations", t.violations), ("venues_inspected", t.venuesInspected), ("repeat_venues", t.repeatVenues)] {
                    guard case .suppressed(let label) = SmallCountSuppression.suppress(count, threshold: k) else { continue }
                    values[measure] = nil
                    labels[measure] = label
                    if measure != "violations" { values["repeat_rate"] = nil; labels["repeat_rate"] = "suppressed" }
                }
            }
            cells.append(HeatCellValues(key: key, values: values, labels: labels))
        }
        return HeatMapResult(grid: grid, request: request, cells: cells, venues: tally.venues,
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
