"""The 催报 list (issue 16): 已报 / 零报告 / 未报 / 退回未改 per expected submission, the xlsx 催报清单, the same list
on the completeness mart in Dagster, and the monthly templates job and schedule."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import time
from pathlib import Path

import dagster as dg
import duckdb
import openpyxl
import pytest
from small_town import write_small_town
from taizhang.etl.missing import MART_STATUS, chase_list
from taizhang.etl.templates import write_templates

KEY = b"test-key-not-secret"
# what small_town.py writes for 2023-10 (sender, ledger): everything else expected that month is 未报
SMALL_TOWN_SENT = {
    ("林山村", "disputes"),
    ("东星社区", "disputes"),
    ("镇综治中心", "legal_visits"),
    ("镇项目办", "key_projects"),
    ("镇综治中心", "petitions"),
    ("东星社区", "grid_events"),
    ("林山村", "party_activities"),
}
EXPECTED_SUBMISSIONS = 40  # rows of etl/ref/expected_submissions.csv


def _con(home, read_only=True):
    return duckdb.connect(str(home.warehouse), read_only=read_only)


def _statuses(home, period):
    con = _con(home)
    try:
        return {(r.sender, r.ledger): r for r in chase_list(con, period)}
    finally:
        con.close()


def _mart_agrees(home, as_of: dt.date, periods) -> int:
    """Build the marts as of `as_of` and compare every row of the completeness mart with the 催报 list."""
    from taizhang.etl.marts import build_marts

    con = _con(home, read_only=False)
    try:
        build_marts(con, as_of)
        compared = 0
        for period in periods:
            mart = dict(
                ((s, led), st)
                for s, led, st in con.execute(
                    "SELECT sender, ledger, status FROM marts.submission_completeness WHERE as_of = ? AND month = ?",
                    [as_of, period],
                ).fetchall()
            )
            listed = {(r.sender, r.ledger): MART_STATUS[r.status] for r in chase_list(con, period)}
            assert listed == mart, period
            compared += len(listed)
        return compared
    finally:
        con.close()


def test_a_month_with_some_files_lists_the_rest_as_missing(home, ingest):
    write_small_town(home.inbox)
    ingest(home.inbox)
    rows = _statuses(home, "2023-10")
    assert len(rows) == EXPECTED_SUBMISSIONS
    assert {k for k, r in rows.items() if r.status == "reported"} == SMALL_TOWN_SENT
    assert {r.status for k, r in rows.items() if k not in SMALL_TOWN_SENT} == {"missing"}
    missing = rows[("下垞村", "disputes")]
    assert (missing.status_zh, missing.files, missing.last_file_at, missing.last_file) == (
        "未报",
        0,
        None,
        "—",
    )
    sent = rows[("林山村", "disputes")]
    assert sent.files == 1 and sent.rows_loaded == 4 and sent.last_file_at is not None
    con = _con(home)
    order = [r.status for r in chase_list(con, "2023-10")]
    con.close()
    assert order == sorted(order, key=["missing", "returned", "zero_report", "reported"].index)
    assert _mart_agrees(home, dt.date(2023, 10, 31), ["2023-10", "2023-09"]) == 2 * EXPECTED_SUBMISSIONS


def _fill(path, rows, dst):
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    column = {str(c.value).lstrip("*"): c.column for c in ws[4] if c.value}
    for i, row in enumerate(rows):
        for label, value in row.items():
            ws.cell(row=5 + i, column=column[label], value=value)
    wb.save(dst)
    return dst


def test_returned_until_a_correction_comes_and_zero_reports(home, ingest, tmp_path):
    [linshan] = write_templates(home, "2023-10", unit="林山村", ledger="disputes", key=KEY)
    [xiacha] = write_templates(home, "2023-10", unit="下垞村", ledger="disputes", key=KEY)
    good = {"受理日期": dt.date(2023, 10, 9), "纠纷类型": "邻里纠纷", "化解情况": "化解中"}
    other = {**good, "当事人": "陈某某"}  # another case the same day: its party tells it apart
    first = _fill(linshan, [good, {**other, "化解情况": "搞定了"}], tmp_path / "林山村10月.xlsx")
    ingest(first, xiacha)  # 下垞村 sends its template back empty: nothing this month
    rows = _statuses(home, "2023-10")
    returned = rows[("林山村", "disputes")]
    assert (returned.status, returned.status_zh, returned.rows_loaded, returned.rows_quarantined) == (
        "returned",
        "退回未改",
        1,
        1,
    )
    assert "1 行退回修改尚未改正" in returned.advice
    assert rows[("下垞村", "disputes")].status_zh == "零报告"
    corrected = _fill(
        linshan,
        [good, {**other, "化解情况": "已化解", "化解日期": dt.date(2023, 10, 20)}],
        tmp_path / "林山村10月（更正）.xlsx",
    )
    later = time.time() + 5
    os.utime(corrected, (later, later))
    ingest(corrected)
    rows = _statuses(home, "2023-10")
    fixed = rows[("林山村", "disputes")]
    assert (fixed.status_zh, fixed.rows_loaded, fixed.rows_quarantined, fixed.files) == ("已报", 2, 0, 1)
    assert _mart_agrees(home, dt.date(2023, 11, 3), ["2023-10"]) == EXPECTED_SUBMISSIONS


def test_the_cli_prints_the_list_and_writes_the_chase_workbook(home, ingest, capsys):
    from taizhang.cli import main

    write_small_town(home.inbox)
    ingest(home.inbox)
    assert main(["missing", "--period", "2023-10", "--as-of", "2023-11-03", "--home", str(home.root)]) == 0
    out = capsys.readouterr().out
    assert "西天尾镇2023年10月台账报送情况：应报 40 项，未报 33，退回未改 0，零报告 0，已报 7" in out
    lines = [ln.split() for ln in out.splitlines() if ln.startswith("  ")]
    assert len(lines) == EXPECTED_SUBMISSIONS and lines[0][0] == "未报" and lines[-1][0] == "已报"
    assert ["已报", "林山村", "矛盾纠纷排查化解台账", "最近文件"] == lines[
        [ln[1:3] for ln in lines].index(["林山村", "矛盾纠纷排查化解台账"])
    ][:4]
    path = home.reports / "2023-11-03" / "催报清单_2023-10.xlsx"
    assert f"催报清单：{path}" in out
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws["A1"].value == "西天尾镇2023年10月台账报送情况（催报清单）"
    assert [c.value for c in ws[3]] == [
        "序号",
        "单位",
        "台账",
        "报送情况",
        "最近文件导入时间",
        "文件数",
        "导入行数",
        "待改行数",
        "说明",
    ]
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert len(body) == EXPECTED_SUBMISSIONS
    assert sum(1 for r in body if r[3] == "未报") == 33 and sum(1 for r in body if r[3] == "已报") == 7
    assert all(r[8] == "尚未报送，请催报" for r in body if r[3] == "未报")


def test_without_a_period_the_list_is_of_the_month_before_the_reporting_date(home, ingest, capsys):
    from taizhang.etl.marts import build_marts

    from taizhang.cli import main

    write_small_town(home.inbox)
    ingest(home.inbox)
    con = _con(home, read_only=False)
    build_marts(con, dt.date(2023, 11, 3))  # the reporting date of the latest run
    con.close()
    assert main(["missing", "--home", str(home.root)]) == 0
    out = capsys.readouterr().out
    assert "2023年10月台账报送情况" in out
    assert (home.reports / "2023-11-03" / "催报清单_2023-10.xlsx").exists()


# --- Dagster ----------------------------------------------------------------------------------------------


def test_the_completeness_mart_shows_the_chase_list_in_dagster(home, ingest):
    from taizhang.assets import marts
    from taizhang.assets.resources import ReportingPeriod, Warehouse

    write_small_town(home.inbox)
    ingest(home.inbox)
    result = dg.materialize(
        [marts.build_marts],
        instance=dg.DagsterInstance.ephemeral(),
        resources={
            "warehouse": Warehouse(home=str(home.root)),
            "period": ReportingPeriod(as_of="2023-11-03"),
        },
    )
    assert result.success
    [completeness] = [
        m
        for m in result.asset_materializations_for_node("build_marts")
        if m.asset_key == dg.AssetKey(["marts", "submission_completeness"])
    ]
    table = completeness.metadata["催报清单"]
    assert isinstance(table, dg.TableMetadataValue)
    assert [c.name for c in table.schema.columns] == [
        "单位",
        "台账",
        "报送月份",
        "报送情况",
        "最近文件导入时间",
        "待改行数",
    ]
    records = [r.data for r in table.records]
    assert len(records) == EXPECTED_SUBMISSIONS and {r["报送月份"] for r in records} == {"2023-10"}
    assert {(r["单位"], r["报送情况"]) for r in records if r["台账"] == "网格事件"} == {("东星社区", "已报")}
    assert sum(1 for r in records if r["报送情况"] == "未报") == 33
    assert "未报 33" in completeness.metadata["催报月份"].value


def test_templates_are_written_on_the_25th_for_next_month():
    from taizhang.assets.submissions import monthly_templates_schedule

    assert monthly_templates_schedule.cron_schedule == "0 9 25 * *"
    assert monthly_templates_schedule.execution_timezone == "Asia/Shanghai"
    when = dt.datetime(2023, 12, 25, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with dg.build_schedule_context(scheduled_execution_time=when) as ctx:
        request = monthly_templates_schedule(ctx)
    assert request.run_key == "templates-2024-01"
    assert request.run_config == {"ops": {"write_monthly_templates": {"config": {"period": "2024-01"}}}}


def test_the_templates_job_is_in_the_definitions_and_writes_the_month(home):
    from taizhang.assets.definitions import build_definitions

    defs = build_definitions(str(home.root))
    job = defs.resolve_job_def("monthly_templates")
    assert defs.resolve_schedule_def("monthly_templates_schedule").job_name == "monthly_templates"
    result = job.execute_in_process(
        run_config={"ops": {"write_monthly_templates": {"config": {"period": "2024-02"}}}},
        instance=dg.DagsterInstance.ephemeral(),
    )
    assert result.success and result.output_for_node("write_monthly_templates") == 41
    folder = home.root / "templates" / "2024-02"
    assert sum(1 for _ in folder.rglob("*.xlsx")) == 41
    assert (folder / "镇党政办" / "镇党政办_2024年2月_党组织活动台账.xlsx").exists()


# --- the demo town ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_demo_towns_gaps_are_listed_and_match_the_mart(home):
    """The gaps planted in the demo (its manifest): 零报告 files and files with rows that were sent back."""
    from taizhang.demo.generator import generate
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.warehouse import connect, load_reference

    manifest_path = home.root / "demo_manifest.json"
    generate(home.inbox, manifest_path)
    con = connect(home)
    load_reference(con)
    ingest_paths([home.inbox], home, con)
    con.close()
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    with (Path(__file__).parent.parent / "etl" / "ref" / "units.csv").open(encoding="utf-8") as f:
        unit_name = {r["unit_id"]: r["name"] for r in csv.DictReader(f)}
    # the manifest names a village's party branch as the sender; the town expects the village
    live = [
        (unit_name.get(f["unit_id"], f["sender"]), f) for f in manifest["file_list"] if not f["superseded"]
    ]
    months = sorted({f["period"] for _, f in live})
    for period in months:
        rows = _statuses(home, period)
        zero = {(s, f["ledger"]) for s, f in live if f["period"] == period and f["zero_report"]}
        returned = {(s, f["ledger"]) for s, f in live if f["period"] == period and f["bad_rows"]}
        sent = {(s, f["ledger"]) for s, f in live if f["period"] == period}
        assert {k for k, r in rows.items() if r.status == "zero_report"} == zero, period
        assert {k for k, r in rows.items() if r.status == "returned"} == returned, period
        assert {k for k, r in rows.items() if r.status == "missing"} == set(rows) - sent, period
    november = _statuses(home, "2023-11")
    assert {k: r.status_zh for k, r in november.items() if r.status != "reported"} == {
        ("下垞村", "disputes"): "退回未改"
    }
    january = _statuses(home, "2023-01")
    assert {k for k, r in january.items() if r.status_zh == "零报告"} == {
        ("后埔村", "disputes"),
        ("象峰村", "disputes"),
    }
    assert _mart_agrees(home, dt.date(2023, 11, 3), months) == EXPECTED_SUBMISSIONS * len(months)
