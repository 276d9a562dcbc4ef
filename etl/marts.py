"""The marts: indicators and per-domain aggregates as of a date, in DuckDB SQL.

Semantics (docs/warehouse.md "As-of semantics"): over the calendar year of the as-of date D, records dated
1 January … D; files whose period starts after D are not used; each record's latest version wins.
Every mart carries `as_of` and a build replaces only the rows of its own as_of.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from .faults import checkpoint
from .reference import TOWN_NAME as TOWN
from .schema import LEDGER_KINDS
from .warehouse import LATEST_VERSION

OVERDUE_DISPUTE_DAYS = 30

# indicator code → (Chinese name, unit)
INDICATORS: dict[str, tuple[str, str]] = {
    "disputes_received": ("矛盾纠纷受理数", "件"),
    "disputes_resolved": ("矛盾纠纷化解数", "件"),
    "dispute_resolution_rate": ("矛盾纠纷化解率", "%"),
    "disputes_within_village_rate": ("小事不出村（社区）占比", "%"),
    "disputes_within_town_rate": ("大事不出镇占比", "%"),
    "disputes_escalated_rate": ("上交上级占比", "%"),
    "legal_visits": ("“三官一律”下沉次数", "次"),
    "legal_visit_disputes_resolved": ("“三官一律”化解纠纷数", "件"),
    "legal_consultations": ("“三官一律”提供法律咨询数", "次"),
    "petition_backlog_cases": ("信访积案数", "件"),
    "petition_backlog_resolved": ("信访积案化解数", "件"),
    "petition_pledges_signed": ("签订息访息诉承诺书数", "件"),
    "key_projects_total": ("镇重点项目数", "个"),
    "key_projects_in_construction": ("镇重点项目在建数", "个"),
    "key_projects_preparatory": ("镇重点项目预备数", "个"),
    "key_projects_preliminary": ("镇重点项目前期数", "个"),
    "key_projects_investment_completion_rate": ("镇重点项目投资完成率", "%"),
    "key_projects_ahead_of_schedule": ("镇重点项目超序时进度", "个百分点"),
    "park_projects_total": ("园区重点项目数", "个"),
    "park_projects_in_construction": ("园区重点项目在建数", "个"),
    "park_projects_preparatory": ("园区重点项目预备数", "个"),
    "park_projects_preliminary": ("园区重点项目前期数", "个"),
    "park_projects_investment_completion_rate": ("园区重点项目投资完成率", "%"),
    "park_projects_ahead_of_schedule": ("园区重点项目超序时进度", "个百分点"),
    "grid_count": ("网格数", "个"),
    "grid_units": ("网格单元数", "个"),
    "grid_party_orgs": ("网格党组织数", "个"),
    "grid_events_collected": ("网格事件采集数", "件"),
    "grid_events_closed": ("网格事件办结数", "件"),
    "grid_events_closure_rate": ("网格事件办结率", "%"),
    "grid_events_on_time_rate": ("网格事件按期办结率", "%"),
    "grid_events_median_hours_to_close": ("网格事件办结用时中位数", "小时"),
    "party_orgs": ("开展活动的党组织数", "个"),
    "party_activities": ("党组织活动次数", "次"),
    "party_attendance_rate": ("参学率", "%"),
    "mediation_rooms": ("片区品牌调解室", "个"),
    "showcase_line_km": ("乡村振兴精品示范线总里程", "公里"),
}

MART_TABLES = (
    "headline_indicators", "dispute_resolution_by_unit", "dispute_resolution_by_area",
    "dispute_resolution_by_category", "dispute_resolution_by_month", "dispute_levels", "legal_visits_by_month",
    "legal_visits_by_role", "petition_backlog", "key_projects", "key_projects_by_stage", "grid_events_by_grid",
    "grid_events_by_type", "grid_events_by_month", "party_activities_by_org", "party_activities_by_type",
    "submission_completeness", "overdue_disputes", "overdue_grid_events",
)


def rate(num: str, den: str) -> str:
    return f"CASE WHEN ({den}) > 0 THEN round(100.0 * ({num}) / ({den}), 2) END"


def prepare_as_of(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> None:
    """Session variables and temp views `asof_<ledger>`: the latest version of each record known at as_of."""
    con.execute("SET VARIABLE as_of = ?::DATE", [as_of.isoformat()])
    con.execute("SET VARIABLE year_start = date_trunc('year', getvariable('as_of'))::DATE")
    con.execute("SET VARIABLE as_of_end = (getvariable('as_of') + INTERVAL 1 DAY)::TIMESTAMP")
    # whole months completed by as_of (序时进度): 2023-11-03 → 10, 2023-11-30 → 11
    con.execute("""SET VARIABLE months_elapsed = month(getvariable('as_of'))
                   - CASE WHEN getvariable('as_of') = last_day(getvariable('as_of')) THEN 0 ELSE 1 END""")
    for kind in LEDGER_KINDS:
        con.execute(f"""
            CREATE OR REPLACE TEMP VIEW asof_{kind} AS
            SELECT s.* FROM staging.{kind} s
            WHERE (CASE WHEN length(period) = 4 THEN make_date(period::INT, 1, 1)
                        ELSE strptime(period || '-01', '%Y-%m-%d')::DATE END) <= getvariable('as_of')
            {LATEST_VERSION}""")
    con.execute("""
        CREATE OR REPLACE TEMP VIEW w_disputes AS
        SELECT d.*, ua.unit, ua.area, ua.unit_type,
               (d.status = 'resolved' AND d.resolved_date <= getvariable('as_of')) AS is_resolved
        FROM asof_disputes d LEFT JOIN ref.unit_areas ua USING (unit_id)
        WHERE d.received_date BETWEEN getvariable('year_start') AND getvariable('as_of')""")
    con.execute("""
        CREATE OR REPLACE TEMP VIEW w_legal_visits AS
        SELECT v.*, ua.unit, ua.area FROM asof_legal_visits v LEFT JOIN ref.unit_areas ua USING (unit_id)
        WHERE v.visit_date BETWEEN getvariable('year_start') AND getvariable('as_of')""")
    con.execute("""
        CREATE OR REPLACE TEMP VIEW w_grid_events AS
        SELECT e.*, g.name AS grid,
               (e.status = '已办结' AND e.closed_at < getvariable('as_of_end')) AS is_closed,
               (e.status = '已办结' AND e.closed_at < getvariable('as_of_end') AND e.closed_at <= e.deadline) AS on_time,
               CASE WHEN e.status = '已办结' AND e.closed_at < getvariable('as_of_end')
                    THEN date_diff('minute', e.reported_at, e.closed_at) / 60.0 END AS hours_to_close
        FROM asof_grid_events e LEFT JOIN ref.grids g USING (grid_id)
        WHERE e.reported_at >= getvariable('year_start') AND e.reported_at < getvariable('as_of_end')""")
    con.execute("""
        CREATE OR REPLACE TEMP VIEW w_party_activities AS
        SELECT a.*, o.name AS org, o.org_type FROM asof_party_activities a
        LEFT JOIN ref.party_orgs o USING (party_org_id)
        WHERE a.activity_date BETWEEN getvariable('year_start') AND getvariable('as_of')""")
    con.execute("""
        CREATE OR REPLACE TEMP VIEW w_key_projects AS
        SELECT k.*,
               CASE WHEN annual_plan > 0 THEN round(100.0 * completed_investment / annual_plan, 2) END AS completion_rate,
               round(100.0 * getvariable('months_elapsed') / 12, 2) AS schedule_rate
        FROM asof_key_projects k
        WHERE period = (SELECT max(period) FROM asof_key_projects k2 WHERE k2.zone IS NOT DISTINCT FROM k.zone)""")
    con.execute("""
        CREATE OR REPLACE TEMP VIEW w_petitions AS
        SELECT p.*, ua.unit,
               (p.status = 'resolved' AND p.resolved_date BETWEEN getvariable('year_start') AND getvariable('as_of'))
                 AS is_resolved
        FROM asof_petitions p LEFT JOIN ref.unit_areas ua USING (unit_id)
        WHERE p.first_visit_date IS NULL OR p.first_visit_date <= getvariable('as_of')""")


# --- mart queries (each SELECT starts with as_of) ------------------------------------------------------

A = "getvariable('as_of') AS as_of"

MART_SQL: dict[str, str] = {
    "dispute_resolution_by_unit": f"""
        SELECT {A}, ua.area, ua.unit_id, ua.unit, ua.unit_type,
               count(d.record_key) AS received, count(*) FILTER (d.is_resolved) AS resolved,
               count(*) FILTER (d.record_key IS NOT NULL AND NOT d.is_resolved AND d.status = 'open') AS open,
               count(*) FILTER (d.record_key IS NOT NULL AND NOT d.is_resolved AND d.status <> 'open') AS not_resolved,
               {rate("count(*) FILTER (d.is_resolved)", "count(d.record_key)")} AS resolution_rate
        FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id)
        GROUP BY ua.area, ua.unit_id, ua.unit, ua.unit_type ORDER BY ua.area, ua.unit""",
    "dispute_resolution_by_area": f"""
        SELECT {A}, ua.area, any_value(ua.mediation_room) AS mediation_room, count(DISTINCT ua.unit_id) AS units,
               count(d.record_key) AS received, count(*) FILTER (d.is_resolved) AS resolved,
               {rate("count(*) FILTER (d.is_resolved)", "count(d.record_key)")} AS resolution_rate
        FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id)
        GROUP BY ua.area ORDER BY ua.area""",
    "dispute_resolution_by_category": f"""
        SELECT {A}, coalesce(dispute_type, '未分类') AS dispute_type, count(*) AS received,
               count(*) FILTER (is_resolved) AS resolved, {rate("count(*) FILTER (is_resolved)", "count(*)")} AS resolution_rate
        FROM w_disputes GROUP BY 2 ORDER BY received DESC, dispute_type""",
    "dispute_resolution_by_month": f"""
        WITH months AS (
            SELECT strftime(m, '%Y-%m') AS month
            FROM range(getvariable('year_start')::TIMESTAMP, getvariable('as_of_end'), INTERVAL 1 MONTH) t(m)),
        rec AS (SELECT strftime(received_date, '%Y-%m') AS month, count(*) AS n FROM w_disputes GROUP BY 1),
        res AS (SELECT strftime(resolved_date, '%Y-%m') AS month, count(*) AS n FROM w_disputes WHERE is_resolved GROUP BY 1),
        j AS (SELECT m.month, coalesce(rec.n, 0) AS received, coalesce(res.n, 0) AS resolved
              FROM months m LEFT JOIN rec USING (month) LEFT JOIN res USING (month))
        SELECT {A}, month, received, resolved,
               sum(received) OVER (ORDER BY month) AS cumulative_received,
               sum(resolved) OVER (ORDER BY month) AS cumulative_resolved,
               {rate("sum(resolved) OVER (ORDER BY month)", "sum(received) OVER (ORDER BY month)")} AS cumulative_rate,
               {rate("received - lag(received) OVER (ORDER BY month)", "lag(received) OVER (ORDER BY month)")} AS received_mom_pct
        FROM j ORDER BY month""",
    "dispute_levels": f"""
        WITH r AS (SELECT * FROM w_disputes WHERE is_resolved),
        scoped AS (
            SELECT 'town' AS scope_kind, '{TOWN}' AS scope, level FROM r
            UNION ALL SELECT 'area', area, level FROM r WHERE area IS NOT NULL
            UNION ALL SELECT 'unit', unit, level FROM r WHERE unit IS NOT NULL)
        SELECT {A}, scope_kind, scope, count(*) AS resolved,
               count(*) FILTER (level = '村/社区') AS village_level,
               count(*) FILTER (level = '片区调解室') AS area_room_level,
               count(*) FILTER (level = '镇') AS town_level,
               count(*) FILTER (level = '上级/移交') AS escalated,
               count(*) FILTER (level IS NULL) AS unknown_level,
               {rate("count(*) FILTER (level = '村/社区')", "count(*)")} AS within_village_rate,
               {rate("count(*) FILTER (level IN ('村/社区', '片区调解室', '镇'))", "count(*)")} AS within_town_rate,
               {rate("count(*) FILTER (level = '上级/移交')", "count(*)")} AS escalated_rate
        FROM scoped GROUP BY scope_kind, scope
        ORDER BY CASE scope_kind WHEN 'town' THEN 0 WHEN 'area' THEN 1 ELSE 2 END, scope""",
    "legal_visits_by_month": f"""
        WITH months AS (
            SELECT strftime(m, '%Y-%m') AS month
            FROM range(getvariable('year_start')::TIMESTAMP, getvariable('as_of_end'), INTERVAL 1 MONTH) t(m)),
        v AS (SELECT strftime(visit_date, '%Y-%m') AS month, count(*) AS visits,
                     coalesce(sum(disputes_resolved), 0) AS disputes_resolved,
                     coalesce(sum(consultations), 0) AS consultations FROM w_legal_visits GROUP BY 1),
        j AS (SELECT m.month, coalesce(v.visits, 0) AS visits, coalesce(v.disputes_resolved, 0) AS disputes_resolved,
                     coalesce(v.consultations, 0) AS consultations FROM months m LEFT JOIN v USING (month))
        SELECT {A}, month, visits, disputes_resolved, consultations,
               {rate("visits - lag(visits) OVER (ORDER BY month)", "lag(visits) OVER (ORDER BY month)")} AS visits_mom_pct
        FROM j ORDER BY month""",
    "legal_visits_by_role": f"""
        SELECT {A}, coalesce(role, '未注明') AS role, count(*) AS visits,
               coalesce(sum(disputes_resolved), 0) AS disputes_resolved, coalesce(sum(consultations), 0) AS consultations
        FROM w_legal_visits GROUP BY role
        ORDER BY CASE role WHEN '法官' THEN 1 WHEN '检察官' THEN 2 WHEN '警官' THEN 3 WHEN '律师' THEN 4 ELSE 5 END""",
    "petition_backlog": f"""
        SELECT {A}, case_id, unit, first_visit_date,
               CASE WHEN is_resolved THEN '已化解' ELSE '化解中' END AS status,
               CASE WHEN is_resolved THEN resolved_date END AS resolved_date,
               coalesce(pledge_signed, false) AS pledge_signed, leader_masked, responsible_unit
        FROM w_petitions ORDER BY case_id""",
    "key_projects": f"""
        SELECT {A}, zone, project_name, stage, total_investment, annual_plan, completed_investment,
               completion_rate, schedule_rate, round(completion_rate - schedule_rate, 2) AS ahead_of_schedule,
               responsible_unit
        FROM w_key_projects ORDER BY zone DESC, CASE stage WHEN '在建' THEN 1 WHEN '预备' THEN 2 ELSE 3 END, project_name""",
    "key_projects_by_stage": f"""
        WITH s AS (
            SELECT zone, CASE WHEN grouping(stage) = 1 THEN NULL ELSE coalesce(stage, '未注明') END AS stage,
                   count(*) AS projects,
                   round(sum(total_investment), 2) AS total_investment, round(sum(annual_plan), 2) AS annual_plan,
                   round(sum(completed_investment), 2) AS completed_investment
            FROM w_key_projects GROUP BY GROUPING SETS ((zone, stage), (zone)))
        SELECT {A}, zone, coalesce(stage, '合计') AS stage, projects, total_investment, annual_plan,
               completed_investment, {rate("completed_investment", "annual_plan")} AS completion_rate,
               round(100.0 * getvariable('months_elapsed') / 12, 2) AS schedule_rate,
               round({rate("completed_investment", "annual_plan")} - 100.0 * getvariable('months_elapsed') / 12, 2)
                 AS ahead_of_schedule
        FROM s ORDER BY zone DESC, CASE coalesce(stage, '合计') WHEN '在建' THEN 1 WHEN '预备' THEN 2
                                             WHEN '前期' THEN 3 WHEN '合计' THEN 9 ELSE 5 END""",
    "grid_events_by_grid": f"""
        SELECT {A}, g.grid_id, g.name AS grid, count(e.record_key) AS collected,
               count(*) FILTER (e.is_closed) AS closed, count(*) FILTER (e.on_time) AS closed_on_time,
               {rate("count(*) FILTER (e.is_closed)", "count(e.record_key)")} AS closure_rate,
               {rate("count(*) FILTER (e.on_time)", "count(*) FILTER (e.is_closed)")} AS on_time_rate,
               round(median(e.hours_to_close), 2) AS median_hours_to_close
        FROM ref.grids g LEFT JOIN w_grid_events e USING (grid_id) GROUP BY g.grid_id, g.name ORDER BY g.grid_id""",
    "grid_events_by_type": f"""
        SELECT {A}, coalesce(event_type, '未分类') AS event_type, count(*) AS collected,
               count(*) FILTER (is_closed) AS closed, count(*) FILTER (on_time) AS closed_on_time,
               {rate("count(*) FILTER (is_closed)", "count(*)")} AS closure_rate,
               {rate("count(*) FILTER (on_time)", "count(*) FILTER (is_closed)")} AS on_time_rate,
               round(median(hours_to_close), 2) AS median_hours_to_close
        FROM w_grid_events GROUP BY 2 ORDER BY collected DESC""",
    "grid_events_by_month": f"""
        WITH m AS (
            SELECT strftime(reported_at, '%Y-%m') AS month, count(*) AS collected,
                   count(*) FILTER (is_closed) AS closed, count(*) FILTER (on_time) AS closed_on_time,
                   round(median(hours_to_close), 2) AS median_hours_to_close
            FROM w_grid_events GROUP BY 1)
        SELECT {A}, month, collected, closed, closed_on_time, {rate("closed", "collected")} AS closure_rate,
               {rate("closed_on_time", "closed")} AS on_time_rate, median_hours_to_close,
               {rate("collected - lag(collected) OVER (ORDER BY month)", "lag(collected) OVER (ORDER BY month)")}
                 AS collected_mom_pct
        FROM m ORDER BY month""",
    "party_activities_by_org": f"""
        SELECT {A}, o.party_org_id, o.name AS org, o.org_type, count(a.record_key) AS activities,
               coalesce(sum(a.expected), 0) AS expected, coalesce(sum(a.attended), 0) AS attended,
               {rate("sum(a.attended)", "sum(a.expected)")} AS attendance_rate
        FROM ref.party_orgs o LEFT JOIN w_party_activities a USING (party_org_id)
        GROUP BY o.party_org_id, o.name, o.org_type ORDER BY o.party_org_id""",
    "party_activities_by_type": f"""
        SELECT {A}, coalesce(activity_type, '未分类') AS activity_type, count(*) AS activities,
               coalesce(sum(expected), 0) AS expected, coalesce(sum(attended), 0) AS attended,
               {rate("sum(attended)", "sum(expected)")} AS attendance_rate
        FROM w_party_activities GROUP BY 2 ORDER BY activities DESC""",
    "submission_completeness": f"""
        WITH months AS (
            SELECT strftime(m, '%Y-%m') AS month
            FROM range(getvariable('year_start')::TIMESTAMP, getvariable('as_of_end'), INTERVAL 1 MONTH) t(m)),
        sent AS (
            SELECT s.sender, s.ledger, s.period AS month, count(DISTINCT s.file_sha256) AS files,
                   sum(s.rows_loaded) AS rows, bool_or(s.status = 'loaded') AS has_data
            FROM meta.source_sheets s WHERE s.status IN ('loaded', 'zero_report') GROUP BY 1, 2, 3)
        SELECT {A}, e.sender, u.unit_id, e.ledger, m.month,
               CASE WHEN sent.has_data THEN 'data' WHEN sent.files > 0 THEN 'zero_report' ELSE 'missing' END AS status,
               coalesce(sent.files, 0) AS files, coalesce(sent.rows, 0) AS rows
        FROM ref.expected_submissions e CROSS JOIN months m
        LEFT JOIN ref.units u ON u.name = e.sender
        LEFT JOIN sent ON sent.sender = e.sender AND sent.ledger = e.ledger AND sent.month = m.month
        ORDER BY e.ledger, e.sender, m.month""",
    "overdue_disputes": f"""
        SELECT {A}, unit, area, record_key, received_date,
               date_diff('day', received_date, getvariable('as_of')) AS days_open, dispute_type, level,
               file_name, sheet, row_number
        FROM w_disputes
        WHERE NOT is_resolved AND status = 'open'
          AND date_diff('day', received_date, getvariable('as_of')) > getvariable('overdue_days')
        ORDER BY days_open DESC, unit""",
    "overdue_grid_events": f"""
        SELECT {A}, grid, event_id, event_type, reported_at, deadline,
               round(date_diff('minute', deadline, getvariable('as_of_end')) / 60.0, 1) AS hours_overdue,
               status, file_name, sheet, row_number
        FROM w_grid_events
        WHERE NOT is_closed AND deadline IS NOT NULL AND deadline < getvariable('as_of_end')
        ORDER BY hours_overdue DESC""",
}


def _headline_sql() -> str:
    """Every headline figure with numerator and denominator, for town, area, unit and grid scopes."""
    town = f"'town' AS scope_kind, '{TOWN}' AS scope"
    parts = [
        f"""SELECT {town}, 'disputes_received' AS indicator, count(*) AS numerator, NULL AS denominator FROM w_disputes""",
        f"""SELECT {town}, 'disputes_resolved', count(*) FILTER (is_resolved), count(*) FROM w_disputes""",
        f"""SELECT {town}, 'dispute_resolution_rate', count(*) FILTER (is_resolved), count(*) FROM w_disputes""",
        """SELECT 'area', ua.area, 'disputes_received', count(d.record_key), NULL
           FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.area""",
        """SELECT 'area', ua.area, 'disputes_resolved', count(*) FILTER (d.is_resolved), count(d.record_key)
           FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.area""",
        """SELECT 'area', ua.area, 'dispute_resolution_rate', count(*) FILTER (d.is_resolved), count(d.record_key)
           FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.area""",
        """SELECT 'unit', ua.unit, 'disputes_received', count(d.record_key), NULL
           FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.unit""",
        """SELECT 'unit', ua.unit, 'disputes_resolved', count(*) FILTER (d.is_resolved), count(d.record_key)
           FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.unit""",
        """SELECT 'unit', ua.unit, 'dispute_resolution_rate', count(*) FILTER (d.is_resolved), count(d.record_key)
           FROM ref.unit_areas ua LEFT JOIN w_disputes d USING (unit_id) GROUP BY ua.unit""",
        f"""SELECT {town}, 'disputes_within_village_rate', count(*) FILTER (level = '村/社区'), count(*)
            FROM w_disputes WHERE is_resolved""",
        f"""SELECT {town}, 'disputes_within_town_rate', count(*) FILTER (level IN ('村/社区', '片区调解室', '镇')),
            count(*) FROM w_disputes WHERE is_resolved""",
        f"""SELECT {town}, 'disputes_escalated_rate', count(*) FILTER (level = '上级/移交'), count(*)
            FROM w_disputes WHERE is_resolved""",
        f"""SELECT {town}, 'legal_visits', count(*), NULL FROM w_legal_visits""",
        f"""SELECT {town}, 'legal_visit_disputes_resolved', coalesce(sum(disputes_resolved), 0), NULL FROM w_legal_visits""",
        f"""SELECT {town}, 'legal_consultations', coalesce(sum(consultations), 0), NULL FROM w_legal_visits""",
        """SELECT 'unit', unit, 'legal_visits', count(*), NULL FROM w_legal_visits WHERE unit IS NOT NULL GROUP BY unit""",
        f"""SELECT {town}, 'petition_backlog_cases', count(*), NULL FROM w_petitions""",
        f"""SELECT {town}, 'petition_backlog_resolved', count(*) FILTER (is_resolved), count(*) FROM w_petitions""",
        f"""SELECT {town}, 'petition_pledges_signed', count(*) FILTER (is_resolved AND pledge_signed),
            count(*) FILTER (is_resolved) FROM w_petitions""",
    ]
    for zone, prefix in (("镇", "key_projects"), ("园区", "park_projects")):
        z = f"FROM w_key_projects WHERE zone = '{zone}'"
        parts += [
            f"SELECT {town}, '{prefix}_total', count(*), NULL {z}",
            f"SELECT {town}, '{prefix}_in_construction', count(*) FILTER (stage = '在建'), count(*) {z}",
            f"SELECT {town}, '{prefix}_preparatory', count(*) FILTER (stage = '预备'), count(*) {z}",
            f"SELECT {town}, '{prefix}_preliminary', count(*) FILTER (stage = '前期'), count(*) {z}",
            f"SELECT {town}, '{prefix}_investment_completion_rate', round(sum(completed_investment), 2), "
            f"round(sum(annual_plan), 2) {z}",
        ]
    parts += [
        f"""SELECT {town}, 'grid_count', count(*), NULL FROM ref.grids""",
        f"""SELECT {town}, 'grid_units', count(*), NULL FROM ref.grid_units""",
        f"""SELECT {town}, 'grid_party_orgs', count(*) FILTER (grid_party_org <> ''), NULL FROM ref.grids""",
        f"""SELECT {town}, 'grid_events_collected', count(*), NULL FROM w_grid_events""",
        f"""SELECT {town}, 'grid_events_closed', count(*) FILTER (is_closed), count(*) FROM w_grid_events""",
        f"""SELECT {town}, 'grid_events_closure_rate', count(*) FILTER (is_closed), count(*) FROM w_grid_events""",
        f"""SELECT {town}, 'grid_events_on_time_rate', count(*) FILTER (on_time), count(*) FILTER (is_closed)
            FROM w_grid_events""",
        f"""SELECT {town}, 'grid_events_median_hours_to_close', round(median(hours_to_close), 2), NULL FROM w_grid_events""",
        """SELECT 'grid', grid, 'grid_events_collected', count(*), NULL FROM w_grid_events WHERE grid IS NOT NULL GROUP BY grid""",
        """SELECT 'grid', grid, 'grid_events_closure_rate', count(*) FILTER (is_closed), count(*)
           FROM w_grid_events WHERE grid IS NOT NULL GROUP BY grid""",
        f"""SELECT {town}, 'party_orgs', count(DISTINCT party_org_id), (SELECT count(*) FROM ref.party_orgs)
            FROM w_party_activities""",
        f"""SELECT {town}, 'party_activities', count(*), NULL FROM w_party_activities""",
        f"""SELECT {town}, 'party_attendance_rate', coalesce(sum(attended), 0), coalesce(sum(expected), 0)
            FROM w_party_activities""",
        f"""SELECT {town}, 'mediation_rooms', count(*), NULL FROM ref.areas""",
        f"""SELECT {town}, 'showcase_line_km', max(value::DOUBLE), NULL FROM ref.facts WHERE fact = 'showcase_line_km'""",
    ]
    body = "\nUNION ALL ".join(parts)
    names = " ".join(f"WHEN '{code}' THEN '{zh}'" for code, (zh, _) in INDICATORS.items())
    units = " ".join(f"WHEN '{code}' THEN '{u}'" for code, (_, u) in INDICATORS.items())
    rate_codes = ", ".join(f"'{c}'" for c, (_, u) in INDICATORS.items() if u == "%")
    schedule = "100.0 * getvariable('months_elapsed') / 12"
    return f"""
        WITH h(scope_kind, scope, indicator, numerator, denominator) AS ({body})
        SELECT {A}, scope_kind, scope, indicator, CASE indicator {names} END AS name_zh,
               numerator::DOUBLE AS numerator, denominator::DOUBLE AS denominator,
               CASE WHEN indicator IN ({rate_codes}) THEN {rate("numerator", "denominator")}
                    ELSE numerator::DOUBLE END AS value,
               CASE indicator {units} END AS unit
        FROM h
        UNION ALL
        SELECT {A}, 'town', '{TOWN}', code, CASE code {names} END,
               round(completed, 2), round(plan, 2),
               round({rate("completed", "plan")} - {schedule}, 2), '个百分点'
        FROM (SELECT CASE zone WHEN '镇' THEN 'key_projects_ahead_of_schedule'
                               ELSE 'park_projects_ahead_of_schedule' END AS code,
                     sum(completed_investment) AS completed, sum(annual_plan) AS plan
              FROM w_key_projects WHERE zone IN ('镇', '园区') GROUP BY zone)
    """


MART_SQL["headline_indicators"] = _headline_sql()


def build_marts(con: duckdb.DuckDBPyConnection, as_of: dt.date, overdue_days: int = OVERDUE_DISPUTE_DAYS,
                tables: tuple[str, ...] = MART_TABLES) -> dict[str, int]:
    """(Re)build the marts for one as-of date in one transaction; returns rows per mart."""
    prepare_as_of(con, as_of)
    con.execute("SET VARIABLE overdue_days = ?", [overdue_days])
    counts = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for i, name in enumerate(tables):
            if i == len(tables) // 2:
                checkpoint("marts.mid_transaction")
            sql = MART_SQL[name]
            exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'marts' "
                                 "AND table_name = ?", [name]).fetchone()[0]
            if not exists:
                con.execute(f"CREATE TABLE marts.{name} AS SELECT * FROM ({sql}) LIMIT 0")
            con.execute(f"DELETE FROM marts.{name} WHERE as_of = ?", [as_of])
            con.execute(f"INSERT INTO marts.{name} BY NAME {sql}")
            counts[name] = con.execute(f"SELECT count(*) FROM marts.{name} WHERE as_of = ?", [as_of]).fetchone()[0]
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts


def latest_data_date(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The latest record date in staging, capped at today: the default as-of date."""
    row = con.execute("""
        SELECT max(d) FROM (
            SELECT max(received_date) AS d FROM staging.disputes
            UNION ALL SELECT max(visit_date) FROM staging.legal_visits
            UNION ALL SELECT max(reported_at)::DATE FROM staging.grid_events
            UNION ALL SELECT max(activity_date) FROM staging.party_activities) t
        WHERE d <= current_date""").fetchone()
    return row[0] if row and row[0] else None


def headline(con: duckdb.DuckDBPyConnection, as_of: dt.date, scope_kind: str | None = None) -> list[dict]:
    """The headline indicators of one as-of date as dicts (for --json and the console)."""
    sql = """SELECT as_of, scope_kind, scope, indicator, name_zh, numerator, denominator, value, unit
             FROM marts.headline_indicators WHERE as_of = ?"""
    params: list = [as_of]
    if scope_kind:
        sql += " AND scope_kind = ?"
        params.append(scope_kind)
    order = ", ".join(f"'{code}'" for code in INDICATORS)
    sql += (" ORDER BY CASE scope_kind WHEN 'town' THEN 0 WHEN 'area' THEN 1 WHEN 'unit' THEN 2 ELSE 3 END, scope,"
            f" list_position([{order}], indicator)")
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
