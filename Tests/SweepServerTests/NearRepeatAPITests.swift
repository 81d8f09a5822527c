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

/// The near-repeat route on a fixture with a known answer: ten pairs of violation visits, each pair
/// 20 m and a day apart, pairs 2 km and ten days apart, stored as real rows in an empty registry.
@Suite struct NearRepeatAPITests {
    @Test func knoxOnAFixtureFindsTheTenPairsAndListsTheVenueBesideTheLatest() async throws {
        try await TestDatabase.withDatabase { db in
            try await db.query("INSERT INTO jurisdiction (code, name, level) VALUES ('429901', '测试区', 'district')")
            // Pair k: a violation at 2k km east on day 10k after 2026-08-31 and another 20 m further a day later;
            // the last pair falls on 2026-11-29 and 11-30, within the last three days of a window ending on 2026-12-01.
            let start = ISODay.parse("2026-08-31")!
            var events: [(place: GeoPoint, at: Date)] = []
            for n in 0..<20 {
                let pair = Double(n / 2), second = Double(n % 2)
                let days: Double = pair * 10 + second
                events.append((Self.east(pair * 2000 + second * 20), start.addingTimeInterval(days * 86_400)))
            }
            for (n, event) in events.enumerated() {
                let venue = try await Self.venue(db, code: "NR-\(n)", at: event.place)
                try await db.query("""
                    WITH i AS (
                        INSERT INTO inspection (venue_id, origin, outcome, arrived_at, departed_at)
                        VALUES (\(venue), 'RANDOM', 'inspected', \(event.at), \(event.at.addingTimeInterval(900))) RETURNING id),
                    f AS (INSERT INTO finding (inspection_id, department_code) SELECT id, 'CUL' FROM i RETURNING id)
                    INSERT INTO finding_violation (finding_id, violation_code) SELECT id, 'CAFE_NO_MINOR_SIGN' FROM f
                    """)
            }
            let beside = try await Self.venue(db, code: "NR-beside", at: Self.east(18_050))
            _ = try await Self.venue(db, code: "NR-far", at: Self.east(18_000, north: 500))
            let admin = try await TokenStore(db: db).issue(.init(name: "admin", role: .admin), actor: "test").secret
            let leader = try await TokenStore(db: db).issue(.init(name: "leader", role: .leader, scope: ["429901"]), actor: "test").secret
            let app = try buildApplication(db: db, settings: .init(port: 0), logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let uri = "/v1/heatmap/near-repeat?from=2026-08&to=2026-12&distance_m=100&days=3&kind=internet_cafe"
                let report = try await client.execute(uri: uri, method: .get, headers: APITests.auth(admin)) { r in
                    #expect(r.status == .ok, "\(String(buffer: r.body))")
                    return try APITests.decode(NearRepeat.Report.self, r.body)
                }
                #expect(report.events == 20 && report.knox.observedPairs == 10 && report.nearRepeat)
                #expect(report.atRisk.first?.venueId == beside && report.atRisk.first?.nearbyViolations == 2, "\(report.atRisk)")
                #expect(report.atRisk.first?.lastViolation == "2026-11-30" && report.atRiskCount == 3, "the pair's own two venues follow")
                let forLeader = try await client.execute(uri: uri, method: .get, headers: APITests.auth(leader)) { try APITests.decode(NearRepeat.Report.self, $0.body) }
                #expect(forLeader.atRisk.isEmpty && forLeader.atRiskCount == report.atRiskCount && forLeader.knox == report.knox)
                let bad = try await client.execute(uri: "/v1/heatmap/near-repeat?from=2026-09&to=2026-12&days=0&distance_m=1&seed=-1", method: .get,
                                                   headers: APITests.auth(admin)) { try APITests.decode(ProblemDetails.self, $0.body) }
                #expect(Set(bad.errors?.map(\.location) ?? []) == ["days", "distance_m", "seed"], "a negative seed is refused, not a crash")
            }
        }
    }

    /// Metres east (and north) of 114.30 E 30.60 N.
    static func east(_ metres: Double, north: Double = 0) -> GeoPoint {
        GeoPoint(longitude: 114.30 + metres / (111_320 * cos(30.60 * .pi / 180)), latitude: 30.60 + north / 110_574)
    }

    static func venue(_ db: Database, code: String, at p: GeoPoint) async throws -> Int64 {
        var id: Int64 = 0
        for try await v in try await db.query("""
            INSERT INTO venue (code, kind, name, address, jurisdiction_id, licensed, location)
            VALUES (\(code), 'internet_cafe', \(code), '测试路', (SELECT id FROM jurisdiction WHERE code = '429901'), true,
                    ST_SetSRID(ST_MakePoint(\(p.longitude), \(p.latitude)), 4326)::geography)
            RETURNING id
            """).decode(Int64.self) { id = v }
        return id
    }
}
