"""Habit batch 11: write files/ and cases.yaml.

    /work/main/.venv/bin/python make_files.py

Every expectation below was worked out by hand from the rows written next to it (never by running the program):
each case lists the records the analyst reads off the file, and the small helpers only count and add them up.
The canonical words (resolved/open/not_resolved, 村/社区 …) come from SPEC.md's lists and from the analyst's
reading of each clerk's words, written out in the small tables STATUS/LEVEL/TYPE below.
All personal data is fake (names like 陈某华, made-up 139 mobiles, no ID numbers).
Deterministic: fixed docProps and fixed zip member times in every xlsx; xlwt writes .xls (BIFF8) without
timestamps; CSVs are plain bytes.
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
import xlwt
import yaml
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.filters import FilterColumn, Filters

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


def distinct_names(k: int, start: int = 0) -> list[str]:
    """k different fake names (陈某华, 林某英 …), in a fixed order."""
    pool = [s + "某" + g for g in GIVEN for s in SURNAMES]
    return [pool[(start + 7 * i) % len(pool)] for i in range(k)]


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
            elif isinstance(v, dt.time):
                cell.number_format = "h:mm"
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
                data = re.sub(rb"(<dcterms:created[^>]*>)[^<]*", rb"\g<1>" + modified.encode(), data)
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


ZERO_DATE = object()  # the number 0 in a date-formatted cell: Excel shows 1900/1/0


def xls(name, sheets, date_fmt="yyyy/m/d"):
    """sheets: [{"title", "rows", "merge": [(r1, r2, c1, c2)], "freeze": n_rows}] → a real BIFF8 .xls."""
    wb = xlwt.Workbook(encoding="utf-8")
    dstyle = xlwt.easyxf(num_format_str=date_fmt)
    bold = xlwt.easyxf("font: bold on, height 280; align: horiz center")
    for sh in sheets:
        ws = wb.add_sheet(sh["title"])
        merged = set()
        for r1, r2, c1, c2 in sh.get("merge", []):
            ws.write_merge(r1, r2, c1, c2, sh["rows"][r1][c1], bold if r1 == 0 else xlwt.Style.default_style)
            merged |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for i, row in enumerate(sh["rows"]):
            if row is None:
                continue
            for j, v in enumerate(row):
                if (i, j) in merged or v is None:
                    continue
                if v is ZERO_DATE:
                    ws.write(i, j, 0, dstyle)
                elif isinstance(v, (dt.date, dt.datetime)):
                    ws.write(i, j, v, dstyle)
                else:
                    ws.write(i, j, v)
        if sh.get("freeze"):
            ws.panes_frozen = True
            ws.remove_splits = True
            ws.horz_split_pos = sh["freeze"]
            ws.horz_split_first_visible = sh["freeze"]
    buf = io.BytesIO()
    wb.save(buf)
    (FILES / name).write_bytes(buf.getvalue())


def csv_text(rows, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def serial(d: dt.date) -> int:
    """The Excel (1900 system) serial number of a date."""
    return (d - D(1899, 12, 30)).days


def held_none(ledger):
    return {"figures": {ledger: {"rows": 0}}, "quarantined": 0}


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
STATUS = {
    "已化解": "resolved", "化解中": "open", "未化解": "not_resolved",
    "调解成功": "resolved", "正在调解": "open", "调解不成": "not_resolved", "移交法院": "not_resolved",
    "终止调解": "not_resolved",
}  # fmt: skip


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
    """parts: [(period, recs), …] → the disputes figures of those records (status word = the clerk's, mapped)."""
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
    name = "北大村2023年10月矛盾纠纷排查化解台账.xls"
    recs = [
        (D(2023, 10, 4), "邻里纠纷", "村级", "已化解", D(2023, 10, 6)),
        (D(2023, 10, 11), "土地承包", "片区调解室", "化解中", None),
        (D(2023, 10, 17), "婚姻家庭", "村级", "已化解", D(2023, 10, 19)),
        (D(2023, 10, 23), "劳资纠纷", "镇级", "未化解", None),
        (D(2023, 10, 28), "邻里纠纷", "村级", "化解中", None),
    ]
    rows = drows("北大", recs)
    for r in rows:
        if r[9] is None:
            r[9] = ZERO_DATE  # VLOOKUP of an empty cell pasted as a value: 0, shown as 1900/1/0
    sheet = [
        ["北大村2023年10月矛盾纠纷排查化解台账"] + [None] * 10,
        ["填报单位：北大村村民委员会    填报日期：2023年10月31日"],
        DH,
        *rows,
        None,
        ["注：化解日期用VLOOKUP从“调解记录”表引用，复制后粘贴为数值。"],
        ["填报人：陈某英"],
    ]
    xls(name, [{"title": "10月", "rows": sheet, "merge": [(0, 0, 0, 10)]}])
    case(
        "b11_d01_zero_dates_shown_as_1900_01_00",
        [name],
        "北大村的化解日期是用VLOOKUP从“调解记录”表引过来再“粘贴为数值”的，文件是老版Excel的.xls。没化解的3件（10月11日土地承包化解中、"
        "10月23日劳资未化解、10月28日邻里化解中）引用到空格子，结果是数字0，格式是日期，Excel里显示成“1900/1/0”。0就是没有日期。"
        "北大村10月5件：已化解2件（化解日期10月6日、10月19日）、化解中2件、未化解1件。错误的静默读法是把0当成日期读：1899年12月30日"
        "（或1900年1月0日）成了这3件的化解日期，按有化解日期算已化解就是5件全化解，或化解日期早于受理日期一百多年。0按空白入库。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("北大村", [("2023-10", recs)])},
            "quarantined": 0,
        },
    )


def d02():
    name = "吴江村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 2), "邻里纠纷", "村级", "已化解", D(2023, 10, 3)),
        (D(2023, 10, 9), "山林权属", "片区调解室", "已化解", D(2023, 10, 20)),
        (D(2023, 10, 15), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 10, 21), "合同纠纷", "镇级", "已化解", D(2023, 10, 30)),
        (D(2023, 10, 27), "土地承包", "村级", "未化解", None),
    ]
    header = ["序号", "受理日期", "当事人", "联系电话", "纠纷类型", "案情及化解经过", "化解责任人", "化解层级", "化解情况", "化解日期", "备注"]  # fmt: skip
    how = {
        "已化解": "化解经过：经调解双方达成口头协议，当场履行",
        "化解中": "化解经过：已约双方再次协商",
        "未化解": "化解经过：一方拒绝调解，已告知诉讼途径",
    }
    rows = []
    for r in drows("吴江", recs):
        rows.append([r[0], r[1], r[2], r[3], r[4], "案情：" + r[5], None, None, None, None, None])
        rows.append([None, None, None, None, None, how[r[8]], r[6], r[7], r[8], r[9], None])
    wb, ws, hdr = simple_xlsx(
        name, "10月", "吴江村2023年10月矛盾纠纷排查化解台账", "填报单位：吴江村  填报日期：2023年10月31日",
        header, rows, ["说明：每件纠纷占两行，上行填案情，下行填化解情况。", "填报人：林某珍"], save_it=False,
    )  # fmt: skip
    save(wb, name)
    case(
        "b11_d02_each_case_on_two_rows_facts_then_outcome",
        [name],
        "吴江村的台账每件纠纷占两行、没有合并单元格：上行有序号、受理日期、当事人、电话、类型和“案情：……”，化解责任人到化解日期都空着；"
        "下行序号、日期、当事人全空，只有“化解经过：……”、化解责任人、层级、化解情况、化解日期。表下写明“每件纠纷占两行”。10行是5件："
        "已化解3件（10月3日、20日、30日）、化解中1件、未化解1件。错误的静默读法是一行一件：10件，其中5件没有化解情况（当成化解中，"
        "吴江村化解0件），另外5行没有受理日期（丢掉或算成别的月）；或只留上行，5件全是化解中。上下两行合成一件入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["两行", "化解情况", "受理日期", "序号"]],
            "figures": {"disputes": dexp("吴江村", [("2023-10", recs)])},
            "quarantined": 0,
            "if_held": held_none("disputes"),
        },
    )


