import Hummingbird
import Logging
import SweepCore

/// Per-request state: the authenticated principal, set by `SecuredRoutes` before a handler runs.
public struct SweepRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.principal = nil
    }
}
