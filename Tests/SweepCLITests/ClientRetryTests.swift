import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import SweepAPI
import SweepClient
import SweepCore
import Testing

/// The CLI's client on 503: reads and submissions wait as Retry-After says and go again; other
/// writes are reported at once (repeating them is the user's call).
@Suite struct ClientRetryTests {
    final class Calls: Sendable { let count = Mutex(0) }

    /// A server that is unavailable for its first `failures` answers to every path.
    static func withFlakyServer(failures: Int, _ body: @Sendable (SweepClient, Calls) async throws -> Void) async throws {
        let calls = Calls()
        let router = Router()
        let answer: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            let n = calls.count.withLock { n -> Int in
                n += 1
                return n
            }
            if n <= failures {
                var headers = HTTPFields()
                headers[.retryAfter] = "1"
                headers[.contentType] = "application/problem+json"
                return Response(status: .serviceUnavailable, headers: headers,
                                body: .init(byteBuffer: ByteBuffer(string: #"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"the database is unavailable"}"#)))
            }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "{}")))
        }
        router.get("/probe", use: answer)
        router.post("/v1/submissions", use: answer)
        router.post("/v1/cases/1/close", use: answer)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(SweepClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!, token: "t", timeout: .seconds(30)), calls)
        }
    }

    @Test func readsAndSubmissionsWaitAndGoAgain() async throws {
        try await Self.withFlakyServer(failures: 2) { client, calls in
            let started = ContinuousClock.now
            _ = try await client.send(.GET, "/probe")
            #expect(calls.count.withLock { $0 } == 3)
            #expect(ContinuousClock.now - started >= .seconds(2), "it waited Retry-After each time")
        }
        try await Self.withFlakyServer(failures: 1) { client, calls in
            _ = try await client.send(.POST, APIPath.submissions, body: Data("{}".utf8))
            #expect(calls.count.withLock { $0 } == 2)
        }
    }

    @Test func otherWritesReportThe503() async throws {
        try await Self.withFlakyServer(failures: 1) { client, calls in
            await #expect { _ = try await client.send(.POST, "/v1/cases/1/close", body: Data("{}".utf8)) } throws: { error in
                (error as? ProblemDetails)?.status == 503
            }
            #expect(calls.count.withLock { $0 } == 1)
        }
    }
}
