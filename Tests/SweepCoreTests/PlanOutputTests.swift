import Foundation
import Testing
@testable import SweepCore

/// The plan renderers: route sheet HTML, iCalendar feeds and CSV.
@Suite struct PlanOutputTests {
    // 2026-12-03 19:00 CST = 11:00 UTC.
    static let shiftStart = Date(timeIntervalSince1970: 1_796_295_600)
    static let generatedAt = Date(timeIntervalSince1970: 1_796_200_000)

    static func at(_ minutesAfterStart: Int) -> Date { shiftStart.addingTimeInterval(Double(minutesAfterStart * 60)) }

    static func member(_ id: Int64, _ dept: DepartmentCode, lead: Bool = false) -> MemberView {
        MemberView(inspectorId: id, code: "I\(id)", name: "检查员\(id)", department: dept, credentialNumber: "42-\(id)-0001", isLead: lead)
    }

    static func stop(_ seq: Int, name: String, address: String, kind: TargetKind = .licensedCafe, minute: Int) -> StopView {
        StopView(seq: seq, venueId: Int64(100 + seq), venueCode: "V\(seq)", venueName: name, address: address, kind: kind,
                 location: GeoPoint(longitude: 114.30 + Double(seq) * 0.01, latitude: 30.59 + Double(seq) * 0.005),
                 eta: at(minute), start: at(minute + 5), departure: at(minute + 35), travelSeconds: 900, serviceSeconds: 1800,
                 reason: SelectionReason(method: .risk, score: 7.4, parts: [ScorePart(name: "violations", points: 3.1, detail: "")]))
    }

    static func sweep(_ id: Int64, status: String, members: [MemberView], stops: [StopView]) -> SweepView {
        SweepView(sweepId: id, label: "Team \(id)", day: "2026-12-03", shiftName: "cafe-evening", shiftStart: shiftStart,
                  shiftEnd: at(360), leadDepartment: .culture, status: status, kinds: [.licensedCafe, .unlicensedCafe],
                  depot: GeoPoint(longitude: 114.30, latitude: 30.59), members: members, stops: stops)
    }

    static let longAddress = "湖北省武汉市江汉区解放大道一千二百三十四号国际广场写字楼B座十八层; 近地铁站, 2号口\n后门"

    static let plan = PlanView(
        planId: 7, campaignId: 3, campaignName: "冬季网吧专项 Winter café sweep", revision: 2, status: "approved", seed: 42,
        objective: 1.5, createdAt: generatedAt,
        sweeps: [
            sweep(11, status: "dispatched", members: [member(1, .culture, lead: true), member(2, .culture), member(5, .police)], stops: [
                stop(1, name: "<script>alert('x')</script> & \"网吧\"", address: longAddress, minute: 20),
                stop(2, name: "星空网吧, \"二店\"", address: "江汉路 2 号", kind: .unlicensedCafe, minute: 80),
                stop(3, name: "午夜网咖", address: "中山大道 3 号", kind: .tobaccoRetail, minute: 330),
            ]),
            sweep(12, status: "planned", members: [member(1, .culture, lead: true), member(3, .culture)], stops: [
                stop(1, name: "秘密目标", address: "未派发路 1 号", minute: 30),
            ]),
            sweep(13, status: "done", members: [member(4, .culture, lead: true), member(3, .culture)], stops: [
                stop(1, name: "别组目标", address: "他人路 9 号", minute: 30),
            ]),
        ])

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    // MARK: Route sheet

    @Test func routeSheetEscapesVenueNames() {
        let html = RouteSheet.html(for: Self.plan.sweeps[0], plan: Self.plan, generatedAt: Self.generatedAt)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;网吧&quot;"))
        #expect(!html.contains("alert('x')"))
    }

    @Test func routeSheetIsSelfContained() {
        let html = RouteSheet.html(forPlan: Self.plan, generatedAt: Self.generatedAt)
        for banned in ["<script", "<link", "@import", "url(", "src=", "@font-face", "https://"] {
            #expect(!html.contains(banned), "found \(banned)")
        }
    }

