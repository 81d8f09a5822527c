import PostgresNIO

extension PostgresRandomAccessRow {
    /// The cell at `index` decoded as `T`, for rows wider than the tuple decoder takes comfortably.
    func at<T: PostgresDecodable>(_ index: Int, _ type: T.Type) throws -> T {
        try self[index].decode(T.self)
    }
}
