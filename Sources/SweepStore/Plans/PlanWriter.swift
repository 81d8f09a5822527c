import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Stores a solved plan: the plan row, its sweeps, members and timed stops, in one transaction, so
/// a failed plan leaves nothing behind.
public struct PlanWriter: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    /// Saves `draft` as the campaign's new draft plan (replacing an older draft) and returns its id.
    public func saveDraft(_ draft: PlanDraft, campaign: CampaignRecord, actor: String) async throws -> Int64 {
        let clock = try CampaignClock(startsOn: campaign.spec.startsOn, endsOn: campaign.spec.endsOn)
        let instanceJSON = String(decoding: try WireCoding.encoder().encode(draft.instance), as: UTF8.self)
        let reportJSON = String(decoding: try WireCoding.encoder().encode(draft.report), as: UTF8.self)
        let frameJSON = String(decoding: try WireCoding.encoder().encode(draft.draw), as: UTF8.self)
        return try await db.transaction { conn in
            // Serialise plan creation per campaign so two coordinators cannot both make "the" draft.
            try await conn.query("SELECT pg_advisory_xact_lock(7401, \(Int32(truncatingIfNeeded: campaign.id)))", logger: db.logger)
            for try await (id, status) in try await conn.query("""
                SELECT id, status FROM plan WHERE campaign_id = \(campaign.id) AND status IN ('approved', 'dispatched') LIMIT 1
                """, logger: db.logger).decode((Int64, String).self) {
                throw SweepError.conflict("campaign \(campaign.id) already has \(status) plan \(id); change it with `sweep plan repair \(id)`, or discard it first (`sweep plan discard \(id)`, approved plans only)")
            }
            try await conn.query("UPDATE plan SET status = 'discarded' WHERE campaign_id = \(campaign.id) AND status = 'draft'", logger: db.logger)
            var planID: Int64 = 0
            for try await id in try await conn.query("""
                INSERT INTO plan (campaign_id, revision, status, seed, frame, objective, created_by, report, instance)
                VALUES (\(campaign.id), (SELECT coalesce(max(revision), 0) + 1 FROM plan WHERE campaign_id = \(campaign.id)), 'draft',
                        \(Int64(bitPattern: draft.seed)), \(frameJSON)::jsonb, \(draft.report.riskCovered), \(actor),
                        \(reportJSON)::jsonb, \(instanceJSON)::jsonb)
                RETURNING id
                """, logger: db.logger).decode(Int64.self) { planID = id }
            try await insertSweeps(planID: planID, draft: draft, clock: clock, teamIndices: Array(draft.instance.teams.indices), on: conn)
            try await AuditLog.append(AuditEntry(actor: actor, action: "plan.create", objectType: "plan", objectID: String(planID),
                                                 details: ["campaign": String(campaign.id), "seed": String(draft.seed),
                                                           "visits": String(draft.report.visits), "sweeps": String(draft.report.sweeps)]),
                                      on: conn, logger: db.logger)
            return planID
        }
    }

    /// Inserts the sweeps of the given teams (those with at least one stop).
    func insertSweeps(planID: Int64, draft: PlanDraft, clock: CampaignClock, teamIndices: [Int], on conn: PostgresConnection,
                      status: String = "planned") async throws {
        for t in teamIndices {
            let route = draft.solution.routes[t]
            guard !route.isEmpty else { continue }
            let team = draft.instance.teams[t]
            guard case .feasible(let visits, _) = RouteSchedule.compute(route: route, team: team, instance: draft.instance) else {
                throw SweepError.infeasible("internal: the route of team \(team.label) does not fit its shift; nothing was stored")
            }
            let lead = team.members.first(where: \.isLead)?.department ?? team.members.first?.department ?? .culture
            var sweepID: Int64 = 0
            for try await id in try await conn.query("""
                INSERT INTO sweep (plan_id, sweep_date, shift_start, shift_end, lead_department, status, label, shift_name, target_kinds, depot)
                VALUES (\(planID), \(clock.dayLabel(team.day))::date, \(clock.date(minute: team.shiftStart)), \(clock.date(minute: team.shiftEnd)),
                        \(lead.rawValue), \(status), \(team.label), \(team.shiftName), \(team.kinds.map(\.rawValue)),
                        ST_SetSRID(ST_MakePoint(\(team.depot.longitude), \(team.depot.latitude)), 4326)::geography)
                RETURNING id
                """, logger: db.logger).decode(Int64.self) { sweepID = id }
            try await insertCrew(sweepID: sweepID, team: team, visits: visits, draft: draft, clock: clock, on: conn)
        }
    }

    /// The team and its timed stops for one sweep row (new, or rewritten in place by repair); a
    /// cancelled sweep keeps its members and has no stops.
    func insertCrew(sweepID: Int64, team: RoutingTeam, visits: [ScheduledVisit], draft: PlanDraft, clock: CampaignClock,
                    on conn: PostgresConnection) async throws {
        try await conn.query("""
            INSERT INTO sweep_member (sweep_id, inspector_id, is_lead)
            SELECT \(sweepID), * FROM unnest(\(team.members.map(\.inspectorId))::bigint[], \(team.members.map(\.isLead))::bool[])
            """, logger: db.logger)
        guard !visits.isEmpty else { return }
        let targets = visits.map { draft.instance.targets[$0.target] }
        let reasons = try visits.map { String(decoding: try WireCoding.encoder().encode(draft.reasons[$0.target]), as: UTF8.self) }
        try await conn.query("""
            INSERT INTO sweep_stop (sweep_id, seq, venue_id, eta, start_at, depart_at, travel_seconds, service_seconds, reason, target_kind)
            SELECT \(sweepID), s.seq, s.venue, s.eta, s.start_at, s.depart_at, s.travel, s.service, s.reason::jsonb, s.kind
            FROM unnest(\(Array(1...visits.count))::int[], \(targets.map(\.venueId))::bigint[],
                        \(visits.map { clock.date(minute: $0.arrival) })::timestamptz[],
                        \(visits.map { clock.date(minute: $0.start) })::timestamptz[],
                        \(visits.map { clock.date(minute: $0.end) })::timestamptz[],
                        \(visits.map { $0.travelMinutes * 60 })::int[], \(targets.map { $0.serviceMinutes * 60 })::int[],
                        \(reasons)::text[], \(targets.map(\.kind.rawValue))::text[])
                 AS s(seq, venue, eta, start_at, depart_at, travel, service, reason, kind)
            """, logger: db.logger)
    }
}
