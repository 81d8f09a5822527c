import ArgumentParser
import Foundation
import SweepCore
import SweepStore

extension RegistryKind: ExpressibleByArgument {}

enum ImportMode: String, ExpressibleByArgument, CaseIterable {
    case insert, upsert
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add registry rows from a CSV file (jurisdictions also from GeoJSON). All or nothing.",
        discussion: """
        Kinds: venues, schools, inspectors, jurisdictions. Columns are listed in the README (docs/registry-files.md).
        The file is checked row by row against itself and the database; any problem is reported with its line
        and column and nothing is stored. Existing codes are errors: import adds, it never overwrites —
        except `--mode upsert` for venues, which refreshes the registry from a department's periodic list
        (added, changed, closed; see docs/registry-files.md) and shows the changes first with `--dry-run`.
        A GeoJSON file (.geojson/.json) of jurisdictions may also carry boundaries for jurisdictions already stored.
        """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "What the file holds: venues, schools, inspectors or jurisdictions.") var kind: RegistryKind
    @Argument(help: "The file to read (UTF-8 CSV, or GeoJSON for jurisdictions).") var file: String
    @Option(help: "auto (UTF-8, else GB18030 as Excel on Chinese Windows saves, said on stderr), utf-8 or gb18030.") var encoding: FileEncoding = .auto
    @Option(help: "insert (add rows; an existing code is an error) or upsert (venues: refresh from a department's periodic list).") var mode: ImportMode = .insert
    @Flag(help: "With --mode upsert: print what would be added, changed and closed, and write nothing.") var dryRun = false

    func run() async throws {
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
        let raw: Data
        do { raw = try Data(contentsOf: url) } catch {
            throw SweepError.invalid(field: file, reason: "cannot read the file: \(error.localizedDescription)")
        }
        let (data, note) = try encoding.utf8(raw, file: url.lastPathComponent)
        if let note { Console.info(note) }
        let geoJSON = ["geojson", "json"].contains(url.pathExtension.lowercased())
        if geoJSON, kind != .jurisdictions {
            throw SweepError.invalid(field: file, reason: "GeoJSON import is for jurisdictions (boundaries); \(kind.rawValue) are imported from CSV")
        }
        let (kind, name) = (self.kind, url.lastPathComponent)
        if dryRun, mode != .upsert { throw SweepError.invalid(field: "--dry-run", reason: "is for --mode upsert (an insert is checked whole and writes nothing on any error anyway)") }
        if mode == .upsert {
            guard kind == .venues, !geoJSON else {
                throw SweepError.invalid(field: "--mode", reason: "upsert refreshes venues from a CSV list; \(kind.rawValue) are only added (--mode insert)")
            }
            let dryRun = self.dryRun
            let plan = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.import")) { db in
                try await RegistryRefresher(db: db).refreshVenues(data: data, fileName: name, actor: AuditEntry.cliActor(), dryRun: dryRun)
            }
            Console.out(plan.lines().joined(separator: "\n"))
            Console.info(dryRun ? "dry run: nothing was written" : (plan.isEmpty ? "nothing to change" : "refreshed venues from \(name)"))
            return
        }
        let summary = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.import")) { db in
            try await RegistryImporter(db: db).importFile(kind, data: data, geoJSON: geoJSON, fileName: name, actor: AuditEntry.cliActor())
        }
        var message = "imported \(summary.inserted) \(kind.rawValue) from \(name)"
        if summary.boundariesUpdated > 0 { message += "; updated \(summary.boundariesUpdated) boundaries" }
        Console.out(message)
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a registry in the import format (CSV; jurisdictions also as GeoJSON).")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "venues, schools, inspectors or jurisdictions.") var kind: RegistryKind
    @Option(name: .shortAndLong, help: "Output file (default: standard output). Written to a temporary file and renamed, so a failure leaves no partial file.") var output: String?
    @Option(help: "csv, or geojson for jurisdictions with boundaries.") var format: String = "csv"

    func run() async throws {
        guard ["csv", "geojson"].contains(format) else {
            throw SweepError.invalid(field: "--format", reason: "use csv or geojson, got \(format)")
        }
        if format == "geojson", kind != .jurisdictions {
            throw SweepError.invalid(field: "--format", reason: "geojson is for jurisdictions; export \(kind.rawValue) as csv")
        }
        let (kind, format) = (self.kind, self.format)
        let data = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.export")) { db -> Data in
            let exporter = RegistryExporter(db: db)
            switch kind {
            case .venues: return RegistryCSV.venues(try await exporter.venues())
            case .schools: return RegistryCSV.schools(try await exporter.schools())
            case .inspectors: return RegistryCSV.inspectors(try await exporter.inspectors())
            case .jurisdictions:
                let records = try await exporter.jurisdictions()
                return format == "geojson" ? BoundaryGeoJSON.write(records) : RegistryCSV.jurisdictions(records)
            }
        }
        if let output {
            let url = URL(fileURLWithPath: (output as NSString).expandingTildeInPath)
            try data.write(to: url, options: .atomic)
            Console.info("wrote \(data.count) bytes to \(url.path)")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
