import Foundation

/// Shape checks for PRC resident ID numbers (居民身份证号码, GB 11643-1999).
///
/// 18 characters: 6-digit area code, 8-digit birth date `YYYYMMDD`, 3-digit sequence, check
/// character (digit or `X`). The 15-digit first-generation format has a 6-digit birth date `YYMMDD`
/// of the 1900s and no check character.
public enum ResidentIDNumber {
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The ISO 7064 MOD 11-2 check character for the first 17 digits, or nil if they are not 17 digits.
    public static func checkCharacter(forFirst17 digits: String) -> Character? {
        let d = Array(digits)
        let values = d.compactMap { $0.isASCIIDigit ? $0.wholeNumberValue : nil }
        guard d.count == 17, values.count == 17 else { return nil }
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Whether an 18-character number carries the right check character (`x` counts as `X`).
    public static func hasValidCheckCharacter(_ number: String) -> Bool {
        let d = Array(number.uppercased())
        guard d.count == 18, let expected = checkCharacter(forFirst17: String(d.prefix(17))) else { return false }
        return d[17] == expected
    }

    /// Whether `YYYYMMDD` is a real calendar day that could be a living person's birth date
    /// (1900–2099: no clock is consulted, so the check stays deterministic).
    static func isPlausibleBirthDate(_ digits: Substring) -> Bool {
        let d = Array(digits)
        guard d.count == 8, let year = Int(String(d[0..<4])) else { return false }
        return (1900...2099).contains(year) && isRealDay(year: year, month: d[4..<6], day: d[6..<8])
    }

    /// Whether `YYMMDD` is a real day of 19YY (first-generation cards predate 2000).
    static func isPlausibleShortBirthDate(_ digits: Substring) -> Bool {
        let d = Array(digits)
        guard d.count == 6, let yy = Int(String(d[0..<2])) else { return false }
        return isRealDay(year: 1900 + yy, month: d[2..<4], day: d[4..<6])
    }

    private static func isRealDay(year: Int, month: ArraySlice<Character>, day: ArraySlice<Character>) -> Bool {
        guard let m = Int(String(month)), let dd = Int(String(day)), (1...12).contains(m) else { return false }
        return (1...ISODay.daysIn(month: m, year: year)).contains(dd)
    }
}
