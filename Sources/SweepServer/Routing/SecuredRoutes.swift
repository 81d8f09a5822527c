import Foundation
import HTTPTypes
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// One declared route: method, OpenAPI path, and the permission it needs (nil = public).
public struct RouteDeclaration: Sendable, Hashable {
    public var method: String
    public var path: String
    public var permission: Permission?
    /// For a route with no role permission that checks a credential of its own (`/metrics`): what it asks for.
    public var guardedBy: String? = nil

    /// The roles that may call it, from the access matrix (nil = public).
    public var roles: Set<Role>? { permission.map(AccessPolicy.roles) }
}

/// Registers routes with the permission they need. Authentication and the role check happen here and
/// only here, so no handler can forget them; the scope check follows where the target is known. The
/// list of declarations is what the OpenAPI test and the access walk compare.
public final class SecuredRoutes: @unchecked Sendable {
    // Mutated only while the application is being built, before any request is served.
    private let router: Router<SweepRequestContext>
    private let access: any AccessStore
    private let sessions: SessionStore
    public private(set) var declarations: [RouteDeclaration] = []

    init(router: Router<SweepRequestContext>, access: any AccessStore, sessions: SessionStore) {
        self.router = router
        self.access = access
        self.sessions = sessions
    }

    /// A route anyone may call (health, readiness, the OpenAPI document).
    func publicGET(_ path: String, _ handler: @escaping @Sendable (Request, SweepRequestContext) async throws -> Response) {
        declarations.append(RouteDeclaration(method: "GET", path: path, permission: nil))
        router.get(RouterPath(Self.hummingbirdPath(path)), use: handler)
    }

    /// A route for machines rather than principals (the metrics scraper): no role, and the handler
    /// checks the credential `guardedBy` names before it answers.
    func machineGET(_ path: String, guardedBy: String, _ handler: @escaping @Sendable (Request, SweepRequestContext) async throws -> Response) {
        declarations.append(RouteDeclaration(method: "GET", path: path, permission: nil, guardedBy: guardedBy))
        router.get(RouterPath(Self.hummingbirdPath(path)), use: handler)
    }

    /// A write anyone may make: only signing in, which is how a browser gets credentials.
    func publicPOST(_ path: String, _ handler: @escaping @Sendable (Request, SweepRequestContext) async throws -> Response) {
        declarations.append(RouteDeclaration(method: "POST", path: path, permission: nil))
        router.post(RouterPath(Self.hummingbirdPath(path)), use: handler)
    }

    /// A route that needs a bearer token (or a browser session) whose role holds `permission`.
    func get(_ path: String, needs permission: Permission,
             _ handler: @escaping @Sendable (Request, SweepRequestContext, Principal) async throws -> Response) {
        add(.get, path, permission, handler)
    }

    func post(_ path: String, needs permission: Permission,
              _ handler: @escaping @Sendable (Request, SweepRequestContext, Principal) async throws -> Response) {
        add(.post, path, permission, handler)
    }

    /// A page a browser opens: like `get`, but a browser without a session is sent to sign in and
    /// brought back (303 to `/signin?next=…`) instead of reading a JSON problem.
    func page(_ path: String, needs permission: Permission,
              _ handler: @escaping @Sendable (Request, SweepRequestContext, Principal) async throws -> Response) {
        add(.get, path, permission, signInFirst: true, handler)
    }

    private func add(_ method: HTTPRequest.Method, _ path: String, _ permission: Permission, signInFirst: Bool = false,
                     _ handler: @escaping @Sendable (Request, SweepRequestContext, Principal) async throws -> Response) {
        declarations.append(RouteDeclaration(method: method.rawValue, path: path, permission: permission))
        let (access, sessions) = (self.access, self.sessions)
        router.on(RouterPath(Self.hummingbirdPath(path)), method: method) { request, context in
            var context = context
            let principal: Principal, session: SessionStore.SignedIn?
            do {
                (principal, session) = try await Self.authenticate(request, access: access, sessions: sessions)
            } catch SweepError.unauthenticated(_) where signInFirst {
                let next = request.uri.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
                var headers = HTTPFields()
                headers[.location] = "\(APIPath.signinPage)?next=\(next)"
                return Response(status: .seeOther, headers: headers)
            }
            if let session, method != .get, method != .head {
                try CrossSiteCheck.require(request, csrfToken: session.csrfToken)
            }
            try AccessPolicy.admit(principal, permission).enforce()
            context.principal = principal
            context.session = session
            context.logger[metadataKey: "sweep.principal"] = "\(principal.id)"
            return try await handler(request, context, principal)
        }
    }

    /// A bearer token when the request sends one (the CLI, other systems), else the browser's session cookie.
    static func authenticate(_ request: Request, access: any AccessStore,
                             sessions: SessionStore) async throws -> (Principal, SessionStore.SignedIn?) {
        guard let header = request.headers[.authorization] else {
            if let secret = BrowserCookies.secret(request) {
                let session = try await sessions.authenticate(secret: secret)
                return (session.principal, session)
            }
            throw SweepError.unauthenticated("send a bearer token: Authorization: Bearer swp_… (admins issue tokens with `sweep token issue`), "
                                             + "or sign in a browser at /signin with a one-time code")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw SweepError.unauthenticated("the Authorization header must be `Bearer <token>`")
        }
        return (try await access.authenticate(secret: String(parts[1]).trimmingCharacters(in: .whitespaces)), nil)
    }

    /// OpenAPI `{id}` → Hummingbird `:id`.
    static func hummingbirdPath(_ path: String) -> String {
        path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
    }
}
