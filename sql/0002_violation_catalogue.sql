-- 0002_violation_catalogue: the violation catalogue (codes, legal bases, penalty tiers, escalation
-- ladders, proximity rules), seeded from shared/domain/violations.md.
--
-- Why it is shaped this way:
-- * Article numbers came from a community mirror of the statutes, not the official gazette, and the
--   cafe regulation renumbered its penalty articles in 2016 and 2022. So a legal basis is data:
--   (instrument, version, article, item) rows with a verified flag. Correcting a number is an UPDATE
--   of legal_provision.article, which cascades to every citation and penalty tier; never a code change.
-- * Fine ranges belong to the penalty article, not to the violation: cafe regulation art. 31 sets the
--   same range for six violation codes. They live in penalty_tier, keyed by provision, so one act
--   that breaks two rule sets (cafe regulation and minors law) shows both ranges and the handler
--   can pick the norm with the higher fine (administrative penalty law art. 29).
-- * Escalation ladders and school-distance rules differ by jurisdiction: they are configuration rows
--   with a national default (jurisdiction_code NULL), and the local examples from violations.md
--   are flagged local_example so nobody mistakes them for national law.
-- Requires 0001 (department).

-- ---------------------------------------------------------------------------------------------
-- Sanctions vocabulary, shared by penalty tiers and escalation steps.
-- ---------------------------------------------------------------------------------------------

CREATE DOMAIN sanction_set AS text[]
    CHECK (
        cardinality(VALUE) > 0
        AND array_position(VALUE, NULL) IS NULL
        AND VALUE <@ ARRAY[
            'warning',           -- 警告
            'fine',              -- 罚款
            'confiscation',      -- 没收 (illegal gains, goods, equipment)
            'suspension',        -- 停业整顿
            'revocation',        -- 吊销 (licence)
            'closure',           -- 取缔 (of an unlicensed operation)
            'sealing',           -- 查封 (premises; administrative compulsion law)
            'seizure',           -- 扣押 (equipment, goods; administrative compulsion law)
            'criminal_referral', -- 移送司法 (suspected crime)
            'order_to_correct',  -- 责令(限期)改正
            'order_to_stop',     -- 责令停止 (cease the unlicensed business)
            'detention',         -- 行政拘留
            'licence_bar'        -- barred from holding the licence for a period
        ]::text[]
    );

COMMENT ON DOMAIN sanction_set IS
    'Non-empty set of sanction codes. One vocabulary for the whole catalogue so that reports can count '
    'by sanction across cafe and tobacco cases. A set lists what the norm or step makes available; '
    'which are mandatory, optional (可以并处) or alternatives (or) is said in the row''s note.';

-- ---------------------------------------------------------------------------------------------
-- Legal instruments, their versions and their articles.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE legal_instrument (
    code     text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]+$'),
    kind     text NOT NULL CHECK (kind IN ('law', 'administrative_regulation', 'departmental_rule')),
    title_zh text NOT NULL CHECK (btrim(title_zh) <> ''),
    title_en text NOT NULL CHECK (btrim(title_en) <> ''),
    note     text
);

COMMENT ON TABLE legal_instrument IS
    'A statute or regulation that violations are cited under. Stable code so citations survive renumbering.';
COMMENT ON COLUMN legal_instrument.kind IS
    'law (法律, NPC), administrative_regulation (行政法规, State Council) or departmental_rule (部门规章): '
    'the hierarchy decides which norm prevails when two conflict.';

CREATE TABLE legal_instrument_version (
    instrument_code text NOT NULL REFERENCES legal_instrument (code),
    version         text NOT NULL CHECK (version ~ '^[0-9]{4}$'),
    in_force_from   date,
    superseded      boolean NOT NULL DEFAULT false,
    note            text,
    PRIMARY KEY (instrument_code, version)
);

COMMENT ON TABLE legal_instrument_version IS
    'One text of an instrument (original or amendment). Articles are cited against a version because '
    'amendments renumber them: an act is judged under the text in force when it was committed.';
COMMENT ON COLUMN legal_instrument_version.version IS
    'Year of the text (promulgation or amendment), as violations.md names it.';
COMMENT ON COLUMN legal_instrument_version.in_force_from IS
    'Date the text took effect; NULL where violations.md does not give it (fill in from the gazette).';
COMMENT ON COLUMN legal_instrument_version.superseded IS
    'True once a later text replaced it. Superseded versions stay: older cases cite them.';

CREATE TABLE legal_provision (
    instrument_code text NOT NULL,
    version         text NOT NULL,
    article         text NOT NULL CHECK (article ~ '^[1-9][0-9]*(-[1-9][0-9]*)?$'),
    topic_en        text NOT NULL CHECK (btrim(topic_en) <> ''),
    topic_zh        text,
    note            text,
    PRIMARY KEY (instrument_code, version, article),
    FOREIGN KEY (instrument_code, version)
        REFERENCES legal_instrument_version (instrument_code, version) ON UPDATE CASCADE
);

COMMENT ON TABLE legal_provision IS
    'An article of one version of an instrument, with its topic. Holds the cafe regulation''s '
    'article-by-version table and the cross-cutting procedural articles (two officers, time limits). '
    'Fixing a wrong article number here cascades to violation_legal_basis and penalty_tier.';
COMMENT ON COLUMN legal_provision.article IS
    'Article number as digits; an inserted article (第N条之M) is written N-M.';

CREATE INDEX legal_provision_version_idx ON legal_provision (instrument_code, version);

-- ---------------------------------------------------------------------------------------------
-- Violation types.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE violation_type (
    code            text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]+$'),
    sector          text NOT NULL CHECK (sector IN ('cafe', 'tobacco', 'general')),
    title_zh        text NOT NULL CHECK (btrim(title_zh) <> ''),
    title_en        text NOT NULL CHECK (btrim(title_en) <> ''),
    description_en  text NOT NULL CHECK (btrim(description_en) <> ''),
    lead_department text NOT NULL REFERENCES department (code),
    competence_note text NOT NULL,
    penalty_summary text NOT NULL CHECK (btrim(penalty_summary) <> ''),
    escalation_note text,
    practice_note   text,
    active          boolean NOT NULL DEFAULT true
);

COMMENT ON TABLE violation_type IS
    'The catalogue of violation codes inspectors record in findings. Codes are permanent identifiers '
    '(findings refer to them): retire a code with active = false, never rename or delete it.';
COMMENT ON COLUMN violation_type.sector IS
    'cafe (internet-access venues), tobacco (cigarette and e-cigarette retail) or general (either).';
COMMENT ON COLUMN violation_type.lead_department IS
    'Department that normally files and decides the case: the first one named in violations.md. '
    'Where competence depends on the offender (licensed or not), competence_note says so.';
COMMENT ON COLUMN violation_type.competence_note IS
    'The lead / assist text of violations.md verbatim, kept because it carries conditions the '
    'structured columns cannot (who leads for unlicensed sellers, who cuts access).';
COMMENT ON COLUMN violation_type.penalty_summary IS
    'Human-readable penalty range as in violations.md. The machine-readable ranges are penalty_tier rows '
    'reached through violation_legal_basis; this text is for lists and printouts.';
COMMENT ON COLUMN violation_type.escalation_note IS
    'Repeat-offence and consequence rules in words; the countable ones are also escalation_ladder rows.';
COMMENT ON COLUMN violation_type.practice_note IS
    'Practical remarks from violations.md that are not escalation: evidence difficulties, survey '
    'figures, unsettled legal questions, local configuration.';

CREATE INDEX violation_type_lead_idx ON violation_type (lead_department);

CREATE TABLE violation_assisting_department (
    violation_code  text NOT NULL REFERENCES violation_type (code),
    department_code text NOT NULL REFERENCES department (code),
    note            text,
    PRIMARY KEY (violation_code, department_code)
);

COMMENT ON TABLE violation_assisting_department IS
    'Departments that assist the lead on a violation (joint visits, referrals, cutting access). A table '
    'rather than an array so every code is checked against department and each can carry its role. '
    'violation_type_overview exposes them as an array.';

CREATE INDEX violation_assisting_department_dept_idx ON violation_assisting_department (department_code);

-- ---------------------------------------------------------------------------------------------
-- Legal bases of each violation.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE violation_legal_basis (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    violation_code  text NOT NULL REFERENCES violation_type (code),
    basis_role      text NOT NULL CHECK (basis_role IN ('duty', 'penalty', 'consequence')),
    instrument_code text NOT NULL,
    version         text NOT NULL,
    article         text,
    item            text CHECK (btrim(item) <> ''),
    provenance      text NOT NULL
        CHECK (provenance IN ('violation_table', 'version_table', 'instrument_table', 'inferred')),
    verified        boolean NOT NULL DEFAULT true,
    note            text,
    UNIQUE NULLS NOT DISTINCT (violation_code, basis_role, instrument_code, version, article),
    FOREIGN KEY (instrument_code, version)
        REFERENCES legal_instrument_version (instrument_code, version) ON UPDATE CASCADE,
    FOREIGN KEY (instrument_code, version, article)
        REFERENCES legal_provision (instrument_code, version, article) ON UPDATE CASCADE,
    -- An unknown article is only acceptable as an open question.
    CHECK (article IS NOT NULL OR NOT verified),
    -- What we inferred ourselves must be checked before anyone relies on it.
    CHECK (provenance <> 'inferred' OR NOT verified)
);

