import Foundation

/// The access matrix as the Markdown table in docs/access.md; a test keeps the document equal to
/// `AccessPolicy.matrix`, so the words people read are the rules the server runs.
public enum AccessMatrixDocument {
    public static let roles: [Role] = [.admin, .coordinator, .inspector, .handler, .leader]

    public static func table() -> String {
        var lines = ["| resource | action | " + roles.map(\.rawValue).joined(separator: " | ") + " |",
                     "|---|---|" + String(repeating: "---|", count: roles.count)]
        for resource in Resource.allCases {
            for action in Action.allCases {
                let permission = Permission(resource, action)
                guard AccessPolicy.matrix[permission] != nil else { continue }
                let cells = roles.map { AccessPolicy.rule(permission, for: $0).map(\.rawValue) ?? "—" }
                lines.append("| \(resource.rawValue) | \(action.rawValue) | " + cells.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n")
    }
}
