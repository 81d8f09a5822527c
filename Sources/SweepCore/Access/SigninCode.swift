import Foundation

/// The one-time code a browser signs in with: ten characters a person can read aloud or type on a
/// phone, from an alphabet without look-alikes (no 0/O, 1/I/L, U), shown as two groups of five.
/// 30¹⁰ ≈ 2⁴⁹ codes; each is single use, expires within minutes and failed guesses are throttled,
/// so guessing one is hopeless (docs/access.md, "Browser sign-in").
public enum SigninCode {
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let length = 10
    /// How long a code lives unless the issuer says otherwise, and the longest it may live.
    public static let defaultLifetime: TimeInterval = 15 * 60
    public static let maximumLifetime: TimeInterval = 24 * 3600

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
        return display(raw)
    }

    /// `ABCDEFGHJK` → `ABCDE-FGHJK`.
    public static func display(_ normalized: String) -> String {
        let half = normalized.index(normalized.startIndex, offsetBy: length / 2)
        return "\(normalized[..<half])-\(normalized[half...])"
    }

    /// What a person typed, as stored: upper case, without spaces or dashes; nil when it cannot be a
    /// code at all (wrong length or a character outside the alphabet), so it is refused unread.
    public static func normalize(_ typed: String) -> String? {
        let kept = typed.uppercased().filter { $0 != "-" && $0 != " " && !$0.isWhitespace }
        guard kept.count == length, kept.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return kept
    }

    /// The lifetime asked for, checked: between one minute and a day.
    public static func lifetime(minutes: Int?) throws -> TimeInterval {
        guard let minutes else { return defaultLifetime }
        guard minutes >= 1, TimeInterval(minutes) * 60 <= maximumLifetime else {
            throw SweepError.invalid(field: "expires_in_minutes", reason: "must be between 1 and \(Int(maximumLifetime / 60)) minutes, got \(minutes)")
        }
        return TimeInterval(minutes) * 60
    }
}

/// Browser sessions: how long one lasts and what the cookie is called.
public enum BrowserSession {
    public static let cookieName = "sweep_session"
    /// The header a cookie-authenticated write must carry, with the value GET /v1/session gives.
    public static let csrfHeader = "X-CSRF-Token"
    /// A working day and its evening: long enough for a field shift, short enough that a phone left
    /// signed in overnight asks again.
    public static let defaultLifetime: TimeInterval = 12 * 3600
}
