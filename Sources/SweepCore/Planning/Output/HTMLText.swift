import Foundation

/// Escaping for text placed in HTML or inline SVG, in element content or quoted attributes.
public enum HTMLText {
    /// Replaces `& < > " '` with character references, which is enough for both contexts as long
    /// as attribute values are always quoted (they are, in every renderer here).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
