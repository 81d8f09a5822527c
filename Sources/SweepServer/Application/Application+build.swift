import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
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
    /// How far from the venue a device may report its position before the visit is flagged.
    public var positionToleranceMetres: Double
    /// How long a browser stays signed in.
    public var sessionLifetime: TimeInterval = BrowserSession.defaultLifetime
    /// Mark the session cookie Secure even when no proxy says the browser came over TLS.
    public var secureCookies = false
    /// Serve HTTPS with this certificate and key instead of plain HTTP (`sweep serve --tls-cert --tls-key`).
    /// Every request then came over TLS, so the session cookie is always Secure.
    public var tls: ServerTLS? = nil
    /// The bearer token a Prometheus scraper shows for `/metrics` from another machine (`SWEEP_METRICS_TOKEN`);
    /// without one, `/metrics` answers only the loopback address.
    public var metricsToken: String? = nil
    /// How long a request waits for a database connection before it gets 503 (`SWEEP_DB_WAIT_SECONDS`).
    public var databaseWait: Duration = .seconds(5)
    /// Requests that may wait for a connection beyond the pool's size before new ones get 503 + Retry-After
    /// (`SWEEP_DB_QUEUE`; default twice the pool).
    public var databaseQueue: Int? = nil
    /// Requests served at once before new ones get 503 + Retry-After at the door (`SWEEP_MAX_REQUESTS`;
    /// default the pool plus half its queue: 40).
    public var requestLimit: Int? = nil

    public init(host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info, preloadHeatIndex: Bool = false,
                positionToleranceMetres: Double = 300) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.preloadHeatIndex = preloadHeatIndex
        self.positionToleranceMetres = positionToleranceMetres
    }

    /// `SWEEP_POSITION_TOLERANCE_M` (metres, > 0) over the default; read once, where the process starts.
    public mutating func apply(environment: [String: String]) throws {
        if let text = environment["SWEEP_POSITION_TOLERANCE_M"] {
            guard let metres = Double(text), metres > 0 else {
                throw SweepError.invalid(field: "SWEEP_POSITION_TOLERANCE_M", reason: "must be a distance in metres above 0, got \"\(text)\"")
            }
            positionToleranceMetres = metres
        }
        if let text = environment["SWEEP_SESSION_HOURS"] {
            guard let hours = Double(text), hours > 0, hours <= 24 * 30 else {
                throw SweepError.invalid(field: "SWEEP_SESSION_HOURS", reason: "must be a number of hours above 0 and at most 720, got \"\(text)\"")
            }
            sessionLifetime = hours * 3600
        }
        if let text = environment["SWEEP_SECURE_COOKIES"] {
            guard ["0", "1"].contains(text) else {
                throw SweepError.invalid(field: "SWEEP_SECURE_COOKIES", reason: "must be 1 (always mark the session cookie Secure) or 0, got \"\(text)\"")
            }
            secureCookies = text == "1"
        }
        if let text = environment["SWEEP_METRICS_TOKEN"] {
            guard text.count >= 16 else {
                throw SweepError.invalid(field: "SWEEP_METRICS_TOKEN", reason: "must be at least 16 characters (it guards /metrics from other machines), got \(text.count)")
            }
            metricsToken = text
        }
        if let text = environment["SWEEP_DB_WAIT_SECONDS"] {
            guard let seconds = Double(text), seconds >= 0.1, seconds <= 60 else {
                throw SweepError.invalid(field: "SWEEP_DB_WAIT_SECONDS", reason: "must be a number of seconds from 0.1 to 60, got \"\(text)\"")
            }
            databaseWait = .milliseconds(Int(seconds * 1000))
        }
        if let text = environment["SWEEP_MAX_REQUESTS"] {
            guard let count = Int(text), count >= 1 else {
                throw SweepError.invalid(field: "SWEEP_MAX_REQUESTS", reason: "must be a whole number of requests, 1 or more, got \"\(text)\"")
            }
            requestLimit = count
        }
        if let text = environment["SWEEP_DB_QUEUE"] {
            guard let count = Int(text), count >= 0 else {
                throw SweepError.invalid(field: "SWEEP_DB_QUEUE", reason: "must be a whole number of waiting requests, 0 or more, got \"\(text)\"")
            }
            databaseQueue = count
        }
    }
}

