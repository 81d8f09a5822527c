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

/// Browser sign-in over HTTP: one-time codes, the session cookie's attributes, expiry, sign-out,
/// revocation, and the cross-site checks on cookie-authenticated writes.
@Suite struct SessionAPITests {
    static let setCookie = HTTPField.Name("Set-Cookie")!
    static let csrf = HTTPField.Name(BrowserSession.csrfHeader)!

    /// A code for the demo's first principal of `role`, issued as the CLI would.
    static func code(_ fixture: APITests.Fixture, _ role: Role, minutes: Int = 15) async throws -> (code: String, principal: Principal) {
        let principal = try await TokenStore(db: fixture.db).authenticate(secret: try #require(fixture.tokens[role]))
        let issued = try await SessionStore(db: fixture.db).issueCode(principalId: principal.id, lifetime: TimeInterval(minutes * 60), actor: "test")
        return (issued.code, principal)
    }

    struct Signed: Sendable {
        var status: HTTPResponse.Status
        var cookieLine: String
        var secret: String
        var info: SessionInfo?
        var detail: String
    }

    static func signIn(_ client: some TestClientProtocol, _ code: String, headers extra: HTTPFields = [:]) async throws -> Signed {
        var headers = extra
        headers[.contentType] = "application/json"
        return try await client.execute(uri: "/v1/session", method: .post, headers: headers, body: ByteBuffer(string: "{\"code\": \"\(code)\"}")) { r in
            let line = r.headers[setCookie] ?? ""
            let secret = line.split(separator: ";").first.map { String($0.dropFirst("sweep_session=".count)) } ?? ""
            return Signed(status: r.status, cookieLine: line, secret: secret, info: try? APITests.decode(SessionInfo.self, r.body),
                          detail: (try? APITests.decode(ProblemDetails.self, r.body).detail) ?? "")
        }
    }

    static func cookie(_ secret: String, csrf token: String? = nil) -> HTTPFields {
        var fields = HTTPFields()
        fields[.cookie] = "sweep_session=\(secret)"
        if let token { fields[csrf] = token }
        return fields
    }

    static func status(_ client: some TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method = .get, _ headers: HTTPFields,
                       body: String? = nil) async throws -> (HTTPResponse.Status, String) {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { r in
            (r.status, String(buffer: r.body))
        }
    }

    @Test func aCodeSignsInOnceAndTheCookieIsHttpOnlyAndStrict() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (code, principal) = try await Self.code(fixture, .leader)
            try await app.test(.router) { client in
                // Typed on a phone: lower case, a space instead of the dash.
                let signed = try await Self.signIn(client, code.lowercased().replacingOccurrences(of: "-", with: " "))
                #expect(signed.status == .created, "\(signed.detail)")
                for attribute in ["sweep_session=sws_", "HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="] {
                    #expect(signed.cookieLine.contains(attribute), "\(attribute) in \(signed.cookieLine)")
                }
                #expect(!signed.cookieLine.contains("Secure"), "plain HTTP without a proxy: no Secure")
                let info = try #require(signed.info)
                #expect(info.via == "cookie" && info.principal.id == principal.id && (info.csrfToken?.count ?? 0) == 32)
                let me = try await client.execute(uri: "/v1/me", method: .get, headers: Self.cookie(signed.secret)) { try APITests.decode(Principal.self, $0.body) }
                #expect(me.id == principal.id && me.role == .leader)
                let again = try await Self.signIn(client, code)
                #expect(again.status == .unauthorized && again.detail.contains("used already"), "\(again.detail)")
                #expect(again.cookieLine.isEmpty)
            }
            let audit = try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM audit_log WHERE action IN ('signin_code.issue', 'session.signin')")
            #expect(audit == 2)
        }
    }

    @Test func behindATLSProxyTheCookieIsSecure() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (code, _) = try await Self.code(fixture, .coordinator)
            try await app.test(.router) { client in
                var headers = HTTPFields()
                headers[HTTPField.Name("X-Forwarded-Proto")!] = "https"
                let signed = try await Self.signIn(client, code, headers: headers)
                #expect(signed.status == .created && signed.cookieLine.contains("Secure"), "\(signed.cookieLine)")
            }
        }
    }

    @Test func expiredCodesAndSessionsAreRefusedSayingSo() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (stale, _) = try await Self.code(fixture, .handler)
            let (fresh, _) = try await Self.code(fixture, .handler)
            try await fixture.db.query("""
                UPDATE signin_code SET created_at = now() - interval '1 hour', expires_at = now() - interval '1 minute'
                WHERE id = (SELECT min(id) FROM signin_code)
                """)
            try await app.test(.router) { client in
                let late = try await Self.signIn(client, stale)
                #expect(late.status == .unauthorized && late.detail.contains("expired"), "\(late.detail)")
                let unknown = try await Self.signIn(client, "ZZZZZ-ZZZZZ")
                #expect(unknown.status == .unauthorized && unknown.detail.contains("unknown"), "\(unknown.detail)")
                let signed = try await Self.signIn(client, fresh)
                #expect(signed.status == .created)
                try await fixture.db.query("UPDATE browser_session SET expires_at = now() - interval '1 second'")
                let (status, body) = try await Self.status(client, "/v1/me", .get, Self.cookie(signed.secret))
                #expect(status == .unauthorized && body.contains("expired"), "\(body)")
            }
        }
    }

    @Test func signingOutEndsTheSessionAtOnceAndClearsTheCookie() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (code, _) = try await Self.code(fixture, .inspector)
            try await app.test(.router) { client in
                let signed = try await Self.signIn(client, code)
                let token = try #require(signed.info?.csrfToken)
                let session = try await client.execute(uri: "/v1/session", method: .get, headers: Self.cookie(signed.secret)) {
                    try APITests.decode(SessionInfo.self, $0.body)
                }
                #expect(session.csrfToken == token && session.via == "cookie")
                let cleared = try await client.execute(uri: "/v1/session/end", method: .post, headers: Self.cookie(signed.secret, csrf: token)) { r in
                    #expect(r.status == .noContent)
                    return r.headers[Self.setCookie] ?? ""
                }
                #expect(cleared.contains("sweep_session=;") && cleared.contains("Max-Age=0"), "\(cleared)")
                let (status, body) = try await Self.status(client, "/v1/me", .get, Self.cookie(signed.secret))
                #expect(status == .unauthorized && body.contains("signed out"), "\(body)")
                // A bearer token has no session to end.
                let (bearer, _) = try await Self.status(client, "/v1/session/end", .post, APITests.auth(fixture.tokens[.inspector]))
                #expect(bearer == .conflict)
            }
        }
    }

    @Test func cookieWritesNeedTheCsrfTokenAndThisOrigin() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (code, _) = try await Self.code(fixture, .coordinator)
            let tip = """
                {"channel": "12345", "received_at": "\(ISO8601DateFormatter().string(from: Date().addingTimeInterval(-600)))", "text": "有未成年人上网"}
                """
            let before = try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM tip")
            try await app.test(.router) { client in
                let signed = try await Self.signIn(client, code)
                let token = try #require(signed.info?.csrfToken)
                let (missing, why) = try await Self.status(client, "/v1/tips", .post, Self.cookie(signed.secret), body: tip)
                #expect(missing == .forbidden && why.contains("X-CSRF-Token"), "\(why)")
                let (wrong, _) = try await Self.status(client, "/v1/tips", .post, Self.cookie(signed.secret, csrf: String(token.reversed())), body: tip)
                #expect(wrong == .forbidden)
                var foreign = Self.cookie(signed.secret, csrf: token)
                foreign[HTTPField.Name("Origin")!] = "http://evil.example"
                let (origin, originWhy) = try await Self.status(client, "/v1/tips", .post, foreign, body: tip)
                #expect(origin == .forbidden && originWhy.contains("evil.example"), "\(originWhy)")
                var crossSite = Self.cookie(signed.secret, csrf: token)
                crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
                #expect(try await Self.status(client, "/v1/tips", .post, crossSite, body: tip).0 == .forbidden)
                #expect(try await Self.status(client, "/v1/session/end", .post, Self.cookie(signed.secret)).0 == .forbidden, "a forged sign-out too")
                // None of it was stored or ended the session; the page's own write goes through.
                #expect(try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM tip") == before)
                var own = Self.cookie(signed.secret, csrf: token)
                own[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
                let (ok, body) = try await Self.status(client, "/v1/tips", .post, own, body: tip)
                #expect(ok == .created, "\(body)")
                #expect(try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM tip") == before + 1)
            }
        }
    }

    @Test func anAdminEndsSessionsWithAReason() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (code, principal) = try await Self.code(fixture, .inspector)
            try await app.test(.router) { client in
                let signed = try await Self.signIn(client, code)
                let store = SessionStore(db: fixture.db)
                await #expect(throws: SweepError.self) { _ = try await store.revoke(sessionId: nil, principalId: principal.id, actor: "test", reason: " ") }
                let ended = try await store.revoke(sessionId: nil, principalId: principal.id, actor: "test", reason: "phone lost")
                #expect(ended == [try #require(signed.info?.sessionId)])
                let (status, body) = try await Self.status(client, "/v1/me", .get, Self.cookie(signed.secret))
                #expect(status == .unauthorized && body.contains("ended by an admin"), "\(body)")
                #expect(try await store.list().isEmpty)
                #expect(try await store.list(includeEnded: true).first?.endedBy == "revoked")
            }
            #expect(try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM audit_log WHERE action = 'session.revoke' AND reason = 'phone lost'") == 1)
        }
    }

    @Test func failedSigninsFromOneAddressAreThrottled() async throws {
        try await APITests.withSeededApp { app, _ in
            try await app.test(.router) { client in
                for _ in 0..<10 {
                    #expect(try await Self.signIn(client, "ZZZZZ-ZZZZZ").status == .unauthorized)
                }
                let (status, retry) = try await client.execute(uri: "/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                               body: ByteBuffer(string: #"{"code": "ZZZZZ-ZZZZZ"}"#)) { r in
                    (r.status, r.headers[.retryAfter])
                }
                #expect(status == .tooManyRequests && retry == "60")
            }
        }
    }
}

