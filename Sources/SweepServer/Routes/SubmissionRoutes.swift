import Foundation
import Hummingbird
import SweepAPI
import SweepCore
import SweepStore

/// Inspection results from the field (one or a batch), inspections with their finding revisions.
enum SubmissionRoutes {
    static let create = Permission(.submission, .create)

    /// Who may file this visit: inspectors for stops of their own sweeps, unplanned visits within
    /// their jurisdictions, findings of their department; coordinators within their jurisdictions.
    /// An unknown venue or stop is the store's to refuse, with the field that names it.
    static func authorize(_ submission: Submission, _ principal: Principal, _ app: AppServices) async throws {
        try await app.authorize(principal, create, "this visit", missingIsNotFound: false) { try await $0.submission(submission) }
    }

    static func register(on routes: SecuredRoutes, _ app: AppServices) {
        let submissions = app.submissions
        let findingRevision = Permission(.finding, .create), readInspection = Permission(.inspection, .read)

        routes.post(APIPath.submissions, needs: create) { request, _, principal in
            var request = request
            let body = Data(try await request.collectBody(upTo: RequestBody.limit).readableBytesView)
            let result = try await SubmissionMetrics.counted {
                let submission = try JSONInput.decode(Submission.self, from: body, decoder: WireCoding.decoder())
                try await authorize(submission, principal, app)
                return try await submissions.submitIdempotently(submission, body: body, actor: principal.actor)
            }
            return try JSONResponse.make(result, status: result.replayed ? .ok : .created)
        }

        routes.post(APIPath.submissionBatch, needs: create) { request, _, principal in
            var request = request
            let buffer = try await request.collectBody(upTo: 16 * RequestBody.limit)
            let items = try BatchSplitter.items(Data(buffer.readableBytesView))
            var results: [BatchItemResult] = []
            for (index, raw) in items.enumerated() {
                do {
                    let submission = try JSONInput.decode(Submission.self, from: raw, decoder: WireCoding.decoder())
                    let result = try await SubmissionMetrics.counted {
                        try await authorize(submission, principal, app)
                        return try await submissions.submitIdempotently(submission, body: raw, actor: principal.actor)
                    }
                    results.append(BatchItemResult(index: index, submissionId: submission.submissionId, status: result.replayed ? 200 : 201,
                                                   result: result, problem: nil))
                } catch {
                    // Each item commits or fails on its own; a failure is reported, never fatal to the batch.
                    let problem = (error as? SweepError).map(ProblemMiddleware.problem(for:))
                        ?? ProblemDetails(type: "about:blank", title: "Internal Server Error", status: 500, detail: "item failed; see the server log")
                    let id = (try? JSONValue.parse(raw))?["submission_id"]?.stringValue
                    results.append(BatchItemResult(index: index, submissionId: id.flatMap(UUID.init(uuidString:)), status: problem.status,
                                                   result: nil, problem: problem))
                }
            }
            return try JSONResponse.make(BatchResponse(results: results))
        }

        routes.get(APIPath.inspection, needs: readInspection) { _, context, principal in
            let id = try context.id()
            try await app.authorize(principal, readInspection, "inspection \(id)") { try await $0.inspection(id) }
            return try JSONResponse.make(try await app.inspections.detail(id, scope: AccessPolicy.listScope(principal, readInspection)))
        }

        routes.post(APIPath.inspectionFindings, needs: findingRevision) { request, context, principal in
            var request = request
            let id = try context.id()
            let body = Data(try await request.collectBody(upTo: RequestBody.limit).readableBytesView)
            let finding = try JSONInput.decode(FindingInput.self, from: body, decoder: WireCoding.decoder())
            try await app.authorize(principal, findingRevision, "inspection \(id)") { try await $0.finding(inspection: id, department: finding.department) }
            let revision = try await submissions.correct(inspectionID: id, finding: finding, body: body, actor: principal.actor)
            return try JSONResponse.make(revision, status: .created)
        }
    }
}



/// Splits `{"items": [...]}` into the raw bytes of each item, so each is hashed exactly as a single
/// submission of the same item would be re-serialised.
enum BatchSplitter {
    static let maxItems = 500

    static func items(_ data: Data) throws -> [Data] {
        guard case .object(let root)? = try? JSONValue.parse(data) else {
            throw SweepError.invalid(field: "$", reason: "expected {\"items\": [submission, …]}")
        }
        guard case .array(let items)? = root["items"] else { throw SweepError.invalid(field: "items", reason: "must be an array of submissions") }
        if items.count > maxItems { throw SweepError.invalid(field: "items", reason: "at most \(maxItems) per batch; send the rest in another") }
        // Each item keeps its own bytes; one that is not an object is refused on its own (items[i]: …).
        return items.map { $0.canonicalData() }
    }
}
