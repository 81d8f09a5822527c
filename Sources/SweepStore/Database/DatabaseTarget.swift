import Foundation
import NIOSSL
import PostgresNIO
import SweepCore

/// Which PostgreSQL server to use and how to reach it, decided once from the environment.
///
/// With `DATABASE_URL` or `PGHOST` set that server is used (standard libpq forms); otherwise the
/// embedded cluster under the data folder. Secrets never appear in `description`.
public struct DatabaseTarget: Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case embedded(EmbeddedCluster)
        case external
    }

    public var kind: Kind
    public var configuration: PostgresClient.Configuration
    /// Where it points, without the password, for logs and messages.
    public var description: String

    /// Dates and timestamps are read and written in UTC whatever the server's default, so that a
    /// `date` column means the same day on every server.
    static let sessionParameters: [(String, String)] = [("TimeZone", "UTC"), ("application_name", "sweep")]

    /// The data folder: `SWEEP_DATA_DIR`, else `./data`.
    public static func defaultDataRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["SWEEP_DATA_DIR"], !dir.isEmpty { return dir }
        return FileManager.default.currentDirectoryPath + "/data"
    }

    /// Reads `DATABASE_URL`, `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment,
                                       dataRoot: String? = nil) throws -> DatabaseTarget {
        if let url = env["DATABASE_URL"], !url.isEmpty {
            return try fromURL(url, environment: env)
        }
        if let host = env["PGHOST"], !host.isEmpty {
            return try fromParts(host: host, port: env["PGPORT"], user: env["PGUSER"], password: env["PGPASSWORD"],
                                 database: env["PGDATABASE"], sslmode: env["PGSSLMODE"], environment: env)
        }
        let cluster = EmbeddedCluster(dataRoot: dataRoot ?? defaultDataRoot(environment: env),
                                      databaseName: env["PGDATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "sweep")
        return embedded(cluster, database: cluster.databaseName)
    }

    /// A target for one database of the embedded cluster.
    public static func embedded(_ cluster: EmbeddedCluster, database: String) -> DatabaseTarget {
        var config = PostgresClient.Configuration(unixSocketPath: cluster.socketPath, username: cluster.superuser,
                                                  password: nil, database: database)
        config.options.connectTimeout = .seconds(10)
        config.options.additionalStartupParameters = sessionParameters
        return DatabaseTarget(kind: .embedded(cluster), configuration: config,
                              description: "embedded cluster \(cluster.clusterDirectory), database \(database)")
    }

    /// The same server, another database (tests clone a template; `sweep` creates its database).
    public func withDatabase(_ name: String) -> DatabaseTarget {
        var copy = self
        copy.configuration.database = name
        if case .embedded(let cluster) = kind {
            copy.description = "embedded cluster \(cluster.clusterDirectory), database \(name)"
        } else {
            copy.description = description.replacingOccurrences(of: "/\(configuration.database ?? "")", with: "/\(name)")
        }
        return copy
    }

    /// Parses `postgres://user:password@host:port/database?sslmode=…&host=/socket/dir`.
    public static func fromURL(_ raw: String, environment env: [String: String]) throws -> DatabaseTarget {
        guard let components = URLComponents(string: raw),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw SweepError.invalid(field: "DATABASE_URL", reason: "must look like postgres://user:password@host:5432/database (scheme postgres or postgresql)")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let host = query["host"] ?? components.host.flatMap { $0.isEmpty ? nil : $0 } ?? env["PGHOST"] ?? "localhost"
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        return try fromParts(host: host, port: components.port.map(String.init) ?? query["port"] ?? env["PGPORT"],
                             user: components.user?.removingPercentEncoding ?? query["user"] ?? env["PGUSER"],
                             password: components.password?.removingPercentEncoding ?? query["password"] ?? env["PGPASSWORD"],
                             database: database.isEmpty ? (query["dbname"] ?? env["PGDATABASE"]) : database.removingPercentEncoding,
                             sslmode: query["sslmode"] ?? env["PGSSLMODE"], environment: env)
    }

    static func fromParts(host: String, port: String?, user: String?, password: String?, database: String?,
                          sslmode: String?, environment env: [String: String]) throws -> DatabaseTarget {
        let portNumber: Int
        if let port, !port.isEmpty {
            guard let p = Int(port), (1...65535).contains(p) else {
                throw SweepError.invalid(field: "PGPORT", reason: "must be a port number 1–65535, got \(port)")
            }
            portNumber = p
        } else {
            portNumber = 5432
        }
        let username = user.flatMap { $0.isEmpty ? nil : $0 } ?? env["USER"] ?? "postgres"
        let dbName = database.flatMap { $0.isEmpty ? nil : $0 } ?? username
        var config: PostgresClient.Configuration
        var where_: String
        if host.hasPrefix("/") {
            config = .init(unixSocketPath: "\(host)/.s.PGSQL.\(portNumber)", username: username, password: password, database: dbName)
            where_ = "postgres://\(username)@[\(host)]/\(dbName)"
        } else {
            config = .init(host: host, port: portNumber, username: username, password: password, database: dbName,
                           tls: try tls(for: sslmode ?? "prefer"))
            where_ = "postgres://\(username)@\(host):\(portNumber)/\(dbName) (sslmode \(sslmode ?? "prefer"))"
        }
        config.options.connectTimeout = .seconds(10)
        config.options.additionalStartupParameters = sessionParameters
        return DatabaseTarget(kind: .external, configuration: config, description: where_)
    }

    /// libpq's sslmode values. `allow` is treated as `prefer`: PostgresNIO does not retry without TLS.
    static func tls(for sslmode: String) throws -> PostgresClient.Configuration.TLS {
        switch sslmode {
        case "disable":
            return .disable
        case "allow", "prefer":
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            return .prefer(tls)
        case "require":
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            return .require(tls)
        case "verify-ca":
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .noHostnameVerification
            return .require(tls)
        case "verify-full":
            return .require(.makeClientConfiguration())
        default:
            throw SweepError.invalid(field: "sslmode", reason: "unknown value \(sslmode); use disable, allow, prefer, require, verify-ca or verify-full")
        }
    }
}
