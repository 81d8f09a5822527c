import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SweepAPI
import SweepCore
import SweepStore
import Testing
import TestSupport
@testable import SweepServer

/// A visit with violations at a licensed café, nothing to settle: stored by one statement (sql/0022's
/// path) with its findings, violations, cases (with their district) and audit entry, counted in the
/// heat rollup, and a retry gets the first answer back.
@Suite struct ViolationVisitPathTests {
    static func body(_ venue: Int64, origin: String, id: UUID) -> String {
        FindingsAPITests.submission(venue: venue, id: id).replacingOccurrences(of: "\"origin\": \"TIP\", \"unplanned_reason\": \"群众举报\"",
                                                                             with: "\"origin\": \"\(origin)\", \"unplanned_reason\": \"抽查\"")
    }

    /// What a stored visit left behind, table by table.
    static func shape(_ db: Database, _ inspection: Int64) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for (name, sql) in [
            ("findings", "SELECT count(*)::int FROM finding WHERE inspection_id = \(inspection)"),
            ("violations", "SELECT count(*)::int FROM finding_violation fv JOIN finding f ON f.id = fv.finding_id WHERE f.inspection_id = \(inspection)"),
            ("cases", "SELECT count(*)::int FROM case_file WHERE inspection_id = \(inspection)"),
            ("cases with a district", "SELECT count(*)::int FROM case_file WHERE inspection_id = \(inspection) AND jurisdiction_id IS NOT NULL"),
            ("audit", "SELECT count(*)::int FROM audit_log WHERE action = 'inspection.submit' AND object_id = '\(inspection)'"),
        ] { out[name] = try await FindingsAPITests.count(db, sql) }
        return out
    }

    @Test func theOneStatementPathStoresTheWholeVisitAndReplaysItsAnswer() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await FindingsAPITests.cafe(fixture.db)
            let token = fixture.tokens[.coordinator]
            let rollupBefore = try await FindingsAPITests.count(fixture.db, "SELECT coalesce(sum(violations), 0)::int FROM heat_venue_month WHERE venue_id = \(cafe.id)")
            try await app.test(.router) { client in
                func post(_ body: String) async throws -> (HTTPResponse.Status, SubmissionResult) {
                    try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token), body: ByteBuffer(string: body)) { r in
                        #expect(r.status == .created || r.status == .ok, "\(String(buffer: r.body))")
                        return (r.status, try APITests.decode(SubmissionResult.self, r.body))
                    }
                }
                let body = Self.body(cafe.id, origin: "RANDOM", id: UUID())
                let (status, first) = try await post(body)
                #expect(status == .created && !first.replayed)
                let (again, replay) = try await post(body)
                #expect(again == .ok && replay.replayed)
                var unreplayed = replay
                unreplayed.replayed = false
                #expect(unreplayed == first, "the retry's answer differs from the first")
                #expect(first.findings.count == 2)

                let shape = try await Self.shape(fixture.db, first.inspectionId)
                #expect(shape == ["findings": 2, "violations": 3, "cases": 3, "cases with a district": 3, "audit": 1], "\(shape)")
                #expect(first.findings.map(\.violations.count).sorted() == [1, 2])
                #expect(first.findings.flatMap(\.violations).allSatisfy { $0.caseId > 0 })
            }
            let rollupAfter = try await FindingsAPITests.count(fixture.db, "SELECT coalesce(sum(violations), 0)::int FROM heat_venue_month WHERE venue_id = \(cafe.id)")
            #expect(rollupAfter == rollupBefore + 3, "one visit (and its retry) with three violations")
        }
    }
}
