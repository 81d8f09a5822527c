import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SweepCore
import SweepServer
import SweepStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the HTTP API (Ctrl-C or SIGTERM stops it after in-flight requests finish).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on (default: $SWEEP_HOST or 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default: $SWEEP_PORT or 8080).")
    var port: Int?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let host = self.host ?? env["SWEEP_HOST"] ?? "127.0.0.1"
        let portText = port.map(String.init) ?? env["SWEEP_PORT"] ?? "8080"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw SweepError.invalid(field: "--port", reason: "must be a port number 0–65535, got \(portText)")
        }
        let logger = CLILogger.make("sweep.serve", default: .info)
        let target = try database.target()
        if case .embedded(let cluster) = target.kind {
            try cluster.start(logger: logger)
        }
        var settings = ServerSettings(host: host, port: port, preloadHeatIndex: true)
        try settings.apply(environment: env)
        // The server connects as the application role (row-level security), admin commands as the owner.
        let serving = try await ApplicationRole.serving(target, environment: env, logger: logger)
        // The application checks the schema before it binds: an unreachable database or an old schema is a startup error.
        let app = try buildApplication(settings: settings, target: serving, logger: logger) { bound in
            Console.info("Sweep is serving http://\(host):\(bound) (database: \(serving)). Health: /healthz, API contract: /openapi.yaml. Ctrl-C stops.")
        }
        do {
            try await app.runService()
        } catch {
            let text = String(describing: error)
            if text.contains("Address already in use") || text.contains("EADDRINUSE") || text.contains("errno: 98") {
                throw SweepError.unavailable("port \(port) on \(host) is already in use: stop the other process or choose another port with --port or SWEEP_PORT")
            }
            throw error
        }
    }
}
