import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore
import SweepStore

/// `sweep heatmap`: grid aggregates and hot spots through the API; `rebuild` and `check` work on
/// the database directly (admin).
struct HeatMapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heatmap", abstract: "Repeat-offender heat maps with Getis-Ord Gi* hot spots (API), and the rollup's maintenance.",
        // `sweep heatmap --cell 500m …` without a subcommand shows the map.
        subcommands: [Show.self, Offenders.self, NearRepeatCommand.self, Rebuild.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Cells with violations, venues inspected, repeat offenders, repeat rate and hot-spot class (GET /v1/heatmap).")
        @OptionGroup var server: ServerOptions
        @Option(help: "Square cells, e.g. 500m or 1km.") var cell: String?
        @Option(help: "Hexagonal cells (centre to vertex), e.g. 300m.") var hex: String?
        @Option(help: "First month, YYYY-MM.") var from: String
        @Option(help: "First month after the window, YYYY-MM.") var to: String
        @Option(help: "Venue kinds, comma-separated: internet_cafe, tobacco_retail.") var kind: String?
        @Option(help: "Departments, comma-separated.") var department: String?
        @Option(help: "Violation codes, comma-separated.") var code: String?
        @Option(help: "Campaign id.") var campaign: Int64?
        @Option(help: "Repeat-offender threshold (violations in the window).") var k: Int = 2
        @Option(help: "Hot spots on: violations, repeat_venues or none.") var hotSpots: String = "violations"
        @Option(help: "Suppress counts below this (publication views).") var suppress: Int?
        @Option(help: "District or city code.") var district: String?
        @Option(help: "table, json, geojson, csv or svg.") var format: String = "table"
        @Option(name: .shortAndLong, help: "Output file (written only when the whole answer arrived).") var output: String?

        func run() async throws {
            var query: [URLQueryItem] = [.init(name: "from", value: from), .init(name: "to", value: to), .init(name: "k", value: String(k)),
                                         .init(name: "hot_spots", value: hotSpots)]
            let optional: [(String, String?)] = [("cell", cell), ("hex", hex), ("kind", kind), ("department", department), ("code", code),
                                                 ("campaign", campaign.map(String.init)), ("suppress", suppress.map(String.init)), ("district", district)]
            for (n, v) in optional { if let v { query.append(.init(name: n, value: v)) } }
            let wire = format == "table" ? "json" : format
            query.append(.init(name: "format", value: wire))
            let text = try await server.client().heatMap(query)
            guard format == "table" else { try FileOutput.write(text, to: output); return }
            let result = try WireCoding.decoder().decode(HeatMapResult.self, from: Data(text.utf8))
            let shown = result.cells.filter { ($0.values["violations"] ?? 0) > 0 || $0.labels["violations"] != nil || ($0.labels["hotspot"] ?? "").hasPrefix("hot") }
                .sorted { ($0.values["gi_z"] ?? 0) > ($1.values["gi_z"] ?? 0) }
            func cellText(_ c: HeatCellValues, _ m: String) -> String { c.labels[m] ?? c.values[m].map { m == "repeat_rate" ? String(format: "%.2f", $0) : String(Int($0)) } ?? "" }
            var out = ["\(result.cells.count) cells (\(result.grid.shape.rawValue) \(Int(result.grid.sizeMetres)) m, EPSG:\(result.grid.projection.epsg)), "
                       + "\(result.venues) venues, \(result.violations) violations; hot spots: "
                       + result.hotSpots.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                       + (result.hotSpotNote.map { " (\($0))" } ?? "")]
            out.append(TextTable.render(header: ["cell", "centre", "violations", "inspected", "repeat", "rate", "z", "class"], rows: shown.prefix(40).map { c in
                let centre = result.grid.centre(c.key)
                return [String(c.key), String(format: "%.4f,%.4f", centre.longitude, centre.latitude), cellText(c, "violations"),
                        cellText(c, "venues_inspected"), cellText(c, "repeat_venues"), cellText(c, "repeat_rate"),
                        c.values["gi_z"].map { String(format: "%.2f", $0) } ?? "", c.labels["hotspot"] ?? ""]
            }))
            try FileOutput.write(out.joined(separator: "\n"), to: output)
        }
    }

    struct Offenders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Repeat-offender venues and operators, and the relocation links found in the window (GET /v1/heatmap/offenders), as JSON.")
        @OptionGroup var server: ServerOptions
        @Option(help: "First month, YYYY-MM.") var from: String
        @Option(help: "First month after the window, YYYY-MM.") var to: String
        @Option(help: "Threshold.") var k: Int = 2

        func run() async throws {
            Console.out(try OutputOptions.json(try await server.client().offenders([
                .init(name: "from", value: from), .init(name: "to", value: to), .init(name: "k", value: String(k))])))
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Admin: rebuild the rollup from inspections and cases (--check only compares).")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Only compare the kept rollup with a fresh count; exit 1 when they differ.") var check = false

        func run() async throws {
            let logger = CLILogger.make("sweep.heatmap")
            let check = self.check
            let differences = try await database.withMigratedDatabase(logger: logger) { db -> [String] in
                if !check {
                    let rows = try await HeatRollup.rebuild(db, actor: AuditEntry.cliActor())
                    Console.info("rebuilt: \(rows) rows")
                }
                return try await HeatRollup.differences(db)
            }
            if differences.isEmpty { Console.out("rollup agrees with a fresh count") } else {
                Console.out((["rollup differs from a fresh count:"] + differences).joined(separator: "\n  "))
                throw ExitCode(1)
            }
        }
    }
}
