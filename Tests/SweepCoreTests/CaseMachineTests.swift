import Foundation
import Testing
@testable import SweepCore

/// 2026-12-03 21:40 China Standard Time.
private let t0 = ISODay.parse("2026-12-03")!.addingTimeInterval(13 * 3600 + 40 * 60)
private func at(hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }
private let fine = CaseDecision(kinds: [.warning, .fine], fineYuan: 5000, legalBasis: "未成年人保护法 2020 123")

private func opened(_ department: DepartmentCode = .culture) -> CaseSnapshot {
    CaseSnapshot(departmentCode: department, openedAt: t0)
}

private func run(_ steps: [(CaseAction, Double)], from start: CaseSnapshot = opened()) throws -> CaseSnapshot {
    try steps.reduce(start) { s, step in try CaseMachine.apply(step.0, to: s, at: at(hours: step.1)) }
}

private func conflict(_ action: CaseAction, _ s: CaseSnapshot, hours: Double = 500) -> String? {
    do {
        _ = try CaseMachine.apply(action, to: s, at: at(hours: hours))
        return nil
    } catch SweepError.conflict(let message) {
        return message
    } catch {
        return "unexpected \(error)"
    }
}

private func invalid(_ action: CaseAction, _ s: CaseSnapshot, hours: Double = 500) -> [FieldIssue] {
    do {
        _ = try CaseMachine.apply(action, to: s, at: at(hours: hours))
        return []
    } catch SweepError.invalid(let issues) {
        return issues
    } catch {
        return [FieldIssue(location: "unexpected", reason: "\(error)")]
    }
}

@Test func referredCaseRunsToRectifiedClosure() throws {
    var s = opened(.police)
    s = try CaseMachine.apply(.refer(to: .culture, deadline: at(hours: 72)), to: s, at: at(hours: 1))
    #expect(s.state == .referred && s.referredTo == .culture && s.referralDeadline == at(hours: 72) && s.referredAt == at(hours: 1))
    s = try CaseMachine.apply(.accept, to: s, at: at(hours: 2))
    #expect(s.state == .accepted && s.acceptedAt == at(hours: 2))
    s = try CaseMachine.apply(.decide(fine), to: s, at: at(hours: 48))
    #expect(s.state == .decided && s.decision == fine && s.decidedAt == at(hours: 48))
    s = try CaseMachine.apply(.deliver, to: s, at: at(hours: 50))
    #expect(s.state == .decided && s.deliveredAt == at(hours: 50))
    s = try CaseMachine.apply(.orderRectification(due: "2026-12-12"), to: s, at: at(hours: 50))
    #expect(s.state == .rectificationOrdered && s.rectificationDue == "2026-12-12")
    s = try CaseMachine.apply(.recordReinspection(passed: true), to: s, at: at(hours: 100))
    #expect(s.state == .reinspection && s.reinspectionPassed == true && s.reinspectedAt == at(hours: 100))
    s = try CaseMachine.apply(.close(rectified: true), to: s, at: at(hours: 101))
    #expect(s.state == .closedRectified && s.closedAt == at(hours: 101))
}

@Test func failedReinspectionClosesEscalated() throws {
    let s = try run([(.decide(fine), 1), (.orderRectification(due: "2026-12-10"), 2), (.deliver, 3)])
    // Delivery is allowed once the order is out too.
    #expect(s.state == .rectificationOrdered && s.deliveredAt == at(hours: 3))
    let failed = try CaseMachine.apply(.recordReinspection(passed: false), to: s, at: ISODay.parse("2026-12-11")!.addingTimeInterval(3600))
    #expect(failed.state == .reinspection && failed.reinspectionPassed == false)
    let closed = try CaseMachine.apply(.close(rectified: false), to: failed, at: ISODay.parse("2026-12-12")!)
    #expect(closed.state == .closedEscalated)
}

