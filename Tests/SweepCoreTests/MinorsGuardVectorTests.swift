import Foundation
import SweepCore
import Testing

/// The server half of the shared minors'-data vectors (`Fixtures/minors-guard-vectors.json`). The field app's
/// `app-guard.js` is checked against the same file, so the phone refuses exactly what the server refuses, with
/// the same words and positions. A disagreement here means one side changed: fix the code or the vector.
private struct GuardVectors: Decodable {
    struct Text: Decodable {
        var name: String
        var field: String
        var text: String
        var reasons: [String]
    }
    struct Key: Decodable {
        var path: String
        var key: String
    }
    struct Keys: Decodable {
        var name: String
        var keys: [Key]
        var issues: [FieldIssue]
    }
    struct Body: Decodable {
        var name: String
        var body: JSONValue
        var issues: [FieldIssue]
    }
    var texts: [Text]
    var keys: [Keys]
    var submissions: [Body]

    static func load() throws -> GuardVectors {
        // SweepCoreTests declares no resources: the file is read next to this source.
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/minors-guard-vectors.json")
        return try JSONDecoder().decode(GuardVectors.self, from: Data(contentsOf: url))
    }
}

private func isKeyIssue(_ issue: FieldIssue) -> Bool {
    issue.reason.contains(" is not allowed in a submission about minors")
}

private func byPlace(_ issues: some Sequence<FieldIssue>) -> [FieldIssue] {
    issues.sorted { ($0.location, $0.reason) < ($1.location, $1.reason) }
}

@Test func sharedTextVectorsGiveTheSameReasonsAndPositions() throws {
    let vectors = try GuardVectors.load()
    #expect(vectors.texts.count >= 40)
    for v in vectors.texts {
        let issues = MinorsDataGuard.issues(in: v.text, field: v.field)
        #expect(issues.map(\.reason) == v.reasons, "\(v.name)")
        #expect(issues.map(\.location) == Array(repeating: v.field, count: issues.count), "\(v.name)")
    }
}

@Test func sharedKeyVectorsGiveTheSameIssues() throws {
    for v in try GuardVectors.load().keys {
        let issues = MinorsDataGuard.forbiddenKeyIssues(keys: v.keys.map { (path: $0.path, key: $0.key) })
        #expect(issues == v.issues, "\(v.name)")
    }
}

/// Each body is otherwise valid (unplanned, no violations, sane times), so every issue the validator reports is
/// the guard's: forbidden keys from the raw document first, then the scanned texts in the validator's order.
@Test func sharedSubmissionVectorsGiveTheSameIssuesThroughTheValidator() throws {
    for v in try GuardVectors.load().submissions {
        let body = v.body.canonicalData()
        let submission = try JSONInput.decode(Submission.self, from: body, decoder: WireCoding.decoder())
        let keys = try JSONValue.parse(body).keyPaths()
        let context = SubmissionContext(catalogue: [:], venueId: submission.venueId ?? 0, venueLocation: nil,
                                        now: submission.arrivedAt.addingTimeInterval(3600))
        var issues: [FieldIssue] = []
        do {
            _ = try SubmissionValidator.validate(submission, keys: keys, context: context)
        } catch SweepError.invalid(let found) {
            issues = found
        }
        // Keys are walked in a Dictionary's order, which Swift leaves unspecified (the vectors list them in
        // document order, as JavaScript walks them): compare the key issues as a set, the texts in order.
        let keyCount = issues.prefix(while: isKeyIssue).count
        #expect(byPlace(issues.prefix(keyCount)) == byPlace(v.issues.filter(isKeyIssue)), "\(v.name)")
        #expect(Array(issues.dropFirst(keyCount)) == v.issues.filter { !isKeyIssue($0) }, "\(v.name)")
    }
}
