import Foundation

/// The jurisdictions a new token may see, as an admin writes them: every non-admin token needs an
/// explicit scope, and "everywhere" must be said out loud (`all`), so nobody issues a province-wide
/// token by forgetting an option.
public enum TokenScope {
    /// The jurisdiction codes for `option` (empty = everywhere), or why it is refused.
    public static func parse(_ option: String?, role: Role) throws -> [String] {
        guard let option = option?.trimmingCharacters(in: .whitespaces), !option.isEmpty else {
            if role == .admin { return [] }
            throw SweepError.invalid(field: "--scope", reason: "a \(role.rawValue) token needs a scope: jurisdiction codes (e.g. 420102 for one district, "
                                     + "420100 for a whole city) or `all` for everywhere (province-wide)")
        }
        if option.lowercased() == "all" { return [] }
        let codes = option.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if codes.contains(where: \.isEmpty) || codes.contains(where: { $0.lowercased() == "all" }) {
            throw SweepError.invalid(field: "--scope", reason: "\"\(option)\" is not a list of jurisdiction codes; give codes separated by commas, or `all` alone")
        }
        return codes
    }

    /// How a scope reads to people: "everywhere (province-wide)" or the codes.
    public static func describe(_ scope: [String]) -> String {
        scope.isEmpty ? "everywhere (province-wide)" : scope.joined(separator: ", ")
    }
}
