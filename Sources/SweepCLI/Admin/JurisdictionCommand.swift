import ArgumentParser
import Foundation
import SweepCore
import SweepStore

struct JurisdictionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jurisdiction", abstract: "Local rules of a jurisdiction (admin; works on the database directly).", subcommands: [Relocation.self])

    struct Relocation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set how near and how recent a closure must be for a new black café to be linked as its relocation.",
            discussion: "Applies to the jurisdiction and what lies below it unless a nearer one sets its own (defaults: 300 m, 12 months).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Jurisdiction code.") var code: String
        @Option(help: "Radius in metres (10–5000).") var relocationRadiusM: Double?
        @Option(help: "Closures within this many months count (1–120).") var relocationWindowMonths: Int?
        @Option(help: "Why (required; kept in the audit log).") var reason: String

        func run() async throws {
            let (code, radius, months) = (self.code, relocationRadiusM, relocationWindowMonths)
            let reason = try Reason.required(self.reason, field: "--reason")
            let settings = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.jurisdiction")) { db in
                try await RegistryMaintenanceStore(db: db).setRelocationRule(jurisdiction: code, radiusMetres: radius, windowMonths: months,
                                                                             reason: reason, actor: AuditEntry.cliActor())
            }
            Console.out("\(code) settings: \(settings)")
        }
    }
}
