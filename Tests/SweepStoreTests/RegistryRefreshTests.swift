import Foundation
import PostgresNIO
import Testing
import SweepCore
import TestSupport
@testable import SweepStore

/// A department's periodic list refreshes the registry by code: a dry run shows the diff and writes
/// nothing, the real run applies it whole with the file as the reason, and a bad line changes nothing.
@Suite struct RegistryRefreshTests {
    static let header = "code,kind,name,address,district,licensed,operator_key,longitude,latitude,status,licence_type,licence_number,licence_issuer,licence_valid_until"
    static let first = """
    \(header)
    V-1,internet_cafe,星际网咖,解放大道1号,420102,true,,114.30,30.60,,network_culture,WH-0001,CUL,2027-12-31
    V-2,internet_cafe,银河网咖,解放大道2号,420102,true,,114.31,30.60,,network_culture,WH-0002,CUL,2027-12-31
    V-3,internet_cafe,月光网咖,中山大道3号,420103,true,,114.28,30.58,,network_culture,WH-0003,CUL,2027-12-31
    V-4,tobacco_retail,便民烟酒,解放大道4号,420102,true,,114.32,30.61,,tobacco_retail,YC-0004,TOB,
    """

    static func setUp(_ db: Database) async throws {
        let importer = RegistryImporter(db: db)
        _ = try await importer.importFile(.jurisdictions, data: Data(RegistryImportTests.jurisdictions.utf8), geoJSON: false, fileName: "j.csv", actor: "test")
        _ = try await importer.importFile(.venues, data: Data(first.utf8), geoJSON: false, fileName: "v.csv", actor: "test")
    }

    /// The CUL list for district 420102 a month later: V-1 renamed and renewed, V-2 gone, V-5 new;
    /// V-3 (another district) and V-4 (a tobacco shop) are not covered by this list.
    static let refresh = """
    \(header)
    V-1,internet_cafe,星际电竞,解放大道1号,420102,true,,114.30,30.60,,network_culture,WH-0001,CUL,2029-12-31
    V-5,internet_cafe,新星网咖,解放大道5号,420102,true,,114.33,30.62,,network_culture,WH-0005,CUL,2028-06-30
    """

    static func names(_ db: Database) async throws -> [String: String] {
        var out: [String: String] = [:]
        for try await (code, name, status) in try await db.query("SELECT code, name, status FROM venue").decode((String, String, String).self) {
            out[code] = "\(name)/\(status)"
        }
        return out
    }

    @Test func aDryRunShowsTheDiffAndTheRunAppliesIt() async throws {
        try await TestDatabase.withDatabase { db in
            try await Self.setUp(db)
            let before = try await Self.names(db)
            let refresher = RegistryRefresher(db: db)
            let plan = try await refresher.refreshVenues(data: Data(Self.refresh.utf8), fileName: "cul-2026-12.csv", actor: "test", dryRun: true)
            #expect(plan.added.map(\.code) == ["V-5"])
            #expect(plan.changed.map(\.code) == ["V-1"] && plan.changed[0].fields["name"] == FieldChange(from: "星际网咖", to: "星际电竞"))
            #expect(plan.changed[0].revalidated.map(\.number) == ["WH-0001"])
            #expect(plan.closed.map(\.code) == ["V-2"] && plan.closed[0].why == "not in the file")
            #expect(plan.unchanged == 0)
            let text = plan.lines().joined(separator: "\n")
            #expect(text.contains("added 1, changed 1, closed 1, unchanged 0") && text.contains("name \"星际网咖\" → \"星际电竞\""), "\(text)")
            #expect(try await Self.names(db) == before, "a dry run writes nothing")

            _ = try await refresher.refreshVenues(data: Data(Self.refresh.utf8), fileName: "cul-2026-12.csv", actor: "test", dryRun: false)
            let after = try await Self.names(db)
            #expect(after["V-1"] == "星际电竞/open" && after["V-2"] == "银河网咖/closed" && after["V-5"] == "新星网咖/open")
            #expect(after["V-3"] == "月光网咖/open" && after["V-4"] == "便民烟酒/open", "what the list does not cover stays")
            var reasons: [String] = []
            for try await (change, reason) in try await db.query("SELECT change, reason FROM registry_change ORDER BY id").decode((String, String).self) {
                reasons.append("\(change): \(reason)")
            }
            #expect(reasons == ["venue_registered: registry refresh from cul-2026-12.csv", "venue_corrected: registry refresh from cul-2026-12.csv",
                                "venue_closed: registry refresh from cul-2026-12.csv: not in the file"], "\(reasons)")
            var until = ""
            for try await d in try await db.query("SELECT valid_until::text FROM licence WHERE licence_number = 'WH-0001'").decode(String.self) { until = d }
            #expect(until == "2029-12-31")

            let again = try await refresher.refreshVenues(data: Data(Self.refresh.utf8), fileName: "cul-2026-12.csv", actor: "test", dryRun: true)
            #expect(again.isEmpty && again.unchanged == 2, "a second run of the same list changes nothing")
        }
    }

    @Test func aBadLineOrAMovedLicenceChangesNothing() async throws {
        try await TestDatabase.withDatabase { db in
            try await Self.setUp(db)
            let before = try await Self.names(db)
            let bad = """
            \(Self.header)
            V-1,internet_cafe,星际电竞,解放大道1号,420102,true,,114.30,30.60,,network_culture,WH-0001,CUL,2029-12-31
            V-6,internet_cafe,借证网咖,解放大道6号,420102,true,,114.34,30.62,,network_culture,WH-0002,CUL,
            V-7,internet_cafe,坏坐标,解放大道7号,420102,true,,30.60,114.30,,,,,
            """
            do {
                _ = try await RegistryRefresher(db: db).refreshVenues(data: Data(bad.utf8), fileName: "bad.csv", actor: "test", dryRun: false)
                Issue.record("a bad file must be refused")
            } catch let error as SweepError {
                let text = "\(error)"
                #expect(text.contains("line 3") && text.contains("belongs to venue V-2"), "\(text)")
                #expect(text.contains("line 4"), "\(text)")
            }
            #expect(try await Self.names(db) == before)
        }
    }
}
