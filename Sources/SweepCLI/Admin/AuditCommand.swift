import ArgumentParser
import Foundation
import SweepAPI
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
            let header = ["id", "when", "actor", "action", "object", "object_id", "details"]
            try output.print(records, header: header, rows: records.map { (r: AuditRecord) -> [String] in
                [String(r.id), r.occurredAt.formatted(.iso8601), r.entry.actor, r.entry.action, r.entry.objectType, r.entry.objectID ?? "",
                 r.entry.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")]
            })
        }
    }
}
