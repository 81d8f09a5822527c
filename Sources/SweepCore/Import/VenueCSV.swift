import Foundation

/// The venue registry as CSV (`sweep import venues FILE`, `sweep export venues`).
///
/// Columns, in export order (* = required column and value):
///
/// | column | holds |
/// |---|---|
/// | code* | registry key, unique across venues, e.g. `V-420102-00017` |
/// | kind* | `internet_cafe`, `tobacco_retail` or `other` |
/// | name* | trading name |
/// | address* | street address |
/// | district* | code of a registered district-level jurisdiction |
/// | licensed* | `true`/`false` (also `1`/`0`, `yes`/`no`, `是`/`否`) |
/// | operator_name | operator or legal representative |
/// | operator_key | stable operator key (unified social credit code or internal id) |
/// | longitude, latitude | WGS 84 decimal degrees; both or neither |
/// | status | `open` (default when empty), `closed` or `unknown` |
/// | opening_hours | `HH:MM-HH:MM`, may cross midnight, `24:00` allowed as closing time |
/// | licence_type | `network_culture`, `business`, `tobacco_retail` or `fire_safety` |
/// | licence_number | the licence's number, unique per licence type |
/// | licence_issuer | department code of the issuer, e.g. `CUL` |
/// | licence_valid_from, licence_valid_until | `YYYY-MM-DD` |
///
/// Licences: the five licence columns describe at most one licence per row, and type, number and
/// issuer go together. A venue with several licences takes one row per licence, each repeating the
/// venue's other columns exactly; the rows are merged into one venue. Any other repeat of a code is
/// a duplicate.
public enum VenueCSV {
    /// The columns, in the order export writes them.
    public static let columns: [CSVColumn] = [
        CSVColumn("code", required: true, "registry key, unique across venues"),
        CSVColumn("kind", required: true, "internet_cafe | tobacco_retail | other"),
        CSVColumn("name", required: true, "trading name"),
        CSVColumn("address", required: true, "street address"),
        CSVColumn("district", required: true, "district code"),
        CSVColumn("licensed", required: true, "true | false (also 1/0, yes/no, 是/否)"),
        CSVColumn("operator_name", required: false, "operator or legal representative"),
        CSVColumn("operator_key", required: false, "stable operator key (unified social credit code or internal id)"),
        CSVColumn("longitude", required: false, "WGS 84 decimal degrees; with latitude or not at all"),
        CSVColumn("latitude", required: false, "WGS 84 decimal degrees; with longitude or not at all"),
        CSVColumn("status", required: false, "open (default) | closed | unknown"),
        CSVColumn("opening_hours", required: false, "HH:MM-HH:MM, may cross midnight, 24:00 allowed"),
        CSVColumn("licence_type", required: false, "network_culture | business | tobacco_retail | fire_safety"),
        CSVColumn("licence_number", required: false, "unique per licence type"),
        CSVColumn("licence_issuer", required: false, "issuing department code"),
        CSVColumn("licence_valid_from", required: false, "YYYY-MM-DD"),
        CSVColumn("licence_valid_until", required: false, "YYYY-MM-DD"),
    ]

    /// Indexes into `columns`.
    enum Col {
        static let code = 0, kind = 1, name = 2, address = 3, district = 4, licensed = 5, operatorName = 6,
                   operatorKey = 7, longitude = 8, latitude = 9, status = 10, openingHours = 11,
                   licenceType = 12, licenceNumber = 13, licenceIssuer = 14, validFrom = 15, validUntil = 16
    }
    /// The columns that describe the venue itself (must agree on rows that add licences).
    static let venueColumns = 0..<12
    static let licenceColumns = 12..<17