def d03():
    name = "洞湖村2023年10月矛盾纠纷排查化解台账.xlsx"
    written = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "调解成功", D(2023, 10, 5), None),
        (D(2023, 10, 8), "劳资纠纷", "移交上级", "移交法院", None, "已引导当事人向荔城区法院起诉"),
        (D(2023, 10, 12), "婚姻家庭", "村级", "调解不成", None, None),
        (D(2023, 10, 18), "土地承包", "片区调解室", "终止调解", None, "一方两次拒不到场，终止调解"),
        (
            D(2023, 10, 24),
            "邻里纠纷",
            "村级",
            "撤回",
            D(2023, 10, 26),
            "申请人撤回调解申请，称双方已私下协商",
        ),
        (D(2023, 10, 29), "邻里纠纷", "村级", "调解成功", D(2023, 10, 31), None),
        (D(2023, 10, 30), "合同纠纷", "片区调解室", "正在调解", None, None),
    ]
    simple_xlsx(
        name, "10月", "洞湖村2023年10月矛盾纠纷排查化解台账", "填报单位：洞湖村", DH, drows("洞湖", written),
        ["填报人：黄某生"],
    )  # fmt: skip
    kept = [r for r in written if r[3] != "撤回"]
    case(
        "b11_d03_mediation_outcome_words_withdrawn_and_terminated",
        [name],
        "洞湖村的化解情况写的是调解结果的说法：调解成功（2件）、正在调解、调解不成、移交法院（层级“移交上级”）、终止调解（备注“一方两次拒不到场”），"
        "还有一件“撤回”（备注“申请人撤回调解申请，称双方已私下协商”，化解日期10月26日）。调解成功是已化解；正在调解是化解中；调解不成、"
        "移交法院、终止调解都是没化解。“撤回”说不清：可能私下和好了，也可能不了了之，要问村里，这一行进隔离区（或整份待确认）。"
        "洞湖村10月入库6件：已化解2件、化解中1件、未化解3件。错误的静默读法是把“终止”“撤回”当成结案算已化解（化解4件），"
        "或认不出的状态一律当化解中（化解中4件）。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["撤回", "化解情况"]],
            "figures": {"disputes": dexp("洞湖村", [("2023-10", kept)])},
            "quarantined": 1,
            "quarantine_reason_has": [["撤回", "化解情况"]],
            "if_held": held_none("disputes"),
        },
    )


def d04():
    name = "溪白社区2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 5), "邻里纠纷", "村级", "已化解", D(2023, 10, 6)),
        (D(2023, 10, 10), "婚姻家庭", "村级", "已化解", D(2023, 10, 12)),
        (D(2023, 10, 14), "征地拆迁", "镇级", "化解中", None),
        (D(2023, 10, 20), "邻里纠纷", "片区调解室", "已化解", D(2023, 10, 27)),
        (D(2023, 10, 28), "土地承包", "村级", "未化解", None),
    ]
    rows = drows("溪白", recs)
    n1, p1 = person("溪白来访")
    n2, p2 = person("溪白来访")
    rows += [
        [6, D(2023, 10, 16), n1, p1, "来访", "反映小区停车位不足，要求增设停车位", "社区信访代办员", "镇信访办", "已答复",
         D(2023, 10, 19), "信访件，登记号XF-2023-1016"],
        [7, D(2023, 10, 25), n2, p2, "来信", "反映沿街店铺油烟扰民", "社区信访代办员", "镇信访办", "已转办",
         None, "信访件，登记号XF-2023-1025，已转镇综合执法队"],
    ]  # fmt: skip
    simple_xlsx(
        name,
        "10月",
        "溪白社区2023年10月矛盾纠纷排查化解台账",
        "填报单位：溪白社区居委会",
        DH,
        rows,
        ["填报人：方某芳"],
    )
    case(
        "b11_d04_petition_register_rows_pasted_under_disputes",
        [name],
        "溪白社区的文书把本月“信访件登记”里的两条（10月16日来访反映停车位、10月25日来信反映油烟扰民）接着序号6、7贴在纠纷台账下面，"
        "没有分隔行：纠纷类型写“来访”“来信”，层级“镇信访办”，处理情况“已答复”“已转办”，备注写着“信访件，登记号XF-2023-1016”。"
        "这是信访登记，不是矛盾纠纷。溪白社区10月纠纷5件：已化解3件、化解中1件、未化解1件。错误的静默读法是7行都当纠纷："
        "7件，多出2件“其他”类纠纷（“已答复”还可能算成已化解，化解4件）。这两行进隔离区（说明是信访件，不是纠纷），或整份待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["信访", "来访", "来信", "纠纷类型"]],
            "figures": {"disputes": dexp("溪白社区", [("2023-10", recs)])},
            "quarantined": 2,
            "quarantine_reason_has": [["信访", "来访", "来信", "纠纷类型", "已答复", "已转办"]],
            "if_held": held_none("disputes"),
        },
    )


def d05():
    name = "东星社区2023年矛盾纠纷排查化解台账（8-10月）.xlsx"
    aug = [
        (D(2023, 8, 4), "邻里纠纷", "村级", "已化解", D(2023, 8, 5)),
        (D(2023, 8, 16), "婚姻家庭", "村级", "已化解", D(2023, 8, 22)),
        (D(2023, 8, 25), "劳资纠纷", "镇级", "未化解", None),
    ]
    sep = [
        (D(2023, 9, 3), "邻里纠纷", "村级", "已化解", D(2023, 9, 4)),
        (D(2023, 9, 11), "土地承包", "片区调解室", "已化解", D(2023, 9, 20)),
        (D(2023, 9, 19), "合同纠纷", "村级", "化解中", None),
        (D(2023, 9, 27), "邻里纠纷", "村级", "已化解", D(2023, 9, 28)),
    ]
    wb = wb_new()
    ws8 = wb.active
    ws8.title = "8月"
    fill_sheet(ws8, "东星社区2023年8月矛盾纠纷排查化解台账", "填报单位：东星社区", DH, drows("东星", aug))
    ws9 = wb.create_sheet("9月")
    sep_rows = drows("东星", sep)
    fill_sheet(ws9, "东星社区2023年9月矛盾纠纷排查化解台账", "填报单位：东星社区", DH, sep_rows)
    ws10 = wb.create_sheet("10月")
    fill_sheet(
        ws10, "东星社区2023年10月矛盾纠纷排查化解台账", "填报单位：东星社区", DH, [list(r) for r in sep_rows]
    )
    save(wb, name)
    case(
        "b11_d05_october_tab_is_a_copy_of_september",
        [name],
        "东星社区一个工作簿按月分表：“8月”“9月”“10月”。10月的表是复制9月的表再改的，文书只把标题改成了“2023年10月”，下面4行还是9月的"
        "4件（9月3日、11日、19日、27日，当事人、电话一字不差），10月的纠纷没填进去。东星社区应是8月3件、9月4件，共7件（已化解5件）。"
        "错误的静默读法有两种：按表名记10月，9月的4件在10月再算一遍（10月4件，全年多4件）；或按日期归月，9月变成8件。"
        "10月表这4行不能再算（可进隔离区说明与9月表重复），或整份待确认，问10月的台账。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["10月", "9月", "重复", "相同"]],
            "figures": {"disputes": dexp("东星社区", [("2023-08", aug), ("2023-09", sep)])},
            "quarantined": [0, 4],
            "if_held": held_none("disputes"),
        },
    )


def d06():
    name = "后浦村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 6), "邻里纠纷", "村级", "已化解", D(2023, 10, 7)),
        (D(2023, 10, 13), "山林权属", "片区调解室", "已化解", D(2023, 10, 25)),
        (D(2023, 10, 19), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 10, 26), "征地拆迁", "镇级", "未化解", None),
    ]
    simple_xlsx(
        name, "10月", "后浦村2023年10月矛盾纠纷排查化解台账", "填报单位：后浦村（盖章）  填报日期：2023年10月31日",
        DH, drows("后浦", recs), ["填报人：许某兰"],
    )  # fmt: skip
    case(
        "b11_d06_unit_misspelt_houpu_close_to_three_units",
        [name],
        "文件名、标题、填报单位三处都写“后浦村”，本镇没有后浦村。读音看是后埔村（pǔ/pǔ）打错了字，但按字形，“后浦”和后埔村、后卓村、"
        "后黄社区（旧称后黄村）都只差一个字。文件里没有一处写对，不能猜：待确认，问是不是后埔村（答unit=后埔村后入库：后埔村10月4件，"
        "已化解2件）。错误的静默读法是按字面相似度挑一个最近的：记到后卓村或后黄社区（另一个村凭空多4件纠纷），或新建一个“后浦村”单位"
        "（不在任何片区，按村统计时这4件找不到）。",
        {
            "outcome": [["held", "loaded"]],
            "reason_has": [["后浦村", "后浦", "单位", "村居"]],
            "figures": {"disputes": {"rows": 0}},
            "quarantined": 0,
            "if_loaded": {"figures": {"disputes": dexp("后埔村", [("2023-10", recs)])}, "quarantined": 0},
        },
    )


