import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Applies `sql/` migrations: each in its own transaction, all under one advisory lock, every applied
/// file recorded with its checksum so that an edited migration is refused by name.
public struct Migrator: Sendable {
    public let files: [MigrationFile]

    /// Arbitrary but fixed: "SWEEP" in ASCII. Every sweep process migrating one database takes it.
    static let lockKey: Int64 = 0x53_57_45_45_50

    public init(files: [MigrationFile]) { self.files = files }

    /// The bundled (or `SWEEP_SQL_DIR`) migrations.
    public static func bundled() throws -> Migrator {
        Migrator(files: try MigrationFile.load(from: MigrationFile.defaultDirectory()))
    }

    /// What the database holds compared with this build.
    public struct State: Sendable {
        public var applied: [Int: String]
        public var pending: [MigrationFile]
    }

    /// Reads applied migrations and checks them against the files. Read-only (readiness calls it):
    /// a database never migrated has no `schema_migrations` table and everything is pending.
    public func state(_ db: Database) async throws -> State {
        var applied: [Int: (String, String)] = [:]
        do {
            let rows = try await db.query("SELECT version, file_name, checksum FROM schema_migrations ORDER BY version")
            for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
                applied[version] = (name, checksum)
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P01" {
            applied = [:]
        }
        try verify(applied)
        return State(applied: applied.mapValues { $0.0 }, pending: files.filter { applied[$0.version] == nil })
    }

    private func createLedger(_ db: Database) async throws {
        try await db.query("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                file_name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
    }

    /// Applies pending migrations. With `dryRun`, only reports what would run.
    /// - Returns: the files applied (or that would be).
    @discardableResult
    public func migrate(_ db: Database, dryRun: Bool = false) async throws -> [MigrationFile] {
        if !dryRun { try await createLedger(db) }
        let pending = try await state(db).pending
        if dryRun { return pending }
        var done: [MigrationFile] = []
        for file in pending {
            let statements = SQLSplitter.split(file.sql)
            let applied: Bool = try await db.transaction { conn in
                try await conn.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: db.logger)
                // Another process may have applied it while we waited for the lock.
                let rows = try await conn.query("SELECT checksum FROM schema_migrations WHERE version = \(file.version)", logger: db.logger)
                for try await checksum in rows.decode(String.self) {
                    if checksum != file.checksum { throw Self.editedError(file.fileName, stored: checksum, onDisk: file.checksum) }
                    return false
                }
                for (index, statement) in statements.enumerated() {
                    do {
                        try await conn.query(PostgresQuery(unsafeSQL: statement), logger: db.logger)
                    } catch {
                        throw SweepError.schema("\(file.fileName), statement \(index + 1) failed: \(SweepErrorMapping.describe(error))\n\(statement.prefix(300))")
                    }
                }
                try await conn.query("""
                    INSERT INTO schema_migrations (version, file_name, checksum)
                    VALUES (\(file.version), \(file.fileName), \(file.checksum))
                    """, logger: db.logger)
                return true
            }
            if applied {
                db.logger.info("applied migration", metadata: ["migration.file": "\(file.fileName)"])
                done.append(file)
            }
        }
        return done
    }

    /// The server refuses to start on a schema that is behind or differs.
    public func requireCurrent(_ db: Database) async throws {
        let state = try await state(db)
        if !state.pending.isEmpty {
            let names = state.pending.map(\.fileName).joined(separator: ", ")
            throw SweepError.schema("the database is behind this build (pending: \(names)); run `sweep migrate`")
        }
    }

    private func verify(_ applied: [Int: (String, String)]) throws {
        let byVersion = Dictionary(uniqueKeysWithValues: files.map { ($0.version, $0) })
        for (version, (name, checksum)) in applied.sorted(by: { $0.key < $1.key }) {
            guard let file = byVersion[version] else {
                throw SweepError.schema("the database has migration \(name), which this build does not have; use a newer sweep")
            }
            if file.checksum != checksum {
                throw Self.editedError(file.fileName, stored: checksum, onDisk: file.checksum)
            }
        }
    }

    static func editedError(_ name: String, stored: String, onDisk: String) -> SweepError {
        .schema("migration \(name) was edited after it was applied (checksum \(stored.prefix(12)) in the database, \(onDisk.prefix(12)) on disk); restore it and add a new migration instead")
    }
}
