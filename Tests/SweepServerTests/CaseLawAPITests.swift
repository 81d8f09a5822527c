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

/// The case page says which text of the law its penalty falls under, and why, on the corrected
/// catalogue (sql/0017): obstruction before 2026 under the 2012 text (the 2025 revision is heavier),
/// after it under 2025 art. 61; and the 2004 campaign's per-visit rule as policy, not law.
@Suite struct CaseLawAPITests {
    static func caseDetail(_ client: some TestClientProtocol, _ token: String?, _ id: Int64) async throws -> CaseDetail {
        try await client.execute(uri: "/v1/cases/\(id)", method: .get, headers: APITests.auth(token)) { r in
            #expect(r.status == .ok, "\(String(buffer: r.body))")
            return try APITests.decode(CaseDetail.self, r.body)
        }
    }

    @Test func obstructionIsJudgedUnderTheTextInForceWhenItWasCommitted() async throws {
        try await APITests.withSeededApp { app, fixture in
            let venue = try await RegistryLifecycleAPITests.venue(fixture.db, licensed: true)
            try await app.test(.router) { client in
                let now = try await RegistryLifecycleAPITests.openCase(client, fixture, venue: venue, code: "OBSTRUCTION", department: "PSB")
                var detail = try await Self.caseDetail(client, fixture.tokens[.admin], now)
                let current = try #require(detail.applicableLaw.first { $0.instrument == "PUBLIC_SECURITY_PUNISHMENT_LAW" }, "\(detail.applicableLaw)")
                #expect(current.version == "2025" && current.article == "61" && current.rule == "in_force_at_act", "\(current)")

                // A case from an act in December 2025 (loaded with the history): the 2012 text, because 2025's is heavier.
                let old = try await RegistryLifecycleAPITests.openCase(client, fixture, venue: venue, code: "OBSTRUCTION", department: "PSB")
                try await fixture.db.query("""
                    UPDATE case_file SET opened_at = '2025-12-20T10:00:00Z',
                           snapshot = jsonb_set(snapshot, '{opened_at}', '"2025-12-20T10:00:00Z"') WHERE id = \(old)
                    """)
                detail = try await Self.caseDetail(client, fixture.tokens[.admin], old)
                let before = try #require(detail.applicableLaw.first { $0.instrument == "PUBLIC_SECURITY_PUNISHMENT_LAW" })
                #expect(before.version == "2012" && before.article == "50" && before.rule == "in_force_at_act", "\(before)")
                #expect(before.reason.contains("从旧") && before.reason.contains("not lighter"), "\(before.reason)")
            }
        }
    }

    @Test func minorsAdmittedAtOnceReachTheCampaignPolicyRule() async throws {
        try await APITests.withSeededApp { app, fixture in
            let venue = try await RegistryLifecycleAPITests.venue(fixture.db, licensed: true)
            try await app.test(.router) { client in
                let caseId = try await RegistryLifecycleAPITests.openCase(client, fixture, venue: venue, code: "CAFE_MINOR_ADMITTED")
                var detail = try await Self.caseDetail(client, fixture.tokens[.admin], caseId)
                #expect(detail.policyRule == nil, "no minors counted on this visit")
                try await fixture.db.query("UPDATE inspection SET minors_count = 4 WHERE id = (SELECT inspection_id FROM case_file WHERE id = \(caseId))")
                detail = try await Self.caseDetail(client, fixture.tokens[.admin], caseId)
                let rule = try #require(detail.policyRule)
                #expect(rule.basisKind == "campaign_policy" && rule.minMinors == 3 && rule.suspensionDaysMin == 15, "\(rule)")
                let law = detail.applicableLaw.map(\.instrument)
                #expect(law.contains("MINORS_LAW"), "the decision still cites the law: \(law)")
            }
        }
    }
}
