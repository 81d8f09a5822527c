import Foundation
import Testing
@testable import SweepCore

/// The access matrix, stated a second time by hand and compared cell by cell with `AccessPolicy`:
/// every permission × role × {in scope, out of scope, other department}.
@Suite struct AccessPolicyTests {
    /// A: allowed · H: hidden (404) · R: refused (403, with the reason) · D: the role may not (403).
    /// Five triples per permission, in role order admin, coordinator, inspector, handler, leader;
    /// each triple is in scope, out of scope, other department.
    static let expected: [(Permission, String)] = [
        (Permission(.profile, .read), "AAA AAA AAA AAA AAA"),
        (Permission(.session, .read), "AAA AAA AAA AAA AAA"),
        (Permission(.session, .change), "AAA AAA AAA AAA AAA"),
        (Permission(.signinCode, .create), "AAA ARA DDD DDD DDD"),
        (Permission(.device, .read), "AAA AHA DDD DDD DDD"),
        (Permission(.device, .change), "AAA ARA DDD DDD DDD"),
        (Permission(.catalogue, .read), "AAA AAA AAA AAA AAA"),
        (Permission(.venue, .read), "AAA AHA AHA AHA AHA"),
        (Permission(.venue, .change), "AAA ARA DDD DDD DDD"),
        (Permission(.venue, .create), "AAA ARA ARA DDD DDD"),
        (Permission(.school, .change), "AAA ARA DDD DDD DDD"),
        (Permission(.event, .read), "AAA AHA DDD DDD DDD"),
        (Permission(.campaign, .create), "AAA ARA DDD DDD DDD"),
        (Permission(.campaign, .read), "AAA AHA DDD DDD AHA"),
        (Permission(.campaign, .change), "AAA ARA DDD DDD DDD"),
        (Permission(.plan, .create), "AAA ARA DDD DDD DDD"),
        (Permission(.plan, .change), "AAA ARA DDD DDD DDD"),
        (Permission(.plan, .read), "AAA AHA AHA DDD AHA"),
        (Permission(.planInternals, .read), "AAA AHA DDD DDD DDD"),
        (Permission(.calendar, .read), "AAA AHA AHA DDD DDD"),
        (Permission(.roster, .read), "AAA AHA DDD DDD DDD"),
        (Permission(.roster, .change), "AAA ARA DDD DDD DDD"),
        (Permission(.submission, .create), "AAA ARA ARR DDD DDD"),
        (Permission(.inspection, .read), "AAA AHA AHA AHH DDD"),
        (Permission(.finding, .create), "AAA ARA ARR DDD DDD"),
        (Permission(.evidence, .create), "AAA AAA AAA DDD DDD"),
        (Permission(.evidence, .read), "AAA AHA DDD AHH DDD"),
        (Permission(.caseFile, .read), "AAA AHA DDD AHH AHA"),
        (Permission(.caseFile, .change), "AAA DDD DDD ARR DDD"),
        (Permission(.tip, .create), "AAA ARA DDD ARA DDD"),
        (Permission(.tip, .read), "AAA AHA DDD AHH DDD"),
        (Permission(.tip, .change), "AAA ARA DDD ARR DDD"),
        (Permission(.heatMap, .read), "AAA AHA DDD DDD AHA"),
        (Permission(.offenders, .read), "AAA AHA DDD DDD AHA"),
        (Permission(.report, .read), "AAA AHA DDD DDD AHA"),
        (Permission(.audit, .read), "AAA DDD DDD DDD DDD"),
    ]

    static let roleOrder: [Role] = [.admin, .coordinator, .inspector, .handler, .leader]
    static let district = ["420102", "420100", "420000"]
    static let otherDistrict = ["420103", "420100", "420000"]

    static func principal(_ role: Role) -> Principal {
        Principal(id: 1, name: role.rawValue, role: role, department: [.inspector, .handler].contains(role) ? .culture : nil,
                  scope: role == .admin ? [] : ["420102"], inspectorId: role == .inspector ? 7 : nil, reach: role == .admin ? nil : [3])
    }

