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

/// People keep the registry between imports (register, correct, issue licences, add schools), and a
/// black café that turns up near one closed recently is linked to it when it is found. Fixtures are
/// built here, not taken from the demo history.
@Suite struct RegistryMaintenanceAPITests {
    /// A district of the demo city and a point in it.
    static func place(_ db: Database) async throws -> (district: String, point: GeoPoint) {
        var found: (String, Double, Double)?
        for try await row in try await db.query("""
            SELECT j.code, ST_X(v.location::geometry), ST_Y(v.location::geometry) FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
            WHERE j.level = 'district' AND v.location IS NOT NULL ORDER BY v.id LIMIT 1
            """).decode((String, Double, Double).self) { found = row }
        let (code, lon, lat) = try #require(found)
        return (code, GeoPoint(longitude: lon, latitude: lat))
    }

    /// `metres` north of `p`.
    static func north(_ p: GeoPoint, _ metres: Double) -> GeoPoint {
        GeoPoint(longitude: p.longitude, latitude: p.latitude + metres / 111_195)
    }

    static func json(_ value: some Encodable) throws -> String { String(decoding: try WireCoding.encoder().encode(value), as: UTF8.self) }

    static func register(_ client: some TestClientProtocol, _ token: String?, _ r: VenueRegistration) async throws -> (HTTPResponse.Status, String) {
        try await SessionAPITests.status(client, "/v1/venues", .post, APITests.auth(token), body: try json(r))
    }

    static func blackCafe(_ code: String, _ district: String, at p: GeoPoint, operatorKey: String? = nil) -> VenueRegistration {
        VenueRegistration(code: code, kind: .internetCafe, name: "无名网吧 \(code)", address: "某路 1 号", district: district, licensed: false,
                          operatorKey: operatorKey, location: p, reason: "突击检查发现")
    }

    static func registered(_ client: some TestClientProtocol, _ token: String?, _ r: VenueRegistration) async throws -> VenueDetail {
        let (status, body) = try await register(client, token, r)
        try #require(status == .created, "\(body)")
        return try APITests.decode(VenueDetail.self, ByteBuffer(string: body))
    }

