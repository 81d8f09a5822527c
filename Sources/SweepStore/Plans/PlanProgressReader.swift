import Foundation
import PostgresNIO
import SweepCore

/// How far dispatched sweeps have got: one row per stop of a dispatched or finished sweep, with the
/// visit linked to it (the first one, even when filed after the sweep was marked done) and the
/// violations of that visit's latest findings. `PlanProgress` counts them.
public struct PlanProgressReader: Sendable {
    let db: Database

    public init(db: Database) { self.db = db }

    public func progress(plan id: Int64, asOf: Date = Date()) async throws -> PlanProgress {
        PlanProgress.tally(try await stops(plans: [id], asOf: asOf, reach: nil))
    }

    /// The campaign's plans that went out (dispatched or done) together, as they stood at `asOf`,
    /// within `reach` when given.
    public func progress(campaign id: Int64, asOf: Date = Date(), reach: [Int64]? = nil) async throws -> PlanProgress {
        var plans: [Int64] = []
        for try await plan in try await db.query("SELECT id FROM plan WHERE campaign_id = \(id) AND status IN ('dispatched', 'done')")
            .decode(Int64.self) { plans.append(plan) }
        return PlanProgress.tally(try await stops(plans: plans, asOf: asOf, reach: reach))
    }

    /// Stops of sweeps dispatched by `asOf`; a sweep counts as done, a visit as filed and a finding
    /// as recorded only if they were by then, so a run as of an issued brief's moment repeats it.
    private func stops(plans: [Int64], asOf: Date, reach: [Int64]?) async throws -> [StopProgressFacts] {
        let rows = try await db.query("""
            SELECT s.sweep_date::text, coalesce(nullif(s.label, ''), 'sweep ' || s.id), j.code,
                   venue_target_kind(v.kind, v.licensed),
                   s.status = 'done' AND coalesce(s.done_at, \(asOf)) <= \(asOf), visit.outcome, coalesce(found.n, 0)::int,
                   to_char(s.sweep_date, 'IYYY-"W"IW'), coalesce(st.reason ->> 'method', ''), coalesce(found.departments, '{}'),
                   (SELECT count(*)::int FROM case_file c WHERE c.inspection_id = visit.id AND c.closed_at <= \(asOf))
            FROM sweep s
            JOIN sweep_stop st ON st.sweep_id = s.id
            JOIN venue v ON v.id = st.venue_id
            JOIN jurisdiction j ON j.id = v.jurisdiction_id
            LEFT JOIN LATERAL (SELECT i.id, i.outcome FROM inspection i WHERE i.sweep_stop_id = st.id AND i.recorded_at <= \(asOf)
                               ORDER BY i.arrived_at, i.id LIMIT 1) visit ON true
            LEFT JOIN LATERAL (
                SELECT count(*) AS n, array_agg(f.department_code) AS departments FROM finding f JOIN finding_violation fv ON fv.finding_id = f.id
                WHERE f.inspection_id = visit.id AND f.recorded_at <= \(asOf)
                  AND finding_current_as_of(visit.id, f.department_code, f.revision, \(asOf))
            ) found ON true
            WHERE s.plan_id = ANY(\(plans)) AND s.status IN ('dispatched', 'done') AND coalesce(s.dispatched_at, \(asOf)) <= \(asOf)
              AND (\(reach)::bigint[] IS NULL OR v.jurisdiction_id = ANY(\(reach)::bigint[]))
            ORDER BY s.sweep_date, s.id, st.seq
            """)
        var out: [StopProgressFacts] = []
        for try await (day, team, district, kind, done, outcome, violations, week, method, departments, closed) in
            rows.decode((String, String, String, String, Bool, String?, Int, String, String, [String], Int).self) {
            var facts = StopProgressFacts(day: day, team: team, district: district, kind: kind,
                                          state: StopState.of(outcome: outcome.flatMap(InspectionOutcome.init(rawValue:)), sweepDone: done),
                                          violations: violations)
            (facts.week, facts.method, facts.violationDepartments, facts.casesClosed) = (week, method, departments, closed)
            out.append(facts)
        }
        return out
    }
}
