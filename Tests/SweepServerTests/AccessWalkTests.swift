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

/// Every declared route × every role × {in scope, out of scope, other department}, on the small
/// demo city, against what `AccessPolicy` decides for that cell: allowed (anything but 401/403/404),
/// hidden (404) or refused (403). A route without a probe here, or without a permission, fails.
@Suite struct AccessWalkTests {
    enum Situation: String, CaseIterable, Sendable { case inScope = "in scope", outOfScope = "out of scope", otherDepartment = "other department" }

    /// What the walk needs: one of each thing in the caller's district (D) for their department
    /// (CUL), one in another district (O), and one in D for another department (TOB).
    struct World: Sendable {
        var d: String, o: String
        var pathD: [String], pathO: [String]
        var officerD: (id: Int64, code: String), officerO: (id: Int64, code: String), tobOfficerD: (id: Int64, code: String)
        var cafeD: (id: Int64, code: String), cafeO: (id: Int64, code: String), shopD: (id: Int64, code: String)
        var inspections: [Situation: Int64] = [:], cases: [Situation: Int64] = [:], evidence: [Situation: String] = [:]
        var tips: [Situation: Int64] = [:], campaigns: [Situation: Int64] = [:], plans: [Situation: Int64] = [:]
        var tokens: [Role: String] = [:], principals: [Role: Principal] = [:]
        /// Inspector principals a sign-in code may be asked for: in D (CUL), in O, in D (TOB).
        var signinTargets: [Situation: Int64] = [:]
        /// A paired phone (browser session) of each of those inspectors.
        var devices: [Situation: Int64] = [:]
        /// A licence of each situation's venue.
        var licences: [Situation: Int64] = [:]
    }

    struct Probe: Sendable {
        var uri: [Situation: String]
        var body: [Situation: String] = [:]
        var contentType = "application/json"
        /// The route has no single target: only the role check applies.
        var targetless = false
        /// Batches answer 200 and report each item: the first item's status counts.
        var firstItemStatus = false
    }

    static var iso: ISO8601DateFormatter { ISO8601DateFormatter() }

    static func submission(venue: Int64, department: String, code: String?, evidence: String? = nil) -> String {
        let at = Date().addingTimeInterval(-3600)
        let violations = code.map { "[{\"code\": \"\($0)\"}]" } ?? "[]"
        let ev = evidence.map { "[\"\($0)\"]" } ?? "[]"
        return """
            {"submission_id": "@UUID@", "venue_id": \(venue), "origin": "RANDOM", "unplanned_reason": "access walk",
             "arrived_at": "\(iso.string(from: at))", "departed_at": "\(iso.string(from: at.addingTimeInterval(600)))", "outcome": "inspected",
             "findings": [{"department": "\(department)", "facts": "walk", "violations": \(violations), "evidence": \(ev)}]}
            """
    }

    static func one<T: PostgresDecodable & Sendable>(_ db: Database, _ sql: String, _ type: T.Type) async throws -> T {
        var found: T?
        for try await value in try await db.query(PostgresQuery(unsafeSQL: sql)).decode(T.self) { found = value }
        guard let found else { throw SweepError.notFound(sql) }
        return found
    }

    static func pair(_ db: Database, _ sql: String) async throws -> (Int64, String) {
        var found: (Int64, String)?
        for try await value in try await db.query(PostgresQuery(unsafeSQL: sql)).decode((Int64, String).self) { found = value }
        guard let found else { throw SweepError.notFound(sql) }
        return found
    }

