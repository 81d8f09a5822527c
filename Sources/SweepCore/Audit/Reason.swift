import Foundation

/// Why a change was made. Case actions, token revocations, plan discards and repairs and registry
/// changes need one; it is stored with the change and in the audit log.
public enum Reason {
    public static let maxLength = 1000

    /// The trimmed reason, or an error naming `field` when it is missing, blank or too long.
    public static func required(_ text: String?, field: String) throws -> String {
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty { throw SweepError.invalid(field: field, reason: "say why (it is kept in the audit log)") }
        if trimmed.count > maxLength { throw SweepError.invalid(field: field, reason: "at most \(maxLength) characters") }
        return trimmed
    }
}
