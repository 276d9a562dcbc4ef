"""Write every file of habit batch 1 into a folder, deterministically.

    python tests/habits/batch1/make_files.py [OUT_DIR]      (default: files/ beside this script)

The files imitate how township clerks (WPS/Excel), 片区 rooms, town offices and government platforms produce
their ledgers. Personal data is fake: generated names, 11-digit mobiles, 18-digit IDs with a valid check digit.
The expected outcomes are written by hand in cases.yaml beside this script.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
import xlwt
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

D = dt.date
T = dt.datetime
FIXED = T(2023, 11, 30, 17, 0, 0)
R = random.Random(20231103)
OUT: Path = Path(__file__).resolve().parent / "files"

# ---------------------------------------------------------------- fake personal data
SURNAMES = "林陈黄郑吴方翁蔡李王张刘许朱余"
GIVEN = [
    "秀英",
    "国华",
    "志强",
    "美玲",
    "建平",
    "丽华",
    "金水",
    "玉兰",
    "文斌",
    "春梅",
    "海燕",
    "德明",
    "秋菊",
    "永福",
    "瑞芳",
    "少华",
    "明辉",
    "雅婷",
    "俊杰",
    "宝珠",
    "清泉",
    "荔香",
    "亚平",
    "桂英",
]


def name() -> str:
    return R.choice(SURNAMES) + R.choice(GIVEN)


def mobile() -> str:
    return "1" + R.choice("3589") + "".join(R.choice("0123456789") for _ in range(9))


def id_number(birth: D | None = None) -> str:
    birth = birth or D(1950, 1, 1) + dt.timedelta(days=R.randrange(0, 365 * 50))
    body = "350304" + birth.strftime("%Y%m%d") + f"{R.randrange(0, 1000):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def landline() -> str:
    return "0594-" + R.choice("2367") + "".join(R.choice("0123456789") for _ in range(6))


SUMMARIES = {
    "邻里": [
        "因房屋漏水引发邻里矛盾",
        "因排水沟堵塞引发相邻纠纷",
        "因宅前通道通行问题发生争执",
        "因噪音扰民引发口角",
    ],
    "婚姻": [
        "夫妻感情不和要求离婚",
        "赡养老人费用分担发生争执",
        "子女抚养问题协商不成",
        "家庭财产分割产生矛盾",
    ],
    "土地": ["承包地边界不清引发争议", "土地流转租金未按时支付", "责任田调整分配不均"],
    "山林": ["山林界址不清双方争执", "林木采伐收益分配纠纷"],
    "征迁": ["征迁补偿标准有异议", "安置房分配面积存在争议"],
    "其他": ["工程款拖欠引发劳资纠纷", "买卖合同货款未结清", "物业费收取标准存在争议", "消费退款协商不成"],
    "信访": ["对法院判决执行不满多次信访"],
}
TYPE_KEY = {
    "邻里纠纷": "邻里",
    "相邻关系纠纷": "邻里",
    "邻里": "邻里",
    "婚姻家庭纠纷": "婚姻",
    "婚姻家庭": "婚姻",
    "家庭纠纷": "婚姻",
    "婚姻纠纷": "婚姻",
    "土地承包纠纷": "土地",
    "土地承包经营纠纷": "土地",
    "土地承包": "土地",
    "山林权属纠纷": "山林",
    "山林纠纷": "山林",
    "山林权属": "山林",
    "征地拆迁": "征迁",
    "征地拆迁纠纷": "征迁",
    "涉法涉诉信访": "信访",
}


def summary(dtype: str) -> str:
    return R.choice(SUMMARIES[TYPE_KEY.get(dtype, "其他")])


# ---------------------------------------------------------------- value formatting
CN_DIGIT = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """Chinese numeral for 0..99 as clerks write it (十一, 二十, 二十三)."""
    if n < 10:
        return CN_DIGIT[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGIT[tens]) + "十" + (CN_DIGIT[ones] if ones else "")


def cn_date(d: D, zero: str = "〇", with_year: bool = True) -> str:
    year = "".join(zero if c == "0" else CN_DIGIT[int(c)] for c in str(d.year)) + "年" if with_year else ""
    return f"{year}{cn_number(d.month)}月{cn_number(d.day)}日"


def fmt_date(d, style: str):
    """A date as a clerk writes it; `date` keeps a real date cell."""
    if d is None or isinstance(d, str):
        return d
    return {
        "date": d,
        "iso": d.isoformat(),
        "dot": f"{d.year}.{d.month}.{d.day}",
        "slash": f"{d.year}/{d.month}/{d.day}",
        "cn": f"{d.year}年{d.month}月{d.day}日",
        "md": f"{d.month}月{d.day}日",
        "compact": d.strftime("%Y%m%d"),
        "serial": (d - D(1899, 12, 30)).days,
    }[style]


# ---------------------------------------------------------------- writers
def new_wb() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.properties.creator = "Administrator"
    wb.properties.lastModifiedBy = "WPS_1698700000"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def normalize_zip(path: Path) -> None:
    """Rewrite the xlsx zip with fixed entry times so the bytes do not depend on when the script ran."""
    with zipfile.ZipFile(path) as zin:
        items = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for fname, data in items:
            if fname == "docProps/core.xml":
                # openpyxl and xlsxwriter stamp the save time as “modified”
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2023-11-30T17:00:00Z", data)
            info = zipfile.ZipInfo(fname, date_time=(2023, 11, 30, 17, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)


def save_wb(wb: openpyxl.Workbook, fname: str) -> None:
    path = OUT / fname
    wb.save(path)
    normalize_zip(path)


def put_row(ws, r: int, values, date_format: str = "yyyy-mm-dd") -> None:
    for c, v in enumerate(values, start=1):
        if v is None or v == "":
            continue
        cell = ws.cell(row=r, column=c, value=v)
        if isinstance(v, D):
            cell.number_format = date_format


def title(ws, r: int, text: str, ncols: int, bold: bool = True) -> None:
    ws.cell(row=r, column=1, value=text)
    ws.cell(row=r, column=1).alignment = Alignment(horizontal="center", vertical="center")
    if bold:
        ws.cell(row=r, column=1).font = Font(bold=True, size=16)
    if ncols > 1:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)


def widths(ws, ws_widths) -> None:
    for i, w in enumerate(ws_widths, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = w


def write_csv(fname: str, rows, encoding: str = "utf-8", bom: bool = False, newline: str = "\r\n") -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    data = buf.getvalue().encode(encoding)
    (OUT / fname).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


# ---------------------------------------------------------------- disputes
MEDIATORS = {}


def mediator(unit: str) -> str:
    if unit not in MEDIATORS:
        MEDIATORS[unit] = name()
    return MEDIATORS[unit]


def drow(recv, dtype, level, status, resolved=None, **kw) -> dict:
    row = dict(
        recv=recv,
        type=dtype,
        level=level,
        status=status,
        resolved=resolved,
        parties=name(),
        phone=mobile(),
        summary=summary(dtype),
        remark="",
        id="",
    )
    row.update(kw)
    return row


STD_DISPUTE_COLS = [
    ("序号", "seq"),
    ("受理日期", "recv"),
    ("纠纷类型", "type"),
    ("当事人", "parties"),
    ("联系电话", "phone"),
    ("简要案情", "summary"),
    ("化解责任人", "mediator"),
    ("化解层级", "level"),
    ("化解情况", "status"),
    ("化解日期", "resolved"),
    ("备注", "remark"),
]


def dispute_values(row: dict, cols, seq, unit: str, date_style: str) -> list:
    out = []
    for _, key in cols:
        if key == "seq":
            out.append(seq)
        elif key in ("recv", "resolved", "recv2"):
            out.append(fmt_date(row.get(key), date_style))
        elif key == "mediator":
            out.append(row.get("mediator") or mediator(unit))
        else:
            out.append(row.get(key, ""))
    return out


def dispute_sheet(
    ws,
    rows,
    unit: str,
    *,
    cols=STD_DISPUTE_COLS,
    header_row: int,
    date_style: str = "date",
    date_format: str = "yyyy-mm-dd",
    seq_start: int = 1,
) -> int:
    """Header at header_row, one row per record below; returns the next free row."""
    put_row(ws, header_row, [h for h, _ in cols])
    r = header_row + 1
    for i, row in enumerate(rows):
        put_row(ws, r, dispute_values(row, cols, seq_start + i, unit, date_style), date_format)
        r += 1
    return r


def footer(ws, r: int, unit_mediator: str | None = None) -> None:
    ws.cell(
        row=r,
        column=1,
        value=f"填报人：{unit_mediator or name()}        审核人：{name()}        联系电话：{landline()}",
    )


def d01() -> None:
    """林山村: WPS title block, 填报单位 line, two-row header with a 当事人 group, Chinese date format, notes."""
    wb = new_wb()
    ws = wb.active
    ws.title = "Sheet1"
    title(ws, 1, "西天尾镇林山村2023年10月矛盾纠纷排查化解台账", 11)
    ws.cell(row=2, column=1, value="填报单位：林山村（盖章）")
    ws.merge_cells("A2:F2")
    ws.cell(row=2, column=8, value="填报日期：2023年10月31日")
    ws.merge_cells("H2:K2")
    top = [
        "序号",
        "受理日期",
        "纠纷类型",
        "当事人",
        None,
        "简要案情",
        "化解责任人",
        "化解层级",
        "化解情况",
        "化解日期",
        "备注",
    ]
    sub = [None, None, None, "姓名", "联系电话", None, None, None, None, None, None]
    put_row(ws, 3, top)
    put_row(ws, 4, sub)
    for col in "ABCFGHIJK":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("D3:E3")
    rows = [
        drow(D(2023, 10, 3), "邻里纠纷", "村", "已化解", D(2023, 10, 5)),
        drow(D(2023, 10, 8), "婚姻家庭纠纷", "片区调解室", "已化解", D(2023, 10, 20)),
        drow(D(2023, 10, 12), "土地承包纠纷", "村", "化解中"),
        drow(D(2023, 10, 17), "山林权属纠纷", "镇", "已化解", D(2023, 10, 27)),
        drow(
            D(2023, 10, 21), "劳资纠纷", "村", "已化解", D(2023, 10, 24), summary="务工人员工资被拖欠三个月"
        ),
        drow(D(2023, 10, 26), "邻里纠纷", "村", "未化解", remark="已引导当事人通过诉讼途径解决"),
    ]
    cols = [
        ("", "seq"),
        ("", "recv"),
        ("", "type"),
        ("", "parties"),
        ("", "phone"),
        ("", "summary"),
        ("", "mediator"),
        ("", "level"),
        ("", "status"),
        ("", "resolved"),
        ("", "remark"),
    ]
    r = 5
    for i, row in enumerate(rows, start=1):
        put_row(ws, r, dispute_values(row, cols, i, "林山村", "date"), 'yyyy"年"m"月"d"日"')
        r += 1
    footer(ws, r + 1)
    ws.cell(
        row=r + 2, column=1, value="注：1.本表每月25日前报镇综治中心；2.化解层级填村、片区调解室、镇或上级。"
    )
    widths(ws, [6, 16, 14, 10, 14, 30, 10, 12, 10, 16, 20])
    save_wb(wb, "林山村2023年10月矛盾纠纷排查化解台账.xlsx")


def d02() -> None:
    """后黄: the pre-2013 name 后黄村委会 still in the template; dates typed 2023.10.8; own header words."""
    wb = new_wb()
    ws = wb.active
    ws.title = "10月"
    title(ws, 1, "后黄村委会2023年10月份矛盾纠纷排查台账", 10)
    cols = [
        ("序号", "seq"),
        ("排查日期", "recv"),
        ("纠纷类别", "type"),
        ("当事人姓名", "parties"),
        ("联系方式", "phone"),
        ("纠纷简要情况", "summary"),
        ("调处人", "mediator"),
        ("调处层级", "level"),
        ("调处结果", "status"),
        ("办结日期", "resolved"),
    ]
    rows = [
        drow(D(2023, 10, 8), "相邻关系纠纷", "村调委会", "调解成功", D(2023, 10, 9)),
        drow(D(2023, 10, 11), "家庭纠纷", "村调委会", "调解成功", D(2023, 10, 15)),
        drow(D(2023, 10, 16), "征地拆迁", "片区调解室", "正在调处"),
        drow(D(2023, 10, 22), "合同纠纷", "村调委会", "调解成功", D(2023, 10, 30)),
        drow(D(2023, 10, 30), "邻里纠纷", "村调委会", "调解不成"),
    ]
    dispute_sheet(ws, rows, "后黄", cols=cols, header_row=2, date_style="dot")
    save_wb(wb, "后黄村矛盾纠纷排查化解台账（2023.10）.xlsx")


def d03() -> None:
    """溪白: UTF-8 CSV with BOM, every text date form in one column, 已移交 status, 移交上级 level."""
    rows = [
        drow("2023年10月5日", "邻里纠纷", "社区", "已化解", "2023年10月6日"),
        drow("10月12日", "医患纠纷", "移交上级", "已移交区卫健局"),
        drow("2023-10-19", "婚姻家庭", "片区调解室", "调解成功", "2023-10-28"),
        drow("2023/10/25", "土地承包", "社区", "化解中"),
        drow("10月29日", "邻里纠纷", "社区", "已化解", "10月30日"),
    ]
    cols = [
        ("序号", "seq"),
        ("受理时间", "recv"),
        ("纠纷类型", "type"),
        ("当事人", "parties"),
        ("联系电话", "phone"),
        ("基本情况", "summary"),
        ("化解责任人", "mediator"),
        ("化解层级", "level"),
        ("化解情况", "status"),
        ("化解时间", "resolved"),
        ("备注", "remark"),
    ]
    out = [[h for h, _ in cols]]
    out += [dispute_values(r, cols, i, "溪白", "iso") for i, r in enumerate(rows, start=1)]
    write_csv("溪白社区2023年10月矛盾纠纷台账.csv", out, bom=True)


def d04() -> None:
    """澄渚: status written as sentences, several negating the verb before it."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "澄渚社区2023年10月矛盾纠纷排查化解台账", 11)
    ws.cell(row=2, column=1, value="填报单位：澄渚社区居委会")
    rows = [
        drow(D(2023, 10, 2), "邻里纠纷", "社区", "已化解", D(2023, 10, 3)),
        drow(D(2023, 10, 6), "婚姻家庭纠纷", "社区", "经多次调解，双方未能达成一致，未化解"),
        drow(D(2023, 10, 9), "物业纠纷", "社区", "调解未达成协议"),
        drow(D(2023, 10, 13), "邻里纠纷", "社区", "经调解双方达成协议，已化解", D(2023, 10, 16)),
        drow(D(2023, 10, 17), "土地承包纠纷", "社区", "未能化解，已引导诉讼"),
        drow(D(2023, 10, 20), "婚姻家庭纠纷", "社区", "正在化解"),
        drow(D(2023, 10, 24), "物业纠纷", "社区", "没有化解成功"),
        drow(D(2023, 10, 27), "邻里纠纷", "社区", "化解成功", D(2023, 10, 28)),
    ]
    dispute_sheet(ws, rows, "澄渚", header_row=3)
    save_wb(wb, "澄渚社区2023年10月矛盾纠纷排查化解台账.xlsx")


