import Foundation
import Logging
import PostgresNIO
import SweepAPI
import SweepCore

/// `sweep plan repair`: applies dropouts and closed venues to a stored plan with as little change
/// as possible (PlanRepair decides; this type loads, maps codes to ids, and writes only the sweeps
/// that changed, keeping sweep ids and statuses so dispatched teams keep their sheets).
public struct PlanRepairStore: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    public func repair(_ planID: Int64, request: RepairRequest, actor: String, now: Date = Date()) async throws -> RepairSummary {
        let reason = try Reason.required(request.reason, field: "reason")
        let head = try await PlanReader(db: db).summary(planID)
        _ = try PlanMachine.next(.repair, from: PlanStatus(rawValue: head.status) ?? .discarded, planID: planID)
        let campaign = try await CampaignStore(db: db).get(head.campaignId)
        let clock = try CampaignClock(startsOn: campaign.spec.startsOn, endsOn: campaign.spec.endsOn)
        let pool = try await PlanningDataLoader(db: db).inspectors(campaign: campaign, clock: clock)
        let changes = try await mapChanges(request, clock: clock)
        if changes.droppedInspectors.isEmpty && changes.closedVenues.isEmpty {
            throw SweepError.invalid(field: "dropped_inspectors", reason: "nothing to repair: give dropped inspectors and/or closed venues")
        }

