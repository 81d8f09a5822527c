import Foundation

/// One entry of the append-only audit log: who did what to which object, and why.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var actor: String
    public var action: String
    public var objectType: String
    public var objectID: String?
    public var reason: String?
    /// Small JSON object with what changed (counts, new state). Never minors' identities or secrets.
    public var details: [String: String]

    public init(actor: String, action: String, objectType: String, objectID: String? = nil, reason: String? = nil, details: [String: String] = [:]) {
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.reason = reason
        self.details = details
    }
}
