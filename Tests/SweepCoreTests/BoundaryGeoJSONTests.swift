import Foundation
import Testing
@testable import SweepCore

/// GeoJSON boundaries: structure checks with JSON paths, ring rules, orientation, DataV
/// compatibility, and write → parse round trips.
@Suite struct BoundaryGeoJSONTests {
    // A 0.1° square near Wuhan, clockwise (north, east, south, west) and closed.
    static let clockwise = "[[114.0,30.0],[114.0,30.1],[114.1,30.1],[114.1,30.0],[114.0,30.0]]"
    static let counterClockwise = "[[114.0,30.0],[114.1,30.0],[114.1,30.1],[114.0,30.1],[114.0,30.0]]"

    private func points(_ pairs: [(Double, Double)]) -> [GeoPoint] { pairs.map { GeoPoint(longitude: $0.0, latitude: $0.1) } }

    private func collection(_ features: String...) -> Data {
        Data("{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".utf8)
    }

    private func feature(_ code: String, level: String = "district", parent: String = "null", geometry: String) -> String {
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"\(code)\",\"name\":\"区\(code)\",\"level\":\"\(level)\",\"parent\":\(parent)},\"geometry\":\(geometry)}"
    }

    private func polygon(_ rings: String...) -> String {
        "{\"type\":\"Polygon\",\"coordinates\":[\(rings.joined(separator: ","))]}"
    }

    @Test func clockwiseOuterRingsAreTurnedAndHolesDropped() throws {
        let hole = "[[114.02,30.02],[114.02,30.05],[114.05,30.05],[114.05,30.02],[114.02,30.02]]"
        let multi = "{\"type\":\"MultiPolygon\",\"coordinates\":[[\(Self.clockwise),\(hole)],[\(Self.counterClockwise.replacingOccurrences(of: "114.", with: "115."))]]}"
        let records = try BoundaryGeoJSON.parse(collection(
            feature("420102", geometry: polygon(Self.clockwise, hole)),
            feature("420103", geometry: multi),
            feature("420104", geometry: "null")), context: ImportContext()).get()
        let ccw = points([(114.0, 30.0), (114.1, 30.0), (114.1, 30.1), (114.0, 30.1), (114.0, 30.0)])
        #expect(records[0].boundary == [ccw])
        #expect(records[1].boundary == [ccw, points([(115.0, 30.0), (115.1, 30.0), (115.1, 30.1), (115.0, 30.1), (115.0, 30.0)])])
        #expect(records[2].boundary == nil)
        #expect(records.map(\.name) == ["区420102", "区420103", "区420104"])
        #expect(BoundaryGeoJSON.doubleSignedArea(records[0].boundary![0]) > 0)
    }

