import Foundation
import Logging
import PostgresNIO
import SweepAPI
import SweepCore

/// Venue and licence standing: closing and reopening venues, suspending, revoking, expiring and
/// reinstating licences — by a person with a reason, or by a case decision in its own transaction.
/// Every change is kept in `registry_change`, reported in the event outbox and audited.
public struct RegistryLifecycleStore: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    public func closeVenue(_ id: Int64, on day: Date, reason: String?, actor: String) async throws -> [RegistryChangeRecord] {
        let reason = try Reason.required(reason, field: "reason")
        return try await db.transaction { conn in
            guard try await Self.venueStatus(id, on: conn, logger: db.logger) != .closed else {
                throw SweepError.conflict("venue \(id) is already closed; reopen it first if it operates again")
            }
            try await Self.apply([RegistryEffect(change: .venueClosed, reason: reason)], venueId: id, caseId: nil, effectiveOn: day, actor: actor,
                                 on: conn, logger: db.logger)
            return try await Self.changes(venueId: id, on: conn, logger: db.logger)
        }
    }

    public func reopenVenue(_ id: Int64, on day: Date, reason: String?, actor: String) async throws -> [RegistryChangeRecord] {
        let reason = try Reason.required(reason, field: "reason")
        return try await db.transaction { conn in
            guard try await Self.venueStatus(id, on: conn, logger: db.logger) == .closed else {
                throw SweepError.conflict("venue \(id) is not closed")
            }
            try await Self.apply([RegistryEffect(change: .venueReopened, reason: reason)], venueId: id, caseId: nil, effectiveOn: day, actor: actor,
                                 on: conn, logger: db.logger)
            return try await Self.changes(venueId: id, on: conn, logger: db.logger)
        }
    }

    /// Sets a licence's status. A revoked licence is final: the operator applies for a new one.
    public func setLicence(_ id: Int64, to status: LicenceStatus, until: Date?, on day: Date, reason: String?, actor: String) async throws -> [RegistryChangeRecord] {
        let reason = try Reason.required(reason, field: "reason")
        if until != nil, status != .suspended { throw SweepError.invalid(field: "until", reason: "only a suspension has an end date") }
        if let until, until < day { throw SweepError.invalid(field: "until", reason: "must not be before the day the suspension starts") }
        return try await db.transaction { conn in
            var found: (Int64, String)?
            for try await row in try await conn.query("SELECT venue_id, status FROM licence WHERE id = \(id) FOR UPDATE", logger: db.logger)
                .decode((Int64, String).self) { found = row }
            guard let (venueId, current) = found else { throw SweepError.notFound("licence \(id)") }
            if current == LicenceStatus.revoked.rawValue { throw SweepError.conflict("licence \(id) is revoked, which is final; record a new licence instead") }
            if current == status.rawValue, status != .suspended { throw SweepError.conflict("licence \(id) is already \(status.rawValue)") }
            try await Self.apply([RegistryEffect(change: .forLicence(status), licenceId: id, until: until, reason: reason)], venueId: venueId, caseId: nil,
                                 effectiveOn: day, actor: actor, on: conn, logger: db.logger)
            return try await Self.changes(venueId: venueId, on: conn, logger: db.logger)
        }
    }

    /// Applies effects on the caller's transaction: the row changes, their history, their events and
    /// the audit entries. Case decisions call this with their case id.
    static func apply(_ effects: [RegistryEffect], venueId: Int64, caseId: Int64?, effectiveOn day: Date, actor: String,
                      on conn: PostgresConnection, logger: Logger) async throws {
        let dayText = ISODay.format(day)
        for effect in effects {
            switch effect.change {
            case .venueClosed:
                try await conn.query("""
                    UPDATE venue SET status = 'closed', closed_on = \(dayText)::date, closed_reason = \(effect.reason), updated_at = now() WHERE id = \(venueId)
                    """, logger: logger)
            case .venueReopened:
                try await conn.query("""
                    UPDATE venue SET status = 'open', closed_on = NULL, closed_reason = NULL, updated_at = now() WHERE id = \(venueId)
                    """, logger: logger)
            case .venueRegistered, .venueCorrected, .licenceIssued:
                break  // the maintenance store wrote the rows; this keeps their history
            default:
                guard let licence = effect.licenceId, let status = effect.change.licenceStatus else { continue }
                try await conn.query("""
                    UPDATE licence SET status = \(status.rawValue), suspended_until = \(effect.until.map(ISODay.format))::date
                    WHERE id = \(licence) AND venue_id = \(venueId)
                    """, logger: logger)
            }
            let untilText = effect.until.map(ISODay.format)
            let details = String(decoding: try JSONEncoder().encode(effect.details), as: UTF8.self)
            try await conn.query("""
                INSERT INTO registry_change (venue_id, licence_id, change, effective_on, until, reason, case_id, actor, details)
                VALUES (\(venueId), \(effect.licenceId), \(effect.change.rawValue), \(dayText)::date, \(untilText)::date, \(effect.reason), \(caseId),
                        \(actor), \(details)::jsonb)
                """, logger: logger)
            var payload = ["venue_id": String(venueId), "effective_on": dayText, "reason": effect.reason]
            if let licence = effect.licenceId { payload["licence_id"] = String(licence) }
            if let untilText { payload["until"] = untilText }
            if let caseId { payload["case_id"] = String(caseId) }
            if !effect.details.isEmpty { payload["fields"] = effect.details.keys.sorted().joined(separator: ",") }
            let object = effect.licenceId.map { ("licence", String($0)) } ?? ("venue", String(venueId))
            try await EventOutbox.append(effect.change.eventKind, object: object, venueId: venueId, department: nil, payload: payload,
                                         on: conn, logger: logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "registry.\(effect.change.rawValue)", objectType: object.0, objectID: object.1,
                                                 reason: effect.reason, details: Self.auditDetails(effect, caseId: caseId)),
                                      on: conn, logger: logger)
        }
    }

    /// What the audit log keeps beside the reason: the deciding case, a correction's old and new values.
    static func auditDetails(_ effect: RegistryEffect, caseId: Int64?) -> [String: String] {
        var details = caseId.map { ["case": String($0)] } ?? [:]
        for (field, change) in effect.details { details[field] = "\(change.from ?? "—") → \(change.to ?? "—")" }
        return details
    }

    /// The licences of a venue, locked for the decision that may change them.
    static func licences(venueId: Int64, on conn: PostgresConnection, logger: Logger) async throws -> [LicenceFacts] {
        var out: [LicenceFacts] = []
        for try await (id, type, issuer, status) in try await conn.query("""
            SELECT id, licence_type, issuing_department, status FROM licence WHERE venue_id = \(venueId) ORDER BY id FOR UPDATE
            """, logger: logger).decode((Int64, String, String, String).self) {
            guard let type = LicenceType(rawValue: type), let status = LicenceStatus(rawValue: status) else { continue }
            out.append(LicenceFacts(id: id, type: type, issuer: DepartmentCode(rawValue: issuer), status: status))
        }
        return out
    }

    static func venueStatus(_ id: Int64, on conn: PostgresConnection, logger: Logger) async throws -> VenueStatus {
        var status: String?
        for try await s in try await conn.query("SELECT status FROM venue WHERE id = \(id) FOR UPDATE", logger: logger).decode(String.self) { status = s }
        guard let status else { throw SweepError.notFound("venue \(id)") }
        return VenueStatus(rawValue: status) ?? .unknown
    }

    /// A venue's registry history, newest first: the query, run on a transaction or the pool.
    static func changesQuery(venueId: Int64) -> PostgresQuery {
        """
        SELECT id, change, licence_id, effective_on::text, until::text, reason, case_id, actor, recorded_at, details::text
        FROM registry_change WHERE venue_id = \(venueId) ORDER BY id DESC LIMIT 100
        """
    }

    static func changes(venueId: Int64, on conn: PostgresConnection, logger: Logger) async throws -> [RegistryChangeRecord] {
        try await changes(try await conn.query(changesQuery(venueId: venueId), logger: logger))
    }

    static func changes(_ rows: PostgresRowSequence) async throws -> [RegistryChangeRecord] {
        var out: [RegistryChangeRecord] = []
        for try await (id, change, licence, effective, until, reason, caseId, actor, at, detailsText) in
            rows.decode((Int64, String, Int64?, String, String?, String, Int64?, String, Date, String).self) {
            let details = try? JSONDecoder().decode([String: FieldChange].self, from: Data(detailsText.utf8))
            out.append(RegistryChangeRecord(id: id, change: RegistryChangeKind(rawValue: change) ?? .venueClosed, licenceId: licence, effectiveOn: effective,
                                            until: until, reason: reason, caseId: caseId, actor: actor, recordedAt: at,
                                            details: details?.isEmpty == false ? details : nil))
        }
        return out
    }
}

extension RegistryChangeKind {
    /// The domain event a change reports (`venue.closed`, `licence.revoked` …).
    var eventKind: String {
        switch self {
        case .venueClosed: "venue.closed"
        case .venueReopened: "venue.reopened"
        case .licenceSuspended: "licence.suspended"
        case .licenceRevoked: "licence.revoked"
        case .licenceExpired: "licence.expired"
        case .licenceReinstated: "licence.reinstated"
        case .venueRegistered: "venue.registered"
        case .venueCorrected: "venue.corrected"
        case .licenceIssued: "licence.issued"
        }
    }
}
