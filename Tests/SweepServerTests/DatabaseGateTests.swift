import Foundation
import HTTPTypes
import PostgresNIO
import SweepAPI
import SweepCore
@testable import SweepStore
import Testing
import TestSupport
@testable import SweepServer

/// The gate in front of the pool: work beyond the pool and its queue is refused at once, a wait for
/// a connection has a limit, and both answer 503 with Retry-After rather than a hang or a 500.
@Suite struct DatabaseGateTests {
    /// A pool of `connections` with its own gate on a test database.
    static func withGatedDatabase(connections: Int, queue: Int, wait: Duration,
                                  _ body: @Sendable (Database) async throws -> Void) async throws {
        try await TestDatabase.withDatabase { shared in
            var configuration = shared.target.configuration
            configuration.options.maximumConnections = connections
            let client = PostgresClient(configuration: configuration, backgroundLogger: TestDatabase.logger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                let gate = DatabaseGate(settings: .init(capacity: connections, queueLimit: queue, leaseTimeout: wait))
                try await body(Database(client: client, target: shared.target, logger: TestDatabase.logger, gate: gate))
            }
        }
    }

    static func hold(_ db: Database, seconds: Double) async throws {
        try await db.transaction { conn in
            for try await _ in try await conn.query("SELECT pg_sleep(\(seconds))", logger: db.logger) {}
        }
    }

    @Test func workBeyondThePoolAndItsQueueIsRefusedAtOnce() async throws {
        try await Self.withGatedDatabase(connections: 2, queue: 1, wait: .seconds(30)) { db in
            let clock = ContinuousClock()
            let outcomes = try await withThrowingTaskGroup(of: (String, Duration).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let started = clock.now
                        do {
                            try await Self.hold(db, seconds: 2)
                            return ("done", clock.now - started)
                        } catch SweepError.busy(let why) {
                            #expect(why.contains("the limit is 2 + 1"), "\(why)")
                            return ("busy", clock.now - started)
                        }
                    }
                }
                return try await group.reduce(into: [(String, Duration)]()) { $0.append($1) }
            }
            // Two hold the connections, one waits for them; the other five are told at once.
            #expect(outcomes.filter { $0.0 == "done" }.count == 3)
            #expect(outcomes.filter { $0.0 == "busy" }.count == 5)
            #expect(outcomes.filter { $0.0 == "busy" }.allSatisfy { $0.1 < .seconds(1) })
            #expect(db.gate.snapshot.leased == 0 && db.gate.snapshot.waiting == 0)
        }
    }

    @Test func aWaitForAConnectionEndsAtItsLimitWithoutCallingItAnOutage() async throws {
        // The holder may wait as long as a loaded machine needs to open the connection; the probes below wait 0.5 s.
        try await Self.withGatedDatabase(connections: 1, queue: 4, wait: .seconds(60)) { db in
            let clock = ContinuousClock()
            async let holder: Void = Self.hold(db, seconds: 3)
            let deadline = clock.now + .seconds(60)
            while db.gate.snapshot.leased == 0 && clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            try #require(db.gate.snapshot.leased == 1, "the holder never got the connection")
            let started = clock.now
            do {
                try await db.gate.leased(db.client, timeout: .milliseconds(500)) { _ in }
                Issue.record("a second operation got the only connection")
            } catch SweepError.unavailable(let why) {
                #expect(why.contains("no database connection within 0.5 s"), "\(why)")
            }
            let waited = clock.now - started
            #expect(waited >= .milliseconds(400) && waited < .seconds(4), "\(waited)")
            // A busy database is not a database that is down: later work is not refused for it.
            #expect(db.gate.snapshot.outage == nil)
            try await holder
            try await db.transaction { _ in }
        }
    }

    @Test func busyAndUnavailableAnswer503WithRetryAfter() throws {
        let busy = ProblemMiddleware.response(ProblemMiddleware.problem(for: .busy("queue full")))
        #expect(busy.status.code == 503 && busy.headers[.retryAfter] == "1")
        let down = ProblemMiddleware.response(ProblemMiddleware.problem(for: .unavailable("the database is unavailable")))
        #expect(down.status.code == 503 && down.headers[.retryAfter] == "5")
    }

    @Test func theDatabaseSettingsComeFromTheEnvironmentAndBadOnesAreNamed() throws {
        var settings = ServerSettings()
        try settings.apply(environment: ["SWEEP_DB_WAIT_SECONDS": "2.5", "SWEEP_DB_QUEUE": "7", "SWEEP_METRICS_TOKEN": "0123456789abcdef0123"])
        #expect(settings.databaseWait == .milliseconds(2500) && settings.databaseQueue == 7 && settings.metricsToken == "0123456789abcdef0123")
        for (name, value) in [("SWEEP_DB_WAIT_SECONDS", "0"), ("SWEEP_DB_WAIT_SECONDS", "soon"), ("SWEEP_DB_QUEUE", "-1"), ("SWEEP_METRICS_TOKEN", "short")] {
            var bad = ServerSettings()
            #expect { try bad.apply(environment: [name: value]) } throws: { error in
                guard case SweepError.invalid(let issues) = error else { return false }
                return issues.first?.location == name
            }
        }
    }
}
