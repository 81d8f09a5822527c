import Foundation
import Logging
import PostgresNIO

/// The role the server connects as (sql/0012): it owns nothing, holds only the grants it needs, and
/// row-level security binds it. Admin commands keep the owner role.
public enum ApplicationRole {
    public static let name = "sweep_app"

    /// `SWEEP_APP_DATABASE_URL` when set; on the embedded cluster, `sweep_app` over the same socket
    /// (trust authentication); nil for another server without that variable (the owner is used).
    public static func target(for owner: DatabaseTarget, environment env: [String: String]) throws -> DatabaseTarget? {
        if let url = env["SWEEP_APP_DATABASE_URL"], !url.isEmpty { return try DatabaseTarget.fromURL(url, environment: env) }
        guard case .embedded = owner.kind else { return nil }
        var app = owner
        app.configuration.username = name
        app.configuration.password = nil
        app.description = owner.description + ", as \(name)"
        return app
    }

    /// The target to serve with: the application role when it can connect, else the owner with a
    /// warning that says what is lost and how to get it back.
    public static func serving(_ owner: DatabaseTarget, environment env: [String: String], logger: Logger) async throws -> DatabaseTarget {
        guard let app = try target(for: owner, environment: env) else {
            logger.warning("serving as the database owner: set SWEEP_APP_DATABASE_URL (role \(name)) so that row-level security applies")
            return owner
        }
        do {
            try await DatabaseRunner.withClient(app, logger: logger) { db in _ = try await db.query("SELECT 1") }
            return app
        } catch {
            logger.warning("cannot connect as \(name) (\(error)); serving as the database owner, without row-level security")
            return owner
        }
    }
}
