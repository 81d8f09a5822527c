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

    @Option(name: .customLong("tls-cert"),
            help: ArgumentHelp("Serve HTTPS with this PEM certificate chain, the server's certificate first (default: $SWEEP_TLS_CERT). Needs --tls-key.",
                               valueName: "file"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"),
            help: ArgumentHelp("The certificate's PEM private key, unencrypted (default: $SWEEP_TLS_KEY). Needs --tls-cert.", valueName: "file"))
    var tlsKey: String?

    /// `--tls-cert`/`--tls-key` over `SWEEP_TLS_CERT`/`SWEEP_TLS_KEY` (each on its own): both or neither.
    /// The files are read and checked here, before the database is opened or a port bound.
    static func tls(certificate: String?, key: String?, environment env: [String: String]) throws -> ServerTLS? {
        func given(_ option: String?, _ optionName: String, _ variable: String) -> (path: String, from: String)? {
            if let option { return (option, optionName) }
            if let value = env[variable], !value.isEmpty { return (value, variable) }
            return nil
        }
        switch (given(certificate, "--tls-cert", "SWEEP_TLS_CERT"), given(key, "--tls-key", "SWEEP_TLS_KEY")) {
        case (nil, nil):
            return nil
        case (let cert?, nil):
            throw SweepError.invalid(field: "--tls-key", reason: "missing: \(cert.from) names the certificate \(cert.path), "
                                     + "so give its private key with --tls-key or SWEEP_TLS_KEY (or neither, to serve plain HTTP)")
        case (nil, let keyFile?):
            throw SweepError.invalid(field: "--tls-cert", reason: "missing: \(keyFile.from) names the private key \(keyFile.path), "
                                     + "so give its certificate chain with --tls-cert or SWEEP_TLS_CERT (or neither, to serve plain HTTP)")
        case (let cert?, let keyFile?):
            return try ServerTLS.load(certificateFile: (cert.path as NSString).expandingTildeInPath,
                                      keyFile: (keyFile.path as NSString).expandingTildeInPath,
                                      certificateLabel: cert.from, keyLabel: keyFile.from)
        }
    }

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let host = self.host ?? env["SWEEP_HOST"] ?? "127.0.0.1"
        let portText = port.map(String.init) ?? env["SWEEP_PORT"] ?? "8080"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw SweepError.invalid(field: "--port", reason: "must be a port number 0–65535, got \(portText)")
        }
        let tls = try Self.tls(certificate: tlsCert, key: tlsKey, environment: env)
        let logger = CLILogger.make("sweep.serve", default: .info)
        let target = try database.target()
        if case .embedded(let cluster) = target.kind {
            try cluster.start(logger: logger)
        }
        var settings = ServerSettings(host: host, port: port, preloadHeatIndex: true)
        try settings.apply(environment: env)
        settings.tls = tls
        if let tls, tls.notValidAfter < Date().addingTimeInterval(14 * 86_400) {
            let day = ISO8601DateFormatter().string(from: tls.notValidAfter)
            Console.info("warning: the TLS certificate in \(tls.certificateFile) \(tls.notValidAfter < Date() ? "expired" : "expires") at \(day); "
                         + "browsers refuse an expired certificate: renew it and restart")
        }
        // The server connects as the application role (row-level security), admin commands as the owner.
        let serving = try await ApplicationRole.serving(target, environment: env, logger: logger)
        // The application checks the schema before it binds: an unreachable database or an old schema is a startup error.
        let app = try buildApplication(settings: settings, target: serving, logger: logger) { bound in
            Console.info("Sweep is serving \(tls == nil ? "http" : "https")://\(host):\(bound) (database: \(serving)). Health: /healthz, API contract: /openapi.yaml. Ctrl-C stops.")
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
