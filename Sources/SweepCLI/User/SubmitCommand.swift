import ArgumentParser
import Foundation
import SweepAPI
import SweepCore

/// `sweep submit FILE.json`: one inspection result, or with --batch an offline device's queue.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Submit an inspection result (POST /v1/submissions) or a queue of them (--batch).",
        discussion: """
        FILE holds one submission (format in docs/findings.md) or, with --batch, {"items": [...]}. The client-generated
        submission_id makes retries safe: sending the same file again returns the original result and stores nothing.
        """)
    @OptionGroup var server: ServerOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Submission JSON file.") var file: String
    @Flag(help: "FILE is a batch {\"items\": [...]}; each item is answered separately.") var batch = false

    func run() async throws {
        let body = try FileOutput.read(file, field: "FILE")
        let client = try server.client()
        if batch {
            let data = try await client.send("POST", APIPath.submissionBatch, body: body)
            if output.format == .json { Console.out(String(decoding: data, as: UTF8.self)); return }
            let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let results = answer?["results"] as? [[String: Any]] ?? []
            var failed = 0
            for r in results {
                let status = r["status"] as? Int ?? 0
                let id = r["submission_id"] as? String ?? "?"
                if status >= 400 {
                    failed += 1
                    let problem = r["problem"] as? [String: Any]
                    Console.out("item \(r["index"] ?? "?") \(id): \(status) \(problem?["detail"] ?? "")")
                } else {
                    let result = r["result"] as? [String: Any]
                    Console.out("item \(r["index"] ?? "?") \(id): \(status == 200 ? "already stored" : "stored") as inspection \(result?["inspection_id"] ?? "?")")
                }
            }
            Console.info("\(results.count - failed) of \(results.count) stored")
            if failed > 0 { throw ExitCode(65) }
            return
        }
        let data = try await client.send("POST", APIPath.submissions, body: body)
        let result = try WireCoding.decoder().decode(SubmissionResultView.self, from: data)
        if output.format == .json { Console.out(String(decoding: data, as: UTF8.self)); return }
        var lines = ["inspection \(result.inspectionId) \(result.replayed ? "(already stored; nothing new)" : "stored")"
                     + (result.positionFlagged ? " — position flagged: \(Int(result.distanceMetres ?? 0)) m from the venue" : "")]
        for f in result.findings {
            for v in f.violations {
                lines.append("  \(f.department) \(v.code) → case \(v.caseId) (\(v.state), \(v.department))"
                             + (v.suggestion.map { " suggested: \($0.reason)" } ?? ""))
            }
        }
        for r in result.reinspections { lines.append("  re-inspection of case \(r.caseId) (\(r.code)): \(r.passed ? "rectified" : "found again")") }
        Console.out(lines.joined(separator: "\n"))
    }
}

/// The parts of a submission answer the CLI prints (decoded loosely so old servers still print).
struct SubmissionResultView: Decodable {
    struct Finding: Decodable { var department: String; var violations: [Violation] }
    struct Violation: Decodable { var code: String; var caseId: Int64; var state: String; var department: String; var suggestion: Suggestion? }
    struct Suggestion: Decodable { var reason: String }
    struct Reinspection: Decodable { var caseId: Int64; var code: String; var passed: Bool }
    var inspectionId: Int64
    var replayed: Bool
    var positionFlagged: Bool
    var distanceMetres: Double?
    var findings: [Finding]
    var reinspections: [Reinspection]
}
