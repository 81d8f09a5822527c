import ArgumentParser
import Foundation
import SweepAPI
import SweepCore

struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Follow cases through referral, decision, rectification and re-inspection (API).",
        subcommands: [List.self, Show.self, Act.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open cases with their next deadline; --overdue for the overdue list (GET /v1/cases).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Department code (handlers always see their own).") var department: String?
        @Option(help: "State: open, referred, accepted, decided, rectification_ordered, reinspection, closed_rectified, closed_escalated.") var state: String?
        @Flag(help: "Only cases with an overdue statutory timer or deadline.") var overdue = false
        @Option(help: "Only cases with a deadline within this many days.") var dueWithin: Int?
        @Option(help: "At most this many (1–5000).") var limit: Int = 200

        func run() async throws {
            var query = [URLQueryItem(name: "limit", value: String(limit))]
            if let department { query.append(.init(name: "department", value: department)) }
            if let state { query.append(.init(name: "state", value: state)) }
            if overdue { query.append(.init(name: "overdue", value: "true")) }
            if let dueWithin { query.append(.init(name: "due_within_days", value: String(dueWithin))) }
            let data = try await server.client().send("GET", APIPath.cases, query: query)
            if output.format == .json { Console.out(String(decoding: data, as: UTF8.self)); return }
            let items = try WireCoding.decoder().decode([CaseLine].self, from: data)
            let header = ["case", "venue", "violation", "dept", "state", "opened", "next deadline", "overdue", "re-inspect"]
            let rows = items.map { c in
                [String(c.caseId), "\(c.venueName) [\(c.venueCode)]", c.violationCode, c.department, c.state, ISODay.format(c.openedAt),
                 c.nextDue.map { "\($0.name) \(ISODay.format($0.due))" } ?? "—", c.overdue.joined(separator: ", "), c.reinspectionDue ? "due" : ""]
            }
            Console.out(output.format == .csv ? CSVText.render(header: header, rows: rows) : TextTable.render(header: header, rows: rows))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One case: state, timers, allowed actions, suggested sanction, repeat counts, history.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Case id.") var id: Int64

        func run() async throws {
            let data = try await server.client().send("GET", "/v1/cases/\(id)")
            let object = try JSONSerialization.jsonObject(with: data)
            Console.out(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self))
        }
    }

    struct Act: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply an action to a case (POST /v1/cases/{id}/actions).",
            discussion: """
            Actions: refer --to DEPT --deadline ISO8601; accept; flag_criminal; decide --kinds warning,fine --fine 5000 [--basis TEXT];
            deliver; order_rectification --due YYYY-MM-DD; record_reinspection --passed true|false; close --rectified true|false.
            """)
        @OptionGroup var server: ServerOptions
        @Argument(help: "Case id.") var id: Int64
        @Argument(help: "refer, accept, flag_criminal, decide, deliver, order_rectification, record_reinspection or close.") var action: String
        @Option(help: "refer: the department.") var to: String?
        @Option(help: "refer: acceptance deadline (ISO 8601).") var deadline: String?
        @Option(help: "decide: comma-separated kinds (warning, fine, confiscation, suspension, revocation, closure_unlicensed, criminal_referral, no_penalty_first_minor_offence).") var kinds: String?
        @Option(help: "decide: fine in yuan.") var fine: Double?
        @Option(help: "decide: legal basis text.") var basis: String?
        @Option(help: "order_rectification: deadline day.") var due: String?
        @Option(help: "record_reinspection: true or false.") var passed: Bool?
        @Option(help: "close: true (rectified) or false (escalated).") var rectified: Bool?

        func run() async throws {
            var body: [String: Any] = ["action": action]
            if let to { body["to"] = to }
            if let deadline { body["deadline"] = deadline }
            if let kinds {
                var decision: [String: Any] = ["kinds": kinds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }]
                if let fine { decision["fine_yuan"] = fine }
                if let basis { decision["legal_basis"] = basis }
                body["decision"] = decision
            }
            if let due { body["due"] = due }
            if let passed { body["passed"] = passed }
            if let rectified { body["rectified"] = rectified }
            let data = try await server.client().send("POST", "/v1/cases/\(id)/actions", body: try JSONSerialization.data(withJSONObject: body))
            let detail = try WireCoding.decoder().decode(CaseHead.self, from: data)
            Console.out("case \(id) is \(detail.snapshot.state); next: \(detail.allowedActions.joined(separator: ", "))")
        }
    }

    /// What the CLI prints of list answers and action answers.
    struct CaseLine: Decodable {
        struct Timer: Decodable { var name: String; var due: Date }
        var caseId: Int64; var venueCode: String; var venueName: String; var violationCode: String; var department: String
        var state: String; var openedAt: Date; var nextDue: Timer?; var overdue: [String]; var reinspectionDue: Bool
    }
    struct CaseHead: Decodable {
        struct Snapshot: Decodable { var state: String }
        var snapshot: Snapshot
        var allowedActions: [String]
    }
}

struct TipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tip", abstract: "Record tips from the hotlines with the caller's identity stripped, and triage them (API).",
        subcommands: [Add.self, List.self, Triage.self])

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
            let tip = try await server.client().post(APIPath.tips, body: TipIntake(channel: channel, channelReference: reference, receivedAt: received,
                                                                                  text: text, venueCode: venue), as: TipRecord.self)
            Console.out("tip \(tip.id) (\(tip.status)): \(tip.allegation)" + (tip.removedIdentity.isEmpty ? "" : "\n  removed: \(tip.removedIdentity.joined(separator: ", "))"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tips (GET /v1/tips).")
        @OptionGroup var server: ServerOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "received, triaged, in_case, closed or unfounded.") var status: String?

        func run() async throws {
            let tips = try await server.client().get(APIPath.tips, query: status.map { [URLQueryItem(name: "status", value: $0)] } ?? [], as: [TipRecord].self)
            if output.format == .json { Console.out(String(decoding: try WireCoding.encoder().encode(tips), as: UTF8.self)); return }
            Console.out(TextTable.render(header: ["tip", "channel", "received", "status", "venue", "allegation", "feedback"], rows: tips.map {
                [String($0.id), $0.channel, $0.receivedAt.formatted(.iso8601), $0.status, $0.venueCode ?? "", $0.allegation, $0.feedback ?? ""]
            }))
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
            let tip = try await server.client().post("/v1/tips/\(id)/triage",
                                                     body: TipTriage(venueCode: venue, newVenue: newVenue, department: department.map(DepartmentCode.init(rawValue:))),
                                                     as: TipRecord.self)
            Console.out("tip \(tip.id) \(tip.status): venue \(tip.venueCode ?? "?"), \(tip.department?.rawValue ?? "no department")")
        }
    }
}