def d07():
    name = "渭阳社区2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 2), "邻里纠纷", "村级", "已化解", D(2023, 10, 3)),
        (D(2023, 10, 12), "婚姻家庭", "片区调解室", "已化解", D(2023, 10, 18)),
        (D(2023, 10, 19), "土地承包", "村级", "化解中", None),
        (D(2023, 10, 25), "邻里纠纷", "镇级", "已化解", D(2023, 11, 2)),
        (D(2023, 10, 30), "征地拆迁", "村级", "未化解", None),
    ]
    wb, ws, hdr = simple_xlsx(
        name, "10月", "渭阳社区2023年10月矛盾纠纷排查化解台账", "填报单位：渭阳社区", DH, drows("渭阳", recs),
        ["填报人：蔡某华"], save_it=False,
    )  # fmt: skip
    for r in range(hdr + 1, hdr + 1 + len(recs)):
        ws.cell(row=r, column=2).number_format = 'm"月"'
        ws.cell(row=r, column=10).number_format = 'yyyy"年"m"月"'
    save(wb, name)
    case(
        "b11_d07_date_cells_formatted_to_show_month_only",
        [name],
        "渭阳社区的文书为了表格好看，把受理日期列的单元格格式设成“m月”，化解日期列设成“yyyy年m月”：屏幕上只看到“10月”“2023年11月”，"
        "格子里存的却是完整日期（10月2日、12日、19日、25日、30日；化解10月3日、18日、11月2日）。按格子里的日期入库：5件，已化解3件，"
        "其中10月25日受理的一件11月2日化解。只是显示格式，不是只有月份的日期，不能当成读不出的日期退回。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("渭阳社区", [("2023-10", recs)])},
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
    name = "镇项目办2023年10月重点项目推进表.xls"
    projects = [
        ("西天尾镇区雨污分流改造", "在建", 32000, 4000, 3150),
        ("澄渚社区农贸市场提升", "在建", 2800, 1200, 960),
        ("龙山村生态停车场", "预备", 650, 300, 0),
        ("后卓村高标准农田建设", "前期", 1050, 200, 35),
        ("镇中心幼儿园扩建", "在建", 4600, 1800, 1520),
    ]
    upper = ["人民币叁亿贰仟万元整", "贰仟捌佰万元", "陆佰伍拾万元", "壹仟零伍拾万元", "肆仟陆佰万元整"]
    header = ["序号", "项目名称", "所属", "项目阶段", "总投资", "2023年计划投资（万元）", "1-10月累计完成投资（万元）", "形象进度", "责任单位"]  # fmt: skip
    rows = [[i, p[0], "镇", p[1], u, p[3], p[4], "按计划推进", "镇城建办"]
            for i, (p, u) in enumerate(zip(projects, upper, strict=True), 1)]  # fmt: skip
    sheet = [
        ["西天尾镇2023年10月重点项目推进表"] + [None] * 8,
        ["填报单位：镇项目办    填报日期：2023年10月31日"],
        header,
        *rows,
        None,
        ["注：总投资按项目批复文件填写（大写）。"],
    ]
    xls(name, [{"title": "10月", "rows": sheet, "merge": [(0, 0, 0, 8)]}])
    case(
        "b11_k01_total_investment_in_chinese_financial_numerals",
        [name],
        "镇项目办的.xls表里，“总投资”一列照批复文件抄的大写金额：“人民币叁亿贰仟万元整”“贰仟捌佰万元”“陆佰伍拾万元”“壹仟零伍拾万元”"
        "“肆仟陆佰万元整”，即32000、2800、650、1050、4600万元，合计41100万元；年度计划（7500）和累计完成（5665）是阿拉伯数字。"
        "5个镇级项目：在建3、预备1、前期1。错误的静默读法是大写读不出就当空（全镇总投资0），或只认出前半截（“叁亿”记30000、"
        "“壹仟零伍拾”漏掉零后面的记1000）。按大写金额换算成万元入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["总投资", "大写", "金额"]],
            "figures": {"key_projects": kexp([("镇", projects)], "2023-10")},
            "quarantined": 0,
            "if_held": held_none("key_projects"),
        },
    )


def k02():
    name = "园区管委会2023年11月重点项目推进台账.xlsx"
    projects = [
        ("智能装备产业园一期", "在建", 36000, 8000, 7400),
        ("电子信息标准厂房", "在建", 18000, 5000, 5600),
        ("园区综合服务中心", "预备", 800, 300, 2600),
        ("新材料孵化基地", "前期", 9500, 600, 120),
    ]
    header = ["序号", "项目名称", "所属", "项目阶段", "总投资（万元）", "2023年计划投资（万元）", "1-11月累计完成投资（万元）", "形象进度", "责任单位"]  # fmt: skip
    rows = [
        [i, p[0], "园区", p[1], p[2], p[3], p[4], "推进中", "园区管委会"] for i, p in enumerate(projects, 1)
    ]
    simple_xlsx(name, "11月", "园区2023年11月重点项目推进台账", "填报单位：园区管委会", header, rows, ["填报人：王某明"])  # fmt: skip
    good = [p for p in projects if p[4] <= p[2]]
    case(
        "b11_k02_completed_exceeds_total_investment",
        [name],
        "园区管委会11月台账4个项目。“园区综合服务中心”（预备）总投资800万元、年度计划300万元，1-11月累计完成却写2600万元——"
        "比整个项目的总投资还多两倍多，多半是260打成了2600，也可能是元、万元弄混，要问园区：这一行进隔离区（说明累计完成超过总投资），"
        "或整份待确认。“电子信息标准厂房”完成5600超过年度计划5000，但没超总投资18000，是正常的超计划完成，照常入库。入库3个项目："
        "总投资63500、计划13600、完成13120万元。错误的静默读法是照2600入库：园区完成投资多出2600万元，这个项目的累计完成是总投资的3.25倍。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["总投资", "累计完成", "超过", "大于"]],
            "figures": {"key_projects": kexp([("园区", good)], "2023-11")},
            "quarantined": 1,
            "quarantine_reason_has": [["总投资", "超过", "大于", "超出"]],
            "if_held": held_none("key_projects"),
        },
    )


def k03():
    name = "镇项目办2023年11月重点项目台账.xlsx"
    split = [("财政资金", 3000, 800, 650), ("社会资本", 2000, 500, 300)]
    projects = [
        ("镇区污水管网改造", "在建", 5000, 1300, 950),
        ("后黄社区养老服务中心", "在建", 2600, 900, 720),
        ("象峰村文化广场", "预备", 450, 200, 0),
        ("吴江村特色民宿集群", "前期", 6000, 400, 50),
    ]
    header = ["序号", "项目名称", "所属", "项目阶段", "资金来源", "总投资（万元）", "2023年计划投资（万元）", "1-11月累计完成投资（万元）", "责任单位"]  # fmt: skip
    rows = [[1, "镇区污水管网改造", "镇", "在建", src, t, pl, dn, "镇城建办"] for src, t, pl, dn in split]
    rows[1][0] = None
    rows += [
        [2, "后黄社区养老服务中心", "镇", "在建", "财政资金", 2600, 900, 720, "镇民政办"],
        [3, "象峰村文化广场", "镇", "预备", "财政资金", 450, 200, 0, "象峰村"],
        [4, "吴江村特色民宿集群", "镇", "前期", "社会资本", 6000, 400, 50, "镇文旅办"],
    ]
    simple_xlsx(
        name, "11月", "西天尾镇2023年11月重点项目台账", "填报单位：镇项目办", header, rows,
        ["注：项目资金有多个来源的，按资金来源分行填写。"],
    )  # fmt: skip
    case(
        "b11_k03_one_project_split_by_funding_source",
        [name],
        "镇项目办的表多了一列“资金来源”，表下注明“项目资金有多个来源的，按资金来源分行填写”。“镇区污水管网改造”因此占两行：财政资金"
        "（总投资3000、计划800、完成650）和社会资本（2000、500、300），第二行序号空着，项目名称、阶段照抄。这是1个项目：总投资5000、"
        "计划1300、完成950万元。全镇4个项目：在建2、预备1、前期1，总投资14050、计划2800、完成1720万元。错误的静默读法是一行一个项目："
        "5个项目、在建3个（金额合计不变，个数错）；或按名称去重只留第一行，污水管网只剩总投资3000、完成650。两行相加算一个项目入库，"
        "或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["资金来源", "镇区污水管网改造", "重复", "两行"]],
            "figures": {"key_projects": kexp([("镇", projects)], "2023-11")},
            "quarantined": 0,
            "if_held": held_none("key_projects"),
        },
    )


