import Foundation
import Logging
import Metrics
import PostgresNIO
import SweepCore

/// Keeps a ``HeatIndex`` in step with the `heat_venue_month` rollup for the server: loaded once,
/// then brought up to date before each use from the rollup's change feed (migration 0008), so a
/// heat map reflects every submission committed before it was asked for.
///
/// Refreshes run one at a time, in order: a request never reads an index older than the newest
/// commit it could have seen. A new rollup epoch (a rebuild) replaces the index with a fresh load.
public actor HeatIndexStore {
    let db: Database
    private var index: HeatIndex?
    private var epoch: Int64 = 0
    /// `pg_snapshot_xmin` when the feed was last read, as xid8 text.
    private var since = "0"
    private var tail: Task<HeatIndex, Error>?
    public private(set) var lastLoad: LoadReport?
    /// Full loads and incremental catch-ups so far (the restart test checks that an outage costs no reload).
    public private(set) var loads = 0
    public private(set) var catchUps = 0
    private var refreshedAt: ContinuousClock.Instant?
    private let loadCounter = Counter(label: "sweep_heat_index_refreshes_total", dimensions: [("kind", "load")])
    private let catchUpCounter = Counter(label: "sweep_heat_index_refreshes_total", dimensions: [("kind", "catch_up")])
    private let loadTimer = Metrics.Timer(label: "sweep_heat_index_load_duration_seconds")

    /// How far the index is behind the database: rollup rows changed since it last caught up (it
    /// catches up before every heat map, so this is what the next one will apply).
    public struct Lag: Sendable {
        public var pendingChanges: Int
        public var secondsSinceRefresh: Double
    }

    public struct LoadReport: Sendable {
        public var venues: Int
        public var facts: Int
        public var seconds: Double
    }

    public init(db: Database) { self.db = db }

    /// The index as of now: every rollup change committed before this call is in it.
    public func current() async throws -> HeatIndex {
        let previous = tail
        let task = Task { [previous] in
            _ = try? await previous?.value
            return try await self.refresh()
        }
        tail = task
        return try await task.value
    }

    /// Nil before the first load.
    public func lag() async throws -> Lag? {
        guard index != nil, let refreshedAt else { return nil }
        var pending = 0
        for try await count in try await db.query("SELECT count(*) FROM heat_venue_month WHERE changed_xid >= \(since)::xid8").decode(Int.self) {
            pending = count
        }
        return Lag(pendingChanges: pending, secondsSinceRefresh: (ContinuousClock.now - refreshedAt).seconds)
    }

    private func refresh() async throws -> HeatIndex {
        guard index != nil else { return try await load() }
        let rows = try await db.query("""
            WITH s AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, (SELECT epoch FROM heat_rollup_epoch) AS epoch)
            SELECT s.xmin, s.epoch, \(unescaped: Self.factColumns)
            FROM s LEFT JOIN heat_venue_month h ON h.changed_xid >= \(since)::xid8
            """)
        var facts: [HeatIndex.Fact] = []
        var xmin = since, newEpoch = epoch
        for try await row in rows {
            let r = row.makeRandomAccess()
            xmin = try r.at(0, String.self)
            newEpoch = try r.at(1, Int64.self)
            if let fact = try Self.fact(r, from: 2) { facts.append(fact) }
        }
        // A rebuilt rollup, or a database whose transaction ids went back (restored from a backup, or a
        // replica promoted behind this one): the feed cannot say what changed, so load it all again.
        if newEpoch != epoch || (UInt64(xmin) ?? 0) < (UInt64(since) ?? 0) { return try await load() }
        refreshedAt = .now
        catchUps += 1
        catchUpCounter.increment()
        let unknown = Set(facts.map(\.venueId)).filter { self.index?.contains(venue: $0) != true }
        let added = unknown.isEmpty ? [] : try await venues(ids: Array(unknown))
        since = xmin
        guard var index = self.index else { return try await load() }
        guard !facts.isEmpty else { return index }
        // Take the index out while changing it: with the stored copy still referencing the arrays,
        // every change would copy the month it touches.
        self.index = nil
        for venue in added { index.add(venue) }
        for fact in facts { index.set(fact) }
        index.summarise()
        self.index = index
        return index
    }

    /// A full load: venues, then the rollup month by month as arrays (one row per month decodes
    /// far faster than one row per fact).
    private func load() async throws -> HeatIndex {
        let clock = ContinuousClock(), started = clock.now
        // The feed position is taken first: everything that finishes after it is read again by the next refresh.
        var xmin = "0", epoch: Int64 = 0
        for try await (x, e) in try await db.query("""
            SELECT pg_snapshot_xmin(pg_current_snapshot())::text, epoch FROM heat_rollup_epoch
            """).decode((String, Int64).self) { (xmin, epoch) = (x, e) }
        var index = HeatIndex()
        for venue in try await venues(ids: nil) { index.add(venue) }
        var codes = [""], departments = [""]
        for try await code in try await db.query("SELECT code FROM violation_type ORDER BY code").decode(String.self) { codes.append(code) }
        for try await code in try await db.query("SELECT code FROM department ORDER BY code").decode(String.self) { departments.append(code) }
        let codeMap = codes.map { Int32(index.codeIndex($0)) }, departmentMap = departments.map { Int32(index.departmentIndex($0)) }
        let rows = try await db.query("""
            SELECT \(unescaped: Self.monthNumber("month")), array_agg(venue_id),
                   array_agg(coalesce(array_position(\(codes), violation_code), 0)::int),
                   array_agg(coalesce(array_position(\(departments), department_code), 0)::int),
                   array_agg(campaign_id), array_agg(inspections), array_agg(violations)
            FROM heat_venue_month GROUP BY month
            """)
        var unknown: [Int64] = []
        for try await (month, venueIds, codeSlots, departmentSlots, campaigns, inspections, violations)
            in rows.decode((Int32, [Int64], [Int32], [Int32], [Int64], [Int32], [Int32]).self) {
            // array_position is 1-based, with "" first: position 1 → table entry 0; 0 (not found) counts as "".
            unknown += index.load(month: month, venueIds: venueIds, codes: codeSlots.map { codeMap[max(Int($0) - 1, 0)] },
                                  departments: departmentSlots.map { departmentMap[max(Int($0) - 1, 0)] }, campaigns: campaigns,
                                  inspections: inspections, violations: violations)
        }
        self.epoch = epoch
        self.since = xmin
        refreshedAt = .now
        loads += 1
        loadCounter.increment()
        loadTimer.recordNanoseconds(Int64((clock.now - started).seconds * 1e9))
        let report = LoadReport(venues: index.venueCount, facts: index.factCount, seconds: (clock.now - started).seconds)
        lastLoad = report
        db.logger.info("heat index loaded", metadata: ["venues": "\(index.venueCount)", "facts": "\(index.factCount)",
                                                       "seconds": "\(String(format: "%.2f", report.seconds))"])
        if !unknown.isEmpty {
            // Venues created after the venue read: add them and their rows.
            let ids = Array(Set(unknown))
            for venue in try await venues(ids: ids) { index.add(venue) }
            for fact in try await facts(venueIds: ids) { index.set(fact) }
        }
        index.summarise()
        self.index = nil
        self.index = index
        return index
    }

    private func facts(venueIds: [Int64]) async throws -> [HeatIndex.Fact] {
        let rows = try await db.query("""
            SELECT \(unescaped: Self.factColumns) FROM heat_venue_month h WHERE h.venue_id = ANY(\(venueIds)::bigint[])
            """)
        var out: [HeatIndex.Fact] = []
        for try await row in rows {
            if let fact = try Self.fact(row.makeRandomAccess(), from: 0) { out.append(fact) }
        }
        return out
    }

    /// A rollup month as ``HeatIndex/monthNumber(_:)`` counts it: year × 12 + month − 1.
    static func monthNumber(_ column: String) -> String {
        "(extract(year FROM \(column)) * 12 + extract(month FROM \(column)) - 1)::int"
    }

    /// The columns of a rollup row aliased `h`, in the order ``fact(_:from:)`` reads them.
    static let factColumns = "h.venue_id, \(monthNumber("h.month")), h.violation_code, h.department_code, h.campaign_id, h.inspections, h.violations"

    /// The rollup row starting at column `i`; nil when the row has none (the feed's outer join).
    static func fact(_ r: PostgresRandomAccessRow, from i: Int) throws -> HeatIndex.Fact? {
        guard let venue = try r.at(i, Int64?.self) else { return nil }
        return HeatIndex.Fact(venueId: venue, month: try r.at(i + 1, Int32.self), violationCode: try r.at(i + 2, String.self),
                              departmentCode: try r.at(i + 3, String.self), campaignId: try r.at(i + 4, Int64.self),
                              inspections: try r.at(i + 5, Int32.self), violations: try r.at(i + 6, Int32.self))
    }

    /// Venues with what the index needs; nil = all.
    private func venues(ids: [Int64]?) async throws -> [HeatIndex.Venue] {
        let rows = try await db.query("""
            SELECT v.id, ST_X(v.location::geometry), ST_Y(v.location::geometry), v.kind, j.code, jp.code, jpp.code
            FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
            LEFT JOIN jurisdiction jp ON jp.id = j.parent_id LEFT JOIN jurisdiction jpp ON jpp.id = jp.parent_id
            WHERE \(ids)::bigint[] IS NULL OR v.id = ANY(\(ids)::bigint[])
            """)
        var out: [HeatIndex.Venue] = []
        for try await (id, x, y, kind, a, b, c) in rows.decode((Int64, Double?, Double?, String, String, String?, String?).self) {
            let location = x.flatMap { x in y.map { GeoPoint(longitude: x, latitude: $0) } }
            out.append(HeatIndex.Venue(id: id, location: location, kind: VenueKind(rawValue: kind) ?? .other, places: [a, b, c].compactMap { $0 }))
        }
        return out
    }
}
