import Foundation

/// A self-contained SVG choropleth of heat-map cells: a five-class sequential colour ramp with a
/// legend of class bounds, hot/cold spot outlines, district boundaries, schools, a title and a scale bar.
///
/// Drawn in the grid's own UTM metres (north up), so the cells are true squares and hexagons and
/// the scale bar is exact; the picture needs no tiles or fonts beyond the viewer's sans-serif.
public enum HeatMapSVG {
    /// ColorBrewer YlOrRd, 5 classes: sequential and readable by most colour-blind viewers.
    static let ramp = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
    static let labelledFill = "#bdbdbd", noDataFill = "#f7f7f7"
    static let hotStroke = "#b2182b", coldStroke = "#2166ac"
    static let legendWidth = 190.0, margin = 16.0, titleBand = 40.0, bottomBand = 44.0

    /// The SVG document.
    ///
    /// - Parameters:
    ///   - valueKey: the measure that colours the cells. Classes are equal intervals between its
    ///     smallest and largest finite value, so the bounds are plain numbers a reader can compare
    ///     across pictures; a cell with a label under this name (a suppressed count) is grey, one
    ///     with neither value nor label is near-white.
    ///   - districtRings: boundaries drawn as lines, unfilled.
    ///   - schools: drawn as small dots.
    ///   - width: total width in pixels; the height follows the map's shape.
    ///   - hotspotLabel: the label whose text starting with `hot` or `cold` (``HotSpotClass`` raw values) outlines a cell red or blue.
    public static func render(cells: [HeatCellValues], grid: HeatGrid, valueKey: String, title: String,
                              districtRings: [[GeoPoint]] = [], schools: [GeoPoint] = [],
                              width: Double = 800, hotspotLabel: String = "hotspot") -> String {
        let ordered = cells.sorted { $0.key < $1.key }
        let cellRings = ordered.map { grid.cornersXY($0.key) }
        let districtXY = districtRings.map { $0.filter(isFinite).map(grid.projection.forward) }
        let schoolXY = schools.filter(isFinite).map(grid.projection.forward)
        let frame = Frame(points: cellRings.flatMap { $0 } + districtXY.flatMap { $0 } + schoolXY, width: max(width, 400))
        let classes = Classes(ordered.compactMap { $0.labels[valueKey] == nil ? $0.values[valueKey] : nil })

        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(frame.width))" height="\(n(frame.height))" viewBox="0 0 \(n(frame.width)) \(n(frame.height))" font-family="sans-serif" font-size="12">
        <title>\(HeatOutputText.xml(title))</title>
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(n(margin))" y="26" font-size="17" font-weight="bold">\(HeatOutputText.xml(title))</text>

