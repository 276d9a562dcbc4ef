-- 核心指标（截至某日）：全镇、片区、村（社区）的受理数、化解数、化解率等；比率附分子分母（其他指标的分子即其数值）。
-- One row per (scope, indicator). Rates (unit %) are pct(numerator, denominator); a count has its numerator
-- (the count) and no denominator; a median and 超序时进度 have neither: no 分子/分母 gives them.
WITH town AS (SELECT 'town' AS scope_kind, getvariable('town') AS scope),
h(scope_kind, scope, indicator, numerator, denominator) AS (
    -- 矛盾纠纷
    SELECT t.*, 'disputes_received', count(d.record_key), NULL FROM town t, w_disputes d GROUP BY ALL
    UNION ALL SELECT t.*, 'disputes_resolved', count(*) FILTER (d.is_resolved), NULL FROM town t, w_disputes d GROUP BY ALL
    UNION ALL SELECT t.*, 'dispute_resolution_rate', count(*) FILTER (d.is_resolved), count(d.record_key)
              FROM town t, w_disputes d GROUP BY ALL
    UNION ALL SELECT 'area', ua.area, 'disputes_received', count(d.record_key), NULL
              FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.area
    UNION ALL SELECT 'area', ua.area, 'disputes_resolved', count(*) FILTER (d.is_resolved), NULL
              FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.area
    UNION ALL SELECT 'area', ua.area, 'dispute_resolution_rate', count(*) FILTER (d.is_resolved), count(d.record_key)
              FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.area
    UNION ALL SELECT 'unit', ua.unit, 'disputes_received', count(d.record_key), NULL
              FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.unit
    UNION ALL SELECT 'unit', ua.unit, 'disputes_resolved', count(*) FILTER (d.is_resolved), NULL
              FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.unit
    UNION ALL SELECT 'unit', ua.unit, 'dispute_resolution_rate', count(*) FILTER (d.is_resolved), count(d.record_key)
              FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.unit
    UNION ALL SELECT t.*, 'disputes_within_village_rate', count(*) FILTER (d.level = '村/社区'), count(d.record_key)
              FROM town t, (SELECT * FROM w_disputes WHERE is_resolved) d GROUP BY ALL
    UNION ALL SELECT t.*, 'disputes_within_town_rate', count(*) FILTER (d.level IN ('村/社区', '片区调解室', '镇')),
                     count(d.record_key)
              FROM town t, (SELECT * FROM w_disputes WHERE is_resolved) d GROUP BY ALL
    UNION ALL SELECT t.*, 'disputes_escalated_rate', count(*) FILTER (d.level = '上级/移交'), count(d.record_key)
              FROM town t, (SELECT * FROM w_disputes WHERE is_resolved) d GROUP BY ALL
    -- “三官一律”
    UNION ALL SELECT t.*, 'legal_visits', count(v.record_key), NULL FROM town t, w_legal_visits v GROUP BY ALL
    UNION ALL SELECT t.*, 'legal_visit_disputes_resolved', coalesce(sum(v.disputes_resolved), 0), NULL
              FROM town t, w_legal_visits v GROUP BY ALL
    UNION ALL SELECT t.*, 'legal_consultations', coalesce(sum(v.consultations), 0), NULL
              FROM town t, w_legal_visits v GROUP BY ALL
    UNION ALL SELECT 'unit', unit, 'legal_visits', count(*), NULL FROM w_legal_visits WHERE unit IS NOT NULL GROUP BY unit
    -- 信访积案
    UNION ALL SELECT t.*, 'petition_backlog_cases', count(p.record_key), NULL FROM town t, w_petitions p GROUP BY ALL
    UNION ALL SELECT t.*, 'petition_backlog_resolved', count(*) FILTER (p.is_resolved), NULL
              FROM town t, w_petitions p GROUP BY ALL
    UNION ALL SELECT t.*, 'petition_pledges_signed', count(*) FILTER (p.is_resolved AND p.pledge_signed), NULL
              FROM town t, w_petitions p GROUP BY ALL
    -- 重点项目（镇、园区）
    UNION ALL SELECT t.*, z.prefix || '_total', count(k.record_key), NULL
              FROM town t, project_zones z LEFT JOIN w_key_projects k ON k.zone = z.zone GROUP BY ALL
    UNION ALL SELECT t.*, z.prefix || '_in_construction', count(*) FILTER (k.stage = '在建'), NULL
              FROM town t, project_zones z LEFT JOIN w_key_projects k ON k.zone = z.zone GROUP BY ALL
    UNION ALL SELECT t.*, z.prefix || '_preparatory', count(*) FILTER (k.stage = '预备'), NULL
              FROM town t, project_zones z LEFT JOIN w_key_projects k ON k.zone = z.zone GROUP BY ALL
    UNION ALL SELECT t.*, z.prefix || '_preliminary', count(*) FILTER (k.stage = '前期'), NULL
              FROM town t, project_zones z LEFT JOIN w_key_projects k ON k.zone = z.zone GROUP BY ALL
    -- every project's plan, 前期 included; 累计完成投资 "—"/"无" beside a plan is 0 (key_projects_by_stage.sql)
    UNION ALL SELECT t.*, z.prefix || '_investment_completion_rate',
                     CASE WHEN sum(k.annual_plan) IS NOT NULL THEN round(coalesce(sum(k.completed_investment), 0), 2) END,
                     round(sum(k.annual_plan), 2)
              FROM town t, project_zones z LEFT JOIN w_key_projects k ON k.zone = z.zone GROUP BY ALL
    -- 网格化管理
    UNION ALL SELECT t.*, 'grid_count', count(*), NULL FROM town t, ref.grids GROUP BY ALL
    UNION ALL SELECT t.*, 'grid_units', count(*), NULL FROM town t, ref.grid_units GROUP BY ALL
    UNION ALL SELECT t.*, 'grid_party_orgs', count(*) FILTER (g.grid_party_org <> ''), NULL
              FROM town t, ref.grids g GROUP BY ALL
    UNION ALL SELECT t.*, 'grid_events_collected', count(e.record_key), NULL FROM town t, w_grid_events e GROUP BY ALL
    UNION ALL SELECT t.*, 'grid_events_closed', count(*) FILTER (e.is_closed), NULL FROM town t, w_grid_events e GROUP BY ALL
    UNION ALL SELECT t.*, 'grid_events_closure_rate', count(*) FILTER (e.is_closed), count(e.record_key)
              FROM town t, w_grid_events e GROUP BY ALL
    UNION ALL SELECT t.*, 'grid_events_on_time_rate', count(*) FILTER (e.on_time), count(*) FILTER (e.is_closed)
              FROM town t, w_grid_events e GROUP BY ALL
    UNION ALL SELECT 'grid', grid, 'grid_events_collected', count(*), NULL
              FROM w_grid_events WHERE grid IS NOT NULL GROUP BY grid
    UNION ALL SELECT 'grid', grid, 'grid_events_closure_rate', count(*) FILTER (is_closed), count(*)
              FROM w_grid_events WHERE grid IS NOT NULL GROUP BY grid
    -- 党组织活动
    UNION ALL SELECT t.*, 'party_orgs', count(DISTINCT a.party_org_id), NULL FROM town t, w_party_activities a GROUP BY ALL
    UNION ALL SELECT t.*, 'party_activities', count(a.record_key), NULL FROM town t, w_party_activities a GROUP BY ALL
    UNION ALL SELECT t.*, 'party_attendance_rate', coalesce(sum(a.attended), 0), coalesce(sum(a.expected), 0)
              FROM town t, w_party_activities a GROUP BY ALL
    -- 基础数据
    UNION ALL SELECT t.*, 'mediation_rooms', count(*), NULL FROM town t, ref.areas GROUP BY ALL
    UNION ALL SELECT t.*, 'showcase_line_km', max(f.value::DOUBLE), NULL
              FROM town t, (SELECT * FROM ref.facts WHERE fact = 'showcase_line_km') f GROUP BY ALL),
