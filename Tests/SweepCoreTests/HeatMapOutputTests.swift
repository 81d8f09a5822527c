import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SweepCore

/// GeoJSON, CSV and SVG writers for heat-map cells.
@Suite struct HeatMapOutputTests {
    static let extent = [GeoPoint(longitude: 114.25, latitude: 30.55), GeoPoint(longitude: 114.35, latitude: 30.65)]

    /// A 3 × 3 block of cells around the demo city centre with counts 0…8, one suppressed and one hot.
    private func fixture(_ shape: HeatCellShape) throws -> (HeatGrid, [HeatCellValues]) {
        let grid = try HeatGrid.validated(shape: shape, sizeMetres: 500, extent: Self.extent)
        let centre = grid.key(for: GeoPoint(longitude: 114.30, latitude: 30.60))
        let keys = ([centre] + grid.neighbours(centre)).prefix(9)
        let cells = keys.enumerated().map { i, key in
            HeatCellValues(key: key, values: ["violations": Double(i), "repeat_rate": Double(i) / 10],
                           labels: i == 1 ? ["violations": "<5"] : i == 0 ? ["hotspot": "hot95"] : [:])
        }
        // Reversed input: output order must come from the keys, not the caller.
        return (grid, cells.reversed())
    }

    private func signedArea(_ ring: [[Double]]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0[0] * $1.1[1] - $1.1[0] * $1.0[1] } / 2
    }

    @Test(arguments: [HeatCellShape.square, .hexagon])
    func geoJSONIsValidRFC7946(shape: HeatCellShape) throws {
        let (grid, cells) = try fixture(shape)
        let text = HeatMapGeoJSON.featureCollection(cells: cells, grid: grid)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        #expect(root["crs"] == nil)
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == cells.count)
        var ids: [Int64] = []
        for feature in features {
            #expect(feature["type"] as? String == "Feature")
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Polygon")
            let rings = try #require(geometry["coordinates"] as? [[[Double]]])
            #expect(rings.count == 1)
            let ring = rings[0]
            #expect(ring.count == (shape == .square ? 5 : 7) && ring.count >= 4)
            #expect(ring.first == ring.last)
            #expect(signedArea(ring) > 0)
            for position in ring {
                #expect(position.count == 2)
                #expect(abs(position[0] - 114.3) < 0.1 && abs(position[1] - 30.6) < 0.1) // longitude first
            }
            let properties = try #require(feature["properties"] as? [String: Any])
            let id = try #require((feature["id"] as? NSNumber)?.int64Value)
            #expect((properties["cell_key"] as? NSNumber)?.int64Value == id)
            #expect(properties["crs_of_grid"] as? String == "EPSG:32650")
            ids.append(id)
        }
        #expect(ids == ids.sorted())
        #expect(Set(ids) == Set(cells.map(\.key)))
    }

    @Test func geoJSONPropertiesAreDeterministicAndSuppressionWins() throws {
        let (grid, cells) = try fixture(.square)
        let text = HeatMapGeoJSON.featureCollection(cells: cells, grid: grid)
        #expect(text == HeatMapGeoJSON.featureCollection(cells: cells.shuffled(), grid: grid))
        #expect(text.contains("\"properties\":{\"cell_key\":"))
        // The suppressed cell's count (1) never appears as a number, only as its label.
        let suppressed = try #require(cells.first { $0.labels["violations"] != nil })
        let line = try #require(text.split(separator: "\n").first { $0.contains("\"id\":\(suppressed.key),") })
        #expect(line.contains("\"violations\":\"<5\""))
        #expect(!line.contains("\"violations\":1"))
        #expect(line.contains("\"hotspot\":null,\"repeat_rate\":0.1,\"violations\":\"<5\"}}"))
        // Coordinates carry at most 7 decimals.
        let decimals = text.split(whereSeparator: { "[],".contains($0) }).compactMap { part -> Int? in
            guard part.first?.isNumber == true, let dot = part.firstIndex(of: "."), part.contains("114.") || part.contains("30.") else { return nil }
            return part.distance(from: part.index(after: dot), to: part.endIndex)
        }
        #expect(!decimals.isEmpty && decimals.allSatisfy { $0 <= 7 })
        // Requested properties: that order, missing and non-finite as null.
        let odd = [HeatCellValues(key: cells[0].key, values: ["z": .nan, "a": 2])]
        let chosen = HeatMapGeoJSON.featureCollection(cells: odd, grid: grid, properties: ["z", "a", "missing"])
        #expect(chosen.contains("\"z\":null,\"a\":2,\"missing\":null}"))
    }

    @Test func csvHasOneRowPerCell() throws {
        let (grid, cells) = try fixture(.hexagon)
        let text = HeatMapCSV.render(cells: cells, grid: grid, lineEnding: .lf)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == cells.count + 1)
        #expect(lines[0] == "cell_key,centre_longitude,centre_latitude,hotspot,repeat_rate,violations")
        let keys = lines.dropFirst().map { Int64($0.split(separator: ",")[0])! }
        #expect(keys == cells.map(\.key).sorted())
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 6)
            let key = Int64(fields[0])!
            let centre = grid.centre(key)
            #expect(abs(Double(fields[1])! - centre.longitude) < 1e-7 && abs(Double(fields[2])! - centre.latitude) < 1e-7)
        }
        #expect(text.contains(",<5\n"))
        let chosen = HeatMapCSV.render(cells: cells, grid: grid, columns: ["violations"])
        #expect(chosen.hasPrefix("cell_key,centre_longitude,centre_latitude,violations\r\n"))
    }

    @Test(arguments: [HeatCellShape.square, .hexagon])
    func svgHasOnePolygonPerCellAndALegend(shape: HeatCellShape) throws {
        let (grid, cells) = try fixture(shape)
        let district = [GeoPoint(longitude: 114.27, latitude: 30.57), GeoPoint(longitude: 114.33, latitude: 30.57),
                        GeoPoint(longitude: 114.33, latitude: 30.63), GeoPoint(longitude: 114.27, latitude: 30.57)]
        let schools = [GeoPoint(longitude: 114.301, latitude: 30.601), GeoPoint(longitude: 114.29, latitude: 30.59)]
        let svg = HeatMapSVG.render(cells: cells, grid: grid, valueKey: "violations", title: "Violations <2024> & repeats",
                                    districtRings: [district], schools: schools, width: 800)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<polygon ").count - 1 == cells.count)
        #expect(svg.contains("class=\"legend\""))
        #expect(svg.contains("Violations &lt;2024&gt; &amp; repeats"))
        // Values 0, 2…8 (1 is suppressed; hexagons have 6 neighbours so 0, 2…6): five equal classes.
        if shape == .square {
            #expect(svg.contains(">6.4 – 8<") && svg.contains(">0 – 1.6<"))
        } else {
            #expect(svg.contains(">4.8 – 6<") && svg.contains(">0 – 1.2<"))
        }
        for colour in HeatMapSVG.ramp { #expect(svg.contains(colour)) }
        #expect(svg.contains("suppressed (&lt;5)"))
        #expect(svg.contains("stroke=\"\(HeatMapSVG.hotStroke)\" stroke-width=\"2.5\"><title>"))
        #expect(svg.contains(">hot spot<") && !svg.contains(">cold spot<"))
        #expect(svg.components(separatedBy: "<polyline ").count - 1 == 1)
        #expect(svg.components(separatedBy: "<circle ").count - 1 == schools.count + 1) // + legend dot
        #expect(svg.contains(" m</text>") || svg.contains(" km</text>"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(svg == HeatMapSVG.render(cells: cells.reversed(), grid: grid, valueKey: "violations", title: "Violations <2024> & repeats",
                                         districtRings: [district], schools: schools, width: 800))
        // Well-formed XML.
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse())
    }

    @Test func svgCopesWithEqualAndMissingValues() throws {
        let grid = try HeatGrid.validated(shape: .square, sizeMetres: 500, extent: Self.extent)
        let key = grid.key(for: GeoPoint(longitude: 114.3, latitude: 30.6))
        let same = [HeatCellValues(key: key, values: ["v": 3]), HeatCellValues(key: key + 1, values: ["v": 3]), HeatCellValues(key: key + 2)]
        let svg = HeatMapSVG.render(cells: same, grid: grid, valueKey: "v", title: "t")
        #expect(svg.contains(">= 3<") && svg.contains(">no data<"))
        let empty = HeatMapSVG.render(cells: [], grid: grid, valueKey: "v", title: "empty")
        #expect(!empty.contains("<polygon") && empty.contains("</svg>") && !empty.contains("nan"))
        #expect(HeatMapSVG.legendNumber(1.6) == "1.6" && HeatMapSVG.legendNumber(1234.5) == "1235" && HeatMapSVG.legendNumber(0.126) == "0.13")
    }

    @Test func numberText() {
        #expect(HeatOutputText.number(3) == "3")
        #expect(HeatOutputText.number(0.25) == "0.25")
        #expect(HeatOutputText.coordinate(114.30000004) == "114.3")
        #expect(HeatOutputText.coordinate(30.123456789) == "30.1234568")
        #expect(HeatOutputText.json("a\"b\\\n\u{1}") == "\"a\\\"b\\\\\\n\\u0001\"")
    }
}
