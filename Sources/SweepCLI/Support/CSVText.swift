import Foundation
import SweepCore

/// CSV output of listing commands (LF line ends for pipes; the writer quotes as RFC 4180 wants).
enum CSVText {
    static func render(header: [String], rows: [[String]]) -> String {
        String(decoding: CSVWriter.write(header: header, rows: rows, lineEnding: .lf), as: UTF8.self)
            .trimmingCharacters(in: .newlines)
    }
}
