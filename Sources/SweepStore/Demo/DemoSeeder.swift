import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Loads a generated demo city into an empty database in one transaction (all or nothing), and
/// issues one token per role so that a newcomer can try each view.
public struct DemoSeeder: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    /// What a seed wrote, for the command's report.
    public struct Report: Sendable {
        public var jurisdictions = 0, venues = 0, schools = 0, inspectors = 0
        public var inspections = 0, findings = 0, violations = 0, cases = 0, relocations = 0
        public var tokens: [IssuedToken] = []
        /// What the generator's random checks of the last year find (see ``DemoCity/randomCheckPrevalence``).
        public var randomCheckPrevalence: [String: Double] = [:]
    }

    /// True when no registry data is stored yet (the seed never mixes with real data).
    public func isEmpty() async throws -> Bool {
        let rows = try await db.query("SELECT (SELECT count(*) FROM jurisdiction) + (SELECT count(*) FROM venue)")
        for try await count in rows.decode(Int64.self) { return count == 0 }
        return true
    }

    public func seed(_ city: DemoCity, scale: String, seed: UInt64, actor: String, progress: @Sendable (String) -> Void = { _ in }) async throws -> Report {
        guard try await isEmpty() else {
            throw SweepError.conflict("the database already holds registry data; the demo seed only loads into an empty database (use a new SWEEP_DATA_DIR or database)")
        }
        var report = try await db.transaction { conn in
            var report = Report()
            // History is back-dated by design; the report rollup is counted afresh below instead of
            // being reset by every row (sql/0018).
            try await conn.query("SELECT set_config('sweep.bulk_load', 'on', true)", logger: db.logger)
            let writer = RegistryWriter(connection: conn, logger: db.logger)
            progress("jurisdictions")
            try await writer.insertJurisdictions(city.jurisdictions)
            let jurisdictionIDs = try await writer.jurisdictionIDs()
            progress("venues (\(city.venues.count))")
            try await writer.insertVenues(city.venues, jurisdictions: jurisdictionIDs)
            progress("schools (\(city.schools.count))")
            try await writer.insertSchools(city.schools, jurisdictions: jurisdictionIDs)
            progress("inspectors (\(city.inspectors.count))")
            try await writer.insertInspectors(city.inspectors, jurisdictions: jurisdictionIDs)
            progress("history (\(city.history.count) inspections)")
            // Each case's decision, referral, correction and closing, so the department evaluation has figures.
            let history = DemoCaseTimeline.apply(city.history, now: city.history.map(\.departedAt).max() ?? Date())
            let written = try await HistoryWriter(connection: conn, logger: db.logger).insert(history, venueIDs: try await writer.venueIDs())
            progress("closures and relocation links")
            report.relocations = try await RelocationStore.backfill(on: conn, logger: db.logger)
            report.jurisdictions = city.jurisdictions.count
            report.randomCheckPrevalence = city.randomCheckPrevalence
            report.venues = city.venues.count
            report.schools = city.schools.count
            report.inspectors = city.inspectors.count
            report.inspections = written.inspections
            report.findings = written.findings
            report.violations = written.violations
            report.cases = written.cases
            try await AuditLog.append(AuditEntry(actor: actor, action: "demo.seed", objectType: "database",
                                                 details: ["scale": scale, "seed": String(seed), "venues": String(report.venues),
                                                           "inspections": String(report.inspections)]),
                                      on: conn, logger: db.logger)
            return report
        }
        // History is bulk-loaded past the submission path, so its heat-map rollup is counted afresh.
        progress("heat-map rollup")
        _ = try await HeatRollup.rebuild(db, actor: actor)
        progress("statistics")
        try await db.query("ANALYZE")
        progress("report rollup")
        _ = try await VisitCountReader(db: db).rebuild()
        // The department rollup may have been counted before the load (an empty database's cut).
        try await DepartmentReader(db: db).reset()
        report.tokens = try await demoTokens(city: city, actor: actor)
        return report
    }

    /// One principal per role, scoped like real users would be.
    func demoTokens(city: DemoCity, actor: String) async throws -> [IssuedToken] {
        let top = city.jurisdictions.first { $0.parentCode == nil }?.code
        let city_ = city.jurisdictions.first { $0.level == .city }?.code ?? top
        let district = city.jurisdictions.first { $0.level == .district }?.code ?? city_
        let store = TokenStore(db: db)
        // The demo inspector acts as a real CUL officer of the district, so their sweeps show up.
        let officer = city.inspectors.first { $0.department == .culture && $0.districtCode == district }?.code
        let requests: [TokenStore.Request] = [
            .init(name: "演示管理员 demo admin", role: .admin, label: "demo"),
            .init(name: "演示协调员 demo coordinator", role: .coordinator, scope: city_.map { [$0] } ?? [], label: "demo"),
            .init(name: "演示检查员 demo inspector", role: .inspector, department: .culture, scope: district.map { [$0] } ?? [], label: "demo",
                  inspectorCode: officer),
            .init(name: "演示办案人员 demo case handler", role: .handler, department: .tobacco, scope: city_.map { [$0] } ?? [], label: "demo"),
            .init(name: "演示领导 demo leader", role: .leader, scope: top.map { [$0] } ?? [], label: "demo"),
            // Beside the wide ones, one district's coordinator and leader: they see only that district.
            .init(name: "演示区协调员 demo district coordinator", role: .coordinator, scope: district.map { [$0] } ?? [], label: "demo"),
            .init(name: "演示区领导 demo district leader", role: .leader, scope: district.map { [$0] } ?? [], label: "demo"),
        ]
        var tokens: [IssuedToken] = []
        for request in requests { tokens.append(try await store.issue(request, actor: actor)) }
        return tokens
    }
}
