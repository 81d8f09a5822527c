import Foundation
import SweepCore

/// Reference data every submission reads — the violation catalogue, escalation ladders, a
/// jurisdiction's chain of parents — kept for a minute per process. It changes by migration or by
/// an admin correcting a row, so a minute's delay is acceptable; re-reading it on every submission
/// cost more round trips than the submission's own writes.
actor ReferenceDataCache {
    static let shared = ReferenceDataCache()
    static let lifetime: TimeInterval = 60

    private var entries: [String: (at: Date, value: any Sendable)] = [:]

    func value<T: Sendable>(_ key: String, load: @Sendable () async throws -> T) async throws -> T {
        if let hit = entries[key], Date().timeIntervalSince(hit.at) < Self.lifetime, let value = hit.value as? T { return value }
        let value = try await load()
        entries[key] = (Date(), value)
        return value
    }
}