@Test func failedReinspectionWaitsUntilTheDeadlineDayHasEndedInChina() throws {
    let s = try run([(.decide(fine), 1), (.deliver, 2), (.orderRectification(due: "2026-12-10"), 3)])
    let endOfDue = ISODay.parse("2026-12-10")!.addingTimeInterval(16 * 3600)  // 2026-12-11 00:00 UTC+8
    for instant in [endOfDue.addingTimeInterval(-1), endOfDue] {
        do {
            _ = try CaseMachine.apply(.recordReinspection(passed: false), to: s, at: instant)
            Issue.record("failed re-inspection accepted at \(instant)")
        } catch SweepError.conflict(let message) {
            #expect(message.contains("before the deadline has passed (end of 2026-12-10, UTC+8)"))
        }
    }
    #expect(try CaseMachine.apply(.recordReinspection(passed: false), to: s, at: endOfDue.addingTimeInterval(1)).state == .reinspection)
    // A passing re-inspection may come early.
    #expect(try CaseMachine.apply(.recordReinspection(passed: true), to: s, at: at(hours: 4)).reinspectionPassed == true)
}

@Test func decisionsThatEndTheMatterCloseWithoutRectification() throws {
    for kinds: [CaseDecisionKind] in [[.revocation], [.closureUnlicensed, .confiscation], [.noPenaltyFirstMinorOffence]] {
        let decided = try run([(.decide(CaseDecision(kinds: kinds)), 1)])
        #expect(conflict(.close(rectified: true), decided) == "case is decided; close is not allowed yet: the decision has not been delivered (行政处罚法 61); allowed now: order_rectification, deliver")
        let delivered = try CaseMachine.apply(.deliver, to: decided, at: at(hours: 2))
        #expect(CaseMachine.allowedActions(for: delivered) == ["order_rectification", "close"])
        #expect(try CaseMachine.apply(.close(rectified: true), to: delivered, at: at(hours: 3)).state == .closedRectified)
        #expect(invalid(.close(rectified: false), delivered).map(\.location) == ["rectified"])
    }
}

@Test func aFineNeedsRectificationBeforeClosing() throws {
    let s = try run([(.decide(fine), 1), (.deliver, 2)])
    #expect(conflict(.close(rectified: true), s) == "case is decided; close is not allowed yet: the decision (warning, fine) needs a rectification order and a re-inspection first; allowed now: order_rectification")
}

@Test func criminalSuspicionIsDecidedThenHandedToThePolice() throws {
    var s = try CaseMachine.apply(.flagCriminal, to: opened(), at: at(hours: 1))
    #expect(s.criminalReferral && s.criminalDecisionDue == at(hours: 73) && s.state == .open)
    #expect(conflict(.flagCriminal, s)?.hasPrefix("case is open; flag_criminal is not allowed yet: criminal suspicion is already flagged") == true)
    s = try CaseMachine.apply(.decide(CaseDecision(kinds: [.closureUnlicensed, .criminalReferral])), to: s, at: at(hours: 20))
    #expect(CaseMachine.allowedActions(for: s) == ["order_rectification", "deliver", "refer"])
    #expect(invalid(.refer(to: .marketRegulation, deadline: at(hours: 100)), s, hours: 21).map(\.location) == ["to"])
    s = try CaseMachine.apply(.refer(to: .police, deadline: at(hours: 93)), to: s, at: at(hours: 21))
    // The hand-over keeps the decided case where it is.
    #expect(s.state == .decided && s.referredTo == .police && s.referredAt == at(hours: 21))
    #expect(conflict(.refer(to: .police, deadline: at(hours: 200)), s) == "case is decided; refer is not allowed yet: the case is already with the police (PSB); allowed now: order_rectification, deliver, accept")
    s = try CaseMachine.apply(.accept, to: s, at: at(hours: 30))
    #expect(s.state == .decided && s.acceptedAt == at(hours: 30))
    s = try run([(.deliver, 31), (.close(rectified: true), 32)], from: s)
    #expect(s.state == .closedRectified)
}

@Test func closingACriminalReferralNeedsTheHandover() throws {
    let s = try run([(.decide(CaseDecision(kinds: [.criminalReferral])), 1), (.deliver, 2)])
    #expect(conflict(.close(rectified: true), s) == "case is decided; close is not allowed yet: the criminal referral has not been handed to the police (PSB); allowed now: order_rectification, refer")
}