COMMENT ON TABLE violation_legal_basis IS
    'Which article of which version a violation breaks (duty), is punished under (penalty) or triggers '
    'beyond the penalty (consequence, e.g. the 5-year ban on the principal). One act can break two '
    'rule sets: both are recorded and the handler chooses (one fine only, under the higher-fine norm).';
COMMENT ON COLUMN violation_legal_basis.article IS
    'NULL only while the article number is unknown (verified must then be false).';
COMMENT ON COLUMN violation_legal_basis.item IS
    'Item (项) or paragraph (款) within the article, when the citation needs it.';
COMMENT ON COLUMN violation_legal_basis.provenance IS
    'Where the row comes from: violation_table (the code''s own row in violations.md), version_table '
    '(the cafe regulation article-by-version table), instrument_table (the instruments table), or '
    'inferred (derived by the catalogue authors, always unverified).';
COMMENT ON COLUMN violation_legal_basis.verified IS
    'False where violations.md marks the number unverified, where it is unknown, or where it was '
    'inferred. Such citations must be checked before a decision cites them.';

CREATE INDEX violation_legal_basis_provision_idx ON violation_legal_basis (instrument_code, version, article);

-- ---------------------------------------------------------------------------------------------
-- Penalty tiers of a penalty article.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE penalty_tier (
    instrument_code    text NOT NULL,
    version            text NOT NULL,
    article            text NOT NULL,
    tier               smallint NOT NULL CHECK (tier BETWEEN 1 AND 9),
    applies_when       text NOT NULL CHECK (btrim(applies_when) <> ''),
    sanctions          sanction_set NOT NULL,
    fine_min_yuan      numeric(14, 2) CHECK (fine_min_yuan >= 0),
    fine_max_yuan      numeric(14, 2) CHECK (fine_max_yuan > 0),
    fine_base          text CHECK (fine_base IN ('illegal_turnover', 'purchase_value', 'sales_value')),
    fine_rate_min      numeric(8, 4) CHECK (fine_rate_min > 0),
    fine_rate_max      numeric(8, 4) CHECK (fine_rate_max > 0),
    detention_days_min smallint CHECK (detention_days_min > 0),
    detention_days_max smallint CHECK (detention_days_max > 0),
    imposed_by         text REFERENCES department (code),
    note               text,
    PRIMARY KEY (instrument_code, version, article, tier),
    FOREIGN KEY (instrument_code, version, article)
        REFERENCES legal_provision (instrument_code, version, article) ON UPDATE CASCADE,
    CHECK (fine_min_yuan <= fine_max_yuan),
    CHECK (fine_rate_min <= fine_rate_max),
    CHECK (detention_days_min <= detention_days_max),
    -- A rate-based fine needs its base and both rates; a fixed fine has neither.
    CHECK ((fine_base IS NULL) = (fine_rate_min IS NULL) AND (fine_base IS NULL) = (fine_rate_max IS NULL)),
    -- Fine amounts exactly when a fine is available, so ranges cannot silently go missing.
    CHECK (('fine' = ANY (sanctions)) = (fine_max_yuan IS NOT NULL OR fine_base IS NOT NULL)),
    CHECK (('detention' = ANY (sanctions)) = (detention_days_max IS NOT NULL))
);

COMMENT ON TABLE penalty_tier IS
    'The penalty brackets an article sets, e.g. tier 1 ordinary, tier 2 serious or refused to correct. '
    'Keyed by provision, not by violation: every violation punished under the article shares them. '
    'Only versions for which violations.md gives amounts have tiers.';
COMMENT ON COLUMN penalty_tier.applies_when IS
    'When the bracket applies (ordinary case, serious, refused to correct, turnover threshold). Tier 2 of '
    'minors law 123 needs the rectification order, its deadline and the re-inspection on record.';
COMMENT ON COLUMN penalty_tier.fine_min_yuan IS 'Lower bound of a fixed fine; NULL for "up to" (≤) ranges.';
COMMENT ON COLUMN penalty_tier.fine_max_yuan IS 'Upper bound of a fixed fine in yuan.';
COMMENT ON COLUMN penalty_tier.fine_base IS
    'For fines set as a multiple or share of an amount: which amount the handler must establish.';
COMMENT ON COLUMN penalty_tier.fine_rate_min IS 'Lowest multiple of fine_base (5 = 5×, 0.2 = 20%).';
COMMENT ON COLUMN penalty_tier.imposed_by IS
    'Department that imposes this bracket when it is not the violation''s lead (e.g. CUL suspends or '
    'revokes after police fire-safety findings); NULL = the lead department.';

-- ---------------------------------------------------------------------------------------------
-- Escalation ladders (repeat-offence rules).
-- ---------------------------------------------------------------------------------------------

CREATE TABLE escalation_ladder (
    code              text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]+$'),
    violation_code    text NOT NULL REFERENCES violation_type (code),
    jurisdiction_code text,
    local_example     boolean NOT NULL DEFAULT false,
    count_scope       text NOT NULL CHECK (count_scope IN ('venue', 'operator')),
    window_months     integer CHECK (window_months > 0),
    source_note       text NOT NULL CHECK (btrim(source_note) <> ''),
    active            boolean NOT NULL DEFAULT true,
    -- An example is a template to copy into a jurisdiction, never a rule of one.
    CHECK (NOT (local_example AND jurisdiction_code IS NOT NULL))
);

COMMENT ON TABLE escalation_ladder IS
    'A repeat-offence rule for one violation: how offences are counted and what each count calls for. '
    'Ladders differ by jurisdiction: a jurisdiction''s own ladder replaces the national default '
    '(jurisdiction_code NULL, local_example false) for the same violation and scope.';
COMMENT ON COLUMN escalation_ladder.jurisdiction_code IS
    'Administrative division whose rule this is; NULL = national default or an example. No foreign '
    'key yet: the jurisdiction table belongs to another migration.';
COMMENT ON COLUMN escalation_ladder.local_example IS
    'True for the illustrative local ladders in violations.md: shown as templates, never applied.';
COMMENT ON COLUMN escalation_ladder.count_scope IS
    'Count per venue or per operator (legal representative / principal), both needed per enforcement.md.';
COMMENT ON COLUMN escalation_ladder.window_months IS
    'Rolling window the count covers, in months so that "one year" means a calendar year; '
    'NULL = cumulative without limit. A no-penalty outcome (首违不罚) still counts as an offence.';

CREATE INDEX escalation_ladder_violation_idx ON escalation_ladder (violation_code);

CREATE TABLE escalation_step (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ladder_code   text NOT NULL REFERENCES escalation_ladder (code) ON DELETE CASCADE,
    step_from     smallint NOT NULL CHECK (step_from >= 1),
    step_to       smallint,
    applies_when  text,
    sanctions     sanction_set NOT NULL,
    fine_min_yuan numeric(14, 2) CHECK (fine_min_yuan >= 0),
    fine_max_yuan numeric(14, 2) CHECK (fine_max_yuan > 0),
    note          text,
    UNIQUE NULLS NOT DISTINCT (ladder_code, step_from, applies_when),
    CHECK (step_to >= step_from),
    CHECK (fine_min_yuan <= fine_max_yuan),
    CHECK (fine_max_yuan IS NULL OR 'fine' = ANY (sanctions))
);

COMMENT ON TABLE escalation_step IS
    'One rung: applies when the count (this offence included) is between step_from and step_to '
    '(NULL = and beyond) and applies_when holds. A rung with applies_when takes precedence over one '
    'without. Fines here narrow the statutory range of penalty_tier; they never widen it.';
COMMENT ON COLUMN escalation_step.applies_when IS
    'Extra condition besides the count (e.g. minors admitted outside business hours); NULL = count alone.';

CREATE INDEX escalation_step_ladder_idx ON escalation_step (ladder_code);

-- ---------------------------------------------------------------------------------------------
-- Distance rules around schools.
-- ---------------------------------------------------------------------------------------------

CREATE TABLE proximity_rule (
    code              text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]+$'),
    violation_code    text NOT NULL REFERENCES violation_type (code),
    jurisdiction_code text,
    local_example     boolean NOT NULL DEFAULT false,
    distance_m        numeric(7, 1) NOT NULL CHECK (distance_m > 0),
    protected_kinds   text[] NOT NULL
        CHECK (cardinality(protected_kinds) > 0
               AND protected_kinds <@ ARRAY['primary_school', 'middle_school', 'other_school', 'kindergarten']::text[]),
    measurement       text NOT NULL CHECK (btrim(measurement) <> ''),
    active            boolean NOT NULL DEFAULT true,
    note              text,
    CHECK (NOT (local_example AND jurisdiction_code IS NOT NULL))
);

COMMENT ON TABLE proximity_rule IS
    'How close to a school a venue may not be, for the spatial checks (ST_DWithin on geography). The '
    'cafe 200 m rule is national; tobacco has no national distance, so its rules are per jurisdiction.';
COMMENT ON COLUMN proximity_rule.measurement IS
    'How the distance is measured, in words (the spatial query must follow it).';

CREATE INDEX proximity_rule_violation_idx ON proximity_rule (violation_code);

-- =============================================================================================
-- Seed data (violations.md)
-- =============================================================================================