        """
        // Outlined cells last, so a neighbour's fill never covers half of a hot or cold outline.
        let outlineOf = { (cell: HeatCellValues) -> String? in
            guard let label = cell.labels[hotspotLabel]?.lowercased() else { return nil }
            return label.hasPrefix("hot") ? hotStroke : label.hasPrefix("cold") ? coldStroke : nil
        }
        let drawOrder = ordered.indices.sorted { (outlineOf(ordered[$0]) != nil ? 1 : 0) < (outlineOf(ordered[$1]) != nil ? 1 : 0) }
        svg += "<g stroke-linejoin=\"round\">\n"
        for i in drawOrder {
            let cell = ordered[i]
            let fill: String
            if cell.labels[valueKey] != nil {
                fill = labelledFill
            } else if let v = cell.values[valueKey], v.isFinite {
                fill = ramp[classes.index(of: v)]
            } else {
                fill = noDataFill
            }
            let stroke = outlineOf(cell).map { "stroke=\"\($0)\" stroke-width=\"2.5\"" } ?? "stroke=\"#ffffff\" stroke-width=\"0.5\""
            svg += "<polygon points=\"\(points(cellRings[i], frame))\" fill=\"\(fill)\" \(stroke)><title>\(cell.key)</title></polygon>\n"
        }
        svg += "</g>\n<g fill=\"none\" stroke=\"#333333\" stroke-width=\"1.2\">\n"
        for ring in districtXY where ring.count >= 2 {
            svg += "<polyline points=\"\(points(ring, frame))\"/>\n"
        }
        svg += "</g>\n<g fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"0.6\">\n"
        for s in schoolXY {
            let p = frame.place(s)
            svg += "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"2.5\"/>\n"
        }
        svg += "</g>\n"
        svg += scaleBar(frame)
        svg += legend(frame: frame, classes: classes, valueKey: valueKey, grid: grid,
                      labelled: Set(ordered.compactMap { $0.labels[valueKey] }).sorted(),
                      noData: ordered.contains { $0.labels[valueKey] == nil && !($0.values[valueKey]?.isFinite ?? false) },
                      hot: ordered.contains { outlineOf($0) == hotStroke }, cold: ordered.contains { outlineOf($0) == coldStroke },
                      schools: !schoolXY.isEmpty, districts: !districtXY.isEmpty)
        svg += "</svg>\n"
        return svg
    }

    // MARK: Layout

    /// Fits projected metres into the map area left of the legend, north up.
    struct Frame {
        let minX: Double, maxY: Double, scale: Double
        let mapWidth: Double, mapHeight: Double, width: Double, height: Double

        init(points: [(x: Double, y: Double)], width: Double) {
            let xs = points.map(\.x), ys = points.map(\.y)
            // A 1 km minimum span keeps a single cell or an empty picture from dividing by zero.
            var x0 = xs.min() ?? 0, x1 = xs.max() ?? 1000, y0 = ys.min() ?? 0, y1 = ys.max() ?? 1000
            if x1 - x0 < 1000 { (x0, x1) = ((x0 + x1) / 2 - 500, (x0 + x1) / 2 + 500) }
            if y1 - y0 < 1000 { (y0, y1) = ((y0 + y1) / 2 - 500, (y0 + y1) / 2 + 500) }
            let mapW = width - HeatMapSVG.legendWidth - 2 * HeatMapSVG.margin
            // Tall areas are capped at 1.5× the width so the page stays printable.
            let s = min(mapW / (x1 - x0), 1.5 * mapW / (y1 - y0))
            (minX, maxY, scale) = (x0, y1, s)
            mapWidth = (x1 - x0) * s
            mapHeight = (y1 - y0) * s
            self.width = width
            height = HeatMapSVG.titleBand + max(mapHeight, 300) + HeatMapSVG.bottomBand
        }

        func place(_ p: (x: Double, y: Double)) -> (x: Double, y: Double) {
            (HeatMapSVG.margin + (p.x - minX) * scale, HeatMapSVG.titleBand + (maxY - p.y) * scale)
        }
    }

    /// Equal-interval classes over the finite values; one class when all values are equal.
    struct Classes {
        let low: Double, high: Double, count: Int

        init(_ values: [Double]) {
            let finite = values.filter(\.isFinite)
            low = finite.min() ?? 0
            high = finite.max() ?? 0
            count = finite.isEmpty ? 0 : (low == high ? 1 : HeatMapSVG.ramp.count)
        }

        func index(of v: Double) -> Int {
            guard count > 1 else { return count == 1 ? HeatMapSVG.ramp.count - 1 : 0 }
            return min(count - 1, max(0, Int(((v - low) / (high - low) * Double(count)).rounded(.down))))
        }

        func bounds(_ i: Int) -> (Double, Double) {
            let step = (high - low) / Double(count)
            return (low + step * Double(i), i == count - 1 ? high : low + step * Double(i + 1))
        }
    }

    static func scaleBar(_ frame: Frame) -> String {
        let target = frame.mapWidth / frame.scale / 5
        let magnitude = pow(10, (log10(max(target, 1))).rounded(.down))
        let length = [5.0, 2, 1].map { $0 * magnitude }.first { $0 <= target } ?? magnitude
        let x0 = margin, y = titleBand + max(frame.mapHeight, 300) + 24, x1 = x0 + length * frame.scale
        let label = length >= 1000 ? "\(HeatOutputText.number(length / 1000)) km" : "\(HeatOutputText.number(length)) m"
        return """
        <g stroke="#000000" stroke-width="2"><line x1="\(n(x0))" y1="\(n(y))" x2="\(n(x1))" y2="\(n(y))"/><line x1="\(n(x0))" y1="\(n(y - 5))" x2="\(n(x0))" y2="\(n(y + 5))"/><line x1="\(n(x1))" y1="\(n(y - 5))" x2="\(n(x1))" y2="\(n(y + 5))"/></g>
        <text x="\(n(x1 + 8))" y="\(n(y + 4))">\(label)</text>

