import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import SweepAPI
import SweepCore
@testable import SweepStore
import TestSupport
@testable import SweepServer

/// The dashboard in a real browser at a phone's width: a leader without a session is sent to sign
/// in and back, and the figures on the page are the API's.
extension BrowserSigninTests {
    @Test func aLeaderReadsTheDashboardWithTheAPIsFigures() async throws {
        try await Self.withBrowserApp { app, fixture in
            let leaderToken = try #require(fixture.tokens[.leader])
            let leader = try await TokenStore(db: fixture.db).authenticate(secret: leaderToken)
            let code = try await SessionStore(db: fixture.db).issueCode(principalId: leader.id, lifetime: 600, actor: "test").code
            try await app.test(.live) { client in
                let sweep = "http://127.0.0.1:\(try #require(client.port))"
                let browser = try await WebDriver.start()
                do {
                    try await browser.go("\(sweep)/dashboard")
                    try await browser.wait("the sign-in page") { try await browser.url().contains("/signin?next=%2Fdashboard") }
                    try await browser.type("#code", code)
                    try await browser.click("#go")
                    try await browser.wait("the dashboard") { try await browser.url() == "\(sweep)/dashboard" }
                    try await browser.reload()  // the sign-in page's own log (its session probe answers 401 by design) left behind
                    let shown = try await browser.text("[data-figure=\"share-licensed_cafe\"]")
                    let now = Date()
                    let query = "from=\(ISODay.format(now.addingTimeInterval(-365 * 86_400)))&to=\(ISODay.format(now.addingTimeInterval(86_400)))"
                    let api = try await client.execute(uri: "/v1/reports/compliance?\(query)", method: .get, headers: APITests.auth(leaderToken)) {
                        try APITests.decode(ComplianceReport.self, $0.body)
                    }
                    let share = try #require(api.summary.kinds.first { $0.kind == "licensed_cafe" }?.share)
                    #expect(shown == DashboardPage.pct(share.estimate), "page \(shown) vs API \(share.estimate)")
                    let departments = try await client.execute(uri: "/v1/reports/departments?\(query)", method: .get, headers: APITests.auth(leaderToken)) {
                        try APITests.decode(DepartmentReport.self, $0.body)
                    }
                    let cul = try #require(departments.departments.first { $0.department == .culture })
                    #expect(try await browser.text("[data-figure=\"cases-CUL\"]") == String(cul.cases))
                    #expect(try await browser.script("return document.querySelectorAll('#compliance svg').length") as? Int ?? 0 >= 1, "charts drawn")
                    #expect(try await browser.script("return document.scripts.length") as? Int == 0, "no script on the page")
                    #expect(try await browser.script("return document.documentElement.scrollWidth <= window.innerWidth") as? Bool == true, "fits a phone")
                    #expect(try await browser.foreignRequests() == 0, "no request leaves the server")
                    #expect(try await browser.script("return document.querySelectorAll('#heatmap svg').length") as? Int == 1, "heat map drawn")
                    let console1 = try await browser.consoleErrors()
                    #expect(console1 == [], "nothing on the console: \(console1)")
                    try await browser.screenshot("dashboard-phone.png")
                    // The department filter: CUL alone, with its districts as the API gives them to a leader.
                    try await browser.go("\(sweep)/dashboard?department=CUL")
                    let figures = try await browser.script("""
                        return [...document.querySelectorAll('#departments [data-figure]')].map(e => e.dataset.figure + '=' + e.textContent)
                        """) as? [String] ?? []
                    let expected = ["cases-CUL=\(cul.cases)"] + departments.districts.filter { $0.department == .culture }
                        .map { "cases-CUL-\($0.district ?? "")=\($0.cases)" }
                    #expect(figures == expected, "page \(figures) vs API \(expected)")
                    #expect(try await browser.script("return document.querySelector('select[name=department]').value") as? String == "CUL")
                    let console2 = try await browser.consoleErrors()
                    #expect(console2 == [], "nothing on the console: \(console2)")
                    try await browser.screenshot("dashboard-department-phone.png")
                } catch {
                    await browser.quit()
                    throw error
                }
                await browser.quit()
            }
        }
    }
}

