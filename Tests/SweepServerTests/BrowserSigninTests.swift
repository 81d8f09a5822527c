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

/// Signing in with a real browser (headless Chromium at a phone's width) against the real server:
/// the code, the cookie the browser keeps, the heat map drawn with it, forged writes from other
/// sites, expiry and sign-out.
@Suite(.serialized) struct BrowserSigninTests {
    /// Pages another site serves: forms that post to Sweep the moment they load.
    static func evilSite() -> some ApplicationProtocol {
        let router = Router()
        router.get("forge/:target") { request, context -> Response in
            let target = context.parameters.get("target") ?? ""
            let sweep = request.uri.queryParameters.get("sweep") ?? ""
            let action = target == "tip" ? "\(sweep)/v1/tips" : "\(sweep)/v1/session/end"
            let html = """
                <!doctype html><html><body>
                <form method="POST" action="\(action)" enctype="text/plain">
                <input name='{"channel": "12345", "received_at": "2026-12-01T08:00:00Z", "text": "forged", "x": "' value='"}'>
                </form>
                <script>document.forms[0].submit();</script>
                </body></html>
                """
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// The seeded application for a browser test, within a hard limit: a hung browser or server
    /// fails this test instead of stalling the whole run.
    static func withBrowserApp(_ body: @escaping @Sendable (any ApplicationProtocol, APITests.Fixture) async throws -> Void,
                               sourceLocation: SourceLocation = #_sourceLocation) async throws {
        _ = try WebDriver.binaries()
        try await TestDeadline.run("the browser test at line \(sourceLocation.line)", seconds: 300) {
            try await APITests.withSeededApp(body)
        }
    }

    static func count(_ db: Database, _ sql: String) async throws -> Int { try await FindingsAPITests.count(db, sql) }

    @Test func aLeaderSignsInSeesTheMapIsNotForgedAndSignsOut() async throws {
        try await Self.withBrowserApp { app, fixture in
            let leader = try await TokenStore(db: fixture.db).authenticate(secret: try #require(fixture.tokens[.leader]))
            let sessions = SessionStore(db: fixture.db)
            let code = try await sessions.issueCode(principalId: leader.id, lifetime: 600, actor: "test").code
            try await app.test(.live) { client in
                let sweep = "http://127.0.0.1:\(try #require(client.port))"
                let browser = try await WebDriver.start()
                do {
                    try await Self.signInAndDraw(browser, sweep, code: code, leader: leader)
                    try await Self.forgeries(browser, sweep, fixture)
                    try await Self.signOut(browser, sweep, code: code, fixture)
                } catch {
                    await browser.quit()
                    throw error
                }
                await browser.quit()
            }
        }
    }

    static func signInAndDraw(_ browser: WebDriver, _ sweep: String, code: String, leader: Principal) async throws {
        // The map page sends a browser without a session to sign in, and back.
        try await browser.go("\(sweep)/heatmap")
        try await browser.wait("the sign-in page") { try await browser.url().contains("/signin?next=%2Fheatmap") }
        #expect(try await browser.script("return document.documentElement.scrollWidth <= window.innerWidth") as? Bool == true, "fits a phone")
        try await browser.type("#code", code.lowercased())
        try await browser.click("#go")
        try await browser.wait("the map page after signing in") { try await browser.url() == "\(sweep)/heatmap" }
        try await browser.wait("who is signed in") { try await browser.text("[data-who]").contains(leader.name) }
        let cookie = try #require(try await browser.cookies().first { $0["name"] as? String == BrowserSession.cookieName })
        #expect(cookie["httpOnly"] as? Bool == true && cookie["sameSite"] as? String == "Strict" && cookie["secure"] as? Bool == false, "\(cookie)")
        #expect(try await browser.script("return document.cookie") as? String == "", "scripts never see the session")
        try await browser.click("#show")
        try await browser.wait("the map") { try await browser.script("return document.querySelectorAll('#map svg').length") as? Int == 1 }
        #expect(try await browser.text("#status") == "")
        #expect(try await browser.script("return document.documentElement.scrollWidth <= window.innerWidth") as? Bool == true, "the map page fits a phone")
    }

    /// Another site's pages post to Sweep: from another site the cookie is not even sent (401); from
    /// another origin of the same site it is, and the CSRF check refuses (403). Nothing changes.
    static func forgeries(_ browser: WebDriver, _ sweep: String, _ fixture: APITests.Fixture) async throws {
        let tips = try await count(fixture.db, "SELECT count(*)::int FROM tip")
        try await evilSite().test(.live) { evil in
            let port = try #require(evil.port)
            for (origin, expected) in [("http://localhost:\(port)", "not authenticated|bearer token"), ("http://127.0.0.1:\(port)", "cross-site|CSRF")] {
                for target in ["tip", "signout"] {
                    try await browser.go("\(origin)/forge/\(target)?sweep=\(sweep)")
                    try await browser.wait("the forged \(target) from \(origin) to be answered") { try await browser.url().hasPrefix(sweep) }
                    let answer = try await browser.script("return document.body.innerText") as? String ?? ""
                    #expect(answer.range(of: expected, options: .regularExpression) != nil, "\(target) from \(origin): \(answer)")
                }
            }
        }
        #expect(try await count(fixture.db, "SELECT count(*)::int FROM tip") == tips, "no forged tip was stored")
        #expect(try await count(fixture.db, "SELECT count(*)::int FROM browser_session WHERE ended_at IS NULL") == 1, "the session survived")
        // Sweep's own page still works after all that.
        try await browser.go("\(sweep)/heatmap")
        try await browser.wait("the map page, still signed in") { try await browser.text("[data-who]").isEmpty == false }
    }

    static func signOut(_ browser: WebDriver, _ sweep: String, code: String, _ fixture: APITests.Fixture) async throws {
        try await browser.click("[data-signout]")
        try await browser.wait("the sign-in page after signing out") { try await browser.url().hasSuffix("/signin") }
        let status = try await browser.asyncScript("fetch('/v1/session').then((r) => done(r.status))") as? Int
        #expect(status == 401)
        #expect(try await count(fixture.db, "SELECT count(*)::int FROM browser_session WHERE ended_by = 'signout'") == 1)
        // The code worked once.
        try await browser.type("#code", code)
        try await browser.click("#go")
        try await browser.wait("the refusal of a spent code") { try await browser.text("#status").contains("used already") }
    }

    @Test func anExpiredSessionSendsTheBrowserBackToSignIn() async throws {
        try await Self.withBrowserApp { app, fixture in
            let leader = try await TokenStore(db: fixture.db).authenticate(secret: try #require(fixture.tokens[.leader]))
            let code = try await SessionStore(db: fixture.db).issueCode(principalId: leader.id, lifetime: 600, actor: "test").code
            try await app.test(.live) { client in
                let sweep = "http://127.0.0.1:\(try #require(client.port))"
                let browser = try await WebDriver.start()
                do {
                    try await browser.go("\(sweep)/signin?next=%2Fheatmap")
                    try await browser.type("#code", code)
                    try await browser.click("#go")
                    try await browser.wait("the map page") { try await browser.url() == "\(sweep)/heatmap" }
                    try await fixture.db.query("UPDATE browser_session SET expires_at = now() - interval '1 second'")
                    // The server trusts a checked session for a few seconds; then the page must send the browser to sign in.
                    try await browser.wait("the sign-in page once the session expired", seconds: 30) {
                        try await browser.go("\(sweep)/heatmap")
                        try await Task.sleep(for: .milliseconds(500))
                        return try await browser.url().contains("/signin")
                    }
                } catch {
                    await browser.quit()
                    throw error
                }
                await browser.quit()
            }
        }
    }
}
