import Foundation
import Synchronization
import SweepCore

/// A hard limit on one test's whole run: if `body` has not finished in time, the test fails with
/// `what` and the run goes on, leaving the body behind (it is cancelled, but a hung browser or a
/// server draining a request need not listen). A CI run once stalled for an hour in a browser test
/// with no line of output; this turns such a hang into one failed test that names itself.
public enum TestDeadline {
    public static func run(_ what: String, seconds: Int, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let first = FirstOutcome()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            first.set(continuation)
            let work = Task {
                do { try await body(); first.finish(.success(())) } catch { first.finish(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: .seconds(seconds))
                guard first.finish(.failure(SweepError.unavailable("\(what) did not finish within \(seconds) s (left behind; see the processes and PostgreSQL activity)"))) else { return }
                work.cancel()
            }
        }
    }
}

/// Resumes the continuation with whichever outcome comes first; later ones are dropped.
private final class FirstOutcome: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<Void, any Error>?, done: Bool)>((nil, false))

    func set(_ continuation: CheckedContinuation<Void, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    @discardableResult
    func finish(_ outcome: Result<Void, any Error>) -> Bool {
        let continuation: CheckedContinuation<Void, any Error>? = state.withLock {
            guard !$0.done else { return nil }
            $0.done = true
            return $0.continuation
        }
        continuation?.resume(with: outcome)
        return continuation != nil
    }
}
