/// The 64-bit FNV-1a hash: tiny, specified in a few lines, and easy to re-implement in any
/// language, which matters because outsiders verify published draw frames with it. Not a
/// cryptographic hash: it detects accidental or casual changes, it does not resist forgery.
public struct FNV1a64: Sendable, Hashable {
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    public private(set) var value: UInt64 = FNV1a64.offsetBasis

    public init() {}

    /// Feeds bytes in order: for each byte, xor it in, then multiply by the prime (mod 2^64).
    public mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes {
            value ^= UInt64(b)
            value &*= FNV1a64.prime
        }
    }

    public mutating func add(_ text: String) { add(text.utf8) }

    /// The hash of a string's UTF-8 bytes.
    public static func hash(_ text: String) -> UInt64 {
        var h = FNV1a64()
        h.add(text)
        return h.value
    }

    /// 16 lowercase hex digits, zero-padded, as published.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
