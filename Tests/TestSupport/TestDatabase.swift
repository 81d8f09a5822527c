import Foundation
import Logging
import SweepCore
import SweepStore

/// Real PostgreSQL for tests: one migrated template per test process, and a fresh database cloned
/// from it for each test (`CREATE DATABASE … TEMPLATE`, ~0.3 s), dropped afterwards, so tests run in
/// parallel without seeing each other's rows.
///
/// The server is the one `DATABASE_URL`/`PGHOST` name, else an embedded cluster under
/// `data/test` in the package, started on first use (ops/test stops it at the end).
public enum TestDatabase {
    public static let logger: Logger = {
        var logger = Logger(label: "sweep.test")
        logger.logLevel = ProcessInfo.processInfo.environment["SWEEP_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }()

    /// The package's root folder, found from this file's path.
    public static let packageRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// The server target (database name is replaced per test).
    public static func serverTarget() throws -> DatabaseTarget {
        try DatabaseTarget.fromEnvironment(dataRoot: packageRoot + "/data/test")
    }

    /// Runs `body` with a new, migrated, empty database; drops it afterwards.
    public static func withDatabase<T: Sendable>(_ body: @Sendable (Database) async throws -> T) async throws -> T {
        let target = try await TemplateState.shared.newDatabase()
        do {
            let result = try await DatabaseRunner.withClient(target, logger: logger) { db in try await body(db) }
            try? await DatabaseRunner.dropDatabase(target.configuration.database!, on: target, logger: logger)
            return result
        } catch {
            try? await DatabaseRunner.dropDatabase(target.configuration.database!, on: target, logger: logger)
            throw error
        }
    }

    /// A new migrated database that the caller must drop (for tests that run the CLI or a server).
    public static func makeDatabase() async throws -> DatabaseTarget {
        try await TemplateState.shared.newDatabase()
    }

    public static func drop(_ target: DatabaseTarget) async {
        try? await DatabaseRunner.dropDatabase(target.configuration.database!, on: target, logger: logger)
    }
}

/// Builds the template once and hands out clones one at a time (clones of one template must not overlap).
actor TemplateState {
    static let shared = TemplateState()

    /// One creation shared by every caller: actor methods interleave at awaits, so a plain
    /// optional would let two tests build (and drop) the template at once.
    private var template: Task<DatabaseTarget, any Error>?
    private var counter = 0
    private let pid = ProcessInfo.processInfo.processIdentifier

    func newDatabase() async throws -> DatabaseTarget {
        let template = try await templateTarget()
        counter += 1
        let name = "sweep_test_\(pid)_\(counter)"
        try? await DatabaseRunner.dropDatabase(name, on: template, logger: TestDatabase.logger)
        try await DatabaseRunner.createDatabaseIfMissing(name, on: template, template: template.configuration.database!, logger: TestDatabase.logger)
        return template.withDatabase(name)
    }

    private func templateTarget() async throws -> DatabaseTarget {
        if let template { return try await template.value }
        let pid = self.pid
        let task = Task { try await Self.buildTemplate(pid: pid) }
        template = task
        return try await task.value
    }

    private static func buildTemplate(pid: Int32) async throws -> DatabaseTarget {
        let server = try TestDatabase.serverTarget()
        if case .embedded(let cluster) = server.kind {
            try cluster.start(logger: TestDatabase.logger)
        }
        let name = "sweep_template_\(pid)"
        let target = server.withDatabase(name)
        try await DatabaseRunner.dropDatabase(name, on: target, logger: TestDatabase.logger)
        try await DatabaseRunner.createDatabaseIfMissing(name, on: target, template: nil, logger: TestDatabase.logger)
        try await DatabaseRunner.withClient(target, logger: TestDatabase.logger) { db in
            try await Migrator.bundled().migrate(db)
        }
        // Old templates of crashed runs would pile up; they are cheap to find by name.
        try await DatabaseRunner.withClient(server.withDatabase("postgres"), logger: TestDatabase.logger) { db in
            let rows = try await db.query("SELECT datname FROM pg_database WHERE datname LIKE 'sweep_t%' AND datname NOT LIKE \("%_\(pid)%")")
            var stale: [String] = []
            for try await name in rows.decode(String.self) { stale.append(name) }
            for name in stale where !name.hasSuffix("_\(pid)") {
                try? await DatabaseRunner.dropDatabase(name, on: server, logger: TestDatabase.logger)
            }
        }
        return target
    }
}
