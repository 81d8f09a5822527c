import Foundation
import SweepCore

/// Failed sign-ins per client address in the last minute; past the limit the address waits. With
/// 30¹⁰ codes, ten guesses a minute per address make guessing a live code hopeless (docs/access.md).
final class SigninThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    let limit: Int
    let window: TimeInterval

    init(limit: Int = 10, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    func check(_ address: String?, now: Date = Date()) throws {
        lock.lock()
        defer { lock.unlock() }
        let recent = (failures[address ?? "-"] ?? []).filter { now.timeIntervalSince($0) < window }
        if recent.count >= limit {
            throw SweepError.tooManyRequests("\(recent.count) failed sign-ins from this address in the last minute; wait a minute and try again")
        }
    }

    func failed(_ address: String?, now: Date = Date()) {
        lock.lock()
        defer { lock.unlock() }
        let key = address ?? "-"
        // Bounded: forgotten addresses go whenever the table grows large.
        if failures.count > 10_000 { failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } } }
        failures[key] = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window } + [now]
    }
}