INSERT INTO legal_instrument (code, kind, title_zh, title_en, note) VALUES
    ('CAFE_REG', 'administrative_regulation', '互联网上网服务营业场所管理条例',
     'Regulation on the Administration of Business Premises for Internet Access Services',
     '国务院令第363号 (2002); amended 2011, 2016, 2019, 2022. Penalty articles renumbered in 2016 and 2022.'),
    ('MINORS_LAW', 'law', '中华人民共和国未成年人保护法', 'Law on the Protection of Minors',
     'Current text: 2020 revision as amended 2024. Art. 58 cafes, 59 tobacco, 61 employment; 123 and 125 penalties.'),
    ('TOBACCO_LAW', 'law', '中华人民共和国烟草专卖法', 'Tobacco Monopoly Law',
     'Art. 16 retail licence; 32 unlicensed retail penalty.'),
    ('TOBACCO_REG', 'administrative_regulation', '中华人民共和国烟草专卖法实施条例',
     'Regulation for the Implementation of the Tobacco Monopoly Law',
     'Art. 14 inspection/suspension; 56–60 penalties; 65 e-cigarettes.'),
    ('TOBACCO_LICENCE_MEASURES', 'departmental_rule', '烟草专卖许可证管理办法',
     'Measures for the Administration of Tobacco Monopoly Licences',
     'Art. 25: no retail licence around primary/middle schools (numbering unverified).'),
    ('ECIG_MEASURES', 'departmental_rule', '电子烟管理办法', 'Measures for the Administration of Electronic Cigarettes',
     'No e-cigarette outlets around schools, no sale to minors (article numbers unverified).'),
    ('ADMIN_PENALTY_LAW', 'law', '中华人民共和国行政处罚法', 'Administrative Penalty Law',
     'Procedure for every penalty: two officers, recusal, one fine per act, time limits.'),
    ('ADMIN_COMPULSION_LAW', 'law', '中华人民共和国行政强制法', 'Administrative Compulsion Law',
     '查封/扣押 only by the empowered agency; at most 30 days, extendable once by 30. violations.md gives no article numbers.'),
    ('BUSINESS_ENV_REG', 'administrative_regulation', '优化营商环境条例', 'Regulation on Optimizing the Business Environment',
     'Art. 54: 双随机、一公开 random inspections.'),
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', 'law', '中华人民共和国治安管理处罚法',
     'Public Security Administration Punishment Law',
     'Obstructing officers; violations.md cites the 2012 text (art. 50) and asks to check the 2025 revision.');

INSERT INTO legal_instrument_version (instrument_code, version, in_force_from, superseded, note) VALUES
    ('CAFE_REG', '2002', NULL, true, 'Original text (国务院令第363号). Articles as in the 2002/2011 column.'),
    ('CAFE_REG', '2011', NULL, true, 'Amendment; article numbers as 2002.'),
    ('CAFE_REG', '2016', NULL, true, 'Amendment; penalty articles renumbered (2016/2019 column).'),
    ('CAFE_REG', '2019', NULL, true, 'Amendment; article numbers as 2016.'),
    ('CAFE_REG', '2022', NULL, false, 'Current text; penalty articles renumbered again.'),
    ('MINORS_LAW', '2006', NULL, true, 'Art. 36 cafes, 37 tobacco. Penalty articles not recorded in violations.md.'),
    ('MINORS_LAW', '2020', '2021-06-01', true, 'Revision in force 2021-06-01; amended 2024.'),
    ('MINORS_LAW', '2024', NULL, false, 'Amendment; violations.md: penalties unchanged, articles as 2020.'),
    ('TOBACCO_LAW', '2015', NULL, false, NULL),
    ('TOBACCO_REG', '2023', NULL, false, NULL),
    ('TOBACCO_LICENCE_MEASURES', '2016', NULL, false, NULL),
    ('ECIG_MEASURES', '2022', '2022-05-01', false, NULL),
    ('ADMIN_PENALTY_LAW', '2021', NULL, false, NULL),
    ('ADMIN_COMPULSION_LAW', '2011', NULL, false, NULL),
    ('BUSINESS_ENV_REG', '2019', NULL, false, NULL),
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', '2012', NULL, false,
     'The text violations.md cites. Mark superseded once the 2025 revision is confirmed in force.'),
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', '2025', NULL, false,
     'Revision named in violations.md (check it); in-force date and renumbering not yet recorded.');

-- Cafe regulation articles by version: the article-by-version table of violations.md, one row per
-- (article, versions that share its number and topic). Articles 13, 17, 19, 24 are cited only for
-- 2022 in the violation table; their numbers in older texts are not recorded.
INSERT INTO legal_provision (instrument_code, version, article, topic_en, topic_zh, note)
SELECT 'CAFE_REG', v.version, p.article, p.topic_en, p.topic_zh, p.note
FROM (VALUES
    ('{2002,2011,2016,2019,2022}'::text[], '7', 'Licence required', '经营须取得网络文化经营许可证', NULL),
    ('{2002,2011,2016,2019,2022}', '9', 'Not within 200 m of primary/middle schools; not in residential buildings',
     '中学、小学校园周围200米范围内和居民住宅楼内不得设立', NULL),
    ('{2002,2011,2016,2019,2022}', '20', 'Display licences', '悬挂许可证件', NULL),
    ('{2002,2011,2016,2019,2022}', '21', 'No minors; "未成年人禁入" sign', '不得接纳未成年人；悬挂未成年人禁入标志', NULL),
    ('{2002,2011,2016,2019,2022}', '22', 'Hours 8:00–24:00', '营业时间8时至24时', NULL),
    ('{2002,2011,2016,2019,2022}', '23', 'Check and register ID; keep records ≥60 days',
     '核对、登记有效身份证件；记录保存不少于60日', NULL),
    ('{2002,2011}', '27', 'Penalty: unlicensed operation (取缔)', '无证经营的处罚（取缔）',
     '工商 (now SAMR) led under the 2002/2011 text.'),
    ('{2016,2019,2022}', '27', 'Penalty: unlicensed operation (取缔)', '无证经营的处罚（取缔）', 'CUL leads since 2016.'),
    ('{2002,2011}', '30', 'Penalty: hours / minors / sign / tech measures', '营业时间、未成年人、标志、技术措施的处罚', NULL),
    ('{2002,2011}', '31', 'Penalty: ID registration, records, LAN, patrol', '身份登记、记录、局域网、巡查的处罚', NULL),
    ('{2002,2011}', '32', 'Penalty (police): fire, smoking, exits', '消防、吸烟、安全出口的处罚（公安）', NULL),
    ('{2016,2019,2022}', '31', 'Penalty: hours / minors / sign / tech measures', '营业时间、未成年人、标志、技术措施的处罚', NULL),
    ('{2016,2019}', '32', 'Penalty: ID registration, records, LAN, patrol', '身份登记、记录、局域网、巡查的处罚', NULL),
    ('{2016,2019}', '33', 'Penalty (police): fire, smoking, exits', '消防、吸烟、安全出口的处罚（公安）', NULL),
    ('{2022}', '33', 'Penalty: ID registration, records, LAN, patrol', '身份登记、记录、局域网、巡查的处罚', NULL),
    ('{2022}', '34', 'Penalty (police): fire, smoking, exits', '消防、吸烟、安全出口的处罚（公安）',
     'Serious cases: suspension up to revocation by CUL.'),
    ('{2002,2011,2016,2019}', '35', '5-year ban on the principal after revocation or 取缔',
     '被吊销许可证或取缔后，负责人5年内不得担任经营单位负责人', NULL),
    ('{2022}', '36', '5-year ban on the principal after revocation or 取缔',
     '被吊销许可证或取缔后，负责人5年内不得担任经营单位负责人', NULL),
    ('{2022}', '13', 'Filing of changes (name, address, representative) and of closure', '变更、终止经营的备案', NULL),
    ('{2022}', '17', 'No non-network (offline) games', '不得经营非网络游戏', NULL),
    ('{2022}', '19', 'Technical measures (monitoring client) and patrol; stop and report illegal acts',
     '实施经营管理技术措施；巡查，制止并报告违法行为', NULL),
    ('{2022}', '24', 'Fire safety: no open flame, stop smoking, no-smoking sign, exits open',
     '消防安全：不得明火照明，制止吸烟，悬挂禁烟标志，不得封堵安全出口', NULL)
) AS p (versions, article, topic_en, topic_zh, note)
CROSS JOIN LATERAL unnest(p.versions) AS v (version);

INSERT INTO legal_provision (instrument_code, version, article, topic_en, topic_zh, note)
SELECT 'MINORS_LAW', v.version, p.article, p.topic_en, p.topic_zh, NULL
FROM (VALUES
    ('{2006}'::text[], '36', 'Cafes and entertainment venues: duties towards minors', '营业性娱乐场所、网吧不得接纳未成年人'),
    ('{2006}', '37', 'Tobacco and alcohol: no sale to minors', '不得向未成年人出售烟酒'),
    ('{2020,2024}', '58', 'Cafes and similar venues: duties towards minors', '网吧等场所不得允许未成年人进入等'),
    ('{2020,2024}', '59', 'Tobacco (incl. e-cigarettes): duties towards minors', '不得向未成年人销售烟（含电子烟）等'),
    ('{2020,2024}', '61', 'No employment of minors', '不得招用未成年人'),
    ('{2020,2024}', '123', 'Penalty for breaches of arts. 58 and 59', '违反第五十八条、第五十九条的处罚'),
    ('{2020,2024}', '125', 'Penalty for breaches of art. 61', '违反第六十一条的处罚')
) AS p (versions, article, topic_en, topic_zh)
CROSS JOIN LATERAL unnest(p.versions) AS v (version);

