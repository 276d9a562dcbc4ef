"""Rules on the marts, in DuckDB SQL: rates are percentages between 0 and 100 that agree with their
numerator and denominator, the units add up to the town, the town's totals equal a recount of staging for
the as-of window, and every sender reported every ledger for every month (WARN, in Chinese: who is missing).

No GX here: each rule is one or two queries against a read connection. Every rule returns a CheckOutcome;
a rule that cannot be evaluated (a table is missing) fails with `error` set rather than raising.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import duckdb
from taizhang.etl.warehouse import LATEST_VERSION

from .outcome import ERROR, WARN, CheckOutcome, display

HEADLINE = "marts.headline_indicators"

# --- check names (Dagster asset checks on AssetKey(["marts", "headline_indicators"])) --------------------
MARTS_RATES_IN_RANGE = "marts_rates_in_range"
MARTS_NUMERATOR_WITHIN_DENOMINATOR = "marts_numerator_within_denominator"
MARTS_RATE_MATCHES_RATIO = "marts_rate_matches_ratio"
MARTS_UNITS_SUM_TO_TOWN = "marts_units_sum_to_town"
MARTS_TOTALS_MATCH_STAGING = "marts_totals_match_staging"
MARTS_SUBMISSION_COMPLETENESS = "marts_submission_completeness"
MARTS_PROJECT_AMOUNTS_PLAUSIBLE = "marts_project_amounts_plausible"

# Headline indicators that are shares of a whole: 0 ≤ value ≤ 100 and numerator ≤ denominator.
# (Investment completion may exceed 100% of the annual plan; ahead_of_schedule is in percentage points.)
SHARE_SQL = "indicator LIKE '%\\_rate' ESCAPE '\\' AND indicator NOT LIKE '%investment\\_completion\\_rate' ESCAPE '\\'"
RATIO_SQL = "indicator LIKE '%\\_rate' ESCAPE '\\'"  # value = round(100 × numerator / denominator, 2)
RATIO_TOLERANCE = 0.0051  # whichever way the 2-decimal rounding went

# detail marts: rate columns within 0–100 and (part, whole) pairs with part ≤ whole
DETAIL_RATES: dict[str, tuple[list[str], list[tuple[str, str]]]] = {
    "dispute_resolution_by_unit": (["resolution_rate"], [("resolved", "received")]),
    "dispute_resolution_by_area": (["resolution_rate"], [("resolved", "received")]),
    "dispute_resolution_by_category": (["resolution_rate"], [("resolved", "received")]),
    "dispute_resolution_by_month": (["cumulative_rate"], [("cumulative_resolved", "cumulative_received")]),
    "dispute_levels": (["within_village_rate", "within_town_rate", "escalated_rate"], []),
    "grid_events_by_grid": (
        ["closure_rate", "on_time_rate"],
        [("closed", "collected"), ("closed_on_time", "closed")],
    ),
    "grid_events_by_type": (
        ["closure_rate", "on_time_rate"],
        [("closed", "collected"), ("closed_on_time", "closed")],
    ),
    "party_activities_by_org": (["attendance_rate"], [("attended", "expected")]),
    "party_activities_by_type": (["attendance_rate"], [("attended", "expected")]),
}

# town totals recounted from staging for the as-of window (docs/warehouse.md, "As-of semantics")
RECOUNTED = (
    "disputes_received",
    "disputes_resolved",
    "legal_visits",
    "legal_visit_disputes_resolved",
    "legal_consultations",
    "grid_events_collected",
    "party_activities",
)
UNIT_SUMMED = ("disputes_received", "disputes_resolved")

SAMPLE_SIZE = 5

# No single project's amount exceeds this many times the whole town's annual plan (both zones, the project's
# own plan left out): beyond it the figure is a unit written wrong (元 in a 万元 column) or not an amount at all
# (a phone number), and the completion rates built on it are wrong.
PLAUSIBLE_FACTOR = 10
PROJECT_AMOUNTS = {
    "total_investment": "总投资",
    "annual_plan": "年度计划投资",
    "completed_investment": "累计完成投资",
}


# --- helpers -----------------------------------------------------------------------------------------------


def _exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
            [schema, table],
        ).fetchone()[0]
    )


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> set[str]:
    return {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?",
            [schema, table],
        ).fetchall()
    }


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if isinstance(v, int | float | str) or v is None else display(v)) for k, v in row.items()}


def _num(v: Any) -> str:
    if v is None:
        return "空"
    f = float(v)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def _outcome(name: str, passed: bool, checked: int, bad: list[dict], message: str = "", **kw) -> CheckOutcome:
    severity, description = RULES[name][0], RULES[name][1]
    return CheckOutcome(
        name=name,
        table=HEADLINE,
        severity=severity,
        passed=passed,
        description_zh=description,
        check=name,
        expectation="sql",
        element_count=checked,
        unexpected_count=len(bad),
        unexpected_percent=round(100.0 * len(bad) / checked, 4) if checked else 0.0,
        sample=[_clean(r) for r in bad[:SAMPLE_SIZE]],
        message_zh=message,
        **kw,
    )


def _unavailable(name: str, what: str) -> CheckOutcome:
    severity, description = RULES[name][0], RULES[name][1]
    return CheckOutcome(
        name=name,
        table=HEADLINE,
        severity=severity,
        passed=False,
        description_zh=description,
        check=name,
        expectation="sql",
        error=what,
        message_zh=f"无法核对：{what}",
    )


def _period_start_sql(col: str = "period") -> str:
    return f"CAST(CASE WHEN length({col}) = 4 THEN {col} || '-01-01' ELSE {col} || '-01' END AS DATE)"


# --- the rules -----------------------------------------------------------------------------------------------


def rates_in_range(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> CheckOutcome:
    """Share indicators and the rate columns of the detail marts lie within 0–100."""
    if not _exists(con, "marts", "headline_indicators"):
        return _unavailable(MARTS_RATES_IN_RANGE, f"{HEADLINE} 不存在")
    checked = con.execute(
        f"SELECT count(*) FROM {HEADLINE} WHERE as_of = ? AND {SHARE_SQL} AND value IS NOT NULL", [as_of]
    ).fetchone()[0]
    bad = _rows(
        con,
        f"""SELECT 'headline_indicators' AS "table", scope_kind, scope, indicator, value
                         FROM {HEADLINE} WHERE as_of = ? AND {SHARE_SQL} AND (value < 0 OR value > 100)
                         ORDER BY indicator, scope_kind, scope""",
        [as_of],
    )
    for table, (rates, _pairs) in DETAIL_RATES.items():
        if not _exists(con, "marts", table):
            continue
        cols = _columns(con, "marts", table)
        for rate in (r for r in rates if r in cols):
            checked += con.execute(
                f"SELECT count(*) FROM marts.{table} WHERE as_of = ? AND {rate} IS NOT NULL", [as_of]
            ).fetchone()[0]
            bad += _rows(
                con,
                f"""SELECT '{table}' AS "table", '{rate}' AS indicator, {rate} AS value
                                  FROM marts.{table} WHERE as_of = ? AND ({rate} < 0 OR {rate} > 100)""",
                [as_of],
            )
    message = (
        ""
        if not bad
        else "以下比率超出0–100%："
        + "；".join(
            f"{r['table']} {r.get('scope') or ''} {r['indicator']} = {_num(r['value'])}" for r in bad[:10]
        )
    )
    return _outcome(MARTS_RATES_IN_RANGE, not bad, checked, bad, message)


def numerator_within_denominator(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> CheckOutcome:
    """For shares: 0 ≤ numerator ≤ denominator (headline and detail marts)."""
    if not _exists(con, "marts", "headline_indicators"):
        return _unavailable(MARTS_NUMERATOR_WITHIN_DENOMINATOR, f"{HEADLINE} 不存在")
    where = f"as_of = ? AND {SHARE_SQL} AND numerator IS NOT NULL AND denominator IS NOT NULL"
    checked = con.execute(f"SELECT count(*) FROM {HEADLINE} WHERE {where}", [as_of]).fetchone()[0]
    bad = _rows(
        con,
        f"""SELECT 'headline_indicators' AS "table", scope_kind, scope, indicator, numerator, denominator
                         FROM {HEADLINE} WHERE {where} AND (numerator > denominator OR numerator < 0)
                         ORDER BY indicator, scope_kind, scope""",
        [as_of],
    )
    for table, (_rates, pairs) in DETAIL_RATES.items():
        if not _exists(con, "marts", table):
            continue
        cols = _columns(con, "marts", table)
        for part, whole in pairs:
            if part not in cols or whole not in cols:
                continue
            cond = f"as_of = ? AND {part} IS NOT NULL AND {whole} IS NOT NULL"
            checked += con.execute(f"SELECT count(*) FROM marts.{table} WHERE {cond}", [as_of]).fetchone()[0]
            bad += _rows(
                con,
                f"""SELECT '{table}' AS "table", '{part}/{whole}' AS indicator,
                                         {part} AS numerator, {whole} AS denominator
                                  FROM marts.{table} WHERE {cond} AND ({part} > {whole} OR {part} < 0)""",
                [as_of],
            )
    message = (
        ""
        if not bad
        else "以下指标的分子大于分母（或为负）："
        + "；".join(
            f"{r['table']} {r.get('scope') or ''} {r['indicator']} {_num(r['numerator'])}/{_num(r['denominator'])}"
            for r in bad[:10]
        )
    )
    return _outcome(MARTS_NUMERATOR_WITHIN_DENOMINATOR, not bad, checked, bad, message)


def rate_matches_ratio(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> CheckOutcome:
    """A rate is 100 × numerator / denominator rounded to 2 decimals (where the denominator is positive)."""
    if not _exists(con, "marts", "headline_indicators"):
        return _unavailable(MARTS_RATE_MATCHES_RATIO, f"{HEADLINE} 不存在")
    where = f"as_of = ? AND {RATIO_SQL} AND numerator IS NOT NULL AND denominator > 0"
    checked = con.execute(f"SELECT count(*) FROM {HEADLINE} WHERE {where}", [as_of]).fetchone()[0]
    bad = _rows(
        con,
        f"""SELECT scope_kind, scope, indicator, numerator, denominator, value,
                                round(100.0 * numerator / denominator, 2) AS expected
                         FROM {HEADLINE} WHERE {where}
                           AND (value IS NULL OR abs(value - 100.0 * numerator / denominator) > {RATIO_TOLERANCE})
                         ORDER BY indicator, scope_kind, scope""",
        [as_of],
    )
    message = (
        ""
        if not bad
        else "以下比率与分子、分母不符："
        + "；".join(
            f"{r['scope']} {r['indicator']} = {_num(r['value'])}，应为 {_num(r['expected'])}"
            for r in bad[:10]
        )
    )
    return _outcome(MARTS_RATE_MATCHES_RATIO, not bad, checked, bad, message)


def staging_counts(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> dict[str, float]:
    """The town's totals recounted from staging: files whose period starts on or before the as-of date,
    the latest version of each record (as core does), records dated 1 January … as-of."""
    jan1 = dt.date(as_of.year, 1, 1)

    def latest(kind: str) -> str:
        return f"(SELECT * FROM staging.{kind} WHERE {_period_start_sql()} <= $as_of {LATEST_VERSION})"

    p = {"as_of": as_of, "jan1": jan1}
    out: dict[str, float] = {}
    r = con.execute(
        f"""SELECT count(*) FILTER (WHERE received_date BETWEEN $jan1 AND $as_of),
                               count(*) FILTER (WHERE received_date BETWEEN $jan1 AND $as_of
                                                AND status = 'resolved' AND resolved_date <= $as_of),
                               count(*) FILTER (WHERE received_date BETWEEN $jan1 AND $as_of AND unit_id IS NULL),
                               count(*) FILTER (WHERE received_date BETWEEN $jan1 AND $as_of AND unit_id IS NULL
                                                AND status = 'resolved' AND resolved_date <= $as_of)
                        FROM {latest("disputes")}""",
        p,
    ).fetchone()
    out.update(
        disputes_received=r[0],
        disputes_resolved=r[1],
        disputes_received_no_unit=r[2],
        disputes_resolved_no_unit=r[3],
    )
    r = con.execute(
        f"""SELECT count(*), coalesce(sum(disputes_resolved), 0), coalesce(sum(consultations), 0)
                        FROM {latest("legal_visits")} WHERE visit_date BETWEEN $jan1 AND $as_of""",
        p,
    ).fetchone()
    out.update(legal_visits=r[0], legal_visit_disputes_resolved=r[1], legal_consultations=r[2])
    out["grid_events_collected"] = con.execute(
        f"SELECT count(*) FROM {latest('grid_events')} WHERE CAST(reported_at AS DATE) BETWEEN $jan1 AND $as_of",
        p,
    ).fetchone()[0]
    out["party_activities"] = con.execute(
        f"SELECT count(*) FROM {latest('party_activities')} WHERE activity_date BETWEEN $jan1 AND $as_of", p
    ).fetchone()[0]
    return out


def _headline_values(con, as_of: dt.date, scope_kind: str) -> dict[str, float]:
    rows = con.execute(
        f"""SELECT indicator, sum(value) FROM {HEADLINE}
                           WHERE as_of = ? AND scope_kind = ? GROUP BY indicator""",
        [as_of, scope_kind],
    ).fetchall()
    return {i: v for i, v in rows}


def units_sum_to_town(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> CheckOutcome:
    """Σ unit disputes_received / disputes_resolved = the town's; records with no unit may make the town
    larger — by exactly their number (reported then)."""
    if not _exists(con, "marts", "headline_indicators"):
        return _unavailable(MARTS_UNITS_SUM_TO_TOWN, f"{HEADLINE} 不存在")
    town = _headline_values(con, as_of, "town")
    units = _headline_values(con, as_of, "unit")
    try:
        counts = staging_counts(con, as_of)
    except duckdb.Error:
        counts = None
    bad, notes, checked = [], [], 0
    for ind in UNIT_SUMMED:
        if ind not in town:
            continue
        if ind not in units:
            notes.append(f"{ind} 没有按村（社区）的数值，未核对")
            continue
        checked += 1
        diff = (town[ind] or 0) - (units[ind] or 0)
        no_unit = counts.get(f"{ind}_no_unit") if counts else None
        row = {
            "indicator": ind,
            "town": town[ind],
            "units_sum": units[ind],
            "difference": diff,
            "no_unit": no_unit,
        }
        if diff < 0:
            bad.append(row)
            notes.append(f"{ind}：各村（社区）之和 {_num(units[ind])} 大于全镇 {_num(town[ind])}")
        elif no_unit is not None and abs(diff - no_unit) > 1e-9:
            bad.append(row)
            notes.append(
                f"{ind}：全镇 {_num(town[ind])} 比各村（社区）之和 {_num(units[ind])} 多 {_num(diff)}，"
                f"但没有所属村居的记录只有 {_num(no_unit)} 条"
            )
        elif diff > 0:
            notes.append(
                f"{ind}：全镇 {_num(town[ind])} 比各村（社区）之和 {_num(units[ind])} 多 {_num(diff)}，"
                f"为没有所属村居的记录（镇级受理）"
            )
    return _outcome(MARTS_UNITS_SUM_TO_TOWN, not bad, checked, bad, "；".join(notes))


def totals_match_staging(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> CheckOutcome:
    """The town's headline totals equal a recount of staging for the as-of window."""
    if not _exists(con, "marts", "headline_indicators"):
        return _unavailable(MARTS_TOTALS_MATCH_STAGING, f"{HEADLINE} 不存在")
    town = _headline_values(con, as_of, "town")
    if not town:
        bad = [{"indicator": "*", "mart": None, "staging": None}]
        return _outcome(MARTS_TOTALS_MATCH_STAGING, False, 1, bad, f"没有截至 {as_of} 的全镇指标")
    try:
        counts = staging_counts(con, as_of)
    except duckdb.Error as exc:
        return _unavailable(MARTS_TOTALS_MATCH_STAGING, f"无法从暂存表重新计数：{exc}")
    bad, notes, checked = [], [], 0
    for ind in RECOUNTED:
        if ind not in town:
            notes.append(f"指标 {ind} 没有全镇数值，未核对")
            continue
        checked += 1
        mart, recount = town[ind], counts[ind]
        if mart is None or abs(float(mart) - float(recount)) > 1e-6:
            bad.append({"indicator": ind, "mart": mart, "staging": recount})
            notes.insert(0, f"{ind}：指标为 {_num(mart)}，暂存表重新计数为 {_num(recount)}")
    return _outcome(MARTS_TOTALS_MATCH_STAGING, not bad, checked, bad, "；".join(notes))


