import Foundation

/// A parsed record together with where it came from, so that later checks (the store's, at insert
/// time) can still point at the line or feature that holds it.
public struct ImportedRow<Record: Sendable>: Sendable {
    /// `line 7` for CSV rows, `features[3]` for GeoJSON features.
    public var location: String
    /// The parsed record.
    public var record: Record

    /// A record found at `location`.
    public init(location: String, record: Record) {
        self.location = location
        self.record = record
    }
}

extension ImportedRow: Equatable where Record: Equatable {}

/// What a registry parser returns: every record it could build and every problem it found.
///
/// Import is all-or-nothing, so a caller must not store `rows` unless `issues` is empty; the rows are
/// still returned so that a dry run can count them and tests can look at them. Issues are collected
/// across the whole file (not stopped at the first) and capped at ``ImportResult/issueLimit``, after
/// which a final issue says how many more were suppressed.
public struct ImportResult<Record: Sendable>: Sendable {
    /// The most issues reported before the rest are summarised in one final "… more" issue.
    public static var issueLimit: Int { IssueCollector.defaultLimit }

    /// Rows that parsed without problems of their own, in the order they must be stored in
    /// (file order, except jurisdictions, which come parents first).
    public var rows: [ImportedRow<Record>]
    /// Every problem found, in file order within each pass.
    public var issues: [FieldIssue]

    /// A result with these rows and issues.
    public init(rows: [ImportedRow<Record>], issues: [FieldIssue]) {
        self.rows = rows
        self.issues = issues
    }

    /// The records alone.
    public var records: [Record] { rows.map(\.record) }

    /// True when the file can be imported.
    public var isValid: Bool { issues.isEmpty }

    /// The records, or `SweepError.invalid` with every issue when there is any.
    public func get() throws(SweepError) -> [Record] {
        guard issues.isEmpty else { throw .invalid(issues) }
        return records
    }
}

extension ImportResult: Equatable where Record: Equatable {}

/// Collects issues up to a limit and counts the rest, so a file that is wrong on every one of its
/// 300,000 lines produces a readable report rather than 300,000 lines of it.
struct IssueCollector: Sendable {
    static let defaultLimit = 1_000

    let limit: Int
    private(set) var issues: [FieldIssue] = []
    private(set) var suppressed = 0

    init(limit: Int = IssueCollector.defaultLimit) {
        self.limit = limit
    }

    /// Total issues seen, including suppressed ones.
    var count: Int { issues.count + suppressed }
    var isEmpty: Bool { count == 0 }

    mutating func add(_ issue: FieldIssue) {
        if issues.count < limit {
            issues.append(issue)
        } else {
            suppressed += 1
        }
    }

    mutating func add(line: Int, column: String?, _ reason: String) {
        add(.row(line, column: column, reason))
    }

    mutating func add(contentsOf other: [FieldIssue]) {
        for issue in other { add(issue) }
    }

    /// The collected issues, with a closing summary when some were suppressed.
    var report: [FieldIssue] {
        guard suppressed > 0 else { return issues }
        return issues + [FieldIssue(location: "…", reason: "… and \(suppressed) more problems not shown")]
    }
}
