import Foundation
import Testing
@testable import SweepCore

/// The demo's case timelines: in order, never after now, the same on every run, and the departments
/// at the speeds the generator gives them (so the evaluation has a slow department to show).
@Suite struct DemoCaseTimelineTests {
    static let now = ISODay.parse("2026-11-26")!
    static let history = DemoCaseTimeline.apply(DemoCityGenerator.generate(scale: .small, seed: 42, now: now).history, now: now)

    @Test func milestonesAreInOrderAndNotAfterNow() throws {
        var cases = 0
        for inspection in Self.history {
            for v in inspection.violations {
                let t = try #require(v.timeline)
                cases += 1
                let opened = inspection.departedAt
                for d in [t.decidedAt, t.acceptedAt, t.reinspectedAt, t.closedAt].compactMap({ $0 }) {
                    #expect(d >= opened && d <= Self.now, "\(v.code) at \(opened): \(t)")
                }
                if let decided = t.decidedAt, let accepted = t.acceptedAt { #expect(accepted <= decided) }
                if let due = t.rectificationDue { #expect(t.decidedAt.map { ISODay.format($0) <= due } == true) }
                if let re = t.reinspectedAt, let due = t.rectificationDue { #expect(ISODay.format(re) >= due) }
                if let closed = t.closedAt, let re = t.reinspectedAt { #expect(closed >= re) }
                #expect((t.closedAt != nil) == [.closedRectified, .closedEscalated].contains(v.caseState))
                #expect((t.decidedAt != nil) == [.decided, .rectificationOrdered, .reinspection, .closedRectified, .closedEscalated].contains(v.caseState))
                if v.caseState == .referred { #expect(t.referredFrom != nil && t.acceptedAt == nil) }
                if let from = t.referredFrom { #expect(from != v.department) }
            }
        }
        #expect(cases > 1_000)
    }

    @Test func departmentsDecideAtTheirOwnSpeedAndRunsRepeat() throws {
        var days: [DepartmentCode: [Double]] = [:]
        for inspection in Self.history {
            for v in inspection.violations {
                if let decided = v.timeline?.decidedAt, v.timeline?.referredFrom == nil {
                    days[v.department, default: []].append(decided.timeIntervalSince(inspection.departedAt) / 86_400)
                }
            }
        }
        func median(_ d: DepartmentCode) -> Double { let s = (days[d] ?? [0]).sorted(); return s[s.count / 2] }
        #expect(median(.police) < median(.culture) && median(.culture) < median(.tobacco), "\(days.mapValues { $0.count })")
        let again = DemoCaseTimeline.apply(DemoCityGenerator.generate(scale: .small, seed: 42, now: Self.now).history, now: Self.now)
        #expect(again == Self.history)
    }
}
