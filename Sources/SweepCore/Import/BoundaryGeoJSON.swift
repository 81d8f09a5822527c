import Foundation

/// Jurisdictions with their boundaries as a GeoJSON FeatureCollection (RFC 7946)
/// (`sweep import jurisdictions FILE.geojson`, `sweep export jurisdictions --format geojson`).
///
/// Each feature is one jurisdiction:
///
/// - `properties.code` — administrative code, a string or an integer (`adcode` is accepted too,
///   as in DataV.GeoAtlas downloads);
/// - `properties.name`, `properties.level` (`province`, `city` or `district`);
/// - `properties.parent` — the parent's code, `null` or absent for the top (a DataV-style
///   `{"adcode": 420100}` object is accepted too);
/// - `geometry` — a `Polygon`, a `MultiPolygon`, or `null` for a jurisdiction without a boundary.
///
/// Positions are `[longitude, latitude]` (a third value, altitude, is ignored) and must lie in
/// China; swapped pairs are named as such. Every ring must have at least four positions and be
/// closed (last = first). Only outer rings are kept: the record models none, since district
/// boundaries have none, so holes (second and later rings of a polygon) are checked and then
/// dropped. Outer rings come back counter-clockwise, as RFC 7946 asks, whichever way the file ran
/// them. Problems are located by JSON path, e.g. `features[3].geometry.coordinates[0][5]`.
///
/// The tree checks are those of ``JurisdictionCSV``: unique codes, parents in the file or the
/// store, levels that nest, parents first in the result.
public enum BoundaryGeoJSON {
    /// What to do with a feature whose code the store already has.
    public enum ExistingCodePolicy: Sendable, Equatable {
        /// An error, as for every import: import adds jurisdictions.
        case reject
        /// Accept it as a new boundary for the stored jurisdiction, provided its level matches.
        /// Lets boundaries follow a CSV import of the tree; the store decides insert versus
        /// update by whether the code is in ``ImportContext/jurisdictions``.
        case replaceBoundary
    }

    /// Parses and validates a FeatureCollection; rows come back parents first, with `features[i]`
    /// as their location.
    public static func parse(_ data: Data, context: ImportContext, onExisting: ExistingCodePolicy = .reject) -> ImportResult<JurisdictionRecord> {
        var issues = IssueCollector()
        guard let root = document(data, issues: &issues) else { return ImportResult(rows: [], issues: issues.report) }
        guard let object = root as? [String: Any] else {
            issues.add(FieldIssue(location: "document", reason: "expected a GeoJSON object with \"type\": \"FeatureCollection\""))
            return ImportResult(rows: [], issues: issues.report)
        }
        let type = object["type"] as? String
        if type != "FeatureCollection" {
            issues.add(FieldIssue(location: "type", reason: "expected \"FeatureCollection\", found \(describe(object["type"]))"))
        }
        guard let features = object["features"] as? [Any] else {
            issues.add(FieldIssue(location: "features", reason: "expected an array of features, found \(describe(object["features"]))"))
            return ImportResult(rows: [], issues: issues.report)
        }

        var entries: [JurisdictionEntry] = []
        entries.reserveCapacity(features.count)
        for (index, value) in features.enumerated() {
            entries.append(feature(value, index: index, issues: &issues))
        }

        var treeContext = context
        if onExisting == .replaceBoundary {
            // Stored codes are then not clashes: check their levels here and hide them from the tree's
            // "already exists" test (they stay known as parents through `entries`).
            for index in entries.indices {
                guard let code = entries[index].code, let stored = context.jurisdictions[code] else { continue }
                if let level = entries[index].level, level != stored {
                    issues.add(FieldIssue(location: entries[index].place.field("level"),
                                          reason: "\(code) is registered as a \(stored.rawValue), not a \(level.rawValue)"))
                    entries[index].record = nil
                }
                treeContext.jurisdictions[code] = nil
            }
        }
        let rows = JurisdictionTree.resolve(entries, context: treeContext, issues: &issues)
        return ImportResult(rows: rows, issues: issues.report)
    }