    static func makeWorld(_ app: some ApplicationProtocol, _ fixture: APITests.Fixture) async throws -> World {
        let db = fixture.db
        let d = try await one(db, "SELECT code FROM jurisdiction WHERE level = 'district' ORDER BY code LIMIT 1", String.self)
        let o = try await one(db, "SELECT code FROM jurisdiction WHERE level = 'district' AND code <> '\(d)' ORDER BY code LIMIT 1", String.self)
        let pathD = try await one(db, "SELECT jurisdiction_path(id) FROM jurisdiction WHERE code = '\(d)'", [String].self)
        let pathO = try await one(db, "SELECT jurisdiction_path(id) FROM jurisdiction WHERE code = '\(o)'", [String].self)
        func officer(_ dept: String, _ district: String) async throws -> (Int64, String) {
            try await pair(db, """
                SELECT i.id, i.code FROM inspector i JOIN jurisdiction j ON j.id = i.jurisdiction_id
                WHERE i.department_code = '\(dept)' AND j.code = '\(district)' AND i.active ORDER BY i.id LIMIT 1
                """)
        }
        func venue(_ kind: String, _ district: String) async throws -> (Int64, String) {
            try await pair(db, """
                SELECT v.id, v.code FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
                WHERE v.kind = '\(kind)' AND v.licensed AND v.location IS NOT NULL AND j.code = '\(district)' ORDER BY v.id LIMIT 1
                """)
        }
        var w = World(d: d, o: o, pathD: pathD, pathO: pathO, officerD: try await officer("CUL", d), officerO: try await officer("CUL", o),
                      tobOfficerD: try await officer("TOB", d), cafeD: try await venue("internet_cafe", d), cafeO: try await venue("internet_cafe", o),
                      shopD: try await venue("tobacco_retail", d))

        let store = TokenStore(db: db)
        let requests: [Role: TokenStore.Request] = [
            .admin: .init(name: "walk admin", role: .admin),
            .coordinator: .init(name: "walk coordinator", role: .coordinator, scope: [d]),
            .inspector: .init(name: "walk inspector", role: .inspector, department: .culture, scope: [d], inspectorCode: w.officerD.code),
            .handler: .init(name: "walk handler", role: .handler, department: .culture, scope: [d]),
            .leader: .init(name: "walk leader", role: .leader, scope: [d]),
        ]
        for (role, request) in requests {
            let issued = try await store.issue(request, actor: "test")
            w.tokens[role] = issued.secret
            w.principals[role] = try await store.authenticate(secret: issued.secret)
        }
        for (situation, district, department, officer) in [(Situation.inScope, d, DepartmentCode.culture, w.officerD.code),
                                                           (.outOfScope, o, .culture, w.officerO.code), (.otherDepartment, d, .tobacco, w.tobOfficerD.code)] {
            let issued = try await store.issue(.init(name: "walk field \(situation.rawValue)", role: .inspector, department: department, scope: [district],
                                                     inspectorCode: officer), actor: "test")
            w.signinTargets[situation] = issued.principal.id
            let sessions = SessionStore(db: db)
            let code = try await sessions.issueCode(principalId: issued.principal.id, lifetime: 600, actor: "test").code
            w.devices[situation] = try await sessions.signIn(code: code, userAgent: "walk phone").sessionId
        }
        for (situation, venue) in [(Situation.inScope, w.cafeD), (.outOfScope, w.cafeO), (.otherDepartment, w.shopD)] {
            w.licences[situation] = try await one(db, "SELECT min(id) FROM licence WHERE venue_id = \(venue.0)", Int64.self)
        }
        let admin = w.tokens[.admin]
        let base = w
        w = try await app.test(.router) { client in
            var w = base
            func post(_ uri: String, _ body: String, type: String = "application/json") async throws -> ByteBuffer {
                var headers = APITests.auth(admin)
                headers[.contentType] = type
                return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { r in
                    #expect(r.status.code < 300, "\(uri): \(String(buffer: r.body))")
                    return r.body
                }
            }
            let places: [(Situation, (Int64, String), String, String)] = [
                (.inScope, w.cafeD, "CUL", "CAFE_NO_MINOR_SIGN"), (.outOfScope, w.cafeO, "CUL", "CAFE_NO_MINOR_SIGN"),
                (.otherDepartment, w.shopD, "TOB", "TOBACCO_NO_SIGN"),
            ]
            for (n, (situation, venue, dept, code)) in places.enumerated() {
                var headers = APITests.auth(admin)
                headers[.contentType] = "image/jpeg"
                let photo = ByteBuffer(bytes: [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: UInt8(40 + n), count: 300))
                let stored = try await client.execute(uri: "/v1/evidence", method: .post, headers: headers, body: photo) {
                    try APITests.decode(StoredEvidence.self, $0.body)
                }
                w.evidence[situation] = stored.sha256
                let filed = submission(venue: venue.0, department: dept, code: code, evidence: stored.sha256)
                let result = try APITests.decode(SubmissionResult.self, try await post("/v1/submissions",
                                                                                        filed.replacingOccurrences(of: "@UUID@", with: UUID().uuidString)))
                w.inspections[situation] = result.inspectionId
                w.cases[situation] = try #require(result.findings.first?.violations.first?.caseId)
                let tip = try APITests.decode(TipRecord.self, try await post("/v1/tips", """
                    {"channel": "12345", "received_at": "\(iso.string(from: Date().addingTimeInterval(-7200)))", "text": "有未成年人上网",
                     "venue_code": "\(venue.1)", "department": "\(dept)"}
                    """))
                w.tips[situation] = tip.id
            }
            for (situation, district) in [(Situation.inScope, d), (.outOfScope, o)] {
                var settings = CampaignSettings(timeLimitSeconds: 2)
                settings.randomDraw = ["licensed_cafe": 0.5]
                let (campaign, plan) = try await PlanningAPITests.createPlan(client, token: admin,
                                                                             spec: PlanningAPITests.spec(district: district, days: 1, kinds: [.licensedCafe],
                                                                                                         mode: .mixed, settings: settings))
                w.campaigns[situation] = campaign.id
                w.plans[situation] = plan.planId
                _ = try await post("/v1/plans/\(plan.planId)/approve", "")
                _ = try await post("/v1/plans/\(plan.planId)/dispatch", "")
            }
            w.campaigns[.otherDepartment] = w.campaigns[.inScope]
            w.plans[.otherDepartment] = w.plans[.inScope]
            return w
        }
        // The walk's inspector is on a dispatched sweep of the plan in their district.
        try await db.query(PostgresQuery(unsafeSQL: """
            INSERT INTO sweep_member (sweep_id, inspector_id)
            SELECT id, \(w.officerD.id) FROM sweep WHERE plan_id = \(w.plans[.inScope]!) AND status = 'dispatched' ORDER BY id LIMIT 1
            ON CONFLICT DO NOTHING
            """))
        return w
    }

