"""The records behind a headline figure, each with its source file, sheet and row — the answer when a
published number is questioned. No personal data: only dates, categories, counts and the source."""

from __future__ import annotations

import datetime as dt

import duckdb

from .marts import INDICATORS, prepare_as_of
from .reference import TOWN_NAME

SOURCE = "file_name AS 来源文件, sheet AS 工作表, row_number AS 行号"

DISPUTE_COLS = f"""unit AS 村社区, received_date AS 受理日期, dispute_type AS 纠纷类型, level AS 化解层级,
    CASE WHEN is_resolved THEN '已化解' WHEN status = 'open' THEN '化解中' ELSE '未化解' END AS 化解情况,
    CASE WHEN is_resolved THEN resolved_date END AS 化解日期, {SOURCE}"""
VISIT_COLS = f"unit AS 挂点村居, visit_date AS 日期, role AS 身份, disputes_resolved AS 化解纠纷数, consultations AS 法律咨询数, {SOURCE}"
PETITION_COLS = f"""case_id AS 案件编号, unit AS 村社区, first_visit_date AS 初访时间,
    CASE WHEN is_resolved THEN '已化解' ELSE '化解中' END AS 状态, CASE WHEN is_resolved THEN resolved_date END AS 化解日期,
    pledge_signed AS 签订承诺书, {SOURCE}"""
PROJECT_COLS = f"""zone AS 所属, project_name AS 项目名称, stage AS 阶段, annual_plan AS 年度计划投资,
    completed_investment AS 累计完成投资, {SOURCE}"""
EVENT_COLS = f"""event_id AS 事件编号, grid AS 网格, event_type AS 事件类型, reported_at AS 上报时间, deadline AS 处理时限,
    closed_at AS 办结时间, status AS 状态, {SOURCE}"""
PARTY_COLS = f"""org AS 党组织, activity_date AS 日期, activity_type AS 活动类型, expected AS 应到人数, attended AS 实到人数, {SOURCE}"""

# indicator → (view, columns, filter, order)
EXPLAIN: dict[str, tuple[str, str, str]] = {
    "disputes_received": ("w_disputes", DISPUTE_COLS, "TRUE"),
    "disputes_resolved": ("w_disputes", DISPUTE_COLS, "is_resolved"),
    "dispute_resolution_rate": ("w_disputes", DISPUTE_COLS, "TRUE"),
    "disputes_within_village_rate": ("w_disputes", DISPUTE_COLS, "is_resolved"),
    "disputes_within_town_rate": ("w_disputes", DISPUTE_COLS, "is_resolved"),
    "disputes_escalated_rate": ("w_disputes", DISPUTE_COLS, "is_resolved"),
    "legal_visits": ("w_legal_visits", VISIT_COLS, "TRUE"),
    "legal_visit_disputes_resolved": ("w_legal_visits", VISIT_COLS, "disputes_resolved > 0"),
    "legal_consultations": ("w_legal_visits", VISIT_COLS, "consultations > 0"),
    "petition_backlog_cases": ("w_petitions", PETITION_COLS, "TRUE"),
    "petition_backlog_resolved": ("w_petitions", PETITION_COLS, "is_resolved"),
    "petition_pledges_signed": ("w_petitions", PETITION_COLS, "is_resolved AND pledge_signed"),
    "grid_events_collected": ("w_grid_events", EVENT_COLS, "TRUE"),
    "grid_events_closed": ("w_grid_events", EVENT_COLS, "is_closed"),
    "grid_events_closure_rate": ("w_grid_events", EVENT_COLS, "TRUE"),
    "grid_events_on_time_rate": ("w_grid_events", EVENT_COLS, "is_closed"),
    "grid_events_median_hours_to_close": ("w_grid_events", EVENT_COLS, "is_closed"),
    "party_orgs": ("w_party_activities", PARTY_COLS, "TRUE"),
    "party_activities": ("w_party_activities", PARTY_COLS, "TRUE"),
    "party_attendance_rate": ("w_party_activities", PARTY_COLS, "TRUE"),
}
for _zone, _prefix in (("镇", "key_projects"), ("园区", "park_projects")):
    for _suffix, _cond in (
        ("total", "TRUE"),
        ("in_construction", "stage = '在建'"),
        ("preparatory", "stage = '预备'"),
        ("preliminary", "stage = '前期'"),
        ("investment_completion_rate", "TRUE"),
        ("ahead_of_schedule", "TRUE"),
    ):
        EXPLAIN[f"{_prefix}_{_suffix}"] = ("w_key_projects", PROJECT_COLS, f"zone = '{_zone}' AND {_cond}")

