import Foundation

/// Free text as an array of characters, with the small vocabulary the privacy scanners share.
///
/// Positions are 0-based offsets into `chars` (one per user-perceived character), so a reported
/// range such as "characters 12–29" is what a person counts on screen, whatever the encoding.
struct PrivacyText {
    /// The characters after normalisation: full-width digits, letters and hyphens become ASCII so
    /// that "１３８…" is caught like "138…". Normalisation is one character for one, so offsets
    /// still point into the caller's text.
    let chars: [Character]

    init(_ text: String) {
        chars = text.map(PrivacyText.normalised)
    }

    var count: Int { chars.count }

    subscript(_ i: Int) -> Character? { i >= 0 && i < chars.count ? chars[i] : nil }

    private static func normalised(_ c: Character) -> Character {
        guard c.unicodeScalars.count == 1, let s = c.unicodeScalars.first else { return c }
        switch s.value {
        // Full-width ASCII: minus 0xFEE0 lands in 0x21...0x7E, which a byte holds whole.
        case 0xFF01...0xFF5E: return Character(Unicode.Scalar(UInt8(truncatingIfNeeded: s.value - 0xFEE0)))
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212: return "-"
        case 0x3000, 0x00A0: return " "
        default: return c
        }
    }

    /// Whether the characters at `i` spell `word`, ignoring ASCII case.
    func matches(_ word: [Character], at i: Int) -> Bool {
        guard i >= 0, i + word.count <= chars.count else { return false }
        for k in 0..<word.count where chars[i + k].lowercased() != word[k].lowercased() { return false }
        return true
    }

    /// Offsets where `word` starts, ignoring ASCII case.
    func occurrences(of word: String) -> [Int] {
        let w = Array(word)
        guard !w.isEmpty, w.count <= chars.count else { return [] }
        return (0...(chars.count - w.count)).filter { matches(w, at: $0) }
    }

    func string(_ range: Range<Int>) -> String {
        String(chars[max(0, range.lowerBound)..<min(chars.count, range.upperBound)])
    }

    /// "characters 12–29": 1-based and inclusive, as a person counts.
    static func describe(_ range: Range<Int>) -> String {
        range.count == 1 ? "character \(range.lowerBound + 1)" : "characters \(range.lowerBound + 1)–\(range.upperBound)"
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIWordCharacter: Bool { isASCIIDigit || isASCIILetter || self == "_" }

    /// A CJK ideograph (the common and extension-A blocks cover names and places).
    var isHan: Bool {
        guard let s = unicodeScalars.first, unicodeScalars.count == 1 else { return false }
        return (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value)
    }

    /// Punctuation and line breaks that end a clause in Chinese or English text. Spaces are not
    /// included: "XX路 12号" is one clause.
    var endsClause: Bool {
        "，。；;！!？?\n\r、,（）()【】[]「」“”\"".contains(self)
    }
}
