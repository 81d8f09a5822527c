import ArgumentParser
import Foundation
import PostgresNIO
import SweepAPI
import SweepCore
import SweepStore

/// The `sweep` command: admin commands work on the database directly; user commands call the API.
public struct SweepCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Plan and record joint enforcement sweeps of internet cafés and tobacco retailers.",
        discussion: """
        Admin commands (run where the database is): serve, migrate, db, import, export, demo, token, audit, bench.
        User commands (call the HTTP API with --server and --token): whoami, venues, campaign, roster, plan, submit, evidence, case, tip, heatmap.
        """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DBCommand.self, ImportCommand.self, ExportCommand.self,
            DemoCommand.self, TokenCommand.self, WebhookCommand.self, JurisdictionCommand.self, AuditCommand.self, BenchCommand.self,
            WhoamiCommand.self, SigninCodeCommand.self, VenuesCommand.self, SchoolsCommand.self, EventsCommand.self, CampaignCommand.self, RosterCommand.self, PlanCommand.self, SubmitCommand.self, EvidenceCommand.self, CaseCommand.self, TipCommand.self, HeatMapCommand.self, ReportCommand.self,
        ]
    )

    public init() {}
}

extension SweepCommand {
    /// Parses the arguments and runs the chosen command, async or not. (Calling `main()` from a
    /// top-level file picks ArgumentParser's synchronous entry point, which refuses async commands.)
    public static func runMain(_ arguments: [String]? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as SweepError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch let error as ProblemDetails {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch let error as PSQLError {
            FileHandle.standardError.write(Data("error: database: \(SweepErrorMapping.describe(error))\n".utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

extension ProblemDetails {
    /// The same sysexits codes as for local errors, from the server's answer.
    var exitCode: Int32 {
        switch status {
        case 422: return type.hasSuffix("/infeasible") ? 1 : 65
        case 404: return 66
        case 401, 403: return 77
        case 503: return 69
        default: return 1
        }
    }
}

extension SweepError {
    /// Exit codes follow sysexits(3) where one fits, so scripts can tell input errors from outages.
    var exitCode: Int32 {
        switch self {
        case .invalid: return 65        // EX_DATAERR
        case .notFound: return 66       // EX_NOINPUT
        case .conflict, .infeasible: return 1
        case .unauthenticated, .forbidden: return 77  // EX_NOPERM
        case .unavailable: return 69    // EX_UNAVAILABLE
        case .schema: return 78         // EX_CONFIG
        case .tooManyRequests, .busy: return 75  // EX_TEMPFAIL
        }
    }
}
