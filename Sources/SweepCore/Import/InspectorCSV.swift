import Foundation

/// The inspector roster as CSV (`sweep import inspectors FILE`, `sweep export inspectors`).
///
/// Columns, in export order (* = required column and value):
///
/// | column | holds |
/// |---|---|
/// | code* | staff number, unique |
/// | name* | full name |
/// | department* | code of a registered department, e.g. `CUL` |
/// | credential_number* | 执法证 number, unique |
/// | credential_expires* | `YYYY-MM-DD` |
/// | district* | code of the district-level jurisdiction the inspector works in |
/// | active | `true` (default when empty) or `false`; also `1`/`0`, `yes`/`no`, `是`/`否` |
public enum InspectorCSV {
    /// The columns, in the order export writes them.
    public static let columns: [CSVColumn] = [
        CSVColumn("code", required: true, "staff number, unique"),
        CSVColumn("name", required: true, "full name"),
        CSVColumn("department", required: true, "department code"),
        CSVColumn("credential_number", required: true, "执法证 number, unique"),
        CSVColumn("credential_expires", required: true, "YYYY-MM-DD"),
        CSVColumn("district", required: true, "district code"),
        CSVColumn("active", required: false, "true (default) | false"),
    ]

    /// Indexes into `columns`.
    enum Col {
        static let code = 0, name = 1, department = 2, credentialNumber = 3, credentialExpires = 4, district = 5, active = 6
    }

    /// Parses and validates a roster file against what the store holds. See ``InspectorCSV`` for the columns.
    public static func parse(_ data: Data, context: ImportContext) -> ImportResult<InspectorRecord> {
        var issues = IssueCollector()
        guard let table = CSVReader.read(data, columns: columns, issues: &issues) else {
            return ImportResult(rows: [], issues: issues.report)
        }
        let checks = ContextChecks(context)
        var output: [ImportedRow<InspectorRecord>] = []
        output.reserveCapacity(table.rows.count)
        var firstByCode: [String: Int] = [:]
        var firstByCredential: [String: Int] = [:]

        for row in table.rows {
            var r = RowReader(row, columns: columns)
            let code = r.required(Col.code)
            let name = r.required(Col.name)
            let departmentCode = r.required(Col.department).map(DepartmentCode.init(rawValue:))
            if let departmentCode, let problem = checks.departmentProblem(departmentCode) { r.fail(Col.department, problem) }
            let credential = r.required(Col.credentialNumber)
            let expires = r.day(Col.credentialExpires, required: true)
            let districtCode = r.required(Col.district)
            if let districtCode, let problem = checks.districtProblem(districtCode) { r.fail(Col.district, problem) }
            let isActive = r.bool(Col.active, required: false, default: true)

            if let code {
                if let first = firstByCode[code] {
                    r.fail(Col.code, "duplicate inspector code \(code) (first on line \(first))")
                } else {
                    firstByCode[code] = row.line
                    if context.existingInspectorCodes.contains(code) { r.fail(Col.code, "inspector code \(code) already exists") }
                }
            }
            if let credential {
                if let first = firstByCredential[credential] {
                    r.fail(Col.credentialNumber, "duplicate credential number \(credential) (first on line \(first))")
                } else {
                    firstByCredential[credential] = row.line
                    if context.existingCredentialNumbers.contains(credential) {
                        r.fail(Col.credentialNumber, "credential number \(credential) already exists")
                    }
                }
            }
            issues.add(contentsOf: r.issues)
            if !r.failed, let code, let name, let departmentCode, let credential, let expires, let districtCode, let isActive {
                output.append(ImportedRow(location: "line \(row.line)", record: InspectorRecord(
                    code: code, name: name, department: departmentCode, credentialNumber: credential,
                    credentialExpires: expires, districtCode: districtCode, active: isActive)))
            }
        }
        return ImportResult(rows: output, issues: issues.report)
    }
}