    static let situations: [AccessTarget] = [
        AccessTarget(name: "in", places: [district], departments: [.culture], sweepMembers: [7], dispatched: true, role: .inspector),
        AccessTarget(name: "out", places: [otherDistrict], departments: [.culture], sweepMembers: [8], dispatched: true, role: .inspector),
        AccessTarget(name: "other", places: [district], departments: [.tobacco], sweepMembers: [7], dispatched: true, role: .inspector),
    ]

    static func letter(_ decision: AccessDecision, roleHolds: Bool) -> Character {
        switch decision {
        case .allow: "A"
        case .hide: "H"
        case .refuse: roleHolds ? "R" : "D"
        }
    }

    @Test func everyCellOfTheMatrixDecidesAsWritten() {
        for (permission, row) in Self.expected {
            let triples = row.split(separator: " ")
            #expect(triples.count == Self.roleOrder.count, "\(permission)")
            for (role, triple) in zip(Self.roleOrder, triples) {
                let holds = AccessPolicy.rule(permission, for: role) != nil
                let got = String(Self.situations.map { Self.letter(AccessPolicy.decide(Self.principal(role), permission, $0), roleHolds: holds) })
                #expect(got == String(triple), "\(permission) as \(role.rawValue): expected \(triple), got \(got)")
            }
        }
    }

    @Test func theHandWrittenTableCoversTheWholeMatrix() {
        let listed = Set(Self.expected.map(\.0))
        #expect(listed == Set(AccessPolicy.matrix.keys))
        #expect(Set(AccessPolicy.matrix.keys.map(\.resource)) == Set(Resource.allCases), "every resource has a row")
        for permission in AccessPolicy.matrix.keys {
            #expect(AccessPolicy.rule(permission, for: .admin) != nil, "admins may \(permission)")
        }
    }

    @Test func refusalsSayWhyAndReadsDoNotLeakExistence() {
        let coordinator = Self.principal(.coordinator)
        guard case .refuse(let why) = AccessPolicy.decide(coordinator, Permission(.plan, .change), Self.situations[1]) else {
            Issue.record("an out-of-scope write is refused"); return
        }
        #expect(why.contains("420102"), "names the caller's scope: \(why)")
        #expect(AccessPolicy.decide(coordinator, Permission(.caseFile, .read), Self.situations[1]) == .hide("out"))
        guard case .refuse(let role) = AccessPolicy.admit(Self.principal(.leader), Permission(.audit, .read)) else {
            Issue.record("a role without the permission is refused"); return
        }
        #expect(role.contains("admin") && role.contains("leader"), "\(role)")
    }

    @Test func coordinatorsIssueSigninCodesOnlyForInspectorsWithinTheirArea() {
        let coordinator = Self.principal(.coordinator)
        let create = Permission(.signinCode, .create)
        var leader = Self.situations[0]
        leader.role = .leader
        guard case .refuse(let why) = AccessPolicy.decide(coordinator, create, leader) else { Issue.record("a leader's code is refused"); return }
        #expect(why.contains("inspectors only") && why.contains("sweep token signin-code"), "\(why)")
        let provinceWide = AccessTarget(name: "principal 9", places: [], role: .inspector)
        #expect(AccessPolicy.decide(coordinator, create, provinceWide) != .allow, "a province-wide inspector reaches beyond a district")
        var unknown = Self.situations[0]
        unknown.role = nil
        #expect(AccessPolicy.decide(coordinator, create, unknown) != .allow, "a target whose role was not loaded is refused")
        #expect(AccessPolicy.decide(Self.principal(.admin), create, leader) == .allow)
    }

    @Test func signinCodesAreShortReadableAndNormalized() {
        let code = SigninCode.generate()
        #expect(code.count == 11 && code.dropFirst(5).first == "-", "\(code)")
        guard let plain = SigninCode.normalize(code) else { Issue.record("\(code) normalizes"); return }
        #expect(SigninCode.normalize(" \(code.lowercased()) ") == plain)
        #expect(SigninCode.normalize(plain.replacingOccurrences(of: "-", with: "")) == plain)
        #expect(SigninCode.normalize("ABCDE-FGHJ0") == nil, "0 is not in the alphabet")
        #expect(SigninCode.normalize("ABCDE") == nil)
        #expect(Set((0..<200).map { _ in SigninCode.generate() }).count == 200)
        #expect(throws: SweepError.self) { try SigninCode.lifetime(minutes: 0) }
        #expect(throws: SweepError.self) { try SigninCode.lifetime(minutes: 24 * 60 + 1) }
        #expect(try! SigninCode.lifetime(minutes: nil) == 15 * 60)
    }

