import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SweepCore

/// The CLI's way to the HTTP API: user commands go through the server so that every user action
/// takes one path through authorization, validation and the audit log, locally or remotely.
public struct APIClient: Sendable {
    public var baseURL: URL
    public var token: String?

    public init(baseURL: URL, token: String?) {
        self.baseURL = baseURL
        self.token = token
    }

    /// GETs `path` with query items and decodes the JSON body.
    public func get<T: Decodable>(_ path: String, query: [URLQueryItem] = [], as type: T.Type) async throws -> T {
        let data = try await send("GET", path, query: query)
        do {
            return try WireCoding.decoder().decode(T.self, from: data)
        } catch {
            throw SweepError.unavailable("the server at \(baseURL.absoluteString) answered \(path) with a body this client cannot read (\(error)); are client and server the same version?")
        }
    }

    /// Sends a request and returns the body of a 2xx answer; problem+json answers become errors.
    public func send(_ method: String, _ path: String, query: [URLQueryItem] = [], body: Data? = nil,
                     contentType: String = "application/json") async throws -> Data {
        guard var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false) else {
            throw SweepError.invalid(field: "--server", reason: "\(baseURL) is not a valid URL")
        }
        if !query.isEmpty { components.queryItems = query }
        guard let url = components.url else { throw SweepError.invalid(field: "--server", reason: "cannot build a URL for \(path)") }
        var request = URLRequest(url: url, timeoutInterval: 60)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let data: Data, response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw SweepError.unavailable("cannot reach the Sweep server at \(baseURL.absoluteString): \(error.localizedDescription). Start it with ops/run or `sweep serve`, or pass --server")
        }
        guard let http = response as? HTTPURLResponse else { throw SweepError.unavailable("no HTTP response from \(baseURL)") }
        if (200..<300).contains(http.statusCode) { return data }
        if let problem = try? WireCoding.decoder().decode(ProblemDetails.self, from: data) { throw problem }
        throw ProblemDetails(type: "about:blank", title: HTTPURLResponse.localizedString(forStatusCode: http.statusCode),
                             status: http.statusCode, detail: String(decoding: data.prefix(500), as: UTF8.self))
    }
}

extension APIClient {
    /// POSTs `body` as JSON and decodes the answer.
    public func post<B: Encodable, T: Decodable>(_ path: String, body: B, as type: T.Type) async throws -> T {
        let data = try await send("POST", path, body: try WireCoding.encoder().encode(body))
        do {
            return try WireCoding.decoder().decode(T.self, from: data)
        } catch {
            throw SweepError.unavailable("the server at \(baseURL.absoluteString) answered \(path) with a body this client cannot read (\(error)); are client and server the same version?")
        }
    }

    /// GETs a non-JSON document (HTML, CSV, iCalendar) as text.
    public func text(_ path: String, query: [URLQueryItem] = []) async throws -> String {
        String(decoding: try await send("GET", path, query: query), as: UTF8.self)
    }
}
