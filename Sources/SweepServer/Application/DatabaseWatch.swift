import Foundation
import Logging
import ServiceLifecycle
import SweepStore

/// Probes the database through the pool: every 5 s while it answers (so `/readyz` and `sweep_db_up`
/// are true even without traffic), every second while it does not. The first probe that gets through
/// ends the outage, and requests flow again.
struct DatabaseWatch: Service {
    let db: Database
    let logger: Logger
    var healthyInterval: Duration = .seconds(5)
    var outageInterval: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let outage = db.gate.snapshot.outage
                do {
                    try await db.probe(timeout: outage == nil ? .seconds(5) : .seconds(1))
                    if let outage {
                        db.gate.recovered()
                        logger.notice("the database answers again", metadata: [
                            "down_seconds": "\(Int(Date().timeIntervalSince(outage.since).rounded()))", "reason": "\(outage.reason)",
                        ])
                    }
                } catch is CancellationError {
                    return
                } catch {
                    if outage == nil {
                        let reason = SweepErrorMappingText.reason(error)
                        db.gate.lost(reason)
                        logger.error("the database does not answer; requests get 503 until it does", metadata: ["reason": "\(reason)"])
                    }
                }
                try? await Task.sleep(for: db.gate.snapshot.outage == nil ? healthyInterval : outageInterval)
            }
        }
    }
}

/// The reason a probe failed, without the "the database is unavailable" prefix the gate adds.
enum SweepErrorMappingText {
    static func reason(_ error: any Error) -> String {
        let text = "\(error)"
        let prefix = "the database is unavailable: "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
