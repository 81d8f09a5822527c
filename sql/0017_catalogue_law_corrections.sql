-- 0017_catalogue_law_corrections: corrections to the legal bases of the violation catalogue (0002),
-- after a review of the cited articles against shared/domain/violations.md.
--
-- Data only, except one new table (per_visit_escalation_rule) for the per-visit thresholds of the
-- 2004 campaign, which escalation_step cannot express (it counts offences, not minors in one visit).
-- Every corrected row says where the correction comes from in its note (statute, year, article), and
-- violation_legal_basis.verified stays true only where violations.md (or the review brief) states both
-- the article number and its content. What stays unverified says so in the row's note.
--
--  1. OBSTRUCTION: 治安管理处罚法 2025 revision (in force 2026-01-01) art. 61, with its penalty tiers;
--     the 2012 text (art. 50) superseded for acts from that day, its serious tier gains the optional
--     fine (≤ ¥500).
--  2. TOBACCO_ILLEGAL_PRODUCT split: 实施条例 art. 58 covers illegally produced products only;
--     counterfeit trademarks → TOBACCO_COUNTERFEIT (烟草专卖法 art. 33, SAMR); smuggled →
--     TOBACCO_SMUGGLED (烟草专卖法 art. 37, customs). Adds the CUSTOMS department.
--  3. Café regulation 2022 art. 34 (fire, smoking, exits): suspension is ordered by the police;
--     only revocation is the culture department's. Tier 2 split into suspension (PSB) and revocation (CUL).
--  4. TOBACCO_NEAR_SCHOOL: no basis in minors law 2006 art. 37 (that article has no rule on outlets
--     near schools); before 2021-06-01 only 烟草专卖许可证管理办法 2016 art. 25 item 2 applied.
--  5. Minors law 2020/2024 art. 123, tier 2: the fine may be added (可以并处), it is not mandatory.
--  6. TOBACCO_SALE_TO_MINOR: 电子烟管理办法 2022 art. 22.
--  7. The 2004 campaign's per-visit rules for CAFE_MINOR_ADMITTED (≥3 minors at once → 停业整顿
--     ≥15 days; ≥8 → 吊销), recorded as campaign policy, not law.
--
-- Requires 0002 (catalogue) and 0012 (role sweep_app, when it exists). Runs in the migrator's one
-- transaction; the DO block at the end checks the result and aborts the migration if a correction
-- did not land (e.g. a row it corrects was already changed by hand).

-- =============================================================================================
-- 1. OBSTRUCTION: 治安管理处罚法 (Public Security Administration Punishments Law)
-- =============================================================================================

UPDATE legal_instrument
SET note = 'Obstructing officers: 2025 revision (in force 2026-01-01; renumbered, 144 articles) art. 61; '
           'the 2012 text art. 50 for acts before 2026-01-01, unless the later text is lighter '
           '(从旧兼从轻, 行政处罚法 2021 art. 37). Corrected by 0017 from violations.md.'
WHERE code = 'PUBLIC_SECURITY_PUNISHMENT_LAW';

INSERT INTO legal_instrument_version (instrument_code, version, in_force_from, superseded, note) VALUES
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', '2025', DATE '2026-01-01', false,
     '2025 revision (修订), in force 2026-01-01, renumbered (144 articles); obstruction is art. 61. '
     'Source: violations.md, instruments table (corrected by 0017).'),
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', '2012', DATE '2013-01-01', true,
     'superseded from 2026-01-01 by the 2025 revision; still applies to acts before that day (从旧兼从轻). '
     'In force 2013-01-01 (NPCSC amendment decision of 2012-10-26): date from the review brief, '
     'not stated in violations.md; check against the gazette.')
ON CONFLICT (instrument_code, version) DO UPDATE
SET in_force_from = EXCLUDED.in_force_from,
    superseded    = EXCLUDED.superseded,
    note          = EXCLUDED.note;

INSERT INTO legal_provision (instrument_code, version, article, topic_en, topic_zh, note) VALUES
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', '2025', '61', 'Obstructing officers performing their duties',
     '阻碍国家机关工作人员依法执行职务',
     'The article defines the act and sets its penalty. 治安管理处罚法 2025 art. 61 (violations.md; added by 0017). '
     'Item (项) within the article not recorded.')
ON CONFLICT (instrument_code, version, article) DO NOTHING;

