import Foundation

/// Refuses identifying data about minors in submissions (PIPL 28/31, minors law 103).
///
/// The coordination system keeps counts, age bands, times and references to the venue's own log;
/// identity evidence stays in the handling department's own case file. The guard reports where the
/// problem is and what kind of data it is, and never repeats the value: its reasons end up in logs
/// and HTTP responses, which must not become a second copy of the data.
public enum MinorsDataGuard {
    private static let keepElsewhere = "identity evidence stays in the handling department's own case file"

    /// Identifiers and labelled personal data in one free-text field.
    ///
    /// - Parameters:
    ///   - text: the field's value.
    ///   - field: the JSON path of the field (e.g. `findings[0].facts`), used as every issue's location.
    /// - Returns: one issue per identifier or labelled value, in text order; empty when the text is clean.
    public static func issues(in text: String, field: String) -> [FieldIssue] {
        let scanned = PrivacyText(text)
        let numbers = IdentifierScanner.scan(scanned)
        // A labelled number ("电话：138…") is reported once, as the number, which says more.
        let labelled = PersonalDataLabels.scan(scanned).filter { label in
            !numbers.contains { $0.range.overlaps(label.valueRange) }
        }
        let located: [(Int, String)] = numbers.map { ($0.range.lowerBound, reason(for: $0)) }
            + labelled.map { ($0.range.lowerBound, reason(for: $0)) }
        return located.sorted { $0.0 < $1.0 }.map { FieldIssue(location: field, reason: $0.1) }
    }

    /// ``issues(in:field:)`` for several fields, in the order given.
    public static func issues(inFields fields: [(path: String, value: String)]) -> [FieldIssue] {
        fields.flatMap { issues(in: $0.value, field: $0.path) }
    }

    static func reason(for m: IdentifierMatch) -> String {
        let at = PrivacyText.describe(m.range)
        switch m.kind {
        case .residentID(checkDigitValid: true):
            return "contains an 18-digit resident ID number (\(at)): remove it — \(keepElsewhere)"
        case .residentID(checkDigitValid: false):
            return "contains an 18-digit resident ID number with a wrong check digit (\(at)): remove it — "
                + "a mistyped ID still identifies a person; \(keepElsewhere)"
        case .oldResidentID:
            return "contains a 15-digit old-format resident ID number (\(at)): remove it — \(keepElsewhere)"
        case .mobile:
            return "contains a mobile phone number (\(at)): remove it — record only whether guardians or police were called; \(keepElsewhere)"
        case .landline:
            return "contains a landline phone number (\(at)): remove it — record only whether guardians or police were called; \(keepElsewhere)"
        }
    }

    static func reason(for l: LabelledValue) -> String {
        "contains \(l.kind.rawValue) after the label \"\(l.label)\" (\(PrivacyText.describe(l.range))): remove the value — "
            + "record only counts, age bands (<14, 14–15, 16–17) and times; \(keepElsewhere)"
    }
}