REFERENCE_FIGURES = {
    "grid_count": (
        "SELECT grid_id AS 编号, name AS 网格, 'etl/ref/grids.csv' AS 来源文件 FROM ref.grids",
        "grids.csv",
    ),
    "grid_units": (
        "SELECT grid_unit_id AS 编号, name AS 单元, 'etl/ref/grid_units.csv' AS 来源文件 FROM ref.grid_units",
        "",
    ),
    "grid_party_orgs": (
        "SELECT grid_id AS 编号, grid_party_org AS 网格党组织, 'etl/ref/grids.csv' AS 来源文件 "
        "FROM ref.grids WHERE grid_party_org <> ''",
        "",
    ),
    "mediation_rooms": (
        "SELECT area_id AS 编号, name AS 片区, mediation_room AS 调解室, 'etl/ref/areas.csv' AS 来源文件 "
        "FROM ref.areas",
        "",
    ),
    "showcase_line_km": (
        "SELECT fact, name_zh, value, unit, 'etl/ref/facts.csv' AS 来源文件 FROM ref.facts "
        "WHERE fact = 'showcase_line_km'",
        "",
    ),
}


# the columns of each view a scope cuts by (etl/scope.py kinds)
SCOPE_COLUMNS: dict[str, dict[str, str]] = {
    "w_disputes": {"unit": "unit", "area": "area"},
    "w_legal_visits": {"unit": "unit", "area": "area"},
    "w_petitions": {"unit": "unit"},
    "w_grid_events": {"grid": "grid"},
    "w_party_activities": {"party_org": "org"},
    "w_key_projects": {"zone": "zone"},
}


class UnknownIndicator(ValueError):
    pass


def _plain(text: str) -> str:
    """A name as compared: no spaces, no quotes of any width."""
    return "".join(ch for ch in text if ch not in " \u3000“”\"'‘’「」").lower()


def resolve_indicator(text: str) -> str:
    """The indicator code for a code or a Chinese name (quotes and spaces do not matter); UnknownIndicator
    listing the candidates (or every indicator) otherwise."""
    if text in INDICATORS:
        return text
    wanted = _plain(text)
    for code, (name_zh, _unit) in INDICATORS.items():
        if wanted in (_plain(code), _plain(name_zh)):
            return code
    near = [
        code
        for code, (name_zh, _unit) in INDICATORS.items()
        if wanted and (wanted in _plain(name_zh) or wanted in code or _plain(name_zh) in wanted)
    ]
    if near:
        raise UnknownIndicator(
            f"指标“{text}”不是一个完整的名称，可能是：\n"
            + indicator_listing(near)
            + "\n请写出指标名称或代码。"
        )
    raise UnknownIndicator(f"没有指标“{text}”。可用的指标（名称或代码均可）：\n" + indicator_listing())


def indicator_listing(codes=None) -> str:
    from .text import pad

    return "\n".join(f"  {pad(INDICATORS[c][0], 30)}{c}" for c in (codes or INDICATORS))


def explain(con: duckdb.DuckDBPyConnection, indicator: str, as_of: dt.date, scope: str | None = None):
    """(column names, rows) of the records behind an indicator (its code or Chinese name), optionally for
    one unit, 片区, grid, party organisation or project zone. UnknownIndicator, or ScopeError for a scope
    that is unknown, ambiguous or not one this indicator is counted by."""
    from .scope import ScopeError, filter_for, resolve

    indicator = resolve_indicator(indicator)
    chosen = resolve(scope) if scope else None
    name_zh = INDICATORS[indicator][0]
    if indicator in REFERENCE_FIGURES and chosen and not chosen.is_town:
        raise ScopeError(f"{name_zh}是全镇的参考数据，只能按全镇查看（不写 --scope 或写 {TOWN_NAME}）。")
    prepare_as_of(con, as_of)
    if indicator in REFERENCE_FIGURES:
        cur = con.execute(REFERENCE_FIGURES[indicator][0])
    else:
        view, cols, cond = EXPLAIN[indicator]
        params: dict = {}
        cut = filter_for(chosen, SCOPE_COLUMNS[view], f"指标“{name_zh}”") if chosen else None
        if cut and view == "w_key_projects":
            own = "园区" if indicator.startswith("park_") else "镇"
            if cut[1] != own:
                raise ScopeError(
                    f"{name_zh}只统计{own}的重点项目；{cut[1]}的项目请看"
                    f"“{INDICATORS[_other_zone(indicator)][0]}”（{_other_zone(indicator)}）。"
                )
            cut = None  # the indicator's own zone: its rows already
        if cut:
            cond += f" AND {cut[0]} = $scope"
            params = {"scope": cut[1]}
        cur = con.execute(
            f"SELECT {cols} FROM {view} WHERE {cond} ORDER BY 来源文件, 工作表, 行号", params or None
        )
    names = [d[0] for d in cur.description]
    return names, cur.fetchall()


def _other_zone(indicator: str) -> str:
    if indicator.startswith("park_"):
        return "key_" + indicator.removeprefix("park_")
    return "park_" + indicator.removeprefix("key_")
