import Foundation
import Testing
@testable import SweepCore

/// The CSV layer: RFC 4180 details, encodings, line numbers, headers, the writer, and the small
/// field formats (days, opening hours) the registries share.
@Suite struct ImportCSVTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The issues `body` throws, as `location: reason` lines.
    private func issues(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch {
            guard case .invalid(let issues)? = error as? SweepError else { return ["unexpected \(error)"] }
            return issues.map(\.description)
        }
    }

    private let twoColumns = [CSVColumn("code", required: true, ""), CSVColumn("name", required: true, ""),
                              CSVColumn("note", required: false, "")]

    @Test func quotedFieldsKeepCommasQuotesNewlinesAndChinese() throws {
        let text = "code,name\r\nA,\"网吧, 一店\"\r\nB,\"他说\"\"你好\"\"\"\r\nC,\"江汉路\n1号\r\n二楼\"\r\nD,末行"
        let records = try CSVReader.records(bytes(text))
        #expect(records.map(\.fields) == [
            ["code", "name"], ["A", "网吧, 一店"], ["B", "他说\"你好\""], ["C", "江汉路\n1号\r\n二楼"], ["D", "末行"],
        ])
        // Line numbers are where each record starts; C's field spans lines 4-6, so D is on 7.
        #expect(records.map(\.line) == [1, 2, 3, 4, 7])
    }

    @Test func byteOrderMarkIsSkippedAndHeaderMatchedLoosely() throws {
        let table = try CSVReader.read([0xEF, 0xBB, 0xBF] + bytes(" Name ,CODE\n星空,V-1\n"), columns: twoColumns)
        #expect(table.present == [true, true, false])
        #expect(table.rows == [CSVRow(line: 2, values: ["V-1", "星空", ""])])
    }

    @Test func lineEndingsMayBeMixedAndBlankLinesAreSkipped() throws {
        let records = try CSVReader.records(bytes("a,b\r\n1,2\n\n3,4\r5,6\r\n\r\n\n"))
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(records.map(\.line) == [1, 2, 4, 5])
    }

    @Test func trailingCommaAtEndOfFileIsAnEmptyLastField() throws {
        let records = try CSVReader.records(bytes("a,b\n1,"))
        #expect(records.map(\.fields) == [["a", "b"], ["1", ""]])
    }

    @Test func gbkBytesAreReportedWithTheirLineAndAHint() {
        // "网吧" in GBK is CD F8 B0 C9.
        let data = bytes("code,name\nV-1,ok\nV-2,") + [0xCD, 0xF8, 0xB0, 0xC9] + bytes("\n")
        #expect(issues { _ = try CSVReader.records(data) } == [
            "line 3: file is not UTF-8 (invalid byte 0xCD); it may be GBK/GB18030 — re-save as UTF-8",
        ])
    }

    @Test func badByteInsideAMultiLineFieldIsReportedOnItsOwnLine() {
        let data = bytes("code,name\nV-1,\"first line\nsecond ") + [0xB0, 0xC9] + bytes("\"\n")
        #expect(issues { _ = try CSVReader.records(data) } == [
            "line 3: file is not UTF-8 (invalid byte 0xB0); it may be GBK/GB18030 — re-save as UTF-8",
        ])
    }

    @Test func utf16IsRecognised() {
        #expect(issues { _ = try CSVReader.records([0xFF, 0xFE, 0x61, 0x00]) } == [
            "line 1: file is UTF-16 (Excel \"Unicode text\"); re-save it as \"CSV UTF-8\"",
        ])
    }

    @Test func unterminatedQuoteNamesTheLineItOpensOn() {
        let text = "code,name\nV-1,ok\nV-2,\"never closed\nV-3,more\n"
        #expect(issues { _ = try CSVReader.records(bytes(text)) } == [
            "line 3: unterminated quoted field: the quote opened here is never closed",
        ])
    }

    @Test func wrongFieldCountsAreAllReportedWithBothCounts() {
        let text = "code,name\nV-1,a,b\nV-2,ok\nV-3\n\"V-4\nx\",1,2,3\n"
        #expect(issues { _ = try CSVReader.records(bytes(text)) } == [
            "line 2: expected 2 fields (as in the header), found 3; a value containing a comma must be in double quotes",
            "line 4: expected 2 fields (as in the header), found 1",
            "line 5: expected 2 fields (as in the header), found 4; a value containing a comma must be in double quotes",
        ])
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        #expect(issues { _ = try CSVReader.records(bytes("a,b\n\"x\"y,2\n")) } == [
            "line 2: text after the closing quote of field 1; quote the whole value and write quotes inside it as \"\"",
        ])
    }

    @Test func quoteInsideAnUnquotedFieldIsKept() throws {
        #expect(try CSVReader.records(bytes("a,b\n5\" screen,2\n"))[1].fields == ["5\" screen", "2"])
    }

    @Test func unknownDuplicateAndMissingColumnsAreAllReported() {
        let text = "code,colour,CODE,\nx,y,z,w\n"
        #expect(issues { _ = try CSVReader.read(bytes(text), columns: twoColumns) } == [
            "line 1, column colour: unknown column \"colour\"; known columns: code, name, note",
            "line 1, column CODE: column code appears twice (header fields 1 and 3)",
            "line 1: header field 4 is empty; every column needs a name (known columns: code, name, note)",
            "line 1: missing required column name",
        ])
    }

    @Test func emptyFileNeedsAHeader() {
        #expect(issues { _ = try CSVReader.read(bytes("\n\n"), columns: twoColumns) } == [
            "line 1: file is empty; expected a header row with at least: code, name",
        ])
    }

    @Test func writerQuotesOnlyWhatNeedsIt() {
        #expect(CSVWriter.field("plain") == "plain")
        #expect(CSVWriter.field("网吧") == "网吧")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.field(" padded") == "\" padded\"")
        #expect(CSVWriter.record([""]) == "\"\"")
        let data = CSVWriter.write(header: ["a", "b"], rows: [["1", "x,y"]], lineEnding: .lf, byteOrderMark: true)
        #expect(Array(data) == [0xEF, 0xBB, 0xBF] + bytes("a,b\n1,\"x,y\"\n"))
    }

    @Test(arguments: [CSVWriter.LineEnding.crlf, .lf])
    func writerOutputReadsBackToTheSameFields(lineEnding: CSVWriter.LineEnding) throws {
        let rows: [[String]] = [
            ["", "\"", "\"\"", ","], ["\r\n", "\n", "\r", "a\"b,c\nd"], ["江汉路 1号, 二楼", "  ", "'=1+1", "end"],
        ]
        let data = CSVWriter.write(header: ["w", "x", "y", "z"], rows: rows, lineEnding: lineEnding)
        let records = try CSVReader.records(data)
        #expect(records.map(\.fields) == [["w", "x", "y", "z"]] + rows)
        let single = try CSVReader.records(CSVWriter.write(header: ["only"], rows: [[""], ["x"]]))
        #expect(single.map(\.fields) == [["only"], [""], ["x"]])
    }

    @Test func daysParseAsUTCMidnightAndFormatBack() {
        #expect(ISODay.parse("1970-01-02") == Date(timeIntervalSince1970: 86_400))
        #expect(ISODay.parse("2024-02-29").map(ISODay.format) == "2024-02-29")
        #expect(ISODay.format(Date(timeIntervalSince1970: 1_735_689_599)) == "2024-12-31")  // 23:59:59 UTC
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024/01/01", "2024-01-32", ""] {
            #expect(ISODay.parse(bad) == nil, "\(bad)")
        }
        // Every day of a leap cycle survives the round trip.
        var date = ISODay.parse("1999-12-25")!
        for _ in 0..<(366 * 5) {
            #expect(ISODay.parse(ISODay.format(date)) == date)
            date += 86_400
        }
    }

    @Test func openingHoursAcceptMidnightCrossingAnd2400() {
        #expect(OpeningHours.problem("08:00-22:00") == nil)
        #expect(OpeningHours.problem("22:00-06:00") == nil)
        #expect(OpeningHours.problem("00:00-24:00") == nil)
        #expect(OpeningHours.problem("24:00-06:00") == "opening time 24:00 is not a time of day (00:00–23:59)")
        #expect(OpeningHours.problem("08:00-24:30") == "closing time 24:30 is not a time of day (00:00–24:00)")
        #expect(OpeningHours.problem("09:00-09:00") == "opening and closing times are equal in \"09:00-09:00\"; write 00:00-24:00 for round the clock")
        #expect(OpeningHours.problem("8:00-22:00") == "\"8:00-22:00\" is not opening hours; write HH:MM-HH:MM, e.g. 08:00-22:00 (22:00-06:00 crosses midnight, 00:00-24:00 is all day)")
    }

    @Test func threeHundredThousandRowsParseQuickly() throws {
        let header = VenueCSV.columns.map(\.name).joined(separator: ",")
        var text = header + "\n"
        text.reserveCapacity(300_000 * 160)
        for i in 0..<300_000 {
            text += "V-\(i),internet_cafe,\"星空网吧, \(i)店\",武汉市江汉路\(i)号,420102,true,张三,91420100MA4K\(i),114.30\(i % 10),30.59\(i % 7),open,08:00-24:00,network_culture,NC-\(i),CUL,2024-01-01,2026-12-31\n"
        }
        let data = Data(text.utf8)
        let context = ImportContext(jurisdictions: ["420102": .district], departments: ["CUL"])
        let clock = ContinuousClock()
        var result: ImportResult<VenueRecord>?
        let elapsed = clock.measure { result = VenueCSV.parse(data, context: context) }
        #expect(result?.issues == [])
        #expect(result?.rows.count == 300_000)
        #expect(result?.rows.last?.location == "line 300001")
        // Debug builds manage this in a few seconds; the bound is loose so that a busy machine passes
        // and anything quadratic fails.
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }
}
