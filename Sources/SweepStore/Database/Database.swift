import Foundation
import Logging
import PostgresNIO
import SweepCore

/// A running connection pool, the gate in front of it and the logger its queries use. Every store takes one.
public struct Database: Sendable {
    public let client: PostgresClient
    public let target: DatabaseTarget
    public let logger: Logger
    /// Fails fast while the server is down and refuses work beyond the pool's queue (``DatabaseGate``);
    /// without one given, a patient gate (commands and tests wait their turn).
    public let gate: DatabaseGate

    public init(client: PostgresClient, target: DatabaseTarget, logger: Logger, gate: DatabaseGate? = nil) {
        self.client = client
        self.target = target
        self.logger = logger
        self.gate = gate ?? DatabaseGate(settings: .patient(capacity: target.configuration.options.maximumConnections))
    }

    /// Runs `body` in a transaction, unwrapping PostgresNIO's transaction error so that callers see
    /// the `SweepError` the body threw (or the mapped database error).
    public func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let logger = self.logger
        return try await gate.leased(client) { connection in
            try await connection.withTransaction(logger: logger) { connection in
                try await body(connection)
            }
        }
    }

    /// Runs `body` in a transaction whose row-level security is narrowed to `scope` (sql/0012):
    /// the database itself then returns nothing outside the caller's reach, whatever the query
    /// asks. Everywhere-scopes run `body` on a plain connection.
    public func scoped<T: Sendable>(_ scope: ListScope, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let reach = scope.jurisdictionIds.map { $0.isEmpty ? "0" : $0.map(String.init).joined(separator: ",") } ?? "*"
        let department = scope.department?.rawValue ?? ""
        if reach == "*" && department.isEmpty {
            return try await gate.leased(client) { conn in try await body(conn) }
        }
        return try await transaction { conn in
            for try await _ in try await conn.query("SELECT set_config('sweep.reach', \(reach), true), set_config('sweep.department', \(department), true)",
                                                    logger: logger) {}
            return try await body(conn)
        }
    }

    /// Runs one query with error mapping.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await gate.query(client, query, logger: logger)
    }

    /// `SELECT 1` through the pool even during an outage: how the watch learns the server is back.
    public func probe(timeout: Duration) async throws {
        try await gate.leased(client, probe: true, timeout: timeout) { conn in
            for try await _ in try await conn.query("SELECT 1", logger: logger) {}
        }
    }
}

/// Opens the database named by a target for the duration of a closure.
public enum DatabaseRunner {
    /// Starts the embedded cluster when that is the target, creates the product's database in it when
    /// missing, runs a pool, checks that the server answers, then runs `body`.
    public static func withDatabase<T: Sendable>(
        _ target: DatabaseTarget, logger: Logger, startEmbedded: Bool = true,
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        if case .embedded(let cluster) = target.kind {
            if startEmbedded {
                try cluster.start(logger: logger)
            } else if !(try cluster.status().running) {
                throw SweepError.unavailable("the embedded PostgreSQL is not running: start it with `sweep db start` (or set DATABASE_URL)")
            }
            try await ensureDatabase(target: target, cluster: cluster, logger: logger)
        }
        return try await withClient(target, logger: logger) { db in
            try await probe(db)
            return try await body(db)
        }
    }

    /// Runs a pool for `target` without any checks (used to reach the maintenance database).
    @discardableResult
    public static func withClient<T: Sendable>(_ target: DatabaseTarget, logger: Logger,
                                               _ body: @Sendable (Database) async throws -> T) async throws -> T {
        // A command (or a test) needs a few connections, not the default twenty: the test suite runs
        // dozens of these at once, and a server out of connection slots makes every new pool retry
        // forever (one stalled run was exactly that).
        var configuration = target.configuration
        configuration.options.maximumConnections = min(configuration.options.maximumConnections, 8)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(Database(client: client, target: target, logger: logger))
        }
    }

    /// A cheap query with a deadline, so that a server that is down gives one clear message instead
    /// of a pool that keeps retrying.
    static func probe(_ db: Database, seconds: Int = 15) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                // Read to the end, so that the connection is back in the pool when the probe returns.
                for try await _ in try await db.client.query("SELECT 1", logger: db.logger) {}
                return true
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return false
            }
            do {
                let first = try await group.next() ?? false
                group.cancelAll()
                if !first {
                    throw SweepError.unavailable("cannot connect to PostgreSQL (\(db.target)): no answer within \(seconds) s. Is the server running and reachable?")
                }
            } catch let error as SweepError {
                throw error
            } catch {
                group.cancelAll()
                throw SweepError.unavailable("cannot connect to PostgreSQL (\(db.target)): \(SweepErrorMapping.describe(error))")
            }
        }
    }

    static func ensureDatabase(target: DatabaseTarget, cluster: EmbeddedCluster, logger: Logger) async throws {
        guard let name = target.configuration.database, name != "postgres" else { return }
        try await createDatabaseIfMissing(name, on: target, template: nil, logger: logger)
    }

    /// Creates a database (optionally from a template) through the maintenance database `postgres`.
    public static func createDatabaseIfMissing(_ name: String, on target: DatabaseTarget, template: String?, logger: Logger) async throws {
        try validateIdentifier(name)
        if let template { try validateIdentifier(template) }
        try await withClient(target.withDatabase("postgres"), logger: logger) { db in
            try await probe(db)
            var exists = false
            for try await _ in try await db.query("SELECT 1 FROM pg_database WHERE datname = \(name)") { exists = true }
            if exists { return }
            let templateClause = template.map { " TEMPLATE \"\($0)\"" } ?? ""
            for attempt in 1... {
                do {
                    for try await _ in try await db.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\"\(templateClause)"), logger: logger) {}
                    return
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P04" {
                    return  // created concurrently by another process
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55006" && attempt < 40 {
                    // The template's last connections are still closing (a pool that just shut down).
                    try await Task.sleep(for: .milliseconds(250))
                }
            }
        }
    }

    /// Drops a database (tests). Refuses anything but a local server.
    public static func dropDatabase(_ name: String, on target: DatabaseTarget, logger: Logger) async throws {
        try validateIdentifier(name)
        let host = target.configuration.host ?? "unix"
        guard ["unix", "localhost", "127.0.0.1", "::1"].contains(host) else {
            throw SweepError.forbidden("refusing to drop database \(name) on non-local host \(host)")
        }
        try await withClient(target.withDatabase("postgres"), logger: logger) { db in
            for try await _ in try await db.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)"), logger: logger) {}
        }
    }

    static func validateIdentifier(_ name: String) throws {
        guard name.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
            throw SweepError.invalid(field: "database", reason: "\(name) is not a plain lower-case identifier")
        }
    }
}
