"""The marts: indicators and per-domain aggregates as of a date. Each mart is one SQL file in etl/sql/ (its
first comment line says what it is); etl/sql/_as_of.sql holds the as-of variables and views they share.

Every mart carries `as_of`, and a build replaces only the rows of its own as_of. A mart whose definition
changed (another SQL, other columns) is dropped and built again for every as-of date it held.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from importlib import resources
from string import Template

import duckdb

from .faults import checkpoint
from .reference import TOWN_NAME
from .schema import LATEST_VERSION, LEDGER_KINDS

OVERDUE_DISPUTE_DAYS = 30

# indicator code → (Chinese name, unit)
INDICATORS: dict[str, tuple[str, str]] = {
    "disputes_received": ("矛盾纠纷受理数", "件"),
    "disputes_resolved": ("矛盾纠纷化解数", "件"),
    "dispute_resolution_rate": ("矛盾纠纷化解率", "%"),
    "disputes_within_village_rate": ("小事不出村（社区）占比", "%"),
    "disputes_within_town_rate": ("大事不出镇占比", "%"),
    "disputes_escalated_rate": ("上级/移交占比", "%"),
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

# the marts, in the order they are built and listed (one etl/sql/<name>.sql each)
MART_TABLES = (
    "headline_indicators",
    "dispute_resolution_by_unit",
    "dispute_resolution_by_area",
    "dispute_resolution_by_category",
    "dispute_resolution_by_month",
    "dispute_levels",
    "legal_visits_by_month",
    "legal_visits_by_role",
    "petition_backlog",
    "key_projects",
    "key_projects_by_stage",
    "grid_events_by_grid",
    "grid_events_by_type",
    "grid_events_by_month",
    "party_activities_by_org",
    "party_activities_by_type",
    "submission_completeness",
    "overdue_disputes",
    "overdue_grid_events",
)
SHARED = "_as_of"


def rate(num: str, den: str) -> str:
    """A percentage as officials publish it: rounded to 2 decimals, stored exactly (DECIMAL), none for 0/0.
    The marts' SQL calls it as pct(num, den)."""
    return f"CASE WHEN ({den}) > 0 THEN round(100.0 * ({num}) / ({den}), 2)::DECIMAL(18, 2) END"


# --- the SQL files -----------------------------------------------------------------------------------------


@cache
def sql_text(name: str) -> str:
    """etl/sql/<name>.sql as written (comments included)."""
    return resources.files("taizhang.etl").joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


def mart_sql(name: str) -> str:
    """The mart's SELECT (its leading comment lines stripped, so it can be wrapped in a statement)."""
    lines = sql_text(name).splitlines()
    while lines and (lines[0].startswith("--") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines).rstrip().rstrip(";")


def description(name: str) -> str:
    """What the mart is, to an analyst: the first comment line of its SQL file."""
    first = sql_text(name).splitlines()[0]
    return first[2:].strip() if first.startswith("--") else name


@cache
def mart_inputs(name: str) -> tuple[tuple[str, ...], bool, bool]:
    """What a mart reads, from its SQL: (the staging ledgers, whether meta.*, whether ref.*)."""
    sql = mart_sql(name)
    kinds = tuple(k for k in LEDGER_KINDS if re.search(rf"\b(?:w_|asof_|staging\.){k}\b", sql))
    return kinds, bool(re.search(r"\bmeta\.", sql)), bool(re.search(r"\bref\.", sql) or kinds)


@cache
def definition(name: str) -> str:
    """A mart's definition: its SQL, the shared as-of SQL and the percentage rule (a change of any rebuilds it)."""
    import hashlib

    text = "\n".join((sql_text(SHARED), sql_text(name), rate("num", "den")))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- building ------------------------------------------------------------------------------------------


def prepare_as_of(
    con: duckdb.DuckDBPyConnection, as_of: dt.date, overdue_days: int = OVERDUE_DISPUTE_DAYS
) -> None:
    """Session variables, macros and temp views of one as-of date (the `w_<ledger>` views the marts read)."""
    con.execute(f"CREATE OR REPLACE TEMP MACRO pct(num, den) AS {rate('num', 'den')}")
    values = ", ".join(
        f"({_literal(code)}, {_literal(zh)}, {_literal(unit)})" for code, (zh, unit) in INDICATORS.items()
    )
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW indicator_catalog AS SELECT * FROM (VALUES {values}) "
        "c(indicator, name_zh, unit)"
    )
    _set_as_of(con, as_of, overdue_days)
    con.execute(Template(sql_text(SHARED)).substitute(latest_version=LATEST_VERSION))


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _set_as_of(con: duckdb.DuckDBPyConnection, as_of: dt.date, overdue_days: int) -> None:
    """The variables of one as-of date: those given here, then those _as_of.sql derives from them (the views
    read the variables when they are queried, so switching dates needs no new views)."""
    con.execute("SET VARIABLE as_of = ?::DATE", [as_of.isoformat()])
    con.execute("SET VARIABLE town = ?", [TOWN_NAME])
    con.execute("SET VARIABLE overdue_days = ?", [overdue_days])
    for statement in _derived_variables():
        con.execute(statement)


@cache
def _derived_variables() -> tuple[str, ...]:
    statements = []
    for statement in sql_text(SHARED).split(";"):
        body = "\n".join(
            line for line in statement.splitlines() if not line.lstrip().startswith("--")
        ).strip()
        if body.startswith("SET VARIABLE"):
            statements.append(body)
    return tuple(statements)


