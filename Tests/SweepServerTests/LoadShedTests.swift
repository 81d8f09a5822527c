import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SweepCore
import Testing
@testable import SweepServer

/// Past its limit the server refuses at the door with 503 + Retry-After: 1, before any work, and
/// still answers health and readiness.
@Suite struct LoadShedTests {
    @Test func requestsPastTheLimitAreRefusedAtOnceAndHealthIsAlwaysServed() async throws {
        let router = Router(context: SweepRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: LoadShedMiddleware(limit: 2))
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(5))
            return "done"
        }
        router.get("/healthz") { _, _ in "ok" }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Concurrent connections of our own: the test client sends one request at a time.
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            func get(_ path: String) async throws -> (Int, String?) {
                let response = try await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(60))
                _ = try await response.body.collect(upTo: 1 << 20)
                return (Int(response.status.code), response.headers.first(name: "Retry-After"))
            }
            do {
                let clock = ContinuousClock()
                let answers = try await withThrowingTaskGroup(of: (Int, String?, Duration).self) { group in
                    for i in 0..<6 {
                        group.addTask {
                            // The first two in, then the rest while they are served.
                            if i >= 2 { try await Task.sleep(for: .seconds(1)) }
                            let started = clock.now
                            let (status, retryAfter) = try await get("/slow")
                            return (status, retryAfter, clock.now - started)
                        }
                    }
                    return try await group.reduce(into: [(Int, String?, Duration)]()) { $0.append($1) }
                }
                #expect(answers.filter { $0.0 == 200 }.count == 2)
                let refused = answers.filter { $0.0 == 503 }
                #expect(refused.count == 4)
                #expect(refused.allSatisfy { $0.1 == "1" && $0.2 < .seconds(3) }, "refused at once, with Retry-After: 1: \(refused)")
                // Health is answered even while the limit is taken.
                async let busy = get("/slow")
                async let other = get("/slow")
                try await Task.sleep(for: .milliseconds(500))
                #expect(try await get("/healthz").0 == 200)
                #expect(try await get("/slow").0 == 503)
                _ = try await (busy, other)
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }
}
