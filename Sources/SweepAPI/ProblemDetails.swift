import Foundation
import SweepCore

/// RFC 9457 problem details, the body of every error response (`application/problem+json`).
public struct ProblemDetails: Codable, Sendable, Equatable, Error, CustomStringConvertible {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    /// For invalid input: where (field path, query parameter) and why.
    public var errors: [FieldIssue]?

    public init(type: String, title: String, status: Int, detail: String, errors: [FieldIssue]? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
    }

    public var description: String {
        if let errors, !errors.isEmpty {
            return "\(title) (HTTP \(status)): " + errors.map(\.description).joined(separator: "; ")
        }
        return "\(title) (HTTP \(status)): \(detail)"
    }
}
