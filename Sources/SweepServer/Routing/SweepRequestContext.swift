import Hummingbird
import Logging
import SweepCore
import SweepStore

/// Per-request state: the authenticated principal (and, for a browser, its session), set by
/// `SecuredRoutes` before a handler runs, and the peer's address for the sign-in throttle.
public struct SweepRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// Set when the request was authenticated by a session cookie rather than a bearer token.
    public var session: SessionStore.SignedIn?
    public let remoteAddress: String?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.principal = nil
        self.session = nil
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
