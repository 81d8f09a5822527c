import Foundation
import Testing
@testable import SweepCore

/// A position comes with its accuracy: a reading that may be far off is no evidence the team stood
/// elsewhere, so the flag allows for it; an accuracy without a position, or out of range, is refused.
@Suite struct PositionAccuracyTests {
    static let venue = GeoPoint(longitude: 114.30, latitude: 30.60)

    /// A visit whose phone reported a position `metres` north of the venue.
    static func visit(north metres: Double, accuracy: Double?, position: Bool = true) -> Submission {
        let now = Date()
        return Submission(submissionId: UUID(), venueId: 1, origin: .campaign, unplannedReason: "途中发现", arrivedAt: now.addingTimeInterval(-900),
                          departedAt: now.addingTimeInterval(-300),
                          devicePosition: position ? GeoPoint(longitude: venue.longitude, latitude: venue.latitude + metres / 111_195) : nil,
                          outcome: .inspected, positionAccuracyMetres: accuracy)
    }

    static func validate(_ s: Submission) throws -> ValidatedSubmission {
        try SubmissionValidator.validate(s, keys: [], context: SubmissionContext(catalogue: [:], venueId: 1, venueLocation: venue, now: Date()))
    }

    @Test func theFlagAllowsForTheReadingsAccuracy() throws {
        #expect(try Self.validate(Self.visit(north: 500, accuracy: nil)).positionFlagged, "500 m off with no accuracy given")
        #expect(try Self.validate(Self.visit(north: 500, accuracy: 10)).positionFlagged, "500 m off, accurate to 10 m")
        #expect(try !Self.validate(Self.visit(north: 500, accuracy: 250)).positionFlagged, "500 m off, but the phone may have been within 250 m")
        #expect(try !Self.validate(Self.visit(north: 100, accuracy: 5)).positionFlagged)
    }

    @Test func anAccuracyNeedsAPositionAndARange() {
        #expect(throws: SweepError.self) { try Self.validate(Self.visit(north: 0, accuracy: 20, position: false)) }
        #expect(throws: SweepError.self) { try Self.validate(Self.visit(north: 0, accuracy: -1)) }
        #expect(throws: SweepError.self) { try Self.validate(Self.visit(north: 0, accuracy: .infinity)) }
        do {
            _ = try Self.validate(Self.visit(north: 0, accuracy: 20, position: false))
        } catch let error as SweepError {
            #expect("\(error)".contains("position_accuracy_metres"), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
