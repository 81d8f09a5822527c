import Foundation

/// The school registry as CSV (`sweep import schools FILE`, `sweep export schools`).
///
/// Columns, in export order, all required:
///
/// | column | holds |
/// |---|---|
/// | code | registry key, unique across schools |
/// | name | school name |
/// | kind | `kindergarten`, `primary` or `middle` |
/// | district | code of a registered district-level jurisdiction |
/// | longitude, latitude | WGS 84 decimal degrees (distance rules need the position) |
public enum SchoolCSV {
    /// The columns, in the order export writes them.
    public static let columns: [CSVColumn] = [
        CSVColumn("code", required: true, "registry key, unique across schools"),
        CSVColumn("name", required: true, "school name"),
        CSVColumn("kind", required: true, "kindergarten | primary | middle"),
        CSVColumn("district", required: true, "district code"),
        CSVColumn("longitude", required: true, "WGS 84 decimal degrees"),
        CSVColumn("latitude", required: true, "WGS 84 decimal degrees"),
    ]

    /// Indexes into `columns`.
    enum Col {
        static let code = 0, name = 1, kind = 2, district = 3, longitude = 4, latitude = 5
    }

    /// Parses and validates a school file against what the store holds. See ``SchoolCSV`` for the columns.
    public static func parse(_ data: Data, context: ImportContext) -> ImportResult<SchoolRecord> {
        var issues = IssueCollector()
        guard let table = CSVReader.read(data, columns: columns, issues: &issues) else {
            return ImportResult(rows: [], issues: issues.report)
        }
        let checks = ContextChecks(context)
        var output: [ImportedRow<SchoolRecord>] = []
        output.reserveCapacity(table.rows.count)
        var firstByCode: [String: Int] = [:]

        for row in table.rows {
            var r = RowReader(row, columns: columns)
            let code = r.required(Col.code)
            let name = r.required(Col.name)
            let kind: SchoolKind? = r.choice(Col.kind, "school kind", required: true)
            let districtCode = r.required(Col.district)
            if let districtCode, let problem = checks.districtProblem(districtCode) { r.fail(Col.district, problem) }
            let location = r.location(longitude: Col.longitude, latitude: Col.latitude, required: true)
            if let code {
                if let first = firstByCode[code] {
                    r.fail(Col.code, "duplicate school code \(code) (first on line \(first))")
                } else {
                    firstByCode[code] = row.line
                    if context.existingSchoolCodes.contains(code) { r.fail(Col.code, "school code \(code) already exists") }
                }
            }
            issues.add(contentsOf: r.issues)
            if !r.failed, let code, let name, let kind, let districtCode, let location {
                output.append(ImportedRow(location: "line \(row.line)", record: SchoolRecord(
                    code: code, name: name, kind: kind, districtCode: districtCode, location: location)))
            }
        }
        return ImportResult(rows: output, issues: issues.report)
    }
}
