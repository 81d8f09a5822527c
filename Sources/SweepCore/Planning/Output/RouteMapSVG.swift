import Foundation

/// The inline SVG route map of one sweep: depot square, numbered stop circles coloured by kind,
/// the route as one polyline depot → stops → depot, a scale bar and a north arrow.
///
/// A local equirectangular projection (longitude scaled by the cosine of the mean latitude) is
/// exact enough for a district-sized route and needs no tiles, so the sheet prints offline.
/// North is up, which is why the arrow is fixed.
enum RouteMapSVG {
    static let width = 680.0
    static let height = 400.0
    // Room for the north arrow on the right and the scale bar below.
    static let marginLeft = 24.0, marginRight = 52.0, marginTop = 24.0, marginBottom = 44.0
    /// The smallest span shown, so a route of one venue next to the depot is not zoomed to nothing.
    static let minimumSpanMetres = 300.0
    static let metresPerDegree = 111_320.0
    static let stopRadius = 9.0

    /// Projects WGS 84 points to SVG coordinates fitted into the drawing area.
    struct Projection {
        let lon0: Double, lat0: Double, cosLat: Double
        let centreX: Double, centreY: Double
        /// SVG units per metre.
        let scale: Double

        init(points: [GeoPoint]) {
            let usable = points.filter { $0.longitude.isFinite && $0.latitude.isFinite }
            let n = Double(max(usable.count, 1))
            let lon0 = usable.map(\.longitude).reduce(0, +) / n
            let lat0 = usable.map(\.latitude).reduce(0, +) / n
            let cosLat = cos(lat0 * .pi / 180)
            (self.lon0, self.lat0, self.cosLat) = (lon0, lat0, cosLat)
            let xs = usable.map { ($0.longitude - lon0) * cosLat * RouteMapSVG.metresPerDegree }
            let ys = usable.map { ($0.latitude - lat0) * RouteMapSVG.metresPerDegree }
            let minX = xs.min() ?? 0, maxX = xs.max() ?? 0, minY = ys.min() ?? 0, maxY = ys.max() ?? 0
            centreX = (minX + maxX) / 2
            centreY = (minY + maxY) / 2
            let spanX = max(maxX - minX, RouteMapSVG.minimumSpanMetres)
            let spanY = max(maxY - minY, RouteMapSVG.minimumSpanMetres)
            let innerW = RouteMapSVG.width - RouteMapSVG.marginLeft - RouteMapSVG.marginRight
            let innerH = RouteMapSVG.height - RouteMapSVG.marginTop - RouteMapSVG.marginBottom
            scale = min(innerW / spanX, innerH / spanY)
        }

        /// SVG position; a point with a non-finite coordinate lands on the map centre rather than
        /// producing `nan` that would blank the whole drawing.
        func project(_ p: GeoPoint) -> (x: Double, y: Double) {
            let innerW = RouteMapSVG.width - RouteMapSVG.marginLeft - RouteMapSVG.marginRight
            let innerH = RouteMapSVG.height - RouteMapSVG.marginTop - RouteMapSVG.marginBottom
            let midX = RouteMapSVG.marginLeft + innerW / 2, midY = RouteMapSVG.marginTop + innerH / 2
            guard p.longitude.isFinite, p.latitude.isFinite else { return (midX, midY) }
            let x = (p.longitude - lon0) * cosLat * RouteMapSVG.metresPerDegree
            let y = (p.latitude - lat0) * RouteMapSVG.metresPerDegree
            // SVG y grows downwards, north grows upwards.
            return (midX + (x - centreX) * scale, midY - (y - centreY) * scale)
        }
    }

