import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Synchronization
import SweepAPI
import SweepCore
import SweepStore
import Testing
import TestSupport
@testable import SweepServer

/// PostgreSQL restarted under a stream of submissions, on a cluster of this test's own (the shared
/// test cluster serves every other test): requests during the outage get 503 fast with the reason,
/// `/readyz` says so, Sweep recovers by itself, every acknowledged visit is stored exactly once, and
/// the heat index catches up from its change feed without a full reload.
@Suite struct DatabaseRestartTests {
    final class Tally: Sendable {
        struct State {
            var acknowledged: [UUID] = []
            var statuses: [Int: Int] = [:]
            var slowest503: Duration = .zero
            var missingRetryAfter = 0
            var unexpected: [String] = []
            /// Requests the test client gave up on (20 s): on a machine running the whole suite on two
            /// cores the server can be that slow; a phone would send again, and so does the test.
            var unanswered = 0
            var stop = false
        }
        let state = Mutex(State())
    }

    /// Run on its own (`ops/test` does, after the suite): it stops and starts a PostgreSQL server, and
    /// beside 400 other tests on two cores its timings measure the machine, not Sweep.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SWEEP_ISOLATED_TESTS"] == "1", "set SWEEP_ISOLATED_TESTS=1 (ops/test runs it alone)"))
    func aRestartedDatabaseLosesNoAcknowledgedVisitAndHangsNoRequest() async throws {
        try await TestDeadline.run("the database restart test", seconds: 150) {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-restart-\(UUID().uuidString.prefix(8))").path
            let cluster = EmbeddedCluster(dataRoot: root)
            do {
                _ = try await OffPool.run { try cluster.start(logger: TestDatabase.logger) }
                try await Self.exercise(cluster)
            } catch {
                _ = try? await OffPool.run { try cluster.stop() }
                try? FileManager.default.removeItem(atPath: root)
                throw error
            }
            _ = try? await OffPool.run { try cluster.stop() }
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    static func exercise(_ cluster: EmbeddedCluster) async throws {
        let target = DatabaseTarget.embedded(cluster, database: "sweep")
        let logger = TestDatabase.logger
        try await DatabaseRunner.createDatabaseIfMissing("sweep", on: target, template: nil, logger: logger)
        try await DatabaseRunner.withClient(target, logger: logger) { owner in
            _ = try await Migrator.bundled().migrate(owner)
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            let report = try await DemoSeeder(db: owner).seed(city, scale: "small", seed: 11, actor: "test")
            let token = try #require(report.tokens.first { $0.principal.role == .coordinator }?.secret)
            let cafe = try await FindingsAPITests.cafe(owner).id

            SweepMetrics.bootstrap()
            let gate = DatabaseGate(settings: .init(capacity: 8, leaseTimeout: .seconds(2)))
            let db = Database(client: owner.client, target: target, logger: logger, gate: gate)
            let services = try AppServices(db: db, settings: .init(port: 0))
            let app = try buildApplication(app: services, logger: logger)
            let month = String(ISODay.format(Date()).prefix(7))
            let next = String(ISODay.format(Date().addingTimeInterval(32 * 86_400)).prefix(7))
            let heatmap = "/v1/heatmap?from=2025-12&to=\(next)"

            try await app.test(.live) { client in
                try await Self.patiently { try await client.execute(uri: heatmap, method: .get, headers: APITests.auth(token)) { r in #expect(r.status == .ok, "\(String(buffer: r.body))") } }
                #expect(await services.heatIndex.loads == 1)
                let tally = Tally()
                let clock = ContinuousClock()
                let submitters = Task {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for _ in 0..<4 {
                            group.addTask {
                                while !tally.state.withLock({ $0.stop }) {
                                    try await Self.fileUntilAcknowledged(client, token: token, cafe: cafe, tally: tally, clock: clock)
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                }

                try await Task.sleep(for: .seconds(2))
                #expect(try await OffPool.run { try cluster.stop() })
                try await Task.sleep(for: .seconds(1))
                // Readiness during the outage: answered at once, with the reason.
                let asked = clock.now
                try await Self.patiently {
                    try await client.execute(uri: "/readyz", method: .get) { r in
                        #expect(r.status.code == 503)
                        let text = String(buffer: r.body)
                        #expect(text.contains("unavailable since"), "\(text)")
                    }
                }
                #expect(clock.now - asked < .seconds(3))
                try await Task.sleep(for: .seconds(3))
                #expect(try await OffPool.run { try cluster.start(logger: logger) })
                let restarted = clock.now
                var ready = false
                while !ready && clock.now - restarted < .seconds(30) {
                    try await Task.sleep(for: .milliseconds(100))
                    ready = (try? await client.execute(uri: "/readyz", method: .get) { $0.status == .ok }) ?? false
                }
                #expect(ready, "not ready 30 s after the database came back")
                let recovery = clock.now - restarted
                try await Task.sleep(for: .seconds(2))
                tally.state.withLock { $0.stop = true }
                try await submitters.value

                let seen = tally.state.withLock { $0 }
                print("database restart: \(seen.acknowledged.count) visits acknowledged, statuses \(seen.statuses), \(seen.unanswered) not answered within 20 s, slowest 503 \(seen.slowest503), ready again \(recovery) after the restart")
                #expect(seen.unexpected.isEmpty, "\(seen.unexpected.prefix(5))")
                #expect(seen.statuses[500] == nil)
                #expect((seen.statuses[503] ?? 0) > 0, "the outage was not seen by any submission")
                #expect(seen.missingRetryAfter == 0)
                // The gate's wait (2 s) plus a margin for a machine running the whole suite: nothing hangs.
                #expect(seen.slowest503 < .seconds(8), "a 503 took \(seen.slowest503)")
                #expect(recovery < .seconds(15))

                // Every acknowledged visit is stored, exactly once.
                let ids = seen.acknowledged.map { $0.uuidString.lowercased() }
                var stored: [String: Int] = [:]
                for try await (id, n) in try await owner.query("""
                    SELECT submission_id::text, count(*)::int FROM inspection WHERE submission_id::text = ANY(\(ids)) GROUP BY 1
                    """).decode((String, Int).self) { stored[id] = n }
                #expect(stored.count == ids.count, "\(ids.count - stored.count) acknowledged visits are missing")
                #expect(stored.values.allSatisfy { $0 == 1 })

                // The heat index caught up from the feed: no second full load, and it counts what the database counts.
                try await Self.patiently { try await client.execute(uri: heatmap, method: .get, headers: APITests.auth(token)) { r in #expect(r.status == .ok) } }
                #expect(await services.heatIndex.loads == 1)
                #expect(await services.heatIndex.catchUps >= 1)
                let index = try await services.heatIndex.current()
                let counted = try index.venueCounts(HeatMapRequest(from: month, to: next)).first { $0.venueId == cafe }?.violations ?? 0
                var inDatabase = 0
                for try await n in try await owner.query("""
                    SELECT coalesce(sum(violations), 0)::int FROM heat_venue_month WHERE venue_id = \(cafe) AND month = date_trunc('month', now())::date
                    """).decode(Int.self) { inDatabase = n }
                #expect(counted == inDatabase && counted > 0, "index \(counted), database \(inDatabase)")
            }
        }
    }

    /// A request the test client gave up on (20 s) on a machine busy with the whole suite, sent again.
    static func patiently(_ request: () async throws -> Void) async throws {
        for attempt in 1...5 {
            do { return try await request() } catch where attempt < 5 && !(error is CancellationError) {}
        }
    }

    /// One visit, sent again under the same submission_id after each 503 (as the field app does) until stored.
    static func fileUntilAcknowledged(_ client: any TestClientProtocol, token: String, cafe: Int64, tally: Tally,
                                      clock: ContinuousClock) async throws {
        let id = UUID()
        let body = FindingsAPITests.submission(venue: cafe, id: id, at: Date().addingTimeInterval(-600))
        for _ in 0..<200 {
            let started = clock.now
            let answer: (Int, String?, String)
            do {
                answer = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token),
                                                  body: ByteBuffer(string: body)) { r in
                    (Int(r.status.code), r.headers[.retryAfter], String(buffer: r.body))
                }
            } catch {
                tally.state.withLock { $0.unanswered += 1 }
                continue
            }
            let (status, retryAfter, text) = answer
            let took = clock.now - started
            tally.state.withLock { s in
                s.statuses[status, default: 0] += 1
                if status == 503 {
                    s.slowest503 = max(s.slowest503, took)
                    if retryAfter == nil { s.missingRetryAfter += 1 }
                    if !text.contains("unavailable") { s.unexpected.append(text) }
                } else if status != 200 && status != 201 {
                    s.unexpected.append("\(status): \(text)")
                }
                if status == 200 || status == 201 { s.acknowledged.append(id) }
            }
            if status == 200 || status == 201 { return }
            if status != 503 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        tally.state.withLock { $0.unexpected.append("\(id) never acknowledged") }
    }
}
