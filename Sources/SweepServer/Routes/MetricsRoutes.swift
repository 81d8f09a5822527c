import Foundation
import HTTPTypes
import Hummingbird
import Metrics
import SweepAPI
import SweepCore
import SweepStore

/// `GET /metrics`: Prometheus text format, for the loopback address or whoever shows the metrics
/// token (`SWEEP_METRICS_TOKEN`). Not a role permission: a scraper is a machine, not a principal,
/// and the figures name no venue or person.
enum MetricsRoutes {
    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let heatPending = Gauge(label: "sweep_heat_index_pending_changes")
        let heatAge = Gauge(label: "sweep_heat_index_age_seconds")
        routes.machineGET(APIPath.metrics, guardedBy: "the metrics token (SWEEP_METRICS_TOKEN) or the loopback address") { request, context in
            try MetricsAccess.require(request, remoteAddress: context.remoteAddress, token: app.settings.metricsToken)
            // The heat index catches up when a heat map is asked for; its lag is read at scrape time.
            if let lag = try? await app.heatIndex.lag() {
                heatPending.record(lag.pendingChanges)
                heatAge.record(lag.secondsSinceRefresh)
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: SweepMetrics.exposition())))
        }
    }
}

/// Who may read `/metrics`.
enum MetricsAccess {
    static func require(_ request: Request, remoteAddress: String?, token: String?) throws {
        if let token, !token.isEmpty {
            let presented = request.headers[.authorization].flatMap { value -> String? in
                value.hasPrefix("Bearer ") ? String(value.dropFirst(7)) : nil
            }
            if let presented, constantTimeEqual(presented, token) { return }
        }
        if isLoopback(remoteAddress) { return }
        if token?.isEmpty == false {
            throw SweepError.unauthenticated("/metrics needs the metrics token (SWEEP_METRICS_TOKEN) as a bearer token, or a request from the loopback address")
        }
        throw SweepError.forbidden("/metrics answers only the loopback address unless the server has a metrics token (set SWEEP_METRICS_TOKEN and send it as a bearer token)")
    }

    static func isLoopback(_ address: String?) -> Bool {
        guard let address else { return false }
        return address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