def k04():
    name = "园区管委会2023年10月重点项目推进台账.xlsx"
    projects = [
        ("光电显示模组项目", "在建", 42000, 3500, 2980),
        ("冷链物流中心", "在建", 15000, 1000, 870),
        ("园区道路二期", "预备", 6800, 500, 0),
        ("数字经济产业园", "前期", 25000, 800, 60),
    ]
    plan_cells = ["3000（调整后3500）", "1200（年中调减为1000）", 500, 800]
    header = ["序号", "项目名称", "所属", "项目阶段", "总投资（万元）", "2023年计划投资（万元）", "1-10月累计完成投资（万元）", "形象进度", "责任单位"]  # fmt: skip
    rows = [[i, p[0], "园区", p[1], p[2], pl, p[4], "推进中", "园区管委会"]
            for i, (p, pl) in enumerate(zip(projects, plan_cells, strict=True), 1)]  # fmt: skip
    simple_xlsx(
        name, "10月", "园区2023年10月重点项目推进台账", "填报单位：园区管委会", header, rows,
        ["注：年度计划投资经7月园区党工委会议调整。"],
    )  # fmt: skip
    case(
        "b11_k04_annual_plan_with_adjusted_figure_in_brackets",
        [name],
        "园区的年度计划7月调过一次，文员没有改数，而是在原数后面加括号：“3000（调整后3500）”“1200（年中调减为1000）”，表下注明计划经7月会议调整。"
        "现在的年度计划是调整后的数：3500、1000，另两个项目500、800；园区4个项目计划合计5800万元（总投资88800、完成3910）。"
        "错误的静默读法是取格子里的第一个数（计划5500，光电显示模组完成率算成99%）或把数字连起来读成30003500。按调整后的数入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["计划", "调整", "3000"]],
            "figures": {"key_projects": kexp([("园区", projects)], "2023-10")},
            "quarantined": 0,
            "if_held": held_none("key_projects"),
        },
    )


def k05():
    name = "镇项目办2023年10月重点项目台账.xlsx"
    projects = [
        ("镇区道路白改黑工程", "在建", 5200, 1800, 1460),
        ("溪白社区邻里中心", "在建", 3100, 1000, 790),
        ("林山村污水处理设施", "在建", 1200, 600, 540),
        ("碗洋村农旅融合项目", "预备", 8000, 500, 0),
        ("北大村工业集中区配套", "前期", 15000, 300, 20),
    ]
    header = ["序号", "项目名称", "所属", "项目阶段", "建设内容", "总投资（万元）", "2023年计划投资（万元）", "1-10月累计完成投资（万元）", "形象进度", "责任单位"]  # fmt: skip
    total = ["合计", "共5个项目", None, None, None, sum(p[2] for p in projects), sum(p[3] for p in projects),
             sum(p[4] for p in projects), None, None]  # fmt: skip
    rows = [total] + [[i, p[0], "镇", p[1], "见项目批复", p[2], p[3], p[4], "按计划推进", "镇城建办"]
                      for i, p in enumerate(projects, 1)]  # fmt: skip
    wb, ws, hdr = simple_xlsx(name, "10月", "西天尾镇2023年10月重点项目台账", "填报单位：镇项目办", header, rows, save_it=False)  # fmt: skip
    for c in range(1, 11):
        ws.cell(row=hdr + 1, column=c).font = Font(bold=True)
    ws.freeze_panes = ws.cell(row=hdr + 2, column=3)
    ws.print_title_rows = f"{hdr}:{hdr + 1}"
    ws.print_area = f"A1:J{hdr + 1 + len(projects)}"
    save(wb, name)
    case(
        "b11_k05_total_row_on_top_under_the_header",
        [name],
        "镇项目办把“合计”行放在表头下面第一行（加粗，冻结窗格冻在它下面，打印时每页都带表头和合计）：“合计 | 共5个项目 | 总投资32500 | "
        "计划4200 | 完成2810”，下面才是5个项目。合计与5行相加一致。镇级5个项目：在建3、预备1、前期1。错误的静默读法是以为合计在表尾，"
        "把第一行当项目读：6个项目（一个没有阶段的“共5个项目”），全镇总投资65000、计划8400、完成5620，都翻了一倍。合计行不入库。",
        {
            "outcome": ["loaded"],
            "figures": {"key_projects": kexp([("镇", projects)], "2023-10")},
            "quarantined": [0, 1],
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


def prow(i, c, tag, leader="陈某", unit="镇综治中心", note=None):
    return [i, c[0], person(tag)[0], c[1], c[2], leader, unit, "包案化解", "已化解" if c[3] else "化解中", c[4], c[5], note]  # fmt: skip


def p01():
    name = "镇综治中心2023年11月信访积案台账.xlsx"
    A = ("XF2019-015", "宅基地纠纷", D(2019, 4, 11), True, D(2023, 6, 8), "是", True)
    B = ("XF2020-031", "征地补偿", D(2020, 10, 9), True, D(2023, 10, 17), "是", True)
    C = ("XF2021-006", "劳资欠薪", D(2021, 3, 2), False, None, "否", False)
    bad1 = ("XF2022-008", "拆迁安置", D(2022, 8, 15), True, D(2021, 9, 20), "是", True)
    bad2 = ("XF2022-024", "医疗纠纷", D(2022, 11, 30), True, D(2023, 11, 25), "是", True)
    header = PH + ["备注"]
    rows = [prow(i, c, "日期颠倒") for i, c in enumerate([A, B, C, bad1, bad2], 1)]
    simple_xlsx(
        name, "11月", "西天尾镇2023年11月信访积案化解台账", "填报单位：镇综治中心    填报日期：2023年11月10日",
        header, rows, ["填报人：林某英"],
    )  # fmt: skip
    case(
        "b11_p01_resolved_before_first_visit_and_after_list_date",
        [name],
        "综治中心11月积案清单（填报日期2023年11月10日）5件。XF2022-008（拆迁安置）初访时间2022年8月15日，状态已化解，化解日期却写"
        "2021年9月20日——比第一次上访还早将近一年，多半是2023打成了2021，但几月几日也未必对；XF2022-024（医疗纠纷）化解日期写"
        "2023年11月25日，晚于这张表的填报日期11月10日，表交上来时还没到那天。这两行自相矛盾，要问综治中心：进隔离区（说明化解日期早于"
        "初访时间、晚于填报日期），其余3件入库（已化解2件、化解中1件），或整份待确认。错误的静默读法是照抄入库：5件已化解4件，"
        "一件算成2021年化解（今年的化解数少一件、还成了“当年积案两年前已化解”），一件截至11月3日就算提前化解了。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["化解日期", "初访时间", "早于", "晚于", "填报日期"]],
            "figures": {"petitions": pexp("2023-11", [A, B, C])},
            "quarantined": 2,
            "quarantine_reason_has": [["化解日期", "初访", "早于", "晚于", "填报日期"]],
            "if_held": held_none("petitions"),
        },
    )


def p02():
    name = "镇综治中心2023年10月信访积案台账.xlsx"
    A = ("XF2019-027", "山林权属", D(2019, 8, 20), True, D(2023, 5, 12), "是", True)
    B = ("XF2021-014", "劳资欠薪", D(2021, 7, 22), False, None, "否", False)
    C = ("XF2022-005", "拆迁安置", D(2022, 2, 18), True, D(2023, 9, 26), "是", True)
    Dd = ("XF2020-033", "宅基地审批", D(2020, 11, 5), True, D(2023, 10, 9), "是", True)
    E = ("XF2022-029", "物业纠纷", D(2022, 10, 13), False, None, "否", False)
    header = PH + ["备注"]
    b_name = person("包案")[0]
    r_b1 = prow(2, B, "包案", leader="陈某（镇党委副书记）")
    r_b1[2] = b_name
    r_b2 = prow(1, B, "包案", leader="林某（吴江村党支部书记）", unit="吴江村", note="与镇领导共同包案")
    r_b2[2] = b_name
    rows = [
        ["一、镇领导包案（3件）"] + [None] * 11,
        prow(1, A, "包案", leader="黄某（镇长）"),
        r_b1,
        prow(3, C, "包案", leader="郑某（镇人大主席）"),
        ["二、村（居）包案（3件）"] + [None] * 11,
        r_b2,
        prow(2, Dd, "包案", leader="王某（后黄社区书记）", unit="后黄社区"),
        prow(3, E, "包案", leader="蔡某（东星社区书记）", unit="东星社区"),
    ]
    wb, ws, hdr = simple_xlsx(
        name, "10月", "西天尾镇2023年10月信访积案台账", "填报单位：镇综治中心", header, rows, ["填报人：吴某芳"],
        save_it=False,
    )  # fmt: skip
    for r in (hdr + 1, hdr + 5):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=12)
    save(wb, name)
    case(
        "b11_p02_same_case_in_two_baoan_blocks",
        [name],
        "综治中心的积案台账分两块：“一、镇领导包案（3件）”和“二、村（居）包案（3件）”。XF2021-014（劳资欠薪，化解中）由镇党委副书记和"
        "吴江村党支部书记共同包案，两块里各列了一次：信访人、初访时间、状态都一样，只有包案领导、责任单位不同，第二次备注“与镇领导共同包案”。"
        "积案是5件，不是6件：已化解3件、化解中2件、承诺书3份。错误的静默读法是6行6件：积案6件、化解中3件（化解率从60%掉到50%）。"
        "同一案件编号只算一次（第二行可进隔离区说明），或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["XF2021-014", "重复", "案件编号", "包案"]],
            "figures": {"petitions": pexp("2023-10", [A, B, C, Dd, E])},
            "quarantined": [0, 1],
            "if_held": held_none("petitions"),
        },
    )


