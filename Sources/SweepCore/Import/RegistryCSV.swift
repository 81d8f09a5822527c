import Foundation

/// Export of the registries as CSV in exactly the import formats (same columns, same order), so
/// that `sweep export venues > f.csv` followed by `sweep import venues f.csv` into an empty
/// registry restores the same records.
public enum RegistryCSV {
    /// Venue rows in ``VenueCSV/columns`` order: one row per licence (repeating the venue columns),
    /// or one row with empty licence columns for a venue without licences.
    public static func venueRows(_ venues: [VenueRecord]) -> [[String]] {
        var rows: [[String]] = []
        rows.reserveCapacity(venues.count)
        for venue in venues {
            let base = [
                venue.code, venue.kind.rawValue, venue.name, venue.address, venue.districtCode,
                venue.licensed ? "true" : "false", venue.operatorName ?? "", venue.operatorKey ?? "",
                venue.location.map { number($0.longitude) } ?? "", venue.location.map { number($0.latitude) } ?? "",
                venue.status.rawValue, venue.openingHours ?? "",
            ]
            if venue.licences.isEmpty {
                rows.append(base + ["", "", "", "", ""])
            }
            for licence in venue.licences {
                rows.append(base + [
                    licence.type.rawValue, licence.number, licence.issuingDepartment.rawValue,
                    licence.validFrom.map(ISODay.format) ?? "", licence.validUntil.map(ISODay.format) ?? "",
                ])
            }
        }
        return rows
    }

    /// School rows in ``SchoolCSV/columns`` order.
    public static func schoolRows(_ schools: [SchoolRecord]) -> [[String]] {
        schools.map {
            [$0.code, $0.name, $0.kind.rawValue, $0.districtCode, number($0.location.longitude), number($0.location.latitude)]
        }
    }

    /// Inspector rows in ``InspectorCSV/columns`` order.
    public static func inspectorRows(_ inspectors: [InspectorRecord]) -> [[String]] {
        inspectors.map {
            [$0.code, $0.name, $0.department.rawValue, $0.credentialNumber, ISODay.format($0.credentialExpires),
             $0.districtCode, $0.active ? "true" : "false"]
        }
    }

    /// Jurisdiction rows in ``JurisdictionCSV/columns`` order (boundaries go to ``BoundaryGeoJSON``).
    public static func jurisdictionRows(_ jurisdictions: [JurisdictionRecord]) -> [[String]] {
        jurisdictions.map { [$0.code, $0.name, $0.level.rawValue, $0.parentCode ?? ""] }
    }

    /// A complete venue file (header and rows).
    public static func venues(_ venues: [VenueRecord], lineEnding: CSVWriter.LineEnding = .crlf, byteOrderMark: Bool = false) -> Data {
        CSVWriter.write(header: VenueCSV.columns.map(\.name), rows: venueRows(venues), lineEnding: lineEnding, byteOrderMark: byteOrderMark)
    }

    /// A complete school file (header and rows).
    public static func schools(_ schools: [SchoolRecord], lineEnding: CSVWriter.LineEnding = .crlf, byteOrderMark: Bool = false) -> Data {
        CSVWriter.write(header: SchoolCSV.columns.map(\.name), rows: schoolRows(schools), lineEnding: lineEnding, byteOrderMark: byteOrderMark)
    }

    /// A complete roster file (header and rows).
    public static func inspectors(_ inspectors: [InspectorRecord], lineEnding: CSVWriter.LineEnding = .crlf, byteOrderMark: Bool = false) -> Data {
        CSVWriter.write(header: InspectorCSV.columns.map(\.name), rows: inspectorRows(inspectors), lineEnding: lineEnding, byteOrderMark: byteOrderMark)
    }

    /// A complete jurisdiction file (header and rows).
    public static func jurisdictions(_ jurisdictions: [JurisdictionRecord], lineEnding: CSVWriter.LineEnding = .crlf, byteOrderMark: Bool = false) -> Data {
        CSVWriter.write(header: JurisdictionCSV.columns.map(\.name), rows: jurisdictionRows(jurisdictions), lineEnding: lineEnding, byteOrderMark: byteOrderMark)
    }

    /// Degrees as Swift's shortest text that reads back to the same Double, so coordinates survive
    /// export → import bit for bit.
    static func number(_ value: Double) -> String {
        "\(value)"
    }
}
