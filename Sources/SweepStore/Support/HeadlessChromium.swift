import Foundation
import SweepCore

/// Prints an HTML document to PDF with Debian's headless Chromium (the leadership brief). The page
/// is written to a private temporary folder with its own profile, so two prints never share state.
public enum HeadlessChromium {
    /// The binary, if installed (`ops/install-deps` installs it).
    public static var binary: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? Subprocess.which("chromium")
    }

    /// The PDF of `html`; refuses after `seconds` rather than hanging a request.
    public static func pdf(html: String, seconds: Int = 30) throws -> Data {
        guard let chromium = binary else {
            throw SweepError.unavailable("headless Chromium is not installed (apt-get install chromium, or run ops/install-deps); the brief is also available as HTML")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-brief-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("brief.html"), pdf = folder.appendingPathComponent("brief.pdf")
        try Data(html.utf8).write(to: page)
        let out = try Subprocess.run(["timeout", String(seconds), chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                      "--user-data-dir=\(folder.path)/profile", "--print-to-pdf=\(pdf.path)", page.absoluteString])
        guard out.status == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
            throw SweepError.unavailable("Chromium could not print the brief (exit \(out.status)): \(out.stderr.suffix(300))")
        }
        return data
    }
}