def d05() -> None:
    """林峰: status as a tick-box group (√ under 已化解 / 化解中 / 未化解)."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "林峰社区2023年10月矛盾纠纷排查化解登记表", 12)
    top = [
        "序号",
        "受理日期",
        "纠纷类型",
        "当事人",
        "联系电话",
        "简要案情",
        "化解层级",
        "化解情况",
        None,
        None,
        "化解日期",
        "备注",
    ]
    sub = [None] * 7 + ["已化解", "化解中", "未化解", None, None]
    put_row(ws, 2, top)
    put_row(ws, 3, sub)
    for col in "ABCDEFGKL":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("H2:J2")
    data = [
        (D(2023, 10, 4), "邻里纠纷", "社区", 0, D(2023, 10, 5)),
        (D(2023, 10, 9), "劳资纠纷", "社区", 1, None),
        (D(2023, 10, 13), "婚姻家庭纠纷", "片区调解室", 0, D(2023, 10, 19)),
        (D(2023, 10, 18), "山林权属纠纷", "镇", 2, None),
        (D(2023, 10, 23), "劳资纠纷", "社区", 0, D(2023, 10, 26)),
        (D(2023, 10, 28), "邻里纠纷", "社区", 1, None),
    ]
    for i, (recv, dtype, level, tick, res) in enumerate(data, start=1):
        marks = ["", "", ""]
        marks[tick] = "√"
        put_row(ws, 3 + i, [i, recv, dtype, name(), mobile(), summary(dtype), level, *marks, res, ""])
    save_wb(wb, "林峰社区2023年10月矛盾纠纷排查化解登记表.xlsx")


def d06() -> None:
    """渭阳: dates pasted as values, so they are Excel serial numbers in General cells; 合计 row and a note."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "渭阳社区2023年10月矛盾纠纷排查化解台账", 11)
    rows = [
        drow(D(2023, 10, 4), "邻里纠纷", "社区", "已化解", D(2023, 10, 6)),
        drow(D(2023, 10, 13), "婚姻家庭纠纷", "社区", "已化解", D(2023, 10, 13)),
        drow(D(2023, 10, 18), "消费纠纷", "镇", "化解中"),
        drow(D(2023, 10, 27), "邻里纠纷", "片区调解室", "已化解", D(2023, 10, 31)),
    ]
    r = dispute_sheet(ws, rows, "渭阳", header_row=2, date_style="serial")
    put_row(ws, r, ["合计", None, "4件", None, None, None, None, None, "已化解3件"])
    ws.cell(row=r + 2, column=1, value="注：本月无重大矛盾纠纷，无群体性事件。")
    save_wb(wb, "渭阳社区2023年10月矛盾纠纷台账.xlsx")


def d07() -> None:
    """龙山: real .xls (BIFF8), 填报单位 in a right-hand cell, header words broken by spaces and line breaks,
    序号 as text, blank rows between records, dates typed 2023/10/9."""
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    ws.write_merge(0, 0, 0, 9, "龙山村矛盾纠纷排查化解工作台账")
    ws.write_merge(1, 1, 0, 9, "（2023年10月）")
    ws.write(2, 6, "填报单位：龙山村")
    header = [
        "序号",
        "受 理\n日 期",
        "纠纷\n类型",
        "当事人\n姓名",
        "联系\n电话",
        "简 要 案 情",
        "化解\n层级",
        "化解\n情况",
        "化解\n日期",
        "备 注",
    ]
    for c, h in enumerate(header):
        ws.write(3, c, h)
    data = [
        ("01", "2023/10/9", "邻里纠纷", "村", "已化解", "2023/10/10"),
        ("02", "2023/10/14", "土地承包经营纠纷", "村", "已化解", "2023/10/20"),
        None,
        ("03", "2023/10/20", "山林纠纷", "片区", "化解中", ""),
        ("04", "2023/10/23", "婚姻纠纷", "村", "已化解", "2023/10/25"),
        None,
        ("05", "2023/10/28", "其他", "村", "化解中", ""),
    ]
    r = 4
    for item in data:
        if item is not None:
            seq, recv, dtype, level, status, res = item
            for c, v in enumerate(
                [seq, recv, dtype, name(), mobile(), summary(dtype), level, status, res, ""]
            ):
                ws.write(r, c, v)
        r += 1
    ws.write(r + 1, 0, f"填报人：{name()}    联系电话：{landline()}")
    wb.save(str(OUT / "龙山村矛盾纠纷台账2023年10月.xls"))


def d08() -> None:
    """吴江: nothing this month — header kept, one merged row “本月无矛盾纠纷”."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "吴江村2023年10月矛盾纠纷排查化解台账", 11)
    put_row(ws, 2, [h for h, _ in STD_DISPUTE_COLS])
    ws.cell(row=3, column=1, value="本月无矛盾纠纷")
    ws.merge_cells("A3:K3")
    ws.cell(row=5, column=1, value=f"填报人：{name()}    填报日期：2023年10月30日")
    save_wb(wb, "吴江村2023年10月矛盾纠纷排查化解台账.xlsx")


def d09() -> None:
    """北大: nothing this month written as “无” in every cell of one row."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "北大村2023年10月份矛盾纠纷台账", 11)
    put_row(ws, 2, [h for h, _ in STD_DISPUTE_COLS])
    put_row(ws, 3, ["无"] * 11)
    ws.cell(row=5, column=1, value=f"填报人：{name()}")
    save_wb(wb, "北大村10月份矛盾纠纷台账（2023）.xlsx")


def simple_dispute_file(
    fname: str,
    unit: str,
    title_text: str,
    rows,
    *,
    seq_start: int = 1,
    cols=STD_DISPUTE_COLS,
    date_style: str = "date",
    sheet: str = "Sheet1",
    unit_line: str | None = None,
) -> None:
    wb = new_wb()
    ws = wb.active
    ws.title = sheet
    title(ws, 1, title_text, len(cols))
    header_row = 2
    if unit_line:
        ws.cell(row=2, column=1, value=unit_line)
        header_row = 3
    r = dispute_sheet(
        ws, rows, unit, cols=cols, header_row=header_row, date_style=date_style, seq_start=seq_start
    )
    footer(ws, r + 1)
    save_wb(wb, fname)


def d10() -> None:
    """洞湖: one month sent in two batches (第一批 / 第二批), 序号 continuing."""
    first = [
        drow(D(2023, 10, 2), "邻里纠纷", "村", "已化解", D(2023, 10, 3)),
        drow(D(2023, 10, 6), "婚姻家庭纠纷", "村", "已化解", D(2023, 10, 9)),
        drow(D(2023, 10, 11), "土地承包纠纷", "片区调解室", "化解中"),
        drow(D(2023, 10, 15), "买卖合同纠纷", "村", "已化解", D(2023, 10, 16)),
    ]
    second = [
        drow(D(2023, 10, 19), "邻里纠纷", "村", "已化解", D(2023, 10, 21)),
        drow(D(2023, 10, 24), "山林权属纠纷", "镇", "化解中"),
        drow(D(2023, 10, 29), "邻里纠纷", "村", "未化解"),
    ]
    simple_dispute_file(
        "洞湖村2023年10月矛盾纠纷台账（第一批）.xlsx",
        "洞湖",
        "洞湖村2023年10月矛盾纠纷排查化解台账（第一批）",
        first,
    )
    simple_dispute_file(
        "洞湖村2023年10月矛盾纠纷台账（第二批）.xlsx",
        "洞湖",
        "洞湖村2023年10月矛盾纠纷排查化解台账（第二批）",
        second,
        seq_start=5,
    )


def d11() -> None:
    """后卓: the month's file, then a 补报 file with one case that was missed."""
    rows = [
        drow(D(2023, 10, 3), "邻里纠纷", "村", "已化解", D(2023, 10, 4)),
        drow(D(2023, 10, 9), "婚姻家庭纠纷", "村", "已化解", D(2023, 10, 12)),
        drow(D(2023, 10, 14), "劳资纠纷", "村", "化解中"),
        drow(D(2023, 10, 20), "征地拆迁纠纷", "镇", "化解中"),
        drow(D(2023, 10, 25), "邻里纠纷", "村", "已化解", D(2023, 10, 26)),
    ]
    simple_dispute_file(
        "后卓村2023年10月矛盾纠纷排查化解台账.xlsx", "后卓", "后卓村2023年10月矛盾纠纷排查化解台账", rows
    )
    extra = [drow(D(2023, 10, 30), "土地承包纠纷", "村", "已化解", D(2023, 10, 31))]
    simple_dispute_file(
        "后卓村10月矛盾纠纷补报.xlsx", "后卓", "后卓村2023年10月矛盾纠纷排查化解台账（补报）", extra
    )


def d12() -> None:
    """碗洋: the month's file, then the same cases as 更正 with one case now resolved."""
    rows = [
        drow(D(2023, 10, 5), "邻里纠纷", "村", "已化解", D(2023, 10, 6)),
        drow(D(2023, 10, 10), "婚姻家庭纠纷", "村", "化解中"),
        drow(D(2023, 10, 16), "劳资纠纷", "村", "已化解", D(2023, 10, 18)),
        drow(D(2023, 10, 23), "邻里纠纷", "片区调解室", "化解中"),
    ]
    simple_dispute_file(
        "碗洋村2023年10月矛盾纠纷台账.xlsx", "碗洋", "碗洋村2023年10月矛盾纠纷排查化解台账", rows
    )
    fixed = [dict(r) for r in rows]
    fixed[1].update(status="已化解", resolved=D(2023, 10, 30))
    simple_dispute_file(
        "碗洋村2023年10月矛盾纠纷台账（更正）.xlsx",
        "碗洋",
        "碗洋村2023年10月矛盾纠纷排查化解台账（更正）",
        fixed,
    )


def d13() -> None:
    """三山: a second file for the same month (browser suffix “(1)”) carrying 3 of the 5 cases plus 2 new ones."""
    rows = [
        drow(D(2023, 10, 2), "邻里纠纷", "村", "已化解", D(2023, 10, 3)),
        drow(D(2023, 10, 7), "婚姻家庭纠纷", "村", "已化解", D(2023, 10, 10)),
        drow(D(2023, 10, 12), "合同纠纷", "村", "化解中"),
        drow(D(2023, 10, 18), "土地承包纠纷", "村", "已化解", D(2023, 10, 19)),
        drow(D(2023, 10, 22), "邻里纠纷", "村", "化解中"),
    ]
    simple_dispute_file(
        "三山村2023年10月矛盾纠纷台账.xlsx", "三山", "三山村2023年10月矛盾纠纷排查化解台账", rows
    )
    second = [
        rows[0],
        rows[2],
        rows[4],
        drow(D(2023, 10, 26), "邻里纠纷", "村", "已化解", D(2023, 10, 27)),
        drow(D(2023, 10, 30), "合同纠纷", "镇", "化解中"),
    ]
    simple_dispute_file(
        "三山村2023年10月矛盾纠纷台账(1).xlsx", "三山", "三山村2023年10月矛盾纠纷排查化解台账", second
    )


def d14() -> None:
    """后埔: October's file, then November's made from a copy whose title still says 10月."""
    oct_rows = [
        drow(D(2023, 10, 4), "邻里纠纷", "村", "已化解", D(2023, 10, 5)),
        drow(D(2023, 10, 11), "劳资纠纷", "村", "化解中"),
        drow(D(2023, 10, 19), "婚姻家庭纠纷", "村", "已化解", D(2023, 10, 21)),
        drow(D(2023, 10, 27), "邻里纠纷", "片区调解室", "已化解", D(2023, 10, 30)),
    ]
    simple_dispute_file(
        "后埔村2023年10月矛盾纠纷排查化解台账.xlsx",
        "后埔",
        "后埔村2023年10月矛盾纠纷排查化解台账",
        oct_rows,
        unit_line="填报单位：后埔村    填报日期：2023年10月31日",
    )
    nov_rows = [
        drow(D(2023, 11, 2), "邻里纠纷", "村", "已化解", D(2023, 11, 3)),
        drow(D(2023, 11, 8), "土地承包纠纷", "村", "化解中"),
        drow(D(2023, 11, 15), "合同纠纷", "镇", "已化解", D(2023, 11, 20)),
    ]
    simple_dispute_file(
        "后埔村2023年11月矛盾纠纷排查化解台账.xlsx",
        "后埔",
        "后埔村2023年10月矛盾纠纷排查化解台账",
        nov_rows,
        unit_line="填报单位：后埔村    填报日期：2023年11月30日",
    )


def d15() -> None:
    """象峰: file name says 9月, title says 10月, rows dated in both months."""
    rows = [
        drow(D(2023, 9, 18), "邻里纠纷", "村", "已化解", D(2023, 9, 20)),
        drow(D(2023, 9, 26), "山林权属纠纷", "片区调解室", "化解中"),
        drow(D(2023, 10, 8), "婚姻家庭纠纷", "村", "已化解", D(2023, 10, 9)),
        drow(D(2023, 10, 16), "邻里纠纷", "村", "已化解", D(2023, 10, 18)),
        drow(D(2023, 10, 24), "合同纠纷", "村", "化解中"),
    ]
    simple_dispute_file(
        "象峰村2023年9月矛盾纠纷台账.xlsx", "象峰", "象峰村2023年10月矛盾纠纷排查化解台账", rows
    )


ROOM_COLS = [
    ("序号", "seq"),
    ("受理日期", "recv"),
    ("纠纷类型", "type"),
    ("当事人", "parties"),
    ("联系电话", "phone"),
    ("简要案情", "summary"),
    ("化解层级", "level"),
    ("化解情况", "status"),
    ("化解日期", "resolved"),
]


def d16() -> None:
    """下垞片区调解室: one workbook, one sheet per village; the 填报单位 line names the room (starts with 下垞)."""
    wb = new_wb()
    wb.remove(wb.active)
    sheets = {
        "后埔村": [
            drow(D(2023, 10, 5), "邻里纠纷", "片区调解室", "已化解", D(2023, 10, 9)),
            drow(D(2023, 10, 12), "土地承包纠纷", "片区调解室", "已化解", D(2023, 10, 18)),
            drow(D(2023, 10, 24), "婚姻家庭纠纷", "片区调解室", "化解中"),
        ],
        "象峰村": [
            drow(D(2023, 10, 8), "山林权属纠纷", "片区调解室", "已化解", D(2023, 10, 16)),
            drow(D(2023, 10, 20), "邻里纠纷", "片区调解室", "调解不成"),
        ],
        "下垞村": [
            drow(D(2023, 10, 3), "邻里纠纷", "片区调解室", "已化解", D(2023, 10, 6)),
            drow(D(2023, 10, 10), "劳资纠纷", "片区调解室", "已化解", D(2023, 10, 12)),
            drow(D(2023, 10, 17), "婚姻家庭纠纷", "片区调解室", "化解中"),
            drow(D(2023, 10, 26), "邻里纠纷", "片区调解室", "已化解", D(2023, 10, 30)),
        ],
        "林山村": [drow(D(2023, 10, 14), "征地拆迁纠纷", "片区调解室", "已化解", D(2023, 10, 25))],
    }
    for sheet, rows in sheets.items():
        ws = wb.create_sheet(sheet)
        title(ws, 1, "南部片区2023年10月矛盾纠纷排查化解台账", len(ROOM_COLS))
        ws.cell(row=2, column=1, value="填报单位：下垞片区“和谐”品牌调解室")
        dispute_sheet(ws, rows, "下垞片区", cols=ROOM_COLS, header_row=3)
    save_wb(wb, "下垞片区调解室2023年10月矛盾纠纷台账.xlsx")


