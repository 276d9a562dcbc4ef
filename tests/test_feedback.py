"""退回修改 workbooks: one per sender, rows equal to quarantine, refused files listed, text never a formula."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from taizhang.checks.runner import ERROR, WARN, CheckOutcome
from taizhang.etl.home import Home
from taizhang.etl.warehouse import connect, insert_rows
from taizhang.reports.feedback import HEADERS, UNKNOWN_SENDER, feedback_path, write_feedback

NOW = dt.datetime(2023, 11, 5, 9)


def q(file_name, sheet, row_number, column_name, value, reason, fix_hint, sender, unit_id, ledger="disputes"):
    return dict(
        file_sha256="sha-" + file_name,
        file_name=file_name,
        sheet=sheet,
        row_number=row_number,
        column_name=column_name,
        value=value,
        reason=reason,
        fix_hint=fix_hint,
        ledger=ledger,
        sender=sender,
        unit_id=unit_id,
        period="2023-10",
        rejected_at=NOW,
    )


QUARANTINE = [
    q(
        "林山村10月纠纷台账.xlsx",
        "Sheet1",
        7,
        "受理日期",
        "2023.13.01",
        "日期“2023年13月1日”不存在，请核对",
        "请写成 2023-11-03 这样的完整日期",
        "林山村",
        "linshan",
    ),
    q(
        "林山村10月纠纷台账.xlsx",
        "Sheet1",
        5,
        "纠纷类型",
        "=1+1",
        "“纠纷类型”填的“=1+1”无法识别",
        "请从规定的选项中选择填写",
        "林山村",
        "linshan",
    ),
    q(
        "林山村10月纠纷台账.xlsx",
        "Sheet1",
        9,
        "备注",
        "https://example.com/a",
        "链接不能作为内容",
        "请删除",
        "林山村",
        "linshan",
    ),
    q(
        "重点项目10月.xlsx",
        "项目",
        4,
        "项目阶段",
        "完工",
        "“项目阶段”填的“完工”无法识别",
        "请从规定的选项中选择填写",
        "镇项目办",
        None,
        "key_projects",
    ),
    q(
        "后黄.xlsx",
        "Sheet1",
        3,
        "日期",
        "",
        "“日期”没有填写，这一项必须填",
        "请填写",
        None,
        "houhuang",
        "legal_visits",
    ),
]


def source_file(sha, file_name, status, reason=None, sender=None, unit_id=None):
    return dict(
        file_sha256=sha,
        file_name=file_name,
        path="/inbox/" + file_name,
        size_bytes=10,
        sender=sender,
        unit_id=unit_id,
        ledger=None,
        period=None,
        status=status,
        reason=reason,
        rows_read=0,
        rows_loaded=0,
        rows_quarantined=0,
        rows_dropped=0,
        dropped_detail=None,
        superseded_by=None,
        ingested_at=NOW,
    )


@pytest.fixture()
def con(tmp_path):
    c = connect(Home.resolve(tmp_path / "home"))
    insert_rows(c, "quarantine.rejected_rows", list(QUARANTINE[0]), QUARANTINE)
    files = [
        source_file(
            "r1",
            "../../林山村2023年11月台账.xlsx",
            "rejected",
            "文件已加密（设置了打开密码），请取消密码后重新报送",
        ),
        source_file("r2", "abc.xlsx", "rejected", "文件是空的（0字节或只有空白），请重新导出后报送"),
        source_file("ok", "林山村10月纠纷台账.xlsx", "loaded", sender="林山村", unit_id="linshan"),
    ]
    insert_rows(c, "meta.source_files", list(files[0]), files)
    yield c
    c.close()


def read_rows(path):
    ws = openpyxl.load_workbook(path)["退回修改"]
    return ws, [[("" if v is None else v) for v in r] for r in ws.iter_rows(min_row=4, values_only=True)]


def test_one_workbook_per_sender_with_the_quarantine_rows(con, tmp_path):
    reports = tmp_path / "home" / "reports"
    paths = write_feedback(con, reports)
    folder = reports / "feedback"
    assert [p.name for p in paths] == sorted(
        [
            "退回修改_林山村.xlsx",
            "退回修改_后黄社区.xlsx",
            "退回修改_镇项目办.xlsx",
            f"退回修改_{UNKNOWN_SENDER}.xlsx",
        ]
    )
    assert all(p.parent == folder for p in paths)

    ws, rows = read_rows(folder / "退回修改_林山村.xlsx")
    assert "林山村" in ws["A1"].value and ws.freeze_panes == "A4"
    assert [c.value for c in ws[3]] == HEADERS
    whole_file = rows[0]  # the refused file comes first (matched to 林山村 through the reference names)
    assert whole_file[1] == "../../林山村2023年11月台账.xlsx" and whole_file[7].startswith(
        "整个文件未能导入：文件已加密"
    )
    expected = sorted((r for r in QUARANTINE if r["sender"] == "林山村"), key=lambda r: r["row_number"])
    assert rows[1:] == [
        [
            str(i),
            r["file_name"],
            r["sheet"],
            str(r["row_number"]),
            r["column_name"],
            r["value"],
            "",
            r["reason"],
            r["fix_hint"],
            "",
        ]
        for i, r in enumerate(expected, start=2)
    ]
    # every cell is a string: '=1+1' is text, not a formula; a URL is not a hyperlink
    for cells in ws.iter_rows(min_row=1):
        for cell in cells:
            assert cell.value is None or cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
            assert cell.hyperlink is None
    formula = [c for r in ws.iter_rows(min_row=4) for c in r if c.value == "=1+1"]
    assert formula and formula[0].data_type == "s"
    assert ws.column_dimensions["H"].width >= 20  # room for Chinese text

    _, rows = read_rows(
        folder / "退回修改_后黄社区.xlsx"
    )  # no sender in quarantine: the unit's reference name
    assert rows == [
        ["1", "后黄.xlsx", "Sheet1", "3", "日期", "", "", "“日期”没有填写，这一项必须填", "请填写", ""]
    ]
    _, rows = read_rows(folder / f"退回修改_{UNKNOWN_SENDER}.xlsx")
    assert rows[0][1] == "abc.xlsx" and "文件是空的" in rows[0][7]


def test_check_samples_are_listed_and_old_workbooks_removed(con, tmp_path):
    folder = tmp_path / "feedback"
    folder.mkdir()
    (folder / "退回修改_下垞村.xlsx").write_bytes(b"old")  # fixed since: must not linger
    outcome = CheckOutcome(
        name="grid_events_event_once_per_period",
        table="staging.grid_events",
        severity=ERROR,
        passed=False,
        description_zh="同一月份中事件编号不能重复",
        hint_zh="请删去重复导出的事件",
        check="grid_events_keys",
        sample=[
            {
                "file_sha256": "g",
                "file_name": "网格事件10月.csv",
                "sheet": "网格事件10月",
                "row_number": 12,
                "sender": "东星社区",
                "unit_id": "dongxing",
                "period": "2023-10",
                "column": "event_id",
                "column_label": "事件编号",
                "value": "E1",
                "note_zh": "与 网格事件10月 第13行 重复",
            }
        ],
    )
    passing = CheckOutcome(
        name="x",
        table="staging.disputes",
        severity=WARN,
        passed=True,
        description_zh="无",
        sample=[{"file_name": "不应出现.xlsx", "sender": "林山村"}],
    )
    paths = write_feedback(con, folder, check_outcomes=[outcome, passing])
    assert not (folder / "退回修改_下垞村.xlsx").exists()
    assert folder / "退回修改_东星社区.xlsx" in paths
    _, rows = read_rows(folder / "退回修改_东星社区.xlsx")
    assert rows == [
        [
            "1",
            "网格事件10月.csv",
            "网格事件10月",
            "12",
            "事件编号",
            "E1",
            "",
            "同一月份中事件编号不能重复（与 网格事件10月 第13行 重复）（必须修改）",
            "请删去重复导出的事件",
            "",
        ]
    ]
    _, rows = read_rows(folder / "退回修改_林山村.xlsx")
    assert all(r[1] != "不应出现.xlsx" for r in rows)


def test_paths_come_from_reference_names_only(tmp_path):
    assert feedback_path(tmp_path, "林山村") == tmp_path / "退回修改_林山村.xlsx"
    assert feedback_path(tmp_path, "../..\\x:y").parent == tmp_path


def test_nothing_to_send_back_writes_nothing(tmp_path):
    c = connect(Home.resolve(tmp_path / "h"))
    try:
        assert write_feedback(c, tmp_path / "h" / "reports") == []
    finally:
        c.close()


# --- printable, one line per record, the clerk's own words (issue 14.6) ---------------------------------


def _cumulative(con, months=(6, 7, 8, 9, 10, 11)):
    """下垞村 sends a cumulative ledger each month: its row 18 (办结日期 before 登记日期) comes back in each
    file; its own headers are 登记日期 / 办结日期 (meta.source_sheets.columns, as the reader records them)."""
    rows, sheets = [], []
    for m in months:
        sha = f"xc-{m}"
        name = f"下垞村矛盾纠纷排查化解台账（2023.{m}）.xlsx"
        rows.append(
            dict(
                q(
                    name,
                    "Sheet1",
                    18,
                    "办结日期",
                    "2023-05-28（受理日期2023-06-12）",
                    "化解日期早于受理日期",
                    "请核对受理日期和化解日期",
                    "下垞村",
                    "xiacha",
                ),
                file_sha256=sha,
                period=f"2023-{m:02d}",
            )
        )
        sheets.append(
            dict(
                file_sha256=sha,
                sheet="Sheet1",
                ledger="disputes",
                sender="下垞村",
                unit_id="xiacha",
                period=f"2023-{m:02d}",
                status="loaded",
                columns='{"received_date": "登记日期", "resolved_date": "办结日期", "status": "调处结果"}',
            )
        )
    insert_rows(con, "quarantine.rejected_rows", list(rows[0]), rows)
    insert_rows(con, "meta.source_sheets", list(sheets[0]), sheets)


def test_a_record_of_cumulative_files_is_one_line_in_the_clerks_words(con, tmp_path):
    _cumulative(con)
    write_feedback(con, tmp_path)
    _, rows = read_rows(tmp_path / "feedback" / "退回修改_下垞村.xlsx")
    assert rows == [
        [
            "1",
            "下垞村矛盾纠纷排查化解台账（2023.11）.xlsx",  # the latest file: the one to correct
            "Sheet1",
            "18",
            "办结日期",
            "2023-05-28",
            "登记日期：2023-06-12",  # the value 办结日期 precedes, under the clerk's own header
            "办结日期早于登记日期",
            "请核对登记日期和办结日期",
            "6月、7月、8月、9月、10月的台账（共5份）",
        ]
    ]


def test_two_rows_of_one_file_with_the_same_problem_stay_two_lines(con, tmp_path):
    twin = [dict(r, row_number=r["row_number"] + 1) for r in QUARANTINE if r["sender"] is None]
    insert_rows(con, "quarantine.rejected_rows", list(twin[0]), twin)
    write_feedback(con, tmp_path)
    _, rows = read_rows(tmp_path / "feedback" / "退回修改_后黄社区.xlsx")
    assert [r[3] for r in rows] == ["3", "4"]


def test_the_conflicting_figure_of_a_reason_is_shown(con, tmp_path):
    row = q(
        "洞湖村-党组织活动台账-2023年4月.xlsx",
        "Sheet1",
        8,
        "实际参加人数",
        "15",
        "实到人数（15）多于应到人数（12）",
        "请核对应到、实到人数",
        "洞湖村",
        "donghu",
        "party_activities",
    )
    insert_rows(con, "quarantine.rejected_rows", list(row), [row])
    sheet = dict(
        file_sha256=row["file_sha256"],
        sheet="Sheet1",
        ledger="party_activities",
        columns='{"expected": "应参加人数", "attended": "实际参加人数"}',
    )
    insert_rows(con, "meta.source_sheets", list(sheet), [sheet])
    write_feedback(con, tmp_path)
    _, rows = read_rows(tmp_path / "feedback" / "退回修改_洞湖村.xlsx")
    assert rows[0][4:8] == ["实际参加人数", "15", "应参加人数：12", "实际参加人数（15）多于应参加人数（12）"]


def test_the_workbook_prints_landscape_on_the_page_width_with_the_header_on_every_page(con, tmp_path):
    import zipfile

    paths = write_feedback(con, tmp_path)
    with zipfile.ZipFile(next(p for p in paths if p.name == "退回修改_林山村.xlsx")) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        book = z.read("xl/workbook.xml").decode()
    assert 'orientation="landscape"' in sheet and 'paperSize="9"' in sheet
    assert 'fitToHeight="0"' in sheet and "<pageSetUpPr fitToPage=" in sheet
    assert "_xlnm.Print_Titles" in book and "$3:$3" in book  # the header row repeats on every page


def test_held_files_are_listed_on_their_own_sheet(con, tmp_path):
    held = source_file(
        "h1",
        "林山村台账.xlsx",
        "held",
        "填报单位写的是林山村，标题写的是林峰社区：请确认是哪个单位的台账",
        sender="林山村",
        unit_id="linshan",
    )
    held["ledger"], held["period"] = "disputes", "2023-10"
    insert_rows(con, "meta.source_files", list(held), [held])
    write_feedback(con, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "feedback" / "退回修改_林山村.xlsx")
    assert book.sheetnames == ["退回修改", "待确认文件"]
    rows = [list(r) for r in book["待确认文件"].iter_rows(min_row=4, values_only=True)]
    assert rows == [
        [
            "1",
            "林山村台账.xlsx",
            "矛盾纠纷排查化解台账",
            "2023-10",
            "2023-11-05 09:00",
            "填报单位写的是林山村，标题写的是林峰社区：请确认是哪个单位的台账",
        ]
    ]
