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

/// Submissions, evidence, corrections, cases and tips through the HTTP API on the small demo city.
@Suite struct FindingsAPITests {
    static func cafe(_ db: Database) async throws -> (id: Int64, code: String, lon: Double, lat: Double) {
        for try await row in try await db.query("""
            SELECT id, code, ST_X(location::geometry), ST_Y(location::geometry) FROM venue
            WHERE kind = 'internet_cafe' AND licensed AND location IS NOT NULL ORDER BY id LIMIT 1
            """).decode((Int64, String, Double, Double).self) { return row }
        throw SweepError.notFound("cafe")
    }

    static func submission(venue: Int64, facts: String = "现场发现2名未成年人上网，已责令改正。", minorsExtra: String = "",
                           evidence: [String] = [], id: UUID = UUID(), at: Date = Date().addingTimeInterval(-3600),
                           position: (Double, Double)? = nil) -> String {
        let ev = evidence.map { "\"\($0)\"" }.joined(separator: ",")
        let pos = position.map { ", \"device_position\": {\"longitude\": \($0.0), \"latitude\": \($0.1)}" } ?? ""
        let iso = ISO8601DateFormatter()
        return """
        {"submission_id": "\(id.uuidString)", "venue_id": \(venue), "origin": "TIP", "unplanned_reason": "群众举报",
         "arrived_at": "\(iso.string(from: at))", "departed_at": "\(iso.string(from: at.addingTimeInterval(1800)))",
         "outcome": "inspected"\(pos),
         "minors": {"count": 2, "under14": 0, "from14to15": 1, "from16to17": 1, "guardians_called": true\(minorsExtra)},
         "findings": [
           {"department": "CUL", "facts": "\(facts)",
            "violations": [{"code": "CAFE_MINOR_ADMITTED"}, {"code": "CAFE_NO_ID_CHECK"}],
            "measures": [{"kind": "order_to_correct", "deadline": "\(ISODay.format(Date().addingTimeInterval(7 * 86_400)))"}],
            "evidence": [\(ev)]},
           {"department": "PSB", "facts": "吸烟未制止", "violations": [{"code": "CAFE_SMOKING_FIRE"}]}
         ]}
        """
    }

    static func count(_ db: Database, _ sql: String) async throws -> Int {
        for try await n in try await db.query(PostgresQuery(unsafeSQL: sql)).decode(Int.self) { return n }
        return -1
    }

