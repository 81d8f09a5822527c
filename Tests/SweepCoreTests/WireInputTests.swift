import Foundation
import Testing
@testable import SweepCore

/// Untrusted JSON is read without traps, and timestamps only when every field is in range.
@Suite struct WireInputTests {
    @Test func anyJSONDocumentParsesWithoutTrappingAndHashesCanonically() throws {
        // A top-level string was what took the server down through JSONSerialization.
        #expect(try JSONValue.parse(Data(#""AAA""#.utf8)) == .string("AAA"))
        #expect(try JSONValue.parse(Data("[1, 2.5, null, true]".utf8)) == .array([.integer(1), .number(2.5), .null, .bool(true)]))
        let a = try JSONValue.parse(Data(#"{"b": [1, {"y": 2, "x": "/"}], "a": null}"#.utf8))
        let b = try JSONValue.parse(Data(#"{"a":null,"b":[1,{"x":"/","y":2}]}"#.utf8))
        #expect(a.canonicalData() == b.canonicalData())
        #expect(String(decoding: a.canonicalData(), as: UTF8.self) == #"{"a":null,"b":[1,{"x":"/","y":2}]}"#)
        #expect(Set(a.keyPaths().map(\.path)) == ["a", "b", "b[1].x", "b[1].y"])
        #expect(throws: SweepError.self) { try JSONValue.parse(Data("{not json".utf8)) }
    }

    @Test func timestampsAreReadStrictlyWithTheirZone() throws {
        let utc = try #require(WireCoding.timestamp("2026-12-03T19:30:00Z"))
        #expect(WireCoding.timestamp("2026-12-04T03:30:00+08:00") == utc)
        #expect(WireCoding.timestamp("2026-12-03T19:30:00.250Z") == utc.addingTimeInterval(0.25))
        #expect(WireCoding.timestamp("2024-02-29T00:00:00Z") != nil)
        for bad in ["2024-01-01T12:99:00Z", "2024-01-01T00:00:60Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01t00:00:00z",
                    "2024-01-01T00:00:00", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00+8:00", "2024-01-01T00:00:00.Z", ""] {
            #expect(WireCoding.timestamp(bad) == nil, "\(bad)")
        }
        struct Probe: Decodable { var receivedAt: Date }
        #expect {
            try JSONInput.decode(Probe.self, from: Data(#"{"received_at": "2024-01-01T12:99:00Z"}"#.utf8), decoder: WireCoding.decoder())
        } throws: { error in
            guard case .invalid(let issues) = error as? SweepError else { return false }
            return issues.first?.location == "received_at" && issues[0].reason.contains("ISO 8601")
        }
    }

    @Test func heatMapSizesAreDecimalMetresOrKilometres() {
        #expect(HeatMapPolicy.metres("500") == 500)
        #expect(HeatMapPolicy.metres("500m") == 500)
        #expect(HeatMapPolicy.metres("1.5km") == 1500)
        for bad in ["0x1p10", "nan", "inf", "1e3", "-5m", "", "km", "1.", ".5"] { #expect(HeatMapPolicy.metres(bad) == nil, "\(bad)") }
        #expect(HeatMapPolicy.suppression(for: .leader, asked: nil) == 5)
        #expect(HeatMapPolicy.suppression(for: .leader, asked: 2) == 5)
        #expect(HeatMapPolicy.suppression(for: .coordinator, asked: nil) == nil)
    }

    @Test func evidencePolicyNamesMediaTypesAndLimits() throws {
        #expect(try EvidencePolicy.mediaType(header: "image/JPEG; q=1") == "image/jpeg")
        #expect(throws: SweepError.self) { try EvidencePolicy.mediaType(header: "application/x-msdownload") }
        #expect(throws: SweepError.self) { try EvidencePolicy.checkSize(0) }
        #expect(throws: SweepError.self) { try EvidencePolicy.checkSize(EvidencePolicy.maxBytes + 1) }
        #expect(EvidencePolicy.mediaTypeByExtension["pdf"] == "application/pdf")
    }
}
