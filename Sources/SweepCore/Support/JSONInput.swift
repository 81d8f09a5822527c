import Foundation

/// Decodes JSON documents from users (request bodies, files) and turns decoding failures into
/// `SweepError.invalid` with the field path (`settings.shift_templates[1].start`) and what was expected.
public enum JSONInput {
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, decoder: JSONDecoder, snakeCase: Bool = true) throws -> T {
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw SweepError.invalid([issue(error, snakeCase: snakeCase)])
        } catch {
            throw SweepError.invalid(field: "$", reason: "not a JSON document: \(error.localizedDescription)")
        }
    }

    static func issue(_ error: DecodingError, snakeCase: Bool) -> FieldIssue {
        switch error {
        case .keyNotFound(let key, let context):
            return FieldIssue(location: path(context.codingPath + [key], snakeCase: snakeCase), reason: "is required but missing")
        case .typeMismatch(let type, let context):
            return FieldIssue(location: path(context.codingPath, snakeCase: snakeCase), reason: "expected \(describe(type)); \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return FieldIssue(location: path(context.codingPath, snakeCase: snakeCase), reason: "expected \(describe(type)), found null")
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let reason = context.codingPath.isEmpty ? "is not valid JSON" + (underlying.map { ": \($0)" } ?? "") : context.debugDescription
            return FieldIssue(location: path(context.codingPath, snakeCase: snakeCase), reason: reason)
        @unknown default:
            return FieldIssue(location: "$", reason: "\(error)")
        }
    }

    /// `[settings, shiftTemplates, 1, start]` → `settings.shift_templates[1].start`.
    public static func path(_ keys: [any CodingKey], snakeCase: Bool = true) -> String {
        var out = ""
        for key in keys {
            if let i = key.intValue {
                out += "[\(i)]"
            } else {
                if !out.isEmpty { out += "." }
                out += snakeCase ? snake(key.stringValue) : key.stringValue
            }
        }
        return out.isEmpty ? "$" : out
    }

    static func snake(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch.isUppercase { if !out.isEmpty { out += "_" }; out += ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is UInt64.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
    }
}