def p03():
    name = "镇综治中心2023年10月信访积案化解情况.xlsx"
    A = ("XF2019-044", "土地征收补偿", D(2019, 12, 2), True, D(2023, 7, 19), "是", True)
    C = ("XF2021-028", "工伤待遇", D(2021, 9, 27), False, None, "否", False)
    Dd = ("XF2022-012", "房屋质量", D(2022, 5, 6), True, D(2023, 10, 20), "是", True)
    E = ("XF2022-035", "养殖补偿", D(2022, 12, 19), False, None, "否", False)
    header = PH + ["备注"]
    rows = [prow(i, c, "终结") for i, c in enumerate([A, None, C, Dd, E], 1) if c]
    rows.insert(1, [2, "XF2020-019", person("终结")[0], "企业改制遗留问题", D(2020, 6, 16), "郑某", "镇综治中心", "复查复核",
                    "依法终结", D(2023, 8, 30), "否", "经复查复核，信访事项已依法终结；信访人仍不服，继续稳控"])  # fmt: skip
    for i, r in enumerate(rows, 1):
        r[0] = i
    simple_xlsx(name, "10月", "西天尾镇2023年10月信访积案化解情况", "填报单位：镇综治中心", header, rows, ["填报人：李某华"])  # fmt: skip
    case(
        "b11_p03_status_yifa_zhongjie_is_not_huajie",
        [name],
        "综治中心10月积案5件，状态除了已化解（2件）、化解中（2件），还有XF2020-019（企业改制遗留）写“依法终结”，化解日期一栏填了终结日期"
        "2023年8月30日，备注“经复查复核，信访事项已依法终结；信访人仍不服，继续稳控”，承诺书“否”。依法终结是信访程序走完了，不是矛盾化解了，"
        "信访人还不服；算不算本镇的“积案化解”要问综治中心：这一行进隔离区（说明状态“依法终结”），其余4件入库（已化解2件、化解中2件），"
        "或整份待确认。错误的静默读法是见“终结”就当结案算已化解（已化解3件，化解日期8月30日），或认不出就当化解中。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["依法终结", "终结", "状态"]],
            "figures": {"petitions": pexp("2023-10", [A, C, Dd, E])},
            "quarantined": 1,
            "quarantine_reason_has": [["依法终结", "终结", "状态"]],
            "if_held": held_none("petitions"),
        },
    )


def p04():
    name = "镇综治中心2023年11月信访积案台账.xls"
    cases_ = [
        ("XF2019-052", "宅基地审批", D(2019, 10, 14), True, D(2023, 4, 26), "是", True),
        ("XF2020-008", "征地补偿", D(2020, 2, 27), True, D(2023, 8, 15), "是", True),
        ("XF2021-033", "劳动争议", D(2021, 11, 19), False, None, "否", False),
        ("XF2022-017", "拆迁安置", D(2022, 6, 8), True, D(2023, 11, 2), "是", True),
        ("XF2022-040", "山林权属", D(2022, 12, 28), False, None, "否", False),
    ]
    rows = [prow(i, c, "老格式")[:11] for i, c in enumerate(cases_, 1)]
    sheet = [
        ["西天尾镇2023年11月信访积案化解台账"] + [None] * 10,
        ["填报单位：镇综治中心    填报日期：2023年11月6日"],
        PH,
        *rows,
        None,
        ["填报人：郑某兰    审核人：陈某"],
    ]
    xls(
        name,
        [{"title": "积案台账", "rows": sheet, "merge": [(0, 0, 0, 10)], "freeze": 3}],
        date_fmt="yyyy-mm-dd",
    )
    case(
        "b11_p04_plain_biff8_xls_petition_list",
        [name],
        "综治中心的电脑装的是Excel 2003，台账存成.xls（BIFF8），冻结了前3行。日期是真正的日期单元格，状态已化解/化解中，承诺书是/否。"
        "11月积案5件：已化解3件（其中11月2日1件）、化解中2件，承诺书3份。照常入库，不能因为是老格式退回。",
        {
            "outcome": ["loaded"],
            "figures": {"petitions": pexp("2023-11", cases_)},
            "quarantined": 0,
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
    name = "象峰村2023年10月三官一律工作台账.xlsx"
    visits = [
        (D(2023, 10, 10), "法官", "带案下访", "象峰村", 1, 4),
        (D(2023, 10, 16), "警官", "入户走访", "象峰村", 0, 6),
        (D(2023, 10, 23), "律师", "法律咨询", "象峰村", 1, 9),
        (D(2023, 10, 30), "检察官", "普法宣传", "象峰村", 0, 5),
    ]
    carried = ["上月结转（1-9月累计）", None, None, None, None, None, None, 14, 52]
    total = ["合计（1-10月累计）", None, None, None, None, None, None, 14 + 2, 52 + 24]
    rows = [carried] + lrows("象峰", visits) + [total]
    wb, ws, hdr = simple_xlsx(
        name, "10月", "象峰村2023年10月“三官一律”工作台账", "填报单位：象峰村", LH, rows, ["填报人：吴某英"], save_it=False
    )  # fmt: skip
    for r in (hdr + 1, hdr + 2 + len(visits)):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
    save(wb, name)
    case(
        "b11_l01_carried_forward_line_and_running_total",
        [name],
        "象峰村的台账第一行不是走访，是合并单元格写的“上月结转（1-9月累计）”，化解纠纷数14、法律咨询数52；下面是10月的4次走访"
        "（化解2件、咨询24人次）；最后一行“合计（1-10月累计）”16、76，等于结转加本月。10月的三官一律是4次、化解2件、咨询24人次。"
        "错误的静默读法是把“上月结转”当成一次走访（没有日期就按10月记，或身份空着照样入库）：10月5次、化解16件、咨询76人次，"
        "象峰村一个月顶了前九个月；或合计行只认出“合计”而把结转行留下。结转行和合计行都不入库（可进隔离区说明）。",
        {
            "outcome": ["loaded"],
            "figures": {"legal_visits": lexp([("2023-10", visits)])},
            "quarantined": [0, 1, 2],
        },
    )


def l02():
    name = "林峰社区2023年11月三官一律工作台账.xlsx"
    written = [
        ("2023年11月2日", "警官", "入户走访", "林峰社区", 1, 3),
        ("2023年11月", "律师", "法律咨询", "林峰社区", 0, 7),
        ("2023年11月8日", "法官", "带案下访", "林峰社区", 2, 2),
        ("2023年11月", "检察官", "普法宣传", "林峰社区", 0, 10),
        ("2023年11月21日", "律师", "法律咨询", "林峰社区", 1, 5),
    ]
    simple_xlsx(
        name, "11月", "林峰社区2023年11月“三官一律”工作台账", "填报单位：林峰社区  填报日期：2023年11月30日",
        LH, lrows("林峰", written), ["填报人：黄某珍"],
    )  # fmt: skip
    dated = [
        (D(2023, 11, 2), "警官", "入户走访", "林峰社区", 1, 3),
        (D(2023, 11, 8), "法官", "带案下访", "林峰社区", 2, 2),
        (D(2023, 11, 21), "律师", "法律咨询", "林峰社区", 1, 5),
    ]
    case(
        "b11_l02_visit_dates_with_month_but_no_day",
        [name],
        "林峰社区11月台账5次走访，其中律师法律咨询（咨询7人次）和检察官普法宣传（咨询10人次）两次，日期只写“2023年11月”，文书记不清是哪天。"
        "一次走访要有日子：截至11月3日的数就看这两次在3日前还是后，表里没有。这两行进隔离区（说明日期缺日），其余3次入库"
        "（11月2日、8日、21日；化解4件、咨询10人次），或整份待确认。错误的静默读法是把“2023年11月”当成11月1日：截至11月3日林峰社区"
        "多出2次走访、17人次咨询（其实可能是月底的事）。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["日期", "2023年11月", "哪一天", "日"]],
            "figures": {"legal_visits": lexp([("2023-11", dated)])},
            "quarantined": 2,
            "quarantine_reason_has": [["日期", "2023年11月", "哪一天", "缺"]],
            "if_held": held_none("legal_visits"),
        },
    )


def l03():
    name = "碗洋村2023年10月三官一律工作台账.xlsx"
    visits = [
        (D(2023, 10, 9), "法官", "带案下访", "碗洋村", 2, 3),
        (D(2023, 10, 13), "律师", "法律咨询", "碗洋村", 0, 8),
        (D(2023, 10, 19), "警官", "矛盾调解", "碗洋村", 1, 2),
        (D(2023, 10, 26), "检察官", "普法宣传", "碗洋村", 0, 6),
        (D(2023, 10, 31), "律师", "矛盾调解", "碗洋村", 2, 4),
    ]
    case_nos = [
        "碗调〔2023〕15号、碗调〔2023〕18号",
        "无",
        "碗调〔2023〕21号",
        "无",
        "碗调〔2023〕24号、碗调〔2023〕27号",
    ]
    rows = lrows("碗洋", visits)
    for r, c in zip(rows, case_nos, strict=True):
        r[7] = c
    simple_xlsx(
        name, "10月", "碗洋村2023年10月“三官一律”工作台账", "填报单位：碗洋村", LH, rows,
        ["注：司法所要求化解的纠纷写明调解案号，便于核对。", "填报人：郑某芳"],
    )  # fmt: skip
    case(
        "b11_l03_resolved_column_holds_mediation_case_numbers",
        [name],
        "司法所要求能核对，碗洋村就在“化解纠纷数”一栏写调解案号而不是件数：“碗调〔2023〕15号、碗调〔2023〕18号”“无”“碗调〔2023〕21号”"
        "“无”“碗调〔2023〕24号、碗调〔2023〕27号”。每个案号一件：2、0、1、0、2，5次走访化解5件，咨询23人次。错误的静默读法是从格子里抠数字："
        "读出2023、202315之类（碗洋村一个月化解几千件），或读不出当0/空（化解0件）。按案号个数入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["化解纠纷数", "案号", "碗调"]],
            "figures": {"legal_visits": lexp([("2023-10", visits)])},
            "quarantined": 0,
            "if_held": held_none("legal_visits"),
        },
    )


