import Foundation

/// Where commands write: results to standard output, progress and notes to standard error.
enum Console {
    static func out(_ text: String) { print(text) }
    static func info(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    /// Runs a long request; on a terminal a line on standard error counts the seconds until it
    /// answers (pipes and logs stay quiet). The wait itself sleeps: it costs no CPU.
    static func waiting<T: Sendable>(_ what: String, _ work: @Sendable () async throws -> T) async throws -> T {
        guard isatty(STDERR_FILENO) == 1 else { return try await work() }
        let ticker = Task {
            var seconds = 0
            while !Task.isCancelled {
                FileHandle.standardError.write(Data("\r\(what)… \(seconds) s".utf8))
                try? await Task.sleep(for: .seconds(1))
                seconds += 1
            }
        }
        defer {
            ticker.cancel()
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
        return try await work()
    }
}
