import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Read the feed of domain events after a cursor (GET /v1/events).",
        discussion: "Prints the events and, on standard error, the cursor to pass as --after next time.")
    @OptionGroup var server: ServerOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The cursor printed last time (absent: from the start).") var after: String?
    @Option(help: "At most this many events (1–1000).") var limit: Int = 100

    func run() async throws {
        let page = try await server.client().events(after: after, limit: limit)
        try output.print(page, header: ["cursor", "at", "kind", "object", "place", "details"], rows: page.events.map { e in
            [e.cursor, e.occurredAt.formatted(.iso8601), e.kind, "\(e.objectType) \(e.objectId)", e.jurisdiction ?? "",
             e.payload.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")]
        })
        if let next = page.next { Console.info("next: --after \(next)") }
    }
}
