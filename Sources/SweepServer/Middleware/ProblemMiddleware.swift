import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SweepAPI
import SweepCore

/// Turns every error into an `application/problem+json` response. The HTTP status is chosen here
/// and nowhere else. Errors we did not anticipate are logged at `error` with the request id
/// (Hummingbird itself logs them only at debug) and answered without internals.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = SweepRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SweepError {
            let problem = Self.problem(for: error)
            // A 503 (database down, server busy) is logged once by the database watch, not per request.
            if problem.status >= 500 && problem.status != 503 {
                context.logger.error("request failed", metadata: ["error": "\(error)"])
            } else if problem.status == 503 {
                context.logger.debug("request refused", metadata: ["error": "\(error)"])
            }
            return Self.response(problem)
        } catch let error as HTTPResponseError {
            let status = error.status
            let problem = ProblemDetails(type: "about:blank", title: status.reasonPhrase, status: status.code,
                                         detail: status == .notFound ? "no route \(request.method) \(request.uri.path)" : "\(error)")
            return Self.response(problem)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Self.response(ProblemDetails(type: "about:blank", title: "Internal Server Error", status: 500,
                                                detail: "the server failed; the log has the details under this request's id"))
        }
    }

    static func problem(for error: SweepError) -> ProblemDetails {
        switch error {
        case .invalid(let issues):
            return ProblemDetails(type: "https://sweep.invalid/problems/invalid", title: "Invalid input", status: 422,
                                  detail: issues.count == 1 ? issues[0].description : "\(issues.count) problems", errors: issues)
        case .notFound(let what):
            return ProblemDetails(type: "about:blank", title: "Not Found", status: 404, detail: "not found: \(what)")
        case .conflict(let why):
            return ProblemDetails(type: "about:blank", title: "Conflict", status: 409, detail: why)
        case .unauthenticated(let why):
            return ProblemDetails(type: "about:blank", title: "Unauthorized", status: 401, detail: why)
        case .forbidden(let why):
            return ProblemDetails(type: "about:blank", title: "Forbidden", status: 403, detail: why)
        case .infeasible(let why):
            return ProblemDetails(type: "https://sweep.invalid/problems/infeasible", title: "Infeasible", status: 422, detail: why)
        case .unavailable(let why):
            return ProblemDetails(type: "about:blank", title: "Service Unavailable", status: 503, detail: why)
        case .schema(let why):
            return ProblemDetails(type: "about:blank", title: "Service Unavailable", status: 503, detail: why)
        case .tooManyRequests(let why):
            return ProblemDetails(type: "about:blank", title: "Too Many Requests", status: 429, detail: why)
        case .busy(let why):
            return ProblemDetails(type: "https://sweep.invalid/problems/busy", title: "Service Unavailable", status: 503, detail: why)
        }
    }

    static func response(_ problem: ProblemDetails) -> Response {
        let body = (try? WireCoding.encoder().encode(problem)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if problem.status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        if problem.status == 429 { headers[.retryAfter] = "60" }
        // Busy: the queue drains in about a second. Unavailable (the database is down or behind the
        // build): the watch probes every second, so a few seconds is enough for a retry to find it back.
        if problem.status == 503 { headers[.retryAfter] = problem.type.hasSuffix("/busy") ? "1" : "5" }
        return Response(status: .init(code: problem.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// JSON responses in the API's wire conventions.
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let body = try WireCoding.encoder().encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
