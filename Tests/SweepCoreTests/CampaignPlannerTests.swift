import Foundation
import Testing
@testable import SweepCore

/// The planner end to end on synthetic campaign data (no database).
@Suite struct CampaignPlannerTests {
    static let now = ISODay.parse("2026-11-27")!.addingTimeInterval(3600)

    static func data(mode: SelectionMode = .risk, settings: CampaignSettings = CampaignSettings(timeLimitSeconds: 5), venues: Int = 120,
                     inspectorsPerDept: Int = 4, unlocated: Int = 0, seed: UInt64 = 5) -> PlanningData {
        var rng = SeededRandom(seed: seed)
        let centre = GeoPoint(longitude: 114.30, latitude: 30.60)
        var candidates: [PlanningCandidate] = []
        for i in 0..<venues {
            let kind: TargetKind = i % 3 == 0 ? .tobaccoRetail : (i % 7 == 0 ? .unlicensedCafe : .licensedCafe)
            let p = centre.offset(eastMetres: rng.nextDouble(in: -4000..<4000), northMetres: rng.nextDouble(in: -4000..<4000))
            let district = i % 2 == 0 ? "420102" : "420103"
            candidates.append(PlanningCandidate(
                venueId: Int64(i + 1), code: "V\(i + 1)", name: "场所\(i + 1)", address: "路\(i + 1)号", kind: kind,
                location: i < unlocated ? nil : p, openingHours: kind == .tobaccoRetail ? "07:00-22:00" : "08:00-24:00", operatorKey: "OP\(i % 40)",
                jurisdictionId: i % 2 == 0 ? 3 : 4, districtCode: district, districtName: district == "420102" ? "江岸区" : "江汉区",
                features: RiskFeatures(violationAgesDays: i % 5 == 0 ? [30, 400] : [], nearestSchoolMetres: Double(i * 37 % 1500),
                                       unlicensed: kind == .unlicensedCafe, daysSinceLastInspection: i % 11 == 0 ? nil : i % 300),
                reinspectionDue: i == 10))
        }
        var inspectors: [PlannerInspector] = []
        var id: Int64 = 1
        for dept in DepartmentCode.inspecting {
            for k in 0..<inspectorsPerDept {
                inspectors.append(PlannerInspector(id: id, code: "I-\(dept.rawValue)-\(k)", name: "检查员\(id)", department: dept, jurisdictionId: 3,
                                                   districtName: "江岸区", depot: centre, credentialValidThroughDay: 400,
                                                   conflictVenueIds: id == 1 ? [5, 6, 7] : [], conflictOperatorKeys: id == 2 ? ["OP3"] : []))
                id += 1
            }
        }
        let spec = CampaignSpec(name: "测试", jurisdictions: ["420100"], startsOn: "2026-12-01", endsOn: "2026-12-04",
                                targetKinds: TargetKind.allCases, selectionMode: mode, settings: settings)
        return PlanningData(campaign: CampaignRecord(id: 1, spec: spec, status: "active", createdAt: now), rules: TeamRule.defaults,
                            candidates: candidates, inspectors: inspectors, districtNames: [3: "江岸区", 4: "江汉区"])
    }

    static func options(_ seed: UInt64, allowUnmet: Bool = true) -> CampaignPlanner.Options {
        CampaignPlanner.Options(seed: seed, now: now, allowUnmetQuota: allowUnmet, maxIterations: 400)
    }

    @Test func planIsFeasibleRecusesAndExplainsEveryStop() throws {
        let draft = try CampaignPlanner.plan(Self.data(), options: Self.options(1))
        let evaluation = RoutingEvaluator.evaluate(draft.instance, draft.solution)
        #expect(evaluation.feasible, "\(evaluation.problems.prefix(3))")
        #expect(draft.report.visits > 0)
        #expect(draft.report.upperBound >= draft.report.objective - 1e-6)
        // The re-inspection due is a must-visit with its reason.
        let due = try #require(draft.instance.targets.firstIndex { $0.venueId == 11 })
        #expect(draft.instance.targets[due].mustVisit)
        #expect(draft.reasons[due].method == .reinspectionDue)
        for (t, route) in draft.solution.routes.enumerated() {
            let team = draft.instance.teams[t]
            for i in route {
                let target = draft.instance.targets[i]
                #expect(!team.mustRecuse(from: target))
                #expect(!draft.reasons[i].parts.isEmpty)
            }
        }
    }

