import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
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
            let items = try await server.client().cases(CaseQuery(department: department, state: state, overdue: overdue,
                                                                  dueWithinDays: dueWithin, limit: limit))
            let header = ["case", "venue", "violation", "dept", "state", "opened", "next deadline", "overdue", "re-inspect"]
            try output.print(items, header: header, rows: items.map { c in
                [String(c.caseId), "\(c.venueName) [\(c.venueCode)]", c.violationCode, c.department.rawValue, c.state.rawValue, ISODay.format(c.openedAt),
                 c.nextDue.map { "\($0.name) \(ISODay.format($0.due))" } ?? "—", c.overdue.joined(separator: ", "), c.reinspectionDue ? "due" : ""]
            })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One case: state, timers, allowed actions, suggested sanction, repeat counts, history.")
        @OptionGroup var server: ServerOptions
        @Argument(help: "Case id.") var id: Int64

        func run() async throws {
            Console.out(try OutputOptions.json(try await server.client().caseDetail(id)))
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
        @Option(help: "Why (required; kept with the case event and in the audit log).") var reason: String

        func run() async throws {
            let why = try Reason.required(reason, field: "--reason")
            let detail = try await server.client().act(onCase: id, try caseAction(), reason: why)
            Console.out("case \(id) is \(detail.snapshot.state.rawValue); next: \(detail.allowedActions.joined(separator: ", "))")
        }

        /// The action from the options, each missing option named.
        func caseAction() throws -> CaseAction {
            func need<T>(_ value: T?, _ option: String) throws -> T {
                guard let value else { throw SweepError.invalid(field: option, reason: "\(action) needs \(option)") }
                return value
            }
            switch action {
            case "refer":
                let text = try need(deadline, "--deadline")
                guard let at = ISO8601DateFormatter().date(from: text) else { throw SweepError.invalid(field: "--deadline", reason: "not ISO 8601: \(text)") }
                return .refer(to: DepartmentCode(rawValue: try need(to, "--to")), deadline: at)
            case "accept": return .accept
            case "flag_criminal": return .flagCriminal
            case "decide":
                let kinds = try need(self.kinds, "--kinds").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let parsed = try kinds.map { k in
                    guard let kind = CaseDecisionKind(rawValue: k) else {
                        throw SweepError.invalid(field: "--kinds", reason: "unknown kind \(k); one of \(CaseDecisionKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return kind
                }
                return .decide(CaseDecision(kinds: parsed, fineYuan: fine, legalBasis: basis))
            case "deliver": return .deliver
            case "order_rectification": return .orderRectification(due: try need(due, "--due"))
            case "record_reinspection": return .recordReinspection(passed: try need(passed, "--passed"))
            case "close": return .close(rectified: try need(rectified, "--rectified"))
            default: throw SweepError.invalid(field: "ACTION", reason: "unknown action \(action); one of \(CaseAction.names.joined(separator: ", "))")
            }
        }
    }
}