INSERT INTO legal_provision (instrument_code, version, article, topic_en, topic_zh, note) VALUES
    ('TOBACCO_LAW', '2015', '16', 'Tobacco retail requires a retail licence', '经营烟草制品零售业务须取得烟草专卖零售许可证', NULL),
    ('TOBACCO_LAW', '2015', '32', 'Penalty: unlicensed tobacco retail', '无证经营烟草制品零售业务的处罚',
     'violations.md gives one range for art. 32 with implementing regulation art. 57; it is recorded on art. 57.'),
    ('TOBACCO_REG', '2023', '14', 'Inspection; suspension', '监督检查；暂停经营', NULL),
    ('TOBACCO_REG', '2023', '23', 'Retailers buy from the local tobacco wholesaler', '零售户应当从当地烟草专卖批发企业进货', NULL),
    ('TOBACCO_REG', '2023', '56', 'Penalty: buying outside the local wholesaler', '未在当地批发企业进货的处罚', NULL),
    ('TOBACCO_REG', '2023', '57', 'Penalty: unlicensed retail (amounts)', '无证零售的处罚（罚款幅度）', NULL),
    ('TOBACCO_REG', '2023', '58', 'Penalty: counterfeit or smuggled products', '销售假冒、走私烟草制品的处罚', NULL),
    ('TOBACCO_REG', '2023', '65', 'E-cigarettes handled by reference to this regulation', '电子烟参照本条例执行', NULL),
    ('TOBACCO_LICENCE_MEASURES', '2016', '25', 'No retail licence around primary/middle schools',
     '中小学校周边不得发放烟草专卖零售许可证', 'Numbering unverified (violations.md).'),
    ('ADMIN_PENALTY_LAW', '2021', '29', 'One act, one fine: the norm with the higher fine applies', '一事不二罚款，按罚款数额高的规定处罚', NULL),
    ('ADMIN_PENALTY_LAW', '2021', '33', 'No penalty for a minor first offence corrected in time', '初次违法且危害后果轻微并及时改正的，可以不予处罚', NULL),
    ('ADMIN_PENALTY_LAW', '2021', '36', 'Limitation: 2 years (5 for health and safety)', '追责时效2年（涉及生命健康安全的5年）', NULL),
    ('ADMIN_PENALTY_LAW', '2021', '42', 'At least two enforcement officers', '执法人员不得少于两人', NULL),
    ('ADMIN_PENALTY_LAW', '2021', '43', 'Recusal for conflicts of interest', '回避', NULL),
    ('ADMIN_PENALTY_LAW', '2021', '56', 'Evidence preservation: decision within 7 days', '先行登记保存，7日内作出处理决定', NULL),
    ('ADMIN_PENALTY_LAW', '2021', '60', 'Decision within 90 days of filing', '立案之日起90日内作出处罚决定', NULL),
    ('ADMIN_PENALTY_LAW', '2021', '61', 'Delivery of the decision within 7 days', '7日内送达', NULL),
    ('BUSINESS_ENV_REG', '2019', '54', 'Random inspections: 双随机、一公开', '双随机、一公开监管', NULL),
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', '2012', '50', 'Obstructing officers performing their duties', '阻碍国家机关工作人员依法执行职务',
     'The article defines the act and sets its penalty.');

INSERT INTO violation_type
    (code, sector, title_zh, title_en, description_en, lead_department, competence_note,
     penalty_summary, escalation_note, practice_note)
VALUES
    ('CAFE_UNLICENSED', 'cafe', '无证经营互联网上网服务营业场所（“黑网吧”）',
     'Unlicensed internet café ("black internet café")',
     'Operating without a 网络文化经营许可证 ("黑网吧"), incl. disguised as computer schools or reading rooms',
     'CUL', 'CUL with PSB; SAMR (no business licence); TEL cuts access',
     '取缔; 查封 premises; 扣押/没收 equipment; turnover ≥¥10,000: F 5–10× turnover, else F ¥10,000–50,000; criminal 非法经营 possible',
     'Principal barred 5 years (cafe regulation 2022 art. 36).', NULL),
    ('CAFE_MINOR_ADMITTED', 'cafe', '接纳未成年人进入营业场所', 'Admitting a minor',
     'Admitting a person under 18',
     'CUL', 'CUL; PSB often detects and refers',
     'Cafe reg.: W, F ≤¥15,000; serious → 停业整顿 up to 吊销. Minors law: 责令限期改正, W, 没收, F ≤¥50,000; '
     'refuses to correct or serious → 停业整顿/吊销 + F ¥50,000–500,000. One fine only, under the higher-fine norm.',
     '2004 national campaign rule: 2nd cumulative → 停业整顿, 3rd → 吊销; minors admitted outside hours → 吊销 at once.',
     NULL),
    ('CAFE_NO_ID_CHECK', 'cafe', '未核对、登记上网消费者的有效身份证件', 'Customer ID not checked or registered',
     'Not checking/registering customers'' ID',
     'CUL', 'CUL and PSB',
     'W, F ≤¥15,000; serious → 停业整顿 up to 吊销 (minors law 123 also applies)', NULL, NULL),
    ('CAFE_RECORDS', 'cafe', '登记内容保存不足60日或被篡改', 'Registration records kept under 60 days or altered',
     'Registration records kept <60 days or altered',
     'CUL', 'CUL / PSB',
     'W, F ≤¥15,000; serious → 停业整顿 up to 吊销', NULL, NULL),
    ('CAFE_HOURS', 'cafe', '在规定的营业时间以外营业', 'Open outside permitted hours',
     'Open outside 8:00–24:00',
     'CUL', 'CUL',
     'W, F ≤¥15,000; serious → 停业整顿 up to 吊销',
     'Example local ladder by count within one year: 1st W; 2nd W + ≤¥3,000; 3rd ¥3,000–8,000; 4th ¥8,000–15,000; 5th 停业整顿 or 吊销.',
     NULL),
    ('CAFE_NO_MINOR_SIGN', 'cafe', '未悬挂“未成年人禁入”标志', 'No "no minors" sign',
     'No "未成年人禁入" sign at the entrance',
     'CUL', 'CUL',
     'As cafe regulation art. 31: W, F ≤¥15,000; serious → 停业整顿 up to 吊销 (minors law 123 also applies)',
     'Local no-penalty lists excuse a first offence fixed on the spot (首违不罚; it still counts as a prior offence).',
     NULL),
    ('CAFE_NO_LICENSE_DISPLAY', 'cafe', '未悬挂网络文化经营许可证等证照', 'Licence not displayed',
     'Licence not displayed',
     'CUL', 'CUL',
     'As cafe regulation art. 31: W, F ≤¥15,000; serious → 停业整顿 up to 吊销',
     'Local no-penalty lists excuse a first offence fixed on the spot (首违不罚; it still counts as a prior offence).',
     NULL),
    ('CAFE_NEAR_SCHOOL', 'cafe', '在中小学校周围200米内或居民住宅楼内设立', 'Too close to a school, or in a residential building',
     'Within 200 m (straight line from the school boundary) of a primary/middle school, or in a residential building',
     'CUL', 'CUL; SAMR, education assist',
     'Under minors law 123: 责令限期改正, W, 没收, F ≤¥50,000; refuses to correct or serious → 停业整顿/吊销 + F ¥50,000–500,000',
     NULL,
     'Whether a café must move when a school opens later is unsettled.'),
    ('CAFE_TECH_MEASURES_OFF', 'cafe', '擅自停止实施经营管理技术措施', 'Monitoring client switched off',
     'Culture''s monitoring client switched off',
     'CUL', 'CUL',
     'As cafe regulation art. 31: W, F ≤¥15,000; serious → 停业整顿 up to 吊销', NULL, NULL),
    ('CAFE_NON_NETWORK_GAME', 'cafe', '经营非网络游戏', 'Offline games offered',
     'Offline (non-network) games offered',
     'CUL', 'CUL',
     'As cafe regulation art. 31: W, F ≤¥15,000; serious → 停业整顿 up to 吊销', NULL, NULL),
    ('CAFE_NO_PATROL', 'cafe', '未实施巡查，对上网消费者的违法行为未予制止或报告', 'No patrol; illegal acts not stopped or reported',
     'No patrol; customers'' illegal acts not stopped or reported',
     'CUL', 'CUL / PSB',
     'As cafe regulation art. 33: W, F ≤¥15,000; serious → 停业整顿 up to 吊销', NULL, NULL),
    ('CAFE_CHANGE_UNFILED', 'cafe', '变更名称、住所、法定代表人或终止经营活动未备案', 'Change or closure not filed',
     'Change of name, address, representative or closure not filed',
     'CUL', 'CUL / PSB',
     'As cafe regulation art. 33: W, F ≤¥15,000; serious → 停业整顿 up to 吊销', NULL, NULL),
    ('CAFE_SMOKING_FIRE', 'cafe', '利用明火照明、对吸烟不予制止或未悬挂禁止吸烟标志', 'Open flame or smoking not stopped',
     'Open flame, smoking not stopped, no no-smoking sign',
     'PSB', 'PSB / FIRE',
     'W, F ≤¥15,000; serious → 停业整顿 up to 吊销 (by CUL)', NULL, NULL),
    ('CAFE_EXITS_BLOCKED', 'cafe', '营业期间封堵、锁闭门窗、安全疏散通道或安全出口', 'Exits blocked or locked',
     'Window grilles, locked or blocked exits during business',
     'PSB', 'PSB / FIRE',
     'As cafe regulation art. 34: W, F ≤¥15,000; serious → 停业整顿 up to 吊销 (by CUL)', NULL, NULL),
    ('CAFE_MINOR_EMPLOYED', 'cafe', '招用未成年人', 'Employing a minor',
     'Employing a minor',
     'CUL', 'CUL, SAMR',
     '责令限期改正, W, 没收, F ≤¥100,000; serious → 停业/吊销 + F ¥100,000–1,000,000', NULL, NULL),
    ('OBSTRUCTION', 'general', '阻碍执法人员依法执行职务', 'Obstructing inspectors',
     'Obstructing inspectors',
     'PSB', 'PSB',
     'W or F ≤¥200; serious → detention 5–10 days (check the 2025 revision)', NULL, NULL),
    ('TOBACCO_SALE_TO_MINOR', 'tobacco', '向未成年人销售烟草制品（含电子烟）', 'Selling tobacco to a minor',
     'Selling cigarettes or e-cigarettes to a person under 18',
     'TOB', 'TOB for licensed retailers; SAMR for unlicensed sellers and general shops',
     '责令限期改正, W, 没收, F ≤¥50,000; refuses to correct or serious → 停业整顿/吊销 + F ¥50,000–500,000',
     NULL,
     'Proving the sale and the buyer''s age is the hard part: evidence fields matter.'),
    ('TOBACCO_NO_SIGN', 'tobacco', '未设置“不向未成年人出售烟”标志', 'No "no sales to minors" sign',
     'No "不向未成年人出售烟" sign',
     'TOB', 'TOB / SAMR',
     'As minors law 123: 责令限期改正, W, 没收, F ≤¥50,000; refuses to correct or serious → 停业整顿/吊销 + F ¥50,000–500,000',
     NULL,
     'Surveys found 50–60% of outlets without the sign.'),
    ('TOBACCO_NO_ID_CHECK', 'tobacco', '对难以判明是否成年的购买者未要求出示身份证件', 'Age not checked when unclear',
     'Age not checked when unclear',
     'TOB', 'TOB / SAMR',
     'As minors law 123: 责令限期改正, W, 没收, F ≤¥50,000; refuses to correct or serious → 停业整顿/吊销 + F ¥50,000–500,000',
     NULL,
     'Rarely enforced alone.'),
    ('TOBACCO_NEAR_SCHOOL', 'tobacco', '在学校、幼儿园周边设置烟草制品销售网点', 'Tobacco outlet around a school',
     'Outlet "around" a school or kindergarten',
     'TOB', 'TOB (licensing, non-renewal); SAMR (unlicensed)',
     'Under minors law 123, or licence refused / not renewed',
     NULL,
     'No national distance: local plans use 50–100 m, configured per jurisdiction (proximity_rule).'),
    ('TOBACCO_UNLICENSED', 'tobacco', '无烟草专卖零售许可证经营烟草制品零售业务', 'Unlicensed tobacco retail',
     'Retail without a 烟草专卖零售许可证',
     'SAMR', 'SAMR leads; TOB assists',
     '责令停止, 没收, F 20–50% of illegal turnover',
     'Criminal if turnover ≥¥50,000, gains ≥¥20,000, ≥200,000 cigarettes, or ≥2 administrative penalties within 3 years '
     '+ ¥30,000 again; punished twice within 1 year → no licence for 3 years.',
     NULL),
    ('TOBACCO_OFF_CHANNEL', 'tobacco', '持证零售户未在当地烟草专卖批发企业进货', 'Buying outside the local wholesaler',
     'Licensed retailer not buying from the local wholesaler',
     'TOB', 'TOB',
     '没收, F 5–10% of purchases', NULL, NULL),
    ('TOBACCO_ILLEGAL_PRODUCT', 'tobacco', '销售假冒、走私烟草制品', 'Counterfeit or smuggled tobacco',
     'Counterfeit or smuggled products',
     'TOB', 'TOB; PSB for crimes',
     '没收, F 20–50% of sales', NULL, NULL),
    ('TOBACCO_ECIG_CHANNEL', 'tobacco', '通过自动售货机或信息网络销售电子烟、销售调味电子烟', 'Prohibited e-cigarette sales channel',
     'E-cigs via vending machines, flavoured, or online',
     'TOB', 'TOB / SAMR',
     'Per 实施条例 65', NULL, NULL);

