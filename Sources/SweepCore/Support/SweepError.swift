import Foundation

/// One problem with one input field, row or column.
///
/// `location` is whatever lets a person find it: `line 12, column "latitude"` for files,
/// a JSON path such as `features[3].geometry.coordinates[0][5]` for documents, a flag name for CLI input.
public struct FieldIssue: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Where the problem is (line/column for files, field path for JSON).
    public var location: String
    /// What is wrong and, where possible, how to fix it.
    public var reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    /// A file position: 1-based line and the column's header name.
    public static func row(_ line: Int, column: String?, _ reason: String) -> FieldIssue {
        if let column {
            return FieldIssue(location: "line \(line), column \(column)", reason: reason)
        }
        return FieldIssue(location: "line \(line)", reason: reason)
    }

    public var description: String { "\(location): \(reason)" }
}

/// Every failure the product reports to a user. HTTP status and exit codes are chosen at the edges only.
public enum SweepError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Input that cannot be accepted; each issue says where and why.
    case invalid([FieldIssue])
    /// The named thing does not exist.
    case notFound(String)
    /// The change clashes with something already stored (duplicate key, wrong state).
    case conflict(String)
    /// No credentials, or credentials that are unknown, expired or revoked.
    case unauthenticated(String)
    /// The principal is known but may not do this.
    case forbidden(String)
    /// A request that cannot be satisfied as asked, with what would fix it.
    case infeasible(String)
    /// A dependency (the database, a port, a binary) is not usable; the message says what to do.
    case unavailable(String)
    /// The database schema does not match the migrations shipped with this build.
    case schema(String)
    /// The server has more work waiting than it takes on; the same request may succeed in a second.
    case busy(String)
    /// Too many attempts (failed sign-ins) from one place; the message says when to try again.
    case tooManyRequests(String)

    /// Convenience for a single invalid field.
    public static func invalid(field: String, reason: String) -> SweepError {
        .invalid([FieldIssue(location: field, reason: reason)])
    }

    public var description: String {
        switch self {
        case .invalid(let issues):
            if issues.count == 1 { return issues[0].description }
            let shown = issues.prefix(50).map { "  \($0)" }.joined(separator: "\n")
            let more = issues.count > 50 ? "\n  … and \(issues.count - 50) more" : ""
            return "\(issues.count) problems:\n\(shown)\(more)"
        case .notFound(let what): return "not found: \(what)"
        case .conflict(let why): return "conflict: \(why)"
        case .unauthenticated(let why): return "not authenticated: \(why)"
        case .forbidden(let why): return "forbidden: \(why)"
        case .infeasible(let why): return "infeasible: \(why)"
        case .unavailable(let why): return why
        case .schema(let why): return "schema: \(why)"
        case .tooManyRequests(let why): return "too many requests: \(why)"
        case .busy(let why): return "busy: \(why)"
        }
    }
}
