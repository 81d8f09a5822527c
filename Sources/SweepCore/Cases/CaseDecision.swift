import Foundation

/// One outcome of a decision. Several may combine (closure with confiscation and a fine).
public enum CaseDecisionKind: String, Codable, CaseIterable, Sendable {
    /// 警告
    case warning
    /// 罚款: needs `fine_yuan`.
    case fine
    /// 没收 (illegal gains, goods, equipment)
    case confiscation
    /// 停业整顿
    case suspension
    /// 吊销 (licence)
    case revocation
    /// 取缔 of an unlicensed operation.
    case closureUnlicensed = "closure_unlicensed"
    /// 移送司法: the case goes to the police as a suspected crime.
    case criminalReferral = "criminal_referral"
    /// 首违不罚 (行政处罚法 33): a minor first offence corrected on the spot; still counts as an offence.
    case noPenaltyFirstMinorOffence = "no_penalty_first_minor_offence"

    /// Outcomes after which there is nothing left to correct: the operation is ended, or the matter is the police's.
    var endsTheMatter: Bool { self == .revocation || self == .closureUnlicensed || self == .criminalReferral }
}

/// What the handling department decided, as recorded on the case.
public struct CaseDecision: Codable, Hashable, Sendable {
    public var kinds: [CaseDecisionKind]
    /// The fine in yuan: present exactly when `kinds` contains `fine`.
    public var fineYuan: Double?
    /// The norm applied (instrument, version, article), as the handler chose it.
    public var legalBasis: String?
    public var note: String?
    /// How long a suspension (停业整顿) lasts, in days; absent: until the licences are reinstated.
    public var suspensionDays: Int?

    public init(kinds: [CaseDecisionKind], fineYuan: Double? = nil, legalBasis: String? = nil, note: String? = nil, suspensionDays: Int? = nil) {
        self.kinds = kinds
        self.suspensionDays = suspensionDays
        self.fineYuan = fineYuan
        self.legalBasis = legalBasis
        self.note = note
    }

    /// Whether the case must go through a rectification order and a re-inspection before it can close.
    ///
    /// Every penalty comes with an order to correct, except where nothing is left to correct: a revoked
    /// licence or a closed unlicensed operation cannot be corrected, a criminal referral is the police's
    /// to pursue, and 首违不罚 presupposes the correction was made on the spot.
    public var needsRectification: Bool {
        if kinds.contains(where: \.endsTheMatter) { return false }
        return kinds != [.noPenaltyFirstMinorOffence]
    }

    /// Problems with the decision's content, located under `path` (e.g. `decision.fine_yuan`).
    public func issues(at path: String = "decision") -> [FieldIssue] {
        var issues: [FieldIssue] = []
        func add(_ field: String, _ reason: String) { issues.append(FieldIssue(location: "\(path).\(field)", reason: reason)) }

        if kinds.isEmpty {
            add("kinds", "must name at least one outcome: " + CaseDecisionKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        for kind in Set(kinds) where kinds.filter({ $0 == kind }).count > 1 {
            add("kinds", "lists \(kind.rawValue) more than once")
        }
        if kinds.contains(.noPenaltyFirstMinorOffence) && kinds.count > 1 {
            add("kinds", "no_penalty_first_minor_offence (首违不罚) cannot be combined with a sanction: it means no penalty")
        }
        if kinds.contains(.closureUnlicensed) && kinds.contains(.revocation) {
            add("kinds", "closure_unlicensed (取缔) is for an operation without a licence and revocation (吊销) for one with a licence: choose one")
        }
        if kinds.contains(.fine) {
            if let fine = fineYuan {
                if !(fine.isFinite && fine > 0) { add("fine_yuan", "must be greater than 0 when kinds contains fine") }
            } else {
                add("fine_yuan", "is required when kinds contains fine (the amount in yuan)")
            }
        } else if fineYuan != nil {
            add("fine_yuan", "must be absent unless kinds contains fine")
        }
        if let days = suspensionDays {
            if !kinds.contains(.suspension) { add("suspension_days", "must be absent unless kinds contains suspension") }
            if !(1...365).contains(days) { add("suspension_days", "must be between 1 and 365 days, got \(days)") }
        }
        if let basis = legalBasis, basis.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add("legal_basis", "must not be blank: omit it or cite instrument, version and article")
        }
        return issues
    }
}