-- Both texts are administrative-penalty articles of the same act; the lighter one applies.
INSERT INTO legal_provision (instrument_code, version, article, topic_en, topic_zh, note) VALUES
    ('ADMIN_PENALTY_LAW', '2021', '37',
     'The text in force when the act was committed applies, unless the later one is lighter',
     '从旧兼从轻', '行政处罚法 2021 art. 37 (violations.md, instruments table; added by 0017).')
ON CONFLICT (instrument_code, version, article) DO NOTHING;

UPDATE violation_legal_basis
SET article = '61',
    provenance = 'violation_table',
    verified = true,
    note = 'Acts from 2026-01-01: 治安管理处罚法 2025 revision art. 61 (violations.md). Corrected by 0017 '
           '(was: article unknown). The 2012 text art. 50 applies to earlier acts when it is lighter.'
WHERE violation_code = 'OBSTRUCTION' AND basis_role = 'penalty'
  AND instrument_code = 'PUBLIC_SECURITY_PUNISHMENT_LAW' AND version = '2025' AND article IS NULL;

UPDATE violation_legal_basis
SET note = 'Acts before 2026-01-01: 治安管理处罚法 2012 text art. 50 (violations.md). Superseded from 2026-01-01 '
           'by the 2025 revision art. 61; for earlier acts the lighter of the two applies (行政处罚法 2021 art. 37).'
WHERE violation_code = 'OBSTRUCTION' AND basis_role = 'penalty'
  AND instrument_code = 'PUBLIC_SECURITY_PUNISHMENT_LAW' AND version = '2012' AND article = '50';

-- 2012 art. 50: the serious tier may add a fine up to ¥500 (violations.md). sanction_set lists what is
-- available; that the fine is optional (可以并处) is said in applies_when and note, the schema's convention.
UPDATE penalty_tier
SET note = 'Warning or fine up to ¥200 (one of: 警告或者二百元以下罚款). 治安管理处罚法 2012 art. 50 (violations.md). '
           'Acts from 2026-01-01: 2025 art. 61.'
WHERE instrument_code = 'PUBLIC_SECURITY_PUNISHMENT_LAW' AND version = '2012' AND article = '50' AND tier = 1;

UPDATE penalty_tier
SET applies_when = 'Serious (情节严重); the fine is optional (可以并处)',
    sanctions = '{detention,fine}'::sanction_set,
    fine_max_yuan = 500,
    note = 'Detention 5–10 days; a fine up to ¥500 may be added (可以并处五百元以下罚款): optional, not mandatory. '
           '治安管理处罚法 2012 art. 50 (violations.md). Corrected by 0017: the optional fine was missing.'
WHERE instrument_code = 'PUBLIC_SECURITY_PUNISHMENT_LAW' AND version = '2012' AND article = '50' AND tier = 2;

INSERT INTO penalty_tier
    (instrument_code, version, article, tier, applies_when, sanctions,
     fine_min_yuan, fine_max_yuan, fine_base, fine_rate_min, fine_rate_max,
     detention_days_min, detention_days_max, imposed_by, note)
VALUES
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', '2025', '61', 1, 'Ordinary case',
     '{warning,fine}'::sanction_set, NULL, 500, NULL, NULL, NULL, NULL, NULL, 'PSB',
     'Warning or fine up to ¥500 (one of: 警告或者五百元以下罚款). 治安管理处罚法 2025 art. 61 (violations.md; added by 0017).'),
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', '2025', '61', 2, 'Serious (情节严重); the fine is optional (可以并处)',
     '{detention,fine}'::sanction_set, NULL, 1000, NULL, NULL, NULL, 5, 10, 'PSB',
     'Detention 5–10 days; a fine up to ¥1,000 may be added (可以并处一千元以下罚款): optional, not mandatory. '
     '治安管理处罚法 2025 art. 61 (violations.md; added by 0017).');

UPDATE violation_type
SET penalty_summary = '2025 text (acts from 2026-01-01, art. 61): W or F ≤¥500; serious → detention 5–10 days, '
                      'F ≤¥1,000 may be added (可以并处). 2012 text (earlier acts, art. 50): W or F ≤¥200; serious → '
                      'detention 5–10 days, F ≤¥500 may be added',
    practice_note = 'For an act before 2026-01-01 decided later, the lighter text applies (行政处罚法 2021 art. 37, 从旧兼从轻).'