/// The campaign brief: the HTML in a real browser with the API's figures, and the PDF one A4 page
/// that is not blank (pdfinfo, pdftoppm), both kept under data/test/artefacts.
extension BrowserSigninTests {
    /// Runs a helper program off the concurrency pool: Foundation's Process can miss a child's exit under
    /// the test runner and, waiting on a pool thread, starve every other test (seen in CI); the store's
    /// posix_spawn/waitpid runner does not.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    let out = try Subprocess.run(arguments)
                    return (out.status, out.combined)
                })
            }
        }
    }

    @Test func theCampaignBriefPrintsOnOnePageWithTheAPIsFigures() async throws {
        _ = try WebDriver.binaries()
        guard (try? await Self.run(["pdftoppm", "-v"]))?.status == 0 else {
            Issue.record("pdftoppm is missing: run ops/install-deps (poppler-utils)")
            return
        }
        try await Self.withBrowserApp { app, fixture in
            let leaderToken = try #require(fixture.tokens[.leader])
            let leader = try await TokenStore(db: fixture.db).authenticate(secret: leaderToken)
            let code = try await SessionStore(db: fixture.db).issueCode(principalId: leader.id, lifetime: 600, actor: "test").code
            try await app.test(.live) { client in
                let admin = fixture.tokens[.admin]
                let (district, _) = try await PlanningAPITests.district(fixture.db)
                let (campaign, plan) = try await PlanningAPITests.createPlan(client, token: admin,
                                                                             spec: PlanningAPITests.spec(district: district, days: 2, kinds: [.licensedCafe]))
                for step in ["approve", "dispatch"] {
                    try await client.execute(uri: "/v1/plans/\(plan.planId)/\(step)", method: .post, headers: APITests.auth(admin)) { #expect($0.status == .ok) }
                }
                let progress = try await client.execute(uri: "/v1/reports/progress?campaign=\(campaign.id)", method: .get, headers: APITests.auth(leaderToken)) {
                    try APITests.decode(ProgressReport.self, $0.body)
                }
                let started = Date()
                let pdf = try await client.execute(uri: "/brief?campaign=\(campaign.id)&format=pdf&as_of=\(progress.asOf)", method: .get,
                                                   headers: APITests.auth(leaderToken)) { r in
                    #expect(r.status == .ok && r.headers[.contentType] == "application/pdf", "\(r.status): \(String(buffer: r.body).prefix(600))")
                    return Data(buffer: r.body)
                }
                let seconds = Date().timeIntervalSince(started)
                let folder = URL(fileURLWithPath: TestDatabase.packageRoot + "/data/test/artefacts")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let file = folder.appendingPathComponent("brief.pdf")
                try pdf.write(to: file)
                let info = try await Self.run(["pdfinfo", file.path])
                #expect(info.output.contains("Pages:           1") && info.output.contains("A4"), "\(info.output)")
                let image = folder.appendingPathComponent("brief-page1")
                let gray = try await Self.run(["pdftoppm", "-gray", "-r", "40", "-singlefile", file.path, image.path])
                #expect(gray.status == 0, "\(gray.output)")
                _ = try await Self.run(["pdftoppm", "-png", "-r", "60", "-singlefile", file.path, image.path])
                let pgm = try Data(contentsOf: URL(fileURLWithPath: image.path + ".pgm"))
                // P5 header of three lines, then one byte per pixel.
                var newlines = 0, start = 0
                for (i, byte) in pgm.enumerated() where byte == 0x0A { newlines += 1; if newlines == 3 { start = i + 1; break } }
                let pixels = pgm[start...]
                let inked = pixels.filter { $0 < 160 }.count
                #expect(Double(inked) / Double(max(1, pixels.count)) > 0.005, "the page is not blank: \(inked) dark pixels of \(pixels.count)")
                print("brief PDF printed in \(String(format: "%.2f", seconds)) s")

                let browser = try await WebDriver.start()
                do {
                    try await browser.go("\(try Self.sweep(client))/brief?campaign=\(campaign.id)")
                    try await browser.wait("the sign-in page") { try await browser.url().contains("/signin?next=") }
                    try await browser.type("#code", code)
                    try await browser.click("#go")
                    try await browser.wait("the brief") { try await browser.url().contains("/brief?campaign=\(campaign.id)") }
                    try await browser.reload()
                    #expect(try await browser.text("[data-figure=\"planned\"]") == String(progress.progress.total.planned))
                    #expect(try await browser.text("[data-figure=\"visited\"]") == String(progress.progress.total.visited))
                    // The campaign has just begun: no inspections yet, and the map's place says so.
                    #expect(try await browser.text(".map").contains("无检查记录"), "the heat map's place explains why it is empty")
                    #expect(try await browser.script("return document.scripts.length") as? Int == 0, "no script in the brief")
                    #expect(try await browser.foreignRequests() == 0, "no request leaves the server")
                    let console3 = try await browser.consoleErrors()
                    #expect(console3 == [], "nothing on the console: \(console3)")
                    try await browser.screenshot("brief.png")
                } catch {
                    await browser.quit()
                    throw error
                }
                await browser.quit()
            }
        }
    }

    static func sweep(_ client: some TestClientProtocol) throws -> String { "http://127.0.0.1:\(try #require(client.port))" }
}
