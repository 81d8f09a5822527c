import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

struct SigninCodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin-code",
        abstract: "Print a one-time code an inspector of your area signs in with at /signin (calls POST /v1/signin-codes).",
        discussion: "Coordinators issue codes for inspectors within their scope; admins for anyone (or `sweep token signin-code` on the database).")
    @OptionGroup var server: ServerOptions
    @Option(help: "The staff code of the registry inspector whose principal signs in.") var inspector: String?
    @Option(help: "Or the principal's id.") var principal: Int64?
    @Option(help: "Lifetime in minutes (1–1440).") var expiresIn: Int = 15
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func run() async throws {
        let issued = try await server.client().issueSigninCode(SigninCodeRequest(principalId: principal, inspector: inspector, expiresInMinutes: expiresIn))
        if format == .json {
            Console.out(try OutputOptions.json(issued))
        } else {
            Console.out(issued.code)
            Console.info("for \(issued.principal.name) (\(issued.principal.role.rawValue)); works once at /signin until \(issued.expiresAt.formatted(.iso8601))")
        }
    }
}
