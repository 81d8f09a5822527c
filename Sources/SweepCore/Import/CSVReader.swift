import Foundation

/// Reads RFC 4180 CSV from bytes.
///
/// - Fields are separated by commas; a field may be quoted with `"`, and a quote inside a quoted
///   field is written twice (`""`). Quoted fields may hold commas and line breaks.
/// - Records end with CRLF, LF or a lone CR (old Mac exports); the last record needs no line end.
/// - A UTF-8 byte order mark is skipped (Excel writes one). Anything that is not UTF-8 is rejected
///   with the line of the first bad byte, because registry exports from Chinese office software are
///   often GBK/GB18030 and would otherwise import as mojibake.
/// - Blank lines are skipped wherever they are: they carry no data and trailing ones are common.
/// - Every record must have as many fields as the header; a record that does not is reported with
///   both counts, and the others are still read so the report covers the whole file.
/// - A quote in the middle of an unquoted field is kept as a character (`5" screen`), as most
///   readers do; text after a closing quote (`"abc"def`) is an error because it means the quoting
///   is broken.
///
/// The scanner works on bytes and only builds a `String` per field, which keeps a 300,000-row file
/// to about a second in a debug build.
public enum CSVReader {
    /// The advice given with an encoding error.
    public static let encodingHint = "it may be GBK/GB18030 — re-save as UTF-8"

    /// All records, header included, each with the line it starts on.
    /// - Throws: `SweepError.invalid` for bad encoding, an unterminated quote or records with the wrong field count.
    public static func records(_ data: Data) throws(SweepError) -> [CSVRecord] {
        var issues = IssueCollector()
        let records = data.withUnsafeBytes { raw in
            scan(raw.bindMemory(to: UInt8.self), issues: &issues)
        }
        guard issues.isEmpty else { throw .invalid(issues.report) }
        return records ?? []
    }

    /// All records, header included, each with the line it starts on.
    public static func records(_ bytes: [UInt8]) throws(SweepError) -> [CSVRecord] {
        try records(Data(bytes))
    }

    /// Reads a file with a header row and matches the header against `columns`.
    ///
    /// Header names are trimmed and matched case-insensitively. A header naming a column the spec
    /// does not know, naming one twice, or missing a required column is an error; optional columns
    /// may be absent and then read as empty strings.
    /// - Throws: `SweepError.invalid` with every structural or header problem.
    public static func read(_ data: Data, columns: [CSVColumn]) throws(SweepError) -> CSVTable {
        var issues = IssueCollector()
        let table = read(data, columns: columns, issues: &issues)
        guard issues.isEmpty, let table else { throw .invalid(issues.report) }
        return table
    }

    /// Reads a file with a header row and matches the header against `columns`.
    public static func read(_ bytes: [UInt8], columns: [CSVColumn]) throws(SweepError) -> CSVTable {
        try read(Data(bytes), columns: columns)
    }

    /// The collecting form the registry parsers use: structural and header problems go into
    /// `issues`, and the rows that are well formed are still returned (nil only when nothing can be
    /// trusted: bad encoding, an unterminated quote, a bad header).
    static func read(_ data: Data, columns: [CSVColumn], issues: inout IssueCollector) -> CSVTable? {
        let records = data.withUnsafeBytes { raw in
            scan(raw.bindMemory(to: UInt8.self), issues: &issues)
        }
        guard let records else { return nil }
        guard let header = records.first else {
            let names = columns.filter(\.isRequired).map(\.name).joined(separator: ", ")
            issues.add(line: 1, column: nil, "file is empty; expected a header row with at least: \(names)")
            return nil
        }
        guard let mapping = matchHeader(header, columns: columns, issues: &issues) else { return nil }

        var present = [Bool](repeating: false, count: columns.count)
        for specIndex in mapping { present[specIndex] = true }
        var rows: [CSVRow] = []
        rows.reserveCapacity(records.count - 1)
        // A header in spec order with every column lets rows keep their field arrays as they are.
        let inSpecOrder = mapping == Array(columns.indices)
        let blank = [String](repeating: "", count: columns.count)
        var index = 1
        while index < records.count {
            let record = records[index]
            index += 1
            if inSpecOrder {
                rows.append(CSVRow(line: record.line, values: record.fields))
                continue
            }
            var values = blank
            var fileIndex = 0
            while fileIndex < mapping.count {
                values[mapping[fileIndex]] = record.fields[fileIndex]
                fileIndex += 1
            }
            rows.append(CSVRow(line: record.line, values: values))
        }
        return CSVTable(columns: columns, present: present, rows: rows)
    }

