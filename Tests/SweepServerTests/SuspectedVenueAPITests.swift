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

/// An inspector reports a black café found on the way: registered unlicensed with status unknown in
/// the district holding the phone's position, once however often the phone retries, and only within
/// the inspector's own districts.
@Suite struct SuspectedVenueAPITests {
    @Test func anInspectorReportsAVenueOnceWhereThePhoneIs() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, point) = try await RegistryMaintenanceAPITests.place(fixture.db)
            var found: String?
            for try await code in try await fixture.db.query("""
                SELECT code FROM jurisdiction WHERE level = 'district' AND code <> \(district) ORDER BY code LIMIT 1
                """).decode(String.self) { found = code }
            let other = try #require(found)
            let inspector = try await TokenStore(db: fixture.db).issue(
                .init(name: "现场检查员", role: .inspector, department: .culture, scope: [district]), actor: "test").secret
            try await app.test(.router) { client in
                let report = SuspectedVenueReport(reportId: UUID(), name: "无招牌网吧", address: "某巷 3 号二楼", location: RegistryMaintenanceAPITests.north(point, 40))
                let body = try RegistryMaintenanceAPITests.json(report)
                let first = try await client.execute(uri: "/v1/venues/suspected", method: .post, headers: APITests.auth(inspector), body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .created, "\(String(buffer: r.body))")
                    return try APITests.decode(VenueDetail.self, r.body)
                }
                #expect(first.summary.code == report.venueCode && first.summary.code.hasPrefix("FIELD-"))
                #expect(first.summary.districtCode == district, "the district holding the position")
                #expect(!first.summary.licensed && first.summary.status == .unknown)
                // The phone retries: the same venue, registered once.
                let again = try await client.execute(uri: "/v1/venues/suspected", method: .post, headers: APITests.auth(inspector), body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .ok)
                    return try APITests.decode(VenueDetail.self, r.body)
                }
                #expect(again.summary.id == first.summary.id)
                let stored = try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM venue WHERE code = '\(report.venueCode)'")
                #expect(stored == 1)
                let history = try await FindingsAPITests.count(fixture.db, "SELECT count(*)::int FROM registry_change WHERE venue_id = \(first.summary.id)")
                #expect(history == 1, "its registration is in the registry's history")

                // Outside the inspector's districts: not theirs to register.
                let elsewhere = SuspectedVenueReport(reportId: UUID(), name: "别处网吧", location: point, district: other)
                let (status, _) = try await SessionAPITests.status(client, "/v1/venues/suspected", .post, APITests.auth(inspector),
                                                                   body: try RegistryMaintenanceAPITests.json(elsewhere))
                #expect(status == .forbidden || status == .notFound)
                // A position no district holds, and a report without a name, say which field is wrong.
                let nowhere = SuspectedVenueReport(reportId: UUID(), name: "荒郊网吧", location: GeoPoint(longitude: 87.6, latitude: 43.8))
                let (s1, b1) = try await SessionAPITests.status(client, "/v1/venues/suspected", .post, APITests.auth(inspector),
                                                                body: try RegistryMaintenanceAPITests.json(nowhere))
                #expect(s1 == .unprocessableContent && b1.contains("location") && b1.contains("no district"), "\(b1)")
                let unnamed = SuspectedVenueReport(reportId: UUID(), name: " ", location: point, district: district)
                let (s2, b2) = try await SessionAPITests.status(client, "/v1/venues/suspected", .post, APITests.auth(inspector),
                                                                body: try RegistryMaintenanceAPITests.json(unnamed))
                #expect(s2 == .unprocessableContent && b2.contains("\"name\""), "\(b2)")
                // Handlers and leaders do not register venues.
                let (s3, _) = try await SessionAPITests.status(client, "/v1/venues/suspected", .post, APITests.auth(fixture.tokens[.leader]), body: body)
                #expect(s3 == .forbidden)
            }
        }
    }
}
