import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Leadership summaries through the API, as of a moment (docs/reports.md).", subcommands: [Progress.self, Compliance.self, Departments.self, Brief.self, Changes.self])

    /// The window and moment every report takes.
    struct Window: ParsableArguments {
        @Option(help: "Campaign id (its window and area).") var campaign: Int64?
        @Option(help: "First day, YYYY-MM-DD (without --campaign).") var from: String?
        @Option(help: "Day after the window, YYYY-MM-DD.") var to: String?
        @Option(help: "Only this district (or city) code.") var district: String?
        @Option(help: "The moment the figures reflect, ISO 8601 (default now); a brief re-run with its as-of gives the same figures.") var asOf: String?
        @Option(help: "Withhold figures resting on fewer visits (leaders: at least 5).") var suppress: Int?

        var query: [URLQueryItem] {
            var q: [URLQueryItem] = []
            func add(_ name: String, _ value: String?) { if let value { q.append(URLQueryItem(name: name, value: value)) } }
            add("campaign", campaign.map(String.init)); add("from", from); add("to", to); add("district", district)
            add("as_of", asOf); add("suppress", suppress.map(String.init))
            return q
        }
    }

    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A campaign's progress as of a moment: planned, visited, missed, violations, cases closed, by day, week, district, kind and how venues were chosen.")
        @OptionGroup var server: ServerOptions
        @OptionGroup var window: Window
        @Option(help: "Group by day, week, district, kind or method.") var by: String = "method"
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let report = try await server.client().progressReport(window.query)
            let p = report.progress
            let groups: [ProgressGroup]
            switch by {
            case "day": groups = p.byDay
            case "week": groups = p.byWeek
            case "district": groups = p.byDistrict
            case "kind": groups = p.byKind
            case "method": groups = p.byMethod
            default: throw SweepError.invalid(field: "--by", reason: "day, week, district, kind or method, got \(by)")
            }
            let header = [by, "planned", "visited", "missed", "pending", "violations", "visits_with_violation", "hit_rate", "cases_closed"]
            func row(_ key: String, _ c: ProgressCounts) -> [String] {
                [key, String(c.planned), String(c.visited), String(c.missed), String(c.pending), String(c.violations), String(c.visitsWithViolation),
                 c.visited > 0 ? String(format: "%.1f", Double(c.visitsWithViolation) / Double(c.visited) * 100) : "", String(c.casesClosed)]
            }
            try output.print(report, header: header, rows: groups.map { row($0.key, $0.counts) } + [row("total", p.total)])
            if output.format == .table {
                Console.out("\nas of \(report.asOf); campaign \(report.campaignId), \(report.from)..\(report.to)")
                if let withheld = p.groupsWithheld { Console.out("\(withheld) groups with fewer stops than the suppression threshold left out") }
                Console.out("violations by department: " + p.violationsByDepartment.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                Console.out("hit rates by method: only random_draw says how common violations are; the others overstate it (docs/reports.md)")
                if let trend = report.trend {
                    let rows = trend.current.weeks.indices.map { i -> [String] in
                        func cell(_ s: WeeklySeries?) -> String {
                            guard let s, i < s.weeks.count else { return "" }
                            let p = s.weeks[i]
                            return "\(p.withViolation)/\(p.visits)" + (p.hitRate.map { String(format: " (%.0f %%)", $0 * 100) } ?? "")
                        }
                        return [String(i + 1), cell(trend.current), cell(trend.previousCampaign), cell(trend.yearBefore)]
                    }
                    Console.out("\ntrend (visits with a violation / visits, per week):")
                    Console.out(TextTable.render(header: ["week", "this campaign", trend.previousCampaign?.label ?? "previous campaign", "a year before"], rows: rows))
                }
            }
        }
    }

    struct Changes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What changed since an issued brief: its figures as of its moment beside the same figures now (late submissions, cases closed since).")
        @OptionGroup var server: ServerOptions
        @Option(help: "Campaign id.") var campaign: Int64
        @Option(help: "The issued brief's as-of moment (ISO 8601, as the brief printed it).") var since: String
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let client = try server.client()
            let then = [URLQueryItem(name: "campaign", value: String(campaign)), URLQueryItem(name: "as_of", value: since)]
            let now = [URLQueryItem(name: "campaign", value: String(campaign))]
            let changes = ReportChange.between(issued: try await client.progressReport(then), now: try await client.progressReport(now),
                                               issuedCompliance: try await client.complianceReport(then), nowCompliance: try await client.complianceReport(now))
            try output.print(changes, header: ["figure", "issued", "now", "changed"],
                             rows: changes.map { [$0.figure, $0.issued, $0.now, $0.changed ? "yes" : ""] })
        }
    }

    struct Brief: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A campaign's one-page brief (A4, Chinese) as PDF or HTML, as of a moment; re-run with its as-of it gives the same figures.")
        @OptionGroup var server: ServerOptions
        @OptionGroup var window: Window
        @Option(help: "pdf or html (default: from the output file's extension, else pdf).") var format: String?
        @Option(name: .shortAndLong, help: "Output file.") var output: String

        func run() async throws {
            let url = URL(fileURLWithPath: (output as NSString).expandingTildeInPath)
            let format = self.format ?? (url.pathExtension.lowercased() == "html" ? "html" : "pdf")
            guard ["pdf", "html"].contains(format) else { throw SweepError.invalid(field: "--format", reason: "pdf or html, got \(format)") }
            let data = try await Console.waiting("printing the brief") { try await server.client().brief(window.query, pdf: format == "pdf") }
            try data.write(to: url, options: .atomic)
            Console.info("wrote \(data.count) bytes to \(url.path)")
        }
    }

    struct Departments: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "考评 per department: days to decision, referrals accepted in time, rectifications verified, overdue cases, tips answered.")
        @OptionGroup var server: ServerOptions
        @OptionGroup var window: Window
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let report = try await server.client().departmentReport(window.query)
            let header = ["department", "district", "cases", "decided", "median_days", "p90_days", "referrals", "accepted_in_time", "accepted_late", "awaiting",
                          "rectifications_due", "verified", "passed", "overdue", "tips", "tips_answered"]
            func num(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "" }
            // The department's own row first, then its districts.
            let rows = report.departments.flatMap { d in [d] + report.districts.filter { $0.department == d.department } }
            try output.print(report, header: header, rows: rows.map { d in
                [d.department.rawValue, d.district ?? "all", String(d.cases), String(d.decided), d.suppressed ? "suppressed" : num(d.medianDaysToDecision), num(d.p90DaysToDecision),
                 String(d.referralsReceived), String(d.acceptedInTime), String(d.acceptedLate), String(d.awaitingAcceptance), String(d.rectificationsDue),
                 String(d.rectificationsVerified), String(d.rectificationsPassed), String(d.overdue), String(d.tipsRouted), String(d.tipsAnsweredWithFeedback)]
            })
            if output.format == .table {
                Console.out("\nas of \(report.asOf); \(report.from)..\(report.to) (to = first day after)")
                if report.districtsWithheld > 0 {
                    Console.out("\(report.districtsWithheld) department × district rows withheld (fewer than \(report.suppressedBelow ?? 0) cases and tips)")
                }
                for key in report.definitions.keys.sorted() { Console.out("  \(key): \(report.definitions[key]!)") }
            }
        }
    }

    struct Compliance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The share of venues in violation from random draws only (Wilson 95 %), by kind and district, beside the targeted hit rates.")
        @OptionGroup var server: ServerOptions
        @OptionGroup var window: Window
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let report = try await server.client().complianceReport(window.query)
            let header = ["kind", "district", "venues", "random_checks", "in_violation", "share", "low", "high", "above_city"]
            var rows: [[String]] = []
            func pct(_ x: Double?) -> String { x.map { String(format: "%.1f", $0 * 100) } ?? "" }
            for k in report.summary.kinds {
                rows.append([k.kind, "all", String(k.districts.reduce(0) { $0 + $1.venues }), k.share.map { String($0.sampled) } ?? "0",
                             k.share.map { String($0.inViolation) } ?? "", pct(k.share?.estimate), pct(k.share?.low), pct(k.share?.high), ""])
                for d in k.districts {
                    rows.append([k.kind, d.districtName, String(d.venues), d.suppressed ? "<\(report.suppressedBelow ?? 0)" : String(d.share?.sampled ?? 0),
                                 d.share.map { String($0.inViolation) } ?? "", pct(d.share?.estimate), pct(d.share?.low), pct(d.share?.high), d.aboveCity ? "yes" : ""])
                }
            }
            try output.print(report, header: header, rows: rows)
            if output.format == .table {
                Console.out("\nas of \(report.asOf); \(report.from)..\(report.to) (to = first day after)")
                Console.out(report.summary.estimateLabel)
                Console.out("\n" + report.summary.targetedLabel)
                Console.out(TextTable.render(header: ["kind", "chosen by", "visits", "with violation", "hit rate"], rows: report.summary.targeted.map {
                    [$0.kind, $0.origin, $0.visits.map(String.init) ?? "suppressed", $0.withViolation.map(String.init) ?? "", pct($0.rate)]
                }))
            }
        }
    }
}
