import Foundation

/// When a demo history case was decided, referred and accepted, ordered to correct and re-inspected,
/// and closed — so the department evaluation has something to measure on the demo city. The
/// departments work at different speeds (tobacco decides slowest, police fastest) and some accept
/// referrals late, so the evaluation shows who is slow, as leadership would ask.
///
/// Drawn from its own stream per case (seeded by the venue, the moment and the code), so adding it
/// changed none of the demo's other draws; nothing lies after `now`.
public enum DemoCaseTimeline {
    /// The history with every case's timeline filled in.
    public static func apply(_ history: [HistoricInspection], now: Date) -> [HistoricInspection] {
        history.map { inspection in
            var inspection = inspection
            for i in inspection.violations.indices {
                inspection.violations[i].timeline = make(inspection.violations[i], venueCode: inspection.venueCode,
                                                         openedAt: inspection.departedAt, now: now)
            }
            return inspection
        }
    }

    /// Median days from finding to decision, per department.
    static func medianDaysToDecision(_ department: DepartmentCode) -> Double {
        switch department {
        case .police: return 3
        case .culture: return 6
        case .marketRegulation: return 9
        case .tobacco: return 14
        default: return 8
        }
    }

    public static func make(_ violation: HistoricViolation, venueCode: String, openedAt: Date, now: Date) -> HistoricCaseTimeline {
        var rng = SeededRandom(seed: Self.seed(venueCode, openedAt, violation.code), stream: 0xCA5E)
        var t = HistoricCaseTimeline()
        let day = 86_400.0
        func clamp(_ d: Date) -> Date { min(d, now) }

        // A case in the referred state, and one in ten of those past it, came from another department.
        let referral = rng.chance(0.1)
        if violation.caseState == .referred || (violation.caseState != .open && referral) {
            let others = DepartmentCode.inspecting.filter { $0 != violation.department }
            t.referredFrom = others[rng.nextInt(in: 0..<others.count)]
            t.referralDeadline = openedAt.addingTimeInterval(3 * day)
            let late = violation.department == .tobacco ? 0.35 : 0.1
            let accepted = openedAt.addingTimeInterval((rng.chance(late) ? 3.5 + rng.nextUnit() * 4 : 0.2 + rng.nextUnit() * 2.6) * day)
            if violation.caseState != .referred, accepted <= now { t.acceptedAt = accepted }
        }
        guard violation.caseState.isDecided else { return t }

        // Log-normal around the department's median, from a few hours to about two months.
        let start = t.acceptedAt ?? openedAt
        let median = Self.medianDaysToDecision(violation.department)
        let z = (rng.nextUnit() + rng.nextUnit() + rng.nextUnit() - 1.5) * 2  // roughly standard normal
        let days = min(max(median * exp(0.6 * z), 0.1), 60)
        let decided = clamp(start.addingTimeInterval(days * day))
        t.decidedAt = decided

        let closed = violation.caseState.isClosed
        let ordersCorrection = [.rectificationOrdered, .reinspection].contains(violation.caseState)
            || closed && (violation.fineYuan != nil || violation.caseState == .closedEscalated)
        var closing = decided
        if ordersCorrection {
            var due = decided.addingTimeInterval(15 * day)
            // A closed case was re-inspected, so its deadline had come by now.
            if closed { due = min(due, max(decided, now.addingTimeInterval(-day))) }
            t.rectificationDue = ISODay.format(due)
            if closed {
                let reinspected = clamp(due.addingTimeInterval((1 + rng.nextUnit() * 6) * day))
                t.reinspectedAt = reinspected
                t.reinspectionPassed = violation.caseState == .closedRectified
                closing = reinspected
            }
        }
        if closed {
            t.closedAt = clamp(closing.addingTimeInterval(rng.nextUnit() * day))
        }
        return t
    }

    static func seed(_ venueCode: String, _ at: Date, _ code: String) -> UInt64 {
        // FNV-1a: stable across runs and platforms (Hasher is seeded per process).
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(venueCode)|\(Int64(at.timeIntervalSince1970))|\(code)".utf8 {
            h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return h
    }
}
