import ArgumentParser
import Foundation
import SweepAPI
import SweepCore
import SweepStore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Issue, revoke and list API bearer tokens, and browser sign-in codes and sessions (admin; works on the database directly); pair inspectors' phones (`pair`, over the API).",
        subcommands: [Issue.self, Revoke.self, List.self, IssueSigninCode.self, Pair.self, Devices.self, Unpair.self, Sessions.self, EndSession.self])

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a principal with a role and print its token once.")
        @OptionGroup var database: DatabaseOptions

        @Option(help: "Who the token is for (a person or a device).") var name: String
        @Option(help: "Role: admin, coordinator, inspector, handler or leader.") var role: String
        @Option(help: "Department code, required for inspectors and handlers (CUL, SAMR, PSB, TOB …).") var department: String?
        @Option(help: "Jurisdiction codes the principal may see, comma-separated, or `all` for everywhere (province-wide); required except for admins.") var scope: String?
        @Option(help: "Lifetime such as 90d, 12h or 30m (at most 366d).") var expiresIn: String = "90d"
        @Option(help: "A note shown in `sweep token list`.") var label: String?
        @Option(help: "Inspector tokens: the registry inspector's staff code, so they see their own sweeps and calendar.") var inspector: String?
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw SweepError.invalid(field: "--role", reason: "unknown role \(role); use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let request = TokenStore.Request(name: name, role: role, department: department.map(DepartmentCode.init(rawValue:)),
                                             scope: try TokenScope.parse(scope, role: role),
                                             label: label, validFor: try Duration.parse(expiresIn, field: "--expires-in"), inspectorCode: inspector)
            let issued = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.token")) { db in
                try await TokenStore(db: db).issue(request, actor: AuditEntry.cliActor())
            }
            if format == .json {
                Console.out(try OutputOptions.json(issued))
            } else {
                Console.out(issued.secret)
                Console.info("token \(issued.tokenId) for \(issued.principal.name) (\(role.rawValue)), scope: \(TokenScope.describe(issued.principal.scope)), "
                             + "expires \(issued.expiresAt.formatted(.iso8601)); it is shown only now")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (see `sweep token list`).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Token id.") var id: Int64
        @Option(help: "Why (required; kept in the audit log).") var reason: String

        func run() async throws {
            let (id, reason) = (self.id, try Reason.required(self.reason, field: "--reason"))
            try await database.withMigratedDatabase(logger: CLILogger.make("sweep.token")) { db in
                try await TokenStore(db: db).revoke(tokenId: id, actor: AuditEntry.cliActor(), reason: reason)
            }
            Console.out("revoked token \(id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Flag(help: "Include revoked tokens.") var all = false

        func run() async throws {
            let all = self.all
            let tokens = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.token")) { db in
                try await TokenStore(db: db).list(includeRevoked: all)
            }
            let header = ["id", "prefix", "name", "role", "department", "scope", "expires", "state"]
            try output.print(tokens, header: header, rows: tokens.map { (t: TokenInfo) -> [String] in
                [String(t.tokenId), t.prefix + "…", t.principal.name, t.principal.role.rawValue, t.principal.department?.rawValue ?? "",
                 t.principal.scope.isEmpty ? "*" : t.principal.scope.joined(separator: ","), t.expiresAt.formatted(.iso8601),
                 t.revokedAt == nil ? "" : "revoked"]
            })
        }
    }
}

extension Duration {
    /// Parses `90d`, `12h`, `30m` or `45s` into seconds.
    static func parse(_ text: String, field: String) throws -> TimeInterval {
        guard let unit = text.last, let value = Double(text.dropLast()), value > 0 else {
            throw SweepError.invalid(field: field, reason: "use a number and a unit, e.g. 90d, 12h, 30m; got \(text)")
        }
        switch unit {
        case "d": return value * 86_400
        case "h": return value * 3_600
        case "m": return value * 60
        case "s": return value
        default: throw SweepError.invalid(field: field, reason: "unknown unit \(unit) in \(text); use d, h, m or s")
        }
    }
}
