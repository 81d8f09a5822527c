import Foundation

/// Which evidence files Sweep keeps: photos, recordings, videos and PDFs up to 25 MiB. The server
/// refuses anything else; the CLI and the field app name the media type from a file's extension.
public enum EvidencePolicy {
    public static let maxBytes = 25 * 1024 * 1024

    /// Accepted media types by the file extensions that carry them.
    public static let mediaTypeByExtension: [String: String] = [
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "heic": "image/heic", "webp": "image/webp",
        "mp3": "audio/mpeg", "m4a": "audio/mp4", "aac": "audio/aac", "amr": "audio/amr", "wav": "audio/wav",
        "mp4": "video/mp4", "pdf": "application/pdf",
    ]

    public static let mediaTypes = Set(mediaTypeByExtension.values)

    /// The media type of a `Content-Type` header (parameters dropped), or why it is refused.
    public static func mediaType(header raw: String?) throws -> String {
        let mediaType = (raw ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaTypes.contains(mediaType) else {
            throw SweepError.invalid(field: "Content-Type", reason: "\"\(mediaType)\" is not accepted; send one of \(mediaTypes.sorted().joined(separator: ", "))")
        }
        return mediaType
    }

    /// Refuses an empty file or one over the limit.
    public static func checkSize(_ bytes: Int) throws {
        guard bytes > 0 else { throw SweepError.invalid(field: "body", reason: "is empty") }
        guard bytes <= maxBytes else {
            throw SweepError.invalid(field: "body", reason: "\(bytes) bytes is over the \(maxBytes / 1024 / 1024) MiB limit")
        }
    }
}
