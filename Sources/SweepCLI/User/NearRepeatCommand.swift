import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

extension HeatMapCommand {
    struct NearRepeatCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "near-repeat",
            abstract: "Knox near-repeat test over a window and area, and the venues near a recent violation (GET /v1/heatmap/near-repeat).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "First month, YYYY-MM.") var from: String
        @Option(help: "First month after the window, YYYY-MM.") var to: String
        @Option(help: "internet_cafe, tobacco_retail or other.") var kind: String?
        @Option(help: "Jurisdiction code (a city includes its districts).") var district: String?
        @Option(help: "Close in space: metres (10–5000).") var distance: Double = 200
        @Option(help: "Close in time: days (1–180).") var days: Int = 14
        @Option(help: "Random permutations for the p-value (99–9999).") var permutations: Int = 999
        @Option(help: "Seed of the permutations: the same seed gives the same p-value.") var seed: Int = 1

        func run() async throws {
            let r = try await server.client().nearRepeat(from: from, to: to, kind: kind, district: district, distanceMetres: distance, days: days,
                                                         permutations: permutations, seed: seed)
            if output.format == .json { Console.out(try OutputOptions.json(r)); return }
            let k = r.knox
            Console.out("""
                \(r.events) violation visits; pairs within \(Int(r.settings.distanceMetres)) m and \(r.settings.days) days: \(k.observedPairs) observed, \
                \(String(format: "%.2f", k.expectedPairs)) expected\(k.ratio.map { String(format: " (×%.2f)", $0) } ?? ""), \
                p = \(String(format: "%.4f", k.pValue)) (\(r.settings.permutations) permutations, seed \(r.settings.seed))
                \(r.nearRepeat ? "near-repeat: violations cluster in space and time; \(r.atRiskCount) venues lie near a violation of the last \(r.settings.days) days"
                               : "no near-repeat pattern at p < \(r.settings.alpha)")
                """)
            if !r.atRisk.isEmpty {
                Console.out(TextTable.render(header: ["venue", "nearby violations", "nearest m", "latest"], rows: r.atRisk.map {
                    [String($0.venueId), String($0.nearbyViolations), String(format: "%.0f", $0.nearestMetres), $0.lastViolation]
                }))
            }
        }
    }
}
