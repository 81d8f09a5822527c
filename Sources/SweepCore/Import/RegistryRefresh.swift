import Foundation

/// What a refresh of the venue registry from a department's periodic list would do, decided before
/// anything is written (`sweep import venues FILE --mode upsert [--dry-run]`).
///
/// - added: codes not stored yet;
/// - changed: stored venues whose details differ, or that gain a licence or new validity dates, or
///   that the file lists as open again;
/// - closed: stored venues the file marks closed, and licensed open venues of a district and kind
///   the file covers that the file no longer lists (the department's list is complete for what it
///   covers; unlicensed cafés are found by inspectors, not listed, so they are never closed here).
public struct RegistryRefresh: Sendable {
    public struct Change: Sendable, Hashable {
        public var code: String
        public var name: String
        public var fields: [String: FieldChange]
        public var newLicences: [LicenceRecord]
        /// Licences whose validity dates the file changes: key → the file's version.
        public var revalidated: [LicenceRecord]
        public var reopens: Bool
    }

    public struct Closure: Sendable, Hashable {
        public var code: String
        public var name: String
        /// "marked closed in the file" or "not in the file".
        public var why: String
    }

    public var added: [VenueRecord] = []
    public var changed: [Change] = []
    public var closed: [Closure] = []
    public var unchanged = 0

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && closed.isEmpty }

    public static func plan(file: [VenueRecord], stored: [VenueRecord]) -> RegistryRefresh {
        var out = RegistryRefresh()
        let storedByCode = Dictionary(stored.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let listed = Set(file.map(\.code))
        for record in file {
            guard let old = storedByCode[record.code] else { out.added.append(record); continue }
            let fields = VenueDifferences.between(old, record)
            let held = Dictionary(old.licences.map { (LicenceKey(type: $0.type, number: $0.number), $0) }, uniquingKeysWith: { a, _ in a })
            var newLicences: [LicenceRecord] = [], revalidated: [LicenceRecord] = []
            for licence in record.licences {
                guard let current = held[LicenceKey(type: licence.type, number: licence.number)] else { newLicences.append(licence); continue }
                if !sameDay(current.validFrom, licence.validFrom) || !sameDay(current.validUntil, licence.validUntil) { revalidated.append(licence) }
            }
            let reopens = old.status == .closed && record.status == .open
            if record.status == .closed, old.status != .closed {
                out.closed.append(Closure(code: record.code, name: record.name, why: "marked closed in the file"))
            }
            if fields.isEmpty, newLicences.isEmpty, revalidated.isEmpty, !reopens {
                if !(record.status == .closed && old.status != .closed) { out.unchanged += 1 }
                continue
            }
            out.changed.append(Change(code: record.code, name: record.name, fields: fields, newLicences: newLicences, revalidated: revalidated, reopens: reopens))
        }
        let covered = Set(file.map { Coverage(district: $0.districtCode, kind: $0.kind) })
        for old in stored where !listed.contains(old.code) && old.licensed && old.status != .closed
            && covered.contains(Coverage(district: old.districtCode, kind: old.kind)) {
            out.closed.append(Closure(code: old.code, name: old.name, why: "not in the file"))
        }
        return out
    }

    /// The report a person reads before saying yes.
    public func lines(limit: Int = 200) -> [String] {
        var lines = ["added \(added.count), changed \(changed.count), closed \(closed.count), unchanged \(unchanged)"]
        var shown = 0
        func add(_ line: String) {
            if shown < limit { lines.append(line) } else if shown == limit { lines.append("… (\(added.count + changed.count + closed.count - limit) more)") }
            shown += 1
        }
        for v in added { add("added    \(v.code)  \(v.name) (\(v.districtCode), \(v.kind.rawValue)\(v.licensed ? "" : ", unlicensed"))") }
        for c in changed {
            var parts = c.fields.keys.sorted().map { "\($0) \(quote(c.fields[$0]?.from)) → \(quote(c.fields[$0]?.to))" }
            parts += c.newLicences.map { "licence \($0.type.rawValue) \($0.number) added" }
            parts += c.revalidated.map { "licence \($0.type.rawValue) \($0.number) valid \(day($0.validFrom))–\(day($0.validUntil))" }
            if c.reopens { parts.append("open again") }
            add("changed  \(c.code)  \(c.name): \(parts.joined(separator: "; "))")
        }
        for c in closed { add("closed   \(c.code)  \(c.name) (\(c.why))") }
        return lines
    }

    private struct Coverage: Hashable { var district: String; var kind: VenueKind }

    private static func sameDay(_ a: Date?, _ b: Date?) -> Bool { a.map(ISODay.format) == b.map(ISODay.format) }
    private func quote(_ s: String?) -> String { s.map { "\"\($0)\"" } ?? "—" }
    private func day(_ d: Date?) -> String { d.map(ISODay.format) ?? "…" }
}
