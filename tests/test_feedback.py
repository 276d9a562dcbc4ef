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
    assert whole_file[0] == "../../林山村2023年11月台账.xlsx" and whole_file[5].startswith(
        "整个文件未能导入：文件已加密"
    )
    expected = sorted((r for r in QUARANTINE if r["sender"] == "林山村"), key=lambda r: r["row_number"])
    assert rows[1:] == [
        [
            r["file_name"],
            r["sheet"],
            str(r["row_number"]),
            r["column_name"],
            r["value"],
            r["reason"],
            r["fix_hint"],
        ]
        for r in expected
    ]
    # every cell is a string: '=1+1' is text, not a formula; a URL is not a hyperlink
    for cells in ws.iter_rows(min_row=1):
        for cell in cells:
            assert cell.value is None or cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
            assert cell.hyperlink is None
    formula = [c for r in ws.iter_rows(min_row=4) for c in r if c.value == "=1+1"]
    assert formula and formula[0].data_type == "s"
    assert ws.column_dimensions["F"].width >= 30  # room for Chinese text

    _, rows = read_rows(
        folder / "退回修改_后黄社区.xlsx"
    )  # no sender in quarantine: the unit's reference name
    assert rows == [["后黄.xlsx", "Sheet1", "3", "日期", "", "“日期”没有填写，这一项必须填", "请填写"]]
    _, rows = read_rows(folder / f"退回修改_{UNKNOWN_SENDER}.xlsx")
    assert rows[0][0] == "abc.xlsx" and "文件是空的" in rows[0][5]


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
            "网格事件10月.csv",
            "网格事件10月",
            "12",
            "事件编号",
            "E1",
            "同一月份中事件编号不能重复（与 网格事件10月 第13行 重复）（必须修改）",
            "请删去重复导出的事件",
        ]
    ]
    _, rows = read_rows(folder / "退回修改_林山村.xlsx")
    assert all(r[0] != "不应出现.xlsx" for r in rows)


def test_paths_come_from_reference_names_only(tmp_path):
    assert feedback_path(tmp_path, "林山村") == tmp_path / "退回修改_林山村.xlsx"
    assert feedback_path(tmp_path, "../..\\x:y").parent == tmp_path


def test_nothing_to_send_back_writes_nothing(tmp_path):
    c = connect(Home.resolve(tmp_path / "h"))
    try:
        assert write_feedback(c, tmp_path / "h" / "reports") == []
    finally:
        c.close()