WHERE code = 'OBSTRUCTION';

-- =============================================================================================
-- 2. TOBACCO_ILLEGAL_PRODUCT split by kind: illegally produced / counterfeit trademark / smuggled
-- =============================================================================================

INSERT INTO department (code, name_zh, name_en) VALUES
    ('CUSTOMS', '海关', 'Customs')
ON CONFLICT (code) DO NOTHING;

UPDATE legal_instrument
SET note = 'Art. 16 retail licence; 32 unlicensed retail penalty; 33 counterfeit-trademark tobacco (market regulation); '
           '37 smuggled tobacco (customs). 33 and 37 added by 0017 from violations.md.'
WHERE code = 'TOBACCO_LAW';

UPDATE legal_instrument
SET note = 'Art. 14 inspection/suspension; 56–60 penalties (58: selling illegally produced tobacco products only); '
           '65 e-cigarettes.'
WHERE code = 'TOBACCO_REG';

-- 烟草专卖法 2015 is already in the catalogue (TOBACCO_LAW, version 2015, the current text per violations.md).
INSERT INTO legal_provision (instrument_code, version, article, topic_en, topic_zh, note) VALUES
    ('TOBACCO_LAW', '2015', '33', 'Penalty: producing or selling tobacco products with a counterfeit registered trademark',
     '生产、销售假冒他人注册商标的烟草制品的处罚',
     'Market regulation (SAMR, formerly 工商) decides. 烟草专卖法 2015 art. 33 (violations.md; added by 0017). '
     'Penalty amounts not recorded: violations.md gives none.'),
    ('TOBACCO_LAW', '2015', '37', 'Penalty: smuggling tobacco monopoly goods',
     '走私烟草专卖品的处罚',
     'Customs decides; a smuggling crime goes to criminal proceedings. 烟草专卖法 2015 art. 37 (violations.md; added by 0017). '
     'Penalty amounts not recorded: violations.md gives none.')
ON CONFLICT (instrument_code, version, article) DO NOTHING;

UPDATE legal_provision
SET topic_en = 'Penalty: selling illegally produced tobacco products',
    topic_zh = '销售非法生产的烟草专卖品的处罚',
    note = 'Illegally produced products only (violations.md). Corrected by 0017 (was: counterfeit or smuggled): '
           'counterfeit trademarks are 烟草专卖法 art. 33, smuggling art. 37.'
WHERE instrument_code = 'TOBACCO_REG' AND version = '2023' AND article = '58';

-- violations.md: "58: stop sales, 没收, F 20–50% of sales, public destruction".
UPDATE penalty_tier
SET sanctions = '{order_to_stop,confiscation,fine}'::sanction_set,
    note = '责令停止销售, 没收, fine 20–50% of the sales; the products are destroyed publicly (公开销毁). '
           '实施条例 2023 art. 58 (violations.md). 0017 added order_to_stop (stop sales).'
WHERE instrument_code = 'TOBACCO_REG' AND version = '2023' AND article = '58' AND tier = 1;

UPDATE violation_type
SET title_zh = '销售非法生产的烟草专卖品',
    title_en = 'Illegally produced tobacco products',
    description_en = 'Selling illegally produced tobacco products (非法生产的烟草专卖品). Counterfeit-trademark '
                     'products are TOBACCO_COUNTERFEIT, smuggled products TOBACCO_SMUGGLED.',
    competence_note = 'TOB (实施条例 art. 58); PSB for crimes',
    penalty_summary = '责令停止销售, 没收, F 20–50% of sales; products destroyed publicly (实施条例 58)',
    practice_note = 'Split by 0017: until then this code (销售假冒、走私烟草制品) also covered counterfeit-trademark '
                    'and smuggled products, so findings recorded under it before the split may be of either kind.'
WHERE code = 'TOBACCO_ILLEGAL_PRODUCT';

UPDATE violation_legal_basis
SET note = 'Illegally produced products only: 烟草专卖法实施条例 2023 art. 58 (violations.md). Note corrected by 0017.'
WHERE violation_code = 'TOBACCO_ILLEGAL_PRODUCT' AND basis_role = 'penalty'
  AND instrument_code = 'TOBACCO_REG' AND version = '2023' AND article = '58';

INSERT INTO violation_type
    (code, sector, title_zh, title_en, description_en, lead_department, competence_note,
     penalty_summary, escalation_note, practice_note)
