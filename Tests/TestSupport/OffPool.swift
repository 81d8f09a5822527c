import Foundation

/// Runs blocking work (pg_ctl, which waits for the server) on a thread of its own, so that it never
/// holds one of the two cooperative-pool threads these machines have while other tests need them.
public enum OffPool {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
            }
            thread.start()
        }
    }
}
