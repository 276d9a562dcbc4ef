"""Marts: each indicator on a small hand-made town, and the as-of cut."""

import datetime as dt

import duckdb
import pytest
from small_town import write_small_town
from taizhang.etl.explain import explain
from taizhang.etl.marts import build_marts, headline


@pytest.fixture
def town(home, ingest):
    expected = write_small_town(home.inbox)
    ingest(home.inbox)
    return expected


def _town_figures(home, as_of):
    con = duckdb.connect(str(home.warehouse))
    try:
        build_marts(con, as_of)
        return {r["indicator"]: r for r in headline(con, as_of, "town")}
    finally:
        con.close()


def test_every_indicator_on_the_small_town(home, town):
    figures = _town_figures(home, town["as_of"])
    for code, value in town.items():
        if code != "as_of":
            assert figures[code]["value"] == pytest.approx(value), code


def test_rates_keep_numerator_and_denominator(home, town):
    rate = _town_figures(home, town["as_of"])["dispute_resolution_rate"]
    assert (rate["numerator"], rate["denominator"], rate["value"], rate["unit"]) == (3, 5, 60.0, "%")


def test_as_of_cut_changes_the_figures(home, town):
    early = _town_figures(home, dt.date(2023, 10, 4))
    assert early["disputes_received"]["value"] == 4  # 10-09 东星 not yet received
    assert early["disputes_resolved"]["value"] == 0  # resolved on 10-05 and 10-20: after the cut
    assert _town_figures(home, dt.date(2023, 10, 31))["disputes_resolved"]["value"] == 3


def test_unit_figures_sum_to_the_town(home, town):
    con = duckdb.connect(str(home.warehouse))
    build_marts(con, town["as_of"])
    units = con.execute("""SELECT sum(numerator) FROM marts.headline_indicators
                           WHERE scope_kind='unit' AND indicator='disputes_received'""").fetchone()[0]
    assert units == town["disputes_received"]
    by_unit = dict(con.execute("SELECT unit, received FROM marts.dispute_resolution_by_unit").fetchall())
    assert by_unit["林山村"] == 4 and by_unit["东星社区"] == 1 and by_unit["龙山村"] == 0
    con.close()


def test_explain_returns_exactly_the_rows_behind_the_figure(home, town):
    con = duckdb.connect(str(home.warehouse))
    build_marts(con, town["as_of"])
    names, rows = explain(con, "disputes_resolved", town["as_of"])
    assert len(rows) == town["disputes_resolved"]
    assert {"来源文件", "工作表", "行号"} <= set(names)
    assert sorted((r[names.index("来源文件")], r[names.index("行号")]) for r in rows) == [
        ("东星社区-矛盾纠纷-2023年10月.xlsx", 3),
        ("林山村-矛盾纠纷-2023年10月.xlsx", 3),
        ("林山村-矛盾纠纷-2023年10月.xlsx", 4),
    ]
    _, scoped = explain(con, "disputes_received", town["as_of"], scope="林山")
    assert len(scoped) == 4
    con.close()


def test_rebuilding_the_same_as_of_replaces_its_rows(home, town):
    _town_figures(home, town["as_of"])
    _town_figures(home, town["as_of"])
    con = duckdb.connect(str(home.warehouse), read_only=True)
    n = con.execute(
        "SELECT count(*) FROM marts.headline_indicators WHERE indicator='disputes_received' "
        "AND scope_kind='town'"
    ).fetchone()[0]
    assert n == 1
    con.close()


def test_overdue_lists(home, town):
    con = duckdb.connect(str(home.warehouse))
    build_marts(con, dt.date(2023, 11, 20))
    overdue = con.execute("SELECT unit, days_open FROM marts.overdue_disputes").fetchall()
    assert overdue == [("林山村", 47)]  # 10-04 open; the 已移交 one is not open
    events = con.execute("SELECT event_id FROM marts.overdue_grid_events").fetchall()
    assert events == [("SJ3",)]
    con.close()


# --- figures as officials publish them (issue 14.4) -------------------------------------------------------


def test_rates_are_stored_as_the_published_two_decimal_figure(home, town):
    figures = _town_figures(home, town["as_of"])
    assert figures["disputes_within_village_rate"]["value"] == 66.67  # 2 of 3, stored as 66.67, not 66.666…
    con = duckdb.connect(str(home.warehouse), read_only=True)
    types = dict(
        con.execute("""SELECT table_name || '.' || column_name, data_type FROM duckdb_columns()
                                WHERE schema_name = 'marts'""").fetchall()
    )
    stored = con.execute("""SELECT value FROM marts.headline_indicators WHERE scope_kind = 'town'
                            AND indicator = 'disputes_within_village_rate'""").fetchone()[0]
    con.close()
    assert str(stored) == "66.67"
    for column in (
        "headline_indicators.value",
        "dispute_resolution_by_unit.resolution_rate",
        "key_projects_by_stage.ahead_of_schedule",
        "party_activities_by_org.attendance_rate",
        "grid_events_by_type.median_hours_to_close",
        "dispute_resolution_by_month.received_mom_pct",
    ):
        assert types[column] == "DECIMAL(18,2)", column


