import Foundation
import HTTPTypes
import Hummingbird
import SweepCore

/// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
/// it), Path=/ and Secure when the browser reached Sweep over TLS — always when Sweep serves TLS
/// itself (`--tls-cert`), else when the TLS-terminating proxy says so in X-Forwarded-Proto or
/// Forwarded, or forced with SWEEP_SECURE_COOKIES=1.
enum BrowserCookies {
    static func session(_ secret: String, expiresAt: Date, request: Request, settings: ServerSettings) -> Cookie {
        Cookie(name: BrowserSession.cookieName, value: secret, maxAge: max(0, Int(expiresAt.timeIntervalSinceNow)), path: "/",
               secure: secure(request, settings), httpOnly: true, sameSite: .strict)
    }

    /// The same cookie, emptied and already expired: what sign-out sends.
    static func cleared(request: Request, settings: ServerSettings) -> Cookie {
        Cookie(name: BrowserSession.cookieName, value: "", maxAge: 0, path: "/", secure: secure(request, settings), httpOnly: true, sameSite: .strict)
    }

    static func secure(_ request: Request, _ settings: ServerSettings) -> Bool {
        if settings.secureCookies || settings.tls != nil { return true }
        if let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!], proto.lowercased().split(separator: ",").first?
            .trimmingCharacters(in: .whitespaces) == "https" { return true }
        if let forwarded = request.headers[HTTPField.Name("Forwarded")!], forwarded.lowercased().contains("proto=https") { return true }
        return false
    }

    static func secret(_ request: Request) -> String? {
        guard let value = request.cookies[BrowserSession.cookieName]?.value, !value.isEmpty else { return nil }
        return value
    }
}

/// Cross-site request forgery: a write authenticated by the cookie must carry the session's token in
/// X-CSRF-Token (a page of another site can neither read it nor set the header without a CORS
/// preflight Sweep never grants), and an Origin or Sec-Fetch-Site that names another site is refused
/// outright. SameSite=Strict already keeps the cookie off such requests; this holds even where a
/// browser ignores SameSite. Bearer-token requests carry no ambient credential and are not checked.
enum CrossSiteCheck {
    static func require(_ request: Request, csrfToken: String) throws {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], !["same-origin", "none"].contains(site) {
            throw SweepError.forbidden("cross-site request refused: a write signed in by cookie must come from Sweep's own pages (Sec-Fetch-Site: \(site))")
        }
        if let origin = request.headers[HTTPField.Name("Origin")!], !sameOrigin(origin, host: request.head.authority ?? request.headers[HTTPField.Name("Host")!]) {
            throw SweepError.forbidden("cross-site request refused: Origin \(origin) is not this server")
        }
        guard let sent = request.headers[HTTPField.Name(BrowserSession.csrfHeader)!] else {
            throw SweepError.forbidden("a write signed in by cookie needs the \(BrowserSession.csrfHeader) header with the csrf_token of GET /v1/session")
        }
        guard sent == csrfToken else {
            throw SweepError.forbidden("the \(BrowserSession.csrfHeader) header does not match this session; reload the page")
        }
    }

    /// `http://127.0.0.1:8080` against Host `127.0.0.1:8080`; the scheme is not compared because a
    /// TLS-terminating proxy changes it.
    static func sameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, let url = URL(string: origin), let originHost = url.host else { return false }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        let bare = host.lowercased()
        return originAuthority.lowercased() == bare
            || (url.port == nil && (bare == "\(originHost.lowercased()):80" || bare == "\(originHost.lowercased()):443"))
    }
}
