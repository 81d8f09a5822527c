import ArgumentParser
import Foundation
import SweepStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read the append-only audit log (admin).", subcommands: [List.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the newest audit entries.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "How many entries.") var limit = 50
        @Option(help: "Only entries about this object type (api_token, venue, import …).") var objectType: String?

        func run() async throws {
            let (limit, objectType) = (self.limit, self.objectType)
            let records = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.audit")) { db in
                try await AuditLog.recent(db, limit: limit, objectType: objectType)
            }
            if output.format == .json {
                Console.out(String(decoding: try JSONEncoder.pretty.encode(records), as: UTF8.self))
                return
            }
            let rows = records.map { r in
                [String(r.id), r.occurredAt.formatted(.iso8601), r.entry.actor, r.entry.action, r.entry.objectType, r.entry.objectID ?? "",
                 r.entry.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")]
            }
            let header = ["id", "when", "actor", "action", "object", "object_id", "details"]
            Console.out(output.format == .csv ? CSVText.render(header: header, rows: rows) : TextTable.render(header: header, rows: rows))
        }
    }
}