def d17() -> None:
    """东星片区调解室: one sheet, villages as section lines (一、东星社区 …), no unit column."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "城东片区矛盾纠纷排查化解台账（2023年10月）", len(ROOM_COLS))
    ws.cell(row=2, column=1, value="填报单位：东星片区“和顺”品牌调解室")
    put_row(ws, 3, [h for h, _ in ROOM_COLS])
    sections = [
        (
            "一、东星社区",
            [
                drow(D(2023, 10, 4), "邻里纠纷", "社区", "已化解", D(2023, 10, 5)),
                drow(D(2023, 10, 15), "合同纠纷", "片区调解室", "化解中"),
                drow(D(2023, 10, 22), "婚姻家庭纠纷", "片区调解室", "已化解", D(2023, 10, 28)),
            ],
        ),
        (
            "二、后黄社区",
            [
                drow(D(2023, 10, 9), "土地承包纠纷", "片区调解室", "已化解", D(2023, 10, 19)),
                drow(D(2023, 10, 25), "邻里纠纷", "片区调解室", "未化解"),
            ],
        ),
        ("三、澄渚社区（本月无）", []),
        (
            "四、渭阳社区",
            [
                drow(D(2023, 10, 11), "邻里纠纷", "社区", "已化解", D(2023, 10, 12)),
                drow(D(2023, 10, 30), "物业纠纷", "镇", "化解中"),
            ],
        ),
    ]
    r = 4
    seq = 1
    for head, rows in sections:
        ws.cell(row=r, column=1, value=head)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(ROOM_COLS))
        r += 1
        for row in rows:
            put_row(ws, r, dispute_values(row, ROOM_COLS, seq, "东星片区", "date"))
            r += 1
            seq += 1
    save_wb(wb, "东星片区和顺调解室10月矛盾纠纷台账（2023年）.xlsx")


def d18() -> None:
    """林峰片区调解室: a 所属村居 column with aliases, one case booked to two villages in one cell."""
    cols = [("序号", "seq"), ("所属村居", "unit"), *ROOM_COLS[1:]]
    rows = [
        drow(D(2023, 10, 3), "邻里纠纷", "社区", "已化解", D(2023, 10, 4), unit="林峰居委会"),
        drow(D(2023, 10, 9), "山林权属纠纷", "片区调解室", "已化解", D(2023, 10, 17), unit="龙山村"),
        drow(D(2023, 10, 12), "婚姻家庭纠纷", "村", "化解中", unit="吴江"),
        drow(D(2023, 10, 18), "劳资纠纷", "村", "已化解", D(2023, 10, 19), unit="北大村委会"),
        drow(
            D(2023, 10, 21),
            "山林权属纠纷",
            "片区调解室",
            "化解中",
            unit="龙山村、吴江村",
            summary="两村交界处山林界址争议",
        ),
        drow(D(2023, 10, 28), "邻里纠纷", "社区", "已化解", D(2023, 10, 29), unit="林峰社区"),
    ]
    simple_dispute_file(
        "林峰片区和美调解室2023年10月纠纷排查表.xlsx",
        "林峰片区",
        "城西片区2023年10月矛盾纠纷排查化解台账",
        rows,
        cols=cols,
        unit_line="填报单位：林峰片区“和美”品牌调解室",
    )


def d19() -> None:
    """东星: two cases with two parties each on two rows, the other cells merged down over both."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "东星社区2023年10月矛盾纠纷排查化解台账", 11)
    put_row(ws, 2, [h for h, _ in STD_DISPUTE_COLS])
    cases = [
        (drow(D(2023, 10, 6), "邻里纠纷", "社区", "已化解", D(2023, 10, 7)), 1),
        (drow(D(2023, 10, 10), "邻里纠纷", "社区", "已化解", D(2023, 10, 12)), 2),
        (drow(D(2023, 10, 17), "婚姻家庭纠纷", "社区", "化解中"), 1),
        (drow(D(2023, 10, 20), "合同纠纷", "片区调解室", "未化解"), 2),
        (drow(D(2023, 10, 28), "邻里纠纷", "社区", "已化解", D(2023, 10, 29)), 1),
    ]
    r = 3
    for seq, (row, nrows) in enumerate(cases, start=1):
        put_row(ws, r, dispute_values(row, STD_DISPUTE_COLS, seq, "东星", "date"))
        if nrows == 2:
            ws.cell(row=r + 1, column=4, value=name())
            ws.cell(row=r + 1, column=5, value=mobile())
            for col in "ABCFGHIJK":
                ws.merge_cells(f"{col}{r}:{col}{r + 1}")
        r += nrows
    footer(ws, r + 1)
    save_wb(wb, "东星社区2023年10月矛盾纠纷排查化解台账.xlsx")


def d20() -> None:
    """后黄: one case pasted twice; only 序号 differs."""
    rows = [
        drow(D(2023, 11, 2), "邻里纠纷", "社区", "已化解", D(2023, 11, 3)),
        drow(D(2023, 11, 6), "婚姻家庭纠纷", "社区", "化解中"),
        drow(D(2023, 11, 9), "合同纠纷", "社区", "已化解", D(2023, 11, 14)),
        drow(D(2023, 11, 16), "土地承包纠纷", "片区调解室", "化解中"),
    ]
    rows.insert(4, dict(rows[2]))
    rows.append(drow(D(2023, 11, 24), "邻里纠纷", "社区", "已化解", D(2023, 11, 25)))
    simple_dispute_file(
        "后黄社区2023年11月矛盾纠纷台账.xlsx", "后黄", "后黄社区2023年11月矛盾纠纷排查化解台账", rows
    )


def d21() -> None:
    """吴江: dates in Chinese numerals, with 〇, ○ (a circle) and 零 for zero, one without the year."""
    rows = [
        drow(cn_date(D(2023, 11, 3)), "邻里纠纷", "村", "已化解", cn_date(D(2023, 11, 5))),
        drow(cn_date(D(2023, 11, 9), with_year=False), "婚姻家庭纠纷", "村", "化解中"),
        drow(
            cn_date(D(2023, 11, 15), zero="○"), "劳资纠纷", "村", "已化解", cn_date(D(2023, 11, 17), zero="○")
        ),
        drow(cn_date(D(2023, 11, 28), zero="零"), "土地承包纠纷", "镇", "化解中"),
    ]
    simple_dispute_file(
        "吴江村2023年11月矛盾纠纷台账.xlsx", "吴江", "吴江村2023年11月矛盾纠纷排查化解台账", rows
    )


def d22() -> None:
    """洞湖: one 受理日期 is a range of days."""
    rows = [
        drow("2023.11.2", "邻里纠纷", "村", "已化解", "2023.11.3"),
        drow("11月6日-11月8日", "山林权属纠纷", "片区调解室", "化解中"),
        drow("2023.11.13", "合同纠纷", "村", "已化解", "2023.11.14"),
        drow("2023.11.21", "邻里纠纷", "村", "化解中"),
    ]
    simple_dispute_file(
        "洞湖村2023年11月矛盾纠纷台账.xlsx", "洞湖", "洞湖村2023年11月矛盾纠纷排查化解台账", rows
    )


def d23() -> None:
    """下垞: a status cell says “见备注” and the note was never filled in."""
    rows = [
        drow(D(2023, 11, 3), "邻里纠纷", "村", "已化解", D(2023, 11, 4)),
        drow(D(2023, 11, 7), "合同纠纷", "村", "见备注"),
        drow(D(2023, 11, 13), "婚姻家庭纠纷", "村", "已化解", D(2023, 11, 16)),
        drow(D(2023, 11, 20), "邻里纠纷", "片区调解室", "化解中"),
        drow(D(2023, 11, 27), "土地承包纠纷", "村", "已化解", D(2023, 11, 29)),
    ]
    simple_dispute_file(
        "下垞村2023年11月矛盾纠纷排查化解台账.xlsx", "下垞", "下垞村2023年11月矛盾纠纷排查化解台账", rows
    )


