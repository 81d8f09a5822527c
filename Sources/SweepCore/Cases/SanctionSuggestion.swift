import Foundation

/// What a ladder calls for at one offence, with the reason shown to the handler. A suggestion: the
/// handler decides, within the statutory range of the penalty article.
public struct SanctionSuggestion: Codable, Hashable, Sendable {
    public var ladderCode: String
    /// This offence's number in the ladder's count (earlier offences + 1).
    public var offenceNumber: Int
    public var sanctions: [String]
    public var fineMinYuan: Double?
    public var fineMaxYuan: Double?
    public var reason: String

    public init(ladderCode: String, offenceNumber: Int, sanctions: [String], fineMinYuan: Double?, fineMaxYuan: Double?, reason: String) {
        self.ladderCode = ladderCode
        self.offenceNumber = offenceNumber
        self.sanctions = sanctions
        self.fineMinYuan = fineMinYuan
        self.fineMaxYuan = fineMaxYuan
        self.reason = reason
    }
}

/// Chinese names of the `sanction_set` codes, for reasons people read.
enum SanctionNames {
    static let chinese: [String: String] = [
        "warning": "警告", "fine": "罚款", "confiscation": "没收", "suspension": "停业整顿", "revocation": "吊销",
        "closure": "取缔", "sealing": "查封", "seizure": "扣押", "criminal_referral": "移送司法", "order_to_correct": "责令改正",
        "order_to_stop": "责令停止", "detention": "行政拘留", "licence_bar": "禁止申领许可证",
    ]

    /// "吊销 (revocation)"; unknown codes as they are.
    static func label(_ code: String) -> String {
        chinese[code].map { "\($0) (\(code))" } ?? code
    }

    /// "¥3,000–8,000", "up to ¥3,000", or nil without amounts.
    static func fineRange(min: Double?, max: Double?) -> String? {
        func yuan(_ v: Double) -> String {
            let whole = Int(v.rounded())
            let digits = String(whole)
            var out = ""
            for (k, c) in digits.enumerated() {
                if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
                out.append(c)
            }
            return "¥" + out
        }
        switch (min, max) {
        case let (lo?, hi?): return "\(yuan(lo))–\(yuan(hi).dropFirst())"
        case let (nil, hi?): return "up to \(yuan(hi))"
        case let (lo?, nil): return "at least \(yuan(lo))"
        default: return nil
        }
    }

    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}
