import Foundation
import SweepCore

/// Runs helper programs (initdb, pg_ctl, pg_config, runuser) and captures their output.
/// Only the embedded cluster uses it; everything else talks to PostgreSQL over the wire.
enum Subprocess {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var combined: String { [stdout, stderr].filter { !$0.isEmpty }.joined(separator: "\n") }
    }

    /// Runs `arguments[0]` (looked up on PATH when it has no slash) and waits for it.
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Output {
        let process = Process()
        let program = arguments[0]
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
        } else {
            guard let resolved = which(program) else {
                throw SweepError.unavailable("\(program) was not found on PATH")
            }
            process.executableURL = URL(fileURLWithPath: resolved)
        }
        process.arguments = Array(arguments.dropFirst())
        if let environment { process.environment = environment }
        // Files, not pipes: pg_ctl leaves the server running with our descriptors inherited, and a
        // pipe would then never reach end-of-file.
        let dir = FileManager.default.temporaryDirectory
        let outURL = dir.appendingPathComponent("sweep-\(UUID().uuidString).out")
        let errURL = dir.appendingPathComponent("sweep-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let outData = (try? Data(contentsOf: outURL)) ?? Data()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                      stderr: String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        for dir in ["/usr/sbin", "/sbin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(program)") {
            return "\(dir)/\(program)"
        }
        return nil
    }
}
