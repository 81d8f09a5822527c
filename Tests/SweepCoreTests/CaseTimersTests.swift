import Foundation
import Testing
@testable import SweepCore

/// 2026-12-03 21:40 China Standard Time.
private let t0 = ISODay.parse("2026-12-03")!.addingTimeInterval(13 * 3600 + 40 * 60)
private let day: TimeInterval = 86_400
private let fine = CaseDecision(kinds: [.fine], fineYuan: 3000)

private func timer(_ name: String, _ s: CaseSnapshot, now: Date) -> CaseTimer? {
    CaseTimers.timers(for: s, now: now).first { $0.name == name }
}

@Test func decisionIsDueNinetyDaysAfterOpening() throws {
    let s = CaseSnapshot(departmentCode: .culture, openedAt: t0)
    let due = t0.addingTimeInterval(90 * day)
    #expect(timer("decision", s, now: t0)?.due == due)
    #expect(timer("decision", s, now: t0)?.basis == "行政处罚法 60: decision within 90 days of filing")
    #expect(timer("decision", s, now: due)?.overdue == false)
    #expect(timer("decision", s, now: due.addingTimeInterval(1))?.overdue == true)
    let decided = try CaseMachine.apply(.decide(fine), to: s, at: due.addingTimeInterval(2))
    let after = timer("decision", decided, now: due.addingTimeInterval(3))
    #expect(after?.done == true && after?.overdue == false)
    #expect(CaseTimers.timers(for: s, now: t0).map(\.name) == ["decision"])
}

@Test func deliveryIsDueSevenDaysAfterTheDecision() throws {
    let decidedAt = t0.addingTimeInterval(10 * day)
    let s = try CaseMachine.apply(.decide(fine), to: CaseSnapshot(departmentCode: .culture, openedAt: t0), at: decidedAt)
    let due = decidedAt.addingTimeInterval(7 * day)
    #expect(timer("delivery", s, now: decidedAt)?.due == due)
    #expect(timer("delivery", s, now: due)?.overdue == false)
    #expect(timer("delivery", s, now: due.addingTimeInterval(1))?.overdue == true)
    let delivered = try CaseMachine.apply(.deliver, to: s, at: due.addingTimeInterval(60))
    #expect(timer("delivery", delivered, now: due.addingTimeInterval(120))?.done == true)
    #expect(timer("delivery", delivered, now: due.addingTimeInterval(120))?.overdue == false)
}

@Test func criminalReferralTimersRunThreeDaysThenTwentyFourHours() throws {
    var s = try CaseMachine.apply(.flagCriminal, to: CaseSnapshot(departmentCode: .marketRegulation, openedAt: t0), at: t0)
    let decisionDue = t0.addingTimeInterval(3 * day)
    #expect(timer("criminal_referral_decision", s, now: t0)?.due == decisionDue)
    #expect(timer("criminal_referral_decision", s, now: decisionDue)?.overdue == false)
    #expect(timer("criminal_referral_decision", s, now: decisionDue.addingTimeInterval(1))?.overdue == true)
    #expect(timer("criminal_handover", s, now: t0) == nil)

    let decidedAt = t0.addingTimeInterval(2 * day)
    s = try CaseMachine.apply(.decide(CaseDecision(kinds: [.criminalReferral])), to: s, at: decidedAt)
    #expect(timer("criminal_referral_decision", s, now: decidedAt)?.done == true)
    let handoverDue = decidedAt.addingTimeInterval(24 * 3600)
    #expect(timer("criminal_handover", s, now: decidedAt)?.due == handoverDue)
    #expect(timer("criminal_handover", s, now: handoverDue)?.overdue == false)
    #expect(timer("criminal_handover", s, now: handoverDue.addingTimeInterval(1))?.overdue == true)
    #expect(CaseTimers.overdue(s, now: handoverDue.addingTimeInterval(1)).map(\.name) == ["criminal_handover"])

    let answerBy = handoverDue.addingTimeInterval(3 * day)
    s = try CaseMachine.apply(.refer(to: .police, deadline: answerBy), to: s, at: handoverDue.addingTimeInterval(600))
    #expect(timer("criminal_handover", s, now: handoverDue.addingTimeInterval(700))?.done == true)
    #expect(timer("referral_acceptance", s, now: answerBy.addingTimeInterval(1))?.overdue == true)
    s = try CaseMachine.apply(.accept, to: s, at: answerBy.addingTimeInterval(2))
    #expect(timer("referral_acceptance", s, now: answerBy.addingTimeInterval(3))?.done == true)
}

