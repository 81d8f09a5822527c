import ArgumentParser
import Foundation
import SweepAPI
import SweepCore
import SweepStore

struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook", abstract: "Push the event feed to other systems (admin; works on the database directly).",
        discussion: "The server delivers each event, in order, until the receiver answers 2xx; see docs/registry.md for the signature.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a webhook and print its signing secret once.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Who receives it (e.g. 12355 platform).") var name: String
        @Option(help: "The receiver's http(s) URL.") var url: String
        @Option(help: "Event kinds to send, comma-separated (default: all), e.g. tip.closed,tip.triaged.") var kinds: String?
        @Option(help: "Only events of places within these jurisdiction codes, comma-separated (default: everywhere).") var scope: String?
        @Flag(help: "Send every event kept so far, not only those from now on.") var fromStart = false
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let list = { (text: String?) in (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            let (name, url, kinds, scope, fromStart) = (self.name, self.url, list(self.kinds), list(self.scope), self.fromStart)
            let hook = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.webhook")) { db in
                try await WebhookStore(db: db).add(name: name, url: url, kinds: kinds, scope: scope, fromStart: fromStart, actor: AuditEntry.cliActor())
            }
            if format == .json { Console.out(try OutputOptions.json(hook)); return }
            Console.out(hook.secret ?? "")
            Console.info("webhook \(hook.id) → \(hook.url); the line above is its signing secret, shown only now")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List webhooks with their delivery state (never their secrets).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let hooks = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.webhook")) { db in try await WebhookStore(db: db).list() }
            try output.print(hooks, header: ["id", "name", "url", "kinds", "active", "delivered", "failures", "last error"], rows: hooks.map {
                [String($0.id), $0.name, $0.url, $0.kinds.isEmpty ? "*" : $0.kinds.joined(separator: ","), $0.active ? "yes" : "no",
                 String($0.delivered), String($0.failures), $0.lastError ?? ""]
            })
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a webhook (it is kept, inactive, for the record).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Webhook id.") var id: Int64
        @Option(help: "Why (required; kept in the audit log).") var reason: String

        func run() async throws {
            let (id, reason) = (self.id, self.reason)
            try await database.withMigratedDatabase(logger: CLILogger.make("sweep.webhook")) { db in
                try await WebhookStore(db: db).remove(id, reason: reason, actor: AuditEntry.cliActor())
            }
            Console.out("webhook \(id) stopped")
        }
    }
}
