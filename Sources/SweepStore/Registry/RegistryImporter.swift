import Foundation
import Logging
import PostgresNIO
import SweepCore

/// What `sweep import` reads.
public enum RegistryKind: String, Sendable, CaseIterable {
    case venues, schools, inspectors, jurisdictions
}

/// Imports and exports registry files. Import is all-or-nothing: the whole file is validated against
/// what is stored (inside the transaction that will insert it), and any issue leaves the database as it was.
public struct RegistryImporter: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    /// Result of a successful import.
    public struct Summary: Sendable {
        public var kind: RegistryKind
        public var inserted: Int
        public var boundariesUpdated: Int
    }

    /// Imports `data` (CSV, or GeoJSON for jurisdictions when `geoJSON`) as `kind`, audited as `actor`.
    public func importFile(_ kind: RegistryKind, data: Data, geoJSON: Bool, fileName: String, actor: String) async throws -> Summary {
        try await db.transaction { conn in
            let writer = RegistryWriter(connection: conn, logger: db.logger)
            let context = try await Self.context(conn, logger: db.logger, for: kind)
            var summary = Summary(kind: kind, inserted: 0, boundariesUpdated: 0)
            switch kind {
            case .venues:
                let records = try VenueCSV.parse(data, context: context).get()
                try await writer.insertVenues(records, jurisdictions: try await writer.jurisdictionIDs())
                summary.inserted = records.count
            case .schools:
                let records = try SchoolCSV.parse(data, context: context).get()
                try await writer.insertSchools(records, jurisdictions: try await writer.jurisdictionIDs())
                summary.inserted = records.count
            case .inspectors:
                let records = try InspectorCSV.parse(data, context: context).get()
                try await writer.insertInspectors(records, jurisdictions: try await writer.jurisdictionIDs())
                summary.inserted = records.count
            case .jurisdictions where geoJSON:
                let records = try BoundaryGeoJSON.parse(data, context: context, onExisting: .replaceBoundary).get()
                let new = records.filter { context.jurisdictions[$0.code] == nil }
                try await writer.insertJurisdictions(new)
                for record in records where context.jurisdictions[record.code] != nil {
                    if let rings = record.boundary {
                        try await writer.updateBoundary(code: record.code, rings: rings)
                        summary.boundariesUpdated += 1
                    }
                }
                summary.inserted = new.count
            case .jurisdictions:
                let records = try JurisdictionCSV.parse(data, context: context).get()
                try await writer.insertJurisdictions(records)
                summary.inserted = records.count
            }
            try await AuditLog.append(AuditEntry(actor: actor, action: "registry.import", objectType: kind.rawValue, objectID: nil,
                                                 details: ["file": fileName, "inserted": String(summary.inserted),
                                                           "boundaries_updated": String(summary.boundariesUpdated)]),
                                      on: conn, logger: db.logger)
            return summary
        }
    }

    /// What the parsers check rows against, read in the importing transaction.
    static func context(_ conn: PostgresConnection, logger: Logger, for kind: RegistryKind) async throws -> ImportContext {
        var context = ImportContext()
        let jurisdictions = try await conn.query("SELECT code, level FROM jurisdiction", logger: logger)
        for try await (code, level) in jurisdictions.decode((String, String).self) {
            context.jurisdictions[code] = JurisdictionLevel(rawValue: level)
        }
        let departments = try await conn.query("SELECT code FROM department", logger: logger)
        for try await code in departments.decode(String.self) { context.departments.insert(DepartmentCode(rawValue: code)) }
        switch kind {
        case .venues:
            let venues = try await conn.query("SELECT code FROM venue", logger: logger)
            for try await code in venues.decode(String.self) { context.existingVenueCodes.insert(code) }
            let licences = try await conn.query("SELECT licence_type, licence_number FROM licence", logger: logger)
            for try await (type, number) in licences.decode((String, String).self) {
                if let type = LicenceType(rawValue: type) { context.existingLicences.insert(LicenceKey(type: type, number: number)) }
            }
        case .schools:
            let schools = try await conn.query("SELECT code FROM school", logger: logger)
            for try await code in schools.decode(String.self) { context.existingSchoolCodes.insert(code) }
        case .inspectors:
            let rows = try await conn.query("SELECT code, credential_number FROM inspector", logger: logger)
            for try await (code, credential) in rows.decode((String, String).self) {
                context.existingInspectorCodes.insert(code)
                context.existingCredentialNumbers.insert(credential)
            }
        case .jurisdictions:
            break
        }
        return context
    }
}