INSERT INTO violation_assisting_department (violation_code, department_code, note) VALUES
    ('CAFE_UNLICENSED', 'PSB', 'Raids and closes (取缔) with CUL.'),
    ('CAFE_UNLICENSED', 'SAMR', 'No business licence.'),
    ('CAFE_UNLICENSED', 'TEL', 'Cuts access.'),
    ('CAFE_MINOR_ADMITTED', 'PSB', 'Often detects minors and refers the case to CUL.'),
    ('CAFE_NO_ID_CHECK', 'PSB', 'Named jointly with CUL ("CUL and PSB").'),
    ('CAFE_RECORDS', 'PSB', NULL),
    ('CAFE_NEAR_SCHOOL', 'SAMR', NULL),
    ('CAFE_NEAR_SCHOOL', 'EDU', NULL),
    ('CAFE_NO_PATROL', 'PSB', NULL),
    ('CAFE_CHANGE_UNFILED', 'PSB', NULL),
    ('CAFE_SMOKING_FIRE', 'FIRE', NULL),
    ('CAFE_EXITS_BLOCKED', 'FIRE', NULL),
    ('CAFE_MINOR_EMPLOYED', 'SAMR', NULL),
    ('TOBACCO_SALE_TO_MINOR', 'SAMR', 'Competent for unlicensed sellers and general shops.'),
    ('TOBACCO_NO_SIGN', 'SAMR', NULL),
    ('TOBACCO_NO_ID_CHECK', 'SAMR', NULL),
    ('TOBACCO_NEAR_SCHOOL', 'SAMR', 'Competent for unlicensed outlets.'),
    ('TOBACCO_UNLICENSED', 'TOB', NULL),
    ('TOBACCO_ILLEGAL_PRODUCT', 'PSB', 'For crimes.'),
    ('TOBACCO_ECIG_CHANNEL', 'SAMR', NULL);

-- Legal bases. Each row lists the versions sharing one citation; unnest makes one row per version.
INSERT INTO violation_legal_basis
    (violation_code, basis_role, instrument_code, version, article, provenance, verified, note)
