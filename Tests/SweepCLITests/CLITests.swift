import Foundation
import Testing
import PostgresNIO
import SweepAPI
import SweepCore
@testable import SweepStore
import TestSupport

/// The real `sweep` binary, run as a user would, against a fresh test database.
@Suite struct CLITests {
    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sweep").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return TestDatabase.packageRoot + "/.build/debug/sweep"
    }

    /// `DATABASE_URL` for the test database, in libpq's socket form when the server is the embedded cluster.
    static func environment(for target: DatabaseTarget) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        let db = target.configuration.database!
        if let socket = target.configuration.unixSocketPath {
            let dir = (socket as NSString).deletingLastPathComponent
            env["DATABASE_URL"] = "postgres://\(target.configuration.username)@/\(db)?host=\(dir)"
        } else {
            env["DATABASE_URL"] = "postgres://\(target.configuration.username):\(target.configuration.password ?? "")@\(target.configuration.host!):\(target.configuration.port!)/\(db)?sslmode=disable"
        }
        env.removeValue(forKey: "PGHOST")
        return env
    }

    /// Runs the binary off the cooperative pool: the wait blocks a thread until the process exits,
    /// and the pool has one thread per core (two here) that every test and in-process server share.
    /// At most one binary per core at a time: started all at once, a few dozen debug binaries each
    /// waiting for PostgreSQL missed their 15 s connection deadline on this 2-core machine.
    static func sweep(_ arguments: [String], environment: [String: String]) async throws -> Run {
        await SubprocessSlots.shared.acquire()
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Run, any Error>, Never>) in
            DispatchQueue.global().async {
                continuation.resume(returning: Result {
                    let out = try Subprocess.run([binary] + arguments, environment: environment)
                    return Run(status: out.status, stdout: out.stdout, stderr: out.stderr)
                })
            }
        }
        await SubprocessSlots.shared.release()
        return try result.get()
    }

    static func write(_ text: String, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func count(_ table: String, _ target: DatabaseTarget) async throws -> Int64 {
        try await DatabaseRunner.withClient(target, logger: TestDatabase.logger) { db in
            let rows = try await db.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))
            for try await n in rows.decode(Int64.self) { return n }
            return -1
        }
    }

    @Test func helpListsTheCommands() async throws {
        let run = try await Self.sweep(["--help"], environment: ProcessInfo.processInfo.environment)
        #expect(run.status == 0)
        for command in ["serve", "migrate", "db", "import", "export", "demo", "token", "audit", "venues", "whoami"] {
            #expect(run.stdout.contains(command), "\(command) missing from help")
        }
    }

    @Test func importWithErrorsReportsExactlyAndStoresNothingThenAValidFileLoads() async throws {
        let target = try await TestDatabase.makeDatabase()
        defer { Task { await TestDatabase.drop(target) } }
        let env = Self.environment(for: target)
        let jurisdictions = try Self.write("""
        code,name,level,parent
        420000,湖北省,province,
        420100,江城市,city,420000
        420102,江岸区,district,420100
        """, name: "j.csv")
        var run = try await Self.sweep(["import", "jurisdictions", jurisdictions], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("imported 3 jurisdictions"))

        let bad = try Self.write("""
        code,name,kind,district,longitude,latitude
        S-1,第一小学,primary,420102,114.30,30.60
        S-2,第二小学,college,420102,114.30,30.60
        S-3,第三小学,primary,420102,200.0,30.60
        """, name: "schools.csv")
        run = try await Self.sweep(["import", "schools", bad], environment: env)
        #expect(run.status == 65)
        #expect(run.stderr.contains("line 3, column kind: "))
        #expect(run.stderr.contains("college"))
        #expect(run.stderr.contains("line 4, column longitude/latitude: "))
        #expect(run.stderr.contains("outside China"))
        #expect(try await Self.count("school", target) == 0)

        let gbk: [UInt8] = Array("code,name,kind,district,longitude,latitude\nS-9,".utf8) + [0xB5, 0xDA, 0xD2, 0xBB] + Array(",primary,420102,114.3,30.6\n".utf8)
        let gbkPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-gbk.csv").path
        try Data(gbk).write(to: URL(fileURLWithPath: gbkPath))
        run = try await Self.sweep(["import", "schools", gbkPath, "--encoding", "utf-8"], environment: env)
        #expect(run.status == 65)
        #expect(run.stderr.contains("line 2"))
        #expect(run.stderr.contains("UTF-8"))
        // Excel on Chinese Windows saves GB18030: read as such by default, and said.
        run = try await Self.sweep(["import", "schools", gbkPath], environment: env)
        #expect(run.status == 0 && run.stderr.contains("read it as GB18030"), "\(run.stderr)")
        run = try await Self.sweep(["export", "schools"], environment: env)
        #expect(run.stdout.contains("S-9,第一,primary,420102"), "\(run.stdout)")
        let notGB: [UInt8] = Array("code,name\nS-10,".utf8) + [0x80, 0xFF] + Array("\n".utf8)
        let notGBPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-bad.csv").path
        try Data(notGB).write(to: URL(fileURLWithPath: notGBPath))
        run = try await Self.sweep(["import", "schools", notGBPath, "--encoding", "gb18030"], environment: env)
        #expect(run.status == 65 && run.stderr.contains("line 2") && run.stderr.contains("neither UTF-8 nor GB18030"), "\(run.stderr)")

        let good = try Self.write("""
        code,name,kind,district,longitude,latitude
        S-1,第一小学,primary,420102,114.30,30.60
        S-2,第二中学,middle,420102,114.31,30.61
        """, name: "schools-ok.csv")
        run = try await Self.sweep(["import", "schools", good], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try await Self.count("school", target) == 3)

        run = try await Self.sweep(["export", "schools"], environment: env)
        #expect(run.status == 0)
        #expect(run.stdout.contains("S-2,第二中学,middle,420102"))
    }

    @Test func unreachableDatabaseGivesOneClearMessage() async throws {
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none?sslmode=disable"
        let run = try await Self.sweep(["migrate"], environment: env)
        #expect(run.status == 69)
        #expect(run.stderr.contains("cannot connect to PostgreSQL"))
        #expect(!run.stderr.contains("PSQLError"))
    }

    @Test func tokensIssueListAndRevokeFromTheCommandLine() async throws {
        let target = try await TestDatabase.makeDatabase()
        defer { Task { await TestDatabase.drop(target) } }
        let env = Self.environment(for: target)
        // A coordinator's token needs its scope said; `all` says province-wide out loud.
        var run = try await Self.sweep(["token", "issue", "--name", "李协调", "--role", "coordinator"], environment: env)
        #expect(run.status == 65)
        #expect(run.stderr.contains("--scope"))
        run = try await Self.sweep(["token", "issue", "--name", "李协调", "--role", "coordinator", "--scope", "all"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("swp_"))
        #expect(run.stderr.contains("everywhere (province-wide)"))
        run = try await Self.sweep(["token", "issue", "--name", "x", "--role", "inspector", "--scope", "all"], environment: env)
        #expect(run.status == 65)
        #expect(run.stderr.contains("--department"))
        run = try await Self.sweep(["token", "list", "--format", "csv"], environment: env)
        #expect(run.stdout.contains("李协调,coordinator"))
        run = try await Self.sweep(["token", "revoke", "1", "--reason", "test"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        run = try await Self.sweep(["token", "list"], environment: env)
        #expect(!run.stdout.contains("李协调"))

        // Issuing and revoking were audited; the chain is whole and its head can be recorded.
        run = try await Self.sweep(["audit", "head"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let head = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(head.range(of: "^[0-9]+:[0-9a-f]{64}$", options: .regularExpression) != nil, "\(head)")
        run = try await Self.sweep(["audit", "verify", "--expect-head", head], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("audit chain whole"))
        run = try await Self.sweep(["audit", "verify", "--expect-head", "1:nothex"], environment: env)
        #expect(run.status == 65)
    }

    @Test func browserSigninCodesAndSessionsFromTheCommandLine() async throws {
        let target = try await TestDatabase.makeDatabase()
        defer { Task { await TestDatabase.drop(target) } }
        let env = Self.environment(for: target)
        var run = try await Self.sweep(["token", "issue", "--name", "王领导", "--role", "leader", "--scope", "all", "--format", "json"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let principal = try WireCoding.decoder().decode(IssuedToken.self, from: Data(run.stdout.utf8)).principal.id
        run = try await Self.sweep(["token", "signin-code", "--principal", String(principal), "--expires-in", "30"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let code = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code.range(of: "^[2-9A-Z]{5}-[2-9A-Z]{5}$", options: .regularExpression) != nil, "\(code)")
        #expect(run.stderr.contains("王领导") && run.stderr.contains("works once"))
        #expect(try await Self.sweep(["token", "signin-code", "--principal", "999"], environment: env).status == 66)
        #expect(try await Self.sweep(["token", "signin-code", "--principal", String(principal), "--expires-in", "0"], environment: env).status == 65)

        // A browser signs in with it; the admin sees the session and ends it with a reason.
        let signed = try await DatabaseRunner.withClient(target, logger: TestDatabase.logger) { db in
            try await SessionStore(db: db).signIn(code: code, userAgent: "test browser")
        }
        run = try await Self.sweep(["token", "sessions", "--format", "csv"], environment: env)
        #expect(run.stdout.contains("\(signed.sessionId),\(principal),王领导,leader"), "\(run.stdout)")
        #expect(try await Self.sweep(["token", "end-session", String(signed.sessionId)], environment: env).status != 0, "a reason is required")
        #expect(try await Self.sweep(["token", "end-session", "--reason", "x"], environment: env).status == 64, "an id or --principal")
        run = try await Self.sweep(["token", "end-session", "--principal", String(principal), "--reason", "手机丢失"], environment: env)
        #expect(run.status == 0 && run.stdout.contains("ended browser session \(signed.sessionId)"), "\(run.stderr)")
        run = try await Self.sweep(["token", "end-session", String(signed.sessionId), "--reason", "again"], environment: env)
        #expect(run.status == 1 && run.stderr.contains("ended already"), "\(run.stderr)")
        run = try await Self.sweep(["token", "sessions", "--all", "--format", "csv"], environment: env)
        #expect(run.stdout.contains("revoked"))
    }

    @Test func webhooksAreAddedListedAndStoppedFromTheCommandLine() async throws {
        let target = try await TestDatabase.makeDatabase()
        defer { Task { await TestDatabase.drop(target) } }
        let env = Self.environment(for: target)
        var run = try await Self.sweep(["webhook", "add", "--name", "12355", "--url", "ftp://x"], environment: env)
        #expect(run.status == 65 && run.stderr.contains("--url"), "\(run.stderr)")
        run = try await Self.sweep(["webhook", "add", "--name", "12355 平台", "--url", "https://hotline.example/sweep", "--kinds", "tip.closed,tip.triaged"],
                             environment: env)
        #expect(run.status == 0 && run.stdout.hasPrefix("whs_") && run.stderr.contains("shown only now"), "\(run.stderr)")
        run = try await Self.sweep(["webhook", "list", "--format", "csv"], environment: env)
        #expect(run.stdout.contains("12355 平台,https://hotline.example/sweep,\"tip.closed,tip.triaged\",yes,0,0"), "\(run.stdout)")
        #expect(!run.stdout.contains("whs_"), "never the secret")
        run = try await Self.sweep(["webhook", "remove", "1", "--reason", "平台下线"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        run = try await Self.sweep(["webhook", "remove", "1", "--reason", "again"], environment: env)
        #expect(run.status == 66)
    }
}

/// A counting semaphore for the test binaries the tests start (waiting suspends; it blocks no thread).
actor SubprocessSlots {
    static let shared = SubprocessSlots(limit: max(2, ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
