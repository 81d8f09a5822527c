import Foundation
import Logging
import PostgresNIO
import SweepCore

/// Reads what the planner needs for one campaign: candidate venues with their risk facts, and the
/// inspectors of the campaign's jurisdictions with availability, bookings and conflicts.
public struct PlanningDataLoader: Sendable {
    public let db: Database

    public init(db: Database) { self.db = db }

    public func load(campaignID: Int64, now: Date = Date()) async throws -> PlanningData {
        let campaign = try await CampaignStore(db: db).get(campaignID)
        if campaign.status == "closed" { throw SweepError.conflict("campaign \(campaignID) is closed: it takes no new plans") }
        let clock = try CampaignClock(startsOn: campaign.spec.startsOn, endsOn: campaign.spec.endsOn)
        let rules = campaign.spec.settings.rules(stored: try await CampaignStore(db: db).storedTeamRules())
        let today = CampaignClock.today(now: now)
        let candidates = try await candidates(campaign: campaign, today: today)
        let inspectors = try await inspectors(campaign: campaign, clock: clock)
        var names: [Int64: String] = [:]
        for c in candidates { names[c.jurisdictionId] = c.districtName }
        let rows = try await db.query("SELECT id, name FROM jurisdiction")
        for try await (id, name) in rows.decode((Int64, String).self) { names[id] = name }
        return PlanningData(campaign: campaign, rules: rules, candidates: candidates, inspectors: inspectors, districtNames: names)
    }

    /// Venues of the campaign's kinds in its jurisdictions (and their descendants), not known closed.
    func candidates(campaign: CampaignRecord, today: String) async throws -> [PlanningCandidate] {
        let kinds = campaign.spec.targetKinds
        let wantCafe = kinds.contains(.licensedCafe) || kinds.contains(.unlicensedCafe)
        let wantTobacco = kinds.contains(.tobaccoRetail)
        let rows = try await db.query("""
            WITH RECURSIVE scope AS (
                SELECT jurisdiction_id AS id FROM campaign_jurisdiction WHERE campaign_id = \(campaign.id)
                UNION SELECT j.id FROM jurisdiction j JOIN scope s ON j.parent_id = s.id
            )
            SELECT v.id, v.code, v.name, v.address, v.kind, v.licensed,
                   ST_X(v.location::geometry), ST_Y(v.location::geometry), v.opening_hours, v.operator_key,
                   j.id, j.code, j.name,
                   coalesce((SELECT array_agg(\(today)::date - cf.opened_at::date) FROM case_file cf
                             WHERE cf.venue_id = v.id AND cf.opened_at > \(today)::date - 1826), '{}'::int[]),
                   (SELECT count(*)::int FROM case_file cf WHERE cf.venue_id = v.id
                       AND cf.state NOT IN ('closed_rectified', 'closed_escalated') AND cf.rectification_due < \(today)::date),
                   (SELECT count(*)::int FROM tip t WHERE t.venue_id = v.id AND t.status IN ('received', 'triaged', 'in_case')),
                   (SELECT ST_Distance(s.location, v.location) FROM school s WHERE v.location IS NOT NULL
                       ORDER BY s.location <-> v.location LIMIT 1),
                   (SELECT \(today)::date - max(i.arrived_at)::date FROM inspection i WHERE i.venue_id = v.id),
                   EXISTS (SELECT 1 FROM case_file cf WHERE cf.venue_id = v.id
                       AND cf.state NOT IN ('closed_rectified', 'closed_escalated') AND cf.reinspected_at IS NULL
                       AND cf.rectification_due < \(today)::date),
                   (SELECT \(today)::date - max(s.sweep_date) FROM sweep_stop ss JOIN sweep s ON s.id = ss.sweep_id
                       JOIN plan p ON p.id = s.plan_id
                     WHERE ss.venue_id = v.id AND p.campaign_id = \(campaign.id)
                       AND p.status IN ('approved', 'dispatched', 'done') AND s.status <> 'cancelled'),
                   (SELECT count(*)::int FROM relocation_link rl WHERE rl.venue_id = v.id)
            FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
            WHERE v.jurisdiction_id IN (SELECT id FROM scope)
              AND v.status <> 'closed'
              AND ((\(wantCafe) AND v.kind = 'internet_cafe') OR (\(wantTobacco) AND v.kind = 'tobacco_retail'))
            ORDER BY v.id
            """)
        var out: [PlanningCandidate] = []
        for try await row in rows {
            let r = row.makeRandomAccess()
            let (id, code, name, address, kindText, licensed) =
                (try r.at(0, Int64.self), try r.at(1, String.self), try r.at(2, String.self), try r.at(3, String.self), try r.at(4, String.self), try r.at(5, Bool.self))
            let (lon, lat, hours, operatorKey) = (try r.at(6, Double?.self), try r.at(7, Double?.self), try r.at(8, String?.self), try r.at(9, String?.self))
            let (jid, jcode, jname) = (try r.at(10, Int64.self), try r.at(11, String.self), try r.at(12, String.self))
            let (ages, overdue, tips, school) = (try r.at(13, [Int].self), try r.at(14, Int.self), try r.at(15, Int.self), try r.at(16, Double?.self))
            let (sinceInspection, due, sinceCampaign) = (try r.at(17, Int?.self), try r.at(18, Bool.self), try r.at(19, Int?.self))
            let relocations = try r.at(20, Int.self)
            guard let venueKind = VenueKind(rawValue: kindText), let kind = TargetKind.of(venueKind: venueKind, licensed: licensed),
                  kinds.contains(kind) else { continue }
            let location = lon.flatMap { lon in lat.map { GeoPoint(longitude: lon, latitude: $0) } }
            out.append(PlanningCandidate(
                venueId: id, code: code, name: name, address: address, kind: kind, location: location, openingHours: hours,
                operatorKey: operatorKey, jurisdictionId: jid, districtCode: jcode, districtName: jname,
                features: RiskFeatures(violationAgesDays: ages, overdueOpenCases: overdue, openTips: tips, nearestSchoolMetres: school,
                                       unlicensed: !licensed, daysSinceLastInspection: sinceInspection,
                                       relocationLinks: relocations > 0 ? relocations : nil),
                reinspectionDue: due, daysSinceCampaignVisit: sinceCampaign))
        }
        return out
    }