    /// A visit that finds nothing is stored by one statement without a transaction: the row, its
    /// stored answer (with the new id), the rollup count and the audit entry all appear, once, even
    /// under concurrent retries.
    @Test func plainVisitsAreStoredWholeAndOnceByOneStatement() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await Self.cafe(fixture.db)
            let token = fixture.tokens[.coordinator]
            let id = UUID()
            let at = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7200))
            let body = """
                {"submission_id": "\(id.uuidString)", "venue_id": \(cafe.id), "origin": "RANDOM", "unplanned_reason": "抽查",
                 "arrived_at": "\(at)", "departed_at": "\(at)", "outcome": "inspected", "findings": [],
                 "device_position": {"longitude": \(cafe.lon + 0.01), "latitude": \(cafe.lat)}}
                """
            let rollupBefore = try await Self.count(fixture.db, "SELECT coalesce(sum(inspections), 0)::int FROM heat_venue_month WHERE venue_id = \(cafe.id)")
            try await app.test(.router) { client in
                let answers = try await withThrowingTaskGroup(of: SubmissionResult.self) { group in
                    for _ in 0..<6 {
                        group.addTask {
                            try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token), body: ByteBuffer(string: body)) { r in
                                #expect(r.status == .created || r.status == .ok, "\(String(buffer: r.body))")
                                return try APITests.decode(SubmissionResult.self, r.body)
                            }
                        }
                    }
                    return try await group.reduce(into: [SubmissionResult]()) { $0.append($1) }
                }
                #expect(Set(answers.map(\.inspectionId)).count == 1)
                #expect(answers.filter { !$0.replayed }.count == 1)
                #expect(answers.allSatisfy { $0.positionFlagged && ($0.distanceMetres ?? 0) > 900 })
                let inspection = answers[0].inspectionId
                #expect(try await Self.count(fixture.db, "SELECT round(ST_Distance(device_position, (SELECT location FROM venue WHERE id = \(cafe.id))))::int FROM inspection WHERE id = \(inspection)") > 900)
                #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM inspection WHERE submission_id = '\(id.uuidString)'") == 1)
                // A plain visit's answer is rebuilt from the row on a retry: nothing is stored for it (sql/0022).
                #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM inspection WHERE id = \(inspection) AND response IS NULL") == 1)
                #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM audit_log WHERE action = 'inspection.submit' AND object_id = '\(inspection)'") == 1)
                #expect(try await Self.count(fixture.db, "SELECT coalesce(sum(inspections), 0)::int FROM heat_venue_month WHERE venue_id = \(cafe.id)") == rollupBefore + 1)
                // A later retry reads the stored answer.
                let replay = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token), body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .ok)
                    return try APITests.decode(SubmissionResult.self, r.body)
                }
                #expect(replay.replayed && replay.inspectionId == inspection && replay.findings.isEmpty)
            }
            #expect(try await HeatRollup.differences(fixture.db).isEmpty)
        }
    }

    @Test func submissionOpensCasesAndRetriesAreIdempotentEvenConcurrently() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await Self.cafe(fixture.db)
            let token = fixture.tokens[.coordinator]
            try await app.test(.router) { client in
                let id = UUID()
                let body = Self.submission(venue: cafe.id, id: id, position: (cafe.lon + 0.01, cafe.lat))
                let first = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token), body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .created, "\(String(buffer: r.body))")
                    return try APITests.decode(SubmissionResult.self, r.body)
                }
                #expect(first.positionFlagged)   // ~1 km from the venue
                #expect(first.findings.count == 2)
                let cul = try #require(first.findings.first { $0.department == .culture })
                #expect(cul.violations.map(\.code).sorted() == ["CAFE_MINOR_ADMITTED", "CAFE_NO_ID_CHECK"])
                #expect(cul.violations.allSatisfy { $0.state == "open" && $0.department == .culture })
                // A PSB finding of a PSB-led violation opens a PSB case.
                let psb = try #require(first.findings.first { $0.department == .police })
                #expect(psb.violations.first?.department == .police)
                #expect(cul.violations.first { $0.code == "CAFE_MINOR_ADMITTED" }?.suggestion?.ladderCode == "NATIONAL_2004_CAFE_MINOR")

                // The same body again, and eight concurrent copies: one inspection, the same answer.
                let replay = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token), body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .ok)
                    return try APITests.decode(SubmissionResult.self, r.body)
                }
                #expect(replay.replayed && replay.inspectionId == first.inspectionId)
                let concurrentID = UUID()
                let concurrentBody = Self.submission(venue: cafe.id, id: concurrentID)
                let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token),
                                                     body: ByteBuffer(string: concurrentBody)) { r in
                                #expect(r.status == .created || r.status == .ok, "\(String(buffer: r.body))")
                                return try APITests.decode(SubmissionResult.self, r.body).inspectionId
                            }
                        }
                    }
                    return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
                }
                #expect(ids.count == 1)
                #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM inspection WHERE submission_id = '\(concurrentID.uuidString)'") == 1)
                #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM case_file c JOIN inspection i ON i.id = c.inspection_id WHERE i.submission_id = '\(concurrentID.uuidString)'") == 3)

                // The same id with a different body is refused.
                try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token),
                                         body: ByteBuffer(string: Self.submission(venue: cafe.id, facts: "不同的内容", id: id))) { r in
                    #expect(r.status == .conflict)
                }
            }
        }
    }

    @Test func minorsIdentitiesAreRefusedAndNothingIsStored() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await Self.cafe(fixture.db)
            let before = try await Self.count(fixture.db, "SELECT count(*)::int FROM inspection")
            try await app.test(.router) { client in
                let withID = Self.submission(venue: cafe.id, facts: "未成年人身份证号11010519491231002X，电话13812345678")
                try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                         body: ByteBuffer(string: withID)) { r in
                    #expect(r.status == .unprocessableContent)
                    let problem = try APITests.decode(ProblemDetails.self, r.body)
                    let facts = problem.errors?.filter { $0.location == "findings[0].facts" } ?? []
                    #expect(facts.count >= 2)
                    #expect(!String(buffer: r.body).contains("11010519491231002X"))
                    #expect(!String(buffer: r.body).contains("13812345678"))
                }
                let withKey = Self.submission(venue: cafe.id, minorsExtra: ", \"minor_name\": \"张小明\"")
                try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                         body: ByteBuffer(string: withKey)) { r in
                    #expect(r.status == .unprocessableContent)
                    let problem = try APITests.decode(ProblemDetails.self, r.body)
                    #expect(problem.errors?.contains { $0.location == "minors.minor_name" } == true)
                }
            }
            #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM inspection") == before)
        }
    }

    @Test func evidenceIsContentAddressedBatchesReportPerItemAndCorrectionsKeepHistory() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await Self.cafe(fixture.db)
            let token = fixture.tokens[.coordinator]
            try await app.test(.router) { client in
                var headers = APITests.auth(token)
                headers[.contentType] = "image/jpeg"
                let photo = ByteBuffer(bytes: [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: UInt8(7), count: 1000))
                let stored = try await client.execute(uri: "/v1/evidence", method: .post, headers: headers, body: photo) { r in
                    #expect(r.status == .created)
                    return try APITests.decode(StoredEvidence.self, r.body)
                }
                try await client.execute(uri: "/v1/evidence", method: .post, headers: headers, body: photo) { r in
                    #expect(r.status == .ok)
                    let again = try APITests.decode(StoredEvidence.self, r.body)
                    #expect(again.sha256 == stored.sha256 && !again.created)
                }
                headers[.contentType] = "application/x-msdownload"
                try await client.execute(uri: "/v1/evidence", method: .post, headers: headers, body: photo) { #expect($0.status == .unprocessableContent) }
                #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM evidence") == 1)

                let good = Self.submission(venue: cafe.id, evidence: [stored.sha256])
                let unknownEvidence = Self.submission(venue: cafe.id, evidence: [String(repeating: "a", count: 64)])
                let batch = "{\"items\": [\(good), \(good), \(unknownEvidence)]}"
                let answer = try await client.execute(uri: "/v1/submissions/batch", method: .post, headers: APITests.auth(token),
                                                      body: ByteBuffer(string: batch)) { r in
                    #expect(r.status == .ok)
                    return try APITests.decode(BatchResponse.self, r.body)
                }
                #expect(answer.results.map(\.status) == [201, 200, 422])
                #expect(answer.results[2].problem?.errors?.first?.location == "findings[0].evidence[0]")
                let inspection = try #require(answer.results[0].result?.inspectionId)

                let correction = #"{"department": "CUL", "facts": "更正：3名未成年人", "violations": [{"code": "CAFE_MINOR_ADMITTED"}, {"code": "CAFE_NO_MINOR_SIGN"}]}"#
                let revision = try await client.execute(uri: "/v1/inspections/\(inspection)/findings", method: .post, headers: APITests.auth(token),
                                                        body: ByteBuffer(string: correction)) { r in
                    #expect(r.status == .created, "\(String(buffer: r.body))")
                    return try APITests.decode(FindingResult.self, r.body)
                }
                #expect(revision.revision == 2)
                #expect(revision.violations.map(\.code) == ["CAFE_NO_MINOR_SIGN"])   // only the new violation opens a case
                try await client.execute(uri: "/v1/inspections/\(inspection)", method: .get, headers: APITests.auth(fixture.tokens[.coordinator])) { r in
                    let detail = try APITests.decode(InspectionDetail.self, r.body)
                    #expect(detail.findings.filter { $0.department == .culture }.map(\.revision) == [1, 2])
                    #expect(detail.findings.first { $0.revision == 1 && $0.department == .culture }?.evidence == [stored.sha256])
                    #expect(detail.cases.count == 4)
                }
            }
        }
    }

    @Test func caseTransitionsAreValidatedAuditedAndListedByDeadline() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await Self.cafe(fixture.db)
            let handler = try await TokenStore(db: fixture.db).issue(.init(name: "文化执法", role: .handler, department: .culture), actor: "test").secret
            try await app.test(.router) { client in
                let result = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                                      body: ByteBuffer(string: Self.submission(venue: cafe.id))) { r in
                    try APITests.decode(SubmissionResult.self, r.body)
                }
                let caseID = try #require(result.findings.first { $0.department == .culture }?.violations.first?.caseId)
                let psbCase = try #require(result.findings.first { $0.department == .police }?.violations.first?.caseId)
                func act(_ id: Int64, _ json: String, token: String? = handler, reason: String? = "现场检查确认 confirmed on site") async throws -> (HTTPResponse.Status, String) {
                    let body = reason.map { json.replacingOccurrences(of: "{\"action\"", with: "{\"reason\": \"\($0)\", \"action\"") } ?? json
                    return try await client.execute(uri: "/v1/cases/\(id)/actions", method: .post, headers: APITests.auth(token), body: ByteBuffer(string: body)) {
                        ($0.status, String(buffer: $0.body))
                    }
                }
                // Every case action says why.
                for missing in [nil, "  "] as [String?] {
                    let (status, body) = try await act(caseID, #"{"action": "deliver"}"#, reason: missing)
                    #expect(status == .unprocessableContent && body.contains("reason"), "\(body)")
                }
                var (status, body) = try await act(caseID, #"{"action": "close", "rectified": true}"#)
                #expect(status == .conflict)
                #expect(body.contains("allowed"))
                (status, body) = try await act(caseID, #"{"action": "decide", "decision": {"kinds": ["fine"]}}"#)
                #expect(status == .unprocessableContent)
                #expect(body.contains("fine_yuan"))
                (status, _) = try await act(psbCase, #"{"action": "accept"}"#)
                #expect(status == .forbidden || status == .conflict)   // another department's case
                (status, body) = try await act(caseID, #"{"action": "decide", "decision": {"kinds": ["warning", "fine"], "fine_yuan": 5000}}"#)
                #expect(status == .ok, "\(body)")
                (status, body) = try await act(caseID, "{\"action\": \"order_rectification\", \"due\": \"\(ISODay.format(Date().addingTimeInterval(10 * 86_400)))\"}")
                #expect(status == .ok, "\(body)")
                let detail = try await client.execute(uri: "/v1/cases/\(caseID)", method: .get, headers: APITests.auth(handler)) { r in
                    try APITests.decode(CaseDetail.self, r.body)
                }
                #expect(detail.snapshot.state == .rectificationOrdered)
                #expect(detail.allowedActions == ["deliver"])   // re-inspection only once the deadline has passed
                #expect(detail.timers.contains { $0.name.contains("deliver") || $0.basis.contains("61") })
                #expect(detail.events.map(\.toState) == ["open", "decided", "rectification_ordered"])
                #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM audit_log WHERE object_type = 'case' AND object_id = '\(caseID)'") == 2)
                #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM audit_log WHERE object_type = 'case' AND object_id = '\(caseID)' AND reason = '现场检查确认 confirmed on site'") == 2)

                // A late submission whose on-the-spot rectification deadline has passed is overdue; the list
                // finds it, for the handler's department only.
                let visited = Date().addingTimeInterval(-50 * 86_400)
                let late = Self.submission(venue: cafe.id, at: visited)
                    .replacingOccurrences(of: ISODay.format(Date().addingTimeInterval(7 * 86_400)), with: ISODay.format(visited.addingTimeInterval(5 * 86_400)))
                let overdueCase = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                                           body: ByteBuffer(string: late)) { r in
                    try APITests.decode(SubmissionResult.self, r.body).findings.first { $0.department == .culture }?.violations.first?.caseId
                }
                try await client.execute(uri: "/v1/cases?overdue=true&limit=50", method: .get, headers: APITests.auth(handler)) { r in
                    #expect(r.status == .ok)
                    let cases = try APITests.decode([CaseSummary].self, r.body)
                    #expect(cases.contains { $0.caseId == overdueCase })
                    #expect(cases.allSatisfy { $0.department == .culture && !$0.overdue.isEmpty })
                }
            }
        }
    }

    @Test func aPassedRectificationDeadlineMakesAReinspectionDueAndTheNextVisitRecordsIt() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await Self.cafe(fixture.db)
            let token = fixture.tokens[.coordinator]
            let visited = Date().addingTimeInterval(-20 * 86_400)
            let deadline = ISODay.format(visited.addingTimeInterval(5 * 86_400))
            let late = Self.submission(venue: cafe.id, at: visited)
                .replacingOccurrences(of: ISODay.format(Date().addingTimeInterval(7 * 86_400)), with: deadline)
            try await app.test(.router) { client in
                let first = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token), body: ByteBuffer(string: late)) { r in
                    #expect(r.status == .created, "\(String(buffer: r.body))")
                    return try APITests.decode(SubmissionResult.self, r.body)
                }
                // The late submission keeps its original time.
                try await client.execute(uri: "/v1/inspections/\(first.inspectionId)", method: .get, headers: APITests.auth(token)) { r in
                    let detail = try APITests.decode(InspectionDetail.self, r.body)
                    #expect(abs(detail.arrivedAt.timeIntervalSince(visited)) < 1)
                }
                // The planner now treats the venue as a must-visit (回头看).
                let campaign = try await CampaignStore(db: fixture.db).create(
                    PlanningAPITests.spec(district: try await PlanningAPITests.district(fixture.db).code), actor: "test")
                let data = try await PlanningDataLoader(db: fixture.db).load(campaignID: campaign.id)
                #expect(data.candidates.first { $0.venueId == cafe.id }?.reinspectionDue == true)

                // The next visit finds the sign violation gone but minors again: one passed, one failed.
                let next = Self.submission(venue: cafe.id).replacingOccurrences(of: #"{"code": "CAFE_NO_ID_CHECK"}"#, with: #"{"code": "CAFE_NO_MINOR_SIGN"}"#)
                let second = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(token), body: ByteBuffer(string: next)) { r in
                    try APITests.decode(SubmissionResult.self, r.body)
                }
                let results = Dictionary(second.reinspections.map { ($0.code, $0.passed) }, uniquingKeysWith: { a, _ in a })
                #expect(results["CAFE_NO_ID_CHECK"] == true)
                #expect(results["CAFE_MINOR_ADMITTED"] == false)
                let after = try await PlanningDataLoader(db: fixture.db).load(campaignID: campaign.id)
                #expect(after.candidates.first { $0.venueId == cafe.id }?.reinspectionDue == false)
            }
        }
    }

    @Test func tipsLoseTheCallersIdentityAndRaisePlanningRisk() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await Self.cafe(fixture.db)
            try await app.test(.router) { client in
                let intake = TipIntake(channel: "12355", channelReference: "T-2026-0042", receivedAt: Date().addingTimeInterval(-600),
                                       text: "我叫王小明，电话13912345678，解放路12号星空网吧晚上有学生上网")
                let tip = try await client.execute(uri: "/v1/tips", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                                   body: ByteBuffer(bytes: try WireCoding.encoder().encode(intake))) { r in
                    #expect(r.status == .created)
                    return try APITests.decode(TipRecord.self, r.body)
                }
                #expect(!tip.allegation.contains("王小明"))
                #expect(!tip.allegation.contains("13912345678"))
                #expect(tip.allegation.contains("星空网吧"))
                #expect(!tip.removedIdentity.isEmpty)
                #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM tip WHERE allegation LIKE '%13912345678%' OR channel_reference LIKE '%王小明%'") == 0)
                let triaged = try await client.execute(uri: "/v1/tips/\(tip.id)/triage", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                                       body: ByteBuffer(bytes: try WireCoding.encoder().encode(TipTriage(venueCode: cafe.code, department: .culture)))) { r in
                    #expect(r.status == .ok)
                    return try APITests.decode(TipRecord.self, r.body)
                }
                #expect(triaged.status == "triaged" && triaged.venueCode == cafe.code)
                #expect(try await Self.count(fixture.db, "SELECT count(*)::int FROM tip WHERE venue_id = \(cafe.id) AND status IN ('received', 'triaged', 'in_case')") >= 1)
                // The visit the tip triggers links the tip to its case.
                let result = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                                      body: ByteBuffer(string: Self.submission(venue: cafe.id))) { r in
                    try APITests.decode(SubmissionResult.self, r.body)
                }
                let firstCase = result.findings.first?.violations.first?.caseId
                try await client.execute(uri: "/v1/tips?status=in_case", method: .get, headers: APITests.auth(fixture.tokens[.coordinator])) { r in
                    let tips = try APITests.decode([TipRecord].self, r.body)
                    #expect(tips.first { $0.id == tip.id }?.caseId == firstCase)
                }
            }
        }
    }
}
