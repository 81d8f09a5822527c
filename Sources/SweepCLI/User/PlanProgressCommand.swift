import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

extension PlanCommand {
    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How far dispatched sweeps have got: planned, visited, closed/not found/refused, missed, pending, violations found — "
                + "in total and by day, team, district and kind (GET /v1/plans/{id}/progress or /v1/campaigns/{id}/progress).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Plan id.") var plan: Int64?
        @Option(help: "A campaign's dispatched plans together, instead of one plan.") var campaign: Int64?
        @Option(help: "Grouping for the table: day, team, district or kind.") var by: String = "day"

        func validate() throws {
            if (plan == nil) == (campaign == nil) { throw ValidationError("give a plan id or --campaign, not both") }
            if !["day", "team", "district", "kind"].contains(by) { throw ValidationError("--by must be day, team, district or kind") }
        }

        func run() async throws {
            let client = try server.client()
            let progress: PlanProgress
            if let plan { progress = try await client.planProgress(plan) } else { progress = try await client.campaignProgress(campaign ?? 0) }
            let groups = switch by {
            case "team": progress.byTeam
            case "district": progress.byDistrict
            case "kind": progress.byKind
            default: progress.byDay
            }
            let rows = (groups + [ProgressGroup(key: "total", counts: progress.total)]).map { g in
                let c = g.counts
                return [g.key, String(c.planned), String(c.visited), String(c.venueClosed), String(c.notFound), String(c.entryRefused),
                        String(c.missed), String(c.pending), String(c.violations), String(format: "%.0f%%", c.doneShare * 100)]
            }
            try output.print(progress, header: [by, "planned", "visited", "closed", "not found", "refused", "missed", "pending", "violations", "done"],
                             rows: rows)
        }
    }
}
