import Foundation
import Testing
import TestSupport

/// The limit the browser tests run under: it passes outcomes through and gives up on a body that
/// ignores cancellation.
@Suite struct TestDeadlineTests {
    struct Refused: Error {}

    @Test func outcomesPassThroughAndAHangIsLeftBehind() async throws {
        try await TestDeadline.run("a quick body", seconds: 5) {}
        await #expect(throws: Refused.self) { try await TestDeadline.run("a failing body", seconds: 5) { throw Refused() } }
        let started = Date()
        await #expect(throws: (any Error).self) {
            try await TestDeadline.run("a stubborn body", seconds: 1) {
                // Deaf to cancellation, like a server draining a request that never ends.
                while Date().timeIntervalSince(started) < 4 { try? await Task.sleep(for: .milliseconds(50)) }
            }
        }
        #expect(Date().timeIntervalSince(started) < 3, "given up after its second, not when the body ended")
    }
}
