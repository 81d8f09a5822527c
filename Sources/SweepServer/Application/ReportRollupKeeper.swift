import Foundation
import Logging
import ServiceLifecycle
import SweepStore

/// Moves the report rollup's cut forward when the server starts and a minute after each UTC
/// midnight, so the first leader to open a report after an upgrade or a day's end does not wait
/// while history is counted (sql/0018: all of a province's history took about three minutes).
struct ReportRollupKeeper: Service {
    let db: Database
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let started = ContinuousClock.now
            do {
                let cut = try await VisitCountReader(db: db).advance()
                let took = ContinuousClock.now - started
                if took > .seconds(1) { logger.info("report rollup counted up to \(cut) in \(took)") }
            } catch {
                // The database may be restarting; reports count from the old cut meanwhile.
                logger.warning("report rollup not moved forward: \(error)")
            }
            let now = Date().timeIntervalSince1970
            let nextMidnight = (now / 86_400).rounded(.down) * 86_400 + 86_400 + 60
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(min(nextMidnight - now, 3_600))) }
        }
    }
}
