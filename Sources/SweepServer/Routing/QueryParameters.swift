import Hummingbird
import SweepCore

/// Reads typed query parameters and collects every problem, so one response lists them all.
struct QueryParameters {
    private let request: Request
    private(set) var issues: [FieldIssue] = []
    /// Parameters this endpoint knows; anything else is reported instead of silently ignored.
    private let known: Set<String>

    init(_ request: Request, known: Set<String>) {
        self.request = request
        self.known = known
        for (name, value) in request.uri.queryParameters {
            if !known.contains(String(name)) {
                issues.append(FieldIssue(location: String(name), reason: "unknown query parameter; known: \(known.sorted().joined(separator: ", "))"))
            } else if value.isEmpty {
                issues.append(FieldIssue(location: String(name), reason: "has no value; leave the parameter out or give one"))
            }
        }
    }

    func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    mutating func int(_ name: String) -> Int? {
        guard let raw = string(name) else { return nil }
        guard let value = Int(raw) else { issues.append(FieldIssue(location: name, reason: "must be an integer, got \(raw)")); return nil }
        return value
    }

    mutating func double(_ name: String) -> Double? {
        guard let raw = string(name) else { return nil }
        guard let value = Double(raw), value.isFinite else { issues.append(FieldIssue(location: name, reason: "must be a number, got \(raw)")); return nil }
        return value
    }

    mutating func bool(_ name: String) -> Bool? {
        guard let raw = string(name) else { return nil }
        switch raw.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: issues.append(FieldIssue(location: name, reason: "must be true or false, got \(raw)")); return nil
        }
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let raw = string(name) else { return nil }
        guard let value = E(rawValue: raw) else {
            issues.append(FieldIssue(location: name, reason: "unknown value \(raw); use one of \(E.allCases.map(\.rawValue).joined(separator: ", "))"))
            return nil
        }
        return value
    }

    /// A comma-separated list; an empty element (`a,,b`, `,`) is an error, not skipped.
    mutating func list(_ name: String) -> [String] {
        guard let raw = string(name) else { return [] }
        let parts = raw.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if parts.contains(where: \.isEmpty) {
            issues.append(FieldIssue(location: name, reason: "has an empty element in \"\(raw)\"; separate values with single commas"))
        }
        return parts.filter { !$0.isEmpty }
    }

    mutating func enumerationList<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) -> [E] where E.RawValue == String {
        list(name).compactMap { part in
            guard let value = E(rawValue: String(part)) else {
                issues.append(FieldIssue(location: name, reason: "unknown value \(part); use one of \(E.allCases.map(\.rawValue).joined(separator: ", "))"))
                return nil
            }
            return value
        }
    }

    /// Adds problems found by the domain's own validation, so one response still lists them all.
    mutating func including(_ check: () throws -> Void) {
        do { try check() } catch SweepError.invalid(let more) { issues += more } catch { issues.append(FieldIssue(location: "query", reason: "\(error)")) }
    }

    func finish() throws {
        if !issues.isEmpty { throw SweepError.invalid(issues) }
    }
}