VALUES
    ('TOBACCO_COUNTERFEIT', 'tobacco', '销售假冒注册商标的烟草制品', 'Counterfeit-trademark tobacco',
     'Selling tobacco products that bear a counterfeit registered trademark (假冒他人注册商标)',
     'SAMR', 'SAMR (烟草专卖法 art. 33); TOB finds, seizes and refers; PSB for crimes',
     'Under 烟草专卖法 2015 art. 33, by market regulation; amounts not recorded (violations.md gives none). '
     'Suspected crimes go to the police.',
     NULL,
     'Split from TOBACCO_ILLEGAL_PRODUCT by 0017 (violations.md: article and competent department differ by kind).'),
    ('TOBACCO_SMUGGLED', 'tobacco', '销售走私烟草制品', 'Smuggled tobacco',
     'Selling smuggled tobacco products',
     'CUSTOMS', 'Customs (烟草专卖法 art. 37); TOB finds, seizes and refers; PSB for crimes',
     'Under 烟草专卖法 2015 art. 37, by customs; amounts not recorded (violations.md gives none). '
     'A smuggling crime goes to criminal proceedings.',
     NULL,
     'Split from TOBACCO_ILLEGAL_PRODUCT by 0017 (violations.md: article and competent department differ by kind). '
     'Customs does not join sweeps: TOB records the finding and it is referred.');

-- Competence for recording a finding is the lead plus the assisting departments (SubmissionValidator),
-- so TOB, which finds these products at retailers, must assist on both.
INSERT INTO violation_assisting_department (violation_code, department_code, note) VALUES
    ('TOBACCO_COUNTERFEIT', 'TOB', 'Finds and seizes counterfeit products at retailers; refers the case to SAMR.'),
    ('TOBACCO_COUNTERFEIT', 'PSB', 'For crimes.'),
    ('TOBACCO_SMUGGLED', 'TOB', 'Finds and seizes smuggled products at retailers; refers the case to customs.'),
    ('TOBACCO_SMUGGLED', 'PSB', 'For crimes.')
ON CONFLICT (violation_code, department_code) DO NOTHING;

INSERT INTO violation_legal_basis
    (violation_code, basis_role, instrument_code, version, article, provenance, verified, note)
VALUES
    ('TOBACCO_COUNTERFEIT', 'penalty', 'TOBACCO_LAW', '2015', '33', 'violation_table', true,
     'Counterfeit trademark: 烟草专卖法 2015 art. 33, market regulation (violations.md, TOBACCO_ILLEGAL_PRODUCT row; added by 0017). '
     'No penalty tiers: violations.md gives no amounts.'),
    ('TOBACCO_SMUGGLED', 'penalty', 'TOBACCO_LAW', '2015', '37', 'violation_table', true,
     'Smuggled products: 烟草专卖法 2015 art. 37, customs (violations.md, TOBACCO_ILLEGAL_PRODUCT row; added by 0017). '
     'No penalty tiers: violations.md gives no amounts.');

-- =============================================================================================
-- 3. Café regulation 2022 art. 34 (fire, smoking, exits): suspension by the police, revocation by CUL
-- =============================================================================================

UPDATE legal_provision
SET note = 'Warning and fine, and in serious cases 停业整顿, by the police; 吊销 of the licence by CUL '
           '(violations.md, CAFE_SMOKING_FIRE row). Corrected by 0017 (was: suspension up to revocation by CUL).'
WHERE instrument_code = 'CAFE_REG' AND version = '2022' AND article = '34';

UPDATE penalty_tier
SET imposed_by = 'PSB',
    note = 'Warning; fine up to ¥15,000. Imposed by the police. 互联网上网服务营业场所管理条例 2022 art. 34.'
WHERE instrument_code = 'CAFE_REG' AND version = '2022' AND article = '34' AND tier = 1;

UPDATE penalty_tier
SET applies_when = 'Serious (情节严重): suspension (停业整顿)',
    sanctions = '{suspension}'::sanction_set,
    imposed_by = 'PSB',
    note = '停业整顿, ordered by the police. 互联网上网服务营业场所管理条例 2022 art. 34 (violations.md). '
           'Corrected by 0017: was suspension and revocation, both by CUL; revocation is tier 3.'
WHERE instrument_code = 'CAFE_REG' AND version = '2022' AND article = '34' AND tier = 2;

