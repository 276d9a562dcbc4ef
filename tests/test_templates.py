"""报送模板 (issue 16): what a template holds, its signed marker, and the round trip — a template filled the way
a clerk fills it loads with no quarantined row and exactly the values written."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from taizhang.etl.read import read_grids
from taizhang.etl.template_marker import MARKER_SHEET, read_marker
from taizhang.etl.templates import write_templates

KEY = b"test-key-not-secret"  # conftest sets TAIZHANG_KEY to this
PERIOD = "2023-12"
REF = Path(__file__).parent.parent / "etl" / "ref"
HEADER_ROW = 4  # Excel row of the header: title, 填报单位/报送月份, hint, header
LONG_SUMMARY = (
    "双方因宅基地边界和排水沟走向发生争执，" * 40
)  # 760 characters, as a clerk pastes a whole report


def _csv(name: str) -> list[dict]:
    with (REF / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


UNIT_ID = {r["name"]: r["unit_id"] for r in _csv("units")}
UNIT_ORG = {r["name"]: r["party_org_id"] for r in _csv("units")}


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    from taizhang.etl.home import Home

    home = Home(tmp_path_factory.mktemp("tpl") / "home").ensure()
    paths = write_templates(home, PERIOD, key=KEY, issued=dt.date(2023, 11, 25))
    return home, paths


def _template(templates, sender: str, name_part: str) -> Path:
    home, paths = templates
    found = [p for p in paths if p.parent.name == sender and name_part in p.name]
    assert len(found) == 1, (sender, name_part, [p.name for p in paths])
    return found[0]


def _headers(ws) -> list[str]:
    return [str(c.value) for c in ws[HEADER_ROW] if c.value is not None]


def _dv(ws, column_letter: str):
    for dv in ws.data_validations.dataValidation:
        if any(str(r).startswith(column_letter + str(HEADER_ROW + 1)) for r in dv.sqref.ranges):
            return dv
    return None


def _named_list(wb, name: str) -> list[str]:
    ref = wb.defined_names[name].attr_text  # '选项'!$B$2:$B$5
    sheet, cells = ref.split("!")
    ws = wb[sheet.strip("'")]
    return [c.value for row in ws[cells.replace("$", "")] for c in row]


# --- what a template holds ------------------------------------------------------------------------------


def test_every_sender_gets_a_workbook_per_ledger(templates):
    home, paths = templates
    # 40 rows of expected_submissions.csv, and 镇综治中心 also sends disputes (senders.csv)
    assert len(paths) == 41
    assert all(p.exists() and p.suffix == ".xlsx" for p in paths)
    assert {p.parent.parent for p in paths} == {home.root / "templates" / PERIOD}
    by_sender: dict[str, int] = {}
    for p in paths:
        by_sender[p.parent.name] = by_sender.get(p.parent.name, 0) + 1
    assert by_sender["林山村"] == 2 and by_sender["东星社区"] == 3 and by_sender["镇综治中心"] == 3
    assert by_sender["镇项目办"] == by_sender["园区管委会"] == by_sender["镇党政办"] == 1


def test_a_village_dispute_template_is_a_locked_form_with_dropdowns(templates):
    wb = openpyxl.load_workbook(_template(templates, "林山村", "矛盾纠纷"))
    ws = wb.worksheets[0]
    assert wb.active.title == ws.title == "矛盾纠纷排查化解台账"
    assert ws["A1"].value == "西天尾镇林山村2023年12月矛盾纠纷排查化解台账"
    assert "填报单位：林山村" in [c.value for c in ws[2]] and "报送月份：2023年12月" in [
        c.value for c in ws[2]
    ]
    # canonical order, clerk-facing labels; the village's own name is not asked row by row
    assert _headers(ws) == [
        "序号",
        "*受理日期",
        "纠纷类型",
        "当事人",
        "联系电话",
        "身份证号",
        "简要案情",
        "化解责任人",
        "化解层级",
        "化解情况",
        "化解日期",
        "备注",
    ]
    assert ws.protection.sheet
    assert ws["A1"].protection.locked and ws["A2"].protection.locked and ws["B4"].protection.locked
    assert not ws["B5"].protection.locked and not ws["L29"].protection.locked
    assert ws["E5"].number_format == "@"  # phone numbers typed stay text
    status = _dv(ws, "J")
    assert status.type == "list" and _named_list(wb, status.formula1) == ["已化解", "化解中", "未化解"]
    assert _named_list(wb, _dv(ws, "I").formula1) == ["村/社区", "片区调解室", "镇", "上级/移交"]
    assert _named_list(wb, _dv(ws, "C").formula1) == [
        "山林权属",
        "征地拆迁",
        "土地承包",
        "婚姻家庭",
        "邻里纠纷",
        "涉法涉诉信访",
        "其他",
    ]
    received = _dv(ws, "B")  # 年度累计台账: 1 January … the end of the month
    assert received.type == "date" and received.operator in (None, "between")
    assert float(received.formula1) == 44927  # 2023-01-01 as an Excel serial
    assert 45291 <= float(received.formula2) < 45292  # 2023-12-31 until midnight
    assert ws["B5"].number_format == "yyyy-mm-dd"
    assert max(r.max_row for r in _dv(ws, "J").sqref.ranges) >= 1000
    assert {s.title: s.sheet_state for s in wb.worksheets} == {
        "矛盾纠纷排查化解台账": "visible",
        "选项": "veryHidden",
        "填表说明": "visible",
        MARKER_SHEET: "veryHidden",
    }


def test_senders_reporting_for_several_units_choose_the_unit(templates):
    wb = openpyxl.load_workbook(_template(templates, "镇综治中心", "矛盾纠纷"))
    ws = wb.worksheets[0]
    assert _headers(ws)[2] == "*所属村居"
    assert _named_list(wb, _dv(ws, "C").formula1) == list(UNIT_ID)
    wb = openpyxl.load_workbook(_template(templates, "镇综治中心", "三官一律"))
    ws = wb.worksheets[0]
    assert _headers(ws) == [
        "序号",
        "*日期",
        "姓名",
        "*身份",
        "派出单位",
        "*挂点村居",
        "活动内容",
        "化解纠纷数",
        "法律咨询数",
    ]
    visit = _dv(ws, "B")  # a monthly ledger: only dates of the month
    assert float(visit.formula1) == 45261 and 45291 <= float(visit.formula2) < 45292
    assert _dv(ws, "H").type == "whole" and _dv(ws, "H").operator == "greaterThanOrEqual"
    assert _named_list(wb, _dv(ws, "D").formula1) == ["法官", "检察官", "警官", "律师"]
    wb = openpyxl.load_workbook(_template(templates, "镇党政办", "党组织"))
    ws = wb.worksheets[0]
    assert _headers(ws)[1] == "*党组织"
    assert _named_list(wb, _dv(ws, "B").formula1) == [
        "镇机关党支部",
        "园区党委",
        "中心小学党支部",
        "卫生院党支部",
        "非公企业联合党支部",
    ]


def test_grids_projects_and_petitions_have_their_own_rules(templates):
    wb = openpyxl.load_workbook(_template(templates, "东星社区", "网格事件"))
    ws = wb.worksheets[0]
    assert _headers(ws)[:4] == ["*事件编号", "*所属网格", "事件类型", "*上报时间"]
    grids = _named_list(wb, _dv(ws, "B").formula1)
    assert len(grids) == 33 and grids[0] == "东星第1网格" and grids[-1] == "东星第33网格"
    assert ws["D5"].number_format == "yyyy-mm-dd hh:mm"
    wb = openpyxl.load_workbook(_template(templates, "园区管委会", "重点项目"))
    ws = wb.worksheets[0]
    headers = _headers(ws)
    assert "所属" not in headers  # the park office's projects are the park's
    assert {"总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"} <= set(headers)
    money = _dv(ws, "E")
    assert headers[4] == "总投资（万元）" and money.type == "decimal"
    wb = openpyxl.load_workbook(_template(templates, "镇综治中心", "信访积案"))
    ws = wb.worksheets[0]
    headers = _headers(ws)
    column = "ABCDEFGHIJKLMN"[headers.index("是否签订息访息诉承诺书")]
    assert _named_list(wb, _dv(ws, column).formula1) == ["是", "否"]
    first_visit = _dv(ws, "ABCDEFGHIJKLMN"[headers.index("初访时间")])
    assert float(first_visit.formula1) == 32874  # 1990-01-01: long-standing cases go back years


def test_the_instructions_say_what_each_column_is_and_the_privacy_rule(templates):
    ws = openpyxl.load_workbook(_template(templates, "林山村", "矛盾纠纷"))["填表说明"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for label in ("*受理日期", "纠纷类型", "化解情况", "身份证号", "联系电话"):
        assert label in text
    assert "必填" in text and "选填" in text
    assert "身份证号" in text and "加密" in text and "不要写进简要案情" in text
    assert "年度累计台账" in text
    assert all(sum(1 for c in row if c.value not in (None, "")) <= 2 for row in ws.iter_rows())


def test_a_blank_template_reads_as_a_zero_report(templates, ingest, query):
    path = _template(templates, "林山村", "矛盾纠纷")
    [outcome] = ingest(path)
    assert outcome.status == "zero_report"
    assert query(
        "SELECT sender, ledger, period, status FROM meta.source_sheets WHERE status <> 'skipped'"
    ) == [("林山村", "disputes", PERIOD, "zero_report")]
    skipped = dict(query("SELECT sheet, reason FROM meta.source_sheets WHERE status = 'skipped'"))
    assert skipped["填表说明"] == "填表说明页，已跳过" and set(skipped) == {"填表说明", "选项", MARKER_SHEET}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_and_prints_a_template(templates, tmp_path):
    path = _template(templates, "镇综治中心", "三官一律")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / (path.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 5000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "西天尾镇综治中心2023年12月“三官一律”下沉工作台账" in text.replace(" ", "")
        assert "填表说明" in text and "挂点村居" in text


# --- the marker -----------------------------------------------------------------------------------------


def _marker_of(path: Path, key: bytes = KEY):
    return read_marker(read_grids(path), key)


def _edited(src: Path, dst: Path, edit) -> Path:
    wb = openpyxl.load_workbook(src)
    edit(wb)
    wb.save(dst)
    return dst


def test_a_template_carries_a_valid_marker(templates):
    marker = _marker_of(_template(templates, "林山村", "矛盾纠纷"))
    assert marker.valid and marker.problem is None
    assert (marker.ledger, marker.sender, marker.unit_id, marker.period) == (
        "disputes",
        "林山村",
        "linshan",
        PERIOD,
    )
    assert marker.version == 1 and marker.header_row == HEADER_ROW and marker.sheet == "矛盾纠纷排查化解台账"
    assert marker.columns[:3] == ("seq", "received_date", "dispute_type") and len(marker.columns) == 12
    assert marker.template_id.startswith("TZ-") and marker.issued == "2023-11-25"
    other = _marker_of(_template(templates, "下垞村", "矛盾纠纷"))
    assert other.valid and other.template_id != marker.template_id


def test_an_ordinary_file_has_no_marker(tmp_path):
    path = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["受理日期", "纠纷类型", "化解情况"])
    wb.save(path)
    assert _marker_of(path) is None


def test_an_edited_marker_or_another_key_is_tampering(templates, tmp_path):
    src = _template(templates, "林山村", "矛盾纠纷")

    def later(wb):
        cell = wb[MARKER_SHEET]["B1"]
        cell.value = cell.value.replace('"period":"2023-12"', '"period":"2024-01"')

    marker = _marker_of(_edited(src, tmp_path / "edited.xlsx", later))
    assert marker.status == "tampered" and "校验不通过" in marker.problem
    assert _marker_of(src, b"another-home-key").status == "tampered"

    def broken(wb):
        wb[MARKER_SHEET]["B1"].value = "{not json"

    assert _marker_of(_edited(src, tmp_path / "broken.xlsx", broken)).status == "tampered"


def test_a_marker_copied_into_another_units_template_disagrees(templates, tmp_path):
    mine = openpyxl.load_workbook(_template(templates, "林山村", "矛盾纠纷"))[MARKER_SHEET]
    row = [c.value for c in mine[1]]

    def copy_marker(wb):
        for j, value in enumerate(row, start=1):
            wb[MARKER_SHEET].cell(row=1, column=j, value=value)

    marker = _marker_of(
        _edited(_template(templates, "下垞村", "矛盾纠纷"), tmp_path / "copied.xlsx", copy_marker)
    )
    assert marker.status == "mismatch"
    assert "林山村" in marker.problem and "下垞村" in marker.problem
    assert marker.sender == "林山村"  # what the marker claims, for the reason; never loaded under it


def test_a_relabelled_or_reshaped_template_disagrees(templates, tmp_path):
    src = _template(templates, "林山村", "矛盾纠纷")

    def relabel(wb):
        wb.worksheets[0]["A2"].value = "填报单位：下垞村"

    marker = _marker_of(_edited(src, tmp_path / "relabelled.xlsx", relabel))
    assert marker.status == "mismatch" and "下垞村" in marker.problem

    def retitle_month(wb):
        wb.worksheets[0]["A1"].value = "西天尾镇林山村2024年1月矛盾纠纷排查化解台账"

    assert _marker_of(_edited(src, tmp_path / "month.xlsx", retitle_month)).status == "mismatch"

    def rename_column(wb):
        wb.worksheets[0]["K4"].value = "调解日期"

    marker = _marker_of(_edited(src, tmp_path / "header.xlsx", rename_column))
    assert marker.status == "mismatch" and "表头" in marker.problem

    def row_above_header(wb):
        wb.worksheets[0].insert_rows(HEADER_ROW)

    moved = _marker_of(_edited(src, tmp_path / "inserted.xlsx", row_above_header))
    assert moved.valid and moved.header_row == HEADER_ROW + 1  # the reader is told where the header is now

    def second_marker(wb):
        copy = wb.copy_worksheet(wb[MARKER_SHEET])
        copy.title = "模板标记2"

    assert _marker_of(_edited(src, tmp_path / "two.xlsx", second_marker)).status == "tampered"


def test_last_months_template_used_again_disagrees(tmp_path):
    from taizhang.etl.home import Home

    home = Home(tmp_path / "home").ensure()
    [november] = write_templates(home, "2023-11", unit="镇综治中心", ledger="legal_visits", key=KEY)

    def december_rows(days):
        def fill(wb):
            ws = wb.worksheets[0]
            for i, day in enumerate(days):
                ws.cell(row=HEADER_ROW + 1 + i, column=2, value=day)
                ws.cell(row=HEADER_ROW + 1 + i, column=4, value="法官")

        return fill

    december = [dt.datetime(2023, 12, d) for d in (4, 11, 18)]
    marker = _marker_of(_edited(november, tmp_path / "reused.xlsx", december_rows(december)))
    assert marker.status == "mismatch" and "2023年11月" in marker.problem and "3 行" in marker.problem
    # one stray date among November's rows is a typo for the reader to report, not the wrong template
    mostly_november = [dt.datetime(2023, 11, 6), "2023年11月20日", dt.datetime(2023, 12, 1)]
    assert _marker_of(_edited(november, tmp_path / "typo.xlsx", december_rows(mostly_november))).valid


# --- the round trip -------------------------------------------------------------------------------------
# Per ledger: rows as a clerk fills them (label → value typed), and what staging must then hold (column →
# value), written out by hand. Edge cases: dates typed as text, numbers typed as text, blank optional cells,
# a long summary, two parties in one cell, a compound surname.

ROWS = {
    "disputes": [
        (
            {
                "序号": 1,
                "受理日期": dt.datetime(2023, 12, 3),
                "纠纷类型": "邻里纠纷",
                "当事人": "王小明、李四",
                "联系电话": "13812345678",
                "简要案情": LONG_SUMMARY,
                "化解责任人": "陈建华",
                "化解层级": "村/社区",
                "化解情况": "已化解",
                "化解日期": "2023年12月5日",
                "所属村居": "林山村",
            },
            {
                "seq": 1,
                "received_date": dt.date(2023, 12, 3),
                "dispute_type": "邻里纠纷",
                "parties_masked": "王某某、李某某",
                "summary": LONG_SUMMARY,
                "mediator_masked": "陈某某",
                "level": "村/社区",
                "status": "resolved",
                "status_raw": "已化解",
                "resolved_date": dt.date(2023, 12, 5),
                "remarks": None,
                "id_number_token": None,
                "unit_id": "linshan",
            },
        ),
        (
            {
                "序号": "2",
                "受理日期": "2023-12-10",
                "纠纷类型": "其他",
                "当事人": "赵六",
                "简要案情": "欠薪纠纷，双方对工钱有争议",
                "化解层级": "片区调解室",
                "化解情况": "化解中",
                "备注": "跟踪回访",
                "所属村居": "东星社区",
            },
            {
                "seq": 2,
                "received_date": dt.date(2023, 12, 10),
                "dispute_type": "其他",
                "parties_masked": "赵某某",
                "phone_token": None,
                "mediator_masked": None,
                "level": "片区调解室",
                "status": "open",
                "resolved_date": None,
                "remarks": "跟踪回访",
                "unit_id": "dongxing",
            },
        ),
        (
            {
                "受理日期": dt.date(2023, 1, 16),
                "纠纷类型": "山林权属",
                "当事人": "欧阳小明，林二",
                "化解层级": "上级/移交",
                "化解情况": "未化解",
                "所属村居": "后黄社区",
            },
            {
                "seq": None,
                "received_date": dt.date(2023, 1, 16),
                "dispute_type": "山林权属",
                "parties_masked": "欧阳某某、林某某",
                "summary": None,
                "level": "上级/移交",
                "status": "not_resolved",
                "unit_id": "houhuang",
            },
        ),
    ],
    "key_projects": [
        (
            {
                "序号": 1,
                "项目名称": "西天尾镇污水管网提升工程",
                "项目阶段": "在建",
                "建设内容": "新建污水管网十二公里",
                "总投资（万元）": 12000,
                "年度计划投资（万元）": "3,500",
                "累计完成投资（万元）": "1200.5",
                "形象进度": "管网铺设过半",
                "挂钩领导": "林建国",
                "责任单位": "镇建设办",
            },
            {
                "project_name": "西天尾镇污水管网提升工程",
                "stage": "在建",
                "content": "新建污水管网十二公里",
                "total_investment": 12000.0,
                "annual_plan": 3500.0,
                "completed_investment": 1200.5,
                "progress": "管网铺设过半",
                "issues": None,
                "leader_masked": "林某某",
                "responsible_unit": "镇建设办",
                "unit_id": None,
            },
        ),
        (
            {
                "项目名称": "冷链物流园",
                "项目阶段": "前期",
                "总投资（万元）": 8000,
                "年度计划投资（万元）": 500,
                "累计完成投资（万元）": 0,
                "存在问题": "用地报批未完成",
            },
            {
                "project_name": "冷链物流园",
                "stage": "前期",
                "total_investment": 8000.0,
                "annual_plan": 500.0,
                "completed_investment": 0.0,
                "issues": "用地报批未完成",
                "content": None,
                "leader_masked": None,
            },
        ),
    ],
    "petitions": [
        (
            {
                "序号": 1,
                "案件编号": "XF2019-003",
                "信访人": "黄大伟",
                "身份证号": "350302198001011230",
                "所属村居": "后黄社区",
                "反映问题": "宅基地界址争议",
                "初访时间": dt.datetime(2019, 3, 1),
                "包案领导": "郑志明",
                "责任单位": "镇综治中心",
                "化解措施": "多次上门协调",
                "状态": "已化解",
                "化解日期": dt.date(2023, 12, 8),
                "是否签订息访息诉承诺书": "是",
            },
            {
                "case_id": "XF2019-003",
                "petitioner_masked": "黄某某",
                "unit_id": "houhuang",
                "issue": "宅基地界址争议",
                "first_visit_date": dt.date(2019, 3, 1),
                "leader_masked": "郑某某",
                "responsible_unit": "镇综治中心",
                "measures": "多次上门协调",
                "status": "resolved",
                "resolved_date": dt.date(2023, 12, 8),
                "pledge_signed": True,
                "phone_token": None,
            },
        ),
        (
            {
                "案件编号": "XF2021-017",
                "信访人": "林某",
                "所属村居": "林山村",
                "反映问题": "征地补偿",
                "初访时间": "2021年5月6日",
                "状态": "化解中",
                "是否签订息访息诉承诺书": "否",
            },
            {
                "case_id": "XF2021-017",
                "petitioner_masked": "林某某",
                "unit_id": "linshan",
                "first_visit_date": dt.date(2021, 5, 6),
                "status": "open",
                "resolved_date": None,
                "pledge_signed": False,
                "id_number_token": None,
            },
        ),
    ],
    "legal_visits": [
        (
            {
                "序号": 1,
                "日期": dt.date(2023, 12, 4),
                "姓名": "陈明",
                "身份": "法官",
                "派出单位": "西天尾法庭",
                "挂点村居": "林山村",
                "活动内容": "带案下访",
                "化解纠纷数": 1,
                "法律咨询数": "3",
            },
            {
                "visit_date": dt.date(2023, 12, 4),
                "person_masked": "陈某某",
                "role": "法官",
                "agency": "西天尾法庭",
                "unit_id": "linshan",
                "activity": "带案下访",
                "disputes_resolved": 1,
                "consultations": 3,
            },
        ),
        (
            {
                "日期": "2023/12/18",
                "姓名": "林芳",
                "身份": "律师",
                "派出单位": "福建某律师事务所",
                "挂点村居": "东星社区",
                "活动内容": "普法宣传",
                "化解纠纷数": 0,
                "法律咨询数": 12,
            },
            {
                "visit_date": dt.date(2023, 12, 18),
                "person_masked": "林某某",
                "role": "律师",
                "unit_id": "dongxing",
                "disputes_resolved": 0,
                "consultations": 12,
            },
        ),
    ],
    "grid_events": [
        (
            {
                "事件编号": "SJ20231201001",
                "所属网格": "东星第5网格",
                "事件类型": "治安防控",
                "上报时间": dt.datetime(2023, 12, 1, 9, 30),
                "处理时限": dt.datetime(2023, 12, 4, 9, 30),
                "办结时间": dt.datetime(2023, 12, 2, 16, 0),
                "状态": "已办结",
                "事件描述": "路灯损坏影响夜间通行",
                "上报人": "吴小红",
            },
            {
                "event_id": "SJ20231201001",
                "grid_id": "G05",
                "event_type": "治安防控",
                "reported_at": dt.datetime(2023, 12, 1, 9, 30),
                "deadline": dt.datetime(2023, 12, 4, 9, 30),
                "closed_at": dt.datetime(2023, 12, 2, 16, 0),
                "status": "已办结",
                "description": "路灯损坏影响夜间通行",
                "reporter_masked": "吴某某",
                "unit_id": "dongxing",
            },
        ),
        (
            {
                "事件编号": "SJ20231215002",
                "所属网格": "东星第33网格",
                "事件类型": "其他",
                "上报时间": "2023-12-15 10:00",
                "状态": "办理中",
            },
            {
                "event_id": "SJ20231215002",
                "grid_id": "G33",
                "event_type": "其他",
                "reported_at": dt.datetime(2023, 12, 15, 10, 0),
                "deadline": None,
                "closed_at": None,
                "status": "办理中",
                "description": None,
                "reporter_masked": None,
            },
        ),
    ],
    "party_activities": [
        (
            {
                "序号": 1,
                "党组织": "镇机关党支部",
                "活动类型": "主题党日",
                "日期": dt.date(2023, 12, 5),
                "地点": "村部会议室",
                "主题": "学习党的二十大精神",
                "应到人数": 30,
                "实到人数": "27",
                "主持人": "林志强",
            },
            {
                "activity_type": "主题党日",
                "activity_date": dt.date(2023, 12, 5),
                "location": "村部会议室",
                "topic": "学习党的二十大精神",
                "expected": 30,
                "attended": 27,
                "host_masked": "林某某",
                "office": {"party_org_id": "P18", "unit_id": None},
            },
        ),
        (
            {
                "党组织": "中心小学党支部",
                "活动类型": "支委会",
                "日期": "2023年12月12日",
                "主题": "研究年终工作",
                "应到人数": 5,
                "实到人数": 5,
            },
            {
                "activity_type": "支委会",
                "activity_date": dt.date(2023, 12, 12),
                "location": None,
                "expected": 5,
                "attended": 5,
                "host_masked": None,
                "office": {"party_org_id": "P20", "unit_id": None},
            },
        ),
    ],
}
LEDGER_OF_FILE = {
    "矛盾纠纷": "disputes",
    "重点项目": "key_projects",
    "信访积案": "petitions",
    "三官一律": "legal_visits",
    "网格事件": "grid_events",
    "党组织活动": "party_activities",
}
ZONE = {"镇项目办": "镇", "园区管委会": "园区"}


def _ledger_of(path: Path) -> str:
    return next(kind for word, kind in LEDGER_OF_FILE.items() if word in path.name)


def _fill(src: Path, dst: Path, rows: list[dict]) -> None:
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    column = {str(c.value).lstrip("*"): c.column for c in ws[HEADER_ROW] if c.value}
    for i, row in enumerate(rows):
        for label, value in row.items():
            if label in column:  # 所属村居 and 党组织 exist only where the sender reports for several
                ws.cell(row=HEADER_ROW + 1 + i, column=column[label], value=value)
    wb.save(dst)


def _expected(kind: str, sender: str, want: dict) -> dict:
    """The hand-written expectations, completed with what the sender implies (its unit, party organisation
    or zone) — from the reference CSVs, not from the code under test."""
    want = dict(want)
    office = want.pop("office", None)
    if kind == "party_activities":
        want |= (
            office if sender == "镇党政办" else {"party_org_id": UNIT_ORG[sender], "unit_id": UNIT_ID[sender]}
        )
    elif kind == "disputes" and sender in UNIT_ID:
        want["unit_id"] = UNIT_ID[sender]  # a village's template has no 所属村居: all its rows are its own
    elif kind == "key_projects":
        want["zone"] = ZONE[sender]
    return want


@pytest.fixture(scope="module")
def filled(templates, tmp_path_factory):
    """Every template filled with its ledger's rows, ingested: the villages' into one home, each office's into
    a home of its own — every template gets the same rows, and an office's rows that name a village's cases
    (or another office's projects) are those same records, which the reader rightly asks about."""
    from taizhang.etl.home import Home
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.warehouse import connect, load_reference

    _, paths = templates
    out = tmp_path_factory.mktemp("filled")
    files, groups = {}, {}
    for path in paths:
        kind = _ledger_of(path)
        dst = out / path.name
        _fill(path, dst, [written for written, _ in ROWS[kind]])
        sender = path.parent.name
        files[dst.name] = (kind, sender)
        groups.setdefault("villages" if sender in UNIT_ID else sender, []).append(dst)
    homes, outcomes = {}, []
    for group, group_paths in groups.items():
        home = Home(out / f"home-{group}").ensure()
        con = connect(home)
        try:
            load_reference(con)
            outcomes += ingest_paths(group_paths, home, con)
        finally:
            con.close()
        homes.update({p.name: home for p in group_paths})
    return homes, files, outcomes


def test_filled_templates_load_with_nothing_quarantined_or_held(filled, query_home):
    homes, files, outcomes = filled
    assert len(outcomes) == 41
    assert {o.path.name: o.status for o in outcomes} == {name: "loaded" for name in files}
    for home in set(homes.values()):
        assert query_home(home, "SELECT count(*) FROM quarantine.rejected_rows") == [(0,)]
        assert query_home(home, "SELECT DISTINCT status FROM meta.source_files") == [("loaded",)]
        periods = query_home(home, "SELECT DISTINCT period FROM meta.source_sheets WHERE status = 'loaded'")
        assert periods == [(PERIOD,)]


def test_filled_templates_load_exactly_the_values_written(filled, query_home):
    homes, files, _ = filled
    checked = 0
    for name, (kind, sender) in files.items():
        home = homes[name]
        for i, (_, want) in enumerate(ROWS[kind]):
            want = _expected(kind, sender, want)
            columns = list(want)
            got = query_home(
                home,
                f"SELECT {', '.join(columns)} FROM staging.{kind} WHERE file_name = ? AND row_number = ?",
                [name, HEADER_ROW + 1 + i],
            )
            assert len(got) == 1, (name, i)
            assert dict(zip(columns, got[0], strict=True)) == want, (name, i)
            checked += 1
        rows = query_home(home, f"SELECT sender FROM staging.{kind} WHERE file_name = ?", [name])
        assert rows == [(sender,)] * len(ROWS[kind])
    assert checked == sum(len(ROWS[k]) for k, _ in files.values())
    # personal data went in as tokens only: the phone and ID written are nowhere in clear
    for home in set(homes.values()):
        disputes_files = sum(1 for n, (kind, _) in files.items() if kind == "disputes" and homes[n] is home)
        # the first row of each disputes file has a phone
        assert query_home(home, "SELECT count(*) FROM staging.disputes WHERE phone_token IS NOT NULL") == [
            (disputes_files,)
        ]
    petitions = [homes[n] for n, (kind, _) in files.items() if kind == "petitions"]
    assert [
        query_home(h, "SELECT count(*) FROM staging.petitions WHERE id_number_token IS NOT NULL")
        for h in petitions
    ] == [[(1,)]] * len(petitions)


def test_the_filled_file_keeps_a_valid_marker(filled):
    _, files, outcomes = filled
    path = next(o.path for o in outcomes if "林山村" in o.path.name and "矛盾纠纷" in o.path.name)
    marker = _marker_of(path)
    assert marker.valid and marker.sender == "林山村"


def test_a_value_typed_over_the_validation_gets_the_usual_quarantine_reason(
    templates, tmp_path, ingest, query
):
    rows = [
        dict(ROWS["disputes"][0][0], 化解情况="搞定了"),
        dict(ROWS["disputes"][1][0], 受理日期="12月32日"),
    ]
    _fill(_template(templates, "林山村", "矛盾纠纷"), tmp_path / "林山村_wrong.xlsx", rows)
    party = [
        dict(ROWS["party_activities"][0][0], 实到人数="二十几")
    ]  # 二十七 reads as 27; 二十几 is no number
    _fill(_template(templates, "林山村", "党组织"), tmp_path / "林山村_party_wrong.xlsx", party)
    outcomes = ingest(tmp_path / "林山村_wrong.xlsx", tmp_path / "林山村_party_wrong.xlsx")
    assert [o.status for o in outcomes] == ["loaded", "loaded"]
    reasons = query(
        "SELECT file_name, row_number, column_name, reason FROM quarantine.rejected_rows "
        "ORDER BY file_name, row_number"
    )
    assert [(r[0], r[1], r[2]) for r in reasons] == [  # the header as the template shows it
        ("林山村_party_wrong.xlsx", 5, "*实到人数"),  # required: a meeting counts only with its attendance
        ("林山村_wrong.xlsx", 5, "化解情况"),
        ("林山村_wrong.xlsx", 6, "*受理日期"),
    ]
    text = " ".join(r[3] for r in reasons)
    assert "“化解情况”填的“搞定了”无法识别，应为：已化解、化解中、未化解" in text
    assert "“二十几”不是数字" in text and "不存在" in text


@pytest.fixture
def query_home():
    """conftest's `query` for a home of this module's own (the filled templates are read once per module)."""
    import duckdb

    def run(home, sql, params=None):
        with duckdb.connect(str(home.warehouse), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    return run


def test_the_cli_writes_one_units_templates_and_refuses_unknown_names(tmp_path, capsys):
    from taizhang.cli import main

    home = tmp_path / "home"
    assert main(["templates", "--period", "2024-01", "--unit", "林山", "--home", str(home)]) == 0
    written = sorted(p.name for p in (home / "templates" / "2024-01" / "林山村").iterdir())
    assert written == ["林山村_2024年1月_党组织活动台账.xlsx", "林山村_2024年1月_矛盾纠纷排查化解台账.xlsx"]
    assert "已生成 2 份2024年1月报送模板" in capsys.readouterr().out
    assert main(["templates", "--period", "2024-01", "--unit", "西门村", "--home", str(home)]) == 2
    err = capsys.readouterr().err
    assert "没有“西门村”这个报送单位" in err and "林山村" in err and "镇综治中心" in err
    assert (
        main(
            [
                "templates",
                "--period",
                "2024-01",
                "--unit",
                "林山村",
                "--ledger",
                "网格事件",
                "--home",
                str(home),
            ]
        )
        == 2
    )
    assert "林山村不报送网格事件" in capsys.readouterr().err
    payload = json.loads(
        openpyxl.load_workbook(home / "templates" / "2024-01" / "林山村" / written[1])[MARKER_SHEET][
            "B1"
        ].value
    )
    assert payload["period"] == "2024-01" and payload["ledger"] == "disputes"


def test_the_reader_takes_ledger_sender_and_month_from_a_valid_marker(templates, tmp_path, ingest, query):
    src = _template(templates, "林山村", "矛盾纠纷")
    _fill(src, tmp_path / "林山村.xlsx", [written for written, _ in ROWS["disputes"]])
    [outcome] = ingest(tmp_path / "林山村.xlsx")
    assert outcome.status == "loaded", outcome.line()
    assert query(
        "SELECT DISTINCT sender, period, sender_source, period_source FROM meta.source_sheets "
        "WHERE status = 'loaded'"
    ) == [("林山村", PERIOD, "报送模板标记", "报送模板标记")]


def test_a_template_whose_marker_disagrees_is_held_until_read_by_its_content(
    templates, tmp_path, home, ingest, query
):
    from taizhang.etl.decisions import Decisions

    src = _template(templates, "林山村", "矛盾纠纷")

    def relabel(wb):  # 林山村's template made over into 下垞村's: the marker still says 林山村
        wb.worksheets[0]["A1"].value = wb.worksheets[0]["A1"].value.replace("林山村", "下垞村")
        wb.worksheets[0]["A2"].value = "填报单位：下垞村"

    relabelled = _edited(src, tmp_path / "relabelled.xlsx", relabel)
    _fill(relabelled, tmp_path / "下垞村.xlsx", [written for written, _ in ROWS["disputes"]])
    [held] = ingest(tmp_path / "下垞村.xlsx")
    assert held.status == "held" and "下垞村" in held.reason and "林山村" in held.reason, held.line()
    assert query("SELECT count(*) FROM staging.disputes") == [
        (0,)
    ]  # never loaded under the marker's identity
    Decisions(home.mappings).confirm(held.sha256[:12], {"template": "按文件内容读取"})
    [loaded] = ingest()
    assert loaded.status == "loaded", loaded.line()
    assert query("SELECT DISTINCT sender, unit_id FROM staging.disputes") == [("下垞村", "xiacha")]