    @Test func problemsAreLocatedByJSONPath() {
        let swapped = "[[114.0,30.0],[114.1,30.0],[30.1,114.1],[114.0,30.1],[114.0,30.0]]"
        let open = "[[114.0,30.0],[114.1,30.0],[114.1,30.1],[114.0,30.1],[114.1,30.0]]"
        let short = "[[114.0,30.0],[114.1,30.0],[114.0,30.0]]"
        let data = collection(
            feature("420102", geometry: polygon(Self.clockwise)),
            feature("420103", level: "county", geometry: polygon(Self.clockwise)),
            feature("420104", geometry: polygon(swapped)),
            feature("420105", geometry: polygon(open)),
            feature("420106", geometry: "{\"type\":\"MultiPolygon\",\"coordinates\":[[\(Self.clockwise)],[\(short)]]}"),
            feature("420107", geometry: "{\"type\":\"Point\",\"coordinates\":[114.0,30.0]}"),
            feature("420108", geometry: polygon("[[true,30.0],[114.1,30.0],[114.1,30.1],[114.0,30.0]]")),
            "{\"type\":\"Featur\",\"properties\":{\"code\":420109,\"name\":\"x\",\"level\":\"district\"},\"geometry\":null}",
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"420110\",\"level\":\"district\",\"parent\":[1]},\"geometry\":\(polygon("[[200,95],[200,96],[201,96],[200,95]]"))}")
        let result = BoundaryGeoJSON.parse(data, context: ImportContext())
        #expect(result.issues.map(\.description) == [
            "features[1].properties.level: \"county\" is not a jurisdiction level; allowed: province, city, district",
            "features[2].geometry.coordinates[0][2]: longitude 30.1, latitude 114.1 looks swapped: (114.1, 30.1) would be in China; longitude comes first and is 73.4–135.1",
            "features[3].geometry.coordinates[0]: ring is not closed: the last position [114.1, 30.0] must repeat the first [114.0, 30.0]",
            "features[4].geometry.coordinates[1][0]: a linear ring needs at least 4 positions (the last repeating the first), found 3",
            "features[5].geometry.type: expected \"Polygon\" or \"MultiPolygon\", found \"Point\"",
            "features[6].geometry.coordinates[0][0]: expected a position [longitude, latitude] of numbers, found [true, 30]",
            "features[7].type: expected \"Feature\", found \"Featur\"",
            "features[8].properties.name: expected a non-empty string, found nothing",
            "features[8].properties.parent: expected the parent's code as a string, an integer or null, found [1]",
            "features[8].geometry.coordinates[0][0]: longitude 200.0, latitude 95.0 is outside China (longitude 73.4–135.1, latitude 3.8–53.6) (and 3 more bad positions in this ring)",
        ])
        #expect(result.records.map(\.code) == ["420102"])
    }

    @Test func documentLevelProblems() {
        func reasons(_ text: String) -> [String] {
            BoundaryGeoJSON.parse(Data(text.utf8), context: ImportContext()).issues.map(\.description)
        }
        #expect(reasons("{\"type\":\"Feature\",\"features\":{}}") == [
            "type: expected \"FeatureCollection\", found \"Feature\"",
            "features: expected an array of features, found an object",
        ])
        #expect(reasons("[1,2]") == ["document: expected a GeoJSON object with \"type\": \"FeatureCollection\""])
        #expect(reasons("{\"type\":").first?.hasPrefix("document: not valid JSON") == true)
        let gbk = Data("{\"type\":\"FeatureCollection\",\n\"features\":[{\"name\":\"".utf8) + Data([0xCD, 0xF8]) + Data("\"}]}".utf8)
        #expect(BoundaryGeoJSON.parse(gbk, context: ImportContext()).issues.map(\.description) == [
            "line 2: file is not UTF-8 (invalid byte 0xCD); it may be GBK/GB18030 — re-save as UTF-8",
        ])
    }

    @Test func treeChecksUseFeaturePaths() {
        let data = collection(
            feature("420102", parent: "\"420100\"", geometry: "null"),
            feature("420102", geometry: "null"),
            feature("420103", parent: "\"429999\"", geometry: "null"))
        let result = BoundaryGeoJSON.parse(data, context: ImportContext(jurisdictions: ["420100": .city]))
        #expect(result.issues.map(\.description) == [
            "features[1].properties.code: duplicate jurisdiction code 420102 (first at features[0])",
            "features[2].properties.parent: unknown parent 429999 (not in this file or the registry)",
        ])
        #expect(result.rows.map(\.location) == ["features[0]"])
    }

    @Test func dataVStylePropertiesAreAccepted() throws {
        let text = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"adcode":420102,"name":"江岸区","level":"district","parent":{"adcode":420100}},
           "geometry":{"type":"MultiPolygon","coordinates":[[\(Self.counterClockwise)]]}},
          {"type":"Feature","properties":{"adcode":420100,"name":"武汉市","level":"city","parent":{"adcode":420000}},"geometry":null}
        ]}
        """
        let records = try BoundaryGeoJSON.parse(Data(text.utf8), context: ImportContext(jurisdictions: ["420000": .province])).get()
        #expect(records.map(\.code) == ["420100", "420102"])
        #expect(records.map(\.parentCode) == ["420000", "420100"])
    }

    @Test func existingCodesAreRejectedUnlessReplacingBoundaries() {
        let context = ImportContext(jurisdictions: ["420100": .city, "420102": .district, "420103": .district])
        let data = collection(
            feature("420102", parent: "\"420100\"", geometry: polygon(Self.counterClockwise)),
            feature("420103", level: "province", geometry: "null"))
        #expect(BoundaryGeoJSON.parse(data, context: context).issues.map(\.description) == [
            "features[0].properties.code: jurisdiction code 420102 already exists",
            "features[1].properties.code: jurisdiction code 420103 already exists",
        ])
        let replacing = BoundaryGeoJSON.parse(data, context: context, onExisting: .replaceBoundary)
        #expect(replacing.issues.map(\.description) == [
            "features[1].properties.level: 420103 is registered as a district, not a province",
        ])
        #expect(replacing.records.map(\.code) == ["420102"])
        #expect(replacing.records.first?.boundary?.first?.count == 5)
    }

    @Test func writtenCollectionIsValidGeoJSONAndParsesBack() throws {
        let square = points([(114.0, 30.0), (114.1, 30.0), (114.1, 30.1), (114.0, 30.1), (114.0, 30.0)])
        let island = points([(114.305_512_3, 30.6), (114.4, 30.6), (114.4, 30.7), (114.305_512_3, 30.6)])
        let tree = [
            JurisdictionRecord(code: "420000", name: "湖北省", level: .province, parentCode: nil),
            JurisdictionRecord(code: "420100", name: "武汉市\n\"江城\"", level: .city, parentCode: "420000", boundary: [square]),
            JurisdictionRecord(code: "420102", name: "江岸区", level: .district, parentCode: "420100", boundary: [square, island]),
        ]
        let data = BoundaryGeoJSON.write(tree)
        let parsed = BoundaryGeoJSON.parse(data, context: ImportContext())
        #expect(parsed.issues == [])
        #expect(parsed.records == tree)

        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 3)
        #expect(features[0]["geometry"] is NSNull)
        let geometry = try #require(features[2]["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "MultiPolygon")
        #expect((geometry["coordinates"] as? [Any])?.count == 2)
        let properties = try #require(features[0]["properties"] as? [String: Any])
        #expect(properties["code"] as? String == "420000")
        #expect(properties["parent"] is NSNull)
    }

    @Test func writerTurnsAndClosesRingsHeldTheWrongWay() throws {
        let openClockwise = points([(114.0, 30.0), (114.0, 30.1), (114.1, 30.1), (114.1, 30.0)])
        let record = JurisdictionRecord(code: "420102", name: "江岸区", level: .district, parentCode: nil, boundary: [openClockwise])
        let back = try BoundaryGeoJSON.parse(BoundaryGeoJSON.write([record]), context: ImportContext()).get()
        #expect(back[0].boundary == [points([(114.0, 30.0), (114.1, 30.0), (114.1, 30.1), (114.0, 30.1), (114.0, 30.0)])])
    }
}
