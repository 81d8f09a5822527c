import ArgumentParser
import Foundation
import Logging
import SweepCore
import SweepAPI
import SweepClient
import SweepStore

/// Where the database is, for admin commands. The environment decides (DATABASE_URL, PG*), else the
/// embedded cluster under `--data-dir` / `SWEEP_DATA_DIR` / `./data`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "Data folder of the embedded PostgreSQL (default: $SWEEP_DATA_DIR or ./data). Ignored when DATABASE_URL or PGHOST is set.")
    var dataDir: String?

    func target() throws -> DatabaseTarget {
        try DatabaseTarget.fromEnvironment(dataRoot: dataDir.map { ($0 as NSString).expandingTildeInPath })
    }

    /// Opens the database (starting the embedded cluster if needed) and checks the schema is current.
    func withMigratedDatabase<T: Sendable>(logger: Logger, _ body: @Sendable (Database) async throws -> T) async throws -> T {
        try await DatabaseRunner.withDatabase(target(), logger: logger) { db in
            try await Migrator.bundled().requireCurrent(db)
            return try await body(db)
        }
    }
}

/// Where the API is and who we are, for user commands.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: "Base URL of the Sweep server (default: $SWEEP_SERVER or http://127.0.0.1:8080).")
    var server: String?

    @Option(name: .long, help: "Bearer token (default: $SWEEP_TOKEN). Admins issue tokens with `sweep token issue`.")
    var token: String?

    func client() throws -> SweepClient {
        let env = ProcessInfo.processInfo.environment
        let raw = server ?? env["SWEEP_SERVER"] ?? "http://127.0.0.1:8080"
        guard let url = URL(string: raw), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw SweepError.invalid(field: "--server", reason: "\(raw) is not an http(s) URL")
        }
        let secret = token ?? env["SWEEP_TOKEN"]
        guard let secret, !secret.isEmpty else {
            throw SweepError.invalid(field: "--token", reason: "no token: pass --token or set SWEEP_TOKEN (an admin issues one with `sweep token issue`; `sweep demo seed` prints demo tokens)")
        }
        return .init(baseURL: url, token: secret)
    }
}

/// Output format of listing commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    /// Prints `value` as JSON, or the rows as a table or CSV: the one place the format is chosen.
    func print<T: Encodable>(_ value: T, header: [String], rows: [[String]]) throws {
        switch format {
        case .json: Console.out(try Self.json(value))
        case .csv: Console.out(CSVText.render(header: header, rows: rows))
        case .table: Console.out(TextTable.render(header: header, rows: rows))
        }
    }

    /// Prints `value` as JSON, or `text` for people (table and CSV alike: the value is not tabular).
    func print<T: Encodable>(_ value: T, text: @autoclosure () -> String) throws {
        Console.out(format == .json ? try Self.json(value) : text())
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = WireCoding.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Loggers for commands: `SWEEP_LOG_LEVEL` (trace…critical) or the command's default.
enum CLILogger {
    static func make(_ label: String, default level: Logger.Level = .notice) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = ProcessInfo.processInfo.environment["SWEEP_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? level
        return logger
    }
}