    /// Maps each header field to its spec column index, or reports why it cannot.
    private static func matchHeader(_ header: CSVRecord, columns: [CSVColumn], issues: inout IssueCollector) -> [Int]? {
        var byName: [String: Int] = [:]
        for (index, column) in columns.enumerated() { byName[column.name.lowercased()] = index }
        let known = columns.map(\.name).joined(separator: ", ")

        var mapping: [Int] = []
        var seen: [Int: Int] = [:]
        var ok = true
        for (position, raw) in header.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else {
                issues.add(line: header.line, column: nil, "header field \(position + 1) is empty; every column needs a name (known columns: \(known))")
                ok = false
                continue
            }
            guard let index = byName[name.lowercased()] else {
                issues.add(line: header.line, column: name, "unknown column \"\(name)\"; known columns: \(known)")
                ok = false
                continue
            }
            if let first = seen[index] {
                issues.add(line: header.line, column: name, "column \(columns[index].name) appears twice (header fields \(first + 1) and \(position + 1))")
                ok = false
                continue
            }
            seen[index] = position
            mapping.append(index)
        }
        for (index, column) in columns.enumerated() where column.isRequired && seen[index] == nil {
            issues.add(line: header.line, column: nil, "missing required column \(column.name)")
            ok = false
        }
        return ok ? mapping : nil
    }

    // MARK: - Scanner

    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    /// Splits bytes into records. Returns nil after a fatal problem (encoding, unterminated quote),
    /// which is then the last issue added. Records with the wrong number of fields are reported and
    /// left out.
    static func scan(_ buf: UnsafeBufferPointer<UInt8>, issues: inout IssueCollector) -> [CSVRecord]? {
        let n = buf.count
        var i = 0
        if n >= 2, (buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF) {
            issues.add(line: 1, column: nil, "file is UTF-16 (Excel \"Unicode text\"); re-save it as \"CSV UTF-8\"")
            return nil
        }
        if n >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { i = 3 }
        // Validate once for the whole file (the standard library does this fast even in debug
        // builds); fields can then be decoded without checking each again.
        if String(validating: UnsafeBufferPointer(rebasing: buf[i...]), as: UTF8.self) == nil {
            let (badLine, badByte) = locateInvalidUTF8(buf, from: i, line: 1)
            let hex = "0x" + String(badByte, radix: 16, uppercase: true)
            issues.add(line: badLine, column: nil, "file is not UTF-8 (invalid byte \(hex)); \(encodingHint)")
            return nil
        }

        var records: [CSVRecord] = []
        var fields: [String] = []
        var expected: Int? = nil
        var line = 1
        var recordLine = 1
        var recordBroken = false
        var lastFieldQuoted = false
        var scratch: [UInt8] = []
        scratch.reserveCapacity(256)

        func endRecord(issues: inout IssueCollector) {
            defer {
                fields.removeAll(keepingCapacity: true)
                recordBroken = false
            }
            if fields.count == 1, fields[0].isEmpty, !lastFieldQuoted { return }  // blank line
            if recordBroken { return }
            guard let expected else {
                expected = fields.count
                records.append(CSVRecord(line: recordLine, fields: fields))
                return
            }
            if fields.count != expected {
                let hint = fields.count > expected ? "; a value containing a comma must be in double quotes" : ""
                issues.add(line: recordLine, column: nil, "expected \(expected) fields (as in the header), found \(fields.count)\(hint)")
                return
            }
            records.append(CSVRecord(line: recordLine, fields: fields))
        }

        while i < n {
            // At the start of a field.
            let fieldStart = i
            let fieldLine = line
            if buf[i] == quote {
                i += 1
                scratch.removeAll(keepingCapacity: true)
                var segment = i
                var closed = false
                while i < n {
                    let b = buf[i]
                    if b == quote {
                        if i + 1 < n, buf[i + 1] == quote {
                            // An escaped quote: keep the segment including one quote, skip the other.
                            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[segment...i]))
                            i += 2
                            segment = i
                            continue
                        }
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[segment..<i]))
                        i += 1
                        closed = true
                        break
                    }
                    if b == lf || (b == cr && !(i + 1 < n && buf[i + 1] == lf)) { line += 1 }
                    i += 1
                }
                guard closed else {
                    issues.add(line: fieldLine, column: nil, "unterminated quoted field: the quote opened here is never closed")
                    return nil
                }
                fields.append(String(decoding: scratch, as: UTF8.self))
                lastFieldQuoted = true
                if i < n, buf[i] != comma, buf[i] != lf, buf[i] != cr {
                    issues.add(line: line, column: nil, "text after the closing quote of field \(fields.count); quote the whole value and write quotes inside it as \"\"")
                    recordBroken = true
                    while i < n, buf[i] != comma, buf[i] != lf, buf[i] != cr { i += 1 }
                }
            } else {
                while i < n {
                    let b = buf[i]
                    if b == comma || b == lf || b == cr { break }
                    i += 1
                }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: buf[fieldStart..<i]), as: UTF8.self))
                lastFieldQuoted = false
            }

            // After a field: a comma, a line end, or the end of the file.
            if i >= n {
                endRecord(issues: &issues)
            } else if buf[i] == comma {
                i += 1
                if i == n {  // "a,b," at the very end: the last field is empty
                    fields.append("")
                    lastFieldQuoted = false
                    endRecord(issues: &issues)
                }
            } else {
                if buf[i] == cr, i + 1 < n, buf[i + 1] == lf { i += 1 }
                i += 1
                line += 1
                endRecord(issues: &issues)
                recordLine = line
            }
        }
        return records
    }

    /// Finds the first byte at or after `from` that breaks UTF-8 and the line it is on.
    /// Only runs once validation has failed, so it may be slow and simple.
    static func locateInvalidUTF8(_ buf: UnsafeBufferPointer<UInt8>, from: Int, line startLine: Int) -> (line: Int, byte: UInt8) {
        var i = from
        var line = startLine
        let n = buf.count
        while i < n {
            let b = buf[i]
            if b < 0x80 {
                if b == lf || (b == cr && !(i + 1 < n && buf[i + 1] == lf)) { line += 1 }
                i += 1
                continue
            }
            var length = 0
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F  // no UTF-16 surrogates
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F  // nothing above U+10FFFF
            default: return (line, b)
            }
            guard i + length <= n, (low...high).contains(buf[i + 1]) else { return (line, b) }
            for k in 2..<length where !(0x80...0xBF).contains(buf[i + k]) { return (line, b) }
            i += length
        }
        // Validation failed yet no bad byte follows: cannot happen, but answer sensibly.
        return (startLine, 0)
    }
}
