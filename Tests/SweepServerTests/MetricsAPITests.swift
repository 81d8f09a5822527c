import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SweepAPI
import SweepCore
import SweepStore
import Testing
import TestSupport
@testable import SweepServer

/// `/metrics`: who may read it (loopback, or the metrics token — not a role's token), and that what
/// the issue asks for is in it and moves when the server works.
@Suite struct MetricsAPITests {
    static func withApp(metricsToken: String?, _ body: @Sendable (any ApplicationProtocol, APITests.Fixture, Int64) async throws -> Void) async throws {
        SweepMetrics.bootstrap()
        try await TestDatabase.withDatabase { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            let report = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
            var tokens: [Role: String] = [:]
            for t in report.tokens where tokens[t.principal.role] == nil { tokens[t.principal.role] = t.secret }
            var settings = ServerSettings(port: 0)
            settings.metricsToken = metricsToken
            let app = try buildApplication(db: db, settings: settings, logger: TestDatabase.logger)
            try await body(app, APITests.Fixture(db: db, tokens: tokens), try await FindingsAPITests.cafe(db).id)
        }
    }

    /// The value of one sample line (`name{labels} value`), 0 when absent.
    static func sample(_ text: String, _ prefix: String) -> Double {
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }) { return value }
        }
        return 0
    }

    @Test func onlyTheMetricsTokenOpensMetricsToAnotherMachine() async throws {
        let token = "metrics-" + UUID().uuidString
        try await Self.withApp(metricsToken: token) { app, fixture, _ in
            try await app.test(.router) { client in
                // The router test has no peer address: it stands for another machine.
                try await client.execute(uri: "/metrics", method: .get) { r in
                    #expect(r.status == .unauthorized)
                    #expect(String(buffer: r.body).contains("SWEEP_METRICS_TOKEN"))
                }
                for role in [Role.admin, .coordinator] {
                    try await client.execute(uri: "/metrics", method: .get, headers: APITests.auth(fixture.tokens[role])) { r in
                        #expect(r.status == .unauthorized, "a \(role) token is not the metrics token")
                    }
                }
                try await client.execute(uri: "/metrics", method: .get, headers: APITests.auth(token)) { r in
                    #expect(r.status == .ok)
                    #expect(r.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                }
            }
        }
        try await Self.withApp(metricsToken: nil) { app, _, _ in
            try await app.test(.router) { client in
                try await client.execute(uri: "/metrics", method: .get, headers: APITests.auth("whatever")) { r in
                    #expect(r.status == .forbidden)
                    #expect(String(buffer: r.body).contains("loopback"))
                }
            }
        }
    }

    @Test func theLoopbackAddressReadsMetricsThatMoveWithTheWork() async throws {
        try await Self.withApp(metricsToken: nil) { app, fixture, cafe in
            try await app.test(.live) { client in
                func scrape() async throws -> String {
                    try await client.execute(uri: "/metrics", method: .get) { r in
                        #expect(r.status == .ok, "the live test client calls from 127.0.0.1")
                        return String(buffer: r.body)
                    }
                }
                let before = try await scrape()
                let token = fixture.tokens[.coordinator]
                let visit = FindingsAPITests.submission(venue: cafe, id: UUID())
                for _ in 0..<2 {
                    try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token),
                                             body: ByteBuffer(string: visit)) { r in
                        #expect(r.status == .created || r.status == .ok, "\(String(buffer: r.body))")
                    }
                }
                try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token), body: ByteBuffer(string: "{\"venue_id\": 1}")) { r in
                    #expect(r.status.code == 422)
                }
                try await client.execute(uri: "/v1/heatmap?from=2026-01&to=2026-12", method: .get, headers: APITests.auth(token)) { r in
                    #expect(r.status == .ok)
                }
                let after = try await scrape()
                // Counters are the process's (other tests run beside this one): they move by at least ours.
                for outcome in ["stored", "replayed", "refused"] {
                    let key = "sweep_submissions_total{outcome=\"\(outcome)\"}"
                    #expect(Self.sample(after, key) >= Self.sample(before, key) + 1, "\(key)")
                }
                #expect(after.contains("sweep_http_requests_total{http_route=\"/v1/submissions\",http_request_method=\"POST\",http_response_status_code=\"201\"}"))
                #expect(after.contains("sweep_http_request_duration_seconds_bucket{http_route=\"/v1/submissions\""))
                #expect(after.contains("http_response_status_code=\"422\""))
                for name in ["sweep_db_connections_in_use", "sweep_db_operations_waiting", "sweep_db_pool_size", "sweep_db_up",
                             "sweep_heatmap_duration_seconds_bucket{stage=\"tally\"", "sweep_heat_index_refreshes_total{kind=\"load\"}",
                             "sweep_heat_index_pending_changes", "sweep_heat_index_age_seconds"] {
                    #expect(after.contains(name), "\(name) missing")
                }
            }
        }
    }
}
