import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
import SweepCore

struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show the principal behind your token (calls GET /v1/me).")
    @OptionGroup var server: ServerOptions

    func run() async throws {
        let me = try await server.client().me()
        let scope = me.scope.isEmpty ? "everywhere" : me.scope.joined(separator: ", ")
        Console.out("\(me.name): \(me.role.rawValue)\(me.department.map { " (\($0.rawValue))" } ?? ""), scope \(scope)")
    }
}