def l04():
    name = "西天尾镇2023年10月三官一律下沉工作台账.xlsx"
    visits = [
        (D(2023, 10, 8), "法官", "带案下访", "龙山村", 1, 3),
        (D(2023, 10, 12), "检察官", "普法宣传", "北大村", 0, 12),
        (D(2023, 10, 17), "警官", "入户走访", "后卓村", 1, 4),
        (D(2023, 10, 20), "律师", "法律咨询", "洞湖村", 0, 9),
        (D(2023, 10, 25), "警官", "矛盾调解", "三山村", 2, 1),
        (D(2023, 10, 30), "律师", "法律咨询", "下垞村", 1, 6),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    ws.sheet_view.showGridLines = False
    ws.column_dimensions["A"].width = 2
    ws.column_dimensions["B"].width = 2
    title(ws, "西天尾镇2023年10月“三官一律”下沉工作台账", len(LH), row=2, col=3)
    ws.cell(row=4, column=3, value="填报单位：镇综治中心")
    ws.cell(row=4, column=9, value="填报日期：2023年10月31日")
    put_rows(ws, [LH] + lrows("镇台账", visits), start=6, col=3)
    ws.cell(row=6 + len(visits) + 2, column=3, value="填报人：方某生")
    ws.freeze_panes = "E7"
    save(wb, name)
    case(
        "b11_l04_table_offset_to_c6_with_frozen_panes",
        [name],
        "综治中心的台账左边留了两列窄窄的空白（A、B列宽2），标题在第2行、填报单位在第4行，表头从C6开始，冻结窗格在E7，关了网格线。"
        "这些只是排版：10月6次下沉（法官1、检察官1、警官2、律师2），化解5件、咨询35人次，照常入库。",
        {
            "outcome": ["loaded"],
            "figures": {"legal_visits": lexp([("2023-10", visits)])},
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ grid events
GH = ["事件编号", "所属网格", "事件类型", "上报时间", "处理时限", "办结时间", "状态", "事件描述", "上报人"]


def gid(grid: str) -> str:
    return "G" + re.search(r"\d+", grid).group().zfill(2)


def ts(t):
    return "" if t is None else t.strftime("%Y-%m-%d %H:%M:%S")


def gexp(period, ev):
    """ev: (id, grid, type, reported, closed, status)."""
    return {
        "rows": len(ev),
        "by_unit": {"东星社区": len(ev)},
        "by_period": {period: len(ev)},
        "counts": {
            "status": dict(Counter(e[5] for e in ev)),
            "event_type": dict(Counter(e[2] for e in ev)),
            "grid_id": dict(Counter(gid(e[1]) for e in ev)),
        },
        "values": {"reported_at": [ts(e[3]) for e in ev]},
    }


def g01():
    name = "东星社区网格事件导出_202310.xlsx"
    ev = [
        ("DX20231002004", "第04网格", "服务群众", T(2023, 10, 2, 8, 40), T(2023, 10, 2, 15, 20), "已办结", "居民反映楼道灯损坏"),
        ("DX20231005011", "第08网格", "治安防控", T(2023, 10, 5, 20, 10), T(2023, 10, 6, 9, 0), "已办结", "夜间烧烤摊噪音扰民"),
        ("DX20231005012", "第08网格", "治安防控", T(2023, 10, 5, 20, 14), None, "重复上报", "与DX20231005011为同一事件"),
        ("DX20231010007", "第13网格", "生态环境", T(2023, 10, 10, 10, 30), None, "办理中", "沟渠淤堵"),
        ("DX20231014003", "第17网格", "公共安全", T(2023, 10, 14, 7, 50), T(2023, 10, 14, 18, 45), "已办结", "电动车楼道充电"),
        ("DX20231019009", "第22网格", "服务群众", T(2023, 10, 19, 9, 5), None, "作废", "网格员误操作录入，已作废"),
        ("DX20231024002", "第26网格", "维护稳定", T(2023, 10, 24, 15, 35), None, "已分流", "群众反映物业收费争议"),
        ("DX20231030006", "第30网格", "服务群众", T(2023, 10, 30, 11, 20), None, "受理", "老人申请助餐服务"),
    ]  # fmt: skip
    rows = [
        [e[0], e[1], e[2], e[3], e[3] + dt.timedelta(days=3), e[4], e[5], e[6], person("筛选")[0]] for e in ev
    ]
    wb, ws, hdr = simple_xlsx(name, "事件列表", None, "导出时间：2023-11-01 08:20    导出条件：2023-10-01至2023-10-31", GH, rows, save_it=False)  # fmt: skip
    last = hdr + len(rows)
    ws.auto_filter.ref = f"A{hdr}:I{last}"
    ws.auto_filter.filterColumn.append(
        FilterColumn(colId=6, filters=Filters(filter=["已办结", "办理中", "已分流", "受理"]))
    )
    for i, e in enumerate(ev):
        if e[5] in ("作废", "重复上报"):
            ws.row_dimensions[hdr + 1 + i].hidden = True
    save(wb, name)
    real = [e[:6] for e in ev if e[5] not in ("作废", "重复上报")]
    case(
        "b11_g01_autofilter_hides_void_and_duplicate_reports",
        [name],
        "东星社区信息员导出10月事件8条，在“状态”上加了自动筛选，去掉了“作废”和“重复上报”两项，保存时筛选还开着：DX20231005012（重复上报，"
        "“与DX20231005011为同一事件”）和DX20231019009（作废，“网格员误操作录入”）两行被筛选隐藏。这回被筛掉的恰恰不是事件：10月东星社区"
        "6件（已办结3、办理中1、已分流1、受理1）。错误的静默读法是照“筛选隐藏的行照样是记录”的惯例把8行都算：事件8件、办结率3/8，"
        "作废、重复上报当成未办结。这两行不算事件（进隔离区说明状态作废/重复上报，或直接不计），或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["作废", "重复上报", "筛选"]],
            "figures": {"grid_events": gexp("2023-10", real)},
            "quarantined": [0, 1, 2],
            "if_held": held_none("grid_events"),
        },
    )


def g02():
    name = "东星社区2023年11月网格事件.xlsx"
    ev = [
        ("DX20231101005", "第01网格", "服务群众", T(2023, 11, 1, 9, 10), T(2023, 11, 1, 16, 0), "已办结"),
        ("DX20231104008", "第06网格", "治安防控", T(2023, 11, 4, 22, 30), T(2023, 11, 5, 8, 15), "已办结"),
        ("DX20231109002", "第10网格", "生态环境", T(2023, 11, 9, 8, 5), T(2023, 10, 9, 17, 40), "已办结"),
        ("DX20231113010", "第15网格", "公共安全", T(2023, 11, 13, 14, 25), T(2023, 11, 14, 10, 0), "已办结"),
        ("DX20231117004", "第20网格", "服务群众", T(2023, 11, 17, 10, 40), T(2023, 11, 17, 9, 30), "已办结"),
        ("DX20231122006", "第25网格", "维护稳定", T(2023, 11, 22, 16, 50), None, "办理中"),
        ("DX20231128001", "第31网格", "服务群众", T(2023, 11, 28, 8, 30), None, "受理"),
    ]
    rows = [
        [e[0], e[1], e[2], e[3], e[3] + dt.timedelta(days=3), e[4], e[5], "网格员巡查发现", person("倒序")[0]]
        for e in ev
    ]
    simple_xlsx(name, "11月", "东星社区2023年11月网格事件台账", "填报单位：东星社区（手工登记）", GH, rows, ["登记人：林某华"])  # fmt: skip
    good = [e for e in ev if e[4] is None or e[4] >= e[3]]
    case(
        "b11_g02_closed_before_reported",
        [name],
        "东星社区11月的网格事件是信息员手工登记的，7件。DX20231109002上报时间11月9日8:05，办结时间却写10月9日17:40（早了一个月，"
        "多半是月份打错）；DX20231117004上报11月17日10:40，办结写当天9:30（比上报早70分钟）。办结早于上报不可能，哪个时间错了表里看不出："
        "这两行进隔离区（说明办结时间早于上报时间），其余5件入库（已办结3、办理中1、受理1），或整份待确认。错误的静默读法是照抄："
        "两件“已办结”的处理时长是负数（约−734小时、−70分钟），把办结时长中位数和按期办结率都拉偏，办结率算成5/7。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["办结时间", "上报时间", "早于"]],
            "figures": {"grid_events": gexp("2023-11", good)},
            "quarantined": 2,
            "quarantine_reason_has": [["办结时间", "上报时间", "早于"]],
            "if_held": held_none("grid_events"),
        },
    )


def g03():
    name = "东星社区2023年10月网格事件登记簿.xlsx"
    days = [
        ("2023年10月9日（星期一）", [
            ("DX20231009003", "第05网格", "服务群众", T(2023, 10, 9, 9, 15), T(2023, 10, 9, 15, 40), "已办结"),
            ("DX20231009008", "第12网格", "治安防控", T(2023, 10, 9, 20, 35), None, "办理中"),
        ]),
        ("2023年10月18日（星期三）", [
            ("DX20231018002", "第18网格", "生态环境", T(2023, 10, 18, 7, 50), T(2023, 10, 19, 10, 20), "已办结"),
            ("DX20231018006", "第24网格", "公共安全", T(2023, 10, 18, 14, 10), T(2023, 10, 18, 18, 5), "已办结"),
            ("DX20231018011", "第29网格", "维护稳定", T(2023, 10, 18, 19, 45), None, "已分流"),
        ]),
        ("2023年10月27日（星期五）", [
            ("DX20231027004", "第33网格", "服务群众", T(2023, 10, 27, 10, 25), None, "受理"),
        ]),
    ]  # fmt: skip
    header = ["事件编号", "所属网格", "事件类型", "上报时间", "办结时间", "状态", "事件描述", "上报人"]
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    title(ws, "东星社区2023年10月网格事件登记簿", len(header))
    ws["A2"] = "填报单位：东星社区"
    put_rows(ws, [header], start=3)
    r = 4
    ev = []
    for label, items in days:
        ws.cell(row=r, column=1, value=label).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
        r += 1
        for e in items:
            put_rows(
                ws,
                [[e[0], e[1], e[2], e[3].time(), e[4], e[5], "网格员巡查发现", person("按日")[0]]],
                start=r,
            )
            r += 1
            ev.append(e)
    save(wb, name)
    case(
        "b11_g03_date_only_in_day_group_rows_times_in_cells",
        [name],
        "东星社区的网格事件登记簿按日期分组：合并的分组行“2023年10月9日（星期一）”“2023年10月18日（星期三）”“2023年10月27日（星期五）”，"
        "下面各行的“上报时间”只有钟点（9:15、20:35、7:50……，时间格式的单元格，没有日期部分）；办结时间是完整的日期时间。"
        "每件事件的上报日期就是上面最近的分组行：6件，10月9日2件、18日3件、27日1件（已办结3、办理中1、已分流1、受理1）。"
        "错误的静默读法是只读单元格：上报时间成了1899年12月30日（或今天）的9:15，事件掉出10月、办结时长算成一百多年；"
        "或把分组行当成事件。按分组行的日期拼上钟点入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["上报时间", "日期", "分组"]],
            "figures": {"grid_events": gexp("2023-10", ev)},
            "quarantined": 0,
            "if_held": held_none("grid_events"),
        },
    )


