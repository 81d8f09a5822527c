import Foundation

/// One step a handler takes on a case. JSON: `{"action": "refer", "to": "PSB", "deadline": "…"}`,
/// `{"action": "decide", "decision": {…}}`, `{"action": "order_rectification", "due": "2026-12-10"}`,
/// `{"action": "record_reinspection", "passed": false}`, `{"action": "close", "rectified": true}`.
public enum CaseAction: Codable, Hashable, Sendable {
    /// Hand the case to another department, which must accept it by `deadline`.
    case refer(to: DepartmentCode, deadline: Date)
    /// The receiving department takes the referred case.
    case accept
    /// Criminal suspicion: starts the head's 3-day decision on referring it to the police.
    case flagCriminal
    case decide(CaseDecision)
    /// The decision was delivered to the party.
    case deliver
    /// Order to correct by the end of `due` (`YYYY-MM-DD`, China Standard Time).
    case orderRectification(due: String)
    /// The result of the re-inspection after the rectification deadline (回头看).
    case recordReinspection(passed: Bool)
    case close(rectified: Bool)

    /// Every action name, as JSON spells it.
    public static let names = ["refer", "accept", "flag_criminal", "decide", "deliver", "order_rectification", "record_reinspection", "close"]

    /// The action's name as JSON spells it (`order_rectification`).
    public var name: String {
        switch self {
        case .refer: return "refer"
        case .accept: return "accept"
        case .flagCriminal: return "flag_criminal"
        case .decide: return "decide"
        case .deliver: return "deliver"
        case .orderRectification: return "order_rectification"
        case .recordReinspection: return "record_reinspection"
        case .close: return "close"
        }
    }

    enum CodingKeys: String, CodingKey { case action, to, deadline, decision, due, passed, rectified }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let action = try c.decode(String.self, forKey: .action)
        switch action {
        case "refer": self = .refer(to: try c.decode(DepartmentCode.self, forKey: .to), deadline: try c.decode(Date.self, forKey: .deadline))
        case "accept": self = .accept
        case "flag_criminal": self = .flagCriminal
        case "decide": self = .decide(try c.decode(CaseDecision.self, forKey: .decision))
        case "deliver": self = .deliver
        case "order_rectification": self = .orderRectification(due: try c.decode(String.self, forKey: .due))
        case "record_reinspection": self = .recordReinspection(passed: try c.decode(Bool.self, forKey: .passed))
        case "close": self = .close(rectified: try c.decode(Bool.self, forKey: .rectified))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .action, in: c,
                debugDescription: "unknown action \"\(action)\"; one of: \(Self.names.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .action)
        switch self {
        case .refer(let to, let deadline):
            try c.encode(to, forKey: .to)
            try c.encode(deadline, forKey: .deadline)
        case .decide(let decision): try c.encode(decision, forKey: .decision)
        case .orderRectification(let due): try c.encode(due, forKey: .due)
        case .recordReinspection(let passed): try c.encode(passed, forKey: .passed)
        case .close(let rectified): try c.encode(rectified, forKey: .rectified)
        case .accept, .flagCriminal, .deliver: break
        }
    }
}
