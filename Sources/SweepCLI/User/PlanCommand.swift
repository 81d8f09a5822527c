import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Plan joint sweeps for a campaign and follow the plan to done, through the API.",
        subcommands: [Create.self, List.self, Show.self, Approve.self, Dispatch.self, Done.self, Discard.self, Repair.self,
                      RouteSheetCommand.self, CSVCommand.self, Draw.self, VerifyDraw.self, Calendar.self, Progress.self])

    static func printReport(_ s: PlanSummary) {
        let r = s.report
        var lines = [
            "plan \(s.planId) (campaign \(s.campaignId) \(s.campaignName), revision \(s.revision)): \(s.status), seed \(s.seed)",
            "  \(r.visits) visits in \(r.sweeps) sweeps by \(r.teams) teams; candidates \(r.candidates), routable \(r.routable)",
            "  must-visit covered \(r.mustVisitCovered)/\(r.mustVisit); risk covered \(String(format: "%.1f", r.riskCovered))",
            "  objective \(String(format: "%.1f", r.objective)), upper bound \(String(format: "%.1f", r.upperBound)), gap \(String(format: "%.1f", r.gapPercent))%; "
                + "solver \(r.solverIterations) iterations in \(String(format: "%.2f", r.solverSeconds)) s (stopped by \(r.stoppedBy))",
        ]
        for w in r.warnings { lines.append("  warning: \(w)") }
        for w in r.shortages.prefix(10) { lines.append("  shortage: \(w)") }
        if r.shortages.count > 10 { lines.append("  … \(r.shortages.count - 10) more shortages") }
        for u in r.unplacedMustVisit.prefix(10) { lines.append("  unplaced: \(u)") }
        for rep in r.repairs { lines.append("  repair \(rep.at.formatted(.iso8601)) by \(rep.actor): \(rep.changes) — \(rep.moves.count) moves") }
        Console.out(lines.joined(separator: "\n"))
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Solve a new draft plan for a campaign (POST /v1/campaigns/{id}/plans).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Campaign id.") var campaign: Int64
        @Option(help: "Seed for the random draw, grouping and solver (recorded; default random).") var seed: UInt64?
        @Flag(help: "Store the plan even if some must-visit targets cannot be placed (they are listed).") var allowUnmetQuota = false
        @Option(help: "Solver iteration budget (default scales with the instance).") var maxIterations: Int?

        func run() async throws {
            Console.info("planning campaign \(campaign) (this takes up to the campaign's time limit, 8 s by default)…")
            let client = try server.client()
            let request = PlanCreateRequest(seed: seed, allowUnmetQuota: allowUnmetQuota, maxIterations: maxIterations)
            let s = try await Console.waiting("planning") { try await client.createPlan(campaign: campaign, request) }
            if output.format == .json { Console.out(try OutputOptions.json(s)); return }
            PlanCommand.printReport(s)
            Console.info("next: sweep plan show \(s.planId); sweep plan approve \(s.planId)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plans (GET /v1/plans).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only plans of this campaign.") var campaign: Int64?

        func run() async throws {
            let items = try await server.client().plans(campaign: campaign)
            let header = ["plan", "campaign", "rev", "status", "sweeps", "stops", "must-visit", "risk", "gap%", "created"]
            try output.print(items, header: header, rows: items.map { (p: PlanSummary) -> [String] in
                [String(p.planId), "\(p.campaignId) \(p.campaignName)", String(p.revision), p.status, String(p.sweeps), String(p.stops),
                 "\(p.report.mustVisitCovered)/\(p.report.mustVisit)", String(format: "%.1f", p.report.riskCovered),
                 String(format: "%.1f", p.report.gapPercent), ISO8601DateFormatter().string(from: p.createdAt)]
            })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a plan: sweeps, teams and timed stops (GET /v1/plans/{id}).",
            discussion: "Coordinators see everything (each view of a sealed plan is logged); inspectors only their own dispatched sweeps.")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Plan id.") var plan: Int64
        @Flag(help: "Also print the plan report (coordinators).") var report = false

        func run() async throws {
            let client = try server.client()
            if output.format == .csv { Console.out(try await client.planCSV(plan)); return }
            let view = try await client.plan(plan)
            if output.format == .json { Console.out(try OutputOptions.json(view)); return }
            if report { PlanCommand.printReport(try await client.planReport(plan)) }
            // 24-hour China Standard Time, as on the route sheets.
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
            formatter.dateFormat = "HH:mm"
            let time = formatter.string(from:)
            var out: [String] = ["plan \(view.planId) — \(view.campaignName) — \(view.status), \(view.sweeps.count) sweep(s) visible"]
            for s in view.sweeps {
                out.append("")
                out.append("sweep \(s.sweepId) [\(s.status)] \(s.day) \(s.shiftName) \(time(s.shiftStart))–\(time(s.shiftEnd)) \(s.label)")
                out.append("  team: " + s.members.map { "\($0.name) \($0.department.rawValue)\($0.isLead ? "*" : "")" }.joined(separator: ", "))
                out.append(TextTable.render(header: ["#", "eta", "start", "leave", "venue", "kind", "travel", "why"], rows: s.stops.map { st in
                    [String(st.seq), time(st.eta), time(st.start), time(st.departure), "\(st.venueName) [\(st.venueCode)]",
                     st.kind.rawValue, "\(st.travelSeconds / 60) min", st.reason.summary]
                }).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
            Console.out(out.joined(separator: "\n"))
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a draft plan (checks no inspector is booked twice across campaigns).")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Plan id.") var plan: Int64

        func run() async throws {
            _ = try await server.client().approvePlan(plan)
            Console.out("plan \(plan) approved; dispatch sweeps with `sweep plan dispatch \(plan) --day YYYY-MM-DD`")
        }
    }

    struct Dispatch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dispatch sweeps of an approved plan: their teams see targets from now on.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Plan id.") var plan: Int64
        @Option(name: .customLong("sweep"), help: "Sweep id (repeatable); default all planned sweeps (or those of --day).") var sweeps: [Int64] = []
        @Option(help: "Only sweeps of this day, YYYY-MM-DD.") var day: String?

        func run() async throws {
            let r = try await server.client().dispatchPlan(plan, SweepSelection(sweepIds: sweeps, day: day))
            Console.out("dispatched \(r.changed ?? 0) sweep(s): \((r.sweepIds ?? []).map(String.init).joined(separator: " "))")
        }
    }

    struct Done: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark dispatched sweeps done; the plan is done when none is left.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Plan id.") var plan: Int64
        @Option(name: .customLong("sweep"), help: "Sweep id (repeatable); default all dispatched sweeps.") var sweeps: [Int64] = []

        func run() async throws {
            let r = try await server.client().completePlan(plan, SweepSelection(sweepIds: sweeps))
            Console.out("plan \(plan) is \(r.status)")
        }
    }

    struct Discard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Discard a draft or approved plan.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Plan id.") var plan: Int64
        @Option(help: "Why (required; kept in the audit log).") var reason: String

        func run() async throws {
            _ = try await server.client().discardPlan(plan, DiscardRequest(reason: try Reason.required(reason, field: "--reason")))
            Console.out("plan \(plan) discarded")
        }
    }

    struct Repair: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-plan after an inspector drops out or a venue is closed, changing as little as possible.",
            discussion: "--drop CODE (whole plan) or CODE:YYYY-MM-DD or CODE:YYYY-MM-DD..YYYY-MM-DD; --closed VENUE_CODE. Prints what moved.")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Plan id.") var plan: Int64
        @Option(name: .customLong("drop"), help: "Inspector out: CODE[:FROM[..TO]] (repeatable).") var drops: [String] = []
        @Option(name: .customLong("closed"), help: "Venue code found closed (repeatable).") var closed: [String] = []
        @Flag(help: "Fill freed time with unvisited targets.") var fill = false
        @Option(help: "Why (required; kept in the audit log).") var reason: String

        func run() async throws {
            let why = try Reason.required(reason, field: "--reason")
            let dropouts = drops.map { raw -> RepairRequest.Dropout in
                let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { return .init(inspector: raw) }
                let range = parts[1].components(separatedBy: "..")
                return .init(inspector: parts[0], from: range[0], to: range.count > 1 ? range[1] : range[0])
            }
            let client = try server.client()
            let request = RepairRequest(droppedInspectors: dropouts, closedVenues: closed, fillFreedTime: fill, reason: why)
            let summary = try await Console.waiting("repairing") { try await client.repairPlan(plan, request) }
            if output.format == .json { Console.out(try OutputOptions.json(summary)); return }
            Console.out((["repaired plan \(plan) (\(summary.changes)): \(summary.changedStops) stop(s) changed, \(summary.unchangedStops) unchanged"]
                         + summary.moves.map { "  " + $0 }).joined(separator: "\n"))
        }
    }

    struct RouteSheetCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "route-sheet", abstract: "Printable route sheet(s) with a map, as HTML.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Plan id.") var plan: Int64
        @Option(help: "Only this sweep.") var sweep: Int64?
        @Option(name: .shortAndLong, help: "Output file (default stdout).") var output: String?

        func run() async throws {
            let html = try await server.client().routeSheet(plan, sweep: sweep)
            try FileOutput.write(html, to: output)
        }
    }

    struct CSVCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "csv", abstract: "The plan as CSV, one row per stop.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Plan id.") var plan: Int64
        @Option(name: .shortAndLong, help: "Output file (default stdout).") var output: String?

        func run() async throws {
            try FileOutput.write(try await server.client().planCSV(plan), to: output)
        }
    }

    struct Draw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The plan's random draw (双随机): the drawn venues and, in random mode, the drawn inspector pairs, with seed and frames.",
            discussion: "text shows both halves; csv writes one half (--part targets|inspectors) as a publishable list; json is the whole record, "
                + "which `sweep plan verify-draw` runs again (docs/planning.md#reproducing-a-published-draw).")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Plan id.") var plan: Int64
        @Option(help: "text, csv or json.") var format: String = "text"
        @Option(help: "csv: targets or inspectors.") var part: String = "targets"
        @Option(name: .shortAndLong, help: "Output file (default stdout).") var output: String?

        func run() async throws {
            let client = try server.client()
            switch format {
            case "text": try FileOutput.write(DrawText.render(try await client.planDraw(plan)), to: output)
            case "csv": try FileOutput.write(try await client.planDrawCSV(plan, part: part), to: output)
            case "json": try FileOutput.write(try OutputOptions.json(try await client.planDraw(plan)), to: output)
            default: throw SweepError.invalid(field: "--format", reason: "text, csv or json, got \(format)")
            }
        }
    }

    struct VerifyDraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-draw",
            abstract: "Run a published draw (the JSON of `sweep plan draw --format json`) again from its seed and frames; exit 0 when both halves match.",
            discussion: "Works offline: nothing is read from a server or database.")
        @Argument(help: "The published draw, JSON.") var file: String

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: (file as NSString).expandingTildeInPath)) } catch {
                throw SweepError.invalid(field: file, reason: "cannot read the file: \(error.localizedDescription)")
            }
            let record = try JSONInput.decode(DrawRecord.self, from: data, decoder: WireCoding.decoder())
            let problems = DrawReplay.check(record)
            guard problems.isEmpty else { throw SweepError.conflict("the draw does not reproduce: " + problems.joined(separator: "; ")) }
            Console.out("reproduced: \(record.picks.count) venues from a frame of \(record.frame?.count ?? 0) (digest \(record.frameDigest))"
                        + (record.inspectors.map { "; \($0.groups.count) inspector groups from a frame of \($0.frame.count) (digest \($0.frameDigest))" } ?? "")
                        + ", seed \(record.seed)")
        }
    }

    struct Calendar: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "iCalendar feed of an inspector's dispatched sweeps (inspector tokens: their own).")
        @OptionGroup var server: ServerOptions
        @Option(help: "Inspector id (coordinators).") var inspector: Int64?
        @Option(name: .shortAndLong, help: "Output file (default stdout).") var output: String?

        func run() async throws {
            try FileOutput.write(try await server.client().calendar(inspector: inspector), to: output)
        }
    }
}
