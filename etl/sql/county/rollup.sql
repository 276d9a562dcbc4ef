-- 县（区）/市汇总：各镇核心指标按同一截至日期汇总。件数相加；比率＝分子之和÷分母之和（不是各镇比率的平均）；中位数不可相加。
-- Inputs (etl/county.py): lake_rows — the towns' marts.headline_indicators of one as-of date, each row with its
-- town key; towns_ref(town, county, city) — the registry, every town expected whether or not it reported.
-- pct(num, den) is the marts' percentage rule. Output: one row per level (county, city), scope and indicator,
-- with the coverage (towns_covered of towns_expected), then every town's own rows for drill-down.
WITH lake AS (
    SELECT l.*, r.county, r.city FROM lake_rows l JOIN towns_ref r USING (town)
    WHERE l.as_of = getvariable('as_of')),
levels AS (
    SELECT 'county' AS level, county AS scope, town, indicator, name_zh, unit, numerator, denominator, value
    FROM lake WHERE scope_kind = 'town'
    UNION ALL
    SELECT 'city', city, town, indicator, name_zh, unit, numerator, denominator, value
    FROM lake WHERE scope_kind = 'town'),
expected AS (
    SELECT 'county' AS level, county AS scope, count(*) AS towns_expected FROM towns_ref GROUP BY county
    UNION ALL
    SELECT 'city', city, count(*) FROM towns_ref GROUP BY city),
-- 序时进度 as the towns computed it (their completion rate minus their 超序时进度): one source, the marts
schedule AS (
    SELECT any_value(r.value - g.value) AS rate
    FROM lake g JOIN lake r ON r.town = g.town AND r.scope_kind = 'town'
     AND r.indicator = replace(g.indicator, '_ahead_of_schedule', '_investment_completion_rate')
    WHERE g.scope_kind = 'town' AND g.indicator LIKE '%\_ahead\_of\_schedule' ESCAPE '\'
      AND g.value IS NOT NULL AND r.value IS NOT NULL),
summed AS (
    SELECT level, scope, indicator, any_value(name_zh) AS name_zh, any_value(unit) AS unit,
           sum(numerator) AS num, sum(denominator) AS den, sum(value) AS total,
           count(DISTINCT town) AS towns_covered,
           CASE WHEN indicator IN (SELECT indicator FROM not_additive) THEN 'not_additive'
                WHEN any_value(unit) = '%' THEN 'ratio_of_sums'
                WHEN any_value(unit) = '个百分点' THEN 'ratio_of_sums_minus_schedule'
                ELSE 'sum' END AS method
    FROM levels GROUP BY level, scope, indicator),
-- 超序时进度 has no numerator and denominator of its own: its zone's investment completion gives them
combined AS (
    SELECT level, scope, indicator, name_zh, unit, num, den, total, towns_covered, method
    FROM summed WHERE method <> 'ratio_of_sums_minus_schedule'
    UNION ALL
    SELECT g.level, g.scope, g.indicator, g.name_zh, g.unit, r.num, r.den, NULL, g.towns_covered, g.method
    FROM summed g JOIN summed r ON r.level = g.level AND r.scope = g.scope
     AND r.indicator = replace(g.indicator, '_ahead_of_schedule', '_investment_completion_rate')
    WHERE g.method = 'ratio_of_sums_minus_schedule')
SELECT getvariable('as_of') AS as_of, c.level AS scope_kind, c.scope, NULL::VARCHAR AS town, c.indicator,
       c.name_zh,
       CASE WHEN c.method = 'not_additive' THEN NULL ELSE c.num END AS numerator,
       CASE WHEN c.method = 'not_additive' THEN NULL ELSE c.den END AS denominator,
       CASE c.method WHEN 'ratio_of_sums' THEN pct(c.num, c.den)
                     WHEN 'ratio_of_sums_minus_schedule' THEN pct(c.num, c.den) - (SELECT rate FROM schedule)
                     WHEN 'not_additive' THEN NULL
                     ELSE c.total END::DOUBLE AS value,
       c.unit, c.method, c.towns_covered, e.towns_expected,
       CASE c.method
           WHEN 'sum' THEN '各镇相加'
           WHEN 'ratio_of_sums' THEN '各镇分子之和 ÷ 各镇分母之和 × 100（不是各镇比率的平均）'
           WHEN 'ratio_of_sums_minus_schedule' THEN '投资完成率（各镇相加后重算）减序时进度'
           ELSE '中位数不可相加：各镇中位数不能合成全县中位数，此处不汇总（需各事件办结用时明细）' END AS note
FROM combined c JOIN expected e ON e.level = c.level AND e.scope = c.scope
UNION ALL
SELECT as_of, scope_kind, scope, town, indicator, name_zh, numerator, denominator, value::DOUBLE, unit,
       'town' AS method, 1, 1, NULL
FROM lake
ORDER BY town NULLS FIRST, scope_kind, scope, indicator
