import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle
import SweepCore
import SweepStore

/// How the HTTP service is set up.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    /// Load the in-memory heat index as soon as the server runs, so the first heat map does not wait for it.
    public var preloadHeatIndex: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info, preloadHeatIndex: Bool = false) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.preloadHeatIndex = preloadHeatIndex
    }
}

/// All wiring in one place; `sweep serve` and the tests both call it.
///
/// The PostgresClient is a service of the application: services start before the server and stop
/// after it, so requests drain before the pool closes. The schema is checked before the server
/// accepts connections: a database that is behind the build refuses to serve.
public func buildApplication(settings: ServerSettings, target: DatabaseTarget, logger: Logger,
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    let client = PostgresClient(configuration: target.configuration, backgroundLogger: logger)
    let db = Database(client: client, target: target, logger: logger)
    let heatIndex = HeatIndexStore(db: db)
    let (router, _) = buildRouter(db: db, heatIndex: heatIndex)
    let migrator = try Migrator.bundled()
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "sweep"),
        services: [client],
        onServerRunning: { channel in
            if settings.preloadHeatIndex {
                Task {
                    do { _ = try await heatIndex.current() } catch { logger.warning("heat index not preloaded: \(error)") }
                }
            }
            await onServerRunning(channel.localAddress?.port ?? settings.port)
        },
        logger: logger
    )
    app.beforeServerStarts {
        try await migrator.requireCurrent(db)
    }
    return app
}

/// The router and the declared routes (for the OpenAPI equality test).
public func buildRouter(db: Database, heatIndex: HeatIndexStore? = nil) -> (Router<SweepRequestContext>, [RouteDeclaration]) {
    let router = Router(context: SweepRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: ProblemMiddleware())
    let access = TokenStore(db: db)
    let routes = SecuredRoutes(router: router, access: access)
    SystemHandlers.register(on: routes, readiness: {
        try await Migrator.bundled().requireCurrent(db)
    }, auditReader: { limit in
        try await AuditLog.recent(db, limit: limit)
    })
    RegistryHandlers.register(on: routes, registry: RegistryStore(db: db))
    CampaignHandlers.register(on: routes, db: db)
    PlanHandlers.register(on: routes, db: db)
    FindingHandlers.register(on: routes, db: db)
    CaseTipHandlers.register(on: routes, db: db)
    HeatMapHandlers.register(on: routes, db: db, index: heatIndex ?? HeatIndexStore(db: db))
    HeatMapPage.register(on: routes)
    return (router, routes.declarations)
}