        """
    }

    static func legend(frame: Frame, classes: Classes, valueKey: String, grid: HeatGrid, labelled: [String],
                       noData: Bool, hot: Bool, cold: Bool, schools: Bool, districts: Bool) -> String {
        let x = frame.width - legendWidth + 4
        var y = titleBand + 4
        var out = "<g class=\"legend\">\n<text x=\"\(n(x))\" y=\"\(n(y + 10))\" font-weight=\"bold\">\(HeatOutputText.xml(valueKey))</text>\n"
        y += 20
        func row(_ swatch: String, _ text: String) {
            out += "\(swatch)<text x=\"\(n(x + 26))\" y=\"\(n(y + 12))\">\(HeatOutputText.xml(text))</text>\n"
            y += 20
        }
        func box(_ fill: String, stroke: String = "#888888", width: Double = 0.5) -> String {
            "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"18\" height=\"14\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"/>"
        }
        // Highest class on top, as readers expect "more" above "less".
        for i in stride(from: classes.count - 1, through: 0, by: -1) {
            let (lo, hi) = classes.bounds(i)
            let colour = classes.count == 1 ? ramp[ramp.count - 1] : ramp[i]
            row(box(colour), classes.count == 1 ? "= \(legendNumber(lo))" : "\(legendNumber(lo)) – \(legendNumber(hi))")
        }
        if !labelled.isEmpty { row(box(labelledFill), "suppressed (\(labelled.prefix(3).joined(separator: ", ")))") }
        if noData { row(box(noDataFill), "no data") }
        if hot { row(box("none", stroke: hotStroke, width: 2.5), "hot spot") }
        if cold { row(box("none", stroke: coldStroke, width: 2.5), "cold spot") }
        if districts { row("<line x1=\"\(n(x))\" y1=\"\(n(y + 7))\" x2=\"\(n(x + 18))\" y2=\"\(n(y + 7))\" stroke=\"#333333\" stroke-width=\"1.2\"/>", "district boundary") }
        if schools { row("<circle cx=\"\(n(x + 9))\" cy=\"\(n(y + 7))\" r=\"2.5\" fill=\"#1a1a1a\"/>", "school") }
        let size = HeatOutputText.number(grid.sizeMetres)
        let cellText = grid.shape == .square ? "\(size) m squares" : "\(size) m hexagons"
        out += "<text x=\"\(n(x))\" y=\"\(n(y + 14))\" font-size=\"10\" fill=\"#555555\">\(cellText), EPSG:\(grid.projection.epsg)</text>\n</g>\n"
        return out
    }

    static func points(_ ring: [(x: Double, y: Double)], _ frame: Frame) -> String {
        ring.map { let p = frame.place($0); return "\(n(p.x)),\(n(p.y))" }.joined(separator: " ")
    }

    static func isFinite(_ p: GeoPoint) -> Bool { p.longitude.isFinite && p.latitude.isFinite }

    static func n(_ v: Double) -> String { String(format: "%.1f", v) }

    /// Class bounds to about three significant figures: enough to tell classes apart.
    static func legendNumber(_ v: Double) -> String {
        if v == v.rounded() || abs(v) >= 100 { return HeatOutputText.number(v.rounded()) }
        var s = String(format: abs(v) >= 10 ? "%.1f" : "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
