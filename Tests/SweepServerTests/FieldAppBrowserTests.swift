import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import SweepAPI
import SweepCore
import SweepStore
import TestSupport
@testable import SweepServer

/// The inspectors' field app in a real browser at a phone's size: pairing, today's sweep (nothing
/// before dispatch), a visit online, two visits with photos offline, a reload without signal, the
/// return of the connection, the minors'-data guard, and a refusal that stays queued.
@Suite(.serialized) struct FieldAppBrowserTests {
    /// An 8×6 red PNG: the "camera" photo.
    static let photoPNG = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAEUlEQVR4nGM4ISeHFTEMpAQAaYgwwWSFouIAAAAASUVORK5CYII=")!

    struct Today {
        var planId: Int64
        var stops: [(stop: Int64, venue: Int64)]
        var inspectorCode: String
        var department: String
        var principal: Principal
    }

    /// A plan for today in the city, approved but not yet dispatched, and a principal for the lead
    /// of its first sweep (the inspector whose phone is paired).
    static func planForToday(_ client: some TestClientProtocol, _ fixture: APITests.Fixture) async throws -> Today {
        let (district, _) = try await PlanningAPITests.district(fixture.db)
        let today = CampaignClock.today()
        let spec = CampaignSpec(name: "现场应用测试 field app test", jurisdictions: [district], startsOn: today, endsOn: today,
                                targetKinds: [.licensedCafe], selectionMode: .risk, settings: CampaignSettings(timeLimitSeconds: 2))
        let (_, plan) = try await PlanningAPITests.createPlan(client, token: fixture.tokens[.coordinator], spec: spec)
        try await client.execute(uri: "/v1/plans/\(plan.planId)/approve", method: .post, headers: APITests.auth(fixture.tokens[.coordinator])) {
            #expect($0.status == .ok)
        }
        var firstSweep: Int64?
        var stops: [(stop: Int64, venue: Int64)] = []
        for try await (stop, sweep, venue) in try await fixture.db.query("""
            SELECT st.id, st.sweep_id, st.venue_id FROM sweep_stop st JOIN sweep s ON s.id = st.sweep_id
            WHERE s.plan_id = \(plan.planId) ORDER BY s.id, st.seq
            """).decode((Int64, Int64, Int64).self) {
            if firstSweep == nil { firstSweep = sweep }
            if sweep == firstSweep { stops.append((stop, venue)) }
        }
        try #require(stops.count >= 4, "the first sweep has at least four stops")
        var lead: (String, String)?
        for try await row in try await fixture.db.query("""
            SELECT i.code, i.department_code FROM sweep_member m JOIN inspector i ON i.id = m.inspector_id
            WHERE m.sweep_id = \(firstSweep!) ORDER BY m.is_lead DESC, i.code LIMIT 1
            """).decode((String, String).self) { lead = row }
        let (code, department) = try #require(lead)
        let issued = try await TokenStore(db: fixture.db).issue(
            .init(name: "现场检查员 \(code)", role: .inspector, department: DepartmentCode(rawValue: department), scope: [district], inspectorCode: code),
            actor: "test")
        return Today(planId: plan.planId, stops: stops, inspectorCode: code, department: department, principal: issued.principal)
    }

    static func dispatch(_ client: some TestClientProtocol, _ fixture: APITests.Fixture, plan: Int64) async throws {
        try await client.execute(uri: "/v1/plans/\(plan)/dispatch", method: .post, headers: APITests.auth(fixture.tokens[.coordinator])) {
            #expect($0.status == .ok, "\(String(buffer: $0.body))")
        }
    }

    static func count(_ db: Database, _ sql: String) async throws -> Int { try await FindingsAPITests.count(db, sql) }

    static func fitsThePhone(_ browser: WebDriver, _ what: String) async throws {
        // A phone widens its layout to fit content that overflows, so the measure is the screen's width.
        let width = try await browser.script("return document.documentElement.scrollWidth") as? Int ?? 0
        #expect(width <= 360, "\(what) fits 360 px; it is \(width) px wide")
    }

