import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Reads stored plans as users see them. Which sweeps a caller may see is decided by the caller
/// (`PlanVisibility`); this type only filters.
public struct PlanReader: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    public typealias Visibility = PlanVisibility

    public func summaries(campaignID: Int64? = nil, planID: Int64? = nil) async throws -> [PlanSummary] {
        try await summaries(campaignID: campaignID, planIDs: planID.map { [$0] })
    }

    /// Plans the caller may list: of campaigns whose area lies within `scope`, and (for leaders)
    /// only from dispatch on.
    public func summaries(campaignID: Int64?, scope: ListScope) async throws -> [PlanSummary] {
        try await summaries(campaignID: campaignID, planIDs: nil, scope: scope)
    }

    /// Plan summaries, newest first; `planIDs` nil means every plan (of the campaign).
    func summaries(campaignID: Int64?, planIDs: [Int64]?, scope: ListScope = .everything) async throws -> [PlanSummary] {
        let rows = try await db.query("""
            SELECT p.id, p.campaign_id, c.name, p.revision, p.status, p.seed, coalesce(p.objective, 0), p.created_at, p.report::text,
                   (SELECT count(*)::int FROM sweep s WHERE s.plan_id = p.id),
                   (SELECT count(*)::int FROM sweep_stop ss JOIN sweep s ON s.id = ss.sweep_id WHERE s.plan_id = p.id)
            FROM plan p JOIN campaign c ON c.id = p.campaign_id
            WHERE (\(campaignID)::bigint IS NULL OR p.campaign_id = \(campaignID)) AND (\(planIDs)::bigint[] IS NULL OR p.id = ANY(\(planIDs)::bigint[]))
              AND (\(scope.jurisdictionIds)::bigint[] IS NULL OR NOT EXISTS (
                   SELECT 1 FROM campaign_jurisdiction cj WHERE cj.campaign_id = p.campaign_id
                     AND cj.jurisdiction_id <> ALL(\(scope.jurisdictionIds)::bigint[])))
              AND (NOT \(scope.dispatchedOnly) OR p.status IN ('dispatched', 'done')
                   OR EXISTS (SELECT 1 FROM sweep s WHERE s.plan_id = p.id AND s.status IN ('dispatched', 'done')))
            ORDER BY p.id DESC
            """)
        var out: [PlanSummary] = []
        for try await (id, cid, cname, revision, status, seed, objective, created, reportText, sweeps, stops) in
            rows.decode((Int64, Int64, String, Int, String, Int64, Double, Date, String, Int, Int).self) {
            let report = (try? WireCoding.decoder().decode(PlanReport.self, from: Data(reportText.utf8))) ?? PlanReport()
            out.append(PlanSummary(planId: id, campaignId: cid, campaignName: cname, revision: revision, status: status,
                                   seed: UInt64(bitPattern: seed), objective: objective, sweeps: sweeps, stops: stops, createdAt: created, report: report))
        }
        return out
    }

    public func summary(_ planID: Int64) async throws -> PlanSummary {
        guard let s = try await summaries(planID: planID).first else { throw SweepError.notFound("plan \(planID)") }
        return s
    }

    public func view(_ planID: Int64, visibility: Visibility) async throws -> PlanView {
        guard let view = try await views([planID], visibility: visibility).first else { throw SweepError.notFound("plan \(planID)") }
        return view
    }

    /// Several plans in four queries whatever their number (the iCalendar feed reads every plan of an inspector).
    public func views(_ planIDs: [Int64], visibility: Visibility) async throws -> [PlanView] {
        let heads = try await summaries(campaignID: nil, planIDs: planIDs)
        guard !heads.isEmpty else { return [] }
        let (onlyDispatched, member): (Bool, Int64?) = switch visibility {
        case .all: (false, nil)
        case .dispatched: (true, nil)
        case .inspector(let id): (true, id)
        }
        let sweepRows = try await db.query("""
            SELECT s.plan_id, s.id, s.label, to_char(s.sweep_date, 'YYYY-MM-DD'), s.shift_name, s.shift_start, s.shift_end, s.lead_department,
                   s.status, s.target_kinds, coalesce(ST_X(s.depot::geometry), 0), coalesce(ST_Y(s.depot::geometry), 0)
            FROM sweep s
            WHERE s.plan_id = ANY(\(heads.map(\.planId))::bigint[])
              AND (NOT \(onlyDispatched) OR s.status IN ('dispatched', 'done'))
              AND (\(member)::bigint IS NULL OR EXISTS (SELECT 1 FROM sweep_member m WHERE m.sweep_id = s.id AND m.inspector_id = \(member)))
            ORDER BY s.shift_start, s.label
            """)
        var sweeps: [SweepView] = []
        var planOf: [Int64] = []
        var index: [Int64: Int] = [:]
        for try await (planID, id, label, day, shift, start, end, lead, status, kinds, lon, lat) in
            sweepRows.decode((Int64, Int64, String, String, String, Date, Date, String, String, [String], Double, Double).self) {
            index[id] = sweeps.count
            planOf.append(planID)
            sweeps.append(SweepView(sweepId: id, label: label, day: day, shiftName: shift, shiftStart: start, shiftEnd: end,
                                    leadDepartment: DepartmentCode(rawValue: lead), status: status,
                                    kinds: kinds.compactMap(TargetKind.init(rawValue:)), depot: GeoPoint(longitude: lon, latitude: lat),
                                    members: [], stops: []))
        }
        if !sweeps.isEmpty { try await fill(&sweeps, index: index) }
        return heads.map { head in
            PlanView(planId: head.planId, campaignId: head.campaignId, campaignName: head.campaignName, revision: head.revision,
                     status: head.status, seed: head.seed, objective: head.objective, createdAt: head.createdAt,
                     sweeps: sweeps.indices.filter { planOf[$0] == head.planId }.map { sweeps[$0] })
        }
    }

    /// Members and stops of the given sweeps.
    private func fill(_ sweeps: inout [SweepView], index: [Int64: Int]) async throws {
        let ids = Array(index.keys)
        let memberRows = try await db.query("""
            SELECT m.sweep_id, i.id, i.code, i.name, i.department_code, i.credential_number, m.is_lead
            FROM sweep_member m JOIN inspector i ON i.id = m.inspector_id
            WHERE m.sweep_id = ANY(\(ids)::bigint[])
            ORDER BY m.sweep_id, m.is_lead DESC, i.department_code, i.code
            """)
        for try await (sid, iid, code, name, dept, cred, lead) in memberRows.decode((Int64, Int64, String, String, String, String, Bool).self) {
            guard let k = index[sid] else { continue }
            sweeps[k].members.append(MemberView(inspectorId: iid, code: code, name: name, department: DepartmentCode(rawValue: dept),
                                                credentialNumber: cred, isLead: lead))
        }
        let stopRows = try await db.query("""
            SELECT ss.sweep_id, ss.seq, v.id, v.code, v.name, v.address, coalesce(ss.target_kind, ''),
                   coalesce(ST_X(v.location::geometry), 0), coalesce(ST_Y(v.location::geometry), 0),
                   ss.eta, coalesce(ss.start_at, ss.eta), coalesce(ss.depart_at, ss.eta), ss.travel_seconds, ss.service_seconds, ss.reason::text,
                   ss.id, v.opening_hours
            FROM sweep_stop ss JOIN venue v ON v.id = ss.venue_id
            WHERE ss.sweep_id = ANY(\(ids)::bigint[])
            ORDER BY ss.sweep_id, ss.seq
            """)
        for try await row in stopRows {
            let r = row.makeRandomAccess()
            guard let k = index[try r.at(0, Int64.self)] else { continue }
            let reasonText = try r.at(14, String.self)
            let reason = (try? WireCoding.decoder().decode(SelectionReason.self, from: Data(reasonText.utf8)))
                ?? SelectionReason(method: .risk, score: 0, note: "reason not recorded")
            sweeps[k].stops.append(StopView(
                seq: try r.at(1, Int.self), venueId: try r.at(2, Int64.self), venueCode: try r.at(3, String.self),
                venueName: try r.at(4, String.self), address: try r.at(5, String.self),
                kind: TargetKind(rawValue: try r.at(6, String.self)) ?? .licensedCafe,
                location: GeoPoint(longitude: try r.at(7, Double.self), latitude: try r.at(8, Double.self)),
                eta: try r.at(9, Date.self), start: try r.at(10, Date.self), departure: try r.at(11, Date.self),
                travelSeconds: try r.at(12, Int.self), serviceSeconds: try r.at(13, Int.self), reason: reason,
                stopId: try r.at(15, Int64.self), openingHours: try r.at(16, String?.self)))
        }
    }

    /// Every plan an inspector has dispatched sweeps in (for the iCalendar feed).
    public func plans(forInspector inspectorID: Int64) async throws -> [Int64] {
        let rows = try await db.query("""
            SELECT DISTINCT s.plan_id FROM sweep s JOIN sweep_member m ON m.sweep_id = s.id
            WHERE m.inspector_id = \(inspectorID) AND s.status IN ('dispatched', 'done') ORDER BY 1
            """)
        var out: [Int64] = []
        for try await id in rows.decode(Int64.self) { out.append(id) }
        return out
    }

    /// The stored draw (双随机) of a plan, nil when the plan drew nothing.
    public func draw(_ planID: Int64) async throws -> DrawRecord? {
        var text = "null"
        for try await t in try await db.query("SELECT frame::text FROM plan WHERE id = \(planID)").decode(String.self) { text = t }
        return try? WireCoding.decoder().decode(DrawRecord?.self, from: Data(text.utf8))
    }
}
