import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Campaigns (专项行动): create, read, close.
public struct CampaignStore: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    public func create(_ spec: CampaignSpec, actor: String, now: Date = Date()) async throws -> CampaignRecord {
        try spec.validate(today: CampaignClock.today(now: now))
        let settings = String(decoding: try WireCoding.encoder().encode(spec.settings), as: UTF8.self)
        let kinds = spec.targetKinds.map(\.rawValue)
        return try await db.transaction { conn in
            var ids: [Int64] = []
            var unknown: [String] = []
            for code in spec.jurisdictions {
                var found: Int64?
                for try await id in try await conn.query("SELECT id FROM jurisdiction WHERE code = \(code)", logger: db.logger).decode(Int64.self) { found = id }
                if let found { ids.append(found) } else { unknown.append(code) }
            }
            if !unknown.isEmpty {
                throw SweepError.invalid(field: "jurisdictions", reason: "unknown jurisdiction code(s) \(unknown.joined(separator: ", ")); `sweep venues` and GET /v1/jurisdictions list them")
            }
            var id: Int64 = 0, created = now
            let rows = try await conn.query("""
                INSERT INTO campaign (name, starts_on, ends_on, target_kinds, selection_mode, settings, created_by)
                VALUES (\(spec.name), \(spec.startsOn)::date, \(spec.endsOn)::date, \(kinds), \(spec.selectionMode.rawValue),
                        \(settings)::jsonb, NULL)
                RETURNING id, created_at
                """, logger: db.logger)
            for try await (i, c) in rows.decode((Int64, Date).self) { id = i; created = c }
            for j in Set(ids) {
                try await conn.query("INSERT INTO campaign_jurisdiction (campaign_id, jurisdiction_id) VALUES (\(id), \(j))", logger: db.logger)
            }
            try await AuditLog.append(AuditEntry(actor: actor, action: "campaign.create", objectType: "campaign", objectID: String(id),
                                                 details: ["name": spec.name, "window": "\(spec.startsOn)..\(spec.endsOn)",
                                                           "mode": spec.selectionMode.rawValue]), on: conn, logger: db.logger)
            return CampaignRecord(id: id, spec: spec, status: "active", createdAt: created)
        }
    }

    public func get(_ id: Int64) async throws -> CampaignRecord {
        guard let c = try await list(id: id).first else { throw SweepError.notFound("campaign \(id)") }
        return c
    }

    /// Closes a campaign whose work is over: no plan of it may still be a draft, approved or out.
    /// A closed campaign takes no new plans; its records stay.
    public func close(_ id: Int64, reason: String?, actor: String) async throws -> CampaignRecord {
        let reason = try Reason.required(reason, field: "reason")
        try await db.transaction { conn in
            var status: String?
            for try await s in try await conn.query("SELECT status FROM campaign WHERE id = \(id) FOR UPDATE", logger: db.logger).decode(String.self) { status = s }
            guard let status else { throw SweepError.notFound("campaign \(id)") }
            if status == "closed" { throw SweepError.conflict("campaign \(id) is closed already") }
            var open: [String] = []
            for try await (plan, state) in try await conn.query("""
                SELECT id, status FROM plan WHERE campaign_id = \(id) AND status IN ('draft', 'approved', 'dispatched') ORDER BY id
                """, logger: db.logger).decode((Int64, String).self) { open.append("plan \(plan) is \(state)") }
            if !open.isEmpty {
                throw SweepError.conflict("campaign \(id) still has work: \(open.joined(separator: ", ")); mark sweeps done or discard drafts first")
            }
            try await conn.query("UPDATE campaign SET status = 'closed' WHERE id = \(id)", logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "campaign.close", objectType: "campaign", objectID: String(id), reason: reason),
                                      on: conn, logger: db.logger)
        }
        return try await get(id)
    }

    /// Campaigns whose whole area lies within `scope`.
    public func list(id: Int64? = nil, scope: ListScope = .everything) async throws -> [CampaignRecord] {
        let rows = try await db.query("""
            SELECT c.id, c.name, to_char(c.starts_on, 'YYYY-MM-DD'), to_char(c.ends_on, 'YYYY-MM-DD'), c.target_kinds,
                   c.selection_mode, c.settings::text, c.status, c.created_at,
                   coalesce((SELECT array_agg(j.code ORDER BY j.code) FROM campaign_jurisdiction cj
                             JOIN jurisdiction j ON j.id = cj.jurisdiction_id WHERE cj.campaign_id = c.id), '{}')
            FROM campaign c
            WHERE (\(id)::bigint IS NULL OR c.id = \(id))
              AND (\(scope.jurisdictionIds)::bigint[] IS NULL OR NOT EXISTS (
                   SELECT 1 FROM campaign_jurisdiction cj WHERE cj.campaign_id = c.id AND cj.jurisdiction_id <> ALL(\(scope.jurisdictionIds)::bigint[])))
            ORDER BY c.id DESC
            """)
        var out: [CampaignRecord] = []
        for try await (cid, name, starts, ends, kinds, mode, settingsText, status, created, codes) in
            rows.decode((Int64, String, String, String, [String], String, String, String, Date, [String]).self) {
            let settings = (try? WireCoding.decoder().decode(CampaignSettings.self, from: Data(settingsText.utf8))) ?? CampaignSettings()
            let spec = CampaignSpec(name: name, jurisdictions: codes, startsOn: starts, endsOn: ends,
                                    targetKinds: kinds.compactMap(TargetKind.init(rawValue:)),
                                    selectionMode: SelectionMode(rawValue: mode) ?? .risk, settings: settings)
            out.append(CampaignRecord(id: cid, spec: spec, status: status, createdAt: created))
        }
        return out
    }

    /// Team rules stored in `team_rule` (before a campaign's overrides).
    public func storedTeamRules() async throws -> [TeamRule] {
        let rows = try await db.query("SELECT target_kind, lead_department, min_lead_officers, assisting FROM team_rule ORDER BY target_kind")
        var out: [TeamRule] = []
        for try await (kind, lead, minLead, assisting) in rows.decode((String, String, Int, [String]).self) {
            guard let k = TargetKind(rawValue: kind) else { continue }
            out.append(TeamRule(kind: k, lead: DepartmentCode(rawValue: lead), minLeadOfficers: minLead,
                                assisting: assisting.map(DepartmentCode.init(rawValue:))))
        }
        return out.isEmpty ? TeamRule.defaults : out
    }
}
