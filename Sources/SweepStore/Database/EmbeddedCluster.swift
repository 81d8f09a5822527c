import Foundation
import Logging
import SweepCore

/// A private PostgreSQL cluster under the project's data folder, reached only through a Unix socket.
///
/// Used when neither `DATABASE_URL` nor `PGHOST` is set, so that a new machine needs nothing but the
/// Debian packages. `initdb` refuses to run as root; when started as root the cluster runs as the
/// unprivileged `postgres` user (created by Debian's postgresql-common) and the folder is made theirs.
public struct EmbeddedCluster: Sendable {
    /// Folder holding `postgres/` (the cluster), `run/` (the socket) and `postgres.log`.
    public let dataRoot: String
    /// Name of the database the product uses inside the cluster.
    public let databaseName: String
    /// The socket's port number; only the socket file name depends on it.
    public let port = 5432

    public init(dataRoot: String, databaseName: String = "sweep") {
        self.dataRoot = (dataRoot as NSString).standardizingPath
        self.databaseName = databaseName
    }

    public var clusterDirectory: String { dataRoot + "/postgres" }
    public var logFile: String { dataRoot + "/postgres.log" }

    /// The socket folder. Unix socket paths are limited to 107 bytes, so a deep checkout falls back
    /// to a short folder under /tmp named after the data folder.
    public var socketDirectory: String {
        let preferred = dataRoot + "/run"
        if preferred.utf8.count + 20 < 100 { return preferred }
        var hash: UInt64 = 1469598103934665603
        for byte in dataRoot.utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        return "/tmp/sweep-\(String(hash, radix: 36))"
    }

    public var socketPath: String { "\(socketDirectory)/.s.PGSQL.\(port)" }

    /// The OS user the server runs as: ourselves, or `postgres` when we are root.
    var serverUser: String? { geteuid() == 0 ? "postgres" : nil }

    /// The database role to connect as: initdb names the superuser after `-U`.
    public var superuser: String { "postgres" }

