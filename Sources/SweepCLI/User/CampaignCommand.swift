import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Create and list campaigns (专项行动) through the API.", subcommands: [Create.self, List.self, Show.self, Close.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a campaign (POST /v1/campaigns).",
            discussion: "Either --file with the whole JSON spec (see docs/planning.md), or the flags; --settings adds a JSON settings object.")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "The whole campaign as JSON.") var file: String?
        @Option(help: "Campaign name.") var name: String?
        @Option(help: "Jurisdiction codes, comma-separated.") var jurisdictions: String?
        @Option(help: "First day, YYYY-MM-DD (China Standard Time).") var from: String?
        @Option(help: "Last day, YYYY-MM-DD.") var to: String?
        @Option(help: "Target kinds, comma-separated: licensed_cafe, unlicensed_cafe, tobacco_retail (default all).") var kinds: String?
        @Option(help: "Selection mode: risk, random or mixed.") var mode: String = "risk"
        @Option(help: "Settings as a JSON file (quotas, shift templates, team rules, travel).") var settings: String?

        func run() async throws {
            let spec: CampaignSpec
            if let file {
                spec = try JSONInput.decode(CampaignSpec.self, from: try FileOutput.read(file, field: "--file"), decoder: WireCoding.decoder())
            } else {
                guard let name, let jurisdictions, let from, let to else {
                    throw SweepError.invalid(field: "--name", reason: "give --file, or --name, --jurisdictions, --from and --to")
                }
                guard let selection = SelectionMode(rawValue: mode) else { throw SweepError.invalid(field: "--mode", reason: "risk, random or mixed") }
                var targetKinds = TargetKind.allCases
                if let kinds {
                    targetKinds = try kinds.split(separator: ",").map {
                        let k = $0.trimmingCharacters(in: .whitespaces)
                        guard let kind = TargetKind(rawValue: k) else { throw SweepError.invalid(field: "--kinds", reason: "unknown kind \(k)") }
                        return kind
                    }
                }
                let parsedSettings = try settings.map {
                    try JSONInput.decode(CampaignSettings.self, from: try FileOutput.read($0, field: "--settings"), decoder: WireCoding.decoder())
                } ?? CampaignSettings()
                spec = CampaignSpec(name: name, jurisdictions: jurisdictions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                                    startsOn: from, endsOn: to, targetKinds: targetKinds, selectionMode: selection, settings: parsedSettings)
            }
            let created = try await server.client().createCampaign(spec)
            try output.print(created, text: "campaign \(created.id): \(created.spec.name), \(created.spec.startsOn)..\(created.spec.endsOn), \(created.spec.selectionMode.rawValue)")
            Console.info("next: sweep plan create \(created.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List campaigns (GET /v1/campaigns).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let items = try await server.client().campaigns()
            let header = ["id", "name", "window", "kinds", "mode", "jurisdictions", "status"]
            try output.print(items, header: header, rows: items.map { (c: CampaignRecord) -> [String] in
                [String(c.id), c.spec.name, "\(c.spec.startsOn)..\(c.spec.endsOn)", c.spec.targetKinds.map(\.rawValue).joined(separator: ","),
                 c.spec.selectionMode.rawValue, c.spec.jurisdictions.joined(separator: ","), c.status]
            })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One campaign with its settings, as JSON (GET /v1/campaigns/{id}).")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Campaign id.") var id: Int64

        func run() async throws {
            Console.out(try OutputOptions.json(try await server.client().campaign(id)))
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a campaign whose plans are done or discarded (POST /v1/campaigns/{id}/close).")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Campaign id.") var id: Int64
        @Option(help: "Why (required; kept in the audit log).") var reason: String

        func run() async throws {
            let campaign = try await server.client().closeCampaign(id, reason: reason)
            Console.out("campaign \(campaign.id) \(campaign.status)")
        }
    }
}
