import Foundation
import Testing
@testable import SweepCore

/// The plan lifecycle, over every event from every status.
@Suite struct PlanMachineTests {
    @Test func everyEventFromEveryStatus() throws {
        let expected: [PlanStatus: [PlanEvent: PlanStatus]] = [
            .draft: [.approve: .approved, .discard: .discarded, .repair: .draft],
            .approved: [.dispatch: .dispatched, .discard: .discarded, .repair: .approved],
            .dispatched: [.dispatch: .dispatched, .complete: .done, .repair: .dispatched],
            .done: [:],
            .discarded: [:],
        ]
        for status in PlanStatus.allCases {
            for event in PlanEvent.allCases {
                if let next = expected[status]?[event] {
                    #expect(try PlanMachine.next(event, from: status, planID: 7) == next, "\(event) from \(status)")
                } else {
                    #expect(throws: SweepError.self, "\(event) from \(status)") { try PlanMachine.next(event, from: status, planID: 7) }
                }
            }
            #expect(Set(PlanMachine.allowed(from: status)) == Set(expected[status]?.keys.map { $0 } ?? []))
        }
        #expect(try PlanMachine.next(.complete, from: .dispatched, planID: 1, openSweepsAfter: 3) == .dispatched)
    }

    @Test func sealedUntilEverySweepIsDispatched() {
        #expect(PlanMachine.isSealed(.draft, anySweepPlanned: false))
        #expect(PlanMachine.isSealed(.approved, anySweepPlanned: false))
        #expect(PlanMachine.isSealed(.dispatched, anySweepPlanned: true))
        #expect(!PlanMachine.isSealed(.dispatched, anySweepPlanned: false))
        #expect(!PlanMachine.isSealed(.done, anySweepPlanned: false))
    }

    @Test func whoSeesWhichSweeps() throws {
        let coordinator = Principal(id: 1, name: "c", role: .coordinator, department: nil, scope: [])
        var inspector = Principal(id: 2, name: "i", role: .inspector, department: .culture, scope: [])
        #expect(try PlanVisibility.of(coordinator) == .all)
        #expect(throws: SweepError.self) { try PlanVisibility.of(inspector) }
        inspector.inspectorId = 42
        #expect(try PlanVisibility.of(inspector) == .inspector(42))
        #expect(try PlanVisibility.calendarInspector(for: inspector, requested: nil) == 42)
        #expect(try PlanVisibility.calendarInspector(for: inspector, requested: 41) == 41)   // AccessPolicy then hides it (404)
        #expect(throws: SweepError.self) { try PlanVisibility.calendarInspector(for: coordinator, requested: nil) }
        #expect(try PlanVisibility.calendarInspector(for: coordinator, requested: 41) == 41)
    }
}

/// Who a new token may see, as an admin writes it.
@Suite struct TokenScopeTests {
    @Test func nonAdminTokensNeedAScopeAndEverywhereIsSaidOutLoud() throws {
        #expect(try TokenScope.parse(nil, role: .admin) == [])
        for role in [Role.coordinator, .inspector, .handler, .leader] {
            #expect(throws: SweepError.self) { try TokenScope.parse(nil, role: role) }
            #expect(throws: SweepError.self) { try TokenScope.parse("  ", role: role) }
        }
        #expect(try TokenScope.parse("all", role: .leader) == [])
        #expect(try TokenScope.parse("420102, 420103", role: .coordinator) == ["420102", "420103"])
        #expect(throws: SweepError.self) { try TokenScope.parse("420102,,420103", role: .coordinator) }
        #expect(throws: SweepError.self) { try TokenScope.parse("all,420102", role: .coordinator) }
        #expect(TokenScope.describe([]) == "everywhere (province-wide)")
    }
}
