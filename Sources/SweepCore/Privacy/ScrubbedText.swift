import Foundation

/// A tip's text after the caller's identity was stripped, and what kinds of data were taken out.
public struct ScrubbedText: Sendable, Hashable, Codable {
    /// The text with each removed passage replaced by ``TipScrubber/marker``.
    public var text: String
    /// Kinds removed, in order of first appearance, each once: `id_number`, `phone_number`,
    /// `caller_name`, `caller_affiliation` (school, role), `caller_contact` (other
    /// contact details after a contact label), `home_address`. Never the values.
    public var removed: [String]

    public init(text: String, removed: [String]) {
        self.text = text
        self.removed = removed
    }
}
