import Foundation

/// RFC 5545 content-line helpers: TEXT escaping and line folding.
enum ICalendarText {
    /// The longest physical line, in octets, not counting its CRLF (RFC 5545 3.1).
    static let maxOctets = 75

    /// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma get a backslash,
    /// any line break becomes the two characters `\n`. Other control characters are not allowed
    /// in TEXT, so they are dropped (tab is allowed and kept).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            // CRLF is one break, already written at the CR.
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One content line, folded so no physical line exceeds 75 octets, with CRLF after each.
    ///
    /// Folds fall between Unicode scalars, never inside a UTF-8 sequence, so every physical line
    /// is valid UTF-8 on its own (clients that decode line by line would otherwise show mojibake
    /// for Chinese text). A continuation line starts with one space, which counts towards its 75.
    /// A backslash escape (`\n`, `\;`, …) is also kept on one line: RFC 5545 allows splitting it,
    /// but some parsers unescape before unfolding.
    static func contentLine(_ line: String) -> String {
        var out = ""
        out.reserveCapacity(line.utf8.count + line.utf8.count / 70 * 3 + 2)
        var octets = 0
        var unit = String.UnicodeScalarView()
        var unitOctets = 0
        func flush() {
            if octets + unitOctets > maxOctets, octets > 0 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(contentsOf: unit)
            octets += unitOctets
            unit = String.UnicodeScalarView()
            unitOctets = 0
        }
        for scalar in line.unicodeScalars {
            unit.append(scalar)
            unitOctets += UTF8.width(scalar)
            // A lone backslash waits for the character it escapes.
            if unit.count == 1, scalar == "\\" { continue }
            flush()
        }
        if !unit.isEmpty { flush() }
        return out + "\r\n"
    }

    /// `NAME:value` for a TEXT property, escaped and folded.
    static func textProperty(_ name: String, _ value: String) -> String {
        contentLine("\(name):\(escape(value))")
    }
}
