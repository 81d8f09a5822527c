import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweepCore

/// How a registry file's bytes are read. Excel on Chinese Windows saves "CSV" as GB18030/GBK, so
/// `auto` reads UTF-8 when the bytes are UTF-8 and otherwise GB18030, and says which it used; it
/// never guesses silently. `utf-8` and `gb18030` insist.
enum FileEncoding: String, ExpressibleByArgument, CaseIterable {
    case auto
    case utf8 = "utf-8"
    case gb18030

    /// The file as UTF-8 bytes, and a note when it was not UTF-8 to begin with.
    func utf8(_ data: Data, file: String) throws -> (Data, note: String?) {
        switch self {
        case .utf8:
            return (data, nil)
        case .gb18030:
            return (try Self.fromGB18030(data, file: file), "read \(file) as GB18030")
        case .auto:
            if String(data: data, encoding: .utf8) != nil { return (data, nil) }
            if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return (data, nil) }   // UTF-16: the reader says how to fix it
            guard let converted = try? Self.fromGB18030(data, file: file) else { return (data, nil) }       // neither: the reader names the byte
            return (converted, "\(file) is not UTF-8; read it as GB18030 (GBK), as Excel on Chinese Windows saves it (--encoding utf-8 to refuse instead)")
        }
    }

    /// GB18030 → UTF-8 with iconv; a byte sequence that is not GB18030 is an error naming its line.
    static func fromGB18030(_ data: Data, file: String) throws -> Data {
        if data.isEmpty { return data }
        guard let cd = iconv_open("UTF-8", "GB18030"), cd != iconv_t(bitPattern: -1) else {
            throw SweepError.unavailable("this system cannot convert GB18030 (iconv_open failed)")
        }
        defer { iconv_close(cd) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count, outLeft = output.count
        let consumed: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self) as UnsafeMutablePointer<CChar>?
                var outPtr = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self) as UnsafeMutablePointer<CChar>?
                _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return inBuf.count - inLeft
            }
        }
        guard inLeft == 0 else {
            let line = 1 + input[..<consumed].filter { $0 == 0x0A }.count
            throw SweepError.invalid(field: "\(file) line \(line)", reason: "is neither UTF-8 nor GB18030 (byte 0x\(String(input[consumed], radix: 16, uppercase: true)))")
        }
        return Data(output[..<(output.count - outLeft)])
    }
}