    @Test func sameSeedSamePlanAndDrawDifferentSeedDifferentDraw() throws {
        var settings = CampaignSettings(timeLimitSeconds: 5)
        settings.randomDraw = ["tobacco_retail": 0.2, "licensed_cafe": 0.2]
        let data = Self.data(mode: .random, settings: settings)
        let a = try CampaignPlanner.plan(data, options: Self.options(99))
        let b = try CampaignPlanner.plan(data, options: Self.options(99))
        let c = try CampaignPlanner.plan(data, options: Self.options(100))
        #expect(a.draw == b.draw)
        #expect(a.solution == b.solution)
        #expect(a.draw?.picks.map(\.venueId) != c.draw?.picks.map(\.venueId))
        let draw = try #require(a.draw)
        // ceil(20 %) of each kind × district stratum.
        for (stratum, size) in draw.strata {
            #expect(draw.picks.filter { $0.stratum == stratum }.count == Int((0.2 * Double(size) - 1e-9).rounded(.up)))
        }
        // Random mode plans only drawn targets (and re-inspections due), each explained by stratum and seed.
        let drawn = Set(draw.picks.map(\.venueId))
        for (i, t) in a.instance.targets.enumerated() where !drawn.contains(t.venueId) { #expect(t.venueId == 11, "\(i)") }
        for (i, t) in a.instance.targets.enumerated() where drawn.contains(t.venueId) {
            #expect(a.reasons[i].method == .randomDraw && a.reasons[i].seed == 99 && a.reasons[i].stratum != nil)
        }
    }

    @Test func randomModeDrawsTheInspectorsTooAndTheDrawReplaysFromItsSeedAndFrames() throws {
        var settings = CampaignSettings(timeLimitSeconds: 5)
        settings.randomDraw = ["tobacco_retail": 0.3, "licensed_cafe": 0.3, "unlicensed_cafe": 0.5]
        let data = Self.data(mode: .random, settings: settings)
        let draft = try CampaignPlanner.plan(data, options: Self.options(42))
        let draw = try #require(draft.draw)
        let inspectors = try #require(draw.inspectors, "random mode records the inspector half")
        #expect(inspectors.seed == 42 && inspectors.groupSize == 2 && inspectors.frame.count == data.inspectors.count)
        let department = Dictionary(uniqueKeysWithValues: data.inspectors.map { ($0.id, $0.department) })
        for g in inspectors.groups {
            #expect(g.inspectorIds.count == 2 && Set(g.inspectorIds.map { department[$0] }).count == 1, "pairs within one department")
        }
        // Inspector 1 declared conflicts with venues 5–7, inspector 2 with operator OP3: recused when those were drawn.
        let drawnVenues = Set(draw.picks.map(\.venueId))
        let drawnOperators = Set(data.candidates.filter { drawnVenues.contains($0.venueId) }.compactMap(\.operatorKey))
        let recused = Set(inspectors.frame.filter(\.recused).map(\.id))
        #expect(recused.contains(1) == !drawnVenues.isDisjoint(with: [5, 6, 7]))
        #expect(recused.contains(2) == drawnOperators.contains("OP3"))
        let scheduled = Set(draft.instance.teams.flatMap { $0.members.map(\.inspectorId) })
        #expect(scheduled.isDisjoint(with: recused), "a recused inspector is on no team")
        // Where a team has two officers of its lead's department, they are a drawn pair when both were free.
        let pairs = Set(inspectors.groups.map { Set($0.inspectorIds) })
        let culturePairs = draft.instance.teams.map { Set($0.members.filter { $0.department == .culture }.map(\.inspectorId)) }.filter { $0.count == 2 }
        #expect(!culturePairs.isEmpty && culturePairs.contains(where: pairs.contains), "\(culturePairs) vs \(pairs)")

        // Anyone can run the published record again, after a trip through its JSON.
        let published = try WireCoding.decoder().decode(DrawRecord.self, from: WireCoding.encoder().encode(draw))
        #expect(DrawReplay.check(published).isEmpty, "\(DrawReplay.check(published))")
        var forged = published
        forged.inspectors?.seed = 43
        #expect(DrawReplay.check(forged).contains { $0.contains("inspector groups differ") })
        forged = published
        forged.frame?.removeLast()
        #expect(DrawReplay.check(forged).contains { $0.contains("frame digest") })
        #expect(try CampaignPlanner.plan(data, options: Self.options(42)).draw == draw, "same seed, same draw")
    }

    @Test func pastWindowsMissingDepartmentsAndUnroutableMustVisitsAreExplained() throws {
        var past = Self.data()
        past.campaign.spec.startsOn = "2026-11-01"; past.campaign.spec.endsOn = "2026-11-05"
        #expect(throws: SweepError.self) { try CampaignPlanner.plan(past, options: Self.options(1)) }
        do { _ = try CampaignPlanner.plan(past, options: Self.options(1)) } catch let e as SweepError {
            #expect(e.description.contains("in the past"))
        }

        var noTobacco = Self.data()
        noTobacco.inspectors.removeAll { $0.department == .tobacco }
        do {
            _ = try CampaignPlanner.plan(noTobacco, options: Self.options(1))
            Issue.record("expected infeasible")
        } catch let e as SweepError {
            #expect(e.description.contains("tobacco retailer checks"))
            #expect(e.description.contains("TOB"))
            #expect(e.description.contains("2026-12-01"))
        }

        // The re-inspection due (venue 11, index 10) has no coordinates → infeasible, naming it.
        let unroutable = Self.data(unlocated: 11)
        do {
            _ = try CampaignPlanner.plan(unroutable, options: Self.options(1))
            Issue.record("expected infeasible")
        } catch let e as SweepError {
            #expect(e.description.contains("V11"))
            #expect(e.description.contains("coordinates"))
        }
        // Other unlocated venues are left out with a warning.
        var fewUnlocated = Self.data(unlocated: 3)
        fewUnlocated.candidates[10].reinspectionDue = false
        let draft = try CampaignPlanner.plan(fewUnlocated, options: Self.options(1))
        #expect(draft.report.warnings.contains { $0.contains("3 venue(s) without coordinates") })
    }

    @Test func anUnmeetableQuotaIsRefusedUnlessAccepted() throws {
        var settings = CampaignSettings(timeLimitSeconds: 5)
        settings.nearSchoolMetres = 5_000
        settings.nearSchoolKinds = TargetKind.allCases
        let data = Self.data(settings: settings, venues: 600, inspectorsPerDept: 2)
        do {
            _ = try CampaignPlanner.plan(data, options: Self.options(1, allowUnmet: false))
            Issue.record("expected infeasible")
        } catch let e as SweepError {
            #expect(e.description.contains("quota cannot be met"))
            #expect(e.description.contains("--allow-unmet-quota"))
        }
        let accepted = try CampaignPlanner.plan(data, options: Self.options(1, allowUnmet: true))
        #expect(accepted.report.mustVisitCovered < accepted.report.mustVisit)
        #expect(accepted.report.unplacedMustVisit.count == accepted.report.mustVisit - accepted.report.mustVisitCovered)
    }

    @Test func campaignSpecsReportEveryBadFieldWithItsPath() {
        var spec = CampaignSpec(name: " ", jurisdictions: [], startsOn: "2026-12-05", endsOn: "2026-12-01", targetKinds: [],
                                settings: CampaignSettings(randomDraw: ["bars": 2], speedKmh: 500))
        spec.settings.shiftTemplates[1].weekdays = [8]
        do {
            try spec.validate(today: "2026-11-27")
            Issue.record("expected invalid")
        } catch SweepError.invalid(let issues) {
            let paths = Set(issues.map(\.location))
            for p in ["name", "jurisdictions", "ends_on", "target_kinds", "settings.random_draw.bars", "settings.speed_kmh", "settings.shift_templates[1].weekdays"] {
                #expect(paths.contains(p), "\(p) in \(paths)")
            }
        } catch { Issue.record("\(error)") }
    }
}
