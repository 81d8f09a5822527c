import Foundation

/// What a labelled value is about, as the guard names it in its reasons.
enum PersonalDataKind: String, Sendable {
    case name = "a name"
    case phone = "a phone number"
    case idNumber = "an ID number"
    case school = "a school"
    case homeAddress = "a home address"
    case guardian = "a guardian's details"
}

/// A label followed by a value ("姓名：张三", "phone: …"), with where label and value are.
struct LabelledValue: Sendable, Equatable {
    var kind: PersonalDataKind
    var label: String
    var range: Range<Int>
    var valueRange: Range<Int>
}

/// Finds personal data introduced by a label. The value itself is never read beyond its extent.
///
/// Labels must be followed by a separator (":", "=", and for names also 为/是/叫) so that a finding
/// such as "未查验身份证" or "距离学校150米" is not mistaken for a labelled value.
enum PersonalDataLabels {
    private struct Label {
        var text: String
        var kind: PersonalDataKind
        /// 为/是/叫 may introduce a value ("姓名为…"); otherwise only ":" or "=".
        var wordSeparators = false
        /// "家住…" needs no separator at all.
        var bare = false
        var english: Bool { text.unicodeScalars.allSatisfy(\.isASCII) }
    }

    /// Longest first, so "学生姓名" is reported as itself rather than as "姓名".
    private static let labels: [Label] = [
        Label(text: "监护人姓名", kind: .guardian, wordSeparators: true),
        Label(text: "监护人电话", kind: .guardian),
        Label(text: "身份证号码", kind: .idNumber, wordSeparators: true),
        Label(text: "学生姓名", kind: .name, wordSeparators: true),
        Label(text: "家长姓名", kind: .guardian, wordSeparators: true),
        Label(text: "家长电话", kind: .guardian),
        Label(text: "联系电话", kind: .phone),
        Label(text: "手机号码", kind: .phone),
        Label(text: "电话号码", kind: .phone),
        Label(text: "证件号码", kind: .idNumber),
        Label(text: "家庭住址", kind: .homeAddress),
        Label(text: "就读学校", kind: .school, wordSeparators: true),
        Label(text: "所在学校", kind: .school, wordSeparators: true),
        Label(text: "身份证号", kind: .idNumber, wordSeparators: true),
        Label(text: "身份证", kind: .idNumber),
        Label(text: "证件号", kind: .idNumber),
        Label(text: "手机号", kind: .phone),
        Label(text: "姓名", kind: .name, wordSeparators: true),
        Label(text: "名字", kind: .name, wordSeparators: true),
        Label(text: "电话", kind: .phone),
        Label(text: "手机", kind: .phone),
        Label(text: "学校", kind: .school, wordSeparators: true),
        Label(text: "住址", kind: .homeAddress),
        Label(text: "家住", kind: .homeAddress, bare: true),
        Label(text: "home address", kind: .homeAddress),
        Label(text: "guardian phone", kind: .guardian),
        Label(text: "guardian name", kind: .guardian),
        Label(text: "mobile", kind: .phone),
        Label(text: "school", kind: .school),
        Label(text: "phone", kind: .phone),
        Label(text: "name", kind: .name),
        Label(text: "tel", kind: .phone),
        Label(text: "id", kind: .idNumber),
    ]

    /// Words before a label that make it about the venue or the paperwork, not a person
    /// ("网吧名字：…", "venue name: …", "case ID: …"), and landmarks ("附近学校：…" locates the venue).
    private static let chineseOwners = ["网吧", "网咖", "场所", "门店", "商店", "超市", "店铺", "单位", "企业", "公司", "店", "附近", "最近", "周边", "距离", "周围"]
    private static let englishOwners: Set<String> = [
        "venue", "shop", "store", "cafe", "café", "business", "company", "campaign", "plan", "case", "finding",
        "inspection", "evidence", "sweep", "tip", "file", "licence", "license", "violation", "inspector",
        "officer", "team", "user", "device", "submission", "nearest", "nearby", "log", "record", "entry",
    ]

    /// Values that say nothing ("姓名：无", "name: unknown").
    private static let placeholders: Set<String> = ["无", "不详", "未知", "未提供", "未登记", "已删除", "［已删除］", "[已删除]", "none", "n/a", "unknown", "-", "—", "redacted"]

    static func scan(_ text: PrivacyText) -> [LabelledValue] {
        var found: [LabelledValue] = []
        var taken = Set<Int>()
        for label in labels {
            for at in text.occurrences(of: label.text) where !taken.contains(at) {
                guard let value = valueRange(after: label, at: at, in: text), !isOwnedByVenue(label, at: at, in: text) else { continue }
                let raw = text.string(value).lowercased()
                if placeholders.contains(raw) { continue }
                found.append(LabelledValue(kind: label.kind, label: label.text, range: at ..< value.upperBound, valueRange: value))
                taken.formUnion(at ..< at + label.text.count)
            }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private static func valueRange(after label: Label, at: Int, in text: PrivacyText) -> Range<Int>? {
        var i = at + label.text.count
        if label.english {
            // Whole words only: "tel" inside "hotel", "id" inside "valid" are not labels.
            if let before = text[at - 1], before.isASCIIWordCharacter { return nil }
            if let after = text[i], after.isASCIIWordCharacter { return nil }
        }
        if !label.bare {
            // Spaces, then the separator: "姓名：…", "姓名 为 …".
            while text[i] == " " { i += 1 }
            if let c = text[i], c == ":" || c == "=" || (label.wordSeparators && "为是叫".contains(c)) {
                i += 1
            } else {
                return nil
            }
        }
        while text[i] == " " { i += 1 }
        let start = i
        // The first word is enough to locate the value; it is never echoed.
        while let c = text[i], !c.endsClause, c != " " { i += 1 }
        guard i > start else { return nil }
        // A phone or ID label with no digit after it is a remark ("电话：已通知家长"), not a number.
        if label.kind == .phone || label.kind == .idNumber, !text.chars[start ..< i].contains(where: \.isASCIIDigit) { return nil }
        return start ..< i
    }

    private static func isOwnedByVenue(_ label: Label, at: Int, in text: PrivacyText) -> Bool {
        if label.english {
            var end = at
            while end > 0, text[end - 1] == " " || text[end - 1] == "_" || text[end - 1] == "-" { end -= 1 }
            var start = end
            while start > 0, let c = text[start - 1], c.isASCIILetter || c == "é" { start -= 1 }
            return englishOwners.contains(text.string(start ..< end).lowercased())
        }
        // "网吧名字：…" and "网吧的名字：…" alike.
        let end = text[at - 1] == "的" ? at - 1 : at
        return chineseOwners.contains { owner in text.matches(Array(owner), at: end - owner.count) }
    }
}
