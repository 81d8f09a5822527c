import Foundation

/// Strips the caller's identity from a tip at intake (enforcement.md: tips; minors law 103).
///
/// A tipster may be a minor, and a real-name tipster's identity must stay confidential, so the stored
/// tip keeps only what locates the venue and the allegation. ID and phone numbers go wherever they
/// are; names, schools, roles and home addresses go when the caller introduces them ("我叫…", "我是…的
/// 学生", "家住…"). Venue-like addresses (网吧, 超市, 便利店 …) are kept: losing the venue would make the
/// tip useless, while the caller's words about themselves add nothing to the allegation.
public enum TipScrubber {
    /// What replaces each removed passage.
    public static let marker = "［已删除］"

    /// The tip with identity replaced by ``marker`` and the kinds removed.
    public static func scrub(_ text: String) -> ScrubbedText {
        let original = Array(text)
        let scanned = PrivacyText(text)
        let numbers = IdentifierScanner.scan(scanned)
        let numberCuts = numbers.map { m -> IdentityCut in
            switch m.kind {
            case .residentID, .oldResidentID: return IdentityCut(range: m.range, kind: CallerIdentity.idNumber)
            case .mobile, .landline: return IdentityCut(range: m.range, kind: CallerIdentity.phone)
            }
        }
        let cuts = (numberCuts + CallerIdentity.cuts(in: scanned, numbers: numbers))
            .sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }

        var out = ""
        var kinds: [String] = []
        var position = 0
        var pendingEnd: Int?  // end of the passage being replaced, while cuts overlap or touch
        for cut in cuts {
            if !kinds.contains(cut.kind) { kinds.append(cut.kind) }
            if let end = pendingEnd, cut.range.lowerBound <= end {
                pendingEnd = max(end, cut.range.upperBound)
                continue
            }
            if let end = pendingEnd { position = end }
            out += String(original[position ..< cut.range.lowerBound]) + marker
            pendingEnd = cut.range.upperBound
        }
        if let end = pendingEnd { position = end }
        out += String(original[position...])
        return ScrubbedText(text: out, removed: kinds)
    }
}