INSERT INTO penalty_tier
    (instrument_code, version, article, tier, applies_when, sanctions,
     fine_min_yuan, fine_max_yuan, fine_base, fine_rate_min, fine_rate_max,
     detention_days_min, detention_days_max, imposed_by, note)
VALUES
    ('CAFE_REG', '2022', '34', 3, 'Serious (情节严重): up to revocation of the licence (直至吊销)',
     '{revocation}'::sanction_set, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'CUL',
     '吊销 of the 网络文化经营许可证, by the culture department (it issues the licence). '
     '互联网上网服务营业场所管理条例 2022 art. 34 (violations.md; split from tier 2 by 0017).');

UPDATE violation_type
SET penalty_summary = 'W, F ≤¥15,000; serious → 停业整顿, both by PSB; 吊销 by CUL'
WHERE code = 'CAFE_SMOKING_FIRE';

UPDATE violation_type
SET penalty_summary = 'As cafe regulation art. 34: W, F ≤¥15,000; serious → 停业整顿, both by PSB; 吊销 by CUL'
WHERE code = 'CAFE_EXITS_BLOCKED';

COMMENT ON COLUMN penalty_tier.imposed_by IS
    'Department that imposes this bracket when it is not the violation''s lead (e.g. CUL revokes the '
    'licence after police fire-safety findings, cafe regulation 2022 art. 34 tier 3); NULL = the lead department.';

-- =============================================================================================
-- 4. TOBACCO_NEAR_SCHOOL: no rule in minors law 2006 art. 37; licensing measures before 2021
-- =============================================================================================

-- 未成年人保护法 2006 art. 37 forbids selling tobacco and alcohol to minors; it has no rule on outlets
-- near schools. That rule first appears in the 2020 revision, art. 59 para. 1 (in force 2021-06-01).
DELETE FROM violation_legal_basis
WHERE violation_code = 'TOBACCO_NEAR_SCHOOL' AND instrument_code = 'MINORS_LAW'
  AND version = '2006' AND article = '37';

UPDATE legal_provision
SET note = 'No rule on tobacco outlets near schools: that rule first appears in the 2020 revision, art. 59 '
           '(violations.md: "no such duty in the 2006 text"). Noted by 0017.'
WHERE instrument_code = 'MINORS_LAW' AND version = '2006' AND article = '37';

-- 烟草专卖许可证管理办法 2016 art. 25 is already in the catalogue (TOBACCO_LICENCE_MEASURES); the
-- duty row exists from 0002 and gains its item. Kept unverified: violations.md's instruments table
-- still marks the numbering unverified.
INSERT INTO violation_legal_basis
    (violation_code, basis_role, instrument_code, version, article, item, provenance, verified, note)
VALUES
    ('TOBACCO_NEAR_SCHOOL', 'duty', 'TOBACCO_LICENCE_MEASURES', '2016', '25', 'item 2', 'violation_table', false, NULL)
ON CONFLICT (violation_code, basis_role, instrument_code, version, article) DO NOTHING;

UPDATE violation_legal_basis
SET item = 'item 2',
    verified = false,
    note = 'Before 2021-06-01 the only rule on outlets near schools: 烟草专卖许可证管理办法 2016 art. 25 item 2 '
           '(violations.md); ground for refusing or not renewing the licence. Unverified: violations.md marks the '
           'numbering of this instrument unverified. Item added by 0017.'
WHERE violation_code = 'TOBACCO_NEAR_SCHOOL' AND basis_role = 'duty'
  AND instrument_code = 'TOBACCO_LICENCE_MEASURES' AND version = '2016' AND article = '25';

UPDATE violation_type
SET practice_note = 'No national distance: local plans use 50–100 m, configured per jurisdiction (proximity_rule). '
                    'Before 2021-06-01 (minors law 2020 in force) only the licensing measures (2016, art. 25 item 2) '
                    'applied; the 2006 minors law had no such duty.'
WHERE code = 'TOBACCO_NEAR_SCHOOL';

-- =============================================================================================
-- 5. Minors law 2020/2024 art. 123, tier 2: the fine may be added (可以并处)
-- =============================================================================================

UPDATE penalty_tier
SET applies_when = 'Refuses to correct by the deadline, or serious; the fine is optional (可以并处)',
    note = '停业整顿 or 吊销; a fine of ¥50,000–500,000 may be added (可以并处): optional, not mandatory. '
           'Needs the order, its deadline and the re-inspection on record. 未成年人保护法 2020/2024 art. 123 '
           '(violations.md). Wording corrected by 0017 (it read as a mandatory fine).'