/// All wiring in one place; `sweep serve` calls this one, which owns the connection pool.
///
/// The PostgresClient is a service of the application: services start before the server and stop
/// after it, so requests drain before the pool closes.
public func buildApplication(settings: ServerSettings, target: DatabaseTarget, logger: Logger,
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    SweepMetrics.bootstrap()
    let client = PostgresClient(configuration: target.configuration, backgroundLogger: logger)
    let gate = DatabaseGate(settings: .init(capacity: target.configuration.options.maximumConnections,
                                            queueLimit: settings.databaseQueue, leaseTimeout: settings.databaseWait))
    let db = Database(client: client, target: target, logger: logger, gate: gate)
    return try buildApplication(db: db, settings: settings, logger: logger, services: [client], onServerRunning: onServerRunning)
}

/// The application over a database whose pool is run by `services` (or by the caller, as the tests
/// do): the same services, routes and start-up check as `sweep serve`. The schema is checked before
/// the server accepts connections: a database that is behind the build refuses to serve.
public func buildApplication(db: Database, settings: ServerSettings, logger: Logger, services: [any Service] = [],
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    SweepMetrics.bootstrap()
    return try buildApplication(app: try AppServices(db: db, settings: settings), logger: logger, services: services,
                                onServerRunning: onServerRunning)
}

/// The same, over stores the caller built (tests that look inside the heat index after a restart).
func buildApplication(app: AppServices, logger: Logger, services: [any Service] = [],
                      onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    let (db, settings) = (app.db, app.settings)
    let (router, _) = buildRouter(app)
    var application = Application(
        router: router,
        server: try serverBuilder(settings),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "sweep"),
        services: services + [DatabaseWatch(db: db, logger: logger), AuditSealer(db: db, logger: logger), ReportRollupKeeper(db: db, logger: logger),
                              WebhookDispatcher(hooks: WebhookStore(db: db), events: EventOutbox(db: db), logger: logger)],
        onServerRunning: { channel in
            if settings.preloadHeatIndex {
                Task {
                    do { _ = try await app.heatIndex.current() } catch { logger.warning("heat index not preloaded: \(error)") }
                }
            }
            await onServerRunning(channel.localAddress?.port ?? settings.port)
        },
        logger: logger
    )
    application.beforeServerStarts {
        try await app.migrator.requireCurrent(db)
    }
    return application
}

/// HTTP/1.1, inside TLS when the settings carry a certificate.
func serverBuilder(_ settings: ServerSettings) throws -> HTTPServerBuilder {
    guard let tls = settings.tls else { return .http1() }
    return try .tls(.http1(), tlsConfiguration: tls.configuration)
}

/// The router and the declared routes (for the OpenAPI equality test and the access walk).
public func buildRouter(_ app: AppServices) -> (Router<SweepRequestContext>, [RouteDeclaration]) {
    let router = Router(context: SweepRequestContext.self)
    // Outermost, so that it counts the status the problem middleware chose.
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: ProblemMiddleware())
    // Inside the problem middleware, so that a refusal is the usual 503 problem with Retry-After.
    // The default leaves half the gate's queue to the background work (sealer, rollups, webhooks) and to
    // requests that use two connections, so that an admitted request is not refused half done.
    let gate = app.db.gate.settings
    router.add(middleware: LoadShedMiddleware(limit: app.settings.requestLimit ?? gate.capacity + gate.queueLimit / 2))
    let routes = SecuredRoutes(router: router, access: app.tokens, sessions: app.sessions)
    SystemRoutes.register(on: routes, app)
    MetricsRoutes.register(on: routes, app)
    SessionRoutes.register(on: routes, app)
    AuditRoutes.register(on: routes, app)
    RegistryRoutes.register(on: routes, app)
    RegistryLifecycleRoutes.register(on: routes, app)
    RegistryMaintenanceRoutes.register(on: routes, app)
    CampaignRoutes.register(on: routes, app)
    RosterRoutes.register(on: routes, app)
    PlanRoutes.register(on: routes, app)
    PlanOutputRoutes.register(on: routes, app)
    SubmissionRoutes.register(on: routes, app)
    EvidenceRoutes.register(on: routes, app)
    CaseRoutes.register(on: routes, app)
    TipRoutes.register(on: routes, app)
    HeatMapRoutes.register(on: routes, app)
    ReportRoutes.register(on: routes, app)
    WebPages.register(on: routes)
    return (router, routes.declarations)
}
