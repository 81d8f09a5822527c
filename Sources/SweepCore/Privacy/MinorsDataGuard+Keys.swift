import Foundation

extension MinorsDataGuard {
    /// Lower-cased JSON keys that must never appear in a submission about minors, whatever their value:
    /// a key named `phone` invites a phone number even when today's value is empty.
    public static let forbiddenKeys: Set<String> = [
        "name", "minor_name", "id_number", "id_card", "resident_id", "phone", "mobile", "telephone",
        "school", "address", "home_address", "photo", "face", "guardian_name", "guardian_phone",
        "姓名", "身份证", "电话", "学校", "住址",
    ]

    /// Places in a submission (and in a corrected finding, whose paths start at the finding) where a
    /// key from ``forbiddenKeys`` names an object, not a person: a seized item's `name` is "电脑主机".
    /// Array indices are written `[]`. Their values are still scanned like every free text.
    public static let objectKeyPaths: Set<String> = [
        "findings[].measures[].items[].name",
        "measures[].items[].name",
    ]

    /// One issue per key in ``forbiddenKeys`` where it would describe a person. Keys are compared
    /// lower-cased, with camelCase and hyphens read as snake_case (`guardianPhone`, `ID-Number` are
    /// caught too); keys at ``objectKeyPaths`` are the objects' own fields and pass.
    ///
    /// - Parameter keys: each key with the JSON path of the object member it names (e.g. `minors[0].name`).
    public static func forbiddenKeyIssues(keys: [(path: String, key: String)]) -> [FieldIssue] {
        keys.compactMap { entry in
            let key = normalisedKey(entry.key)
            guard forbiddenKeys.contains(key), !objectKeyPaths.contains(shape(of: entry.path)) else { return nil }
            return FieldIssue(
                location: entry.path,
                reason: "\"\(key)\" is not allowed in a submission about minors: record only how many, age band, times, "
                    + "the venue's log reference and whether guardians or police were called — identity evidence stays "
                    + "in the handling department's own case file"
            )
        }
    }

    /// `findings[0].measures[2].items[1].name` → `findings[].measures[].items[].name`.
    static func shape(of path: String) -> String {
        var out = ""
        var inIndex = false
        for c in path {
            if c == "[" { inIndex = true; out.append("[") } else if c == "]" { inIndex = false; out.append("]") } else if !inIndex { out.append(c) }
        }
        return out
    }

    static func normalisedKey(_ key: String) -> String {
        var out = ""
        var previousLower = false
        for c in key.trimmingCharacters(in: .whitespaces) {
            if c.isUppercase && previousLower { out.append("_") }
            out.append(c == "-" || c == " " ? "_" : Character(c.lowercased()))
            previousLower = c.isLowercase || c.isNumber
        }
        return out
    }
}
