import Foundation
import SweepCore
import SweepStore

/// Every store and service the routes use, built once per application from one database and
/// handed to the route groups, so that a route never builds its own (and tests run exactly these).
public struct AppServices: Sendable {
    public let db: Database
    public let migrator: Migrator
    public let tokens: TokenStore
    public let registry: RegistryStore
    public let campaigns: CampaignStore
    public let roster: InspectorRosterStore
    public let planningData: PlanningDataLoader
    public let planWriter: PlanWriter
    public let plans: PlanReader
    public let planLifecycle: PlanLifecycle
    public let planRepair: PlanRepairStore
    public let submissions: SubmissionStore
    public let evidence: EvidenceStore
    public let inspections: InspectionReader
    public let cases: CaseStore
    public let tips: TipStore
    public let heatMaps: HeatMapStore
    public let heatIndex: HeatIndexStore
    public let facts: AccessFacts
    public let sessions: SessionStore
    public let registryLifecycle: RegistryLifecycleStore
    public let registryMaintenance: RegistryMaintenanceStore
    public let relocations: RelocationStore
    public let compliance: ComplianceReader
    public let departmentEvaluation: DepartmentReader
    public let trend: TrendReader
    public let events: EventOutbox
    public let planProgress: PlanProgressReader
    public let nearRepeat: NearRepeatStore
    let signinThrottle = SigninThrottle()
    public let settings: ServerSettings

    public init(db: Database, settings: ServerSettings) throws {
        self.db = db
        migrator = try Migrator.bundled()
        tokens = TokenStore(db: db)
        registry = RegistryStore(db: db)
        campaigns = CampaignStore(db: db)
        roster = InspectorRosterStore(db: db)
        planningData = PlanningDataLoader(db: db)
        planWriter = PlanWriter(db: db)
        plans = PlanReader(db: db)
        planLifecycle = PlanLifecycle(db: db)
        planRepair = PlanRepairStore(db: db)
        submissions = SubmissionStore(db: db, positionToleranceMetres: settings.positionToleranceMetres)
        evidence = EvidenceStore(db: db)
        inspections = InspectionReader(db: db)
        cases = CaseStore(db: db)
        tips = TipStore(db: db)
        heatMaps = HeatMapStore(db: db)
        heatIndex = HeatIndexStore(db: db)
        facts = AccessFacts(db: db)
        sessions = SessionStore(db: db)
        registryLifecycle = RegistryLifecycleStore(db: db)
        registryMaintenance = RegistryMaintenanceStore(db: db)
        relocations = RelocationStore(db: db)
        compliance = ComplianceReader(db: db)
        departmentEvaluation = DepartmentReader(db: db)
        trend = TrendReader(db: db)
        events = EventOutbox(db: db)
        planProgress = PlanProgressReader(db: db)
        nearRepeat = NearRepeatStore(db: db)
        self.settings = settings
    }
}
