-- 化解层级：小事不出村（社区）、大事不出镇、上级/移交的件数和占比。
WITH r AS (SELECT * FROM w_disputes WHERE is_resolved),
scoped AS (
    SELECT 'town' AS scope_kind, getvariable('town') AS scope, level FROM r
    UNION ALL SELECT 'area', area, level FROM r WHERE area IS NOT NULL
    UNION ALL SELECT 'unit', unit, level FROM r WHERE unit IS NOT NULL)
SELECT getvariable('as_of') AS as_of, scope_kind, scope, count(*) AS resolved,
       count(*) FILTER (level = '村/社区') AS village_level,
       count(*) FILTER (level = '片区调解室') AS area_room_level,
       count(*) FILTER (level = '镇') AS town_level,
       count(*) FILTER (level = '上级/移交') AS escalated,
       count(*) FILTER (level IS NULL) AS unknown_level,
       pct(count(*) FILTER (level = '村/社区'), count(*)) AS within_village_rate,
       pct(count(*) FILTER (level IN ('村/社区', '片区调解室', '镇')), count(*)) AS within_town_rate,
       pct(count(*) FILTER (level = '上级/移交'), count(*)) AS escalated_rate
FROM scoped GROUP BY scope_kind, scope
ORDER BY CASE scope_kind WHEN 'town' THEN 0 WHEN 'area' THEN 1 ELSE 2 END, scope