def d24() -> None:
    """象峰: a 28-line 填表说明 above the table; the header sits at row 31."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "象峰村2023年11月矛盾纠纷排查化解台账", 11)
    notes = ["填表说明："]
    notes += [
        f"{i}. " + t
        for i, t in enumerate(
            [
                "本表由村（社区）调委会负责填写，每月25日前报镇综治中心。",
                "序号按受理先后顺序填写，不得跳号。",
                "受理日期填写矛盾纠纷登记受理的日期，格式为年月日。",
                "纠纷类型从下拉菜单中选择：山林权属、征地拆迁、土地承包、婚姻家庭、邻里纠纷、涉法涉诉信访、其他。",
                "选择“其他”的，请在简要案情中注明具体类型。",
                "当事人填写双方当事人姓名，多方当事人用顿号隔开。",
                "联系电话填写当事人本人手机号码。",
                "简要案情不超过50字，写明时间、地点、起因、诉求。",
                "化解责任人填写具体负责调处的人员姓名。",
                "化解层级填写村（社区）、片区调解室、镇、上级/移交。",
                "化解情况填写已化解、化解中、未化解。",
                "已化解的须填写化解日期，未化解的须在备注中写明原因及下一步措施。",
                "移交上级部门的，备注中写明移交单位和移交时间。",
                "涉及群体性、苗头性问题的，须在24小时内报镇综治中心。",
                "重大矛盾纠纷须同时报送书面材料。",
                "本表须经村（社区）主要负责人审核签字。",
                "电子版与纸质版内容须一致。",
                "上月未化解的纠纷如本月化解，在本月台账中更新。",
                "化解中的纠纷须每周跟踪一次。",
                "涉法涉诉信访类纠纷须引导依法逐级走访。",
                "婚姻家庭纠纷注意保护当事人隐私。",
                "本表不得随意增删列。",
                "如本月无矛盾纠纷，请在表中注明“本月无”。",
                "报送邮箱见镇综治中心通知。",
                "联系人：镇综治中心，电话见通讯录。",
                "本说明自2023年1月起执行。",
                "解释权归西天尾镇综治中心。",
            ],
            start=1,
        )
    ]
    for i, text in enumerate(notes):
        ws.cell(row=2 + i, column=1, value=text)
    header_row = 2 + len(notes) + 1
    assert header_row == 31, header_row
    rows = [
        drow(D(2023, 11, 6), "邻里纠纷", "村", "已化解", D(2023, 11, 7)),
        drow(D(2023, 11, 14), "合同纠纷", "村", "化解中"),
        drow(D(2023, 11, 23), "婚姻家庭纠纷", "片区调解室", "已化解", D(2023, 11, 28)),
    ]
    dispute_sheet(ws, rows, "象峰", header_row=header_row)
    save_wb(wb, "象峰村2023年11月矛盾纠纷排查化解台账.xlsx")


def d25() -> None:
    """三山: the county template with a 填表说明 sheet and a hidden sheet of dropdown lists."""
    wb = new_wb()
    ws = wb.active
    ws.title = "台账"
    title(ws, 1, "三山村2023年11月矛盾纠纷排查化解台账", 11)
    rows = [
        drow(D(2023, 11, 1), "邻里纠纷", "村（社区）", "已化解", D(2023, 11, 2)),
        drow(D(2023, 11, 8), "山林权属", "村（社区）", "化解中"),
        drow(D(2023, 11, 17), "其他", "镇", "已化解", D(2023, 11, 22)),
        drow(D(2023, 11, 25), "邻里纠纷", "村（社区）", "未化解"),
    ]
    dispute_sheet(ws, rows, "三山", header_row=2)
    lists = wb.create_sheet("下拉选项")
    put_row(lists, 1, ["纠纷类型", "化解层级", "化解情况"])
    types = ["山林权属", "征地拆迁", "土地承包", "婚姻家庭", "邻里纠纷", "涉法涉诉信访", "其他"]
    levels = ["村（社区）", "片区调解室", "镇", "上级/移交"]
    states = ["已化解", "化解中", "未化解"]
    for i in range(7):
        put_row(lists, 2 + i, [types[i], levels[i] if i < 4 else None, states[i] if i < 3 else None])
    lists.sheet_state = "hidden"
    for col, rng in (("C", "$A$2:$A$8"), ("H", "$B$2:$B$5"), ("I", "$C$2:$C$4")):
        dv = DataValidation(type="list", formula1=f"下拉选项!{rng}", allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"{col}3:{col}200")
    notes = wb.create_sheet("填表说明")
    for i, text in enumerate(
        [
            "1. 纠纷类型、化解层级、化解情况请从下拉菜单选择。",
            "2. 已化解的须填写化解日期。",
            "3. 每月25日前报送。",
        ],
        start=1,
    ):
        notes.cell(row=i, column=1, value=text)
    save_wb(wb, "三山村2023年11月矛盾纠纷台账.xlsx")


def d26() -> None:
    """碗洋: one workbook for the year, one sheet per month (8月 9月 10月) and a 汇总 sheet of counts."""
    wb = new_wb()
    wb.remove(wb.active)
    months = {
        "8月": [
            drow(D(2023, 8, 5), "邻里纠纷", "村", "已化解", D(2023, 8, 6)),
            drow(D(2023, 8, 21), "婚姻家庭纠纷", "村", "化解中"),
        ],
        "9月": [
            drow(D(2023, 9, 2), "劳资纠纷", "村", "已化解", D(2023, 9, 4)),
            drow(D(2023, 9, 13), "邻里纠纷", "村", "已化解", D(2023, 9, 15)),
            drow(D(2023, 9, 26), "土地承包纠纷", "镇", "未化解"),
        ],
        "10月": [
            drow(D(2023, 10, 9), "邻里纠纷", "村", "已化解", D(2023, 10, 10)),
            drow(D(2023, 10, 23), "合同纠纷", "片区调解室", "化解中"),
        ],
    }
    for sheet, rows in months.items():
        ws = wb.create_sheet(sheet)
        title(ws, 1, f"碗洋村2023年{sheet}矛盾纠纷排查化解台账", 11)
        dispute_sheet(ws, rows, "碗洋", header_row=2)
    summ = wb.create_sheet("汇总")
    put_row(summ, 1, ["月份", "受理数", "化解数"])
    for i, (m, n, k) in enumerate([("8月", 2, 1), ("9月", 3, 2), ("10月", 2, 1)], start=2):
        put_row(summ, i, [m, n, k])
    put_row(summ, 5, ["合计", "=SUM(B2:B4)", "=SUM(C2:C4)"])
    save_wb(wb, "碗洋村2023年矛盾纠纷台账（8-10月）.xlsx")


def d27() -> None:
    """镇综治中心: GBK CSV re-saved by Excel — two ID numbers became 3.50304E+17; a 所属村居 column."""
    header = [
        "序号",
        "登记日期",
        "所属村居",
        "纠纷类型",
        "当事人",
        "身份证号",
        "联系电话",
        "简要案情",
        "化解层级",
        "化解情况",
        "化解日期",
    ]
    data = [
        ("2023-10-09", "东星社区", "邻里纠纷", "", "社区", "已化解", "2023-10-10"),
        ("2023-10-12", "龙山村", "山林权属纠纷", "3.50304E+17", "镇", "已化解", "2023-10-20"),
        ("2023-10-16", "三山村", "征地拆迁纠纷", "", "镇", "化解中", ""),
        ("2023-10-23", "后卓村", "涉法涉诉信访", "3.50304E+17", "上级", "已移交区信访局", ""),
        ("2023-10-30", "下垞村", "婚姻家庭纠纷", "", "镇", "已化解", "2023-10-31"),
    ]
    rows = [header]
    for i, (recv, unit, dtype, idn, level, status, res) in enumerate(data, start=1):
        rows.append([i, recv, unit, dtype, name(), idn, mobile(), summary(dtype), level, status, res])
    write_csv("西天尾镇综治中心2023年10月矛盾纠纷排查化解台账.csv", rows, encoding="gbk")


def d28() -> None:
    """No unit anywhere: a generic title, a 填报日期 line and no 填报单位, no unit column, a generic file name."""
    rows = [
        drow(D(2023, 10, 5), "邻里纠纷", "村", "已化解", D(2023, 10, 6)),
        drow(D(2023, 10, 17), "婚姻家庭纠纷", "村", "化解中"),
        drow(D(2023, 10, 26), "合同纠纷", "村", "已化解", D(2023, 10, 28)),
    ]
    simple_dispute_file(
        "矛盾纠纷排查化解台账（10月）.xlsx",
        "?",
        "矛盾纠纷排查化解台账",
        rows,
        unit_line="填报日期：2023年10月31日",
    )


def d29() -> None:
    """File name says 龙山村, title and 填报单位 say 吴江村 (a template borrowed from the neighbour)."""
    rows = [
        drow(D(2023, 10, 6), "山林权属纠纷", "村", "已化解", D(2023, 10, 9)),
        drow(D(2023, 10, 15), "邻里纠纷", "村", "化解中"),
        drow(D(2023, 10, 24), "婚姻家庭纠纷", "村", "已化解", D(2023, 10, 25)),
    ]
    simple_dispute_file(
        "龙山村2023年10月矛盾纠纷台账.xlsx",
        "龙山",
        "吴江村2023年10月矛盾纠纷排查化解台账",
        rows,
        unit_line="填报单位：吴江村",
    )


def d30() -> None:
    """碗洋: both 排查日期 and 登记日期, different on three rows — either could be the date received."""
    cols = [("序号", "seq"), ("排查日期", "recv"), ("登记日期", "recv2"), *STD_DISPUTE_COLS[2:]]
    rows = [
        drow(D(2023, 11, 1), "邻里纠纷", "村", "已化解", D(2023, 11, 6), recv2=D(2023, 11, 3)),
        drow(D(2023, 11, 8), "合同纠纷", "村", "化解中", recv2=D(2023, 11, 8)),
        drow(D(2023, 11, 15), "婚姻家庭纠纷", "村", "已化解", D(2023, 11, 24), recv2=D(2023, 11, 20)),
        drow(D(2023, 11, 22), "邻里纠纷", "片区调解室", "化解中", recv2=D(2023, 11, 24)),
    ]
    simple_dispute_file(
        "碗洋村2023年11月矛盾纠纷台账.xlsx", "碗洋", "碗洋村2023年11月矛盾纠纷排查化解台账", rows, cols=cols
    )


def d31() -> None:
    """溪白: title and file name say 2023年11月, every date in the rows says 2022年11月 (last year's copy)."""
    rows = [
        drow("2022年11月3日", "邻里纠纷", "社区", "已化解", "2022年11月4日"),
        drow("2022年11月14日", "婚姻家庭纠纷", "社区", "化解中"),
        drow("2022年11月22日", "物业纠纷", "社区", "已化解", "2022年11月25日"),
    ]
    simple_dispute_file(
        "溪白社区2023年11月矛盾纠纷排查化解台账.xlsx", "溪白", "溪白社区2023年11月矛盾纠纷排查化解台账", rows
    )


def d32() -> None:
    """后卓: CSV with the header line only — nothing this month, no wording at all."""
    write_csv("后卓村2023年11月矛盾纠纷排查化解台账.csv", [[h for h, _ in STD_DISPUTE_COLS]], encoding="gbk")


def d33() -> None:
    """洞湖片区调解室: one sheet per village, but one sheet is named after two villages."""
    wb = new_wb()
    wb.remove(wb.active)
    sheets = {
        "洞湖村": [
            drow(D(2023, 10, 7), "邻里纠纷", "片区调解室", "已化解", D(2023, 10, 10)),
            drow(D(2023, 10, 19), "土地承包纠纷", "片区调解室", "化解中"),
        ],
        "后卓、碗洋": [
            drow(D(2023, 10, 12), "山林权属纠纷", "片区调解室", "已化解", D(2023, 10, 20)),
            drow(D(2023, 10, 27), "邻里纠纷", "片区调解室", "化解中"),
        ],
    }
    for sheet, rows in sheets.items():
        ws = wb.create_sheet(sheet)
        title(ws, 1, "北部片区2023年10月矛盾纠纷排查化解台账", len(ROOM_COLS))
        ws.cell(row=2, column=1, value="填报单位：洞湖片区“和睦”品牌调解室")
        dispute_sheet(ws, rows, "洞湖片区", cols=ROOM_COLS, header_row=3)
    save_wb(wb, "洞湖片区和睦调解室2023年10月矛盾纠纷台账.xlsx")


def d35() -> None:
    """林山: WPS “复制工作表” left two versions of the month, “11月” and “11月 (2)”, that differ."""
    wb = new_wb()
    ws = wb.active
    ws.title = "11月"
    rows = [
        drow(D(2023, 11, 3), "邻里纠纷", "村", "已化解", D(2023, 11, 4)),
        drow(D(2023, 11, 10), "婚姻家庭纠纷", "村", "化解中"),
        drow(D(2023, 11, 21), "合同纠纷", "村", "化解中"),
    ]
    title(ws, 1, "林山村2023年11月矛盾纠纷排查化解台账", 11)
    dispute_sheet(ws, rows, "林山", header_row=2)
    ws2 = wb.create_sheet("11月 (2)")
    rows2 = [dict(r) for r in rows]
    rows2[1].update(status="已化解", resolved=D(2023, 11, 24))
    rows2.append(drow(D(2023, 11, 27), "邻里纠纷", "村", "已化解", D(2023, 11, 28)))
    title(ws2, 1, "林山村2023年11月矛盾纠纷排查化解台账", 11)
    dispute_sheet(ws2, rows2, "林山", header_row=2)
    save_wb(wb, "林山村2023年11月矛盾纠纷台账.xlsx")


PARTY_COLS = [
    "序号",
    "党组织名称",
    "活动类型",
    "活动时间",
    "活动地点",
    "活动主题",
    "应到人数",
    "实到人数",
    "主持人",
]


def d36() -> None:
    """东星: one 综治/党建 workbook with a disputes sheet and a 三会一课 sheet for the same month."""
    wb = new_wb()
    ws = wb.active
    ws.title = "矛盾纠纷"
    title(ws, 1, "东星社区2023年11月矛盾纠纷排查化解台账", 11)
    rows = [
        drow(D(2023, 11, 2), "邻里纠纷", "社区", "已化解", D(2023, 11, 3)),
        drow(D(2023, 11, 9), "物业纠纷", "社区", "化解中"),
        drow(D(2023, 11, 20), "婚姻家庭纠纷", "片区调解室", "已化解", D(2023, 11, 27)),
    ]
    dispute_sheet(ws, rows, "东星", header_row=2)
    ws2 = wb.create_sheet("三会一课")
    title(ws2, 1, "东星社区党委2023年11月“三会一课”开展情况", len(PARTY_COLS))
    put_row(ws2, 2, PARTY_COLS)
    acts = [
        ("东星社区党委", "支委会", D(2023, 11, 6), "党群服务中心", "研究部署11月重点工作", 9, 9),
        ("东星社区党委", "党员大会", D(2023, 11, 14), "党群服务中心", "学习贯彻党的二十大精神", 86, 79),
        ("东星社区党委", "主题党日", D(2023, 11, 10), "东星公园", "志愿服务清洁家园", 86, 72),
    ]
    for i, a in enumerate(acts, start=1):
        put_row(ws2, 2 + i, [i, *a, name()])
    save_wb(wb, "东星社区2023年11月综治工作台账.xlsx")


def d38() -> None:
    """东星片区调解室: its own ledger with no village anywhere; the room's name starts with 东星."""
    rows = [
        drow(D(2023, 11, 6), "邻里纠纷", "片区调解室", "已化解", D(2023, 11, 10)),
        drow(D(2023, 11, 18), "合同纠纷", "片区调解室", "化解中"),
        drow(D(2023, 11, 25), "婚姻家庭纠纷", "片区调解室", "已化解", D(2023, 11, 29)),
    ]
    simple_dispute_file(
        "东星片区调解室2023年11月矛盾纠纷台账.xlsx",
        "东星片区",
        "东星片区“和顺”品牌调解室2023年11月矛盾纠纷受理台账",
        rows,
        cols=ROOM_COLS,
        unit_line="填报单位：东星片区调解室",
    )


DISPUTES = [
    d01,
    d02,
    d03,
    d04,
    d05,
    d06,
    d07,
    d08,
    d09,
    d10,
    d11,
    d12,
    d13,
    d14,
    d15,
    d16,
    d17,
    d18,
    d19,
    d20,
    d21,
    d22,
    d23,
    d24,
    d25,
    d26,
    d27,
    d28,
    d29,
    d30,
    d31,
    d32,
    d33,
    d35,
    d36,
    d38,
]


# ---------------------------------------------------------------- key projects
def leader() -> str:
    return name()


def project_rows_sheet(ws, header_rows, rows, *, start_row: int, merges=(), total_row=None) -> int:
    r = start_row
    for h in header_rows:
        put_row(ws, r, h)
        r += 1
    for m in merges:
        ws.merge_cells(m)
    for row in rows:
        put_row(ws, r, row)
        r += 1
    if total_row:
        put_row(ws, r, total_row)
        r += 1
    return r


def k01() -> None:
    """镇项目办: 投资（万元） group over 总投资 / 年度计划投资 / 1-10月完成投资; 续建 and 新开工; 合计 row."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "西天尾镇2023年重点项目推进情况表（截至10月底）", 11)
    ws.cell(row=2, column=1, value="填报单位：西天尾镇重点项目办")
    ws.cell(row=2, column=9, value="单位：万元")
    top = [
        "序号",
        "项目名称",
        "建设内容",
        "项目阶段",
        "投资（万元）",
        None,
        None,
        "形象进度",
        "存在问题",
        "挂钩领导",
        "责任单位",
    ]
    sub = [None, None, None, None, "总投资", "年度计划投资", "1-10月完成投资", None, None, None, None]
    data = [
        (
            "西天尾镇污水管网改造工程",
            "新建污水管网12公里",
            "在建",
            5200,
            2000,
            1650,
            "完成管网铺设9公里",
            "无",
        ),
        ("后黄社区农贸市场提升项目", "改造市场主体及配套", "续建", 1800, 800, 720, "主体完工，装修中", "无"),
        ("溪白安置房二期", "建设安置房3栋", "新开工", 12000, 3000, 1100, "桩基施工", "征迁尾户未签约"),
        ("林山村乡村振兴示范点", "村庄整治及景观提升", "预备", 3500, 500, 0, "方案设计", "资金未落实"),
        ("龙山片区道路提升工程", "道路拓宽改造4.2公里", "前期", 8600, 300, 45, "可研编制", "用地报批中"),
        ("镇区停车场建设项目", "建设停车位260个", "前期", 900, 200, 0, "选址论证", "无"),
    ]
    rows = [
        [i, n, c, s, t, p, d, prog, iss, leader(), "镇项目办"]
        for i, (n, c, s, t, p, d, prog, iss) in enumerate(data, start=1)
    ]
    merges = [f"{c}3:{c}4" for c in "ABCDHIJK"] + ["E3:G3"]
    r = project_rows_sheet(
        ws,
        [top, sub],
        rows,
        start_row=3,
        merges=merges,
        total_row=["合计", None, None, None, 32000, 6800, 3515],
    )
    ws.cell(row=r + 1, column=1, value=f"填表人：{name()}    审核人：{name()}    报送时间：2023年11月2日")
    save_wb(wb, "西天尾镇2023年10月重点项目推进情况表.xlsx")


def k02() -> None:
    """园区管委会: 总投资 in 亿元, the other money columns in 万元, the unit only in each header."""
    wb = new_wb()
    ws = wb.active
    ws.title = "园区项目"
    title(ws, 1, "西天尾工业园区2023年重点项目进展情况表（10月）", 9)
    ws.cell(row=2, column=1, value="填报单位：西天尾工业园区管委会")
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（亿元）",
        "2023年计划投资（万元）",
        "1-10月累计完成（万元）",
        "形象进度",
        "存在问题",
        "责任单位",
    ]
    data = [
        ("新材料产业园项目", "在建", 3.5, 6000, 5200, "厂房主体封顶"),
        ("智能制造标准厂房三期", "在建", 1.2, 3000, 2650, "外立面施工"),
        ("园区污水处理厂扩容", "预备", 0.8, 1000, 0, "施工招标"),
        ("电子信息产业孵化基地", "前期", 2, 500, 80, "土地收储"),
    ]
    rows = [
        [i, n, s, t, p, d, prog, "无", "园区管委会"] for i, (n, s, t, p, d, prog) in enumerate(data, start=1)
    ]
    project_rows_sheet(ws, [header], rows, start_row=3)
    save_wb(wb, "园区管委会2023年10月重点项目进展表.xlsx")


def k03() -> None:
    """镇项目办: 1-9月累计, 10月完成 and 1-10月累计 side by side."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "镇项目办重点项目月报（2023年10月）", 10)
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划（万元）",
        "1-9月累计完成（万元）",
        "10月完成（万元）",
        "1-10月累计完成（万元）",
        "形象进度",
        "责任单位",
    ]
    data = [
        ("镇文化中心", "在建", 4000, 1500, 900, 150, 1050, "主体施工"),
        ("后埔村道路硬化", "在建", 600, 600, 420, 80, 500, "路基完成"),
        ("象峰村水系整治", "预备", 1500, 300, 0, 0, 0, "设计审查"),
        ("三山村农房整治", "前期", 2200, 200, 30, 10, 40, "摸底调查"),
    ]
    rows = [[i, *row, "镇项目办"] for i, row in enumerate(data, start=1)]
    project_rows_sheet(ws, [header], rows, start_row=2)
    save_wb(wb, "镇项目办重点项目月报（2023年10月）.xlsx")


def k04() -> None:
    """园区: two 累计完成投资 columns (as reported and 统计入库口径) with different figures."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "西天尾工业园区重点项目2023年10月进度表", 9)
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "累计完成投资（万元）",
        "累计完成投资（统计入库口径，万元）",
        "形象进度",
        "责任单位",
    ]
    data = [
        ("高端装备制造产业园", "在建", 20000, 4000, 3600, 3100, "钢结构安装"),
        ("园区综合服务中心", "在建", 9000, 2500, 2300, 2300, "内部装修"),
        ("新能源电池配套项目", "前期", 6000, 400, 120, 0, "环评编制"),
    ]
    rows = [[i, *row, "园区管委会"] for i, row in enumerate(data, start=1)]
    project_rows_sheet(ws, [header], rows, start_row=2)
    save_wb(wb, "工业园区重点项目2023年10月进度表.xlsx")


def k05() -> None:
    """镇项目办: money typed with units and separators in the cells (8000万, 1.2亿, 3,500, full-width, —, 无)."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "西天尾镇重点项目台账（截至2023年11月）", 8)
    ws.cell(row=2, column=1, value="填报单位：镇项目办")
    ws.cell(row=2, column=7, value="金额单位：万元")
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资",
        "年度计划投资",
        "累计完成投资",
        "形象进度",
        "责任单位",
    ]
    data = [
        ("镇中心小学扩建", "在建", "8000万", "2,000", "１２００", "教学楼封顶"),
        ("镇区配套道路", "在建", "1.2亿", 3000, "2,450.5", "沥青摊铺"),
        ("下垞村文化礼堂", "预备", "3,500", 500, "无", "施工图设计"),
        ("北大村光伏项目", "前期", 980, "—", "—", "方案比选"),
        ("林峰社区养老服务中心", "前期", "1500万元", "200万", 0, "立项"),
    ]
    rows = [[i, *row, "镇项目办"] for i, row in enumerate(data, start=1)]
    project_rows_sheet(ws, [header], rows, start_row=3)
    save_wb(wb, "西天尾镇重点项目台账2023年11月.xlsx")


def k06() -> None:
    """镇项目办: one sheet per stage (在建项目 / 预备项目 / 前期项目), no stage column; a 汇总 sheet."""
    wb = new_wb()
    wb.remove(wb.active)
    header = [
        "序号",
        "项目名称",
        "建设内容",
        "总投资（万元）",
        "年度计划投资（万元）",
        "累计完成投资（万元）",
        "形象进度",
        "责任单位",
    ]
    sheets = {
        "在建项目": [
            ("镇卫生院门诊楼改造", "门诊楼改造", 3000, 1000, 800, "装修"),
            ("洞湖村村道拓宽", "村道拓宽3公里", 1500, 600, 550, "路面施工"),
            ("吴江村污水治理", "污水管网", 700, 700, 640, "收尾"),
        ],
        "预备项目": [
            ("后卓村文体公园", "公园建设", 2500, 300, 0, "招标"),
            ("碗洋村菜市场", "市场建设", 1200, 200, 0, "设计"),
        ],
        "前期项目": [
            ("镇区雨污分流二期", "管网改造", 5000, 100, 20, "可研"),
            ("三山村停车场", "停车位120个", 800, 100, 0, "选址"),
            ("溪白社区邻里中心", "综合服务用房", 1600, 150, 30, "立项"),
        ],
    }
    for sheet, data in sheets.items():
        ws = wb.create_sheet(sheet)
        title(ws, 1, f"西天尾镇2023年10月重点项目（{sheet}）", len(header))
        rows = [[i, *row, "镇项目办"] for i, row in enumerate(data, start=1)]
        project_rows_sheet(ws, [header], rows, start_row=2)
    summ = wb.create_sheet("汇总")
    put_row(summ, 1, ["类别", "项目数", "总投资（万元）"])
    put_row(summ, 2, ["在建", 3, 5200])
    put_row(summ, 3, ["预备", 2, 3700])
    put_row(summ, 4, ["前期", 3, 7400])
    save_wb(wb, "镇重点项目分类台账2023年10月.xlsx")


