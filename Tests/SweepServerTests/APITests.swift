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

/// The HTTP API against a real database seeded with the small demo city.
@Suite struct APITests {
    struct Fixture: Sendable {
        var db: Database
        var tokens: [Role: String]
    }

    static func withSeededApp(_ body: @Sendable (any ApplicationProtocol, Fixture) async throws -> Void) async throws {
        try await TestDatabase.withDatabase { db in
            let city = DemoCityGenerator.generate(scale: .small, seed: 11, now: ISODay.parse("2026-11-26")!)
            let report = try await DemoSeeder(db: db).seed(city, scale: "small", seed: 11, actor: "test")
            var tokens: [Role: String] = [:]
            // The first token of each role is the wide one; district-scoped ones follow.
            for t in report.tokens where tokens[t.principal.role] == nil { tokens[t.principal.role] = t.secret }
            let fixture = Fixture(db: db, tokens: tokens)
            // The application runs as the role `sweep serve` uses (no ownership, row-level security);
            // the fixture keeps the owner for the tests' own queries.
            guard let role = try ApplicationRole.target(for: db.target, environment: [:]) else {
                let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
                return try await body(app, fixture)
            }
            try await DatabaseRunner.withClient(role, logger: TestDatabase.logger) { appDB in
                let app = try buildApplication(db: appDB, settings: .init(port: 0), logger: TestDatabase.logger)
                try await body(app, fixture)
            }
        }
    }

    static func auth(_ token: String?) -> HTTPFields {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        return fields
    }

    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        try WireCoding.decoder().decode(T.self, from: Data(buffer.readableBytesView))
    }

    @Test func healthReadinessAndContractArePublic() async throws {
        try await Self.withSeededApp { app, _ in
            try await app.test(.router) { client in
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .ok)
                    let health = try Self.decode(HealthResponse.self, response.body)
                    #expect(health.database == "ok")
                }
                try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).hasPrefix("openapi: 3.1"))
                }
            }
        }
    }

    @Test func missingUnknownAndUnderprivilegedTokensGetProblems() async throws {
        try await Self.withSeededApp { app, fixture in
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/venues", method: .get) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = try Self.decode(ProblemDetails.self, response.body)
                    #expect(problem.detail.contains("bearer token"))
                }
                try await client.execute(uri: "/v1/venues", method: .get, headers: Self.auth("swp_bogus")) {
                    #expect($0.status == .unauthorized)
                }
                try await client.execute(uri: "/v1/audit", method: .get, headers: Self.auth(fixture.tokens[.coordinator])) { response in
                    #expect(response.status == .forbidden)
                    let problem = try Self.decode(ProblemDetails.self, response.body)
                    #expect(problem.detail.contains("admin"))
                }
                try await client.execute(uri: "/v1/audit", method: .get, headers: Self.auth(fixture.tokens[.admin])) { response in
                    #expect(response.status == .ok)
                    let records = try Self.decode([AuditRecord].self, response.body)
                    #expect(records.contains { $0.entry.action == "demo.seed" })
                }
            }
        }
    }

    @Test func venueFiltersPaginateAndRespectScope() async throws {
        try await Self.withSeededApp { app, fixture in
            let token = fixture.tokens[.coordinator]
            try await app.test(.router) { client in
                var seen: [Int64] = []
                var after: Int64? = nil
                repeat {
                    let uri = "/v1/venues?kind=internet_cafe&limit=25" + (after.map { "&after=\($0)" } ?? "")
                    after = try await client.execute(uri: uri, method: .get, headers: Self.auth(token)) { response in
                        #expect(response.status == .ok)
                        let page = try Self.decode(VenueListResponse.self, response.body)
                        #expect(page.items.allSatisfy { $0.kind == .internetCafe })
                        seen += page.items.map(\.id)
                        return page.nextAfter
                    }
                } while after != nil
                #expect(seen == seen.sorted())
                #expect(Set(seen).count == seen.count)
                let cafes = try await fixture.db.query("SELECT count(*) FROM venue WHERE kind = 'internet_cafe'")
                for try await n in cafes.decode(Int64.self) { #expect(Int64(seen.count) == n) }

                try await client.execute(uri: "/v1/venues?licensed=false&kind=internet_cafe&near_school_m=500&limit=1000", method: .get,
                                         headers: Self.auth(token)) { response in
                    let page = try Self.decode(VenueListResponse.self, response.body)
                    #expect(page.items.allSatisfy { !$0.licensed && ($0.nearestSchoolMetres ?? .infinity) <= 500 })
                }

                // The inspector's token is scoped to one district.
                try await client.execute(uri: "/v1/venues?limit=1000", method: .get, headers: Self.auth(fixture.tokens[.inspector])) { response in
                    let page = try Self.decode(VenueListResponse.self, response.body)
                    #expect(!page.items.isEmpty)
                    #expect(Set(page.items.map(\.districtCode)).count == 1)
                }
            }
        }
    }

    @Test func badQueryParametersAreNamed() async throws {
        try await Self.withSeededApp { app, fixture in
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/venues?kind=bar&limit=0&colour=red", method: .get,
                                         headers: Self.auth(fixture.tokens[.leader])) { response in
                    #expect(response.status == .unprocessableContent)
                    let problem = try Self.decode(ProblemDetails.self, response.body)
                    let fields = Set(problem.errors?.map(\.location) ?? [])
                    #expect(fields == ["kind", "limit", "colour"])
                }
            }
        }
    }

    @Test func oneVenueWithLicencesHistoryAndCases() async throws {
        try await Self.withSeededApp { app, fixture in
            let rows = try await fixture.db.query("""
                SELECT v.id, count(c.id) FROM venue v JOIN case_file c ON c.venue_id = v.id GROUP BY v.id ORDER BY count(c.id) DESC LIMIT 1
                """)
            var id: Int64 = 0, cases: Int64 = 0
            for try await (v, n) in rows.decode((Int64, Int64).self) { id = v; cases = n }
            let (venueID, caseCount) = (id, cases)
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/venues/\(venueID)", method: .get, headers: Self.auth(fixture.tokens[.admin])) { response in
                    #expect(response.status == .ok)
                    let detail = try Self.decode(VenueDetail.self, response.body)
                    #expect(detail.summary.id == venueID)
                    #expect(Int64(detail.cases.count) == min(caseCount, 100))
                    #expect(!detail.history.isEmpty)
                }
                try await client.execute(uri: "/v1/venues/999999999", method: .get, headers: Self.auth(fixture.tokens[.admin])) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/v1/violation-types", method: .get, headers: Self.auth(fixture.tokens[.handler])) { response in
                    let types = try Self.decode([ViolationTypeInfo].self, response.body)
                    #expect(types.contains { $0.code == "CAFE_MINOR_ADMITTED" && $0.leadDepartment == .culture && !$0.legalBases.isEmpty })
                }
            }
        }
    }
}
