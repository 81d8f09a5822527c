import Foundation
import Testing
@testable import SweepCore

/// What a decision does to the registry, without a database.
@Suite struct RegistryEffectsTests {
    static let licences = [
        LicenceFacts(id: 1, type: .networkCulture, issuer: .culture, status: .valid),
        LicenceFacts(id: 2, type: .business, issuer: .marketRegulation, status: .valid),
        LicenceFacts(id: 3, type: .fireSafety, issuer: DepartmentCode(rawValue: "FIRE"), status: .revoked),
    ]
    static let day = ISODay.parse("2026-12-01")!

    @Test func closureClosesTheVenueAndNothingElse() {
        let effects = RegistryEffects.of(CaseDecision(kinds: [.closureUnlicensed, .confiscation]), caseId: 7, department: .culture, venueKind: .internetCafe,
                                         licences: [], decidedOn: Self.day)
        #expect(effects.map(\.change) == [.venueClosed] && effects[0].reason.contains("case 7"))
    }

    @Test func revocationTakesTheDecidingDepartmentsLicenceOrTheVenueKindsOwn() {
        let culture = RegistryEffects.of(CaseDecision(kinds: [.revocation]), caseId: 1, department: .culture, venueKind: .internetCafe,
                                         licences: Self.licences, decidedOn: Self.day)
        #expect(culture.map(\.licenceId) == [1] && culture.allSatisfy { $0.change == .licenceRevoked })
        let police = RegistryEffects.of(CaseDecision(kinds: [.revocation]), caseId: 1, department: .police, venueKind: .internetCafe,
                                        licences: Self.licences, decidedOn: Self.day)
        #expect(police.map(\.licenceId) == [1], "the police issued none here: the café's own licence")
        let nothing = RegistryEffects.of(CaseDecision(kinds: [.revocation]), caseId: 1, department: .police, venueKind: .other,
                                         licences: Self.licences, decidedOn: Self.day)
        #expect(nothing.isEmpty)
    }

    @Test func suspensionSuspendsEveryValidLicenceForItsPeriod() {
        let effects = RegistryEffects.of(CaseDecision(kinds: [.suspension], suspensionDays: 30), caseId: 2, department: .police, venueKind: .internetCafe,
                                         licences: Self.licences, decidedOn: Self.day)
        #expect(effects.map(\.licenceId) == [1, 2], "the revoked fire licence stays revoked")
        #expect(effects.allSatisfy { $0.change == .licenceSuspended && $0.until.map(ISODay.format) == "2026-12-31" })
        let open = RegistryEffects.of(CaseDecision(kinds: [.suspension]), caseId: 2, department: .police, venueKind: .internetCafe,
                                      licences: Self.licences, decidedOn: Self.day)
        #expect(open.allSatisfy { $0.until == nil })
    }

    @Test func suspensionDaysAreCheckedWithTheDecision() {
        #expect(CaseDecision(kinds: [.warning], suspensionDays: 10).issues().map(\.location) == ["decision.suspension_days"])
        #expect(CaseDecision(kinds: [.suspension], suspensionDays: 0).issues().map(\.location) == ["decision.suspension_days"])
        #expect(CaseDecision(kinds: [.suspension], suspensionDays: 90).issues().isEmpty)
    }
}
