import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
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

        func run() async throws {
            let ext = (file as NSString).pathExtension.lowercased()
            guard let media = type ?? EvidencePolicy.mediaTypeByExtension[ext] else {
                throw SweepError.invalid(field: "--type", reason: "cannot tell the media type of .\(ext); pass --type")
            }
            let stored = try await server.client().uploadEvidence(try FileOutput.read(file, field: "FILE"), mediaType: media)
            Console.out(stored.sha256)
            Console.info(stored.created ? "stored (\(stored.byteSize) bytes)" : "already stored; nothing new")
        }
    }
}
