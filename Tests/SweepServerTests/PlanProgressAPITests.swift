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

/// Plan progress on the demo city: a visit on a stop, a sweep marked done without its other stops
/// (missed), and a late offline submission for a stop of that finished sweep, which still links.
@Suite struct PlanProgressAPITests {
    static func visit(stop: Int64, venue: Int64, outcome: String = "inspected", violation: String? = nil) -> String {
        let at = Date().addingTimeInterval(-7200)
        let iso = ISO8601DateFormatter()
        let findings = violation.map { "[{\"department\": \"CUL\", \"facts\": \"检查\", \"violations\": [{\"code\": \"\($0)\"}]}]" } ?? "[]"
        return """
            {"submission_id": "\(UUID().uuidString)", "venue_id": \(venue), "sweep_stop_id": \(stop), "arrived_at": "\(iso.string(from: at))",
             "departed_at": "\(iso.string(from: at.addingTimeInterval(900)))", "outcome": "\(outcome)", "findings": \(findings)}
            """
    }

    @Test func stopsEndVisitedMissedOrPendingAndALateVisitStillLinks() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, _) = try await PlanningAPITests.district(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            try await app.test(.router) { client in
                let (campaign, plan) = try await PlanningAPITests.createPlan(client, token: coordinator,
                                                                             spec: PlanningAPITests.spec(district: district, days: 2, kinds: [.licensedCafe]))
                func progress(_ uri: String, _ token: String? = coordinator) async throws -> PlanProgress {
                    try await client.execute(uri: uri, method: .get, headers: APITests.auth(token)) { r in
                        #expect(r.status == .ok, "\(String(buffer: r.body))")
                        return try APITests.decode(PlanProgress.self, r.body)
                    }
                }
                #expect(try await progress("/v1/plans/\(plan.planId)/progress").total.planned == 0, "nothing counts before dispatch")
                for step in ["approve", "dispatch"] {
                    try await client.execute(uri: "/v1/plans/\(plan.planId)/\(step)", method: .post, headers: APITests.auth(coordinator)) { #expect($0.status == .ok) }
                }
                var stops: [(stop: Int64, sweep: Int64, venue: Int64)] = []
                for try await row in try await fixture.db.query("""
                    SELECT st.id, st.sweep_id, st.venue_id FROM sweep_stop st JOIN sweep s ON s.id = st.sweep_id
                    WHERE s.plan_id = \(plan.planId) ORDER BY s.id, st.seq
                    """).decode((Int64, Int64, Int64).self) { stops.append(row) }
                let first = try #require(stops.first)
                let sameSweep = stops.filter { $0.sweep == first.sweep }
                try #require(sameSweep.count >= 3, "the first sweep has at least three stops")
                func file(_ body: String) async throws {
                    try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(coordinator), body: ByteBuffer(string: body)) {
                        #expect($0.status == .created, "\(String(buffer: $0.body))")
                    }
                }
                try await file(Self.visit(stop: sameSweep[0].stop, venue: sameSweep[0].venue, violation: "CAFE_NO_MINOR_SIGN"))
                try await file(Self.visit(stop: sameSweep[1].stop, venue: sameSweep[1].venue, outcome: "entry_refused"))
                try await client.execute(uri: "/v1/plans/\(plan.planId)/done", method: .post, headers: APITests.auth(coordinator),
                                         body: ByteBuffer(string: "{\"sweep_ids\": [\(first.sweep)]}")) { #expect($0.status == .ok, "\(String(buffer: $0.body))") }
                var p = try await progress("/v1/plans/\(plan.planId)/progress")
                let rest = sameSweep.count - 2
                #expect(p.total.planned == stops.count && p.total.visited == 1 && p.total.entryRefused == 1 && p.total.violations == 1)
                #expect(p.total.missed == rest && p.total.pending == stops.count - sameSweep.count, "\(p.total)")

                // The brief issued now (as_of in whole seconds, after everything so far was recorded).
                try await Task.sleep(for: .milliseconds(1100))
                let issued = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
                try await Task.sleep(for: .milliseconds(1100))
                // A phone that was offline files its visit after the sweep was marked done: it still links.
                try await file(Self.visit(stop: sameSweep[2].stop, venue: sameSweep[2].venue))
                p = try await progress("/v1/plans/\(plan.planId)/progress")
                #expect(p.total.visited == 2 && p.total.missed == rest - 1, "\(p.total)")
                func report(_ query: String, _ token: String? = fixture.tokens[.leader]) async throws -> ProgressReport {
                    try await client.execute(uri: "/v1/reports/progress?campaign=\(campaign.id)\(query)", method: .get, headers: APITests.auth(token)) { r in
                        #expect(r.status == .ok, "\(String(buffer: r.body))")
                        return try APITests.decode(ProgressReport.self, r.body)
                    }
                }
                let brief = try await report("&as_of=\(issued)")
                #expect(brief.progress.total.visited == 1 && brief.progress.total.missed == rest && brief.progress.total.visitsWithViolation == 1,
                        "as of the brief, the late visit is not there yet: \(brief.progress.total)")
                #expect(try await report("&as_of=\(issued)").progress == brief.progress, "re-run as of the brief: the same figures")
                let now = try await report("")
                #expect(now.progress.total.visited == 2 && now.progress.violationsByDepartment == ["CUL": 1])
                // Leaders see no group of one to four stops (it would point at venues); the coordinator sees them all.
                let groups = [now.progress.byDay, now.progress.byTeam, now.progress.byDistrict, now.progress.byKind, now.progress.byWeek, now.progress.byMethod]
                #expect(groups.joined().allSatisfy { $0.counts.planned == 0 || $0.counts.planned >= HeatMapPolicy.leadershipSuppression })
                let whole = try await report("", fixture.tokens[.coordinator]).progress
                let wholeGroups = [whole.byDay, whole.byTeam, whole.byDistrict, whole.byKind, whole.byWeek, whole.byMethod]
                #expect(whole.groupsWithheld == nil && now.progress.groupsWithheld.map { $0 > 0 } != false)
                #expect(wholeGroups.joined().count - groups.joined().count == (now.progress.groupsWithheld ?? 0))
                #expect(whole.byMethod.reduce(0) { $0 + $1.counts.planned } == stops.count && !whole.byWeek.isEmpty && whole.total == now.progress.total)
                #expect(p.byDistrict.reduce(0) { $0 + $1.counts.planned } == stops.count && p.byKind.map(\.key) == ["licensed_cafe"])
                #expect(p.byDay.reduce(0) { $0 + $1.counts.planned } == stops.count)
                let c = try await progress("/v1/campaigns/\(campaign.id)/progress")
                #expect(c.total == p.total, "the campaign's one dispatched plan")
                #expect(try await progress("/v1/plans/\(plan.planId)/progress", fixture.tokens[.leader]).total == p.total, "leaders follow dispatched plans")
            }
        }
    }

    @Test func aCampaignClosesOnlyWhenItsWorkIsOverAndThenTakesNoPlans() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, _) = try await PlanningAPITests.district(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            try await app.test(.router) { client in
                let (campaign, plan) = try await PlanningAPITests.createPlan(client, token: coordinator,
                                                                             spec: PlanningAPITests.spec(district: district, days: 1, kinds: [.licensedCafe]))
                func post(_ uri: String, _ body: String) async throws -> (HTTPResponse.Status, String) {
                    try await SessionAPITests.status(client, uri, .post, APITests.auth(coordinator), body: body)
                }
                let close = "/v1/campaigns/\(campaign.id)/close"
                let noReason = try await post(close, "{}")
                #expect(noReason.0 == .unprocessableContent)
                let (busy, why) = try await post(close, #"{"reason": "行动结束"}"#)
                #expect(busy == .conflict && why.contains("plan \(plan.planId) is draft"), "\(why)")
                let discarded = try await post("/v1/plans/\(plan.planId)/discard", #"{"reason": "不再需要"}"#)
                #expect(discarded.0 == .ok, "\(discarded.1)")
                let (closed, body) = try await post(close, #"{"reason": "行动结束"}"#)
                #expect(closed == .ok && body.contains("\"status\":\"closed\""), "\(body)")
                let again = try await post(close, #"{"reason": "again"}"#)
                #expect(again.0 == .conflict)
                let (planned, plannedWhy) = try await post("/v1/campaigns/\(campaign.id)/plans", #"{"seed": 1}"#)
                #expect(planned == .conflict && plannedWhy.contains("closed"), "\(plannedWhy)")
            }
        }
    }
}
