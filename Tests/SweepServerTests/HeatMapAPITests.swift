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

/// Heat maps through the API on the small demo city's two years of history.
@Suite struct HeatMapAPITests {
    @Test func geoJSONIsValidLeadershipIsSuppressedAndBadInputIsNamed() async throws {
        try await APITests.withSeededApp { app, fixture in
            try await app.test(.router) { client in
                let base = "/v1/heatmap?from=2025-12&to=2026-12"
                // Working view: exact counts that add up to the rollup's total.
                let result = try await client.execute(uri: base + "&cell=1km", method: .get, headers: APITests.auth(fixture.tokens[.coordinator])) { r in
                    #expect(r.status == .ok, "\(String(buffer: r.body))")
                    return try APITests.decode(HeatMapResult.self, r.body)
                }
                var total = 0
                for try await n in try await fixture.db.query("""
                    SELECT coalesce(sum(violations), 0)::int FROM heat_venue_month h JOIN venue v ON v.id = h.venue_id
                    WHERE month >= '2025-12-01' AND month < '2026-12-01' AND v.location IS NOT NULL
                    """).decode(Int.self) { total = n }
                #expect(total > 0)
                #expect(Int(result.cells.reduce(0) { $0 + ($1.values["violations"] ?? 0) }) == total)
                #expect(result.cells.allSatisfy { $0.labels["violations"] == nil })
                #expect(result.hotSpots.values.reduce(0, +) == result.cells.count || result.hotSpotNote != nil)

                // GeoJSON: RFC 7946 polygons, longitude first, closed counter-clockwise rings.
                try await client.execute(uri: base + "&hex=600m&format=geojson", method: .get, headers: APITests.auth(fixture.tokens[.coordinator])) { r in
                    #expect(r.headers[.contentType] == "application/geo+json")
                    let doc = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
                    #expect(doc?["type"] as? String == "FeatureCollection")
                    let features = doc?["features"] as? [[String: Any]] ?? []
                    #expect(!features.isEmpty)
                    for f in features.prefix(50) {
                        let ring = ((f["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])?.first ?? []
                        #expect(ring.count == 7 && ring.first! == ring.last!)
                        #expect(ring.allSatisfy { (100...130).contains($0[0]) && (20...40).contains($0[1]) })
                        var area = 0.0
                        for (a, b) in zip(ring, ring.dropFirst()) { area += a[0] * b[1] - b[0] * a[1] }
                        #expect(area > 0)
                    }
                }

                // Leadership: counts below 5 never appear as numbers.
                try await client.execute(uri: base + "&cell=1km", method: .get, headers: APITests.auth(fixture.tokens[.leader])) { r in
                    let view = try APITests.decode(HeatMapResult.self, r.body)
                    #expect(view.cells.allSatisfy { c in ["violations", "venues_inspected", "repeat_venues"].allSatisfy { m in
                        guard let v = c.values[m] else { return c.labels[m] == "<5" }
                        return v == 0 || v >= 5
                    } })
                    #expect(view.cells.contains { $0.labels["violations"] == "<5" })
                }

                // Bad input: every problem named.
                try await client.execute(uri: "/v1/heatmap?from=2026-12&to=2026-01&cell=20m&colour=red", method: .get,
                                         headers: APITests.auth(fixture.tokens[.coordinator])) { r in
                    #expect(r.status == .unprocessableContent)
                    let fields = Set(try APITests.decode(ProblemDetails.self, r.body).errors?.map(\.location) ?? [])
                    #expect(fields.contains("to") && fields.contains("colour"))
                }
                try await client.execute(uri: base + "&cell=20m", method: .get, headers: APITests.auth(fixture.tokens[.coordinator])) { r in
                    #expect(r.status == .unprocessableContent)
                    let problem = try APITests.decode(ProblemDetails.self, r.body)
                    #expect(problem.errors?.first?.location == "cell")
                }
                // Sizes are decimal: no hexadecimal floats, no NaN (fuzzing found both accepted).
                for size in ["0x1p10", "nan", "inf", "1e3m"] {
                    try await client.execute(uri: base + "&cell=\(size)", method: .get, headers: APITests.auth(fixture.tokens[.coordinator])) { r in
                        #expect(r.status == .unprocessableContent, "\(size)")
                    }
                }
                try await client.execute(uri: "/v1/heatmap?from=2030-01&to=2030-02", method: .get, headers: APITests.auth(fixture.tokens[.coordinator])) { r in
                    #expect(r.status == .unprocessableContent)
                    #expect(String(buffer: r.body).contains("no inspections"))
                }
                try await client.execute(uri: base, method: .get, headers: APITests.auth(fixture.tokens[.inspector])) { #expect($0.status == .forbidden) }
                // The map page is public and draws the SVG answer of the API with the browser's session
                // (BrowserSigninTests draws it in Chromium).
                try await client.execute(uri: "/heatmap", method: .get) { r in
                    #expect(r.status == .ok)
                    #expect(String(buffer: r.body).contains("/assets/heatmap.js"))
                }
                try await client.execute(uri: "/assets/heatmap.js", method: .get) { r in
                    let script = String(buffer: r.body)
                    #expect(script.contains("/v1/heatmap?") && script.contains("requireSession"))
                }
                try await client.execute(uri: base + "&format=svg", method: .get, headers: APITests.auth(fixture.tokens[.coordinator])) { r in
                    #expect(r.headers[.contentType] == "image/svg+xml")
                    #expect(String(buffer: r.body).hasPrefix("<svg") || String(buffer: r.body).contains("<svg"))
                }
                try await client.execute(uri: "/v1/heatmap/offenders?from=2025-12&to=2026-12&k=3", method: .get,
                                         headers: APITests.auth(fixture.tokens[.coordinator])) { r in
                    #expect(r.status == .ok)
                    let doc = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
                    let venues = doc?["repeat_venues"] as? [[String: Any]] ?? []
                    #expect(!venues.isEmpty)
                    #expect(venues.allSatisfy { ($0["violations"] as? Int ?? 0) >= 3 })
                }
            }
        }
    }
}
