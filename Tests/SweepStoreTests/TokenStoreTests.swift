import Foundation
import Testing
import SweepCore
import TestSupport
@testable import SweepStore

@Suite struct TokenStoreTests {
    @Test func issuedTokenAuthenticatesUntilRevokedAndBothAreAudited() async throws {
        try await TestDatabase.withDatabase { db in
            let store = TokenStore(db: db)
            let issued = try await store.issue(.init(name: "王五", role: .inspector, department: .culture), actor: "test")
            #expect(issued.secret.hasPrefix("swp_"))
            let principal = try await store.authenticate(secret: issued.secret)
            #expect(principal.role == .inspector)
            #expect(principal.department == .culture)
            // Only the hash is stored.
            let stored = try await db.query("SELECT count(*) FROM api_token WHERE position(\(issued.secret)::bytea IN token_hash) > 0")
            for try await count in stored.decode(Int64.self) { #expect(count == 0) }

            try await store.revoke(tokenId: issued.tokenId, actor: "test", reason: "lost phone")
            await #expect(throws: SweepError.unauthenticated("this token was revoked")) { try await store.authenticate(secret: issued.secret) }
            await #expect(throws: SweepError.conflict("token \(issued.tokenId) is already revoked")) {
                try await store.revoke(tokenId: issued.tokenId, actor: "test", reason: "again")
            }
            await #expect(throws: SweepError.invalid(field: "reason", reason: "say why (it is kept in the audit log)")) {
                try await store.revoke(tokenId: issued.tokenId, actor: "test", reason: " ")
            }
            let actions = try await AuditLog.recent(db).map(\.entry.action)
            #expect(actions == ["token.revoke", "token.issue"])
        }
    }

    @Test func unknownAndExpiredTokensAreRefused() async throws {
        try await TestDatabase.withDatabase { db in
            let store = TokenStore(db: db)
            await #expect(throws: SweepError.unauthenticated("unknown token")) { try await store.authenticate(secret: "swp_nope") }
            let issued = try await store.issue(.init(name: "x", role: .leader, validFor: 1), actor: "test")
            try await db.query("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = \(issued.tokenId)")
            do {
                _ = try await store.authenticate(secret: issued.secret)
                Issue.record("expired token accepted")
            } catch let error as SweepError {
                #expect(error.description.contains("expired"))
            }
        }
    }

    @Test func inspectorsNeedADepartmentAndScopesMustExist() async throws {
        try await TestDatabase.withDatabase { db in
            let store = TokenStore(db: db)
            await #expect(throws: SweepError.self) { try await store.issue(.init(name: "x", role: .inspector), actor: "test") }
            await #expect(throws: SweepError.invalid(field: "--scope", reason: "unknown jurisdiction 999999")) {
                try await store.issue(.init(name: "x", role: .coordinator, scope: ["999999"]), actor: "test")
            }
            let remaining = try await store.list()
            #expect(remaining.isEmpty)
        }
    }

    @Test func auditLogRefusesUpdatesAndDeletes() async throws {
        try await TestDatabase.withDatabase { db in
            _ = try await TokenStore(db: db).issue(.init(name: "x", role: .admin), actor: "test")
            await #expect(throws: (any Error).self) { try await db.query("UPDATE audit_log SET actor = 'someone else'") }
            await #expect(throws: (any Error).self) { try await db.query("DELETE FROM audit_log") }
            #expect(try await AuditLog.recent(db).count == 1)
        }
    }
}
