import Foundation
import Metrics
import NIOConcurrencyHelpers
import PostgresNIO
import SweepCore

/// Stands in front of the connection pool so that a request never waits on PostgreSQL without
/// bound: while the database is known to be down every operation fails at once with the reason;
/// an operation that cannot get a connection within `leaseTimeout` fails instead of hanging (the
/// pool itself would queue it until the server came back); and past `capacity + queueLimit`
/// operations in flight, new ones are refused (`SweepError.busy`) rather than queued.
///
/// PostgresNIO's pool reconnects by itself (backoff from 100 ms, growing by a quarter per failed
/// attempt); the gate only tracks what callers see, and the watch (`DatabaseWatch`) clears an
/// outage as soon as a probe through the same pool succeeds.
public final class DatabaseGate: Sendable {
    public struct Settings: Sendable {
        /// The pool's connection count (operations beyond it wait for a connection).
        public var capacity: Int
        /// Operations that may wait for a connection before new ones are refused.
        public var queueLimit: Int
        /// How long an operation may wait for a connection.
        public var leaseTimeout: Duration

        public init(capacity: Int, queueLimit: Int? = nil, leaseTimeout: Duration = .seconds(5)) {
            self.capacity = max(capacity, 1)
            self.queueLimit = queueLimit ?? 2 * max(capacity, 1)
            self.leaseTimeout = leaseTimeout
        }

        /// For commands and tests, which wait their turn as long as it takes rather than answer a
        /// user (a busy test server runs out of connection slots for seconds at a time): a long wait,
        /// no queue limit.
        public static func patient(capacity: Int) -> Settings {
            Settings(capacity: capacity, queueLimit: Int.max / 2, leaseTimeout: .seconds(120))
        }
    }

    /// Why and since when the database is unreachable.
    public struct Outage: Sendable, Equatable {
        public var since: Date
        public var reason: String
    }

    /// What `/readyz` and `/metrics` show.
    public struct Snapshot: Sendable {
        public var outage: Outage?
        public var leased: Int
        public var waiting: Int
        public var capacity: Int
        public var queueLimit: Int
    }

    private struct State {
        var leased = 0
        var waiting = 0
        var outage: Outage?
        /// During an outage one operation a second goes through as a probe, so that a gate without
        /// a watch (a command, a test) finds the server back by itself.
        var lastTry: ContinuousClock.Instant?
    }

    public let settings: Settings
    private let state = NIOLockedValueBox(State())
    private let inUseGauge = Gauge(label: "sweep_db_connections_in_use")
    private let waitingGauge = Gauge(label: "sweep_db_operations_waiting")
    private let upGauge = Gauge(label: "sweep_db_up")
    private let shed = Counter(label: "sweep_db_operations_refused_total", dimensions: [("reason", "busy")])
    private let failedFast = Counter(label: "sweep_db_operations_refused_total", dimensions: [("reason", "outage")])
    private let leaseTimeouts = Counter(label: "sweep_db_lease_timeouts_total")
    private let outages = Counter(label: "sweep_db_outages_total")

    public init(settings: Settings) {
        self.settings = settings
        Gauge(label: "sweep_db_pool_size").record(settings.capacity)
        upGauge.record(1)
    }

    public var snapshot: Snapshot {
        state.withLockedValue { s in
            Snapshot(outage: s.outage, leased: s.leased, waiting: s.waiting, capacity: settings.capacity, queueLimit: settings.queueLimit)
        }
    }

    /// Runs `body` on a pooled connection, with the admission rules above. `probe` lets the watch
    /// through during an outage (it is how the outage ends).
    func leased<T: Sendable>(_ client: PostgresClient, probe: Bool = false, timeout: Duration? = nil,
                             _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try admit(probe: probe)
        let started = NIOLockedValueBox(false)
        do {
            let value = try await withoutActuallyEscaping(body) { body in
                let work = UncheckedBody(run: body)
                return try await withThrowingTaskGroup(of: Leg<T>.self) { group in
                    group.addTask {
                        .done(try await client.withConnection { connection in
                            self.began(started)
                            return try await work.run(connection)
                        })
                    }
                    group.addTask {
                        try await Task.sleep(for: timeout ?? self.settings.leaseTimeout)
                        return .timer
                    }
                    while let leg = try await group.next() {
                        switch leg {
                        case .done(let value):
                            group.cancelAll()
                            return value
                        case .timer:
                            // A connection came in time: the operation may run as long as it needs.
                            if !started.withLockedValue({ $0 }) { throw LeaseTimeout(after: timeout ?? self.settings.leaseTimeout) }
                        }
                    }
                    throw CancellationError()
                }
            }
            release(started)
            recovered()
            return value
        } catch {
            release(started)
            throw problem(error)
        }
    }

    /// Runs a query that the pool leases for itself (rows stream after it returns), with the same
    /// admission and outage rules; the lease timeout bounds the wait for the first answer.
    func query(_ client: PostgresClient, _ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try admit(probe: false)
        let started = NIOLockedValueBox(false)
        do {
            let rows = try await withThrowingTaskGroup(of: Leg<PostgresRowSequence>.self) { group in
                group.addTask { .done(try await client.query(query, logger: logger)) }
                group.addTask {
                    try await Task.sleep(for: self.settings.leaseTimeout)
                    return .timer
                }
                while let leg = try await group.next() {
                    switch leg {
                    case .done(let rows):
                        group.cancelAll()
                        self.began(started)
                        return rows
                    case .timer:
                        throw LeaseTimeout(after: self.settings.leaseTimeout)
                    }
                }
                throw CancellationError()
            }
            release(started)
            recovered()
            return rows
        } catch {
            release(started)
            throw problem(error)
        }
    }

