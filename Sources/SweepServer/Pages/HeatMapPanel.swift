import Foundation
import SweepCore

/// The heat map as the dashboard and the brief show it: the window's violations per 500 m cell as
/// inline SVG, and the hottest cells (Getis-Ord Gi*, the same as `/v1/heatmap`) as a short list.
/// It comes from the in-memory heat index, which holds the current counts: unlike the figures
/// around it, it is not re-run as of a moment.
struct HeatMapPanel {
    struct HotSpot {
        var centre: GeoPoint
        var violations: String
        var z: Double
        var label: String
    }

    var svg: String
    var hotSpots: [HotSpot]
    var violations: Int
    var note: String?

    /// No map: what the heat map answered instead (no inspections in the window).
    static func nothing(_ reason: String) -> HeatMapPanel {
        HeatMapPanel(svg: "<p class=\"label\">无检查记录，暂无热点图 no map: \(HTMLText.escape(reason))</p>", hotSpots: [], violations: 0, note: nil)
    }

    /// `to` is the first day after the window; the map covers the months it touches.
    static func months(from: Date, to: Date) -> (from: String, to: String) {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let first = utc.dateComponents([.year, .month], from: from)
        let last = utc.dateComponents([.year, .month], from: to.addingTimeInterval(-1))
        let after = utc.date(byAdding: .month, value: 1, to: utc.date(from: last)!)!
        let a = utc.dateComponents([.year, .month], from: after)
        return (String(format: "%04d-%02d", first.year!, first.month!), String(format: "%04d-%02d", a.year!, a.month!))
    }

    static func make(_ result: HeatMapResult, districtRings: [[GeoPoint]], width: Double) -> HeatMapPanel {
        let title = "违法热点 violations \(result.request.from) – \(result.request.to)（500 m）"
        let svg = HeatMapSVG.render(cells: result.cells, grid: result.grid, valueKey: "violations", title: title,
                                    districtRings: districtRings, width: width)
        let hot = result.cells.filter { ($0.labels["hotspot"] ?? "").hasPrefix("hot") }
            .sorted { ($0.values["gi_z"] ?? 0, $1.key) > ($1.values["gi_z"] ?? 0, $0.key) }
            .prefix(5)
            .map { c in
                HotSpot(centre: result.grid.centre(c.key), violations: c.labels["violations"] ?? String(Int(c.values["violations"] ?? 0)),
                        z: c.values["gi_z"] ?? 0, label: c.labels["hotspot"] ?? "")
            }
        return HeatMapPanel(svg: svg, hotSpots: Array(hot), violations: result.violations, note: result.hotSpotNote)
    }

    /// The map and the list as one HTML section.
    func html(id: String = "heatmap") -> String {
        var html = "<section id=\"\(id)\"><h2>违法热点 Heat map</h2><div class=\"chart map\">\(svg)</div>"
        if hotSpots.isEmpty {
            html += "<p class=\"label\">无显著热点 no significant hot spot\(note.map { "（\(HTMLText.escape($0))）" } ?? "")</p>"
        } else {
            html += "<table class=\"data\"><tr><th>#</th><th>中心 centre</th><th>违法 violations</th><th>Gi* z</th></tr>"
            for (k, h) in hotSpots.enumerated() {
                html += "<tr><td>\(k + 1)</td><td>\(String(format: "%.4f°N %.4f°E", h.centre.latitude, h.centre.longitude))</td>"
                    + "<td data-figure=\"hotspot-\(k + 1)\">\(HTMLText.escape(h.violations))</td><td>\(String(format: "%.2f", h.z)) (\(HTMLText.escape(h.label)))</td></tr>"
            }
            html += "</table>"
        }
        return html + "</section>"
    }
}
