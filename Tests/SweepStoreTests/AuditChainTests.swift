import Foundation
import PostgresNIO
import Testing
import SweepCore
import TestSupport
@testable import SweepStore

/// The audit log's hash chain finds tampering by the table owner, triggers disabled.
@Suite struct AuditChainTests {
    /// Ten entries written by concurrent transactions.
    static func fill(_ db: Database, count: Int = 10) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<count {
                group.addTask {
                    try await db.transaction { conn in
                        try await AuditLog.append(AuditEntry(actor: "test", action: "probe", objectType: "probe", objectID: String(i),
                                                             reason: i % 2 == 0 ? "because" : nil, details: ["n": String(i), "名": "值"]),
                                                  on: conn, logger: db.logger)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Runs `sql` as the table owner with every user trigger off (what a tamperer with the owner role can do).
    static func tamper(_ db: Database, _ sql: String) async throws {
        try await db.transaction { conn in
            try await conn.query("ALTER TABLE audit_log DISABLE TRIGGER USER", logger: db.logger)
            try await conn.query(PostgresQuery(unsafeSQL: sql), logger: db.logger)
            try await conn.query("ALTER TABLE audit_log ENABLE TRIGGER USER", logger: db.logger)
        }
    }

    @Test func concurrentWritersKeepTheChainWhole() async throws {
        try await TestDatabase.withDatabase { db in
            try await Self.fill(db, count: 40)
            let report = try await AuditChain.verify(db)
            #expect(report.firstProblem == nil, "\(report.firstProblem ?? "")")
            #expect(report.entries == 40)
            #expect(try await AuditChain.head(db) == report.head)
            // Writers do not seal; the sealer does, in turn.
            try await Self.fill(db, count: 2)
            var unsealed = 0
            for try await n in try await db.query("SELECT count(*)::int FROM audit_log WHERE chain_seq IS NULL").decode(Int.self) { unsealed = n }
            #expect(unsealed == 2)
            #expect(try await AuditChain.seal(db) == 2)
            // A recorded head is still in the chain after more entries.
            try await Self.fill(db, count: 3)
            #expect(try await AuditChain.verify(db, expectedHead: report.head).firstProblem == nil)
            #expect(try await AuditChain.verify(db).entries == 45)
        }
    }

    @Test(arguments: [
        ("UPDATE audit_log SET actor = 'someone else' WHERE chain_seq = 4", "entry 4", "edited"),
        ("DELETE FROM audit_log WHERE chain_seq = 4", "entry 4 is missing", "deleted"),
        ("""
         UPDATE audit_log SET chain_seq = -chain_seq WHERE chain_seq >= 4;
         UPDATE audit_log SET chain_seq = 1 - chain_seq WHERE chain_seq < 0;
         INSERT INTO audit_log (actor, action, object_type, chain_seq, prev_hash, entry_hash) VALUES ('x', 'forged', 'probe', 4, '\\x00', '\\x00')
         """, "entry 4", "inserted"),
        ("""
         UPDATE audit_log SET chain_seq = -1 WHERE chain_seq = 4;
         UPDATE audit_log SET chain_seq = 4 WHERE chain_seq = 5;
         UPDATE audit_log SET chain_seq = 5 WHERE chain_seq = -1
         """, "entry 4", "reordered"),
    ])
    func tamperingIsFoundAndNamed(sql: String, expected: String, what: String) async throws {
        try await TestDatabase.withDatabase { db in
            try await Self.fill(db)
            #expect(try await AuditChain.verify(db).firstProblem == nil)
            for statement in sql.split(separator: ";") { try await Self.tamper(db, String(statement)) }
            let problem = try await AuditChain.verify(db).firstProblem
            #expect(problem?.contains(expected) == true, "\(what): \(problem ?? "no problem found")")
        }
    }

    @Test func cuttingTheEndIsFoundByTheHeadOrARecordedHead() async throws {
        try await TestDatabase.withDatabase { db in
            try await Self.fill(db)
            try await AuditChain.seal(db)
            let recorded = try await AuditChain.head(db)
            try await Self.tamper(db, "DELETE FROM audit_log WHERE chain_seq = 10")
            #expect(try await AuditChain.verify(db).firstProblem?.contains("head records entry 10") == true)
            // The owner rewrites the head as well: only a head recorded outside the database shows it.
            try await db.query("UPDATE audit_chain_head SET last_seq = 9, last_hash = (SELECT entry_hash FROM audit_log WHERE chain_seq = 9)")
            #expect(try await AuditChain.verify(db).firstProblem == nil)
            #expect(try await AuditChain.verify(db, expectedHead: recorded).firstProblem?.contains("recorded head is entry 10") == true)
        }
    }
}
