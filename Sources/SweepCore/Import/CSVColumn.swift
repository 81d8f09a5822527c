/// One column of a registry CSV file: its header name, whether it must be there, and what it holds.
///
/// The registry types publish their columns as `static let columns` so that import, export, the
/// README and `--help` all use one list.
public struct CSVColumn: Sendable, Hashable {
    /// The header name, lower case with underscores (matched case-insensitively on import).
    public var name: String
    /// A required column must appear in the header and hold a value on every row. Optional columns
    /// may be left out of the file entirely.
    public var isRequired: Bool
    /// What the column holds and in which format, for documentation.
    public var summary: String

    /// A column named `name` (lower case), required or optional, with a one-line summary.
    public init(_ name: String, required: Bool, _ summary: String) {
        self.name = name
        self.isRequired = required
        self.summary = summary
    }
}

/// One data row of a CSV file, with its values rearranged into the column spec's order.
public struct CSVRow: Sendable, Equatable {
    /// The physical 1-based line the record starts on (a quoted field may span several lines).
    public var line: Int
    /// Values in the order of the spec passed to `CSVReader.read(_:columns:)`; an empty
    /// string for optional columns the file does not have. Not trimmed.
    public var values: [String]

    /// A row starting on `line` with values in spec order.
    public init(line: Int, values: [String]) {
        self.line = line
        self.values = values
    }
}

/// A CSV file matched against a column spec.
public struct CSVTable: Sendable, Equatable {
    /// The spec the file was read with.
    public var columns: [CSVColumn]
    /// For each spec column, whether the header has it.
    public var present: [Bool]
    /// Data rows (header excluded; blank lines skipped).
    public var rows: [CSVRow]

    /// A table read with `columns`, noting which the header held.
    public init(columns: [CSVColumn], present: [Bool], rows: [CSVRow]) {
        self.columns = columns
        self.present = present
        self.rows = rows
    }
}

/// One raw CSV record: its fields as written, and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
    /// The physical 1-based line the record starts on.
    public var line: Int
    /// The fields as written (quotes removed, `""` unescaped, not trimmed).
    public var fields: [String]

    /// A record starting on `line`.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
