import ArgumentParser
import SweepCore
import SweepStore

struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the embedded PostgreSQL cluster (used when DATABASE_URL and PGHOST are unset).",
        subcommands: [Start.self, Stop.self, Status.self])

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create (first time) and start the embedded cluster.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let cluster = try embeddedCluster(database)
            let started = try cluster.start(logger: CLILogger.make("sweep.db"))
            Console.out(started ? "started: \(try cluster.status())" : "already running: \(try cluster.status())")
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded cluster (fast shutdown; committed data is kept).")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let cluster = try embeddedCluster(database)
            Console.out(try cluster.stop() ? "stopped" : "not running")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show whether the embedded cluster exists and runs.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            Console.out(try embeddedCluster(database).status().description)
        }
    }

    static func embeddedCluster(_ options: DatabaseOptions) throws -> EmbeddedCluster {
        let target = try options.target()
        guard case .embedded(let cluster) = target.kind else {
            throw SweepError.invalid(field: "DATABASE_URL/PGHOST", reason: "is set, so sweep uses \(target) and manages no cluster; unset it to use the embedded one")
        }
        return cluster
    }
}
