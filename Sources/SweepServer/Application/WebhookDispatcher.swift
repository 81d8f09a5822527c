import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import ServiceLifecycle
import SweepAPI
import SweepCore
import SweepStore

/// Pushes the event feed to each webhook, in order, every second: an event is sent until the
/// receiver answers 2xx (a receiver that is down gets it again later, with a growing pause, and
/// misses nothing), always under its own `event_id`, so the receiver can drop a repeat (a crash
/// between its 2xx and our cursor update sends that one event again). Signed with HMAC-SHA256.
struct WebhookDispatcher: Service {
    let hooks: WebhookStore
    let events: EventOutbox
    let logger: Logger
    /// The first pause after a failure; it doubles with each failure, up to ten minutes.
    var retryBase: TimeInterval = 5
    var timeout: TimeAmount = .seconds(10)

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await deliverDue()
            } catch {
                logger.warning("webhooks not served this round: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
        }
    }

    /// One round over the webhooks that are due; returns how many events were delivered.
    @discardableResult
    func deliverDue() async throws -> Int {
        var sent = 0
        for hook in try await hooks.due() { sent += try await deliver(hook) }
        return sent
    }

    func deliver(_ hook: WebhookStore.Due) async throws -> Int {
        let page = try await events.list(after: hook.cursor, limit: 100, scope: ListScope(jurisdictionIds: hook.reach))
        var cursor = hook.cursor, sent = 0
        for event in page.events {
            let next = try EventCursor(parsing: event.cursor)
            if hook.kinds.isEmpty || hook.kinds.contains(event.kind) {
                do {
                    try await post(event, to: hook)
                } catch {
                    if cursor != hook.cursor { try await hooks.advance(hook.id, to: cursor, sent: sent) }
                    let pause = min(600, retryBase * pow(2, Double(min(hook.failures, 10))))
                    try await hooks.failed(hook.id, error: "\(error)", retryIn: pause)
                    logger.warning("webhook \(hook.id) failed on event \(event.eventId); retrying in \(Int(pause)) s: \(error)")
                    return sent
                }
                sent += 1
            }
            cursor = next
        }
        if cursor != hook.cursor { try await hooks.advance(hook.id, to: cursor, sent: sent) }
        return sent
    }

    func post(_ event: DomainEvent, to hook: WebhookStore.Due) async throws {
        let body = try WireCoding.encoder().encode(event)
        let timestamp = String(Int(Date().timeIntervalSince1970))
        var request = HTTPClientRequest(url: hook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Sweep-Event-Id", value: event.eventId.uuidString.lowercased())
        request.headers.add(name: "X-Sweep-Event-Kind", value: event.kind)
        request.headers.add(name: "X-Sweep-Timestamp", value: timestamp)
        request.headers.add(name: "X-Sweep-Signature", value: "sha256=" + Self.signature(secret: hook.secret, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(data: body))
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        _ = try? await response.body.collect(upTo: 64 << 10)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw SweepError.unavailable("the receiver answered \(response.status.code)")
        }
    }

    /// Hex HMAC-SHA256 under the webhook's secret of `timestamp.body`: what a receiver recomputes to
    /// know the event came from Sweep and was not replayed from long ago.
    static func signature(secret: String, timestamp: String, body: Data) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
