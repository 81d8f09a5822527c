import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import SweepAPI
import SweepCore
import SweepStore
import TestSupport
@testable import SweepServer

/// Campaign → plan → approve → dispatch → repair through the HTTP API on the small demo city.
@Suite struct PlanningAPITests {
    typealias Fixture = APITests.Fixture

    static func day(_ offset: Int) -> String {
        ISODay.format(ISODay.parse(CampaignClock.today())!.addingTimeInterval(Double(offset) * 86_400))
    }

    static func json<T: Encodable>(_ value: T) throws -> ByteBuffer {
        ByteBuffer(bytes: try WireCoding.encoder().encode(value))
    }

    /// The demo city's code and the codes of its inspectors by department (the small city has one
    /// officer per department and district, so only the whole city can staff joint teams).
    static func district(_ db: Database) async throws -> (code: String, inspectors: [String: [String]]) {
        var code = ""
        for try await c in try await db.query("SELECT code FROM jurisdiction WHERE level = 'city' ORDER BY code LIMIT 1").decode(String.self) { code = c }
        var byDept: [String: [String]] = [:]
        for try await (i, d) in try await db.query("""
            SELECT i.code, i.department_code FROM inspector i ORDER BY i.code
            """).decode((String, String).self) { byDept[d, default: []].append(i) }
        return (code, byDept)
    }

