import Foundation

/// Writes RFC 4180 CSV that ``CSVReader`` reads back to the same fields.
public enum CSVWriter {
    /// How records end. RFC 4180 says CRLF; LF suits Unix tools. The reader accepts both.
    public enum LineEnding: String, Sendable {
        case crlf = "\r\n"
        case lf = "\n"
    }

    /// The text of one field: quoted when it holds a comma, a quote, a line break or leading or
    /// trailing whitespace (which readers that trim would otherwise lose), else as is.
    public static func field(_ value: String) -> String {
        var needsQuotes = false
        for unit in value.utf8 where unit == 0x2C || unit == 0x22 || unit == 0x0A || unit == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes, let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
           first.properties.isWhitespace || last.properties.isWhitespace {
            needsQuotes = true
        }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record, without its line ending.
    ///
    /// A record of a single empty field is written as `""`, because an empty line would read back
    /// as a blank line and be skipped.
    public static func record(_ fields: [String]) -> String {
        if fields.count == 1, fields[0].isEmpty { return "\"\"" }
        return fields.map(field).joined(separator: ",")
    }

    /// A whole file: the header, then the rows, each ending in `lineEnding`.
    ///
    /// - Parameter byteOrderMark: prefix a UTF-8 BOM. Excel on Chinese Windows opens a CSV without
    ///   one as GBK and shows mojibake, so exports meant for Excel want it; the reader skips it.
    public static func write(header: [String], rows: [[String]], lineEnding: LineEnding = .crlf, byteOrderMark: Bool = false) -> Data {
        var text = byteOrderMark ? "\u{FEFF}" : ""
        text.reserveCapacity(rows.count * 120)
        text += record(header)
        text += lineEnding.rawValue
        for row in rows {
            text += record(row)
            text += lineEnding.rawValue
        }
        return Data(text.utf8)
    }
}