WHERE instrument_code = 'MINORS_LAW' AND version IN ('2020', '2024') AND article = '123' AND tier = 2;

UPDATE violation_type
SET penalty_summary = replace(penalty_summary, '停业整顿/吊销 + F ¥50,000–500,000',
                              '停业整顿/吊销, and F ¥50,000–500,000 may be added (可以并处)')
WHERE penalty_summary LIKE '%停业整顿/吊销 + F ¥50,000–500,000%';

-- =============================================================================================
-- 6. 电子烟管理办法 2022 art. 22: no sale of e-cigarettes to minors
-- =============================================================================================

UPDATE legal_instrument
SET note = 'Art. 22 no sale to minors (sign, ID check); no e-cigarette outlets around schools (article number '
           'unverified). Art. 22 added by 0017 from violations.md.'
WHERE code = 'ECIG_MEASURES';

INSERT INTO legal_provision (instrument_code, version, article, topic_en, topic_zh, note) VALUES
    ('ECIG_MEASURES', '2022', '22', 'No sale of e-cigarettes to minors (sign, ID check)',
     '不得向未成年人销售电子烟',
     '电子烟管理办法 2022 art. 22 (violations.md, instruments table; added by 0017).')
ON CONFLICT (instrument_code, version, article) DO NOTHING;

UPDATE violation_legal_basis
SET article = '22',
    verified = true,
    note = 'E-cigarettes: no sale to minors. 电子烟管理办法 2022 art. 22 (violations.md, instruments table). '
           'Article set by 0017 (was: unknown).'
WHERE violation_code = 'TOBACCO_SALE_TO_MINOR' AND basis_role = 'duty'
  AND instrument_code = 'ECIG_MEASURES' AND version = '2022' AND article IS NULL;

-- =============================================================================================
-- 7. Per-visit rules of the 2004 campaign (minors admitted at once), as campaign policy
-- =============================================================================================

CREATE TABLE per_visit_escalation_rule (
    code                text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]+$'),
    violation_code      text NOT NULL REFERENCES violation_type (code),
    -- The ladder whose campaign the rule belongs to, when there is one.
    ladder_code         text REFERENCES escalation_ladder (code),
    jurisdiction_code   text,
    min_minors          integer NOT NULL CHECK (min_minors >= 1),
    sanctions           sanction_set NOT NULL,
    suspension_days_min integer CHECK (suspension_days_min > 0),
    basis_kind          text NOT NULL CHECK (basis_kind IN ('law', 'campaign_policy')),
    verified            boolean NOT NULL DEFAULT false,
    source_note         text NOT NULL CHECK (btrim(source_note) <> ''),
    active              boolean NOT NULL DEFAULT true,
    UNIQUE NULLS NOT DISTINCT (violation_code, jurisdiction_code, min_minors),
    CHECK (suspension_days_min IS NULL OR 'suspension' = ANY (sanctions))
);

COMMENT ON TABLE per_visit_escalation_rule IS
    'A threshold on one visit rather than on the count of offences: when at least min_minors minors are '
    'found admitted at once, the sanctions are called for whatever the venue''s history. The rule with the '
    'highest min_minors reached applies. escalation_step cannot say this: it counts offences.';
COMMENT ON COLUMN per_visit_escalation_rule.basis_kind IS
    'law (a statute sets the threshold) or campaign_policy (a campaign notice does: it guides the choice '
    'within the statutory range, e.g. what counts as 情节严重, and never widens it).';
COMMENT ON COLUMN per_visit_escalation_rule.jurisdiction_code IS
    'NULL = national default, as escalation_ladder.jurisdiction_code.';
COMMENT ON COLUMN per_visit_escalation_rule.verified IS
    'False until the source is checked; the 2004 thresholds are not recorded in violations.md.';

CREATE INDEX per_visit_escalation_rule_violation_idx ON per_visit_escalation_rule (violation_code);

INSERT INTO per_visit_escalation_rule
    (code, violation_code, ladder_code, jurisdiction_code, min_minors, sanctions, suspension_days_min,
     basis_kind, verified, source_note)
