import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import PostgresNIO
import SweepCore
@testable import SweepStore
import TestSupport

/// kill -9 the server in the middle of a stream of submissions, restart it, replay the client's
/// queue: every submission the server acknowledged is stored exactly once, and nothing is lost.
@Suite struct CrashTests {
    static func post(_ url: URL, token: String, body: Data) async -> (status: Int, data: Data)? {
        var request = URLRequest(url: url, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        guard let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse else { return nil }
        return (http.statusCode, data)
    }

    static func waitUntilHealthy(_ base: URL) async throws {
        for _ in 0..<200 {
            if let (_, r) = try? await URLSession.shared.data(from: base.appendingPathComponent("healthz")), (r as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw SweepError.unavailable("server did not come up")
    }

    @Test func acknowledgedSubmissionsSurviveKillMinus9ExactlyOnce() async throws {
        let target = try await TestDatabase.makeDatabase()
        defer { Task { await TestDatabase.drop(target) } }
        let (token, venues) = try await DatabaseRunner.withClient(target, logger: TestDatabase.logger) { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 3, now: ISODay.parse("2026-11-26")!)
            _ = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 3, actor: "test")
            // A coordinator files unplanned visits anywhere in scope (an inspector token would need
            // a registry inspector and the venues in its district).
            let token = try await TokenStore(db: db).issue(.init(name: "crash", role: .coordinator), actor: "test").secret
            var venues: [Int64] = []
            for try await id in try await db.query("SELECT id FROM venue WHERE kind = 'internet_cafe' ORDER BY id LIMIT 20").decode(Int64.self) { venues.append(id) }
            return (token, venues)
        }
        let port = Int.random(in: 21_000..<29_000)
        let base = URL(string: "http://127.0.0.1:\(port)")!
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString).log").path
        let env = CLITests.environment(for: target)
        let serve = [CLITests.binary, "serve", "--port", String(port)]

        // A device's queue: each submission with its own id.
        let iso = ISO8601DateFormatter()
        let queue: [(UUID, Data)] = (0..<120).map { i in
            let id = UUID()
            let at = Date().addingTimeInterval(-Double(7200 + i))
            let body = """
            {"submission_id": "\(id.uuidString)", "venue_id": \(venues[i % venues.count]), "origin": "RANDOM", "unplanned_reason": "抽查",
             "arrived_at": "\(iso.string(from: at))", "departed_at": "\(iso.string(from: at.addingTimeInterval(900)))", "outcome": "inspected",
             "findings": [{"department": "CUL", "facts": "未悬挂未成年人禁入标志", "violations": [{"code": "CAFE_NO_MINOR_SIGN"}]}]}
            """
            return (id, Data(body.utf8))
        }

        let first = try Subprocess.spawn(serve, environment: env, logPath: log)
        try await Self.waitUntilHealthy(base)
        let url = base.appendingPathComponent("v1/submissions")
        let acknowledged = AckBox()
        // Four concurrent senders stream the queue; the server is killed once 40 are acknowledged.
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<4 {
                group.addTask {
                    for k in stride(from: lane, to: queue.count, by: 4) {
                        if let r = await Self.post(url, token: token, body: queue[k].1), (200..<300).contains(r.status) {
                            await acknowledged.add(queue[k].0)
                        }
                    }
                }
            }
            group.addTask {
                // Bounded: a server that acknowledges nothing fails the test instead of hanging the run.
                let deadline = ContinuousClock.now + .seconds(120)
                while await acknowledged.count < 40, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
                Subprocess.kill(first, signal: SIGKILL)
            }
        }
        let acked = await acknowledged.ids
        #expect(acked.count >= 40)
        #expect(acked.count < queue.count, "the kill should have interrupted the stream")

        // Restart and replay the whole queue, as a device whose connection dropped would.
        let second = try Subprocess.spawn(serve, environment: env, logPath: log)
        defer { Subprocess.kill(second, signal: SIGTERM) }
        try await Self.waitUntilHealthy(base)
        var replayed = 0
        for (id, body) in queue {
            let r = await Self.post(url, token: token, body: body)
            #expect(r.map { (200..<300).contains($0.status) } == true, "\(id): \(r.map { String(decoding: $0.data, as: UTF8.self) } ?? "no answer")")
            if r?.status == 200 { replayed += 1 }
        }
        #expect(replayed >= acked.count)
        try await DatabaseRunner.withClient(target, logger: TestDatabase.logger) { db in
            var perID: [UUID: Int] = [:]
            for try await (id, n) in try await db.query("""
                SELECT i.submission_id, count(*)::int FROM inspection i WHERE i.origin = 'RANDOM' AND i.unplanned_reason = '抽查' GROUP BY 1
                """).decode((UUID, Int).self) { perID[id] = n }
            #expect(perID.count == queue.count)
            #expect(perID.values.allSatisfy { $0 == 1 })
            for id in acked { #expect(perID[id] == 1) }
            var cases = 0
            for try await n in try await db.query("""
                SELECT count(*)::int FROM case_file c JOIN inspection i ON i.id = c.inspection_id WHERE i.unplanned_reason = '抽查'
                """).decode(Int.self) { cases = n }
            #expect(cases == queue.count)   // one violation each, never doubled
        }
    }
}

actor AckBox {
    private(set) var ids: [UUID] = []
    var count: Int { ids.count }
    func add(_ id: UUID) { ids.append(id) }
}
