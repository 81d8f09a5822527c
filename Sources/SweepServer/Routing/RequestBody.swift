import Foundation
import HTTPTypes
import Hummingbird
import SweepAPI
import SweepCore

/// Request bodies and non-JSON responses.
enum RequestBody {
    static let limit = 1 << 20

    /// Decodes a JSON body; an empty body decodes as `{}` so that all-optional requests may omit it.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        var data = Data(buffer.readableBytesView)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { data = Data("{}".utf8) }
        return try JSONInput.decode(T.self, from: data, decoder: WireCoding.decoder())
    }
}

enum TextResponse {
    static func make(_ text: String, contentType: String, filename: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        if let filename { headers[.contentDisposition] = "inline; filename=\"\(filename)\"" }
        // Plans are confidential before dispatch: never let a shared cache keep one.
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension SweepRequestContext {
    /// A positive integer path parameter.
    func id(_ name: String = "id") throws -> Int64 {
        guard let raw = parameters.get(name), let id = Int64(raw), id > 0 else {
            throw SweepError.invalid(field: name, reason: "must be a positive integer")
        }
        return id
    }

    func text(_ name: String) throws -> String {
        guard let raw = parameters.get(name), !raw.isEmpty else { throw SweepError.invalid(field: name, reason: "is required") }
        return raw.removingPercentEncoding ?? raw
    }
}

/// Runs CPU-heavy work (the planner: seconds) off the cooperative pool so requests keep flowing.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