    /// Opens a stop's form, fills it in and saves it.
    static func recordVisit(_ browser: WebDriver, stop: Int64, facts: String, photo: URL? = nil, arrivalTomorrow: Bool = false,
                            orderToCorrect: String? = nil) async throws {
        let page = try await browser.url().components(separatedBy: "#")[0]
        if try await browser.url().hasSuffix("#visit/\(stop)") { try await browser.go(page + "#today") }
        try await browser.go(page + "#visit/\(stop)")
        // The form's parts are drawn as their data arrives: wait for the field this types into, not only the form.
        try await browser.wait("the visit form of stop \(stop)") {
            try await browser.script("return !!document.getElementById('visit') && !!document.getElementById('facts')") as? Bool == true
        }
        try await browser.type("#facts", facts)
        if let photo {
            try await browser.chooseFile("#photo", photo.path)
            try await browser.wait("the reduced, hashed photo") {
                try await browser.script("return document.querySelectorAll('#photos img').length") as? Int == 1
            }
        }
        if let deadline = orderToCorrect {
            _ = try await browser.script("""
                document.getElementById('me-order').checked = true;
                document.getElementById('me-deadline').value = '\(deadline)';
                """)
        }
        if arrivalTomorrow {
            _ = try await browser.script("""
                const d = new Date(Date.now() + 86400000 - new Date().getTimezoneOffset() * 60000);
                document.getElementById('arrived').value = d.toISOString().slice(0, 16);
                """)
        }
        // Centred first: at the bottom of the screen the tab bar would take the tap.
        _ = try await browser.script("document.getElementById('save').scrollIntoView({block: 'center'})")
        try await browser.click("#save")
    }

