import Foundation
import Logging
import PostgresNIO
import SweepCore

/// The department evaluation's figures, as the database held them at `asOf`: every timestamp a
/// case carries (decided, accepted, re-inspected, closed) is compared with the moment, so a later
/// run as of the same moment gives the same figures.
public struct DepartmentReader: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    public func read(from: Date, to: Date, asOf: Date, area: [Int64]?, reach: [Int64]?, suppressBelow: Int?) async throws -> [DepartmentEvaluation] {
        var rows: [DepartmentCode: DepartmentEvaluation] = [:]
        var days: [DepartmentCode: [Double]] = [:]
        let day = ISODay.format(asOf)
        let cases = try await db.query("""
            SELECT c.department_code,
                   CASE WHEN c.decided_at <= \(asOf) THEN (extract(epoch FROM c.decided_at - c.opened_at) / 86400)::float8 END,
                   c.referred_from IS NOT NULL,
                   c.accepted_at <= \(asOf) AND c.accepted_at <= c.referral_deadline,
                   c.accepted_at <= \(asOf) AND c.accepted_at > c.referral_deadline,
                   c.rectification_due < \(day)::date,
                   c.reinspected_at <= \(asOf),
                   c.reinspected_at <= \(asOf) AND coalesce(c.reinspection_passed, false),
                   (c.closed_at IS NULL OR c.closed_at > \(asOf)) AND (
                       (c.decided_at IS NULL OR c.decided_at > \(asOf)) AND c.opened_at + interval '90 days' < \(asOf)
                    OR c.referred_from IS NOT NULL AND (c.accepted_at IS NULL OR c.accepted_at > \(asOf)) AND c.referral_deadline < \(asOf)
                    OR c.rectification_due < \(day)::date AND (c.reinspected_at IS NULL OR c.reinspected_at > \(asOf)))
            FROM case_file c
            JOIN venue v ON v.id = c.venue_id
            LEFT JOIN inspection i ON i.id = c.inspection_id
            WHERE c.opened_at >= \(from) AND c.opened_at < \(to) AND coalesce(i.recorded_at, c.opened_at) <= \(asOf)
              AND (\(area)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(area)::bigint[]))
              AND (\(reach)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(reach)::bigint[]))
            """)
        for try await (dept, decidedDays, referred, inTime, late, due, verified, passed, overdue) in
            cases.decode((String, Double?, Bool, Bool?, Bool?, Bool?, Bool?, Bool?, Bool?).self) {
            let d = DepartmentCode(rawValue: dept)
            var r = rows[d] ?? DepartmentEvaluation(department: d)
            r.cases += 1
            if let decidedDays { r.decided += 1; days[d, default: []].append(decidedDays) }
            if referred {
                r.referralsReceived += 1
                if inTime == true { r.acceptedInTime += 1 } else if late == true { r.acceptedLate += 1 } else { r.awaitingAcceptance += 1 }
            }
            if due == true {
                r.rectificationsDue += 1
                if verified == true { r.rectificationsVerified += 1 }
                if passed == true { r.rectificationsPassed += 1 }
            }
            if overdue == true { r.overdue += 1 }
            rows[d] = r
        }
        let tips = try await db.query("""
            SELECT t.department_code,
                   t.status IN ('closed', 'unfounded') AND t.feedback IS NOT NULL
                   AND coalesce((SELECT min(e.occurred_at) FROM domain_event e WHERE e.kind = 'tip.closed' AND e.object_id = t.id::text), t.received_at) <= \(asOf)
            FROM tip t
            WHERE t.department_code IS NOT NULL AND t.received_at >= \(from) AND t.received_at < \(to) AND t.received_at <= \(asOf)
              AND (\(area)::bigint[] IS NULL OR t.jurisdiction_id = ANY(\(area)::bigint[]))
              AND (\(reach)::bigint[] IS NULL OR t.jurisdiction_id = ANY(\(reach)::bigint[]))
            """)
        for try await (dept, answered) in tips.decode((String, Bool).self) {
            let d = DepartmentCode(rawValue: dept)
            var r = rows[d] ?? DepartmentEvaluation(department: d)
            r.tipsRouted += 1
            if answered { r.tipsAnsweredWithFeedback += 1 }
            rows[d] = r
        }
        for (d, list) in days {
            let hidden = suppressBelow.map { list.count < $0 } ?? false
            rows[d]?.suppressed = hidden
            if !hidden, let q = DepartmentEvaluation.quantiles(list) {
                rows[d]?.medianDaysToDecision = (q.median * 10).rounded() / 10
                rows[d]?.p90DaysToDecision = (q.p90 * 10).rounded() / 10
            }
        }
        return rows.values.sorted { $0.department.rawValue < $1.department.rawValue }
    }
}
