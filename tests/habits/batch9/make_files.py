"""Habit batch 9: write files/ and cases.yaml.

    /work/main/.venv/bin/python make_files.py

Every expectation below was worked out by hand from the rows written next to it (never by running the program).
The canonical words (resolved/open/not_resolved, 村/社区 …) come from SPEC.md's lists and from the analyst's
reading of each clerk's words, written out in the small tables STATUS/LEVEL/TYPE below.
All personal data is fake (names like 陈某华, made-up 139 mobiles, no ID numbers).
Deterministic: fixed docProps, fixed zip member times in every xlsx/xlsm written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import yaml
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
FIXED = dt.datetime(2023, 11, 1, 9, 0, 0)
ZIP_TIME = (2023, 11, 1, 9, 0, 0)
D = dt.date
T = dt.datetime
CASES: list[dict] = []


def case(cid, files, story, expect):
    CASES.append({"id": cid, "files": files, "story": story, "expect": expect})


# ------------------------------------------------------------------ fake people
SURNAMES = "陈林黄吴郑王李方蔡许"
GIVEN = "华英明强芳生珍福坤兰"
_seq = Counter()


def person(tag: str) -> tuple[str, str]:
    """A fake name 陈某华 and a made-up 139 mobile, stable per (tag, call order)."""
    _seq[tag] += 1
    n = _seq[tag]
    h = sum(map(ord, tag)) % 97
    name = SURNAMES[(h + n) % 10] + "某" + GIVEN[(h * 3 + n * 7) % 10]
    phone = f"139{(h * 1009 + n * 37) % 10000:04d}{(h * 31 + n * 101) % 10000:04d}"
    return name, phone


# ------------------------------------------------------------------ writers
def wb_new(modified=FIXED, who="Administrator"):
    wb = openpyxl.Workbook()
    wb.properties.creator = "Administrator"
    wb.properties.lastModifiedBy = who
    wb.properties.created = FIXED
    wb.properties.modified = modified
    return wb


def put_rows(ws, rows, start=1, col=1, date_fmt='yyyy"年"m"月"d"日"'):
    for r, row in enumerate(rows, start=start):
        if row is None:
            continue
        for c, v in enumerate(row, start=col):
            if v is None:
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(v, dt.date):
                cell.number_format = date_fmt
    return start + len(rows)


def title(ws, text, ncols, row=1, col=1):
    ws.cell(row=row, column=col, value=text).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + ncols - 1)
    ws.cell(row=row, column=col).alignment = Alignment(horizontal="center")


XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def fix_zip(path: Path, modified="2023-11-01T09:00:00Z", macro_enabled=False):
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + modified.encode(), data)
            if macro_enabled and info.filename == "[Content_Types].xml":
                data = data.replace(XLSX_MAIN, XLSM_MAIN)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            zout.writestr(zi, data)


def save(wb, name, modified="2023-11-01T09:00:00Z"):
    path = FILES / name
    wb.save(path)
    fix_zip(path, modified, macro_enabled=name.endswith(".xlsm"))
    return path


def fill_sheet(ws, title_text, sub, header, rows, footer=()):
    r = 1
    if title_text:
        title(ws, title_text, len(header))
        r = 2
    if sub:
        ws.cell(row=r, column=1, value=sub)
        r += 1
    hdr = r
    r = put_rows(ws, [header] + rows, start=r)
    for f in footer:
        r += 1
        ws.cell(row=r, column=1, value=f)
    return hdr


def simple_xlsx(name, sheet, title_text, sub, header, rows, footer=(), save_it=True):
    wb = wb_new()
    ws = wb.active
    ws.title = sheet
    hdr = fill_sheet(ws, title_text, sub, header, rows, footer)
    if save_it:
        save(wb, name)
    return wb, ws, hdr


def two_row_header(ws, row, cols):
    """cols: header names, or (parent, [children]) groups; plain names are merged over both rows."""
    c = 1
    for item in cols:
        if isinstance(item, tuple):
            parent, kids = item
            ws.cell(row=row, column=c, value=parent)
            ws.merge_cells(start_row=row, start_column=c, end_row=row, end_column=c + len(kids) - 1)
            for k, kid in enumerate(kids):
                ws.cell(row=row + 1, column=c + k, value=kid)
            c += len(kids)
        else:
            ws.cell(row=row, column=c, value=item)
            ws.merge_cells(start_row=row, start_column=c, end_row=row + 1, end_column=c)
            c += 1
    return c - 1


def csv_text(rows, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def serial(d: dt.date) -> int:
    """The Excel (1900 system) serial number of a date."""
    return (d - D(1899, 12, 30)).days


# ------------------------------------------------------------------ disputes
DH = ["序号", "受理日期", "当事人", "联系电话", "纠纷类型", "简要案情", "化解责任人", "化解层级", "化解情况", "化解日期", "备注"]  # fmt: skip
BRIEF = {
    "邻里纠纷": "宅前排水沟堵塞引发争执",
    "婚姻家庭": "夫妻因赡养老人发生矛盾",
    "土地承包": "承包地边界不清",
    "山林权属": "山林界址争议",
    "征地拆迁": "拆迁补偿款分配",
    "劳资纠纷": "务工工资拖欠",
    "合同纠纷": "装修合同尾款",
}
TYPE = {
    "邻里纠纷": "邻里纠纷", "婚姻家庭": "婚姻家庭", "土地承包": "土地承包", "山林权属": "山林权属",
    "征地拆迁": "征地拆迁", "劳资纠纷": "其他", "合同纠纷": "其他",
}  # fmt: skip
LEVEL = {"村级": "村/社区", "片区调解室": "片区调解室", "镇级": "镇", "移交上级": "上级/移交"}
STATUS = {"已化解": "resolved", "化解中": "open", "未化解": "not_resolved"}


def drows(unit, recs):
    """recs: (received, type word, level word, status word, resolved date[, note])."""
    out = []
    for i, rec in enumerate(recs, 1):
        recv, typ, lvl, st, res = rec[:5]
        note = rec[5] if len(rec) > 5 else None
        name, phone = person(unit)
        who = person(unit + "调解员")[0]
        out.append([i, recv, name, phone, typ, BRIEF.get(typ, "其他纠纷"), who, lvl, st, res, note])
    return out


def dexp(unit, parts):
    """parts: [(period, recs), …] → the disputes figures of those records (status word = the canonical one)."""
    recs = [r for _, rs in parts for r in rs]
    return {
        "rows": len(recs),
        "by_unit": {unit: len(recs)},
        "by_period": {p: len(rs) for p, rs in parts},
        "counts": {
            "status": dict(Counter(STATUS[r[3]] for r in recs)),
            "level": dict(Counter(LEVEL[r[2]] for r in recs)),
            "dispute_type": dict(Counter(TYPE[r[1]] for r in recs)),
        },
        "values": {
            "received_date": [r[0] for r in recs],
            "resolved_date": [r[4] for r in recs],
        },
    }


def d01():
    name = "澄渚社区2023年10月矛盾纠纷排查化解台账.xlsx"
    written = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 4), None),
        (
            D(2023, 10, 10),
            "婚姻家庭",
            "村级",
            "化解中",
            D(2023, 10, 20),
            "10月20日调解成功，双方签订调解协议",
        ),
        (D(2023, 10, 16), "土地承包", "片区调解室", "化解中", None, "已约双方下周再谈"),
        (D(2023, 10, 22), "劳资纠纷", "镇级", "化解中", D(2023, 10, 30), "10月30日已化解，工资已结清"),
        (D(2023, 10, 27), "邻里纠纷", "村级", "未化解", None, "一方拒绝调解"),
    ]
    wb, ws, hdr = simple_xlsx(
        name, "10月", "澄渚社区2023年10月矛盾纠纷排查化解台账", "填报单位：澄渚社区居委会  填报日期：2023年10月31日",
        DH, drows("澄渚", written), ["注：化解情况请从下拉列表中选择。", "填报人：方某兰"], save_it=False,
    )  # fmt: skip
    dv = DataValidation(type="list", formula1='"已化解,化解中,未化解"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add(f"I{hdr + 1}:I{hdr + 20}")
    save(wb, name)
    clean = [written[0], written[2], written[4]]
    case(
        "b9_d01_remarks_say_resolved_status_says_open",
        [name],
        "澄渚社区的“化解情况”是下拉框，默认值“化解中”。第2件（10月10日婚姻家庭）和第4件（10月22日劳资纠纷）调解成功后，"
        "文书补填了化解日期（10月20日、10月30日），备注也写了“10月20日调解成功，双方签订调解协议”“10月30日已化解，工资已结清”，"
        "下拉框却没改，还是“化解中”。同一行里三处说法不一致，哪处是对的要问村里：这两行进隔离区（说明化解情况与化解日期、备注矛盾），"
        "其余3件入库，或整份待确认。错误的静默读法是只看化解情况列：两件记为化解中（澄渚社区化解1件，不是3件），"
        "还带着化解日期；或者只看化解日期一律算已化解——都是替村里做了决定。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["备注", "化解情况", "化解日期", "矛盾", "不一致"]],
            "figures": {"disputes": dexp("澄渚社区", [("2023-10", clean)])},
            "quarantined": 2,
            "quarantine_reason_has": [["备注", "化解情况", "化解日期", "矛盾", "不一致"]],
            "if_held": {"figures": {"disputes": {"rows": 0}}, "quarantined": 0},
        },
    )


def d02():
    name = "后黄社区2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 4)),
        (D(2023, 10, 9), "土地承包", "片区调解室", "已化解", D(2023, 10, 11)),
        (D(2023, 10, 13), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 10, 19), "合同纠纷", "镇级", "已化解", D(2023, 10, 25)),
        (D(2023, 10, 24), "邻里纠纷", "村级", "已化解", D(2023, 11, 2)),
        (D(2023, 10, 30), "征地拆迁", "镇级", "未化解", None),
    ]
    typed_recv = ["2023/10/3", "9/10/2023", "13/10/2023", "2023/10/19", "24/10/2023", "30/10/2023"]
    typed_res = ["2023/10/4", "11/10/2023", None, "2023/10/25", "2/11/2023", None]
    rows = drows("后黄", recs)
    for r, a, b in zip(rows, typed_recv, typed_res, strict=True):
        r[1], r[9] = a, b
    simple_xlsx(
        name, "10月", "后黄社区2023年10月矛盾纠纷排查化解台账", "填报单位：后黄社区", DH, rows,
        ["填报人：黄某明（1、4件）、许某珍（其余）"],
    )  # fmt: skip
    case(
        "b9_d02_year_first_and_day_first_dates_mixed",
        [name],
        "后黄社区的台账两个人填：老文书打“2023/10/3”（年/月/日），新来的大学生用的手机Excel是英国区域设置，打成“9/10/2023”“13/10/2023”"
        "“24/10/2023”“2/11/2023”（日/月/年），都是文本。标题是2023年10月，“13/10/2023”“24/10/2023”“30/10/2023”只能是日在前，"
        "同一人填的“9/10/2023”就是10月9日，化解日期“11/10/2023”是10月11日、“2/11/2023”是11月2日。6件都在10月受理。"
        "错误的静默读法是按美式“月/日/年”读：9/10/2023成了9月10日（一件10月的纠纷跑进9月），11/10/2023成了11月10日，"
        "2/11/2023成了2月11日（化解日期早于受理日期），13/10之类读不出的再悄悄丢掉。按日在前入库，或待确认问日期写法。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["日期", "日/月", "月/日", "9/10/2023"]],
            "figures": {"disputes": dexp("后黄社区", [("2023-10", recs)])},
            "quarantined": 0,
            "if_held": {"figures": {"disputes": {"rows": 0}}},
        },
    )


def d03():
    name = "渭阳社区2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 5), "邻里纠纷", "村级", "已化解", D(2023, 10, 6)),
        (D(2023, 10, 11), "婚姻家庭", "村级", "已化解", D(2023, 10, 13)),
        (D(2023, 10, 17), "邻里纠纷", "片区调解室", "已化解", D(2023, 10, 26)),
        (D(2023, 10, 23), "土地承包", "镇级", "化解中", None),
        (D(2023, 10, 29), "劳资纠纷", "村级", "未化解", None),
    ]
    rows = drows("渭阳", recs)
    third = rows[2]
    applicant, respondent = list(third), list(third)
    applicant[0], respondent[0] = "3-1", "3-2"
    applicant[2] = third[2] + "（申请人）"
    other, other_phone = person("渭阳被申请人")
    respondent[2], respondent[3] = other + "（被申请人）", other_phone
    third_brief = "两户因宅前排水沟堵塞引发争执，申请人要求对方恢复原状"
    applicant[5] = respondent[5] = third_brief
    laid = rows[:2] + [applicant, respondent] + rows[3:]
    for r, n in zip(laid, [1, 2, "3-1", "3-2", 4, 5], strict=True):
        r[0] = n
    simple_xlsx(
        name,
        "10月",
        "渭阳社区2023年10月矛盾纠纷排查化解台账",
        "填报单位：渭阳社区",
        DH,
        laid,
        ["填报人：吴某坤"],
    )
    case(
        "b9_d03_sub_numbered_rows_one_case_two_parties",
        [name],
        "渭阳社区第3件邻里纠纷有申请人、被申请人两方，文书没有合并单元格，而是拆成两行，序号写“3-1”“3-2”，当事人后面注明（申请人）"
        "（被申请人），电话各不相同；受理日期、类型、案情、层级、化解情况、化解日期两行完全一样。这是1件纠纷，渭阳社区10月是5件"
        "（已化解3件）。错误的静默读法是每行一件：6件、已化解4件（当事人不同，看起来不像重复）。按5件入库（3-2那行可进隔离区说明），"
        "或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"disputes": dexp("渭阳社区", [("2023-10", recs)])},
            "quarantined": [0, 1],
            "if_held": {"figures": {"disputes": {"rows": 0}}, "quarantined": 0},
        },
    )


def d04():
    name = "2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 4), "邻里纠纷", "村级", "已化解", D(2023, 10, 5)),
        (D(2023, 10, 12), "山林权属", "片区调解室", "已化解", D(2023, 10, 24)),
        (D(2023, 10, 18), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 10, 26), "合同纠纷", "镇级", "已化解", D(2023, 10, 31)),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "Sheet1"
    fill_sheet(ws, "2023年10月矛盾纠纷排查化解台账", None, DH, drows("碗洋", recs))
    ws.cell(row=8, column=1, value="填报单位（盖章）：碗洋村村民委员会")
    ws.cell(row=8, column=6, value="填报人：郑某芳")
    ws.cell(row=8, column=9, value="填报日期：2023年10月31日")
    save(wb, name)
    case(
        "b9_d04_unit_only_in_footer",
        [name],
        "碗洋村用的是镇里发的空白模板：文件名和标题都只有“2023年10月矛盾纠纷排查化解台账”，表上方没有填报单位行，也没有所属村居列；"
        "单位只写在表下的落款行“填报单位（盖章）：碗洋村村民委员会  填报人：郑某芳  填报日期：2023年10月31日”。"
        "落款就是单位，按碗洋村10月4件入库（不是“不知道哪个村”）。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("碗洋村", [("2023-10", recs)])},
            "quarantined": 0,
            "meta": {name: {"unit": "碗洋村", "period": "2023-10", "ledger": "disputes"}},
        },
    )


def d05():
    name = "林山村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 5)),
        (D(2023, 10, 9), "土地承包", "片区调解室", "已化解", D(2023, 10, 16)),
        (D(2023, 10, 14), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 10, 20), "邻里纠纷", "村级", "已化解", D(2023, 10, 20)),
        (D(2023, 10, 25), "山林权属", "镇级", "未化解", None),
        (D(2023, 10, 28), "合同纠纷", "村级", "已化解", D(2023, 10, 31)),
    ]
    header = ["序号", "当事人", "联系电话", "纠纷类型", "简要案情", "化解责任人", "化解层级", "化解情况", "受理—化解时间", "备注"]  # fmt: skip

    def span(a, b):
        return f"{a.month}.{a.day}—" + ("" if b is None else f"{b.month}.{b.day}")

    rows = []
    for r, rec in zip(drows("林山", recs), recs, strict=True):
        rows.append([r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8], span(rec[0], rec[4]), None])
    simple_xlsx(
        name, "10月", "林山村2023年10月矛盾纠纷排查化解台账", "填报单位：林山村  填报日期：2023年10月31日", header, rows,
        ["说明：“受理—化解时间”一栏，破折号前为受理日期，后为化解日期；未化解的只填受理日期。", "填报人：李某英"],
    )  # fmt: skip
    case(
        "b9_d05_received_and_resolved_in_one_cell",
        [name],
        "林山村把两个日期并成一列“受理—化解时间”：“10.3—10.5”“10.9—10.16”“10.20—10.20”“10.28—10.31”，没化解的只写“10.14—”“10.25—”，"
        "表下还说明了破折号前是受理、后是化解。6件，已化解4件（化解日期10月5日、16日、20日、31日）。错误的静默读法是把这一列当受理日期，"
        "只取破折号前的日期：化解日期全空，4件“已化解”都算不上化解（林山村化解0件），或把整格当成一段日期读不出来。"
        "两个日期分开入库，或待确认问这一列。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["受理—化解时间", "化解日期", "受理日期", "日期"]],
            "figures": {"disputes": dexp("林山村", [("2023-10", recs)])},
            "quarantined": 0,
            "if_held": {"figures": {"disputes": {"rows": 0}}},
        },
    )


def d06():
    name = "三山村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 2), "邻里纠纷", "村级", "已化解", D(2023, 10, 3)),
        (D(2023, 10, 8), "婚姻家庭", "片区调解室", "已化解", D(2023, 10, 15)),
        (D(2023, 10, 15), "土地承包", "村级", "化解中", None),
        (D(2023, 10, 19), "邻里纠纷", "村级", "已化解", D(2023, 10, 19)),
        (D(2023, 10, 24), "征地拆迁", "镇级", "已化解", D(2023, 10, 31)),
        (D(2023, 10, 29), "邻里纠纷", "村级", "未化解", None),
    ]
    rows = drows("三山", recs)
    rows[3][0] = "（作废）4"
    simple_xlsx(
        name, "10月", "三山村2023年10月矛盾纠纷排查化解台账", "填报单位：三山村", DH, rows, ["填报人：王某华"]
    )
    valid = recs[:3] + recs[4:]
    case(
        "b9_d06_void_marked_only_in_serial_number",
        [name],
        "三山村第4行（10月19日邻里纠纷，已化解）后来发现是同一件事的重复登记，文书没有删行，只在序号格里写成“（作废）4”，"
        "其余各格照旧、备注也空着。三山村10月是5件（已化解3件）。错误的静默读法是序号不当回事、照常读这一行：6件、已化解4件。"
        "这一行进隔离区（说明作废），其余5件入库。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("三山村", [("2023-10", valid)])},
            "quarantined": 1,
            "quarantine_reason_has": [["作废"]],
        },
    )


# ------------------------------------------------------------------ key projects
STAGE = {"在建": "在建", "续建": "在建", "新开工": "在建", "预备": "预备", "前期": "前期"}


def kexp(parts, period):
    """parts: [(zone, projects)]; a project: (name, stage word, total, plan, done) in 万元."""
    ps = [(z, p) for z, pp in parts for p in pp]
    return {
        "rows": len(ps),
        "by_unit": {None: len(ps)},
        "by_period": {period: len(ps)},
        "counts": {
            "stage": dict(Counter(STAGE[p[1]] for _, p in ps)),
            "zone": dict(Counter(z for z, _ in ps)),
        },
        "sums": {
            "total_investment": sum(p[2] for _, p in ps),
            "annual_plan": sum(p[3] for _, p in ps),
            "completed_investment": sum(p[4] for _, p in ps),
        },
    }


KH = ["序号", "项目名称", "所属", "项目阶段", "建设内容", "总投资（万元）", "2023年计划投资（万元）", "{m}累计完成投资（万元）", "形象进度", "存在问题", "责任单位"]  # fmt: skip


def k01():
    name = "镇项目办2023年11月重点项目推进表.xlsx"
    projects = [
        ("镇区道路提升工程", "在建", 26000, 3000, 2750),
        ("后黄社区卫生服务站", "在建", 3500, 1200, 1010),
        ("澄渚片区污水处理站", "预备", 8000, 500, 0),
        ("龙山村文旅综合体", "前期", 12000, 800, 150),
        ("镇敬老院改扩建", "在建", 4500, 1500, 1320),
    ]
    header = [
        "序号",
        "项目名称",
        "所属",
        "项目阶段",
        "总投资",
        "2023年计划投资",
        "1-11月累计完成投资",
        "形象进度",
        "责任单位",
    ]
    units = ["单位", None, None, None, "亿元", "万元", "万元", None, None]
    rows = [[i, p, "镇", st, tot / 10000, plan, done, "按计划推进", "镇城建办"]
            for i, (p, st, tot, plan, done) in enumerate(projects, 1)]  # fmt: skip
    wb, ws, hdr = simple_xlsx(name, "11月", "西天尾镇2023年11月重点项目推进表", "填报单位：镇项目办", header, [units] + rows, save_it=False)  # fmt: skip
    for r in range(hdr + 2, hdr + 2 + len(rows)):
        ws.cell(row=r, column=5).number_format = "0.00"
    save(wb, name)
    case(
        "b9_k01_second_header_row_gives_units_one_in_yi",
        [name],
        "镇项目办的表头下面还有一行“单位”：总投资那列写“亿元”，计划投资、累计完成两列写“万元”；表头本身不带单位。总投资格子里是"
        "2.6、0.35、0.8、1.2、0.45（亿元），换成万元是26000+3500+8000+12000+4500=54000；年度计划7000万元，累计完成2750+1010+0+150+1320=5230万元。"
        "错误的静默读法是不看单位行、按惯例都当万元：全镇总投资只有5.4万元，投资完成率算出来上千倍；或把单位行当成一个项目。"
        "按单位行换算入库，或待确认问单位。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["单位", "亿元", "万元"]],
            "figures": {"key_projects": kexp([("镇", projects)], "2023-11")},
            "quarantined": 0,
            "if_held": {"figures": {"key_projects": {"rows": 0}}},
        },
    )


def k02():
    name = "园区管委会2023年10月重点项目推进台账.xlsx"
    projects = [
        ("新型显示材料产业园", "在建", 45000, 9000, 7200),
        ("园区智能仓储中心", "在建", 18000, 5000, 4100),
        ("园区人才公寓", "在建", 9000, 3000, 255),
        ("园区污水提升泵站", "前期", 2500, 200, 30),
    ]
    rates = ["80.00%", "82.00%", "85.00%", "15.00%"]
    header = ["序号", "项目名称", "所属", "项目阶段", "总投资（万元）", "2023年计划投资（万元）", "1-10月累计完成投资（万元）", "年度计划完成率", "形象进度", "责任单位"]  # fmt: skip
    rows = [[i, p, "园区", st, tot, plan, done, rate, "主体施工" if st == "在建" else "办理前期手续", "园区管委会"]
            for i, ((p, st, tot, plan, done), rate) in enumerate(zip(projects, rates, strict=True), 1)]  # fmt: skip
    simple_xlsx(name, "10月", "西天尾镇园区2023年10月重点项目推进台账", "填报单位：园区管委会", header, rows, ["填报人：陈某强"])  # fmt: skip
    good = [p for p in projects if p[0] != "园区人才公寓"]
    case(
        "b9_k02_completion_rate_column_disagrees_with_amounts",
        [name],
        "园区管委会的表自带“年度计划完成率”一列。人才公寓一行：年度计划3000万元、累计完成“255”万元，完成率却写“85.00%”——"
        "255÷3000只有8.5%，2550才是85%，多半是完成投资少打了一个0，但也可能是完成率填错。其余3行的完成率与金额一致"
        "（7200÷9000=80%、4100÷5000=82%、30÷200=15%）。表自己对不上，不能替它选：人才公寓一行进隔离区（说明完成率与金额不符），"
        "其余3个项目入库（总投资65500、计划14200、完成11330万元），或整份待确认。错误的静默读法是不看完成率列，照255万元入库"
        "（园区完成投资少2295万元，没有任何提示）。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["完成率", "85", "不一致", "不符"]],
            "figures": {"key_projects": kexp([("园区", good)], "2023-10")},
            "quarantined": 1,
            "quarantine_reason_has": [["完成率", "85", "不一致", "不符"]],
            "if_held": {"figures": {"key_projects": {"rows": 0}}, "quarantined": 0},
        },
    )


def k03():
    name = "镇项目办2023年10月重点项目推进台账.xlsx"
    projects = [
        ("镇区农贸市场改造", "在建", 6000, 1500, 1280),
        ("溪白社区公园", "在建", 3000, 1000, 870),
        ("镇文化中心", "预备", 9000, 400, 0),
        ("林峰社区停车场", "前期", 1500, 100, 10),
        ("西天尾中学风雨操场", "在建", 2200, 900, 730),
    ]
    typed = {"镇区农贸市场改造": "=1180+100", "林峰社区停车场": "=6+4", "西天尾中学风雨操场": "=300+250+180"}
    header = [h.format(m="1-10月") for h in KH]
    rows = [[i, p, "镇", st, "见项目清单", tot, plan, done, "按计划推进", "无", "镇城建办"]
            for i, (p, st, tot, plan, done) in enumerate(projects, 1)]  # fmt: skip
    wb, ws, hdr = simple_xlsx(name, "10月", "西天尾镇2023年10月重点项目推进台账", "填报单位：镇项目办", header, rows, save_it=False)  # fmt: skip
    for r in range(hdr + 1, hdr + 1 + len(rows)):
        cell = ws.cell(row=r, column=8)
        for c in range(6, 9):
            ws.cell(row=r, column=c).number_format = "@"
        pname = ws.cell(row=r, column=2).value
        if pname in typed:
            cell.value = typed[pname]
            cell.data_type = "s"  # the cell is formatted 文本: Excel keeps the formula as text
    save(wb, name)
    case(
        "b9_k03_formulas_typed_into_text_cells",
        [name],
        "镇项目办的金额列设成了“文本”格式，文员每月在累计完成投资格里接着加：“=1180+100”“=6+4”“=300+250+180”。因为是文本格，"
        "Excel不计算，格子里存的就是这串字（不是公式，也没有缓存值）。意思很清楚：1280、10、730万元；全镇5个项目累计完成"
        "1280+870+0+10+730=2890万元（总投资21700、计划3900）。错误的静默读法是读不出就当空：3个项目没有完成投资（全镇完成只剩870万元），"
        "或只取第一个数（1180、6、300）。按算出的数入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"key_projects": kexp([("镇", projects)], "2023-10")},
            "quarantined": 0,
            "if_held": {"figures": {"key_projects": {"rows": 0}}},
        },
    )


def k04():
    name = "镇项目办2023年11月重点项目台账.xlsx"
    projects = [
        ("镇区污水管网改造", "在建", 8000, 2000, 1650),
        ("后埔村农房整治", "在建", 3000, 1200, 1010),
        ("镇卫生院迁建", "预备", 15000, 600, 0),
        ("三山村生态停车场", "前期", 1200, 100, 0),
        ("西天尾大道绿化提升", "在建", 2600, 800, 720),
    ]
    header = [h.format(m="1-11月") for h in KH]

    def row(i, p):
        nm, st, tot, plan, done = p
        return [i, nm, "镇", st, "见项目清单", tot, plan, done, "按计划推进", "无", "镇城建办"]

    rows = [row(i, p) for i, p in enumerate(projects, 1)]
    wb, ws, hdr = simple_xlsx(name, "11月", "西天尾镇2023年11月重点项目推进台账", "填报单位：镇项目办", header, rows, save_it=False)  # fmt: skip
    r = hdr + len(rows) + 2
    ws.cell(row=r, column=1, value="其中：列入市级重点项目（2个，已含在上表）")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
    put_rows(ws, [row(1, projects[0]), row(2, projects[2])], start=r + 1)
    ws.cell(row=r + 4, column=1, value="填报人：许某生")
    save(wb, name)
    case(
        "b9_k04_subset_table_repeats_projects",
        [name],
        "镇项目办11月表里5个项目之后空一行，写“其中：列入市级重点项目（2个，已含在上表）”，下面把镇区污水管网改造、镇卫生院迁建两行"
        "原样再列一遍（序号重新从1编）。镇级项目是5个（在建3、预备1、前期1；总投资29800、计划4700、完成3380万元）。"
        "错误的静默读法是把下面两行当两个新项目：7个项目、总投资多23000万元、预备多1个。重复的两行不入库（可进隔离区说明），"
        "或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"key_projects": kexp([("镇", projects)], "2023-11")},
            "quarantined": [0, 2],
            "if_held": {"figures": {"key_projects": {"rows": 0}}, "quarantined": 0},
        },
    )


def k05():
    name = "园区管委会2023年11月重点项目推进台账.xlsm"
    projects = [
        ("新型显示材料产业园", "在建", 45000, 9000, 8050),
        ("园区智能仓储中心", "在建", 18000, 5000, 4620),
        ("园区人才公寓", "预备", 9000, 3000, 0),
        ("园区东侧道路", "前期", 4000, 300, 60),
    ]
    header = [h.format(m="1-11月") for h in KH]
    rows = [[i, p, "园区", st, "见项目清单", tot, plan, done, "按计划推进", "无", "园区管委会"]
            for i, (p, st, tot, plan, done) in enumerate(projects, 1)]  # fmt: skip
    simple_xlsx(name, "11月", "西天尾镇园区2023年11月重点项目推进台账", "填报单位：园区管委会", header, rows)
    case(
        "b9_k05_macro_enabled_workbook_xlsm",
        [name],
        "园区管委会的模板原来带一个“一键汇总”宏，WPS另存时默认存成“启用宏的工作簿”（.xlsm），宏已经删了，里面是普通的4个项目。"
        ".xlsm就是.xlsx加可选的宏，读法一样：在建2、预备1、前期1，总投资76000、计划17300、完成12730万元，照常入库，不能因为扩展名退回。",
        {
            "outcome": ["loaded"],
            "figures": {"key_projects": kexp([("园区", projects)], "2023-11")},
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ petitions
PH = ["序号", "案件编号", "信访人", "反映问题", "初访时间", "包案领导", "责任单位", "化解措施", "状态", "化解日期", "是否签订息访息诉承诺书"]  # fmt: skip


def pexp(period, cases_):
    """cases_: (id, issue, first visit, resolved?, resolved date, pledge text, pledge bool)."""
    return {
        "rows": len(cases_),
        "by_unit": {None: len(cases_)},
        "by_period": {period: len(cases_)},
        "counts": {
            "status": dict(Counter("resolved" if c[3] else "open" for c in cases_)),
            "pledge_signed": dict(Counter(c[6] for c in cases_)),
        },
        "values": {"resolved_date": [c[4] for c in cases_]},
    }


def p01():
    name = "镇综治中心2023年11月信访积案化解台账.xlsx"
    A = ("XF2019-021", "宅基地纠纷", D(2019, 6, 3), True, D(2023, 5, 16), "是", True)
    B_old = ("XF2020-007", "征地补偿", D(2020, 3, 18), False, None, "否", False)
    B_new = ("XF2020-007", "征地补偿", D(2020, 3, 18), True, D(2023, 11, 14), "是", True)
    C = ("XF2021-014", "劳资欠薪", D(2021, 7, 22), False, None, "否", False)
    Dd = ("XF2022-003", "拆迁安置", D(2022, 1, 10), True, D(2023, 9, 20), "是", True)
    E = ("XF2022-019", "医疗纠纷", D(2022, 9, 5), False, None, "否", False)
    names = {c[0]: person("积案")[0] for c in (A, B_old, C, Dd, E)}
    header = PH + ["备注"]

    def row(i, c, note=None):
        return [i, c[0], names[c[0]], c[1], c[2], "陈某", "镇综治中心", "包案化解", "已化解" if c[3] else "化解中", c[4], c[5], note]  # fmt: skip

    rows = [
        row(1, A),
        row(2, B_old),
        row(3, C),
        row(4, Dd),
        row(5, E),
        row(6, B_new, "11月14日更新：已签订补偿协议，息访"),
    ]
    simple_xlsx(name, "11月", "西天尾镇2023年11月信访积案化解台账", "填报单位：镇综治中心", header, rows, ["填报人：林某华"])  # fmt: skip
    case(
        "b9_p01_same_case_appended_again_with_new_status",
        [name],
        "综治中心11月的积案清单是在10月的表上接着改的：XF2020-007（征地补偿）11月14日化解了，文员没有改第2行，而是在表尾加了第6行，"
        "同一个案件编号，状态“已化解”、化解日期2023年11月14日、承诺书“是”，备注“11月14日更新：已签订补偿协议，息访”。第2行还是“化解中”。"
        "积案是5件，XF2020-007以最新一行为准：已化解3件、化解中2件、承诺书3份。错误的静默读法是6行当6件（积案6件，XF2020-007既化解又在化解），"
        "或按编号去重时留下第一行（化解中，11月化解的这件没了）。按5件、取更新那行入库（旧的第2行可进隔离区说明），或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["XF2020-007", "重复", "案件编号"]],
            "figures": {"petitions": pexp("2023-11", [A, B_new, C, Dd, E])},
            "quarantined": [0, 1],
            "if_held": {"figures": {"petitions": {"rows": 0}}, "quarantined": 0},
        },
    )


def p02():
    name = "镇综治中心2023年10月信访积案化解情况.xlsx"
    cases_ = [
        (
            "XF2019-033",
            "山林权属",
            D(2019, 9, 12),
            True,
            D(2023, 4, 20),
            "已化解，已签订息访息诉承诺书",
            True,
        ),
        ("XF2020-018", "土地征收补偿", D(2020, 6, 1), True, D(2023, 9, 28), "已化解（未签承诺书）", False),
        ("XF2021-025", "企业欠薪", D(2021, 11, 3), False, None, "化解中，尚未签承诺书", False),
        ("XF2022-011", "物业纠纷", D(2022, 4, 14), True, D(2023, 10, 12), "已化解并签承诺书", True),
        ("XF2022-030", "拆迁安置", D(2022, 12, 6), False, None, "正在化解，未签承诺书", False),
    ]
    header = ["序号", "案件编号", "信访人", "反映问题", "初访时间", "包案领导", "责任单位", "化解措施", "化解及承诺书签订情况", "化解日期"]  # fmt: skip
    rows = [[i, c[0], person("承诺")[0], c[1], c[2], "黄某", "镇综治中心", "包案化解", c[5], c[4]]
            for i, c in enumerate(cases_, 1)]  # fmt: skip
    simple_xlsx(name, "10月", "西天尾镇2023年10月信访积案化解情况", "填报单位：镇综治中心", header, rows)
    case(
        "b9_p02_pledge_only_inside_status_sentence",
        [name],
        "综治中心这张表没有“是否签订息访息诉承诺书”列，承诺书写在状态句子里，表头是“化解及承诺书签订情况”："
        "“已化解，已签订息访息诉承诺书”“已化解（未签承诺书）”“化解中，尚未签承诺书”“已化解并签承诺书”“正在化解，未签承诺书”。"
        "5件：已化解3件、化解中2件；签了承诺书的只有2件（XF2019-033、XF2022-011）。错误的静默读法是找不到承诺书列就全记为未签"
        "（承诺书0份），或见到“签…承诺书”就算已签（“未签承诺书”也算，承诺书5份或3份）。状态和承诺书都从这一格读出入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["承诺书"]],
            "figures": {"petitions": pexp("2023-10", cases_)},
            "quarantined": 0,
            "if_held": {"figures": {"petitions": {"rows": 0}}},
        },
    )


def p03():
    name = "镇综治中心信访积案导出_202311.csv"
    cases_ = [
        ("XF2019-008", "宅基地审批", D(2019, 2, 25), True, D(2023, 3, 14), "是", True),
        ("XF2020-026", "养殖场拆除补偿", D(2020, 8, 17), True, D(2023, 7, 5), "是", True),
        ("XF2021-019", "工伤认定", D(2021, 5, 30), False, None, "否", False),
        ("XF2022-015", "土地承包经营权", D(2022, 6, 21), True, D(2023, 11, 2), "是", True),
        ("XF2022-027", "农民工工资", D(2022, 11, 11), False, None, "否", False),
    ]
    header = [
        "案件编号",
        "信访人",
        "反映问题",
        "初访时间",
        "包案领导",
        "责任单位",
        "状态",
        "化解日期",
        "是否签订息访息诉承诺书",
    ]
    rows = [[c[0], person("导出")[0], c[1], c[2].isoformat(), "王某", "镇综治中心", "已化解" if c[3] else "化解中",
             "" if c[4] is None else c[4].isoformat(), c[5]] for c in cases_]  # fmt: skip
    (FILES / name).write_bytes(b"\xff\xfe" + csv_text([header] + rows).encode("utf-16-le"))
    case(
        "b9_p03_utf16_comma_csv_from_petition_system",
        [name],
        "信访信息系统的“导出CSV（Unicode）”给的是UTF-16LE编码（带FF FE字节序标记）、逗号分隔的CSV，每个汉字两个字节，用记事本打开正常。"
        "11月积案清单5件：已化解3件（其中11月2日1件）、化解中2件，承诺书3份。按UTF-16读出照常入库；不能当成GBK或UTF-8读成乱码后退回。",
        {
            "outcome": ["loaded"],
            "figures": {"petitions": pexp("2023-11", cases_)},
            "quarantined": 0,
        },
    )


def p04():
    name = "镇综治中心2023年10月信访积案台账.xlsx"
    cases_ = [
        ("XF2019-040", "征地补偿", D(2019, 11, 20), True, D(2023, 6, 12), "是", True),
        ("XF2020-012", "宅基地纠纷", D(2020, 5, 6), True, D(2023, 9, 3), "是", True),
        ("XF2021-030", "房屋质量", D(2021, 8, 9), False, None, "否", False),
        ("XF2022-021", "山林承包", D(2022, 7, 28), True, D(2023, 10, 19), "是", True),
        ("XF2022-033", "征地拆迁", D(2022, 12, 15), False, None, "否", False),
    ]
    rows = [[i, c[0], person("序列号")[0], c[1], str(serial(c[2])), "郑某", "镇综治中心", "包案化解",
             "已化解" if c[3] else "化解中", None if c[4] is None else str(serial(c[4])), c[5]]
            for i, c in enumerate(cases_, 1)]  # fmt: skip
    wb, ws, hdr = simple_xlsx(name, "10月", "西天尾镇2023年10月信访积案化解台账", "填报单位：镇综治中心", PH, rows, save_it=False)  # fmt: skip
    for r in range(hdr + 1, hdr + 1 + len(rows)):
        for c in (5, 10):
            ws.cell(row=r, column=c).number_format = "@"
    save(wb, name)
    case(
        "b9_p04_dates_as_serial_numbers_stored_as_text",
        [name],
        "综治中心把信访系统网页上的表复制过来，“选择性粘贴—数值”贴进了设成文本格式的列：初访时间、化解日期成了文本“43789”“45089”"
        "“45172”“45218”（左对齐、带绿色小三角）。这是Excel日期序列号：45089是2023年6月12日，45172是2023年9月3日，45218是2023年10月19日，"
        "43789是2019年11月20日。5件，已化解3件。错误的静默读法是文本读不出日期就留空：3件已化解没有化解日期，或把“45218”当成别的数。"
        "按序列号换算成日期入库。",
        {
            "outcome": ["loaded"],
            "figures": {"petitions": pexp("2023-10", cases_)},
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ legal visits
LH = ["序号", "日期", "姓名", "身份", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"]
UNIT_OF = {
    "法官": "荔城区人民法院",
    "法官助理": "荔城区人民法院",
    "检察官": "荔城区人民检察院",
    "警官": "西天尾派出所",
    "辅警": "西天尾派出所",
    "律师": "福建某某律师事务所",
    "实习律师": "福建某某律师事务所",
}


def lexp(parts):
    visits = [v for _, vs in parts for v in vs]
    return {
        "rows": len(visits),
        "by_period": {p: len(vs) for p, vs in parts},
        "counts": {"role": dict(Counter(v[1] for v in visits))},
        "sums": {"disputes_resolved": sum(v[4] for v in visits), "consultations": sum(v[5] for v in visits)},
        "values": {"visit_date": [v[0] for v in visits]},
    }


def lrows(tag, visits):
    return [[i, d, person(tag)[0], role, UNIT_OF[role], place, act, res, con]
            for i, (d, role, act, place, res, con) in enumerate(visits, 1)]  # fmt: skip


def l01():
    name = "西天尾镇2023年10月三官一律下沉工作台账.xlsx"
    visits = [
        (D(2023, 10, 9), "法官", "带案下访", "龙山村", 1, 3),
        (D(2023, 10, 11), "法官助理", "法律咨询", "吴江村", 0, 4),
        (D(2023, 10, 13), "检察官", "普法宣传", "北大村", 0, 6),
        (D(2023, 10, 17), "辅警", "治安巡查", "东星社区", 1, 2),
        (D(2023, 10, 20), "警官", "矛盾调解", "洞湖村", 2, 1),
        (D(2023, 10, 24), "实习律师", "法律咨询", "后卓村", 0, 5),
        (D(2023, 10, 27), "律师", "法律咨询", "碗洋村", 1, 7),
    ]
    simple_xlsx(name, "10月", "西天尾镇2023年10月“三官一律”下沉工作台账", "填报单位：镇综治中心", LH, lrows("身份", visits))  # fmt: skip
    four = [v for v in visits if v[1] in ("法官", "检察官", "警官", "律师")]
    case(
        "b9_l01_lookalike_roles_assistant_auxiliary_trainee",
        [name],
        "综治中心10月台账7行，“身份”一栏除了法官、检察官、警官、律师，还有“法官助理”（法院的）、“辅警”（派出所的）、“实习律师”（律所的）各1行。"
        "法官助理不是法官，辅警不是人民警察，实习律师还没有执业证——都不是“三官一律”。10月“三官一律”下沉是4次（化解4件、咨询17人次）。"
        "错误的静默读法是按字面包含“法官”“警”“律师”归类：7次走访、化解5件、咨询28人次。这3行进隔离区（说明身份不在四类之内），"
        "或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["法官助理", "辅警", "实习律师", "身份"]],
            "figures": {"legal_visits": lexp([("2023-10", four)])},
            "quarantined": 3,
            "quarantine_reason_has": [["法官助理", "辅警", "实习律师", "身份"]],
            "if_held": {"figures": {"legal_visits": {"rows": 0}}, "quarantined": 0},
        },
    )


def l02():
    name = "郑某明律师2023年10月法律顾问工作日志.xlsx"
    days = [
        (
            D(2023, 10, 9),
            "后埔村",
            [("土地承包合同续签", "否"), ("赡养费标准", "否"), ("宅基地相邻通行纠纷", "是")],
        ),
        (D(2023, 10, 16), "象峰村", [("劳动合同解除补偿", "否"), ("民间借贷利息", "否")]),
        (
            D(2023, 10, 23),
            "后埔村",
            [("交通事故赔偿", "否"), ("继承份额", "否"), ("邻里漏水纠纷", "是"), ("租房押金", "否")],
        ),
        (D(2023, 10, 30), "下垞村", [("离婚财产分割", "否"), ("工伤认定流程", "否")]),
    ]
    header = ["序号", "日期", "服务村居", "咨询人", "咨询事项", "解答情况", "是否化解纠纷"]
    rows = []
    for d, place, items in days:
        for topic, solved in items:
            rows.append([len(rows) + 1, d, place, person("律师日志")[0], topic, "已当场解答", solved])
    simple_xlsx(
        name, "10月", "福建某某律师事务所 郑某明律师 西天尾镇村（居）法律顾问工作记录（2023年10月）", "律师：郑某明  执业证号：略",
        header, rows, ["本月共服务4次，解答咨询11人次，参与化解纠纷2件。"],
    )  # fmt: skip
    case(
        "b9_l02_lawyer_sends_own_log_one_row_per_consultation",
        [name],
        "挂点律师郑某明把自己的“法律顾问工作记录”直接发到综治群，文件名是他的名字，不是哪个村或办。表是一问一行：11行咨询，"
        "分属10月9日（后埔村3问）、16日（象峰村2问）、23日（后埔村4问）、30日（下垞村2问）四次下沉，“是否化解纠纷”有2个“是”；"
        "表下一句“本月共服务4次，解答咨询11人次，参与化解纠纷2件”。这不是一行一次的走访台账，发送人也不是报送单位"
        "（这4次很可能已在综治中心台账里）。要待确认或退回。错误的静默读法是一行当一次走访：11次律师下沉（咨询数为空或每行1），"
        "律师的名字当成报送单位。",
        {
            "outcome": [["held", "rejected"]],
            "reason_has": [["咨询", "律师", "一行", "日志", "单位", "报送", "走访", "次数", "表头", "发送"]],
            "figures": {"legal_visits": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {
                    "figures": {
                        "legal_visits": {
                            "rows": 11,
                            "by_period": {"2023-10": 11},
                            "counts": {"role": {"律师": 11}},
                        }
                    }
                },
                {"figures": {"legal_visits": {"rows": 11, "by_period": {"2023-10": 11}}}},
            ],
        },
    )


def l03():
    name = "后埔村2023年11月三官一律下沉工作台账.xlsx"
    visits = [
        (D(2023, 11, 2), "警官", "入户走访", "后埔村", 9, 31),
        (D(2023, 11, 9), "律师", "法律咨询", "后埔村", 9, 36),
        (D(2023, 11, 16), "法官", "带案下访", "后埔村", 10, 38),
        (D(2023, 11, 23), "警官", "矛盾调解", "后埔村", 12, 41),
        (D(2023, 11, 30), "检察官", "普法宣传", "后埔村", 12, 47),
    ]
    header = LH[:7] + ["本年累计化解纠纷（件）", "本年累计法律咨询（人次）"]
    simple_xlsx(name, "11月", "后埔村2023年11月“三官一律”下沉工作台账", "填报单位：后埔村", header, lrows("累计", visits))  # fmt: skip
    case(
        "b9_l03_only_running_year_totals_per_row",
        [name],
        "后埔村的台账没有“本次化解”“本次咨询”，只有两列“本年累计化解纠纷（件）”“本年累计法律咨询（人次）”，每次走访后在上一行的累计上加："
        "9、9、10、12、12件，31、36、38、41、47人次。11月每次的数能从相邻两行差出来（0、1、2、0件；5、2、3、6人次），但第一行11月2日那次"
        "是多少，要知道10月底的累计才算得出，表里没有。要待确认（或退回请填本次数）。错误的静默读法是把累计数当每次的数相加："
        "5次走访、化解52件、咨询193人次（后埔村一个月比全镇还多）。",
        {
            "outcome": [["held", "rejected"]],
            "reason_has": [["累计", "本年"]],
            "figures": {"legal_visits": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {
                    "figures": {
                        "legal_visits": {
                            "rows": 5,
                            "by_period": {"2023-11": 5},
                            "sums": {"disputes_resolved": 52, "consultations": 193},
                        }
                    }
                }
            ],
        },
    )


def l04():
    name = "渭阳社区2023年10月三官一律工作台账.xlsx"
    visits = [
        (D(2023, 10, 10), "法官", "带案下访，现场调解邻里纠纷1起，解答群众法律咨询5人次", "渭阳社区", 1, 5),
        (D(2023, 10, 13), "律师", "开展法律咨询，接待群众8人次", "渭阳社区", 0, 8),
        (D(2023, 10, 18), "警官", "入户走访，化解家庭纠纷2起，法律咨询3人次", "渭阳社区", 2, 3),
        (D(2023, 10, 25), "检察官", "开展反诈普法宣传，发放资料120份，解答咨询6人次", "渭阳社区", 0, 6),
        (D(2023, 10, 30), "律师", "参与调解土地承包纠纷1起（调解成功），咨询4人次", "渭阳社区", 1, 4),
    ]
    header = LH[:6] + ["活动内容及成效"]
    rows = [r[:7] for r in lrows("成效", visits)]
    simple_xlsx(name, "10月", "渭阳社区2023年10月“三官一律”工作台账", "填报单位：渭阳社区", header, rows, ["填报人：蔡某芳"])  # fmt: skip
    case(
        "b9_l04_counts_only_inside_activity_text",
        [name],
        "渭阳社区的表没有“化解纠纷数”“法律咨询数”两列，数字写在“活动内容及成效”的句子里：“现场调解邻里纠纷1起，解答群众法律咨询5人次”"
        "“接待群众8人次”“化解家庭纠纷2起，法律咨询3人次”“发放资料120份，解答咨询6人次”“参与调解土地承包纠纷1起（调解成功），咨询4人次”。"
        "5次走访，化解4件、咨询26人次（120份是资料，不是咨询）。错误的静默读法是没有数字列就把化解、咨询记为0或空：渭阳社区5次走访、"
        "化解0件、咨询0人次。从句子里读出数字入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["化解纠纷数", "法律咨询数", "活动内容", "咨询"]],
            "figures": {"legal_visits": lexp([("2023-10", visits)])},
            "quarantined": 0,
            "if_held": {"figures": {"legal_visits": {"rows": 0}}},
        },
    )


# ------------------------------------------------------------------ grid events
GH = ["事件编号", "所属网格", "事件类型", "上报时间", "处理时限", "办结时间", "状态", "事件描述", "上报人"]


def gid(grid: str) -> str:
    return "G" + re.search(r"\d+", grid).group().zfill(2)


def gexp(period, ev, extra=None):
    fig = {
        "rows": len(ev),
        "by_unit": {"东星社区": len(ev)},
        "by_period": {period: len(ev)},
        "counts": {
            "status": dict(Counter(e[5] for e in ev)),
            "event_type": dict(Counter(e[2] for e in ev)),
            "grid_id": dict(Counter(gid(e[1]) for e in ev)),
        },
    }
    fig.update(extra or {})
    return fig


def ts(t):
    return "" if t is None else t.strftime("%Y-%m-%d %H:%M:%S")


def g01():
    name = "东星社区网格事件接口数据_2023-10.csv"
    ev = [
        ("DX20231002006", "第02网格", "服务群众", T(2023, 10, 2, 9, 25), T(2023, 10, 2, 16, 10), "已办结"),
        ("DX20231007013", "第09网格", "治安防控", T(2023, 10, 7, 21, 40), T(2023, 10, 8, 8, 55), "已办结"),
        ("DX20231011002", "第15网格", "生态环境", T(2023, 10, 11, 7, 15), None, "办理中"),
        ("DX20231016009", "第21网格", "公共安全", T(2023, 10, 16, 14, 0), T(2023, 10, 17, 9, 30), "已办结"),
        ("DX20231022004", "第28网格", "维护稳定", T(2023, 10, 22, 10, 50), None, "已分流"),
        ("DX20231029012", "第33网格", "服务群众", T(2023, 10, 29, 19, 5), None, "受理"),
    ]
    header = [
        "eventCode",
        "gridName",
        "eventType",
        "reportTime",
        "deadline",
        "finishTime",
        "status",
        "eventDesc",
        "reporter",
    ]
    rows = [[e[0], e[1], e[2], ts(e[3]), ts(e[3] + dt.timedelta(days=3)), ts(e[4]), e[5], "居民反映", person("接口英文")[0]]
            for e in ev]  # fmt: skip
    (FILES / name).write_bytes(csv_text([header] + rows).encode("utf-8"))
    case(
        "b9_g01_api_export_with_english_field_names",
        [name],
        "东星社区信息员从市平台的数据接口取数，CSV第一行是接口的英文字段名：eventCode、gridName、eventType、reportTime、deadline、"
        "finishTime、status、eventDesc、reporter，内容是中文（第02网格、服务群众、已办结……）。字段名就是事件编号、所属网格、事件类型、"
        "上报时间、处理时限、办结时间、状态、事件描述、上报人。10月6件、已办结3件，照常入库。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": gexp("2023-10", ev, {"values": {"reported_at": [ts(e[3]) for e in ev]}})
            },
            "quarantined": 0,
        },
    )


def g02():
    name = "东星社区网格事件导出_202310.xlsx"
    ev = [
        (
            "DX20231003002",
            "第07网格",
            "服务群众",
            T(2023, 10, 3, 9, 10),
            T(2023, 10, 3, 17, 0),
            "已办结",
            "居民反映路灯不亮",
        ),
        (
            "DX20231008015",
            "第14网格",
            "治安防控",
            T(2023, 10, 8, 21, 20),
            T(2023, 10, 9, 8, 40),
            "已办结",
            "夜间噪音扰民",
        ),
        (
            "DX20231008016",
            "第14网格",
            "治安防控",
            T(2023, 10, 8, 21, 26),
            None,
            "已合并",
            "同一事件重复上报，已合并至DX20231008015",
        ),
        ("DX20231012004", "第19网格", "生态环境", T(2023, 10, 12, 7, 45), None, "办理中", "河道漂浮垃圾"),
        (
            "DX20231018009",
            "第23网格",
            "公共安全",
            T(2023, 10, 18, 16, 30),
            T(2023, 10, 19, 10, 15),
            "已办结",
            "楼道堆放杂物",
        ),
        (
            "DX20231018011",
            "第23网格",
            "公共安全",
            T(2023, 10, 18, 16, 41),
            None,
            "已合并",
            "重复上报，已合并至DX20231018009",
        ),
        ("DX20231025007", "第31网格", "维护稳定", T(2023, 10, 25, 11, 5), None, "受理", "群众反映物业纠纷"),
    ]
    rows = [
        [e[0], e[1], e[2], e[3], e[3] + dt.timedelta(days=3), e[4], e[5], e[6], person("合并事件")[0]]
        for e in ev
    ]
    simple_xlsx(name, "事件列表", None, "导出时间：2023-11-01 08:30", GH, rows)
    real = [e for e in ev if e[5] != "已合并"]
    case(
        "b9_g02_merged_duplicate_reports_status_yihebing",
        [name],
        "平台导出7行，其中2行状态“已合并”，事件描述写着“同一事件重复上报，已合并至DX20231008015”“重复上报，已合并至DX20231018009”："
        "两个网格员几分钟内报了同一件事，平台把后报的并进先报的。10月东星社区是5件事件（已办结3件）。错误的静默读法是7行都算采集事件，"
        "“已合并”认不出就当未办结：事件7件、办结率3/7。已合并的两行不算事件（进隔离区说明，或直接不计），或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["合并", "已合并"]],
            "figures": {
                "grid_events": gexp("2023-10", real, {"values": {"reported_at": [ts(e[3]) for e in real]}})
            },
            "quarantined": [0, 2],
            "if_held": {"figures": {"grid_events": {"rows": 0}}, "quarantined": 0},
        },
    )


def g03():
    name = "东星社区2023年11月网格事件（分页导出汇总）.xlsx"
    ev = [
        ("DX20231101003", "第02网格", "服务群众", T(2023, 11, 1, 8, 20), T(2023, 11, 1, 15, 0), "已办结"),
        ("DX20231103010", "第05网格", "治安防控", T(2023, 11, 3, 19, 40), T(2023, 11, 4, 9, 30), "已办结"),
        ("DX20231106004", "第09网格", "生态环境", T(2023, 11, 6, 10, 5), T(2023, 11, 7, 16, 20), "已办结"),
        ("DX20231108012", "第12网格", "公共安全", T(2023, 11, 8, 14, 50), T(2023, 11, 9, 11, 0), "已办结"),
        ("DX20231110006", "第16网格", "服务群众", T(2023, 11, 10, 9, 35), T(2023, 11, 10, 17, 45), "已办结"),
        ("DX20231113002", "第18网格", "维护稳定", T(2023, 11, 13, 7, 55), T(2023, 11, 14, 10, 10), "已办结"),
        ("DX20231115014", "第21网格", "服务群众", T(2023, 11, 15, 16, 25), T(2023, 11, 16, 9, 0), "已办结"),
        ("DX20231118007", "第24网格", "治安防控", T(2023, 11, 18, 20, 10), None, "办理中"),
        ("DX20231121003", "第27网格", "生态环境", T(2023, 11, 21, 8, 45), T(2023, 11, 22, 15, 30), "已办结"),
        ("DX20231124009", "第29网格", "公共安全", T(2023, 11, 24, 13, 15), None, "已分流"),
        ("DX20231127005", "第32网格", "服务群众", T(2023, 11, 27, 10, 40), None, "受理"),
        ("DX20231129011", "第33网格", "维护稳定", T(2023, 11, 29, 18, 5), None, "办理中"),
    ]
    rows = [
        [e[0], e[1], e[2], e[3], e[3] + dt.timedelta(days=3), e[4], e[5], "居民反映", person("分页")[0]]
        for e in ev
    ]
    pasted = (
        rows[0:5] + rows[4:9] + rows[8:12]
    )  # page 2 and page 3 each begin with the last event of the page before
    simple_xlsx(name, "11月", "东星社区2023年11月网格事件", "数据来源：市网格化服务管理平台，分3页导出后复制汇总", GH, pasted)  # fmt: skip
    case(
        "b9_g03_paged_export_pasted_with_overlapping_rows",
        [name],
        "平台每页只能导5条，信息员分3页导出再复制到一张表里。翻页时新来了事件，排序往后挪了一格，所以第2页、第3页的第一行正是上一页的最后一行："
        "DX20231110006、DX20231121003各出现两次（两行一字不差）。表里14行，11月实际是12件事件（已办结8件）。错误的静默读法是14行都算："
        "事件14件、已办结10件。重复的两行只算一次（可进隔离区说明）。",
        {
            "outcome": ["loaded"],
            "figures": {"grid_events": gexp("2023-11", ev)},
            "quarantined": [0, 2],
        },
    )


def g04():
    name = "东星社区2023年10月网格事件台账（按网格）.xlsx"
    groups = [
        ("第03网格（网格员：陈某华）", [
            ("DX20231004006", "第03网格", "服务群众", T(2023, 10, 4, 9, 0), T(2023, 10, 4, 16, 30), "已办结"),
            ("DX20231017003", "第03网格", "治安防控", T(2023, 10, 17, 20, 15), None, "办理中"),
        ]),
        ("第11网格（网格员：林某生）", [
            ("DX20231009012", "第11网格", "生态环境", T(2023, 10, 9, 7, 40), T(2023, 10, 10, 11, 20), "已办结"),
        ]),
        ("第20网格（网格员：黄某英）", [
            ("DX20231012008", "第20网格", "公共安全", T(2023, 10, 12, 14, 5), T(2023, 10, 13, 9, 50), "已办结"),
            ("DX20231023015", "第20网格", "服务群众", T(2023, 10, 23, 10, 30), None, "已分流"),
            ("DX20231030004", "第20网格", "维护稳定", T(2023, 10, 30, 16, 55), None, "受理"),
        ]),
    ]  # fmt: skip
    header = [h for h in GH if h != "所属网格"]
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    title(ws, "东星社区2023年10月网格事件台账", len(header))
    ws["A2"] = "填报单位：东星社区"
    put_rows(ws, [header], start=3)
    r = 4
    ev = []
    for label, items in groups:
        ws.cell(row=r, column=1, value=label)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
        r += 1
        for e in items:
            put_rows(ws, [[e[0], e[2], e[3], e[3] + dt.timedelta(days=3), e[4], e[5], "网格员巡查发现", person("分组")[0]]], start=r)  # fmt: skip
            r += 1
            ev.append(e)
    save(wb, name)
    case(
        "b9_g04_grid_given_only_in_group_rows",
        [name],
        "东星社区这份台账没有“所属网格”列，按网格分组：合并的分组行“第03网格（网格员：陈某华）”“第11网格（网格员：林某生）”"
        "“第20网格（网格员：黄某英）”，下面是该网格的事件（2件、1件、3件）。每件事件的网格就是它上面最近的分组行。"
        "错误的静默读法是没有网格列就把网格留空：6件事件全都不属于任何网格（按网格统计的表里东星社区一片空白），或把分组行当成事件。"
        "按分组行定网格入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["网格", "所属网格", "分组"]],
            "figures": {
                "grid_events": gexp("2023-10", ev, {"values": {"reported_at": [ts(e[3]) for e in ev]}})
            },
            "quarantined": 0,
            "if_held": {"figures": {"grid_events": {"rows": 0}}},
        },
    )


# ------------------------------------------------------------------ party activities
AH = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"]


def aexp(unit, org, parts):
    """parts: [(period, [(type, date, expected, attended), …])]."""
    acts = [a for _, acts_ in parts for a in acts_]
    return {
        "rows": len(acts),
        "by_unit": {unit: len(acts)},
        "by_period": {p: len(a) for p, a in parts},
        "counts": {"party_org_id": {org: len(acts)}, "activity_type": dict(Counter(a[0] for a in acts))},
        "sums": {"expected": sum(a[2] for a in acts), "attended": sum(a[3] for a in acts)},
    }


def arows(org, tag, acts, place="村部会议室"):
    return [[i, org, typ, d, place, "学习贯彻党的二十大精神", e, a, person(tag)[0]]
            for i, (typ, d, e, a) in enumerate(acts, 1)]  # fmt: skip


def a01():
    name = "龙山村党支部2023年10月三会一课台账.xlsx"
    acts = [
        ("支委会", D(2023, 10, 8), 5, 5),
        ("党员大会", D(2023, 10, 15), 36, 32),
        ("主题党日", D(2023, 10, 20), 36, 36),
        ("党课", D(2023, 10, 27), 36, 31),
    ]
    rows = arows("龙山村党支部", "龙山", acts)
    rows[0][7] = "全到"
    rows[2][7] = "全部到会"
    simple_xlsx(name, "10月", "龙山村党支部2023年10月“三会一课”台账", "填报单位：龙山村党支部", AH, rows)
    case(
        "b9_a01_attended_written_as_all_present",
        [name],
        "龙山村党支部满勤的两次不写人数，“实到人数”一格写“全到”（支委会，应到5）、“全部到会”（主题党日，应到36）：实到就等于应到，5人、36人。"
        "4次活动应到113、实到104，参学率92.04%。错误的静默读法是“全到”不是数字就记0或空：实到只剩63（参学率55.75%），"
        "或这两次活动没有实到人数。按实到=应到入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["全到", "实到"]],
            "figures": {"party_activities": aexp("龙山村", "P07", [("2023-10", acts)])},
            "quarantined": 0,
            "if_held": {"figures": {"party_activities": {"rows": 0}}},
        },
    )


def a02():
    oct_name = "林峰社区党委2023年10月三会一课台账.xlsx"
    nov_name = "林峰社区党委2023年11月三会一课台账.xlsx"
    october = [
        ("支委会", D(2023, 10, 9), 7, 7),
        ("主题党日", D(2023, 10, 16), 52, 47),
        ("党员大会", D(2023, 10, 23), 52, 45),
        ("党课", D(2023, 10, 31), 52, 46),
    ]
    november = [
        ("支委会", D(2023, 11, 6), 7, 6),
        ("主题党日", D(2023, 11, 15), 52, 48),
        ("党员大会", D(2023, 11, 22), 52, 44),
    ]
    org = "林峰社区党委"
    oct_rows = arows(org, "林峰", october, place="社区党群服务中心")
    nov_rows = [list(oct_rows[3])] + arows(org, "林峰十一月", november, place="社区党群服务中心")
    for i, r in enumerate(nov_rows, 1):
        r[0] = i
    simple_xlsx(
        oct_name, "10月", "林峰社区党委2023年10月“三会一课”台账", "填报单位：林峰社区党委", AH, oct_rows
    )
    simple_xlsx(
        nov_name, "11月", "林峰社区党委2023年11月“三会一课”台账", "填报单位：林峰社区党委", AH, nov_rows
    )
    case(
        "b9_a02_november_file_repeats_last_october_meeting",
        [oct_name, nov_name],
        "林峰社区党委10月台账4次活动，最后一次是10月31日党课（应到52、实到46）。11月的表是复制10月的表改的，第1行那次10月31日党课忘了删，"
        "下面才是11月的3次。10月31日党课已经在10月台账里：全年是7次，不是8次（10月4次、11月3次；应到274、实到243）。"
        "错误的静默读法是11月文件的4行都入库：10月31日党课记两次（或记进11月，11月多一次党课）。重复那行不入库（可进隔离区说明），"
        "或11月文件待确认。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {
                "party_activities": aexp("林峰社区", "P05", [("2023-10", october), ("2023-11", november)])
            },
            "quarantined": [0, 1],
            "if_held": {
                "figures": {"party_activities": aexp("林峰社区", "P05", [("2023-10", october)])},
                "quarantined": 0,
            },
        },
    )


def a03():
    name = "后黄社区党委2023年10月三会一课台账.xlsx"
    acts = [
        ("支委会", D(2023, 10, 7), 7, 7),
        ("党员大会", D(2023, 10, 14), 45, 40),
        ("主题党日", D(2023, 10, 21), 45, 41),
        ("党课", D(2023, 10, 28), 45, 38),
    ]
    wb, ws, hdr = simple_xlsx(
        name, "10月", "后黄社区党委2023年10月“三会一课”台账", "填报单位：后黄社区党委",
        AH, arows("后黄社区党委", "后黄", acts, place="社区党群服务中心"), save_it=False,
    )  # fmt: skip
    ws.merge_cells(start_row=hdr + 2, start_column=7, end_row=hdr + 4, end_column=7)
    ws.cell(row=hdr + 2, column=7).alignment = Alignment(vertical="center", horizontal="center")
    save(wb, name)
    case(
        "b9_a03_expected_merged_down_over_three_meetings",
        [name],
        "后黄社区党委全体党员45人。党员大会、主题党日、党课三行的“应到人数”是一个纵向合并的单元格，写“45”（支委会那行单独写7）。"
        "合并格就是这三次各应到45人：应到7+45×3=142，实到126，参学率88.73%。错误的静默读法是合并格只算第一行：应到只有52"
        "（参学率242%），后两次活动没有应到人数。按每次45入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["应到", "合并"]],
            "figures": {"party_activities": aexp("后黄社区", "P02", [("2023-10", acts)])},
            "quarantined": 0,
            "if_held": {"figures": {"party_activities": {"rows": 0}}},
        },
    )


def a04():
    name = "洞湖村党支部2023年11月三会一课台账.xlsx"
    acts = [
        ("支委会", D(2023, 11, 6), 5, 5),
        ("党员大会", D(2023, 11, 12), 33, 31),
        ("主题党日", D(2023, 11, 18), 33, 29),
        ("党课", D(2023, 11, 26), 33, 30),
    ]
    typed = ["5", "27+4", "26+3", "28+2"]
    header = AH[:7] + ["实到人数（现场+线上）", "主持人"]
    rows = arows("洞湖村党支部", "洞湖", acts)
    for r, t in zip(rows, typed, strict=True):
        r[7] = t
    simple_xlsx(
        name, "11月", "洞湖村党支部2023年11月“三会一课”台账", "填报单位：洞湖村党支部", header, rows,
        ["注：外出务工党员通过视频线上参会，计入实到。"],
    )  # fmt: skip
    case(
        "b9_a04_attended_written_as_onsite_plus_online",
        [name],
        "洞湖村党支部有外出务工党员视频参会，“实到人数（现场+线上）”写成“27+4”“26+3”“28+2”（支委会写“5”），表下注明线上参会计入实到。"
        "实到是31、29、30、5：4次活动应到104、实到95。错误的静默读法是只取第一个数（实到86）、把“27+4”连成274，或读不出当空。"
        "按相加入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["实到", "线上", "+"]],
            "figures": {"party_activities": aexp("洞湖村", "P10", [("2023-11", acts)])},
            "quarantined": 0,
            "if_held": {"figures": {"party_activities": {"rows": 0}}},
        },
    )


def a05():
    name = "碗洋村党支部2023年10月三会一课台账.xlsx"
    acts = [
        ("支委会", D(2023, 10, 10), 5, 5, 0, 0),
        ("主题党日", D(2023, 10, 17), 29, 25, 3, 1),
        ("党员大会", D(2023, 10, 24), 29, 27, 2, 0),
        ("党课", D(2023, 10, 31), 29, 23, 4, 2),
    ]
    header = [
        "序号",
        "党组织",
        "活动类型",
        "日期",
        "地点",
        "主题",
        "应到人数",
        "请假人数",
        "缺席人数",
        "主持人",
    ]
    rows = [[i, "碗洋村党支部", typ, d, "村部会议室", "学习贯彻党的二十大精神", e, leave, absent, person("碗洋")[0]]
            for i, (typ, d, e, _a, leave, absent) in enumerate(acts, 1)]  # fmt: skip
    simple_xlsx(name, "10月", "碗洋村党支部2023年10月“三会一课”台账", "填报单位：碗洋村党支部", header, rows)
    case(
        "b9_a05_no_attended_column_only_leave_and_absent",
        [name],
        "碗洋村党支部的表没有“实到人数”，只有“应到人数”“请假人数”“缺席人数”：实到=应到−请假−缺席，即5、25、27、23。"
        "4次活动应到92、实到80，参学率86.96%。错误的静默读法是找不到实到列就把最后一个人数列（缺席）当实到（实到3），"
        "或实到记空、参学率算不出来。按应到减请假、缺席入库，或待确认问实到怎么算。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["实到", "请假", "缺席"]],
            "figures": {"party_activities": aexp("碗洋村", "P12", [("2023-10", [a[:4] for a in acts])])},
            "quarantined": 0,
            "if_held": {"figures": {"party_activities": {"rows": 0}}},
        },
    )


class NoAliases(yaml.SafeDumper):
    """Spell shared figure blocks out in full (no &id001 anchors)."""

    def ignore_aliases(self, data):
        return True


def main():
    if FILES.exists():
        shutil.rmtree(FILES)
    FILES.mkdir()
    _seq.clear()
    for fn in [
        d01, d02, d03, d04, d05, d06,
        k01, k02, k03, k04, k05,
        p01, p02, p03, p04,
        l01, l02, l03, l04,
        g01, g02, g03, g04,
        a01, a02, a03, a04, a05,
    ]:  # fmt: skip
        fn()
    head = (
        "# Habit batch 9 — what a careful analyst wants in the warehouse after the case's files are ingested in order.\n"
        "# Written by hand from the rows make_files.py writes (never from running the program); generated by make_files.py.\n"
        "# Format: see batch1's header (files, outcome, figures rows/by_unit/by_period/counts/sums/values, quarantined,\n"
        "# quarantine_reason_has, reason_has, meta, if_held/if_loaded, readings).\n"
        "# Sums use the mart column names (total_investment, annual_plan, completed_investment, disputes_resolved,\n"
        "# consultations, expected, attended), as batches 3-8 do. Each trap's story says what the wrong silent reading is.\n\n"
    )
    text = yaml.dump(
        CASES, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=140, default_flow_style=None
    )
    (HERE / "cases.yaml").write_text(head + text, encoding="utf-8")
    print(
        len(CASES), "cases,", sum(len(c["files"]) for c in CASES), "file ingests,",
        len(list(FILES.iterdir())), "files",
    )  # fmt: skip


if __name__ == "__main__":
    main()