    static func close(_ client: some TestClientProtocol, _ token: String?, _ id: Int64, daysAgo: Int) async throws {
        let on = ISODay.format(Date().addingTimeInterval(-Double(daysAgo) * 86_400))
        let (status, body) = try await SessionAPITests.status(client, "/v1/venues/\(id)/close", .post, APITests.auth(token),
                                                              body: #"{"on": "\#(on)", "reason": "取缔"}"#)
        try #require(status == .ok, "\(body)")
    }

    @Test func coordinatorsRegisterCorrectAndLicenceVenuesWithReasons() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, point) = try await Self.place(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            try await app.test(.router) { client in
                let licence = LicenceIssue(type: .networkCulture, number: "NC-TEST-0001", issuer: "CUL", validFrom: "2026-01-01", validUntil: "2028-12-31")
                let new = VenueRegistration(code: "V-TEST-0001", kind: .internetCafe, name: "星空网咖", address: "解放大道 100 号", district: district,
                                            licensed: true, operatorName: "张三", location: Self.north(point, 5000), openingHours: "08:00-24:00",
                                            licences: [licence], reason: "新领证")
                let venue = try await Self.registered(client, coordinator, new)
                #expect(venue.summary.code == "V-TEST-0001" && venue.summary.licensed && venue.openingHours == "08:00-24:00")
                #expect(venue.licences.map(\.number) == ["NC-TEST-0001"] && venue.licences.first?.status == .valid)
                #expect(Set(venue.changes.map(\.change)) == [.venueRegistered, .licenceIssued])
                #expect(venue.changes.allSatisfy { $0.reason == "新领证" && $0.actor.hasPrefix("principal:") }, "\(venue.changes)")

                var (status, body) = try await Self.register(client, coordinator, new)
                #expect(status == .conflict && body.contains("V-TEST-0001"), "\(body)")

                var bad = new
                bad.code = " "
                bad.openingHours = "8-22"
                bad.location = GeoPoint(longitude: point.latitude, latitude: point.longitude)
                bad.licences = [LicenceIssue(type: .networkCulture, number: "", issuer: "CUL")]
                bad.reason = nil
                (status, body) = try await Self.register(client, coordinator, bad)
                #expect(status == .unprocessableContent, "\(body)")
                for field in ["\"code\"", "opening_hours", "\"location\"", "licences[0].number", "\"reason\""] {
                    #expect(body.contains(field), "names \(field): \(body)")
                }

                // A correction keeps each field's old and new value.
                (status, body) = try await SessionAPITests.status(client, "/v1/venues/\(venue.summary.id)/correct", .post, APITests.auth(coordinator),
                                                                  body: #"{"name": "星空电竞馆", "opening_hours": "09:00-23:00", "reason": "营业执照变更"}"#)
                #expect(status == .ok, "\(body)")
                let corrected = try APITests.decode(VenueDetail.self, ByteBuffer(string: body))
                #expect(corrected.summary.name == "星空电竞馆" && corrected.openingHours == "09:00-23:00")
                let change = try #require(corrected.changes.first)
                #expect(change.change == .venueCorrected && change.details?["name"] == FieldChange(from: "星空网咖", to: "星空电竞馆"))
                #expect(change.details?["opening_hours"] == FieldChange(from: "08:00-24:00", to: "09:00-23:00") && change.details?.count == 2)
                (status, body) = try await SessionAPITests.status(client, "/v1/venues/\(venue.summary.id)/correct", .post, APITests.auth(coordinator),
                                                                  body: #"{"name": "星空电竞馆", "reason": "再改"}"#)
                #expect(status == .unprocessableContent && body.contains("changes nothing"), "\(body)")

                // Issuing a second licence; a number already recorded is refused.
                let business = LicenceIssue(type: .business, number: "91420100TEST", issuer: "SAMR", reason: "营业执照")
                (status, body) = try await SessionAPITests.status(client, "/v1/venues/\(venue.summary.id)/licences", .post, APITests.auth(coordinator),
                                                                  body: try Self.json(business))
                #expect(status == .created && body.contains("91420100TEST"), "\(body)")
                (status, body) = try await SessionAPITests.status(client, "/v1/venues/\(venue.summary.id)/licences", .post, APITests.auth(coordinator),
                                                                  body: try Self.json(business))
                #expect(status == .conflict && body.contains("91420100TEST"), "\(body)")

                // Leaders and inspectors may not keep the registry.
                (status, body) = try await Self.register(client, fixture.tokens[.leader], Self.blackCafe("V-TEST-0002", district, at: point))
                #expect(status == .forbidden, "\(body)")

                var kinds: [String] = []
                for try await kind in try await fixture.db.query("""
                    SELECT kind FROM domain_event WHERE object_type IN ('venue', 'licence') AND payload ->> 'venue_id' = \(String(venue.summary.id)) ORDER BY id
                    """).decode(String.self) { kinds.append(kind) }
                #expect(kinds == ["venue.registered", "licence.issued", "venue.corrected", "licence.issued"], "\(kinds)")
            }
        }
    }

    @Test func aBlackCafeNearOneClosedRecentlyIsLinkedOnBothVenues() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, point) = try await Self.place(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            let origin = Self.north(point, 20_000)
            try await app.test(.router) { client in
                let closed = try await Self.registered(client, coordinator, Self.blackCafe("V-RELO-OLD", district, at: origin, operatorKey: "OP-77"))
                try await Self.close(client, coordinator, closed.summary.id, daysAgo: 30)

                let near = try await Self.registered(client, coordinator, Self.blackCafe("V-RELO-NEAR", district, at: Self.north(origin, 200), operatorKey: "OP-77"))
                let link = try #require(near.relocations.first { $0.closedVenueId == closed.summary.id }, "\(near.relocations)")
                #expect(abs(link.distanceMetres - 200) < 5 && link.daysSinceClosure == 30 && link.operatorKey == "OP-77" && link.sameOperator == true)
                #expect(link.foundBy == "registered" && link.venueId == near.summary.id)
                let old = try await RegistryLifecycleAPITests.detail(client, coordinator, closed.summary.id)
                #expect(old.relocations.contains { $0.venueId == near.summary.id }, "shown on the closed venue too")

                let far = try await Self.registered(client, coordinator, Self.blackCafe("V-RELO-FAR", district, at: Self.north(origin, 400)))
                #expect(!far.relocations.contains { $0.closedVenueId == closed.summary.id }, "400 m is beyond the default 300 m")

                // The district widens its radius; the rule is read at the time of finding.
                try await fixture.db.query("UPDATE jurisdiction SET settings = settings || '{\"relocation_radius_m\": 500}' WHERE code = \(district)")
                let wider = try await Self.registered(client, coordinator, Self.blackCafe("V-RELO-WIDER", district, at: Self.north(origin, 420)))
                #expect(wider.relocations.contains { $0.closedVenueId == closed.summary.id })

                // A closure older than the window does not count.
                let stale = try await Self.registered(client, coordinator, Self.blackCafe("V-RELO-STALE", district, at: Self.north(origin, -3000)))
                try await Self.close(client, coordinator, stale.summary.id, daysAgo: 400)
                let late = try await Self.registered(client, coordinator, Self.blackCafe("V-RELO-LATE", district, at: Self.north(origin, -2900)))
                #expect(!late.relocations.contains { $0.closedVenueId == stale.summary.id })

                // Listed with the offenders, and the event went out once.
                let month = String(ISODay.format(Date()).prefix(7))
                let (status, body) = try await SessionAPITests.status(client, "/v1/heatmap/offenders?from=2020-01&to=2030-01", .get, APITests.auth(coordinator))
                #expect(status == .ok && body.contains("V-RELO-NEAR") && body.contains("V-RELO-WIDER"), "\(month) \(body.prefix(400))")
                let (leaderStatus, leaderBody) = try await SessionAPITests.status(client, "/v1/heatmap/offenders?from=2020-01&to=2030-01", .get,
                                                                                  APITests.auth(fixture.tokens[.leader]))
                #expect(leaderStatus == .ok && leaderBody.contains("V-RELO-NEAR") && !leaderBody.contains("OP-77"), "no operator keys for leadership")
                var events = 0
                for try await n in try await fixture.db.query("""
                    SELECT count(*)::int FROM domain_event WHERE kind = 'relocation.found' AND payload ->> 'closed_venue_id' = \(String(closed.summary.id))
                    """).decode(Int.self) { events = n }
                #expect(events == 2, "NEAR and WIDER")
            }
        }
    }

    @Test func aBlackCafeFirstFoundByInspectorsIsLinkedAndRaisesPlanningRisk() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, point) = try await Self.place(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            let origin = Self.north(point, -20_000)
            try await app.test(.router) { client in
                let closed = try await Self.registered(client, coordinator, Self.blackCafe("V-SEEN-OLD", district, at: origin))
                try await Self.close(client, coordinator, closed.summary.id, daysAgo: 60)
                // Typed in by an import (no detector ran), then found operating by a raid.
                var newId: Int64 = 0
                for try await id in try await fixture.db.query("""
                    INSERT INTO venue (code, kind, name, address, jurisdiction_id, licensed, location)
                    VALUES ('V-SEEN-NEW', 'internet_cafe', '地下网吧', '某巷', (SELECT id FROM jurisdiction WHERE code = \(district)), false,
                            ST_GeogFromText(\("SRID=4326;POINT(\(origin.longitude) \(Self.north(origin, 150).latitude))")))
                    RETURNING id
                    """).decode(Int64.self) { newId = id }
                var before = try await RegistryLifecycleAPITests.detail(client, coordinator, newId)
                #expect(before.relocations.isEmpty)
                _ = try await RegistryLifecycleAPITests.openCase(client, fixture, venue: newId, code: "CAFE_UNLICENSED")
                before = try await RegistryLifecycleAPITests.detail(client, coordinator, newId)
                let link = try #require(before.relocations.first)
                // The raid's visit arrived an hour ago: in the first hour of a UTC day that was yesterday.
                let foundYesterday = ISODay.format(Date().addingTimeInterval(-3600)) != ISODay.format(Date())
                #expect(link.closedVenueId == closed.summary.id && link.foundBy == "inspected" && link.daysSinceClosure == (foundYesterday ? 59 : 60))

                let campaign = try await CampaignStore(db: fixture.db).create(PlanningAPITests.spec(district: district), actor: "test")
                let data = try await PlanningDataLoader(db: fixture.db).load(campaignID: campaign.id)
                let candidate = try #require(data.candidates.first { $0.venueId == newId })
                #expect(candidate.features.relocationLinks == 1)
                let (score, parts) = RiskScore.score(candidate.features, weights: .defaults)
                var without = candidate.features
                without.relocationLinks = nil
                #expect(parts.last?.name == "relocation" && parts.last?.points == 4)
                #expect(abs(score - RiskScore.score(without, weights: .defaults).score - 4) < 1e-9)
            }
        }
    }

    @Test func coordinatorsAddSchoolsInTheirScope() async throws {
        try await APITests.withSeededApp { app, fixture in
            let (district, point) = try await Self.place(fixture.db)
            let coordinator = fixture.tokens[.coordinator]
            try await app.test(.router) { client in
                let school = SchoolRegistration(code: "S-TEST-01", name: "新建小学", kind: .primary, district: district, location: Self.north(point, 50),
                                                reason: "教育局通报新校址")
                var (status, body) = try await SessionAPITests.status(client, "/v1/schools", .post, APITests.auth(coordinator), body: try Self.json(school))
                #expect(status == .created && body.contains("S-TEST-01"), "\(body)")
                (status, body) = try await SessionAPITests.status(client, "/v1/schools", .post, APITests.auth(coordinator), body: try Self.json(school))
                #expect(status == .conflict, "\(body)")
                var missing = school
                missing.code = "S-TEST-02"
                missing.location = nil
                (status, body) = try await SessionAPITests.status(client, "/v1/schools", .post, APITests.auth(coordinator), body: try Self.json(missing))
                #expect(status == .unprocessableContent && body.contains("location"), "\(body)")
                (status, body) = try await SessionAPITests.status(client, "/v1/venues?near_school_m=60&school_kinds=primary", .get, APITests.auth(coordinator))
                #expect(status == .ok, "\(body)")
                let page = try APITests.decode(VenueListResponse.self, ByteBuffer(string: body))
                #expect(!page.items.isEmpty, "the venue next to the new school is found by the distance filter")
                (status, body) = try await SessionAPITests.status(client, "/v1/schools", .post, APITests.auth(fixture.tokens[.inspector]), body: try Self.json(school))
                #expect(status == .forbidden, "\(body)")
            }
        }
    }
}
