import Foundation

/// The jurisdiction tree as CSV (`sweep import jurisdictions FILE.csv`, `sweep export jurisdictions`).
/// Boundaries travel as GeoJSON instead (``BoundaryGeoJSON``).
///
/// Columns, in export order (* = required column and value):
///
/// | column | holds |
/// |---|---|
/// | code* | administrative code, e.g. `420102`, unique |
/// | name* | name, e.g. `江岸区` |
/// | level* | `province`, `city` or `district` |
/// | parent | the parent's code, in this file or already registered; empty for the top |
///
/// A parent must sit higher than its child (province ⊃ city ⊃ district; a district may hang directly
/// under a province, as 省直辖 county-level units do). Rows may come in any order: the result lists
/// parents before children so the store can insert it as is.
public enum JurisdictionCSV {
    /// The columns, in the order export writes them.
    public static let columns: [CSVColumn] = [
        CSVColumn("code", required: true, "administrative code, unique"),
        CSVColumn("name", required: true, "name"),
        CSVColumn("level", required: true, "province | city | district"),
        CSVColumn("parent", required: false, "parent's code; empty for the top"),
    ]

    /// Indexes into `columns`.
    enum Col {
        static let code = 0, name = 1, level = 2, parent = 3
    }

    /// Parses and validates a jurisdiction file against what the store holds; rows come back
    /// parents first. See ``JurisdictionCSV`` for the columns.
    public static func parse(_ data: Data, context: ImportContext) -> ImportResult<JurisdictionRecord> {
        var issues = IssueCollector()
        guard let table = CSVReader.read(data, columns: columns, issues: &issues) else {
            return ImportResult(rows: [], issues: issues.report)
        }
        var entries: [JurisdictionEntry] = []
        entries.reserveCapacity(table.rows.count)
        for row in table.rows {
            var r = RowReader(row, columns: columns)
            let code = r.required(Col.code)
            let name = r.required(Col.name)
            let level: JurisdictionLevel? = r.choice(Col.level, "jurisdiction level", required: true)
            let parentCode = r.optional(Col.parent)
            issues.add(contentsOf: r.issues)
            var record: JurisdictionRecord?
            if !r.failed, let code, let name, let level {
                record = JurisdictionRecord(code: code, name: name, level: level, parentCode: parentCode)
            }
            entries.append(JurisdictionEntry(place: .line(row.line), code: code, level: level, parent: parentCode, record: record))
        }
        let ordered = JurisdictionTree.resolve(entries, context: context, issues: &issues)
        return ImportResult(rows: ordered, issues: issues.report)
    }
}
