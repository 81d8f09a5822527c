import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import SweepAPI
import SweepCore

/// The inspectors' offline-first field app: its page at `/app/`, its manifest, and the service
/// worker that keeps the shell for use without signal. Everything the app shows comes from the
/// same API routes the CLI uses, with the phone's session.
enum FieldApp {
    /// What the service worker caches besides the page: every bundled `app*` file, taken from the
    /// bundle itself so that a new module cannot be left out of the offline shell.
    static let shellAssets: [String] = WebPages.assets.keys.filter { $0.hasPrefix("app") && $0 != "app.html" }.sorted()

    static var shellURLs: [String] {
        ["/app/", APIPath.appManifest] + shellAssets.map { "/assets/\($0)" }
    }

    /// The worker with the shell's digest as its version: any changed file makes a new worker, and
    /// the new worker replaces the whole cache.
    static let serviceWorker: WebPages.Asset = {
        let template = WebPages.assets["sw.js"].map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        var hasher = SHA256()
        for name in ["app.html", "manifest.webmanifest"] + shellAssets { hasher.update(data: WebPages.assets[name]?.bytes ?? []) }
        let version = hasher.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
        let files = "[" + shellURLs.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        let source = template.replacingOccurrences(of: "__SHELL_VERSION__", with: version).replacingOccurrences(of: "__SHELL_FILES__", with: files)
        return WebPages.Asset(bytes: Array(source.utf8), contentType: "text/javascript; charset=utf-8")
    }()

    static func register(on routes: SecuredRoutes) {
        routes.publicGET(APIPath.appPage) { request, _ in
            // The worker's scope is /app/: the page must live inside it, so /app goes to /app/ (with its #pair=…).
            guard request.uri.path.hasSuffix("/") else {
                return Response(status: .movedPermanently, headers: [.location: "/app/"])
            }
            return try WebPages.serve("app.html")
        }
        routes.publicGET(APIPath.appServiceWorker) { _, _ in WebPages.respond(serviceWorker) }
        routes.publicGET(APIPath.appManifest) { _, _ in try WebPages.serve("manifest.webmanifest") }
    }
}
