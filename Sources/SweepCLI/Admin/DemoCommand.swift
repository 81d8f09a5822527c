import ArgumentParser
import Foundation
import SweepCore
import SweepStore

extension DemoScale: ExpressibleByArgument {}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Demo data for trying Sweep and for benchmarks.", subcommands: [Seed.self])

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a realistic city (or province) with two years of history and load it into an empty database.",
            discussion: "Deterministic: the same --scale and --seed give the same data. Prints one token per role.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "small (tests), city (a prefecture-level city) or province (~20× city, for benchmarks).") var scale: DemoScale = .city
        @Option(help: "Seed of the generator.") var seed: UInt64 = 20261126
        @Flag(help: "Do nothing (and succeed) when the database already holds registry data.") var ifEmpty = false
        @Option(help: "The day history ends, YYYY-MM-DD (default: today). Fix it to reproduce data exactly.") var asOf: String?

        func run() async throws {
            let now: Date
            if let asOf {
                guard let day = ISODay.parse(asOf) else { throw SweepError.invalid(field: "--as-of", reason: "use YYYY-MM-DD, got \(asOf)") }
                now = day
            } else {
                now = ISODay.parse(ISODay.format(Date()))!
            }
            let (scale, seed, ifEmpty) = (self.scale, self.seed, self.ifEmpty)
            let progress = Progress()
            let clock = ContinuousClock()
            let started = clock.now
            let report = try await database.withMigratedDatabase(logger: CLILogger.make("sweep.demo")) { db -> DemoSeeder.Report? in
                let seeder = DemoSeeder(db: db)
                if ifEmpty, try await !seeder.isEmpty() {
                    Console.info("database already holds registry data; demo seed skipped")
                    return nil
                }
                progress.step("generating \(scale.rawValue) demo data (seed \(seed))…")
                let city = DemoCityGenerator.generate(scale: scale, seed: seed, now: now)
                let generated = clock.now
                Console.info("generated in \(Self.seconds(generated - started))")
                let report = try await seeder.seed(city, scale: scale.rawValue, seed: seed, actor: AuditEntry.cliActor()) { step in
                    progress.step("loading \(step)…")
                }
                progress.done()
                return report
            }
            guard let report else { return }
            let elapsed = clock.now - started
            Console.out("""
            demo \(scale.rawValue) (seed \(seed)) loaded in \(Self.seconds(elapsed)):
              \(report.jurisdictions) jurisdictions, \(report.venues) venues, \(report.schools) schools, \(report.inspectors) inspectors
              \(report.inspections) past inspections, \(report.violations) violations, \(report.cases) cases, \(report.relocations) relocation links
            """)
            if !report.randomCheckPrevalence.isEmpty {
                let shares = report.randomCheckPrevalence.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.1f", $0.value * 100)) %" }
                Console.out("  random checks of the last 365 days find a violation at these rates (what `sweep report compliance` should cover): "
                            + shares.joined(separator: ", "))
            }
            Console.out("demo tokens (valid 90 days; shown once):")
            for token in report.tokens {
                let role = token.principal.role.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                Console.out("  \(role) \(token.secret)   principal \(token.principal.id): \(token.principal.name) — scope: \(TokenScope.describe(token.principal.scope))")
            }
            Console.out("try: SWEEP_TOKEN=<coordinator token> sweep venues list --kind internet_cafe --licensed false --near-school 200")
            Console.out("in a browser: sweep token signin-code --principal <id>, then type the code at http://127.0.0.1:8080/signin")
        }

        static func seconds(_ d: Duration) -> String {
            String(format: "%.1f s", d.seconds)
        }
    }
}
