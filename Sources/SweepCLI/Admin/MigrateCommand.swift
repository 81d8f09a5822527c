import ArgumentParser
import SweepStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending schema migrations from sql/ (each in a transaction, under an advisory lock).")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "List what would be applied without applying it.")
    var dryRun = false

    func run() async throws {
        let logger = CLILogger.make("sweep.migrate")
        let dryRun = self.dryRun
        let applied = try await DatabaseRunner.withDatabase(database.target(), logger: logger) { db in
            try await Migrator.bundled().migrate(db, dryRun: dryRun).map(\.fileName)
        }
        if applied.isEmpty {
            Console.out("schema is up to date")
        } else {
            Console.out((dryRun ? "would apply:\n" : "applied:\n") + applied.map { "  \($0)" }.joined(separator: "\n"))
        }
    }
}
