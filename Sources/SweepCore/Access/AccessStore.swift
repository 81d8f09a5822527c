import Foundation

/// Authentication and the audit trail, as the HTTP layer needs them.
public protocol AccessStore: Sendable {
    /// Resolves a bearer secret to its principal, or throws `.unauthenticated` saying why.
    func authenticate(secret: String) async throws -> Principal
}
