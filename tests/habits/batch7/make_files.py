"""Habit batch 7: write files/ and cases.yaml.

    /work/main/.venv/bin/python make_files.py

Every expectation below was worked out by hand from the rows written next to it (never by running the program).
The canonical words (resolved/open/not_resolved, 村/社区 …) come from SPEC.md's lists and from the analyst's
reading of each clerk's words, written out in the small tables STATUS/LEVEL/TYPE below.
All personal data is fake (names like 陈某华, made-up 139 mobiles, no ID numbers).
Deterministic: fixed docProps, fixed zip member times in every xlsx written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import struct
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import openpyxl
import xlsxwriter
import yaml
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
FIXED = dt.datetime(2023, 11, 1, 9, 0, 0)
ZIP_TIME = (2023, 11, 1, 9, 0, 0)
D = dt.date
T = dt.datetime
CASES: list[dict] = []
WEEK = "一二三四五六日"


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


def simple_xlsx(name, sheet, title_text, sub, header, rows, footer=(), save_it=True, wb=None, modified=None):
    wb = wb or wb_new()
    ws = wb.active
    ws.title = sheet
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
    if save_it:
        save(wb, name, modified or "2023-11-01T09:00:00Z")
    return wb, ws, hdr


def xw_book(name):
    wb = xlsxwriter.Workbook(str(FILES / name))
    wb.set_properties({"author": "Administrator", "created": FIXED})
    return wb


def csv_text(rows, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def png(width, height, stripe):
    """A small grey PNG (a 'screenshot' or 'photo'): horizontal lines every `stripe` pixels."""
    raw = b"".join(
        b"\x00" + bytes((90 if y % stripe == 0 or x % 40 == 0 else 235) for x in range(width))
        for y in range(height)
    )

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


FW = str.maketrans("0123456789-./", "０１２３４５６７８９－．／")


def fw(s):
    return s.translate(FW)


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
    """parts: [(period, recs), …] → the disputes figures of those records."""
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
    name = "渭阳社区2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 2), "邻里纠纷", "村级", "已化解", D(2023, 10, 3)),
        (D(2023, 10, 9), "婚姻家庭", "村级", "已化解", D(2023, 10, 11)),
        (D(2023, 10, 15), "征地拆迁", "镇级", "化解中", None),
        (D(2023, 10, 22), "劳资纠纷", "片区调解室", "已化解", D(2023, 10, 26)),
        (D(2023, 10, 28), "邻里纠纷", "村级", "未化解", None),
    ]
    wb, ws, hdr = simple_xlsx(
        name, "10月", "渭阳社区2023年10月矛盾纠纷排查化解台账", "填报单位：渭阳社区（盖章）",
        DH, drows("渭阳", recs), save_it=False,
    )  # fmt: skip
    ws.freeze_panes = "C4"
    ws.protection.sheet = True
    ws.protection.password = "123456"
    ws.protection.formatCells = False
    save(wb, name)
    case(
        "b7_d01_protected_sheet_frozen_panes",
        [name],
        "渭阳社区的台账是镇里下发的“保护工作表”模板（密码123456，只能在格子里填，不能改表头），还冻结了前两列和表头。"
        "工作表保护只限制编辑，不加密内容，读起来与普通表一样，按渭阳社区10月5件入库。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("渭阳社区", [("2023-10", recs)])},
            "quarantined": 0,
            "meta": {name: {"unit": "渭阳社区", "period": "2023-10", "ledger": "disputes"}},
        },
    )


def d02():
    name = "碗洋村2023年10月矛盾纠纷排查化解台账.xlsx"
    wb = xw_book(name)
    ws = wb.add_worksheet("Sheet1")
    ws.write(0, 0, "碗洋村2023年10月矛盾纠纷排查化解台账（见下图）")
    ws.insert_image(2, 0, "截图.png", {"image_data": io.BytesIO(png(480, 200, 20)), "object_position": 1})
    ws.write(14, 0, "填报人：王某英")
    wb.close()
    fix_zip(FILES / name)
    case(
        "b7_d02_screenshot_pasted_instead_of_table",
        [name],
        "碗洋村文书在手机上截了台账的图，粘贴进一个新工作簿发上来：只有一行标题“…台账（见下图）”、一张图片和“填报人”，没有一个数据格。"
        "图片里的表读不出来，这不是“本月无纠纷”；错误的静默读法是把它当零报告（碗洋村10月记为“零报告”，催报名单里不再催）。"
        "要退回或待确认，说明表里只有图片、没有数据。",
        {
            "outcome": [["held", "rejected"]],
            "reason_has": [
                ["图片", "截图", "没有数据", "无数据", "没有表头", "未找到", "找不到", "无法识别", "空"]
            ],
            "figures": {"disputes": {"rows": 0}},
            "quarantined": 0,
        },
    )


def d03():
    first = "后卓村2023年10月矛盾纠纷排查化解台账.xlsx"
    second = "后卓村10月纠纷台账（发镇综治办）.xlsx"
    recs = [
        (D(2023, 10, 4), "邻里纠纷", "村级", "已化解", D(2023, 10, 5)),
        (D(2023, 10, 11), "土地承包", "村级", "已化解", D(2023, 10, 16)),
        (D(2023, 10, 17), "婚姻家庭", "片区调解室", "化解中", None),
        (D(2023, 10, 24), "山林权属", "镇级", "已化解", D(2023, 10, 30)),
        (D(2023, 10, 29), "邻里纠纷", "村级", "未化解", None),
    ]
    rows = drows("后卓", recs)
    for fname, who, mod in (
        (first, "Administrator", "2023-10-31T17:20:00Z"),
        (second, "lenovo", "2023-11-02T08:45:00Z"),
    ):
        simple_xlsx(
            fname, "10月", "后卓村2023年10月矛盾纠纷排查化解台账", "填报单位：后卓村", DH, rows,
            wb=wb_new(who=who), modified=mod,
        )  # fmt: skip
    case(
        "b7_d03_same_ledger_sent_twice_under_two_names",
        [first, second],
        "后卓村文书10月31日在综治群发了台账，11月2日又用另一台电脑从微信“文件传输助手”里另存、改了个名字再发一次"
        "（“后卓村10月纠纷台账（发镇综治办）.xlsx”）。两份内容一字不差，只是文件名和保存时间不同，所以字节不同。"
        "后卓村10月只有5件；错误的静默读法是两份都当新文件入库（10件，化解率不变但受理数翻倍）。"
        "第二份可以替换第一份，也可以作为重复报送退回或待确认。",
        {
            "outcome": ["loaded", ["loaded", "held", "rejected"]],
            "figures": {"disputes": dexp("后卓村", [("2023-10", recs)])},
            "quarantined": 0,
            "if_held": {"figures": {"disputes": dexp("后卓村", [("2023-10", recs)])}},
        },
    )


def d04():
    oct_name = "三山村2023年10月矛盾纠纷排查化解台账.xlsx"
    nov_name = "三山村2023年11月矛盾纠纷排查化解台账.xlsx"
    oct_recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 4)),
        (D(2023, 10, 10), "婚姻家庭", "村级", "已化解", D(2023, 10, 13)),
        (D(2023, 10, 18), "土地承包", "片区调解室", "化解中", None),
        (D(2023, 10, 23), "合同纠纷", "村级", "已化解", D(2023, 10, 25)),
        (D(2023, 10, 30), "邻里纠纷", "镇级", "未化解", None),
    ]
    nov_recs = [
        (D(2023, 11, 2), "邻里纠纷", "村级", "已化解", D(2023, 11, 6)),
        (D(2023, 11, 8), "山林权属", "镇级", "化解中", None),
        (D(2023, 11, 14), "婚姻家庭", "村级", "已化解", D(2023, 11, 20)),
        (D(2023, 11, 21), "征地拆迁", "片区调解室", "已化解", D(2023, 11, 28)),
        (D(2023, 11, 27), "邻里纠纷", "村级", "化解中", None),
    ]
    simple_xlsx(
        oct_name,
        "10月",
        "三山村2023年10月矛盾纠纷排查化解台账",
        "填报单位：三山村",
        DH,
        drows("三山", oct_recs),
    )
    order = [0, 2, 3, 9, 1, 8, 4, 7, 6, 5, 10]
    rows = [[r[k] for k in order] for r in drows("三山", nov_recs)]
    simple_xlsx(
        nov_name, "11月", "三山村2023年11月矛盾纠纷排查化解台账", "填报单位：三山村",
        [DH[k] for k in order], rows,
    )  # fmt: skip
    case(
        "b7_d04_columns_reordered_between_months",
        [oct_name, nov_name],
        "三山村11月换了文书，把列顺序调成自己习惯的：当事人、联系电话之后先写“化解日期”再写“受理日期”，“化解情况”挪到“纠纷类型”前面，"
        "“简要案情”放到最后。表头文字一个没改。按表头读，两个月各5件照常入库；错误的静默读法是沿用10月的列位置，"
        "把化解日期当受理日期（11月6日、11月20日、11月28日受理）、开放案件没有受理日期，化解情况和纠纷类型对调。",
        {
            "outcome": ["loaded", "loaded"],
            "figures": {"disputes": dexp("三山村", [("2023-10", oct_recs), ("2023-11", nov_recs)])},
            "quarantined": 0,
        },
    )


def d05():
    name = "龙山村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 5)),
        (D(2023, 10, 9), "土地承包", "村级", "已化解", D(2023, 10, 12)),
        (D(2023, 10, 16), "婚姻家庭", "片区调解室", "化解中", None),
        (D(2023, 10, 23), "邻里纠纷", "村级", "已化解", D(2023, 10, 27)),
        (D(2023, 10, 30), "山林权属", "镇级", "未化解", None),
    ]
    recv_txt = [fw("2023-10-03"), fw("2023") + "年" + fw("10") + "月" + fw("9") + "日", fw("2023.10.16"),
                "2023/10/2３", fw("2023/10/30")]  # fmt: skip
    res_txt = [fw("2023/10/5"), "2023年１０月12日", None, fw("2023.10.27"), None]
    rows = drows("龙山", recs)
    for r, a, b in zip(rows, recv_txt, res_txt, strict=True):
        r[0] = fw(str(r[0]))
        r[1], r[9] = a, b
    rows[0][8] = "已化解\u3000"
    rows[3][8] = "\u3000已化解"
    simple_xlsx(name, "10月", "龙山村2023年10月矛盾纠纷排查化解台账", "填报单位：龙山村", DH, rows)
    case(
        "b7_d05_fullwidth_digits_in_text_dates",
        [name],
        "龙山村文书开着中文输入法的全角模式打日期：“２０２３－１０－０３”“２０２３年１０月９日”“２０２３．１０．１６”，"
        "还有半角全角混着的“2023/10/2３”“2023年１０月12日”；序号也是全角“１”“２”，化解情况前后带全角空格“已化解　”。"
        "全角数字就是数字，日期都读得出来，5件照常入库（不能因为全角把日期当成读不出、也不能只取半角部分把“2023/10/2３”读成10月2日）。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("龙山村", [("2023-10", recs)])},
            "quarantined": 0,
        },
    )


def d06():
    name = "洞湖村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 5), "邻里纠纷", "村级", "已化解", D(2023, 10, 6)),
        (D(2023, 10, 12), "婚姻家庭", "村级", "已化解", D(2023, 10, 16)),
        ("农历九月初三", "山林权属", "片区调解室", "化解中", None),
        (D(2023, 10, 25), "土地承包", "村级", "已化解", D(2023, 10, 27)),
        (D(2023, 10, 30), "邻里纠纷", "村级", "化解中", None),
    ]
    rows = drows("洞湖", recs)
    rows[2][10] = "双方约定重阳节后到现场勘界"
    simple_xlsx(name, "10月", "洞湖村2023年10月矛盾纠纷排查化解台账", "填报单位：洞湖村", DH, rows)
    kept = [r for r in recs if isinstance(r[0], dt.date)]
    case(
        "b7_d06_lunar_calendar_date",
        [name],
        "洞湖村老调解员按村里习惯记了一件山林纠纷的受理日期：“农历九月初三”（公历是2023年10月17日，但按农历记的日子常差一天）。"
        "这个日期不能猜；错误的静默读法是把“九月初三”读成9月3日，把一件10月受理的纠纷挪进9月。"
        "该行隔离并说明是农历日期，其余4件照常入库。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("洞湖村", [("2023-10", kept)])},
            "quarantined": 1,
            "quarantine_reason_has": [["农历", "日期"]],
        },
    )


def d07():
    name = "吴江村2023年10月矛盾纠纷排查化解台账.xlsx"
    header = DH[:9] + [None, "备注"]
    recs = [
        (D(2023, 10, 6), "邻里纠纷", "村级", "已化解", D(2023, 10, 7)),
        (D(2023, 10, 13), "婚姻家庭", "村级", "已化解", D(2023, 10, 19)),
        (D(2023, 10, 19), "征地拆迁", "镇级", "化解中", None),
        (D(2023, 10, 26), "邻里纠纷", "片区调解室", "已化解", D(2023, 10, 31)),
    ]
    wb, ws, hdr = simple_xlsx(
        name, "10月", "吴江村2023年10月矛盾纠纷排查化解台账", "填报单位：吴江村", header, drows("吴江", recs), save_it=False,
    )  # fmt: skip
    ws.merge_cells(start_row=hdr, start_column=9, end_row=hdr, end_column=10)
    ws.cell(row=hdr, column=9).alignment = Alignment(horizontal="center")
    save(wb, name)
    case(
        "b7_d07_status_header_merged_over_date_column",
        [name],
        "吴江村的表头少了“化解日期”：文书把“化解情况”合并居中跨了两列，左格写已化解/化解中，右格写化解日期（10月7日、19日、31日）。"
        "右列没有自己的表头，但内容全是日期、只出现在已化解的行，就是化解日期。错误的静默读法是丢掉无表头的列：3件已化解都没有化解日期，"
        "截至任何日期都算不上“已化解”（化解数0）。按化解日期读入库，或待确认问这一列。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["化解情况", "合并", "化解日期", "表头", "日期"]],
            "figures": {"disputes": dexp("吴江村", [("2023-10", recs)])},
            "quarantined": 0,
            "if_held": {"figures": {"disputes": {"rows": 0}}},
        },
    )


def d08():
    _, phone = person("林峰文书")
    name = f"林峰社区10月纠纷台账-陈某华{phone}.xlsx"
    recs = [
        (D(2023, 10, 8), "邻里纠纷", "村级", "已化解", D(2023, 10, 9)),
        (D(2023, 10, 15), "合同纠纷", "片区调解室", "已化解", D(2023, 10, 20)),
        (D(2023, 10, 27), "婚姻家庭", "村级", "化解中", None),
    ]
    simple_xlsx(name, "Sheet1", "林峰社区2023年10月矛盾纠纷排查化解台账", None, DH, drows("林峰", recs))
    case(
        "b7_d08_clerk_name_and_mobile_in_file_name",
        [name],
        f"林峰社区文书按微信群要求把文件命名成“单位+月份+姓名+手机号”：“林峰社区10月纠纷台账-陈某华{phone}.xlsx”。"
        "文件名里的人名和11位手机号不是单位、月份，也不能原样进仓库（文件名要替换掉号码）；单位、月份以标题为准，按林峰社区10月3件入库。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("林峰社区", [("2023-10", recs)])},
            "quarantined": 0,
            "meta": {name: {"unit": "林峰社区", "period": "2023-10", "ledger": "disputes"}},
        },
    )


def d09():
    name = "后埔村2023年11月矛盾纠纷排查化解台账.xlsx"
    header = ["序号", "受理日期", "当事人", "联系电话", "纠纷类型", "纠纷情况及化解经过", "化解责任人", "化解层级", "调处结果", "化解日期", "备注"]  # fmt: skip
    recs = [
        (D(2023, 11, 3), "邻里纠纷", "村级", "已化解", D(2023, 11, 4)),
        (D(2023, 11, 9), "土地承包", "片区调解室", "化解中", None),
        (D(2023, 11, 16), "婚姻家庭", "村级", "已化解", D(2023, 11, 18)),
        (D(2023, 11, 24), "山林权属", "镇级", "未化解", None),
    ]
    rows = drows("后埔", recs)
    _, ph = person("后埔当事人")
    para = (
        f"2023年9月12日，后埔村第三村民小组村民陈某华（电话{ph}）反映与邻组林某英承包地界址不清，村调委会组织双方现场指界，"
        "经调解双方签字，当时已化解。10月下旬林某英以测量有误为由反悔，11月9日再次到村委会反映，要求重新丈量，"
        "村调委会已联系镇自然资源所测量队，拟于11月下旬现场复测，复测前双方同意暂停耕作争议地块。"
    )
    long_text = "\n".join(f"（{i}）" + para for i in range(1, 19))
    rows[1][5] = long_text
    rows[0][5] = "宅前排水沟堵塞，两户争吵。经村调委会调解，已化解，双方握手言和。"
    rows[2][5] = "儿媳与婆婆因带孩子发生争吵。\n经调解已化解。\n回访良好。"
    rows[3][5] = "祖坟山界址争议，经调解未达成一致，双方均表示如调解不成将起诉，待镇里协调。"
    wb, ws, hdr = simple_xlsx(name, "11月", "后埔村2023年11月矛盾纠纷排查化解台账", "填报单位：后埔村", header, rows, save_it=False)  # fmt: skip
    for r in range(hdr + 1, hdr + 5):
        ws.cell(row=r, column=6).alignment = Alignment(wrap_text=True, vertical="top")
    save(wb, name)
    case(
        "b7_d09_very_long_text_and_status_words_in_it",
        [name],
        f"后埔村把调解经过整段写进“纠纷情况及化解经过”：第2件的格子有{len(long_text)}个字、18段，每段都写着“当时已化解”“反悔”，还带当事人手机号；"
        "真正的状态在“调处结果”列（已化解2件、化解中1件、未化解1件）。错误的静默读法是因表头带“化解”二字把这列长文本当成化解情况，"
        "从文字里认出“已化解”（4件全算已化解或化解中的第2件算已化解）。按“调处结果”入库，长文本存为案情（去掉手机号）。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("后埔村", [("2023-11", recs)])},
            "quarantined": 0,
        },
    )


def d10():
    name = "下垞村2023年10月矛盾纠纷排查化解台账.xlsx"
    oct_recs = [
        (D(2023, 10, 7), "邻里纠纷", "村级", "已化解", D(2023, 10, 8)),
        (D(2023, 10, 14), "婚姻家庭", "村级", "已化解", D(2023, 10, 17)),
        (D(2023, 10, 21), "土地承包", "片区调解室", "化解中", None),
        (D(2023, 10, 28), "劳资纠纷", "镇级", "已化解", D(2023, 10, 31)),
    ]
    sep_recs = [(D(2023, 9, 26), "邻里纠纷", "村级", "已化解", D(2023, 9, 28), "9月漏报，本月补报")]
    wb, ws, _ = simple_xlsx(
        name, "10月", "下垞村2023年10月矛盾纠纷排查化解台账", "填报单位：下垞村", DH, drows("下垞", oct_recs), save_it=False,
    )  # fmt: skip
    ws2 = wb.create_sheet("9月补报")
    title(ws2, "下垞村2023年9月矛盾纠纷排查化解台账（补报）", len(DH))
    ws2.cell(row=2, column=1, value="填报单位：下垞村      补报原因：9月台账漏登")
    put_rows(ws2, [DH] + drows("下垞补", sep_recs), start=3)
    save(wb, name)
    case(
        "b7_d10_late_case_on_its_own_bubao_sheet",
        [name],
        "下垞村10月台账里加了第二张工作表“9月补报”（标题“…2023年9月…（补报）”）：9月26日受理、9月28日化解的一件，9月漏报了。"
        "这一件属于9月的台账，是对9月的补报（加在9月上，不替换9月）；10月工作表4件。错误的静默读法是只读第一张表（漏掉补报的一件），"
        "或把补报的一件当成10月受理。按各自月份入库，或待确认问补报。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["补报", "9月", "2023-09"]],
            "figures": {"disputes": dexp("下垞村", [("2023-10", oct_recs), ("2023-09", sep_recs)])},
            "quarantined": 0,
            "if_held": {"figures": {"disputes": {"rows": 0}}},
        },
    )


def d11():
    name = "澄渚社区2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 4)),
        (D(2023, 10, 10), "邻里纠纷", "村级", "已化解", D(2023, 10, 12)),
        (D(2023, 10, 17), "婚姻家庭", "片区调解室", "化解中", None),
        (D(2023, 10, 24), "征地拆迁", "镇级", "已化解", D(2023, 10, 30)),
        (D(2023, 10, 29), "合同纠纷", "村级", "未化解", None),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "统计"
    title(ws, "澄渚社区2023年10月矛盾纠纷排查化解情况统计", 4)
    ws.cell(row=2, column=1, value="填报单位：澄渚社区")
    stat = [["纠纷类型", "受理件数", "化解件数", "化解率"], ["邻里纠纷", 2, 2, "100%"], ["婚姻家庭", 1, 0, "0%"],
            ["征地拆迁", 1, 1, "100%"], ["其他", 1, 0, "0%"], ["合计", 5, 3, "60%"]]  # fmt: skip
    put_rows(ws, stat, start=3)
    ws2 = wb.create_sheet("明细")
    title(ws2, "澄渚社区2023年10月矛盾纠纷排查化解台账（明细）", len(DH))
    ws2.cell(row=2, column=1, value="填报单位：澄渚社区")
    put_rows(ws2, [DH] + drows("澄渚", recs), start=3)
    ws2.sheet_state = "hidden"
    save(wb, name)
    case(
        "b7_d11_visible_statistics_hidden_detail_sheet",
        [name],
        "澄渚社区只想给领导看统计：第一张“统计”表是按纠纷类型的件数（合计受理5件、化解3件），明细台账“明细”表被隐藏了。"
        "记录在隐藏的明细表里，5件按明细入库（统计表不是记录，它的数与明细一致）。错误的静默读法是跳过隐藏表、"
        "把统计表的5行（含“合计”）当纠纷或当作零报告。也可待确认，说出明细表是隐藏的。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["隐藏", "明细", "统计"]],
            "figures": {"disputes": dexp("澄渚社区", [("2023-10", recs)])},
            "quarantined": 0,
            "if_held": {"figures": {"disputes": {"rows": 0}}},
        },
    )


def d12():
    name = "北大村2023年11月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 11, 2), "邻里纠纷", "村级", "已化解", D(2023, 11, 3)),
        (D(2023, 11, 8), "婚姻家庭", "村级", "已化解", D(2023, 11, 14)),
        (D(2023, 11, 15), "土地承包", "片区调解室", "化解中", None),
        (D(2023, 11, 21), "邻里纠纷", "村级", "已化解", D(2023, 11, 24)),
        (D(2023, 11, 28), "劳资纠纷", "镇级", "未化解", None),
    ]
    forms = [
        lambda d: f"{d.year}年{d.month}月{d.day}日 星期{WEEK[d.weekday()]}",
        lambda d: f"{d.year}/{d.month}/{d.day}(周{WEEK[d.weekday()]})",
        lambda d: f"{d.month}月{d.day}日周{WEEK[d.weekday()]}",
        lambda d: f"{d.year}-{d.month:02d}-{d.day:02d} 星期{WEEK[d.weekday()]}",
        lambda d: f"{d.year}.{d.month}.{d.day}礼拜{WEEK[d.weekday()]}",
    ]
    rows = drows("北大", recs)
    for i, r in enumerate(rows):
        r[1] = forms[i](r[1])
        r[9] = forms[(i + 2) % 5](r[9]) if r[9] else None
    simple_xlsx(name, "11月", "北大村2023年11月矛盾纠纷排查化解台账", "填报单位：北大村", DH, rows)
    case(
        "b7_d12_dates_with_weekday_appended",
        [name],
        "北大村文书从WPS的“长日期”格式复制粘贴成文本，日期后面都带着星期：“2023年11月2日 星期四”“2023/11/8(周三)”“11月15日周三”"
        "“2023-11-21 星期二”，还有莆田口头的“2023.11.28礼拜二”。星期与日期都对得上，去掉星期就是日期；5件照常入库。"
        "不能把“星期四”的“四”、“礼拜二”的“二”拼进日期，也不能因此把整格当读不出。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("北大村", [("2023-11", recs)])},
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ key projects
def kh(cum):
    return ["序号", "项目名称", "所属", "项目阶段", "建设内容", "总投资（万元）", "2023年计划投资（万元）", f"{cum}累计完成投资（万元）",
            "形象进度", "存在问题", "挂钩领导", "责任单位"]  # fmt: skip


def krows(zone, projects, unit):
    return [[i, p, zone, st, "见项目清单", tot, plan, done, "按计划推进", "无", "陈某", unit]
            for i, (p, st, tot, plan, done) in enumerate(projects, 1)]  # fmt: skip


def kexp(zone, period, projects, town=True):
    fig = {
        "rows": len(projects),
        "by_period": {period: len(projects)},
        "counts": {"stage": dict(Counter(STAGE[p[1]] for p in projects)), "zone": {zone: len(projects)}},
        "sums": {
            "total_investment": sum(p[2] for p in projects if p[2] is not None),
            "annual_plan": sum(p[3] for p in projects),
            "completed_investment": sum(p[4] for p in projects),
        },
    }
    if town:
        fig["by_unit"] = {None: len(projects)}
    return fig


STAGE = {"在建": "在建", "续建": "在建", "新开工": "在建", "预备": "预备", "前期": "前期"}


def k01():
    name = "镇项目办2023年10月重点项目推进台账.xlsx"
    projects = [
        ("镇区污水管网改造（一期）", "在建", 20000, 3000, 2500),
        ("镇区污水管网改造（二期）", "预备", None, 1000, 0),
        ("西天尾中心小学扩建", "在建", 8000, 2000, 1500),
        ("后黄社区农贸市场", "前期", 5000, 300, 20),
    ]
    wb, ws, hdr = simple_xlsx(
        name, "10月", "西天尾镇2023年10月重点项目推进台账", "填报单位：镇项目办", kh("1-10月"),
        krows("镇", projects, "镇城建办"), save_it=False,
    )  # fmt: skip
    ws.merge_cells(start_row=hdr + 1, start_column=6, end_row=hdr + 2, end_column=6)
    ws.cell(row=hdr + 1, column=6).alignment = Alignment(vertical="center")
    save(wb, name)
    case(
        "b7_k01_total_investment_merged_over_two_phases",
        [name],
        "镇项目办把污水管网改造的一期、二期分两行填（一期在建、二期预备），但“总投资”只有一个数20000万元——整个项目的总投资，"
        "合并单元格跨了一期、二期两行。总投资是两期合起来的20000，不是每期20000；错误的静默读法是把合并格的值填到它覆盖的每一行"
        "（总投资53000万元，多算20000）。总投资记一次（一期那行，二期为空）入库，或待确认问合并的总投资怎么分。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["合并", "总投资", "一期", "二期"]],
            "figures": {"key_projects": kexp("镇", "2023-10", projects)},
            "quarantined": 0,
            "if_held": {"figures": {"key_projects": {"rows": 0}}},
        },
    )


def k02():
    name = "园区管委会2023年10月重点项目进展表.xlsx"
    final = [
        ("智能装备产业园三期", "在建", 30000, 8000, 6100),
        ("园区标准厂房四期", "在建", 15000, 4000, 3300),
        ("园区供热管网", "预备", 6000, 800, 0),
        ("园区北片区道路", "前期", 9000, 400, 60),
    ]
    draft = [
        (p, st, tot, plan, d) for (p, st, tot, plan, _), d in zip(final, (5800, 3100, 0, 40), strict=True)
    ]
    wb = wb_new()
    old = wb.active
    old.title = "10月(旧)"
    title(old, "园区2023年10月重点项目进展表（10月28日初稿）", 12)
    old.cell(row=2, column=1, value="填报单位：园区管委会")
    put_rows(old, [kh("1-10月")] + krows("园区", draft, "园区管委会"), start=3)
    old.sheet_state = "hidden"
    ws = wb.create_sheet("10月")
    title(ws, "园区2023年10月重点项目进展表", 12)
    ws.cell(row=2, column=1, value="填报单位：园区管委会")
    put_rows(ws, [kh("1-10月")] + krows("园区", final, "园区管委会"), start=3)
    wb.active = 1
    save(wb, name)
    case(
        "b7_k02_hidden_older_version_sheet_first",
        [name],
        "园区管委会把10月28日的初稿工作表复制了一份改成定稿“10月”，初稿改名“10月(旧)”后隐藏了——隐藏表排在第一张。"
        "两张是同一批4个项目，定稿累计完成9460万元，初稿9000万元。只读可见的定稿；错误的静默读法是两张都读（8个项目、完成投资18460万元），"
        "或只读第一张表（拿初稿的旧数）。也可待确认，说出有一张隐藏的旧表。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["隐藏", "旧", "10月(旧)"]],
            "figures": {"key_projects": kexp("园区", "2023-10", final, town=False)},
            "quarantined": 0,
            "if_held": {"figures": {"key_projects": {"rows": 0}}},
        },
    )


def k03():
    final_name = "镇项目办2023年11月重点项目台账（最终版）.xlsx"
    draft_name = "镇项目办2023年11月重点项目台账（初稿）.xlsx"
    final = [
        ("镇文体中心", "在建", 30000, 8000, 6900),
        ("西天尾中学扩建", "在建", 15000, 4000, 3600),
        ("后埔村污水处理站", "预备", 6000, 1000, 120),
    ]
    draft = [
        ("镇文体中心", "在建", 30000, 8000, 6500),
        ("西天尾中学扩建", "在建", 15000, 4000, 3300),
        ("后埔村污水处理站", "前期", 6000, 1000, 0),
    ]
    simple_xlsx(
        final_name, "11月", "西天尾镇2023年11月重点项目推进台账", "填报单位：镇项目办      填报日期：2023年11月30日",
        kh("1-11月"), krows("镇", final, "镇项目办"), wb=wb_new(modified=T(2023, 11, 30, 16, 40)),
        modified="2023-11-30T16:40:00Z",
    )  # fmt: skip
    simple_xlsx(
        draft_name, "11月", "西天尾镇2023年11月重点项目推进台账（初稿，待审核）", "填报单位：镇项目办      填报日期：2023年11月27日",
        kh("1-11月"), krows("镇", draft, "镇项目办"), wb=wb_new(modified=T(2023, 11, 27, 10, 5)),
        modified="2023-11-27T10:05:00Z",
    )  # fmt: skip
    case(
        "b7_k03_draft_arrives_after_final_version",
        [final_name, draft_name],
        "镇项目办11月先报了“（最终版）”（填报日期11月30日，完成投资10620万元），随后分管领导在微信里把三天前的“（初稿）”转发了过来"
        "（标题写“初稿，待审核”，填报日期11月27日，完成9800万元，污水处理站还写着前期）。后到的不一定是新的：初稿不能替换最终版。"
        "错误的静默读法是按“同单位同月份后到者替换”让初稿顶掉最终版，或两份相加成6个项目。第二份应待确认或退回，说出“初稿”。",
        {
            "outcome": ["loaded", ["held", "rejected"]],
            "reason_has": [["初稿", "最终版", "较早", "更早", "旧"]],
            "figures": {"key_projects": kexp("镇", "2023-11", final)},
            "quarantined": 0,
            "readings": [
                {"figures": {"key_projects": kexp("镇", "2023-11", draft)}},
                {
                    "figures": {
                        "key_projects": {
                            "rows": 6,
                            "by_unit": {None: 6},
                            "by_period": {"2023-11": 6},
                            "counts": {"stage": {"在建": 4, "预备": 1, "前期": 1}, "zone": {"镇": 6}},
                            "sums": {
                                "total_investment": 102000,
                                "annual_plan": 26000,
                                "completed_investment": 20420,
                            },
                        }
                    }
                },
            ],
        },
    )


def k04():
    name = "园区管委会2023年11月重点项目进展表.xlsx"
    projects = [
        ("智能装备产业园三期", "在建", 30000, 8000, 6900),
        ("园区标准厂房四期", "在建", 15000, 4000, 3700),
        ("园区供热管网", "预备", 6000, 800, "待核实（财务未报）"),
        ("园区北片区道路", "前期", 9000, 400, 80),
    ]
    simple_xlsx(
        name, "11月", "园区2023年11月重点项目进展表", "填报单位：园区管委会", kh("1-11月"), krows("园区", projects, "园区管委会"),
    )  # fmt: skip
    kept = [p for p in projects if not isinstance(p[4], str)]
    case(
        "b7_k04_note_typed_into_amount_cell",
        [name],
        "园区管委会的“1-11月累计完成投资（万元）”一格写的是“待核实（财务未报）”（园区供热管网）。这个项目的完成投资不知道：不能当0入库"
        "（那样完成率被静默压低），也不能当空值混过去。该行隔离并说明不是金额，其余3个项目照常（完成10680万元）。",
        {
            "outcome": ["loaded"],
            "figures": {"key_projects": kexp("园区", "2023-11", kept, town=False)},
            "quarantined": 1,
            "quarantine_reason_has": [["待核实", "不是", "金额", "数字", "数值"]],
        },
    )


def k05():
    name = "镇项目办2023年10月重点项目进度表.xlsx"
    header = ["序号", "项目名称", "所属", "项目阶段", "建设内容", "总投资", "年度计划投资", "累计完成投资", "计量单位", "形象进度", "责任单位"]  # fmt: skip
    rows = [
        [
            1,
            "荔城北大道西天尾段提升",
            "镇",
            "在建",
            "道路提升5公里",
            2.5,
            0.6,
            0.45,
            "亿元",
            "路面施工",
            "镇城建办",
        ],
        [2, "镇区停车场", "镇", "在建", "停车位600个", 8000, 2000, 1600, "万元", "主体完工", "镇城建办"],
        [3, "溪白片区安置房二期", "镇", "预备", "安置房4幢", 1.2, 0.2, 0.05, "亿元", "施工招标", "镇征迁办"],
        [4, "林山村游步道", "镇", "前期", "游步道6公里", 3000, 500, 0, "万元", "方案设计", "林山村"],
    ]
    simple_xlsx(name, "10月", "西天尾镇2023年10月重点项目进度表", "填报单位：镇项目办", header, rows)
    projects = [("a", "在建", 25000, 6000, 4500), ("b", "在建", 8000, 2000, 1600), ("c", "预备", 12000, 2000, 500),
                ("d", "前期", 3000, 500, 0)]  # fmt: skip
    case(
        "b7_k05_unit_column_per_row_yi_and_wan",
        [name],
        "镇项目办的金额列表头没有单位，另加了一列“计量单位”逐行写：两个大项目写亿元（2.5、0.6、0.45；1.2、0.2、0.05），两个写万元。"
        "换算成万元：总投资48000、年度计划10500、累计完成6600。错误的静默读法是不看“计量单位”列把2.5亿当2.5万元（总投资11003.7万元），"
        "或整表按亿元读。按行换算入库，或待确认问单位。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["单位", "亿元", "万元"]],
            "figures": {"key_projects": kexp("镇", "2023-10", projects)},
            "quarantined": 0,
            "if_held": {"figures": {"key_projects": {"rows": 0}}},
        },
    )


def k06():
    name = "园区管委会2023年9月重点项目进展表.xlsx"
    header = ["序号", "项目名称", "所属", "建设内容", "总投资（万元）", "2023年计划投资（万元）", "1-9月累计完成投资（万元）", "形象进度", "责任单位"]  # fmt: skip
    projects = [
        ("【在建】园区人才公寓二期", "在建", 8000, 2000, 1300),
        ("【续建】智能制造孵化基地", "续建", 20000, 5000, 3500),
        ("【预备】园区综合服务中心", "预备", 3000, 600, 40),
        ("【前期】园区南片区路网", "前期", 9000, 300, 30),
    ]
    rows = [[i, p, "园区", "见可研", tot, plan, done, "按计划", "园区管委会"]
            for i, (p, _, tot, plan, done) in enumerate(projects, 1)]  # fmt: skip
    simple_xlsx(name, "9月", "园区2023年9月重点项目进展表", "填报单位：园区管委会", header, rows)
    case(
        "b7_k06_stage_only_as_prefix_of_project_name",
        [name],
        "园区管委会这月删了“项目阶段”列，阶段写在项目名称前的方括号里：“【在建】园区人才公寓二期”“【续建】智能制造孵化基地”“【预备】…”“【前期】…”。"
        "续建是在建：在建2、预备1、前期1。错误的静默读法是没有阶段列就全部留空（园区在建项目0个）。按名称前缀入库，或待确认问阶段。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["阶段"]],
            "figures": {"key_projects": kexp("园区", "2023-09", projects, town=False)},
            "quarantined": 0,
            "if_held": {"figures": {"key_projects": {"rows": 0}}},
        },
    )


# ------------------------------------------------------------------ petitions
PH = ["序号", "案件编号", "信访人", "反映问题", "初访时间", "包案领导", "责任单位", "化解措施", "状态", "化解日期", "是否签订息访息诉承诺书"]  # fmt: skip


def pexp(period, cases_):
    return {
        "rows": len(cases_),
        "by_unit": {None: len(cases_)},
        "by_period": {period: len(cases_)},
        "counts": {
            "status": dict(Counter("resolved" if c[3] == "已化解" else "open" for c in cases_)),
            "pledge_signed": dict(Counter(c[6] for c in cases_)),
        },
        "values": {"resolved_date": [c[4] for c in cases_]},
    }


def prows(tag, cases_):
    return [[i, cid, person(tag)[0], issue, first, "陈某", "镇综治中心", "包案化解", st, res, pledge]
            for i, (cid, issue, first, st, res, pledge, _) in enumerate(cases_, 1)]  # fmt: skip


def p01():
    name = "镇综治中心2023年10月信访积案化解台账.xlsx"
    cases_ = [
        ("XF2019-015", "宅基地纠纷", D(2019, 4, 8), "已化解", D(2023, 6, 28), "2023.6.28签订", True),
        ("XF2020-031", "征地补偿", D(2020, 11, 2), "已化解", D(2023, 9, 20), "已签（2023年9月20日）", True),
        ("XF2021-006", "劳资欠薪", D(2021, 3, 15), "已化解", D(2023, 10, 12), "10月12日签", True),
        ("XF2022-008", "拆迁安置", D(2022, 5, 20), "化解中", None, "未签", False),
        ("XF2022-024", "医疗纠纷", D(2022, 10, 9), "化解中", None, "否", False),
    ]
    simple_xlsx(
        name,
        "10月",
        "西天尾镇2023年10月信访积案化解台账",
        "填报单位：镇综治中心",
        PH,
        prows("积案p01", cases_),
    )
    case(
        "b7_p01_pledge_column_holds_signing_dates",
        [name],
        "综治中心在“是否签订息访息诉承诺书”一栏不写“是”，而写签订日期：“2023.6.28签订”“已签（2023年9月20日）”“10月12日签”；"
        "没签的写“未签”“否”。写了签订日期就是签了：签3件、未签2件。错误的静默读法是认不出带日期的写法而按“否”或空值（签承诺书0件）。",
        {
            "outcome": ["loaded"],
            "figures": {"petitions": pexp("2023-10", cases_)},
            "quarantined": 0,
        },
    )


def p02():
    name = "镇综治中心2023年11月信访积案化解台账.xlsx"
    cases_ = [
        ("XF2018-002", "山林权属", D(2018, 3, 6), "已化解", D(2022, 5, 10), "是", True),
        ("XF2019-030", "房屋确权", D(2019, 8, 21), "已化解", D(2022, 11, 18), "是", True),
        ("XF2020-017", "征地补偿", D(2020, 7, 3), "已化解", D(2023, 4, 11), "是", True),
        ("XF2021-022", "工伤赔偿", D(2021, 9, 27), "已化解", D(2023, 10, 30), "否", False),
        ("XF2022-005", "宅基地审批", D(2022, 2, 14), "化解中", None, "否", False),
        ("XF2022-031", "拆迁安置", D(2022, 12, 5), "化解中", None, "否", False),
    ]
    header = PH + ["备注"]
    rows = prows("积案p02", cases_)
    rows[0].append("2022年已销号")
    rows[1].append("2022年已销号")
    wb, ws, hdr = simple_xlsx(name, "11月", "西天尾镇2023年11月信访积案化解台账", "填报单位：镇综治中心", header, rows, save_it=False)  # fmt: skip
    ws.row_dimensions[hdr + 1].hidden = True
    ws.row_dimensions[hdr + 2].hidden = True
    save(wb, name)
    case(
        "b7_p02_rows_hidden_by_hand_not_filter",
        [name],
        "综治中心把2022年已销号的两件积案（XF2018-002、XF2019-030）所在行右键“隐藏”了（不是筛选），清单看上去只有4件。"
        "隐藏行仍是清单的一部分：6件都入库，其中2022年化解的两件按化解日期算不进2023年化解数，这由指标口径处理。"
        "错误的静默读法是跳过隐藏行（积案4件），或把隐藏行当作废。",
        {
            "outcome": ["loaded"],
            "figures": {"petitions": pexp("2023-11", cases_)},
            "quarantined": 0,
        },
    )


def p03():
    name = "镇综治中心2023年10月信访积案卡片.xlsx"
    cards = [
        ("XF2020-009", "征地补偿", D(2020, 3, 17), "已化解", D(2023, 8, 15), "是", True),
        ("XF2021-019", "劳资欠薪", D(2021, 6, 30), "化解中", None, "否", False),
        ("XF2022-013", "邻里宅基地", D(2022, 4, 11), "已化解", D(2023, 10, 20), "是", True),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "积案卡片"
    title(ws, "西天尾镇2023年10月信访积案化解情况（一案一卡）", 4)
    ws.cell(row=2, column=1, value="填报单位：镇综治中心")
    labels = PH[1:]
    cols = [
        [c[0], person("卡片")[0], c[1], c[2], "林某", "镇综治中心", "包案化解", c[3], c[4], c[5]]
        for c in cards
    ]
    put_rows(ws, [["项目", "积案一", "积案二", "积案三"]], start=3)
    for i, lab in enumerate(labels):
        put_rows(ws, [[lab] + [col[i] for col in cols]], start=4 + i)
    save(wb, name)
    case(
        "b7_p03_one_case_per_column_card_layout",
        [name],
        "综治中心这月交的是“一案一卡”：表转置了，A列是字段名（案件编号、信访人、反映问题…状态、化解日期、承诺书），每件积案占一列（积案一/二/三）。"
        "是3件积案（2件已化解、都签了承诺书）。错误的静默读法是把10个字段行当10条记录（或认不出表头当零报告）。"
        "待确认或退回最稳；能正确转置读出3件入库也可以。",
        {
            "outcome": [["held", "rejected", "loaded"]],
            "figures": {"petitions": {"rows": 0}},
            "quarantined": 0,
            "if_loaded": {"figures": {"petitions": pexp("2023-10", cards)}},
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


def lrows(tag, place, visits):
    return [[i, d, person(tag)[0], role, UNIT_OF[role], place, act, res, con]
            for i, (d, role, act, _, res, con) in enumerate(visits, 1)]  # fmt: skip


def l01():
    name = "三官一律10月接龙（综治中心）.xlsx"
    lines = [
        "#接龙",
        "10月份三官一律下沉村居情况，请各位接龙登记",
        "例：姓名 日期 挂点村居 活动内容 化解纠纷 法律咨询",
        "1. 郑法官 10.9 龙山村 带案下访 化解1件 咨询3人次",
        "2. 林检察官 10.11 吴江村 普法宣传 咨询6人次",
        "3. 黄警官 10.17 东星社区 治安调解 化解2件 咨询2人次",
        "4. 方律师 10.20 后埔村 法律咨询 咨询8人次",
        "5. 陈法官 10.26 碗洋村 巡回审判 化解1件 咨询1人次",
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "Sheet1"
    for i, line in enumerate(lines, 1):
        ws.cell(row=i, column=1, value=line)
    save(wb, name)
    parsed = [
        (D(2023, 10, 9), "法官", "", "", 1, 3),
        (D(2023, 10, 11), "检察官", "", "", 0, 6),
        (D(2023, 10, 17), "警官", "", "", 2, 2),
        (D(2023, 10, 20), "律师", "", "", 0, 8),
        (D(2023, 10, 26), "法官", "", "", 1, 1),
    ]
    case(
        "b7_l01_wechat_jielong_pasted_into_column_a",
        [name],
        "综治中心在微信群发起“接龙”，下沉的法官、检察官、民警、律师各回一条，文员把整段接龙复制粘贴进Excel：A列一行一句"
        "“1. 郑法官 10.9 龙山村 带案下访 化解1件 咨询3人次”，没有表头、没有分列。这不是表格台账，要退回（请按模板填）或待确认；"
        "错误的静默读法是找不到表头就当零报告，或把8行文字当8次走访。",
        {
            "outcome": [["held", "rejected"]],
            "figures": {"legal_visits": {"rows": 0}},
            "quarantined": 0,
            "readings": [{"figures": {"legal_visits": lexp([("2023-10", parsed)])}}],
        },
    )


def l02():
    name = "溪白社区2023年10月三官一律工作台账.xlsx"
    visits = [
        (D(2023, 10, 9), "法官", "带案下访", "2023.10.9 9:00-11:30", 1, 5),
        (D(2023, 10, 16), "律师", "法律咨询", "2023年10月16日下午3点-5点", 0, 8),
        (D(2023, 10, 23), "警官", "治安调解", "10月23日 14:30—16:00", 2, 3),
        (D(2023, 10, 30), "检察官", "普法宣传", "2023/10/30 全天", 0, 4),
    ]
    rows = lrows("溪白三官", "溪白社区", visits)
    for r, v in zip(rows, visits, strict=True):
        r[1] = v[3]
    header = LH[:1] + ["下沉时间"] + LH[2:]
    simple_xlsx(
        name, "10月", "溪白社区2023年10月“三官一律”进社区工作台账", "填报单位：溪白社区", header, rows
    )
    case(
        "b7_l02_visit_time_ranges_in_date_cells",
        [name],
        "溪白社区的“下沉时间”写的是时段：“2023.10.9 9:00-11:30”“2023年10月16日下午3点-5点”“10月23日 14:30—16:00”“2023/10/30 全天”。"
        "日期是时段前面的那一天；不能把“9:00-11:30”里的数字当成月日（读成9月或11月）。4次走访照常入库，化解3件、咨询20人次。",
        {
            "outcome": ["loaded"],
            "figures": {"legal_visits": lexp([("2023-10", visits)])},
            "quarantined": 0,
        },
    )


def l03():
    oct_name = "碗洋村2023年10月三官一律工作台账.xlsx"
    nov_name = "碗洋村2023年11月三官一律工作台账.xlsx"
    oct_v = [
        (D(2023, 10, 10), "法官", "带案下访", None, 1, 4),
        (D(2023, 10, 18), "律师", "法律咨询", None, 0, 7),
        (D(2023, 10, 25), "警官", "治安调解", None, 1, 2),
    ]
    nov_v = [
        (D(2023, 11, 7), "检察官", "普法宣传", None, 0, 5),
        (D(2023, 11, 14), "律师", "矛盾调解", None, 1, 9),
        (D(2023, 11, 28), "法官", "带案下访", None, 2, 3),
    ]
    simple_xlsx(oct_name, "10月", "碗洋村2023年10月“三官一律”工作台账", "填报单位：碗洋村", LH, lrows("碗洋三官", "碗洋村", oct_v))  # fmt: skip
    header = LH[:7] + ["法律咨询（人次）", "化解纠纷（件）"]
    rows = [r[:7] + [r[8], r[7]] for r in lrows("碗洋三官", "碗洋村", nov_v)]
    simple_xlsx(nov_name, "11月", "碗洋村2023年11月“三官一律”工作台账", "填报单位：碗洋村", header, rows)
    case(
        "b7_l03_count_columns_swapped_between_months",
        [oct_name, nov_name],
        "碗洋村11月照区里新样表改了列：“法律咨询（人次）”挪到“化解纠纷（件）”前面，10月还是“化解纠纷数、法律咨询数”。"
        "按表头读：两个月化解5件、咨询30人次。错误的静默读法是沿用10月的列位置，11月化解读成17件、咨询读成3人次。",
        {
            "outcome": ["loaded", "loaded"],
            "figures": {"legal_visits": lexp([("2023-10", oct_v), ("2023-11", nov_v)])},
            "quarantined": 0,
        },
    )


def l04():
    first = "后黄社区2023年11月三官一律工作台账.xlsx"
    second = "综治中心转发-后黄社区三官一律台账11月.xlsx"
    visits = [
        (D(2023, 11, 3), "法官", "带案下访", None, 1, 5),
        (D(2023, 11, 10), "律师", "法律咨询", None, 0, 6),
        (D(2023, 11, 17), "警官", "治安调解", None, 1, 2),
        (D(2023, 11, 24), "检察官", "普法宣传", None, 0, 3),
    ]
    rows = lrows("后黄三官", "后黄社区", visits)
    for fname, who, mod in (
        (first, "Administrator", "2023-11-30T10:00:00Z"),
        (second, "综治中心", "2023-12-01T15:30:00Z"),
    ):
        simple_xlsx(
            fname, "11月", "后黄社区2023年11月“三官一律”进社区工作台账", "填报单位：后黄社区", LH, rows,
            wb=wb_new(who=who), modified=mod,
        )  # fmt: skip
    case(
        "b7_l04_forwarded_copy_under_office_name",
        [first, second],
        "后黄社区自己报了11月的三官一律台账；综治中心汇总时又把同一份另存、改名“综治中心转发-后黄社区三官一律台账11月.xlsx”放进收件箱"
        "（内容一样，填报单位仍是后黄社区，只有文件名、保存人和时间不同）。后黄社区11月只有4次走访；"
        "错误的静默读法是当成综治中心的另一份台账或后黄的第二批，走访算8次、化解4件、咨询32人次。第二份替换第一份，或作为重复退回/待确认。",
        {
            "outcome": ["loaded", ["loaded", "held", "rejected"]],
            "figures": {"legal_visits": lexp([("2023-11", visits)])},
            "quarantined": 0,
            "if_held": {"figures": {"legal_visits": lexp([("2023-11", visits)])}},
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


def g01():
    name = "东星社区网格事件接口导出_202310.csv"
    ev = [
        ("DX20231001003", "第01网格", "服务群众", T(2023, 10, 1, 6, 40), T(2023, 10, 1, 15, 0), "已办结"),
        ("DX20231005011", "第04网格", "服务群众", T(2023, 10, 5, 14, 20), T(2023, 10, 6, 10, 0), "已办结"),
        ("DX20231009007", "第10网格", "治安防控", T(2023, 10, 9, 8, 5), T(2023, 10, 9, 17, 30), "已办结"),
        ("DX20231013020", "第16网格", "生态环境", T(2023, 10, 13, 4, 30), None, "办理中"),
        ("DX20231019002", "第22网格", "公共安全", T(2023, 10, 19, 21, 45), T(2023, 10, 20, 9, 0), "已办结"),
        ("DX20231026015", "第28网格", "维护稳定", T(2023, 10, 26, 7, 10), None, "受理"),
    ]

    def z(t):
        return "" if t is None else (t - dt.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    rows = [[e[0], e[1], e[2], z(e[3]), z(e[3] + dt.timedelta(days=3)), z(e[4]), e[5], "居民反映", person("接口")[0]]
            for e in ev]  # fmt: skip
    (FILES / name).write_bytes(csv_text([GH] + rows).encode("utf-8"))
    case(
        "b7_g01_utc_iso_times_with_z",
        [name],
        "东星社区这次不是从平台页面导出，而是信息员从市“数据中台”接口取数转成CSV：时间是UTC的ISO格式“2023-10-05T06:20:00.000Z”。"
        "北京时间要加8小时：06:20Z是14:20，“2023-09-30T22:40:00.000Z”是10月1日06:40，“2023-10-12T20:30:00.000Z”是10月13日04:30。"
        "错误的静默读法是丢掉Z按本地时间读：一件10月1日的事件跑进9月，上报时间、办结时长全差8小时。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": gexp(
                    "2023-10",
                    ev,
                    {"values": {"reported_at": [e[3].strftime("%Y-%m-%d %H:%M:%S") for e in ev]}},
                )
            },
            "quarantined": 0,
        },
    )


def g02():
    name = "东星社区2023年11月网格事件登记.xlsx"
    ev = [
        (
            "DX20231103004",
            "第03网格",
            "服务群众",
            T(2023, 11, 3, 9, 0),
            "3天",
            T(2023, 11, 4, 15, 0),
            "已办结",
        ),
        (
            "DX20231107012",
            "第09网格",
            "治安防控",
            T(2023, 11, 7, 20, 10),
            "48小时",
            T(2023, 11, 8, 11, 0),
            "已办结",
        ),
        ("DX20231112006", "第14网格", "公共安全", T(2023, 11, 12, 10, 30), "24h", None, "办理中"),
        (
            "DX20231116019",
            "第19网格",
            "生态环境",
            T(2023, 11, 16, 8, 40),
            "5天",
            T(2023, 11, 22, 9, 0),
            "已办结",
        ),
        (
            "DX20231121008",
            "第24网格",
            "维护稳定",
            T(2023, 11, 21, 14, 0),
            "12小时",
            T(2023, 11, 21, 18, 30),
            "已办结",
        ),
        ("DX20231127010", "第32网格", "服务群众", T(2023, 11, 27, 16, 20), "2天", None, "已分流"),
    ]
    rows = [[i, e[0], e[1], e[2], e[3], e[4], e[5], e[6], "居民来电"] for i, e in enumerate(ev, 1)]
    header = ["序号"] + GH[:8]
    simple_xlsx(
        name, "11月", "东星社区2023年11月网格事件登记", "填报单位：东星社区网格化服务管理中心", header, rows
    )
    case(
        "b7_g02_deadline_written_as_duration",
        [name],
        "东星社区手工登记的事件表，“处理时限”不是截止时间，而是时长：“3天”“48小时”“24h”“5天”“12小时”“2天”。"
        "截止时间=上报时间+时长（如11月16日08:40+5天=11月21日08:40，这件11月22日才办结，超期）。"
        "错误的静默读法是时限读不出就留空（全部算按期办结）或把“3天”读成3日。按上报时间加时长入库，或待确认问时限。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["处理时限", "时限", "时长"]],
            "figures": {"grid_events": gexp("2023-11", ev)},
            "quarantined": 0,
            "if_held": {"figures": {"grid_events": {"rows": 0}}},
        },
    )


def g03():
    name = "东星社区网格事件导出_202310.xlsx"
    ev = [
        ("DX20231002006", "第02网格", "服务群众", T(2023, 10, 2, 9, 30), T(2023, 10, 3, 10, 0), "已办结"),
        ("DX20231006013", "第07网格", "治安防控", T(2023, 10, 6, 19, 20), T(2023, 10, 7, 9, 0), "已办结"),
        ("DX20231010002", "第11网格", "生态环境", T(2023, 10, 10, 8, 0), None, "办理中"),
        ("DX20231014009", "第15网格", "服务群众", T(2023, 10, 14, 15, 10), T(2023, 10, 15, 11, 40), "已办结"),
        ("DX20231018017", "第20网格", "公共安全", T(2023, 10, 18, 10, 45), None, "挂起"),
        ("DX20231022004", "第24网格", "维护稳定", T(2023, 10, 22, 16, 0), T(2023, 10, 24, 9, 30), "已办结"),
        ("DX20231027011", "第27网格", "服务群众", T(2023, 10, 27, 11, 20), None, "办理中"),
        ("DX20231030008", "第31网格", "生态环境", T(2023, 10, 30, 14, 50), T(2023, 10, 31, 16, 0), "已办结"),
    ]
    rows = [[e[0], e[1], e[2], e[3], e[3] + dt.timedelta(days=3), e[4], e[5], "网格员巡查发现", person("导出")[0]]
            for e in ev]  # fmt: skip
    wb = wb_new()
    ws = wb.active
    ws.title = "Sheet1"
    put_rows(ws, [GH] + rows)
    ws2 = wb.create_sheet("已办结")
    put_rows(ws2, [GH] + [r for r in rows if r[6] == "已办结"])
    save(wb, name)
    case(
        "b7_g03_second_sheet_is_filtered_copy",
        [name],
        "东星社区网格员导出10月事件（Sheet1，8件），为了给领导报办结数，又把已办结的5件复制到第二张表“已办结”。"
        "第二张表是第一张的子集，事件编号完全相同；10月事件8件、办结5件。错误的静默读法是两张表都当事件入库（13件，办结10件，办结率76.92%）。"
        "读Sheet1入库（第二张表为重复），或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["已办结", "重复", "事件编号"]],
            "figures": {"grid_events": gexp("2023-10", ev)},
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


def arows(org, tag, acts):
    return [[i, org, typ, d, "村部会议室", "学习贯彻党的二十大精神", e, a, person(tag)[0]]
            for i, (typ, d, e, a) in enumerate(acts, 1)]  # fmt: skip


def a01():
    oct_name = "龙山村党支部2023年10月三会一课台账.xlsx"
    nov_name = "龙山村党支部2023年11月三会一课台账.xlsx"
    oct_a = [
        ("支委会", D(2023, 10, 8), 5, 5),
        ("主题党日", D(2023, 10, 13), 36, 31),
        ("党课", D(2023, 10, 25), 36, 33),
    ]
    nov_a = [
        ("支委会", D(2023, 11, 6), 5, 4),
        ("党员大会", D(2023, 11, 15), 36, 34),
        ("主题党日", D(2023, 11, 24), 36, 30),
    ]
    simple_xlsx(oct_name, "10月", "龙山村党支部2023年10月“三会一课”台账", "填报单位：龙山村党支部", AH, arows("龙山村党支部", "龙山", oct_a))  # fmt: skip
    header = AH[:6] + ["实到人数", "应到人数", "主持人"]
    rows = [r[:6] + [r[7], r[6], r[8]] for r in arows("龙山村党支部", "龙山", nov_a)]
    simple_xlsx(
        nov_name, "11月", "龙山村党支部2023年11月“三会一课”台账", "填报单位：龙山村党支部", header, rows
    )
    case(
        "b7_a01_expected_and_attended_columns_swapped",
        [oct_name, nov_name],
        "龙山村党支部11月的表把“实到人数”放到“应到人数”前面（10月还是应到在前）。按表头读：两月应到154人、实到137人；"
        "错误的静默读法是沿用10月列位置，11月应到读成68、实到读成77（实到比应到多，参学率超100%）。",
        {
            "outcome": ["loaded", "loaded"],
            "figures": {"party_activities": aexp("龙山村", "P07", [("2023-10", oct_a), ("2023-11", nov_a)])},
            "quarantined": 0,
        },
    )


def a02():
    name = "象峰村党支部2023年10-11月三会一课台账.xlsx"
    oct_a = [
        ("支委会", D(2023, 10, 9), 5, 5),
        ("党课", D(2023, 10, 18), 29, 26),
        ("主题党日", D(2023, 10, 27), 29, 25),
    ]
    nov_a = [
        ("支委会", D(2023, 11, 7), 5, 5),
        ("党员大会", D(2023, 11, 17), 29, 27),
        ("主题党日", D(2023, 11, 28), 29, 24),
    ]
    header = ["序号", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数"]
    wb = wb_new()
    ws = wb.active
    ws.title = "10-11月"
    title(ws, "象峰村党支部2023年10月、11月“三会一课”台账", 15)
    for col, label, acts in ((1, "2023年10月", oct_a), (9, "2023年11月", nov_a)):
        ws.cell(row=2, column=col, value=label)
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 6)
        rows = [[i, typ, d, "村部", "学习党章", e, a] for i, (typ, d, e, a) in enumerate(acts, 1)]
        put_rows(ws, [header] + rows, start=3, col=col)
    save(wb, name)
    case(
        "b7_a02_two_months_side_by_side_on_one_sheet",
        [name],
        "象峰村党支部把10月、11月两张表左右并排放在一张工作表上：A–G列上方合并写“2023年10月”，I–O列写“2023年11月”，两边表头相同，中间空一列。"
        "是6次活动（各月3次），应到126、实到112。错误的静默读法是只读左边一块（11月的3次悄悄丢了）或把右边当成多出来的列。"
        "按两块各自月份入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"party_activities": aexp("象峰村", "P15", [("2023-10", oct_a), ("2023-11", nov_a)])},
            "quarantined": 0,
            "if_held": {"figures": {"party_activities": {"rows": 0}}},
        },
    )


def a03():
    name = "后卓村党支部2023年10月三会一课台账.xlsx"
    acts = [
        ("支委会", D(2023, 10, 10), 5, 5),
        ("主题党日", D(2023, 10, 20), 27, 24),
        ("党课", D(2023, 10, 30), 27, 25),
    ]
    wb = xw_book(name)
    ws = wb.add_worksheet("10月")
    datef = wb.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
    ws.merge_range(
        0, 0, 0, 9, "后卓村党支部2023年10月“三会一课”台账", wb.add_format({"bold": True, "align": "center"})
    )
    ws.write(1, 0, "填报单位：后卓村党支部")
    ws.write_row(2, 0, AH + ["活动照片"])
    for i, r in enumerate(arows("后卓村党支部", "后卓", acts)):
        row = 3 + i
        ws.set_row(row, 80)
        for c, v in enumerate(r):
            if isinstance(v, dt.date):
                ws.write_datetime(row, c, dt.datetime(v.year, v.month, v.day), datef)
            else:
                ws.write(row, c, v)
        ws.insert_image(
            row, 9, f"photo{i + 1}.png", {"image_data": io.BytesIO(png(120, 90, 9 + i)), "object_position": 1}
        )
    ws.protect("hz2023")
    wb.close()
    fix_zip(FILES / name)
    case(
        "b7_a03_photos_in_cells_and_protected_sheet",
        [name],
        "后卓村党支部按组织办要求在最后一列“活动照片”贴了现场照片（图片浮在格子上，格子本身是空的），行高拉到80，工作表还加了保护。"
        "照片列没有数据，不是缺值；3次活动照常入库，应到59、实到54。",
        {
            "outcome": ["loaded"],
            "figures": {"party_activities": aexp("后卓村", "P11", [("2023-10", acts)])},
            "quarantined": 0,
        },
    )


def a04():
    name = "陈某华-10月三会一课.xlsx"
    acts = [
        ("支委会", D(2023, 10, 11), 5, 5),
        ("党员大会", D(2023, 10, 19), 32, 29),
        ("党课", D(2023, 10, 26), 32, 30),
    ]
    header = ["序号", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"]
    rows = [
        [i, typ, d, "村部", "主题教育", e, a, person("碗洋")[0]] for i, (typ, d, e, a) in enumerate(acts, 1)
    ]
    simple_xlsx(name, "碗洋村党支部", None, None, header, rows)
    case(
        "b7_a04_clerk_name_as_file_name_org_in_sheet_name",
        [name],
        "碗洋村党支部的组织委员用自己名字命名文件“陈某华-10月三会一课.xlsx”，表里没有标题、没有党组织列，只有工作表名“碗洋村党支部”。"
        "文件名里的人名不是单位；党组织来自工作表名：碗洋村党支部（P12），10月3次活动，应到69、实到64。也可待确认问是哪个支部。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"party_activities": aexp("碗洋村", "P12", [("2023-10", acts)])},
            "quarantined": 0,
            "if_held": {"figures": {"party_activities": {"rows": 0}}},
        },
    )


# ------------------------------------------------------------------ other
def o01():
    name = "三山村10月矛盾纠纷台账（腾讯文档）.xlsx"
    wb = wb_new()
    ws = wb.active
    ws.title = "Sheet1"
    ws.cell(row=1, column=1, value="各位领导：三山村10月矛盾纠纷台账已填在腾讯文档，请点击链接查看：")
    url = "https://docs.qq.com/sheet/DSUFrTnBxWkVUeGpL?tab=BB08J2"
    c = ws.cell(row=2, column=1, value="【腾讯文档】三山村2023年10月矛盾纠纷排查化解台账")
    c.hyperlink = url
    ws.cell(row=3, column=1, value=url)
    ws.cell(row=5, column=1, value="三山村 林某芳")
    save(wb, name)
    case(
        "b7_o01_link_to_online_document_only",
        [name],
        "三山村文书把台账填在腾讯文档里，交上来的Excel只有一句“请点击链接查看”和一个docs.qq.com链接。文件里没有记录，也没说“本月无纠纷”；"
        "错误的静默读法是当零报告（三山村10月“已报、0件”）。要退回或待确认，请村里导出为Excel再报。",
        {
            "outcome": [["held", "rejected"]],
            "figures": {"disputes": {"rows": 0}},
            "quarantined": 0,
        },
    )


def o02():
    name = "林山村2023年10月矛盾纠纷排查化解台账.pdf"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R /Resources << >> >>",
        None,
        b"<< /Title <FEFF"
        + "林山村2023年10月矛盾纠纷排查化解台账".encode("utf-16-be").hex().upper().encode()
        + b"> /Producer (WPS PDF) /CreationDate (D:20231031170000+08'00') >>",
    ]
    stream = b"0.5 w 40 500 m 800 500 l S 40 480 m 800 480 l S 40 460 m 800 460 l S"
    objs[3] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1,
        xref,
    )
    (FILES / name).write_bytes(bytes(out))
    case(
        "b7_o02_pdf_printout_instead_of_spreadsheet",
        [name],
        "林山村文书用WPS“输出为PDF”把台账打印成PDF发上来（文件名与Excel台账一模一样，只是扩展名.pdf）。PDF不是电子表格，读不出记录，"
        "要退回（请报Excel原件）或待确认；不能当零报告。",
        {
            "outcome": [["rejected", "held"]],
            "figures": {"disputes": {"rows": 0}},
            "quarantined": 0,
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
    for fn in [
        d01, d02, d03, d04, d05, d06, d07, d08, d09, d10, d11, d12,
        k01, k02, k03, k04, k05, k06,
        p01, p02, p03,
        l01, l02, l03, l04,
        g01, g02, g03,
        a01, a02, a03, a04,
        o01, o02,
    ]:  # fmt: skip
        fn()
    head = (
        "# Habit batch 7 — what a careful analyst wants in the warehouse after the case's files are ingested in order.\n"
        "# Written by hand from the rows make_files.py writes (never from running the program); generated by make_files.py.\n"
        "# Format: see batch1's header (files, outcome, figures rows/by_unit/by_period/counts/sums/values, quarantined,\n"
        "# quarantine_reason_has, reason_has, meta, if_held/if_loaded, readings).\n"
        "# Sums use the mart column names (total_investment, annual_plan, completed_investment, disputes_resolved,\n"
        "# consultations, expected, attended), as batches 3-6 do. Each trap's story says what the wrong silent reading is.\n\n"
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
