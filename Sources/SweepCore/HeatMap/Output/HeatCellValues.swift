import Foundation

/// The measures of one grid cell, ready for output.
public struct HeatCellValues: Sendable, Hashable, Codable {
    /// The cell's key in its ``HeatGrid``.
    public var key: Int64
    /// Numeric measures by name: `violations`, `repeat_rate`, `gi_z`, …
    public var values: [String: Double]
    /// Text that replaces or adds to the numbers: a suppressed count such as `"<5"` under the
    /// value's own name, or a ``HotSpotClass`` raw value such as `"hot95"` under `hotspot`.
    public var labels: [String: String]

    public init(key: Int64, values: [String: Double] = [:], labels: [String: String] = [:]) {
        self.key = key
        self.values = values
        self.labels = labels
    }
}

/// Property naming and number text shared by the heat-map writers.
enum HeatOutputText {
    /// The property names to write: the caller's order, or every name found, sorted, so output
    /// never depends on dictionary order.
    static func names(_ cells: [HeatCellValues], requested: [String]?) -> [String] {
        if let requested { return requested }
        var all = Set<String>()
        for cell in cells {
            all.formUnion(cell.values.keys)
            all.formUnion(cell.labels.keys)
        }
        return all.sorted()
    }

    /// A property's value: the label when there is one, so a suppressed count never leaves as a
    /// number; else the number; nil when the cell has neither.
    static func property(_ cell: HeatCellValues, _ name: String) -> Value? {
        if let label = cell.labels[name] { return .text(label) }
        if let value = cell.values[name] { return .number(value) }
        return nil
    }

    enum Value: Equatable {
        case text(String)
        case number(Double)
    }

    /// Shortest round-tripping decimal; whole numbers without ".0" so counts read as counts.
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// A coordinate to 7 decimals (about 1 cm), trailing zeros dropped.
    static func coordinate(_ v: Double) -> String {
        var s = String(format: "%.7f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// A JSON string literal.
    static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// Text for XML content and attribute values.
    static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