def g04():
    name = "东星社区网格事件_202310（原始值导出）.csv"
    ev = [
        ("DX20231003007", "第03网格", "服务群众", T(2023, 10, 3, 9, 0), T(2023, 10, 3, 16, 30), "已办结"),
        ("DX20231008002", "第09网格", "治安防控", T(2023, 10, 8, 19, 30), T(2023, 10, 9, 9, 45), "已办结"),
        ("DX20231015010", "第14网格", "生态环境", T(2023, 10, 15, 7, 30), None, "办理中"),
        ("DX20231021005", "第21网格", "公共安全", T(2023, 10, 21, 12, 0), T(2023, 10, 21, 18, 0), "已办结"),
        ("DX20231029003", "第27网格", "维护稳定", T(2023, 10, 29, 15, 0), None, "已分流"),
    ]

    def raw(t):
        if t is None:
            return ""
        frac = (t.hour * 60 + t.minute) / 1440
        return repr(serial(t.date()) + frac)

    rows = [[e[0], e[1], e[2], raw(e[3]), raw(e[3] + dt.timedelta(days=3)), raw(e[4]), e[5], "居民反映", person("原始值")[0]]
            for e in ev]  # fmt: skip
    text = csv_text([["东星社区网格事件（2023年10月，原始值导出）"], GH] + rows)
    (FILES / name).write_bytes(text.encode("gbk"))
    case(
        "b11_g04_times_as_excel_serials_with_fractions_in_csv",
        [name],
        "平台的“导出原始值”选项把时间写成Excel序列号：上报时间“45202.375”（2023年10月3日9:00）、“45207.8125”（10月8日19:30）、"
        "“45214.3125”（10月15日7:30）、“45220.5”（10月21日12:00）、“45228.625”（10月29日15:00），办结时间同样写法，GBK编码的CSV，"
        "第一行是标题“（2023年10月，原始值导出）”。整数部分是日期，小数部分是一天中的时刻。10月5件，已办结3件。错误的静默读法是只取整数"
        "部分（上报都成了0点，办结时长全错），或把序列号当成普通数字存进时间列读不出就空着。换算成日期时间入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["上报时间", "序列号", "数字", "时间"]],
            "figures": {"grid_events": gexp("2023-10", ev)},
            "quarantined": 0,
            "if_held": held_none("grid_events"),
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


def arows(org, tag, acts, place="村部会议室", topic="学习贯彻党的二十大精神"):
    return [[i, org, typ, d, place, topic, e, a, person(tag)[0]]
            for i, (typ, d, e, a) in enumerate(acts, 1)]  # fmt: skip


def a01():
    name = "林峰社区党委2023年10月三会一课台账.xlsx"
    committee = [
        ("支委会", D(2023, 10, 8), 7, 7),
        ("党员大会", D(2023, 10, 20), 52, 46),
        ("党课", D(2023, 10, 27), 52, 45),
    ]
    branch = [
        ("支委会", D(2023, 10, 10), 5, 5),
        ("党员大会", D(2023, 10, 20), 52, 46),
        ("主题党日", D(2023, 10, 25), 18, 17),
    ]
    joint = "社区党委召开全体党员大会，学习贯彻党的二十大精神"
    wb = wb_new()
    ws1 = wb.active
    ws1.title = "社区党委"
    r1 = arows("林峰社区党委", "林峰党委", committee, place="社区党群服务中心")
    r1[1][5] = joint
    fill_sheet(ws1, "林峰社区党委2023年10月“三会一课”台账", "填报单位：林峰社区党委", AH, r1)
    ws2 = wb.create_sheet("第一党支部")
    r2 = arows("林峰社区第一党支部", "林峰一支", branch, place="社区党群服务中心")
    r2[1][5] = joint
    r2[1][8] = r1[1][8]
    fill_sheet(ws2, "林峰社区第一党支部2023年10月“三会一课”台账", "填报单位：林峰社区第一党支部", AH, r2)
    save(wb, name)
    acts = committee + [branch[0], branch[2]]
    case(
        "b11_a01_same_meeting_on_committee_and_branch_sheets",
        [name],
        "林峰社区党委的工作簿两张表：“社区党委”（支委会10月8日、党员大会10月20日、党课10月27日）和“第一党支部”（支委会10月10日、"
        "党员大会10月20日、主题党日10月25日）。10月20日的党员大会是社区党委召集全体党员开的，支部的表也记了一遍：日期、地点、主题"
        "“社区党委召开全体党员大会……”、应到52、实到46、主持人都一样，只有党组织写“林峰社区第一党支部”。这是同一次会：林峰社区10月5次活动，"
        "应到134、实到120。错误的静默读法是两张表各算各的：6次活动、党员大会2次，应到186、实到166。重复那行只算一次（可进隔离区说明），"
        "或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["党员大会", "重复", "10月20日", "同一"]],
            "figures": {"party_activities": aexp("林峰社区", "P05", [("2023-10", acts)])},
            "quarantined": [0, 1],
            "if_held": held_none("party_activities"),
        },
    )


