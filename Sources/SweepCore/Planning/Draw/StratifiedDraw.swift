/// The entity half of 双随机: a reproducible, stratified random draw of venues.
///
/// Reproducible means: the same frame (in any order, duplicates ignored), rules and seed give the
/// same picks on every machine. Each stratum draws from its own random stream, derived from the
/// seed and the FNV-1a hash of the stratum name, so adding, removing or resizing one stratum never
/// changes another stratum's picks.
public enum StratifiedDraw {
    /// Draws from every stratum of `frame`: `perStratum[name]` where given, `rule` otherwise.
    ///
    /// Within a stratum the venue ids are sorted ascending, shuffled with ``SeededRandom/shuffle(_:)``
    /// on the stratum's stream, and the first `rule.picks(fromStratumOf:)` are taken in that order.
    public static func draw(frame: [DrawUnit], rule: DrawRule, perStratum: [String: DrawRule] = [:], seed: UInt64) -> DrawResult {
        let canonical = canonicalFrame(frame)
        var strata: [DrawStratum] = []
        var picks: [DrawPick] = []
        var start = 0
        while start < canonical.count {
            let name = canonical[start].stratum
            var end = start
            while end < canonical.count && canonical[end].stratum == name { end += 1 }
            var ids = canonical[start..<end].map(\.venueId)
            let stratumRule = perStratum[name] ?? rule
            let k = stratumRule.picks(fromStratumOf: ids.count)
            var random = SeededRandom(seed: seed, stream: stream(for: name))
            random.shuffle(&ids)
            for (i, id) in ids.prefix(k).enumerated() {
                picks.append(DrawPick(venueId: id, stratum: name, rank: i + 1))
            }
            strata.append(DrawStratum(name: name, frameSize: ids.count, rule: stratumRule, picked: k))
            start = end
        }
        return DrawResult(seed: seed, strata: strata, frameDigest: frameDigest(canonical), picks: picks)
    }

    /// The frame sorted by stratum (UTF-8 bytes), then venue id, without duplicate units.
    /// Byte order rather than `String.<` so that any language can reproduce it.
    public static func canonicalFrame(_ frame: [DrawUnit]) -> [DrawUnit] {
        let sorted = frame.sorted { a, b in
            if a.stratum != b.stratum { return a.stratum.utf8.lexicographicallyPrecedes(b.stratum.utf8) }
            return a.venueId < b.venueId
        }
        var out: [DrawUnit] = []
        out.reserveCapacity(sorted.count)
        for u in sorted where out.last != u { out.append(u) }
        return out
    }

    /// FNV-1a 64 (16 lowercase hex digits) of the canonical frame written as UTF-8 lines
    /// `stratum<TAB>venueId<LF>`, so a published frame file in that form can be checked with any
    /// FNV-1a implementation.
    public static func frameDigest(_ frame: [DrawUnit]) -> String {
        var h = FNV1a64()
        for u in canonicalFrame(frame) {
            h.add(u.stratum)
            h.add([0x09])
            h.add(String(u.venueId))
            h.add([0x0A])
        }
        return h.hex
    }

    /// The random stream of one stratum under any seed.
    public static func stream(for stratum: String) -> UInt64 { FNV1a64.hash(stratum) }
}
