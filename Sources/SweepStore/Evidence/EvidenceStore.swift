import Crypto
import Foundation
import Logging
import NIOCore
import PostgresNIO
import SweepAPI
import SweepCore

/// Evidence files (photos, audio, PDFs), stored content-addressed by SHA-256: uploading the same
/// bytes again changes nothing and returns the same address.
public struct EvidenceStore: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    public static let maxBytes = EvidencePolicy.maxBytes

    public func store(_ bytes: ByteBuffer, mediaType raw: String?, actor: String) async throws -> StoredEvidence {
        let mediaType = try EvidencePolicy.mediaType(header: raw)
        try EvidencePolicy.checkSize(bytes.readableBytes)
        let digest = Array(SHA256.hash(data: Data(bytes.readableBytesView)))
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        let key = ByteBuffer(bytes: digest)
        return try await db.transaction { conn in
            var created = false
            for try await _ in try await conn.query("""
                INSERT INTO evidence (sha256, byte_size, media_type) VALUES (\(key), \(bytes.readableBytes), \(mediaType))
                ON CONFLICT (sha256) DO NOTHING RETURNING 1
                """, logger: db.logger) { created = true }
            if created {
                try await conn.query("INSERT INTO evidence_blob (sha256, content) VALUES (\(key), \(bytes))", logger: db.logger)
                try await AuditLog.append(AuditEntry(actor: actor, action: "evidence.upload", objectType: "evidence", objectID: hex,
                                                     details: ["bytes": String(bytes.readableBytes), "type": mediaType]), on: conn, logger: db.logger)
            }
            return StoredEvidence(sha256: hex, byteSize: bytes.readableBytes, mediaType: mediaType, created: created)
        }
    }

    /// The 32-byte address for a 64-digit hex SHA-256, or nil when it is not one.
    public static func digest(_ hex: String) -> ByteBuffer? {
        guard hex.utf8.count == 64, hex.allSatisfy(\.isHexDigit) else { return nil }
        return ByteBuffer(bytes: SubmissionHex.bytes(hex))
    }

    public func fetch(sha256 hex: String) async throws -> (mediaType: String, content: ByteBuffer) {
        let key = ByteBuffer(bytes: SubmissionHex.bytes(hex))
        for try await (type, content) in try await db.query("""
            SELECT e.media_type, b.content FROM evidence e JOIN evidence_blob b ON b.sha256 = e.sha256 WHERE e.sha256 = \(key)
            """).decode((String, ByteBuffer).self) { return (type, content) }
        throw SweepError.notFound("evidence \(hex)")
    }
}

/// Hex ↔ bytes for SHA-256 addresses.
enum SubmissionHex {
    static func bytes(_ hex: String) -> [UInt8] {
        let u = Array(hex.utf8)
        guard u.count % 2 == 0 else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        for i in stride(from: 0, to: u.count, by: 2) {
            guard let b = UInt8(String(decoding: u[i..<i + 2], as: UTF8.self), radix: 16) else { return [] }
            out.append(b)
        }
        return out
    }
}
