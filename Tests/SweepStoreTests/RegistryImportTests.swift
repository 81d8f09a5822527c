import Foundation
import PostgresNIO
import Testing
import SweepCore
import TestSupport
@testable import SweepStore

@Suite struct RegistryImportTests {
    static let jurisdictions = """
    code,name,level,parent
    420000,湖北省,province,
    420100,江城市,city,420000
    420102,江岸区,district,420100
    420103,江汉区,district,420100
    """

    static func count(_ db: Database, _ table: String) async throws -> Int64 {
        let rows = try await db.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))
        for try await n in rows.decode(Int64.self) { return n }
        return -1
    }

    @Test func validFilesLoadAndExportRoundTrips() async throws {
        try await TestDatabase.withDatabase { db in
            let importer = RegistryImporter(db: db)
            let j = try await importer.importFile(.jurisdictions, data: Data(Self.jurisdictions.utf8), geoJSON: false, fileName: "j.csv", actor: "test")
            #expect(j.inserted == 4)
            let venues = """
            code,kind,name,address,district,licensed,operator_name,longitude,latitude,licence_type,licence_number,licence_issuer
            V-1,internet_cafe,星际网咖,"江岸区解放大道1号, 二楼",420102,true,张三,114.30,30.60,network_culture,WH-0001,CUL
            V-2,tobacco_retail,便民烟酒店,江汉区中山大道2号,420103,是,李四,114.28,30.58,tobacco_retail,YC-0002,TOB
            """
            let v = try await importer.importFile(.venues, data: Data(venues.utf8), geoJSON: false, fileName: "v.csv", actor: "test")
            #expect(v.inserted == 2)
            #expect(try await Self.count(db, "venue") == 2)
            #expect(try await Self.count(db, "licence") == 2)
            let exported = try await RegistryExporter(db: db).venues()
            #expect(exported.map(\.code) == ["V-1", "V-2"])
            #expect(exported[0].address == "江岸区解放大道1号, 二楼")
            #expect(exported[0].location == GeoPoint(longitude: 114.30, latitude: 30.60))
            #expect(exported[1].licences.first?.number == "YC-0002")
            let audit = try await AuditLog.recent(db).map(\.entry.action)
            #expect(audit == ["registry.import", "registry.import"])
        }
    }

    @Test func fileWithErrorsStoresNothingAndNamesLineAndColumn() async throws {
        try await TestDatabase.withDatabase { db in
            let importer = RegistryImporter(db: db)
            _ = try await importer.importFile(.jurisdictions, data: Data(Self.jurisdictions.utf8), geoJSON: false, fileName: "j.csv", actor: "test")
            let venues = """
            code,kind,name,address,district,licensed,longitude,latitude,licence_type,licence_number,licence_issuer
            V-1,internet_cafe,好网吧,地址1,420102,true,114.30,30.60,network_culture,WH-1,CUL
            V-2,internet_cafe,坏坐标,地址2,420102,true,30.60,114.30,,,
            V-3,internet_cafe,未知区,地址3,420199,true,114.30,30.60,,,
            V-4,internet_cafe,重复证,地址4,420102,true,114.31,30.61,network_culture,WH-1,CUL
            V-5,tobacco_retail,未知部门,地址5,420102,true,114.31,30.61,tobacco_retail,YC-5,XYZ
            """
            do {
                _ = try await importer.importFile(.venues, data: Data(venues.utf8), geoJSON: false, fileName: "v.csv", actor: "test")
                Issue.record("a file with errors was imported")
            } catch SweepError.invalid(let issues) {
                let text = issues.map(\.description)
                #expect(text.contains { $0.hasPrefix("line 3, column longitude/latitude:") && $0.contains("swapped") })
                #expect(text.contains { $0.hasPrefix("line 4, column district:") && $0.contains("420199") })
                #expect(text.contains { $0.hasPrefix("line 5,") && $0.contains("WH-1") && $0.contains("line 2") })
                #expect(text.contains { $0.hasPrefix("line 6, column licence_issuer:") && $0.contains("XYZ") })
                #expect(issues.count == 4)
            }
            #expect(try await Self.count(db, "venue") == 0)
            #expect(try await Self.count(db, "licence") == 0)
        }
    }

    @Test func existingCodesAreErrorsNotUpdates() async throws {
        try await TestDatabase.withDatabase { db in
            let importer = RegistryImporter(db: db)
            _ = try await importer.importFile(.jurisdictions, data: Data(Self.jurisdictions.utf8), geoJSON: false, fileName: "j.csv", actor: "test")
            let schools = """
            code,name,kind,district,longitude,latitude
            S-1,第一中学,middle,420102,114.30,30.60
            """
            _ = try await importer.importFile(.schools, data: Data(schools.utf8), geoJSON: false, fileName: "s.csv", actor: "test")
            await #expect(throws: SweepError.self) {
                try await importer.importFile(.schools, data: Data(schools.utf8), geoJSON: false, fileName: "s.csv", actor: "test")
            }
            #expect(try await Self.count(db, "school") == 1)
        }
    }

    @Test func demoCitySeedsOnceWithTokensForEveryRole() async throws {
        try await TestDatabase.withDatabase { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 7, now: ISODay.parse("2026-11-26")!)
            let seeder = DemoSeeder(db: db)
            let report = try await seeder.seed(city, scale: "small", seed: 7, actor: "test")
            #expect(report.venues == city.venues.count)
            #expect(try await Self.count(db, "venue") == Int64(city.venues.count))
            #expect(try await Self.count(db, "inspection") == Int64(city.history.count))
            #expect(try await Self.count(db, "case_file") == Int64(report.cases))
            #expect(Set(report.tokens.map(\.principal.role)) == Set(Role.allCases))
            // The generator's relocated cafés are found by the detector from the loaded history.
            var linked = 0
            for try await n in try await db.query("""
                SELECT count(*)::int FROM relocation_link l JOIN venue n ON n.id = l.venue_id JOIN venue o ON o.id = l.closed_venue_id
                WHERE (o.code, n.code) IN (SELECT * FROM unnest(\(city.relocations.map(\.closed))::text[], \(city.relocations.map(\.reopened))::text[]))
                """).decode(Int.self) { linked = n }
            #expect(report.relocations > 0 && linked > 0, "\(report.relocations) links, \(linked) of the generator's \(city.relocations.count) relocations")
            await #expect(throws: SweepError.self) { try await seeder.seed(city, scale: "small", seed: 7, actor: "test") }
            // Identity sequences moved past the copied ids: a plain insert still works.
            try await db.query("INSERT INTO case_file (venue_id, violation_code, department_code, opened_at) SELECT id, 'CAFE_HOURS', 'CUL', now() FROM venue LIMIT 1")
        }
    }
}