def k07() -> None:
    """园区: stages as section lines (一、在建项目（2个）…), a 小计 under each section, no stage column."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "西天尾工业园区2023年重点项目推进表（11月）", 7)
    ws.cell(row=2, column=1, value="报送单位：园区管委会")
    put_row(
        ws,
        3,
        [
            "序号",
            "项目名称",
            "总投资（万元）",
            "年度计划（万元）",
            "累计完成（万元）",
            "形象进度",
            "责任单位",
        ],
    )
    sections = [
        (
            "一、在建项目（2个）",
            [
                ("光电显示材料项目", 15000, 3000, 2800, "设备安装"),
                ("标准厂房四期", 6000, 2000, 1900, "竣工验收"),
            ],
        ),
        ("二、预备项目（1个）", [("园区人才公寓", 4000, 500, 0, "施工许可办理")]),
        (
            "三、前期项目（2个）",
            [("智慧物流园", 9000, 300, 60, "规划调整"), ("园区消防站", 3000, 200, 0, "用地预审")],
        ),
    ]
    r = 4
    seq = 1
    for head, data in sections:
        ws.cell(row=r, column=1, value=head)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
        r += 1
        tot = [0, 0, 0]
        for pname, t, p, d, prog in data:
            put_row(ws, r, [seq, pname, t, p, d, prog, "园区管委会"])
            tot = [tot[0] + t, tot[1] + p, tot[2] + d]
            seq += 1
            r += 1
        put_row(ws, r, [None, "小计", *tot])
        r += 1
    save_wb(wb, "园区重点项目2023年11月.xlsx")


def k08_file(fname: str, title_text: str, col: str, done) -> None:
    wb = new_wb()
    ws = wb.active
    title(ws, 1, title_text, 8)
    ws.cell(row=2, column=1, value="填报单位：西天尾镇项目办")
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        col,
        "形象进度",
        "责任单位",
    ]
    data = [
        ("镇政务服务中心改造", "在建", 4000, 1200),
        ("澄渚社区公园", "在建", 2000, 800),
        ("龙山村生态停车场", "前期", 1000, 100),
    ]
    rows = [
        [i, n, s, t, p, d, "按计划推进", "镇项目办"]
        for i, ((n, s, t, p), d) in enumerate(zip(data, done, strict=True), start=1)
    ]
    project_rows_sheet(ws, [header], rows, start_row=3)
    save_wb(wb, fname)


def k08() -> None:
    """镇项目办: October's report, then a 11月 file whose title and 累计 column still say 10月."""
    k08_file(
        "西天尾镇重点项目推进情况表（2023年10月）.xlsx",
        "西天尾镇重点项目推进情况表（截至2023年10月底）",
        "1-10月累计完成投资（万元）",
        [1000, 700, 10],
    )
    k08_file(
        "西天尾镇重点项目推进情况表（2023年11月）.xlsx",
        "西天尾镇重点项目推进情况表（截至2023年10月底）",
        "1-10月累计完成投资（万元）",
        [1100, 760, 15],
    )


def k09() -> None:
    """项目办: money in 元 (header says 元), numbers with thousands format."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "西天尾镇2023年9月重点项目进展表", 7)
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（元）",
        "年度计划投资（元）",
        "累计完成投资（元）",
        "责任单位",
    ]
    data = [
        ("镇区供水管网改造", "在建", 120000000, 30000000, 21500000),
        ("渭阳社区养老驿站", "预备", 8000000, 1000000, 0),
        ("后黄社区停车楼", "前期", 45000000, 2000000, 350000),
    ]
    r = 3
    put_row(ws, 2, header)
    for i, row in enumerate(data, start=1):
        put_row(ws, r, [i, *row, "镇项目办"])
        for c in (4, 5, 6):
            ws.cell(row=r, column=c).number_format = "#,##0"
        r += 1
    save_wb(wb, "项目办2023年9月重点项目.xlsx")


def spreadsheetml(sheets: dict[str, list[list]], *, styles: str = "") -> str:
    """An “XML 表格 2003” workbook as OA systems and old platforms export it."""
    from xml.sax.saxutils import escape

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">',
        ' <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office"><Author>admin</Author>'
        "<Created>2023-11-01T08:30:00Z</Created></DocumentProperties>",
        ' <Styles><Style ss:ID="Default" ss:Name="Normal"><Font ss:FontName="宋体" ss:Size="11"/></Style>'
        '<Style ss:ID="dt"><NumberFormat ss:Format="yyyy/m/d h:mm"/></Style>' + styles + "</Styles>",
    ]
    for sheet, rows in sheets.items():
        out.append(f' <Worksheet ss:Name="{escape(sheet)}">')
        out.append(
            f'  <Table ss:ExpandedColumnCount="{max(len(r) for r in rows)}" ss:ExpandedRowCount="{len(rows)}" '
            'x:FullColumns="1" x:FullRows="1">'
        )
        for row in rows:
            cells = []
            for v in row:
                if v is None or v == "":
                    cells.append("<Cell/>")
                elif isinstance(v, T):
                    cells.append(
                        f'<Cell ss:StyleID="dt"><Data ss:Type="DateTime">{v.strftime("%Y-%m-%dT%H:%M:%S")}'
                        ".000</Data></Cell>"
                    )
                elif isinstance(v, (int, float)):
                    cells.append(f'<Cell><Data ss:Type="Number">{v}</Data></Cell>')
                else:
                    cells.append(f'<Cell><Data ss:Type="String">{escape(str(v))}</Data></Cell>')
            out.append("   <Row>" + "".join(cells) + "</Row>")
        out.append("  </Table>")
        out.append(" </Worksheet>")
    out.append("</Workbook>")
    return "\n".join(out) + "\n"


def k10() -> None:
    """园区管委会: the OA exports “XML 表格 2003” and names it .xls."""
    rows = [
        ["西天尾工业园区重点项目月报（2023年10月）"],
        [
            "序号",
            "项目名称",
            "项目阶段",
            "总投资（万元）",
            "年度计划投资（万元）",
            "累计完成投资（万元）",
            "责任单位",
        ],
        [1, "精密模具产业园", "在建", 25000, 5000, 4300, "园区管委会"],
        [2, "园区道路二期", "预备", 7000, 800, 0, "园区管委会"],
        [3, "绿色包装材料项目", "前期", 3000, 200, 15, "园区管委会"],
    ]
    (OUT / "园区管委会重点项目月报2023年10月.xls").write_text(
        spreadsheetml({"Sheet1": rows}), encoding="utf-8"
    )


def k11() -> None:
    """镇项目办: one project takes two rows (建设内容 and 存在问题 in two lines), the other cells merged down."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "西天尾镇重点项目推进情况（2023年11月）", 9)
    ws.cell(row=2, column=1, value="填报单位：镇重点项目办")
    put_row(
        ws,
        3,
        [
            "序号",
            "项目名称",
            "项目阶段",
            "建设内容",
            "总投资（万元）",
            "年度计划投资（万元）",
            "累计完成投资（万元）",
            "存在问题",
            "责任单位",
        ],
    )
    put_row(ws, 4, [1, "镇区绿道建设", "在建", "绿道8公里", 3000, 800, 760, "无", "镇项目办"])
    put_row(
        ws,
        5,
        [
            2,
            "后黄社区旧改一期",
            "在建",
            "1.改造老旧住宅12栋",
            5000,
            1500,
            1320,
            "1.部分住户未签约",
            "镇项目办",
        ],
    )
    put_row(ws, 6, [None, None, None, "2.配套道路及管网", None, None, None, "2.管线迁改协调难", None])
    for col in "ABCEFGI":
        ws.merge_cells(f"{col}5:{col}6")
    put_row(ws, 7, [3, "北大村农产品加工园", "预备", "加工厂房2栋", 1200, 100, 0, "无", "镇项目办"])
    put_row(ws, 8, [4, "林山村精品民宿", "前期", "民宿改造", 2600, 200, 25, "无", "镇项目办"])
    save_wb(wb, "西天尾镇重点项目2023年11月（项目办）.xlsx")


def k12() -> None:
    """A project table with no sender anywhere: neither 镇 nor 园区, no 所属, no 填报单位."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "重点项目进展情况表", 7)
    ws.cell(row=2, column=1, value="截至2023年10月31日")
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "累计完成投资（万元）",
        "形象进度",
    ]
    rows = [
        [1, "综合管廊一期", "在建", 8000, 2000, 1700, "主体施工"],
        [2, "职工之家", "前期", 1200, 100, 0, "立项"],
    ]
    project_rows_sheet(ws, [header], rows, start_row=3)
    save_wb(wb, "重点项目进展情况表（2023年10月）.xlsx")


def k13() -> None:
    """园区: the header says 万元, the line above says 单位：亿元 and the figures look like 亿元."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "西天尾工业园区重点项目2023年9月推进情况", 7)
    ws.cell(row=2, column=1, value="填报单位：园区管委会")
    ws.cell(row=2, column=6, value="单位：亿元")
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "累计完成投资（万元）",
        "责任单位",
    ]
    rows = [
        [1, "半导体封装测试基地", "在建", 3.5, 0.8, 0.62, "园区管委会"],
        [2, "园区供热管网", "预备", 1.2, 0.2, 0, "园区管委会"],
        [3, "汽车零部件产业园", "前期", 5, 0.3, 0.05, "园区管委会"],
    ]
    project_rows_sheet(ws, [header], rows, start_row=3)
    save_wb(wb, "园区重点项目2023年9月.xlsx")


def k14() -> None:
    """镇项目办: October's report, then the same projects as （修改） with corrected amounts."""

    def one(fname: str, title_text: str, done) -> None:
        wb = new_wb()
        ws = wb.active
        title(ws, 1, title_text, 7)
        ws.cell(row=2, column=1, value="填报单位：镇项目办")
        header = [
            "序号",
            "项目名称",
            "项目阶段",
            "总投资（万元）",
            "年度计划投资（万元）",
            "累计完成投资（万元）",
            "责任单位",
        ]
        data = [
            ("镇区夜景亮化工程", "在建", 6000, 2000),
            ("吴江村研学基地", "预备", 1800, 300),
            ("渭阳社区口袋公园", "前期", 2400, 200),
        ]
        rows = [
            [i, n, s, t, p, d, "镇项目办"]
            for i, ((n, s, t, p), d) in enumerate(zip(data, done, strict=True), start=1)
        ]
        project_rows_sheet(ws, [header], rows, start_row=3)
        save_wb(wb, fname)

    one("镇项目办2023年10月重点项目.xlsx", "西天尾镇2023年10月重点项目推进表", [1500, 0, 20])
    one("镇项目办2023年10月重点项目（修改）.xlsx", "西天尾镇2023年10月重点项目推进表（修改）", [1580, 0, 35])


PROJECTS = [k01, k02, k03, k04, k05, k06, k07, k08, k09, k10, k11, k12, k13, k14]


# ---------------------------------------------------------------- petitions
PET_HEADER = [
    "序号",
    "案件编号",
    "信访人",
    "身份证号",
    "联系电话",
    "所属村居",
    "反映问题",
    "初访时间",
    "包案领导",
    "责任单位",
    "化解措施",
    "化解情况",
    "化解时间",
    "是否签订息访息诉承诺书",
]
ISSUES = [
    "宅基地审批问题",
    "征迁补偿款分配",
    "劳动争议执行",
    "土地承包经营权确认",
    "医疗事故赔偿",
    "房屋安置面积",
    "工伤认定",
    "村财务公开",
]


def pet_row(seq, case_id, unit, first, status, resolved, pledge, fmt="date") -> list:
    return [
        seq,
        case_id,
        name(),
        id_number(),
        mobile(),
        unit,
        R.choice(ISSUES),
        fmt_date(first, fmt),
        name(),
        R.choice(["镇综治中心", "镇信访办", "镇司法所", "镇自然资源所"]),
        "包案领导多次约谈，落实帮扶措施",
        status,
        fmt_date(resolved, fmt),
        pledge,
    ]


def pet_file(
    fname: str,
    title_text: str,
    rows,
    header=PET_HEADER,
    unit_line="填报单位：西天尾镇综治中心",
    date_format="yyyy-mm-dd",
) -> None:
    wb = new_wb()
    ws = wb.active
    title(ws, 1, title_text, len(header))
    r = 2
    if unit_line:
        ws.cell(row=2, column=1, value=unit_line)
        r = 3
    put_row(ws, r, header)
    for row in rows:
        r += 1
        put_row(ws, r, row, date_format)
    save_wb(wb, fname)


def p01() -> None:
    """综治中心: 初访时间 known only to the month or year (2019年3月, 2017年); pledge as 是/否/已签/√."""
    rows = [
        pet_row(1, "XF-2019-003", "龙山村", "2019年3月", "已化解", D(2023, 5, 18), "是"),
        pet_row(2, "XF-2020-011", "后黄社区", D(2020, 7, 14), "已化解", D(2023, 8, 2), "是"),
        pet_row(3, "XF-2021-006", "三山村", "2021年11月", "化解中", None, "否"),
        pet_row(4, "XF-2018-021", "溪白社区", D(2018, 4, 9), "已销号", D(2023, 9, 27), "已签"),
        pet_row(5, "XF-2022-015", "洞湖村", D(2022, 2, 23), "化解中", None, "否"),
        pet_row(6, "XF-2017-002", "下垞村", "2017年", "已化解", D(2023, 10, 12), "√"),
    ]
    pet_file("西天尾镇信访积案化解台账（2023年10月）.xlsx", "西天尾镇信访积案化解台账（2023年10月）", rows)


def p02() -> None:
    """综治中心: GBK CSV from the 信访 system, pledge as 已签订/未签订, status 已办结 / 正在化解."""
    header = [
        "案件编号",
        "信访人",
        "联系电话",
        "所属村居",
        "反映问题",
        "初访时间",
        "包案领导",
        "责任单位",
        "办理状态",
        "化解时间",
        "息访息诉承诺书",
    ]
    data = [
        ("XF2023-001", "东星社区", "2023-01-10", "已化解", "2023-06-30", "已签订"),
        ("XF2022-034", "吴江村", "2022-09-05", "正在化解", "", "未签订"),
        ("XF2021-018", "后埔村", "2021-06-21", "已办结", "2023-04-12", "已签订"),
        ("XF2023-007", "林峰社区", "2023-03-02", "化解中", "", "未签订"),
        ("XF2020-009", "象峰村", "2020-12-15", "已化解", "2023-09-08", "已签订"),
    ]
    rows = [header] + [
        [cid, name(), mobile(), unit, R.choice(ISSUES), first, name(), "镇综治中心", st, res, pl]
        for cid, unit, first, st, res, pl in data
    ]
    write_csv("综治中心信访积案台账2023年10月.csv", rows, encoding="gbk")


def p03() -> None:
    """综治中心: the backlog list each month — October, then November's update with one more case resolved."""
    oct_rows = [
        pet_row(1, "XF-2019-031", "碗洋村", D(2019, 5, 20), "已化解", D(2023, 3, 15), "是"),
        pet_row(2, "XF-2020-017", "后卓村", D(2020, 10, 8), "化解中", None, "否"),
        pet_row(3, "XF-2021-022", "澄渚社区", D(2021, 8, 16), "已化解", D(2023, 7, 21), "是"),
        pet_row(4, "XF-2022-040", "北大村", D(2022, 11, 30), "化解中", None, "否"),
    ]
    pet_file("信访积案台账2023年10月.xlsx", "西天尾镇信访积案化解台账（2023年10月）", oct_rows)
    nov_rows = [list(r) for r in oct_rows]
    nov_rows[1][11:14] = ["已化解", D(2023, 11, 20), "是"]
    pet_file("信访积案台账2023年11月（更新）.xlsx", "西天尾镇信访积案化解台账（2023年11月）", nov_rows)


def p04() -> None:
    """综治中心: status as 是否化解 是/否 and the pledge as 承诺书 有/无."""
    header = [
        "序号",
        "案件编号",
        "信访人",
        "反映问题",
        "初访时间",
        "包案领导",
        "是否化解",
        "化解时间",
        "承诺书",
    ]
    data = [
        ("XF-2020-002", D(2020, 3, 11), "是", D(2023, 2, 14), "有"),
        ("XF-2021-013", D(2021, 7, 1), "是", D(2023, 6, 9), "有"),
        ("XF-2022-009", D(2022, 5, 26), "否", None, "无"),
        ("XF-2019-017", D(2019, 9, 3), "是", D(2023, 10, 17), "无"),
    ]
    rows = [
        [i, cid, name(), R.choice(ISSUES), first, name(), yn, res, pl]
        for i, (cid, first, yn, res, pl) in enumerate(data, start=1)
    ]
    pet_file(
        "镇综治中心2023年10月信访积案.xlsx",
        "2023年10月信访积案化解情况",
        rows,
        header=header,
        unit_line="填报单位：镇综治中心",
    )


