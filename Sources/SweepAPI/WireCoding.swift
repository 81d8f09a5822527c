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

/// `GET /v1/venues` response.
public struct VenueListResponse: Codable, Sendable {
    public var items: [VenueSummary]
    /// Cursor for the next page (`after=`), absent on the last page.
    public var nextAfter: Int64?

    public init(items: [VenueSummary], nextAfter: Int64?) {
        self.items = items
        self.nextAfter = nextAfter
    }
}

/// `GET /healthz` and `GET /readyz` response.
public struct HealthResponse: Codable, Sendable {
    public var status: String
    public var database: String?

    public init(status: String, database: String? = nil) {
        self.status = status
        self.database = database
    }
}

/// The routes of the API, in one place for the server, the client and the OpenAPI check.
public enum APIPath {
    public static let health = "/healthz"
    public static let ready = "/readyz"
    public static let openAPI = "/openapi.yaml"
    public static let me = "/v1/me"
    public static let venues = "/v1/venues"
    public static let venue = "/v1/venues/{id}"
    public static let jurisdictions = "/v1/jurisdictions"
    public static let departments = "/v1/departments"
    public static let violationTypes = "/v1/violation-types"
    public static let audit = "/v1/audit"
}