VALUES
    ('NATIONAL_2004_CAFE_MINOR_3_AT_ONCE', 'CAFE_MINOR_ADMITTED', 'NATIONAL_2004_CAFE_MINOR', NULL, 3,
     '{suspension}'::sanction_set, 15, 'campaign_policy', false,
     '2004 national campaign against internet cafés admitting minors (文化部等部门, 2004): three or more minors '
     'admitted at one time → 停业整顿 for at least 15 days. Campaign policy, not law: the decision still cites '
     'cafe regulation 2022 art. 31 tier 2 (serious) or minors law 2020/2024 art. 123 tier 2. Thresholds from the '
     'review brief; not recorded in violations.md, so unverified (added by 0017).'),
    ('NATIONAL_2004_CAFE_MINOR_8_AT_ONCE', 'CAFE_MINOR_ADMITTED', 'NATIONAL_2004_CAFE_MINOR', NULL, 8,
     '{revocation}'::sanction_set, NULL, 'campaign_policy', false,
     '2004 national campaign against internet cafés admitting minors (文化部等部门, 2004): eight or more minors '
     'admitted at one time → 吊销 of the licence. Campaign policy, not law: the decision still cites cafe '
     'regulation 2022 art. 31 tier 2 (serious) or minors law 2020/2024 art. 123 tier 2. Thresholds from the '
     'review brief; not recorded in violations.md, so unverified (added by 0017).');

UPDATE violation_type
SET escalation_note = escalation_note || ' Per visit (2004 campaign policy, not law): ≥3 minors admitted at once → '
                      '停业整顿 ≥15 days; ≥8 → 吊销 (per_visit_escalation_rule).'
WHERE code = 'CAFE_MINOR_ADMITTED' AND escalation_note IS NOT NULL
  AND escalation_note NOT LIKE '%per_visit_escalation_rule%';

-- Like the other catalogue tables (0012 granted them SELECT, INSERT, UPDATE through ALL TABLES).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sweep_app') THEN RETURN; END IF;
    GRANT SELECT, INSERT, UPDATE ON per_visit_escalation_rule TO sweep_app;
END $$;

-- =============================================================================================
-- Check: every correction landed, or the migration (one transaction) is rolled back.
-- =============================================================================================

DO $$
DECLARE
    problems text[] := '{}';