    static func render(_ sweep: SweepView) -> String {
        let projection = Projection(points: [sweep.depot] + sweep.stops.map(\.location))
        let depot = projection.project(sweep.depot)
        let stops = sweep.stops.map { projection.project($0.location) }

        var svg = """
        <svg class="route-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" \
        role="img" aria-label="路线图 Route map">
        <title>路线图 Route map – \(HTMLText.escape(sweep.label))</title>
        <rect x="0.5" y="0.5" width="\(n(width - 1))" height="\(n(height - 1))" fill="#ffffff" stroke="#9ca3af"/>

        """
        let route = ([depot] + stops + [depot]).map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        svg += "<polyline class=\"route\" points=\"\(route)\" fill=\"none\" stroke=\"#374151\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
        svg += "<rect class=\"depot\" x=\"\(n(depot.x - 7))\" y=\"\(n(depot.y - 7))\" width=\"14\" height=\"14\" fill=\"#111827\"/>\n"
        // Label on the side with room, so it never runs off the map edge.
        let labelOnLeft = depot.x > width / 2
        svg += "<text x=\"\(n(depot.x + (labelOnLeft ? -10 : 10)))\" y=\"\(n(depot.y - 9))\" font-size=\"11\" "
            + "text-anchor=\"\(labelOnLeft ? "end" : "start")\" fill=\"#111827\">出发/返回 Depot</text>\n"
        for (stop, point) in zip(sweep.stops, stops) {
            svg += "<circle class=\"stop\" cx=\"\(n(point.x))\" cy=\"\(n(point.y))\" r=\"\(n(stopRadius))\" "
                + "fill=\"\(PlanOutputLabels.colour(stop.kind))\" stroke=\"#ffffff\" stroke-width=\"1.5\">"
                + "<title>\(stop.seq). \(HTMLText.escape(stop.venueName))</title></circle>\n"
            svg += "<text x=\"\(n(point.x))\" y=\"\(n(point.y + 3.5))\" font-size=\"10\" font-weight=\"bold\" "
                + "text-anchor=\"middle\" fill=\"#ffffff\">\(stop.seq)</text>\n"
        }
        svg += scaleBar(metresPerUnit: 1 / projection.scale)
        svg += northArrow()
        svg += "</svg>"
        return svg
    }

    /// A bar of a round length (1, 2 or 5 × 10ⁿ metres) close to a quarter of the map width.
    static func scaleBar(metresPerUnit: Double) -> String {
        let innerW = width - marginLeft - marginRight
        let metres = niceLength(atMost: innerW / 4 * metresPerUnit)
        let length = metres / metresPerUnit
        let x0 = marginLeft, y = height - 18
        let label = metres >= 1000 ? "\(trimmed(metres / 1000)) km" : "\(trimmed(metres)) m"
        return """
        <g class="scale-bar" stroke="#111827" stroke-width="1.5">
        <line x1="\(n(x0))" y1="\(n(y))" x2="\(n(x0 + length))" y2="\(n(y))"/>
        <line x1="\(n(x0))" y1="\(n(y - 5))" x2="\(n(x0))" y2="\(n(y + 5))"/>
        <line x1="\(n(x0 + length))" y1="\(n(y - 5))" x2="\(n(x0 + length))" y2="\(n(y + 5))"/>
        </g>
        <text x="\(n(x0 + length + 8))" y="\(n(y + 4))" font-size="11" fill="#111827">\(label)</text>

        """
    }

    static func niceLength(atMost target: Double) -> Double {
        guard target.isFinite, target > 0 else { return 100 }
        let power = pow(10, (log10(target)).rounded(.down))
        for step in [5.0, 2.0, 1.0] where step * power <= target { return step * power }
        return power
    }

    static func northArrow() -> String {
        let x = width - 26, y = marginTop + 4
        return """
        <g class="north-arrow">
        <polygon points="\(n(x)),\(n(y)) \(n(x - 8)),\(n(y + 24)) \(n(x)),\(n(y + 18)) \(n(x + 8)),\(n(y + 24))" fill="#111827"/>
        <text x="\(n(x))" y="\(n(y + 38))" font-size="11" text-anchor="middle" fill="#111827">N 北</text>
        </g>

        """
    }

    /// One decimal, locale-independent, so output is byte-identical everywhere.
    static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    static func trimmed(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
    }
}
