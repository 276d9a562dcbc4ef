"""Habit batch 6: write files/ and cases.yaml.

    /work/main/.venv/bin/python make_files.py

Every expectation below was worked out by hand from the rows written next to it (never by running the program).
The canonical words in the expectations (resolved/open/not_resolved, 村/社区 …) come from SPEC.md's lists and from
the analyst's reading of each clerk's words, written out in the small tables STATUS/LEVEL/TYPE below.
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
import xlsxwriter
import xlwt
import yaml
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, Side
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


def put_rows(ws, rows, start=1, date_fmt='yyyy"年"m"月"d"日"'):
    for r, row in enumerate(rows, start=start):
        if row is None:
            continue
        for c, v in enumerate(row, start=1):
            if v is None:
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(v, dt.date):
                cell.number_format = date_fmt
    return start + len(rows)


def title(ws, text, ncols, row=1):
    ws.cell(row=row, column=1, value=text).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")


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


def simple_xlsx(name, sheet, title_text, sub, header, rows, footer=(), save_it=True, date_fmt=None):
    wb = wb_new()
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
    kw = {"date_fmt": date_fmt} if date_fmt else {}
    r = put_rows(ws, [header] + rows, start=r, **kw)
    for f in footer:
        r += 1
        ws.cell(row=r, column=1, value=f)
    if save_it:
        save(wb, name)
    return wb, ws, hdr


def xw_book(name):
    wb = xlsxwriter.Workbook(str(FILES / name))
    wb.set_properties({"author": "Administrator", "created": FIXED})
    return wb


def csv_text(rows, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


# ------------------------------------------------------------------ disputes
DH = [
    "序号",
    "受理日期",
    "当事人",
    "联系电话",
    "纠纷类型",
    "简要案情",
    "化解责任人",
    "化解层级",
    "化解情况",
    "化解日期",
    "备注",
]
BRIEF = {
    "邻里纠纷": "宅前排水沟堵塞引发争执",
    "婚姻家庭": "夫妻因赡养老人发生矛盾",
    "土地承包": "承包地边界不清",
    "山林权属": "山林界址争议",
    "征地拆迁": "拆迁补偿款分配",
    "劳资纠纷": "务工工资拖欠",
    "合同纠纷": "装修合同尾款",
}
# the analyst's reading of the clerks' words (SPEC.md ledger 1 lists)
TYPE = {
    "邻里纠纷": "邻里纠纷", "婚姻家庭": "婚姻家庭", "土地承包": "土地承包", "山林权属": "山林权属",
    "征地拆迁": "征地拆迁", "劳资纠纷": "其他", "合同纠纷": "其他", "鄰里糾紛": "邻里纠纷", "山林權屬": "山林权属",
}  # fmt: skip
LEVEL = {
    "村级": "村/社区", "片区调解室": "片区调解室", "镇级": "镇", "移交上级": "上级/移交", "村調委會": "村/社区",
    "村級": "村/社区", "片區調解室": "片区调解室", "鎮級": "镇", "村调委会": "村/社区", "镇调委会": "镇",
}  # fmt: skip
STATUS = {
    "已化解": "resolved", "己化解": "resolved", "化解中": "open", "未化解": "not_resolved",
    "调处成功": "resolved", "正在调处": "open", "调处不成": "not_resolved", "是": "resolved", "否": "not_resolved",
}  # fmt: skip


def drows(unit, recs, brief=BRIEF):
    """recs: (received, type word, level word, status word, resolved date[, note])."""
    out = []
    for i, rec in enumerate(recs, 1):
        recv, typ, lvl, st, res = rec[:5]
        note = rec[5] if len(rec) > 5 else None
        name, phone = person(unit)
        who = person(unit + "调解员")[0]
        out.append([i, recv, name, phone, typ, brief.get(typ, "其他纠纷"), who, lvl, st, res, note])
    return out


def dexp(unit, period, recs, extra=None):
    fig = {
        "rows": len(recs),
        "by_unit": {unit: len(recs)},
        "by_period": {period: len(recs)},
        "counts": {
            "status": dict(Counter(STATUS[r[3]] for r in recs)),
            "level": dict(Counter(LEVEL[r[2]] for r in recs)),
            "dispute_type": dict(Counter(TYPE.get(r[1], r[1]) for r in recs)),
        },
        "values": {
            "received_date": [r[0] for r in recs],
            "resolved_date": [r[4] for r in recs],
        },
    }
    fig.update(extra or {})
    return fig


def d01():
    name = "龙山村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 3), "邻里纠纷", "村级", "已化解", D(2023, 10, 5)),
        (D(2023, 10, 10), "山林权属", "镇级", "化解中", None),
        (D(2023, 10, 16), "婚姻家庭", "村级", "已化解", D(2023, 10, 18)),
        (D(2023, 10, 24), "土地承包", "村级", "已化解", D(2023, 10, 27)),
        (D(2023, 10, 29), "邻里纠纷", "村级", "未化解", None),
    ]
    simple_xlsx(
        name, "10月", "华亭镇龙山村2023年10月矛盾纠纷排查化解台账",
        "填报单位：华亭镇龙山村（盖章）        填报日期：2023年10月31日",
        DH, drows("华亭龙山", recs), footer=["填报人：郑某生    审核人：王某强    联系电话：13905941188"],
    )  # fmt: skip
    case(
        "b6_d01_other_town_same_village_name",
        [name],
        "文件名“龙山村2023年10月…”，可标题和填报单位都是“华亭镇龙山村”——城厢区华亭镇也有个龙山村，这份是别镇的台账被转发进了收件箱。"
        "本镇17个村居里的龙山村和它同名不同村。错误的静默读法是按“龙山村”别名入库，给本镇龙山村凭空添5件纠纷。"
        "单位不属本镇，要退回或待确认，并说出“华亭镇”。",
        {
            "outcome": [["held", "rejected"]],
            "reason_has": [["华亭", "外镇", "非本镇", "不属于本镇", "西天尾"]],
            "figures": {"disputes": {"rows": 0}},
            "quarantined": 0,
            "readings": [{"figures": {"disputes": dexp("龙山村", "2023-10", recs)}}],
        },
    )


def d02():
    name = "后埔村2023年10月矛盾纠纷排查调处登记表.xlsx"
    header = [
        "编号",
        "登记时间",
        "纠纷双方",
        "联系方式",
        "纠纷类别",
        "纠纷概况",
        "调处人",
        "调处单位",
        "调处结果",
        "调处时间",
        "备注",
    ]
    recs = [
        (D(2023, 10, 4), "邻里纠纷", "村调委会", "调处成功", D(2023, 10, 6)),
        (D(2023, 10, 11), "婚姻家庭", "村调委会", "调处成功", D(2023, 10, 12)),
        (D(2023, 10, 17), "土地承包", "片区调解室", "正在调处", None),
        (D(2023, 10, 23), "邻里纠纷", "镇调委会", "调处成功", D(2023, 10, 30)),
        (D(2023, 10, 28), "劳资纠纷", "村调委会", "调处不成", None, "已引导申请劳动仲裁"),
    ]
    simple_xlsx(
        name, "Sheet1", "黄石镇村（居）矛盾纠纷排查调处登记表",
        "填报单位：西天尾镇后埔村          所属月份：2023年10月", header, drows("后埔", recs),
        footer=["说明：本表由各村（居）调委会每月25日前报镇综治办。"],
    )  # fmt: skip
    case(
        "b6_d02_neighbour_town_template_own_village",
        [name],
        "后埔村文书从微信群下载了邻镇（黄石镇）的登记表模板来填：标题仍是“黄石镇村（居）矛盾纠纷排查调处登记表”，"
        "表头是编号/登记时间/纠纷类别/调处单位/调处结果/调处时间，但“填报单位：西天尾镇后埔村”、所属月份2023年10月都写清了，"
        "记录也都是后埔村的。标题里的外镇名只是模板遗留；按后埔村10月入库，若要问也须说出“黄石镇”。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["黄石", "模板", "标题"]],
            "figures": {"disputes": dexp("后埔村", "2023-10", recs)},
            "quarantined": 0,
            "meta": {name: {"unit": "后埔村", "period": "2023-10", "ledger": "disputes"}},
            "if_held": {"figures": {"disputes": {"rows": 0}}},
        },
    )


def d03():
    name = "澄渚社區2023年11月矛盾糾紛排查化解臺賬.xlsx"
    header = [
        "序號",
        "受理日期",
        "當事人",
        "聯繫電話",
        "糾紛類型",
        "簡要案情",
        "化解責任人",
        "化解層級",
        "化解情況",
        "化解日期",
        "備註",
    ]
    brief = {
        "鄰里糾紛": "樓上漏水滲到樓下",
        "婚姻家庭": "夫妻因子女撫養爭吵",
        "土地承包": "承包地邊界爭議",
        "山林權屬": "祖墳山界址爭議",
    }
    recs = [
        (D(2023, 11, 2), "鄰里糾紛", "村級", "已化解", D(2023, 11, 3)),
        (D(2023, 11, 7), "婚姻家庭", "村級", "已化解", D(2023, 11, 9)),
        (D(2023, 11, 13), "土地承包", "片區調解室", "化解中", None),
        (D(2023, 11, 20), "山林權屬", "鎮級", "未化解", None),
        (D(2023, 11, 24), "鄰里糾紛", "村級", "已化解", D(2023, 11, 27)),
    ]
    rows = drows("澄渚", recs, brief)
    for r in rows:  # 化解情況 written in traditional characters too
        r[8] = {"已化解": "已化解", "化解中": "化解中", "未化解": "未化解"}[r[8]]
    simple_xlsx(
        name, "11月", "西天尾鎮澄渚社區2023年11月矛盾糾紛排查化解臺賬",
        "填報單位：澄渚社區　　填報日期：2023年11月30日", header, rows,
        footer=["填報人：林某芳　　審核人：陳某明"],
    )  # fmt: skip
    case(
        "b6_d03_traditional_characters",
        [name],
        "澄渚社区文书在WPS里误点了“简转繁”，整张表连文件名都成了繁体：澄渚社區、糾紛類型、化解層級、村級/片區調解室/鎮級、"
        "鄰里糾紛、山林權屬、填報單位。内容与简体台账一字不差，应照常按澄渚社区11月入库。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("澄渚社区", "2023-11", recs)},
            "quarantined": 0,
            "meta": {name: {"unit": "澄渚社区", "period": "2023-11", "ledger": "disputes"}},
        },
    )


def d04():
    name = "林峰社区2023年11月矛盾纠纷排查化解台账.xlsx"
    header = [
        "序号",
        "受理日其",
        "当事人",
        "联系电话",
        "纠分类型",
        "简要案情",
        "化解责任人",
        "化解层级",
        "化解清况",
        "化解日其",
        "备注",
    ]
    recs = [
        (D(2023, 11, 1), "邻里纠纷", "村级", "已化解", D(2023, 11, 2)),
        (D(2023, 11, 6), "婚姻家庭", "村级", "己化解", D(2023, 11, 8)),
        (D(2023, 11, 10), "合同纠纷", "片区调解室", "化解中", None),
        (D(2023, 11, 16), "邻里纠纷", "村级", "已化解", D(2023, 11, 17)),
        (D(2023, 11, 21), "土地承包", "镇级", "未化解", None),
    ]
    simple_xlsx(
        name,
        "Sheet1",
        "林峰社区2023年11月矛盾纠纷排查化解台账",
        "填报单位：林峰社区",
        header,
        drows("林峰", recs),
    )
    case(
        "b6_d04_header_typos_from_pinyin_input",
        [name],
        "林峰社区新来的文书用拼音输入法打表头，打出了同音错字：“受理日其”“纠分类型”“化解清况”“化解日其”，第2件化解情况写成“己化解”（己/已）。"
        "两个“日其”要按位置分清受理和化解；“己化解”且有化解日期，是已化解。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("林峰社区", "2023-11", recs)},
            "quarantined": 0,
        },
    )


def d05():
    name = "后卓村2023年10月矛盾纠纷排查化解台账.xlsx"
    header = [
        "序号",
        "排查日期",
        "当事人",
        "联系电话",
        "纠纷类型",
        "简要案情",
        "化解责任人",
        "化解层级",
        "是否化解",
        "化解日期",
        "备注",
    ]
    recs = [
        (D(2023, 10, 5), "邻里纠纷", "村级", "是", D(2023, 10, 6)),
        (D(2023, 10, 12), "土地承包", "村级", "是", D(2023, 10, 19)),
        (D(2023, 10, 18), "婚姻家庭", "片区调解室", "否", None),
        (D(2023, 10, 25), "邻里纠纷", "村级", "是", D(2023, 10, 26)),
        (D(2023, 10, 30), "征地拆迁", "镇级", "否", None),
    ]
    simple_xlsx(
        name,
        "10月",
        "后卓村2023年10月矛盾纠纷排查化解台账",
        "填报单位：后卓村委会",
        header,
        drows("后卓", recs),
    )
    case(
        "b6_d05_status_as_shifou_huajie",
        [name],
        "后卓村的台账没有“化解情况”，只有一列“是否化解”，填是/否。“是”=已化解；“否”就是“未化解”，按SPEC“未化解→not resolved”"
        "（表里没有别的字说明在调解中）。化解件数3件不因读法而变；错误的静默读法是认不出是/否而把状态留空或全当未结。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("后卓村", "2023-10", recs)},
            "quarantined": 0,
        },
    )


def d06():
    name = "碗洋村2023年11月矛盾纠纷排查化解台账.xlsx"
    texts = [
        ("十一月三日", "邻里纠纷", "村级", "已化解", "十一月四日"),
        ("十一月九日", "婚姻家庭", "村级", "化解中", ""),
        ("十一月十五日", "土地承包", "片区调解室", "已化解", "十一月十八日"),
        ("十一月廿二日", "邻里纠纷", "村级", "已化解", "十一月廿三日"),
        ("十一月三十日", "山林权属", "村级", "化解中", ""),
    ]
    dates = {
        "十一月三日": D(2023, 11, 3), "十一月四日": D(2023, 11, 4), "十一月九日": D(2023, 11, 9),
        "十一月十五日": D(2023, 11, 15), "十一月十八日": D(2023, 11, 18), "十一月廿二日": D(2023, 11, 22),
        "十一月廿三日": D(2023, 11, 23), "十一月三十日": D(2023, 11, 30), "": None,
    }  # fmt: skip
    rows = drows("碗洋", [(a, b, c, d_, e or None) for a, b, c, d_, e in texts])
    simple_xlsx(name, "Sheet1", "碗洋村2023年11月矛盾纠纷排查化解台账", "填报单位：碗洋村", DH, rows)
    recs = [(dates[a], b, c, d_, dates[e]) for a, b, c, d_, e in texts]
    case(
        "b6_d06_dates_in_chinese_words_with_nian",
        [name],
        "碗洋村老文书日期全用汉字写，不写年：“十一月三日”“十一月十五日”，还有口语的“十一月廿二日”“十一月廿三日”（廿=二十）、“十一月三十日”。"
        "年份取自标题2023年11月。把“廿二”读成2日或读不出都是错。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("碗洋村", "2023-11", recs)},
            "quarantined": 0,
        },
    )


def d07():
    name = "三山村2023年10月矛盾纠纷台账.csv"
    recs = [
        (D(2023, 10, 8), "邻里纠纷", "村级", "已化解", D(2023, 10, 9)),
        (D(2023, 10, 15), "婚姻家庭", "村级", "已化解", D(2023, 10, 20)),
        (D(2023, 10, 22), "劳资纠纷", "移交上级", "未化解", None, "已移交区人社局"),
        (D(2023, 10, 27), "土地承包", "片区调解室", "化解中", None),
    ]
    wb, ws, hdr = simple_xlsx(
        name,
        "Sheet1",
        "三山村2023年10月矛盾纠纷排查化解台账",
        "填报单位：三山村",
        DH,
        drows("三山", recs),
        save_it=False,
    )
    path = FILES / name
    wb.save(path)  # an xlsx (zip) under a .csv name
    fix_zip(path)
    case(
        "b6_d07_xlsx_renamed_to_csv",
        [name],
        "报送系统只收.csv，三山村文书把xlsx文件直接改了后缀名：扩展名是.csv，内容是Excel工作簿（ZIP）。照内容读，按三山村10月入库；"
        "当文本读会得到一堆乱码。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("三山村", "2023-10", recs)},
            "quarantined": 0,
        },
    )


def d08():
    name = "东星社区矛盾纠纷台账_2023年11月.csv"
    header = [
        "序号",
        "受理时间",
        "当事人",
        "联系电话",
        "纠纷类型",
        "简要案情",
        "化解责任人",
        "化解层级",
        "化解情况",
        "化解时间",
        "备注",
    ]
    recs = [
        (D(2023, 11, 2), "邻里纠纷", "村级", "已化解", D(2023, 11, 3)),
        (D(2023, 11, 8), "合同纠纷", "片区调解室", "已化解", D(2023, 11, 14)),
        (D(2023, 11, 15), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 11, 21), "邻里纠纷", "村级", "已化解", D(2023, 11, 22)),
        (D(2023, 11, 28), "征地拆迁", "镇级", "化解中", None),
    ]
    briefs = [
        "楼上漏水，协商未果",
        "装修尾款3,500元，双方各执一词",
        "夫妻争吵; 女方回娘家",
        "停车位占用，已口头道歉",
        "拆迁安置面积争议，涉及3户",
    ]
    rows = []
    for r, b in zip(drows("东星", recs), briefs, strict=True):
        r[5] = b
        r[1] = r[1].isoformat()
        r[9] = r[9].isoformat() if r[9] else ""
        rows.append(["" if v is None else v for v in r])
    (FILES / name).write_bytes(csv_text([header] + rows, delimiter=";").encode("utf-8"))
    case(
        "b6_d08_semicolon_separated_csv",
        [name],
        "东星社区从综治信息系统导出的CSV用分号“;”分隔（系统按欧洲区域设置导出），UTF-8无BOM；简要案情里有中文逗号、英文逗号（“3,500元”）和分号"
        "（带引号）。按逗号拆会把整行当一列或在“3,500”处拆错。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("东星社区", "2023-11", recs)},
            "quarantined": 0,
            "meta": {name: {"unit": "东星社区", "period": "2023-11", "ledger": "disputes"}},
        },
    )


def d09():
    name = "下垞村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 6), "邻里纠纷", "村级", "已化解", D(2023, 10, 7)),
        (D(2023, 10, 13), "山林权属", "镇级", "已化解", D(2023, 10, 25)),
        (D(2023, 10, 19), "婚姻家庭", "村级", "化解中", None),
        (D(2023, 10, 26), "土地承包", "村级", "已化解", D(2023, 10, 28)),
    ]
    wb, ws, hdr = simple_xlsx(
        name,
        "Sheet1",
        "下垞村2023年10月矛盾纠纷排查化解台账",
        "填报单位：下垞村",
        DH,
        drows("下垞", recs),
        save_it=False,
    )
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r in range(
        hdr, hdr + len(recs) + 1
    ):  # whole rows selected and given borders: cells out to column XFD
        for c in range(1, 16385):
            ws.cell(row=r, column=c).border = box
    save(wb, name)
    case(
        "b6_d09_borders_out_to_column_xfd",
        [name],
        "下垞村文书选中整行加了边框：表头和4条记录每行都有16384个带格式的空单元格（到XFD列），工作表范围A1:XFD7。"
        "只有前11列有字，照常入库，不该卡死也不该多出空列问题。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("下垞村", "2023-10", recs)},
            "quarantined": 0,
        },
    )


def d10():
    first = "后埔村2023年11月矛盾纠纷台账.xlsx"
    second = "三山村2023年11月矛盾纠纷台账.xlsx"
    recs = [
        (D(2023, 11, 3), "邻里纠纷", "村级", "已化解", D(2023, 11, 4)),
        (D(2023, 11, 10), "土地承包", "片区调解室", "化解中", None),
        (D(2023, 11, 17), "婚姻家庭", "村级", "已化解", D(2023, 11, 20)),
        (D(2023, 11, 24), "邻里纠纷", "村级", "已化解", D(2023, 11, 25)),
    ]
    rows = drows("后埔11", recs)
    for fname, who, mod in ((first, "Administrator", FIXED), (second, "sanshan", T(2023, 11, 30, 16, 5))):
        wb = wb_new(modified=mod, who=who)
        ws = wb.active
        ws.title = "11月"
        title(ws, "后埔村2023年11月矛盾纠纷排查化解台账", len(DH))
        ws.cell(row=2, column=1, value="填报单位：后埔村    填报日期：2023年11月30日")
        put_rows(ws, [DH] + rows, start=3)
        save(wb, fname, modified=mod.strftime("%Y-%m-%dT%H:%M:%SZ"))
    b = dexp("后埔村", "2023-11", recs)
    case(
        "b6_d10_copy_of_neighbours_file_renamed",
        [first, second],
        "三山村文书没时间做表，拿了后埔村发在群里的11月台账，另存成“三山村2023年11月矛盾纠纷台账.xlsx”就交了：里面标题、填报单位仍是后埔村，"
        "4条记录与后埔村已入库的文件逐条相同。错误的静默读法是按文件名记成三山村4件（全镇多出4件）。"
        "应待确认并点出三山/后埔不一致；若认定是后埔村重复报送，按后埔村替换同样内容也不算错。",
        {
            "outcome": ["loaded", ["held", "loaded"]],
            "reason_has": [["三山"], ["后埔"]],
            "figures": {"disputes": b},
            "quarantined": 0,
            "if_loaded": {
                "figures": {"disputes": b},
                "meta": {second: {"unit": "后埔村", "period": "2023-11"}},
            },
        },
    )


def d11():
    name = "吴江村2023年10月信访矛盾纠纷排查化解台账.xlsx"
    header = [
        "序号",
        "登记日期",
        "类别",
        "来访人/当事人",
        "联系电话",
        "问题类型",
        "反映问题/纠纷简况",
        "责任人",
        "处理层级",
        "办理情况",
        "办结日期",
    ]
    raw = [
        (D(2023, 10, 3), "矛盾纠纷", "邻里纠纷", "相邻通道被堵", "村级", "已化解", D(2023, 10, 4)),
        (D(2023, 10, 8), "信访", "基础设施", "反映村道路灯不亮", "村级", "已化解", D(2023, 10, 12)),
        (D(2023, 10, 11), "矛盾纠纷", "婚姻家庭", "婆媳矛盾", "村级", "已化解", D(2023, 10, 13)),
        (D(2023, 10, 16), "信访", "社会保障", "咨询低保申请条件", "村级", "已化解", D(2023, 10, 16)),
        (D(2023, 10, 20), "矛盾纠纷", "土地承包", "承包地互换后反悔", "片区调解室", "化解中", None),
        (D(2023, 10, 25), "信访", "征地拆迁", "反映征地补偿款发放迟缓", "镇级", "化解中", None),
        (D(2023, 10, 30), "矛盾纠纷", "邻里纠纷", "鸡鸭散养糟蹋菜地", "村级", "已化解", D(2023, 10, 31)),
    ]
    rows = []
    for i, (d, cat, typ, brief, lvl, st, res) in enumerate(raw, 1):
        nm, ph = person("吴江")
        rows.append([i, d, cat, nm, ph, typ, brief, person("吴江干部")[0], lvl, st, res])
    simple_xlsx(name, "10月", "吴江村2023年10月信访矛盾纠纷排查化解台账", "填报单位：吴江村", header, rows)
    case(
        "b6_d11_petitions_and_disputes_in_one_ledger",
        [name],
        "吴江村把来访信访和矛盾纠纷记在一本“信访矛盾纠纷排查化解台账”里，“类别”列分“矛盾纠纷”（4条）和“信访”（3条：路灯不亮、咨询低保、征地补偿款）。"
        "信访件不是纠纷，也不是镇里的信访积案。错误的静默读法是7条全当纠纷（受理7件、化解5件）。哪些算纠纷要分析员确认。",
        {
            "outcome": ["held"],
            "reason_has": [["信访", "类别"]],
            "figures": {"disputes": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {"figures": {"disputes": {"rows": 7, "by_unit": {"吴江村": 7}}}},
                {
                    "figures": {
                        "disputes": {
                            "rows": 4,
                            "by_unit": {"吴江村": 4},
                            "counts": {"status": {"resolved": 3, "open": 1}},
                        }
                    }
                },
            ],
        },
    )


def d12():
    name = "北大村2023年矛盾纠纷排查化解台账.xlsx"
    per_month = {1: 1, 2: 0, 3: 2, 4: 1, 5: 2, 6: 1, 7: 2, 8: 1, 9: 2, 10: 2, 11: 2}
    types = ["邻里纠纷", "婚姻家庭", "土地承包", "邻里纠纷", "山林权属", "劳资纠纷"]
    levels = ["村级", "村级", "片区调解室", "村级", "镇级"]
    wb = wb_new()
    wb.remove(wb.active)
    allrecs = []
    k = 0
    summary = []
    for m, n in per_month.items():
        ws = wb.create_sheet(f"{m}月")
        recs = []
        for j in range(n):
            k += 1
            recv = D(2023, m, 4 + j * 12)
            if (m, j) == (10, 1):
                st, res = "未化解", None
            elif (m, j) == (11, 1):
                st, res = "化解中", None
            else:
                st, res = "已化解", recv + dt.timedelta(days=3)
            recs.append((recv, types[k % 6], levels[k % 5], st, res))
        title(ws, f"北大村2023年{m}月矛盾纠纷排查化解台账", len(DH))
        ws.cell(row=2, column=1, value="填报单位：北大村")
        rows = drows("北大", recs)
        put_rows(ws, [DH] + rows, start=3)
        summary += [[f"{m}月"] + r[1:] for r in rows]
        allrecs += [(r, f"2023-{m:02d}") for r in recs]
    ws = wb.create_sheet("全年汇总")
    title(ws, "北大村2023年1-11月矛盾纠纷排查化解汇总", len(DH))
    put_rows(ws, [["月份"] + DH[1:]] + summary + [["合计", f"{len(summary)}件"]], start=2)
    save(wb, name)
    recs = [r for r, _ in allrecs]
    fig = dexp("北大村", "2023-11", recs)
    fig["by_period"] = dict(Counter(p for _, p in allrecs))
    case(
        "b6_d12_year_workbook_month_sheets_and_summary",
        [name],
        "北大村一年一个工作簿：1月…11月每月一张表（2月只有表头，没有纠纷），最后一张“全年汇总”把16件又抄了一遍（首列改成“月份”）并有合计行。"
        "每张月表是该月台账，16件各按所在月份入库；“全年汇总”是重复，不能再算。错误的静默读法是连汇总表一起读成32件，或把16件都记到11月。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {"disputes": fig},
            "quarantined": 0,
            "if_held": {"figures": {"disputes": {"rows": 0}}},
        },
    )


def d13():
    name = "洞湖村2023年10月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 10, 2), "邻里纠纷", "村级", "已化解", D(2023, 10, 3)),
        (D(2023, 10, 9), "婚姻家庭", "片区调解室", "已化解", D(2023, 10, 16)),
        (D(2023, 10, 17), "征地拆迁", "镇级", "化解中", None),
        (D(2023, 10, 23), "邻里纠纷", "村级", "已化解", D(2023, 10, 24)),
        (D(2023, 10, 30), "土地承包", "村级", "未化解", None),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    ncol = len(DH) + 2
    title(ws, "洞湖村2023年10月矛盾纠纷排查化解台账", ncol)
    ws.cell(row=2, column=1, value="填报单位：洞湖村")

    def spread(row):  # 简要案情 (6th) takes columns F:H, the rest shift right by two
        return row[:6] + [None, None] + row[6:]

    put_rows(ws, [spread(DH)] + [spread(r) for r in drows("洞湖", recs)], start=3)
    for r in range(3, 4 + len(recs)):
        ws.merge_cells(start_row=r, start_column=6, end_row=r, end_column=8)
    save(wb, name)
    case(
        "b6_d13_brief_merged_across_three_columns",
        [name],
        "洞湖村为了让“简要案情”显示得宽，表头和每条记录的F:H三格都合并了，后面的化解责任人、化解层级、化解情况、化解日期整体右移到I-M列。"
        "按表头位置对列，合并区里的空格不是缺值。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("洞湖村", "2023-10", recs)},
            "quarantined": 0,
        },
    )


def d14():
    name = "西天尾镇2023年11月矛盾纠纷排查化解汇总台账.xlsx"
    header = [
        "序号",
        "所属村居",
        "受理日期",
        "当事人",
        "联系电话",
        "纠纷类型",
        "简要案情",
        "化解责任人",
        "化解层级",
        "化解情况",
        "化解日期",
    ]
    raw = [
        ("龙山", D(2023, 11, 2), "邻里纠纷", "村级", "已化解", D(2023, 11, 3)),
        ("吴江", D(2023, 11, 6), "婚姻家庭", "村级", "已化解", D(2023, 11, 7)),
        ("北大村委会", D(2023, 11, 9), "土地承包", "片区调解室", "化解中", None),
        ("溪白村", D(2023, 11, 14), "邻里纠纷", "村级", "已化解", D(2023, 11, 15)),
        ("东星居委", D(2023, 11, 20), "征地拆迁", "镇级", "未化解", None),
        ("洞胡村", D(2023, 11, 23), "邻里纠纷", "村级", "已化解", D(2023, 11, 24)),
    ]
    rows = []
    for i, (u, d, typ, lvl, st, res) in enumerate(raw, 1):
        nm, ph = person("镇汇总")
        rows.append([i, u, d, nm, ph, typ, BRIEF[typ], person("镇综治")[0], lvl, st, res])
    simple_xlsx(
        name, "汇总", "西天尾镇2023年11月矛盾纠纷排查化解汇总台账", "填报单位：镇综治中心", header, rows
    )
    units = ["龙山村", "吴江村", "北大村", "溪白社区", "东星社区"]
    recs = [(d, typ, lvl, st, res) for _, d, typ, lvl, st, res in raw[:5]]
    fig = dexp("龙山村", "2023-11", recs)
    fig["by_unit"] = dict.fromkeys(units, 1)
    case(
        "b6_d14_unit_short_old_and_misspelt_names",
        [name],
        "镇综治中心的汇总表，“所属村居”随手写：“龙山”“吴江”（不带村）、“北大村委会”、“溪白村”（2018年已改社区）、“东星居委”，"
        "还有一条打成“洞胡村”（本镇没有这个村，像是洞湖村的笔误）。前5条照别名入库；“洞胡村”不能猜成洞湖村，隔离并点出原文让经办人改。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": fig},
            "quarantined": 1,
            "quarantine_reason_has": [["洞胡"]],
        },
    )


def d15():
    name = "渭阳社区2023年11月矛盾纠纷排查化解台账.xlsx"
    recs = [
        (D(2023, 11, 3), "邻里纠纷", "村级", "已化解", D(2023, 11, 6)),
        (D(2023, 11, 10), "婚姻家庭", "村级", "已化解", D(2023, 11, 10)),
        (D(2023, 11, 17), "合同纠纷", "片区调解室", "化解中", None),
        (D(2023, 11, 24), "邻里纠纷", "镇级", "已化解", D(2023, 11, 29)),
    ]
    wb, ws, hdr = simple_xlsx(
        name,
        "11月",
        "渭阳社区2023年11月矛盾纠纷排查化解台账",
        "填报单位：渭阳社区",
        DH,
        drows("渭阳", recs),
        save_it=False,
    )
    side = [
        ("本月统计", "数值"),
        ("排查纠纷数", 4),
        ("化解数", 3),
        ("化解中", 1),
        ("未化解", 0),
        ("化解率", "75%"),
        ("小事不出村率", "66.67%"),
        ("上月结转", 2),
    ]
    for i, (a, b) in enumerate(side):
        ws.cell(row=hdr + i, column=13, value=a)
        ws.cell(row=hdr + i, column=14, value=b)
    save(wb, name)
    case(
        "b6_d15_statistics_block_beside_records",
        [name],
        "渭阳社区在记录右边（M、N列，和表头同一行起）放了个小统计：排查纠纷数4、化解数3、化解中1、未化解0、化解率75%、小事不出村率66.67%、上月结转2，"
        "统计块比记录长3行。只有4件纠纷；错误的静默读法是把统计块下面几行当成纠纷，或把“化解率”“化解数”当记录字段。",
        {
            "outcome": ["loaded"],
            "figures": {"disputes": dexp("渭阳社区", "2023-11", recs)},
            "quarantined": 0,
        },
    )


def d16():
    name = "象峰村2023年11月矛盾纠纷排查化解台账.xlsx"
    header = [
        "序号",
        "所属村居",
        "受理日期",
        "当事人",
        "联系电话",
        "纠纷类型",
        "简要案情",
        "化解责任人",
        "化解层级",
        "化解情况",
        "化解日期",
        "备注",
    ]
    rows = [[i, "象峰村"] + [None] * 10 for i in range(1, 21)]
    wb, ws, hdr = simple_xlsx(
        name, "11月", "西天尾镇象峰村2023年11月矛盾纠纷排查化解台账", "填报单位：象峰村    填报日期：", header, rows,
        footer=["填报人：            审核人：            联系电话："], save_it=False,
    )  # fmt: skip
    for col, opts in (("F", "山林权属,征地拆迁,土地承包,婚姻家庭,邻里纠纷,涉法涉诉信访,其他"),
                      ("I", "村/社区,片区调解室,镇,上级/移交"), ("J", "已化解,化解中,未化解")):  # fmt: skip
        dv = DataValidation(type="list", formula1=f'"{opts}"', allow_blank=True)
        dv.add(f"{col}{hdr + 1}:{col}{hdr + 20}")
        ws.add_data_validation(dv)
    save(wb, name)
    case(
        "b6_d16_town_template_returned_unfilled",
        [name],
        "镇里下发的报送模板（序号1-20、“所属村居”每行预填“象峰村”、下拉框）被象峰村原样交回：没有一个日期、当事人或案情，也没写“无”或“零报告”。"
        "是本月确实没有纠纷，还是忘了填，文件本身说不清，最好待确认请村里说明；当零报告也可接受。"
        "错误的静默读法是把20行预填行当20件纠纷。",
        {
            "outcome": [["held", "zero_report"]],
            "reason_has": [["空", "未填", "没有填写", "零报告", "模板", "无记录", "没有记录"]],
            "figures": {"disputes": {"rows": 0}},
            "quarantined": 0,
            "if_loaded": {
                "figures": {"disputes": {"rows": 0}},
                "meta": {name: {"unit": "象峰村", "period": "2023-11", "ledger": "disputes"}},
            },
        },
    )


# ------------------------------------------------------------------ key projects
def kh(cum):
    return ["序号", "项目名称", "所属", "项目阶段", "建设内容", "总投资（万元）", "2023年计划投资（万元）", f"{cum}累计完成投资（万元）",
            "形象进度", "存在问题", "挂钩领导", "责任单位"]  # fmt: skip


def k01():
    name = "西天尾镇2023年第三季度重点项目推进情况表.xlsx"
    rows = [
        [
            1,
            "镇区雨污分流改造",
            "镇",
            "续建",
            "改造管网8公里",
            12000,
            3000,
            2450,
            "完成70%",
            "无",
            "陈某",
            "镇城建办",
        ],
        [
            2,
            "溪白片区安置房",
            "镇",
            "新开工",
            "安置房3幢",
            8500,
            2000,
            1320,
            "基础施工",
            "无",
            "林某",
            "镇征迁办",
        ],
        [
            3,
            "林山村农旅融合示范点",
            "镇",
            "预备",
            "民宿及游步道",
            5000,
            800,
            0,
            "方案设计",
            "用地指标待批",
            "黄某",
            "镇农业农村办",
        ],
        [
            4,
            "西天尾物流仓储园",
            "镇",
            "前期",
            "仓储用房",
            20000,
            500,
            60,
            "土地报批",
            "无",
            "吴某",
            "镇项目办",
        ],
    ]
    simple_xlsx(
        name,
        "三季度",
        "西天尾镇2023年三季度重点项目推进情况表（截至9月30日）",
        "填报单位：镇项目办",
        kh("1-9月"),
        rows,
    )
    case(
        "b6_k01_quarterly_report_as_september_snapshot",
        [name],
        "镇项目办按季度报：文件名“第三季度”，标题“截至9月30日”，完成列“1-9月累计”。季度报表就是9月底的快照，按2023-09入库，不要记成某个季度或整年。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 4,
                    "by_unit": {None: 4},
                    "by_period": {"2023-09": 4},
                    "counts": {"stage": {"在建": 2, "预备": 1, "前期": 1}, "zone": {"镇": 4}},
                    "sums": {"total_investment": 45500, "annual_plan": 6300, "completed_investment": 3830},
                }
            },
            "quarantined": 0,
            "meta": {name: {"period": "2023-09", "ledger": "key_projects"}},
        },
    )


def k02():
    name = "园区重点项目2023年10月进展表.xlsx"
    header = kh("1-10月")
    data = [
        [
            1,
            "智能装备产业园二期",
            "园区",
            "在建",
            "标准厂房6幢",
            25000,
            6000,
            5100,
            "主体施工",
            "无",
            "陈某",
            "园区管委会",
        ],
        [
            2,
            "新能源电池配套项目",
            "园区",
            "在建",
            "生产线2条",
            18000,
            4000,
            3350,
            "设备安装",
            "无",
            "郑某",
            "园区管委会",
        ],
        [
            3,
            "园区污水处理厂提标",
            "园区",
            "预备",
            "提标改造",
            12000,
            1500,
            0,
            "可研编制",
            "资金未落实",
            "王某",
            "园区规建局",
        ],
        [4, "园区南片区路网", "园区", "前期", "道路3公里", 9000, 300, 45, "征地", "无", "方某", "园区规建局"],
    ]
    wb = xw_book(name)
    ws = wb.add_worksheet("10月")
    bold = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    ws.merge_range(0, 0, 0, 11, "园区2023年10月重点项目进展表", bold)
    ws.write(1, 0, "填报单位：园区管委会")
    totals = {5: 64000, 6: 11800, 7: 8495}
    cols = []
    for c, h in enumerate(header):
        col = {"header": h}
        if c == 1:
            col["total_string"] = "汇总"
        if c in totals:
            col["total_function"] = "sum"
            col["total_value"] = totals[c]
        cols.append(col)
    ws.add_table(
        2, 0, 2 + len(data) + 1, 11, {"name": "Table1", "data": data, "columns": cols, "total_row": True}
    )
    wb.close()
    fix_zip(FILES / name)
    case(
        "b6_k02_excel_table_with_totals_row",
        [name],
        "园区管委会把项目做成Excel“表格”（套用表格格式，ListObject），打开了“汇总行”：表底一行项目名称列写“汇总”，三列金额是SUBTOTAL(109,…)公式，"
        "缓存值64000/11800/8495。只有4个项目；错误的静默读法是把汇总行当第5个项目，金额翻倍（总投资128000万元）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 4,
                    "by_period": {"2023-10": 4},
                    "counts": {"stage": {"在建": 2, "预备": 1, "前期": 1}, "zone": {"园区": 4}},
                    "sums": {"total_investment": 64000, "annual_plan": 11800, "completed_investment": 8495},
                }
            },
            "quarantined": 0,
        },
    )


def k03():
    name = "镇项目办2023年11月重点项目台账.xlsx"
    header = ["序号", "项目名称", "所属", "项目阶段", "总投资（万元）", "2023年计划投资（万元）", "1-10月累计完成（万元）",
              "11月完成（万元）", "1-11月累计完成（万元）", "形象进度", "责任单位"]  # fmt: skip
    data = [
        [1, "镇文体中心", "镇", "在建", 30000, 8000, 6200, 600],
        [2, "西天尾中学扩建", "镇", "在建", 15000, 4000, 3100, "约120"],
        [3, "后埔村污水处理站", "镇", "预备", 6000, 1000, 0, 0],
        [4, "镇区停车场", "镇", "前期", 9000, 300, 80, 20],
    ]
    wb = xw_book(name)
    ws = wb.add_worksheet("11月")
    ws.merge_range(
        0, 0, 0, 10, "西天尾镇2023年11月重点项目推进台账", wb.add_format({"bold": True, "align": "center"})
    )
    ws.write(1, 0, "填报单位：镇项目办")
    ws.write_row(2, 0, header)
    for i, r in enumerate(data):
        row = 3 + i
        ws.write_row(row, 0, r)
        if isinstance(r[7], str):
            ws.write_formula(row, 8, f"=G{row + 1}+H{row + 1}", None, "#VALUE!")
        else:
            ws.write_formula(row, 8, f"=G{row + 1}+H{row + 1}", None, r[6] + r[7])
        ws.write(row, 9, "按计划推进")
        ws.write(row, 10, "镇项目办")
    wb.close()
    fix_zip(FILES / name)
    case(
        "b6_k03_value_error_in_cumulative_column",
        [name],
        "镇项目办的“1-11月累计完成”是公式=1-10月累计+11月完成；西天尾中学扩建的11月完成填了“约120”，累计格显示#VALUE!。"
        "这个项目的累计完成投资不知道，不能当0或空值入库（那样全镇完成投资静默少3100多万），也不能自己算“约”数；"
        "该行隔离并说明#VALUE!，其余3个项目照常。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 3,
                    "by_unit": {None: 3},
                    "by_period": {"2023-11": 3},
                    "counts": {"stage": {"在建": 1, "预备": 1, "前期": 1}, "zone": {"镇": 3}},
                    "sums": {"total_investment": 45000, "annual_plan": 9300, "completed_investment": 6900},
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["#VALUE!", "VALUE", "错误", "公式"]],
        },
    )


def k04():
    name = "园区重点项目进展情况（2023年8-10月）.xlsx"
    projects = [
        ("智能制造孵化基地", "在建", 20000, 5000, {8: 3100, 9: 3600, 10: 4100}),
        ("园区人才公寓", "在建", 8000, 2000, {8: 1200, 9: 1400, 10: 1650}),
        ("园区综合服务中心", "预备", 3000, 600, {8: 0, 9: 50, 10: 120}),
    ]
    wb = wb_new()
    wb.remove(wb.active)
    for m in (8, 9, 10):
        ws = wb.create_sheet(f"{m}月")
        rows = [
            [i, p, "园区", st, "见可研", tot, plan, done[m], "按计划", "无", "陈某", "园区管委会"]
            for i, (p, st, tot, plan, done) in enumerate(projects, 1)
        ]
        title(ws, f"园区重点项目进展情况（2023年{m}月）", 12)
        ws.cell(row=2, column=1, value="填报单位：园区管委会")
        put_rows(ws, [kh(f"1-{m}月")] + rows, start=3)
    save(wb, name)
    case(
        "b6_k04_park_workbook_sheet_per_month_snapshot",
        [name],
        "园区管委会一个工作簿放8月、9月、10月三张月报，每张都是当月快照（列名1-8月/1-9月/1-10月累计）。三张各按自己的月份入库（快照不相加，取最新靠期次）。"
        "错误的静默读法是当成一个10月报表的9个项目，或三个月累计完成相加。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 9,
                    "by_period": {"2023-08": 3, "2023-09": 3, "2023-10": 3},
                    "counts": {"stage": {"在建": 6, "预备": 3}, "zone": {"园区": 9}},
                    "sums": {"total_investment": 93000, "annual_plan": 22800, "completed_investment": 15220},
                }
            },
            "quarantined": 0,
        },
    )


def k05():
    name = "镇项目办2023年10月重点项目进度表.xlsx"
    header = [
        "序号",
        "项目名称",
        "所属",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "累计完成投资比例（%）",
        "形象进度",
        "责任单位",
    ]
    rows = [
        [1, "镇卫生院迁建", "镇", "在建", 16000, 5000, 82, "主体完工", "镇卫生院"],
        [2, "农贸市场改造", "镇", "在建", 7000, 2000, 65, "装修", "镇市场监管所"],
        [3, "渭阳社区文化广场", "镇", "预备", 4000, 600, 0, "待招标", "渭阳社区"],
        [4, "镇区供水管网", "镇", "前期", 12000, 1000, 12, "勘察", "镇城建办"],
    ]
    simple_xlsx(name, "10月", "西天尾镇2023年10月重点项目进度表", "填报单位：镇项目办", header, rows)
    case(
        "b6_k05_completion_given_as_percentage_only",
        [name],
        "镇项目办这月换了报法：没有“累计完成投资（万元）”，只有“累计完成投资比例（%）”82、65、0、12。"
        "比例是对年度计划还是对总投资，表里没说；错误的静默读法是把82、65当成82万元、65万元（完成投资159万元），"
        "按年度计划折算是5520万元，按总投资折算是19110万元——三种都不能自己定，要问。",
        {
            "outcome": ["held"],
            "reason_has": [["比例", "%", "百分比", "完成率"]],
            "figures": {"key_projects": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {
                    "figures": {
                        "key_projects": {
                            "rows": 4,
                            "sums": {
                                "total_investment": 39000,
                                "annual_plan": 8600,
                                "completed_investment": v,
                            },
                        }
                    }
                }
                for v in (159, 5520, 19110)
            ],
        },
    )


def k06():
    name = "镇项目办2023年11月重点项目推进情况.xlsx"
    wb = wb_new()
    ws = wb.active
    ws.title = "11月"
    rows = [
        [
            1,
            "镇政务服务中心改造",
            "镇",
            "在建",
            "内部改造",
            10000,
            3000,
            2600,
            "完成85%",
            "无",
            "陈某",
            "镇党政办",
        ],
        [
            2,
            "吴江村农田水利",
            "镇",
            "在建",
            "沟渠12公里",
            6000,
            1500,
            1380,
            "完成90%",
            "无",
            "林某",
            "镇农业农村办",
        ],
        [
            3,
            "三山村古民居修缮",
            "镇",
            "前期",
            "修缮古厝5座",
            3000,
            200,
            0,
            "方案论证",
            "产权人意见不一",
            "黄某",
            "三山村",
        ],
    ]
    title(ws, "西天尾镇2023年11月重点项目推进情况", 12)
    ws.cell(row=2, column=1, value="填报单位：镇项目办")
    put_rows(ws, [kh("1-11月")] + rows, start=3)
    cs = wb.create_chartsheet("进度图", 0)
    ch = BarChart()
    ch.title = "年度计划与累计完成"
    ch.add_data(Reference(ws, min_col=7, max_col=8, min_row=3, max_row=6), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=2, min_row=4, max_row=6))
    cs.add_chart(ch)
    wb.active = 0
    save(wb, name)
    case(
        "b6_k06_chart_sheet_first",
        [name],
        "镇项目办给领导看图方便，工作簿第一张是“图表工作表”（chartsheet“进度图”，没有单元格），数据表“11月”在第二张。"
        "读数据表，按镇11月3个项目入库；图表页不是台账也不是错误。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 3,
                    "by_unit": {None: 3},
                    "by_period": {"2023-11": 3},
                    "counts": {"stage": {"在建": 2, "前期": 1}, "zone": {"镇": 3}},
                    "sums": {"total_investment": 19000, "annual_plan": 4700, "completed_investment": 3980},
                }
            },
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ petitions
PH = [
    "序号",
    "案件编号",
    "信访人",
    "反映问题",
    "初访时间",
    "包案领导",
    "责任单位",
    "化解措施",
    "状态",
    "化解日期",
    "是否签订息访息诉承诺书",
]


def p01():
    name = "西天尾镇信访积案化解情况（2023年10-11月）.xlsx"
    header = ["月份"] + PH[1:]
    cases_ = [
        (
            "XF2019-007",
            "宅基地纠纷",
            D(2019, 3, 12),
            [("化解中", None, "否"), ("已化解", D(2023, 11, 2), "是")],
        ),
        ("XF2020-013", "征地补偿", D(2020, 6, 8), [("化解中", None, "否"), ("化解中", None, "否")]),
        (
            "XF2021-002",
            "劳资欠薪",
            D(2021, 1, 20),
            [("已化解", D(2023, 4, 30), "是"), ("已化解", D(2023, 4, 30), "是")],
        ),
        ("XF2022-019", "拆迁安置", D(2022, 8, 3), [("化解中", None, "否"), ("化解中", None, "否")]),
    ]
    rows = []
    for cid, issue, first, states in cases_:
        nm = person("信访")[0]
        for month, (st, res, pledge) in zip(("10月", "11月"), states, strict=True):
            rows.append([month, cid, nm, issue, first, "陈某", "镇综治中心", "包案化解", st, res, pledge])
    simple_xlsx(
        name, "积案", "西天尾镇信访积案化解情况（2023年10月、11月）", "填报单位：镇综治中心", header, rows
    )
    case(
        "b6_p01_two_monthly_lists_interleaved_by_case",
        [name],
        "综治中心把10月、11月两期积案清单放在一张表里，按案件编号排序，每件两行（首列“月份”10月/11月）：XF2019-007在11月2日化解并签承诺书。"
        "积案是4件，有两期快照；按“月份”列分成2023-10和2023-11各4件入库是直接的读法，也可以问。"
        "错误的静默读法是8行当成一期的8件积案（积案数翻倍）。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["月份", "10月", "两个月", "两期"]],
            "figures": {
                "petitions": {
                    "rows": 8,
                    "by_period": {"2023-10": 4, "2023-11": 4},
                    "counts": {"status": {"resolved": 3, "open": 5}, "pledge_signed": {True: 3, False: 5}},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"petitions": {"rows": 0}}},
        },
    )


def p02():
    name = "镇综治中心2023年10月信访积案化解台账.xlsx"
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    title(ws, "西天尾镇2023年10月信访积案化解台账", len(PH))
    ws.cell(row=2, column=1, value="填报单位：镇综治中心")
    ws.cell(row=3, column=1, value="一、信访积案")
    back = [
        [
            1,
            "XF2018-004",
            person("积案")[0],
            "山林权属",
            D(2018, 5, 6),
            "林某",
            "镇林业站",
            "多次调处",
            "已化解",
            D(2023, 6, 20),
            "是",
        ],
        [
            2,
            "XF2020-021",
            person("积案")[0],
            "土地征收补偿",
            D(2020, 9, 14),
            "陈某",
            "镇征迁办",
            "司法确认",
            "已化解",
            D(2023, 9, 8),
            "是",
        ],
        [
            3,
            "XF2021-009",
            person("积案")[0],
            "工伤赔偿",
            D(2021, 4, 2),
            "黄某",
            "镇劳保所",
            "引导诉讼",
            "化解中",
            None,
            "否",
        ],
        [
            4,
            "XF2022-015",
            person("积案")[0],
            "宅基地审批",
            D(2022, 7, 19),
            "吴某",
            "镇自然资源所",
            "政策解释",
            "化解中",
            None,
            "否",
        ],
    ]
    r = put_rows(ws, [PH] + back, start=4)
    ws.cell(row=r + 1, column=1, value="二、本月新受理信访件（非积案，供参考）")
    new_hdr = ["序号", "登记日期", "信访人", "反映问题", "办理情况"]
    new = [
        [1, D(2023, 10, 9), person("新访")[0], "反映村道破损", "已转交通所"],
        [2, D(2023, 10, 17), person("新访")[0], "邻居违建", "已答复"],
        [3, D(2023, 10, 26), person("新访")[0], "养老保险缴费", "办理中"],
    ]
    put_rows(ws, [new_hdr] + new, start=r + 2)
    save(wb, name)
    case(
        "b6_p02_new_petitions_table_under_backlog",
        [name],
        "综治中心的积案台账下面隔一行又接了“二、本月新受理信访件（非积案，供参考）”一张小表（3件，表头只有登记日期/信访人/反映问题/办理情况）。"
        "积案只有上面4件（2件已化解、2件签承诺书）；错误的静默读法是把新受理的3件也算进积案（积案7件）。只读第一张表入库，也可问。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "petitions": {
                    "rows": 4,
                    "by_unit": {None: 4},
                    "by_period": {"2023-10": 4},
                    "counts": {"status": {"resolved": 2, "open": 2}, "pledge_signed": {True: 2, False: 2}},
                    "values": {"resolved_date": [D(2023, 6, 20), D(2023, 9, 8), None, None]},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"petitions": {"rows": 0}}},
        },
    )


def p03():
    name = "信访积案台账2023年11月.xlsx"
    rows = [
        [
            1,
            "XF2019-011",
            person("积案11")[0],
            "房屋确权",
            D(2019, 2, 11),
            "陈某",
            "镇自然资源所",
            "协调确权",
            "已化解",
            D(2023, 3, 15),
            "是",
        ],
        [
            2,
            "XF2020-006",
            person("积案11")[0],
            "征地补偿",
            D(2020, 5, 27),
            "林某",
            "镇征迁办",
            "补偿到位",
            None,
            D(2023, 7, 20),
            "是",
        ],
        [
            3,
            "XF2021-014",
            person("积案11")[0],
            "医疗纠纷",
            D(2021, 10, 9),
            "黄某",
            "镇卫生院",
            "调解赔偿",
            None,
            D(2023, 10, 30),
            "否",
        ],
        [
            4,
            "XF2022-003",
            person("积案11")[0],
            "劳资欠薪",
            D(2022, 1, 18),
            "吴某",
            "镇劳保所",
            "追讨中",
            "化解中",
            None,
            "否",
        ],
        [
            5,
            "XF2022-027",
            person("积案11")[0],
            "拆迁安置",
            D(2022, 11, 2),
            "郑某",
            "镇征迁办",
            "协商中",
            None,
            None,
            "否",
        ],
    ]
    wb, ws, hdr = simple_xlsx(
        name,
        "11月",
        "西天尾镇信访积案化解台账（2023年11月）",
        "填报单位：镇综治中心",
        PH,
        rows,
        save_it=False,
    )
    ws.merge_cells(start_row=hdr + 1, start_column=9, end_row=hdr + 3, end_column=9)
    ws.merge_cells(start_row=hdr + 4, start_column=9, end_row=hdr + 5, end_column=9)
    for r in range(hdr + 1, hdr + 6):
        ws.cell(row=r, column=9).alignment = Alignment(vertical="center")
    save(wb, name)
    case(
        "b6_p03_status_merged_down_over_groups",
        [name],
        "综治中心把积案按状态排好，“状态”列合并单元格：前3件合并成一格“已化解”，后2件合并成一格“化解中”。合并格的值属于它覆盖的每一行："
        "已化解3件（都有化解日期）、化解中2件。错误的静默读法是只有第1、4行有状态，把第2、3件当没化解（化解1件）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "petitions": {
                    "rows": 5,
                    "by_period": {"2023-11": 5},
                    "counts": {"status": {"resolved": 3, "open": 2}, "pledge_signed": {True: 2, False: 3}},
                    "values": {
                        "resolved_date": [D(2023, 3, 15), D(2023, 7, 20), D(2023, 10, 30), None, None]
                    },
                }
            },
            "quarantined": 0,
        },
    )


def p04():
    name = "信访积案清单_202311.csv"
    header = [
        "案件编号",
        "信访人",
        "反映问题",
        "初访日期",
        "包案领导",
        "责任单位",
        "是否化解(1是0否)",
        "化解日期",
        "是否签订承诺书(1是0否)",
    ]
    rows = [
        [
            "XF2018-009",
            person("系统")[0],
            "土地确权",
            "2018-04-16",
            "陈某",
            "镇自然资源所",
            "1",
            "2023-05-12",
            "1",
        ],
        [
            "XF2020-002",
            person("系统")[0],
            "拆迁补偿",
            "2020-01-08",
            "林某",
            "镇征迁办",
            "1",
            "2023-08-30",
            "0",
        ],
        ["XF2021-017", person("系统")[0], "劳资纠纷", "2021-07-22", "黄某", "镇劳保所", "0", "", "0"],
        [
            "XF2022-004",
            person("系统")[0],
            "医疗事故",
            "2022-03-03",
            "吴某",
            "镇卫生院",
            "1",
            "2023-11-01",
            "1",
        ],
        ["XF2022-030", person("系统")[0], "宅基地", "2022-12-12", "郑某", "镇自然资源所", "0", "", "0"],
    ]
    (FILES / name).write_bytes(csv_text([header] + rows).encode("utf-8-sig"))
    case(
        "b6_p04_flags_as_one_and_zero",
        [name],
        "信访系统导出的清单，是否化解、是否签订承诺书都用1/0，表头注明“(1是0否)”。已化解3件，签承诺书2件；"
        "错误的静默读法是把“0”“1”当成认不出的状态留空，或把1/0当件数。",
        {
            "outcome": ["loaded"],
            "figures": {
                "petitions": {
                    "rows": 5,
                    "by_period": {"2023-11": 5},
                    "counts": {"status": {"resolved": 3, "open": 2}, "pledge_signed": {True: 2, False: 3}},
                    "values": {
                        "first_visit_date": [
                            D(2018, 4, 16),
                            D(2020, 1, 8),
                            D(2021, 7, 22),
                            D(2022, 3, 3),
                            D(2022, 12, 12),
                        ]
                    },
                }
            },
            "quarantined": 0,
        },
    )


def p05():
    name = "2023年第三季度信访积案化解情况.xlsx"
    rows = [
        [
            1,
            "XF2019-021",
            person("季度")[0],
            "山林纠纷",
            D(2019, 6, 3),
            "陈某",
            "镇林业站",
            "现场勘界",
            "已化解",
            D(2023, 7, 14),
            "是",
        ],
        [
            2,
            "XF2020-008",
            person("季度")[0],
            "征地补偿",
            D(2020, 4, 21),
            "林某",
            "镇征迁办",
            "补偿协商",
            "化解中",
            None,
            "否",
        ],
        [
            3,
            "XF2021-030",
            person("季度")[0],
            "拆迁安置",
            D(2021, 9, 9),
            "黄某",
            "镇征迁办",
            "安置到位",
            "已化解",
            D(2023, 9, 12),
            "是",
        ],
        [
            4,
            "XF2022-011",
            person("季度")[0],
            "婚姻财产",
            D(2022, 2, 15),
            "吴某",
            "镇司法所",
            "引导诉讼",
            "化解中",
            None,
            "否",
        ],
    ]
    simple_xlsx(
        name, "三季度", "西天尾镇2023年第三季度信访积案化解情况表",
        "填报单位：镇综治中心      填报日期：2023年9月28日", PH, rows,
    )  # fmt: skip
    case(
        "b6_p05_quarterly_backlog_list",
        [name],
        "综治中心按季度报积案清单：“2023年第三季度”，填报日期9月28日。季度末的清单就是9月的快照，按2023-09入库；若拿不准期次也可问。",
        {
            "outcome": [["loaded", "held"]],
            "reason_has": [["季度", "月份", "期"]],
            "figures": {
                "petitions": {
                    "rows": 4,
                    "by_period": {"2023-09": 4},
                    "counts": {"status": {"resolved": 2, "open": 2}, "pledge_signed": {True: 2, False: 2}},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"petitions": {"rows": 0}}},
        },
    )


# ------------------------------------------------------------------ grid events
def g01():
    name = "东星社区网格事件统计表_2023年10月.xls"
    header = [
        "序号",
        "事件编号",
        "所属网格",
        "事件类型",
        "上报时间",
        "处理时限",
        "办结时间",
        "是否办结",
        "是否超期",
        "事件描述",
        "上报人",
    ]
    ev = [
        (
            "DX20231003001",
            "第03网格",
            "服务群众",
            T(2023, 10, 3, 9, 10),
            T(2023, 10, 5, 9, 10),
            T(2023, 10, 4, 16, 0),
            "是",
            "否",
        ),
        (
            "DX20231006002",
            "第08网格",
            "生态环境",
            T(2023, 10, 6, 14, 30),
            T(2023, 10, 9, 14, 30),
            T(2023, 10, 10, 11, 0),
            "是",
            "是",
        ),
        (
            "DX20231011003",
            "第12网格",
            "治安防控",
            T(2023, 10, 11, 8, 45),
            T(2023, 10, 12, 8, 45),
            T(2023, 10, 11, 17, 20),
            "是",
            "否",
        ),
        (
            "DX20231015004",
            "第15网格",
            "公共安全",
            T(2023, 10, 15, 19, 5),
            T(2023, 10, 18, 19, 5),
            None,
            "否",
            "否",
        ),
        (
            "DX20231019005",
            "第21网格",
            "服务群众",
            T(2023, 10, 19, 10, 0),
            T(2023, 10, 22, 10, 0),
            T(2023, 10, 20, 9, 30),
            "是",
            "否",
        ),
        (
            "DX20231023006",
            "第26网格",
            "维护稳定",
            T(2023, 10, 23, 15, 40),
            T(2023, 10, 26, 15, 40),
            None,
            "否",
            "否",
        ),
        (
            "DX20231027007",
            "第29网格",
            "生态环境",
            T(2023, 10, 27, 9, 20),
            T(2023, 10, 30, 9, 20),
            T(2023, 10, 28, 14, 0),
            "是",
            "否",
        ),
        (
            "DX20231030008",
            "第33网格",
            "服务群众",
            T(2023, 10, 30, 16, 15),
            T(2023, 11, 2, 16, 15),
            None,
            "否",
            "否",
        ),
    ]
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("事件统计")
    ws.write(0, 0, "东星社区网格事件统计表（2023年10月）")
    for c, h in enumerate(header):
        ws.write(1, c, h)
    for i, (eid, grid, typ, rep, dl, done, closed, over) in enumerate(ev, 1):
        who = person("东星网格员")[0]
        fmt = "%Y-%m-%d %H:%M"
        vals = [i, eid, grid, typ, rep.strftime(fmt), dl.strftime(fmt), done.strftime(fmt) if done else "", closed, over,
                f"{typ}事件，已联系住户", who]  # fmt: skip
        for c, v in enumerate(vals):
            ws.write(1 + i, c, v)
    wb.save(str(FILES / name))
    case(
        "b6_g01_xls_status_only_as_shifou_flags",
        [name],
        "东星社区用老版.xls整理的10月事件统计，没有“状态”列，只有“是否办结”（是/否）和“是否超期”（是/否）两个旗标。"
        "“是否办结=是”即已办结（5件）；“否”是尚未办结，按办理中（3件）。“是否超期”是附带说明，不是状态。"
        "错误的静默读法是认不出状态而全部留空（办结0件）或把“是否超期”当状态。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": {
                    "rows": 8,
                    "by_unit": {"东星社区": 8},
                    "by_period": {"2023-10": 8},
                    "counts": {
                        "status": {"已办结": 5, "办理中": 3},
                        "event_type": {
                            "服务群众": 3,
                            "生态环境": 2,
                            "治安防控": 1,
                            "公共安全": 1,
                            "维护稳定": 1,
                        },
                        "grid_id": {
                            "G03": 1,
                            "G08": 1,
                            "G12": 1,
                            "G15": 1,
                            "G21": 1,
                            "G26": 1,
                            "G29": 1,
                            "G33": 1,
                        },
                    },
                }
            },
            "quarantined": 0,
        },
    )


def g02():
    name = "东星社区网格事件导出（2023年11月）.csv"
    header = [
        "事件编号",
        "所属网格",
        "事件类型",
        "上报时间",
        "处理时限",
        "办结时间",
        "状态",
        "事件描述",
        "上报人",
    ]

    def ampm(t):
        if t is None:
            return ""
        h = t.hour
        tag = "上午" if h < 12 else "下午"
        h12 = h % 12 or 12
        return f"{t.year}/{t.month}/{t.day} {tag} {h12}:{t.minute:02d}:00"

    ev = [
        ("DX20231102015", "第02网格", "服务群众", T(2023, 11, 2, 8, 15), T(2023, 11, 3, 16, 30), "已办结"),
        ("DX20231105021", "第05网格", "治安防控", T(2023, 11, 5, 14, 20), T(2023, 11, 6, 11, 0), "已办结"),
        ("DX20231109008", "第11网格", "生态环境", T(2023, 11, 9, 12, 30), T(2023, 11, 10, 15, 10), "已办结"),
        ("DX20231114002", "第18网格", "公共安全", T(2023, 11, 14, 0, 5), None, "办理中"),
        ("DX20231120033", "第23网格", "维护稳定", T(2023, 11, 20, 19, 45), T(2023, 11, 21, 9, 20), "已办结"),
        ("DX20231127011", "第30网格", "服务群众", T(2023, 11, 27, 10, 0), None, "已分流"),
    ]
    rows = [
        [
            eid,
            grid,
            typ,
            ampm(rep),
            ampm(rep + dt.timedelta(days=3)),
            ampm(done),
            st,
            f"{typ}：居民来电反映",
            person("东星11")[0],
        ]
        for eid, grid, typ, rep, done, st in ev
    ]
    (FILES / name).write_bytes(csv_text([header] + rows).encode("gbk"))
    case(
        "b6_g02_twelve_hour_clock_shangwu_xiawu",
        [name],
        "平台老接口导出的GBK CSV，时间是中文12小时制：“2023/11/5 下午 2:20:00”“2023/11/9 下午 12:30:00”（中午12:30）、"
        "“2023/11/14 上午 12:05:00”（凌晨0:05）。错误的静默读法是丢掉上午/下午（下午2:20读成02:20，上午12:05读成12:05），"
        "办结时长和按期办结全错。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": {
                    "rows": 6,
                    "by_unit": {"东星社区": 6},
                    "by_period": {"2023-11": 6},
                    "counts": {
                        "status": {"已办结": 4, "办理中": 1, "已分流": 1},
                        "grid_id": {"G02": 1, "G05": 1, "G11": 1, "G18": 1, "G23": 1, "G30": 1},
                    },
                    "values": {
                        "reported_at": [e[3].strftime("%Y-%m-%d %H:%M:%S") for e in ev],
                    },
                }
            },
            "quarantined": 0,
        },
    )


def g03():
    name = "东星社区网格事件流转记录_202310.xlsx"
    header = ["事件编号", "所属网格", "事件类型", "环节", "环节时间", "处理人", "当前状态", "处理意见"]
    steps = [
        ("DX20231004007", "第06网格", "服务群众", [("上报", T(2023, 10, 4, 9, 0)), ("派遣", T(2023, 10, 4, 9, 40)),
                                                    ("处置", T(2023, 10, 5, 15, 0)), ("核查", T(2023, 10, 6, 10, 0)),
                                                    ("结案", T(2023, 10, 6, 10, 30))], "已办结"),
        ("DX20231012019", "第14网格", "生态环境", [("上报", T(2023, 10, 12, 14, 10)), ("派遣", T(2023, 10, 12, 15, 0)),
                                                    ("处置", T(2023, 10, 14, 11, 20)), ("结案", T(2023, 10, 15, 9, 0))], "已办结"),
        ("DX20231025004", "第27网格", "公共安全", [("上报", T(2023, 10, 25, 8, 30)), ("派遣", T(2023, 10, 25, 9, 10)),
                                                    ("处置", T(2023, 10, 27, 16, 0))], "办理中"),
    ]  # fmt: skip
    rows = []
    for eid, grid, typ, st, final in steps:
        for step, t in st:
            rows.append([eid, grid, typ, step, t, person("流转")[0], final, f"{step}完成"])
    simple_xlsx(name, "流转记录", None, "导出时间：2023-11-01 08:30", header, rows)
    case(
        "b6_g03_workflow_step_rows_not_events",
        [name],
        "东星社区导出的是“事件流转记录”：每个事件每个环节（上报/派遣/处置/核查/结案）一行，事件编号重复，12行只是3个事件。"
        "一事件一行的网格事件台账要先归并（取上报环节时间为上报时间、结案为办结时间），这得分析员确认；"
        "错误的静默读法是12行当12个事件（采集数翻4倍）。",
        {
            "outcome": ["held"],
            "reason_has": [["事件编号", "重复", "流转", "环节"]],
            "figures": {"grid_events": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {"figures": {"grid_events": {"rows": 12, "by_unit": {"东星社区": 12}}}},
                {"figures": {"grid_events": {"rows": 3, "by_unit": {"东星社区": 3}}}},
            ],
        },
    )


def g04():
    name = "东星社区2023年10月网格事件.xlsx"
    header = [
        "序号",
        "事件编号",
        "所属网格",
        "事件类型",
        "上报时间",
        "处理时限",
        "办结时间",
        "状态",
        "事件描述",
    ]
    ev = [
        ("DX20231002031", "第三网格", "服务群众", T(2023, 10, 2, 10, 0), T(2023, 10, 3, 9, 0), "已办结"),
        ("DX20231008012", "第十二网格", "治安防控", T(2023, 10, 8, 21, 30), T(2023, 10, 9, 10, 0), "已办结"),
        ("DX20231013005", "第二十网格", "生态环境", T(2023, 10, 13, 7, 50), None, "办理中"),
        (
            "DX20231018022",
            "第三十三网格",
            "公共安全",
            T(2023, 10, 18, 16, 0),
            T(2023, 10, 19, 8, 30),
            "已办结",
        ),
        ("DX20231024009", "第七网格", "维护稳定", T(2023, 10, 24, 11, 15), None, "受理"),
        (
            "DX20231029016",
            "东星社区第十一网格",
            "服务群众",
            T(2023, 10, 29, 9, 40),
            T(2023, 10, 30, 17, 0),
            "已办结",
        ),
    ]
    rows = [
        [i, e[0], e[1], e[2], e[3], e[3] + dt.timedelta(days=3), e[4], e[5], "居民反映"]
        for i, e in enumerate(ev, 1)
    ]
    simple_xlsx(
        name, "10月", "东星社区2023年10月网格事件登记", "填报单位：东星社区网格化服务管理中心", header, rows
    )
    case(
        "b6_g04_grid_names_in_chinese_numerals",
        [name],
        "东星社区手工登记的事件表，网格名用汉字数字：“第三网格”“第十二网格”“第二十网格”“第三十三网格”“第七网格”“东星社区第十一网格”。"
        "对应第3、12、20、33、7、11网格；把“第二十”读成第2网格或“第三十三”读成第3网格都是错。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": {
                    "rows": 6,
                    "by_unit": {"东星社区": 6},
                    "by_period": {"2023-10": 6},
                    "counts": {
                        "status": {"已办结": 4, "办理中": 1, "受理": 1},
                        "grid_id": {"G03": 1, "G12": 1, "G20": 1, "G33": 1, "G07": 1, "G11": 1},
                    },
                }
            },
            "quarantined": 0,
        },
    )


def g05():
    name = "东星社区已办结事件查询_202310.csv"
    header = [
        "事件编号",
        "所属网格",
        "事件类型",
        "上报时间",
        "处理时限",
        "办结时间",
        "状态",
        "事件描述",
        "上报人",
    ]
    ev = [
        ("DX20230927014", "第04网格", "服务群众", T(2023, 9, 27, 15, 0), T(2023, 10, 2, 10, 0)),
        ("DX20230929003", "第09网格", "生态环境", T(2023, 9, 29, 9, 30), T(2023, 10, 7, 16, 0)),
        ("DX20231005010", "第13网格", "治安防控", T(2023, 10, 5, 8, 20), T(2023, 10, 5, 18, 0)),
        ("DX20231011006", "第17网格", "服务群众", T(2023, 10, 11, 10, 10), T(2023, 10, 12, 9, 0)),
        ("DX20231019021", "第22网格", "公共安全", T(2023, 10, 19, 14, 40), T(2023, 10, 21, 11, 30)),
        ("DX20231024002", "第25网格", "服务群众", T(2023, 10, 24, 9, 0), T(2023, 10, 25, 15, 0)),
        ("DX20231028018", "第31网格", "维护稳定", T(2023, 10, 28, 20, 0), T(2023, 10, 30, 10, 0)),
    ]
    f = "%Y-%m-%d %H:%M:%S"
    rows = [
        ["查询条件：办结时间 2023-10-01 至 2023-10-31；事件状态：已办结"],
        ["导出时间：2023-11-01 09:12:40"],
        header,
    ] + [
        [e[0], e[1], e[2], e[3].strftime(f), (e[3] + dt.timedelta(days=5)).strftime(f), e[4].strftime(f), "已办结", "见附件", person("查询")[0]]
        for e in ev
    ]  # fmt: skip
    (FILES / name).write_bytes(csv_text(rows).encode("gbk"))
    case(
        "b6_g05_export_filtered_by_close_time",
        [name],
        "东星社区网格员从平台按“办结时间 2023-10-01至10-31、状态已办结”查询后导出：7件全是已办结，其中2件是9月上报的，"
        "10月上报但还没办结的事件一件也不在里面。这不是10月采集的事件清单；错误的静默读法是当10月事件入库"
        "（10月采集5件、办结率100%，实际采集数和办结率都不对）。要待确认并说出查询条件。",
        {
            "outcome": ["held"],
            "reason_has": [["办结时间", "查询条件", "已办结", "筛选"]],
            "figures": {"grid_events": {"rows": 0}},
            "quarantined": 0,
            "readings": [{"figures": {"grid_events": {"rows": 7, "by_unit": {"东星社区": 7}}}}],
        },
    )


# ------------------------------------------------------------------ legal visits
LH = ["序号", "日期", "姓名", "身份", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"]


def l01():
    name = "西天尾镇2023年11月三官一律下沉工作台账.xlsx"
    rows = [
        [
            1,
            D(2023, 11, 2),
            person("三官")[0],
            "法官",
            "荔城区人民法院",
            "龙山村",
            "带案下访",
            "壹件",
            "拾贰人次",
        ],
        [
            2,
            D(2023, 11, 8),
            person("三官")[0],
            "检察官",
            "荔城区人民检察院",
            "吴江村",
            "普法宣传",
            "零",
            "叁人次",
        ],
        [
            3,
            D(2023, 11, 15),
            person("三官")[0],
            "民警",
            "西天尾派出所",
            "东星社区",
            "矛盾调解",
            "贰件",
            "伍人次",
        ],
        [
            4,
            D(2023, 11, 22),
            person("三官")[0],
            "律师",
            "福建某某律师事务所",
            "后埔村",
            "法律咨询",
            "零",
            "肆人次",
        ],
        [
            5,
            D(2023, 11, 29),
            person("三官")[0],
            "法官",
            "荔城区人民法院",
            "溪白社区",
            "巡回审判",
            "壹件",
            "贰人次",
        ],
    ]
    simple_xlsx(name, "11月", "西天尾镇2023年11月“三官一律”下沉工作台账", "填报单位：镇综治中心", LH, rows)
    case(
        "b6_l01_counts_in_financial_numerals",
        [name],
        "综治中心新来的出纳帮忙填表，次数照记账习惯写大写数字：“壹件”“贰件”“拾贰人次”“叁人次”“伍人次”“肆人次”“零”。"
        "化解纠纷1+0+2+0+1=4件，法律咨询12+3+5+4+2=26人次；把“拾贰”读成10或2都是错。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 5,
                    "by_period": {"2023-11": 5},
                    "counts": {"role": {"法官": 2, "检察官": 1, "警官": 1, "律师": 1}},
                    "sums": {"disputes_resolved": 4, "consultations": 26},
                }
            },
            "quarantined": 0,
        },
    )


def l02():
    name = "综治中心三官一律台账2023年10月.xlsx"
    data = [
        [1, D(2023, 10, 9), person("三官10")[0], "法官", "荔城区人民法院", "北大村", "带案下访", 1, 4],
        [2, D(2023, 10, 12), person("三官10")[0], "警官", "西天尾派出所", "洞湖村", "治安调解", 2, None],
        [3, D(2023, 10, 18), person("三官10")[0], "律师", "福建某某律师事务所", "碗洋村", "法律咨询", 0, 9],
        [4, D(2023, 10, 24), person("三官10")[0], "检察官", "荔城区人民检察院", "林山村", "普法宣传", 0, 6],
        [5, D(2023, 10, 30), person("三官10")[0], "法官", "荔城区人民法院", "后卓村", "巡回审判", 1, 3],
    ]
    wb = xw_book(name)
    ws = wb.add_worksheet("10月")
    datef = wb.add_format({"num_format": "yyyy/m/d"})
    ws.merge_range(
        0,
        0,
        0,
        8,
        "西天尾镇2023年10月“三官一律”下沉工作台账",
        wb.add_format({"bold": True, "align": "center"}),
    )
    ws.write(1, 0, "填报单位：镇综治中心")
    ws.write_row(2, 0, LH)
    for i, r in enumerate(data):
        row = 3 + i
        for c, v in enumerate(r):
            if isinstance(v, dt.date):
                ws.write_datetime(row, c, dt.datetime(v.year, v.month, v.day), datef)
            elif v is None:
                ws.write_formula(row, c, "=#REF!C7", None, "#REF!")
            else:
                ws.write(row, c, v)
    wb.close()
    fix_zip(FILES / name)
    case(
        "b6_l02_ref_error_in_consultation_count",
        [name],
        "综治中心原来从“咨询登记”表引用咨询人次，后来删了那张表，第2条（警官，洞湖村）的法律咨询数成了#REF!（公式=#REF!C7）。"
        "这一次走访的咨询人次不知道，不能当0或空值悄悄入库；该行隔离并说明#REF!，其余4条照常（化解2件、咨询22人次）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 4,
                    "by_period": {"2023-10": 4},
                    "counts": {"role": {"法官": 2, "律师": 1, "检察官": 1}},
                    "sums": {"disputes_resolved": 2, "consultations": 22},
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["#REF!", "REF", "错误", "公式"]],
        },
    )


def l03():
    name = "后黄社区2023年10月三官一律工作台账.xlsx"
    header = [
        "序号",
        "日期",
        "姓名",
        "身份",
        "派出单位",
        "挂点村居",
        "活动内容",
        "受理纠纷数",
        "化解纠纷数",
        "化解率",
        "法律咨询数",
    ]
    rows = [
        [
            1,
            D(2023, 10, 10),
            person("后黄三官")[0],
            "法官",
            "荔城区人民法院",
            "后黄社区",
            "带案下访",
            1,
            1,
            "100%",
            6,
        ],
        [
            2,
            D(2023, 10, 17),
            person("后黄三官")[0],
            "律师",
            "福建某某律师事务所",
            "后黄社区",
            "矛盾调解",
            2,
            1,
            "50%",
            3,
        ],
        [
            3,
            D(2023, 10, 24),
            person("后黄三官")[0],
            "警官",
            "西天尾派出所",
            "后黄社区",
            "普法宣传",
            0,
            0,
            "—",
            12,
        ],
        [
            4,
            D(2023, 10, 31),
            person("后黄三官")[0],
            "检察官",
            "荔城区人民检察院",
            "后黄社区",
            "法律咨询",
            1,
            0,
            "0%",
            4,
        ],
    ]
    simple_xlsx(
        name, "10月", "后黄社区2023年10月“三官一律”进社区工作台账", "填报单位：后黄社区", header, rows
    )
    case(
        "b6_l03_rate_column_beside_resolved_count",
        [name],
        "后黄社区的台账在“化解纠纷数”两边加了“受理纠纷数”和“化解率”（100%、50%、—、0%）。化解纠纷数是1+1+0+0=2件、咨询25人次；"
        "错误的静默读法是取“受理纠纷数”（4件）或把化解率100、50当件数（150件）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 4,
                    "by_period": {"2023-10": 4},
                    "counts": {"role": {"法官": 1, "律师": 1, "警官": 1, "检察官": 1}},
                    "sums": {"disputes_resolved": 2, "consultations": 25},
                }
            },
            "quarantined": 0,
        },
    )


def l04():
    name = "三官一律下沉情况统计（2023年1-11月）.xlsx"
    header = (
        ["序号", "姓名", "身份", "派出单位", "挂点村居"] + [f"{m}月" for m in range(1, 12)] + ["合计（次）"]
    )
    people = [
        ("法官", "荔城区人民法院", "龙山村", [2, 3, 2, 2, 3, 2, 2, 3, 2, 3, 1]),
        ("检察官", "荔城区人民检察院", "吴江村", [1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 0]),
        ("警官", "西天尾派出所", "东星社区", [4, 3, 4, 5, 4, 4, 3, 4, 5, 4, 2]),
        ("律师", "福建某某律师事务所", "后埔村", [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1]),
    ]
    rows = [[i, person("统计")[0], r, u, v] + m + [sum(m)] for i, (r, u, v, m) in enumerate(people, 1)]
    rows.append(
        ["合计", None, None, None, None]
        + [sum(p[3][k] for p in people) for k in range(11)]
        + [sum(sum(p[3]) for p in people)]
    )
    simple_xlsx(
        name, "统计", "西天尾镇“三官一律”下沉情况统计表（2023年1-11月）", "填报单位：镇综治中心", header, rows
    )
    case(
        "b6_l04_person_by_month_matrix_not_visits",
        [name],
        "综治中心交来的是“下沉情况统计表”：每人一行，1月…11月各一列下沉次数，再加合计。这是统计表，不是一次走访一行的台账，"
        "没有日期、没有化解和咨询数，不能拆成“走访记录”入库。错误的静默读法是每人一行记4次走访，或把各月次数当走访。",
        {
            "outcome": [["held", "rejected"]],
            "figures": {"legal_visits": {"rows": 0}},
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ party activities
AH = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"]


def a01():
    name = "东星社区党委2023年10月三会一课台账.xlsx"
    header = AH + ["会议记录（摘要）"]
    acts = [
        ("支委会", D(2023, 10, 9), "党群服务中心", "研究10月主题党日安排", 7, 7),
        ("主题党日", D(2023, 10, 12), "社区广场", "重阳敬老志愿服务", 38, 33),
        ("党课", D(2023, 10, 20), "党群服务中心二楼", "学习二十大精神", 38, 35),
        ("党员大会", D(2023, 10, 27), "党群服务中心二楼", "发展党员票决", 38, 36),
    ]
    rows = []
    for i, (typ, d, place, topic, exp_, att) in enumerate(acts, 1):
        host, phone = person("东星党委")
        minutes = (
            f"时间：{d.year}年{d.month}月{d.day}日上午9:00\n地点：{place}\n主持人：{host}\n"
            f"应到：{exp_}人  实到：{att}人（请假{exp_ - att}人）\n"
            f"内容：1.{topic}；2.会议决定11月8日召开下一次会议，请党员提前准备。\n记录人电话：{phone}"
        )
        rows.append([i, "东星社区党委", typ, d, place, topic, exp_, att, host, minutes])
    wb, ws, hdr = simple_xlsx(
        name,
        "10月",
        "东星社区党委2023年10月“三会一课”台账",
        "填报单位：东星社区党委",
        header,
        rows,
        save_it=False,
    )
    for r in range(hdr + 1, hdr + 5):
        ws.cell(row=r, column=10).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 110
    ws.column_dimensions["J"].width = 60
    save(wb, name)
    case(
        "b6_a01_meeting_minutes_in_a_column",
        [name],
        "东星社区党委把会议记录摘要整段贴在最后一列：多行文字里有时间、地点、“应到：38人  实到：33人”、"
        "“会议决定11月8日召开下一次会议”和记录人电话。每次活动仍是一行；人数以应到/实到列为准，记录里的日期不是另一场活动。",
        {
            "outcome": ["loaded"],
            "figures": {
                "party_activities": {
                    "rows": 4,
                    "by_unit": {"东星社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "party_org_id": {"P01": 4},
                        "activity_type": {"支委会": 1, "主题党日": 1, "党课": 1, "党员大会": 1},
                    },
                    "sums": {"expected": 121, "attended": 111},
                }
            },
            "quarantined": 0,
        },
    )


def a02():
    name = "林山村党支部2023年11月三会一课台账.xlsx"
    header = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "应到人数", "参学率", "主持人"]
    rows = [
        [1, "林山村党支部", "支委会", D(2023, 11, 3), "村部", "研究冬季防火", 5, "100%", person("林山")[0]],
        [
            2,
            "林山村党支部",
            "党员大会",
            D(2023, 11, 10),
            "村部会议室",
            "村级事务通报",
            38,
            "89.47%",
            person("林山")[0],
        ],
        [
            3,
            "林山村党支部",
            "党课",
            D(2023, 11, 17),
            "村部会议室",
            "学习党章",
            38,
            "86.84%",
            person("林山")[0],
        ],
        [
            4,
            "林山村党支部",
            "主题党日",
            D(2023, 11, 24),
            "林山古道",
            "清理古道垃圾",
            38,
            "92.11%",
            person("林山")[0],
        ],
    ]
    simple_xlsx(name, "11月", "林山村党支部2023年11月“三会一课”台账", "填报单位：林山村党支部", header, rows)
    base = {
        "rows": 4,
        "by_unit": {"林山村": 4},
        "by_period": {"2023-11": 4},
        "counts": {
            "party_org_id": {"P17": 4},
            "activity_type": {"支委会": 1, "党员大会": 1, "党课": 1, "主题党日": 1},
        },
    }
    case(
        "b6_a02_attendance_rate_instead_of_attended",
        [name],
        "林山村党支部照上级考核表的口径，只填“应到人数”和“参学率”（100%、89.47%、86.84%、92.11%），没有实到人数。"
        "实到可以倒推（5、34、33、35人，合计107），但这是替支部算数，最好问；"
        "错误的静默读法是把89.47当实到人数（实到合计368.42人，比应到119还多），或实到留空、参学率算成0。",
        {
            "outcome": [["held", "loaded"]],
            "reason_has": [["参学率", "实到"]],
            "figures": {"party_activities": {"rows": 0}},
            "quarantined": 0,
            "if_loaded": {
                "figures": {"party_activities": dict(base, sums={"expected": 119, "attended": 107})}
            },
            "readings": [
                {"figures": {"party_activities": dict(base, sums={"expected": 119, "attended": 368.42})}}
            ],
        },
    )


def a03():
    name = "西天尾镇党委组织办2023年10月党组织活动汇总.xlsx"
    rows = [
        [
            1,
            "东星居委会党支部",
            "主题党日",
            D(2023, 10, 10),
            "社区广场",
            "文明创建",
            40,
            36,
            person("组织办")[0],
        ],
        [2, "后黄村党支部", "支委会", D(2023, 10, 11), "村部", "研究发展党员", 5, 5, person("组织办")[0]],
        [3, "后黄村党支部", "党课", D(2023, 10, 25), "村部", "廉政教育", 31, 28, person("组织办")[0]],
        [4, "溪白村党总支", "党员大会", D(2023, 10, 18), "会议室", "换届准备", 46, 41, person("组织办")[0]],
        [
            5,
            "林峰居委会党支部",
            "党小组会",
            D(2023, 10, 20),
            "活动室",
            "学习讨论",
            12,
            11,
            person("组织办")[0],
        ],
        [
            6,
            "镇机关党支部",
            "专题培训",
            D(2023, 10, 26),
            "镇政府三楼",
            "公文写作",
            45,
            42,
            person("组织办")[0],
        ],
    ]
    simple_xlsx(
        name, "10月", "西天尾镇2023年10月基层党组织活动开展情况汇总", "填报单位：镇党委组织办", AH, rows
    )
    case(
        "b6_a03_party_orgs_by_pre_reform_names",
        [name],
        "组织办的汇总表，党组织名沿用旧称：“东星居委会党支部”“后黄村党支部”（2013年已撤村建居）、“溪白村党总支”（2018年已改社区）、"
        "“林峰居委会党支部”，还有“镇机关党支部”。分别是东星社区、后黄社区、溪白社区、林峰社区和镇机关的党组织。",
        {
            "outcome": ["loaded"],
            "figures": {
                "party_activities": {
                    "rows": 6,
                    "by_unit": {"东星社区": 1, "后黄社区": 2, "溪白社区": 1, "林峰社区": 1, None: 1},
                    "by_period": {"2023-10": 6},
                    "counts": {
                        "party_org_id": {"P01": 1, "P02": 2, "P03": 1, "P05": 1, "P18": 1},
                        "activity_type": {
                            "主题党日": 1,
                            "支委会": 1,
                            "党课": 1,
                            "党员大会": 1,
                            "党小组会": 1,
                            "专题培训": 1,
                        },
                    },
                    "sums": {"expected": 179, "attended": 163},
                }
            },
            "quarantined": 0,
        },
    )


def a04():
    name = "渭阳社区2023年10月党组织活动台账.xlsx"
    header = [
        "序号",
        "党组织",
        "活动类型",
        "日期",
        "地点",
        "主题",
        "应到人数",
        "实到人数",
        "主持人",
        "请假人数",
    ]
    acts = [
        ("支委会", D(2023, 10, 8), "研究重阳活动", 7, 0),
        ("主题党日", D(2023, 10, 13), "敬老助老", 30, 3),
        ("党课", D(2023, 10, 19), "学习新思想", 30, 5),
        ("党员大会", D(2023, 10, 27), "党费收缴通报", 30, 2),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "活动台账"
    title(ws, "渭阳社区党委2023年10月党组织活动台账", len(header))
    ws.cell(row=2, column=1, value="填报单位：渭阳社区党委（智慧党建平台导出）")
    put_rows(ws, [header], start=3)
    for i, (typ, d, topic, exp_, leave) in enumerate(acts, 1):
        r = 3 + i
        put_rows(
            ws,
            [[i, "渭阳社区党委", typ, d, "党群服务中心", topic, exp_, None, person("渭阳党委")[0], leave]],
            start=r,
        )
        ws.cell(row=r, column=8, value=f"=G{r}-J{r}")  # openpyxl writes the formula with no cached value
    save(wb, name)
    case(
        "b6_a04_formulas_without_cached_values",
        [name],
        "渭阳社区从“智慧党建”平台导出的台账，实到人数是公式“=应到−请假”（=G4-J4…），导出程序只写公式不写计算结果（文件里没有缓存值），"
        "Excel打开才显示7、27、25、28。同一行两个格相减算得出实到87人；读成空值或0就是静默错（参学率0）。算不出时宁可待确认。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "party_activities": {
                    "rows": 4,
                    "by_unit": {"渭阳社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "party_org_id": {"P06": 4},
                        "activity_type": {"支委会": 1, "主题党日": 1, "党课": 1, "党员大会": 1},
                    },
                    "sums": {"expected": 97, "attended": 87},
                }
            },
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
    for fn in [
        d01, d02, d03, d04, d05, d06, d07, d08, d09, d10, d11, d12, d13, d14, d15, d16,
        k01, k02, k03, k04, k05, k06,
        p01, p02, p03, p04, p05,
        g01, g02, g03, g04, g05,
        l01, l02, l03, l04,
        a01, a02, a03, a04,
    ]:  # fmt: skip
        fn()
    head = (
        "# Habit batch 6 — what a careful analyst wants in the warehouse after the case's files are ingested in order.\n"
        "# Written by hand from the rows make_files.py writes (never from running the program); generated by make_files.py.\n"
        "# Format: see batch1's header (files, outcome, figures rows/by_unit/by_period/counts/sums/values, quarantined,\n"
        "# quarantine_reason_has, reason_has, meta, if_held/if_loaded, readings).\n"
        "# Sums use the mart column names (total_investment, annual_plan, completed_investment, disputes_resolved,\n"
        "# consultations, expected, attended), as batches 3-5 do. Each trap's story says what the wrong silent reading is.\n\n"
    )
    text = yaml.dump(
        CASES, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=140, default_flow_style=None
    )
    (HERE / "cases.yaml").write_text(head + text, encoding="utf-8")
    print(
        len(CASES),
        "cases,",
        sum(len(c["files"]) for c in CASES),
        "file ingests,",
        len(list(FILES.iterdir())),
        "files",
    )


if __name__ == "__main__":
    main()
