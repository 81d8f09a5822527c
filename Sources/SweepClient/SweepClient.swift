import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import SweepAPI
import SweepCore

/// The typed client of Sweep's HTTP API: one method per route (in the `SweepClient+…` files),
/// the request and response types of SweepAPI, and no path written anywhere but `APIPath`.
///
/// User commands go through the server so that every user action takes one path through
/// authorization, validation and the audit log, locally or remotely. The transport is
/// AsyncHTTPClient on SwiftNIO: waiting for a slow answer (a plan takes seconds) costs no CPU.
public struct SweepClient: Sendable {
    public var baseURL: URL
    public var token: String?
    /// How long one request may take before the client gives up.
    public var timeout: Duration

    public init(baseURL: URL, token: String?, timeout: Duration = .seconds(300)) {
        self.baseURL = baseURL
        self.token = token
        self.timeout = timeout
    }

    /// The most a response body may hold (a province-wide GeoJSON heat map is the largest).
    static let maxBody = 256 << 20

    /// Sends a request and returns the body of a 2xx answer; problem+json answers become `ProblemDetails` errors.
    public func send(_ method: HTTPMethod, _ path: String, query: [URLQueryItem] = [], body: Data? = nil,
                     contentType: String = "application/json") async throws -> Data {
        var request = HTTPClientRequest(url: try url(path, query: query).absoluteString)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(data: body))
        }
        var status: HTTPResponseStatus
        var bytes: ByteBuffer
        var waited = 0
        do {
            while true {
                let response = try await HTTPClient.shared.execute(request, timeout: TimeAmount(timeout))
                status = response.status
                bytes = try await response.body.collect(upTo: Self.maxBody)
                // A 503 (the database restarting, the server busy) passes; requests that are safe to
                // repeat wait as Retry-After says and go again, for up to a minute.
                let pause = Int(response.headers.first(name: "Retry-After") ?? "") ?? 1
                guard status == .serviceUnavailable, Self.repeatable(method, path), waited + pause <= 60 else { break }
                try await Task.sleep(for: .seconds(min(max(pause, 1), 10)))
                waited += min(max(pause, 1), 10)
            }
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw SweepError.unavailable("the Sweep server at \(baseURL.absoluteString) did not answer \(method) \(path) within \(timeout)")
        } catch {
            throw SweepError.unavailable("cannot reach the Sweep server at \(baseURL.absoluteString): \(error). Start it with ops/run or `sweep serve`, or pass --server")
        }
        let data = bytes.readData(length: bytes.readableBytes) ?? Data()
        if (200..<300).contains(Int(status.code)) { return data }
        if let problem = try? WireCoding.decoder().decode(ProblemDetails.self, from: data) { throw problem }
        throw ProblemDetails(type: "about:blank", title: status.reasonPhrase, status: Int(status.code),
                             detail: String(decoding: data.prefix(500), as: UTF8.self))
    }

    /// Reads, and the submissions (stored once per submission_id however often they are sent).
    static func repeatable(_ method: HTTPMethod, _ path: String) -> Bool {
        method == .GET || method == .HEAD || (method == .POST && [APIPath.submissions, APIPath.submissionBatch].contains(path))
    }

    /// Sends and decodes a JSON answer.
    func json<T: Decodable>(_ method: HTTPMethod, _ path: String, query: [URLQueryItem] = [], body: Data? = nil,
                            contentType: String = "application/json", as type: T.Type = T.self) async throws -> T {
        let data = try await send(method, path, query: query, body: body, contentType: contentType)
        do {
            return try WireCoding.decoder().decode(T.self, from: data)
        } catch {
            throw SweepError.unavailable("the server at \(baseURL.absoluteString) answered \(path) with a body this client cannot read (\(error)); are client and server the same version?")
        }
    }

    /// Encodes `body` with the wire conventions, sends it and decodes the answer.
    func json<B: Encodable, T: Decodable>(_ method: HTTPMethod, _ path: String, encoding body: B, as type: T.Type = T.self) async throws -> T {
        try await json(method, path, body: try WireCoding.encoder().encode(body), as: T.self)
    }

    /// A non-JSON document (HTML, CSV, iCalendar, SVG) as text.
    func text(_ path: String, query: [URLQueryItem] = []) async throws -> String {
        String(decoding: try await send(.GET, path, query: query), as: UTF8.self)
    }

    func url(_ path: String, query: [URLQueryItem]) throws -> URL {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else {
            throw SweepError.invalid(field: "--server", reason: "\(baseURL) is not a valid URL")
        }
        let base = components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        components.percentEncodedPath = base + path
        if !query.isEmpty { components.queryItems = query }
        guard let url = components.url else { throw SweepError.invalid(field: "--server", reason: "cannot build a URL for \(path)") }
        return url
    }
}

/// Query items from optional values: absent ones are left out.
struct Query {
    private(set) var items: [URLQueryItem] = []

    mutating func add(_ name: String, _ value: (any CustomStringConvertible)?) {
        if let value { items.append(URLQueryItem(name: name, value: value.description)) }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
