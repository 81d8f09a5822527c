import ArgumentParser
import Foundation
import SweepAPI
import SweepClient
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
            let answer = try await client.submitBatch(json: body)
            var lines: [String] = []
            for r in answer.results {
                let id = r.submissionId?.uuidString.lowercased() ?? "?"
                if let problem = r.problem {
                    lines.append("item \(r.index) \(id): \(r.status) \(problem.errors?.map(\.description).joined(separator: "; ") ?? problem.detail)")
                } else {
                    lines.append("item \(r.index) \(id): \(r.status == 200 ? "already stored" : "stored") as inspection \(r.result.map { String($0.inspectionId) } ?? "?")")
                }
            }
            try output.print(answer, text: lines.joined(separator: "\n"))
            let failed = answer.results.filter { $0.status >= 400 }.count
            Console.info("\(answer.results.count - failed) of \(answer.results.count) stored")
            if failed > 0 { throw ExitCode(65) }
            return
        }
        let result = try await client.submit(json: body)
        var lines = ["inspection \(result.inspectionId) \(result.replayed ? "(already stored; nothing new)" : "stored")"
                     + (result.positionFlagged ? " — position flagged: \(Int(result.distanceMetres ?? 0)) m from the venue" : "")]
        for f in result.findings {
            for v in f.violations {
                lines.append("  \(f.department.rawValue) \(v.code) → case \(v.caseId) (\(v.state), \(v.department.rawValue))"
                             + (v.suggestion.map { " suggested: \($0.reason)" } ?? ""))
            }
        }
        for r in result.reinspections { lines.append("  re-inspection of case \(r.caseId) (\(r.code)): \(r.passed ? "rectified" : "found again")") }
        try output.print(result, text: lines.joined(separator: "\n"))
    }
}