SELECT b.violation_code, b.basis_role, b.instrument_code, v.version, b.article, b.provenance, b.verified, b.note
FROM (VALUES
    -- Cafe regulation, duties. Older texts from the article-by-version table where it names the topic.
    ('CAFE_UNLICENSED', 'duty', 'CAFE_REG', '{2022}'::text[], '7', 'violation_table', true, NULL),
    ('CAFE_UNLICENSED', 'duty', 'CAFE_REG', '{2002,2011,2016,2019}', '7', 'version_table', true, NULL),
    ('CAFE_MINOR_ADMITTED', 'duty', 'CAFE_REG', '{2022}', '21', 'violation_table', true, NULL),
    ('CAFE_MINOR_ADMITTED', 'duty', 'CAFE_REG', '{2002,2011,2016,2019}', '21', 'version_table', true, NULL),
    ('CAFE_NO_ID_CHECK', 'duty', 'CAFE_REG', '{2022}', '23', 'violation_table', true, NULL),
    ('CAFE_NO_ID_CHECK', 'duty', 'CAFE_REG', '{2002,2011,2016,2019}', '23', 'version_table', true, NULL),
    ('CAFE_RECORDS', 'duty', 'CAFE_REG', '{2022}', '23', 'violation_table', true, NULL),
    ('CAFE_RECORDS', 'duty', 'CAFE_REG', '{2002,2011,2016,2019}', '23', 'version_table', true, NULL),
    ('CAFE_HOURS', 'duty', 'CAFE_REG', '{2022}', '22', 'violation_table', true, NULL),
    ('CAFE_HOURS', 'duty', 'CAFE_REG', '{2002,2011,2016,2019}', '22', 'version_table', true, NULL),
    ('CAFE_NO_MINOR_SIGN', 'duty', 'CAFE_REG', '{2022}', '21', 'violation_table', true, NULL),
    ('CAFE_NO_MINOR_SIGN', 'duty', 'CAFE_REG', '{2002,2011,2016,2019}', '21', 'version_table', true, NULL),
    ('CAFE_NO_LICENSE_DISPLAY', 'duty', 'CAFE_REG', '{2022}', '20', 'violation_table', true, NULL),
    ('CAFE_NO_LICENSE_DISPLAY', 'duty', 'CAFE_REG', '{2002,2011,2016,2019}', '20', 'version_table', true, NULL),
    ('CAFE_NEAR_SCHOOL', 'duty', 'CAFE_REG', '{2022}', '9', 'violation_table', true,
     'The cafe regulation names no penalty article for this duty; the penalty is minors law 123.'),
    ('CAFE_NEAR_SCHOOL', 'duty', 'CAFE_REG', '{2002,2011,2016,2019}', '9', 'version_table', true, NULL),
    ('CAFE_TECH_MEASURES_OFF', 'duty', 'CAFE_REG', '{2022}', '19', 'violation_table', true, NULL),
    ('CAFE_NON_NETWORK_GAME', 'duty', 'CAFE_REG', '{2022}', '17', 'violation_table', true, NULL),
    ('CAFE_NO_PATROL', 'duty', 'CAFE_REG', '{2022}', '19', 'violation_table', true, NULL),
    ('CAFE_CHANGE_UNFILED', 'duty', 'CAFE_REG', '{2022}', '13', 'violation_table', true, NULL),
    ('CAFE_SMOKING_FIRE', 'duty', 'CAFE_REG', '{2022}', '24', 'violation_table', true, NULL),
    ('CAFE_EXITS_BLOCKED', 'duty', 'CAFE_REG', '{2022}', '24', 'violation_table', true, NULL),

    -- Cafe regulation, penalties: 2022 from the violation table, older texts from the version table.
    ('CAFE_UNLICENSED', 'penalty', 'CAFE_REG', '{2022}', '27', 'violation_table', true, NULL),
    ('CAFE_UNLICENSED', 'penalty', 'CAFE_REG', '{2016,2019}', '27', 'version_table', true, NULL),
    ('CAFE_UNLICENSED', 'penalty', 'CAFE_REG', '{2002,2011}', '27', 'version_table', true,
     '工商 (now SAMR) led 取缔 under this text.'),
    ('CAFE_MINOR_ADMITTED', 'penalty', 'CAFE_REG', '{2022}', '31', 'violation_table', true, NULL),
    ('CAFE_MINOR_ADMITTED', 'penalty', 'CAFE_REG', '{2016,2019}', '31', 'version_table', true, NULL),
    ('CAFE_MINOR_ADMITTED', 'penalty', 'CAFE_REG', '{2002,2011}', '30', 'version_table', true, NULL),
    ('CAFE_HOURS', 'penalty', 'CAFE_REG', '{2022}', '31', 'violation_table', true, NULL),
    ('CAFE_HOURS', 'penalty', 'CAFE_REG', '{2016,2019}', '31', 'version_table', true, NULL),
    ('CAFE_HOURS', 'penalty', 'CAFE_REG', '{2002,2011}', '30', 'version_table', true, NULL),
    ('CAFE_NO_MINOR_SIGN', 'penalty', 'CAFE_REG', '{2022}', '31', 'violation_table', true, NULL),
    ('CAFE_NO_MINOR_SIGN', 'penalty', 'CAFE_REG', '{2016,2019}', '31', 'version_table', true, NULL),
    ('CAFE_NO_MINOR_SIGN', 'penalty', 'CAFE_REG', '{2002,2011}', '30', 'version_table', true, NULL),
    ('CAFE_TECH_MEASURES_OFF', 'penalty', 'CAFE_REG', '{2022}', '31', 'violation_table', true, NULL),
    ('CAFE_TECH_MEASURES_OFF', 'penalty', 'CAFE_REG', '{2016,2019}', '31', 'version_table', true, NULL),
    ('CAFE_TECH_MEASURES_OFF', 'penalty', 'CAFE_REG', '{2002,2011}', '30', 'version_table', true, NULL),
    ('CAFE_NO_LICENSE_DISPLAY', 'penalty', 'CAFE_REG', '{2022}', '31', 'violation_table', true, NULL),
    ('CAFE_NO_LICENSE_DISPLAY', 'penalty', 'CAFE_REG', '{2016,2019}', '31', 'inferred', false,
     'Inferred: the version table''s row for 2022 art. 31 does not name licence display.'),
    ('CAFE_NO_LICENSE_DISPLAY', 'penalty', 'CAFE_REG', '{2002,2011}', '30', 'inferred', false,
     'Inferred: the version table''s row for 2022 art. 31 does not name licence display.'),
    ('CAFE_NON_NETWORK_GAME', 'penalty', 'CAFE_REG', '{2022}', '31', 'violation_table', true, NULL),
    ('CAFE_NON_NETWORK_GAME', 'penalty', 'CAFE_REG', '{2016,2019}', '31', 'inferred', false,
     'Inferred: the version table''s row for 2022 art. 31 does not name non-network games.'),
    ('CAFE_NON_NETWORK_GAME', 'penalty', 'CAFE_REG', '{2002,2011}', '30', 'inferred', false,
     'Inferred: the version table''s row for 2022 art. 31 does not name non-network games.'),
    ('CAFE_NO_ID_CHECK', 'penalty', 'CAFE_REG', '{2022}', '33', 'violation_table', true, NULL),
    ('CAFE_NO_ID_CHECK', 'penalty', 'CAFE_REG', '{2016,2019}', '32', 'version_table', true, NULL),
    ('CAFE_NO_ID_CHECK', 'penalty', 'CAFE_REG', '{2002,2011}', '31', 'version_table', true, NULL),
    ('CAFE_RECORDS', 'penalty', 'CAFE_REG', '{2022}', '33', 'violation_table', true, NULL),
    ('CAFE_RECORDS', 'penalty', 'CAFE_REG', '{2016,2019}', '32', 'version_table', true, NULL),
    ('CAFE_RECORDS', 'penalty', 'CAFE_REG', '{2002,2011}', '31', 'version_table', true, NULL),
    ('CAFE_NO_PATROL', 'penalty', 'CAFE_REG', '{2022}', '33', 'violation_table', true, NULL),
    ('CAFE_NO_PATROL', 'penalty', 'CAFE_REG', '{2016,2019}', '32', 'version_table', true, NULL),
    ('CAFE_NO_PATROL', 'penalty', 'CAFE_REG', '{2002,2011}', '31', 'version_table', true, NULL),
    ('CAFE_CHANGE_UNFILED', 'penalty', 'CAFE_REG', '{2022}', '33', 'violation_table', true, NULL),
    ('CAFE_CHANGE_UNFILED', 'penalty', 'CAFE_REG', '{2016,2019}', '32', 'inferred', false,
     'Inferred: the version table''s row for 2022 art. 33 does not name change filing.'),
    ('CAFE_CHANGE_UNFILED', 'penalty', 'CAFE_REG', '{2002,2011}', '31', 'inferred', false,
     'Inferred: the version table''s row for 2022 art. 33 does not name change filing.'),
    ('CAFE_SMOKING_FIRE', 'penalty', 'CAFE_REG', '{2022}', '34', 'violation_table', true, NULL),
    ('CAFE_SMOKING_FIRE', 'penalty', 'CAFE_REG', '{2016,2019}', '33', 'version_table', true, NULL),
    ('CAFE_SMOKING_FIRE', 'penalty', 'CAFE_REG', '{2002,2011}', '32', 'version_table', true, NULL),
    ('CAFE_EXITS_BLOCKED', 'penalty', 'CAFE_REG', '{2022}', '34', 'violation_table', true, NULL),
    ('CAFE_EXITS_BLOCKED', 'penalty', 'CAFE_REG', '{2016,2019}', '33', 'version_table', true, NULL),
    ('CAFE_EXITS_BLOCKED', 'penalty', 'CAFE_REG', '{2002,2011}', '32', 'version_table', true, NULL),

    -- Cafe regulation, consequence: the 5-year ban on the principal after revocation or 取缔.
    ('CAFE_UNLICENSED', 'consequence', 'CAFE_REG', '{2022}', '36', 'violation_table', true,
     'Also follows any revocation of a licensed cafe.'),
    ('CAFE_UNLICENSED', 'consequence', 'CAFE_REG', '{2002,2011,2016,2019}', '35', 'version_table', true, NULL),

    -- Minors law: 2020 revision and its 2024 amendment (same article numbers per violations.md).
    ('CAFE_MINOR_ADMITTED', 'duty', 'MINORS_LAW', '{2020,2024}', '58', 'violation_table', true, NULL),
    ('CAFE_MINOR_ADMITTED', 'penalty', 'MINORS_LAW', '{2020,2024}', '123', 'violation_table', true,
     'Second rule set for the same act: one fine only, under the norm with the higher fine.'),
    ('CAFE_NO_ID_CHECK', 'duty', 'MINORS_LAW', '{2020,2024}', '58', 'violation_table', true, NULL),
    ('CAFE_NO_ID_CHECK', 'penalty', 'MINORS_LAW', '{2020,2024}', '123', 'violation_table', true,
     'Second rule set for the same act: one fine only, under the norm with the higher fine.'),
    ('CAFE_NO_MINOR_SIGN', 'duty', 'MINORS_LAW', '{2020,2024}', '58', 'violation_table', true, NULL),
    ('CAFE_NO_MINOR_SIGN', 'penalty', 'MINORS_LAW', '{2020,2024}', '123', 'violation_table', true,
     'Second rule set for the same act: one fine only, under the norm with the higher fine.'),
    ('CAFE_NEAR_SCHOOL', 'duty', 'MINORS_LAW', '{2020,2024}', '58', 'violation_table', true, NULL),
    ('CAFE_NEAR_SCHOOL', 'penalty', 'MINORS_LAW', '{2020,2024}', '123', 'violation_table', true, NULL),
    ('CAFE_MINOR_EMPLOYED', 'duty', 'MINORS_LAW', '{2020,2024}', '61', 'violation_table', true, NULL),
    ('CAFE_MINOR_EMPLOYED', 'penalty', 'MINORS_LAW', '{2020,2024}', '125', 'violation_table', true, NULL),
    ('TOBACCO_SALE_TO_MINOR', 'duty', 'MINORS_LAW', '{2020,2024}', '59', 'violation_table', true, NULL),
    ('TOBACCO_SALE_TO_MINOR', 'penalty', 'MINORS_LAW', '{2020,2024}', '123', 'violation_table', true, NULL),
    ('TOBACCO_NO_SIGN', 'duty', 'MINORS_LAW', '{2020,2024}', '59', 'violation_table', true, NULL),
    ('TOBACCO_NO_SIGN', 'penalty', 'MINORS_LAW', '{2020,2024}', '123', 'violation_table', true, NULL),
    ('TOBACCO_NO_ID_CHECK', 'duty', 'MINORS_LAW', '{2020,2024}', '59', 'violation_table', true, NULL),
    ('TOBACCO_NO_ID_CHECK', 'penalty', 'MINORS_LAW', '{2020,2024}', '123', 'violation_table', true, NULL),
    ('TOBACCO_NEAR_SCHOOL', 'duty', 'MINORS_LAW', '{2020,2024}', '59', 'violation_table', true, NULL),
    ('TOBACCO_NEAR_SCHOOL', 'penalty', 'MINORS_LAW', '{2020,2024}', '123', 'violation_table', true, NULL),

    -- Minors law 2006 (superseded): duties only, for old cases.
    ('TOBACCO_SALE_TO_MINOR', 'duty', 'MINORS_LAW', '{2006}', '37', 'violation_table', true, NULL),
    ('CAFE_MINOR_ADMITTED', 'duty', 'MINORS_LAW', '{2006}', '36', 'instrument_table', true, NULL),
    ('CAFE_NO_ID_CHECK', 'duty', 'MINORS_LAW', '{2006}', '36', 'inferred', false,
     'Inferred from "art. 36 cafes"; not confirmed that the 2006 article covered ID checks.'),
    ('CAFE_NO_MINOR_SIGN', 'duty', 'MINORS_LAW', '{2006}', '36', 'inferred', false,
     'Inferred from "art. 36 cafes"; not confirmed that the 2006 article covered the sign.'),
    ('CAFE_NEAR_SCHOOL', 'duty', 'MINORS_LAW', '{2006}', '36', 'inferred', false,
     'Inferred from "art. 36 cafes"; not confirmed that the 2006 article covered distance to schools.'),
    ('TOBACCO_NO_SIGN', 'duty', 'MINORS_LAW', '{2006}', '37', 'inferred', false,
     'Inferred from "art. 37 tobacco"; not confirmed that the 2006 article required the sign.'),
    ('TOBACCO_NO_ID_CHECK', 'duty', 'MINORS_LAW', '{2006}', '37', 'inferred', false,
     'Inferred from "art. 37 tobacco"; not confirmed that the 2006 article required an ID check.'),
    ('TOBACCO_NEAR_SCHOOL', 'duty', 'MINORS_LAW', '{2006}', '37', 'inferred', false,
     'Inferred from "art. 37 tobacco"; not confirmed that the 2006 article covered outlets near schools.'),

    -- Tobacco instruments.
    ('TOBACCO_SALE_TO_MINOR', 'duty', 'ECIG_MEASURES', '{2022}', NULL, 'instrument_table', false,
     'E-cigarettes: no sale to minors. Article number not known (violations.md: unverified).'),
    ('TOBACCO_NEAR_SCHOOL', 'duty', 'TOBACCO_LICENCE_MEASURES', '{2016}', '25', 'violation_table', false,
     'Numbering unverified (violations.md). Ground for refusing or not renewing the licence.'),
    ('TOBACCO_NEAR_SCHOOL', 'duty', 'ECIG_MEASURES', '{2022}', NULL, 'instrument_table', false,
     'No e-cigarette outlets around schools. Article number not known (violations.md: unverified).'),
    ('TOBACCO_UNLICENSED', 'duty', 'TOBACCO_LAW', '{2015}', '16', 'violation_table', true, NULL),
    ('TOBACCO_UNLICENSED', 'penalty', 'TOBACCO_LAW', '{2015}', '32', 'violation_table', true,
     'Amounts recorded on implementing regulation art. 57.'),
    ('TOBACCO_UNLICENSED', 'penalty', 'TOBACCO_REG', '{2023}', '57', 'violation_table', true, NULL),
    ('TOBACCO_OFF_CHANNEL', 'duty', 'TOBACCO_REG', '{2023}', '23', 'violation_table', true, NULL),
    ('TOBACCO_OFF_CHANNEL', 'penalty', 'TOBACCO_REG', '{2023}', '56', 'violation_table', true, NULL),
    ('TOBACCO_ILLEGAL_PRODUCT', 'penalty', 'TOBACCO_REG', '{2023}', '58', 'violation_table', true, NULL),
    ('TOBACCO_ECIG_CHANNEL', 'duty', 'ECIG_MEASURES', '{2022}', NULL, 'violation_table', false,
     'Vending machines, flavoured products, online sales. Article number not known (violations.md: unverified).'),
    ('TOBACCO_ECIG_CHANNEL', 'penalty', 'TOBACCO_REG', '{2023}', '65', 'violation_table', true,
     'Penalised "per 实施条例 65"; violations.md gives no amounts.'),

    -- Obstruction.
    ('OBSTRUCTION', 'penalty', 'PUBLIC_SECURITY_PUNISHMENT_LAW', '{2012}', '50', 'violation_table', true,
     'The 2012 text as cited by violations.md.'),
    ('OBSTRUCTION', 'penalty', 'PUBLIC_SECURITY_PUNISHMENT_LAW', '{2025}', NULL, 'violation_table', false,
     'violations.md: check the 2025 revision. Article and amounts not yet recorded.')
) AS b (violation_code, basis_role, instrument_code, versions, article, provenance, verified, note)
CROSS JOIN LATERAL unnest(b.versions) AS v (version);

