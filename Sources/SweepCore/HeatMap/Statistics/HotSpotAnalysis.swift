/// Everything the hot-spot map shows for one cell.
public struct HotSpotCell: Sendable, Equatable, Codable {
    /// The cell's own value (e.g. violations in the window).
    public var value: Double
    /// Gi* z-score.
    public var z: Double
    /// Two-sided p-value, erfc(|z|/√2).
    public var p: Double
    /// Benjamini–Hochberg q-value over all cells in the study area.
    public var q: Double
    /// Distinct neighbours in the study area, not counting the cell itself.
    public var neighbourCount: Int
    /// Class from z and q; see ``HotSpotClass/classify(z:q:)``.
    public var hotSpotClass: HotSpotClass

    public init(value: Double, z: Double, p: Double, q: Double, neighbourCount: Int, hotSpotClass: HotSpotClass) {
        self.value = value
        self.z = z
        self.p = p
        self.q = q
        self.neighbourCount = neighbourCount
        self.hotSpotClass = hotSpotClass
    }
}

/// Hot-spot analysis: Gi* (cell included in its own neighbourhood) → two-sided p → BH q over the
/// whole study area → class at 90/95/99 %. See ``GetisOrdGiStar`` for the formulas and for why
/// the caller must include zero-valued cells of the study area in `values`.
public enum HotSpotAnalysis {
    /// - Throws: ``SweepError/invalid(_:)`` (field `window`) when the study area has fewer than
    ///   max(3, `minimumCells`) cells, or (field `values[…]`) for a non-finite value.
    public static func run(
        values: [Int64: Double],
        neighbours: (Int64) -> [Int64],
        minimumCells: Int = GetisOrdGiStar.defaultMinimumCells
    ) throws -> [Int64: HotSpotCell] {
        let gi = try GetisOrdGiStar.compute(values: values, neighbours: neighbours, includeSelf: true,
                                            minimumCells: minimumCells)
        let q = BenjaminiHochberg.adjust(pValues: gi.mapValues(\.p))
        var cells: [Int64: HotSpotCell] = [:]
        cells.reserveCapacity(gi.count)
        for (key, result) in gi {
            let qValue = q[key] ?? 1
            cells[key] = HotSpotCell(
                value: values[key] ?? 0, z: result.z, p: result.p, q: qValue,
                neighbourCount: result.neighbourCount,
                hotSpotClass: HotSpotClass.classify(z: result.z, q: qValue))
        }
        return cells
    }

    /// The same with neighbours from a dictionary; keys missing from it have no neighbours.
    public static func run(
        values: [Int64: Double],
        neighbours: [Int64: [Int64]],
        minimumCells: Int = GetisOrdGiStar.defaultMinimumCells
    ) throws -> [Int64: HotSpotCell] {
        try run(values: values, neighbours: { neighbours[$0] ?? [] }, minimumCells: minimumCells)
    }
}
