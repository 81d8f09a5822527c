import Foundation
import NIOCore
import PostgresNIO
import SweepCore

/// Turns database errors into `SweepError`s with messages a user can act on.
/// SQLSTATE classes: 23505 unique → conflict; 23503 foreign key, 23514 check, 22xxx data → invalid.
public enum SweepErrorMapping {
    public static func map(_ error: any Error) -> any Error {
        if error is SweepError { return error }
        if let tx = error as? PostgresTransactionError {
            return map(tx.closureError ?? tx.commitError ?? tx.beginError ?? tx.rollbackError ?? SweepError.unavailable("transaction failed"))
        }
        guard let psql = error as? PSQLError else { return error }
        if let info = psql.serverInfo, let state = info[.sqlState] {
            let message = info[.message] ?? "database error"
            let detail = info[.detail].map { " (\($0))" } ?? ""
            let constraint = info[.constraintName]
            switch state {
            case "23505":
                return SweepError.conflict("\(message)\(detail)")
            case "23503", "23514", "23502":
                return SweepError.invalid(field: constraint ?? info[.columnName] ?? "input", reason: "\(message)\(detail)")
            case let s where s.hasPrefix("22"):
                return SweepError.invalid(field: info[.columnName] ?? "input", reason: "\(message)\(detail)")
            case "42501":
                return SweepError.forbidden(message)
            case "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006":
                return SweepError.unavailable("the database is unavailable: \(message)")
            default:
                return error
            }
        }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .sslUnsupported:
            return SweepError.unavailable("cannot reach PostgreSQL: \(describe(psql))")
        default:
            return error
        }
    }

    /// A one-line description without the connection string (PSQLError's own hides details).
    public static func describe(_ error: any Error) -> String {
        if let tx = error as? PostgresTransactionError {
            return describe(tx.closureError ?? tx.commitError ?? tx.beginError ?? tx.rollbackError ?? error)
        }
        if let psql = error as? PSQLError {
            if let info = psql.serverInfo, let message = info[.message] {
                var text = message
                if let detail = info[.detail] { text += " (\(detail))" }
                if let hint = info[.hint] { text += "; hint: \(hint)" }
                if let table = info[.tableName] { text += " [table \(table)]" }
                return text
            }
            if let underlying = psql.underlying {
                if let io = underlying as? IOError { return io.description }
                return "\(underlying)"
            }
            return "\(psql.code)"
        }
        return "\(error)"
    }
}
