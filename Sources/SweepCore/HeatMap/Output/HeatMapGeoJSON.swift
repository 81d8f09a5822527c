import Foundation

/// Heat-map cells as an RFC 7946 GeoJSON FeatureCollection of polygons.
///
/// RFC 7946 coordinates are WGS 84 longitude, latitude, so there is no `crs` member (GDAL warns on
/// one); the grid's own projected system is named per feature as `crs_of_grid` for anyone who
/// needs to rebuild the cells. Rings are closed and counter-clockwise (right-hand rule).
public enum HeatMapGeoJSON {
    /// The whole document, deterministic byte for byte: features ordered by key, properties
    /// `cell_key`, `crs_of_grid`, then the measures.
    ///
    /// - Parameters:
    ///   - properties: measure names to write, in this order; nil writes every value and label
    ///     name found, sorted. A label overrides a value of the same name (suppressed counts), a
    ///     name the cell lacks is written as null, and so is a non-finite number.
    public static func featureCollection(cells: [HeatCellValues], grid: HeatGrid, properties: [String]? = nil) -> String {
        let names = HeatOutputText.names(cells, requested: properties).filter { $0 != "cell_key" && $0 != "crs_of_grid" }
        let crs = HeatOutputText.json("EPSG:\(grid.projection.epsg)")
        var out = "{\"type\":\"FeatureCollection\",\"features\":["
        for (i, cell) in cells.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { out += "," }
            let ring = grid.polygon(cell.key)
                .map { "[\(HeatOutputText.coordinate($0.longitude)),\(HeatOutputText.coordinate($0.latitude))]" }
                .joined(separator: ",")
            out += "\n{\"type\":\"Feature\",\"id\":\(cell.key),\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring)]]},"
            out += "\"properties\":{\"cell_key\":\(cell.key),\"crs_of_grid\":\(crs)"
            for name in names {
                out += ",\(HeatOutputText.json(name)):\(value(cell, name))"
            }
            out += "}}"
        }
        out += "\n]}\n"
        return out
    }

    private static func value(_ cell: HeatCellValues, _ name: String) -> String {
        switch HeatOutputText.property(cell, name) {
        case .text(let s): return HeatOutputText.json(s)
        case .number(let v) where v.isFinite: return HeatOutputText.number(v)
        default: return "null"
        }
    }
}
