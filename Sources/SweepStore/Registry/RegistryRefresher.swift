import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Refreshes the venue registry from a department's periodic list: venues added, corrected,
/// licensed and closed by code, all in one transaction, each change kept in the registry history
/// with the file as its reason. A dry run reads and plans in the same way and writes nothing.
public struct RegistryRefresher: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    public func refreshVenues(data: Data, fileName: String, actor: String, dryRun: Bool, today: Date = Date()) async throws -> RegistryRefresh {
        try await db.transaction { conn in
            let logger = db.logger
            let stored = try await VenueRecordReader.read(lock: !dryRun, on: conn, logger: logger)
            var context = try await RegistryImporter.context(conn, logger: logger, for: .jurisdictions)
            for (_, v) in stored {
                for l in v.licences { context.licenceOwners[LicenceKey(type: l.type, number: l.number)] = v.code }
            }
            let records = try VenueCSV.parse(data, context: context).get()
            let plan = RegistryRefresh.plan(file: records, stored: stored.map(\.record))
            if dryRun || plan.isEmpty { return plan }

            let ids = Dictionary(stored.map { ($0.record.code, $0.id) }, uniquingKeysWith: { a, _ in a })
            let reason = "registry refresh from \(fileName)"
            let writer = RegistryWriter(connection: conn, logger: logger)
            let jurisdictions = try await writer.jurisdictionIDs()
            try await writer.insertVenues(plan.added, jurisdictions: jurisdictions)
            var found: [(id: Int64, foundOn: Date)] = []
            for try await (id, kind, licensed) in try await conn.query("""
                SELECT id, kind, licensed FROM venue WHERE code = ANY(\(plan.added.map(\.code))::text[]) ORDER BY id
                """, logger: logger).decode((Int64, String, Bool).self) {
                try await RegistryLifecycleStore.apply([RegistryEffect(change: .venueRegistered, reason: reason)], venueId: id, caseId: nil,
                                                       effectiveOn: today, actor: actor, on: conn, logger: logger)
                if kind == VenueKind.internetCafe.rawValue, !licensed { found.append((id, today)) }
            }
            let byCode = Dictionary(records.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            for change in plan.changed {
                guard let id = ids[change.code], let v = byCode[change.code] else { continue }
                var effects: [RegistryEffect] = []
                if !change.fields.isEmpty {
                    try await RegistryMaintenanceStore.updateDetails(id, to: v, jurisdictionId: jurisdictions[v.districtCode], on: conn, logger: logger)
                    effects.append(RegistryEffect(change: .venueCorrected, reason: reason, details: change.fields))
                }
                for l in change.newLicences {
                    let licenceId = try await RegistryMaintenanceStore.insertLicence(l, venueId: id, on: conn, logger: logger)
                    effects.append(RegistryEffect(change: .licenceIssued, licenceId: licenceId, reason: reason))
                }
                for l in change.revalidated {
                    try await conn.query("""
                        UPDATE licence SET valid_from = \(l.validFrom.map(ISODay.format))::date, valid_until = \(l.validUntil.map(ISODay.format))::date
                        WHERE venue_id = \(id) AND licence_type = \(l.type.rawValue) AND licence_number = \(l.number)
                        """, logger: logger)
                }
                if change.reopens { effects.append(RegistryEffect(change: .venueReopened, reason: reason)) }
                try await RegistryLifecycleStore.apply(effects, venueId: id, caseId: nil, effectiveOn: today, actor: actor, on: conn, logger: logger)
                if v.kind == .internetCafe, !v.licensed, change.fields["licensed"] != nil || change.fields["location"] != nil { found.append((id, today)) }
            }
            for closure in plan.closed {
                guard let id = ids[closure.code] else { continue }
                try await RegistryLifecycleStore.apply([RegistryEffect(change: .venueClosed, reason: "\(reason): \(closure.why)")], venueId: id, caseId: nil,
                                                       effectiveOn: today, actor: actor, on: conn, logger: logger)
            }
            try await RelocationStore.detect(found, by: .imported, on: conn, logger: logger)
            try await AuditLog.append(AuditEntry(actor: actor, action: "registry.refresh", objectType: "venues", objectID: nil,
                                                 details: ["file": fileName, "added": String(plan.added.count), "changed": String(plan.changed.count),
                                                           "closed": String(plan.closed.count), "unchanged": String(plan.unchanged)]),
                                      on: conn, logger: logger)
            return plan
        }
    }
}
