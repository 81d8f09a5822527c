import Foundation
import HTTPTypes
import Hummingbird
import SweepAPI
import SweepCore

/// The browser pages and their assets: plain HTML, CSS and ES modules from Resources/web, read once.
/// Pages hold no data and are public; every number they show comes from the API with the browser's
/// session. Only files that were bundled are served (no path ever reaches the file system).
enum WebPages {
    struct Asset: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    static let assets: [String: Asset] = {
        guard let dir = Bundle.module.url(forResource: "web", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [:] }
        var out: [String: Asset] = [:]
        for name in names {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else { continue }
            out[name] = Asset(bytes: Array(data), contentType: contentType(name))
        }
        return out
    }()

    static func contentType(_ name: String) -> String {
        switch name.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "json": "application/json; charset=utf-8"
        case "webmanifest": "application/manifest+json; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// Scripts only from Sweep itself, no framing by other sites, nothing sent to other origins.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    static func serve(_ name: String) throws -> Response {
        guard let asset = assets[name] else { throw SweepError.notFound("page asset \(name)") }
        return respond(asset)
    }

    static func respond(_ asset: Asset) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[.cacheControl] = "no-cache"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    static func register(on routes: SecuredRoutes) {
        routes.publicGET(APIPath.heatmapPage) { _, _ in try serve("heatmap.html") }
        routes.publicGET(APIPath.signinPage) { _, _ in try serve("signin.html") }
        routes.publicGET(APIPath.asset) { _, context in try serve(try context.text("name")) }
        FieldApp.register(on: routes)
    }
}