    /// The first Monday at least a week ahead: the demo's tobacco shifts run on weekdays only, so a
    /// campaign of up to five days starting then is staffed whatever day the tests run (a Friday
    /// run once planned a weekend and found no tobacco team).
    static var firstDay: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let weekday = calendar.component(.weekday, from: ISODay.parse(CampaignClock.today())!)  // 1 Sunday … 7 Saturday
        return 7 + (9 - weekday) % 7
    }

    static func spec(district: String, days: Int = 3, kinds: [TargetKind] = TargetKind.allCases, mode: SelectionMode = .risk,
                     settings: CampaignSettings = CampaignSettings(timeLimitSeconds: 2)) -> CampaignSpec {
        CampaignSpec(name: "测试行动 test sweep", jurisdictions: [district], startsOn: day(firstDay), endsOn: day(firstDay + days - 1),
                     targetKinds: kinds, selectionMode: mode, settings: settings)
    }

    static func createPlan(_ client: some TestClientProtocol, token: String?, spec: CampaignSpec, seed: UInt64 = 7,
                           allowUnmet: Bool = true) async throws -> (CampaignRecord, PlanSummary) {
        let campaign = try await client.execute(uri: "/v1/campaigns", method: .post, headers: APITests.auth(token), body: try json(spec)) { r in
            #expect(r.status == .created)
            return try APITests.decode(CampaignRecord.self, r.body)
        }
        let plan = try await client.execute(uri: "/v1/campaigns/\(campaign.id)/plans", method: .post, headers: APITests.auth(token),
                                            body: try json(PlanCreateRequest(seed: seed, allowUnmetQuota: allowUnmet, maxIterations: 300))) { r in
            #expect(r.status == .created, "\(String(buffer: r.body))")
            return try APITests.decode(PlanSummary.self, r.body)
        }
        return (campaign, plan)
    }

    @Test func planLifecycleSealingAndOutputs() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, _) = try await Self.district(fixture.db)
            let coordinator = fixture.tokens[.coordinator], inspector = fixture.tokens[.inspector]
            try await app.test(.router) { client in
                let (_, plan) = try await Self.createPlan(client, token: coordinator, spec: Self.spec(district: district))
                #expect(plan.status == "draft")
                #expect(plan.stops > 0 && plan.sweeps > 0)
                #expect(plan.report.upperBound >= plan.report.objective - 1e-6)

                // A coordinator sees the sealed plan, and the view is logged.
                let view = try await client.execute(uri: "/v1/plans/\(plan.planId)", method: .get, headers: APITests.auth(coordinator)) { r in
                    #expect(r.status == .ok)
                    return try APITests.decode(PlanView.self, r.body)
                }
                #expect(view.sweeps.count == plan.sweeps)
                for s in view.sweeps {
                    #expect(s.members.count >= 2)
                    #expect(Set(s.stops.map(\.seq)) == Set(1...s.stops.count))
                    for (a, b) in zip(s.stops, s.stops.dropFirst()) { #expect(a.departure <= b.eta) }
                    #expect(s.stops.allSatisfy { $0.eta >= s.shiftStart && $0.departure <= s.shiftEnd })
                }
                var logged = 0
                for try await n in try await fixture.db.query("SELECT count(*)::int FROM audit_log WHERE action = 'plan.view_sealed' AND object_id = \(String(plan.planId))").decode(Int.self) { logged = n }
                #expect(logged == 1)
                // The list and the report of a sealed plan are reads of it too, and logged as such.
                try await client.execute(uri: "/v1/plans", method: .get, headers: APITests.auth(coordinator)) { #expect($0.status == .ok) }
                try await client.execute(uri: "/v1/plans/\(plan.planId)/report", method: .get, headers: APITests.auth(coordinator)) { #expect($0.status == .ok) }
                #expect(try await FindingsAPITests.count(fixture.db, """
                    SELECT count(*)::int FROM audit_log WHERE action = 'plan.view_sealed' AND object_id = '\(plan.planId)' AND details->>'view' IN ('list', 'report')
                    """) == 2)

                // Before dispatch the plan does not exist for the inspector, nor for leadership.
                try await client.execute(uri: "/v1/plans/\(plan.planId)", method: .get, headers: APITests.auth(inspector)) { r in
                    #expect(r.status == .notFound)
                }
                try await client.execute(uri: "/v1/plans/\(plan.planId)", method: .get, headers: APITests.auth(fixture.tokens[.leader])) { r in
                    #expect(r.status == .notFound)
                }
                try await client.execute(uri: "/v1/plans", method: .get, headers: APITests.auth(fixture.tokens[.leader])) { r in
                    #expect(!String(buffer: r.body).contains("\"plan_id\":\(plan.planId),"), "no sealed plan in a leader's list")
                }
                // Dispatch before approval is refused; approve; dispatch everything.
                try await client.execute(uri: "/v1/plans/\(plan.planId)/dispatch", method: .post, headers: APITests.auth(coordinator)) { r in
                    #expect(r.status == .conflict)
                }
                try await client.execute(uri: "/v1/plans/\(plan.planId)/approve", method: .post, headers: APITests.auth(coordinator)) { r in
                    #expect(r.status == .ok)
                }
                try await client.execute(uri: "/v1/plans/\(plan.planId)/approve", method: .post, headers: APITests.auth(coordinator)) { r in
                    #expect(r.status == .conflict)
                }
                let dispatched = try await client.execute(uri: "/v1/plans/\(plan.planId)/dispatch", method: .post, headers: APITests.auth(coordinator)) { r in
                    #expect(r.status == .ok)
                    return try APITests.decode(ChangeResponse.self, r.body)
                }
                #expect(dispatched.changed == plan.sweeps)

                // After dispatch: the linked inspector sees exactly their own sweeps; the calendar lists them.
                var inspectorID: Int64 = 0
                for try await id in try await fixture.db.query("""
                    SELECT p.inspector_id FROM principal p WHERE p.role = 'inspector' AND p.inspector_id IS NOT NULL LIMIT 1
                    """).decode(Int64.self) { inspectorID = id }
                let own = view.sweeps.filter { $0.members.contains { $0.inspectorId == inspectorID } }.map(\.sweepId)
                try await client.execute(uri: "/v1/plans/\(plan.planId)", method: .get, headers: APITests.auth(inspector)) { r in
                    if own.isEmpty {
                        #expect(r.status == .notFound, "a plan with no sweep of theirs does not exist for them")
                    } else {
                        let seen = try APITests.decode(PlanView.self, r.body)
                        #expect(Set(seen.sweeps.map(\.sweepId)) == Set(own))
                    }
                }
                try await client.execute(uri: "/v1/calendar.ics", method: .get, headers: APITests.auth(inspector)) { r in
                    #expect(r.status == .ok)
                    let text = String(buffer: r.body)
                    #expect(text.hasPrefix("BEGIN:VCALENDAR"))
                    #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == own.count)
                }
                try await client.execute(uri: "/v1/plans/\(plan.planId)/route-sheet.html", method: .get, headers: APITests.auth(coordinator)) { r in
                    #expect(r.status == .ok)
                    #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(String(buffer: r.body).contains("<svg"))
                }
                try await client.execute(uri: "/v1/plans/\(plan.planId)/plan.csv", method: .get, headers: APITests.auth(coordinator)) { r in
                    let lines = String(buffer: r.body).split(separator: "\n")
                    #expect(lines.count == plan.stops + 1)
                }
                try await client.execute(uri: "/v1/plans/\(plan.planId)/done", method: .post, headers: APITests.auth(coordinator)) { r in
                    let change = try APITests.decode(ChangeResponse.self, r.body)
                    #expect(change.status == "done")
                }
            }
        }
    }

    @Test func badCampaignsAndInfeasiblePlansExplainThemselves() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, byDept) = try await Self.district(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            try await app.test(.router) { client in
                var past = Self.spec(district: district)
                past.startsOn = Self.day(-10); past.endsOn = Self.day(-8)
                past.settings.shiftTemplates[0].start = "25:00"
                try await client.execute(uri: "/v1/campaigns", method: .post, headers: APITests.auth(coordinator), body: try Self.json(past)) { r in
                    #expect(r.status == .unprocessableContent)
                    let fields = Set(try APITests.decode(ProblemDetails.self, r.body).errors?.map(\.location) ?? [])
                    #expect(fields.contains("ends_on"))
                    #expect(fields.contains("settings.shift_templates[0].start"))
                }
                try await client.execute(uri: "/v1/campaigns", method: .post, headers: APITests.auth(coordinator),
                                         body: ByteBuffer(string: #"{"name": "x", "jurisdictions": "110101"}"#)) { r in
                    #expect(r.status == .unprocessableContent)
                    let problem = try APITests.decode(ProblemDetails.self, r.body)
                    #expect(problem.errors?.first?.location == "jurisdictions")
                }

                // Every TOB inspector of the district away → tobacco checks cannot be staffed.
                let spec = Self.spec(district: district, kinds: [.tobaccoRetail])
                for code in byDept["TOB"] ?? [] {
                    try await client.execute(uri: "/v1/inspectors/\(code)/unavailability", method: .post, headers: APITests.auth(coordinator),
                                             body: try Self.json(UnavailabilityRequest(from: spec.startsOn, to: spec.endsOn, reason: "training"))) { r in
                        #expect(r.status == .ok)
                    }
                }
                let campaign = try await client.execute(uri: "/v1/campaigns", method: .post, headers: APITests.auth(coordinator), body: try Self.json(spec)) { r in
                    try APITests.decode(CampaignRecord.self, r.body)
                }
                try await client.execute(uri: "/v1/campaigns/\(campaign.id)/plans", method: .post, headers: APITests.auth(coordinator),
                                         body: try Self.json(PlanCreateRequest(seed: 1))) { r in
                    #expect(r.status == .unprocessableContent)
                    let detail = try APITests.decode(ProblemDetails.self, r.body).detail
                    #expect(detail.contains("TOB"), "\(detail)")
                    #expect(detail.contains("tobacco retailer checks"), "\(detail)")
                }
                var plans = 0
                for try await n in try await fixture.db.query("SELECT count(*)::int FROM plan WHERE campaign_id = \(campaign.id)").decode(Int.self) { plans = n }
                #expect(plans == 0)
            }
        }
    }

    @Test func expiredCredentialsAreNotSchedulableUntilRenewed() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (city, byDept) = try await Self.district(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            let tob = try #require(byDept["TOB"]?.first)
            try await app.test(.router) { client in
                let campaign = try await client.execute(uri: "/v1/campaigns", method: .post, headers: APITests.auth(coordinator),
                                                        body: try Self.json(Self.spec(district: city, kinds: [.tobaccoRetail]))) { r in
                    try APITests.decode(CampaignRecord.self, r.body)
                }
                func validThrough() async throws -> Int {
                    let data = try await PlanningDataLoader(db: fixture.db).load(campaignID: campaign.id)
                    return try #require(data.inspectors.first { $0.code == tob }).credentialValidThroughDay
                }
                try await client.execute(uri: "/v1/inspectors/\(tob)/credential", method: .post, headers: APITests.auth(coordinator),
                                         body: try Self.json(CredentialRequest(credentialExpires: Self.day(-1), reason: "expired"))) { #expect($0.status == .ok) }
                #expect(try await validThrough() < 0)
                try await client.execute(uri: "/v1/inspectors/\(tob)/credential", method: .post, headers: APITests.auth(coordinator),
                                         body: try Self.json(CredentialRequest(credentialNumber: "420100-2026-9999", credentialExpires: Self.day(400), reason: "renewed"))) {
                    #expect($0.status == .ok)
                }
                #expect(try await validThrough() > 300)
                try await client.execute(uri: "/v1/inspectors/\(tob)/credential", method: .post, headers: APITests.auth(coordinator),
                                         body: ByteBuffer(string: #"{"credential_expires": "next year", "reason": "renewed"}"#)) { r in
                    #expect(r.status == .unprocessableContent)
                }
                try await client.execute(uri: "/v1/inspectors/\(tob)/credential", method: .post, headers: APITests.auth(fixture.tokens[.inspector]),
                                         body: try Self.json(CredentialRequest(credentialExpires: Self.day(400)))) { #expect($0.status == .forbidden) }
            }
        }
    }

    @Test func repairReplacesADroppedInspectorAndDropsAClosedVenue() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, _) = try await Self.district(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            try await app.test(.router) { client in
                let (_, plan) = try await Self.createPlan(client, token: coordinator, spec: Self.spec(district: district, days: 2))
                let before = try await client.execute(uri: "/v1/plans/\(plan.planId)", method: .get, headers: APITests.auth(coordinator)) { r in
                    try APITests.decode(PlanView.self, r.body)
                }
                let sweep = try #require(before.sweeps.first { $0.stops.count >= 2 })
                let member = try #require(sweep.members.first)
                let closed = sweep.stops[0]
                let summary = try await client.execute(uri: "/v1/plans/\(plan.planId)/repair", method: .post, headers: APITests.auth(coordinator),
                                                       body: try Self.json(RepairRequest(droppedInspectors: [.init(inspector: member.code, from: sweep.day, to: sweep.day)],
                                                                                         closedVenues: [closed.venueCode], reason: "检查员病假 inspector ill"))) { r in
                    #expect(r.status == .ok, "\(String(buffer: r.body))")
                    return try APITests.decode(RepairSummary.self, r.body)
                }
                #expect(!summary.moves.isEmpty)
                let after = try await client.execute(uri: "/v1/plans/\(plan.planId)", method: .get, headers: APITests.auth(coordinator)) { r in
                    try APITests.decode(PlanView.self, r.body)
                }
                let allStops = after.sweeps.flatMap(\.stops)
                #expect(!allStops.contains { $0.venueId == closed.venueId })
                let sameDay = after.sweeps.filter { $0.day == sweep.day }
                #expect(!sameDay.contains { $0.members.contains { $0.inspectorId == member.inspectorId } })
                // Other days are untouched.
                let otherBefore = before.sweeps.filter { $0.day != sweep.day }.map { $0.stops.map(\.venueId) }
                let otherAfter = after.sweeps.filter { $0.day != sweep.day && $0.status != "cancelled" }.map { $0.stops.map(\.venueId) }
                #expect(otherBefore == otherAfter)
                try await client.execute(uri: "/v1/plans/\(plan.planId)/repair", method: .post, headers: APITests.auth(coordinator),
                                         body: try Self.json(RepairRequest(closedVenues: ["NO-SUCH-VENUE"], reason: "closed"))) { r in
                    #expect(r.status == .unprocessableContent)
                    let problem = try APITests.decode(ProblemDetails.self, r.body)
                    #expect(problem.errors?.first?.location == "closed_venues[0]")
                }
            }
            #expect(try await FindingsAPITests.count(fixture.db, """
                SELECT count(*)::int FROM audit_log WHERE action = 'plan.repair' AND reason = '检查员病假 inspector ill'
                """) == 1)
        }
    }

    @Test func repairAndDiscardSayWhy() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, _) = try await Self.district(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            let planID = try await app.test(.router) { client in
                try await Self.createPlan(client, token: coordinator, spec: Self.spec(district: district, days: 1)).1.planId
            }
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/plans/\(planID)/repair", method: .post, headers: APITests.auth(coordinator),
                                         body: ByteBuffer(string: #"{"closed_venues": ["NO-SUCH-VENUE"]}"#)) { r in
                    #expect(r.status == .unprocessableContent)
                    #expect(String(buffer: r.body).contains("\"reason\""))
                }
                try await client.execute(uri: "/v1/plans/\(planID)/discard", method: .post, headers: APITests.auth(coordinator),
                                         body: ByteBuffer(string: "{}")) { r in
                    #expect(r.status == .unprocessableContent)
                    #expect(String(buffer: r.body).contains("\"reason\""))
                }
                try await client.execute(uri: "/v1/plans/\(planID)/discard", method: .post, headers: APITests.auth(coordinator),
                                         body: ByteBuffer(string: #"{"reason": "重复计划 duplicate"}"#)) { r in
                    #expect(r.status == .ok)
                }
            }
            #expect(try await FindingsAPITests.count(fixture.db, """
                SELECT count(*)::int FROM audit_log WHERE action = 'plan.discard' AND object_id = '\(planID)' AND reason = '重复计划 duplicate'
                """) == 1)
        }
    }
}
