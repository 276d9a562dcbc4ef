"""Habit batch 10: write files/ and cases.yaml.

    /work/main/.venv/bin/python make_files.py

Focus: sequences of files from the same sender over time and between senders (补报, 更正 inside a later month,
resends without a word, late-registered cases, cumulative and quarterly ledgers after monthly ones, town summaries
after the villages' own files, 代报, 零报告 before or after the real file, change-only lists, files of the wrong
ledger kind or month under a plausible name). Every expectation below was worked out by hand from the rows written
next to it (never by running the program); the small helpers only count the record tuples written beside them.
All personal data is fake (names like 陈某华, made-up 139 mobiles, no ID numbers).
Deterministic: fixed docProps, fixed zip member times in every xlsx written.
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


def resave(wb, name, modified, who):
    """The same workbook saved again by another person/time: same records, different bytes."""
    wb.properties.lastModifiedBy = who
    return save(wb, name, modified)


def write_csv(name, rows, encoding="utf-8-sig"):
    data = csv_text(rows).encode(encoding)
    (FILES / name).write_bytes(data)
    return data


def merge_figs(*figs):
    out = {
        "rows": 0,
        "by_unit": Counter(),
        "by_period": Counter(),
        "counts": {},
        "sums": Counter(),
        "values": {},
    }
    for f in figs:
        out["rows"] += f["rows"]
        out["by_unit"].update(f.get("by_unit", {}))
        out["by_period"].update(f.get("by_period", {}))
        for col, cnt in f.get("counts", {}).items():
            out["counts"].setdefault(col, Counter()).update(cnt)
        out["sums"].update(f.get("sums", {}))
        for col, vals in f.get("values", {}).items():
            out["values"].setdefault(col, []).extend(vals)
    out["by_unit"] = dict(out["by_unit"])
    out["by_period"] = dict(out["by_period"])
    out["counts"] = {k: dict(v) for k, v in out["counts"].items()}
    out["sums"] = dict(out["sums"])
    for k in ("by_unit", "by_period", "counts", "sums", "values"):
        if not out[k]:
            del out[k]
    return out


def drop(fig, *keys):
    return {k: v for k, v in fig.items() if k not in keys}


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


def drows(unit, recs, start=1):
    """recs: (received, type word, level word, status word, resolved date[, note])."""
    out = []
    for i, rec in enumerate(recs, start):
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


def dsheet(name, unit, period_title, rows, sub=None, footer=("填报人：林某华",), sheet=None):
    wb, ws, hdr = simple_xlsx(
        name, sheet or period_title, f"{unit}{period_title}矛盾纠纷排查化解台账",
        sub or f"填报单位：{unit}  填报日期：2023年10月31日", DH, rows, footer, save_it=False,
    )  # fmt: skip
    save(wb, name)
    return wb


def d01():
    zero = "龙山村2023年10月矛盾纠纷排查化解台账.xlsx"
    late = "龙山村11月补报.xlsx"
    dsheet(zero, "龙山村", "2023年10月", [], footer=("填报人：陈某明", "审核人：林某强"))
    recs = [
        (D(2023, 10, 27), "邻里纠纷", "村级", "已化解", D(2023, 10, 28), "10月底排查发现，补报"),
        (D(2023, 10, 30), "土地承包", "片区调解室", "化解中", None, "10月底排查发现，补报"),
    ]
    simple_xlsx(late, "Sheet1", "龙山村矛盾纠纷补报表", "填报单位：龙山村  填报日期：2023年11月8日", DH, drows("龙山村", recs), ["填报人：陈某明"])  # fmt: skip
    case(
        "b10_d01_bubao_after_zero_report_named_for_november",
        [zero, late],
        "龙山村10月31日交了零报告（有标题、表头，没有记录）。11月8日又交“龙山村11月补报.xlsx”：标题只写“龙山村矛盾纠纷补报表”，"
        "填报日期11月8日，2件纠纷的受理日期是10月27日、10月30日，备注“10月底排查发现，补报”。这是10月的补报：10月从零报告变成2件。"
        "错误的静默读法是按文件名、填报日期把这2件记到2023-11（10月仍是“零报告”，11月凭空多2件），或因为10月已报零报告就把补报丢掉。",
        {
            "outcome": ["zero_report", ["loaded", "held"]],
            "figures": {"disputes": dexp("龙山村", [("2023-10", recs)])},
            "quarantined": 0,
            "meta": {late: {"unit": "龙山村", "period": "2023-10", "ledger": "disputes"}},
            "if_held": {
                "reason_has": [["补报", "10月", "11月", "零报告", "月份"]],
                "figures": {"disputes": {"rows": 0}},
            },
        },
    )


def d02():
    oct_name = "碗洋村2023年10月矛盾纠纷排查化解台账.xlsx"
    nov_name = "碗洋村2023年11月矛盾纠纷排查化解台账.xlsx"
    oct_recs = [
        (D(2023, 10, 4), "邻里纠纷", "村级", "已化解", D(2023, 10, 5)),
        (D(2023, 10, 11), "土地承包", "片区调解室", "已化解", D(2023, 10, 19)),
        (D(2023, 10, 17), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 10, 25), "劳资纠纷", "镇级", "已化解", D(2023, 10, 30)),
    ]
    nov_recs = [
        (D(2023, 11, 2), "邻里纠纷", "村级", "已化解", D(2023, 11, 3)),
        (D(2023, 11, 9), "山林权属", "片区调解室", "化解中", None),
        (D(2023, 11, 16), "合同纠纷", "村级", "已化解", D(2023, 11, 20)),
    ]
    fixed3 = (D(2023, 10, 17), "婚姻家庭", "村级", "已化解", D(2023, 11, 6))
    oct_rows = drows("碗洋村", oct_recs)
    dsheet(oct_name, "碗洋村", "2023年10月", oct_rows)
    nov_rows = drows("碗洋村", nov_recs)
    corr = list(oct_rows[2])
    corr[0] = "原10月第3号"
    corr[8], corr[9] = "已化解", D(2023, 11, 6)
    corr[10] = "更正10月台账第3号：该件已于11月6日化解"
    wb = wb_new()
    ws = wb.active
    ws.title = "11月"
    r = fill_sheet(
        ws, "碗洋村2023年11月矛盾纠纷排查化解台账", "填报单位：碗洋村  填报日期：2023年11月30日", DH, nov_rows
    )
    r = r + len(nov_rows) + 2
    ws.cell(row=r, column=1, value="更正上月（10月）台账：")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(DH))
    put_rows(ws, [corr], start=r + 1)
    ws.cell(row=r + 3, column=1, value="填报人：王某芳")
    save(wb, nov_name)
    after = merge_figs(dexp("碗洋村", [("2023-10", [oct_recs[0], oct_recs[1], fixed3, oct_recs[3]])]),
                       dexp("碗洋村", [("2023-11", nov_recs)]))  # fmt: skip
    case(
        "b10_d02_correction_of_last_month_inside_this_months_file",
        [oct_name, nov_name],
        "碗洋村10月报了4件（第3件婚姻家庭化解中）。11月的台账先列11月的3件，空一行，合并写“更正上月（10月）台账：”，下面一行是10月第3号"
        "那件（同一当事人、同一电话、受理日期10月17日），改为已化解、化解日期11月6日，序号写“原10月第3号”。碗洋村是7件（10月4件、11月3件），"
        "10月那件已化解。错误的静默读法是把更正行当成11月新受理的第4件（碗洋村8件，10月17日那件既化解中又已化解），"
        "或把这份当作10月的更正整份替换10月（10月只剩11月的案件）。staging里那件更正后的期间按读法的口径，这里不比by_period。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"disputes": drop(after, "by_period")},
            "quarantined": [0, 1],
            "if_held": {
                "reason_has": [["更正", "10月", "上月"]],
                "figures": {"disputes": dexp("碗洋村", [("2023-10", oct_recs)])},
            },
        },
    )


def d03():
    first = "后黄社区2023年10月矛盾纠纷排查化解台账.xlsx"
    again = "后黄社区10月纠纷台账-重发.xlsx"
    recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 4)),
        (D(2023, 10, 9), "婚姻家庭", "村级", "已化解", D(2023, 10, 11)),
        (D(2023, 10, 16), "征地拆迁", "镇级", "化解中", None),
        (D(2023, 10, 22), "土地承包", "片区调解室", "化解中", None),
        (D(2023, 10, 29), "邻里纠纷", "村级", "未化解", None),
    ]
    new4 = (D(2023, 10, 22), "土地承包", "片区调解室", "已化解", D(2023, 10, 31))
    rows = drows("后黄社区", recs)
    dsheet(first, "后黄社区", "2023年10月", rows)
    rows2 = [list(r) for r in rows]
    rows2[3][8], rows2[3][9] = "已化解", D(2023, 10, 31)
    wb, ws, _ = simple_xlsx(again, "2023年10月", "后黄社区2023年10月矛盾纠纷排查化解台账",
                            "填报单位：后黄社区  填报日期：2023年10月31日", DH, rows2, ["填报人：林某华"], save_it=False)  # fmt: skip
    resave(wb, again, "2023-11-02T16:20:00Z", "后黄社区")
    case(
        "b10_d03_resend_same_month_one_status_changed_no_word",
        [first, again],
        "后黄社区10月31日上午交了10月台账（5件），下午把第4件（土地承包）改成已化解、化解日期10月31日，另存为“后黄社区10月纠纷台账-重发.xlsx”"
        "又交一次，标题和其余4行一字未改，没写“更正”。同样5件、只有一行不同：新的一份整份替换旧的（化解3件），或待确认问是否替换。"
        "错误的静默读法是当成新的一批追加（后黄社区10件），或只把改了的那行当新案件追加（6件，同一件土地承包纠纷既化解中又已化解）。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"disputes": dexp("后黄社区", [("2023-10", recs[:3] + [new4] + recs[4:])])},
            "quarantined": 0,
            "if_held": {
                "reason_has": [["替换", "追加", "重复", "已报", "不同"]],
                "figures": {"disputes": dexp("后黄社区", [("2023-10", recs)])},
            },
        },
    )


def d04():
    sep_name = "后埔村2023年9月矛盾纠纷排查化解台账.xlsx"
    oct_name = "后埔村2023年10月矛盾纠纷排查化解台账.xlsx"
    sep = [
        (D(2023, 9, 5), "邻里纠纷", "村级", "已化解", D(2023, 9, 6)),
        (D(2023, 9, 13), "土地承包", "片区调解室", "已化解", D(2023, 9, 22)),
        (D(2023, 9, 21), "婚姻家庭", "村级", "化解中", None),
    ]
    late = [
        (D(2023, 9, 26), "合同纠纷", "村级", "已化解", D(2023, 10, 8), "9月漏登，10月补登"),
        (D(2023, 9, 28), "邻里纠纷", "镇级", "化解中", None, "9月漏登，10月补登"),
    ]
    octr = [
        (D(2023, 10, 6), "山林权属", "片区调解室", "已化解", D(2023, 10, 20)),
        (D(2023, 10, 15), "邻里纠纷", "村级", "已化解", D(2023, 10, 16)),
        (D(2023, 10, 24), "征地拆迁", "镇级", "未化解", None),
    ]
    dsheet(
        sep_name, "后埔村", "2023年9月", drows("后埔村", sep), sub="填报单位：后埔村  填报日期：2023年9月30日"
    )
    dsheet(oct_name, "后埔村", "2023年10月", drows("后埔村", late + octr))
    case(
        "b10_d04_october_file_with_late_registered_september_cases",
        [sep_name, oct_name],
        "后埔村9月报了3件。10月的台账共5行，前2行受理日期是9月26日、9月28日，备注“9月漏登，10月补登”，后3行是10月的。"
        "这2件是9月漏登的新案件，不是9月台账的重报：后埔村共8件，9月那份的3件仍在。错误的静默读法是看到10月文件里有9月的记录，"
        "就当成9月台账的更正/重报把9月那份替换掉（9月只剩漏登的2件，后埔村7件或5件），或把整份10月文件记成9月。"
        "补登的2件记在9月还是10月按读法的口径，这里不比by_period；待确认也可以。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"disputes": dexp("后埔村", [("2023-09", sep + late + octr)], by_period=False)},
            "quarantined": 0,
            "if_held": {
                "reason_has": [["9月", "漏登", "补登", "月份"]],
                "figures": {"disputes": dexp("后埔村", [("2023-09", sep)])},
            },
        },
    )


def d05():
    sep_name = "澄渚社区2023年9月矛盾纠纷排查化解台账.xlsx"
    oct_name = "澄渚社区2023年10月矛盾纠纷排查化解台账.xlsx"
    cum_name = "澄渚社区2023年1-11月矛盾纠纷排查化解台账（累计）.xlsx"
    early = [
        (D(2023, 3, 8), "山林权属", "片区调解室", "已化解", D(2023, 3, 20)),
        (D(2023, 6, 14), "邻里纠纷", "村级", "已化解", D(2023, 6, 15)),
    ]
    sep = [
        (D(2023, 9, 4), "邻里纠纷", "村级", "已化解", D(2023, 9, 5)),
        (D(2023, 9, 15), "婚姻家庭", "村级", "已化解", D(2023, 9, 18)),
        (D(2023, 9, 26), "土地承包", "片区调解室", "化解中", None),
    ]
    octr = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 4)),
        (D(2023, 10, 12), "劳资纠纷", "镇级", "化解中", None),
        (D(2023, 10, 23), "征地拆迁", "镇级", "已化解", D(2023, 10, 27)),
    ]
    nov = [
        (D(2023, 11, 6), "婚姻家庭", "村级", "已化解", D(2023, 11, 7)),
        (D(2023, 11, 20), "合同纠纷", "村级", "化解中", None),
    ]
    sep_now = sep[:2] + [(D(2023, 9, 26), "土地承包", "片区调解室", "已化解", D(2023, 10, 9))]
    oct_now = [octr[0], (D(2023, 10, 12), "劳资纠纷", "镇级", "已化解", D(2023, 11, 2)), octr[2]]
    e_rows = drows("澄渚社区", early)
    s_rows = drows("澄渚社区", sep)
    o_rows = drows("澄渚社区", octr)
    n_rows = drows("澄渚社区", nov)
    dsheet(sep_name, "澄渚社区", "2023年9月", s_rows, sub="填报单位：澄渚社区  填报日期：2023年9月30日")
    dsheet(oct_name, "澄渚社区", "2023年10月", o_rows)
    cum = [list(r) for r in e_rows + s_rows + o_rows + n_rows]
    cum[4][8], cum[4][9] = "已化解", D(2023, 10, 9)
    cum[6][8], cum[6][9] = "已化解", D(2023, 11, 2)
    for i, r in enumerate(cum, 1):
        r[0] = i
    simple_xlsx(cum_name, "1-11月", "澄渚社区2023年1-11月矛盾纠纷排查化解台账（累计）",
                "填报单位：澄渚社区  填报日期：2023年11月30日", DH, cum, ["填报人：黄某兰"])  # fmt: skip
    case(
        "b10_d05_cumulative_1_to_11_after_monthly_files",
        [sep_name, oct_name, cum_name],
        "澄渚社区9月、10月各交月报3件；11月底新来的社区干部交了一份“1-11月累计”台账（10件）：3月、6月各1件（以前没按月报过），"
        "9月、10月那6件原样在列（9月26日那件已于10月9日化解、10月12日那件已于11月2日化解），再加11月2件。澄渚社区全年是10件、化解9件。"
        "错误的静默读法是把累计台账当11月的月报与9月、10月月报并存（16件，9月、10月的6件算两次），或只替换10月（13件）。"
        "累计台账取代它整份包含的两份月报（按最新状态）；或待确认问累计台账与已报月报的关系。staging里的期间按累计台账的口径，不比by_period。",
        {
            "outcome": ["loaded", "loaded", ["loaded", "held"]],
            "figures": {
                "disputes": dexp("澄渚社区", [("x", early + sep_now + oct_now + nov)], by_period=False)
            },
            "quarantined": 0,
            "if_held": {
                "reason_has": [["累计", "1-11月", "已报", "替换", "重复"]],
                "figures": {"disputes": dexp("澄渚社区", [("2023-09", sep), ("2023-10", octr)])},
            },
        },
    )


def d06():
    xlsx_name = "林峰社区2023年10月矛盾纠纷排查化解台账.xlsx"
    csv_name = "林峰社区10月矛盾纠纷台账（另存）.csv"
    recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 3)),
        (D(2023, 10, 10), "土地承包", "片区调解室", "已化解", D(2023, 10, 18)),
        (D(2023, 10, 17), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 10, 24), "合同纠纷", "镇级", "已化解", D(2023, 10, 27)),
        (D(2023, 10, 30), "邻里纠纷", "村级", "未化解", None),
    ]
    rows = drows("林峰社区", recs)
    dsheet(xlsx_name, "林峰社区", "2023年10月", rows)
    order = {"已化解": 0, "化解中": 1, "未化解": 2}
    resorted = sorted(rows, key=lambda r: (order[r[8]], r[1]))

    def txt(d):
        return "" if d is None else f"{d.year}/{d.month}/{d.day}"

    out = [["林峰社区2023年10月矛盾纠纷排查化解台账"] + [""] * (len(DH) - 1), DH]
    out += [[i, txt(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8], txt(r[9]), r[10] or ""]
            for i, r in enumerate(resorted, 1)]  # fmt: skip
    write_csv(csv_name, out, encoding="gbk")
    case(
        "b10_d06_same_month_resaved_as_gbk_csv_reordered",
        [xlsx_name, csv_name],
        "林峰社区交了10月台账xlsx（5件）。综治办说系统收不到，文书就在WPS里“另存为CSV”（GBK编码）再交一次；另存前按“化解情况”排了序，"
        "序号重新编成1–5，日期变成“2023/10/3”样的文字。记录还是那5件（当事人、电话、受理日期都一样），只是顺序、序号、格式不同，字节完全不同。"
        "错误的静默读法是当作另一份文件追加（林峰社区10件），或按序号逐行比对、认为“第2件”变了而部分替换。第二份替换第一份（结果不变），"
        "或作为重复报送退回、待确认。",
        {
            "outcome": ["loaded", ["loaded", "held", "rejected"]],
            "figures": {"disputes": dexp("林峰社区", [("2023-10", recs)])},
            "quarantined": 0,
            "if_held": {"figures": {"disputes": dexp("林峰社区", [("2023-10", recs)])}},
        },
    )


def d07():
    ls_name = "林山村2023年10月矛盾纠纷排查化解台账.xlsx"
    xc_name = "下垞村2023年10月矛盾纠纷排查化解台账.xlsx"
    sum_name = "西天尾镇2023年10月矛盾纠纷排查化解汇总表（综治办）.xlsx"
    ls = [
        (D(2023, 10, 5), "邻里纠纷", "村级", "已化解", D(2023, 10, 6)),
        (D(2023, 10, 14), "土地承包", "片区调解室", "已化解", D(2023, 10, 25)),
        (D(2023, 10, 26), "婚姻家庭", "村级", "化解中", None),
    ]
    xc = [
        (D(2023, 10, 9), "山林权属", "镇级", "已化解", D(2023, 10, 20)),
        (D(2023, 10, 21), "邻里纠纷", "村级", "已化解", D(2023, 10, 22)),
    ]
    xf = [
        (D(2023, 10, 11), "征地拆迁", "镇级", "未化解", None),
        (D(2023, 10, 19), "邻里纠纷", "村级", "已化解", D(2023, 10, 20)),
    ]
    ls_rows = drows("林山村", ls)
    xc_rows = drows("下垞村", xc)
    xf_rows = drows("象峰村", xf)
    dsheet(ls_name, "林山村", "2023年10月", ls_rows)
    dsheet(xc_name, "下垞村", "2023年10月", xc_rows)
    header = DH[:1] + ["所属村居"] + DH[1:]
    allrows = [
        [0, u] + r[1:]
        for u, rs in (("林山村", ls_rows), ("下垞村", xc_rows), ("象峰村", xf_rows))
        for r in rs
    ]
    for i, r in enumerate(allrows, 1):
        r[0] = i
    simple_xlsx(sum_name, "汇总", "西天尾镇2023年10月矛盾纠纷排查化解汇总表",
                "填报单位：镇综治办  填报日期：2023年11月3日", header, allrows, ["制表：镇综治办 郑某生"])  # fmt: skip
    case(
        "b10_d07_town_summary_after_villages_own_files",
        [ls_name, xc_name, sum_name],
        "林山村（3件）、下垞村（2件）先交了自己的10月台账。11月3日镇综治办交来“全镇10月矛盾纠纷汇总表”，有“所属村居”列：林山村3件、下垞村2件"
        "（与村里报的逐条相同：同当事人、同电话、同日期），另有象峰村2件（象峰村没单独报）。三个村共7件。"
        "错误的静默读法是把汇总表当综治办的另一份台账全部追加（林山6件、下垞4件，共12件），或按“同月同台账后到替换”让汇总表顶掉两个村自己的文件。"
        "汇总里已报过的5件只算一次、象峰村2件入库，或待确认问汇总表与村里已报文件的关系（替换/追加）。",
        {
            "outcome": ["loaded", "loaded", ["loaded", "held"]],
            "figures": {
                "disputes": merge_figs(
                    dexp("林山村", [("2023-10", ls)]),
                    dexp("下垞村", [("2023-10", xc)]),
                    dexp("象峰村", [("2023-10", xf)]),
                )
            },  # fmt: skip
            "quarantined": [0, 5],
            "if_held": {
                "reason_has": [["汇总", "已报", "重复", "替换", "追加", "林山", "下垞"]],
                "figures": {
                    "disputes": merge_figs(
                        dexp("林山村", [("2023-10", ls)]), dexp("下垞村", [("2023-10", xc)])
                    )
                },
                "quarantined": 0,
            },
        },
    )


def d08():
    own = "后卓村2023年10月矛盾纠纷排查化解台账.xlsx"
    proxy = "后卓村代报碗洋村2023年10月矛盾纠纷台账.xlsx"
    hz = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 4)),
        (D(2023, 10, 10), "婚姻家庭", "村级", "已化解", D(2023, 10, 12)),
        (D(2023, 10, 18), "土地承包", "片区调解室", "化解中", None),
        (D(2023, 10, 27), "劳资纠纷", "镇级", "已化解", D(2023, 10, 31)),
    ]
    wy = [
        (D(2023, 10, 6), "山林权属", "片区调解室", "已化解", D(2023, 10, 18)),
        (D(2023, 10, 16), "邻里纠纷", "村级", "已化解", D(2023, 10, 17)),
        (D(2023, 10, 29), "征地拆迁", "镇级", "未化解", None),
    ]
    dsheet(own, "后卓村", "2023年10月", drows("后卓村", hz))
    simple_xlsx(proxy, "碗洋村10月", "碗洋村2023年10月矛盾纠纷排查化解台账",
                "填报单位：碗洋村（村文书外出学习，由后卓村代报）  填报日期：2023年10月31日", DH, drows("碗洋村", wy),
                ["填报人：后卓村 吴某珍"])  # fmt: skip
    case(
        "b10_d08_neighbouring_village_reports_on_behalf",
        [own, proxy],
        "后卓村先交了自己的10月台账（4件）。碗洋村文书外出学习，托后卓村文书代报：文件名“后卓村代报碗洋村2023年10月矛盾纠纷台账.xlsx”，"
        "标题是碗洋村的台账，填报单位写“碗洋村（村文书外出学习，由后卓村代报）”，表尾“填报人：后卓村 吴某珍”，3件都是碗洋村的纠纷。"
        "这是碗洋村的10月台账（3件），后卓村仍是自己那4件。错误的静默读法是按文件名开头记成后卓村：整份替换后卓村10月（后卓村只剩碗洋的3件），"
        "或追加成后卓村7件、碗洋村10月未报。按碗洋村入库，或待确认问是哪个村的台账。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {
                "disputes": merge_figs(dexp("后卓村", [("2023-10", hz)]), dexp("碗洋村", [("2023-10", wy)]))
            },
            "quarantined": 0,
            "meta": {proxy: {"unit": "碗洋村", "period": "2023-10", "ledger": "disputes"}},
            "if_held": {
                "reason_has": [["碗洋"], ["后卓"]],
                "figures": {"disputes": dexp("后卓村", [("2023-10", hz)])},
            },
        },
    )


def d09():
    oct_name = "吴江村2023年10月矛盾纠纷排查化解台账.xlsx"
    nov_name = "吴江村2023年11月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 2), "邻里纠纷", "村级", "已化解", D(2023, 10, 3)),
        (D(2023, 10, 12), "土地承包", "片区调解室", "已化解", D(2023, 10, 24)),
        (D(2023, 10, 19), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 10, 28), "合同纠纷", "村级", "已化解", D(2023, 10, 30)),
    ]
    wb = dsheet(oct_name, "吴江村", "2023年10月", drows("吴江村", recs))
    resave(wb, nov_name, "2023-11-30T17:45:00Z", "吴江村文书")
    case(
        "b10_d09_october_content_under_a_november_name",
        [oct_name, nov_name],
        "吴江村10月台账（4件）已入库。11月30日文书交“吴江村2023年11月矛盾纠纷排查化解台账.xlsx”，打开一看是10月那份另存改了文件名："
        "标题“2023年10月”、填报日期10月31日、4件的日期全在10月，与已报的10月逐条相同（附错了文件）。这不是11月的台账。"
        "错误的静默读法是按文件名记成2023-11（吴江村11月4件、全年8件，11月其实未报）。应待确认或退回（说出文件名11月与标题、日期10月不符），"
        "若按内容当10月的重复报送处理，结果仍是10月4件。",
        {
            "outcome": ["loaded", ["held", "rejected", "loaded"]],
            "reason_has": [["10月", "2023-10"], ["11月", "2023-11"]],
            "figures": {"disputes": dexp("吴江村", [("2023-10", recs)])},
            "quarantined": 0,
            "if_loaded": {"figures": {"disputes": dexp("吴江村", [("2023-10", recs)])}},
        },
    )


def d10():
    first = "北大村2023年10月矛盾纠纷排查化解台账.xlsx"
    wrong = "北大村2023年10月矛盾纠纷排查化解台账（更正）.xlsx"
    recs = [
        (D(2023, 10, 6), "邻里纠纷", "村级", "已化解", D(2023, 10, 7)),
        (D(2023, 10, 13), "土地承包", "片区调解室", "已化解", D(2023, 10, 20)),
        (D(2023, 10, 20), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 10, 27), "劳资纠纷", "镇级", "已化解", D(2023, 10, 31)),
    ]
    dsheet(first, "北大村", "2023年10月", drows("北大村", recs))
    acts = [
        ("支委会", D(2023, 10, 8), 5, 5),
        ("主题党日", D(2023, 10, 15), 30, 27),
        ("党课", D(2023, 10, 25), 30, 26),
    ]
    simple_xlsx(wrong, "三会一课", "北大村党支部2023年10月“三会一课”台账", "填报单位：北大村党支部",
                AH, arows("北大村党支部", "北大支部", acts), ["填报人：黄某英"])  # fmt: skip
    case(
        "b10_d10_correction_name_but_party_ledger_inside",
        [first, wrong],
        "北大村10月纠纷台账（4件）已入库。又来一份“北大村2023年10月矛盾纠纷排查化解台账（更正）.xlsx”，里面却是北大村党支部10月的“三会一课”台账"
        "（3次活动：支委会、主题党日、党课，应到65、实到58）——文书改完纠纷台账，附件选错了。错误的静默读法是凭文件名里的“更正”把10月纠纷台账整份替换："
        "表头对不上，北大村10月变成0件（或零报告），4件纠纷悄悄消失。纠纷台账不能被这份替换：待确认或退回（说出内容是三会一课），"
        "若按内容作为北大村党支部的活动台账入库也可以，纠纷仍是4件。",
        {
            "outcome": ["loaded", ["held", "rejected", "loaded"]],
            "reason_has": [["三会一课", "党支部", "党组织", "活动", "台账类型", "不是矛盾纠纷", "表头"]],
            "figures": {"disputes": dexp("北大村", [("2023-10", recs)]), "party_activities": {"rows": 0}},
            "quarantined": 0,
            "if_loaded": {
                "figures": {
                    "disputes": dexp("北大村", [("2023-10", recs)]),
                    "party_activities": aexp("北大村", "P09", [("2023-10", acts)]),
                }
            },
        },
    )


def d11():
    oct_name = "东星社区2023年10月矛盾纠纷排查化解台账.xlsx"
    nov_name = "东星社区2023年11月矛盾纠纷排查化解台账.xlsx"
    bub_name = "东星社区2023年11月补报矛盾纠纷台账.xlsx"
    octr = [
        (D(2023, 10, 4), "邻里纠纷", "村级", "已化解", D(2023, 10, 5)),
        (D(2023, 10, 11), "征地拆迁", "镇级", "化解中", None),
        (D(2023, 10, 18), "婚姻家庭", "村级", "已化解", D(2023, 10, 19)),
        (D(2023, 10, 25), "土地承包", "片区调解室", "已化解", D(2023, 11, 1)),
    ]
    nov = [
        (D(2023, 11, 3), "邻里纠纷", "村级", "已化解", D(2023, 11, 3)),
        (D(2023, 11, 14), "劳资纠纷", "镇级", "化解中", None),
        (D(2023, 11, 24), "邻里纠纷", "村级", "未化解", None),
    ]
    bub = [
        (D(2023, 10, 20), "邻里纠纷", "村级", "已化解", D(2023, 10, 21)),
        (D(2023, 10, 30), "婚姻家庭", "片区调解室", "化解中", None),
    ]
    dsheet(oct_name, "东星社区", "2023年10月", drows("东星社区", octr))
    dsheet(
        nov_name,
        "东星社区",
        "2023年11月",
        drows("东星社区", nov),
        sub="填报单位：东星社区  填报日期：2023年11月30日",
    )
    simple_xlsx(bub_name, "补报", "东星社区2023年10月矛盾纠纷补报表（10月漏报）",
                "填报单位：东星社区  填报日期：2023年11月30日", DH, drows("东星社区", bub),
                ["说明：上述2件为10月漏报案件，请并入10月台账。", "填报人：郑某芳"])  # fmt: skip
    case(
        "b10_d11_bubao_for_october_named_november_after_both_months",
        [oct_name, nov_name, bub_name],
        "东星社区10月（4件）、11月（3件）都已入库。11月30日又交“东星社区2023年11月补报矛盾纠纷台账.xlsx”：标题“东星社区2023年10月矛盾纠纷补报表（10月漏报）”，"
        "2件受理日期10月20日、10月30日，表下写“请并入10月台账”。这是10月的补报：10月6件、11月3件，共9件。"
        "错误的静默读法是按文件名记成11月并把11月那份整份替换（11月只剩这2件、11月的3件消失），或记成10月却整份替换10月（10月只剩2件）。"
        "追加到10月，或待确认。",
        {
            "outcome": ["loaded", "loaded", ["loaded", "held"]],
            "figures": {"disputes": dexp("东星社区", [("2023-10", octr + bub), ("2023-11", nov)])},
            "quarantined": 0,
            "meta": {bub_name: {"unit": "东星社区", "period": "2023-10", "ledger": "disputes"}},
            "if_held": {
                "reason_has": [["补报", "10月", "11月", "追加"]],
                "figures": {"disputes": dexp("东星社区", [("2023-10", octr), ("2023-11", nov)])},
            },
        },
    )


def a04():
    dis_name = "三山村2023年11月矛盾纠纷排查化解台账.xlsx"
    wrong = "三山村党支部2023年11月三会一课台账.xlsx"
    recs = [
        (D(2023, 11, 2), "邻里纠纷", "村级", "已化解", D(2023, 11, 3)),
        (D(2023, 11, 8), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 11, 15), "土地承包", "片区调解室", "已化解", D(2023, 11, 22)),
        (D(2023, 11, 23), "山林权属", "镇级", "未化解", None),
    ]
    wb = dsheet(
        dis_name,
        "三山村",
        "2023年11月",
        drows("三山村", recs),
        sub="填报单位：三山村  填报日期：2023年11月30日",
    )
    resave(wb, wrong, "2023-11-30T18:05:00Z", "三山村党支部")
    case(
        "b10_a04_party_file_name_holding_the_disputes_ledger",
        [dis_name, wrong],
        "三山村11月纠纷台账（4件）已入库。随后三山村党支部交“三山村党支部2023年11月三会一课台账.xlsx”，打开却是那份11月矛盾纠纷台账另存的"
        "（标题、填报单位、4件纠纷逐条相同）——附错了文件。党支部11月的三会一课其实没报。错误的静默读法有两种：按文件名当三会一课读，"
        "表头对不上就当零报告（三山村党支部11月“已报0次”）；或按内容当纠纷台账再追加一次（三山村11月8件）。"
        "应待确认或退回（说出内容是矛盾纠纷台账、与已报的重复）；若按内容当纠纷台账的重复报送替换，结果仍是4件。",
        {
            "outcome": ["loaded", ["held", "rejected", "loaded"]],
            "reason_has": [["矛盾纠纷", "纠纷", "三会一课", "台账类型", "重复", "已报"]],
            "figures": {"disputes": dexp("三山村", [("2023-11", recs)]), "party_activities": {"rows": 0}},
            "quarantined": 0,
            "if_loaded": {
                "figures": {"disputes": dexp("三山村", [("2023-11", recs)]), "party_activities": {"rows": 0}}
            },
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


def khead(month):
    return ["序号", "项目名称", "所属", "项目阶段", "建设内容", "总投资（万元）", "2023年计划投资（万元）",
            f"1-{month}月累计完成投资（万元）", "形象进度", "存在问题", "挂钩领导", "责任单位"]  # fmt: skip


def krows(zone, projects, office):
    prog = {"在建": "主体施工", "续建": "主体施工", "预备": "完成方案设计", "前期": "办理前期手续"}
    return [[i, p, zone, st, "见项目清单", tot, plan, done, prog[st], "无", "陈某", office]
            for i, (p, st, tot, plan, done) in enumerate(projects, 1)]  # fmt: skip


ROAD = ("西天尾镇区道路提升工程", "在建", 26000, 3000, 2300)
MARKET = ("后黄农贸市场改造提升工程", "在建", 4800, 2000, 1950)
SEWAGE = ("澄渚片区污水处理站", "预备", 8000, 500, 0)
TOURISM = ("龙山村文旅综合体", "前期", 12000, 800, 60)
ELDER = ("林峰社区养老服务中心", "在建", 3600, 1500, 1100)
ROAD_N = ("西天尾镇区道路提升工程", "在建", 26000, 3000, 2600)
TOURISM_N = ("龙山村文旅综合体", "前期", 12000, 800, 90)
ELDER_N = ("林峰社区养老服务中心", "在建", 3600, 1500, 1280)


def k01():
    oct_name = "镇项目办2023年10月重点项目推进表.xlsx"
    nov_name = "镇项目办2023年11月重点项目推进表.xlsx"
    octp = [ROAD, MARKET, SEWAGE, TOURISM, ELDER]
    novp = [ROAD_N, SEWAGE, TOURISM_N, ELDER_N]
    simple_xlsx(oct_name, "10月", "西天尾镇2023年10月重点项目推进表", "填报单位：镇项目办  填报日期：2023年10月31日",
                khead(10), krows("镇", octp, "镇项目办"), ["填报人：方某华"])  # fmt: skip
    simple_xlsx(nov_name, "11月", "西天尾镇2023年11月重点项目推进表", "填报单位：镇项目办  填报日期：2023年11月30日",
                khead(11), krows("镇", novp, "镇项目办"),
                ["注：原第2项“后黄农贸市场改造提升工程”已于2023年11月15日竣工验收，本月起不再列入推进表。", "填报人：方某华"])  # fmt: skip
    case(
        "b10_k01_finished_project_left_out_of_november",
        [oct_name, nov_name],
        "镇项目办10月推进表5个项目（在建3、预备1、前期1）。11月推进表只有4个：后黄农贸市场改造提升工程11月15日竣工验收，表下注明“本月起不再列入推进表”。"
        "重点项目每月是一期快照：11月这一期就是4个（在建2），10月那一期仍是5个。错误的静默读法是把11月表当作对10月清单的逐项更新，"
        "没出现的项目沿用10月的数（11月仍是5个、在建3个，竣工项目带着10月的1950万元留在11月），或把表下的注释当成第5个项目。",
        {
            "outcome": ["loaded", "loaded"],
            "figures": {
                "key_projects": merge_figs(kexp([("镇", octp)], "2023-10"), kexp([("镇", novp)], "2023-11"))
            },
            "quarantined": [0, 1],
        },
    )


PARK_N = [
    ("园区标准厂房四期", "在建", 30000, 8000, 6900),
    ("园区人才公寓", "续建", 18000, 5000, 4200),
    ("园区智能制造产业园", "前期", 50000, 2000, 150),
]
PARK_O = [
    ("园区标准厂房四期", "在建", 30000, 8000, 6200),
    ("园区人才公寓", "续建", 18000, 5000, 3800),
    ("园区智能制造产业园", "前期", 50000, 2000, 100),
]


def k02():
    park_name = "园区管委会2023年11月重点项目推进台账.xlsx"
    sum_name = "西天尾镇2023年11月重点项目汇总表（含园区）.xlsx"
    town = [ROAD_N, SEWAGE, TOURISM_N, ELDER_N]
    simple_xlsx(park_name, "11月", "西天尾镇园区2023年11月重点项目推进台账", "填报单位：园区管委会  填报日期：2023年11月30日",
                khead(11), krows("园区", PARK_N, "园区管委会"))  # fmt: skip
    rows = krows("镇", town, "镇项目办") + krows("园区", PARK_N, "园区管委会")
    for i, r in enumerate(rows, 1):
        r[0] = i
    simple_xlsx(sum_name, "汇总", "西天尾镇2023年11月重点项目推进情况汇总表（含园区项目）",
                "填报单位：镇项目办  填报日期：2023年12月1日", khead(11), rows, ["填报人：方某华"])  # fmt: skip
    case(
        "b10_k02_town_summary_repeats_the_park_projects",
        [park_name, sum_name],
        "园区管委会先交了11月园区项目3个。镇项目办随后交“全镇11月重点项目汇总表（含园区）”：“所属”列写镇的4个、园区的3个，园区3个与园区管委会报的逐项相同。"
        "全镇11月是镇4个、园区3个。错误的静默读法是两份都算（园区6个，园区总投资、计划、完成都翻倍），或按“同台账同月后到替换”让汇总顶掉园区的文件后又按发送方"
        "全记成镇（镇7个、园区0个）。汇总里的园区3个只算一次、镇4个入库，或待确认问汇总与园区已报文件的关系。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"key_projects": kexp([("镇", town), ("园区", PARK_N)], "2023-11")},
            "quarantined": [0, 3],
            "if_held": {
                "reason_has": [["园区", "汇总", "已报", "重复", "替换", "追加"]],
                "figures": {"key_projects": kexp([("园区", PARK_N)], "2023-11")},
                "quarantined": 0,
            },
        },
    )


def k03():
    oct_name = "镇项目办2023年10月重点项目台账.xlsx"
    chg_name = "镇项目办2023年11月重点项目进展变动情况.xlsx"
    wujiang = ("吴江村农村生活污水管网", "在建", 2200, 1200, 900)
    octp = [ROAD, MARKET, SEWAGE, TOURISM, ELDER, wujiang]
    simple_xlsx(oct_name, "10月", "西天尾镇2023年10月重点项目推进台账", "填报单位：镇项目办  填报日期：2023年10月31日",
                khead(10), krows("镇", octp, "镇项目办"))  # fmt: skip
    chg = [ROAD_N, ELDER_N]
    simple_xlsx(chg_name, "11月变动", "西天尾镇2023年11月重点项目进展变动情况表",
                "（仅列本月投资或进度有变动的项目，其余项目同10月）  填报单位：镇项目办  填报日期：2023年11月30日",
                khead(11), krows("镇", chg, "镇项目办"))  # fmt: skip
    case(
        "b10_k03_november_sends_only_the_changed_projects",
        [oct_name, chg_name],
        "镇项目办10月台账6个项目。11月只交了一张“重点项目进展变动情况表”，表头下一行写“仅列本月投资或进度有变动的项目，其余项目同10月”，"
        "只有道路提升工程和养老服务中心2个。这不是11月的完整清单。错误的静默读法是把它当11月快照：11月全镇只有2个重点项目"
        "（在建2个，预备、前期都是0，计划投资从9000万元掉到4500万元）。应待确认（问是否按10月补齐其余4个）或退回请报完整清单。",
        {
            "outcome": ["loaded", ["held", "rejected"]],
            "reason_has": [["变动", "仅列", "其余", "部分", "完整"]],
            "figures": {"key_projects": kexp([("镇", octp)], "2023-10")},
            "quarantined": 0,
            "readings": [
                {
                    "figures": {
                        "key_projects": merge_figs(
                            kexp([("镇", octp)], "2023-10"), kexp([("镇", chg)], "2023-11")
                        )
                    }
                }
            ],
        },
    )


def k04():
    oct_name = "园区管委会2023年10月重点项目推进台账.xlsx"
    nov_name = "园区管委会2023年11月重点项目推进台账（终）.xlsx"
    re_name = "园区管委会2023年10月重点项目推进台账（重报）.xlsx"
    simple_xlsx(oct_name, "10月", "西天尾镇园区2023年10月重点项目推进台账", "填报单位：园区管委会  填报日期：2023年10月31日",
                khead(10), krows("园区", PARK_O, "园区管委会"))  # fmt: skip
    simple_xlsx(nov_name, "11月", "西天尾镇园区2023年11月重点项目推进台账", "填报单位：园区管委会  填报日期：2023年11月30日",
                khead(11), krows("园区", PARK_N, "园区管委会"))  # fmt: skip
    fixed = [PARK_O[0], ("园区人才公寓", "续建", 18000, 5000, 3950), PARK_O[2]]
    simple_xlsx(re_name, "10月", "西天尾镇园区2023年10月重点项目推进台账",
                "填报单位：园区管委会  填报日期：2023年12月1日（财务核实后重报10月数）",
                khead(10), krows("园区", fixed, "园区管委会"))  # fmt: skip
    case(
        "b10_k04_october_resent_after_november",
        [oct_name, nov_name, re_name],
        "园区管委会10月、11月台账都已入库。12月1日财务核实后又重报10月：标题仍是10月、表头“1-10月累计完成投资”，只有人才公寓10月累计完成由3800改成3950万元。"
        "它替换10月那一期，11月不受影响（11月完成11250万元）。错误的静默读法是“同一发送方后到的文件取代最新一期”：重报的10月数顶掉11月快照"
        "（11月完成变成10250万元、园区11月数据回到10月），或把它追加进10月（10月6个项目）。",
        {
            "outcome": ["loaded", "loaded", ["loaded", "held"]],
            "figures": {
                "key_projects": merge_figs(
                    kexp([("园区", fixed)], "2023-10"), kexp([("园区", PARK_N)], "2023-11")
                )
            },
            "quarantined": 0,
            "if_held": {
                "reason_has": [["重报", "10月", "替换", "已报"]],
                "figures": {
                    "key_projects": merge_figs(
                        kexp([("园区", PARK_O)], "2023-10"), kexp([("园区", PARK_N)], "2023-11")
                    )
                },
            },
        },
    )


# ------------------------------------------------------------------ petitions
PH = ["序号", "案件编号", "信访人", "反映问题", "初访时间", "包案领导", "责任单位", "化解措施", "状态", "化解日期", "是否签订息访息诉承诺书"]  # fmt: skip


def pexp(period, cases_):
    """cases_: (id, issue, first visit, resolved?, resolved date, pledge word, pledge bool, unit)."""
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


PNAMES: dict[str, str] = {}


def prow(i, c):
    if c[0] not in PNAMES:
        PNAMES[c[0]] = person("积案")[0]
    return [
        i,
        c[0],
        PNAMES[c[0]],
        c[1],
        c[2],
        "陈某",
        c[7],
        "包案化解",
        "已化解" if c[3] else "化解中",
        c[4],
        c[5],
    ]


PA = ("XF2019-021", "宅基地纠纷", D(2019, 6, 3), True, D(2023, 5, 16), "是", True, "吴江村")
PB = ("XF2020-007", "征地补偿", D(2020, 3, 18), True, D(2023, 8, 9), "是", True, "后卓村")
PC = ("XF2021-014", "劳资欠薪", D(2021, 7, 22), False, None, "否", False, "后黄社区")
PD = ("XF2022-003", "拆迁安置", D(2022, 1, 10), False, None, "否", False, "后黄社区")
PE = ("XF2022-019", "医疗纠纷", D(2022, 9, 5), False, None, "否", False, "东星社区")
PF = ("XF2022-031", "山林权属", D(2022, 11, 21), True, D(2023, 10, 12), "是", True, "龙山村")


def plist(name, period_title, cases_, sub=None, footer=("填报人：林某华",)):
    rows = [prow(i, c) for i, c in enumerate(cases_, 1)]
    simple_xlsx(name, period_title, f"西天尾镇{period_title}信访积案化解台账",
                sub or "填报单位：镇综治中心", PH, rows, footer)  # fmt: skip


def p01():
    oct_name = "镇综治中心2023年10月信访积案化解台账.xlsx"
    chg_name = "镇综治中心2023年11月信访积案化解变动情况.xlsx"
    octc = [PA, PB, PC, PD, PE, PF]
    plist(oct_name, "2023年10月", octc)
    c_now = ("XF2021-014", "劳资欠薪", D(2021, 7, 22), True, D(2023, 11, 7), "是", True, "后黄社区")
    e_now = PE
    rows = [prow(1, c_now), prow(2, e_now)]
    rows[1][7] = "已组织第三方医疗鉴定，待出结果"
    simple_xlsx(chg_name, "11月变动", "西天尾镇2023年11月信访积案化解变动情况（只列本月有变化的积案）",
                "填报单位：镇综治中心  填报日期：2023年11月30日", PH, rows,
                ["其余4件积案情况与10月台账相同，不再重复列出。"])  # fmt: skip
    case(
        "b10_p01_november_sends_only_the_changes",
        [oct_name, chg_name],
        "综治中心10月积案清单6件（已化解3件）。11月不再报整张清单，只交“信访积案化解变动情况（只列本月有变化的积案）”：XF2021-014本月11月7日化解并签承诺书，"
        "XF2022-019更新了化解措施（仍在化解），表下写“其余4件积案情况与10月台账相同，不再重复列出”。积案清单每期是一份完整快照，这份不是。"
        "错误的静默读法是把它当11月的清单：最新一期只有2件积案（化解1件），全镇积案数从6件掉到2件、化解数从4件掉到1件。应待确认（问是否按10月补齐）或退回。",
        {
            "outcome": ["loaded", ["held", "rejected"]],
            "reason_has": [["变动", "只列", "其余", "部分", "完整"]],
            "figures": {"petitions": pexp("2023-10", octc)},
            "quarantined": 0,
            "readings": [
                {"figures": {"petitions": merge_figs(pexp("2023-10", octc), pexp("2023-11", [c_now, e_now]))}}
            ],
        },
    )


def p02():
    town_name = "镇综治中心2023年10月信访积案台账.xlsx"
    vil_name = "后黄社区2023年10月信访积案台账.xlsx"
    octc = [PA, PB, PC, PD, PE]
    plist(town_name, "2023年10月", octc)
    rows = [prow(i, c) for i, c in enumerate([PC, PD], 1)]
    simple_xlsx(vil_name, "10月", "后黄社区2023年10月信访积案化解台账", "填报单位：后黄社区  填报日期：2023年10月31日",
                PH, rows, ["填报人：蔡某明"])  # fmt: skip
    case(
        "b10_p02_village_list_of_cases_already_on_the_town_list",
        [town_name, vil_name],
        "综治中心10月积案清单5件（已化解2件），其中XF2021-014、XF2022-003责任单位是后黄社区。后黄社区又自己交了一份“信访积案台账”，就是这2件"
        "（同编号、同信访人、同状态）。全镇积案仍是5件。错误的静默读法是把后黄社区的清单当另一份积案清单并入（全镇积案7件、化解中5件），"
        "或按“同台账同月后到替换”让后黄的2件顶掉全镇清单（全镇积案只剩2件、化解0件）。应待确认或退回（说出这2件已在综治中心清单里）；"
        "若识别为同一批案件（按编号只算一次）入库，结果仍是5件。",
        {
            "outcome": ["loaded", ["held", "rejected", "loaded"]],
            "reason_has": [["已报", "重复", "综治中心", "XF2021-014", "XF2022-003", "替换", "追加"]],
            "figures": {"petitions": pexp("2023-10", octc)},
            "quarantined": 0,
            "if_loaded": {"figures": {"petitions": pexp("2023-10", octc)}, "quarantined": [0, 2]},
        },
    )


def p03():
    lead_name = "镇综治中心2023年11月信访积案台账（镇领导包案）.xlsx"
    vil_name = "镇综治中心2023年11月信访积案台账（村居包案）.xlsx"
    pg = ("XF2021-030", "土地征收", D(2021, 4, 12), True, D(2023, 11, 9), "是", True, "林山村")
    pe = ("XF2022-019", "医疗纠纷", D(2022, 9, 5), True, D(2023, 11, 15), "否", False, "东星社区")
    lead = [PA, PB, pg]
    vil = [PD, pe]
    plist(
        lead_name, "2023年11月", lead, sub="填报单位：镇综治中心（镇领导包案部分）  填报日期：2023年11月30日"
    )
    rows = [prow(i, c) for i, c in enumerate(vil, 1)]
    simple_xlsx(vil_name, "2023年11月", "西天尾镇2023年11月信访积案化解台账", "填报单位：镇综治中心（村居包案部分）  填报日期：2023年11月30日",
                PH, rows, ["填报人：林某华"])  # fmt: skip
    case(
        "b10_p03_one_months_list_in_two_parts_by_who_leads",
        [lead_name, vil_name],
        "综治中心11月积案清单按包案层级分两个文件交：“镇领导包案”3件、“村居包案”2件，两份编号不重复，填报单位行分别写“镇领导包案部分”“村居包案部分”。"
        "11月清单是5件（已化解4件、签承诺书3件：XF2022-019化解了但承诺书未签）。错误的静默读法是按“同台账同月后到替换”让村居包案那份顶掉镇领导包案那份："
        "最新清单只剩2件、化解1件。两份合起来入库，或待确认问是否追加。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"petitions": pexp("2023-11", lead + vil)},
            "quarantined": 0,
            "if_held": {
                "reason_has": [["追加", "替换", "包案", "部分"]],
                "figures": {"petitions": pexp("2023-11", lead)},
            },
        },
    )


def p04():
    oct_name = "镇综治中心2023年10月信访积案化解情况.xlsx"
    nov_name = "镇综治中心2023年11月信访积案化解情况.xlsx"
    octc = [PA, PB, PC, PD]
    plist(oct_name, "2023年10月", octc)
    simple_xlsx(nov_name, "2023年11月", "西天尾镇2023年11月信访积案化解台账", "填报单位：镇综治中心  填报日期：2023年11月30日",
                PH, [], ["本月积案情况无变化（同10月），不再逐件列出。", "填报人：林某华"])  # fmt: skip
    case(
        "b10_p04_empty_list_saying_no_change",
        [oct_name, nov_name],
        "综治中心10月积案清单4件（已化解2件）。11月的表只有标题、表头，表下一行写“本月积案情况无变化（同10月），不再逐件列出”。"
        "“无变化”不是“没有积案”：11月的清单就是10月那4件。错误的静默读法是把它当零报告：11月最新一期积案清单为空，全镇积案0件、化解0件。"
        "应待确认（问是否按10月清单记11月）或退回请报完整清单。",
        {
            "outcome": ["loaded", ["held", "rejected"]],
            "reason_has": [["无变化", "同10月", "零报告", "没有记录", "无记录", "空"]],
            "figures": {"petitions": pexp("2023-10", octc)},
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


def lexp(parts, by_period=True):
    visits = [v for _, vs in parts for v in vs]
    fig = {
        "rows": len(visits),
        "by_period": {p: len(vs) for p, vs in parts},
        "counts": {"role": dict(Counter(v[1] for v in visits))},
        "sums": {"disputes_resolved": sum(v[4] for v in visits), "consultations": sum(v[5] for v in visits)},
        "values": {"visit_date": [v[0] for v in visits]},
    }
    if not by_period:
        del fig["by_period"]
    return fig


def lrows(tag, visits):
    """visits: (date, role, activity, place, resolved, consultations)."""
    return [[i, d, person(tag)[0], role, UNIT_OF[role], place, act, res, con]
            for i, (d, role, act, place, res, con) in enumerate(visits, 1)]  # fmt: skip


def l01():
    lf_name = "林峰社区2023年11月三官一律工作台账.xlsx"
    town_name = "西天尾镇2023年11月三官一律下沉工作台账.xlsx"
    lf = [
        (D(2023, 11, 7), "律师", "法律咨询", "林峰社区", 0, 6),
        (D(2023, 11, 21), "警官", "调解", "林峰社区", 1, 2),
    ]
    others = [
        (D(2023, 11, 3), "法官", "带案下访", "后黄社区", 1, 3),
        (D(2023, 11, 10), "检察官", "普法宣传", "龙山村", 0, 8),
        (D(2023, 11, 16), "律师", "调解", "东星社区", 2, 4),
        (D(2023, 11, 28), "法官", "法律咨询", "三山村", 0, 5),
    ]
    lf_rows = lrows("林峰", lf)
    o_rows = lrows("镇", others)
    simple_xlsx(lf_name, "11月", "林峰社区2023年11月“三官一律”进社区工作台账", "填报单位：林峰社区  填报日期：2023年11月30日",
                LH, lf_rows)  # fmt: skip
    allv = sorted([r[1:] for r in lf_rows + o_rows], key=lambda r: r[0])
    rows = [[i] + r for i, r in enumerate(allv, 1)]
    simple_xlsx(town_name, "11月", "西天尾镇2023年11月“三官一律”下沉工作台账", "填报单位：镇综治中心  填报日期：2023年12月1日",
                LH, rows)  # fmt: skip
    case(
        "b10_l01_town_ledger_includes_a_villages_own_visits",
        [lf_name, town_name],
        "林峰社区先交了自己的11月三官一律台账（律师、民警各1次，化解1件、咨询8人次）。综治中心12月1日交全镇11月台账6次，其中挂点林峰社区的两行"
        "与林峰社区报的完全相同（同日期、同姓名、同身份）。全镇11月是6次走访、化解4件、咨询28人次。"
        "错误的静默读法是两份相加（8次、化解5件、咨询36人次），或让全镇台账替换林峰社区的文件后又把林峰的2次再追加一次。"
        "重复的2次只算一次，或待确认问全镇台账与林峰已报文件的关系。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"legal_visits": lexp([("2023-11", lf + others)])},
            "quarantined": [0, 2],
            "if_held": {
                "reason_has": [["林峰", "已报", "重复", "替换", "追加"]],
                "figures": {"legal_visits": lexp([("2023-11", lf)])},
                "quarantined": 0,
            },
        },
    )


def l02():
    first = "后埔村2023年10月三官一律工作台账.xlsx"
    v2 = "后埔村三官一律10月_v2.xlsx"
    visits = [
        (D(2023, 10, 9), "法官", "带案下访", "后埔村", 1, 3),
        (D(2023, 10, 16), "律师", "法律咨询", "后埔村", 0, 5),
        (D(2023, 10, 23), "警官", "调解", "后埔村", 1, 2),
        (D(2023, 10, 30), "检察官", "普法宣传", "后埔村", 0, 7),
    ]
    rows = lrows("后埔", visits)
    simple_xlsx(first, "10月", "后埔村2023年10月“三官一律”工作台账", "填报单位：后埔村  填报日期：2023年10月31日", LH, rows)  # fmt: skip
    rows2 = [list(r) for r in rows]
    rows2[1][8] = 8
    wb, _, _ = simple_xlsx(v2, "10月", "后埔村2023年10月“三官一律”工作台账", "填报单位：后埔村  填报日期：2023年10月31日",
                           LH, rows2, save_it=False)  # fmt: skip
    resave(wb, v2, "2023-11-03T10:12:00Z", "后埔村")
    new = visits[:1] + [(D(2023, 10, 16), "律师", "法律咨询", "后埔村", 0, 8)] + visits[2:]
    case(
        "b10_l02_resend_v2_one_count_changed",
        [first, v2],
        "后埔村交了10月三官一律台账（4次，化解2件、咨询17人次）。11月3日又交“后埔村三官一律10月_v2.xlsx”：同样4行，只把10月16日律师那次的法律咨询数"
        "从5改成8，没写更正。_v2是同一份台账的新版本：整份替换（咨询20人次），或待确认问是否替换。错误的静默读法是当第二批追加（8次走访、咨询37人次），"
        "或只把改了的那行当新走访追加（5次）。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"legal_visits": lexp([("2023-10", new)])},
            "quarantined": 0,
            "if_held": {
                "reason_has": [["替换", "追加", "重复", "已报"]],
                "figures": {"legal_visits": lexp([("2023-10", visits)])},
            },
        },
    )


def l03():
    name = "碗洋村11月报送三官一律台账.xlsx"
    visits = [
        (D(2023, 10, 10), "法官", "带案下访", "碗洋村", 1, 2),
        (D(2023, 10, 17), "律师", "法律咨询", "碗洋村", 0, 6),
        (D(2023, 10, 24), "警官", "调解", "碗洋村", 1, 3),
        (D(2023, 10, 31), "检察官", "普法宣传", "碗洋村", 0, 4),
    ]
    simple_xlsx(name, "Sheet1", "碗洋村2023年10月“三官一律”下沉工作台账", "填报单位：碗洋村  填报日期：2023年11月2日",
                LH, lrows("碗洋", visits))  # fmt: skip
    case(
        "b10_l03_file_named_for_the_month_it_was_sent",
        [name],
        "碗洋村的文件名是“碗洋村11月报送三官一律台账.xlsx”——“11月报送”是交表的月份。标题是“碗洋村2023年10月‘三官一律’下沉工作台账”，4次走访都在10月，"
        "填报日期11月2日。这是10月的台账。错误的静默读法是按文件名里的“11月”记成2023-11（碗洋村10月未报、11月凭空有4次）。按10月入库，"
        "或待确认问月份（说出文件名11月与标题、日期10月不符）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"legal_visits": lexp([("2023-10", visits)])},
            "quarantined": 0,
            "meta": {name: {"period": "2023-10", "ledger": "legal_visits"}},
            "if_held": {
                "reason_has": [["10月", "2023-10"], ["11月", "2023-11"]],
                "figures": {"legal_visits": {"rows": 0}},
            },
        },
    )


def l04():
    real = "林山村2023年10月三官一律工作台账.xlsx"
    zero = "林山村2023年10月三官一律台账（零报告）.xlsx"
    visits = [
        (D(2023, 10, 11), "律师", "法律咨询", "林山村", 0, 4),
        (D(2023, 10, 18), "警官", "调解", "林山村", 1, 2),
        (D(2023, 10, 25), "法官", "带案下访", "林山村", 1, 3),
    ]
    simple_xlsx(real, "10月", "林山村2023年10月“三官一律”工作台账", "填报单位：林山村  填报日期：2023年10月31日", LH, lrows("林山", visits))  # fmt: skip
    simple_xlsx(zero, "10月", "林山村2023年10月“三官一律”工作台账（零报告）", "填报单位：林山村  填报日期：2023年11月3日",
                LH, [], ["本月无“三官一律”下沉活动。", "填报人：黄某强"])  # fmt: skip
    case(
        "b10_l04_zero_report_arrives_after_the_real_file",
        [real, zero],
        "林山村10月31日交了三官一律台账（3次走访，化解2件、咨询9人次）。11月3日村里新来的文书按催报通知又交了一份10月“零报告”（“本月无下沉活动”），"
        "他不知道前任已经报过。零报告和已入库的3次走访相互矛盾。错误的静默读法是“同村同月后到替换”：零报告顶掉真台账，林山村10月0次走访。"
        "应待确认（说出已有3条记录）或退回，已入库的3次不动。",
        {
            "outcome": ["loaded", ["held", "rejected"]],
            "reason_has": [["零报告", "已报", "已有", "已入库", "替换", "矛盾"]],
            "figures": {"legal_visits": lexp([("2023-10", visits)])},
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ grid events
GH = ["事件编号", "所属网格", "事件类型", "上报时间", "处理时限", "办结时间", "状态", "事件描述", "上报人"]


def gexp(parts):
    ev = [e for _, es in parts for e in es]
    return {
        "rows": len(ev),
        "by_unit": {"东星社区": len(ev)},
        "by_period": {p: len(es) for p, es in parts},
        "counts": {
            "status": dict(Counter(e[5] for e in ev)),
            "event_type": dict(Counter(e[2] for e in ev)),
            "grid_id": dict(Counter("G" + re.search(r"\d+", e[1]).group().zfill(2) for e in ev)),
        },
    }


def ts(t):
    return "" if t is None else t.strftime("%Y-%m-%d %H:%M:%S")


GREPORTER: dict[str, str] = {}


def grow(e, as_text=True):
    if e[0] not in GREPORTER:
        GREPORTER[e[0]] = person("网格员")[0]
    due = e[3] + dt.timedelta(days=3)
    if as_text:
        return [e[0], e[1], e[2], ts(e[3]), ts(due), ts(e[4]), e[5], "居民反映", GREPORTER[e[0]]]
    return [e[0], e[1], e[2], e[3], due, e[4], e[5], "居民反映", GREPORTER[e[0]]]


def g01():
    first = "东星社区网格事件_202310.csv"
    again = "东星社区网格事件_202310（11月6日重新导出）.csv"
    ev = [
        ("DX20231002003", "第04网格", "服务群众", T(2023, 10, 2, 8, 20), T(2023, 10, 2, 17, 0), "已办结"),
        ("DX20231007011", "第11网格", "治安防控", T(2023, 10, 7, 19, 40), None, "办理中"),
        ("DX20231012006", "第15网格", "生态环境", T(2023, 10, 12, 9, 5), T(2023, 10, 13, 11, 30), "已办结"),
        ("DX20231018014", "第20网格", "公共安全", T(2023, 10, 18, 14, 25), None, "已分流"),
        ("DX20231023002", "第27网格", "维护稳定", T(2023, 10, 23, 10, 10), T(2023, 10, 24, 16, 0), "已办结"),
        ("DX20231027009", "第31网格", "服务群众", T(2023, 10, 27, 16, 45), None, "办理中"),
        ("DX20231030017", "第08网格", "服务群众", T(2023, 10, 30, 21, 15), None, "受理"),
    ]
    ev2 = list(ev)
    ev2[1] = ev[1][:4] + (T(2023, 11, 3, 10, 0), "已办结")
    ev2[5] = ev[5][:4] + (T(2023, 11, 2, 9, 30), "已办结")
    write_csv(
        first,
        [["导出时间：2023-11-01 08:30  查询条件：上报时间 2023-10-01至2023-10-31"], GH]
        + [grow(e) for e in ev],
    )
    write_csv(
        again,
        [["导出时间：2023-11-06 15:10  查询条件：上报时间 2023-10-01至2023-10-31"], GH]
        + [grow(e) for e in ev2],
    )
    case(
        "b10_g01_same_month_exported_again_with_newer_statuses",
        [first, again],
        "东星社区信息员11月1日导出10月事件（7件，已办结3件），11月6日按同样的查询条件（上报时间10月1日–31日）又导出一次交上来："
        "同样7个事件编号，其中2件（DX20231007011、DX20231027009）11月初办结，状态变成已办结。第二次导出是同一个月的新版本，整份替换"
        "（10月7件、已办结5件），或待确认问是否替换。错误的静默读法是两次导出相加（10月14件，同一事件既办理中又已办结，办结率算错）。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"grid_events": gexp([("2023-10", ev2)])},
            "quarantined": 0,
            "if_held": {
                "reason_has": [["替换", "追加", "重复", "已报", "导出"]],
                "figures": {"grid_events": gexp([("2023-10", ev)])},
            },
        },
    )


def g02():
    oct_name = "东星社区网格事件_2023年10月.xlsx"
    nov_name = "东星社区网格事件_2023年11月（按更新时间）.xlsx"
    octe = [
        ("DX20231003005", "第02网格", "服务群众", T(2023, 10, 3, 9, 0), T(2023, 10, 3, 15, 0), "已办结"),
        ("DX20231009012", "第09网格", "治安防控", T(2023, 10, 9, 20, 30), None, "办理中"),
        ("DX20231014003", "第14网格", "生态环境", T(2023, 10, 14, 8, 15), T(2023, 10, 15, 10, 0), "已办结"),
        ("DX20231020007", "第19网格", "公共安全", T(2023, 10, 20, 13, 50), None, "挂起"),
        ("DX20231025010", "第24网格", "维护稳定", T(2023, 10, 25, 10, 40), T(2023, 10, 26, 9, 0), "已办结"),
        ("DX20231029004", "第33网格", "服务群众", T(2023, 10, 29, 18, 5), T(2023, 10, 30, 10, 30), "已办结"),
    ]
    upd = [
        octe[1][:4] + (T(2023, 11, 4, 11, 0), "已办结"),
        octe[3][:4] + (T(2023, 11, 8, 16, 20), "已办结"),
    ]
    nove = [
        ("DX20231101006", "第05网格", "服务群众", T(2023, 11, 1, 8, 40), T(2023, 11, 1, 16, 10), "已办结"),
        ("DX20231106013", "第12网格", "治安防控", T(2023, 11, 6, 21, 20), T(2023, 11, 7, 9, 0), "已办结"),
        ("DX20231113002", "第17网格", "生态环境", T(2023, 11, 13, 10, 5), None, "办理中"),
        ("DX20231120008", "第25网格", "公共安全", T(2023, 11, 20, 15, 30), None, "已分流"),
        ("DX20231127011", "第30网格", "服务群众", T(2023, 11, 27, 9, 50), None, "受理"),
    ]
    simple_xlsx(oct_name, "事件列表", None, "导出时间：2023-11-01 08:30  查询条件：上报时间 2023-10-01至2023-10-31",
                GH, [grow(e, False) for e in octe])  # fmt: skip
    simple_xlsx(nov_name, "事件列表", None, "导出时间：2023-12-01 08:40  查询条件：更新时间 2023-11-01至2023-11-30",
                GH, [grow(e, False) for e in upd + nove])  # fmt: skip
    octe_now = [octe[0], upd[0], octe[2], upd[1], octe[4], octe[5]]
    case(
        "b10_g02_november_export_by_update_time_carries_october_events",
        [oct_name, nov_name],
        "东星社区10月导出（按上报时间）6件。11月的导出按“更新时间”查询（表头上一行写着查询条件），除了11月上报的5件，还带出了10月上报、11月才办结的2件"
        "（DX20231009012、DX20231020007，上报时间仍是10月）。东星社区是11件事件：10月6件（这2件现已办结）、11月5件。"
        "错误的静默读法是把11月导出的7行都记成11月事件（11月7件、全部13件，2件10月事件算两次），或让11月导出替换10月的文件。"
        "按事件编号只算一次、按上报时间归月、状态取最新，或待确认。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"grid_events": gexp([("2023-10", octe_now), ("2023-11", nove)])},
            "quarantined": [0, 2],
            "if_held": {
                "reason_has": [["更新时间", "10月", "已报", "重复", "DX20231009012", "DX20231020007"]],
                "figures": {"grid_events": gexp([("2023-10", octe)])},
                "quarantined": 0,
            },
        },
    )


def g03():
    first = "东星社区网格事件_202311.csv"
    again = "东星社区11月事件(1).csv"
    ev = [
        ("DX20231102004", "第03网格", "服务群众", T(2023, 11, 2, 9, 30), T(2023, 11, 2, 17, 10), "已办结"),
        ("DX20231109010", "第10网格", "治安防控", T(2023, 11, 9, 22, 5), T(2023, 11, 10, 8, 40), "已办结"),
        ("DX20231115006", "第16网格", "生态环境", T(2023, 11, 15, 7, 45), None, "办理中"),
        ("DX20231122003", "第23网格", "维护稳定", T(2023, 11, 22, 11, 20), T(2023, 11, 23, 15, 0), "已办结"),
        ("DX20231128012", "第32网格", "服务群众", T(2023, 11, 28, 16, 35), None, "受理"),
    ]
    data = write_csv(first, [GH] + [grow(e) for e in ev])
    (FILES / again).write_bytes(data)
    case(
        "b10_g03_same_bytes_under_a_browser_renamed_name",
        [first, again],
        "东星社区信息员把11月导出的CSV发到群里，又从浏览器下载了一次交上来，文件名变成“东星社区11月事件(1).csv”，内容一个字节不差。"
        "东星社区11月是5件事件。错误的静默读法是按文件名当作另一份文件再入库一次（11月10件、办结6件）。第二份是同一个文件：不再入库"
        "（记为已有/重复，或待确认、退回）。",
        {
            "outcome": ["loaded", ["loaded", "held", "rejected"]],
            "figures": {"grid_events": gexp([("2023-11", ev)])},
            "quarantined": 0,
            "if_held": {"figures": {"grid_events": gexp([("2023-11", ev)])}},
        },
    )


# ------------------------------------------------------------------ party activities
AH = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"]


def aexp(unit, org, parts, by_period=True):
    acts = [a for _, acts_ in parts for a in acts_]
    fig = {
        "rows": len(acts),
        "by_unit": {unit: len(acts)},
        "by_period": {p: len(a) for p, a in parts},
        "counts": {"party_org_id": {org: len(acts)}, "activity_type": dict(Counter(a[0] for a in acts))},
        "sums": {"expected": sum(a[2] for a in acts), "attended": sum(a[3] for a in acts)},
    }
    if not by_period:
        del fig["by_period"]
    return fig


def arows(org, tag, acts, place="村部会议室", start=1):
    return [[i, org, typ, d, place, "学习贯彻党的二十大精神", e, a, person(tag)[0]]
            for i, (typ, d, e, a) in enumerate(acts, start)]  # fmt: skip


def a01():
    jul = [
        ("支委会", D(2023, 7, 5), 5, 5),
        ("党员大会", D(2023, 7, 12), 36, 31),
        ("党课", D(2023, 7, 26), 36, 30),
    ]
    aug = [("支委会", D(2023, 8, 4), 5, 5), ("主题党日", D(2023, 8, 15), 36, 29)]
    sep = [
        ("支委会", D(2023, 9, 5), 5, 4),
        ("主题党日", D(2023, 9, 15), 36, 32),
        ("党课", D(2023, 9, 27), 36, 30),
    ]
    names = []
    allrows = []
    for m, acts in ((7, jul), (8, aug), (9, sep)):
        name = f"林山村党支部2023年{m}月三会一课台账.xlsx"
        rows = arows("林山村党支部", "林山支部", acts)
        allrows += rows
        simple_xlsx(
            name, f"{m}月", f"林山村党支部2023年{m}月“三会一课”台账", "填报单位：林山村党支部", AH, rows
        )
        names.append(name)
    q_name = "林山村党支部2023年第三季度三会一课台账.xlsx"
    qrows = [[i] + r[1:] for i, r in enumerate(allrows, 1)]
    simple_xlsx(q_name, "第三季度", "林山村党支部2023年第三季度“三会一课”台账", "填报单位：林山村党支部  填报日期：2023年10月8日",
                AH, qrows, ["（按季度汇总报送，7月3次、8月2次、9月3次）"])  # fmt: skip
    names.append(q_name)
    case(
        "b10_a01_quarterly_ledger_after_the_three_monthly_files",
        names,
        "林山村党支部7月（3次）、8月（2次）、9月（3次）的三会一课台账都按月交过了。10月8日组织委员按镇党委的季度检查要求又交“第三季度”台账："
        "就是那8次活动原样汇在一张表上（同日期、同类型、同人数、同主持人）。第三季度是8次活动，应到195、实到166。"
        "错误的静默读法是把季度台账当9月的一期（或一份新台账）再入库：第三季度16次（或9月变成11次）、参学率分子分母都翻倍。"
        "季度台账取代它完全包含的三份月报，或作为重复退回、待确认。季度台账入库时各行的期间按读法的口径，不比by_period。",
        {
            "outcome": ["loaded", "loaded", "loaded", ["loaded", "held", "rejected"]],
            "figures": {"party_activities": aexp("林山村", "P17", [("x", jul + aug + sep)], by_period=False)},
            "quarantined": 0,
            "if_held": {
                "figures": {
                    "party_activities": aexp(
                        "林山村", "P17", [("2023-07", jul), ("2023-08", aug), ("2023-09", sep)]
                    )
                }
            },
        },
    )


def a02():
    first = "龙山村党支部2023年10月三会一课台账.xlsx"
    latest = "龙山村党支部10月三会一课（最新）.xlsx"
    acts = [
        ("支委会", D(2023, 10, 9), 5, 5),
        ("主题党日", D(2023, 10, 16), 33, 29),
        ("党员大会", D(2023, 10, 23), 33, 28),
    ]
    extra = ("党课", D(2023, 10, 30), 33, 30)
    rows = arows("龙山村党支部", "龙山支部", acts)
    simple_xlsx(first, "10月", "龙山村党支部2023年10月“三会一课”台账", "填报单位：龙山村党支部", AH, rows)
    rows2 = [list(r) for r in rows] + arows("龙山村党支部", "龙山支部", [extra], start=4)
    wb, _, _ = simple_xlsx(latest, "10月", "龙山村党支部2023年10月“三会一课”台账", "填报单位：龙山村党支部", AH, rows2, save_it=False)  # fmt: skip
    resave(wb, latest, "2023-10-31T20:15:00Z", "龙山村党支部")
    case(
        "b10_a02_resend_with_one_more_activity_appended",
        [first, latest],
        "龙山村党支部10月31日下午交了10月台账（3次：支委会、主题党日、党员大会）。晚上10月30日那次党课的签到表找到了，组织委员在原表下加了第4行，"
        "存成“龙山村党支部10月三会一课（最新）.xlsx”再交，前3行一字未改，没写补报。10月是4次活动，应到104、实到92。"
        "这份包含原来的全部3行，是新版本：整份替换（4次），或待确认。错误的静默读法是当作第二批整份追加（7次，3次活动算两次，应到175、实到154）。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"party_activities": aexp("龙山村", "P07", [("2023-10", acts + [extra])])},
            "quarantined": 0,
            "if_held": {
                "reason_has": [["替换", "追加", "重复", "已报"]],
                "figures": {"party_activities": aexp("龙山村", "P07", [("2023-10", acts)])},
            },
        },
    )


def a03():
    oct_name = "后黄社区党委2023年10月三会一课台账.xlsx"
    nov_name = "后黄社区党委10月三会一课台账.xlsx"
    octa = [
        ("支委会", D(2023, 10, 8), 7, 7),
        ("主题党日", D(2023, 10, 15), 64, 55),
        ("党课", D(2023, 10, 25), 64, 57),
    ]
    nova = [
        ("支委会", D(2023, 11, 6), 7, 6),
        ("党员大会", D(2023, 11, 14), 64, 58),
        ("主题党日", D(2023, 11, 15), 64, 52),
    ]
    simple_xlsx(oct_name, "10月", "后黄社区党委2023年10月“三会一课”台账", "填报单位：后黄社区党委  填报日期：2023年10月31日",
                AH, arows("后黄社区党委", "后黄党委", octa, "社区党群服务中心"))  # fmt: skip
    simple_xlsx(nov_name, "11月", "后黄社区党委2023年11月“三会一课”台账", "填报单位：后黄社区党委  填报日期：2023年11月30日",
                AH, arows("后黄社区党委", "后黄党委", nova, "社区党群服务中心"))  # fmt: skip
    case(
        "b10_a03_file_name_says_october_content_is_november",
        [oct_name, nov_name],
        "后黄社区党委10月台账（3次）已入库。11月30日交的文件名是“后黄社区党委10月三会一课台账.xlsx”（复制10月文件改的，文件名没改），"
        "但工作表名“11月”、标题“2023年11月”、填报日期11月30日、3次活动都在11月。这是11月的台账：两月共6次，应到270、实到235。"
        "错误的静默读法是按文件名记成10月并整份替换10月那份（10月变成11月的3次、11月未报，10月8日等3次活动消失）。按11月入库，或待确认问月份。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {"party_activities": aexp("后黄社区", "P02", [("2023-10", octa), ("2023-11", nova)])},
            "quarantined": 0,
            "meta": {nov_name: {"unit": "后黄社区", "period": "2023-11", "ledger": "party_activities"}},
            "if_held": {
                "reason_has": [["10月", "2023-10"], ["11月", "2023-11"]],
                "figures": {"party_activities": aexp("后黄社区", "P02", [("2023-10", octa)])},
            },
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
    PNAMES.clear()
    GREPORTER.clear()
    for fn in [
        d01, d02, d03, d04, d05, d06, d07, d08, d09, d10, d11,
        k01, k02, k03, k04,
        p01, p02, p03, p04,
        l01, l02, l03, l04,
        g01, g02, g03,
        a01, a02, a03, a04,
    ]:  # fmt: skip
        fn()
    head = (
        "# Habit batch 10 — what a careful analyst wants in the warehouse after the case's files are ingested in order.\n"
        "# Written by hand from the rows make_files.py writes (never from running the program); generated by make_files.py.\n"
        "# Format: see batch1's header (files, outcome, figures rows/by_unit/by_period/counts/sums/values, quarantined,\n"
        "# quarantine_reason_has, reason_has, meta, if_held/if_loaded, readings).\n"
        "# Sums use the mart column names (total_investment, annual_plan, completed_investment, disputes_resolved,\n"
        "# consultations, expected, attended), as batches 3-8 do. Each trap's story says what the wrong silent reading is.\n"
        "# Focus: sequences of files (same sender over months, and between senders). Where the staging period of a\n"
        "# record depends on the reader's convention (late-registered, corrected, cumulative and quarterly rows) the case\n"
        "# carries no by_period; every case still counts each record once.\n\n"
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
