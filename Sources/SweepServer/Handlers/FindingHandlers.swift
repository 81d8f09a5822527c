import Foundation
import HTTPTypes
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Inspection results from the field, evidence uploads, inspections with their revisions.
enum FindingHandlers {
    static let submitters = AccessRule(.inspector, .coordinator, .admin)
    static let readers = AccessRule(.inspector, .coordinator, .admin, .handler, .leader)

    static func register(on routes: SecuredRoutes, db: Database) {
        // How far from the venue a device may report its position before the visit is flagged.
        let tolerance = ProcessInfo.processInfo.environment["SWEEP_POSITION_TOLERANCE_M"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 300
        let submissions = SubmissionStore(db: db, positionToleranceMetres: tolerance)
        let evidence = EvidenceStore(db: db)

        routes.post(APIPath.submissions, allow: submitters) { request, _, principal in
            var request = request
            let body = Data(try await request.collectBody(upTo: RequestBody.limit).readableBytesView)
            let submission = try JSONInput.decode(Submission.self, from: body, decoder: WireCoding.decoder())
            let result = try await submissions.submitIdempotently(submission, body: body, actor: principal.actor)
            return try JSONResponse.make(result, status: result.replayed ? .ok : .created)
        }

        routes.post(APIPath.submissionBatch, allow: submitters) { request, _, principal in
            var request = request
            let buffer = try await request.collectBody(upTo: 16 * RequestBody.limit)
            let items = try BatchSplitter.items(Data(buffer.readableBytesView))
            var results: [BatchItemResult] = []
            for (index, raw) in items.enumerated() {
                do {
                    let submission = try JSONInput.decode(Submission.self, from: raw, decoder: WireCoding.decoder())
                    let result = try await submissions.submitIdempotently(submission, body: raw, actor: principal.actor)
                    results.append(BatchItemResult(index: index, submissionId: submission.submissionId, status: result.replayed ? 200 : 201,
                                                   result: result, problem: nil))
                } catch {
                    // Each item commits or fails on its own; a failure is reported, never fatal to the batch.
                    let problem = (error as? SweepError).map(ProblemMiddleware.problem(for:))
                        ?? ProblemDetails(type: "about:blank", title: "Internal Server Error", status: 500, detail: "item failed; see the server log")
                    let id = (try? JSONSerialization.jsonObject(with: raw) as? [String: Any])?["submission_id"] as? String
                    results.append(BatchItemResult(index: index, submissionId: id.flatMap(UUID.init(uuidString:)), status: problem.status,
                                                   result: nil, problem: problem))
                }
            }
            return try JSONResponse.make(BatchResponse(results: results))
        }

        routes.post(APIPath.evidence, allow: submitters) { request, _, principal in
            var request = request
            let bytes = try await request.collectBody(upTo: EvidenceStore.maxBytes + 1)
            let stored = try await evidence.store(bytes, mediaType: request.headers[.contentType], actor: principal.actor)
            return try JSONResponse.make(stored, status: stored.created ? .created : .ok)
        }

        routes.get(APIPath.evidenceItem, allow: AccessRule(.coordinator, .admin, .handler)) { _, context, _ in
            let (type, content) = try await evidence.fetch(sha256: try context.text("sha256"))
            var headers = HTTPFields()
            headers[.contentType] = type
            headers[.cacheControl] = "private, max-age=31536000, immutable"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: content))
        }

        routes.get(APIPath.inspection, allow: readers) { _, context, _ in
            try JSONResponse.make(try await InspectionReader(db: db).detail(try context.id()))
        }

        routes.post(APIPath.inspectionFindings, allow: submitters) { request, context, principal in
            var request = request
            let body = Data(try await request.collectBody(upTo: RequestBody.limit).readableBytesView)
            let finding = try JSONInput.decode(FindingInput.self, from: body, decoder: WireCoding.decoder())
            let revision = try await submissions.correct(inspectionID: try context.id(), finding: finding, body: body, actor: principal.actor)
            return try JSONResponse.make(revision, status: .created)
        }
    }
}

/// One item of a batch answer: its position, id, HTTP status and result or problem.
struct BatchItemResult: Codable, Sendable {
    var index: Int
    var submissionId: UUID?
    var status: Int
    var result: SubmissionResult?
    var problem: ProblemDetails?
}

struct BatchResponse: Codable, Sendable {
    var results: [BatchItemResult]
}

/// Splits `{"items": [...]}` into the raw bytes of each item, so each is hashed exactly as a single
/// submission of the same item would be re-serialised.
enum BatchSplitter {
    static let maxItems = 500

    static func items(_ data: Data) throws -> [Data] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SweepError.invalid(field: "$", reason: "expected {\"items\": [submission, …]}")
        }
        guard let items = root["items"] as? [Any] else { throw SweepError.invalid(field: "items", reason: "must be an array of submissions") }
        if items.count > maxItems { throw SweepError.invalid(field: "items", reason: "at most \(maxItems) per batch; send the rest in another") }
        return try items.map { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }
    }
}
