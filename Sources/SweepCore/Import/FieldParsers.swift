import Foundation

/// Reads the typed values of one CSV row, collecting a located issue for each bad field.
///
/// Every accessor returns nil both for "empty" and for "bad"; `failed` tells them apart for the
/// caller, which builds the record only when no field failed. Values are trimmed first: stray
/// spaces (including the full-width space U+3000) around a code are typing noise, never meaning.
struct RowReader {
    let row: CSVRow
    let columns: [CSVColumn]
    /// The row's values, trimmed once: most are read more than once.
    private let values: [String]
    private(set) var issues: [FieldIssue] = []

    init(_ row: CSVRow, columns: [CSVColumn]) {
        self.row = row
        self.columns = columns
        var values = row.values
        for index in values.indices {
            let trimmed = Self.trimmed(values[index])
            if trimmed.utf8.count != values[index].utf8.count { values[index] = trimmed }
        }
        self.values = values
    }

    var line: Int { row.line }
    var failed: Bool { !issues.isEmpty }

    mutating func fail(_ column: Int, _ reason: String) {
        issues.append(.row(row.line, column: columns[column].name, reason))
    }

    mutating func fail(columnName: String, _ reason: String) {
        issues.append(.row(row.line, column: columnName, reason))
    }

    /// The trimmed value.
    func text(_ column: Int) -> String {
        values[column]
    }

    /// Whether any of `columns` holds a value.
    func anyValue(in range: Range<Int>) -> Bool {
        var column = range.lowerBound
        while column < range.upperBound {
            if !values[column].isEmpty { return true }
            column += 1
        }
        return false
    }

    /// The trimmed value, or nil when empty.
    func optional(_ column: Int) -> String? {
        let value = text(column)
        return value.isEmpty ? nil : value
    }

    /// The trimmed value; an issue when it is empty.
    mutating func required(_ column: Int) -> String? {
        let value = text(column)
        if value.isEmpty {
            fail(column, "\(columns[column].name) is required")
            return nil
        }
        return value
    }

    /// A value of a closed set, matched exactly and then case-insensitively. An empty value is
    /// `defaultValue` when there is one, else an issue when `required`.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ column: Int, _ what: String, required: Bool, default defaultValue: E? = nil) -> E? where E.RawValue == String {
        let value = text(column)
        if value.isEmpty {
            if let defaultValue { return defaultValue }
            if required { fail(column, "\(columns[column].name) is required") }
            return nil
        }
        if let exact = E(rawValue: value) ?? E(rawValue: value.lowercased()) { return exact }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        fail(column, "\"\(value)\" is not a \(what); allowed: \(allowed)")
        return nil
    }

    /// Spellings accepted for booleans, as people write them in spreadsheets.
    static let trueWords: Set<String> = ["true", "1", "yes", "是"]
    static let falseWords: Set<String> = ["false", "0", "no", "否"]

    mutating func bool(_ column: Int, required: Bool, default defaultValue: Bool? = nil) -> Bool? {
        let value = text(column)
        if value.isEmpty {
            if let defaultValue { return defaultValue }
            if required { fail(column, "\(columns[column].name) is required") }
            return nil
        }
        let lower = value.lowercased()
        if Self.trueWords.contains(lower) { return true }
        if Self.falseWords.contains(lower) { return false }
        fail(column, "\"\(value)\" is not true or false; allowed: true, false, 1, 0, yes, no, 是, 否")
        return nil
    }

    mutating func day(_ column: Int, required: Bool) -> Date? {
        let value = text(column)
        if value.isEmpty {
            if required { fail(column, "\(columns[column].name) is required") }
            return nil
        }
        if let date = ISODay.parse(value) { return date }
        fail(column, "\"\(value)\" is not a valid date; write YYYY-MM-DD, e.g. 2025-06-30")
        return nil
    }

    /// A position from a longitude and a latitude column: both or neither (nil, no issue), checked
    /// against ``ChinaBounds`` so that swapped columns are named as such.
    mutating func location(longitude lonColumn: Int, latitude latColumn: Int, required: Bool) -> GeoPoint? {
        let lonText = text(lonColumn), latText = text(latColumn)
        if lonText.isEmpty, latText.isEmpty {
            if required {
                fail(lonColumn, "\(columns[lonColumn].name) is required")
                fail(latColumn, "\(columns[latColumn].name) is required")
            }
            return nil
        }
        if lonText.isEmpty || latText.isEmpty {
            let missing = lonText.isEmpty ? lonColumn : latColumn
            fail(missing, "\(columns[missing].name) is missing; longitude and latitude go together (give both or neither)")
            return nil
        }
        let lon = Double(lonText), lat = Double(latText)
        if lon == nil { fail(lonColumn, "\"\(lonText)\" is not a number (decimal degrees with a point, e.g. 114.3055)") }
        if lat == nil { fail(latColumn, "\"\(latText)\" is not a number (decimal degrees with a point, e.g. 30.5928)") }
        guard let lon, let lat else { return nil }
        if let problem = ChinaBounds.problem(longitude: lon, latitude: lat) {
            fail(columnName: "\(columns[lonColumn].name)/\(columns[latColumn].name)", problem)
            return nil
        }
        return GeoPoint(longitude: lon, latitude: lat)
    }

    mutating func openingHours(_ column: Int) -> String? {
        let value = text(column)
        if value.isEmpty { return nil }
        if let problem = OpeningHours.problem(value) {
            fail(column, problem)
            return nil
        }
        return value
    }

    /// Trims whitespace (Unicode White_Space, so the full-width space U+3000 too), returning the
    /// value itself in the common case of nothing to trim: millions of fields pass through here.
    static func trimmed(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return value }
        if !isSpace(first), !isSpace(last) { return value }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// Unicode White_Space, spelled out: the property lookup is slow in debug builds.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x7E: return false
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}

/// Declared opening hours, `HH:MM-HH:MM`.
public enum OpeningHours {
    /// Why `text` is not valid opening hours, or nil when it is.
    ///
    /// Hours run 00–23 with 24:00 allowed as a closing time; a closing time earlier than the opening
    /// time crosses midnight (`22:00-06:00`); equal times are ambiguous and rejected in favour of
    /// `00:00-24:00` for round the clock.
    public static func problem(_ text: String) -> String? {
        let format = "write HH:MM-HH:MM, e.g. 08:00-22:00 (22:00-06:00 crosses midnight, 00:00-24:00 is all day)"
        let u = Array(text.utf8)
        guard u.count == 11, u[2] == 0x3A, u[5] == 0x2D, u[8] == 0x3A else { return "\"\(text)\" is not opening hours; \(format)" }
        func number(_ k: Int) -> Int? {
            let a = Int(u[k]) - 0x30, b = Int(u[k + 1]) - 0x30
            guard (0...9).contains(a), (0...9).contains(b) else { return nil }
            return a * 10 + b
        }
        guard let h1 = number(0), let m1 = number(3), let h2 = number(6), let m2 = number(9) else {
            return "\"\(text)\" is not opening hours; \(format)"
        }
        guard h1 <= 23, m1 <= 59 else { return "opening time \(text.prefix(5)) is not a time of day (00:00–23:59)" }
        guard m2 <= 59, h2 <= 23 || (h2 == 24 && m2 == 0) else { return "closing time \(text.suffix(5)) is not a time of day (00:00–24:00)" }
        if h1 * 60 + m1 == h2 * 60 + m2 { return "opening and closing times are equal in \"\(text)\"; write 00:00-24:00 for round the clock" }
        return nil
    }
}