    @Test func leadersNeverSeeASealedPlan() {
        var sealed = Self.situations[0]
        sealed.dispatched = false
        #expect(AccessPolicy.decide(Self.principal(.leader), Permission(.plan, .read), sealed) == .hide("in"))
        #expect(AccessPolicy.decide(Self.principal(.coordinator), Permission(.plan, .read), sealed) == .allow)
        #expect(AccessPolicy.decide(Self.principal(.inspector), Permission(.plan, .read), sealed) == .hide("in"))
        #expect(AccessPolicy.rule(Permission(.planInternals, .read), for: .leader) == nil)
    }

    @Test func inspectorsFilePlannedVisitsOnlyForTheirOwnSweeps() {
        let inspector = Self.principal(.inspector)
        let mine = AccessTarget(name: "stop 1", places: [Self.otherDistrict], departments: [.culture], sweepMembers: [7], planned: true)
        let theirs = AccessTarget(name: "stop 2", places: [Self.district], departments: [.culture], sweepMembers: [8, 9], planned: true)
        #expect(AccessPolicy.decide(inspector, Permission(.submission, .create), mine) == .allow, "a stop of their sweep, even in another district")
        #expect(AccessPolicy.decide(inspector, Permission(.submission, .create), theirs) != .allow, "a stop of a sweep they are not on")
        let plain = AccessTarget(name: "visit", places: [Self.district], planned: false)
        #expect(AccessPolicy.decide(inspector, Permission(.submission, .create), plain) == .allow, "a plain visit has no department's findings")
        var unlinked = inspector
        unlinked.inspectorId = nil
        #expect(AccessPolicy.decide(unlinked, Permission(.submission, .create), mine) != .allow)
    }

    @Test func campaignsMustLieWhollyWithinScope() {
        let coordinator = Self.principal(.coordinator)
        let both = AccessTarget(name: "campaign", places: [Self.district, Self.otherDistrict])
        #expect(AccessPolicy.decide(coordinator, Permission(.campaign, .create), both) != .allow)
        #expect(AccessPolicy.decide(coordinator, Permission(.campaign, .create), AccessTarget(name: "c", places: [Self.district])) == .allow)
        #expect(AccessPolicy.decide(coordinator, Permission(.campaign, .create), AccessTarget(name: "nowhere")) != .allow)
        var city = coordinator
        city.scope = ["420100"]
        #expect(AccessPolicy.decide(city, Permission(.campaign, .create), both) == .allow, "a city scope covers its districts")
    }

    @Test func listsAreNarrowedByJurisdictionDepartmentAndDispatch() {
        #expect(AccessPolicy.listScope(Self.principal(.admin), Permission(.caseFile, .read)) == .everything)
        #expect(AccessPolicy.listScope(Self.principal(.coordinator), Permission(.caseFile, .read)) == ListScope(jurisdictionIds: [3]))
        #expect(AccessPolicy.listScope(Self.principal(.handler), Permission(.caseFile, .read)) == ListScope(jurisdictionIds: [3], department: .culture))
        #expect(AccessPolicy.listScope(Self.principal(.leader), Permission(.plan, .read)) == ListScope(jurisdictionIds: [3], dispatchedOnly: true))
    }

    @Test func aScopedPrincipalWithoutResolvedReachSeesNothingRatherThanEverything() throws {
        let p = Principal(id: 2, name: "x", role: .coordinator, department: nil, scope: ["420102"])
        #expect(p.reach == [])
        let decoded = try JSONDecoder().decode(Principal.self, from: JSONEncoder().encode(Self.principal(.coordinator)))
        #expect(decoded.reach == [], "reach never travels on the wire")
        #expect(Principal(id: 3, name: "a", role: .admin, department: nil, scope: []).reach == nil)
    }
}