    /// A FeatureCollection of `jurisdictions`, one feature per line, with `MultiPolygon` geometry
    /// (or `null` without a boundary) and properties `code`, `name`, `level`, `parent`.
    ///
    /// Rings are written closed and counter-clockwise even if a record holds them otherwise, so the
    /// output is valid RFC 7946 and reads back through ``parse(_:context:onExisting:)``.
    public static func write(_ jurisdictions: [JurisdictionRecord]) -> Data {
        var out = "{\"type\":\"FeatureCollection\",\"features\":["
        for (index, jurisdiction) in jurisdictions.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "{\"type\":\"Feature\",\"properties\":{\"code\":\(quoted(jurisdiction.code)),\"name\":\(quoted(jurisdiction.name)),"
            out += "\"level\":\(quoted(jurisdiction.level.rawValue)),\"parent\":\(jurisdiction.parentCode.map(quoted) ?? "null")},\"geometry\":"
            if let rings = jurisdiction.boundary {
                out += "{\"type\":\"MultiPolygon\",\"coordinates\":["
                out += rings.map { ring in
                    "[[" + counterClockwise(closed(ring)).map { "[\($0.longitude),\($0.latitude)]" }.joined(separator: ",") + "]]"
                }.joined(separator: ",")
                out += "]}"
            } else {
                out += "null"
            }
            out += "}"
        }
        out += jurisdictions.isEmpty ? "]}\n" : "\n]}\n"
        return Data(out.utf8)
    }

    // MARK: - Reading

    /// The decoded JSON, or nil with an issue for bad encoding or syntax.
    private static func document(_ data: Data, issues: inout IssueCollector) -> Any? {
        var body = data
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let valid = body.withUnsafeBytes { String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) != nil }
        if !valid {
            let (line, byte) = body.withUnsafeBytes { CSVReader.locateInvalidUTF8($0.bindMemory(to: UInt8.self), from: 0, line: 1) }
            issues.add(FieldIssue(location: "line \(line)", reason: "file is not UTF-8 (invalid byte 0x\(String(byte, radix: 16, uppercase: true))); \(CSVReader.encodingHint)"))
            return nil
        }
        do {
            return try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            issues.add(FieldIssue(location: "document", reason: "not valid JSON: \(detail)"))
            return nil
        }
    }

    private static func feature(_ value: Any, index: Int, issues: inout IssueCollector) -> JurisdictionEntry {
        let path = "features[\(index)]"
        var entry = JurisdictionEntry(place: .feature(index), code: nil, level: nil, parent: nil, record: nil)
        guard let object = value as? [String: Any] else {
            issues.add(FieldIssue(location: path, reason: "expected a Feature object, found \(describe(value))"))
            return entry
        }
        let before = issues.count
        if object["type"] as? String != "Feature" {
            issues.add(FieldIssue(location: "\(path).type", reason: "expected \"Feature\", found \(describe(object["type"]))"))
        }

        var name: String?
        if let properties = object["properties"] as? [String: Any] {
            let codeKey = properties["code"] == nil && properties["adcode"] != nil ? "adcode" : "code"
            entry.code = code(properties[codeKey])
            if entry.code == nil {
                issues.add(FieldIssue(location: "\(path).properties.\(codeKey)", reason: "expected the jurisdiction code as a string or integer, found \(describe(properties[codeKey]))"))
            }
            name = (properties["name"] as? String).map(RowReader.trimmed)
            if name?.isEmpty ?? true {
                issues.add(FieldIssue(location: "\(path).properties.name", reason: "expected a non-empty string, found \(describe(properties["name"]))"))
            }
            let levelText = properties["level"] as? String
            entry.level = levelText.flatMap { JurisdictionLevel(rawValue: $0.lowercased()) }
            if entry.level == nil {
                let allowed = JurisdictionLevel.allCases.map(\.rawValue).joined(separator: ", ")
                issues.add(FieldIssue(location: "\(path).properties.level", reason: "\(describe(properties["level"])) is not a jurisdiction level; allowed: \(allowed)"))
            }
            switch properties["parent"] {
            case nil, is NSNull: break
            case let parent as [String: Any] where parent["adcode"] != nil:
                entry.parent = code(parent["adcode"])
                if entry.parent == nil {
                    issues.add(FieldIssue(location: "\(path).properties.parent.adcode", reason: "expected a code, found \(describe(parent["adcode"]))"))
                }
            case let parent:
                if let text = code(parent) {
                    entry.parent = text.isEmpty ? nil : text
                } else {
                    issues.add(FieldIssue(location: "\(path).properties.parent", reason: "expected the parent's code as a string, an integer or null, found \(describe(parent))"))
                }
            }
        } else {
            issues.add(FieldIssue(location: "\(path).properties", reason: "expected an object with code, name, level and parent, found \(describe(object["properties"]))"))
        }

        let boundary = geometry(object["geometry"], path: "\(path).geometry", issues: &issues)
        if issues.count == before, let code = entry.code, let name, let level = entry.level {
            entry.record = JurisdictionRecord(code: code, name: name, level: level, parentCode: entry.parent, boundary: boundary)
        }
        return entry
    }

    /// The outer rings of a Polygon or MultiPolygon, or nil (for `null` geometry or after issues).
    private static func geometry(_ value: Any?, path: String, issues: inout IssueCollector) -> [[GeoPoint]]? {
        guard let value, !(value is NSNull) else { return nil }
        guard let object = value as? [String: Any] else {
            issues.add(FieldIssue(location: path, reason: "expected a geometry object or null, found \(describe(value))"))
            return nil
        }
        let coordinatesPath = "\(path).coordinates"
        switch object["type"] as? String {
        case "Polygon":
            return polygon(object["coordinates"], path: coordinatesPath, issues: &issues).map { [$0] }
        case "MultiPolygon":
            guard let polygons = object["coordinates"] as? [Any], !polygons.isEmpty else {
                issues.add(FieldIssue(location: coordinatesPath, reason: "expected a non-empty array of polygons, found \(describe(object["coordinates"]))"))
                return nil
            }
            var rings: [[GeoPoint]] = []
            var ok = true
            for (index, value) in polygons.enumerated() {
                if let ring = polygon(value, path: "\(coordinatesPath)[\(index)]", issues: &issues) { rings.append(ring) } else { ok = false }
            }
            return ok ? rings : nil
        default:
            issues.add(FieldIssue(location: "\(path).type", reason: "expected \"Polygon\" or \"MultiPolygon\", found \(describe(object["type"]))"))
            return nil
        }
    }

    /// A polygon's outer ring, counter-clockwise; its holes are checked and dropped.
    private static func polygon(_ value: Any?, path: String, issues: inout IssueCollector) -> [GeoPoint]? {
        guard let rings = value as? [Any], !rings.isEmpty else {
            issues.add(FieldIssue(location: path, reason: "expected a non-empty array of linear rings, found \(describe(value))"))
            return nil
        }
        var outer: [GeoPoint]?
        var ok = true
        for (index, value) in rings.enumerated() {
            let ring = ring(value, path: "\(path)[\(index)]", issues: &issues)
            if ring == nil { ok = false }
            if index == 0 { outer = ring }
        }
        guard ok, let outer else { return nil }
        return counterClockwise(outer)
    }

    /// A checked linear ring in file order.
    private static func ring(_ value: Any, path: String, issues: inout IssueCollector) -> [GeoPoint]? {
        guard let positions = value as? [Any] else {
            issues.add(FieldIssue(location: path, reason: "expected a linear ring (an array of positions), found \(describe(value))"))
            return nil
        }
        var points: [GeoPoint] = []
        points.reserveCapacity(positions.count)
        // Report the first bad position of a ring and count the rest: a file with swapped axes would
        // otherwise list every vertex.
        var firstBad: FieldIssue?
        var moreBad = 0
        for (index, value) in positions.enumerated() {
            let problem: String
            if let pair = value as? [Any], pair.count >= 2, let lon = number(pair[0]), let lat = number(pair[1]) {
                guard let outside = ChinaBounds.problem(longitude: lon, latitude: lat) else {
                    points.append(GeoPoint(longitude: lon, latitude: lat))
                    continue
                }
                problem = outside
            } else {
                problem = "expected a position [longitude, latitude] of numbers, found \(describe(value))"
            }
            if firstBad == nil { firstBad = FieldIssue(location: "\(path)[\(index)]", reason: problem) } else { moreBad += 1 }
        }
        if var firstBad {
            if moreBad > 0 { firstBad.reason += " (and \(moreBad) more bad positions in this ring)" }
            issues.add(firstBad)
            return nil
        }
        guard points.count >= 4 else {
            issues.add(FieldIssue(location: path, reason: "a linear ring needs at least 4 positions (the last repeating the first), found \(points.count)"))
            return nil
        }
        guard points.first == points.last else {
            let first = points[0], last = points[points.count - 1]
            issues.add(FieldIssue(location: path, reason: "ring is not closed: the last position [\(last.longitude), \(last.latitude)] must repeat the first [\(first.longitude), \(first.latitude)]"))
            return nil
        }
        guard doubleSignedArea(points) != 0 else {
            issues.add(FieldIssue(location: path, reason: "ring encloses no area (its positions lie on one line)"))
            return nil
        }
        return points
    }

    /// A code from a string or an integral JSON number (DataV writes `adcode` as a number).
    private static func code(_ value: Any?) -> String? {
        if let text = value as? String {
            let trimmed = RowReader.trimmed(text)
            return trimmed.isEmpty ? nil : trimmed
        }
        if let value, let number = number(value), number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return nil
    }

    /// A JSON number as a Double; nil for anything else, booleans included. JSONSerialization hands
    /// booleans over as NSNumber too, told apart only by their Objective-C type `c` (char).
    private static func number(_ value: Any) -> Double? {
        guard let number = value as? NSNumber, !(value is String) else { return nil }
        if String(cString: number.objCType) == "c" || String(describing: type(of: value)).contains("Boolean") { return nil }
        return number.doubleValue
    }

    /// A short description of a JSON value for messages: strings quoted, containers by kind.
    private static func describe(_ value: Any?) -> String {
        switch value {
        case nil: return "nothing"
        case is NSNull: return "null"
        case let text as String: return "\"\(text.count > 40 ? text.prefix(40) + "…" : text)\""
        case let array as [Any]:
            // Short arrays of scalars (a bad position, say) are shown; longer ones only counted.
            if array.count <= 4, array.allSatisfy({ !($0 is [Any]) && !($0 is [String: Any]) }) {
                return "[" + array.map { describe($0) }.joined(separator: ", ") + "]"
            }
            return "an array of \(array.count)"
        case is [String: Any]: return "an object"
        case let other?:
            if let n = other as? NSNumber {
                guard let value = number(other) else { return n.boolValue ? "true" : "false" }
                return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
            }
            return "\(other)"
        }
    }

    // MARK: - Geometry

    /// Twice the signed area (shoelace, degrees as plane coordinates): positive when counter-clockwise.
    static func doubleSignedArea(_ ring: [GeoPoint]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        var previous = ring[ring.count - 1]
        for point in ring {
            sum += previous.longitude * point.latitude - point.longitude * previous.latitude
            previous = point
        }
        return sum
    }

    /// The ring turned counter-clockwise (RFC 7946 §3.1.6 for exterior rings); reversing keeps it closed.
    static func counterClockwise(_ ring: [GeoPoint]) -> [GeoPoint] {
        doubleSignedArea(ring) < 0 ? ring.reversed() : ring
    }

    private static func closed(_ ring: [GeoPoint]) -> [GeoPoint] {
        guard let first = ring.first, ring.last != first else { return ring }
        return ring + [first]
    }

    /// A JSON string literal.
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