/// Coordinators hand codes to the inspectors of their district; nobody else's.
@Suite struct SigninCodeAPITests {
    static func strings(_ db: Database, _ sql: String) async throws -> [String] {
        var out: [String] = []
        for try await value in try await db.query(PostgresQuery(unsafeSQL: sql)).decode(String.self) { out.append(value) }
        return out
    }

    @Test func coordinatorsIssueCodesOnlyForInspectorsInTheirArea() async throws {
        try await APITests.withSeededApp { app, fixture in
            let districts = try await Self.strings(fixture.db, "SELECT code FROM jurisdiction WHERE level = 'district' ORDER BY code LIMIT 2")
            let officer = try await Self.strings(fixture.db, """
                SELECT i.code FROM inspector i JOIN jurisdiction j ON j.id = i.jurisdiction_id WHERE j.code = '\(districts[0])' AND i.department_code = 'CUL' LIMIT 1
                """)[0]
            let tokens = TokenStore(db: fixture.db)
            let coordinator = try await tokens.issue(.init(name: "district coordinator", role: .coordinator, scope: [districts[0]]), actor: "test").secret
            let mine = try await tokens.issue(.init(name: "field officer", role: .inspector, department: .culture, scope: [districts[0]], inspectorCode: officer),
                                              actor: "test").principal
            let elsewhere = try await tokens.issue(.init(name: "other officer", role: .inspector, department: .culture, scope: [districts[1]]), actor: "test").principal
            let leader = try await tokens.issue(.init(name: "district leader", role: .leader, scope: [districts[0]]), actor: "test").principal
            try await app.test(.router) { client in
                func ask(_ body: String, as token: String? = nil) async throws -> (HTTPResponse.Status, String) {
                    try await SessionAPITests.status(client, "/v1/signin-codes", .post, APITests.auth(token ?? coordinator), body: body)
                }
                let (created, body) = try await ask("{\"inspector\": \"\(officer)\", \"expires_in_minutes\": 30}")
                #expect(created == .created, "\(body)")
                let issued = try WireCoding.decoder().decode(IssuedSigninCode.self, from: Data(body.utf8))
                #expect(issued.principal.id == mine.id && issued.expiresAt > Date().addingTimeInterval(29 * 60))
                let signed = try await SessionAPITests.signIn(client, issued.code)
                #expect(signed.status == .created && signed.info?.principal.id == mine.id)

                let (outside, outsideWhy) = try await ask("{\"principal_id\": \(elsewhere.id)}")
                #expect(outside == .forbidden && outsideWhy.contains(districts[0]), "\(outsideWhy)")
                let (boss, bossWhy) = try await ask("{\"principal_id\": \(leader.id)}")
                #expect(boss == .forbidden && bossWhy.contains("inspectors only"), "\(bossWhy)")
                let (both, bothWhy) = try await ask("{\"principal_id\": \(mine.id), \"inspector\": \"\(officer)\"}")
                #expect(both == .unprocessableContent && bothWhy.contains("principal_id"), "\(bothWhy)")
                #expect(try await ask("{\"principal_id\": \(mine.id), \"expires_in_minutes\": 5000}").0 == .unprocessableContent)
                #expect(try await ask("{\"principal_id\": \(mine.id)}", as: fixture.tokens[.inspector]).0 == .forbidden)
                #expect(try await ask("{\"principal_id\": \(leader.id)}", as: fixture.tokens[.admin]).0 == .created)
            }
        }
    }
}

/// The pages and their assets are served with a strict content security policy, and only bundled files.
@Suite struct WebPagesTests {
    @Test func pagesAndAssetsAreServedAndNothingElse() async throws {
        try await APITests.withSeededApp { app, _ in
            try await app.test(.router) { client in
                for (uri, type) in [("/signin", "text/html"), ("/heatmap", "text/html"), ("/assets/session.js", "text/javascript"),
                                    ("/assets/style.css", "text/css")] {
                    try await client.execute(uri: uri, method: .get) { r in
                        #expect(r.status == .ok && (r.headers[.contentType] ?? "").hasPrefix(type), "\(uri)")
                        #expect((r.headers[.contentSecurityPolicy] ?? "").contains("frame-ancestors 'none'"), "\(uri)")
                    }
                }
                for uri in ["/assets/nothing.js", "/assets/..%2F..%2FPackage.swift", "/assets/%2Fetc%2Fpasswd"] {
                    try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
                }
            }
        }
    }
}
