import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Tips from the hotlines (12355, 12318, 12313, 12315, 12345, 110): the caller's identity is
/// stripped at intake; what locates the venue and the allegation is kept, with the channel's
/// reference for feedback. A triaged tip raises the venue's planning risk.
public struct TipStore: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    /// `fallbackJurisdiction` places a tip that names neither venue nor location (a district
    /// coordinator's intake lands in their district).
    public func intake(_ t: TipIntake, actor: String, fallbackJurisdiction: String? = nil, now: Date = Date()) async throws -> TipRecord {
        var issues: [FieldIssue] = []
        let channels = ["12355", "12318", "12313", "12315", "12345", "110", "other"]
        if !channels.contains(t.channel) { issues.append(.init(location: "channel", reason: "one of \(channels.joined(separator: ", "))")) }
        if t.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init(location: "text", reason: "the allegation is required")) }
        if let p = t.location, let problem = ChinaBounds.problem(longitude: p.longitude, latitude: p.latitude) {
            issues.append(.init(location: "location", reason: problem))
        }
        if t.receivedAt > now.addingTimeInterval(600) { issues.append(.init(location: "received_at", reason: "is in the future")) }
        if !issues.isEmpty { throw SweepError.invalid(issues) }
        let scrubbed = TipScrubber.scrub(t.text)
        let reference = t.channelReference.map { TipScrubber.scrub($0).text }
        return try await db.transaction { conn in
            var venueID: Int64?
            if let code = t.venueCode {
                for try await id in try await conn.query("SELECT id FROM venue WHERE code = \(code)", logger: db.logger).decode(Int64.self) { venueID = id }
                if venueID == nil { throw SweepError.invalid(field: "venue_code", reason: "no venue \(code); leave it out and triage the tip later") }
            }
            var id: Int64 = 0
            for try await v in try await conn.query("""
                WITH placed AS (
                    SELECT CASE WHEN \(t.location?.longitude)::float8 IS NULL THEN NULL
                                ELSE ST_SetSRID(ST_MakePoint(\(t.location?.longitude)::float8, \(t.location?.latitude)::float8), 4326) END AS point)
                INSERT INTO tip (channel, channel_reference, received_at, venue_id, location, allegation, department_code, status, removed_identity, recorded_by,
                                 jurisdiction_id)
                SELECT \(t.channel), \(reference), \(t.receivedAt), \(venueID), placed.point::geography,
                       \(scrubbed.text), \(t.department?.rawValue), \(venueID == nil ? "received" : "triaged"), \(scrubbed.removed), \(actor),
                       coalesce((SELECT jurisdiction_id FROM venue WHERE id = \(venueID)),
                                (SELECT j.id FROM jurisdiction j WHERE j.level = 'district' AND j.boundary IS NOT NULL AND ST_Covers(j.boundary, placed.point)
                                 ORDER BY j.id LIMIT 1),
                                (SELECT id FROM jurisdiction WHERE code = \(fallbackJurisdiction)))
                FROM placed
                RETURNING id
                """, logger: db.logger).decode(Int64.self) { id = v }
            try await AuditLog.append(AuditEntry(actor: actor, action: "tip.intake", objectType: "tip", objectID: String(id),
                                                 details: ["channel": t.channel, "identity_removed": scrubbed.removed.joined(separator: ",")]),
                                      on: conn, logger: db.logger)
            return try await get(id, on: conn)
        }
    }

    /// Routes a tip to a venue (an existing one, or a new suspected black café) and a department.
    public func triage(_ id: Int64, _ r: TipTriage, actor: String) async throws -> TipRecord {
        try await db.transaction { conn in
            var status = ""
            for try await s in try await conn.query("SELECT status FROM tip WHERE id = \(id) FOR UPDATE", logger: db.logger).decode(String.self) { status = s }
            guard !status.isEmpty else { throw SweepError.notFound("tip \(id)") }
            guard status == "received" || status == "triaged" else { throw SweepError.conflict("tip \(id) is \(status); only received or triaged tips can be triaged") }
            var venueID: Int64?
            if let code = r.venueCode {
                for try await v in try await conn.query("SELECT id FROM venue WHERE code = \(code)", logger: db.logger).decode(Int64.self) { venueID = v }
                if venueID == nil { throw SweepError.invalid(field: "venue_code", reason: "no venue \(code)") }
            } else if let n = r.newVenue {
                var issues: [FieldIssue] = []
                if n.name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(.init(location: "new_venue.name", reason: "must not be empty")) }
                if let problem = ChinaBounds.problem(longitude: n.location.longitude, latitude: n.location.latitude) { issues.append(.init(location: "new_venue.location", reason: problem)) }
                var jurisdiction: Int64?
                for try await j in try await conn.query("SELECT id FROM jurisdiction WHERE code = \(n.district)", logger: db.logger).decode(Int64.self) { jurisdiction = j }
                if jurisdiction == nil { issues.append(.init(location: "new_venue.district", reason: "unknown jurisdiction \(n.district)")) }
                guard issues.isEmpty, let jurisdiction else { throw SweepError.invalid(issues) }
                for try await v in try await conn.query("""
                    INSERT INTO venue (code, kind, name, address, jurisdiction_id, licensed, location, status)
                    VALUES ('TIP-' || \(id) || '-' || substr(md5(random()::text), 1, 6), \(n.kind.rawValue), \(n.name), \(n.address), \(jurisdiction), false,
                            ST_SetSRID(ST_MakePoint(\(n.location.longitude), \(n.location.latitude)), 4326)::geography, 'unknown')
                    RETURNING id
                    """, logger: db.logger).decode(Int64.self) { venueID = v }
            } else {
                throw SweepError.invalid(field: "venue_code", reason: "give venue_code or new_venue")
            }
            try await conn.query("""
                UPDATE tip SET venue_id = \(venueID), department_code = coalesce(\(r.department?.rawValue), department_code),
                               jurisdiction_id = (SELECT jurisdiction_id FROM venue WHERE id = \(venueID)),
                               status = 'triaged', triaged_at = now() WHERE id = \(id)
                """, logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "tip.triage", objectType: "tip", objectID: String(id),
                                                 details: ["venue": String(venueID ?? 0), "department": r.department?.rawValue ?? ""]),
                                      on: conn, logger: db.logger)
            let tip = try await get(id, on: conn)
            try await EventOutbox.append("tip.triaged", object: ("tip", String(id)), venueId: venueID, department: tip.department,
                                         payload: ["channel": tip.channel, "channel_reference": tip.channelReference ?? "", "venue_code": tip.venueCode ?? ""],
                                         on: conn, logger: db.logger)
            return tip
        }
    }

    /// Closes a tip that has no case, with the feedback its channel receives; a tip in a case is
    /// closed by its case.
    public func close(_ id: Int64, _ closure: TipClosure, actor: String) async throws -> TipRecord {
        let feedback = try closure.checkedFeedback()
        return try await db.transaction { conn in
            var found: (String, Int64?)?
            for try await row in try await conn.query("SELECT status, venue_id FROM tip WHERE id = \(id) FOR UPDATE", logger: db.logger)
                .decode((String, Int64?).self) { found = row }
            guard let (status, venueID) = found else { throw SweepError.notFound("tip \(id)") }
            switch status {
            case "received", "triaged": break
            case "in_case": throw SweepError.conflict("tip \(id) is in a case; it closes with its case, which sends the feedback")
            default: throw SweepError.conflict("tip \(id) is \(status) already")
            }
            try await conn.query("UPDATE tip SET status = \(closure.outcome.rawValue), feedback = \(feedback) WHERE id = \(id)", logger: db.logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "tip.close", objectType: "tip", objectID: String(id), reason: feedback,
                                                 details: ["outcome": closure.outcome.rawValue]), on: conn, logger: db.logger)
            let tip = try await get(id, on: conn)
            try await EventOutbox.append("tip.closed", object: ("tip", String(id)), venueId: venueID, department: tip.department,
                                         payload: ["outcome": closure.outcome.rawValue, "feedback": feedback, "channel": tip.channel,
                                                   "channel_reference": tip.channelReference ?? ""], on: conn, logger: db.logger)
            return tip
        }
    }

    public func list(status: String? = nil, limit: Int = 100, scope: ListScope = .everything) async throws -> [TipRecord] {
        var out: [TipRecord] = []
        let rows = try await db.scoped(scope) { conn in try await conn.query("""
            SELECT \(unescaped: Self.columns)
            FROM tip t LEFT JOIN venue v ON v.id = t.venue_id
            WHERE (\(status)::text IS NULL OR t.status = \(status))
              AND (\(scope.jurisdictionIds)::bigint[] IS NULL OR t.jurisdiction_id = ANY(\(scope.jurisdictionIds)::bigint[]))
              AND (\(scope.department?.rawValue)::text IS NULL OR t.department_code = \(scope.department?.rawValue))
            ORDER BY t.id DESC LIMIT \(limit)
            """, logger: db.logger).collect() }
        for row in rows { out.append(try Self.record(row)) }
        return out
    }

    static let columns = """
        t.id, t.channel, t.channel_reference, t.received_at, v.code, t.allegation, t.department_code, t.status, t.removed_identity,
        t.case_id, t.feedback
        """

    static func record(_ row: PostgresRow) throws -> TipRecord {
        let r = row.makeRandomAccess()
        return TipRecord(id: try r.at(0, Int64.self), channel: try r.at(1, String.self), channelReference: try r.at(2, String?.self),
                         receivedAt: try r.at(3, Date.self), venueCode: try r.at(4, String?.self), allegation: try r.at(5, String.self),
                         department: try r.at(6, String?.self).map(DepartmentCode.init(rawValue:)), status: try r.at(7, String.self),
                         removedIdentity: try r.at(8, [String].self), caseId: try r.at(9, Int64?.self), feedback: try r.at(10, String?.self))
    }

    func get(_ id: Int64, on conn: PostgresConnection) async throws -> TipRecord {
        for try await row in try await conn.query("""
            SELECT \(unescaped: Self.columns) FROM tip t LEFT JOIN venue v ON v.id = t.venue_id WHERE t.id = \(id)
            """, logger: db.logger) {
            return try Self.record(row)
        }
        throw SweepError.notFound("tip \(id)")
    }
}
