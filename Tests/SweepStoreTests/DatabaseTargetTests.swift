import Testing
import SweepCore
@testable import SweepStore

@Suite struct DatabaseTargetTests {
    @Test func databaseURLIsParsedWithoutLeakingThePassword() throws {
        let target = try DatabaseTarget.fromEnvironment(["DATABASE_URL": "postgres://app:s3cr%40t@db.example:5433/sweep?sslmode=require"])
        #expect(target.configuration.host == "db.example")
        #expect(target.configuration.port == 5433)
        #expect(target.configuration.username == "app")
        #expect(target.configuration.password == "s3cr@t")
        #expect(target.configuration.database == "sweep")
        #expect(!target.description.contains("s3cr"))
    }

    @Test func socketHostAndPGVariables() throws {
        let target = try DatabaseTarget.fromEnvironment(["PGHOST": "/run/pg", "PGPORT": "5434", "PGUSER": "me", "PGDATABASE": "x"])
        #expect(target.configuration.unixSocketPath == "/run/pg/.s.PGSQL.5434")
        #expect(target.configuration.database == "x")
    }

    @Test func unknownSSLModeAndBadPortAreInvalid() {
        #expect(throws: SweepError.self) { try DatabaseTarget.fromEnvironment(["DATABASE_URL": "postgres://a@h/db?sslmode=sometimes"]) }
        #expect(throws: SweepError.self) { try DatabaseTarget.fromEnvironment(["PGHOST": "h", "PGPORT": "99999"]) }
        #expect(throws: SweepError.self) { try DatabaseTarget.fromEnvironment(["DATABASE_URL": "mysql://a@h/db"]) }
    }

    @Test func noServerNamedMeansTheEmbeddedCluster() throws {
        let target = try DatabaseTarget.fromEnvironment([:], dataRoot: "/tmp/x")
        guard case .embedded(let cluster) = target.kind else { Issue.record("not embedded"); return }
        #expect(cluster.clusterDirectory == "/tmp/x/postgres")
        #expect(target.configuration.unixSocketPath == "/tmp/x/run/.s.PGSQL.5432")
    }
}
