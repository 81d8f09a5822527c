import Foundation
import Testing
@testable import SweepCore

/// What a submission changes is decided in Core, before the store writes anything.
@Suite struct SubmissionEffectsTests {
    static let catalogue: [String: ViolationTypeInfo] = [
        "CAFE_MINOR_ADMITTED": .init(code: "CAFE_MINOR_ADMITTED", domain: "cafe", titleZh: "", titleEn: "", leadDepartment: .culture,
                                     assistingDepartments: [.police], penaltySummary: "", legalBases: []),
    ]

    static func valid(_ s: Submission, origin: InspectionOrigin = .campaign) -> ValidatedSubmission {
        ValidatedSubmission(submission: s, origin: origin, positionFlagged: false, distanceMetres: nil,
                            bases: s.findings.map { f in f.violations.map { _ in ChosenBasis(instrument: "", version: "", article: "") } })
    }

    static func visit(at text: String, minors: Int = 0, findings: [FindingInput] = []) throws -> Submission {
        let at = try #require(WireCoding.timestamp(text))
        return Submission(submissionId: UUID(), venueId: 1, origin: .campaign, unplannedReason: "途中发现", arrivedAt: at,
                          departedAt: at.addingTimeInterval(600), outcome: .inspected, minors: minors > 0 ? MinorsRecord(count: minors) : nil,
                          findings: findings)
    }

    @Test func aVisitThatFindsNothingIsPlainUnlessATipOrAReinspectionWaits() throws {
        let s = try Self.visit(at: "2026-12-01T12:00:00Z")
        let now = Date()
        #expect(SubmissionEffects.decide(Self.valid(s), catalogue: Self.catalogue, pendingReinspection: false, utcOffsetMinutes: 480,
                                         referralDays: 7, now: now).isPlain)
        let reinspect = SubmissionEffects.decide(Self.valid(s), catalogue: Self.catalogue, pendingReinspection: true, utcOffsetMinutes: 480,
                                                 referralDays: 7, now: now)
        #expect(!reinspect.isPlain && reinspect.recordsReinspections)
        let tip = SubmissionEffects.decide(Self.valid(s, origin: .tip), catalogue: Self.catalogue, pendingReinspection: false,
                                           utcOffsetMinutes: 480, referralDays: 7, now: now)
        #expect(tip.tips == .unfounded(feedback: "inspected 2026-12-01: no violation found"))
    }

    /// Facts, measures or photos without a violation are a finding to keep: such a visit once took
    /// the one-statement path, which stores no findings, and lost them.
    @Test func aFindingWithoutAViolationIsNotPlain() throws {
        let s = try Self.visit(at: "2026-12-01T12:00:00Z", findings: [FindingInput(department: .culture, facts: "现场检查，未发现违法行为。")])
        let effects = SubmissionEffects.decide(Self.valid(s), catalogue: Self.catalogue, pendingReinspection: false, utcOffsetMinutes: 480,
                                               referralDays: 7, now: Date())
        #expect(effects.cases.isEmpty && effects.recordsFindings && !effects.isPlain)
    }

    @Test func aViolationRecordedByAnotherDepartmentIsReferredToTheLead() throws {
        let s = try Self.visit(at: "2026-12-01T12:00:00Z", findings: [
            FindingInput(department: .police, violations: [ViolationInput(code: "CAFE_MINOR_ADMITTED")],
                         measures: [MeasureInput(kind: .orderToCorrect, deadline: "2026-12-08")]),
        ])
        let now = try #require(WireCoding.timestamp("2026-12-01T13:00:00Z"))
        let effects = SubmissionEffects.decide(Self.valid(s, origin: .tip), catalogue: Self.catalogue, pendingReinspection: false,
                                               utcOffsetMinutes: 480, referralDays: 7, now: now)
        let opening = try #require(effects.cases.first)
        #expect(opening.lead == .culture && opening.recordedBy == .police && opening.referred)
        #expect(opening.snapshot.state == .referred && opening.snapshot.referralDeadline == now.addingTimeInterval(7 * 86_400))
        #expect(opening.snapshot.rectificationDue == "2026-12-08")
        #expect(effects.tips == .linkToFirstCase)
    }

    @Test func outsideHoursReadsTheJurisdictionsClock() throws {
        // 23:30 UTC is 07:30 in China Standard Time (before cafés may open) but 23:30 at UTC+0.
        let s = try Self.visit(at: "2026-12-01T23:30:00Z", minors: 2)
        #expect(SubmissionEffects.visitConditions(s, utcOffsetMinutes: 480) == ["outside_hours"])
        #expect(SubmissionEffects.visitConditions(s, utcOffsetMinutes: 0) == [])
        #expect(SubmissionEffects.visitConditions(try Self.visit(at: "2026-12-01T23:30:00Z"), utcOffsetMinutes: 480) == [])
        #expect(SubmissionEffects.visitConditions(try Self.visit(at: "2026-12-02T00:00:00Z", minors: 1), utcOffsetMinutes: 480) == [])
    }

    @Test func reinspectionIsRecordedOnlyOnceTheDeadlineDayHasEnded() throws {
        let opened = try #require(WireCoding.timestamp("2026-11-01T12:00:00Z"))
        let onTheSpot = CaseSnapshot(state: .open, departmentCode: .culture, openedAt: opened, rectificationDue: "2026-11-10")
        // The day ends at 2026-11-10T16:00Z (midnight in Beijing).
        #expect(Reinspection.record(on: onTheSpot, code: "X", codesFound: [], at: try #require(WireCoding.timestamp("2026-11-10T15:00:00Z"))) == nil)
        let after = try #require(WireCoding.timestamp("2026-11-10T17:00:00Z"))
        let passed = try #require(Reinspection.record(on: onTheSpot, code: "X", codesFound: [], at: after))
        #expect(passed.reinspectionPassed == true && passed.state == .open)
        #expect(Reinspection.record(on: onTheSpot, code: "X", codesFound: ["X"], at: after)?.reinspectionPassed == false)
    }
}
