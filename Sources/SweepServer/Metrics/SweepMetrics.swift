import Metrics
import Prometheus

/// The process's metrics: swift-metrics with the Prometheus backend, bootstrapped once before the
/// first metric is made (a metric made earlier would record into swift-metrics' no-op handler).
public enum SweepMetrics {
    public static let registry = PrometheusCollectorRegistry()

    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (prometheusName(name), labels.map { (prometheusName($0.0), $0.1) })
        }
        // Plan solves and heat-map loads take seconds; the default buckets stop at 10 s.
        factory.durationHistogramBuckets["sweep_plan_duration_seconds"] = [
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
            .seconds(10), .seconds(30), .seconds(60), .seconds(120),
        ]
        MetricsSystem.bootstrap(factory)
    }()

    /// Idempotent; `sweep serve` and the tests call it before building anything that records.
    public static func bootstrap() { _ = bootstrapped }

    /// The text exposition of every metric.
    public static func exposition() -> [UInt8] { registry.emitToBuffer() }

    /// Hummingbird's HTTP metrics under Sweep's names; anything else with dots made legal.
    static func prometheusName(_ name: String) -> String {
        switch name {
        case "hb.requests": return "sweep_http_requests_total"
        case "hb.request.errors": return "sweep_http_request_errors_total"
        case "http.server.request.duration": return "sweep_http_request_duration_seconds"
        case "http.server.active_requests": return "sweep_http_active_requests"
        default:
            return String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" ? $0 : "_" })
        }
    }
}
