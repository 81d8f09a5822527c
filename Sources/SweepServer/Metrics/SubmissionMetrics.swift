import Metrics
import SweepAPI
import SweepCore

/// Visits filed, by what became of them: stored (new), replayed (a retry of one already stored),
/// refused (the server's 4xx: invalid, forbidden, conflict…) or failed (503 and the unexpected).
enum SubmissionMetrics {
    static let stored = Counter(label: "sweep_submissions_total", dimensions: [("outcome", "stored")])
    static let replayed = Counter(label: "sweep_submissions_total", dimensions: [("outcome", "replayed")])
    static let refused = Counter(label: "sweep_submissions_total", dimensions: [("outcome", "refused")])
    static let failed = Counter(label: "sweep_submissions_total", dimensions: [("outcome", "failed")])

    /// Counts the outcome of one visit's filing and passes it on.
    static func counted(_ file: () async throws -> SubmissionResult) async throws -> SubmissionResult {
        do {
            let result = try await file()
            (result.replayed ? replayed : stored).increment()
            return result
        } catch let error as SweepError {
            (ProblemMiddleware.problem(for: error).status < 500 ? refused : failed).increment()
            throw error
        } catch {
            failed.increment()
            throw error
        }
    }
}
