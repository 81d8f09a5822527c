import Foundation

extension MinorsDataGuard {
    /// Lower-cased JSON keys that must never appear in a submission about minors, whatever their value:
    /// a key named `phone` invites a phone number even when today's value is empty.
    public static let forbiddenKeys: Set<String> = [
        "name", "minor_name", "id_number", "id_card", "resident_id", "phone", "mobile", "telephone",
        "school", "address", "home_address", "photo", "face", "guardian_name", "guardian_phone",
        "姓名", "身份证", "电话", "学校", "住址",
    ]

    /// One issue per key in ``forbiddenKeys``. Keys are compared lower-cased, with camelCase and
    /// hyphens read as snake_case (`guardianPhone`, `ID-Number` are caught too).
    ///
    /// - Parameter keys: each key with the JSON path of the object member it names (e.g. `minors[0].name`).
    public static func forbiddenKeyIssues(keys: [(path: String, key: String)]) -> [FieldIssue] {
        keys.compactMap { entry in
            let key = normalisedKey(entry.key)
            guard forbiddenKeys.contains(key) else { return nil }
            return FieldIssue(
                location: entry.path,
                reason: "\"\(key)\" is not allowed in a submission about minors: record only how many, age band, times, "
                    + "the venue's log reference and whether guardians or police were called — identity evidence stays "
                    + "in the handling department's own case file"
            )
        }
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
