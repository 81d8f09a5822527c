extension Duration {
    /// The duration in seconds as a Double, for timings in benchmarks and logs.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