def a02():
    name = "吴江村党支部2023年11月三会一课台账.xlsx"
    acts = [
        ("支委会", D(2023, 11, 3), 5, 5),
        ("党员大会", D(2023, 11, 10), 34, 30),
        ("现场教学", D(2023, 11, 14), 0, 26),
        ("主题党日", D(2023, 11, 20), 34, 31),
        ("党课", D(2023, 11, 28), -34, 29),
    ]
    simple_xlsx(
        name, "11月", "吴江村党支部2023年11月“三会一课”台账", "填报单位：吴江村党支部", AH,
        arows("吴江村党支部", "吴江", acts), ["填报人：王某英"],
    )  # fmt: skip
    good = [a for a in acts if a[2] > 0]
    case(
        "b11_a02_expected_zero_and_negative",
        [name],
        "吴江村党支部11月5次活动，两行的“应到人数”不对：11月14日现场教学应到“0”、实到26（文书说现场教学不点名，就填了0）；11月28日党课"
        "应到“-34”、实到29（多按了一个减号）。应到0人到了26人、应到负数都不可能，参学率算不出来，要问支部：这两行进隔离区（说明应到人数"
        "为0、为负数），其余3次入库（应到73、实到66，参学率90.41%），或整份待确认。错误的静默读法是照数字入库：应到5+34+0+34−34=39、"
        "实到121，参学率310%；或只把负号去掉、0当空，照样少了一次应到。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["应到", "0", "负"]],
            "figures": {"party_activities": aexp("吴江村", "P08", [("2023-11", good)])},
            "quarantined": 2,
            "quarantine_reason_has": [["应到", "负", "为0", "0"]],
            "if_held": held_none("party_activities"),
        },
    )


def a03():
    name = "下垞村党支部2023年10月三会一课台账.xlsx"
    members = distinct_names(26, start=3)
    committee = members[:5]
    group = members[5:14]
    acts = [
        ("支委会", D(2023, 10, 9), 5, committee, "、"),
        ("党小组会", D(2023, 10, 13), 9, group[:8], "，"),
        ("党员大会", D(2023, 10, 19), 26, members[:23], "、"),
        ("党课", D(2023, 10, 26), 26, members[2:24], "\n"),
    ]
    header = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "应到人数", "实到人员", "主持人"]
    rows = [[i, "下垞村党支部", t, d, "村部会议室", "学习贯彻党的二十大精神", e, sep.join(names), members[0]]
            for i, (t, d, e, names, sep) in enumerate(acts, 1)]  # fmt: skip
    rows[1][1] = "下垞村党支部第一党小组"
    wb, ws, hdr = simple_xlsx(
        name, "10月", "下垞村党支部2023年10月“三会一课”台账", "填报单位：下垞村党支部", header, rows,
        ["填报人：" + members[1]], save_it=False,
    )  # fmt: skip
    ws.cell(row=hdr + 4, column=8).alignment = Alignment(wrap_text=True)
    save(wb, name)
    counted = [(t, d, e, len(names)) for t, d, e, names, _ in acts]
    case(
        "b11_a03_attended_given_as_list_of_names",
        [name],
        "下垞村党支部的表没有“实到人数”，只有“实到人员”一栏，写参会党员的名字：支委会5个名字（用“、”隔开）、第一党小组会8个（用“，”隔开）、"
        "党员大会23个、党课22个（一人一行，单元格内换行）。实到就是名字的个数：5、8、23、22。4次活动应到66、实到58，参学率87.88%。"
        "错误的静默读法是名字读不成数字就把实到记空（参学率算不出、或按0算），或一格算1人（实到4）。数名字入库，或待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["实到", "名字", "人员", "姓名"]],
            "figures": {"party_activities": aexp("下垞村", "P16", [("2023-10", counted)])},
            "quarantined": 0,
            "if_held": held_none("party_activities"),
        },
    )


def a04():
    name = "后卓村党支部2023年10月三会一课台账.xlsx"
    acts = [
        ("支委会", D(2023, 10, 7), 5, 5),
        ("党员大会", D(2023, 10, 14), 31, 28),
        ("主题党日", D(2023, 10, 20), 31, 29),
        ("党课", D(2023, 10, 28), 31, 27),
    ]
    rows = arows("后卓村党支部", "后卓", acts)
    rows.insert(3, [4, "后卓村新时代文明实践站", "志愿服务", D(2023, 10, 23), "村老年活动中心", "重阳敬老志愿服务", None, 86,
                    person("后卓")[0]])  # fmt: skip
    rows.append([6, "后卓村新时代文明实践站", "文明实践宣讲", D(2023, 10, 30), "村文化广场", "移风易俗宣讲", None, 120,
                 person("后卓")[0]])  # fmt: skip
    for i, r in enumerate(rows, 1):
        r[0] = i
    simple_xlsx(
        name, "10月", "后卓村党支部2023年10月“三会一课”台账", "填报单位：后卓村党支部", AH, rows, ["填报人：蔡某英"]
    )  # fmt: skip
    case(
        "b11_a04_civilisation_station_rows_pasted_into_party_ledger",
        [name],
        "后卓村的文书把“新时代文明实践站活动台账”里的两条也贴进了三会一课台账：10月23日“重阳敬老志愿服务”、10月30日“移风易俗宣讲”，"
        "党组织写“后卓村新时代文明实践站”，活动类型“志愿服务”“文明实践宣讲”，应到空着，实到86、120（参加的群众）。这不是党组织的会议，"
        "也不是党员。后卓村党支部10月4次活动（支委会、党员大会、主题党日、党课），应到98、实到89。错误的静默读法是6行都算党组织活动："
        "活动6次，实到295（参学率算出来301%，或这两行没有应到就把实到照加）。这两行进隔离区（说明不是三会一课，党组织不是党支部），"
        "或整份待确认。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["文明实践", "志愿服务", "活动类型", "党组织"]],
            "figures": {"party_activities": aexp("后卓村", "P11", [("2023-10", acts)])},
            "quarantined": 2,
            "quarantine_reason_has": [["文明实践", "志愿服务", "活动类型", "党组织"]],
            "if_held": held_none("party_activities"),
        },
    )


def a05():
    name = "三山村党支部2023年11月三会一课台账.xls"
    acts = [
        ("支委会", D(2023, 11, 6), 5, 5),
        ("党员大会", D(2023, 11, 13), 29, 26),
        ("主题党日", D(2023, 11, 20), 29, 27),
        ("党课", D(2023, 11, 27), 29, 25),
    ]
    sheet = [
        ["三山村党支部2023年11月“三会一课”台账"] + [None] * 8,
        ["填报单位：三山村党支部    填报日期：2023年11月30日"],
        AH,
        *arows("三山村党支部", "三山", acts),
        None,
        ["填报人：李某生"],
    ]
    xls(
        name,
        [{"title": "11月", "rows": sheet, "merge": [(0, 0, 0, 8)], "freeze": 3}],
        date_fmt='yyyy"年"m"月"d"日"',
    )
    case(
        "b11_a05_plain_biff8_xls_with_frozen_header",
        [name],
        "三山村党支部用WPS另存为“Excel 97-2003工作簿”（.xls，BIFF8），冻结了标题和表头三行。11月4次活动：支委会、党员大会、主题党日、党课，"
        "应到92、实到83（参学率90.22%）。照常入库。",
        {
            "outcome": ["loaded"],
            "figures": {"party_activities": aexp("三山村", "P13", [("2023-11", acts)])},
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ main
class NoAliases(yaml.SafeDumper):
    """Spell shared figure blocks out in full (no &id001 anchors)."""

    def ignore_aliases(self, data):
        return True


def main():
    if FILES.exists():
        shutil.rmtree(FILES)
    FILES.mkdir()
    _seq.clear()
    CASES.clear()
    for fn in [
        d01, d02, d03, d04, d05, d06, d07,
        k01, k02, k03, k04, k05,
        p01, p02, p03, p04,
        l01, l02, l03, l04,
        g01, g02, g03, g04,
        a01, a02, a03, a04, a05,
    ]:  # fmt: skip
        fn()
    head = (
        "# Habit batch 11 — what a careful analyst wants in the warehouse after the case's files are ingested in order.\n"
        "# Written by hand from the rows make_files.py writes (never from running the program); generated by make_files.py.\n"
        "# Format: see batch1's header (files, outcome, figures rows/by_unit/by_period/counts/sums/values, quarantined,\n"
        "# quarantine_reason_has, reason_has, meta, if_held/if_loaded, readings).\n"
        "# Sums use the mart column names (total_investment, annual_plan, completed_investment, disputes_resolved,\n"
        "# consultations, expected, attended), as batches 3-10 do. Each trap's story says what the wrong silent reading is.\n"
        "# Legal visits carry no by_unit; petition and key-project lists are compared in staging terms (each month's list\n"
        "# is its own snapshot). Party organisation ids: P05 林峰, P08 吴江, P11 后卓, P13 三山, P16 下垞; grid ids G01-G33.\n\n"
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
