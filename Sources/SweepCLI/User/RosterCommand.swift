import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "Inspector availability, weekly limits and conflicts of interest, through the API.",
        subcommands: [List.self, Unavailable.self, Available.self, Conflict.self, Limit.self, Credential.self, Status.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Inspectors with credentials, limits, unavailable days and conflicts (GET /v1/inspectors).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Department code.") var department: String?
        @Option(help: "District or city code.") var district: String?

        func run() async throws {
            let items = try await server.client().roster(department: department, district: district)
            let header = ["id", "code", "name", "dept", "district", "credential", "expires", "active", "max/wk", "unavailable", "conflicts"]
            try output.print(items, header: header, rows: items.map { (i: RosterEntry) -> [String] in
                [String(i.id), i.code, i.name, i.department.rawValue, i.districtCode, i.credentialNumber, i.credentialExpires, i.active ? "yes" : "no",
                 String(i.maxShiftsPerWeek), i.unavailableDays.count > 3 ? "\(i.unavailableDays.count) days" : i.unavailableDays.joined(separator: " "),
                 i.conflicts.joined(separator: "; ")]
            })
        }
    }

    /// Marks days unavailable, or available again; the two commands differ only in that flag.
    static func setDays(_ server: ServerOptions, inspector: String, from: String, to: String?, reason: String?, available: Bool) async throws {
        let r = try await server.client().setUnavailability(inspector: inspector, UnavailabilityRequest(from: from, to: to ?? from, reason: reason,
                                                                                                      available: available))
        Console.out("\(inspector): \(r.changed ?? 0) day(s) \(available ? "available again" : "marked unavailable")")
    }

    struct Unavailable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an inspector unavailable from one day to another.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Inspector staff code.") var inspector: String
        @Option(help: "First day, YYYY-MM-DD.") var from: String
        @Option(help: "Last day (default: --from).") var to: String?
        @Option(help: "Why (leave, training …; required, kept in the audit log).") var reason: String

        func run() async throws { try await RosterCommand.setDays(server, inspector: inspector, from: from, to: to, reason: reason, available: false) }
    }

    struct Available: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an inspector available again on days marked unavailable.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Inspector staff code.") var inspector: String
        @Option(help: "First day, YYYY-MM-DD.") var from: String
        @Option(help: "Last day (default: --from).") var to: String?
        @Option(help: "Why (required; kept in the audit log).") var reason: String

        func run() async throws { try await RosterCommand.setDays(server, inspector: inspector, from: from, to: to, reason: reason, available: true) }
    }

    struct Conflict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Declare a conflict of interest (行政处罚法 43) with a venue or an operator; the planner keeps the inspector away.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Inspector staff code.") var inspector: String
        @Option(help: "Venue code.") var venue: String?
        @Option(help: "Operator key (all venues of one operator).") var `operator`: String?
        @Option(help: "The relationship (required; kept in the audit log).") var note: String

        func run() async throws {
            _ = try await server.client().declareConflict(inspector: inspector, ConflictRequest(venueCode: venue, operatorKey: `operator`, note: note))
            Console.out("\(inspector): conflict recorded with \(venue.map { "venue \($0)" } ?? "operator \(`operator` ?? "")")")
        }
    }

    struct Limit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an inspector's maximum shifts per week.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Inspector staff code.") var inspector: String
        @Option(help: "0–14.") var maxShiftsPerWeek: Int
        @Option(help: "Why (required; kept in the audit log).") var reason: String

        func run() async throws {
            _ = try await server.client().setLimits(inspector: inspector, LimitsRequest(maxShiftsPerWeek: maxShiftsPerWeek, reason: reason))
            Console.out("\(inspector): at most \(maxShiftsPerWeek) shifts per week")
        }
    }

    struct Credential: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a renewed or corrected credential (执法证); expired credentials are not schedulable.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Inspector staff code.") var inspector: String
        @Option(help: "New expiry, YYYY-MM-DD.") var expires: String
        @Option(help: "New credential number (default: unchanged).") var number: String?
        @Option(help: "Why (renewal, correction …; required, kept in the audit log).") var reason: String

        func run() async throws {
            _ = try await server.client().setCredential(inspector: inspector, CredentialRequest(credentialNumber: number, credentialExpires: expires,
                                                                                                reason: reason))
            Console.out("\(inspector): credential valid until \(expires)")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take an inspector off the roster or put them back (--active false|true), or move them to another department.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Inspector staff code.") var inspector: String
        @Option(help: "true (plan them again) or false (leave, long illness …).") var active: Bool?
        @Option(help: "New department code.") var department: String?
        @Option(help: "Why (required, kept in the audit log).") var reason: String

        func run() async throws {
            _ = try await server.client().setInspectorStatus(inspector: inspector, InspectorStatusRequest(
                active: active, department: department.map(DepartmentCode.init(rawValue:)), reason: reason))
            Console.out("\(inspector): \(active.map { $0 ? "active" : "inactive" } ?? "unchanged")\(department.map { ", now in \($0)" } ?? "")")
        }
    }
}
