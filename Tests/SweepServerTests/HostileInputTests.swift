import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import SweepAPI
import SweepCore
import TestSupport
@testable import SweepServer

/// Requests found by fuzzing the API: none may take the server down or get through unchecked.
@Suite struct HostileInputTests {
    @Test func aBatchOfNonObjectsIsRefusedItemByItemAndTheServerLivesOn() async throws {
        try await APITests.withSeededApp { app, fixture in
            try await app.test(.router) { client in
                let answer = try await client.execute(uri: "/v1/submissions/batch", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                                      body: ByteBuffer(string: #"{"items": ["AAA", 7, null, [1]]}"#)) { r in
                    #expect(r.status == .ok)
                    return try APITests.decode(BatchResponse.self, r.body)
                }
                #expect(answer.results.map(\.status) == [422, 422, 422, 422])
                for body in [#""AAA""#, "[]", "{\"items\": 5}", "not json"] {
                    try await client.execute(uri: "/v1/submissions/batch", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                             body: ByteBuffer(string: body)) { #expect($0.status == .unprocessableContent, "\(body)") }
                }
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            }
        }
    }

    @Test func emptyOrOutOfRangeParametersAreNamed() async throws {
        try await APITests.withSeededApp { app, fixture in
            try await app.test(.router) { client in
                let cases: [(String, Role, String)] = [
                    ("/v1/venues?status=", .coordinator, "status"),
                    ("/v1/venues?school_kinds=,", .handler, "school_kinds"),
                    ("/v1/venues?school_kinds=primary,,middle", .handler, "school_kinds"),
                    ("/v1/tips?limit=-1", .coordinator, "limit"),
                    ("/v1/tips?limit=0", .coordinator, "limit"),
                    ("/v1/heatmap/offenders?from=2026-13&to=2026-12", .coordinator, "from"),
                ]
                for (uri, role, field) in cases {
                    try await client.execute(uri: uri, method: .get, headers: APITests.auth(fixture.tokens[role])) { r in
                        #expect(r.status == .unprocessableContent, "\(uri)")
                        let problem = try APITests.decode(ProblemDetails.self, r.body)
                        #expect(problem.errors?.contains { $0.location == field } == true, "\(uri)")
                    }
                }
                var headers = APITests.auth(fixture.tokens[.coordinator])
                headers[.contentType] = "application/json"
                try await client.execute(uri: "/v1/tips", method: .post, headers: headers,
                                         body: ByteBuffer(string: #"{"channel": "12355", "received_at": "2026-11-20T12:99:00Z", "text": "x"}"#)) { r in
                    #expect(r.status == .unprocessableContent)
                    let problem = try APITests.decode(ProblemDetails.self, r.body)
                    #expect(problem.errors?.first?.location == "received_at")
                }
                try await client.execute(uri: "/v1/campaigns/1/plans", method: .post, headers: headers,
                                         body: ByteBuffer(string: #"{"max_iterations": -1}"#)) { r in
                    #expect(r.status == .unprocessableContent)
                    let problem = try APITests.decode(ProblemDetails.self, r.body)
                    #expect(problem.errors?.first?.location == "max_iterations")
                }
            }
        }
    }

    /// The docs' example seizure (`items[].name`) used to be refused as a person's name.
    @Test func aSeizureNamesItsItemsAndIsStored() async throws {
        try await APITests.withSeededApp { app, fixture in
            let cafe = try await FindingsAPITests.cafe(fixture.db)
            let seizure = #"{"kind": "seizure", "items": [{"name": "电脑主机", "count": 12}]}"#
            let body = FindingsAPITests.submission(venue: cafe.id).replacingOccurrences(
                of: #""measures": [{"kind": "order_to_correct""#, with: #""measures": [\#(seizure), {"kind": "order_to_correct""#)
            #expect(body.contains("电脑主机"))
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                         body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .created, "\(String(buffer: r.body))")
                }
                // A person's name is still refused where it would describe the minors.
                let named = FindingsAPITests.submission(venue: cafe.id, minorsExtra: #", "name": "某某""#)
                try await client.execute(uri: "/v1/submissions", method: .post, headers: APITests.auth(fixture.tokens[.coordinator]),
                                         body: ByteBuffer(string: named)) { r in
                    #expect(r.status == .unprocessableContent)
                    let problem = try APITests.decode(ProblemDetails.self, r.body)
                    #expect(problem.errors?.contains { $0.location == "minors.name" } == true)
                }
            }
            #expect(try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM finding WHERE measures::text LIKE '%电脑主机%'") == 1)
        }
    }
}
