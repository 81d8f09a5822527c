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

/// The registry learns from decisions (closure, revocation, suspension in the decision's
/// transaction), people maintain it with reasons, and every change reaches the event feed.
@Suite struct RegistryLifecycleAPITests {
    /// An open café: licensed with one culture licence, or a black one (reopened here when the small
    /// demo city closed them all after raids).
    static func venue(_ db: Database, licensed: Bool) async throws -> Int64 {
        var found: Int64?
        for try await id in try await db.query("""
            SELECT v.id FROM venue v WHERE v.kind = 'internet_cafe' AND v.licensed = \(licensed)
              AND (NOT \(licensed) OR (v.status = 'open' AND (SELECT count(*) FROM licence l WHERE l.venue_id = v.id AND l.issuing_department = 'CUL') = 1))
            ORDER BY v.id LIMIT 1
            """).decode(Int64.self) { found = id }
        guard let found else { throw SweepError.notFound("a café") }
        try await db.query("UPDATE venue SET status = 'open' WHERE id = \(found)")
        return found
    }

    /// Files one CUL violation at `venue` and returns its case.
    static func openCase(_ client: some TestClientProtocol, _ fixture: APITests.Fixture, venue: Int64, code: String, department: String = "CUL") async throws -> Int64 {
        let at = Date().addingTimeInterval(-3600)
        let iso = ISO8601DateFormatter()
        let body = """
            {"submission_id": "\(UUID().uuidString)", "venue_id": \(venue), "origin": "TIP", "unplanned_reason": "群众举报",
             "arrived_at": "\(iso.string(from: at))", "departed_at": "\(iso.string(from: at.addingTimeInterval(1200)))", "outcome": "inspected",
             "findings": [{"department": "\(department)", "facts": "现场检查", "violations": [{"code": "\(code)"}]}]}
            """
        let result = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(fixture.tokens[.admin]),
                                              body: ByteBuffer(string: body)) { r in try APITests.decode(SubmissionResult.self, r.body) }
        return try #require(result.findings.first?.violations.first?.caseId)
    }

    static func decide(_ client: some TestClientProtocol, _ token: String?, _ caseId: Int64, _ decision: String) async throws -> (HTTPResponse.Status, String) {
        try await SessionAPITests.status(client, "/v1/cases/\(caseId)/actions", .post, APITests.auth(token),
                                         body: "{\"action\": \"decide\", \"reason\": \"案件审理 decided\", \"decision\": \(decision)}")
    }

    static func detail(_ client: some TestClientProtocol, _ token: String?, _ venue: Int64) async throws -> VenueDetail {
        try await client.execute(uri: "/v1/venues/\(venue)", method: .get, headers: APITests.auth(token)) { try APITests.decode(VenueDetail.self, $0.body) }
    }

    @Test func aClosureDecisionClosesTheUnlicensedCafeAndSaysWhy() async throws {
        try await APITests.withSeededApp { app, fixture in
            let black = try await Self.venue(fixture.db, licensed: false)
            let handler = try await TokenStore(db: fixture.db).issue(.init(name: "文化执法", role: .handler, department: .culture, scope: ["420100"]),
                                                                    actor: "test").secret
            try await app.test(.router) { client in
                let caseId = try await Self.openCase(client, fixture, venue: black, code: "CAFE_UNLICENSED")
                let (status, body) = try await Self.decide(client, handler, caseId, #"{"kinds": ["closure_unlicensed", "confiscation"]}"#)
                #expect(status == .ok, "\(body)")
                let venue = try await Self.detail(client, fixture.tokens[.admin], black)
                #expect(venue.summary.status == .closed && venue.closedOn == ISODay.format(Date()))
                #expect(venue.closedReason?.contains("case \(caseId)") == true, "\(venue.closedReason ?? "")")
                let change = try #require(venue.changes.first)
                #expect(change.change == .venueClosed && change.caseId == caseId)
            }
        }
    }

    @Test func revocationAndSuspensionChangeTheLicencesOfTheDecision() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await Self.venue(fixture.db, licensed: true)
            let handler = try await TokenStore(db: fixture.db).issue(.init(name: "文化执法", role: .handler, department: .culture, scope: ["420100"]),
                                                                    actor: "test").secret
            try await app.test(.router) { client in
                let first = try await Self.openCase(client, fixture, venue: cafe, code: "CAFE_MINOR_ADMITTED")
                var (status, body) = try await Self.decide(client, handler, first, #"{"kinds": ["suspension"], "suspension_days": 400}"#)
                #expect(status == .unprocessableContent && body.contains("suspension_days"), "\(body)")
                (status, body) = try await Self.decide(client, handler, first, #"{"kinds": ["suspension", "fine"], "fine_yuan": 10000, "suspension_days": 30}"#)
                #expect(status == .ok, "\(body)")
                var venue = try await Self.detail(client, fixture.tokens[.admin], cafe)
                let until = ISODay.format(Date().addingTimeInterval(30 * 86_400))
                #expect(!venue.licences.isEmpty && venue.licences.allSatisfy { $0.status == .suspended }, "\(venue.licences)")
                #expect(venue.changes.allSatisfy { $0.change == .licenceSuspended && $0.until == until && $0.caseId == first })

                let second = try await Self.openCase(client, fixture, venue: cafe, code: "CAFE_MINOR_ADMITTED")
                (status, body) = try await Self.decide(client, handler, second, #"{"kinds": ["revocation"]}"#)
                #expect(status == .ok, "\(body)")
                venue = try await Self.detail(client, fixture.tokens[.admin], cafe)
                let culture = try #require(venue.licences.first { $0.issuingDepartment == .culture })
                #expect(culture.status == .revoked, "only the deciding department's licence is revoked")
                #expect(venue.licences.filter { $0.issuingDepartment != .culture }.allSatisfy { $0.status == .suspended })
                #expect(venue.changes.first?.change == .licenceRevoked && venue.changes.first?.caseId == second)
            }
        }
    }

    @Test func coordinatorsCloseReopenAndChangeLicencesWithinScopeWithAReason() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await Self.venue(fixture.db, licensed: true)
            let district = try await SigninCodeAPITests.strings(fixture.db, "SELECT j.code FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id WHERE v.id = \(cafe)")[0]
            let other = try await SigninCodeAPITests.strings(fixture.db, "SELECT code FROM jurisdiction WHERE level = 'district' AND code <> '\(district)' LIMIT 1")[0]
            let tokens = TokenStore(db: fixture.db)
            let mine = try await tokens.issue(.init(name: "区协调", role: .coordinator, scope: [district]), actor: "test").secret
            let theirs = try await tokens.issue(.init(name: "他区协调", role: .coordinator, scope: [other]), actor: "test").secret
            try await app.test(.router) { client in
                func post(_ uri: String, _ body: String, _ token: String?) async throws -> (HTTPResponse.Status, String) {
                    try await SessionAPITests.status(client, uri, .post, APITests.auth(token), body: body)
                }
                #expect(try await post("/v1/venues/\(cafe)/close", #"{"on": "2026-11-30"}"#, mine).0 == .unprocessableContent, "a reason is required")
                #expect(try await post("/v1/venues/\(cafe)/close", #"{"reason": "x", "on": "2999-01-01"}"#, mine).0 == .unprocessableContent)
                let (refused, why) = try await post("/v1/venues/\(cafe)/close", #"{"reason": "歇业"}"#, theirs)
                #expect(refused == .forbidden && why.contains(other), "\(why)")
                #expect(try await post("/v1/venues/\(cafe)/close", #"{"reason": "歇业"}"#, fixture.tokens[.leader]).0 == .forbidden)
                let (closed, body) = try await post("/v1/venues/\(cafe)/close", #"{"reason": "经营者申请歇业", "on": "2026-11-30"}"#, mine)
                #expect(closed == .ok && body.contains("venue_closed"), "\(body)")
                #expect(try await post("/v1/venues/\(cafe)/close", #"{"reason": "again"}"#, mine).0 == .conflict)
                #expect(try await post("/v1/venues/\(cafe)/reopen", #"{"reason": "恢复营业"}"#, mine).0 == .ok)

                let licence = try #require(try await Self.detail(client, mine, cafe).licences.first?.id)
                #expect(try await post("/v1/licences/\(licence)/status", #"{"status": "revoked", "until": "2027-01-01", "reason": "x"}"#, mine).0
                        == .unprocessableContent, "only suspensions end")
                #expect(try await post("/v1/licences/\(licence)/status", #"{"status": "revoked", "reason": "吊销"}"#, mine).0 == .ok)
                let (final, finalWhy) = try await post("/v1/licences/\(licence)/status", #"{"status": "valid", "reason": "恢复"}"#, mine)
                #expect(final == .conflict && finalWhy.contains("final"), "\(finalWhy)")
                #expect(try await post("/v1/licences/999999/status", #"{"status": "valid", "reason": "x"}"#, mine).0 == .notFound)
            }
            let audited = try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM audit_log WHERE action LIKE 'registry.%' AND reason IS NOT NULL")
            #expect(audited == 3)
        }
    }

    @Test func theEventFeedPagesInCommitOrderWithinScope() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await Self.venue(fixture.db, licensed: true)
            let district = try await SigninCodeAPITests.strings(fixture.db, "SELECT j.code FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id WHERE v.id = \(cafe)")[0]
            let other = try await SigninCodeAPITests.strings(fixture.db, "SELECT code FROM jurisdiction WHERE level = 'district' AND code <> '\(district)' LIMIT 1")[0]
            let theirs = try await TokenStore(db: fixture.db).issue(.init(name: "他区协调", role: .coordinator, scope: [other]), actor: "test").secret
            try await app.test(.router) { client in
                func page(_ after: String?, _ token: String?) async throws -> EventPage {
                    try await client.execute(uri: "/v1/events" + (after.map { "?after=\($0)" } ?? ""), method: .get, headers: APITests.auth(token)) {
                        try APITests.decode(EventPage.self, $0.body)
                    }
                }
                let start = try await page(nil, fixture.tokens[.admin]).next
                let caseId = try await Self.openCase(client, fixture, venue: cafe, code: "CAFE_MINOR_ADMITTED")
                let (status, body) = try await Self.decide(client, fixture.tokens[.admin], caseId, #"{"kinds": ["revocation"]}"#)
                #expect(status == .ok, "\(body)")
                _ = try await SessionAPITests.status(client, "/v1/venues/\(cafe)/close", .post, APITests.auth(fixture.tokens[.admin]),
                                                     body: #"{"reason": "吊销后停止经营"}"#)
                // Events show once every transaction that began writing before them has ended; other
                // tests seed whole cities in one transaction beside this one, so wait for them.
                var fresh = try await page(start, fixture.tokens[.admin])
                let deadline = Date().addingTimeInterval(60)
                while fresh.events.count < 4, Date() < deadline {
                    try await Task.sleep(for: .milliseconds(250))
                    fresh = try await page(start, fixture.tokens[.admin])
                }
                try #require(fresh.events.map(\.kind) == ["case.opened", "licence.revoked", "case.decide", "venue.closed"], "\(fresh.events.map(\.kind))")
                #expect(fresh.events.allSatisfy { $0.jurisdiction == district })
                #expect(fresh.events[0].payload["violation_code"] == "CAFE_MINOR_ADMITTED" && fresh.events[0].objectId == String(caseId))
                #expect(fresh.events[2].payload["decision"] == "revocation" && fresh.events[1].payload["case_id"] == String(caseId))
                #expect(Set(fresh.events.map(\.eventId)).count == 4)
                let again = try await page(fresh.next, fixture.tokens[.admin])
                #expect(again.events.isEmpty && again.next == fresh.next, "nothing twice; the cursor stays")
                #expect(try await page(start, theirs).events.isEmpty, "another district's coordinator hears nothing of it")
                #expect(try await page(start, fixture.tokens[.coordinator]).events.count == 4, "the city's coordinator does")
                let (bad, why) = try await SessionAPITests.status(client, "/v1/events?after=yesterday", .get, APITests.auth(fixture.tokens[.admin]))
                #expect(bad == .unprocessableContent && why.contains("after"), "\(why)")
                #expect(try await SessionAPITests.status(client, "/v1/events", .get, APITests.auth(fixture.tokens[.leader])).0 == .forbidden)
            }
        }
    }

    @Test func aTipClosedWithoutACaseSendsItsFeedbackOnTheFeed() async throws {
        try await APITests.withSeededApp { app, fixture in
            let admin = fixture.tokens[.admin]
            try await app.test(.router) { client in
                let intake = """
                    {"channel": "12355", "channel_reference": "GQ-2026-0042", "received_at": "\(ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3600)))",
                     "text": "网吧疑似接纳未成年人"}
                    """
                let tip = try await client.execute(uri: "/v1/tips", method: .post, headers: APITests.auth(admin), body: ByteBuffer(string: intake)) {
                    try APITests.decode(TipRecord.self, $0.body)
                }
                let start = try await client.execute(uri: "/v1/events", method: .get, headers: APITests.auth(admin)) { try APITests.decode(EventPage.self, $0.body) }.next
                func close(_ body: String) async throws -> (HTTPResponse.Status, String) {
                    try await SessionAPITests.status(client, "/v1/tips/\(tip.id)/close", .post, APITests.auth(admin), body: body)
                }
                #expect(try await close(#"{"outcome": "unfounded", "feedback": "   "}"#).0 == .unprocessableContent)
                let (status, body) = try await close(#"{"outcome": "unfounded", "feedback": "经核查，该网吧未发现接纳未成年人。"}"#)
                #expect(status == .ok && body.contains("\"status\":\"unfounded\""), "\(body)")
                #expect(try await close(#"{"outcome": "closed", "feedback": "again"}"#).0 == .conflict)
                var closed: DomainEvent?
                let deadline = Date().addingTimeInterval(60)
                while closed == nil, Date() < deadline {
                    let page = try await client.execute(uri: "/v1/events" + (start.map { "?after=\($0)" } ?? ""), method: .get, headers: APITests.auth(admin)) {
                        try APITests.decode(EventPage.self, $0.body)
                    }
                    closed = page.events.first { $0.kind == "tip.closed" && $0.objectId == String(tip.id) }
                    if closed == nil { try await Task.sleep(for: .milliseconds(250)) }
                }
                let event = try #require(closed)
                #expect(event.payload["channel"] == "12355" && event.payload["channel_reference"] == "GQ-2026-0042")
                #expect(event.payload["feedback"] == "经核查，该网吧未发现接纳未成年人。" && event.payload["outcome"] == "unfounded")
            }
        }
    }

    @Test func inspectorsLeaveAndRejoinTheRosterWithAReason() async throws {
        try await APITests.withSeededApp { app, fixture in
            let rows = try await SigninCodeAPITests.strings(fixture.db, """
                SELECT i.code || ' ' || j.code FROM inspector i JOIN jurisdiction j ON j.id = i.jurisdiction_id WHERE i.active ORDER BY i.id LIMIT 1
                """)[0].split(separator: " ").map(String.init)
            let (officer, district) = (rows[0], rows[1])
            let other = try await SigninCodeAPITests.strings(fixture.db, "SELECT code FROM jurisdiction WHERE level = 'district' AND code <> '\(district)' LIMIT 1")[0]
            let tokens = TokenStore(db: fixture.db)
            let mine = try await tokens.issue(.init(name: "区协调", role: .coordinator, scope: [district]), actor: "test").secret
            let theirs = try await tokens.issue(.init(name: "他区协调", role: .coordinator, scope: [other]), actor: "test").secret
            try await app.test(.router) { client in
                func post(_ body: String, _ token: String) async throws -> (HTTPResponse.Status, String) {
                    try await SessionAPITests.status(client, "/v1/inspectors/\(officer)/status", .post, APITests.auth(token), body: body)
                }
                let s1 = try await post(#"{"active": false}"#, mine).0
                #expect(s1 == .unprocessableContent, "a reason is required")
                let s2 = try await post(#"{"reason": "x"}"#, mine).0
                #expect(s2 == .unprocessableContent, "something must change")
                let s3 = try await post(#"{"active": false, "reason": "调离"}"#, theirs).0
                #expect(s3 == .forbidden)
                let s4 = try await post(#"{"department": "NOPE", "reason": "x"}"#, mine).0
                #expect(s4 == .unprocessableContent)
                let s5 = try await post(#"{"active": false, "reason": "长期病假"}"#, mine).0
                #expect(s5 == .ok)
                let s6 = try await post(#"{"active": false, "reason": "again"}"#, mine).0
                #expect(s6 == .conflict)
                #expect(try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM inspector WHERE code = '\(officer)' AND NOT active") == 1)
                let s7 = try await post(#"{"active": true, "reason": "病愈返岗"}"#, mine).0
                #expect(s7 == .ok)
            }
            #expect(try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM audit_log WHERE action = 'inspector.status'") == 2)
        }
    }

    @Test func dispatchingAndFinishingAPlanReachTheFeed() async throws {
        try await APITests.withSeededApp { app, fixture in
            let admin = fixture.tokens[.admin]
            try await app.test(.router) { client in
                let district = try await PlanningAPITests.district(fixture.db).code
                let (_, plan) = try await PlanningAPITests.createPlan(client, token: admin, spec: PlanningAPITests.spec(district: district, days: 1,
                                                                                                                   kinds: [.licensedCafe]))
                for step in ["approve", "dispatch", "done"] {
                    let (status, body) = try await SessionAPITests.status(client, "/v1/plans/\(plan.planId)/\(step)", .post, APITests.auth(admin), body: "{}")
                    #expect(status == .ok, "\(step): \(body)")
                }
                var kinds: [String] = []
                for try await (kind, planId) in try await fixture.db.query("""
                    SELECT kind, payload ->> 'plan_id' FROM domain_event WHERE object_type = 'plan' AND object_id = \(String(plan.planId)) ORDER BY id
                    """).decode((String, String?).self) {
                    kinds.append(kind)
                    #expect(planId == String(plan.planId))
                }
                #expect(kinds == ["plan.dispatched", "plan.done"], "\(kinds)")
            }
        }
    }
}
