import Crypto
import Foundation
import SweepCore

/// One forward-only migration `sql/NNNN_name.sql`, identified by its number and checked by SHA-256.
public struct MigrationFile: Sendable, Hashable {
    public var version: Int
    public var fileName: String
    public var sql: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public var checksum: String

    public init(version: Int, fileName: String, sql: String) {
        self.version = version
        self.fileName = fileName
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The folder to read: `SWEEP_SQL_DIR` when set, else the copy bundled with this build.
    public static func defaultDirectory() throws -> URL {
        if let dir = ProcessInfo.processInfo.environment["SWEEP_SQL_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        guard let url = Bundle.module.url(forResource: "sql", withExtension: nil) else {
            throw SweepError.unavailable("the migrations are not bundled with this build; set SWEEP_SQL_DIR to the project's sql/ folder")
        }
        return url
    }

    /// Loads and orders every `NNNN_name.sql` in a folder; refuses gaps in numbering and duplicates.
    public static func load(from directory: URL) throws -> [MigrationFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
        var files: [MigrationFile] = []
        for name in names {
            guard let version = Int(name.prefix { $0.isNumber }), name.range(of: "^[0-9]{4}_[a-z0-9_]+\\.sql$", options: .regularExpression) != nil else {
                throw SweepError.schema("migration file \(name) is not named NNNN_name.sql")
            }
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            guard let text = String(data: data, encoding: .utf8) else {
                throw SweepError.schema("migration file \(name) is not UTF-8")
            }
            if let previous = files.last, previous.version == version {
                throw SweepError.schema("migrations \(previous.fileName) and \(name) share the number \(version)")
            }
            let expected = (files.last?.version ?? 0) + 1
            if version != expected {
                throw SweepError.schema("migration \(name) follows \(files.last?.fileName ?? "nothing"): number \(String(format: "%04d", expected)) is missing")
            }
            files.append(MigrationFile(version: version, fileName: name, sql: text))
        }
        return files
    }
}