    /// Parses and validates a venue file against what the store holds. See ``VenueCSV`` for the columns.
    public static func parse(_ data: Data, context: ImportContext) -> ImportResult<VenueRecord> {
        var issues = IssueCollector()
        guard let table = CSVReader.read(data, columns: columns, issues: &issues) else {
            return ImportResult(rows: [], issues: issues.report)
        }
        let checks = ContextChecks(context)

        var output: [ImportedRow<VenueRecord>] = []
        output.reserveCapacity(table.rows.count)
        /// First row of each code: its index in `table.rows` and, when it parsed, in `output`.
        var firstByCode: [String: (row: Int, output: Int?)] = [:]
        var firstByLicence: [LicenceKey: Int] = [:]

        for (rowIndex, row) in table.rows.enumerated() {
            var r = RowReader(row, columns: columns)
            let code = r.required(Col.code)
            let kind: VenueKind? = r.choice(Col.kind, "venue kind", required: true)
            let name = r.required(Col.name)
            let address = r.required(Col.address)
            let districtCode = r.required(Col.district)
            if let districtCode, let problem = checks.districtProblem(districtCode) { r.fail(Col.district, problem) }
            let isLicensed = r.bool(Col.licensed, required: true)
            let location = r.location(longitude: Col.longitude, latitude: Col.latitude, required: false)
            let venueStatus: VenueStatus? = r.choice(Col.status, "venue status", required: false, default: .open)
            let hours = r.openingHours(Col.openingHours)
            let licence = parseLicence(&r, checks: checks)

            if let licence {
                let key = LicenceKey(type: licence.type, number: licence.number)
                if let first = firstByLicence[key] {
                    r.fail(Col.licenceNumber, "duplicate licence \(key) (first on line \(first))")
                } else {
                    firstByLicence[key] = row.line
                    if context.existingLicences.contains(key) {
                        r.fail(Col.licenceNumber, "licence \(key) already exists")
                    } else if let owner = context.licenceOwners[key], owner != code {
                        r.fail(Col.licenceNumber, "licence \(key) belongs to venue \(owner); a refresh may not move a licence to another venue")
                    }
                }
            }

            // A repeated code either adds a licence to the venue of its first row or is a duplicate.
            var addsLicence = false
            var mergeTarget: Int?
            if let code {
                if let first = firstByCode[code] {
                    let firstRow = table.rows[first.row]
                    let firstReader = RowReader(firstRow, columns: columns)
                    let firstHasLicence = firstReader.anyValue(in: licenceColumns)
                    let hasLicence = r.anyValue(in: licenceColumns)
                    let differing = venueColumns.filter { firstReader.text($0) != r.text($0) }.map { columns[$0].name }
                    if firstHasLicence, hasLicence, differing.isEmpty {
                        addsLicence = true
                        mergeTarget = first.output
                    } else if firstHasLicence, hasLicence {
                        r.fail(Col.code, "duplicate venue code \(code) (first on line \(firstRow.line)); rows that add licences to one venue must repeat its other columns exactly (differs in: \(differing.joined(separator: ", ")))")
                    } else {
                        r.fail(Col.code, "duplicate venue code \(code) (first on line \(firstRow.line))")
                    }
                } else if context.existingVenueCodes.contains(code) {
                    r.fail(Col.code, "venue code \(code) already exists")
                }
            }

            issues.add(contentsOf: r.issues)
            if addsLicence {
                if !r.failed, let mergeTarget, let licence { output[mergeTarget].record.licences.append(licence) }
                continue
            }
            var outputIndex: Int?
            if !r.failed, let code, let kind, let name, let address, let districtCode, let isLicensed, let venueStatus {
                outputIndex = output.count
                output.append(ImportedRow(location: "line \(row.line)", record: VenueRecord(
                    code: code, kind: kind, name: name, address: address, districtCode: districtCode, licensed: isLicensed,
                    operatorName: r.optional(Col.operatorName), operatorKey: r.optional(Col.operatorKey), location: location,
                    status: venueStatus, openingHours: hours, licences: licence.map { [$0] } ?? [])))
            }
            if let code, firstByCode[code] == nil { firstByCode[code] = (rowIndex, outputIndex) }
        }
        return ImportResult(rows: output, issues: issues.report)
    }

    /// The row's licence, nil when the licence columns are all empty or wrong (issues in `r`).
    private static func parseLicence(_ r: inout RowReader, checks: ContextChecks) -> LicenceRecord? {
        guard r.anyValue(in: licenceColumns) else { return nil }
        for column in [Col.licenceType, Col.licenceNumber, Col.licenceIssuer] where r.text(column).isEmpty {
            r.fail(column, "\(columns[column].name) is required when any licence column is given (licence_type, licence_number and licence_issuer go together)")
        }
        let type: LicenceType? = r.choice(Col.licenceType, "licence type", required: false)
        let number = r.optional(Col.licenceNumber)
        let issuer = r.optional(Col.licenceIssuer).map(DepartmentCode.init(rawValue:))
        if let issuer, let problem = checks.departmentProblem(issuer) { r.fail(Col.licenceIssuer, problem) }
        let from = r.day(Col.validFrom, required: false)
        let until = r.day(Col.validUntil, required: false)
        if let from, let until, until < from {
            r.fail(Col.validUntil, "licence_valid_until \(ISODay.format(until)) is before licence_valid_from \(ISODay.format(from))")
        }
        guard let type, let number, let issuer else { return nil }
        return LicenceRecord(type: type, number: number, issuingDepartment: issuer, validFrom: from, validUntil: until)
    }
}
