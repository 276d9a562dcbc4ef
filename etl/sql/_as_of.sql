-- The as-of date's variables and views, shared by every mart (the loader sets as_of, town and overdue_days
-- first, and defines pct(numerator, denominator): a percentage rounded to 2 decimals, DECIMAL, NULL for 0).
-- Semantics (docs/warehouse.md "As-of semantics"): over the calendar year of the as-of date D, records dated
-- 1 January … D; files whose period starts after D are not used; each record's latest version wins.
SET VARIABLE year_start = date_trunc('year', getvariable('as_of'))::DATE;
SET VARIABLE as_of_end = (getvariable('as_of') + INTERVAL 1 DAY)::TIMESTAMP;
-- whole months completed by as_of (序时进度): 2023-11-03 → 10, 2023-11-30 → 11
SET VARIABLE months_elapsed = month(getvariable('as_of'))
    - CASE WHEN getvariable('as_of') = last_day(getvariable('as_of')) THEN 0 ELSE 1 END;
SET VARIABLE schedule_rate = round(100.0 * getvariable('months_elapsed') / 12, 2)::DECIMAL(18, 2);
-- the as-of date's month when D does not close it: a month cut short has no 环比
SET VARIABLE partial_month = CASE WHEN getvariable('as_of') <> last_day(getvariable('as_of'))
                                  THEN strftime(getvariable('as_of'), '%Y-%m') END;

CREATE OR REPLACE TEMP MACRO period_start(p) AS
    CASE WHEN length(p) = 4 THEN make_date(p::INT, 1, 1) ELSE strptime(p || '-01', '%Y-%m-%d')::DATE END;

CREATE OR REPLACE TEMP VIEW asof_disputes AS
    SELECT * FROM staging.disputes WHERE period_start(period) <= getvariable('as_of') ${latest_version};
CREATE OR REPLACE TEMP VIEW asof_key_projects AS
    SELECT * FROM staging.key_projects WHERE period_start(period) <= getvariable('as_of') ${latest_version};
CREATE OR REPLACE TEMP VIEW asof_petitions AS
    SELECT * FROM staging.petitions WHERE period_start(period) <= getvariable('as_of') ${latest_version};
CREATE OR REPLACE TEMP VIEW asof_legal_visits AS
    SELECT * FROM staging.legal_visits WHERE period_start(period) <= getvariable('as_of') ${latest_version};
CREATE OR REPLACE TEMP VIEW asof_grid_events AS
    SELECT * FROM staging.grid_events WHERE period_start(period) <= getvariable('as_of') ${latest_version};
CREATE OR REPLACE TEMP VIEW asof_party_activities AS
    SELECT * FROM staging.party_activities WHERE period_start(period) <= getvariable('as_of') ${latest_version};

CREATE OR REPLACE TEMP VIEW w_disputes AS
    SELECT d.*, ua.unit, ua.area, ua.unit_type,
           (d.status = 'resolved' AND d.resolved_date <= getvariable('as_of')) AS is_resolved
    FROM asof_disputes d LEFT JOIN ref.unit_areas ua USING (unit_id)
    WHERE d.received_date BETWEEN getvariable('year_start') AND getvariable('as_of');

CREATE OR REPLACE TEMP VIEW w_legal_visits AS
    SELECT v.*, ua.unit, ua.area FROM asof_legal_visits v LEFT JOIN ref.unit_areas ua USING (unit_id)
    WHERE v.visit_date BETWEEN getvariable('year_start') AND getvariable('as_of');

CREATE OR REPLACE TEMP VIEW w_grid_events AS
    SELECT e.*, g.name AS grid,
           (e.status = '已办结' AND e.closed_at < getvariable('as_of_end')) AS is_closed,
           (e.status = '已办结' AND e.closed_at < getvariable('as_of_end') AND e.closed_at <= e.deadline) AS on_time,
           CASE WHEN e.status = '已办结' AND e.closed_at < getvariable('as_of_end')
                THEN date_diff('minute', e.reported_at, e.closed_at) / 60.0 END AS hours_to_close
    FROM asof_grid_events e LEFT JOIN ref.grids g USING (grid_id)
    WHERE e.reported_at >= getvariable('year_start') AND e.reported_at < getvariable('as_of_end');

CREATE OR REPLACE TEMP VIEW w_party_activities AS
    SELECT a.*, o.name AS org, o.org_type FROM asof_party_activities a
    LEFT JOIN ref.party_orgs o USING (party_org_id)
    WHERE a.activity_date BETWEEN getvariable('year_start') AND getvariable('as_of');

-- key projects: the latest report (period ≤ D) of each zone
CREATE OR REPLACE TEMP VIEW w_key_projects AS
    SELECT k.*, pct(completed_investment, annual_plan) AS completion_rate,
           getvariable('schedule_rate') AS schedule_rate
    FROM asof_key_projects k
    WHERE period = (SELECT max(period) FROM asof_key_projects k2 WHERE k2.zone IS NOT DISTINCT FROM k.zone);

CREATE OR REPLACE TEMP VIEW w_petitions AS
    SELECT p.*, ua.unit,
           (p.status = 'resolved' AND p.resolved_date BETWEEN getvariable('year_start') AND getvariable('as_of'))
             AS is_resolved
    FROM asof_petitions p LEFT JOIN ref.unit_areas ua USING (unit_id)
    WHERE p.first_visit_date IS NULL OR p.first_visit_date <= getvariable('as_of');

-- the two zones of key projects and the prefix of their headline codes (key_projects_*, park_projects_*)
CREATE OR REPLACE TEMP VIEW project_zones AS
    SELECT * FROM (VALUES ('镇', 'key_projects'), ('园区', 'park_projects')) z(zone, prefix);
