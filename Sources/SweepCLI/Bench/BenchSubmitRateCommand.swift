import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import SweepCore
import Synchronization

/// `sweep bench submit`: submissions at a constant offered rate (open loop), the way phones arrive —
/// not as fast as the server answers, which is what wrk measures. Each latency counts from when the
/// request was due, so a stalled server cannot hide its queue (no coordinated omission).
struct BenchSubmitRateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "POST new submissions at a constant rate; report latency percentiles from each request's due time, and statuses.",
        discussion: """
        Like ops/bench/submit.lua: each request is a new visit at a random venue of --venues (one id per
        line); --violations of them carry a finding with a violation. Used by ops/bench-load.
        """)

    @Option(help: "The server's base URL.") var server: String = "http://127.0.0.1:8080"
    @Option(help: "A bearer token that may file visits at the venues (or SWEEP_TOKEN).") var token: String?
    @Option(help: "A file with one venue id per line.") var venues: String
    @Option(help: "Submissions per second offered.") var rate: Double = 200
    @Option(help: "Seconds to offer them for.") var duration: Double = 20
    @Option(help: "Share of submissions with a violation (0…1).") var violations: Double = 0.3
    @Option(help: "Requests in flight beyond which a due request is counted as not sent.") var maxInFlight: Int = 1_000

    final class InFlight: Sendable {
        let count = Mutex(0)
    }

    struct Outcome: Sendable {
        var status: Int
        var latency: Duration
    }

    func run() async throws {
        guard rate > 0, rate <= 10_000 else { throw SweepError.invalid(field: "--rate", reason: "must be above 0 and at most 10000, got \(rate)") }
        guard duration > 0, duration <= 3_600 else { throw SweepError.invalid(field: "--duration", reason: "must be above 0 and at most 3600 s") }
        guard (0...1).contains(violations) else { throw SweepError.invalid(field: "--violations", reason: "must be from 0 to 1") }
        guard let token = token ?? ProcessInfo.processInfo.environment["SWEEP_TOKEN"], !token.isEmpty else {
            throw SweepError.invalid(field: "--token", reason: "give --token or set SWEEP_TOKEN")
        }
        let venueIds = try String(contentsOfFile: venues, encoding: .utf8).split(whereSeparator: \.isNewline).compactMap { Int64($0) }
        guard !venueIds.isEmpty else { throw SweepError.invalid(field: "--venues", reason: "\(venues) has no venue ids") }

        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
        configuration.timeout.read = .seconds(60)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            try await offer(client, token: token, venueIds: venueIds)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    func offer(_ client: HTTPClient, token: String, venueIds: [Int64]) async throws {

        let total = Int(rate * duration)
        let clock = ContinuousClock()
        let start = clock.now + .milliseconds(200)
        let interval = Duration.nanoseconds(Int64(1e9 / rate))
        let url = server.hasSuffix("/") ? server + "v1/submissions" : server + "/v1/submissions"
        var outcomes: [Outcome] = []
        var notSent = 0
        let inFlight = InFlight()
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            for i in 0..<total {
                let due = start + interval * i
                try await clock.sleep(until: due)
                let admitted = inFlight.count.withLock { n -> Bool in
                    guard n < maxInFlight else { return false }
                    n += 1
                    return true
                }
                if !admitted { notSent += 1; continue }
                let body = Self.body(venue: venueIds.randomElement()!, violation: Double.random(in: 0..<1) < violations)
                group.addTask {
                    var request = HTTPClientRequest(url: url)
                    request.method = .POST
                    request.headers.add(name: "Authorization", value: "Bearer \(token)")
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(ByteBuffer(string: body))
                    defer { inFlight.count.withLock { $0 -= 1 } }
                    do {
                        let response = try await client.execute(request, timeout: .seconds(60))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        return Outcome(status: Int(response.status.code), latency: clock.now - due)
                    } catch {
                        return Outcome(status: 0, latency: clock.now - due)
                    }
                }
            }
            for try await done in group { outcomes.append(done) }
        }
        let elapsed = (clock.now - start).seconds
        let sorted = outcomes.map { $0.latency.seconds * 1000 }.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)] }
        var statuses: [Int: Int] = [:]
        for o in outcomes { statuses[o.status, default: 0] += 1 }
        let ok = outcomes.filter { (200..<300).contains($0.status) }.count
        let statusText = statuses.keys.sorted().map { "\($0 == 0 ? "error" : String($0)):\(statuses[$0]!)" }.joined(separator: ",")
        Console.out(String(format: "SWEEP_RATE offered_per_s=%.0f seconds=%.1f sent=%d not_sent=%d ok=%d ok_per_s=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f statuses=%@",
                           rate, elapsed, outcomes.count, notSent, ok, Double(ok) / elapsed, percentile(50), percentile(90), percentile(99),
                           sorted.last ?? 0, statusText))
    }

    static func body(venue: Int64, violation: Bool) -> String {
        let iso = ISO8601DateFormatter()
        let arrived = Date().addingTimeInterval(-3600)
        let finding = violation ? #"{"department":"CUL","facts":"未悬挂未成年人禁入标志","violations":[{"code":"CAFE_NO_MINOR_SIGN"}]}"# : ""
        return """
        {"submission_id":"\(UUID().uuidString.lowercased())","venue_id":\(venue),"origin":"RANDOM","unplanned_reason":"bench",\
        "arrived_at":"\(iso.string(from: arrived))","departed_at":"\(iso.string(from: arrived.addingTimeInterval(1200)))",\
        "outcome":"inspected","findings":[\(finding)]}
        """
    }
}