    /// Ends an outage (the watch's probe got through).
    public func recovered() {
        let ended = state.withLockedValue { s -> Outage? in
            defer { s.outage = nil; s.lastTry = nil }
            return s.outage
        }
        if ended != nil { upGauge.record(1) }
    }

    /// Starts an outage (or keeps the first reason of the one under way).
    public func lost(_ reason: String) {
        let started = state.withLockedValue { s -> Bool in
            guard s.outage == nil else { return false }
            s.outage = Outage(since: Date(), reason: reason)
            return true
        }
        if started {
            upGauge.record(0)
            outages.increment()
        }
    }

    // MARK: - Bookkeeping

    private func admit(probe: Bool) throws {
        let refusal = state.withLockedValue { s -> SweepError? in
            if let outage = s.outage, !probe {
                let now = ContinuousClock.now
                if let last = s.lastTry, now - last < .seconds(1) {
                    return .unavailable(Self.describe(outage))
                }
                s.lastTry = now
            }
            if !probe && s.leased + s.waiting >= settings.capacity + settings.queueLimit {
                return .busy("the database has \(s.leased) operations running and \(s.waiting) waiting (the limit is \(settings.capacity) + \(settings.queueLimit)); try again in a second")
            }
            s.waiting += 1
            return nil
        }
        if let refusal {
            if case .busy = refusal { shed.increment() } else { failedFast.increment() }
            throw refusal
        }
        publish()
    }

    private func began(_ started: NIOLockedValueBox<Bool>) {
        let first = started.withLockedValue { flag -> Bool in
            defer { flag = true }
            return !flag
        }
        guard first else { return }
        state.withLockedValue { s in
            s.waiting -= 1
            s.leased += 1
        }
        publish()
    }

    /// Gives back the operation's place.
    private func release(_ started: NIOLockedValueBox<Bool>) {
        let wasLeased = started.withLockedValue { $0 }
        state.withLockedValue { s in
            if wasLeased { s.leased -= 1 } else { s.waiting -= 1 }
        }
        publish()
    }

    /// What went wrong, as callers should see it; a sign that the server is unreachable starts an outage.
    private func problem(_ error: any Error) -> any Error {
        if let timeout = error as? LeaseTimeout {
            leaseTimeouts.increment()
            let seconds = Double(timeout.after.components.seconds) + Double(timeout.after.components.attoseconds) / 1e18
            let reason = "no database connection within \(String(format: "%g", seconds)) s"
            // Waiting that long with nothing leased means the server is not answering, not that it is busy.
            if snapshot.leased == 0 { lost(reason) }
            return SweepError.unavailable("the database is unavailable: \(reason); try again shortly")
        }
        let mapped = SweepErrorMapping.map(error)
        if let reason = Self.connectionFailure(error) {
            lost(reason)
            return SweepError.unavailable("the database is unavailable: \(reason); try again shortly")
        }
        return mapped
    }

    private func publish() {
        let (leased, waiting) = state.withLockedValue { ($0.leased, $0.waiting) }
        inUseGauge.record(leased)
        waitingGauge.record(waiting)
    }

    /// The reason when `error` says the server cannot be reached (rather than that a statement failed).
    static func connectionFailure(_ error: any Error) -> String? {
        // The pool's own circuit breaker (after a minute of failed connection attempts); its error
        // type lives in an underscored module PostgresNIO does not export.
        if String(reflecting: type(of: error)).hasSuffix("ConnectionPoolError") {
            return "connections to PostgreSQL keep failing (\(error))"
        }
        if let tx = error as? PostgresTransactionError {
            return (tx.beginError ?? tx.closureError ?? tx.commitError).flatMap(connectionFailure)
        }
        guard let psql = error as? PSQLError else { return nil }
        if let state = psql.serverInfo?[.sqlState] {
            return ["57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"].contains(state)
                ? (psql.serverInfo?[.message] ?? "the server is shutting down") : nil
        }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed:
            return SweepErrorMapping.describe(psql)
        default:
            return nil
        }
    }

    public static func describe(_ outage: Outage) -> String {
        let seconds = Int(Date().timeIntervalSince(outage.since).rounded())
        let since = ISO8601DateFormatter().string(from: outage.since)
        return "the database is unavailable since \(since) (\(seconds) s): \(outage.reason); Sweep reconnects by itself, try again shortly"
    }

    private struct LeaseTimeout: Error {
        let after: Duration
    }

    private enum Leg<T: Sendable>: Sendable {
        case done(T)
        case timer
    }

    /// The caller's closure, carried into the child task that holds the lease. Sound because the
    /// caller waits for that task and the closure runs exactly once.
    private struct UncheckedBody<T>: @unchecked Sendable {
        let run: (PostgresConnection) async throws -> T
    }
}