def submission_completeness(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> CheckOutcome:
    """Every sender reported every ledger for every month up to the as-of month (WARN: who is missing)."""
    if not _exists(con, "marts", "submission_completeness"):
        return _unavailable(MARTS_SUBMISSION_COMPLETENESS, "marts.submission_completeness 不存在")
    from taizhang.etl.schema import catalog

    names = {k: lg.name_zh for k, lg in catalog().ledgers.items()}
    checked = con.execute(
        "SELECT count(*) FROM marts.submission_completeness WHERE as_of = ?", [as_of]
    ).fetchone()[0]
    missing = (
        _rows(
            con,
            """SELECT c.sender, c.unit_id, c.ledger, c.month, u.name AS unit
                            FROM marts.submission_completeness c
                            LEFT JOIN (SELECT unit_id, name FROM ref.units) u USING (unit_id)
                            WHERE c.as_of = ? AND c.status = 'missing'
                            ORDER BY c.unit_id NULLS LAST, c.sender, c.ledger, c.month""",
            [as_of],
        )
        if _exists(con, "ref", "units")
        else _rows(
            con,
            """SELECT sender, unit_id, ledger, month, NULL AS unit FROM marts.submission_completeness
                      WHERE as_of = ? AND status = 'missing' ORDER BY unit_id NULLS LAST, sender, ledger, month""",
            [as_of],
        )
    )
    grouped: dict[tuple[str, str], list[str]] = {}
    for r in missing:
        who = r["sender"] or r["unit"] or r["unit_id"] or "未知单位"
        grouped.setdefault((who, names.get(r["ledger"], r["ledger"] or "")), []).append(str(r["month"]))
    lines = [f"{who}：{ledger}（{'、'.join(months)}）未报送" for (who, ledger), months in grouped.items()]
    message = (
        (f"截至{as_of:%Y年%m月%d日}，共{len(missing)}个月度台账未报送：" + "；".join(lines)) if lines else ""
    )
    for r in missing:
        r.pop("unit", None)
    return _outcome(MARTS_SUBMISSION_COMPLETENESS, not missing, checked, missing, message)


def project_amounts_plausible(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> CheckOutcome:
    """Each key project's 总投资, 年度计划投资 and 累计完成投资 is at most PLAUSIBLE_FACTOR × the annual plan of
    all the town's other projects (WARN: which project, which amount)."""
    if not _exists(con, "marts", "key_projects"):
        return _unavailable(MARTS_PROJECT_AMOUNTS_PLAUSIBLE, "marts.key_projects 不存在")
    amounts = ", ".join(PROJECT_AMOUNTS)
    checked, bad = con.execute(
        f"""
        WITH p AS (SELECT zone, project_name, {amounts} FROM marts.key_projects WHERE as_of = $as_of),
             plan AS (SELECT coalesce(sum(annual_plan), 0) AS town_plan FROM p),
             amounts AS (UNPIVOT p ON {amounts} INTO NAME amount VALUE value)
        SELECT (SELECT count(*) FROM amounts),
               list({{'zone': a.zone, 'project_name': a.project_name, 'amount': a.amount, 'value': a.value,
                      'others_plan': plan.town_plan - coalesce(p.annual_plan, 0)}}
                    ORDER BY a.value DESC)
                 FILTER (WHERE plan.town_plan - coalesce(p.annual_plan, 0) > 0
                           AND a.value > $factor * (plan.town_plan - coalesce(p.annual_plan, 0)))
        FROM amounts a JOIN p USING (zone, project_name) CROSS JOIN plan""",
        {"as_of": as_of, "factor": PLAUSIBLE_FACTOR},
    ).fetchone()
    bad = bad or []
    message = (
        ""
        if not bad
        else (
            f"以下项目的金额超过全镇其他项目年度计划投资总和的 {PLAUSIBLE_FACTOR} 倍，可能是单位填错（元/万元/亿元）"
            "或填入了电话号码等非金额内容，投资完成率因此失真，请核对原表："
            + "；".join(
                f"{r['zone'] or ''}“{r['project_name']}”{PROJECT_AMOUNTS[r['amount']]} {_num(r['value'])} 万元"
                f"（其他项目年度计划合计 {_num(r['others_plan'])} 万元）"
                for r in bad[:10]
            )
        )
    )
    return _outcome(MARTS_PROJECT_AMOUNTS_PLAUSIBLE, not bad, checked or 0, bad, message)


RULES: dict[str, tuple[str, str, Callable[[duckdb.DuckDBPyConnection, dt.date], CheckOutcome]]] = {
    MARTS_RATES_IN_RANGE: (ERROR, "比率在0–100%之间", rates_in_range),
    MARTS_NUMERATOR_WITHIN_DENOMINATOR: (ERROR, "比率的分子不大于分母", numerator_within_denominator),
    MARTS_RATE_MATCHES_RATIO: (ERROR, "比率等于分子÷分母×100（保留两位小数）", rate_matches_ratio),
    MARTS_UNITS_SUM_TO_TOWN: (
        ERROR,
        "各村（社区）纠纷受理数、化解数之和与全镇一致（差额为无所属村居的记录）",
        units_sum_to_town,
    ),
    MARTS_TOTALS_MATCH_STAGING: (ERROR, "全镇指标与暂存表按截至日期重新计数一致", totals_match_staging),
    MARTS_SUBMISSION_COMPLETENESS: (WARN, "各单位每月按时报送各类台账", submission_completeness),
    MARTS_PROJECT_AMOUNTS_PLAUSIBLE: (
        WARN,
        f"重点项目的金额不超过全镇其他项目年度计划投资总和的{PLAUSIBLE_FACTOR}倍",
        project_amounts_plausible,
    ),
}


def run_mart_rules(
    con: duckdb.DuckDBPyConnection, as_of: dt.date, names: list[str] | None = None
) -> list[CheckOutcome]:
    """All (or the named) mart rules for one as-of date."""
    out = []
    for name, (_sev, _desc, rule) in RULES.items():
        if names is None or name in names:
            try:
                out.append(rule(con, as_of))
            except duckdb.Error as exc:
                out.append(_unavailable(name, str(exc)))
    return out