    /// Active inspectors of the campaign's jurisdictions, with what limits their days.
    func inspectors(campaign: CampaignRecord, clock: CampaignClock) async throws -> [PlannerInspector] {
        let rows = try await db.query("""
            WITH RECURSIVE scope AS (
                SELECT jurisdiction_id AS id FROM campaign_jurisdiction WHERE campaign_id = \(campaign.id)
                UNION SELECT j.id FROM jurisdiction j JOIN scope s ON j.parent_id = s.id
            ),
            depot AS (
                SELECT j.id, coalesce(ST_PointOnSurface(j.boundary),
                         (SELECT ST_Centroid(ST_Collect(v.location::geometry)) FROM venue v WHERE v.jurisdiction_id = j.id)) AS point
                FROM jurisdiction j WHERE j.id IN (SELECT id FROM scope)
            )
            SELECT i.id, i.code, i.name, i.department_code, j.id, j.name, ST_X(d.point), ST_Y(d.point),
                   to_char(i.credential_expires, 'YYYY-MM-DD'), i.max_shifts_per_week,
                   coalesce((SELECT array_agg(to_char(u.day, 'YYYY-MM-DD')) FROM inspector_unavailability u
                             WHERE u.inspector_id = i.id AND u.day BETWEEN \(campaign.spec.startsOn)::date AND \(campaign.spec.endsOn)::date), '{}'),
                   coalesce((SELECT array_agg(DISTINCT to_char(s.sweep_date, 'YYYY-MM-DD')) FROM sweep_member m
                             JOIN sweep s ON s.id = m.sweep_id JOIN plan p ON p.id = s.plan_id
                             WHERE m.inspector_id = i.id AND p.campaign_id <> \(campaign.id)
                               AND p.status IN ('approved', 'dispatched') AND s.status IN ('planned', 'dispatched')
                               AND s.sweep_date BETWEEN \(campaign.spec.startsOn)::date AND \(campaign.spec.endsOn)::date), '{}'),
                   coalesce((SELECT array_agg(c.venue_id) FROM inspector_conflict c WHERE c.inspector_id = i.id AND c.venue_id IS NOT NULL), '{}'::bigint[]),
                   coalesce((SELECT array_agg(c.operator_key) FROM inspector_conflict c WHERE c.inspector_id = i.id AND c.operator_key IS NOT NULL), '{}')
            FROM inspector i JOIN jurisdiction j ON j.id = i.jurisdiction_id JOIN depot d ON d.id = j.id
            WHERE i.active AND d.point IS NOT NULL
            ORDER BY i.id
            """)
        var out: [PlannerInspector] = []
        func days(_ labels: [String]) -> Set<Int> { Set(labels.compactMap { ISODay.parse($0).map(clock.dayIndex(of:)) }) }
        for try await row in rows {
            let r = row.makeRandomAccess()
            let (id, code, name, dept, jid) = (try r.at(0, Int64.self), try r.at(1, String.self), try r.at(2, String.self), try r.at(3, String.self), try r.at(4, Int64.self))
            let (jname, lon, lat, expires, maxShifts) = (try r.at(5, String.self), try r.at(6, Double.self), try r.at(7, Double.self), try r.at(8, String.self), try r.at(9, Int.self))
            let (unavailable, booked, venues, operators) = (try r.at(10, [String].self), try r.at(11, [String].self), try r.at(12, [Int64].self), try r.at(13, [String].self))
            let validThrough = ISODay.parse(expires).map(clock.dayIndex(of:)) ?? -1
            out.append(PlannerInspector(id: id, code: code, name: name, department: DepartmentCode(rawValue: dept), jurisdictionId: jid,
                                        districtName: jname, depot: GeoPoint(longitude: lon, latitude: lat),
                                        credentialValidThroughDay: validThrough, unavailableDays: days(unavailable),
                                        bookedDays: days(booked), maxShiftsPerWeek: maxShifts,
                                        conflictVenueIds: venues, conflictOperatorKeys: operators))
        }
        return out
    }
}
