import Foundation
import Logging
import NIOCore
import PostgresNIO
import SweepCore

/// Streams rows into a table with `COPY … FROM STDIN` in text format.
///
/// Identity columns accept explicit values under COPY (PostgreSQL documents COPY as writing the given
/// values "like OVERRIDING SYSTEM VALUE"), so bulk loads assign ids themselves and link child rows
/// without a round trip; `reserveIDs` and `syncIdentity` keep the sequences right.
struct CopyText {
    private var buffer = ByteBuffer()
    private let writer: PostgresCopyFromWriter
    /// Flush threshold: large enough to amortise the per-write cost, small enough to keep memory flat.
    private let flushBytes = 1 << 20

    init(writer: PostgresCopyFromWriter) {
        self.writer = writer
        buffer.reserveCapacity(flushBytes + 4096)
    }

    /// Appends one row; nil is SQL NULL.
    mutating func row(_ fields: [String?]) async throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            guard let field else { buffer.writeStaticString("\\N"); continue }
            Self.escape(field, into: &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
        if buffer.readableBytes >= flushBytes { try await flush() }
    }

    mutating func flush() async throws {
        guard buffer.readableBytes > 0 else { return }
        try await writer.write(buffer)
        buffer.clear()
    }

    static func escape(_ field: String, into buffer: inout ByteBuffer) {
        for byte in field.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Copies `rows` into `table`.
    static func copy<S: Sequence & Sendable>(_ rows: S, into table: String, columns: [String], on connection: PostgresConnection,
                                             logger: Logger, encode: @Sendable (S.Element) -> [String?]) async throws where S.Element: Sendable {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var copy = CopyText(writer: writer)
            for row in rows { try await copy.row(encode(row)) }
            try await copy.flush()
        }
    }

    /// Locks `table` against concurrent bulk loads and returns the first id of a block of `count` ids.
    static func reserveIDs(_ table: String, count: Int, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await connection.query(PostgresQuery(unsafeSQL: "LOCK TABLE \(table) IN SHARE ROW EXCLUSIVE MODE"), logger: logger)
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT coalesce(max(id), 0) FROM \(table)"), logger: logger)
        for try await maxID in rows.decode(Int64.self) { return maxID + 1 }
        return 1
    }

    /// Moves the identity sequence past the highest id so that later plain INSERTs do not collide.
    static func syncIdentity(_ table: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT setval(pg_get_serial_sequence('\(table)', 'id'), greatest((SELECT max(id) FROM \(table)), 1))
            """), logger: logger)
    }
}

/// Text forms PostgreSQL parses in COPY.
enum CopyValue {
    static func bool(_ value: Bool) -> String { value ? "t" : "f" }

    static func point(_ p: GeoPoint?) -> String? {
        guard let p else { return nil }
        return "SRID=4326;POINT(\(p.longitude) \(p.latitude))"
    }

    /// A MultiPolygon of outer rings, one polygon per ring.
    static func multiPolygon(_ rings: [[GeoPoint]]?) -> String? {
        guard let rings, !rings.isEmpty else { return nil }
        let polygons = rings.map { ring in "((" + ring.map { "\($0.longitude) \($0.latitude)" }.joined(separator: ",") + "))" }
        return "SRID=4326;MULTIPOLYGON(" + polygons.joined(separator: ",") + ")"
    }

    private static let timestampFormat: Date.ISO8601FormatStyle = .iso8601

    static func timestamp(_ date: Date) -> String { date.formatted(timestampFormat) }

    static func date(_ date: Date?) -> String? {
        guard let date else { return nil }
        return date.formatted(.iso8601.year().month().day())
    }
}
