import Logging
import ServiceLifecycle
import SweepStore

/// Seals new audit entries into the hash chain every second, off the writers' transactions.
struct AuditSealer: Service {
    let db: Database
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await AuditChain.seal(db)
            } catch {
                // The database may be restarting; the next round seals what this one did not.
                logger.warning("audit entries not sealed this round: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
        }
    }
}
