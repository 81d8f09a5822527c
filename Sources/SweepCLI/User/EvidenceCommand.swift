import ArgumentParser
import Foundation
import SweepAPI
import SweepCore

/// `sweep evidence upload FILE`: stores a photo, recording or PDF and prints its SHA-256, which
/// findings then reference. Uploading the same bytes again stores nothing new.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evidence", abstract: "Upload evidence files (API).", subcommands: [Upload.self])

    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Upload one file (POST /v1/evidence); prints its SHA-256.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "The file.") var file: String
        @Option(help: "Media type (default from the extension: jpg, png, heic, webp, mp3, m4a, aac, amr, wav, mp4, pdf).") var type: String?

        static let types = ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "heic": "image/heic", "webp": "image/webp",
                            "mp3": "audio/mpeg", "m4a": "audio/mp4", "aac": "audio/aac", "amr": "audio/amr", "wav": "audio/wav",
                            "mp4": "video/mp4", "pdf": "application/pdf"]

        func run() async throws {
            let ext = (file as NSString).pathExtension.lowercased()
            guard let media = type ?? Self.types[ext] else {
                throw SweepError.invalid(field: "--type", reason: "cannot tell the media type of .\(ext); pass --type")
            }
            let data = try await server.client().send("POST", APIPath.evidence, body: try FileOutput.read(file, field: "FILE"), contentType: media)
            let stored = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            Console.out(stored?["sha256"] as? String ?? "")
            Console.info((stored?["created"] as? Bool ?? false) ? "stored (\(stored?["byte_size"] ?? 0) bytes)" : "already stored; nothing new")
        }
    }
}
