import Foundation
import SweepAPI
import SweepCore

extension SweepClient {
    /// `POST /v1/evidence`: stores the bytes under their SHA-256 (again: nothing new).
    public func uploadEvidence(_ bytes: Data, mediaType: String) async throws -> StoredEvidence {
        try await json(.POST, APIPath.evidence, body: bytes, contentType: mediaType)
    }
    /// `GET /v1/evidence/{sha256}`: the stored bytes.
    public func evidence(sha256: String) async throws -> Data { try await send(.GET, APIPath.expand(APIPath.evidenceItem, ["sha256": sha256])) }
}