        return try await db.transaction { conn in
            var instanceText = ""
            for try await (status, text) in try await conn.query(
                "SELECT status, coalesce(instance::text, '') FROM plan WHERE id = \(planID) FOR UPDATE", logger: db.logger).decode((String, String).self) {
                _ = try PlanMachine.next(.repair, from: PlanStatus(rawValue: status) ?? .discarded, planID: planID)
                instanceText = text
            }
            guard !instanceText.isEmpty else { throw SweepError.conflict("plan \(planID) was stored without its routing instance; create a new plan instead") }
            let instance = try WireCoding.decoder().decode(RoutingInstance.self, from: Data(instanceText.utf8))
            let stored = try await storedSweeps(planID, on: conn)
            let targetIndex = Dictionary(instance.targets.enumerated().map { ($1.venueId, $0) }, uniquingKeysWith: { a, _ in a })
            var routes = Array(repeating: [Int](), count: instance.teams.count)
            var reasons: [Int64: String] = [:]
            var sweepOfTeam: [Int: StoredSweep] = [:]
            for (t, team) in instance.teams.enumerated() {
                guard let s = stored[team.label] else { continue }
                sweepOfTeam[t] = s
                routes[t] = s.stops.compactMap { targetIndex[$0.venue] }
                for stop in s.stops { reasons[stop.venue] = stop.reason }
            }
            let before = RoutingSolution(routes: routes)
            let result = PlanRepair.repair(instance: instance, solution: before, changes: changes, pool: pool, dayLabel: { clock.dayLabel($0) })

            for (t, team) in result.instance.teams.enumerated() {
                let oldTeam = instance.teams[t]
                let newRoute = result.solution.routes[t]
                let membersChanged = oldTeam.members != team.members
                let routeChanged = before.routes[t] != newRoute
                guard membersChanged || routeChanged else { continue }
                if let s = sweepOfTeam[t], s.status == "done" {
                    throw SweepError.conflict("repair would change sweep \(s.id) (\(team.label)), which is already done")
                }
                try await rewrite(planID: planID, team: team, route: newRoute, existing: sweepOfTeam[t], instance: result.instance,
                                  reasons: reasons, clock: clock, on: conn)
            }
            let summary = RepairSummary(at: now, actor: actor, changes: describe(request), moves: result.moves.map(\.description),
                                        changedStops: result.changedStops, unchangedStops: result.unchangedStops)
            let instanceJSON = String(decoding: try WireCoding.encoder().encode(result.instance), as: UTF8.self)
            let summaryJSON = String(decoding: try WireCoding.encoder().encode(summary), as: UTF8.self)
            try await conn.query("""
                UPDATE plan SET instance = \(instanceJSON)::jsonb,
                    report = jsonb_set(report, '{repairs}', coalesce(report -> 'repairs', '[]'::jsonb) || jsonb_build_array(\(summaryJSON)::jsonb))
                WHERE id = \(planID)
                """, logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "plan.repair", objectType: "plan", objectID: String(planID),
                                                 reason: reason,
                                                 details: ["changes": summary.changes, "moves": String(result.moves.count), "changed_stops": String(result.changedStops),
                                                           "unchanged_stops": String(result.unchangedStops)]), on: conn, logger: db.logger)
            return summary
        }
    }

    struct StoredStop { var venue: Int64; var reason: String }
    struct StoredSweep { var id: Int64; var status: String; var stops: [StoredStop] }

    func storedSweeps(_ planID: Int64, on conn: PostgresConnection) async throws -> [String: StoredSweep] {
        var out: [String: StoredSweep] = [:]
        var labelOf: [Int64: String] = [:]
        for try await (id, label, status) in try await conn.query(
            "SELECT id, label, status FROM sweep WHERE plan_id = \(planID) ORDER BY id", logger: db.logger).decode((Int64, String, String).self) {
            out[label] = StoredSweep(id: id, status: status, stops: [])
            labelOf[id] = label
        }
        for try await (sweep, venue, reason) in try await conn.query("""
            SELECT ss.sweep_id, ss.venue_id, ss.reason::text FROM sweep_stop ss JOIN sweep s ON s.id = ss.sweep_id
            WHERE s.plan_id = \(planID) ORDER BY ss.sweep_id, ss.seq
            """, logger: db.logger).decode((Int64, Int64, String).self) {
            if let label = labelOf[sweep] { out[label]?.stops.append(StoredStop(venue: venue, reason: reason)) }
        }
        return out
    }

    /// Replaces one sweep's members and stops in place (same id and status), cancels it when its
    /// route is now empty, or inserts a new sweep for a team that had none.
    func rewrite(planID: Int64, team: RoutingTeam, route: [Int], existing: StoredSweep?, instance: RoutingInstance,
                 reasons: [Int64: String], clock: CampaignClock, on conn: PostgresConnection) async throws {
        var reasonList: [SelectionReason] = instance.targets.map { SelectionReason(method: .risk, score: $0.value, note: "added by repair") }
        for (i, t) in instance.targets.enumerated() {
            if let text = reasons[t.venueId], let r = try? WireCoding.decoder().decode(SelectionReason.self, from: Data(text.utf8)) { reasonList[i] = r }
        }
        var routes = Array(repeating: [Int](), count: instance.teams.count)
        guard let t = instance.teams.firstIndex(where: { $0.label == team.label }) else { return }
        routes[t] = route
        let draft = PlanDraft(seed: 0, instance: instance, solution: RoutingSolution(routes: routes), reasons: reasonList, report: PlanReport(), draw: nil)
        guard let existing else {
            try await PlanWriter(db: db).insertSweeps(planID: planID, draft: draft, clock: clock, teamIndices: [t], on: conn)
            return
        }
        try await conn.query("DELETE FROM sweep_stop WHERE sweep_id = \(existing.id)", logger: db.logger)
        try await conn.query("DELETE FROM sweep_member WHERE sweep_id = \(existing.id)", logger: db.logger)
        var visits: [ScheduledVisit] = []
        if route.isEmpty {
            try await conn.query("UPDATE sweep SET status = 'cancelled' WHERE id = \(existing.id)", logger: db.logger)
        } else {
            guard case .feasible(let timed, _) = RouteSchedule.compute(route: route, team: team, instance: instance) else {
                throw SweepError.infeasible("internal: repaired route of \(team.label) does not fit its shift; nothing was changed")
            }
            visits = timed
        }
        try await PlanWriter(db: db).insertCrew(sweepID: existing.id, team: team, visits: visits, draft: draft, clock: clock, on: conn)
    }

    func mapChanges(_ request: RepairRequest, clock: CampaignClock) async throws -> PlanChanges {
        var issues: [FieldIssue] = []
        var dropped: [Int64: Set<Int>?] = [:]
        for (i, d) in (request.droppedInspectors ?? []).enumerated() {
            var id: Int64?
            for try await v in try await db.query("SELECT id FROM inspector WHERE code = \(d.inspector)").decode(Int64.self) { id = v }
            guard let id else { issues.append(.init(location: "dropped_inspectors[\(i)].inspector", reason: "unknown inspector code \(d.inspector)")); continue }
            if d.from == nil && d.to == nil { dropped[id] = .some(nil); continue }
            guard let a = ISODay.parse(d.from ?? d.to ?? ""), let b = ISODay.parse(d.to ?? d.from ?? "") , b >= a else {
                issues.append(.init(location: "dropped_inspectors[\(i)].from", reason: "from/to must be YYYY-MM-DD with from ≤ to")); continue
            }
            let days = Set(clock.dayIndex(of: a)...clock.dayIndex(of: b))
            if case .some(.some(let existing)) = dropped[id] { dropped[id] = .some(existing.union(days)) } else if dropped[id] == nil { dropped[id] = .some(days) }
        }
        var closed = Set<Int64>()
        for (i, code) in (request.closedVenues ?? []).enumerated() {
            var id: Int64?
            for try await v in try await db.query("SELECT id FROM venue WHERE code = \(code)").decode(Int64.self) { id = v }
            if let id { closed.insert(id) } else { issues.append(.init(location: "closed_venues[\(i)]", reason: "unknown venue code \(code)")) }
        }
        if !issues.isEmpty { throw SweepError.invalid(issues) }
        return PlanChanges(droppedInspectors: dropped, closedVenues: closed, fillFreedTime: request.fillFreedTime ?? false)
    }

    func describe(_ r: RepairRequest) -> String {
        var parts: [String] = []
        for d in r.droppedInspectors ?? [] { parts.append("\(d.inspector) out" + (d.from.map { " \($0)..\(d.to ?? $0)" } ?? "")) }
        if let v = r.closedVenues, !v.isEmpty { parts.append("closed: \(v.joined(separator: ", "))") }
        return parts.joined(separator: "; ")
    }
}
