import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOSSL
import Testing
import SweepCore
@testable import SweepCLI
import SweepServer
@testable import SweepStore
import TestSupport

/// `sweep serve --tls-cert FILE --tls-key FILE`: the same application answering HTTPS itself (the
/// field app needs a secure context), and a clear startup error for a missing or wrong file.
@Suite struct ServeTLSTests {
    struct PEM: Sendable {
        var folder: URL
        var certificate: String
        var key: String
    }

    /// A self-signed certificate for localhost and 127.0.0.1 and its key, made by `openssl` in a new folder.
    static func selfSigned() async throws -> PEM {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pem = PEM(folder: folder, certificate: folder.appendingPathComponent("cert.pem").path, key: folder.appendingPathComponent("key.pem").path)
        try await openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                           "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                           "-keyout", pem.key, "-out", pem.certificate])
        return pem
    }

    /// Runs `openssl` on a dispatch thread: waiting for a child process must not hold one of the
    /// cooperative pool's threads (two on this machine), which the in-process servers need.
    static func openssl(_ arguments: [String]) async throws {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Subprocess.Output, any Error>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { try Subprocess.run(["openssl"] + arguments) })
            }
        }
        let output = try result.get()
        guard output.status == 0 else {
            throw SweepError.unavailable("openssl \(arguments.joined(separator: " ")) exited \(output.status): \(output.combined)")
        }
    }

    /// What `body` threw, as the CLI prints it; "no error" if it did not throw.
    static func failure(_ body: () throws -> Any?) -> String {
        do {
            _ = try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func theServerAnswersHTTPSWithSecureCookiesAndRefusesPlainHTTP() async throws {
        let pem = try await Self.selfSigned()
        defer { try? FileManager.default.removeItem(at: pem.folder) }
        // Read the way `sweep serve` reads them: options over the environment.
        let tls = try #require(try ServeCommand.tls(certificate: pem.certificate, key: pem.key, environment: [:]))
        let trusted = try NIOSSLCertificate.fromPEMFile(pem.certificate)
        try await TestDatabase.withDatabase { db in
            // Someone to sign in as: the session cookie must come back Secure with no proxy header at all.
            let principal = try await TokenStore(db: db).issue(.init(name: "tls", role: .coordinator), actor: "test").principal
            let code = try await SessionStore(db: db).issueCode(principalId: principal.id, lifetime: 900, actor: "test").code
            var settings = ServerSettings(port: 0)
            settings.tls = tls
            let app = try buildApplication(db: db, settings: settings, logger: TestDatabase.logger)
            try await app.test(.ahc(.https)) { client in
                let port = try #require(client.port)
                // Verified for real: the generated certificate is the only trust root, and its name is localhost.
                var verifying = TLSConfiguration.makeClientConfiguration()
                verifying.trustRoots = .certificates(trusted)
                let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: verifying))
                do {
                    let health = try await http.execute(HTTPClientRequest(url: "https://localhost:\(port)/healthz"), timeout: .seconds(60))
                    #expect(health.status == .ok)
                    _ = try await health.body.collect(upTo: 1 << 20)

                    var signin = HTTPClientRequest(url: "https://localhost:\(port)/v1/session")
                    signin.method = .POST
                    signin.headers.add(name: "Content-Type", value: "application/json")
                    signin.body = .bytes(ByteBuffer(string: "{\"code\": \"\(code)\"}"))
                    let signed = try await http.execute(signin, timeout: .seconds(60))
                    let cookie = signed.headers.first(name: "Set-Cookie") ?? ""
                    let body = String(buffer: try await signed.body.collect(upTo: 1 << 20))
                    #expect(signed.status == .created, "\(body)")
                    #expect(cookie.contains("sweep_session=") && cookie.contains("Secure") && cookie.contains("HttpOnly"), "\(cookie)")

                    // Plain HTTP to the TLS port gets no answer: the handshake fails and the connection closes.
                    await #expect(throws: (any Error).self) {
                        _ = try await http.execute(HTTPClientRequest(url: "http://localhost:\(port)/healthz"), timeout: .seconds(60))
                    }
                } catch {
                    try await http.shutdown()
                    throw error
                }
                try await http.shutdown()
            }
        }
    }

    @Test func aMissingOrWrongFileIsAClearErrorBeforeAnythingBinds() async throws {
        let pem = try await Self.selfSigned()
        let other = try await Self.selfSigned()
        defer {
            try? FileManager.default.removeItem(at: pem.folder)
            try? FileManager.default.removeItem(at: other.folder)
        }
        let missing = pem.folder.appendingPathComponent("no-such-key.pem").path

        // Both or neither, wherever each comes from.
        var text = Self.failure { try ServeCommand.tls(certificate: pem.certificate, key: nil, environment: [:]) }
        #expect(text.hasPrefix("--tls-key: missing") && text.contains(pem.certificate), "\(text)")
        text = Self.failure { try ServeCommand.tls(certificate: nil, key: nil, environment: ["SWEEP_TLS_KEY": pem.key]) }
        #expect(text.hasPrefix("--tls-cert: missing") && text.contains("SWEEP_TLS_KEY"), "\(text)")
        let plain = try ServeCommand.tls(certificate: nil, key: nil, environment: ["SWEEP_TLS_CERT": "", "SWEEP_TLS_KEY": ""])
        #expect(plain?.certificateFile == nil)
        let fromEnvironment = try ServeCommand.tls(certificate: nil, key: nil, environment: ["SWEEP_TLS_CERT": pem.certificate, "SWEEP_TLS_KEY": pem.key])
        #expect(fromEnvironment?.certificateFile == pem.certificate && fromEnvironment?.keyFile == pem.key)

        // A missing file, a file of the wrong kind, a key that is not the certificate's: each named.
        text = Self.failure { try ServeCommand.tls(certificate: pem.certificate, key: missing, environment: [:]) }
        #expect(text == "--tls-key: \(missing) does not exist", "\(text)")
        text = Self.failure { try ServeCommand.tls(certificate: nil, key: nil, environment: ["SWEEP_TLS_CERT": pem.certificate, "SWEEP_TLS_KEY": missing]) }
        #expect(text == "SWEEP_TLS_KEY: \(missing) does not exist", "\(text)")
        text = Self.failure { try ServeCommand.tls(certificate: pem.key, key: pem.key, environment: [:]) }
        #expect(text.hasPrefix("--tls-cert: \(pem.key) holds no PEM certificate"), "\(text)")
        text = Self.failure { try ServeCommand.tls(certificate: pem.certificate, key: pem.certificate, environment: [:]) }
        #expect(text.hasPrefix("--tls-key: \(pem.certificate) holds no PEM private key"), "\(text)")
        text = Self.failure { try ServeCommand.tls(certificate: pem.certificate, key: other.key, environment: [:]) }
        #expect(text.contains("the private key in \(other.key) cannot be used with the certificate in \(pem.certificate)"), "\(text)")

        // The binary says the same and stops before it opens the database or binds a port.
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SWEEP_TLS_CERT")
        env.removeValue(forKey: "SWEEP_TLS_KEY")
        let run = try await CLITests.sweep(["serve", "--port", "0", "--tls-cert", pem.certificate, "--tls-key", missing], environment: env)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("error: --tls-key: \(missing) does not exist"), "\(run.stderr)")
        #expect(!run.stderr.contains("Sweep is serving"), "\(run.stderr)")
    }
}
