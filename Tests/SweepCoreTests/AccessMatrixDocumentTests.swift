import Foundation
import Testing
@testable import SweepCore

/// docs/access.md is the matrix the server runs: the table between its markers is the one
/// `AccessMatrixDocument` renders from `AccessPolicy.matrix`.
@Suite struct AccessMatrixDocumentTests {
    @Test func theDocumentedMatrixIsThePolicy() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/access.md"), encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- matrix:begin -->\n"))
        let end = try #require(text.range(of: "\n<!-- matrix:end -->"))
        let documented = String(text[begin.upperBound..<end.lowerBound])
        #expect(documented == AccessMatrixDocument.table(), "regenerate the table in docs/access.md:\n\(AccessMatrixDocument.table())")
    }
}
