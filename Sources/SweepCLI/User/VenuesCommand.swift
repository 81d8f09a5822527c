import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

struct VenuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venues", abstract: "Browse and keep the venue registry through the API.",
        subcommands: [List.self, Show.self, Register.self, ReportSuspected.self, Correct.self, IssueLicence.self, Close.self, Reopen.self, Licence.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List venues with filters, one page at a time (GET /v1/venues).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "internet_cafe, tobacco_retail or other.") var kind: String?
        @Option(help: "Jurisdiction code; a city or province includes its districts.") var district: String?
        @Option(help: "true or false.") var licensed: String?
        @Option(help: "open, closed or unknown.") var status: String?
        @Option(name: .customLong("near-school"), help: "Only venues within this many metres of a school.") var nearSchool: Double?
        @Option(help: "School kinds for --near-school, comma-separated (kindergarten, primary, middle).") var schoolKinds: String?
        @Option(help: "Page size (1–1000).") var limit: Int = 50
        @Option(help: "Cursor from the previous page.") var after: Int64?

        func run() async throws {
            let page = try await server.client().venues(VenueQuery(kind: kind, district: district, licensed: licensed, status: status,
                                                                   nearSchoolMetres: nearSchool, schoolKinds: schoolKinds, after: after, limit: limit))
            let header = ["id", "code", "kind", "name", "district", "licensed", "status", "school_m", "address"]
            try output.print(page, header: header, rows: page.items.map { (v: VenueSummary) -> [String] in
                [String(v.id), v.code, v.kind.rawValue, v.name, v.districtName, v.licensed ? "yes" : "no", v.status.rawValue,
                 v.nearestSchoolMetres.map { String(format: "%.0f", $0) } ?? "", v.address]
            })
            if output.format != .json, let next = page.nextAfter { Console.info("more: --after \(next)") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One venue with its licences, inspections and cases (GET /v1/venues/{id}).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Venue id.") var id: Int64

        func run() async throws {
            let detail = try await server.client().venue(id)
            if output.format == .json { Console.out(try OutputOptions.json(detail)); return }
            let v = detail.summary
            var lines = [
                "\(v.name)  [\(v.code)]  \(v.kind.rawValue), \(v.licensed ? "licensed" : "UNLICENSED"), \(v.status.rawValue)",
                "address:   \(v.address) (\(v.districtName))",
                "operator:  \(detail.operatorName ?? "—")\(detail.operatorKey.map { " [\($0)]" } ?? "")",
                "hours:     \(detail.openingHours ?? "—")",
                "location:  \(v.location.map { String(format: "%.6f, %.6f", $0.longitude, $0.latitude) } ?? "no coordinates")"
                    + (v.nearestSchoolMetres.map { String(format: "; nearest school %.0f m", $0) } ?? ""),
                "violations in the last 365 days: \(detail.violationsLastYear)",
                "",
                "licences:",
            ]
            if let closed = detail.closedOn { lines.insert("closed:    since \(closed): \(detail.closedReason ?? "")", at: 4) }
            lines += detail.licences.isEmpty ? ["  none"] : detail.licences.map {
                "  #\($0.id.map(String.init) ?? "?") \($0.type.rawValue) \($0.number) (\($0.issuingDepartment.rawValue))"
                    + "\($0.validUntil.map { " until \($0.formatted(.iso8601.year().month().day()))" } ?? ""), \($0.status?.rawValue ?? "valid")"
                    + "\($0.suspendedUntil.map { " until \($0.formatted(.iso8601.year().month().day()))" } ?? "")"
            }
            if !detail.relocations.isEmpty {
                lines += ["", "relocation links:"] + detail.relocations.map {
                    $0.venueId == id
                        ? "  probably continues \($0.closedVenueCode) (#\($0.closedVenueId)), \(Int($0.distanceMetres.rounded())) m away, closed \($0.closedOn ?? "?"), \($0.daysSinceClosure ?? 0) days before this café was \($0.foundBy ?? "found")"
                        : "  probably continued by \($0.venueCode) (#\($0.venueId)), \(Int($0.distanceMetres.rounded())) m away, found \($0.foundOn ?? "?")"
                }
            }
            if !detail.changes.isEmpty {
                lines += ["", "registry changes:"] + detail.changes.map {
                    "  \($0.effectiveOn) \($0.change.rawValue)\($0.licenceId.map { " licence #\($0)" } ?? "")\($0.until.map { " until \($0)" } ?? ""): "
                        + "\($0.reason)\($0.caseId.map { " (case \($0))" } ?? "")"
                        + ($0.details.map { d in " [" + d.keys.sorted().map { "\($0): \(d[$0]?.from ?? "—") → \(d[$0]?.to ?? "—")" }.joined(separator: "; ") + "]" } ?? "")
                }
            }
            lines.append("")
            lines.append(TextTable.render(header: ["inspected", "origin", "outcome", "minors", "violations"], rows: detail.history.prefix(20).map {
                [$0.arrivedAt.formatted(.iso8601), $0.origin.rawValue, $0.outcome.rawValue, String($0.minorsCount), $0.violations.joined(separator: ",")]
            }))
            Console.out(lines.joined(separator: "\n"))
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a venue (POST /v1/venues/{id}/close).")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Venue id.") var id: Int64
        @Option(help: "Since when (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "Why (required; kept with the change and in the audit log).") var reason: String

        func run() async throws {
            let changes = try await server.client().closeVenue(id, VenueStandingChange(on: on, reason: reason))
            Console.out("venue \(id) closed since \(changes.first?.effectiveOn ?? "today")")
        }
    }

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a closed venue (POST /v1/venues/{id}/reopen).")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Venue id.") var id: Int64
        @Option(help: "Since when (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "Why (required).") var reason: String

        func run() async throws {
            _ = try await server.client().reopenVenue(id, VenueStandingChange(on: on, reason: reason))
            Console.out("venue \(id) open again")
        }
    }

    struct Licence: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suspend, revoke, expire or reinstate a licence (POST /v1/licences/{id}/status); ids are in `venues show`.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Licence id.") var id: Int64
        @Option(help: "valid, suspended, revoked or expired.") var status: String
        @Option(help: "Since when (YYYY-MM-DD; default today).") var on: String?
        @Option(help: "Suspensions: the last day (YYYY-MM-DD).") var until: String?
        @Option(help: "Why (required).") var reason: String

        func run() async throws {
            guard let status = LicenceStatus(rawValue: status) else {
                throw SweepError.invalid(field: "--status", reason: "use one of \(LicenceStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            _ = try await server.client().setLicenceStatus(id, LicenceStatusChange(status: status, on: on, until: until, reason: reason))
            Console.out("licence \(id) \(status.rawValue)")
        }
    }
}