def p05() -> None:
    """综治中心: 化解时间 in Chinese numerals, 初访时间 typed 2019.6.3."""
    rows = [
        pet_row(1, "XF-2019-012", "林山村", "2019.6.3", "已化解", cn_date(D(2023, 9, 20)), "是"),
        pet_row(2, "XF-2020-004", "渭阳社区", "2020.1.15", "已化解", cn_date(D(2023, 11, 2)), "是"),
        pet_row(3, "XF-2022-008", "后埔村", "2022.8.30", "化解中", "—", "否"),
        pet_row(4, "XF-2021-027", "吴江村", "2021.10.8", "已化解", cn_date(D(2023, 3, 17)), "是"),
    ]
    pet_file("信访积案化解情况2023年11月.xlsx", "西天尾镇信访积案化解情况（2023年11月）", rows)


def p06() -> None:
    """综治中心: the backlog list with no month anywhere (no date in title, name, or a 填报日期 line)."""
    rows = [
        pet_row(1, "XF-2018-006", "东星社区", D(2018, 6, 12), "已化解", D(2023, 4, 3), "是"),
        pet_row(2, "XF-2021-030", "龙山村", D(2021, 12, 2), "化解中", None, "否"),
        pet_row(3, "XF-2020-021", "三山村", D(2020, 5, 19), "已化解", D(2023, 9, 12), "是"),
    ]
    pet_file("信访积案化解台账.xlsx", "西天尾镇信访积案化解台账", rows)


def p07() -> None:
    """综治办: cases without a 案件编号 (village-level backlog never got a number)."""
    rows = [
        pet_row(1, "", "后卓村", D(2020, 4, 7), "已化解", D(2023, 8, 25), "是"),
        pet_row(2, "", "碗洋村", D(2021, 9, 13), "化解中", None, "否"),
        pet_row(3, "", "洞湖村", D(2019, 11, 28), "已化解", D(2023, 9, 6), "是"),
        pet_row(4, "", "北大村", D(2022, 6, 17), "化解中", None, "否"),
    ]
    pet_file(
        "镇综治办积案台账2023年9月.xlsx",
        "西天尾镇信访积案台账（2023年9月）",
        rows,
        unit_line="填报单位：镇综治办",
    )


def p08() -> None:
    """综治中心: a second November list — 4 of the 5 cases plus one new, no 更正 or 补报 in the name."""
    rows = [
        pet_row(1, "XF-2019-044", "后黄社区", D(2019, 2, 25), "已化解", D(2023, 5, 30), "是"),
        pet_row(2, "XF-2020-033", "林峰社区", D(2020, 8, 4), "化解中", None, "否"),
        pet_row(3, "XF-2021-041", "象峰村", D(2021, 3, 22), "已化解", D(2023, 10, 10), "是"),
        pet_row(4, "XF-2022-052", "下垞村", D(2022, 7, 7), "化解中", None, "否"),
        pet_row(5, "XF-2018-039", "林山村", D(2018, 10, 15), "已化解", D(2023, 2, 8), "是"),
    ]
    pet_file("综治中心信访积案2023年11月.xlsx", "西天尾镇信访积案化解台账（2023年11月）", rows)
    second = [list(r) for r in rows[:4]]
    for i, r in enumerate(second, start=1):
        r[0] = i
    second.append(pet_row(5, "XF-2023-012", "溪白社区", D(2023, 4, 19), "化解中", None, "否"))
    pet_file("综治中心信访积案2023年11月（新）.xlsx", "西天尾镇信访积案化解台账（2023年11月）", second)


PETITIONS = [p01, p02, p03, p04, p05, p06, p07, p08]


# ---------------------------------------------------------------- legal visits (三官一律)
LV_HEADER = [
    "序号",
    "下沉日期",
    "姓名",
    "身份",
    "派出单位",
    "挂点村居",
    "活动内容",
    "化解纠纷数",
    "法律咨询数",
]
AGENCY = {
    "法官": "荔城区人民法院",
    "检察官": "荔城区人民检察院",
    "警官": "西天尾派出所",
    "民警": "西天尾派出所",
    "律师": "福建莆阳律师事务所",
}


def lv_file(
    fname: str,
    title_text: str,
    rows,
    header=LV_HEADER,
    unit_line="填报单位：西天尾镇综治中心",
    sheet="Sheet1",
    date_format="yyyy-mm-dd",
) -> None:
    wb = new_wb()
    ws = wb.active
    ws.title = sheet
    title(ws, 1, title_text, len(header))
    r = 2
    if unit_line:
        ws.cell(row=2, column=1, value=unit_line)
        r = 3
    put_row(ws, r, header)
    for row in rows:
        r += 1
        put_row(ws, r, row, date_format)
    save_wb(wb, fname)


def lv_row(seq, day, role, unit, activity, resolved, consult) -> list:
    return [seq, day, name(), role, AGENCY.get(role, ""), unit, activity, resolved, consult]


def l01() -> None:
    """综治中心: counts written 五 / 两起 / 3件 / “/” / full-width / padded text; 民警 and 警官 both."""
    rows = [
        lv_row(1, D(2023, 10, 9), "法官", "龙山村", "带案下访", "两起", "五"),
        lv_row(2, D(2023, 10, 11), "检察官", "后黄社区", "普法宣传", "0", "12"),
        lv_row(3, D(2023, 10, 16), "民警", "东星社区", "矛盾纠纷调解", "3件", "/"),
        lv_row(4, D(2023, 10, 18), "律师", "三山村", "法律咨询", "/", "１５"),
        lv_row(5, D(2023, 10, 24), "警官", "林山村", "矛盾纠纷调解", "1", " 2 "),
        lv_row(6, D(2023, 10, 30), "法官", "下垞村", "带案下访", "一", "三"),
    ]
    lv_file("西天尾镇2023年10月“三官一律”下沉工作台账.xlsx", "西天尾镇2023年10月“三官一律”下沉工作台账", rows)