@Test func actionsOutsideTheirStatesAreConflictsNamingWhatIsAllowed() throws {
    let decided = try run([(.decide(fine), 1)])
    #expect(conflict(.refer(to: .police, deadline: at(hours: 900)), decided) == "case is decided; refer is not allowed; allowed: order_rectification, deliver, close")
    #expect(conflict(.accept, opened()) == "case is open; accept is not allowed; allowed: refer, flag_criminal, decide")
    #expect(conflict(.recordReinspection(passed: true), decided) == "case is decided; record_reinspection is not allowed; allowed: order_rectification, deliver, close")
    let referred = try run([(.refer(to: .police, deadline: at(hours: 72)), 1)])
    #expect(conflict(.decide(fine), referred) == "case is referred; decide is not allowed; allowed: accept")
    let closed = try run([(.decide(CaseDecision(kinds: [.revocation])), 1), (.deliver, 2), (.close(rectified: true), 3)])
    #expect(conflict(.deliver, closed) == "case is closed_rectified; deliver is not allowed; allowed: none (the case is closed)")
    let delivered = try run([(.decide(fine), 1), (.deliver, 2)])
    #expect(conflict(.deliver, delivered) == "case is decided; deliver is not allowed yet: the decision was already delivered; allowed now: order_rectification")
    let undelivered = try run([(.decide(fine), 1), (.orderRectification(due: "2026-12-05"), 2)])
    #expect(conflict(.recordReinspection(passed: true), undelivered)?.contains("not allowed yet: the decision and its rectification order have not been delivered") == true)
}

@Test func allowedActionsByState() {
    #expect(CaseMachine.allowedActions(from: .open) == ["refer", "flag_criminal", "decide"])
    #expect(CaseMachine.allowedActions(from: .referred) == ["accept"])
    #expect(CaseMachine.allowedActions(from: .accepted) == ["flag_criminal", "decide"])
    #expect(CaseMachine.allowedActions(from: .decided) == ["order_rectification", "deliver", "close"])
    #expect(CaseMachine.allowedActions(from: .rectificationOrdered) == ["deliver", "record_reinspection"])
    #expect(CaseMachine.allowedActions(from: .reinspection) == ["close"])
    #expect(CaseMachine.allowedActions(from: .closedRectified).isEmpty && CaseMachine.allowedActions(from: .closedEscalated).isEmpty)
}

@Test func decisionPayloadsAreValidatedWithFieldPaths() {
    func locations(_ d: CaseDecision) -> [String] { invalid(.decide(d), opened(), hours: 1).map(\.location) }
    #expect(locations(CaseDecision(kinds: [.fine])) == ["decision.fine_yuan"])
    #expect(locations(CaseDecision(kinds: [.fine], fineYuan: 0)) == ["decision.fine_yuan"])
    #expect(locations(CaseDecision(kinds: [.fine], fineYuan: -5)) == ["decision.fine_yuan"])
    #expect(locations(CaseDecision(kinds: [.warning], fineYuan: 500)) == ["decision.fine_yuan"])
    #expect(locations(CaseDecision(kinds: [.noPenaltyFirstMinorOffence, .warning])) == ["decision.kinds"])
    #expect(locations(CaseDecision(kinds: [])) == ["decision.kinds"])
    #expect(locations(CaseDecision(kinds: [.closureUnlicensed, .revocation])) == ["decision.kinds"])
    #expect(locations(CaseDecision(kinds: [.warning], legalBasis: "  ")) == ["decision.legal_basis"])
    #expect(locations(CaseDecision(kinds: [.fine, .fine], fineYuan: 100)) == ["decision.kinds"])
    #expect(invalid(.decide(CaseDecision(kinds: [.fine])), opened(), hours: 1).first?.reason == "is required when kinds contains fine (the amount in yuan)")
    #expect(locations(CaseDecision(kinds: [.fine, .confiscation], fineYuan: 5000)).isEmpty)
}