    @Test func routeSheetMapHasOneCirclePerStopAndTheRoundTrip() throws {
        let sweep = Self.plan.sweeps[0]
        let html = RouteSheet.html(for: sweep, plan: Self.plan, generatedAt: Self.generatedAt)
        #expect(Self.count("<circle", in: html) == sweep.stops.count)
        #expect(Self.count("<polyline", in: html) == 1)
        let points = try #require(html.components(separatedBy: "<polyline class=\"route\" points=\"").last?
            .components(separatedBy: "\"").first)
        let pairs = points.split(separator: " ")
        #expect(pairs.count == sweep.stops.count + 2)
        #expect(pairs.first == pairs.last)
        // Every point lies inside the viewBox.
        for pair in pairs {
            let xy = pair.split(separator: ",").compactMap { Double($0) }
            #expect(xy.count == 2)
            #expect((0...RouteMapSVG.width).contains(xy[0]) && (0...RouteMapSVG.height).contains(xy[1]))
        }
        #expect(html.contains("class=\"scale-bar\"") && html.contains("class=\"north-arrow\""))
    }

    @Test func routeSheetHasPrintCSSHeaderAndSignatures() {
        let html = RouteSheet.html(for: Self.plan.sweeps[0], plan: Self.plan, generatedAt: Self.generatedAt)
        #expect(html.contains("@page { size: A4 portrait"))
        #expect(html.contains("@media print"))
        #expect(html.contains("路线单 <span class=\"en\">Route sheet</span>"))
        #expect(html.contains("保密 CONFIDENTIAL — unannounced inspection, do not disclose before the visit"))
        #expect(html.contains("cafe-evening 19:00–01:00 (+1)"))
        #expect(html.contains("42-1-0001") && html.contains("★ 组长 lead"))
        #expect(html.contains("当事人签名") && html.contains("见证人签名"))
        #expect(html.contains("risk 7.4: violations 3.1"))
        // Stop 3 arrives at 00:30 the next day.
        #expect(html.contains("00:30 (+1)"))
    }

    @Test func wholePlanSheetBreaksPagesBetweenSweeps() {
        let html = RouteSheet.html(forPlan: Self.plan, generatedAt: Self.generatedAt)
        #expect(Self.count("<section class=\"sheet\">", in: html) == Self.plan.sweeps.count)
        #expect(html.contains(".sheet + .sheet { break-before: page"))
        #expect(Self.count("<!DOCTYPE html>", in: html) == 1)
    }

    @Test func mapOfASingleStopAtTheDepotStaysFinite() {
        var sweep = Self.plan.sweeps[0]
        sweep.stops = [sweep.stops[0]]
        sweep.stops[0].location = sweep.depot
        let svg = RouteMapSVG.render(sweep)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(RouteMapSVG.niceLength(atMost: 1234) == 1000)
        #expect(RouteMapSVG.niceLength(atMost: 260) == 200)
        #expect(RouteMapSVG.niceLength(atMost: 5000) == 5000)
    }

    // MARK: iCalendar

    /// Physical lines (without CRLF) as bytes; fails the test on a bare CR or LF.
    static func physicalLines(_ feed: String) -> [[UInt8]] {
        let bytes = Array(feed.utf8)
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                lines.append(current)
                current = []
                i += 2
                continue
            }
            #expect(bytes[i] != 0x0D && bytes[i] != 0x0A, "bare line break at byte \(i)")
            current.append(bytes[i])
            i += 1
        }
        #expect(current.isEmpty, "feed does not end with CRLF")
        return lines
    }

    static func unfolded(_ feed: String) -> [String] {
        feed.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test func icalendarLinesAreFoldedCRLFAndValidUTF8() {
        let feed = PlanICalendar.feed(for: 1, plans: [Self.plan], calendarName: "检查日程 Sweeps", generatedAt: Self.generatedAt)
        let lines = Self.physicalLines(feed)
        #expect(lines.count > 10)
        #expect(lines.contains { $0.first == 0x20 }, "expected at least one folded line")
        for line in lines {
            #expect(line.count <= 75)
            #expect(String(validating: line, as: UTF8.self) != nil, "a fold split a multi-byte character")
        }
        #expect(Self.unfolded(feed).first == "BEGIN:VCALENDAR")
        #expect(Self.unfolded(feed).last == "END:VCALENDAR")
        for required in ["VERSION:2.0", "PRODID:-//Sweep//Plan//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:检查日程 Sweeps"] {
            #expect(Self.unfolded(feed).contains(required))
        }
    }

    @Test func icalendarFoldingOfChineseText() {
        let line = ICalendarText.contentLine("DESCRIPTION:" + String(repeating: "网吧检查", count: 40))
        let lines = Self.physicalLines(line)
        #expect(lines.count > 1)
        for (k, physical) in lines.enumerated() {
            #expect(physical.count <= 75)
            #expect(String(validating: physical, as: UTF8.self) != nil)
            #expect(k == 0 || physical.first == 0x20)
        }
        #expect(line.replacingOccurrences(of: "\r\n ", with: "") == "DESCRIPTION:" + String(repeating: "网吧检查", count: 40) + "\r\n")
    }

    @Test func icalendarFoldingKeepsBackslashEscapesTogether() {
        let line = ICalendarText.contentLine("DESCRIPTION:" + String(repeating: "a", count: 62) + "\\nb")
        #expect(line == "DESCRIPTION:" + String(repeating: "a", count: 62) + "\r\n \\nb\r\n")
    }

    @Test func icalendarEscapesText() {
        #expect(ICalendarText.escape("a;b,c\\d\ne\r\nf\u{7}g") == "a\\;b\\,c\\\\d\\ne\\nfg")
        let feed = PlanICalendar.feed(for: 1, plans: [Self.plan], calendarName: "x", generatedAt: Self.generatedAt)
        let location = Self.unfolded(feed).first { $0.hasPrefix("LOCATION:") }
        #expect(location == "LOCATION:湖北省武汉市江汉区解放大道一千二百三十四号国际广场写字楼B座十八层\\; 近地铁站\\, 2号口\\n后门")
        let description = Self.unfolded(feed).first { $0.hasPrefix("DESCRIPTION:") } ?? ""
        #expect(description.contains("\\n站点 Stops:\\n1. 19:20 "))
        #expect(description.contains("星空网吧\\, \"二店\""))
    }

    @Test func icalendarHoldsOnlyTheInspectorsPublishedSweeps() {
        let feed = PlanICalendar.feed(for: 1, plans: [Self.plan], calendarName: "x", generatedAt: Self.generatedAt)
        let lines = Self.unfolded(feed)
        #expect(lines.filter { $0.hasPrefix("UID:") } == ["UID:sweep-11@sweep"])
        #expect(!feed.contains("秘密目标") && !feed.contains("别组目标"))
        #expect(lines.contains("DTSTAMP:20261202T082640Z"))
        #expect(lines.contains("DTSTART:20261203T110000Z"))
        #expect(lines.contains("DTEND:20261203T170000Z"))
        #expect(lines.contains("SUMMARY:联合检查 Joint sweep – cafe-evening (CUL lead)"))
        #expect(lines.contains("STATUS:CONFIRMED"))

        let all = Self.unfolded(PlanICalendar.feed(for: 1, plans: [Self.plan], calendarName: "x", generatedAt: Self.generatedAt,
                                                   includeUndispatched: true))
        #expect(all.filter { $0.hasPrefix("UID:") } == ["UID:sweep-11@sweep", "UID:sweep-12@sweep"])
        #expect(all.contains("STATUS:TENTATIVE"))

        let other = Self.unfolded(PlanICalendar.feed(for: 4, plans: [Self.plan], calendarName: "x", generatedAt: Self.generatedAt))
        #expect(other.filter { $0.hasPrefix("UID:") } == ["UID:sweep-13@sweep"])
    }

    @Test func icalendarKeepsOneEventPerSweepAcrossRevisions() {
        var newer = Self.plan
        newer.revision = 3
        newer.sweeps[0].shiftName = "cafe-late"
        let feed = PlanICalendar.feed(for: 1, plans: [newer, Self.plan], calendarName: "x", generatedAt: Self.generatedAt)
        let lines = Self.unfolded(feed)
        #expect(lines.filter { $0.hasPrefix("UID:") }.count == 1)
        #expect(lines.contains("SUMMARY:联合检查 Joint sweep – cafe-late (CUL lead)"))
        #expect(lines.contains("SEQUENCE:3"))
    }

    @Test func emptyFeedIsStillACalendar() {
        let feed = PlanICalendar.feed(for: 99, plans: [Self.plan], calendarName: "x", generatedAt: Self.generatedAt)
        #expect(!feed.contains("BEGIN:VEVENT"))
        #expect(feed.hasPrefix("BEGIN:VCALENDAR\r\n") && feed.hasSuffix("END:VCALENDAR\r\n"))
    }

    // MARK: CSV

    @Test func csvHasOneRowPerStopAndQuotes() throws {
        let csv = PlanCSV.render(Self.plan)
        let records = try CSVReader.records(Array(csv.utf8)).map(\.fields)
        let stops = Self.plan.sweeps.map(\.stops.count).reduce(0, +)
        #expect(records.count == stops + 1)
        #expect(records[0] == PlanCSV.header)
        #expect(csv.contains(",\"星空网吧, \"\"二店\"\"\","))
        #expect(!csv.contains("\r"))
        #expect(csv.hasSuffix("\n"))
        let second = records[2]
        #expect(second.count == PlanCSV.header.count)
        #expect(second[12] == "星空网吧, \"二店\"")
        #expect(records[1][13] == Self.longAddress)
        #expect(second[0] == "7" && second[1] == "11" && second[8] == "I1 I2 I5" && second[9] == "2")
        #expect(second[5] == "2026-12-03T19:00:00+08:00" && second[6] == "2026-12-04T01:00:00+08:00")
        #expect(second[14] == "unlicensed_cafe" && second[15] == "114.320000" && second[16] == "30.600000")
        #expect(second[17] == "2026-12-03T20:20:00+08:00")
        #expect(second[20] == "15" && second[21] == "30")
        #expect(second[22] == "risk" && second[23] == "7.40" && second[24] == "risk 7.4: violations 3.1")
    }
}
