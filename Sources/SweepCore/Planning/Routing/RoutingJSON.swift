import Foundation

/// The documented file formats of routing instances and plans: ``RoutingInstance`` and
/// ``RoutingSolution`` as JSON with snake_case keys, sorted and pretty-printed so files diff well.
/// Decoding errors name the JSON path of the offending field, e.g. `teams[3].shift_end`.
public enum RoutingJSON {
    /// The instance file; throws ``SweepError/invalid(_:)`` for values JSON cannot hold (NaN).
    public static func encode(_ instance: RoutingInstance) throws -> Data {
        try encodeValue(instance)
    }

    /// The plan file: `{"routes": [[target indices], …]}`, one route per team in instance order.
    public static func encode(_ solution: RoutingSolution) throws -> Data {
        try encodeValue(solution)
    }

    /// Decodes and sanity-checks an instance file; throws ``SweepError/invalid(_:)`` with one issue
    /// per problem found.
    public static func decodeInstance(_ data: Data) throws -> RoutingInstance {
        let instance: RoutingInstance = try decodeValue(data)
        let issues = problems(instance)
        if !issues.isEmpty { throw SweepError.invalid(issues) }
        return instance
    }

    /// Decodes a plan file (`{"routes": [[target indices], …]}`); whether it fits an instance is
    /// ``RoutingEvaluator``'s job.
    public static func decodeSolution(_ data: Data) throws -> RoutingSolution {
        try decodeValue(data)
    }

    private static func encodeValue<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            return try encoder.encode(value)
        } catch let EncodingError.invalidValue(_, context) {
            throw SweepError.invalid(field: path(context.codingPath), reason: "cannot be written as JSON: \(context.debugDescription)")
        }
    }

    private static func decodeValue<T: Decodable>(_ data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try JSONInput.decode(T.self, from: data, decoder: decoder)
    }

    /// `teams[3].shift_end` from a coding path; `$` for the document itself.
    static func path(_ codingPath: [any CodingKey]) -> String { JSONInput.path(codingPath) }

    /// Values that decode but cannot be planned with, by path.
    static func problems(_ instance: RoutingInstance) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if instance.formatVersion != RoutingInstance.formatVersion {
            issues.append(FieldIssue(location: "format_version", reason: "is \(instance.formatVersion); this build reads version \(RoutingInstance.formatVersion)"))
        }
        if !(instance.travel.speedKmh > 0) || !instance.travel.speedKmh.isFinite {
            issues.append(FieldIssue(location: "travel.speed_kmh", reason: "must be a positive number"))
        }
        if !(instance.travel.detourFactor >= 1) || !instance.travel.detourFactor.isFinite {
            issues.append(FieldIssue(location: "travel.detour_factor", reason: "must be at least 1 (roads are never shorter than the straight line)"))
        }
        for (i, target) in instance.targets.enumerated() {
            let at = "targets[\(i)]"
            if !target.value.isFinite { issues.append(FieldIssue(location: "\(at).value", reason: "must be a finite number")) }
            if target.serviceMinutes < 0 || target.serviceMinutes > 1440 {
                issues.append(FieldIssue(location: "\(at).service_minutes", reason: "is \(target.serviceMinutes); must be 0–1440"))
            }
            if let problem = ChinaBounds.problem(longitude: target.location.longitude, latitude: target.location.latitude) {
                issues.append(FieldIssue(location: "\(at).location", reason: problem))
            }
            if let hours = target.hours {
                if !(0..<1440).contains(hours.openMinute) {
                    issues.append(FieldIssue(location: "\(at).hours.open_minute", reason: "is \(hours.openMinute); must be 0–1439"))
                }
                if hours.closeMinute <= hours.openMinute || hours.closeMinute > hours.openMinute + 1440 {
                    issues.append(FieldIssue(location: "\(at).hours.close_minute", reason: "is \(hours.closeMinute); must be after open_minute and at most 1440 minutes later"))
                }
            }
        }
        for (i, team) in instance.teams.enumerated() {
            if team.shiftEnd <= team.shiftStart {
                issues.append(FieldIssue(location: "teams[\(i)].shift_end", reason: "is \(team.shiftEnd), not after shift_start \(team.shiftStart)"))
            }
            if let problem = ChinaBounds.problem(longitude: team.depot.longitude, latitude: team.depot.latitude) {
                issues.append(FieldIssue(location: "teams[\(i)].depot", reason: problem))
            }
        }
        return issues
    }
}