@Test func referralAndRectificationPayloadsAreValidated() throws {
    #expect(invalid(.refer(to: .police, deadline: at(hours: 1)), opened(), hours: 1).map(\.location) == ["deadline"])
    #expect(invalid(.refer(to: .culture, deadline: at(hours: 9)), opened(), hours: 1).map(\.location) == ["to"])
    #expect(invalid(.refer(to: "", deadline: at(hours: 0)), opened(), hours: 1).map(\.location) == ["to", "deadline"])

    // Decided at 00:30 on 2026-12-04 in China, which is still 2026-12-03 in UTC.
    let decidedAt = ISODay.parse("2026-12-03")!.addingTimeInterval(16.5 * 3600)
    let decided = try CaseMachine.apply(.decide(fine), to: opened(), at: decidedAt)
    func dueIssues(_ due: String) -> [FieldIssue] {
        do {
            _ = try CaseMachine.apply(.orderRectification(due: due), to: decided, at: decidedAt)
            return []
        } catch SweepError.invalid(let issues) { return issues } catch { return [] }
    }
    #expect(dueIssues("2026-12-03").first?.reason == "must not be before the decision day 2026-12-04 (China Standard Time)")
    #expect(dueIssues("2026-12-04").isEmpty)
    #expect(dueIssues("2026-12-4").first?.location == "due")
    #expect(dueIssues("2026-02-30").first?.reason == "must be a day written YYYY-MM-DD")
}

@Test func closingMustMatchTheReinspectionResult() throws {
    let passed = try run([(.decide(fine), 1), (.deliver, 2), (.orderRectification(due: "2026-12-05"), 3), (.recordReinspection(passed: true), 4)])
    #expect(invalid(.close(rectified: false), passed).first?.reason == "must be true: the re-inspection passed")
    let failed = try run([(.decide(fine), 1), (.deliver, 2), (.orderRectification(due: "2026-12-05"), 3), (.recordReinspection(passed: false), 100)])
    #expect(invalid(.close(rectified: true), failed).first?.reason.hasPrefix("must be false: the re-inspection failed") == true)
}

@Test func stepsCannotBeDatedBeforeTheLastOne() throws {
    let decided = try run([(.decide(fine), 10)])
    #expect(invalid(.deliver, decided, hours: 9).map(\.location) == ["occurred_at"])
}

@Test func actionsEncodeAsSnakeCaseJSON() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    encoder.keyEncodingStrategy = .convertToSnakeCase
    func json(_ a: CaseAction) throws -> String { String(decoding: try encoder.encode(a), as: UTF8.self) }
    #expect(try json(.refer(to: .police, deadline: ISODay.parse("2026-12-06")!)) == #"{"action":"refer","deadline":"2026-12-06T00:00:00Z","to":"PSB"}"#)
    #expect(try json(.flagCriminal) == #"{"action":"flag_criminal"}"#)
    #expect(try json(.orderRectification(due: "2026-12-10")) == #"{"action":"order_rectification","due":"2026-12-10"}"#)
    #expect(try json(.recordReinspection(passed: false)) == #"{"action":"record_reinspection","passed":false}"#)
    #expect(try json(.close(rectified: true)) == #"{"action":"close","rectified":true}"#)
    #expect(try json(.decide(CaseDecision(kinds: [.fine, .closureUnlicensed], fineYuan: 20000))) == #"{"action":"decide","decision":{"fine_yuan":20000,"kinds":["fine","closure_unlicensed"]}}"#)

    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let all: [CaseAction] = [.refer(to: .culture, deadline: ISODay.parse("2026-12-06")!), .accept, .flagCriminal, .decide(fine), .deliver,
                             .orderRectification(due: "2026-12-10"), .recordReinspection(passed: true), .close(rectified: false)]
    for action in all {
        #expect(try decoder.decode(CaseAction.self, from: encoder.encode(action)) == action)
    }
    #expect(all.map(\.name) == CaseAction.names)
    #expect(throws: DecodingError.self) { try decoder.decode(CaseAction.self, from: Data(#"{"action":"appeal"}"#.utf8)) }
}
