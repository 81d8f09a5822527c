import Foundation
import SweepCore

/// Writes command output to a file atomically (a temporary file renamed into place), so that a
/// failed command never leaves a half-written route sheet or calendar behind; "-" means stdout.
enum FileOutput {
    static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else { Console.out(text); return }
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw SweepError.invalid(field: "--output", reason: "cannot write \(url.path): \(error.localizedDescription)")
        }
        Console.info("wrote \(url.path) (\(text.utf8.count) bytes)")
    }

    static func read(_ path: String, field: String) throws -> Data {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        // FileHandle rather than FileManager so that process substitution (/dev/fd/N) works too.
        guard let handle = FileHandle(forReadingAtPath: url.path), let data = try? handle.readToEnd() ?? Data() else {
            throw SweepError.invalid(field: field, reason: "cannot read \(url.path)")
        }
        return data
    }
}