-- Penalty tiers, for the versions whose amounts violations.md gives.
INSERT INTO penalty_tier
    (instrument_code, version, article, tier, applies_when, sanctions,
     fine_min_yuan, fine_max_yuan, fine_base, fine_rate_min, fine_rate_max,
     detention_days_min, detention_days_max, imposed_by, note)
SELECT t.instrument_code, v.version, t.article, t.tier, t.applies_when, t.sanctions::sanction_set,
       t.fine_min_yuan, t.fine_max_yuan, t.fine_base, t.fine_rate_min, t.fine_rate_max,
       t.detention_days_min, t.detention_days_max, t.imposed_by, t.note
FROM (VALUES
    ('CAFE_REG', '{2022}'::text[], '27', 1, 'Illegal turnover below ¥10,000 (or none established)',
     '{closure,sealing,seizure,confiscation,fine}'::text[], 10000::numeric, 50000::numeric, NULL::text, NULL::numeric, NULL::numeric,
     NULL::smallint, NULL::smallint, NULL::text, '取缔; 查封 premises; 扣押/没收 equipment.'),
    ('CAFE_REG', '{2022}', '27', 2, 'Illegal turnover ≥ ¥10,000',
     '{closure,sealing,seizure,confiscation,fine}', NULL, NULL, 'illegal_turnover', 5, 10,
     NULL, NULL, NULL, 'Fine 5–10× the illegal turnover.'),
    ('CAFE_REG', '{2022}', '27', 3, 'Suspected crime of illegal business operation (非法经营)',
     '{criminal_referral}', NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL),
    ('CAFE_REG', '{2022}', '31', 1, 'Ordinary case',
     '{warning,fine}', NULL, 15000, NULL, NULL, NULL, NULL, NULL, NULL, 'Warning; fine up to ¥15,000.'),
    ('CAFE_REG', '{2022}', '31', 2, 'Serious (情节严重)',
     '{suspension,revocation}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '停业整顿 up to 吊销.'),
    ('CAFE_REG', '{2022}', '33', 1, 'Ordinary case',
     '{warning,fine}', NULL, 15000, NULL, NULL, NULL, NULL, NULL, NULL, 'Warning; fine up to ¥15,000.'),
    ('CAFE_REG', '{2022}', '33', 2, 'Serious (情节严重)',
     '{suspension,revocation}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '停业整顿 up to 吊销.'),
    ('CAFE_REG', '{2022}', '34', 1, 'Ordinary case',
     '{warning,fine}', NULL, 15000, NULL, NULL, NULL, NULL, NULL, NULL, 'Imposed by the police.'),
    ('CAFE_REG', '{2022}', '34', 2, 'Serious (情节严重)',
     '{suspension,revocation}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'CUL', '停业整顿 up to 吊销, by CUL.'),
    ('MINORS_LAW', '{2020,2024}', '123', 1, 'Ordinary case',
     '{order_to_correct,warning,confiscation,fine}', NULL, 50000, NULL, NULL, NULL, NULL, NULL, NULL,
     '责令限期改正, warning, 没收; fine up to ¥50,000.'),
    ('MINORS_LAW', '{2020,2024}', '123', 2, 'Refuses to correct by the deadline, or serious',
     '{suspension,revocation,fine}', 50000, 500000, NULL, NULL, NULL, NULL, NULL, NULL,
     '停业整顿 or 吊销, plus fine ¥50,000–500,000. Needs the order, its deadline and the re-inspection on record.'),
    ('MINORS_LAW', '{2020,2024}', '125', 1, 'Ordinary case',
     '{order_to_correct,warning,confiscation,fine}', NULL, 100000, NULL, NULL, NULL, NULL, NULL, NULL,
     '责令限期改正, warning, 没收; fine up to ¥100,000.'),
    ('MINORS_LAW', '{2020,2024}', '125', 2, 'Serious',
     '{suspension,revocation,fine}', 100000, 1000000, NULL, NULL, NULL, NULL, NULL, NULL,
     '停业 or 吊销, plus fine ¥100,000–1,000,000.'),
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', '{2012}', '50', 1, 'Ordinary case',
     '{warning,fine}', NULL, 200, NULL, NULL, NULL, NULL, NULL, NULL,
     'Warning or fine up to ¥200 (one of). Check the 2025 revision.'),
    ('PUBLIC_SECURITY_PUNISHMENT_LAW', '{2012}', '50', 2, 'Serious',
     '{detention}', NULL, NULL, NULL, NULL, NULL, 5, 10, NULL,
     'Detention 5–10 days. Check the 2025 revision.'),
    ('TOBACCO_REG', '{2023}', '56', 1, 'Any case',
     '{confiscation,fine}', NULL, NULL, 'purchase_value', 0.05, 0.10, NULL, NULL, NULL,
     '没收; fine 5–10% of the purchases.'),
    ('TOBACCO_REG', '{2023}', '57', 1, 'Any case',
     '{order_to_stop,confiscation,fine}', NULL, NULL, 'illegal_turnover', 0.20, 0.50, NULL, NULL, NULL,
     '责令停止, 没收; fine 20–50% of the illegal turnover. The penalty of tobacco law art. 32.'),
    ('TOBACCO_REG', '{2023}', '58', 1, 'Any case',
     '{confiscation,fine}', NULL, NULL, 'sales_value', 0.20, 0.50, NULL, NULL, NULL,
     '没收; fine 20–50% of the sales.')
) AS t (instrument_code, versions, article, tier, applies_when, sanctions,
        fine_min_yuan, fine_max_yuan, fine_base, fine_rate_min, fine_rate_max,
        detention_days_min, detention_days_max, imposed_by, note)
CROSS JOIN LATERAL unnest(t.versions) AS v (version);

-- Escalation ladders.
INSERT INTO escalation_ladder
    (code, violation_code, jurisdiction_code, local_example, count_scope, window_months, source_note)
VALUES
    ('NATIONAL_2004_CAFE_MINOR', 'CAFE_MINOR_ADMITTED', NULL, false, 'venue', NULL,
     '2004 national campaign rule (violations.md): the national default until a jurisdiction configures its own. '
     'Counted cumulatively: violations.md gives no window.'),
    ('EXAMPLE_LOCAL_CAFE_HOURS', 'CAFE_HOURS', NULL, true, 'venue', 12,
     'Example local discretion ladder from violations.md (count within one year). A template, not national law.'),
    ('NATIONAL_TOBACCO_UNLICENSED_CRIMINAL', 'TOBACCO_UNLICENSED', NULL, false, 'operator', 36,
     'Criminal threshold by repetition (violations.md): ≥2 administrative penalties within 3 years and ¥30,000 again. '
     'The single-act thresholds (turnover ≥¥50,000, gains ≥¥20,000, ≥200,000 cigarettes) are in escalation_note.'),
    ('NATIONAL_TOBACCO_UNLICENSED_LICENCE_BAR', 'TOBACCO_UNLICENSED', NULL, false, 'operator', 12,
     'Punished twice within 1 year → no tobacco retail licence for 3 years (violations.md).');

INSERT INTO escalation_step
    (ladder_code, step_from, step_to, applies_when, sanctions, fine_min_yuan, fine_max_yuan, note)
SELECT s.ladder_code, s.step_from, s.step_to, s.applies_when, s.sanctions::sanction_set,
       s.fine_min_yuan, s.fine_max_yuan, s.note
FROM (VALUES
    ('NATIONAL_2004_CAFE_MINOR', 1, NULL::integer, 'Minors admitted outside business hours (8:00–24:00)',
     '{revocation}'::text[], NULL::numeric, NULL::numeric, '吊销 at once, whatever the count.'),
    ('NATIONAL_2004_CAFE_MINOR', 2, 2, NULL, '{suspension}', NULL, NULL, '2nd cumulative offence: 停业整顿.'),
    ('NATIONAL_2004_CAFE_MINOR', 3, NULL, NULL, '{revocation}', NULL, NULL, '3rd cumulative offence: 吊销.'),
    ('EXAMPLE_LOCAL_CAFE_HOURS', 1, 1, NULL, '{warning}', NULL, NULL, '1st: warning.'),
    ('EXAMPLE_LOCAL_CAFE_HOURS', 2, 2, NULL, '{warning,fine}', NULL, 3000, '2nd: warning and fine up to ¥3,000.'),
    ('EXAMPLE_LOCAL_CAFE_HOURS', 3, 3, NULL, '{fine}', 3000, 8000, '3rd: fine ¥3,000–8,000.'),
    ('EXAMPLE_LOCAL_CAFE_HOURS', 4, 4, NULL, '{fine}', 8000, 15000, '4th: fine ¥8,000–15,000.'),
    ('EXAMPLE_LOCAL_CAFE_HOURS', 5, NULL, NULL, '{suspension,revocation}', NULL, NULL, '5th and later: 停业整顿 or 吊销 (one of).'),
    ('NATIONAL_TOBACCO_UNLICENSED_CRIMINAL', 3, NULL,
     'Two administrative penalties already imposed within the window, and the new act involves ¥30,000 or more',
     '{criminal_referral}', NULL, NULL, 'Counts penalised acts; refer to the police.'),
    ('NATIONAL_TOBACCO_UNLICENSED_LICENCE_BAR', 2, NULL, 'Punished on both occasions',
     '{licence_bar}', NULL, NULL, 'No tobacco retail licence for 3 years.')
) AS s (ladder_code, step_from, step_to, applies_when, sanctions, fine_min_yuan, fine_max_yuan, note);

-- Distance rules.
INSERT INTO proximity_rule
    (code, violation_code, jurisdiction_code, local_example, distance_m, protected_kinds, measurement, note)
VALUES
    ('NATIONAL_CAFE_SCHOOL_200M', 'CAFE_NEAR_SCHOOL', NULL, false, 200, '{primary_school,middle_school}',
     'Straight line from the school boundary',
     'Cafe regulation art. 9. Whether a cafe must move when a school opens later is unsettled.'),
    ('EXAMPLE_LOCAL_TOBACCO_SCHOOL_100M', 'TOBACCO_NEAR_SCHOOL', NULL, true, 100,
     '{primary_school,middle_school,other_school,kindergarten}',
     'As the local plan defines it',
     'No national distance: local plans use 50–100 m. Copy into a jurisdiction with its own distance.');

-- ---------------------------------------------------------------------------------------------
-- Read model for lists and pickers.
-- ---------------------------------------------------------------------------------------------

CREATE VIEW violation_type_overview AS
SELECT
    v.code,
    v.sector,
    v.title_zh,
    v.title_en,
    v.lead_department,
    COALESCE(
        (SELECT array_agg(a.department_code ORDER BY a.department_code)
         FROM violation_assisting_department a
         WHERE a.violation_code = v.code),
        '{}'::text[]) AS assisting_departments,
    v.penalty_summary,
    v.escalation_note,
    v.practice_note,
    COALESCE(
        (SELECT array_agg(DISTINCT s.sanction ORDER BY s.sanction)
         FROM violation_legal_basis b
         JOIN legal_instrument_version iv USING (instrument_code, version)
         JOIN penalty_tier t USING (instrument_code, version, article)
         CROSS JOIN LATERAL unnest(t.sanctions) AS s (sanction)
         WHERE b.violation_code = v.code AND b.basis_role = 'penalty' AND NOT iv.superseded),
        '{}'::text[]) AS current_sanctions,
    (SELECT max(t.fine_max_yuan)
     FROM violation_legal_basis b
     JOIN legal_instrument_version iv USING (instrument_code, version)
     JOIN penalty_tier t USING (instrument_code, version, article)
     WHERE b.violation_code = v.code AND b.basis_role = 'penalty' AND NOT iv.superseded) AS max_fixed_fine_yuan,
    EXISTS (
        SELECT 1
        FROM violation_legal_basis b
        JOIN legal_instrument_version iv USING (instrument_code, version)
        WHERE b.violation_code = v.code AND NOT b.verified AND NOT iv.superseded) AS has_unverified_current_basis,
    v.active
FROM violation_type v;

COMMENT ON VIEW violation_type_overview IS
    'One row per violation type for pickers and lists: assisting departments as an array, the sanctions '
    'and highest fixed fine available under current (non-superseded) texts, and whether any current '
    'citation still needs checking. max_fixed_fine_yuan ignores turnover-based fines.';
