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

/// Aggregates venue counts into grid cells and adds repeat-offender measures, small-count
/// suppression and Getis-Ord Gi* hot spots.
public enum HeatMapBuilder {
    public static let measures = ["violations", "venues_inspected", "repeat_venues", "repeat_rate"]

    public static func build(_ request: HeatMapRequest, venues: [VenueWindowCounts], maxCells: Int = 250_000) throws -> HeatMapResult {
        _ = try request.window()
        guard !venues.isEmpty else {
            throw SweepError.invalid(field: "from", reason: "no inspections in \(request.from)..\(request.to) for these filters: widen the window or drop a filter")
        }
        let grid = try HeatGrid.validated(shape: request.shape, sizeMetres: request.sizeMetres, extent: venues.map(\.location), maxCells: maxCells)
        var violations: [Int64: Int] = [:], inspected: [Int64: Int] = [:], repeaters: [Int64: Int] = [:]
        for v in venues {
            let key = grid.key(for: v.location)
            violations[key, default: 0] += v.violations
            if v.inspections > 0 { inspected[key, default: 0] += 1 }
            if v.violations >= request.repeatThreshold { repeaters[key, default: 0] += 1 }
        }
        // The study area: every cell of the venues' extent, so empty cells count as zeros in Gi*.
        let study = Set(grid.cells(covering: venues.map(\.location))).union(violations.keys).union(inspected.keys)
        var cells: [Int64: HeatCellValues] = [:]
        for key in study {
            let n = inspected[key] ?? 0, r = repeaters[key] ?? 0
            var values: [String: Double] = ["violations": Double(violations[key] ?? 0), "venues_inspected": Double(n), "repeat_venues": Double(r)]
            if n > 0 { values["repeat_rate"] = Double(r) / Double(n) }
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
        return HeatMapResult(grid: grid, request: request, cells: cells.values.sorted { $0.key < $1.key }, venues: venues.count,
                             violations: venues.reduce(0) { $0 + $1.violations }, hotSpots: hotSpots, hotSpotNote: note)
    }
}
