// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sweep",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sweep", targets: ["sweep"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Already in the graph through postgres-nio (SCRAM); used for SHA-256 of tokens and migrations.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.9.0"..<"6.0.0"),
        // Already in the graph through postgres-nio; needed to spell sslmode=require / verify-full.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.2"),
        // The CLI's HTTP client: on NIO like the rest of Sweep, so a long wait costs no CPU (Foundation's
        // URLSession on Linux spun a core while waiting).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        // Already in the graph through hummingbird and postgres-nio: the API every metric is recorded through.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        // `/metrics`: swift-metrics' Prometheus backend (the text exposition format).
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
    ],
    targets: [
        .target(name: "SweepCore"),
        .target(
            name: "SweepStore",
            dependencies: [
                "SweepCore", "SweepAPI",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("../../sql")]
        ),
        .target(
            name: "SweepAPI",
            dependencies: ["SweepCore"]
        ),
        .target(
            name: "SweepClient",
            dependencies: [
                "SweepCore", "SweepAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]
        ),
        .target(
            name: "SweepServer",
            dependencies: [
                "SweepCore", "SweepStore", "SweepAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                // `sweep serve --tls-cert --tls-key`: HTTPS in-process, for the field app's secure context.
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // Webhooks: signed with HMAC-SHA256 and posted over the same HTTP client the CLI uses.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/openapi.yaml"), .copy("Resources/web")]
        ),
        .target(
            name: "SweepCLI",
            dependencies: [
                "SweepCore", "SweepStore", "SweepAPI", "SweepClient", "SweepServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // `sweep bench submit`: an open-loop load generator.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "sweep", dependencies: ["SweepCLI", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "TestSupport",
            dependencies: ["SweepCore", "SweepStore"],
            path: "Tests/TestSupport"
        ),
        // The minors'-data guard's vectors are read by path: the browser tests load the same file.
        .testTarget(name: "SweepCoreTests", dependencies: ["SweepCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "SweepStoreTests",
            dependencies: ["SweepStore", "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "SweepServerTests",
            dependencies: [
                "SweepServer", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // The page tests drive Chromium's WebDriver over HTTP.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "SweepCLITests",
            dependencies: [
                "SweepCLI", "SweepServer", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                // ServeTLSTests calls the HTTPS server with the generated certificate as its trust root.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