    /// Waits for a saved visit to leave the form; the form's own message when it did not.
    static func saved(_ browser: WebDriver) async throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if try await browser.url().hasSuffix("#today") { return }
            let status = (try? await browser.script("return (document.getElementById('visit-status') || {}).textContent || ''") as? String) ?? ""
            if !status.isEmpty { throw SweepError.conflict("the form says: \(status)") }
            try await Task.sleep(for: .milliseconds(150))
        }
        let state = try await browser.script("return [location.href, String(!!document.getElementById('save') && document.getElementById('save').hasAttribute('disabled')), document.querySelectorAll('form').length, document.getElementById('view').innerText.slice(0, 200)].join(' | ')") as? String ?? ""
        throw SweepError.unavailable("the form did not close within 20 s of saving; \(state); console: \(try await browser.consoleErrors())")
    }

    /// Waits until the outbox is empty, failing with an item's problem as soon as one is recorded.
    static func drained(_ browser: WebDriver) async throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let items = try await outbox(browser)
            if items.isEmpty { return }
            if let problem = items.first?["problem"] as? String { throw SweepError.conflict("queued with: \(problem)") }
            try await Task.sleep(for: .milliseconds(150))
        }
        throw SweepError.unavailable("the outbox did not empty within 20 s")
    }

    static func outbox(_ browser: WebDriver) async throws -> [[String: Any]] {
        try await browser.asyncScript("window.sweepField.outbox().then((items) => done(items.map((i) => ({id: i.id, state: i.state, problem: i.problem, stop: i.body.sweep_stop_id, photos: i.photos.length}))))")
            as? [[String: Any]] ?? []
    }

    /// The minors'-data guard's shared vectors (the ones SweepCoreTests checks against the server's
    /// guard) run through the app's own module in this browser.
    static func guardVectorsAgree(_ browser: WebDriver) async throws {
        let file = URL(fileURLWithPath: TestDatabase.packageRoot + "/Tests/SweepCoreTests/Fixtures/minors-guard-vectors.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let literal = String(decoding: try JSONSerialization.data(withJSONObject: [text], options: []), as: UTF8.self)
        let answer = try await browser.asyncScript("""
            import('/assets/app-guard.js').then((g) => {
              const v = JSON.parse(\(literal)[0]);
              const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
              const sorted = (list) => list.map((i) => i.location + ' ' + i.reason).sort();
              const failed = [];
              for (const c of v.texts) if (!same(g.textIssues(c.text, c.field).map((i) => i.reason), c.reasons)) failed.push(c.name);
              for (const c of v.keys) if (!same(sorted(g.forbiddenKeyIssues(c.keys)), sorted(c.issues))) failed.push(c.name);
              for (const c of v.submissions) if (!same(sorted(g.submissionIssues(c.body)), sorted(c.issues))) failed.push(c.name);
              done({checked: v.texts.length + v.keys.length + v.submissions.length, failed});
            }).catch((e) => done({checked: 0, failed: [String(e)]}));
            """) as? [String: Any] ?? [:]
        let checked = answer["checked"] as? Int ?? 0
        #expect(checked > 100 && (answer["failed"] as? [String] ?? ["?"]).isEmpty, "the app's guard against the shared vectors: \(answer)")
    }

    @Test func anInspectorPairsWorksOfflineAndLosesNothing() async throws {
        try await BrowserSigninTests.withBrowserApp { app, fixture in
            try await app.test(.live) { client in
                let sweep = "http://127.0.0.1:\(try #require(client.port))"
                let today = try await Self.planForToday(client, fixture)
                let sessions = SessionStore(db: fixture.db)
                let code = try await sessions.issueCode(principalId: today.principal.id, lifetime: 600, actor: "test").code
                let photo = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-photo-\(UUID().uuidString).png")
                try Self.photoPNG.write(to: photo)
                let browser = try await WebDriver.start(width: 360, height: 740, phone: true)
                do {
                    // Pair with the code in the link; before dispatch nothing of the plan reaches the phone.
                    try await browser.go("\(sweep)/app#pair=\(code)")
                    try await browser.wait("the paired app") { try await browser.script("return document.body.dataset.ready") as? String == "app" }
                    #expect(try await browser.url().hasPrefix("\(sweep)/app/"), "the page lives in the worker's scope")
                    try await browser.wait("the empty day before dispatch") { try await browser.text("#view").contains("没有已派发") }
                    #expect(try await browser.script("return document.querySelectorAll('.sweep').length") as? Int == 0)
                    #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM browser_session WHERE ended_at IS NULL AND principal_id = \(today.principal.id)") == 1)

                    var here: (Double, Double)?
                    for try await row in try await fixture.db.query("""
                        SELECT ST_Y(location::geometry), ST_X(location::geometry) FROM venue WHERE id = \(today.stops[0].venue)
                        """).decode((Double, Double).self) { here = row }
                    let (latitude, longitude) = try #require(here)
                    try await browser.position(latitude: latitude + 0.0003, longitude: longitude, accuracy: 25)
                    try await Self.dispatch(client, fixture, plan: today.planId)
                    try await browser.reload()
                    let first = today.stops[0]
                    try await browser.wait("today's sweep after dispatch") {
                        try await browser.script("return document.querySelectorAll('[data-stop=\"\(first.stop)\"]').length") as? Int == 1
                    }
                    try await browser.wait("the service worker in control") {
                        try await browser.script("return !!navigator.serviceWorker.controller") as? Bool == true
                    }
                    try await Self.fitsThePhone(browser, "today's work")
                    try await browser.screenshot("field-app-1-today.png")

                    // A visit online is stored at once and leaves the outbox.
                    try await Self.recordVisit(browser, stop: first.stop, facts: "现场检查，未发现违法行为。")
                    try await Self.saved(browser)
                    try await Self.drained(browser)
                    try await browser.wait("the online visit stored") {
                        try await Self.count(fixture.db, "SELECT count(*)::int FROM inspection WHERE sweep_stop_id = \(first.stop)") == 1
                    }
                    try await browser.wait("an empty outbox") { try await Self.outbox(browser).isEmpty }

                    // Offline: two visits with a photo each, a reload, the queue intact.
                    try await browser.network(offline: true)
                    try await browser.wait("the app to see it is offline") { try await browser.script("return navigator.onLine") as? Bool == false }
                    try await Self.recordVisit(browser, stop: today.stops[1].stop, facts: "现场发现1名未成年人上网，已责令改正。", photo: photo)
                    try await Self.saved(browser)
                    try await browser.wait("the first offline visit queued") { try await Self.outbox(browser).count == 1 }
                    // The browser may close the database connection under the app (storage pressure, an
                    // upgrade in another tab): the next write opens it again.
                    #expect(try await browser.asyncScript("window.sweepField.closeDatabase().then(() => done(true))") as? Bool == true)
                    try await browser.go("\(sweep)/app/#visit/\(today.stops[2].stop)")
                    try await browser.wait("the form") { try await browser.script("return !!document.getElementById('visit')") as? Bool == true }
                    try await Self.fitsThePhone(browser, "the visit form")
                    try await browser.screenshot("field-app-2-visit-form.png")
                    try await Self.recordVisit(browser, stop: today.stops[2].stop, facts: "未悬挂禁止未成年人进入标志。", photo: photo)
                    try await Self.saved(browser)
                    try await browser.wait("two visits queued") { try await Self.outbox(browser).count == 2 }

                    // A black café the registry lacks, found on the way: reported where the phone is, with the visit.
                    try await browser.go("\(sweep)/app/#unplanned")
                    try await browser.wait("the unplanned page") { try await browser.script("return !!document.getElementById('new-venue')") as? Bool == true }
                    try await browser.type("#nv-name", "无招牌网吧（二楼）")
                    try await browser.type("#nv-address", "航空路14号后巷")
                    try await browser.wait("the phone's position for the new venue") {
                        if try await browser.script("return !!document.getElementById('visit')") as? Bool == true { return true }
                        _ = try await browser.script("document.getElementById('nv-go').scrollIntoView({block: 'center'})")
                        try await browser.click("#nv-go")
                        return try await browser.script("return !!document.getElementById('visit')") as? Bool == true
                    }
                    try await browser.wait("the position with its accuracy") { try await browser.text("#position").contains("±25 m") }
                    try await browser.type("#unplanned-reason", "途中发现疑似黑网吧")
                    try await browser.type("#facts", "现场有12台电脑在营业，未见许可证。")
                    _ = try await browser.script("document.getElementById('save').scrollIntoView({block: 'center'})")
                    try await browser.click("#save")
                    try await Self.saved(browser)
                    try await browser.wait("three visits queued") { try await Self.outbox(browser).count == 3 }
                    try await browser.reload()
                    try await browser.wait("the app opened offline") { try await browser.script("return document.body.dataset.ready") as? String == "app" }
                    try await browser.wait("the queue line after the offline reload") {
                        try await browser.script("return document.getElementById('queue-line').dataset.waiting") as? String == "3"
                    }
                    #expect(try await browser.text("#queue-line").contains("3 条待发送"))
                    try await browser.screenshot("field-app-3-offline-queue.png")

                    // The minors'-data guard stops an ID number before anything is queued.
                    try await Self.recordVisit(browser, stop: today.stops[3].stop, facts: "未成年人身份证号11010519491231002X，已通知家长。")
                    try await browser.wait("the guard's refusal") { try await browser.text("#visit-status").contains("resident ID number") }
                    #expect(try await Self.outbox(browser).count == 3, "nothing was queued")
                    try await browser.screenshot("field-app-4-guard.png")

                    // A visit the server will refuse (arrival tomorrow), queued like the others while offline.
                    try await Self.recordVisit(browser, stop: today.stops[3].stop, facts: "现场检查。", arrivalTomorrow: true, orderToCorrect: "2099-01-31")
                    try await Self.saved(browser)
                    try await browser.wait("four visits queued") { try await Self.outbox(browser).count == 4 }

                    // The connection returns: everything acknowledged is stored once; the refusal stays with its words.
                    let back = Date()
                    try await browser.network(offline: false)
                    try await browser.wait("the two offline visits stored", seconds: 30) {
                        try await Self.count(fixture.db, "SELECT count(*)::int FROM inspection WHERE sweep_stop_id IN (\(today.stops[1].stop), \(today.stops[2].stop))") == 2
                    }
                    let stored = Date().timeIntervalSince(back)
                    try await browser.wait("the new venue and its visit stored, with the position's accuracy") {
                        try await Self.count(fixture.db, """
                            SELECT count(*)::int FROM inspection i JOIN venue v ON v.id = i.venue_id
                            WHERE v.code LIKE 'FIELD-%' AND v.status = 'unknown' AND NOT v.licensed AND i.position_accuracy_m = 25
                            """) == 1
                    }
                    print("field app: queued visits stored \(String(format: "%.2f", stored)) s after the connection returned")
                    try await browser.wait("only the refused visit left, with the server's words") {
                        let items = try await Self.outbox(browser)
                        return items.count == 1 && items[0]["state"] as? String == "refused"
                    }
                    let refused = try #require(try await Self.outbox(browser).first)
                    #expect((refused["problem"] as? String ?? "").contains("arrived_at"), "\(refused)")
                    try await browser.go("\(sweep)/app/#queue")
                    try await browser.wait("the refusal shown in the queue") { try await browser.text("#view").contains("arrived_at") }
                    try await Self.fitsThePhone(browser, "the outbox")
                    try await browser.screenshot("field-app-5-refused.png")

                    for stop in today.stops.prefix(3) {
                        #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM inspection WHERE sweep_stop_id = \(stop.stop)") == 1, "stop \(stop.stop) once")
                    }
                    #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM inspection WHERE sweep_stop_id = \(today.stops[3].stop)") == 0)

                    // Corrected and resent: the form keeps what was recorded (the order to correct), the
                    // arrival is fixed, and the same submission is stored once.
                    let refusedID = try #require(refused["id"] as? String)
                    try await browser.go("\(sweep)/app/#edit/\(refusedID)")
                    try await browser.wait("the correction form") { try await browser.script("return !!document.getElementById('visit')") as? Bool == true }
                    #expect(try await browser.script("return [document.getElementById('me-order').checked, document.getElementById('me-deadline').value, document.getElementById('facts').value].join('|')") as? String
                            == "true|2099-01-31|现场检查。")
                    _ = try await browser.script("""
                        const local = (ms) => new Date(Date.now() - ms - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);
                        document.getElementById('arrived').value = local(1800000);
                        document.getElementById('departed').value = local(600000);
                        document.getElementById('save').scrollIntoView({block: 'center'});
                        """)
                    try await browser.click("#save")
                    try await browser.wait("the corrected visit stored once, with its order to correct") {
                        try await Self.count(fixture.db, """
                            SELECT count(*)::int FROM inspection i JOIN finding f ON f.inspection_id = i.id
                            WHERE i.sweep_stop_id = \(today.stops[3].stop) AND i.submission_id = '\(refusedID)'
                            """) == 1
                    }
                    try await Self.drained(browser)
                    // The photo's digest as the phone computed it is the digest of the bytes the server keeps.
                    let linked = try await Self.count(fixture.db, """
                        SELECT count(*)::int FROM finding_evidence fe JOIN finding f ON f.id = fe.finding_id JOIN inspection i ON i.id = f.inspection_id
                        JOIN evidence_blob b ON b.sha256 = fe.sha256
                        WHERE i.sweep_stop_id IN (\(today.stops[1].stop), \(today.stops[2].stop)) AND sha256(b.content) = fe.sha256
                        """)
                    let findings = try await Self.count(fixture.db, "SELECT count(*)::int FROM finding f JOIN inspection i ON i.id = f.inspection_id WHERE i.sweep_stop_id IN (\(today.stops[1].stop), \(today.stops[2].stop))")
                    let links = try await Self.count(fixture.db, "SELECT count(*)::int FROM finding_evidence fe JOIN finding f ON f.id = fe.finding_id JOIN inspection i ON i.id = f.inspection_id WHERE i.sweep_stop_id IN (\(today.stops[1].stop), \(today.stops[2].stop))")
                    #expect(linked == 2, "both photos stored whole and linked under the digest the phone computed (findings \(findings), links \(links))")
                    try await Self.guardVectorsAgree(browser)
                    #expect(try await browser.consoleErrors().filter { !$0.contains("ERR_INTERNET_DISCONNECTED") && !$0.contains("Failed to fetch") && !$0.contains("422") }.isEmpty)
                } catch {
                    _ = try? await browser.screenshot("field-app-failure.png")
                    let console = (try? await browser.consoleErrors()) ?? []
                    await browser.quit()
                    throw SweepError.unavailable("\(error); the page's console: \(console)")
                }
                await browser.quit()
                try? FileManager.default.removeItem(at: photo)
            }
        }
    }

    /// A browser without IndexedDB (some private windows) is told plainly that offline work is off,
    /// and the app still pairs and shows the day from memory.
    @Test func withoutIndexedDBTheAppSaysOfflineWorkIsOff() async throws {
        try await BrowserSigninTests.withBrowserApp { app, fixture in
            let inspector = try await TokenStore(db: fixture.db).authenticate(secret: try #require(fixture.tokens[.inspector]))
            let code = try await SessionStore(db: fixture.db).issueCode(principalId: inspector.id, lifetime: 600, actor: "test").code
            try await app.test(.live) { client in
                let sweep = "http://127.0.0.1:\(try #require(client.port))"
                let browser = try await WebDriver.start(width: 360, height: 740, phone: true)
                do {
                    try await browser.devTools("Page.addScriptToEvaluateOnNewDocument",
                                               ["source": "Object.defineProperty(window, 'indexedDB', {value: undefined, configurable: true});"])
                    try await browser.go("\(sweep)/app/#pair=\(code)")
                    try await browser.wait("the paired app without IndexedDB") { try await browser.script("return document.body.dataset.ready") as? String == "app" }
                    try await browser.wait("the notice") { try await browser.text("#storage-off").contains("离线工作已关闭") }
                    #expect(try await browser.script("return typeof window.indexedDB") as? String == "undefined")
                    try await browser.screenshot("field-app-6-no-indexeddb.png")
                } catch {
                    await browser.quit()
                    throw error
                }
                await browser.quit()
            }
        }
    }
}
