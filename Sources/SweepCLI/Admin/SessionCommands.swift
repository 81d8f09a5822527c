import ArgumentParser
import Foundation
import SweepAPI
import SweepCore
import SweepStore

extension TokenCommand {
    struct IssueSigninCode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "signin-code",
            abstract: "Print a one-time code a browser signs in with at /signin, for a principal (see `sweep token list --format json`) or an inspector's staff code.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The principal's id.") var principal: Int64?
        @Option(help: "Or the staff code of the registry inspector an inspector token acts as.") var inspector: String?
        @Option(help: "Lifetime in minutes (1–1440).") var expiresIn: Int = 15
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let request = SigninCodeRequest(principalId: principal, inspector: inspector, expiresInMinutes: expiresIn)
            let lifetime = try SigninCode.lifetime(minutes: expiresIn)
            let issued = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.token")) { db in
                let store = SessionStore(db: db)
                return try await store.issueCode(principalId: try await store.principalId(for: request), lifetime: lifetime, actor: AuditEntry.cliActor())
            }
            if format == .json {
                Console.out(try OutputOptions.json(issued))
            } else {
                Console.out(issued.code)
                Console.info("sign-in code for \(issued.principal.name) (\(issued.principal.role.rawValue), scope: \(TokenScope.describe(issued.principal.scope))); "
                             + "works once at /signin until \(issued.expiresAt.formatted(.iso8601))")
            }
        }
    }

    struct Sessions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List browser sessions that are signed in (never their secrets).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Flag(help: "Include ended and expired sessions.") var all = false

        func run() async throws {
            let all = self.all
            let sessions = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.token")) { db in
                try await SessionStore(db: db).list(includeEnded: all)
            }
            let header = ["id", "principal", "name", "role", "signed in", "expires", "last seen", "state"]
            try output.print(sessions, header: header, rows: sessions.map { (s: BrowserSessionRecord) -> [String] in
                [String(s.id), String(s.principal.id), s.principal.name, s.principal.role.rawValue, s.createdAt.formatted(.iso8601),
                 s.expiresAt.formatted(.iso8601), s.lastSeenAt?.formatted(.iso8601) ?? "", s.endedBy ?? (s.expiresAt < Date() ? "expired" : "open")]
            })
        }
    }

    struct EndSession: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "end-session", abstract: "Sign a browser out from here: one session by id, or every open session of a principal.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Session id (see `sweep token sessions`).") var id: Int64?
        @Option(help: "End every open session of this principal instead (a lost phone, someone who left).") var principal: Int64?
        @Option(help: "Why (required; kept in the audit log).") var reason: String

        func validate() throws {
            if (id == nil) == (principal == nil) { throw ValidationError("give a session id or --principal, not both") }
        }

        func run() async throws {
            let (id, principal, reason) = (self.id, self.principal, try Reason.required(self.reason, field: "--reason"))
            let ended = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.token")) { db in
                try await SessionStore(db: db).revoke(sessionId: id, principalId: principal, actor: AuditEntry.cliActor(), reason: reason)
            }
            Console.out("ended browser session\(ended.count == 1 ? "" : "s") \(ended.map(String.init).joined(separator: ", "))")
        }
    }
}
