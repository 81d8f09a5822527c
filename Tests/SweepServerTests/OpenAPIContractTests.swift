import Foundation
import Testing
import SweepStore
import TestSupport
@testable import SweepServer

/// The OpenAPI document lists exactly the routes the server registers.
@Suite struct OpenAPIContractTests {
    /// Paths sit at two spaces under `paths:`, methods at four (a layout the document keeps on purpose).
    static func documentedRoutes() throws -> Set<String> {
        let text = String(decoding: try OpenAPIDocument.bytes(), as: UTF8.self)
        var inPaths = false
        var path = ""
        var routes: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), !line.isEmpty { inPaths = line.hasPrefix("paths:"); continue }
            guard inPaths else { continue }
            if line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                routes.insert("\(line.dropFirst(4).dropLast().uppercased()) \(path)")
            }
        }
        return routes
    }

    @Test func documentEqualsImplementedRoutes() async throws {
        let target = try TestDatabase.serverTarget()
        // Building the router needs a Database value but sends no query.
        try await DatabaseRunner.withClient(target, logger: TestDatabase.logger) { db in
            let (_, declarations) = buildRouter(try AppServices(db: db, settings: .init()))
            let implemented = Set(declarations.map { "\($0.method) \($0.path)" })
            let documented = try Self.documentedRoutes()
            #expect(documented == implemented)
            #expect(implemented.count >= 10)
        }
    }
}
