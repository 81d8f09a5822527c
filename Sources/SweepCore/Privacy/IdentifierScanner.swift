import Foundation

/// What kind of personal identifier a number looks like.
enum IdentifierKind: Sendable, Equatable {
    /// 18-character resident ID; `checkDigitValid` false means a likely typo of one.
    case residentID(checkDigitValid: Bool)
    /// 15-digit first-generation resident ID.
    case oldResidentID
    case mobile
    case landline
}

/// One identifier found in text: its kind and where it is (character offsets).
struct IdentifierMatch: Sendable, Equatable {
    var kind: IdentifierKind
    var range: Range<Int>
}

/// Finds ID and phone numbers in free text by their shapes.
///
/// Numbers are read as tokens: digit groups joined by single spaces or hyphens ("138 1234 5678",
/// "+86-138-1234-5678", "110105 19491231 002X"). Consecutive groups are tried longest first, so a
/// date or a count written next to a phone number does not hide it, while a 12-digit run is never
/// cut into an 11-digit "phone" (only whole groups combine).
enum IdentifierScanner {
    static func scan(_ text: PrivacyText) -> [IdentifierMatch] {
        var found: [IdentifierMatch] = []
        var i = 0
        while i < text.count {
            guard text.chars[i].isASCIIDigit else { i += 1; continue }
            let token = NumberToken.read(text, from: i)
            found += matches(in: token, text: text)
            i = token.end
        }
        return found.filter { !isLabelledAsLicence($0, in: text) }
    }

    /// Tries group ranges longest first from each starting group.
    private static func matches(in token: NumberToken, text: PrivacyText) -> [IdentifierMatch] {
        var result: [IdentifierMatch] = []
        let n = token.groups.count
        var first = 0
        while first < n {
            var matched = false
            for last in stride(from: n - 1, through: first, by: -1) {
                if let m = shape(token, first, last) {
                    result.append(m)
                    first = last + 1
                    matched = true
                    break
                }
            }
            if !matched { first += 1 }
        }
        return result
    }

    private static func shape(_ t: NumberToken, _ first: Int, _ last: Int) -> IdentifierMatch? {
        // A number glued to ASCII letters is part of a code or a hash (evidence digests), not a phone or an ID.
        if first == 0 && t.gluedLeft { return nil }
        if last == t.groups.count - 1 && t.gluedRight { return nil }
        let digits = t.groups[first...last].map(\.digits).joined()
        let start = t.groups[first].range.lowerBound
        let end = t.groups[last].range.upperBound
        let withX = last == t.groups.count - 1 && t.trailingX

        if withX {
            guard digits.count == 17, digits.first != "0" else { return nil }
            return residentID(digits + "X", start ..< end + 1)
        }
        if digits.count == 18, digits.first != "0", let m = residentID(digits, start ..< end) { return m }
        if isMobile(digits) { return IdentifierMatch(kind: .mobile, range: start ..< end) }
        for prefix in ["86", "0086"] where digits.hasPrefix(prefix) && isMobile(String(digits.dropFirst(prefix.count))) {
            let plus = first == 0 && t.plusBefore && prefix == "86"
            return IdentifierMatch(kind: .mobile, range: (plus ? start - 1 : start) ..< end)
        }
        if digits.count == 15, digits.first != "0", ResidentIDNumber.isPlausibleShortBirthDate(Substring(digits).dropFirst(6).prefix(6)) {
            return IdentifierMatch(kind: .oldResidentID, range: start ..< end)
        }
        if last > first, t.separators[first] == "-", isLandline(area: t.groups[first].digits, local: t.groups[(first + 1)...last].map(\.digits).joined()) {
            return IdentifierMatch(kind: .landline, range: start ..< end)
        }
        return nil
    }

    private static func residentID(_ number: String, _ range: Range<Int>) -> IdentifierMatch? {
        let valid = ResidentIDNumber.hasValidCheckCharacter(number)
        // A typo'd ID is still an ID: a real birth date in positions 7–14 is enough.
        guard valid || ResidentIDNumber.isPlausibleBirthDate(Substring(number).dropFirst(6).prefix(8)) else { return nil }
        return IdentifierMatch(kind: .residentID(checkDigitValid: valid), range: range)
    }

    private static func isMobile(_ d: String) -> Bool {
        let c = Array(d)
        return c.count == 11 && c[0] == "1" && ("3"..."9").contains(c[1])
    }

    /// 0 + 2–3 digit area code (no second 0: "00" starts international numbers), 7–8 digit local number not starting with 0 or 1.
    private static func isLandline(area: String, local: String) -> Bool {
        let a = Array(area), l = Array(local)
        return (3...4).contains(a.count) && a[0] == "0" && a[1] != "0"
            && (7...8).contains(l.count) && !["0", "1"].contains(l[0])
    }

    /// Licence and registration numbers labelled as such ("许可证号：…", "统一社会信用代码 …") can have
    /// an ID's shape; the label decides. "身份证" in the same clause keeps the match.
    private static func isLabelledAsLicence(_ m: IdentifierMatch, in text: PrivacyText) -> Bool {
        switch m.kind {
        case .residentID, .oldResidentID: break
        case .mobile, .landline: return false
        }
        // Look back through the clause (brackets such as "(2019)" do not end it), at most 24 characters.
        var start = m.range.lowerBound
        while start > 0, m.range.lowerBound - start < 24, !"，。；;！!？?\n\r、,".contains(text.chars[start - 1]) {
            start -= 1
        }
        let before = text.string(start ..< m.range.lowerBound).lowercased()
        let personal = ["身份", "证件", "id card", "identity", "居民"]
        let licence = ["许可证", "执照", "信用代码", "注册号", "登记号", "备案号", "licence", "license", "permit"]
        return licence.contains { before.contains($0) } && !personal.contains { before.contains($0) }
    }
}

/// Digit groups joined by single separators, with what touches them.
struct NumberToken {
    struct Group {
        var digits: String
        var range: Range<Int>
    }
    var groups: [Group] = []
    /// The separator after each group but the last (" " or "-").
    var separators: [Character] = []
    var trailingX = false
    var plusBefore = false
    var gluedLeft = false
    var gluedRight = false
    /// Offset just past the token (and its X).
    var end = 0

    static func read(_ text: PrivacyText, from start: Int) -> NumberToken {
        var t = NumberToken()
        t.plusBefore = text[start - 1] == "+"
        t.gluedLeft = text[start - 1]?.isASCIILetter ?? false
        var i = start
        while true {
            let groupStart = i
            while let c = text[i], c.isASCIIDigit { i += 1 }
            t.groups.append(Group(digits: text.string(groupStart ..< i), range: groupStart ..< i))
            if let sep = text[i], sep == " " || sep == "-", text[i + 1]?.isASCIIDigit == true {
                t.separators.append(sep)
                i += 1
                continue
            }
            break
        }
        if let x = text[i], x == "X" || x == "x" {
            t.trailingX = true
            t.gluedRight = text[i + 1]?.isASCIIWordCharacter ?? false
            t.end = i + 1
            // "…002XY" is a code, not an ID; drop the X so the digits are judged as they are.
            if t.gluedRight { t.trailingX = false; t.end = i }
        } else {
            t.gluedRight = text[i]?.isASCIILetter ?? false
            t.end = i
        }
        return t
    }
}
