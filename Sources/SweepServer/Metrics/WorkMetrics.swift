import Metrics

/// Timings of the server's heavy work, beside the per-route latency Hummingbird records: the planner's
/// solve (without loading and saving) and a heat map's tally (after the index caught up).
enum WorkMetrics {
    static let planSolve = Metrics.Timer(label: "sweep_plan_duration_seconds", dimensions: [("stage", "solve")])
    static let planLoad = Metrics.Timer(label: "sweep_plan_duration_seconds", dimensions: [("stage", "load")])
    static let heatIndexCatchUp = Metrics.Timer(label: "sweep_heatmap_duration_seconds", dimensions: [("stage", "index")])
    static let heatTally = Metrics.Timer(label: "sweep_heatmap_duration_seconds", dimensions: [("stage", "tally")])

    static func record(_ timer: Metrics.Timer, _ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// Requests refused at the door (`LoadShedMiddleware`).
enum LoadShedMetrics {
    static let refused = Counter(label: "sweep_http_requests_shed_total")
}