def build_marts(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date,
    overdue_days: int = OVERDUE_DISPUTE_DAYS,
    tables: tuple[str, ...] = MART_TABLES,
) -> dict[str, int]:
    """(Re)build marts for one as-of date in one transaction; returns rows per mart. A mart whose definition
    changed since it was created is created anew, and its other as-of dates are built again with it."""
    prepare_as_of(con, as_of, overdue_days)
    counts = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for i, name in enumerate(tables):
            if i == len(tables) // 2:
                checkpoint("marts.mid_transaction")
            if _stored_definition(con, name) != definition(name):
                _recreate(con, name, as_of, overdue_days)
            else:
                con.execute(f"DELETE FROM marts.{name} WHERE as_of = ?", [as_of])
                con.execute(f"INSERT INTO marts.{name} BY NAME {mart_sql(name)}")
            counts[name] = con.execute(
                f"SELECT count(*) FROM marts.{name} WHERE as_of = ?", [as_of]
            ).fetchone()[0]
            con.execute("DELETE FROM meta.mart_builds WHERE mart = ? AND as_of = ?", [name, as_of])
            con.execute("INSERT INTO meta.mart_builds VALUES (?, ?, ?)", [name, as_of, counts[name]])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts


def upgrade_marts(con: duckdb.DuckDBPyConnection) -> dict[str, list[dt.date]]:
    """Marts whose definition changed (or that no definition was recorded for: an older release) are dropped
    and built again for every as-of date they held, in one transaction. Returns mart → dates rebuilt."""
    changed = [
        name
        for name in MART_TABLES
        if _exists(con, name) and _stored_definition(con, name) != definition(name)
    ]
    stale = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts' "
            "AND database_name = current_database()"
        ).fetchall()
        if r[0] not in MART_TABLES
    ]
    if not changed and not stale:
        return {}
    done: dict[str, list[dt.date]] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for name in stale:  # a mart this release no longer has
            con.execute(f"DROP TABLE marts.{name}")
            con.execute("DELETE FROM meta.mart_definitions WHERE mart = ?", [name])
            done[name] = []
        for name in changed:
            dates = _dates(con, name)
            if dates:
                prepare_as_of(con, dates[-1])
                _recreate(con, name, dates[-1], OVERDUE_DISPUTE_DAYS)
            else:
                con.execute(f"DROP TABLE marts.{name}")
                con.execute("DELETE FROM meta.mart_definitions WHERE mart = ?", [name])
            done[name] = dates
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return done


def _recreate(con: duckdb.DuckDBPyConnection, name: str, as_of: dt.date, overdue_days: int) -> None:
    """Drop the mart, create it from its definition for as_of, and build its other dates again (inside the
    caller's transaction; the caller prepared as_of)."""
    others = [d for d in _dates(con, name) if d != as_of] if _exists(con, name) else []
    con.execute(f"DROP TABLE IF EXISTS marts.{name}")
    con.execute(f"CREATE TABLE marts.{name} AS {mart_sql(name)}")
    for day in others:
        _set_as_of(con, day, overdue_days)
        con.execute(f"INSERT INTO marts.{name} BY NAME {mart_sql(name)}")
    _set_as_of(con, as_of, overdue_days)
    con.execute("INSERT OR REPLACE INTO meta.mart_definitions VALUES (?, ?)", [name, definition(name)])


def _exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return (
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'marts' AND table_name = ?",
            [name],
        ).fetchone()[0]
        > 0
    )


def _dates(con: duckdb.DuckDBPyConnection, name: str) -> list[dt.date]:
    return [r[0] for r in con.execute(f"SELECT DISTINCT as_of FROM marts.{name} ORDER BY 1").fetchall()]


def _stored_definition(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    if not _exists(con, name):
        return None
    row = con.execute("SELECT definition FROM meta.mart_definitions WHERE mart = ?", [name]).fetchone()
    return row[0] if row else None


def mart_dates(con: duckdb.DuckDBPyConnection) -> list[dt.date]:
    """Every as-of date the marts hold (from the headline indicators)."""
    return _dates(con, "headline_indicators") if _exists(con, "headline_indicators") else []


# --- reading -----------------------------------------------------------------------------------------------


def _plain(value):
    """Rates are DECIMAL in the warehouse; Python callers get the same figure as a float (84.71, not a Decimal)."""
    return float(value) if isinstance(value, Decimal) else value


def headline(con: duckdb.DuckDBPyConnection, as_of: dt.date, scope_kind: str | None = None) -> list[dict]:
    """The headline indicators of one as-of date as dicts (for --json and the console)."""
    sql = """SELECT as_of, scope_kind, scope, indicator, name_zh, numerator, denominator, value, unit
             FROM marts.headline_indicators WHERE as_of = ?"""
    params: list = [as_of]
    if scope_kind:
        sql += " AND scope_kind = ?"
        params.append(scope_kind)
    order = ", ".join(f"'{code}'" for code in INDICATORS)
    sql += (
        " ORDER BY CASE scope_kind WHEN 'town' THEN 0 WHEN 'area' THEN 1 WHEN 'unit' THEN 2 ELSE 3 END, scope,"
        f" list_position([{order}], indicator)"
    )
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [{k: _plain(v) for k, v in zip(cols, row, strict=True)} for row in cur.fetchall()]
