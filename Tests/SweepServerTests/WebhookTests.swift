import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Synchronization
import Testing
import SweepAPI
import SweepCore
import SweepStore
import TestSupport
@testable import SweepServer

/// Webhooks against a real receiver that is down and comes back: nothing is lost, nothing is
/// delivered twice once taken, everything in order and signed.
@Suite struct WebhookTests {
    final class Receiver: Sendable {
        let up = Mutex(false)
        let received = Mutex<[(id: String, kind: String, timestamp: String, signature: String, body: Data)]>([])
        let refused = Mutex(0)

        func app() -> some ApplicationProtocol {
            let router = Router()
            router.post("hook") { request, _ -> Response in
                var request = request
                let body = Data((try await request.collectBody(upTo: 1 << 20)).readableBytesView)
                guard self.up.withLock({ $0 }) else {
                    self.refused.withLock { $0 += 1 }
                    return Response(status: .serviceUnavailable)
                }
                let h = { (name: String) in request.headers[HTTPField.Name(name)!] ?? "" }
                self.received.withLock { $0.append((h("X-Sweep-Event-Id"), h("X-Sweep-Event-Kind"), h("X-Sweep-Timestamp"), h("X-Sweep-Signature"), body)) }
                return Response(status: .ok)
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    @Test func aReceiverThatIsDownMissesNothingAndGetsEachEventOnceInOrder() async throws {
        try await TestDatabase.withDatabase { db in
            try await db.query("INSERT INTO jurisdiction (code, name, level) VALUES ('429901', '测试区', 'district')")
            let venue = try await NearRepeatAPITests.venue(db, code: "WH-1", at: NearRepeatAPITests.east(0))
            let receiver = Receiver()
            try await receiver.app().test(.live) { client in
                let url = "http://127.0.0.1:\(try #require(client.port))/hook"
                let hooks = WebhookStore(db: db)
                let hook = try await hooks.add(name: "12355 platform", url: url, kinds: ["venue.closed", "venue.reopened"], scope: ["429901"],
                                               fromStart: false, actor: "test")
                let secret = try #require(hook.secret)
                let lifecycle = RegistryLifecycleStore(db: db)
                _ = try await lifecycle.closeVenue(venue, on: Date(), reason: "歇业", actor: "test")
                _ = try await lifecycle.reopenVenue(venue, on: Date(), reason: "复业", actor: "test")
                _ = try await lifecycle.closeVenue(venue, on: Date(), reason: "再次歇业", actor: "test")
                let dispatcher = WebhookDispatcher(hooks: hooks, events: EventOutbox(db: db), logger: TestDatabase.logger, retryBase: 0.05)

                // Down: every round is refused and the cursor stays.
                let downDeadline = Date().addingTimeInterval(60)
                while receiver.refused.withLock({ $0 }) < 2, Date() < downDeadline {
                    _ = try await dispatcher.deliverDue()
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(receiver.refused.withLock { $0 } >= 2 && receiver.received.withLock { $0.isEmpty })
                let failing = try #require(try await hooks.list().first)
                #expect(failing.failures >= 2 && failing.lastError?.contains("503") == true && failing.delivered == 0)

                // Back: everything arrives once, in order, signed.
                receiver.up.withLock { $0 = true }
                let upDeadline = Date().addingTimeInterval(60)
                while receiver.received.withLock({ $0.count }) < 3, Date() < upDeadline {
                    _ = try await dispatcher.deliverDue()
                    try await Task.sleep(for: .milliseconds(100))
                }
                for _ in 0..<3 { _ = try await dispatcher.deliverDue() }
                let got = receiver.received.withLock { $0 }
                #expect(got.map(\.kind) == ["venue.closed", "venue.reopened", "venue.closed"], "\(got.map(\.kind))")
                #expect(Set(got.map(\.id)).count == 3, "each event under its own id, none twice")
                for delivery in got {
                    #expect(delivery.signature == "sha256=" + WebhookDispatcher.signature(secret: secret, timestamp: delivery.timestamp, body: delivery.body))
                    let event = try WireCoding.decoder().decode(DomainEvent.self, from: delivery.body)
                    #expect(event.eventId.uuidString.lowercased() == delivery.id && event.jurisdiction == "429901")
                }
                #expect(WebhookDispatcher.signature(secret: "another secret of enough length....", timestamp: got[0].timestamp, body: got[0].body)
                        != String(got[0].signature.dropFirst(7)), "another secret gives another signature")
                let done = try #require(try await hooks.list().first)
                #expect(done.delivered == 3 && done.failures == 0 && done.lastError == nil)
            }
        }
    }
}
