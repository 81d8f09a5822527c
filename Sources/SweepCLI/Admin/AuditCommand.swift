import ArgumentParser
import Foundation
import SweepAPI
import SweepCore
import SweepStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read the append-only audit log and check its hash chain (admin).",
        subcommands: [List.self, Verify.self, Head.self], defaultSubcommand: List.self)

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit log's hash chain; exit 1 naming the first entry that was edited, deleted, inserted or reordered.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "A head recorded earlier with `sweep audit head` (SEQ:HASH): the chain must still contain it.") var expectHead: String?

        func run() async throws {
            let expected = try expectHead.map { text -> AuditChain.Head in
                let parts = text.split(separator: ":")
                guard parts.count == 2, let seq = Int64(parts[0]), parts[1].count == 64 else {
                    throw SweepError.invalid(field: "--expect-head", reason: "write it as printed by `sweep audit head`: SEQ:HASH")
                }
                return AuditChain.Head(seq: seq, hash: String(parts[1]))
            }
            let progress = Progress()
            let report = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.audit")) { db in
                try await AuditChain.verify(db, expectedHead: expected) { progress.step("checked \($0) entries") }
            }
            progress.done()
            if let problem = report.firstProblem {
                Console.out("audit chain BROKEN after \(report.entries) good entries: \(problem)")
                throw ExitCode(1)
            }
            Console.out("audit chain whole: \(report.entries) entries, head \(report.head.seq):\(report.head.hash)")
        }
    }

    struct Head: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Seal waiting entries and print the audit chain's head (SEQ:HASH) to record outside the database.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let head = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.audit")) { db in
                try await AuditChain.seal(db)
                return try await AuditChain.head(db)
            }
            Console.out("\(head.seq):\(head.hash)")
        }
    }

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