BEGIN
    -- 1. OBSTRUCTION: two penalty bases, each with complete tiers, both versions dated.
    IF (SELECT count(*) FROM violation_legal_basis
        WHERE violation_code = 'OBSTRUCTION' AND basis_role = 'penalty'
          AND (instrument_code, version, article) IN (('PUBLIC_SECURITY_PUNISHMENT_LAW', '2012', '50'),
                                                      ('PUBLIC_SECURITY_PUNISHMENT_LAW', '2025', '61'))) <> 2
       OR EXISTS (SELECT 1 FROM violation_legal_basis
                  WHERE violation_code = 'OBSTRUCTION' AND basis_role = 'penalty' AND article IS NULL) THEN
        problems := problems || 'OBSTRUCTION penalty bases are not exactly PSAPL 2012 art. 50 and 2025 art. 61'::text;
    END IF;
    IF (SELECT count(*) FROM penalty_tier
        WHERE instrument_code = 'PUBLIC_SECURITY_PUNISHMENT_LAW' AND version = '2025' AND article = '61'
          AND ((tier = 1 AND fine_max_yuan = 500 AND sanctions @> '{warning,fine}' AND detention_days_max IS NULL)
            OR (tier = 2 AND fine_max_yuan = 1000 AND detention_days_min = 5 AND detention_days_max = 10))) <> 2 THEN
        problems := problems || 'PSAPL 2025 art. 61 tiers missing or wrong'::text;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM penalty_tier
                   WHERE instrument_code = 'PUBLIC_SECURITY_PUNISHMENT_LAW' AND version = '2012' AND article = '50'
                     AND tier = 2 AND fine_max_yuan = 500 AND 'fine' = ANY (sanctions) AND detention_days_max = 10) THEN
        problems := problems || 'PSAPL 2012 art. 50 tier 2 lacks the optional fine'::text;
    END IF;
    IF (SELECT count(*) FROM legal_instrument_version
        WHERE instrument_code = 'PUBLIC_SECURITY_PUNISHMENT_LAW'
          AND ((version = '2025' AND in_force_from = DATE '2026-01-01' AND NOT superseded)
            OR (version = '2012' AND in_force_from IS NOT NULL AND superseded))) <> 2 THEN
        problems := problems || 'PSAPL versions not dated or superseded as expected'::text;
    END IF;
    -- 2. Tobacco split.
    IF (SELECT count(*) FROM violation_legal_basis b JOIN violation_type v ON v.code = b.violation_code
        WHERE (v.code, v.lead_department, b.instrument_code, b.version, b.article) IN
              (('TOBACCO_COUNTERFEIT', 'SAMR', 'TOBACCO_LAW', '2015', '33'),
               ('TOBACCO_SMUGGLED', 'CUSTOMS', 'TOBACCO_LAW', '2015', '37'),
               ('TOBACCO_ILLEGAL_PRODUCT', 'TOB', 'TOBACCO_REG', '2023', '58'))
          AND b.basis_role = 'penalty') <> 3 THEN
        problems := problems || 'tobacco product codes not split as expected'::text;
    END IF;
    IF (SELECT count(*) FROM violation_assisting_department
        WHERE department_code = 'TOB' AND violation_code IN ('TOBACCO_COUNTERFEIT', 'TOBACCO_SMUGGLED')) <> 2 THEN
        problems := problems || 'TOB does not assist on the new tobacco codes'::text;
    END IF;
    -- 3. Café art. 34: no suspension imposed by CUL; revocation by CUL.
    IF EXISTS (SELECT 1 FROM penalty_tier
               WHERE instrument_code = 'CAFE_REG' AND version = '2022' AND article = '34'
                 AND 'suspension' = ANY (sanctions) AND imposed_by IS DISTINCT FROM 'PSB')
       OR NOT EXISTS (SELECT 1 FROM penalty_tier
                      WHERE instrument_code = 'CAFE_REG' AND version = '2022' AND article = '34'
                        AND sanctions = '{revocation}' AND imposed_by = 'CUL') THEN
        problems := problems || 'cafe regulation 2022 art. 34 tiers not split into PSB suspension / CUL revocation'::text;
    END IF;
    -- 4. TOBACCO_NEAR_SCHOOL.
    IF EXISTS (SELECT 1 FROM violation_legal_basis
               WHERE violation_code = 'TOBACCO_NEAR_SCHOOL' AND instrument_code = 'MINORS_LAW' AND version = '2006')
       OR NOT EXISTS (SELECT 1 FROM violation_legal_basis
                      WHERE violation_code = 'TOBACCO_NEAR_SCHOOL' AND basis_role = 'duty'
                        AND instrument_code = 'TOBACCO_LICENCE_MEASURES' AND version = '2016' AND article = '25'
                        AND item = 'item 2') THEN
        problems := problems || 'TOBACCO_NEAR_SCHOOL bases not corrected'::text;
    END IF;
    -- 5. Minors law 123: no mandatory-fine wording left.
    IF EXISTS (SELECT 1 FROM violation_type WHERE penalty_summary LIKE '%+ F ¥50,000–500,000%')
       OR EXISTS (SELECT 1 FROM penalty_tier
                  WHERE instrument_code = 'MINORS_LAW' AND article = '123' AND tier = 2
                    AND (note LIKE '%plus fine ¥%' OR applies_when NOT LIKE '%可以并处%')) THEN
        problems := problems || 'minors law art. 123 tier 2 still reads as a mandatory fine'::text;
    END IF;
    -- 6. E-cigarette measures art. 22.
    IF NOT EXISTS (SELECT 1 FROM violation_legal_basis
                   WHERE violation_code = 'TOBACCO_SALE_TO_MINOR' AND instrument_code = 'ECIG_MEASURES'
                     AND version = '2022' AND article = '22') THEN
        problems := problems || 'TOBACCO_SALE_TO_MINOR lacks 电子烟管理办法 2022 art. 22'::text;
    END IF;
    -- 7. Per-visit rules.
    IF (SELECT count(*) FROM per_visit_escalation_rule
        WHERE violation_code = 'CAFE_MINOR_ADMITTED' AND basis_kind = 'campaign_policy') <> 2 THEN
        problems := problems || 'per-visit rules for CAFE_MINOR_ADMITTED missing'::text;
    END IF;
    IF cardinality(problems) > 0 THEN
        RAISE EXCEPTION '0017_catalogue_law_corrections did not apply: %', array_to_string(problems, '; ');
    END IF;
END $$;
