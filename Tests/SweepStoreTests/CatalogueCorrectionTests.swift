import Foundation
import PostgresNIO
import Testing
import SweepCore
import TestSupport
@testable import SweepStore

/// Migration 0017 corrects the legal bases of the violation catalogue (docs/catalogue-corrections.md).
/// Each test reads the migrated catalogue and checks one correction. Rows are compared as text built in
/// SQL with format() (NULL prints as nothing, booleans as t/f) so an expectation reads like the table.
@Suite struct CatalogueCorrectionTests {
    static func lines(_ db: Database, _ sql: String) async throws -> [String] {
        var out: [String] = []
        for try await line in try await db.query(PostgresQuery(unsafeSQL: sql)).decode(String.self) { out.append(line) }
        return out
    }

    @Test func obstructionHasThe2025TextArt61AndThe2012TextSuperseded() async throws {
        try await TestDatabase.withDatabase { db in
            let versions = try await Self.lines(db, """
                SELECT format('%s|%s|%s', version, to_char(in_force_from, 'YYYY-MM-DD'), superseded)
                FROM legal_instrument_version WHERE instrument_code = 'PUBLIC_SECURITY_PUNISHMENT_LAW' ORDER BY version
                """)
            #expect(versions == ["2012|2013-01-01|t", "2025|2026-01-01|f"])

            let bases = try await Self.lines(db, """
                SELECT format('%s|%s|%s|%s', instrument_code, version, article, verified)
                FROM violation_legal_basis WHERE violation_code = 'OBSTRUCTION' AND basis_role = 'penalty' ORDER BY version
                """)
            #expect(bases == ["PUBLIC_SECURITY_PUNISHMENT_LAW|2012|50|t", "PUBLIC_SECURITY_PUNISHMENT_LAW|2025|61|t"])

            // version | article | tier | sanctions | fine max | detention min | detention max | imposed by
            let tiers = try await Self.lines(db, """
                SELECT format('%s|%s|%s|%s|%s|%s|%s|%s', t.version, t.article, t.tier, t.sanctions, t.fine_max_yuan::int,
                              t.detention_days_min, t.detention_days_max, t.imposed_by)
                FROM violation_legal_basis b JOIN penalty_tier t USING (instrument_code, version, article)
                WHERE b.violation_code = 'OBSTRUCTION' AND b.basis_role = 'penalty'
                ORDER BY t.version, t.tier
                """)
            #expect(tiers == [
                "2012|50|1|{warning,fine}|200|||",
                "2012|50|2|{detention,fine}|500|5|10|",
                "2025|61|1|{warning,fine}|500|||PSB",
                "2025|61|2|{detention,fine}|1000|5|10|PSB",
            ])

