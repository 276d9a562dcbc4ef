"""Habit batch 8: write files/ and cases.yaml.

    /work/main/.venv/bin/python make_files.py

Every expectation below was worked out by hand from the rows written next to it (never by running the program).
The canonical words (resolved/open/not_resolved, 村/社区 …) come from SPEC.md's lists and from the analyst's
reading of each clerk's words, written out in the small tables STATUS/LEVEL/TYPE below.
All personal data is fake (names like 陈某华, made-up 139 mobiles, no ID numbers).
Deterministic: fixed docProps, fixed zip member times in every xlsx and ods written.
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
from xml.sax.saxutils import escape

import openpyxl
import yaml
from openpyxl.styles import Alignment, Font

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


def fix_zip(path: Path, modified="2023-11-01T09:00:00Z"):
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + modified.encode(), data)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            zout.writestr(zi, data)


def save(wb, name, modified="2023-11-01T09:00:00Z"):
    path = FILES / name
    wb.save(path)
    fix_zip(path, modified)
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


# ------------------------------------------------------------------ a LibreOffice .ods, by hand
ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def ods_cell(v, span=0):
    extra = f' table:number-columns-spanned="{span}" table:number-rows-spanned="1"' if span else ""
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, dt.date):
        shown = f"{v.year}年{v.month}月{v.day}日"
        return (
            f'<table:table-cell table:style-name="ce2" office:value-type="date" '
            f'office:date-value="{v.isoformat()}"{extra}><text:p>{shown}</text:p></table:table-cell>'
        )
    if isinstance(v, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{v}"{extra}>'
            f"<text:p>{v}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"{extra}><text:p>{escape(str(v))}</text:p></table:table-cell>'


def ods_write(name, sheets):
    """sheets: [(sheet name, ncols, rows)]; a row is a list of values or ("span", text) for a merged title."""
    tables = []
    for sname, ncols, rows in sheets:
        out = [f'<table:table table:name="{escape(sname)}" table:style-name="ta1">']
        out.append(f'<table:table-column table:style-name="co1" table:number-columns-repeated="{ncols}" '
                   'table:default-cell-style-name="Default"/>')  # fmt: skip
        out.append('<table:table-column table:number-columns-repeated="1013"/>')
        for row in rows:
            if row is None:
                out.append(
                    '<table:table-row><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
                )
            elif isinstance(row, tuple):
                out.append("<table:table-row>" + ods_cell(row[1], span=ncols)
                           + f'<table:covered-table-cell table:number-columns-repeated="{ncols - 1}"/>'
                           + f'<table:table-cell table:number-columns-repeated="{1024 - ncols}"/></table:table-row>')  # fmt: skip
            else:
                cells = "".join(ods_cell(v) for v in row)
                rest = 1024 - len(row)
                out.append(f'<table:table-row>{cells}<table:table-cell table:number-columns-repeated="{rest}"/>'
                           "</table:table-row>")  # fmt: skip
        used = len(rows)
        out.append(f'<table:table-row table:number-rows-repeated="{1048576 - used}">'
                   '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')  # fmt: skip
        out.append("</table:table>")
        tables.append("".join(out))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {ODS_NS} office:version="1.3">'
        "<office:automatic-styles>"
        '<style:style style:name="co1" style:family="table-column"><style:table-column-properties '
        'style:column-width="0.889in"/></style:style>'
        '<style:style style:name="ta1" style:family="table" style:master-page-name="Default">'
        '<style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>'
        '<number:date-style style:name="N79"><number:year number:style="long"/><number:text>年</number:text>'
        "<number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>"
        '<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" '
        'style:data-style-name="N79"/>'
        "</office:automatic-styles>"
        "<office:body><office:spreadsheet>" + "".join(tables) + "</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {ODS_NS} office:version="1.3"><office:meta>'
        "<meta:creation-date>2023-10-31T16:20:00</meta:creation-date><dc:date>2023-10-31T17:05:00</dc:date>"
        "<meta:generator>LibreOffice/7.5.4.2$Windows_X86_64 LibreOffice_project/36ccfdc35048b057fd9854c757a8b67ec53977b6"
        "</meta:generator></office:meta></office:document-meta>"
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {ODS_NS} office:version="1.3"><office:styles>'
        '<style:style style:name="Default" style:family="table-cell"/></office:styles>'
        '<office:master-styles><style:master-page style:name="Default"/></office:master-styles>'
        "</office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(FILES / name, "w") as z:
        for fname, data, how in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("styles.xml", styles, zipfile.ZIP_DEFLATED),
            ("meta.xml", meta, zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
        ]:
            zi = zipfile.ZipInfo(fname, date_time=ZIP_TIME)
            zi.compress_type = how
            z.writestr(zi, data.encode("utf-8"))


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


def dexp(unit, parts, by_period=True):
    """parts: [(period, recs), …] → the disputes figures of those records."""
    recs = [r for _, rs in parts for r in rs]
    fig = {
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
    if not by_period:
        del fig["by_period"]
    return fig


def d01():
    east = "吴江村2023年10月矛盾纠纷排查化解台账（东片）.xlsx"
    west = "吴江村2023年10月矛盾纠纷排查化解台账（西片）.xlsx"
    e_recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 4)),
        (D(2023, 10, 9), "土地承包", "片区调解室", "已化解", D(2023, 10, 16)),
        (D(2023, 10, 12), "邻里纠纷", "村级", "化解中", None),
        (D(2023, 10, 24), "婚姻家庭", "村级", "已化解", D(2023, 10, 26)),
    ]
    w_recs = [
        (D(2023, 10, 5), "劳资纠纷", "镇级", "已化解", D(2023, 10, 13)),
        (D(2023, 10, 18), "山林权属", "片区调解室", "未化解", None),
        (D(2023, 10, 27), "邻里纠纷", "村级", "已化解", D(2023, 10, 30)),
    ]
    e_rows = drows("吴江东片", e_recs)
    w_rows = drows("吴江西片", w_recs)
    shared = list(e_rows[2])
    shared[5] = "东西片交界处两户因宅前排水沟堵塞引发争执"
    e_rows[2][5] = shared[5]
    w_rows.insert(1, shared)
    for i, r in enumerate(w_rows, 1):
        r[0] = i
    simple_xlsx(east, "东片", "吴江村2023年10月矛盾纠纷排查化解台账（东片）", "填报单位：吴江村（东片网格）  填报日期：2023年10月31日", DH, e_rows, ["填报人：林某英"])  # fmt: skip
    simple_xlsx(west, "西片", "吴江村2023年10月矛盾纠纷排查化解台账（西片）", "填报单位：吴江村（西片网格）  填报日期：2023年10月31日", DH, w_rows, ["填报人：陈某生"])  # fmt: skip
    both = dexp("吴江村", [("2023-10", e_recs + w_recs)])
    case(
        "b8_d01_month_split_by_pian_one_case_in_both",
        [east, west],
        "吴江村分东片、西片两个网格员各报一份10月台账（东片4件、西片4件）。10月12日那件排水沟纠纷发生在两片交界处，两个网格员都登记了："
        "同一当事人、同一电话、同一受理日期、同一案情。吴江村10月是7件，不是8件，西片那份也不是东片的更正版。西片补进来（两份合起来、"
        "那件重复的只算一次，重复那行可进隔离区说明）入库，或待确认问“是追加还是替换、重复的那件算哪片”。错误的静默读法："
        "两份直接相加（8件，化解中多1件），或西片整份替换东片（只剩4件）。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "reason_has": [["重复", "追加", "替换", "东片", "西片", "部分"]],
            "figures": {"disputes": both},
            "quarantined": [0, 1],
            "if_held": {"figures": {"disputes": dexp("吴江村", [("2023-10", e_recs)])}, "quarantined": 0},
        },
    )


EMOJI = {"已化解": "✅", "化解中": "🔄", "未化解": "❌"}


def d02():
    name = "后卓村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 2), "邻里纠纷", "村级", "已化解", D(2023, 10, 3)),
        (D(2023, 10, 10), "合同纠纷", "村级", "已化解", D(2023, 10, 17)),
        (D(2023, 10, 16), "征地拆迁", "镇级", "化解中", None),
        (D(2023, 10, 23), "婚姻家庭", "片区调解室", "已化解", D(2023, 10, 25)),
        (D(2023, 10, 29), "邻里纠纷", "村级", "未化解", None),
    ]
    rows = drows("后卓", recs)
    for r in rows:
        r[8] = EMOJI[r[8]]
    simple_xlsx(
        name, "10月", "后卓村2023年10月矛盾纠纷排查化解台账", "填报单位：后卓村", DH, rows,
        ["说明：化解情况一栏 ✅=已化解  🔄=化解中  ❌=未化解", "填报人：郑某芳"],
    )  # fmt: skip
    case(
        "b8_d02_status_as_emoji",
        [name],
        "后卓村文书在手机WPS上填表，“化解情况”一栏只打表情：✅、🔄、❌，表下有一行说明“✅=已化解 🔄=化解中 ❌=未化解”。"
        "5件：已化解3、化解中1、未化解1。错误的静默读法是认不出表情，化解情况记为空（后卓村化解0件、化解率0%），"
        "或把三种表情都当“有内容”一律记为已化解（化解5件）。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("后卓村", [("2023-10", recs)])},
            "quarantined": 0,
        },
    )


def d03():
    name = "后埔村10月份矛盾纠纷排查台账.xlsx"
    recs = [
        (D(2023, 10, 4), "土地承包", "村级", "已化解", D(2023, 10, 6)),
        (D(2023, 10, 11), "邻里纠纷", "村级", "已化解", D(2023, 10, 12)),
        (D(2023, 10, 19), "劳资纠纷", "镇级", "化解中", None),
        (D(2023, 10, 26), "婚姻家庭", "片区调解室", "已化解", D(2023, 10, 30)),
    ]
    simple_xlsx(
        name, "Sheet1", "后埔村2022年10月矛盾纠纷排查化解台账", "填报单位：后埔村    填报日期：2023年10月31日",
        DH, drows("后埔", recs), ["填报人：吴某华  审核人：黄某明"],
    )  # fmt: skip
    case(
        "b8_d03_title_year_2022_dates_2023",
        [name],
        "后埔村拿去年的模板改的：标题仍是“后埔村2022年10月矛盾纠纷排查化解台账”，文件名只有“10月份”，但填报日期写2023年10月31日，"
        "4件的受理、化解日期全是2023年10月的日期格。这是2023年10月的台账，标题年份是漏改的。错误的静默读法是按标题记成2022-10"
        "（后埔村2023年10月变成“未报”，4件不进2023年的受理数）。按2023-10入库，或待确认问月份（说出标题2022与日期2023不符）。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["2022", "年份", "标题"]],
            "figures": {"disputes": dexp("后埔村", [("2023-10", recs)])},
            "quarantined": 0,
            "meta": {name: {"unit": "后埔村", "period": "2023-10", "ledger": "disputes"}},
            "if_held": {"figures": {"disputes": {"rows": 0}}},
        },
    )


def d04():
    name = "下垞村2023年10月矛盾纠纷排查化解台账.xlsx"
    done = [
        (D(2023, 10, 2), "邻里纠纷", "村级", "已化解", D(2023, 10, 2)),
        (D(2023, 10, 8), "婚姻家庭", "村级", "已化解", D(2023, 10, 10)),
        (D(2023, 10, 15), "土地承包", "片区调解室", "已化解", D(2023, 10, 20)),
        (D(2023, 10, 21), "合同纠纷", "镇级", "已化解", D(2023, 10, 27)),
    ]
    doing = [
        (D(2023, 10, 18), "征地拆迁", "镇级", "化解中", None),
        (D(2023, 10, 28), "邻里纠纷", "村级", "化解中", None),
    ]
    failed = [
        (D(2023, 10, 11), "山林权属", "移交上级", "未化解", None),
        (D(2023, 10, 25), "劳资纠纷", "片区调解室", "未化解", None),
    ]
    rows = drows("下垞", done + doing + failed)
    laid = rows[:4] + [None] + rows[4:6] + [None, None] + rows[6:]
    simple_xlsx(
        name, "10月", "下垞村2023年10月矛盾纠纷排查化解台账", "填报单位：下垞村", DH, laid,
        ["填报人：蔡某兰"],
    )  # fmt: skip
    case(
        "b8_d04_sorted_by_status_blank_rows_between_groups",
        [name],
        "下垞村文书按“化解情况”排了序，已化解4件在前，空一行，化解中2件，空两行，未化解2件（序号1–8连续）。空行只是分组，"
        "表没有结束：8件都入库。错误的静默读法是读到第一个空行就当表尾：只剩已化解的4件，下垞村化解率100%，化解中、未化解的4件悄悄丢了。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("下垞村", [("2023-10", done + doing + failed)])},
            "quarantined": 0,
        },
    )


def d05():
    name = "北大村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 6), "邻里纠纷", "村级", "已化解", D(2023, 10, 7)),
        (D(2023, 10, 13), "土地承包", "村级", "已化解", D(2023, 10, 20)),
        (D(2023, 10, 20), "婚姻家庭", "片区调解室", "化解中", None),
        (D(2023, 10, 27), "劳资纠纷", "镇级", "已化解", D(2023, 10, 31)),
    ]
    wb = wb_new()
    note = wb.active
    note.title = "Sheet1"
    note["A1"] = "本月台账见“10月台账”工作表（本页不填）"
    ws = wb.create_sheet("10月台账")
    fill_sheet(
        ws,
        "北大村2023年10月矛盾纠纷排查化解台账",
        "填报单位：北大村",
        DH,
        drows("北大", recs),
        ["填报人：许某珍"],
    )
    wb.create_sheet("Sheet3")
    save(wb, name)
    case(
        "b8_d05_sheet1_only_points_to_another_sheet",
        [name],
        "北大村的工作簿第一张表“Sheet1”只有一句“本月台账见‘10月台账’工作表（本页不填）”，台账在第二张“10月台账”（4件），第三张Sheet3是空的。"
        "错误的静默读法是只看第一张表：没有表头、没有记录，当成零报告（北大村10月“已报0件”）。按第二张表4件入库。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("北大村", [("2023-10", recs)])},
            "quarantined": 0,
            "meta": {name: {"unit": "北大村", "period": "2023-10", "ledger": "disputes"}},
        },
    )


def d06():
    name = "三山村2023年1-10月矛盾纠纷排查化解台账（累计）.xlsx"
    first = [
        (D(2023, 1, 12), "邻里纠纷", "村级", "已化解", D(2023, 1, 13)),
        (D(2023, 2, 20), "婚姻家庭", "村级", "已化解", D(2023, 2, 24)),
        (D(2023, 3, 15), "土地承包", "片区调解室", "已化解", D(2023, 3, 29)),
        (D(2023, 5, 8), "山林权属", "镇级", "已化解", D(2023, 6, 2)),
        (D(2023, 6, 19), "邻里纠纷", "村级", "已化解", D(2023, 6, 20)),
    ]
    second = [
        (D(2023, 7, 10), "劳资纠纷", "镇级", "已化解", D(2023, 7, 21)),
        (D(2023, 8, 23), "邻里纠纷", "村级", "已化解", D(2023, 8, 24)),
        (D(2023, 9, 14), "征地拆迁", "镇级", "化解中", None),
        (D(2023, 10, 17), "婚姻家庭", "村级", "未化解", None),
    ]
    rows = drows("三山", first) + drows("三山", second)  # 序号 1–5 then 1–4 again
    simple_xlsx(
        name, "2023年", "三山村2023年矛盾纠纷排查化解台账（1-10月累计）", "填报单位：三山村  统计时间：2023年1月1日至10月31日",
        DH, rows, ["备注：7月起由新任调解员登记，序号重新编排。", "填报人：方某强"],
    )  # fmt: skip
    case(
        "b8_d06_cumulative_numbering_restarts_in_july",
        [name],
        "三山村交的是全年累计台账（1-10月，9件）。7月换了调解员，新调解员从序号1重新编：序号是1–5、1–4，表下注明“7月起序号重新编排”。"
        "两个“1号”是两件不同的纠纷（1月12日邻里纠纷、7月10日劳资纠纷），9件都在。错误的静默读法是拿序号当记录编号："
        "7月起的1–4号覆盖（或当作重复登记丢掉）1–6月的1–4号，三山村只剩5件。staging里的period按累计台账的口径（不在此比）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"disputes": dexp("三山村", [("2023", first + second)], by_period=False)},
            "quarantined": 0,
            "if_held": {"figures": {"disputes": {"rows": 0}}},
        },
    )


def d07():
    name = "林峰社区2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 3)),
        (D(2023, 10, 9), "合同纠纷", "片区调解室", "已化解", D(2023, 10, 18)),
        (D(2023, 10, 16), "婚姻家庭", "村级", "已化解", D(2023, 10, 16)),
        (D(2023, 10, 22), "邻里纠纷", "村级", "已化解", D(2023, 10, 22)),
        (D(2023, 10, 30), "征地拆迁", "镇级", "化解中", None),
    ]
    rows = drows("林峰", recs)
    rows[0][9] = "当天"
    rows[2][9] = "同日"
    rows[3][9] = "当日"
    simple_xlsx(name, "10月", "林峰社区2023年10月矛盾纠纷排查化解台账", "填报单位：林峰社区", DH, rows, ["填报人：黄某坤"])  # fmt: skip
    case(
        "b8_d07_resolved_date_written_same_day",
        [name],
        "林峰社区当场调解成功的纠纷，“化解日期”不写日期而写“当天”“同日”“当日”（3件），意思是化解日期就是受理日期（10月3日、16日、22日）。"
        "错误的静默读法是读不出就把化解日期留空：这3件“已化解”却没有化解日期，按口径不算已化解（林峰社区化解数从4件变成1件）。"
        "化解日期按同一行的受理日期入库。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("林峰社区", [("2023-10", recs)])},
            "quarantined": 0,
        },
    )


def d08():
    name = "洞湖村2023年10月矛盾纠纷排查化解台账.ods"
    recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 5)),
        (D(2023, 10, 12), "土地承包", "村级", "已化解", D(2023, 10, 19)),
        (D(2023, 10, 18), "劳资纠纷", "镇级", "化解中", None),
        (D(2023, 10, 25), "婚姻家庭", "片区调解室", "已化解", D(2023, 10, 27)),
        (D(2023, 10, 30), "邻里纠纷", "村级", "未化解", None),
    ]
    rows = [("span", "洞湖村2023年10月矛盾纠纷排查化解台账"), ["填报单位：洞湖村", None, None, None, None, None, None, None,
            "填报日期：2023年10月31日"], DH] + drows("洞湖", recs) + [None, ["填报人：李某英"]]  # fmt: skip
    ods_write(name, [("10月", len(DH), rows)])
    case(
        "b8_d08_libreoffice_ods",
        [name],
        "洞湖村的电脑装的是LibreOffice，台账另存为默认的.ods（OpenDocument表格）：合并标题、填报单位行、日期是日期型单元格，"
        "表尾是LibreOffice写的“重复空行/空列”（一行代表一百多万空行）。内容是普通的5件台账，应照常入库；不能因为不是.xlsx就退回。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("洞湖村", [("2023-10", recs)])},
            "quarantined": 0,
        },
    )


def d09():
    name = "象峰村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 5), "邻里纠纷", "村级", "已化解", D(2023, 10, 6)),
        (D(2023, 10, 11), "山林权属", "片区调解室", "已化解", D(2023, 10, 24)),
        (D(2023, 10, 17), "劳资纠纷", "镇级", "已化解", D(2023, 10, 26)),
        (D(2023, 10, 23), "征地拆迁", "移交上级", "未化解", None),
        (D(2023, 10, 28), "婚姻家庭", "村级", "化解中", None),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    cols = DH[:7] + [("化解层级", ["村级", "片区", "镇级", "上级"])] + DH[8:]
    title(ws, "象峰村2023年10月矛盾纠纷排查化解台账", 14)
    ws["A2"] = "填报单位：象峰村"
    two_row_header(ws, 3, cols)
    lv_col = {"村级": 0, "片区调解室": 1, "镇级": 2, "移交上级": 3}
    rows = []
    for r, rec in zip(drows("象峰", recs), recs, strict=True):
        ticks = [None] * 4
        ticks[lv_col[rec[2]]] = "√"
        rows.append(r[:7] + ticks + r[8:])
    put_rows(ws, rows, start=5)
    ws.cell(row=11, column=1, value="填报人：王某福")
    save(wb, name)
    case(
        "b8_d09_level_as_tick_columns",
        [name],
        "象峰村的“化解层级”是合并表头下的四个勾选列：村级、片区、镇级、上级，每件在其中一列打“√”。5件：村级2、片区1、镇级1、上级1"
        "（移交区法院那件未化解）。错误的静默读法是找不到“化解层级”这一列，层级全部为空：“小事不出村”“矛盾不上交”都少了象峰村，"
        "或把四列里的第一列“村级”当层级列（只有打√的2件有值）。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("象峰村", [("2023-10", recs)])},
            "quarantined": 0,
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


def k01():
    name = "镇项目办2023年11月重点项目推进表.xlsx"
    header = ["序号", "项目名称", "所属", "项目阶段", "建设内容", "总投资", "2023年计划投资", "1-11月累计完成投资", "形象进度", "存在问题", "责任单位"]  # fmt: skip
    written = [
        ("西天尾镇区道路提升工程", "在建", "2.6亿元", "3000万元", "2650万元"),
        ("后黄社区卫生服务站", "续建", "35000000元", "12000000元", "9800000元"),
        ("澄渚片区污水处理站", "预备", "8000万元", "500万元", "0元"),
        ("龙山村文旅综合体", "前期", "1.2亿元", "800万元", "120万元"),
    ]
    projects = [
        ("西天尾镇区道路提升工程", "在建", 26000, 3000, 2650),
        ("后黄社区卫生服务站", "续建", 3500, 1200, 980),
        ("澄渚片区污水处理站", "预备", 8000, 500, 0),
        ("龙山村文旅综合体", "前期", 12000, 800, 120),
    ]
    rows = [[i, p, "镇", st, "见项目清单", tot, plan, done, "按计划推进", "无", "镇城建办"]
            for i, (p, st, tot, plan, done) in enumerate(written, 1)]  # fmt: skip
    simple_xlsx(name, "11月", "西天尾镇2023年11月重点项目推进表", "填报单位：镇项目办", header, rows)
    case(
        "b8_k01_units_written_in_each_cell_yuan_and_wanyuan",
        [name],
        "镇项目办的金额列表头没有单位，单位写在每个格子里，而且混着写：“2.6亿元”“8000万元”“35000000元”“12000000元”“0元”。"
        "换成万元：总投资26000+3500+8000+12000=49500，年度计划3000+1200+500+800=5500，累计完成2650+980+0+120=3750。"
        "错误的静默读法是去掉“元”字直接当万元（后黄卫生服务站总投资35000000万元，全镇总投资多出三千多亿）。",
        {
            "outcome": ["loaded"],
            "figures": {"key_projects": kexp([("镇", projects)], "2023-11")},
            "quarantined": 0,
        },
    )


KH = ["序号", "项目名称", "所属", "项目阶段", "建设内容", "总投资（万元）", "2023年计划投资（万元）", "1-10月累计完成投资（万元）", "形象进度", "存在问题", "挂钩领导", "责任单位"]  # fmt: skip


def k02():
    name = "园区管委会2023年10月重点项目推进台账.xlsx"
    projects = [
        ("新型显示材料产业园", "在建", 45000, 9000, 7200),
        ("园区智能仓储中心", "在建", 18000, 5000, 4100),
        ("园区人才公寓", "在建", 9000, 3000, "85%"),
        ("园区污水提升泵站", "前期", 2500, 200, 30),
    ]
    rows = [[i, p, "园区", st, "见项目清单", tot, plan, done, "主体施工" if st == "在建" else "办理前期手续", "无", "陈某", "园区管委会"]
            for i, (p, st, tot, plan, done) in enumerate(projects, 1)]  # fmt: skip
    simple_xlsx(name, "10月", "西天尾镇园区2023年10月重点项目推进台账", "填报单位：园区管委会", KH, rows)
    good = [p for p in projects if not isinstance(p[4], str)]
    case(
        "b8_k02_percent_typed_in_amount_column",
        [name],
        "园区管委会的“1-10月累计完成投资（万元）”一栏，人才公寓那行填的是“85%”（文员把形象进度填错了格），其余3个项目是万元数。"
        "“85%”不是金额，也推不出万元数：这一行进隔离区（说明累计完成投资不是金额），其余3个项目入库。错误的静默读法是把85%读成0.85万元"
        "（或85万元），人才公寓带着一个假的完成投资进了完成率。",
        {
            "outcome": ["loaded"],
            "figures": {"key_projects": kexp([("园区", good)], "2023-10")},
            "quarantined": 1,
            "quarantine_reason_has": [["85%", "金额", "投资", "百分"]],
        },
    )


def k03():
    name = "西天尾镇2023年10月重点项目台账（镇级+园区）.xlsx"
    header = [h for h in KH if h != "所属"]
    town = [
        ("镇区农贸市场改造", "在建", 6000, 1500, 1280),
        ("溪白社区公园", "在建", 3000, 1000, 870),
        ("镇文化中心", "预备", 9000, 400, 0),
        ("林峰社区停车场", "前期", 1500, 100, 10),
    ]
    park = [
        ("园区标准厂房五期", "在建", 22000, 6000, 5100),
        ("园区配套变电站", "预备", 7000, 800, 0),
        ("园区东侧道路", "前期", 4000, 300, 45),
    ]

    def rows(pp, unit):
        return [[i, p, st, "见项目清单", tot, plan, done, "按计划推进", "无", "陈某", unit]
                for i, (p, st, tot, plan, done) in enumerate(pp, 1)]  # fmt: skip

    wb = wb_new()
    ws = wb.active
    ws.title = "镇级重点项目"
    fill_sheet(ws, "西天尾镇2023年10月重点项目推进台账", "填报单位：镇项目办", header, rows(town, "镇城建办"))
    ws2 = wb.create_sheet("园区重点项目")
    fill_sheet(
        ws2, "西天尾镇2023年10月重点项目推进台账", "填报单位：镇项目办", header, rows(park, "园区管委会")
    )
    save(wb, name)
    case(
        "b8_k03_zone_only_in_sheet_name",
        [name],
        "镇项目办把镇级项目和园区项目放在一个工作簿的两张表里：“镇级重点项目”4个、“园区重点项目”3个，两张表标题一样，都没有“所属”列，"
        "镇/园区只写在工作表名上。错误的静默读法是发送方是镇项目办就全记为镇（镇级7个、园区0个，园区的22000万元厂房算进镇的完成率）。"
        "按工作表名分镇4个、园区3个入库，或待确认问园区那张表的归属。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["园区", "所属"]],
            "figures": {"key_projects": kexp([("镇", town), ("园区", park)], "2023-10")},
            "quarantined": 0,
            "if_held": {"figures": {"key_projects": {"rows": 0}}},
        },
    )


def k04():
    name = "园区管委会2023年11月重点项目推进台账.xlsx"
    projects = [
        ("新型显示材料产业园", "在建", 45000, 9000, 8100),
        ("园区智能仓储中心", "在建", 18000, 5000, 4650),
        ("园区人才公寓", "预备", 9000, 3000, 0),
        ("园区污水提升泵站", "前期", 2500, 200, 40),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "11月"
    cols = ["序号", "项目名称", ("项目阶段", ["在建", "预备", "前期"]), "总投资（万元）", "2023年计划投资（万元）",
            "1-11月累计完成投资（万元）", "形象进度", "责任单位"]  # fmt: skip
    title(ws, "西天尾镇园区2023年11月重点项目推进台账", 10)
    ws["A2"] = "填报单位：园区管委会"
    two_row_header(ws, 3, cols)
    rows = []
    for i, (p, st, tot, plan, done) in enumerate(projects, 1):
        tick = ["✓" if st == s else None for s in ("在建", "预备", "前期")]
        rows.append([i, p] + tick + [tot, plan, done, "按计划推进", "园区管委会"])
    put_rows(ws, rows, start=5)
    save(wb, name)
    case(
        "b8_k04_stage_as_tick_columns",
        [name],
        "园区管委会11月的表把“项目阶段”做成合并表头下的三个勾选列“在建/预备/前期”，每个项目在一列打“✓”：在建2、预备1、前期1。"
        "错误的静默读法是没有“项目阶段”这一列就把阶段留空（园区在建/预备/前期都是0，只有合计4个），或把第一列“在建”当阶段列。",
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


def merge_figs(*figs):
    out = {"rows": 0, "by_unit": Counter(), "by_period": Counter(), "counts": {}, "values": {}}
    for f in figs:
        out["rows"] += f["rows"]
        out["by_unit"].update(f["by_unit"])
        out["by_period"].update(f["by_period"])
        for col, cnt in f["counts"].items():
            out["counts"].setdefault(col, Counter()).update(cnt)
        for col, vals in f["values"].items():
            out["values"].setdefault(col, []).extend(vals)
    out["by_unit"] = dict(out["by_unit"])
    out["by_period"] = dict(out["by_period"])
    out["counts"] = {k: dict(v) for k, v in out["counts"].items()}
    return out


def p01():
    oct_name = "镇综治中心2023年10月信访积案化解台账.xlsx"
    nov_name = "镇综治中心2023年11月信访积案化解台账.xlsx"
    A = ("XF2019-021", "宅基地纠纷", D(2019, 6, 3), True, D(2023, 5, 16), "是", True)
    B = ("XF2020-007", "征地补偿", D(2020, 3, 18), True, D(2023, 8, 9), "是", True)
    C = ("XF2021-014", "劳资欠薪", D(2021, 7, 22), True, D(2023, 10, 25), "是", True)
    Dd = ("XF2022-003", "拆迁安置", D(2022, 1, 10), False, None, "否", False)
    E_oct = ("XF2022-019", "医疗纠纷", D(2022, 9, 5), False, None, "否", False)
    E_nov = ("XF2022-019", "医疗纠纷", D(2022, 9, 5), True, D(2023, 11, 8), "是", True)

    names = {c[0]: person("积案")[0] for c in (A, B, C, Dd, E_oct)}

    def row(i, c, word):
        return [i, c[0], names[c[0]], c[1], c[2], "陈某", "镇综治中心", "包案化解", word, c[4], c[5]]

    oct_rows = [row(i, c, "已化解" if c[3] else "化解中") for i, c in enumerate([A, B, C, Dd, E_oct], 1)]
    simple_xlsx(oct_name, "10月", "西天尾镇2023年10月信访积案化解台账", "填报单位：镇综治中心", PH, oct_rows)
    wb = wb_new()
    ws = wb.active
    ws.title = "11月"
    title(ws, "西天尾镇2023年11月信访积案化解台账", len(PH))
    ws["A2"] = "填报单位：镇综治中心"
    put_rows(ws, [PH, row(1, Dd, "化解中"), row(2, E_nov, "已化解")], start=3)
    ws.cell(row=6, column=1, value="以下为已化解积案（历史记录，仅供参考）")
    ws.merge_cells(start_row=6, start_column=1, end_row=6, end_column=len(PH))
    put_rows(
        ws, [row(3, A, "已化解（历史）"), row(4, B, "已化解（历史）"), row(5, C, "已化解（历史）")], start=7
    )
    ws.cell(row=11, column=1, value="填报人：林某华")
    save(wb, nov_name)
    case(
        "b8_p01_resolved_cases_repeated_as_history",
        [oct_name, nov_name],
        "综治中心10月清单5件（已化解3件：5月、8月、10月25日；化解中2件）。11月清单把在办的放上面（XF2022-003化解中、XF2022-019本月11月8日化解），"
        "下面一行合并写“以下为已化解积案（历史记录，仅供参考）”，再列出早已化解的3件，状态写“已化解（历史）”。这3件仍是积案清单的一部分"
        "（最新一期清单就是11月这份，5件、化解4件、签承诺书4件）。错误的静默读法是把“历史记录，仅供参考”当表尾备注，跳过下面3行："
        "最新清单只剩2件，全镇积案化解数从4件掉到1件。两期都入库（staging里各是当月的一期）。",
        {
            "outcome": ["loaded", "loaded"],
            "figures": {
                "petitions": merge_figs(
                    pexp("2023-10", [A, B, C, Dd, E_oct]), pexp("2023-11", [Dd, E_nov, A, B, C])
                )
            },
            "quarantined": 0,
        },
    )


def p02():
    name = "镇综治中心2023年10月信访积案台账（系统导出）.xlsx"
    header = ["案件编号", "信访人", "反映问题", "初访时间", "包案领导", "责任单位", "办理状态", "是否化解", "化解日期", "是否签订息访息诉承诺书"]  # fmt: skip
    cases_ = [
        ("XF2019-033", "山林权属", D(2019, 9, 12), True, D(2023, 4, 20), "是", True, "已办结"),
        ("XF2020-018", "土地征收补偿", D(2020, 6, 1), True, D(2023, 9, 28), "是", True, "已办结"),
        ("XF2021-025", "企业欠薪", D(2021, 11, 3), False, None, "否", False, "已办结"),
        ("XF2022-011", "物业纠纷", D(2022, 4, 14), False, None, "否", False, "已办结"),
        ("XF2022-030", "拆迁安置", D(2022, 12, 6), False, None, "否", False, "办理中"),
    ]
    rows = [[c[0], person("系统")[0], c[1], c[2], "黄某", "镇综治中心", c[7], "是" if c[3] else "否", c[4], c[5]]
            for c in cases_]  # fmt: skip
    simple_xlsx(name, "导出数据", None, None, header, rows)
    case(
        "b8_p02_procedure_closed_is_not_resolved",
        [name],
        "综治中心从信访系统导出积案，有两列状态：“办理状态”（已办结/办理中，是信访程序走完、已书面答复）和“是否化解”（是/否，群众是否息访）。"
        "4件“已办结”里只有2件“是否化解=是”，另2件答复了但信访人不满意、仍在访。积案化解看“是否化解”：已化解2件、未化解3件。"
        "错误的静默读法是把“已办结”当已化解（化解4件）。按“是否化解”入库，或待确认问哪一列是化解状态。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["办理状态", "是否化解", "状态"]],
            "figures": {"petitions": pexp("2023-10", cases_)},
            "quarantined": 0,
            "if_held": {"figures": {"petitions": {"rows": 0}}},
        },
    )


def p03():
    name = "镇综治中心2023年11月信访积案化解情况表.xlsx"
    cases_ = [
        ("XF2019-008", "宅基地审批", D(2019, 2, 25), True, D(2023, 3, 14), "已签", True),
        ("XF2020-026", "养殖场拆除补偿", D(2020, 8, 17), True, D(2023, 7, 5), "已签", True),
        ("XF2021-019", "工伤认定", D(2021, 5, 30), False, None, "未签", False),
        ("XF2022-015", "土地承包经营权", D(2022, 6, 21), True, D(2023, 11, 2), "未签", False),
        ("XF2022-027", "农民工工资", D(2022, 11, 11), False, None, "未签", False),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "11月"
    cols = ["序号", "案件编号", "信访人", "反映问题", "初访时间", "包案领导", "责任单位",
            ("化解情况", ["已化解（填化解日期）", "正在化解（填目前进展）"]), "是否签订息访息诉承诺书"]  # fmt: skip
    title(ws, "西天尾镇2023年11月信访积案化解情况表", 10)
    ws["A2"] = "填报单位：镇综治中心"
    two_row_header(ws, 3, cols)
    rows = []
    for i, c in enumerate(cases_, 1):
        prog = (
            None
            if c[3]
            else (
                "已召开听证会，待区人社局认定"
                if c[0].startswith("XF2021")
                else "已约谈企业负责人，分期支付中"
            )
        )
        rows.append([i, c[0], person("情况表")[0], c[1], c[2], "王某", "镇综治中心", c[4], prog, c[5]])
    put_rows(ws, rows, start=5)
    save(wb, name)
    case(
        "b8_p03_status_as_two_subcolumns",
        [name],
        "综治中心这张表没有“状态”列：合并表头“化解情况”下分两列，“已化解（填化解日期）”和“正在化解（填目前进展）”，每件只填其中一格。"
        "填了化解日期的3件已化解，填了进展的2件化解中。错误的静默读法是只把第一列当化解日期、找不到状态就全记为未化解或状态为空"
        "（积案化解0件），或把“正在化解”的进展文字当化解日期读坏。按哪一格有内容定状态入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"petitions": pexp("2023-11", cases_)},
            "quarantined": 0,
            "if_held": {"figures": {"petitions": {"rows": 0}}},
        },
    )


def p04():
    name = "镇综治中心2023年10月信访积案台账（定稿）.xlsx"
    cases_ = [
        ("XF2019-040", "征地补偿", D(2019, 11, 20), True, D(2023, 6, 12), "是", True),
        ("XF2020-012", "宅基地纠纷", D(2020, 5, 6), True, D(2023, 9, 3), "是", True),
        ("XF2021-030", "房屋质量", D(2021, 8, 9), False, None, "否", False),
        ("XF2022-021", "山林承包", D(2022, 7, 28), True, D(2023, 10, 19), "是", True),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    title(ws, "西天尾镇2023年10月信访积案化解台账", len(PH))
    ws["A2"] = "填报单位：镇综治中心"
    put_rows(ws, [PH], start=3)
    r = 4
    for i, c in enumerate(cases_, 1):
        row = [i, c[0], person("定稿")[0], c[1], c[2], "郑某", "镇综治中心", "包案化解",
               "已化解" if c[3] else "化解中", c[4], c[5]]  # fmt: skip
        put_rows(ws, [row], start=r)
        if c[0] == "XF2020-012":  # husband and wife petitioned together: one case on two rows
            ws.cell(row=r, column=3, value="陈某英")
            ws.cell(row=r + 1, column=3, value="林某福")
            for col in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11):
                ws.merge_cells(start_row=r, start_column=col, end_row=r + 1, end_column=col)
            r += 2
        else:
            r += 1
    save(wb, name)
    case(
        "b8_p04_one_case_two_petitioners_merged_rows",
        [name],
        "XF2020-012是一对夫妻共同信访的一件积案：信访人分两行写（陈某英、林某福），案件编号、反映问题、初访时间、状态、化解日期、承诺书"
        "都是跨这两行的合并单元格。积案是4件（已化解3件、签承诺书3件），不是5件。错误的静默读法是把合并格向下填充、每行当一件："
        "5件积案、化解4件、承诺书4份。按4件入库（第二个信访人那行不单独成件），或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"petitions": pexp("2023-10", cases_)},
            "quarantined": [0, 1],
            "if_held": {"figures": {"petitions": {"rows": 0}}, "quarantined": 0},
        },
    )


# ------------------------------------------------------------------ legal visits
LH = ["序号", "日期", "姓名", "身份", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"]
UNIT_OF = {
    "法官": "荔城区人民法院",
    "检察官": "荔城区人民检察院",
    "警官": "西天尾派出所",
    "律师": "福建某某律师事务所",
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
        (D(2023, 10, 12), "检察官", "普法宣传", "吴江村", 0, 6),
        (D(2023, 10, 16), "警官", "矛盾调解", "东星社区", 2, 2),
        (D(2023, 10, 19), "律师", "法律咨询", "后埔村", 0, 8),
        (D(2023, 10, 24), "法官", "巡回审判", "碗洋村", 1, 1),
        (D(2023, 10, 27), "律师", "法律咨询", "三山村", 1, 5),
    ]
    rows = lrows("汇总", visits)
    wb = wb_new()
    ws = wb.active
    ws.title = "汇总"
    fill_sheet(ws, "西天尾镇2023年10月“三官一律”下沉工作台账（汇总）", "填报单位：镇综治中心", LH, rows)
    for role in ("法官", "检察官", "警官", "律师"):
        sub = [r[:] for r in rows if r[3] == role]
        for i, r in enumerate(sub, 1):
            r[0] = i
        w = wb.create_sheet(role)
        fill_sheet(w, f"西天尾镇2023年10月“三官一律”下沉工作台账（{role}）", "填报单位：镇综治中心", LH, sub)
    save(wb, name)
    case(
        "b8_l01_summary_sheet_plus_one_sheet_per_role",
        [name],
        "综治中心的工作簿第一张“汇总”列出10月全部6次下沉，后面又按身份分了“法官”“检察官”“警官”“律师”四张表，四张表的行正是汇总表的行"
        "（同日期、同姓名、同村）。10月是6次走访、化解5件、咨询25人次。错误的静默读法是五张表都读：12次走访、化解10件、咨询50人次。"
        "只读汇总（或只读四张分表）入库，或待确认问汇总与分表的关系。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["汇总", "重复", "法官"]],
            "figures": {"legal_visits": lexp([("2023-10", visits)])},
            "quarantined": 0,
            "if_held": {"figures": {"legal_visits": {"rows": 0}}},
        },
    )


def l02():
    name = "西天尾镇2023年11月三官一律下沉工作台账.xlsx"
    visits = [
        (D(2023, 11, 3), "警官", "治安巡查", "溪白社区", 1, 2),
        (D(2023, 11, 8), "法官", "带案下访", "北大村", 2, 4),
        (D(2023, 11, 14), "律师", "法律咨询", "洞湖村", 0, 7),
        (D(2023, 11, 21), "检察官", "普法宣传", "下垞村", 0, 9),
        (D(2023, 11, 28), "律师", "法律咨询", "林山村", 1, 4),
    ]
    plan = [
        (D(2023, 12, 6), "法官", "带案下访", "象峰村"),
        (D(2023, 12, 13), "检察官", "普法宣传", "澄渚社区"),
        (D(2023, 12, 20), "律师", "法律咨询", "后卓村"),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "11月"
    hdr = fill_sheet(
        ws, "西天尾镇2023年11月“三官一律”下沉工作台账", "填报单位：镇综治中心", LH, lrows("十一月", visits)
    )
    r = hdr + len(visits) + 2
    ws.cell(row=r, column=1, value="下月工作计划")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(LH))
    prow = [[i, d, person("计划")[0], role, UNIT_OF[role], place, act, None, None]
            for i, (d, role, act, place) in enumerate(plan, 1)]  # fmt: skip
    put_rows(ws, prow, start=r + 1)
    save(wb, name)
    case(
        "b8_l02_next_month_plan_rows_under_the_ledger",
        [name],
        "综治中心11月台账5次走访（化解4件、咨询26人次）之后空一行，写“下月工作计划”，下面又按同样的列排了12月6日、13日、20日三次计划下沉，"
        "化解、咨询两格空着。计划不是走访记录：11月是5次。错误的静默读法是把计划3行也当走访入库（8次，其中3次在12月，12月还没到就有了走访数），"
        "或因为数字格空着按0次化解记进走访。计划行不入库（可进隔离区说明）。",
        {
            "outcome": ["loaded"],
            "figures": {"legal_visits": lexp([("2023-11", visits)])},
            "quarantined": [0, 3, 4],
        },
    )


def l03():
    name = "林山村2023年10月三官一律下沉情况.xlsx"
    header = ["序号", "姓名", "身份", "派出单位", "下沉次数", "下沉日期", "化解纠纷数", "法律咨询数"]
    rows = [
        [1, person("林山三官")[0], "法官", UNIT_OF["法官"], 3, "10.9、10.16、10.23", 2, 5],
        [2, person("林山三官")[0], "检察官", UNIT_OF["检察官"], 1, "10.12", 0, 4],
        [3, person("林山三官")[0], "警官", UNIT_OF["警官"], 4, "10.5、10.11、10.19、10.26", 3, 6],
        [4, person("林山三官")[0], "律师", UNIT_OF["律师"], 2, "10.13、10.27", 1, 9],
    ]
    simple_xlsx(name, "10月", "林山村2023年10月“三官一律”下沉情况", "填报单位：林山村", header, rows)
    case(
        "b8_l03_one_row_per_person_with_visit_count",
        [name],
        "林山村交的不是一行一次的走访台账，而是一人一行：“下沉次数”3、1、4、2，“下沉日期”一格里写好几天（“10.9、10.16、10.23”），"
        "化解、咨询数是这个人全月的合计。林山村10月是10次走访（化解6件、咨询24人次），但每次走访的化解、咨询分不出来。"
        "错误的静默读法是一行当一次走访（4次，少6次），或读不出日期就按零走访处理。要退回（请一行一次）或待确认。",
        {
            "outcome": [["held", "rejected"]],
            "reason_has": [["下沉次数", "次数", "日期", "一行"]],
            "figures": {"legal_visits": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {
                    "figures": {
                        "legal_visits": {
                            "rows": 4,
                            "by_period": {"2023-10": 4},
                            "counts": {"role": {"法官": 1, "检察官": 1, "警官": 1, "律师": 1}},
                            "sums": {"disputes_resolved": 6, "consultations": 24},
                        }
                    }
                }
            ],
        },
    )


def l04():
    name = "后黄社区2023年10月三官一律工作台账.xlsx"
    visits = [
        (D(2023, 10, 9), "警官", "矛盾调解", "后黄社区", 1, 3),
        (D(2023, 10, 16), "律师", "法律咨询", "后黄社区", 0, 6),
        (D(2023, 10, 23), "法官", "带案下访", "后黄社区", 1, 2),
        (D(2023, 10, 30), "检察官", "普法宣传", "后黄社区", 0, 5),
    ]
    rows = lrows("后黄三官", visits)
    for r, typed in zip(rows, ["2023.1O.09", "2O23.10.16", "2023.10.23", "2023.1O.3O"], strict=True):
        r[1] = typed
    simple_xlsx(
        name,
        "10月",
        "后黄社区2023年10月“三官一律”工作台账",
        "填报单位：后黄社区",
        LH,
        rows,
        ["填报人：蔡某生"],
    )
    case(
        "b8_l04_dates_typed_with_letter_o",
        [name],
        "后黄社区文书用手机全键盘输日期，数字0常按成字母O：“2023.1O.09”“2O23.10.16”“2023.1O.3O”（只有10月23日那格是对的），"
        "不是扫描件。人一看就是10月9日、16日、23日、30日。4次走访入库，化解2件、咨询16人次。错误的静默读法是读不出的日期留空照样入库"
        "（3次走访没有日期，按月统计时消失），或把“1O”去掉字母读成2023年1月。",
        {
            "outcome": ["loaded"],
            "figures": {"legal_visits": lexp([("2023-10", visits)])},
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ grid events
GH = ["事件编号", "所属网格", "事件类型", "上报时间", "处理时限", "办结时间", "状态", "事件描述", "上报人"]


def gexp(period, ev, extra=None):
    fig = {
        "rows": len(ev),
        "by_unit": {"东星社区": len(ev)},
        "by_period": {period: len(ev)},
        "counts": {
            "status": dict(Counter(e[-1] for e in ev)),
            "event_type": dict(Counter(e[2] for e in ev)),
            "grid_id": dict(Counter("G" + re.search(r"\d+", e[1]).group().zfill(2) for e in ev)),
        },
    }
    fig.update(extra or {})
    return fig


def ts(t):
    return "" if t is None else t.strftime("%Y-%m-%d %H:%M:%S")


def g01():
    name = "东星社区网格事件_202310_合并.csv"
    first = [
        ("DX20231003004", "第05网格", "服务群众", T(2023, 10, 3, 9, 15), T(2023, 10, 3, 16, 40), "已办结"),
        ("DX20231006012", "第12网格", "治安防控", T(2023, 10, 6, 20, 5), T(2023, 10, 7, 8, 30), "已办结"),
        ("DX20231010003", "第18网格", "生态环境", T(2023, 10, 10, 7, 50), None, "办理中"),
        ("DX20231014021", "第26网格", "公共安全", T(2023, 10, 14, 15, 35), T(2023, 10, 15, 10, 0), "已办结"),
    ]
    second = [
        ("DX20231017008", "第03网格", "维护稳定", T(2023, 10, 17, 10, 20), T(2023, 10, 18, 17, 0), "已办结"),
        ("DX20231021015", "第09网格", "服务群众", T(2023, 10, 21, 14, 10), None, "已分流"),
        ("DX20231025006", "第21网格", "服务群众", T(2023, 10, 25, 8, 45), T(2023, 10, 25, 18, 20), "已办结"),
        ("DX20231030011", "第30网格", "治安防控", T(2023, 10, 30, 22, 0), None, "受理"),
    ]

    def part(ev):
        rows = [[e[0], e[1], e[2], ts(e[3]), ts(e[3] + dt.timedelta(days=3)), ts(e[4]), e[5], "居民反映", person("合并")[0]]
                for e in ev]  # fmt: skip
        return ("\ufeff" + csv_text([GH] + rows)).encode("utf-8")

    tail = csv_text([["合计", "8条", "", "", "", "", "", "", ""]]).encode("utf-8")
    (FILES / name).write_bytes(part(first) + part(second) + tail)
    ev = first + second
    case(
        "b8_g01_two_exports_concatenated_bom_in_the_middle",
        [name],
        "东星社区信息员把平台导出的10月上半月、下半月两个CSV用“copy a.csv+b.csv”拼成一个：文件中间第6行又是一个UTF-8 BOM加表头，"
        "末尾还有“合计,8条”一行。10月是8件事件（已办结5件）。中间那行是第二段的表头，不是事件；合计行也不是事件。"
        "错误的静默读法是读到第二个表头就当表尾（只剩上半月4件），或把带BOM的表头当成一件事件。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": gexp("2023-10", ev, {"values": {"reported_at": [ts(e[3]) for e in ev]}})
            },
            "quarantined": [0, 1, 2],
        },
    )


def g02():
    name = "东星社区2023年10月网格事件台账.xlsx"
    ev = [
        ("DX20231002009", "第06网格", "服务群众", T(2023, 10, 2, 8, 30), T(2023, 10, 2, 17, 10), "已办结"),
        ("DX20231008014", "第11网格", "公共安全", T(2023, 10, 8, 19, 45), T(2023, 10, 9, 9, 20), "已办结"),
        ("DX20231015002", "第17网格", "生态环境", T(2023, 10, 15, 6, 55), None, "办理中"),
        ("DX20231022010", "第25网格", "维护稳定", T(2023, 10, 22, 11, 5), T(2023, 10, 24, 16, 0), "已办结"),
        ("DX20231029007", "第33网格", "治安防控", T(2023, 10, 29, 21, 30), None, "挂起"),
    ]

    def md(t):
        return "" if t is None else t.strftime("%m-%d %H:%M")

    rows = [[e[0], e[1], e[2], md(e[3]), md(e[3] + dt.timedelta(days=3)), md(e[4]), e[5], "网格员巡查发现", person("无年份")[0]]
            for e in ev]  # fmt: skip
    simple_xlsx(name, "10月", "东星社区2023年10月网格事件台账", "填报单位：东星社区", GH, rows)
    case(
        "b8_g02_times_without_year",
        [name],
        "东星社区照平台页面抄的时间只有“月-日 时:分”：“10-02 08:30”“10-08 19:45”，办结时间、处理时限也一样，都是文本。年份来自标题"
        "“2023年10月”。错误的静默读法是补上当前年份（读成今天所在的年份，事件跑出2023年）或1900年，或把“10-02”当成10点02分。"
        "按2023年入库，5件、已办结3件。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": gexp("2023-10", ev, {"values": {"reported_at": [ts(e[3]) for e in ev]}})
            },
            "quarantined": 0,
        },
    )


def g03():
    name = "东星社区网格事件导出_202311.xlsx"
    todo = [
        ("DX20231104003", "第08网格", "治安防控", T(2023, 11, 4, 9, 40), None, "办理中"),
        ("DX20231113016", "第19网格", "服务群众", T(2023, 11, 13, 15, 25), None, "已分流"),
        ("DX20231127004", "第29网格", "生态环境", T(2023, 11, 27, 10, 10), None, "受理"),
    ]
    done = [
        ("DX20231101007", "第02网格", "服务群众", T(2023, 11, 1, 8, 5), T(2023, 11, 1, 16, 30), "已办结"),
        ("DX20231107011", "第10网格", "公共安全", T(2023, 11, 7, 13, 50), T(2023, 11, 8, 9, 0), "已办结"),
        ("DX20231116002", "第22网格", "维护稳定", T(2023, 11, 16, 7, 30), T(2023, 11, 17, 18, 40), "已办结"),
        ("DX20231123009", "第31网格", "服务群众", T(2023, 11, 23, 19, 15), T(2023, 11, 24, 10, 5), "已办结"),
    ]

    def rows(ev):
        return [[e[0], e[1], e[2], e[3], e[3] + dt.timedelta(days=3), e[4], e[5], "居民反映", person("待办已办")[0]]
                for e in ev]  # fmt: skip

    wb = wb_new()
    ws = wb.active
    ws.title = "待办事件"
    fill_sheet(ws, None, "导出时间：2023-11-30 17:30", GH, rows(todo))
    ws2 = wb.create_sheet("已办事件")
    fill_sheet(ws2, None, "导出时间：2023-11-30 17:31", GH, rows(done))
    save(wb, name)
    ev = todo + done
    case(
        "b8_g03_open_and_closed_on_separate_sheets",
        [name],
        "平台分“待办”“已办”两个页签导出，信息员把两个导出放进一个工作簿：第一张“待办事件”3件（办理中、已分流、受理），第二张“已办事件”4件（已办结）。"
        "两张表事件编号不重复，合起来是11月的7件。错误的静默读法是只读第一张：11月3件、办结0件（办结率0%），"
        "或把第二张当成第一张的筛选副本丢掉。",
        {
            "outcome": ["loaded"],
            "figures": {"grid_events": gexp("2023-11", ev)},
            "quarantined": 0,
        },
    )


def g04():
    name = "东星社区事件列表_2023年10月.csv"
    ev = [
        ("DX20231004005", "第04网格", "服务群众", T(2023, 10, 4, 10, 0), T(2023, 10, 5, 11, 30), "已归档"),
        ("DX20231009018", "第13网格", "治安防控", T(2023, 10, 9, 16, 45), T(2023, 10, 10, 9, 10), "已评价"),
        ("DX20231013006", "第20网格", "生态环境", T(2023, 10, 13, 8, 20), T(2023, 10, 14, 15, 0), "已归档"),
        ("DX20231019013", "第27网格", "公共安全", T(2023, 10, 19, 14, 30), T(2023, 10, 20, 10, 45), "待评价"),
        ("DX20231024001", "第15网格", "服务群众", T(2023, 10, 24, 9, 5), None, "办理中"),
        ("DX20231028010", "第32网格", "维护稳定", T(2023, 10, 28, 20, 15), None, "受理"),
    ]
    rows = [[e[0], e[1], e[2], ts(e[3]), ts(e[3] + dt.timedelta(days=3)), ts(e[4]), e[5], "居民反映", person("归档")[0]]
            for e in ev]  # fmt: skip
    (FILES / name).write_bytes(csv_text([GH] + rows).encode("gbk"))
    canon = {"已归档": "已办结", "已评价": "已办结", "待评价": "已办结", "办理中": "办理中", "受理": "受理"}
    exp = gexp("2023-10", [e[:-1] + (canon[e[-1]],) for e in ev])
    case(
        "b8_g04_closed_events_shown_as_archived_or_rated",
        [name],
        "平台的“事件列表”不写“已办结”，而写办结之后的流转环节：“待评价”（已办结、等群众评价）、“已评价”、“已归档”。这4件都有办结时间，"
        "都是已办结；另有办理中1件、受理1件。GBK编码CSV。错误的静默读法是只认“已办结”三个字：4件都算未办结（办结率0%），"
        "或把这些词归为“其他”状态。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["已归档", "已评价", "待评价", "状态"]],
            "figures": {"grid_events": exp},
            "quarantined": 0,
            "if_held": {"figures": {"grid_events": {"rows": 0}}},
        },
    )


# ------------------------------------------------------------------ party activities
AH = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"]


def aexp(unit, org, parts):
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
    name = "吴江村党支部2023年10月三会一课台账.xlsx"
    own = [
        ("支委会", D(2023, 10, 7), 5, 5),
        ("党员大会", D(2023, 10, 14), 41, 36),
        ("党课", D(2023, 10, 28), 41, 35),
    ]
    rows = arows("吴江村党支部", "吴江", own)
    foreign = [3, "北大村党支部", "主题党日", D(2023, 10, 20), "北大村党群服务中心", "北大村党支部10月主题党日：重温入党誓词", 29, 26,
               person("北大")[0]]  # fmt: skip
    rows.insert(2, foreign)
    for i, r in enumerate(rows, 1):
        r[0] = i
    simple_xlsx(name, "10月", "吴江村党支部2023年10月“三会一课”台账", "填报单位：吴江村党支部", AH, rows)
    case(
        "b8_a01_row_of_another_villages_branch",
        [name],
        "吴江村党支部的10月台账第3行“党组织”写的是“北大村党支部”，地点北大村党群服务中心、主题“北大村党支部10月主题党日”，应到29、实到26——"
        "是文书从邻村发来的表里复制过来忘删的一行。吴江村党支部交的表不能替北大村报活动，也不能把北大村的活动算成吴江的。"
        "待确认（说出第3行是别的党组织）最稳；若入库，吴江的3次活动入库（应到87、实到76），北大那行进隔离区。"
        "错误的静默读法：4次全算吴江（吴江多一次主题党日），或把那一行记到北大村党支部名下（北大村多出一次没有自己报过的活动）。",
        {
            "outcome": [["held", "loaded"]],
            "reason_has": [["北大", "党组织"]],
            "figures": {"party_activities": {"rows": 0}},
            "quarantined": 0,
            "if_loaded": {
                "figures": {"party_activities": aexp("吴江村", "P08", [("2023-10", own)])},
                "quarantined": 1,
            },
        },
    )


def a02():
    name = "后埔村党支部2023年10月三会一课台账.xlsx"
    held_ = [
        ("支委会", D(2023, 10, 8), 5, 5),
        ("主题党日", D(2023, 10, 15), 32, 28),
        ("党员大会", D(2023, 10, 22), 32, 27),
    ]
    header = AH + ["备注"]
    rows = [r + [None] for r in arows("后埔村党支部", "后埔", held_)]
    rows.append([4, "后埔村党支部", "党课", D(2023, 10, 29), "村部会议室", "学习贯彻党的二十大精神", 32, "无", None,
                 "受台风影响推迟至11月"])  # fmt: skip
    simple_xlsx(name, "10月", "后埔村党支部2023年10月“三会一课”台账", "填报单位：后埔村党支部", header, rows)
    case(
        "b8_a02_cancelled_lesson_with_attended_none",
        [name],
        "后埔村党支部10月第4行党课的“实到人数”填“无”，备注“受台风影响推迟至11月”：这次党课没开。10月开了3次（应到69、实到60）。"
        "错误的静默读法是把“无”当0：多算一次党课，参学率从86.96%掉到59.41%（应到101、实到60）。那一行不算活动（进隔离区说明），"
        "或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"party_activities": aexp("后埔村", "P14", [("2023-10", held_)])},
            "quarantined": 1,
            "quarantine_reason_has": [["无", "实到", "推迟", "人数"]],
            "if_held": {"figures": {"party_activities": {"rows": 0}}, "quarantined": 0},
        },
    )


def a03():
    name = "下垞村党支部2023年10月三会一课台账.xlsx"
    acts = [
        ("支委会", D(2023, 10, 9), 5, 5),
        ("主题党日", D(2023, 10, 16), 31, 28),
        ("党课", D(2023, 10, 23), 31, 29),
        ("党员大会", D(2023, 10, 30), 31, 26),
    ]
    header = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "参会情况（实到/应到）", "主持人"]
    rows = [r[:6] + [f"{r[7]}/{r[6]}", r[8]] for r in arows("下垞村党支部", "下垞", acts)]
    simple_xlsx(name, "10月", "下垞村党支部2023年10月“三会一课”台账", "填报单位：下垞村党支部", header, rows)
    case(
        "b8_a03_attended_over_expected_in_one_cell",
        [name],
        "下垞村党支部把人数写在一格里，表头“参会情况（实到/应到）”，格里是“28/31”“5/5”：斜杠前是实到，后是应到。4次活动应到98、实到88。"
        "错误的静默读法是按常见的“应到/实到”顺序拆（应到88、实到98，实到比应到多，参学率111.36%）。",
        {
            "outcome": ["loaded"],
            "figures": {"party_activities": aexp("下垞村", "P16", [("2023-10", acts)])},
            "quarantined": 0,
        },
    )


def a04():
    name = "东星社区党委2023年11月三会一课台账.xlsx"
    acts = [
        ("支委会", D(2023, 11, 6), 7, 7, 0),
        ("党员大会", D(2023, 11, 13), 86, 79, 6),
        ("主题党日", D(2023, 11, 20), 86, 74, 12),
        ("党课", D(2023, 11, 27), 86, 77, 3),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "11月"
    cols = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "应到人数", ("实到人数", ["党员", "列席（入党积极分子、群众）"]), "主持人"]  # fmt: skip
    title(ws, "东星社区党委2023年11月“三会一课”台账", 10)
    ws["A2"] = "填报单位：东星社区党委"
    two_row_header(ws, 3, cols)
    rows = [[i, "东星社区党委", typ, d, "社区党群服务中心", "学习贯彻党的二十大精神", e, a, extra, person("东星党委")[0]]
            for i, (typ, d, e, a, extra) in enumerate(acts, 1)]  # fmt: skip
    put_rows(ws, rows, start=5)
    save(wb, name)
    case(
        "b8_a04_attended_split_into_members_and_observers",
        [name],
        "东星社区党委的“实到人数”是合并表头，下分“党员”和“列席（入党积极分子、群众）”两列。参学率只算党员：应到265、实到237。"
        "错误的静默读法是把两列相加当实到（258）、或把最后一列“列席”当实到（21，参学率7.92%）。按“党员”列入库，或待确认问哪一列是实到。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["实到", "列席", "党员"]],
            "figures": {"party_activities": aexp("东星社区", "P01", [("2023-11", [a[:4] for a in acts])])},
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
        d01, d02, d03, d04, d05, d06, d07, d08, d09,
        k01, k02, k03, k04,
        p01, p02, p03, p04,
        l01, l02, l03, l04,
        g01, g02, g03, g04,
        a01, a02, a03, a04,
    ]:  # fmt: skip
        fn()
    head = (
        "# Habit batch 8 — what a careful analyst wants in the warehouse after the case's files are ingested in order.\n"
        "# Written by hand from the rows make_files.py writes (never from running the program); generated by make_files.py.\n"
        "# Format: see batch1's header (files, outcome, figures rows/by_unit/by_period/counts/sums/values, quarantined,\n"
        "# quarantine_reason_has, reason_has, meta, if_held/if_loaded, readings).\n"
        "# Sums use the mart column names (total_investment, annual_plan, completed_investment, disputes_resolved,\n"
        "# consultations, expected, attended), as batches 3-7 do. Each trap's story says what the wrong silent reading is.\n\n"
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