    /// Where the PostgreSQL server programs are: `SWEEP_PG_BINDIR`, else `pg_config --bindir`.
    public static func binDirectory() throws -> String {
        if let dir = ProcessInfo.processInfo.environment["SWEEP_PG_BINDIR"], !dir.isEmpty { return dir }
        guard Subprocess.which("pg_config") != nil else {
            throw SweepError.unavailable("pg_config was not found: install PostgreSQL 15 (apt-get install postgresql-15 postgresql-15-postgis-3 libpq-dev), run ops/run which installs them, or set DATABASE_URL to use an existing server")
        }
        let out = try Subprocess.run(["pg_config", "--bindir"])
        guard out.status == 0, !out.stdout.isEmpty else {
            throw SweepError.unavailable("pg_config --bindir failed: \(out.combined)")
        }
        // Debian's pg_config (from libpq-dev) may answer /usr/bin, which has only client wrappers.
        if FileManager.default.isExecutableFile(atPath: out.stdout + "/initdb") { return out.stdout }
        for version in ["17", "16", "15"] where FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\(version)/bin/initdb") {
            return "/usr/lib/postgresql/\(version)/bin"
        }
        throw SweepError.unavailable("no initdb in \(out.stdout) or /usr/lib/postgresql/*/bin: install postgresql-15")
    }

    /// Whether the cluster folder has been initialised.
    public var isInitialised: Bool {
        FileManager.default.fileExists(atPath: clusterDirectory + "/PG_VERSION")
    }

    /// What `sweep db status` prints.
    public struct Status: Sendable, CustomStringConvertible {
        public var initialised: Bool
        public var running: Bool
        public var pid: Int?
        public var dataDirectory: String
        public var socketPath: String

        public var description: String {
            if !initialised { return "embedded cluster: not initialised (\(dataDirectory)); `sweep db start` creates it" }
            if running { return "embedded cluster: running (pid \(pid.map(String.init) ?? "?")), data \(dataDirectory), socket \(socketPath)" }
            return "embedded cluster: stopped, data \(dataDirectory)"
        }
    }

    public func status() throws -> Status {
        guard isInitialised else {
            return Status(initialised: false, running: false, pid: nil, dataDirectory: clusterDirectory, socketPath: socketPath)
        }
        let bin = try Self.binDirectory()
        let out = try runAsServerUser(["\(bin)/pg_ctl", "status", "-D", clusterDirectory])
        var pid: Int?
        if out.status == 0, let range = out.stdout.range(of: "PID: ") {
            pid = Int(out.stdout[range.upperBound...].prefix { $0.isNumber })
        }
        return Status(initialised: true, running: out.status == 0, pid: pid, dataDirectory: clusterDirectory, socketPath: socketPath)
    }

    /// Creates the cluster if needed and starts it if it is not running. Safe to call repeatedly
    /// and from several processes at once.
    /// - Returns: true when this call started the server.
    @discardableResult
    public func start(logger: Logger) throws -> Bool {
        let bin = try Self.binDirectory()
        try prepareFolders()
        if !isInitialised {
            logger.info("initialising embedded PostgreSQL cluster", metadata: ["db.data": "\(clusterDirectory)"])
            let out = try runAsServerUser(["\(bin)/initdb", "-D", clusterDirectory, "-U", superuser, "--auth=trust",
                                           "--encoding=UTF8", "--locale=C.UTF-8"])
            guard out.status == 0 else {
                throw SweepError.unavailable("initdb failed in \(clusterDirectory):\n\(out.combined)")
            }
        }
        try writeSettings()
        if try status().running { return false }
        logger.info("starting embedded PostgreSQL", metadata: ["db.socket": "\(socketPath)"])
        let out = try runAsServerUser(["\(bin)/pg_ctl", "start", "-D", clusterDirectory, "-w", "-t", "60", "-l", logFile])
        if out.status != 0 {
            // Another process may have started it between our status check and our start.
            if try status().running { return false }
            let tail = (try? String(contentsOfFile: logFile, encoding: .utf8))?.split(separator: "\n").suffix(8).joined(separator: "\n") ?? ""
            throw SweepError.unavailable("the embedded PostgreSQL did not start (\(out.combined)).\nLast lines of \(logFile):\n\(tail)")
        }
        return true
    }

    /// Stops the server if it runs (fast shutdown: open transactions roll back, nothing committed is lost).
    @discardableResult
    public func stop() throws -> Bool {
        guard isInitialised, try status().running else { return false }
        let bin = try Self.binDirectory()
        let out = try runAsServerUser(["\(bin)/pg_ctl", "stop", "-D", clusterDirectory, "-m", "fast", "-w", "-t", "60"])
        guard out.status == 0 else { throw SweepError.unavailable("pg_ctl stop failed: \(out.combined)") }
        return true
    }

    private func prepareFolders() throws {
        let fm = FileManager.default
        for dir in [dataRoot, clusterDirectory, socketDirectory] {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        guard let user = serverUser else { return }
        for dir in [clusterDirectory, socketDirectory] {
            _ = try Subprocess.run(["chown", "-R", user, dir])
            _ = try Subprocess.run(["chmod", "0700", dir])
        }
        _ = try Subprocess.run(["chown", user, dataRoot])
        let probe = try runAsServerUser(["test", "-w", clusterDirectory])
        guard probe.status == 0 else {
            throw SweepError.unavailable("the PostgreSQL server runs as the unprivileged user \(user) (initdb refuses root), but \(user) cannot reach \(clusterDirectory): make every parent folder searchable (chmod o+x) or set SWEEP_DATA_DIR to a folder outside /root")
        }
    }

    /// Settings live in an included file so that the socket folder follows the checkout if it moves.
    private func writeSettings() throws {
        let conf = clusterDirectory + "/postgresql.conf"
        let include = "include_if_exists = 'sweep.conf'"
        let current = try String(contentsOfFile: conf, encoding: .utf8)
        if !current.contains(include) {
            try (current + "\n" + include + "\n").write(toFile: conf, atomically: true, encoding: .utf8)
        }
        let settings = """
        # Written by sweep at every start; edit postgresql.conf for your own settings.
        listen_addresses = ''
        unix_socket_directories = '\(socketDirectory)'
        port = \(port)
        max_connections = 400
        shared_buffers = '256MB'
        timezone = 'UTC'
        log_timezone = 'UTC'

        """
        try settings.write(toFile: clusterDirectory + "/sweep.conf", atomically: true, encoding: .utf8)
        if let user = serverUser {
            _ = try Subprocess.run(["chown", user, clusterDirectory + "/sweep.conf", conf])
        }
    }

    private func runAsServerUser(_ arguments: [String]) throws -> Subprocess.Output {
        guard let user = serverUser else { return try Subprocess.run(arguments) }
        guard Subprocess.which("runuser") != nil else {
            throw SweepError.unavailable("running as root needs runuser (util-linux) to start PostgreSQL as \(user)")
        }
        let check = try Subprocess.run(["id", "-u", user])
        guard check.status == 0 else {
            throw SweepError.unavailable("running as root: PostgreSQL must run as an unprivileged user, but user \(user) does not exist; install postgresql-15 (which creates it) or run sweep as a normal user")
        }
        return try Subprocess.run(["runuser", "-u", user, "--"] + arguments)
    }
}
