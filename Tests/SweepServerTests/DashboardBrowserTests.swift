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

/// The dashboard in a real browser at a phone's width: a leader without a session is sent to sign
/// in and back, and the figures on the page are the API's.
extension BrowserSigninTests {
    @Test func aLeaderReadsTheDashboardWithTheAPIsFigures() async throws {
        _ = try WebDriver.binaries()
        try await APITests.withSeededApp { app, fixture in
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
                    let external = try await browser.script("""
                        return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin)).length
                        """) as? Int
                    #expect(external == 0, "no request leaves the server")
                    try await browser.screenshot("dashboard-phone.png")
                } catch {
                    await browser.quit()
                    throw error
                }
                await browser.quit()
            }
        }
    }
}
