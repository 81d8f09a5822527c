import Foundation
import SweepCore

/// `POST /v1/evidence` answer.
public struct StoredEvidence: Sendable, Hashable, Codable {
    public var sha256: String
    public var byteSize: Int
    public var mediaType: String
    /// False when these bytes were already stored.
    public var created: Bool

    public init(sha256: String, byteSize: Int, mediaType: String, created: Bool) {
        self.sha256 = sha256
        self.byteSize = byteSize
        self.mediaType = mediaType
        self.created = created
    }
}
