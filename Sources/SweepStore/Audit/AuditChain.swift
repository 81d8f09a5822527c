import Crypto
import Foundation
import NIOCore
import PostgresNIO
import SweepCore

/// Checks the audit log's hash chain (migration 0010) from outside the database: each entry must
/// take the next place, follow the previous entry's hash, and hash to what its content says.
public enum AuditChain {
    /// The hash the chain starts from.
    public static let genesis = Array(SHA256.hash(data: Data("sweep audit chain".utf8)))

    /// The newest place in the chain and its hash (hex), to be recorded outside the database.
    public struct Head: Sendable, Hashable, Codable {
        public var seq: Int64
        public var hash: String

        public init(seq: Int64, hash: String) {
            self.seq = seq
            self.hash = hash
        }
    }

    /// What a verification found: entries checked, the head it computed, and the first problem.
    public struct Report: Sendable, Hashable, Codable {
        public var entries: Int64
        public var head: Head
        /// The first entry that breaks the chain, said in words with its place and id; nil when whole.
        public var firstProblem: String?
    }

    /// Seals every committed entry that has no place in the chain yet; returns how many.
    @discardableResult
    public static func seal(_ db: Database, batch: Int = 10_000) async throws -> Int {
        var total = 0
        while true {
            var n = 0
            for try await sealed in try await db.query("SELECT audit_seal(\(batch)::int)").decode(Int.self) { n = sealed }
            total += n
            if n < batch { return total }
        }
    }

    public static func head(_ db: Database) async throws -> Head {
        for try await (seq, hash) in try await db.query("SELECT last_seq, last_hash FROM audit_chain_head").decode((Int64, ByteBuffer).self) {
            return Head(seq: seq, hash: hex(Array(buffer: hash)))
        }
        throw SweepError.schema("the audit chain has no head row (migration 0010)")
    }

    /// Seals what is waiting, then streams the sealed log in chain order up to the head and
    /// recomputes every hash. `expectedHead` is a head recorded earlier (`sweep audit head`): the
    /// chain must still contain it.
    public static func verify(_ db: Database, expectedHead: Head? = nil, progress: @Sendable (Int64) -> Void = { _ in }) async throws -> Report {
        try await seal(db)
        // The head first: a sealer running meanwhile only adds entries after it.
        let head = try await Self.head(db)
        let rows = try await db.query("""
            SELECT chain_seq, id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, action, object_type,
                   object_id, reason, details::text, prev_hash, entry_hash
            FROM audit_log WHERE chain_seq <= \(head.seq) OR chain_seq IS NULL ORDER BY chain_seq NULLS FIRST, id
            """)
        var running = genesis
        var expected: Int64 = 1
        var problem: String?
        var recorded: [Int64: String] = [0: hex(genesis)]
        for try await row in rows {
            let r = row.makeRandomAccess()
            let id = try r.at(1, Int64.self)
            guard problem == nil else { continue }
            // Entries committed after the seal above wait for the next one.
            guard let seq = try r.at(0, Int64?.self) else { continue }
            let fields = [String(seq), String(id), try r.at(2, String.self), try r.at(3, String.self), try r.at(4, String.self),
                          try r.at(5, String.self), try r.at(6, String?.self) ?? "", try r.at(7, String?.self) ?? "", try r.at(8, String.self)]
            let prev = try r.at(9, ByteBuffer?.self).map { Array(buffer: $0) }
            let stored = try r.at(10, ByteBuffer?.self).map { Array(buffer: $0) }
            if seq != expected {
                problem = seq < expected
                    ? "entry \(seq) (id \(id)) appears twice in the chain (a row was inserted or reordered)"
                    : "entry \(expected) is missing: the chain goes from \(expected - 1) to \(seq) (id \(id)); a row was deleted"
                continue
            }
            if prev != running {
                problem = "entry \(seq) (id \(id)) does not follow entry \(seq - 1): a row before it was deleted, inserted or reordered"
                continue
            }
            let computed = Array(SHA256.hash(data: running + Array(fields.joined(separator: "\n").utf8)))
            if stored != computed {
                problem = "entry \(seq) (id \(id)) does not match its hash: it was edited after it was written"
                continue
            }
            running = computed
            if let expectedHead, expectedHead.seq == seq { recorded[seq] = hex(computed) }
            expected += 1
            if seq % 100_000 == 0 { progress(seq) }
        }
        let last = expected - 1
        let computedHead = Head(seq: last, hash: hex(running))
        if problem == nil {
            if head != computedHead {
                problem = "the chain ends at entry \(last) but the head records entry \(head.seq): entries after \(last) were deleted"
            }
        }
        if problem == nil, let expectedHead {
            if expectedHead.seq > last {
                problem = "the recorded head is entry \(expectedHead.seq) but the chain ends at \(last): entries were deleted from its end"
            } else if recorded[expectedHead.seq] != expectedHead.hash.lowercased() {
                problem = "entry \(expectedHead.seq) no longer hashes to the recorded head: the chain up to it was rewritten"
            }
        }
        return Report(entries: last, head: computedHead, firstProblem: problem)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