@Test func referralMustBeAcceptedByItsDeadline() throws {
    let deadline = t0.addingTimeInterval(5 * day)
    let s = try CaseMachine.apply(.refer(to: .culture, deadline: deadline), to: CaseSnapshot(departmentCode: .police, openedAt: t0), at: t0)
    let t = timer("referral_acceptance", s, now: deadline)
    #expect(t?.due == deadline && t?.done == false && t?.overdue == false)
    #expect(t?.basis.contains("referral to CUL") == true)
    #expect(timer("referral_acceptance", s, now: deadline.addingTimeInterval(1))?.overdue == true)
    let accepted = try CaseMachine.apply(.accept, to: s, at: deadline.addingTimeInterval(-1))
    #expect(timer("referral_acceptance", accepted, now: deadline.addingTimeInterval(1))?.done == true)
    #expect(CaseTimers.overdue(accepted, now: deadline.addingTimeInterval(1)).isEmpty)
}

@Test func rectificationEndsAtMidnightChinaStandardTime() throws {
    var s = CaseSnapshot(departmentCode: .culture, openedAt: t0)
    s = try CaseMachine.apply(.decide(fine), to: s, at: t0)
    s = try CaseMachine.apply(.deliver, to: s, at: t0)
    s = try CaseMachine.apply(.orderRectification(due: "2026-12-10"), to: s, at: t0)
    let end = ISODay.parse("2026-12-10")!.addingTimeInterval(16 * 3600)  // 2026-12-11 00:00 UTC+8
    #expect(CaseCalendar.endOfDay("2026-12-10") == end)
    #expect(timer("rectification", s, now: t0)?.due == end)
    #expect(!CaseTimers.reinspectionDue(s, now: end.addingTimeInterval(-1)))
    #expect(!CaseTimers.reinspectionDue(s, now: end))
    #expect(CaseTimers.reinspectionDue(s, now: end.addingTimeInterval(1)))
    // Still 2026-12-10 in UTC, already 07:00 on the 11th in China: the deadline has passed.
    #expect(CaseTimers.reinspectionDue(s, now: ISODay.parse("2026-12-10")!.addingTimeInterval(23 * 3600)))
    #expect(timer("rectification", s, now: end.addingTimeInterval(1))?.overdue == true)
    #expect(timer("rectification", s, now: end)?.overdue == false)

    let reinspected = try CaseMachine.apply(.recordReinspection(passed: false), to: s, at: end.addingTimeInterval(3600))
    #expect(!CaseTimers.reinspectionDue(reinspected, now: end.addingTimeInterval(7200)))
    #expect(timer("rectification", reinspected, now: end.addingTimeInterval(7200))?.done == true)
}

@Test func timersComeSoonestFirst() throws {
    var s = CaseSnapshot(departmentCode: .culture, openedAt: t0)
    s = try CaseMachine.apply(.decide(fine), to: s, at: t0.addingTimeInterval(day))
    s = try CaseMachine.apply(.orderRectification(due: "2026-12-20"), to: s, at: t0.addingTimeInterval(day))
    let names = CaseTimers.timers(for: s, now: t0).map(\.name)
    #expect(names == ["delivery", "rectification", "decision"])
    #expect(CaseTimers.overdue(s, now: t0.addingTimeInterval(9 * day)).map(\.name) == ["delivery"])
}