def l02() -> None:
    """综治中心: one sheet per role (法官 / 检察官 / 警官 / 律师), no 身份 column."""
    wb = new_wb()
    wb.remove(wb.active)
    header = ["序号", "日期", "姓名", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"]
    sheets = {
        "法官": [
            (D(2023, 10, 10), "洞湖村", "带案下访", 1, 4),
            (D(2023, 10, 25), "碗洋村", "巡回审判", 0, 6),
        ],
        "检察官": [(D(2023, 10, 17), "澄渚社区", "普法讲座", 0, 8)],
        "警官": [
            (D(2023, 10, 5), "溪白社区", "治安调解", 2, 3),
            (D(2023, 10, 19), "吴江村", "矛盾调解", 1, 2),
            (D(2023, 10, 27), "北大村", "防诈宣传", 0, 5),
        ],
        "律师": [
            (D(2023, 10, 12), "后卓村", "法律咨询", 1, 10),
            (D(2023, 10, 26), "象峰村", "法律咨询", 0, 7),
        ],
    }
    for sheet, data in sheets.items():
        ws = wb.create_sheet(sheet)
        title(ws, 1, f"“三官一律”进村（社区）工作台账（2023年10月）—{sheet}", len(header))
        put_row(ws, 2, header)
        for i, (day, unit, act, res, con) in enumerate(data, start=1):
            put_row(ws, 2 + i, [i, day, name(), AGENCY[sheet], unit, act, res, con])
    save_wb(wb, "三官一律进村工作台账（2023年10月）.xlsx")


def l03() -> None:
    """综治中心: no 身份 column — the role only shows in 派出单位 (法庭, 检察院, 派出所, 律师事务所)."""
    header = ["序号", "日期", "姓名", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"]
    data = [
        (D(2023, 11, 2), "荔城区人民法院西天尾法庭", "后黄社区", "带案下访", 1, 3),
        (D(2023, 11, 7), "荔城区人民检察院", "林峰社区", "普法宣传", 0, 5),
        (D(2023, 11, 13), "莆田市公安局荔城分局西天尾派出所", "龙山村", "治安调解", 2, 1),
        (D(2023, 11, 21), "福建兴化律师事务所", "三山村", "法律咨询", 0, 6),
        (D(2023, 11, 28), "莆田市公安局荔城分局西天尾派出所", "后埔村", "矛盾调解", 1, 2),
    ]
    rows = [
        [i, day, name(), ag, unit, act, res, con] for i, (day, ag, unit, act, res, con) in enumerate(data, 1)
    ]
    lv_file(
        "三官一律下沉台账2023年11月.xlsx", "西天尾镇“三官一律”下沉工作台账（2023年11月）", rows, header=header
    )


def l04() -> None:
    """综治中心: Excel formulas with cached values — 序号 =ROW()-3 and a 合计 row of SUMs (xlsxwriter)."""
    path = OUT / "三官一律台账2023年11月（综治中心）.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"author": "综治中心", "created": FIXED})
    ws = wb.add_worksheet("11月")
    datef = wb.add_format({"num_format": "yyyy/m/d"})
    ws.merge_range(0, 0, 0, 8, "西天尾镇“三官一律”下沉工作台账（2023年11月）")
    ws.write(1, 0, "填报单位：镇综治中心")
    ws.write_row(2, 0, LV_HEADER)
    data = [
        (D(2023, 11, 2), "法官", "碗洋村", "带案下访", 1, 3),
        (D(2023, 11, 6), "律师", "东星社区", "法律咨询", 0, 9),
        (D(2023, 11, 13), "警官", "后卓村", "治安调解", 2, 1),
        (D(2023, 11, 20), "检察官", "溪白社区", "普法宣传", 0, 4),
        (D(2023, 11, 28), "律师", "渭阳社区", "法律咨询", 1, 6),
    ]
    for i, (day, role, unit, act, res, con) in enumerate(data):
        r = 3 + i
        ws.write_formula(r, 0, "=ROW()-3", None, i + 1)
        ws.write_datetime(r, 1, dt.datetime(day.year, day.month, day.day), datef)
        ws.write_row(r, 2, [name(), role, AGENCY[role], unit, act, res, con])
    r = 3 + len(data)
    ws.write(r, 0, "合计")
    ws.write_formula(r, 7, f"=SUM(H4:H{r})", None, 4)
    ws.write_formula(r, 8, f"=SUM(I4:I{r})", None, 23)
    wb.close()
    normalize_zip(path)


def l05() -> None:
    """综治中心: UTF-8 CSV without BOM, dates typed 20231103, no year in the file name."""
    header = ["日期", "姓名", "身份", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"]
    data = [
        ("20231103", "民警", "吴江村", "防诈宣传", 0, 2),
        ("20231109", "律师", "下垞村", "法律咨询", 1, 8),
        ("20231116", "法官", "林山村", "带案下访", 2, 1),
        ("20231124", "检察官", "后黄社区", "普法宣传", 0, 3),
    ]
    rows = [header] + [
        [day, name(), role, AGENCY[role], unit, act, res, con] for day, role, unit, act, res, con in data
    ]
    write_csv("11月三官一律下沉情况.csv", rows, newline="\n")


def l06() -> None:
    """综治办: two count columns, 调处纠纷（件） and 化解矛盾（件）, either could be disputes resolved."""
    header = [
        "序号",
        "日期",
        "姓名",
        "身份",
        "挂点村居",
        "活动内容",
        "调处纠纷（件）",
        "化解矛盾（件）",
        "法律咨询（人次）",
    ]
    data = [
        (D(2023, 10, 10), "法官", "东星社区", "带案下访", 2, 1, 4),
        (D(2023, 10, 18), "律师", "洞湖村", "法律咨询", 1, 1, 6),
        (D(2023, 10, 26), "警官", "碗洋村", "治安调解", 3, 2, 2),
    ]
    rows = [
        [i, day, name(), role, unit, act, a, b, c]
        for i, (day, role, unit, act, a, b, c) in enumerate(data, 1)
    ]
    lv_file(
        "三官一律下沉台账2023年10月（综治办）.xlsx",
        "西天尾镇“三官一律”下沉工作台账（2023年10月）",
        rows,
        header=header,
        unit_line="填报单位：镇综治办",
    )


def l07() -> None:
    """综治中心: two months in one sheet (10-11月), rows dated in both."""
    rows = [
        lv_row(1, D(2023, 10, 12), "法官", "后埔村", "带案下访", 1, 2),
        lv_row(2, D(2023, 10, 19), "律师", "澄渚社区", "法律咨询", 0, 5),
        lv_row(3, D(2023, 10, 26), "警官", "龙山村", "治安调解", 1, 1),
        lv_row(4, D(2023, 11, 3), "检察官", "吴江村", "普法宣传", 0, 3),
        lv_row(5, D(2023, 11, 9), "律师", "林峰社区", "法律咨询", 1, 4),
    ]
    lv_file(
        "三官一律下沉工作台账（2023年10-11月）.xlsx",
        "西天尾镇“三官一律”下沉工作台账（2023年10月—11月）",
        rows,
    )


def l08() -> None:
    """龙山村 sends its own visit ledger under the long name 法官检察官警官律师进村（社区）工作台账."""
    header = ["序号", "时间", "姓名", "身份", "工作内容", "化解纠纷（件）", "提供法律咨询（人次）"]
    data = [
        (D(2023, 10, 8), "警官", "入户走访", 1, 2),
        (D(2023, 10, 17), "律师", "法律讲座", 0, 6),
        (D(2023, 10, 29), "法官", "带案下访", 1, 1),
    ]
    rows = [
        [i, day, name(), role, act, res, con] for i, (day, role, act, res, con) in enumerate(data, start=1)
    ]
    lv_file(
        "龙山村法官检察官警官律师进村工作台账2023年10月.xlsx",
        "龙山村2023年10月法官、检察官、警官、律师进村（社区）工作台账",
        rows,
        header=header,
        unit_line="填报单位：龙山村委会",
    )


def l09() -> None:
    """综治中心: dates typed 10.12, so Excel stored numbers — and 10.10 became 10.1."""
    rows = [
        lv_row(1, 10.12, "法官", "北大村", "带案下访", 1, 3),
        lv_row(2, 10.18, "律师", "洞湖村", "法律咨询", 0, 7),
        lv_row(3, 10.1, "警官", "三山村", "治安调解", 1, 2),
        lv_row(4, 10.25, "检察官", "东星社区", "普法宣传", 0, 4),
    ]
    lv_file("三官一律工作台账2023年10月.xlsx", "西天尾镇2023年10月“三官一律”工作台账", rows)


def l10() -> None:
    """综治中心: file name and title say 10月, every visit is dated in November."""
    rows = [
        lv_row(1, D(2023, 11, 3), "法官", "后卓村", "带案下访", 1, 2),
        lv_row(2, D(2023, 11, 10), "律师", "溪白社区", "法律咨询", 0, 6),
        lv_row(3, D(2023, 11, 17), "警官", "象峰村", "治安调解", 2, 1),
    ]
    lv_file("三官一律台账2023年10月.xlsx", "西天尾镇“三官一律”下沉工作台账（2023年10月）", rows)


LEGAL = [l01, l02, l03, l04, l05, l06, l07, l08, l09, l10]


# ---------------------------------------------------------------- grid events (东星社区 platform exports)
GRID_HEADER = [
    "事件编号",
    "所属网格",
    "事件类型",
    "事件来源",
    "上报时间",
    "处理时限",
    "办结时间",
    "事件状态",
    "事件描述",
    "上报人",
    "联系电话",
]
DESCRIPTIONS = {
    "服务群众": ["居民咨询医保缴费事宜", "独居老人需上门代办", "小区路灯损坏需维修"],
    "公共安全": ["楼道电动车违规充电", "消防通道被占用", "沿街店铺燃气瓶存放不规范"],
    "生态环境": ["河道漂浮垃圾", "建筑垃圾乱倒", "餐馆油烟扰民"],
    "治安防控": ["夜间有可疑人员徘徊", "出租屋人员未登记", "电动车失窃"],
    "维护稳定": ["多名务工人员聚集讨薪", "小区业主集中反映物业问题"],
    "其他": ["宠物扰民", "共享单车乱停放"],
}


def gdesc(etype: str) -> str:
    key = etype.replace("类", "")
    return R.choice(DESCRIPTIONS.get(key, DESCRIPTIONS["其他"]))


def tstr(t: T | None, style: str = "iso") -> str:
    if t is None:
        return ""
    if style == "iso":
        return t.strftime("%Y-%m-%d %H:%M:%S")
    if style == "slash":
        return f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}"
    if style == "cn":
        return f"{t.year}年{t.month}月{t.day}日 {t.hour}时{t.minute:02d}分"
    if style == "min":
        return t.strftime("%Y-%m-%d %H:%M")
    raise ValueError(style)


def grid_rows(events, style="iso", id_fn=None):
    """events: (id, grid, type, reported, closed, status); the deadline is reported + 3 days (platform rule)."""
    out = []
    for eid, grid, etype, rep, closed, status in events:
        out.append(
            [
                id_fn(eid) if id_fn else eid,
                grid,
                etype,
                R.choice(["网格员巡查", "群众上报", "12345转办"]),
                tstr(rep, style),
                tstr(rep + dt.timedelta(days=3), style),
                tstr(closed, style),
                status,
                gdesc(etype),
                name(),
                mobile(),
            ]
        )
    return out


def g01() -> None:
    """东星社区: the city platform's CSV export in GBK, seconds in the times."""
    ev = [
        (
            "XT2310030001",
            "东星第1网格",
            "服务群众",
            T(2023, 10, 3, 9, 12, 45),
            T(2023, 10, 4, 15, 30),
            "已办结",
        ),
        (
            "XT2310050002",
            "东星第2网格",
            "公共安全",
            T(2023, 10, 5, 14, 3, 10),
            T(2023, 10, 5, 17, 45),
            "已办结",
        ),
        ("XT2310090003", "东星第3网格", "生态环境", T(2023, 10, 9, 8, 40), T(2023, 10, 13, 10, 0), "已办结"),
        ("XT2310110004", "东星第5网格", "治安防控", T(2023, 10, 11, 20, 15, 33), None, "办理中"),
        ("XT2310140005", "东星第8网格", "维护稳定", T(2023, 10, 14, 10, 0), T(2023, 10, 16, 9, 20), "已办结"),
        ("XT2310180006", "东星第12网格", "服务群众", T(2023, 10, 18, 16, 22, 1), None, "已分流"),
        ("XT2310210007", "东星第12网格", "其他", T(2023, 10, 21, 11, 11, 11), None, "受理"),
        (
            "XT2310250008",
            "东星第20网格",
            "生态环境",
            T(2023, 10, 25, 9, 30),
            T(2023, 10, 27, 14, 0),
            "已办结",
        ),
        ("XT2310280009", "东星第33网格", "公共安全", T(2023, 10, 28, 7, 45), None, "挂起"),
        ("XT2310300010", "东星第1网格", "服务群众", T(2023, 10, 30, 13, 0), T(2023, 10, 31, 8, 30), "已办结"),
    ]
    write_csv("东星社区网格事件导出_202310.csv", [GRID_HEADER] + grid_rows(ev), encoding="gbk")


def g02() -> None:
    """东星社区: the platform's “导出Excel” is an HTML table saved as .xls."""
    ev = [
        ("DX20231002001", "第4网格", "服务群众", T(2023, 10, 2, 10, 0), T(2023, 10, 3, 9, 0), "已办结"),
        ("DX20231008002", "第4网格", "治安防控", T(2023, 10, 8, 19, 30), None, "处置中"),
        ("DX20231012003", "第7网格", "生态环境", T(2023, 10, 12, 8, 0), T(2023, 10, 14, 16, 0), "已办结"),
        ("DX20231017004", "第10网格", "维护稳定", T(2023, 10, 17, 15, 0), T(2023, 10, 19, 11, 0), "已办结"),
        ("DX20231023005", "第15网格", "公共安全", T(2023, 10, 23, 9, 45), None, "已受理"),
        ("DX20231029006", "第21网格", "服务群众", T(2023, 10, 29, 14, 20), T(2023, 10, 30, 10, 10), "已办结"),
    ]
    from html import escape

    rows = grid_rows(ev, style="min")
    parts = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">',
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        '<style>td{mso-number-format:"\\@";}</style></head><body>',
        '<table border="1" cellspacing="0">',
        f'<tr><td colspan="{len(GRID_HEADER)}" align="center"><b>东星社区网格事件列表</b></td></tr>',
        "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in GRID_HEADER) + "</tr>",
    ]
    for row in rows:
        parts.append("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>")
    parts.append("</table></body></html>")
    (OUT / "网格事件列表_东星社区_2023-10.xls").write_text("\n".join(parts), encoding="utf-8")


def g03() -> None:
    """东星社区: an “XML 表格 2003” export named .xls, times as DateTime cells."""
    ev = [
        (
            "DX20231101011",
            "东星社区第6网格",
            "服务群众",
            T(2023, 11, 1, 8, 30),
            T(2023, 11, 2, 10, 0),
            "已办结",
        ),
        ("DX20231105012", "东星社区第9网格", "公共安全", T(2023, 11, 5, 13, 10), None, "办理中"),
        (
            "DX20231109013",
            "东星社区第11网格",
            "生态环境",
            T(2023, 11, 9, 9, 0),
            T(2023, 11, 10, 17, 30),
            "已办结",
        ),
        ("DX20231116014", "东星社区第14网格", "治安防控", T(2023, 11, 16, 21, 40), None, "已分流"),
        (
            "DX20231122015",
            "东星社区第30网格",
            "服务群众",
            T(2023, 11, 22, 10, 5),
            T(2023, 11, 23, 9, 15),
            "已办结",
        ),
    ]
    rows = [GRID_HEADER]
    for eid, grid, etype, rep, closed, status in ev:
        rows.append(
            [
                eid,
                grid,
                etype,
                "网格员巡查",
                rep,
                rep + dt.timedelta(days=3),
                closed,
                status,
                gdesc(etype),
                name(),
                mobile(),
            ]
        )
    (OUT / "东星社区网格事件2023年11月.xls").write_text(spreadsheetml({"事件列表": rows}), encoding="utf-8")


def g04() -> None:
    """东星社区: platform xlsx with 查询结果 / 导出时间 (in November) / 查询条件 lines above the header."""
    wb = new_wb()
    ws = wb.active
    ws.title = "查询结果"
    ws.cell(row=1, column=1, value="网格事件查询结果")
    ws.cell(row=2, column=1, value="导出时间：2023-11-01 08:30:12")
    ws.cell(row=3, column=1, value="查询条件：上报时间 2023-10-01 至 2023-10-31；所属社区：东星社区")
    put_row(ws, 5, GRID_HEADER)
    ev = [
        ("XT2310020101", "东星第2网格", "服务群众", T(2023, 10, 2, 9, 0), T(2023, 10, 3, 11, 0), "已办结"),
        ("XT2310060102", "东星第2网格", "生态环境", T(2023, 10, 6, 15, 20), T(2023, 10, 7, 9, 40), "已办结"),
        ("XT2310090103", "东星第16网格", "治安防控", T(2023, 10, 9, 22, 5), None, "处置中"),
        ("XT2310130104", "东星第17网格", "公共安全", T(2023, 10, 13, 10, 30), None, "已分流"),
        ("XT2310190105", "东星第18网格", "服务群众", T(2023, 10, 19, 8, 50), None, "已挂起"),
        ("XT2310240106", "东星第25网格", "其他", T(2023, 10, 24, 16, 0), None, "已退回"),
        (
            "XT2310280107",
            "东星第31网格",
            "维护稳定",
            T(2023, 10, 28, 11, 15),
            T(2023, 10, 30, 17, 0),
            "已办结",
        ),
    ]
    for i, (eid, grid, etype, rep, closed, status) in enumerate(ev):
        put_row(
            ws,
            6 + i,
            [
                eid,
                grid,
                etype,
                "网格员巡查",
                rep,
                rep + dt.timedelta(days=3),
                closed,
                status,
                gdesc(etype),
                name(),
                mobile(),
            ],
            "yyyy-mm-dd hh:mm:ss",
        )
    save_wb(wb, "东星社区网格事件查询结果（2023年10月）.xlsx")


def g05() -> None:
    """东星社区: the month exported in two halves (1-15日, 16-31日), UTF-8 CSV with BOM."""
    first = [
        ("XT2310030201", "东星第1网格", "服务群众", T(2023, 10, 3, 8, 15), T(2023, 10, 3, 16, 0), "已办结"),
        ("XT2310070202", "东星第6网格", "生态环境", T(2023, 10, 7, 10, 40), T(2023, 10, 9, 9, 0), "已办结"),
        ("XT2310110203", "东星第9网格", "公共安全", T(2023, 10, 11, 14, 25), None, "办理中"),
        (
            "XT2310140204",
            "东星第13网格",
            "服务群众",
            T(2023, 10, 14, 9, 50),
            T(2023, 10, 15, 10, 30),
            "已办结",
        ),
    ]
    second = [
        (
            "XT2310170205",
            "东星第13网格",
            "治安防控",
            T(2023, 10, 17, 20, 10),
            T(2023, 10, 18, 9, 0),
            "已办结",
        ),
        ("XT2310230206", "东星第22网格", "服务群众", T(2023, 10, 23, 11, 5), None, "受理"),
        (
            "XT2310300207",
            "东星第27网格",
            "生态环境",
            T(2023, 10, 30, 15, 45),
            T(2023, 10, 31, 11, 20),
            "已办结",
        ),
    ]
    write_csv("东星社区网格事件2023年10月（1-15日）.csv", [GRID_HEADER] + grid_rows(first), bom=True)
    write_csv("东星社区网格事件2023年10月（16-31日）.csv", [GRID_HEADER] + grid_rows(second), bom=True)


def g06() -> None:
    """东星社区: grid names in every spelling (1网格, 第3网格, 东星03网格 …) and one grid that does not exist."""
    wb = new_wb()
    ws = wb.active
    put_row(ws, 1, GRID_HEADER)
    ev = [
        ("XT2311020301", "1网格", "服务群众", T(2023, 11, 2, 9, 10), T(2023, 11, 2, 17, 0), "已办结"),
        ("XT2311060302", "第3网格", "治安防控", T(2023, 11, 6, 21, 30), None, "办理中"),
        (
            "XT2311100303",
            "东星社区第12网格",
            "生态环境",
            T(2023, 11, 10, 8, 0),
            T(2023, 11, 11, 10, 0),
            "已办结",
        ),
        ("XT2311150304", "东星03网格", "公共安全", T(2023, 11, 15, 14, 0), T(2023, 11, 16, 9, 30), "已办结"),
        ("XT2311210305", "第35网格", "服务群众", T(2023, 11, 21, 10, 20), T(2023, 11, 22, 15, 0), "已办结"),
    ]
    for i, (eid, grid, etype, rep, closed, status) in enumerate(ev):
        put_row(
            ws,
            2 + i,
            [
                eid,
                grid,
                etype,
                "网格员巡查",
                rep,
                rep + dt.timedelta(days=3),
                closed,
                status,
                gdesc(etype),
                name(),
                mobile(),
            ],
            "yyyy-mm-dd hh:mm:ss",
        )
    save_wb(wb, "东星社区网格事件2023年11月.xlsx")


def g07() -> None:
    """东星社区: CSV whose IDs are written ="2023110200003" (the Excel trick to keep digits) and times 2023/11/5 9:03."""
    ev = [
        ("2023110200003", "东星第19网格", "服务群众", T(2023, 11, 2, 8, 5), T(2023, 11, 3, 16, 40), "已办结"),
        ("2023110500012", "东星第23网格", "治安防控", T(2023, 11, 5, 9, 3), None, "办理中"),
        (
            "2023111200007",
            "东星第24网格",
            "生态环境",
            T(2023, 11, 12, 14, 30),
            T(2023, 11, 14, 9, 0),
            "已办结",
        ),
        ("2023112000021", "东星第28网格", "公共安全", T(2023, 11, 20, 10, 18), None, "受理"),
    ]
    rows = grid_rows(ev, style="slash", id_fn=lambda e: f'="{e}"')
    buf = io.StringIO()
    buf.write(",".join(GRID_HEADER) + "\r\n")
    for row in rows:
        # the ="…" cell is written bare, as the platform does; csv quoting would double its quotes
        buf.write(row[0] + "," + ",".join(str(v) for v in row[1:]) + "\r\n")
    (OUT / "东星网格事件11月导出.csv").write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


def g08() -> None:
    """东星社区: a CSV opened and re-saved in Excel — every 13-digit 事件编号 became 2.02311E+12 (GBK)."""
    ev = [
        ("2.02311E+12", "东星第4网格", "服务群众", T(2023, 11, 3, 9, 0), T(2023, 11, 3, 15, 0), "已办结"),
        ("2.02311E+12", "东星第8网格", "公共安全", T(2023, 11, 8, 10, 30), None, "办理中"),
        (
            "2.02311E+12",
            "东星第15网格",
            "生态环境",
            T(2023, 11, 14, 16, 45),
            T(2023, 11, 15, 11, 0),
            "已办结",
        ),
        ("2.02311E+12", "东星第21网格", "治安防控", T(2023, 11, 22, 22, 10), None, "已分流"),
    ]
    write_csv(
        "东星社区网格事件2023年11月（重新保存）.csv",
        [GRID_HEADER] + grid_rows(ev, style="slash"),
        encoding="gbk",
    )


def g09() -> None:
    """东星社区: 所属网格 as the platform's path (西天尾镇/东星社区/东星第7网格), types with 类, times 14时20分."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "东星社区网格事件台账（2023年11月）", 11)
    put_row(ws, 2, GRID_HEADER)
    ev = [
        (
            "XT2311060401",
            "西天尾镇/东星社区/东星第7网格",
            "服务群众类",
            T(2023, 11, 6, 14, 20),
            T(2023, 11, 7, 10, 0),
            "已办结",
        ),
        (
            "XT2311100402",
            "西天尾镇/东星社区/东星第7网格",
            "生态环境类",
            T(2023, 11, 10, 9, 5),
            None,
            "办理中",
        ),
        (
            "XT2311180403",
            "西天尾镇/东星社区/东星第26网格",
            "公共安全类",
            T(2023, 11, 18, 16, 45),
            T(2023, 11, 19, 8, 30),
            "已办结",
        ),
        (
            "XT2311250404",
            "西天尾镇/东星社区/东星第29网格",
            "治安防控类",
            T(2023, 11, 25, 20, 10),
            None,
            "已分流",
        ),
    ]
    for i, row in enumerate(grid_rows(ev, style="cn")):
        put_row(ws, 3 + i, row)
    save_wb(wb, "东星社区网格事件台账2023年11月.xlsx")


def g10() -> None:
    """东星社区: the platform month runs 16th to 15th — file name 11月, 查询条件 2023-10-16 至 2023-11-15."""
    ev = [
        ("XT2310180501", "东星第10网格", "服务群众", T(2023, 10, 18, 9, 0), T(2023, 10, 19, 10, 0), "已办结"),
        ("XT2310250502", "东星第11网格", "生态环境", T(2023, 10, 25, 14, 0), T(2023, 10, 26, 9, 0), "已办结"),
        ("XT2311020503", "东星第14网格", "公共安全", T(2023, 11, 2, 8, 30), None, "办理中"),
        ("XT2311090504", "东星第19网格", "治安防控", T(2023, 11, 9, 21, 0), T(2023, 11, 10, 9, 0), "已办结"),
        ("XT2311140505", "东星第32网格", "服务群众", T(2023, 11, 14, 11, 0), None, "受理"),
    ]
    rows = [["查询条件：上报时间 2023-10-16 至 2023-11-15"], [], GRID_HEADER] + grid_rows(ev)
    write_csv("东星社区网格事件月报2023年11月.csv", rows, bom=True)


def g11() -> None:
    """后黄社区 tried the grid platform: grids 后黄第1网格 … that the town's grid list does not have."""
    ev = [
        ("HH2310050001", "后黄第1网格", "服务群众", T(2023, 10, 5, 9, 30), T(2023, 10, 6, 10, 0), "已办结"),
        ("HH2310120002", "后黄第2网格", "生态环境", T(2023, 10, 12, 15, 0), None, "办理中"),
        (
            "HH2310200003",
            "后黄第1网格",
            "公共安全",
            T(2023, 10, 20, 10, 45),
            T(2023, 10, 21, 16, 0),
            "已办结",
        ),
    ]
    write_csv("后黄社区网格事件导出2023年10月.csv", [GRID_HEADER] + grid_rows(ev), encoding="gbk")


GRID = [g01, g02, g03, g04, g05, g06, g07, g08, g09, g10, g11]


# ---------------------------------------------------------------- party activities (三会一课)
PLACES = ["党群服务中心", "村部会议室", "新时代文明实践站", "红色教育基地", "社区活动室"]
TOPICS = [
    "学习贯彻党的二十大精神",
    "主题教育专题学习",
    "研究部署当月重点工作",
    "观看警示教育片",
    "志愿服务进网格",
    "学习《中国共产党章程》",
]


def party_file(
    fname: str,
    title_text: str,
    header,
    rows,
    *,
    unit_line=None,
    sheet="Sheet1",
    date_format="yyyy-mm-dd",
    extra=None,
) -> None:
    wb = new_wb()
    ws = wb.active
    ws.title = sheet
    title(ws, 1, title_text, len(header))
    r = 2
    if unit_line:
        ws.cell(row=2, column=1, value=unit_line)
        r = 3
    put_row(ws, r, header)
    for row in rows:
        r += 1
        put_row(ws, r, row, date_format)
    if extra:
        extra(ws, r)
    save_wb(wb, fname)


def prow(seq, org, atype, day, expected, attended) -> list:
    return [seq, org, atype, day, R.choice(PLACES), R.choice(TOPICS), expected, attended, name()]


def a01() -> None:
    """后黄社区党支部: 5 activities, then 序号 6-15 of the template left empty."""
    org = "后黄社区党支部"
    rows = [
        prow(1, org, "支委会", D(2023, 10, 8), 7, 7),
        prow(2, org, "党员大会", D(2023, 10, 15), 45, 41),
        prow(3, org, "党小组会", D(2023, 10, 17), 12, 11),
        prow(4, org, "党课", D(2023, 10, 20), 45, 39),
        prow(5, org, "主题党日", D(2023, 10, 10), 45, 40),
    ]
    rows += [[i] for i in range(6, 16)]
    party_file(
        "后黄社区党支部2023年10月三会一课登记表.xlsx",
        "后黄社区党支部2023年10月“三会一课”开展情况登记表",
        PARTY_COLS + ["记录人"],
        rows,
    )


def a02() -> None:
    """镇党政办: town organs and 两新 organisations under their short names (机关党支部, 学校党支部 …)."""
    rows = [
        prow(1, "机关党支部", "支委会", D(2023, 10, 9), 5, 5),
        prow(2, "工业园区党委", "党课", D(2023, 10, 12), 32, 30),
        prow(3, "学校党支部", "主题党日", D(2023, 10, 10), 18, 16),
        prow(4, "镇卫生院党支部", "党员大会", D(2023, 10, 19), 24, 21),
        prow(5, "非公企业党支部", "专题培训", D(2023, 10, 24), 15, 12),
        prow(6, "机关党支部", "现场教学", D(2023, 10, 27), 20, 19),
    ]
    party_file(
        "镇党政办2023年10月机关及两新党组织活动台账.xlsx",
        "西天尾镇机关及两新党组织2023年10月活动台账",
        PARTY_COLS,
        rows,
        unit_line="填报单位：镇党政办",
    )


def a03() -> None:
    """林峰社区: attendance in one column 应到/实到 written 38/35."""
    header = ["序号", "活动类型", "时间", "地点", "内容", "应到/实到（人）", "主持人"]
    data = [
        ("支委会", D(2023, 10, 7), "5/5"),
        ("党员大会", D(2023, 10, 14), "38/35"),
        ("党课", D(2023, 10, 21), "38/33"),
        ("主题党日", D(2023, 10, 10), "38/36"),
    ]
    rows = [
        [i, t, d, R.choice(PLACES), R.choice(TOPICS), a, name()] for i, (t, d, a) in enumerate(data, start=1)
    ]
    party_file(
        "林峰社区2023年10月党组织活动台账.xlsx", "林峰社区党支部2023年10月党组织活动台账", header, rows
    )


def a04() -> None:
    """龙山村党支部: head counts in words and with 人 (二十三人, 十九, 8人)."""
    header = ["序号", "活动类型", "活动日期", "活动地点", "活动主题", "应到人数", "实到人数", "主持人"]
    data = [
        ("支委会", D(2023, 11, 3), "五", "5人"),
        ("党员大会", D(2023, 11, 10), "二十三人", "十九人"),
        ("党小组会", D(2023, 11, 16), "8人", "七"),
        ("主题党日", D(2023, 11, 10), "23", "二十"),
    ]
    rows = [
        [i, t, d, R.choice(PLACES), R.choice(TOPICS), e, a, name()] for i, (t, d, e, a) in enumerate(data, 1)
    ]
    party_file(
        "龙山村党支部2023年11月三会一课台账.xlsx", "龙山村党支部2023年11月“三会一课”台账", header, rows
    )


def a05() -> None:
    """吴江村: activity types as written in practice (三会一课（支委会）, 上党课 …), one 组织生活会."""
    header = ["序号", "类型", "日期", "地点", "主题", "应到", "实到", "主持人"]
    data = [
        ("三会一课（支委会）", D(2023, 10, 6), 6, 6),
        ("主题党日活动", D(2023, 10, 10), 30, 27),
        ("上党课", D(2023, 10, 18), 30, 26),
        ("党员大会（扩大会议）", D(2023, 10, 25), 30, 29),
        ("组织生活会", D(2023, 10, 30), 30, 28),
    ]
    rows = [
        [i, t, d, R.choice(PLACES), R.choice(TOPICS), e, a, name()] for i, (t, d, e, a) in enumerate(data, 1)
    ]
    party_file(
        "吴江村2023年10月三会一课开展情况.xlsx", "吴江村党支部2023年10月“三会一课”开展情况", header, rows
    )


def a06() -> None:
    """北大村党支部: one workbook, one sheet per month named 2023.08 / 2023.09 / 2023.10."""
    wb = new_wb()
    wb.remove(wb.active)
    header = ["序号", "活动类型", "活动时间", "活动地点", "活动主题", "应到人数", "实到人数", "主持人"]
    months = {
        "2023.08": [("支委会", D(2023, 8, 3), 5, 5), ("主题党日", D(2023, 8, 10), 28, 25)],
        "2023.09": [("支委会", D(2023, 9, 4), 5, 4), ("党课", D(2023, 9, 15), 28, 24)],
        "2023.10": [
            ("支委会", D(2023, 10, 8), 5, 5),
            ("主题党日", D(2023, 10, 10), 28, 26),
            ("党员大会", D(2023, 10, 22), 28, 27),
        ],
    }
    for sheet, data in months.items():
        ws = wb.create_sheet(sheet)
        title(ws, 1, "北大村党支部“三会一课”台账", len(header))
        put_row(ws, 2, header)
        for i, (t, d, e, a) in enumerate(data, start=1):
            put_row(ws, 2 + i, [i, t, d, R.choice(PLACES), R.choice(TOPICS), e, a, name()])
    save_wb(wb, "北大村党支部2023年三会一课台账.xlsx")


def a07() -> None:
    """洞湖村: activity type as a tick-box group (√ under 支委会 / 党员大会 / 党小组会 / 党课 / 主题党日)."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "洞湖村党支部2023年10月党组织活动登记表", 11)
    top = [
        "序号",
        "活动日期",
        "活动类型",
        None,
        None,
        None,
        None,
        "活动主题",
        "应到人数",
        "实到人数",
        "主持人",
    ]
    sub = [None, None, "支委会", "党员大会", "党小组会", "党课", "主题党日", None, None, None, None]
    put_row(ws, 2, top)
    put_row(ws, 3, sub)
    ws.merge_cells("C2:G2")
    for col in "ABHIJK":
        ws.merge_cells(f"{col}2:{col}3")
    data = [
        (D(2023, 10, 5), 0, 6, 6),
        (D(2023, 10, 12), 2, 10, 9),
        (D(2023, 10, 19), 3, 33, 30),
        (D(2023, 10, 10), 4, 33, 31),
        (D(2023, 10, 26), 2, 11, 10),
    ]
    for i, (d, tick, e, a) in enumerate(data, start=1):
        marks = [""] * 5
        marks[tick] = "√"
        put_row(ws, 3 + i, [i, d, *marks, R.choice(TOPICS), e, a, name()])
    save_wb(wb, "洞湖村2023年10月党组织活动登记表.xlsx")


def a08() -> None:
    """碗洋村: 零报告 written in the first data row."""
    header = ["序号", "活动类型", "活动时间", "活动地点", "活动主题", "应到人数", "实到人数", "主持人"]
    party_file(
        "碗洋村2023年11月三会一课台账.xlsx",
        "碗洋村党支部2023年11月“三会一课”台账",
        header,
        [["零报告"]],
        unit_line="填报单位：碗洋村党支部",
    )


def a09() -> None:
    """林山村: the 填报单位 is the branch's full name 中共西天尾镇林山村支部委员会; no 党组织 column."""
    header = ["序号", "活动类型", "活动时间", "活动地点", "活动主题", "应到人数", "实到人数", "主持人"]
    data = [
        ("支委会", D(2023, 10, 6), 5, 5),
        ("主题党日", D(2023, 10, 10), 26, 24),
        ("党课", D(2023, 10, 27), 26, 22),
    ]
    rows = [
        [i, t, d, R.choice(PLACES), R.choice(TOPICS), e, a, name()] for i, (t, d, e, a) in enumerate(data, 1)
    ]
    party_file(
        "林山村党支部10月三会一课台账.xlsx",
        "2023年10月“三会一课”开展情况",
        header,
        rows,
        unit_line="填报单位：中共西天尾镇林山村支部委员会",
    )


def a10() -> None:
    """后埔村: one meeting with more attended (35) than expected (30)."""
    header = ["序号", "活动类型", "活动时间", "活动地点", "活动主题", "应到人数", "实到人数", "主持人"]
    data = [
        ("支委会", D(2023, 11, 2), 5, 5),
        ("党员大会", D(2023, 11, 9), 30, 35),
        ("党课", D(2023, 11, 16), 30, 27),
        ("主题党日", D(2023, 11, 10), 30, 28),
    ]
    rows = [
        [i, t, d, R.choice(PLACES), R.choice(TOPICS), e, a, name()] for i, (t, d, e, a) in enumerate(data, 1)
    ]
    party_file("后埔村2023年11月三会一课台账.xlsx", "后埔村党支部2023年11月“三会一课”台账", header, rows)


def a11() -> None:
    """File name says 三山村党支部, every row's 党组织 says 后卓村党支部."""
    rows = [
        prow(1, "后卓村党支部", "支委会", D(2023, 10, 7), 5, 5),
        prow(2, "后卓村党支部", "主题党日", D(2023, 10, 10), 31, 28),
        prow(3, "后卓村党支部", "党课", D(2023, 10, 24), 31, 27),
    ]
    party_file("三山村党支部2023年10月三会一课登记表.xlsx", "2023年10月“三会一课”登记表", PARTY_COLS, rows)


def a12() -> None:
    """渭阳社区: two head-count columns, 出席人数 and 参会人数, that differ."""
    header = [
        "序号",
        "活动类型",
        "活动时间",
        "活动地点",
        "活动主题",
        "应到人数",
        "出席人数",
        "参会人数",
        "主持人",
    ]
    data = [
        ("支委会", D(2023, 10, 9), 5, 5, 7),
        ("党员大会", D(2023, 10, 16), 40, 36, 38),
        ("党课", D(2023, 10, 23), 40, 35, 35),
    ]
    rows = [
        [i, t, d, R.choice(PLACES), R.choice(TOPICS), e, a, b, name()]
        for i, (t, d, e, a, b) in enumerate(data, 1)
    ]
    party_file("渭阳社区2023年10月三会一课台账.xlsx", "渭阳社区党支部2023年10月“三会一课”台账", header, rows)


PARTY = [a01, a02, a03, a04, a05, a06, a07, a08, a09, a10, a11, a12]


# ---------------------------------------------------------------- not ledgers, or not readable
def x01() -> None:
    """镇综治中心: a statistics table (counts per village), not one row per dispute."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "西天尾镇2023年10月矛盾纠纷排查化解情况统计表", 6)
    put_row(ws, 2, ["序号", "村（社区）", "排查纠纷数", "化解数", "化解率", "备注"])
    data = [("东星社区", 5, 4), ("后黄社区", 3, 3), ("溪白社区", 4, 3), ("龙山村", 6, 5), ("林山村", 2, 2)]
    for i, (u, n, k) in enumerate(data, start=1):
        put_row(ws, 2 + i, [i, u, n, k, f"{k / n:.2%}", ""])
    put_row(ws, 8, ["合计", None, 20, 17, "85.00%"])
    save_wb(wb, "西天尾镇2023年10月矛盾纠纷排查化解情况统计表.xlsx")


def x02() -> None:
    """龙山村: an empty file (0 bytes) — the upload failed."""
    (OUT / "龙山村2023年11月矛盾纠纷台账.csv").write_bytes(b"")


def x03() -> None:
    """渭阳社区: the blank template sent back — an example row (示例) and 序号 1-10 with nothing else."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "渭阳社区2023年11月矛盾纠纷排查化解台账", 11)
    put_row(ws, 2, [h for h, _ in STD_DISPUTE_COLS])
    put_row(
        ws,
        3,
        [
            "示例",
            "2023年X月X日",
            "邻里纠纷",
            "张三、李四",
            "138XXXXXXXX",
            "因XX问题引发纠纷",
            "王五",
            "村",
            "已化解",
            "2023年X月X日",
            "（填写时请删除本行）",
        ],
    )
    for i in range(1, 11):
        put_row(ws, 3 + i, [i])
    save_wb(wb, "渭阳社区2023年11月矛盾纠纷排查化解台账.xlsx")


def x04() -> None:
    """A 低保 roster put into the inbox by mistake: names, IDs and phones, no ledger at all."""
    wb = new_wb()
    ws = wb.active
    title(ws, 1, "西天尾镇2023年10月城乡低保对象名册", 8)
    put_row(
        ws,
        2,
        ["序号", "户主姓名", "身份证号", "家庭人口", "所属村居", "保障金额（元/月）", "联系电话", "备注"],
    )
    units = ["龙山村", "后黄社区", "三山村", "林山村"]
    for i in range(1, 5):
        put_row(
            ws,
            2 + i,
            [i, name(), id_number(), R.randint(1, 5), units[i - 1], R.choice([560, 720, 890]), mobile(), ""],
        )
    save_wb(wb, "2023年10月低保对象名册.xlsx")


def x05() -> None:
    """象峰村: an xlsx cut off in transfer (only the first 3000 bytes arrived)."""
    wb = new_wb()
    ws = wb.active
    put_row(ws, 1, PARTY_COLS)
    for i in range(1, 4):
        put_row(ws, 1 + i, prow(i, "象峰村党支部", "支委会", D(2023, 10, 5 + i), 5, 5))
    fname = "象峰村2023年10月三会一课台账.xlsx"
    save_wb(wb, fname)
    path = OUT / fname
    path.write_bytes(path.read_bytes()[:3000])


OTHER = [x01, x02, x03, x04, x05]


def main(argv: list[str]) -> int:
    global OUT
    if len(argv) > 1:
        OUT = Path(argv[1]).resolve()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        if old.is_file():
            old.unlink()
    for make in DISPUTES + PROJECTS + PETITIONS + LEGAL + GRID + PARTY + OTHER:
        before = {p.name: p.stat().st_mtime_ns for p in OUT.iterdir()}
        make()
        clobbered = [
            p.name for p in OUT.iterdir() if p.name in before and p.stat().st_mtime_ns != before[p.name]
        ]
        if clobbered:
            raise SystemExit(f"{make.__name__} overwrote {clobbered}: every file needs its own name")
    print(f"{sum(1 for _ in OUT.iterdir())} files in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
