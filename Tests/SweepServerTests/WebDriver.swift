import AsyncHTTPClient
import Foundation
import Glibc
import NIOCore
import NIOHTTP1
import SweepCore
import TestSupport

/// A headless Chromium driven over WebDriver (plain HTTP and JSON) through Debian's chromedriver:
/// just the commands the page tests need. Every wait has a deadline.
final class WebDriver: @unchecked Sendable {
    let base: String
    let session: String
    let process: Process
    let profile: URL

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// Where the browser is, or why the test cannot run (ops/install-deps installs both).
    static func binaries() throws -> (chromium: String, driver: String) {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let chromium, let driver else {
            throw SweepError.unavailable("the page tests need chromium and chromium-driver: run ops/install-deps (apt-get install chromium chromium-driver)")
        }
        return (chromium, driver)
    }

    /// Starts chromedriver on a free port and opens a phone-sized headless browser.
    /// `phone` emulates a phone's screen exactly (width in CSS pixels, touch) and a Chinese-speaking user,
    /// where a desktop window cannot be made narrower than about 500 pixels.
    static func start(width: Int = 390, height: Int = 844, phone: Bool = false) async throws -> WebDriver {
        let (chromium, driverPath) = try binaries()
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<40_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: driverPath)
            process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let base = "http://127.0.0.1:\(port)"
            do {
                try await waitUntilReady(base)
                let profile = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-chromium-\(UUID().uuidString)")
                let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
                    "browserName": "chrome",
                    "goog:loggingPrefs": ["browser": "ALL"],
                    "goog:chromeOptions": ["binary": chromium, "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--window-size=\(width),\(height)", "--user-data-dir=\(profile.path)", "--lang=zh-CN",
                    ]].merging(phone ? [
                        "mobileEmulation": ["deviceMetrics": ["width": width, "height": height, "pixelRatio": 2.0, "touch": true]],
                        "prefs": ["intl.accept_languages": "zh-CN,zh"],
                    ] : [:]) { $1 },
                ]]]
                let answer = try await call(base, .POST, "/session", capabilities, timeout: 60)
                guard let value = answer["value"] as? [String: Any], let id = value["sessionId"] as? String else {
                    throw SweepError.unavailable("chromedriver did not open a session: \(answer)")
                }
                return WebDriver(base: base, session: id, process: process, profile: profile)
            } catch {
                lastError = error
                kill(process)
            }
        }
        throw lastError ?? SweepError.unavailable("chromedriver did not start")
    }

    private init(base: String, session: String, process: Process, profile: URL) {
        self.base = base
        self.session = session
        self.process = process
        self.profile = profile
    }

    /// chromedriver ignores SIGTERM (left running, they piled up run after run): it gets SIGKILL.
    static func kill(_ process: Process) {
        guard process.isRunning else { return }
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
    }

    static func waitUntilReady(_ base: String) async throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let answer = try? await call(base, .GET, "/status", nil, timeout: 2),
               (answer["value"] as? [String: Any])?["ready"] as? Bool == true { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw SweepError.unavailable("chromedriver at \(base) was not ready within 20 s")
    }

    func quit() async {
        _ = try? await Self.call(base, .DELETE, "/session/\(session)", nil, timeout: 20)
        Self.kill(process)
        try? FileManager.default.removeItem(at: profile)
    }

    // MARK: commands

    func go(_ url: String) async throws { _ = try await command(.POST, "url", ["url": url]) }

    func url() async throws -> String { try await command(.GET, "url", nil) as? String ?? "" }

    func find(_ css: String) async throws -> String {
        guard let element = try await command(.POST, "element", ["using": "css selector", "value": css]) as? [String: Any],
              let id = element[Self.elementKey] as? String else { throw SweepError.notFound("element \(css)") }
        return id
    }

    func type(_ css: String, _ text: String) async throws {
        let element = try await find(css)
        _ = try await command(.POST, "element/\(element)/clear", [String: Any]())
        _ = try await command(.POST, "element/\(element)/value", ["text": text])
    }

    func click(_ css: String) async throws { _ = try await command(.POST, "element/\(try await find(css))/click", [String: Any]()) }

    func text(_ css: String) async throws -> String { try await command(.GET, "element/\(try await find(css))/text", nil) as? String ?? "" }

    /// Runs a script in the page; `return` gives its value.
    func script(_ source: String) async throws -> Any? { try await command(.POST, "execute/sync", ["script": source, "args": [Any]()]) }

    /// Runs an async script: the page calls `done(value)`.
    func asyncScript(_ body: String) async throws -> Any? {
        let source = "const done = arguments[arguments.length - 1]; \(body)"
        return try await command(.POST, "execute/async", ["script": source, "args": [Any]()])
    }

    /// The visible page as PNG, saved under data/test/artefacts (kept after the run for people to look at).
    @discardableResult
    func screenshot(_ name: String) async throws -> URL {
        let base64 = try await command(.GET, "screenshot", nil) as? String ?? ""
        let folder = URL(fileURLWithPath: TestDatabase.packageRoot + "/data/test/artefacts")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(base64Encoded: base64)?.write(to: file)
        return file
    }

    /// The browser's cookies for the current page, HttpOnly ones included (WebDriver sees them; scripts do not).
    /// How many resources the page loaded from another origin (a closed network would block them).
    func foreignRequests() async throws -> Int? {
        try await script("""
            return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin)).length
            """) as? Int
    }

    /// Forgets what the console held, then loads the page again, so what is logged next is the new page's own.
    func reload() async throws {
        _ = try await consoleErrors()
        _ = try await command(.POST, "refresh", [String: Any]())
    }

    /// What the page wrote to the console at level error (SEVERE) since the last call: failed loads,
    /// policy violations, script errors.
    func consoleErrors() async throws -> [String] {
        let entries = try await command(.POST, "se/log", ["type": "browser"]) as? [[String: Any]] ?? []
        return entries.filter { ($0["level"] as? String) == "SEVERE" }.compactMap { $0["message"] as? String }
    }

    /// Chromium's network emulation: offline, or a throttled link (latency in ms, throughput in bytes/s; -1 is unthrottled).
    func network(offline: Bool, latency: Int = 0, download: Int = -1, upload: Int = -1) async throws {
        _ = try await command(.POST, "chromium/network_conditions", ["network_conditions": [
            "offline": offline, "latency": latency, "download_throughput": download, "upload_throughput": upload,
        ]])
    }

    /// A Chrome DevTools protocol command through chromedriver (geolocation, permissions).
    @discardableResult
    func devTools(_ command: String, _ parameters: [String: Any] = [:]) async throws -> Any? {
        try await self.command(.POST, "goog/cdp/execute", ["cmd": command, "params": parameters])
    }

    /// Puts the phone at a place, with location permission granted (the page asks for it).
    func position(latitude: Double, longitude: Double, accuracy: Double) async throws {
        try await devTools("Browser.grantPermissions", ["permissions": ["geolocation"]])
        try await devTools("Emulation.setGeolocationOverride", ["latitude": latitude, "longitude": longitude, "accuracy": accuracy])
    }

    /// Chooses a local file in an `<input type=file>` (hidden ones too, as a camera button's input is).
    func chooseFile(_ css: String, _ path: String) async throws {
        _ = try await command(.POST, "element/\(try await find(css))/value", ["text": path])
    }

    func cookies() async throws -> [[String: Any]] { try await command(.GET, "cookie", nil) as? [[String: Any]] ?? [] }

    /// Waits until `condition` holds, or fails saying what was awaited.
    func wait(_ what: String, seconds: Double = 20, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(150))
        }
        throw SweepError.unavailable("waited \(Int(seconds)) s for \(what); the page is at \((try? await url()) ?? "?")")
    }

    private func command(_ method: HTTPMethod, _ path: String, _ body: Any?) async throws -> Any? {
        let answer = try await Self.call(base, method, "/session/\(session)/\(path)", body, timeout: 60)
        if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
            throw SweepError.unavailable("WebDriver \(path): \(error): \(value["message"] as? String ?? "")")
        }
        return answer["value"]
    }

    private static func call(_ base: String, _ method: HTTPMethod, _ path: String, _ body: Any?, timeout: Int64) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeout))
        var bytes = try await response.body.collect(upTo: 16 << 20)
        let data = bytes.readData(length: bytes.readableBytes) ?? Data()
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }
}