-- figures no numerator and denominator give: 超序时进度 (完成率 − 序时进度) and the median hours to close
derived(scope_kind, scope, indicator, value) AS (
    SELECT t.*, z.prefix || '_ahead_of_schedule',
           pct(coalesce(sum(k.completed_investment), 0), sum(k.annual_plan)) - getvariable('schedule_rate')
    FROM town t, project_zones z LEFT JOIN w_key_projects k ON k.zone = z.zone GROUP BY ALL
    UNION ALL SELECT t.*, 'grid_events_median_hours_to_close', round(median(e.hours_to_close), 2)
              FROM town t, w_grid_events e GROUP BY ALL)
SELECT getvariable('as_of') AS as_of, h.scope_kind, h.scope, h.indicator, c.name_zh,
       h.numerator::DOUBLE AS numerator, h.denominator::DOUBLE AS denominator,
       (CASE WHEN c.unit = '%' THEN pct(h.numerator, h.denominator) ELSE h.numerator END)::DECIMAL(18, 2) AS value,
       c.unit
FROM h JOIN indicator_catalog c USING (indicator)
UNION ALL
SELECT getvariable('as_of'), d.scope_kind, d.scope, d.indicator, c.name_zh, NULL, NULL, d.value::DECIMAL(18, 2), c.unit
FROM derived d JOIN indicator_catalog c USING (indicator)