            // The fine of the serious tier is optional in both texts, and the text says so.
            let optional = try await Self.lines(db, """
                SELECT format('%s|%s', version, applies_when LIKE '%可以并处%')
                FROM penalty_tier
                WHERE instrument_code = 'PUBLIC_SECURITY_PUNISHMENT_LAW' AND tier = 2 ORDER BY version
                """)
            #expect(optional == ["2012|t", "2025|t"])
        }
    }

    @Test func illegalTobaccoProductsAreSplitByKindWithTheirOwnArticleAndDepartment() async throws {
        try await TestDatabase.withDatabase { db in
            // code | lead | penalty basis
            let codes = try await Self.lines(db, """
                SELECT format('%s|%s|%s %s art. %s', v.code, v.lead_department, b.instrument_code, b.version, b.article)
                FROM violation_type v JOIN violation_legal_basis b ON b.violation_code = v.code AND b.basis_role = 'penalty'
                WHERE v.code IN ('TOBACCO_ILLEGAL_PRODUCT', 'TOBACCO_COUNTERFEIT', 'TOBACCO_SMUGGLED')
                ORDER BY v.code
                """)
            #expect(codes == [
                "TOBACCO_COUNTERFEIT|SAMR|TOBACCO_LAW 2015 art. 33",
                "TOBACCO_ILLEGAL_PRODUCT|TOB|TOBACCO_REG 2023 art. 58",
                "TOBACCO_SMUGGLED|CUSTOMS|TOBACCO_LAW 2015 art. 37",
            ])

            let titles = try await Self.lines(db, """
                SELECT format('%s|%s', code, title_zh) FROM violation_type
                WHERE code IN ('TOBACCO_ILLEGAL_PRODUCT', 'TOBACCO_COUNTERFEIT', 'TOBACCO_SMUGGLED') ORDER BY code
                """)
            #expect(titles == [
                "TOBACCO_COUNTERFEIT|销售假冒注册商标的烟草制品",
                "TOBACCO_ILLEGAL_PRODUCT|销售非法生产的烟草专卖品",
                "TOBACCO_SMUGGLED|销售走私烟草制品",
            ])

            let customs = try await Self.lines(db, "SELECT format('%s|%s', name_zh, name_en) FROM department WHERE code = 'CUSTOMS'")
            #expect(customs == ["海关|Customs"])

            // A tobacco officer finds these products at retailers: TOB must be competent to record them.
            let assisting = try await Self.lines(db, """
                SELECT format('%s|%s', violation_code, string_agg(department_code, ',' ORDER BY department_code))
                FROM violation_assisting_department
                WHERE violation_code IN ('TOBACCO_ILLEGAL_PRODUCT', 'TOBACCO_COUNTERFEIT', 'TOBACCO_SMUGGLED')
                GROUP BY violation_code ORDER BY violation_code
                """)
            #expect(assisting == ["TOBACCO_COUNTERFEIT|PSB,TOB", "TOBACCO_ILLEGAL_PRODUCT|PSB", "TOBACCO_SMUGGLED|PSB,TOB"])

            let article58 = try await Self.lines(db, """
                SELECT topic_zh FROM legal_provision WHERE instrument_code = 'TOBACCO_REG' AND version = '2023' AND article = '58'
                """)
            #expect(article58 == ["销售非法生产的烟草专卖品的处罚"])
        }
    }

    @Test func cafeFireAndSmokingSuspensionIsImposedByThePoliceAndOnlyRevocationByCulture() async throws {
        try await TestDatabase.withDatabase { db in
            let tiers = try await Self.lines(db, """
                SELECT format('%s|%s|%s', tier, sanctions, imposed_by) FROM penalty_tier
                WHERE instrument_code = 'CAFE_REG' AND version = '2022' AND article = '34' ORDER BY tier
                """)
            #expect(tiers == ["1|{warning,fine}|PSB", "2|{suspension}|PSB", "3|{revocation}|CUL"])

            // The codes punished under art. 34, and no suspension left to CUL anywhere in the catalogue.
            let codes = try await Self.lines(db, """
                SELECT DISTINCT violation_code FROM violation_legal_basis
                WHERE instrument_code = 'CAFE_REG' AND version = '2022' AND article = '34' AND basis_role = 'penalty'
                ORDER BY violation_code
                """)
            #expect(codes == ["CAFE_EXITS_BLOCKED", "CAFE_SMOKING_FIRE"])
            let culSuspends = try await Self.lines(db, """
                SELECT format('%s %s art. %s tier %s', instrument_code, version, article, tier) FROM penalty_tier
                WHERE 'suspension' = ANY (sanctions) AND imposed_by = 'CUL'
                """)
            #expect(culSuspends.isEmpty)
        }
    }

    @Test func tobaccoNearSchoolHasNoBasisInThe2006MinorsLawButTheLicensingMeasures() async throws {
        try await TestDatabase.withDatabase { db in
            let old = try await Self.lines(db, """
                SELECT format('%s %s art. %s', instrument_code, version, article) FROM violation_legal_basis
                WHERE violation_code = 'TOBACCO_NEAR_SCHOOL' AND instrument_code = 'MINORS_LAW' AND version = '2006'
                """)
            #expect(old.isEmpty)

            let licence = try await Self.lines(db, """
                SELECT format('%s|%s|%s|%s', basis_role, article, item, verified) FROM violation_legal_basis
                WHERE violation_code = 'TOBACCO_NEAR_SCHOOL' AND instrument_code = 'TOBACCO_LICENCE_MEASURES' AND version = '2016'
                """)
            #expect(licence == ["duty|25|item 2|f"])

            // The 2006 art. 37 still grounds the sale-to-minors duty for old cases.
            let sale = try await Self.lines(db, """
                SELECT format('%s|%s', basis_role, verified) FROM violation_legal_basis
                WHERE violation_code = 'TOBACCO_SALE_TO_MINOR' AND instrument_code = 'MINORS_LAW' AND version = '2006' AND article = '37'
                """)
            #expect(sale == ["duty|t"])
        }
    }

    @Test func minorsLaw123SeriousTierSaysTheFineMayBeAdded() async throws {
        try await TestDatabase.withDatabase { db in
            let tiers = try await Self.lines(db, """
                SELECT format('%s|%s|%s|%s', version, applies_when LIKE '%可以并处%', note LIKE '%plus fine%', note LIKE '%may be added%')
                FROM penalty_tier WHERE instrument_code = 'MINORS_LAW' AND article = '123' AND tier = 2 ORDER BY version
                """)
            #expect(tiers == ["2020|t|f|t", "2024|t|f|t"])

            let mandatory = try await Self.lines(db, """
                SELECT code FROM violation_type WHERE penalty_summary LIKE '%+ F ¥50,000–500,000%' ORDER BY code
                """)
            #expect(mandatory.isEmpty)

            let optional = try await Self.lines(db, """
                SELECT code FROM violation_type WHERE penalty_summary LIKE '%F ¥50,000–500,000 may be added (可以并处)%' ORDER BY code
                """)
            #expect(optional == ["CAFE_MINOR_ADMITTED", "CAFE_NEAR_SCHOOL", "TOBACCO_NO_ID_CHECK", "TOBACCO_NO_SIGN", "TOBACCO_SALE_TO_MINOR"])
        }
    }

    @Test func eCigaretteSaleToMinorsCitesArticle22() async throws {
        try await TestDatabase.withDatabase { db in
            let rows = try await Self.lines(db, """
                SELECT format('%s|%s|%s|%s', b.basis_role, b.article, b.verified, p.topic_zh)
                FROM violation_legal_basis b JOIN legal_provision p USING (instrument_code, version, article)
                WHERE b.violation_code = 'TOBACCO_SALE_TO_MINOR' AND b.instrument_code = 'ECIG_MEASURES' AND b.version = '2022'
                """)
            #expect(rows == ["duty|22|t|不得向未成年人销售电子烟"])
        }
    }

    @Test func perVisitRulesOfThe2004CampaignAreCampaignPolicyNotLaw() async throws {
        try await TestDatabase.withDatabase { db in
            // min minors | sanctions | suspension days | basis kind | verified
            let rules = try await Self.lines(db, """
                SELECT format('%s|%s|%s|%s|%s', min_minors, sanctions, suspension_days_min, basis_kind, verified)
                FROM per_visit_escalation_rule WHERE violation_code = 'CAFE_MINOR_ADMITTED' AND active
                ORDER BY min_minors
                """)
            #expect(rules == ["3|{suspension}|15|campaign_policy|f", "8|{revocation}||campaign_policy|f"])

            let ladders = try await Self.lines(db, """
                SELECT DISTINCT ladder_code FROM per_visit_escalation_rule WHERE violation_code = 'CAFE_MINOR_ADMITTED'
                """)
            #expect(ladders == ["NATIONAL_2004_CAFE_MINOR"])
        }
    }

    @Test func theServersRoleCanReadThePerVisitRules() async throws {
        try await TestDatabase.withDatabase { db in
            let grants = try await Self.lines(db, """
                SELECT format('%s', has_table_privilege('sweep_app', 'per_visit_escalation_rule', 'SELECT'))
                FROM pg_roles WHERE rolname = 'sweep_app'
                """)
            // No role on an external server that could not create it (0012): nothing to check then.
            #expect(grants.allSatisfy { $0 == "t" })
        }
    }
}
