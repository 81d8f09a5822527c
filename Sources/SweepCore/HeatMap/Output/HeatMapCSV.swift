import Foundation

/// Heat-map cells as CSV, one row per cell: key, centre longitude and latitude, then the measures.
public enum HeatMapCSV {
    /// The CSV text with a header row; rows ordered by key.
    ///
    /// - Parameters:
    ///   - columns: measure names in this order; nil writes every name found, sorted. As in the
    ///     GeoJSON, a label replaces a value of the same name and a missing or non-finite value is empty.
    public static func render(cells: [HeatCellValues], grid: HeatGrid, columns: [String]? = nil,
                              lineEnding: CSVWriter.LineEnding = .crlf) -> String {
        let names = HeatOutputText.names(cells, requested: columns)
        let rows = cells.sorted { $0.key < $1.key }.map { cell -> [String] in
            let centre = grid.centre(cell.key)
            return [String(cell.key), HeatOutputText.coordinate(centre.longitude), HeatOutputText.coordinate(centre.latitude)]
                + names.map { name in
                    switch HeatOutputText.property(cell, name) {
                    case .text(let s): return s
                    case .number(let v) where v.isFinite: return HeatOutputText.number(v)
                    default: return ""
                    }
                }
        }
        let header = ["cell_key", "centre_longitude", "centre_latitude"] + names
        return String(decoding: CSVWriter.write(header: header, rows: rows, lineEnding: lineEnding), as: UTF8.self)
    }
}
