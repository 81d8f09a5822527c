import Foundation
import Testing
@testable import SweepCore

/// Registry files: row validation against the file and the store, duplicates, licence rows,
/// jurisdiction trees, and export → import round trips.
@Suite struct RegistryCSVTests {
    static let context = ImportContext(
        jurisdictions: ["420000": .province, "420100": .city, "420102": .district, "420103": .district, "420104": .district],
        departments: ["CUL", "SAMR", "PSB", "TOB"],
        existingVenueCodes: ["V-OLD"], existingSchoolCodes: ["S-OLD"], existingInspectorCodes: ["I-OLD"],
        existingLicences: [LicenceKey(type: .business, number: "B-OLD")], existingCredentialNumbers: ["C-OLD"])

    private func data(_ lines: String...) -> Data { Data(lines.joined(separator: "\n").utf8) }
    private func day(_ text: String) -> Date { ISODay.parse(text)! }

    // MARK: Venues

    @Test func venueFileWithManyErrorsReportsEachWithLineAndColumn() {
        let file = data(
            " code ,kind,Name,address,district,licensed,longitude,latitude,opening_hours,licence_type,licence_number,licence_issuer,licence_valid_until",
            "V-1,internet_cafe,星空网吧,江汉路1号,420102,true,114.30,30.59,08:00-24:00,network_culture,NC-1,CUL,2026-12-31",
            "V-2,internet_cafe,\"网吧, 二店\",\"江汉路",
            "2号\",420103,是,114.31,30.60,22:00-06:00,,,,",
            "V-3,cafe,三店,路3号,420102,true,,,,,,,",
            "V-4,tobacco_retail,烟酒店,路4号,420199,true,30.59,114.30,,tobacco_retail,T-1,TOB,",
            "V-5,other,五店,路5号,420102,false,200,30,,,,,",
            "V-6,internet_cafe,六店,路6号,420104,true,,,,network_culture,NC-1,XYZ,2026-02-30",
            "V-1,other,重复,路9号,420102,true,,,,,,,",
            "V-OLD,other,旧店,路10号,420102,true,,,,,,,",
            "V-7,other,七店,路11号,420102,maybe,114.3,,25:00-06:00,business,,,",
            "")
        let result = VenueCSV.parse(file, context: Self.context)
        #expect(result.issues.map(\.description) == [
            "line 5, column kind: \"cafe\" is not a venue kind; allowed: internet_cafe, tobacco_retail, other",
            "line 6, column district: unknown district 420199 (known: 420102, 420103, 420104)",
            "line 6, column longitude/latitude: longitude 30.59, latitude 114.3 looks swapped: (114.3, 30.59) would be in China; longitude comes first and is 73.4–135.1",
            "line 7, column longitude/latitude: longitude 200.0, latitude 30.0 is outside China (longitude 73.4–135.1, latitude 3.8–53.6)",
            "line 8, column licence_issuer: unknown department XYZ (known: CUL, PSB, SAMR, TOB)",
            "line 8, column licence_valid_until: \"2026-02-30\" is not a valid date; write YYYY-MM-DD, e.g. 2025-06-30",
            "line 8, column licence_number: duplicate licence network_culture NC-1 (first on line 2)",
            "line 9, column code: duplicate venue code V-1 (first on line 2)",
            "line 10, column code: venue code V-OLD already exists",
            "line 11, column licensed: \"maybe\" is not true or false; allowed: true, false, 1, 0, yes, no, 是, 否",
            "line 11, column latitude: latitude is missing; longitude and latitude go together (give both or neither)",
            "line 11, column opening_hours: opening time 25:00 is not a time of day (00:00–23:59)",
            "line 11, column licence_number: licence_number is required when any licence column is given (licence_type, licence_number and licence_issuer go together)",
            "line 11, column licence_issuer: licence_issuer is required when any licence column is given (licence_type, licence_number and licence_issuer go together)",
        ])
        #expect(!result.isValid)
        #expect(result.rows.map(\.location) == ["line 2", "line 3"])
        #expect(result.records[1] == VenueRecord(
            code: "V-2", kind: .internetCafe, name: "网吧, 二店", address: "江汉路\n2号", districtCode: "420103", licensed: true,
            location: GeoPoint(longitude: 114.31, latitude: 30.60), openingHours: "22:00-06:00"))
        #expect(result.records[0].licences == [
            LicenceRecord(type: .networkCulture, number: "NC-1", issuingDepartment: "CUL", validUntil: day("2026-12-31")),
        ])
        #expect(throws: SweepError.invalid(result.issues)) { try result.get() }
    }

    @Test func missingRequiredColumnStopsBeforeTheRows() {
        let result = VenueCSV.parse(data("code,kind,name,district,licensed,colour", "V-1,other,x,420102,true,red"), context: Self.context)
        #expect(result.issues.map(\.description) == [
            "line 1, column colour: unknown column \"colour\"; known columns: code, kind, name, address, district, licensed, operator_name, operator_key, longitude, latitude, status, opening_hours, licence_type, licence_number, licence_issuer, licence_valid_from, licence_valid_until",
            "line 1: missing required column address",
        ])
        #expect(result.rows.isEmpty)
    }

    @Test func encodingAndQuotingProblemsComeBackAsIssues() {
        var gbk = Data("code,kind,name,address,district,licensed\nV-1,other,ok,路1号,420102,true\n".utf8)
        gbk.append(contentsOf: Array("V-2,other,".utf8) + [0xCD, 0xF8, 0xB0, 0xC9] + Array(",路2号,420102,true\n".utf8))
        #expect(VenueCSV.parse(gbk, context: Self.context).issues.map(\.description) == [
            "line 3: file is not UTF-8 (invalid byte 0xCD); it may be GBK/GB18030 — re-save as UTF-8",
        ])
        let unterminated = data("code,kind,name,address,district,licensed", "V-1,other,\"oops,路1号,420102,true", "V-2,other,x,y,420102,true")
        #expect(VenueCSV.parse(unterminated, context: Self.context).issues.map(\.description) == [
            "line 2: unterminated quoted field: the quote opened here is never closed",
        ])
    }

    @Test func wrongFieldCountRowsAreReportedAlongsideRowErrors() {
        let file = data("code,kind,name,address,district,licensed", "V-1,other,a,江汉路1号,武汉,420102,true", "V-2,shop,b,路2号,420102,true")
        #expect(VenueCSV.parse(file, context: Self.context).issues.map(\.description) == [
            "line 2: expected 6 fields (as in the header), found 7; a value containing a comma must be in double quotes",
            "line 3, column kind: \"shop\" is not a venue kind; allowed: internet_cafe, tobacco_retail, other",
        ])
    }

    @Test func repeatedRowsAddLicencesOnlyWhenTheVenueColumnsAgree() throws {
        let header = "code,kind,name,address,district,licensed,licence_type,licence_number,licence_issuer"
        let good = data(header,
                        "V-1,internet_cafe,星空,路1号,420102,true,network_culture,NC-1,CUL",
                        "V-1,internet_cafe,星空,路1号,420102,true,business,B-1,SAMR",
                        "V-2,other,其他,路2号,420102,false,,,")
        let merged = try VenueCSV.parse(good, context: Self.context).get()
        #expect(merged.map(\.code) == ["V-1", "V-2"])
        #expect(merged[0].licences.map(\.number) == ["NC-1", "B-1"])

        let clash = data(header,
                         "V-1,internet_cafe,星空,路1号,420102,true,network_culture,NC-1,CUL",
                         "V-1,internet_cafe,星空二,路1号,420103,true,business,B-1,SAMR",
                         "V-1,internet_cafe,星空,路1号,420102,true,business,B-OLD,SAMR")
        #expect(VenueCSV.parse(clash, context: Self.context).issues.map(\.description) == [
            "line 3, column code: duplicate venue code V-1 (first on line 2); rows that add licences to one venue must repeat its other columns exactly (differs in: name, district)",
            "line 4, column licence_number: licence business B-OLD already exists",
        ])
    }

    @Test func licenceDatesMustBeInOrderAndNeedALicence() {
        let file = data("code,kind,name,address,district,licensed,licence_type,licence_number,licence_issuer,licence_valid_from,licence_valid_until",
                        "V-1,other,a,b,420102,true,business,B-1,SAMR,2025-01-01,2024-12-31",
                        "V-2,other,a,b,420102,true,,,,2025-01-01,",
                        "V-3,other,a,b,420100,true,fire,F-1,FIRE,,")
        #expect(VenueCSV.parse(file, context: Self.context).issues.map(\.description) == [
            "line 2, column licence_valid_until: licence_valid_until 2024-12-31 is before licence_valid_from 2025-01-01",
            "line 3, column licence_type: licence_type is required when any licence column is given (licence_type, licence_number and licence_issuer go together)",
            "line 3, column licence_number: licence_number is required when any licence column is given (licence_type, licence_number and licence_issuer go together)",
            "line 3, column licence_issuer: licence_issuer is required when any licence column is given (licence_type, licence_number and licence_issuer go together)",
            "line 4, column district: 420100 is a city, not a district; give the district code",
            "line 4, column licence_type: \"fire\" is not a licence type; allowed: network_culture, business, tobacco_retail, fire_safety",
            "line 4, column licence_issuer: unknown department FIRE (known: CUL, PSB, SAMR, TOB)",
        ])
    }

    @Test func issuesAreCappedWithASummary() {
        var text = "code,kind,name,address,district,licensed\n"
        for i in 0..<1_500 { text += "V-\(i),bad,a,b,420102,true\n" }
        let issues = VenueCSV.parse(Data(text.utf8), context: Self.context).issues
        #expect(issues.count == ImportResult<VenueRecord>.issueLimit + 1)
        #expect(issues.last?.description == "…: … and 500 more problems not shown")
    }

    @Test func venueExportImportsBackToTheSameRecords() throws {
        let venues = [
            VenueRecord(code: "V-1", kind: .internetCafe, name: "星空网吧, \"旗舰\"店", address: "江汉路1号\n二楼", districtCode: "420102",
                        licensed: true, operatorName: "张三", operatorKey: "91420100MA4K0001", location: GeoPoint(longitude: 114.305_512_3, latitude: 30.592_8),
                        status: .open, openingHours: "22:00-06:00", licences: [
                            LicenceRecord(type: .networkCulture, number: "NC-1", issuingDepartment: "CUL", validFrom: day("2024-01-01"), validUntil: day("2026-12-31")),
                            LicenceRecord(type: .business, number: "B-1", issuingDepartment: "SAMR"),
                            LicenceRecord(type: .fireSafety, number: "F-1", issuingDepartment: "PSB", validUntil: day("2025-06-30")),
                        ]),
            VenueRecord(code: "V-2", kind: .other, name: "黑网吧", address: "某小区地下室", districtCode: "420103", licensed: false,
                        location: nil, status: .unknown),
            VenueRecord(code: "V-3", kind: .tobaccoRetail, name: "烟酒店", address: "路3号", districtCode: "420104", licensed: true,
                        location: GeoPoint(longitude: 114.2, latitude: 30.55), status: .closed, openingHours: "00:00-24:00",
                        licences: [LicenceRecord(type: .tobaccoRetail, number: "T-1", issuingDepartment: "TOB")]),
        ]
        #expect(RegistryCSV.venueRows(venues).count == 5)
        for lineEnding in [CSVWriter.LineEnding.crlf, .lf] {
            let file = RegistryCSV.venues(venues, lineEnding: lineEnding, byteOrderMark: true)
            let result = VenueCSV.parse(file, context: Self.context)
            #expect(result.issues == [])
            #expect(result.records == venues)
        }
    }

    // MARK: Schools and inspectors

    @Test func schoolErrorsAndRoundTrip() throws {
        let file = data("code,name,kind,district,longitude,latitude",
                        "S-1,育才小学,primary,420102,114.28,30.58",
                        "S-1,重复,primary,420102,114.28,30.58",
                        "S-OLD,旧校,middle,420103,114.28,30.58",
                        "S-2,幼儿园,nursery,420102,,30.58")
        #expect(SchoolCSV.parse(file, context: Self.context).issues.map(\.description) == [
            "line 3, column code: duplicate school code S-1 (first on line 2)",
            "line 4, column code: school code S-OLD already exists",
            "line 5, column kind: \"nursery\" is not a school kind; allowed: kindergarten, primary, middle",
            "line 5, column longitude: longitude is missing; longitude and latitude go together (give both or neither)",
        ])
        let schools = [
            SchoolRecord(code: "S-1", name: "育才小学", kind: .primary, districtCode: "420102", location: GeoPoint(longitude: 114.28, latitude: 30.58)),
            SchoolRecord(code: "S-2", name: "第一中学, 初中部", kind: .middle, districtCode: "420103", location: GeoPoint(longitude: 114.1234567, latitude: 30.7654321)),
        ]
        #expect(try SchoolCSV.parse(RegistryCSV.schools(schools), context: Self.context).get() == schools)
    }

    @Test func inspectorErrorsAndRoundTrip() throws {
        let file = data("code,name,department,credential_number,credential_expires,district,active",
                        "I-1,李四,CUL,C-1,2027-03-31,420102,",
                        "I-2,王五,CULTURE,C-1,2027-3-31,420102,否",
                        "I-3,赵六,TOB,C-OLD,2027-03-31,420199,true",
                        "I-OLD,钱七,PSB,C-2,2027-03-31,420102,sometimes")
        #expect(InspectorCSV.parse(file, context: Self.context).issues.map(\.description) == [
            "line 3, column department: unknown department CULTURE (known: CUL, PSB, SAMR, TOB)",
            "line 3, column credential_expires: \"2027-3-31\" is not a valid date; write YYYY-MM-DD, e.g. 2025-06-30",
            "line 3, column credential_number: duplicate credential number C-1 (first on line 2)",
            "line 4, column district: unknown district 420199 (known: 420102, 420103, 420104)",
            "line 4, column credential_number: credential number C-OLD already exists",
            "line 5, column active: \"sometimes\" is not true or false; allowed: true, false, 1, 0, yes, no, 是, 否",
            "line 5, column code: inspector code I-OLD already exists",
        ])
        let parsed = InspectorCSV.parse(file, context: Self.context)
        #expect(parsed.records == [InspectorRecord(code: "I-1", name: "李四", department: "CUL", credentialNumber: "C-1",
                                                   credentialExpires: day("2027-03-31"), districtCode: "420102", active: true)])

        let inspectors = [
            InspectorRecord(code: "I-1", name: "李四", department: "CUL", credentialNumber: "鄂执法-0001", credentialExpires: day("2027-03-31"), districtCode: "420102"),
            InspectorRecord(code: "I-2", name: "王五", department: "TOB", credentialNumber: "鄂执法-0002", credentialExpires: day("2025-12-01"), districtCode: "420104", active: false),
        ]
        #expect(try InspectorCSV.parse(RegistryCSV.inspectors(inspectors), context: Self.context).get() == inspectors)
    }

    @Test func unknownDistrictWithNoneRegisteredSaysToImportJurisdictionsFirst() {
        let file = data("code,name,kind,district,longitude,latitude", "S-1,小学,primary,420102,114.28,30.58")
        #expect(SchoolCSV.parse(file, context: ImportContext()).issues.map(\.description) == [
            "line 2, column district: unknown district 420102 (no districts are registered yet; import jurisdictions first)",
        ])
    }

    @Test func longKnownListsAreCutAtEight() {
        let districts = Dictionary(uniqueKeysWithValues: (1...12).map { (String(420100 + $0), JurisdictionLevel.district) })
        let file = data("code,name,kind,district,longitude,latitude", "S-1,小学,primary,420199,114.28,30.58")
        #expect(SchoolCSV.parse(file, context: ImportContext(jurisdictions: districts)).issues.map(\.reason) == [
            "unknown district 420199 (known: 420101, 420102, 420103, 420104, 420105, 420106, 420107, 420108, …)",
        ])
    }

    // MARK: Jurisdictions

    @Test func jurisdictionsComeBackParentsFirst() throws {
        let file = data("code,name,level,parent",
                        "420102,江岸区,district,420100",
                        "420100,武汉市,city,420000",
                        "420000,湖北省,province,",
                        "420103,江汉区,district,420100")
        let result = JurisdictionCSV.parse(file, context: ImportContext())
        #expect(result.issues == [])
        #expect(result.records.map(\.code) == ["420000", "420100", "420102", "420103"])
        #expect(result.rows.map(\.location) == ["line 4", "line 3", "line 2", "line 5"])
        #expect(result.records[0].parentCode == nil)
    }

    @Test func jurisdictionTreeErrors() {
        let file = data("code,name,level,parent",
                        "430000,湖南省,province,",
                        "430100,长沙市,city,430000",
                        "430102,芙蓉区,district,439999",
                        "430103,天心区,city,430102",
                        "430100,重复,city,430000",
                        "420102,江岸区,district,420100",
                        "A,甲,city,B",
                        "B,乙,city,A",
                        "X,未知,county,",
                        "Y,自己,district,Y")
        let result = JurisdictionCSV.parse(file, context: Self.context)
        #expect(result.issues.map(\.description) == [
            "line 10, column level: \"county\" is not a jurisdiction level; allowed: province, city, district",
            "line 6, column code: duplicate jurisdiction code 430100 (first on line 3)",
            "line 7, column code: jurisdiction code 420102 already exists",
            "line 4, column parent: unknown parent 439999 (not in this file or the registry)",
            "line 5, column parent: a city cannot have a district as parent (430102 is a district); levels nest province ⊃ city ⊃ district",
            "line 8, column parent: a city cannot have a city as parent (B is a city); levels nest province ⊃ city ⊃ district",
            "line 9, column parent: a city cannot have a city as parent (A is a city); levels nest province ⊃ city ⊃ district",
            "line 11, column parent: a jurisdiction cannot be its own parent",
            "line 8, column parent: parent chain loops: A → B → A",
        ])
        #expect(result.records.map(\.code) == ["430000", "430100"])
    }

    @Test func jurisdictionExportImportsBack() throws {
        let tree = [
            JurisdictionRecord(code: "420000", name: "湖北省", level: .province, parentCode: nil),
            JurisdictionRecord(code: "420100", name: "武汉市", level: .city, parentCode: "420000"),
            JurisdictionRecord(code: "420102", name: "江岸区", level: .district, parentCode: "420100"),
            JurisdictionRecord(code: "429004", name: "仙桃市", level: .district, parentCode: "420000"),
        ]
        #expect(try JurisdictionCSV.parse(RegistryCSV.jurisdictions(tree), context: ImportContext()).get() == tree)
    }

    @Test func columnListsMatchExportRows() {
        let venue = VenueRecord(code: "V", kind: .other, name: "n", address: "a", districtCode: "d", licensed: false, location: nil)
        #expect(RegistryCSV.venueRows([venue])[0].count == VenueCSV.columns.count)
        #expect(RegistryCSV.schoolRows([SchoolRecord(code: "S", name: "n", kind: .primary, districtCode: "d", location: GeoPoint(longitude: 114, latitude: 30))])[0].count == SchoolCSV.columns.count)
        #expect(RegistryCSV.inspectorRows([InspectorRecord(code: "I", name: "n", department: "CUL", credentialNumber: "c", credentialExpires: Date(timeIntervalSince1970: 0), districtCode: "d")])[0].count == InspectorCSV.columns.count)
        #expect(RegistryCSV.jurisdictionRows([JurisdictionRecord(code: "J", name: "n", level: .city, parentCode: nil)])[0].count == JurisdictionCSV.columns.count)
        #expect(VenueCSV.columns.filter(\.isRequired).map(\.name) == ["code", "kind", "name", "address", "district", "licensed"])
    }
}
