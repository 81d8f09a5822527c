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

/// Every JSON example in docs/ is a fixture: each fenced ```json block is listed here with what the
/// docs say it does, and is sent to the server (or the tool it documents) as written. A new example
/// without an entry fails the suite.
@Suite struct DocExamplesTests {
    struct Example: Sendable {
        var file: String
        var ordinal: Int
        var text: String
    }

    static func examples() throws -> [Example] {
        let docs = URL(fileURLWithPath: TestDatabase.packageRoot).appendingPathComponent("docs")
        var out: [Example] = []
        let files = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
        for file in files + ["../README.md"] {
            let text = try String(contentsOf: docs.appendingPathComponent(file), encoding: .utf8)
            var ordinal = 0, block: [Substring]?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if block == nil, line.trimmingCharacters(in: .whitespaces) == "```json" {
                    block = []
                } else if let current = block, line.trimmingCharacters(in: .whitespaces) == "```" {
                    ordinal += 1
                    out.append(Example(file: file, ordinal: ordinal, text: current.joined(separator: "\n")))
                    block = nil
                } else if block != nil {
                    block?.append(line)
                }
            }
        }
        return out
    }

    static let known: Set<String> = ["findings.md#1", "planning.md#1", "planning.md#2", "registry.md#1"]

    @Test func everyExampleIsAFixture() throws {
        let found = Set(try Self.examples().map { "\($0.file)#\($0.ordinal)" })
        #expect(found == Self.known, "a JSON example in docs/ needs an entry in DocExamplesTests (and a test of what the docs say)")
        for example in try Self.examples() {
            #expect((try? JSONValue.parse(Data(example.text.utf8))) != nil, "\(example.file)#\(example.ordinal) is JSON")
        }
    }

    static func example(_ key: String) throws -> Data {
        let example = try #require(try examples().first { "\($0.file)#\($0.ordinal)" == key })
        return Data(example.text.utf8)
    }

    /// docs/findings.md: the submission (a planned visit with minors as counts, two departments'
    /// findings, an order to correct and a seizure naming its items) is stored. Ids, times and the
    /// evidence hash are the reader's own, so they are put in from this database.
    @Test func theFindingsSubmissionIsStoredAsDocumented() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, _) = try await PlanningAPITests.district(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            try await app.test(.router) { client in
                let (_, plan) = try await PlanningAPITests.createPlan(client, token: coordinator,
                                                                      spec: PlanningAPITests.spec(district: district, kinds: [.licensedCafe]))
                for step in ["approve", "dispatch"] {
                    try await client.execute(uri: "/v1/plans/\(plan.planId)/\(step)", method: .post, headers: APITests.auth(coordinator)) { #expect($0.status == .ok) }
                }
                var stop: (id: Int64, venue: Int64, lon: Double, lat: Double)?
                for try await row in try await fixture.db.query("""
                    SELECT st.id, st.venue_id, ST_X(v.location::geometry), ST_Y(v.location::geometry)
                    FROM sweep_stop st JOIN sweep s ON s.id = st.sweep_id JOIN venue v ON v.id = st.venue_id
                    WHERE s.plan_id = \(plan.planId) AND v.kind = 'internet_cafe' ORDER BY st.id LIMIT 1
                    """).decode((Int64, Int64, Double, Double).self) { stop = row }
                let planned = try #require(stop)
                var headers = APITests.auth(coordinator)
                headers[.contentType] = "image/jpeg"
                let photo = ByteBuffer(bytes: [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: UInt8(9), count: 500))
                let evidence = try await client.execute(uri: "/v1/evidence", method: .post, headers: headers, body: photo) {
                    try APITests.decode(StoredEvidence.self, $0.body)
                }

                guard case .object(var doc) = try JSONValue.parse(try Self.example("findings.md#1")) else { Issue.record("not an object"); return }
                let iso = ISO8601DateFormatter()
                doc["venue_id"] = .integer(planned.venue)
                doc["sweep_stop_id"] = .integer(planned.id)
                doc["arrived_at"] = .string(iso.string(from: Date().addingTimeInterval(-3600)))
                doc["departed_at"] = .string(iso.string(from: Date().addingTimeInterval(-1800)))
                doc["device_position"] = .object(["longitude": .number(planned.lon), "latitude": .number(planned.lat)])
                if case .array(var findings)? = doc["findings"], case .object(var first) = findings[0] {
                    first["evidence"] = .array([.string(evidence.sha256)])
                    findings[0] = .object(first)
                    doc["findings"] = .array(findings)
                }
                let body = JSONValue.object(doc).canonicalData()
                let result = try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(coordinator),
                                                      body: ByteBuffer(bytes: body)) { r in
                    #expect(r.status == .created, "\(String(buffer: r.body))")
                    return try APITests.decode(SubmissionResult.self, r.body)
                }
                #expect(Set(result.findings.map(\.department)) == [.culture, .police])
                let culture = try #require(result.findings.first { $0.department == .culture })
                #expect(culture.violations.map(\.code).sorted() == ["CAFE_MINOR_ADMITTED", "CAFE_NO_MINOR_SIGN"])
                var seized = 0
                for try await n in try await fixture.db.query("""
                    SELECT count(*)::int FROM finding WHERE inspection_id = \(result.inspectionId) AND measures @> '[{"kind": "seizure", "items": [{"name": "电脑主机", "count": 12}]}]'
                    """).decode(Int.self) { seized = n }
                #expect(seized == 1, "the seizure names its items")
            }
        }
    }

    /// docs/planning.md: the campaign is created as written.
    @Test func theCampaignExampleIsCreated() async throws {
        try await APITests.withSeededApp { app, fixture in
            try await app.test(.router) { client in
                var headers = APITests.auth(fixture.tokens[.coordinator])
                headers[.contentType] = "application/json"
                let record = try await client.execute(uri: "/v1/campaigns", method: .post, headers: headers,
                                                      body: ByteBuffer(bytes: try Self.example("planning.md#1"))) { r in
                    #expect(r.status == .created, "\(String(buffer: r.body))")
                    return try APITests.decode(CampaignRecord.self, r.body)
                }
                #expect(record.spec.name == "寒假网吧烟草专项" && record.spec.jurisdictions == ["420100"] && record.spec.selectionMode == .mixed)
                #expect(record.spec.settings.randomDraw["tobacco_retail"] == 0.03)
            }
        }
    }

    /// docs/planning.md: the benchmark instance decodes, and visiting its one target is feasible
    /// with the target's value as the objective.
    @Test func theRoutingInstanceExampleEvaluates() throws {
        let instance = try RoutingJSON.decodeInstance(try Self.example("planning.md#2"))
        let evaluation = RoutingEvaluator.evaluate(instance, try RoutingJSON.decodeSolution(Data(#"{"routes": [[0]]}"#.utf8)))
        #expect(evaluation.feasible, "\(evaluation.problems)")
        #expect(abs(evaluation.objective - 4.2) < 1e-9)
    }

    /// docs/registry.md: the decision with a 30-day suspension suspends the café's licences until then.
    @Test func theSuspensionDecisionSuspendsTheLicencesAsDocumented() async throws {
        let decision = String(decoding: try Self.example("registry.md#1"), as: UTF8.self)
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await RegistryLifecycleAPITests.venue(fixture.db, licensed: true)
            try await app.test(.router) { client in
                let caseId = try await RegistryLifecycleAPITests.openCase(client, fixture, venue: cafe, code: "CAFE_MINOR_ADMITTED")
                let (status, body) = try await SessionAPITests.status(client, "/v1/cases/\(caseId)/actions", .post,
                                                                      APITests.auth(fixture.tokens[.admin]), body: decision)
                #expect(status == .ok, "\(body)")
                let venue = try await RegistryLifecycleAPITests.detail(client, fixture.tokens[.admin], cafe)
                let until = Date().addingTimeInterval(30 * 86_400)
                #expect(!venue.licences.isEmpty && venue.licences.allSatisfy { $0.status == .suspended })
                #expect(venue.licences.allSatisfy { $0.suspendedUntil.map(ISODay.format) == ISODay.format(until) })
            }
        }
    }
}