    /// The policy's view of each situation, for the walk's principals.
    static func target(_ w: World, _ situation: Situation) -> AccessTarget {
        switch situation {
        case .inScope: AccessTarget(name: "in", places: [w.pathD], departments: [.culture], sweepMembers: [w.officerD.id], dispatched: true, role: .inspector)
        case .outOfScope: AccessTarget(name: "out", places: [w.pathO], departments: [.culture], sweepMembers: [w.officerO.id], dispatched: true, role: .inspector)
        case .otherDepartment: AccessTarget(name: "other", places: [w.pathD], departments: [.tobacco], sweepMembers: [w.officerD.id], dispatched: true, role: .inspector)
        }
    }

    static func same(_ uri: String) -> [Situation: String] { Dictionary(uniqueKeysWithValues: Situation.allCases.map { ($0, uri) }) }
    static func each(_ make: (Situation) -> String) -> [Situation: String] { Dictionary(uniqueKeysWithValues: Situation.allCases.map { ($0, make($0)) }) }

    static func probes(_ w: World) -> [String: Probe] {
        let month = String(ISODay.format(Date()).prefix(7))
        let plan = { (suffix: String) in Probe(uri: each { "/v1/plans/\(w.plans[$0]!)\(suffix)" }) }
        let officers: [Situation: (Int64, String)] = [.inScope: w.officerD, .outOfScope: w.officerO, .otherDepartment: w.tobOfficerD]
        let venues: [Situation: (Int64, String)] = [.inScope: w.cafeD, .outOfScope: w.cafeO, .otherDepartment: w.shopD]
        let districts: [Situation: String] = [.inScope: w.d, .outOfScope: w.o, .otherDepartment: w.d]
        let submissionBody = each { s in
            submission(venue: (s == .outOfScope ? w.cafeO : w.cafeD).0, department: s == .otherDepartment ? "TOB" : "CUL", code: nil)
        }
        let roster = { (suffix: String, body: String) in
            Probe(uri: each { "/v1/inspectors/\(officers[$0]!.1)/\(suffix)" }, body: same(body))
        }
        func campaignSpec(_ district: String) -> String {
            String(decoding: try! WireCoding.encoder().encode(PlanningAPITests.spec(district: district, days: 1, kinds: [.licensedCafe])), as: UTF8.self)
        }
        return [
            "GET /v1/me": Probe(uri: same("/v1/me"), targetless: true),
            "GET /v1/session": Probe(uri: same("/v1/session"), targetless: true),
            "POST /v1/session/end": Probe(uri: same("/v1/session/end"), targetless: true),
            "GET /v1/devices": Probe(uri: same("/v1/devices"), targetless: true),
            // The first allowed call signs the phone out; later ones are a conflict (409), still allowed.
            "POST /v1/devices/{id}/end": Probe(uri: each { "/v1/devices/\(w.devices[$0]!)/end" }, body: same(#"{"reason": "walk"}"#)),
            "POST /v1/signin-codes": Probe(uri: same("/v1/signin-codes"), body: each { "{\"principal_id\": \(w.signinTargets[$0]!)}" }),
            "GET /v1/jurisdictions": Probe(uri: same("/v1/jurisdictions"), targetless: true),
            "GET /v1/departments": Probe(uri: same("/v1/departments"), targetless: true),
            "GET /v1/violation-types": Probe(uri: same("/v1/violation-types"), targetless: true),
            "GET /v1/audit": Probe(uri: same("/v1/audit"), targetless: true),
            "GET /v1/venues": Probe(uri: same("/v1/venues"), targetless: true),
            "GET /v1/venues/{id}": Probe(uri: each { "/v1/venues/\(venues[$0]!.0)" }),
            // Reopening a venue that is open is a conflict (409) once allowed: the walk changes nothing.
            "POST /v1/venues/{id}/reopen": Probe(uri: each { "/v1/venues/\(venues[$0]!.0)/reopen" }, body: same(#"{"reason": "walk"}"#)),
            "POST /v1/venues/{id}/close": Probe(uri: each { "/v1/venues/\(venues[$0]!.0)/close" }, body: same(#"{"reason": "walk", "on": "2999-01-01"}"#)),
            "POST /v1/licences/{id}/status": Probe(uri: each { "/v1/licences/\(w.licences[$0]!)/status" },
                                                   body: same(#"{"status": "valid", "reason": "walk"}"#)),
            "GET /v1/events": Probe(uri: same("/v1/events"), targetless: true),
            // Allowed calls end in a conflict or a field error, so the walk registers nothing.
            "POST /v1/venues": Probe(uri: same("/v1/venues"), body: each {
                #"{"code": "\#(w.cafeD.code)", "kind": "internet_cafe", "name": "walk", "address": "walk", "district": "\#(districts[$0]!)", "licensed": true, "reason": "walk"}"#
            }),
            // An empty name is a field error once allowed: the walk registers nothing.
            "POST /v1/venues/suspected": Probe(uri: same("/v1/venues/suspected"), body: each {
                #"{"report_id": "6f1c2b9e-0d4a-4c55-8f1e-7a2b3c4d5e6f", "name": "", "location": {"longitude": 114.3, "latitude": 30.6}, "district": "\#(districts[$0]!)"}"#
            }),
            "POST /v1/venues/{id}/correct": Probe(uri: each { "/v1/venues/\(venues[$0]!.0)/correct" }, body: same(#"{"reason": "walk"}"#)),
            "POST /v1/venues/{id}/licences": Probe(uri: each { "/v1/venues/\(venues[$0]!.0)/licences" },
                                                   body: same(#"{"type": "network_culture", "number": "", "issuer": "CUL", "reason": "walk"}"#)),
            "POST /v1/schools": Probe(uri: same("/v1/schools"), body: each {
                #"{"code": "S-WALK", "name": "walk", "kind": "primary", "district": "\#(districts[$0]!)", "reason": "walk"}"#
            }),
            "POST /v1/campaigns": Probe(uri: same("/v1/campaigns"), body: each { campaignSpec(districts[$0]!) }),
            "GET /v1/campaigns": Probe(uri: same("/v1/campaigns"), targetless: true),
            "GET /v1/campaigns/{id}": Probe(uri: each { "/v1/campaigns/\(w.campaigns[$0]!)" }),
            // Its plan is out: an allowed close is a conflict (409) and closes nothing.
            "POST /v1/campaigns/{id}/close": Probe(uri: each { "/v1/campaigns/\(w.campaigns[$0]!)/close" }, body: same(#"{"reason": "walk"}"#)),
            "POST /v1/campaigns/{id}/plans": Probe(uri: each { "/v1/campaigns/\(w.campaigns[$0]!)/plans" },
                                                   body: same(#"{"seed": 3, "allow_unmet_quota": true, "max_iterations": 20}"#)),
            "GET /v1/plans": Probe(uri: same("/v1/plans"), targetless: true),
            "GET /v1/plans/{id}": plan(""),
            "GET /v1/plans/{id}/report": plan("/report"),
            "GET /v1/plans/{id}/progress": plan("/progress"),
            "GET /v1/campaigns/{id}/progress": Probe(uri: each { "/v1/campaigns/\(w.campaigns[$0]!)/progress" }),
            "GET /v1/plans/{id}/draw": plan("/draw"),
            "GET /v1/plans/{id}/plan.csv": plan("/plan.csv"),
            "GET /v1/plans/{id}/route-sheet.html": plan("/route-sheet.html"),
            "POST /v1/plans/{id}/approve": plan("/approve"),
            "POST /v1/plans/{id}/dispatch": plan("/dispatch"),
            "POST /v1/plans/{id}/done": Probe(uri: each { "/v1/plans/\(w.plans[$0]!)/done" }, body: same(#"{"sweep_ids": [1]}"#)),
            "POST /v1/plans/{id}/discard": Probe(uri: each { "/v1/plans/\(w.plans[$0]!)/discard" }, body: same(#"{"reason": "walk"}"#)),
            "POST /v1/plans/{id}/repair": Probe(uri: each { "/v1/plans/\(w.plans[$0]!)/repair" },
                                                body: same(#"{"closed_venues": ["NO-SUCH-VENUE"], "reason": "walk"}"#)),
            "GET /v1/calendar.ics": Probe(uri: each { "/v1/calendar.ics?inspector=\(($0 == .outOfScope ? w.officerO : w.officerD).id)" }),
            "GET /v1/inspectors": Probe(uri: same("/v1/inspectors"), targetless: true),
            "POST /v1/inspectors/{code}/unavailability": roster("unavailability", #"{"from": "2030-01-01", "to": "2030-01-01", "reason": "walk"}"#),
            "POST /v1/inspectors/{code}/conflicts": roster("conflicts", "{\"venue_code\": \"\(w.cafeD.1)\", \"note\": \"walk\"}"),
            "POST /v1/inspectors/{code}/status": roster("status", #"{"active": true, "reason": "walk"}"#),
            "POST /v1/inspectors/{code}/limits": roster("limits", #"{"max_shifts_per_week": 5, "reason": "walk"}"#),
            "POST /v1/inspectors/{code}/credential": roster("credential", #"{"credential_expires": "2030-01-01", "reason": "walk"}"#),
            "POST /v1/submissions": Probe(uri: same("/v1/submissions"), body: submissionBody),
            "POST /v1/submissions/batch": Probe(uri: same("/v1/submissions/batch"), body: submissionBody.mapValues { "{\"items\": [\($0)]}" },
                                                firstItemStatus: true),
            "POST /v1/evidence": Probe(uri: same("/v1/evidence"), body: same("\u{FF}\u{D8}\u{FF}walk-photo"), contentType: "image/jpeg", targetless: true),
            "GET /v1/evidence/{sha256}": Probe(uri: each { "/v1/evidence/\(w.evidence[$0]!)" }),
            "GET /v1/inspections/{id}": Probe(uri: each { "/v1/inspections/\(w.inspections[$0]!)" }),
            "POST /v1/inspections/{id}/findings": Probe(uri: each { "/v1/inspections/\(w.inspections[$0 == .otherDepartment ? .inScope : $0]!)/findings" },
                                                        body: each { "{\"department\": \"\($0 == .otherDepartment ? "TOB" : "CUL")\", \"facts\": \"walk\", \"violations\": []}" }),
            "GET /v1/cases": Probe(uri: same("/v1/cases"), targetless: true),
            "GET /v1/cases/{id}": Probe(uri: each { "/v1/cases/\(w.cases[$0]!)" }),
            "POST /v1/cases/{id}/actions": Probe(uri: each { "/v1/cases/\(w.cases[$0]!)/actions" }, body: same(#"{"action": "deliver", "reason": "walk"}"#)),
            "POST /v1/tips": Probe(uri: same("/v1/tips"), body: each { s in
                """
                {"channel": "12345", "received_at": "\(iso.string(from: Date().addingTimeInterval(-600)))", "text": "walk",
                 "venue_code": "\(venues[s]!.1)", "department": "\(s == .otherDepartment ? "TOB" : "CUL")"}
                """ }),
            "GET /v1/tips": Probe(uri: same("/v1/tips"), targetless: true),
            "POST /v1/tips/{id}/close": Probe(uri: each { "/v1/tips/\(w.tips[$0]!)/close" }, body: same(#"{"outcome": "unfounded", "feedback": "walk"}"#)),
            "POST /v1/tips/{id}/triage": Probe(uri: each { "/v1/tips/\(w.tips[$0]!)/triage" }, body: each { "{\"venue_code\": \"\(venues[$0]!.1)\"}" }),
            "GET /v1/heatmap": Probe(uri: same("/v1/heatmap?from=2024-01&to=\(month)"), targetless: true),
            "GET /v1/heatmap/near-repeat": Probe(uri: same("/v1/heatmap/near-repeat?from=2026-06&to=\(month)&permutations=99"), targetless: true),
            "GET /v1/heatmap/offenders": Probe(uri: same("/v1/heatmap/offenders?from=2024-01&to=\(month)"), targetless: true),
            "GET /v1/reports/compliance": Probe(uri: same("/v1/reports/compliance?from=2025-01-01&to=2026-01-01"), targetless: true),
            "GET /v1/reports/departments": Probe(uri: same("/v1/reports/departments?from=2025-01-01&to=2026-01-01"), targetless: true),
            "GET /v1/reports/progress": Probe(uri: each { "/v1/reports/progress?campaign=\(w.campaigns[$0]!)" }),
            "GET /dashboard": Probe(uri: same("/dashboard"), targetless: true),
            "GET /brief": Probe(uri: each { "/brief?campaign=\(w.campaigns[$0]!)" }),
        ]
    }

    static let publicRoutes: Set<String> = ["GET /healthz", "GET /readyz", "GET /openapi.yaml", "GET /heatmap", "GET /signin", "GET /assets/{name}",
                                            "POST /v1/session", "GET /app", "GET /app/sw.js", "GET /app/manifest.webmanifest"]

    /// Routes for machines, with a credential of their own (MetricsAPITests walks it: loopback, token, role tokens).
    static let machineRoutes: Set<String> = ["GET /metrics"]

    @Test func everyRouteRoleAndScopeAnswersAsThePolicySays() async throws {
        try await APITests.withSeededApp { app, fixture in
            let w = try await Self.makeWorld(app, fixture)
            let (_, declarations) = buildRouter(try AppServices(db: fixture.db, settings: .init()))
            let probes = Self.probes(w)
            let cells = try await app.test(.router) { client in
                var cells = 0
                for declaration in declarations {
                    let key = "\(declaration.method) \(declaration.path)"
                    guard let permission = declaration.permission else {
                        if declaration.guardedBy != nil {
                            #expect(Self.machineRoutes.contains(key), "\(key) has a credential of its own but is not listed")
                        } else {
                            #expect(Self.publicRoutes.contains(key), "\(key) is public but not listed as public")
                        }
                        continue
                    }
                    guard let probe = probes[key] else { Issue.record("\(key) has no probe in the access walk"); continue }
                    for role in AccessMatrixDocument.roles {
                        let principal = try #require(w.principals[role])
                        for situation in Situation.allCases {
                            let expected: AccessDecision = AccessPolicy.rule(permission, for: role) == nil || probe.targetless
                                ? AccessPolicy.admit(principal, permission)
                                : AccessPolicy.decide(principal, permission, Self.target(w, situation))
                            var headers = APITests.auth(w.tokens[role])
                            headers[.contentType] = probe.contentType
                            // Each request files a new visit (the same id again would be answered as a retry).
                            let body = probe.body[situation].map { ByteBuffer(string: $0.replacingOccurrences(of: "@UUID@", with: UUID().uuidString)) }
                            let (status, text) = try await client.execute(uri: probe.uri[situation]!, method: declaration.method == "GET" ? .get : .post,
                                                                          headers: headers, body: body) { r in
                                var status = Int(r.status.code)
                                if probe.firstItemStatus, status == 200,
                                   let answer = try? APITests.decode(BatchResponse.self, r.body), let first = answer.results.first {
                                    status = first.status
                                }
                                return (status, String(buffer: r.body).prefix(300))
                            }
                            let cell = "\(key) as \(role.rawValue), \(situation.rawValue)"
                            switch expected {
                            case .allow: #expect(![401, 403, 404].contains(status), "\(cell): expected allowed, got \(status) \(text)")
                            case .hide: #expect(status == 404, "\(cell): expected 404, got \(status) \(text)")
                            case .refuse: #expect(status == 403, "\(cell): expected 403, got \(status) \(text)")
                            }
                            cells += 1
                            if probe.targetless { break }
                        }
                    }
                }
                return cells
            }
            #expect(cells > 300)

            // Lists hold only what the caller may see.
            try await app.test(.router) { client in
                func get<T: Decodable>(_ uri: String, _ role: Role, _ type: T.Type) async throws -> T {
                    try await client.execute(uri: uri, method: .get, headers: APITests.auth(w.tokens[role])) { try APITests.decode(T.self, $0.body) }
                }
                for role in [Role.coordinator, .leader, .handler] {
                    let ids = Set(try await get("/v1/cases?limit=5000", role, [CaseSummary].self).map(\.caseId))
                    #expect(ids.contains(w.cases[.inScope]!) && !ids.contains(w.cases[.outOfScope]!), "\(role) cases")
                    #expect(ids.contains(w.cases[.otherDepartment]!) == (role != .handler), "\(role) cases of another department")
                }
                for role in [Role.coordinator, .handler] {
                    let ids = Set(try await get("/v1/tips?limit=1000", role, [TipRecord].self).map(\.id))
                    #expect(ids.contains(w.tips[.inScope]!) && !ids.contains(w.tips[.outOfScope]!), "\(role) tips")
                    #expect(ids.contains(w.tips[.otherDepartment]!) == (role == .coordinator), "\(role) tips routed elsewhere")
                }
                for role in [Role.coordinator, .leader] {
                    let campaigns = Set(try await get("/v1/campaigns", role, [CampaignRecord].self).map(\.id))
                    #expect(campaigns.contains(w.campaigns[.inScope]!) && !campaigns.contains(w.campaigns[.outOfScope]!), "\(role) campaigns")
                    let plans = Set(try await get("/v1/plans", role, [PlanSummary].self).map(\.planId))
                    #expect(plans.contains(w.plans[.inScope]!) && !plans.contains(w.plans[.outOfScope]!), "\(role) plans")
                }
                let roster = Set(try await get("/v1/inspectors", .coordinator, [RosterEntry].self).map(\.code))
                #expect(roster.contains(w.officerD.code) && !roster.contains(w.officerO.code))
                let offenders = try await get("/v1/heatmap/offenders?from=2024-01&to=\(String(ISODay.format(Date()).prefix(7)))", .leader, OffenderReport.self)
                #expect(offenders.repeatOperators.isEmpty && offenders.suppressedBelow == HeatMapPolicy.leadershipSuppression)
                #expect(offenders.repeatVenues.allSatisfy { $0.violations >= HeatMapPolicy.leadershipSuppression })
            }
            // Who filed a visit is recorded, and the inspector's visit outside their district was not stored.
            let inspector = try #require(w.principals[.inspector]).id
            #expect(try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM inspection WHERE submitted_by = \(inspector) AND venue_id = \(w.cafeD.0)") >= 1)
            #expect(try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM inspection WHERE submitted_by = \(inspector) AND venue_id <> \(w.cafeD.0)") == 0)
        }
    }
}