def test_a_month_cut_short_by_the_as_of_date_has_no_month_on_month_change(home, town):
    con = duckdb.connect(str(home.warehouse))
    try:
        for as_of in (dt.date(2023, 10, 20), dt.date(2023, 10, 31)):
            build_marts(con, as_of)
        month = {
            d.isoformat(): con.execute(
                """SELECT received, received_mom_pct FROM marts.dispute_resolution_by_month
                                                WHERE as_of = ? AND month = '2023-10'""",
                [d],
            ).fetchone()
            for d in (dt.date(2023, 10, 20), dt.date(2023, 10, 31))
        }
        visits = con.execute("""SELECT visits_mom_pct FROM marts.legal_visits_by_month
                                WHERE as_of = DATE '2023-10-20' AND month = '2023-10'""").fetchone()
    finally:
        con.close()
    # September: 1 dispute received, October: 4 (small_town.py)
    assert month["2023-10-31"] == (4, 300)
    assert month["2023-10-20"] == (4, None)  # 20 days of October are not a month to compare
    assert visits == (None,)


def test_a_numerator_and_denominator_only_where_they_give_the_figure(home, town):
    figures = _town_figures(home, town["as_of"])
    for code, row in figures.items():
        if row["unit"] == "%":
            if row["denominator"]:
                assert row["value"] == round(100 * row["numerator"] / row["denominator"], 2), code
        elif code in ("key_projects_ahead_of_schedule", "grid_events_median_hours_to_close"):
            assert row["numerator"] is None and row["denominator"] is None, code  # no 分子/分母 gives them
        else:  # a count or an amount is its own numerator
            assert row["denominator"] is None and row["numerator"] == row["value"], code
    # completed / planned of the three projects (small_town.py) less 10 of 12 months elapsed by 31 October
    assert figures["key_projects_ahead_of_schedule"]["value"] == round(round(100 * 4600 / 6200, 2) - 83.33, 2)


def test_investment_completion_counts_every_project_of_the_year_as_the_sender_totals_it(home, ingest):
    """前期 projects with no completed investment ("—", "无") keep their annual plan in the 小计 and the town's
    denominator: the figure is the one the sender's own 合计 row gives (as in the demo's 镇项目办 files, whose
    合计 row 104,780 / 69,179 gives 66.02%), not the 在建/预备 projects alone."""
    from builders import write_xlsx

    rows = [
        ["西天尾镇2023年重点项目推进情况表（2023年10月）"],
        ["填报单位：镇项目办"],
        ["项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"],
        ["甲项目", "续建", 20000, 5000, 4500],
        ["乙项目", "预备", 800, 200, 20],
        ["丙项目", "前期", 3000, 1000, "—"],
        ["丁项目", "前期", 900, 300, "无"],
        ["合计", None, 24700, 6500, 4520],
    ]
    write_xlsx(home.inbox / "镇项目办-重点项目-2023年10月.xlsx", {"Sheet1": rows})
    ingest(home.inbox)
    as_of = dt.date(2023, 10, 31)
    figures = _town_figures(home, as_of)
    rate = figures["key_projects_investment_completion_rate"]
    # 4520 ÷ 6500 = 69.54 %, the 合计 row's figure (not 4520 ÷ 5200 = 86.92 % without the 前期 plans)
    assert (rate["numerator"], rate["denominator"], rate["value"]) == (4520, 6500, 69.54)
    assert figures["key_projects_ahead_of_schedule"]["value"] == -13.79  # 69.54 − 83.33
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        stage = {
            r[0]: r[1:]
            for r in con.execute(
                """SELECT stage, annual_plan, completed_investment, completion_rate
                   FROM marts.key_projects_by_stage WHERE as_of = ? AND zone = '镇'""",
                [as_of],
            ).fetchall()
        }
    finally:
        con.close()
    assert stage["前期"] == (1300, 0, 0)  # shown as 0, so the stage rows add up to the 小计
    assert stage["合计"][:2] == (6500, 4520)
    assert sum(v[1] for k, v in stage.items() if k != "合计") == stage["合计"][1]
