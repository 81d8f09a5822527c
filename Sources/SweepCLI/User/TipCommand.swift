import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

struct TipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tip", abstract: "Record tips from the hotlines with the caller's identity stripped, and triage them (API).",
        subcommands: [Add.self, List.self, Triage.self, Close.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a tip (POST /v1/tips).")
        @OptionGroup var server: ServerOptions
        @Option(help: "12355, 12318, 12313, 12315, 12345, 110 or other.") var channel: String
        @Option(help: "The channel's reference, for feedback.") var reference: String?
        @Option(help: "What was alleged (the caller's identity is removed before storage).") var text: String
        @Option(help: "Venue code, when known.") var venue: String?
        @Option(help: "When it was received (ISO 8601; default now).") var receivedAt: String?

        func run() async throws {
            let received = try receivedAt.map {
                guard let d = ISO8601DateFormatter().date(from: $0) else { throw SweepError.invalid(field: "--received-at", reason: "not ISO 8601") }
                return d
            } ?? Date()
            let tip = try await server.client().recordTip(TipIntake(channel: channel, channelReference: reference, receivedAt: received,
                                                                    text: text, venueCode: venue))
            Console.out("tip \(tip.id) (\(tip.status)): \(tip.allegation)" + (tip.removedIdentity.isEmpty ? "" : "\n  removed: \(tip.removedIdentity.joined(separator: ", "))"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tips (GET /v1/tips).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "received, triaged, in_case, closed or unfounded.") var status: String?

        func run() async throws {
            let tips = try await server.client().tips(status: status)
            try output.print(tips, header: ["tip", "channel", "received", "status", "venue", "allegation", "feedback"], rows: tips.map { t in
                [String(t.id), t.channel, ISO8601DateFormatter().string(from: t.receivedAt), t.status, t.venueCode ?? "", t.allegation, t.feedback ?? ""]
            })
        }
    }

    struct Triage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Route a tip to a venue (or a new suspected venue) and a department.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Tip id.") var id: Int64
        @Option(help: "Existing venue code.") var venue: String?
        @Option(help: "Department code.") var department: String?
        @Option(help: "New suspected venue: name.") var newName: String?
        @Option(help: "New suspected venue: address.") var newAddress: String?
        @Option(help: "New suspected venue: district code.") var newDistrict: String?
        @Option(help: "New suspected venue: longitude,latitude.") var newLocation: String?

        func run() async throws {
            var newVenue: TipTriage.NewVenue?
            if let newName {
                let parts = (newLocation ?? "").split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                guard parts.count == 2, let newDistrict else {
                    throw SweepError.invalid(field: "--new-location", reason: "a new venue needs --new-district and --new-location LON,LAT")
                }
                newVenue = .init(name: newName, address: newAddress ?? "", district: newDistrict, location: GeoPoint(longitude: parts[0], latitude: parts[1]))
            }
            let tip = try await server.client().triageTip(id, TipTriage(venueCode: venue, newVenue: newVenue,
                                                                        department: department.map(DepartmentCode.init(rawValue:))))
            Console.out("tip \(tip.id) \(tip.status): venue \(tip.venueCode ?? "?"), \(tip.department?.rawValue ?? "no department")")
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a tip that led to no case, with the feedback its hotline receives (POST /v1/tips/{id}/close).")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Tip id.") var id: Int64
        @Option(help: "closed (acted on) or unfounded.") var outcome: String = "closed"
        @Option(help: "What was done, for the caller (required).") var feedback: String

        func run() async throws {
            guard let outcome = TipClosure.Outcome(rawValue: outcome) else {
                throw SweepError.invalid(field: "--outcome", reason: "use closed or unfounded")
            }
            let tip = try await server.client().closeTip(id, TipClosure(outcome: outcome, feedback: feedback))
            Console.out("tip \(tip.id) \(tip.status)")
        }
    }
}
