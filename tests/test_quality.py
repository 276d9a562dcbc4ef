"""`taizhang quality` and the data docs page count the same things (checks.quality): files loaded, held and
rejected, rows quarantined by village/community with the top reasons, checks run and failed."""

from __future__ import annotations

import html
import re

from builders import DISPUTE_HEADER, dispute_rows, write_xlsx


def _ledger(path, unit: str, bad_rows: dict[int, str], bad_status: dict[int, str] | None = None):
    rows = dispute_rows(6)
    for i, date in bad_rows.items():
        rows[i][1] = date
    for i, status in (bad_status or {}).items():
        rows[i][7] = status
    return write_xlsx(
        path, {"Sheet1": [[f"西天尾镇{unit}2023年10月矛盾纠纷排查化解台账"], DISPUTE_HEADER, *rows]}
    )


def _outcomes():
    from taizhang.checks.outcome import ERROR, WARN, CheckOutcome

    def rule(name, check, passed, severity=ERROR):
        return CheckOutcome(name, "staging.disputes", severity, passed, "规则", check=check)

    return [
        rule("disputes_a", "disputes_keys", True),
        rule("disputes_b", "disputes_keys", True),  # two rules, one check
        rule("disputes_c", "disputes_categories", False),  # a blocking failure
        rule("disputes_d", "disputes_dates", False, WARN),  # a warning
    ]


def test_the_command_and_the_page_carry_the_same_numbers(tmp_path, home, ingest, capsys):
    from taizhang.checks.data_docs import record_outcomes
    from taizhang.etl.warehouse import connect

    from taizhang.cli import main

    linshan = _ledger(
        tmp_path / "in" / "林山村10月.xlsx",
        "林山村",
        {1: "2023-02-30", 3: "2023-13-01"},
        {4: "王某某说再议13812345678"},  # personal text in a quarantined cell: never shown
    )
    dongxing = _ledger(tmp_path / "in" / "东星社区10月.xlsx", "东星社区", {2: "2023-02-30"})
    broken = tmp_path / "in" / "坏文件.xlsx"
    broken.write_bytes(b"this is not a spreadsheet")
    outcomes = ingest(linshan, dongxing, broken)
    assert sorted(o.status for o in outcomes) == ["loaded", "loaded", "rejected"]

    con = connect(home, read_only=True)
    try:  # as an asset check does: its outcomes, and the page with the warehouse's files and rows
        record_outcomes(home.reports, "staging.disputes", _outcomes(), as_of="2023-11-03", con=con)
    finally:
        con.close()

    assert main(["quality", "--home", str(home.root)]) == 0
    out = capsys.readouterr().out
    page = html.unescape((home.reports / "data_docs" / "index.html").read_text(encoding="utf-8"))

    # the expected numbers, from what was ingested and recorded above (not from checks.quality)
    expected = {
        "导入的文件": 2,
        "待确认的文件": 0,
        "拒收的文件": 1,
        "导入的行": 8,
        "隔离的行": 4,
        "运行的检查": 4,  # keys, categories, dates and the held-files check of meta.source_files
        "通过的检查": 2,
        "警告的检查": 1,
        "未通过的检查（阻断）": 1,
    }
    for label, value in expected.items():
        assert f"{label}：{value}" in out, label
        assert re.search(rf"<td>{re.escape(label)}</td><td class=\"n\">{value}</td>", page), label
    assert "运行检查 4 项：通过 2 项，警告 1 项，未通过（阻断）1 项" in page

    # quarantined rows by village/community: the unit, its count and the reasons, alike in both
    for unit, rows in (("林山村", 3), ("东星社区", 1)):
        line = next(x for x in out.splitlines() if x.strip().startswith(f"{unit}："))
        assert f"{unit}：{rows} 行" in line and "主要原因" in line
        reasons = line.split("主要原因：", 1)[1]
        assert "受理日期：日期“…”不存在，请核对" in reasons
        assert re.search(
            rf"<tr><td>{re.escape(unit)}</td><td class=\"n\">{rows}</td><td>{re.escape(reasons)}</td></tr>",
            page,
        ), unit
    assert out.index("林山村：") < out.index("东星社区：")  # most rows first

    # no personal data: the parties' names and phone numbers stay in the warehouse
    for text in (out, page):
        assert not re.search(r"张\d", text) and not re.search(r"138\d{8}", text) and "王某某" not in text
        assert "2023年2月30日" not in text  # no cell values at all, only the kind of problem


def test_an_empty_home_says_so(home, capsys):
    from taizhang.cli import main

    assert main(["quality", "--home", str(home.root)]) == 0
    out = capsys.readouterr().out
    assert "运行的检查：0" in out and "没有隔离的行" in out
    assert (home.reports / "data_docs" / "index.html").is_file()
