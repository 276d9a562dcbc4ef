"""What analysts type: export one snapshot with Chinese headers, explain by Chinese name, unknown scopes and
indicators refused (exit 2) with the valid ones listed."""

import csv
import datetime as dt

import duckdb
import pytest
from small_town import write_small_town
from taizhang.etl.marts import build_marts

from taizhang.cli import main


@pytest.fixture
def town(home, ingest):
    expected = write_small_town(home.inbox)
    ingest(home.inbox)
    con = duckdb.connect(str(home.warehouse))
    try:
        build_marts(con, expected["as_of"])
        build_marts(con, dt.date(2023, 10, 15))  # a second snapshot: an export must take one only
    finally:
        con.close()
    return expected


def test_export_is_one_snapshot_with_chinese_headers_and_unit_names(home, town, tmp_path, capsys):
    out = tmp_path / "u.csv"
    code = main(
        ["export", "dispute_resolution_by_unit", "--as-of", "2023-10-31", "--format", "csv", "-o", str(out)]
        + ["--home", str(home.root)]
    )
    assert code == 0, capsys.readouterr().err
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["截至日期", "片区", "村（社区）"] and "化解率（%）" in rows[0]
    assert "unit_id" not in rows[0]
    assert {r[0] for r in rows[1:]} == {"2023-10-31"}
    units = {r[2] for r in rows[1:]}
    assert {"林山村", "东星社区"} <= units and not any(u.isascii() for u in units)


def test_export_xlsx_has_a_title_and_real_dates(home, town, tmp_path):
    import openpyxl

    out = tmp_path / "p.xlsx"
    assert (
        main(
            ["export", "petition_backlog", "--as-of", "2023-10-31", "-o", str(out), "--home", str(home.root)]
        )
        == 0
    )
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "信访积案化解情况" and "截至日期：2023年10月31日" in ws["A2"].value
    header = [c.value for c in ws[3]]
    col = header.index("初访时间") + 1
    dates = [ws.cell(r, col).value for r in range(4, ws.max_row + 1) if ws.cell(r, col).value]
    assert dates and all(isinstance(d, dt.datetime) for d in dates)
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width >= 10


def test_staging_and_missing_dates_are_refused(home, town, tmp_path, capsys):
    assert main(["export", "staging.disputes", "-o", str(tmp_path / "x.csv"), "--home", str(home.root)]) == 2
    code = main(["export", "dispute_resolution_by_unit", "--as-of", "2023-09-30", "--home", str(home.root)])
    assert code == 2 and "2023-10-31" in capsys.readouterr().err


def test_explain_by_chinese_name_matches_the_code(home, town, capsys):
    args = ["--as-of", "2023-10-31", "--home", str(home.root), "--json"]
    assert main(["explain", "矛盾纠纷化解数", *args]) == 0
    by_name = capsys.readouterr().out
    assert main(["explain", "disputes_resolved", *args]) == 0
    assert by_name == capsys.readouterr().out and by_name.count("来源文件") == town["disputes_resolved"]


@pytest.mark.parametrize("scope", ["城东", "不存在村", "城"])
def test_an_unknown_or_partial_scope_is_an_error_listing_the_candidates(home, town, capsys, scope):
    code = main(
        ["explain", "disputes_received", "--as-of", "2023-10-31", "--scope", scope, "--home", str(home.root)]
    )
    err = capsys.readouterr().err
    assert code == 2 and "城东片区" in err


def test_the_town_as_scope_is_the_whole_town(home, town, capsys):
    args = ["--as-of", "2023-10-31", "--home", str(home.root), "--json"]
    assert main(["explain", "disputes_received", "--scope", "西天尾镇", *args]) == 0
    assert capsys.readouterr().out.count("来源文件") == town["disputes_received"]


def test_an_unknown_indicator_lists_the_valid_ones(home, town, capsys):
    assert main(["explain", "没有这个指标", "--as-of", "2023-10-31", "--home", str(home.root)]) == 2
    err = capsys.readouterr().err
    assert "矛盾纠纷化解率" in err and "dispute_resolution_rate" in err


def test_indicators_show_the_code_beside_the_name(home, town, capsys):
    assert main(["indicators", "--as-of", "2023-10-31", "--home", str(home.root)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "矛盾纠纷化解率" in x)
    assert "dispute_resolution_rate" in line


def test_without_as_of_the_latest_run_is_exported_and_an_empty_mart_is_an_empty_table(home, town, tmp_path):
    """No date pinned: the table's latest run (2023-10-31, not the latest record date). A mart a run left
    empty (nothing overdue) exports its header, not a "run first" error."""
    con = duckdb.connect(str(home.warehouse))
    try:
        con.execute("DELETE FROM marts.overdue_disputes")  # as if nothing were overdue on either date
    finally:
        con.close()
    out = tmp_path / "u.csv"
    assert (
        main(
            ["export", "dispute_resolution_by_unit", "--format", "csv", "-o", str(out)]
            + ["--home", str(home.root)]
        )
        == 0
    )
    assert {r[0] for r in list(csv.reader(out.open(encoding="utf-8-sig")))[1:]} == {"2023-10-31"}
    empty = tmp_path / "o.csv"
    assert (
        main(["export", "overdue_disputes", "--format", "csv", "-o", str(empty), "--home", str(home.root)])
        == 0
    )
    rows = list(csv.reader(empty.open(encoding="utf-8-sig")))
    assert rows[0][0] == "截至日期" and rows[1:] == []
    # a date the mart was never built for is no empty snapshot: refused, with the dates it has
    con = duckdb.connect(str(home.warehouse))
    try:
        con.execute("DELETE FROM meta.mart_builds WHERE mart = 'overdue_disputes' AND as_of = '2023-10-15'")
    finally:
        con.close()
    never = ["export", "overdue_disputes", "--as-of", "2023-10-15", "--format", "csv", "-o", str(empty)]
    assert main([*never, "--home", str(home.root)]) == 2
