"""Habit batch 5: write files/ and cases.yaml.

    /work/main/.venv/bin/python make_files.py

Every expectation below was worked out by hand from the rows written next to it (never by running the program).
All personal data is fake (names like 陈某华, made-up 139 mobiles, no ID numbers).
The script is deterministic: fixed docProps, fixed zip timestamps inside every xlsx/zip it writes.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import xlwt
import yaml
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.filters import DateGroupItem, FilterColumn, Filters

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
FIXED = dt.datetime(2023, 11, 1, 9, 0, 0)
ZIP_TIME = (2023, 11, 1, 9, 0, 0)
D = dt.date
T = dt.datetime
CASES: list[dict] = []

GREEN = PatternFill("solid", fgColor="FF92D050")
YELLOW = PatternFill("solid", fgColor="FFFFFF00")
RED = PatternFill("solid", fgColor="FFFF0000")


def case(cid, files, story, expect):
    CASES.append({"id": cid, "files": files, "story": story, "expect": expect})


# ------------------------------------------------------------------ writers
def wb_new():
    wb = openpyxl.Workbook()
    wb.properties.creator = "Administrator"
    wb.properties.lastModifiedBy = "Administrator"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def put_rows(ws, rows, start=1, date_fmt='yyyy"年"m"月"d"日"'):
    """rows: list of lists (None = leave the row empty); dates become real date cells."""
    for r, row in enumerate(rows, start=start):
        if row is None:
            continue
        for c, v in enumerate(row, start=1):
            if v is None:
                continue
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(v, dt.date):
                cell.number_format = date_fmt
            elif isinstance(v, dt.time):
                cell.number_format = "hh:mm:ss"
    return start + len(rows)


def title(ws, text, ncols, row=1):
    ws.cell(row=row, column=1, value=text).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")


def fix_zip(path: Path):
    """Rewrite a zip (xlsx) with fixed member timestamps so the bytes do not change from run to run."""
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time into dcterms:modified
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2023-11-01T09:00:00Z", data)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            zout.writestr(zi, data)


def save(wb, name):
    path = FILES / name
    wb.save(path)
    fix_zip(path)


def simple_xlsx(name, sheet, title_text, sub, header, rows, footer=(), extra_sheets=(), save_it=True):
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
    hdr_row = r
    r = put_rows(ws, [header] + rows, start=r)
    for f in footer:
        ws.cell(row=r, column=1, value=f)
        r += 1
    for s in extra_sheets:
        wb.create_sheet(s)
    if save_it:
        save(wb, name)
    return wb, ws, hdr_row


def csv_text(rows, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def write_csv(name, rows, encoding="utf-8-sig"):
    (FILES / name).write_bytes(csv_text(rows).encode(encoding))


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


def drow(i, recv, name, phone, typ, brief, who, level, status, res, note=None):
    return [i, recv, name, phone, typ, brief, who, level, status, res, note]


def d01():
    name = "溪白社区11月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 11, 2),
            "陈某华",
            "13905948101",
            "邻里纠纷",
            "楼上漏水",
            "溪某明",
            "村级",
            "已化解",
            D(2023, 11, 3),
        ),
        drow(
            2,
            D(2023, 11, 6),
            "林某英",
            "13905948102",
            "婚姻家庭",
            "夫妻争吵",
            "溪某明",
            "村级",
            "已化解",
            D(2023, 11, 8),
        ),
        drow(
            3,
            D(2023, 11, 9),
            "黄某坤",
            "13905948103",
            "土地承包",
            "承包地边界",
            "溪某明",
            "片区调解室",
            "化解中",
            None,
        ),
        drow(
            4,
            D(2023, 11, 13),
            "吴某生",
            "13905948104",
            "邻里纠纷",
            "车位占用",
            "溪某明",
            "村级",
            "已化解",
            D(2023, 11, 14),
        ),
        drow(
            5,
            D(2023, 11, 20),
            "郑某玉",
            "13905948105",
            "物业纠纷",
            "物业费争议",
            "溪某明",
            "镇级",
            "未化解",
            None,
        ),
    ]
    wb, ws, hdr = simple_xlsx(
        name,
        "11月",
        "溪白社区2023年11月矛盾纠纷排查化解台账",
        "填报单位：溪白社区居委会    填报日期：2023年11月30日",
        DH,
        rows,
        save_it=False,
    )
    struck = hdr + 4  # the 4th record
    for c in range(1, len(DH) + 1):
        ws.cell(row=struck, column=c).font = Font(strike=True)
    save(wb, name)
    case(
        "b5_d01_row_struck_through_not_deleted",
        [name],
        "社区书记审核时把第4条（重复登记的车位纠纷）整行加了删除线而不是删掉，备注里什么也没写。删除线行不算数，"
        "应进隔离并说明；错误的静默读法是照样算5件、已化解3件。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"溪白社区": 4},
                    "by_period": {"2023-11": 4},
                    "counts": {
                        "status": {"resolved": 2, "open": 1, "not_resolved": 1},
                        "level": {"村/社区": 2, "片区调解室": 1, "镇": 1},
                        "dispute_type": {"邻里纠纷": 1, "婚姻家庭": 1, "土地承包": 1, "其他": 1},
                    },
                    "values": {"received_date": ["2023-11-02", "2023-11-06", "2023-11-09", "2023-11-20"]},
                }
            },
            "meta": {name: {"unit": "溪白社区", "period": "2023-11", "ledger": "disputes"}},
            "quarantined": 1,
            "quarantine_reason_has": [["删除线", "划掉", "作废", "删除"]],
        },
    )


def d02():
    name = "龙山村2023年10月矛盾纠纷排查化解台账.xlsx"
    header = [
        "序号",
        "受理日期",
        "当事人",
        "联系电话",
        "纠纷类型",
        "简要案情",
        "化解责任人",
        "化解层级",
        "化解日期",
        "备注",
    ]
    rows = [
        [
            1,
            D(2023, 10, 4),
            "龙某强",
            "13905948201",
            "邻里纠纷",
            "滴水檐",
            "龙某平",
            "村级",
            D(2023, 10, 6),
            None,
        ],
        [
            2,
            D(2023, 10, 10),
            "陈某发",
            "13905948202",
            "山林权属",
            "山场界址",
            "龙某平",
            "片区调解室",
            None,
            None,
        ],
        [
            3,
            D(2023, 10, 15),
            "黄某娟",
            "13905948203",
            "婚姻家庭",
            "赡养老人",
            "龙某平",
            "村级",
            D(2023, 10, 15),
            None,
        ],
        [
            4,
            D(2023, 10, 21),
            "吴某辉",
            "13905948204",
            "劳资纠纷",
            "工地欠薪",
            "龙某平",
            "镇级",
            None,
            "已告知劳动监察",
        ],
        [5, D(2023, 10, 27), "林某清", "13905948205", "邻里纠纷", "鸡鸭扰邻", "龙某平", "村级", None, None],
    ]
    fills = [GREEN, YELLOW, GREEN, RED, YELLOW]
    wb, ws, hdr = simple_xlsx(
        name,
        "Sheet1",
        "龙山村2023年10月矛盾纠纷排查化解台账",
        "填报单位：龙山村委会",
        header,
        rows,
        footer=[None, "说明：绿色底纹＝已化解；黄色底纹＝化解中；红色底纹＝未化解。"],
        save_it=False,
    )
    for i, f in enumerate(fills):
        for c in range(1, len(header) + 1):
            ws.cell(row=hdr + 1 + i, column=c).fill = f
    save(wb, name)
    case(
        "b5_d02_status_only_as_row_colour",
        [name],
        "没有化解情况列：整行底纹表示状态（绿=已化解、黄=化解中、红=未化解），图例写在表下。读懂图例就能入库；"
        "读不了要暂存说明。错误的静默读法是状态全空或全按“有化解日期”猜，丢掉未化解/化解中的区别。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "disputes": {
                    "rows": 5,
                    "by_unit": {"龙山村": 5},
                    "by_period": {"2023-10": 5},
                    "counts": {
                        "status": {"resolved": 2, "open": 2, "not_resolved": 1},
                        "level": {"村/社区": 3, "片区调解室": 1, "镇": 1},
                    },
                    "values": {"resolved_date": ["2023-10-06", None, "2023-10-15", None, None]},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"disputes": {"rows": 0}},
                "reason_has": [["颜色", "底纹", "化解情况", "状态"]],
            },
        },
    )


def d03():
    name = "后埔村10月矛盾纠纷排查化解台账（从Word粘贴）.xlsx"
    nb = "\u00a0"
    header = [
        "序号",
        f"受理{nb}日期",
        "当事人",
        "联系电话",
        "纠纷类型",
        "简要案情",
        "化解责任人",
        "化解层级\n（村/片区/镇/上级）",
        "化解情况\n（已化解/化解中/未化解）",
        "化解日期",
        "备注",
    ]
    rows = [
        [
            "1.",
            f"2023年10月5日{nb}",
            "后某林",
            "13905948301",
            f"{nb}邻里纠纷",
            "宅前排水沟\n堵塞",
            "后某国",
            "村",
            f"已化解{nb}",
            "2023年10月6日\n",
            None,
        ],
        [
            "2.",
            "2023年10月11日",
            "陈某妹",
            "13905948302",
            "土地承包\n",
            "承包地界",
            "后某国",
            "片区",
            "化解中\n",
            None,
            None,
        ],
        [
            "3.",
            f"2023年10月18日{nb}",
            "林某杰",
            "13905948303",
            "婚姻家庭",
            "离婚财产",
            "后某国",
            "村",
            "已化解",
            f"2023年10月20日{nb}",
            None,
        ],
        [
            "4.",
            "2023年10月26日",
            "黄某贵",
            "13905948304",
            "邻里纠纷",
            "宅基地通道",
            "后某国",
            "镇",
            f"未化解{nb}",
            None,
            "当事人\n拒绝调解",
        ],
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "Sheet1"
    ws.cell(row=1, column=1, value=f"后埔村2023年10月矛盾纠纷排查化解台账{nb}")
    ws.cell(row=2, column=1, value=f"填报单位：后埔村委会{nb}{nb}{nb}{nb}填报日期：2023年10月31日")
    put_rows(ws, [header] + rows, start=3)
    for row in ws.iter_rows():
        for cell in row:
            cell.font = Font(name="仿宋_GB2312", size=12)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    save(wb, name)
    case(
        "b5_d03_pasted_from_word_nbsp_and_option_headers",
        [name],
        "从Word里的表格复制粘贴过来：单元格里带不换行空格(\\u00a0)和段落换行，序号写“1.”，日期是“2023年10月5日 ”文本；"
        "表头把可选项写进括号“化解情况（已化解/化解中/未化解）”“化解层级（村/片区/镇/上级）”，层级只写“村/片区/镇”。"
        "表头里的选项词不能把列认错，也不能因为表头含“已化解”就当成已化解。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"后埔村": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "status": {"resolved": 2, "open": 1, "not_resolved": 1},
                        "level": {"村/社区": 2, "片区调解室": 1, "镇": 1},
                        "dispute_type": {"邻里纠纷": 2, "土地承包": 1, "婚姻家庭": 1},
                    },
                    "values": {
                        "received_date": ["2023-10-05", "2023-10-11", "2023-10-18", "2023-10-26"],
                        "resolved_date": ["2023-10-06", None, "2023-10-20", None],
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d04():
    a = "象峰村2023年10月矛盾纠纷台账.xlsx"
    b = "象峰村2023年10月矛盾纠纷台账（更正）.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 3),
            "象某荣",
            "13905948401",
            "邻里纠纷",
            "围墙越界",
            "象某兴",
            "村级",
            "已化解",
            D(2023, 10, 4),
        ),
        drow(
            2,
            D(2023, 10, 9),
            "陈某水",
            "13905948402",
            "土地承包",
            "流转租金",
            "象某兴",
            "片区调解室",
            "化解中",
            None,
        ),
        drow(
            3,
            D(2023, 10, 17),
            "林某珠",
            "13905948403",
            "婚姻家庭",
            "抚养费",
            "象某兴",
            "村级",
            "化解中",
            None,
        ),
        drow(
            4,
            D(2023, 10, 24),
            "黄某松",
            "13905948404",
            "邻里纠纷",
            "噪音",
            "象某兴",
            "村级",
            "已化解",
            D(2023, 10, 25),
        ),
    ]
    simple_xlsx(a, "10月", "象峰村2023年10月矛盾纠纷排查化解台账", "填报单位：象峰村委会", DH, rows)
    fix = [
        drow(
            2,
            D(2023, 10, 9),
            "陈某水",
            "13905948402",
            "土地承包",
            "流转租金",
            "象某兴",
            "片区调解室",
            "已化解",
            D(2023, 10, 30),
            "原表误填为化解中",
        )
    ]
    simple_xlsx(
        b,
        "更正",
        "象峰村2023年10月矛盾纠纷台账（更正）",
        "更正说明：本表只列出需更正的案件（原表第2条化解情况有误），其余案件不变。",
        DH,
        fix,
    )
    case(
        "b5_d04_correction_lists_only_changed_case",
        [a, b],
        "象峰村先报10月4件；又发“（更正）”，表上写明“只列出需更正的案件，其余不变”，只有第2条一行（改为已化解）。"
        "按“更正即整份替换”会把10月缩成1件（静默丢3件）；当作新案追加会变成5件。应暂存请分析员确认按条更正。",
        {
            "outcome": ["loaded", "held"],
            "reason_has": [["更正", "只列", "部分", "替换"]],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"象峰村": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {"status": {"resolved": 2, "open": 2}},
                }
            },
            "quarantined": 0,
            "readings": [
                # the correction patches case 2 of the first file, the other three stay
                {"figures": {"disputes": {"rows": 4, "counts": {"status": {"resolved": 3, "open": 1}}}}}
            ],
        },
    )


def d05():
    name = "西天尾镇10月矛盾纠纷汇总（综治中心）.xlsx"
    header = [
        "序号",
        "所属村居",
        "受理日期",
        "当事人",
        "纠纷类型",
        "简要案情",
        "化解层级",
        "化解情况",
        "化解日期",
        "备注",
    ]
    rows = [
        [1, "龙山村", D(2023, 10, 5), "龙某福", "邻里纠纷", "排水", "村级", "已化解", D(2023, 10, 6), None],
        [2, "同上", D(2023, 10, 12), "龙某兰", "〃", "通道", "同上", "化解中", None, None],
        [
            3,
            "吴江村",
            D(2023, 10, 8),
            "吴某金",
            "土地承包",
            "承包地",
            "片区调解室",
            "已化解",
            D(2023, 10, 20),
            None,
        ],
        [4, "〃", D(2023, 10, 19), "吴某凤", "婚姻家庭", "赡养", "村级", "〃", D(2023, 10, 21), None],
        [5, "同上", D(2023, 10, 26), "陈某彬", "同上", "离婚", "镇级", "未化解", None, "已引导诉讼"],
        [6, "北大村", D(2023, 10, 14), "北某成", "山林权属", "山场", "镇级", "化解中", None, None],
    ]
    simple_xlsx(
        name, "汇总", "西天尾镇2023年10月矛盾纠纷排查化解汇总表", "填报单位：镇综治中心", header, rows
    )
    case(
        "b5_d05_ditto_marks_in_unit_type_status",
        [name],
        "综治中心汇总表按村居排好，重复的内容写“同上”或“〃”：所属村居、纠纷类型、化解层级、甚至化解情况都有。"
        "“同上/〃”取上一行的值；不能把“同上”当成村名或状态词（也不能算给别的村）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 6,
                    "by_unit": {"龙山村": 2, "吴江村": 3, "北大村": 1},
                    "by_period": {"2023-10": 6},
                    "counts": {
                        "status": {"resolved": 3, "open": 2, "not_resolved": 1},
                        "level": {"村/社区": 3, "片区调解室": 1, "镇": 2},
                        "dispute_type": {"邻里纠纷": 2, "土地承包": 1, "婚姻家庭": 2, "山林权属": 1},
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d06():
    name = "洞湖村10月矛盾纠纷台账.xlsx"
    top = [
        drow(
            1,
            D(2023, 10, 6),
            "洞某才",
            "13905948601",
            "邻里纠纷",
            "道路通行",
            "洞某德",
            "村级",
            "已化解",
            D(2023, 10, 7),
        ),
        drow(
            2,
            D(2023, 10, 13),
            "陈某秀",
            "13905948602",
            "土地承包",
            "承包合同",
            "洞某德",
            "村级",
            "化解中",
            None,
        ),
        drow(
            3,
            D(2023, 10, 25),
            "林某海",
            "13905948603",
            "合同纠纷",
            "建房合同",
            "洞某德",
            "片区调解室",
            "已化解",
            D(2023, 10, 30),
        ),
    ]
    bottom = [
        drow(
            1,
            D(2023, 9, 18),
            "黄某根",
            "13905948604",
            "山林权属",
            "山场界址",
            "洞某德",
            "片区调解室",
            "已化解",
            D(2023, 10, 12),
            "9月结转",
        ),
        drow(
            2,
            D(2023, 9, 26),
            "吴某莲",
            "13905948605",
            "婚姻家庭",
            "分家析产",
            "洞某德",
            "村级",
            "化解中",
            None,
            "9月结转",
        ),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    title(ws, "洞湖村2023年10月矛盾纠纷排查化解台账", len(DH))
    ws.cell(row=2, column=1, value="填报单位：洞湖村委会        填报日期：2023年10月31日")
    ws.cell(row=3, column=1, value="一、本月新受理矛盾纠纷").font = Font(bold=True)
    r = put_rows(ws, [DH] + top, start=4)
    r += 1  # a blank row
    ws.cell(row=r, column=1, value="二、上月结转矛盾纠纷本月化解情况").font = Font(bold=True)
    r = put_rows(ws, [DH] + bottom, start=r + 1)
    ws.cell(row=r + 1, column=1, value="填报人：洞某德")
    save(wb, name)
    case(
        "b5_d06_two_stacked_tables_new_and_carried_over",
        [name],
        "一张表里上下两个表格：“一、本月新受理”3件，空一行后“二、上月结转…本月化解情况”再来一个表头和2件9月受理的案子"
        "（1件10月化解、1件仍在化解）。两段都是真实案件，受理日期照原样；错误的静默读法是读到第一个空行就停（丢2件、"
        "少算1件化解），或把第二个表头当数据。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "disputes": {
                    "rows": 5,
                    "by_unit": {"洞湖村": 5},
                    "by_period": {"2023-10": 5},
                    "counts": {"status": {"resolved": 3, "open": 2}},
                    "values": {
                        "received_date": [
                            "2023-09-18",
                            "2023-09-26",
                            "2023-10-06",
                            "2023-10-13",
                            "2023-10-25",
                        ],
                        "resolved_date": ["2023-10-12", None, "2023-10-07", None, "2023-10-30"],
                    },
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"disputes": {"rows": 0}},
                "reason_has": [["结转", "两个", "表格", "上月"]],
            },
        },
    )


def d07():
    name = "三山村矛盾纠纷台账（10月）.xlsx"
    rows = [
        drow(
            1,
            D(2023, 8, 7),
            "三某雄",
            "13905948701",
            "邻里纠纷",
            "排水",
            "三某川",
            "村级",
            "已化解",
            D(2023, 8, 9),
        ),
        drow(
            2,
            D(2023, 8, 22),
            "陈某芳",
            "13905948702",
            "土地承包",
            "地界",
            "三某川",
            "村级",
            "已化解",
            D(2023, 8, 30),
        ),
        drow(
            3,
            D(2023, 9, 5),
            "林某勇",
            "13905948703",
            "婚姻家庭",
            "离婚",
            "三某川",
            "片区调解室",
            "已化解",
            D(2023, 9, 15),
        ),
        drow(
            4,
            D(2023, 10, 4),
            "黄某英",
            "13905948704",
            "邻里纠纷",
            "围墙",
            "三某川",
            "村级",
            "已化解",
            D(2023, 10, 5),
        ),
        drow(
            5, D(2023, 10, 16), "吴某奎", "13905948705", "山林权属", "山场", "三某川", "镇级", "化解中", None
        ),
        drow(
            6,
            D(2023, 10, 28),
            "郑某兴",
            "13905948706",
            "劳资纠纷",
            "欠薪",
            "三某川",
            "村级",
            "已化解",
            D(2023, 10, 29),
        ),
    ]
    wb, ws, hdr = simple_xlsx(
        name,
        "台账",
        "三山村矛盾纠纷排查化解台账（2023年10月）",
        "填报单位：三山村委会",
        DH,
        rows,
        save_it=False,
    )
    last = hdr + len(rows)
    ws.auto_filter.ref = f"A{hdr}:K{last}"
    fc = FilterColumn(
        colId=1, filters=Filters(dateGroupItem=[DateGroupItem(year=2023, month=10, dateTimeGrouping="month")])
    )
    ws.auto_filter.filterColumn.append(fc)
    for r in range(hdr + 1, hdr + 4):  # August/September rows hidden by the filter
        ws.row_dimensions[r].hidden = True
    save(wb, name)
    case(
        "b5_d07_running_ledger_filtered_to_october",
        [name],
        "文书全年记在一张表上，发10月时在受理日期上开了自动筛选只显示10月（8-9月的3行被筛选隐藏，早已报过）。"
        "10月台账是看得见的3件；错误的静默读法是把隐藏的8-9月3件也算进10月（受理6件、化解5件）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "disputes": {
                    "rows": 3,
                    "by_unit": {"三山村": 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"status": {"resolved": 2, "open": 1}},
                    "values": {"received_date": ["2023-10-04", "2023-10-16", "2023-10-28"]},
                }
            },
            "quarantined": [0, 3],
            "if_held": {
                "figures": {"disputes": {"rows": 0}},
                "quarantined": 0,
                "reason_has": [["筛选", "隐藏"]],
            },
        },
    )


def d08():
    name = "后卓村2023年11月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 11, 1),
            "后某顺",
            "13905948801",
            "邻里纠纷",
            "晒谷场",
            "后某忠",
            "村级",
            "调解成功",
            D(2023, 11, 2),
        ),
        drow(
            2,
            D(2023, 11, 5),
            "陈某仁",
            "13905948802",
            "土地承包",
            "流转",
            "后某忠",
            "片区调解室",
            "原调解成功，一方反悔，正在重新调解",
            None,
        ),
        drow(
            3,
            D(2023, 11, 9),
            "林某娥",
            "13905948803",
            "婚姻家庭",
            "抚养费",
            "后某忠",
            "村级",
            "已调解，协议尚未履行",
            D(2023, 11, 12),
        ),
        drow(
            4,
            D(2023, 11, 14),
            "黄某平",
            "13905948804",
            "邻里纠纷",
            "噪音",
            "后某忠",
            "村级",
            "已处理",
            D(2023, 11, 15),
        ),
        drow(
            5,
            D(2023, 11, 20),
            "吴某德",
            "13905948805",
            "劳资纠纷",
            "欠薪",
            "后某忠",
            "镇级",
            "已化解",
            D(2023, 11, 24),
        ),
    ]
    simple_xlsx(name, "11月", "后卓村2023年11月矛盾纠纷排查化解台账", "填报单位：后卓村委会", DH, rows)
    case(
        "b5_d08_half_done_mediations",
        [name],
        "化解情况写成半截话：“原调解成功，一方反悔，正在重新调解”（化解中）、“已调解，协议尚未履行”、“已处理”（说不清是否化解）。"
        "后两条单行隔离；错误的静默读法是见“调解成功/已调解/已处理”就算已化解（5件化解4件）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "disputes": {
                    "rows": 3,
                    "by_unit": {"后卓村": 3},
                    "by_period": {"2023-11": 3},
                    "counts": {"status": {"resolved": 2, "open": 1}},
                    "values": {"received_date": ["2023-11-01", "2023-11-05", "2023-11-20"]},
                }
            },
            "quarantined": 2,
            "quarantine_reason_has": [["化解情况", "状态"]],
            "if_held": {
                "figures": {"disputes": {"rows": 0}},
                "quarantined": 0,
                "reason_has": [["化解情况", "状态", "已处理", "未履行"]],
            },
        },
    )


def d09():
    name = "碗洋村10月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 8),
            "碗某生",
            "13905948901",
            "邻里纠纷",
            "水沟",
            "碗某坤",
            "村级",
            "已化解",
            D(2023, 10, 9),
        ),
        drow(
            2,
            D(2023, 10, 12),
            "陈某梅",
            "13905948902",
            "土地承包",
            "地界",
            "碗某坤",
            "片区调解室",
            "化解中",
            "计划11月底前",
        ),
        drow(
            3,
            D(2023, 10, 19),
            "林某辉",
            "13905948903",
            "婚姻家庭",
            "赡养",
            "碗某坤",
            "村级",
            "已化解",
            D(2023, 10, 22),
        ),
        drow(
            4,
            D(2023, 10, 23),
            "黄某洪",
            "13905948904",
            "山林权属",
            "山场",
            "碗某坤",
            "镇级",
            "化解中",
            D(2023, 11, 30),
            "限期11月30日前化解",
        ),
        drow(
            5,
            D(2023, 10, 30),
            "吴某霞",
            "13905948905",
            "邻里纠纷",
            "占道",
            "碗某坤",
            "村级",
            "化解中",
            "11月上旬",
        ),
    ]
    simple_xlsx(
        name,
        "Sheet1",
        "碗洋村2023年10月矛盾纠纷排查化解台账",
        "填报单位：碗洋村委会  填报日期：2023年10月31日",
        DH,
        rows,
    )
    case(
        "b5_d09_target_dates_in_resolved_column",
        [name],
        "化解中的案子，化解日期一栏填的是计划/限期：“计划11月底前”、“11月上旬”和一个日期单元格2023-11-30（备注“限期…前化解”）。"
        "这些不是化解日期：状态照化解中，化解日期留空，行照常入库；错误的静默读法是把2023-11-30当化解日期（11月底起算成已化解）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 5,
                    "by_unit": {"碗洋村": 5},
                    "by_period": {"2023-10": 5},
                    "counts": {"status": {"resolved": 2, "open": 3}},
                    "values": {
                        "received_date": [
                            "2023-10-08",
                            "2023-10-12",
                            "2023-10-19",
                            "2023-10-23",
                            "2023-10-30",
                        ],
                        "resolved_date": ["2023-10-09", None, "2023-10-22", None, None],
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d10():
    a = "林峰社区2023年10月矛盾纠纷台账.xlsx"
    b = "林峰社区2023年10月矛盾纠纷台账(2).xlsx"
    t = "林峰社区2023年10月矛盾纠纷排查化解台账"
    rows_a = [
        drow(
            1,
            D(2023, 10, 3),
            "林某平",
            "13905949001",
            "邻里纠纷",
            "油烟",
            "林某芬",
            "村级",
            "已化解",
            D(2023, 10, 4),
        ),
        drow(
            2,
            D(2023, 10, 10),
            "陈某东",
            "13905949002",
            "婚姻家庭",
            "离婚",
            "林某芬",
            "村级",
            "已化解",
            D(2023, 10, 12),
        ),
        drow(
            3,
            D(2023, 10, 18),
            "黄某兰",
            "13905949003",
            "物业纠纷",
            "物业费",
            "林某芬",
            "片区调解室",
            "化解中",
            None,
        ),
        drow(
            4, D(2023, 10, 27), "吴某坚", "13905949004", "邻里纠纷", "漏水", "林某芬", "镇级", "未化解", None
        ),
    ]
    rows_b = [
        drow(
            5,
            D(2023, 10, 21),
            "郑某茂",
            "13905949005",
            "土地承包",
            "自留地",
            "林某芬",
            "村级",
            "已化解",
            D(2023, 10, 23),
            "补报（漏报）",
        ),
        drow(
            6,
            D(2023, 10, 29),
            "方某琴",
            "13905949006",
            "邻里纠纷",
            "停车",
            "林某芬",
            "村级",
            "化解中",
            None,
            "补报",
        ),
    ]
    simple_xlsx(a, "10月", t, "填报单位：林峰社区居委会", DH, rows_a)
    simple_xlsx(b, "10月", t, "填报单位：林峰社区居委会", DH, rows_b)
    case(
        "b5_d10_bubao_marked_only_in_remarks",
        [a, b],
        "林峰社区第二个文件名只是浏览器加的“(2)”，标题照抄原表，没有“补报”字样；只有两行的备注写“补报（漏报）/补报”，序号接着5、6。"
        "这是追加：10月应有6件。错误的静默读法是把它当同月重报整份替换（10月只剩2件，静默少了4件）。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {
                "disputes": {
                    "rows": 6,
                    "by_unit": {"林峰社区": 6},
                    "by_period": {"2023-10": 6},
                    "counts": {"status": {"resolved": 3, "open": 2, "not_resolved": 1}},
                    "values": {
                        "received_date": [
                            "2023-10-03",
                            "2023-10-10",
                            "2023-10-18",
                            "2023-10-21",
                            "2023-10-27",
                            "2023-10-29",
                        ]
                    },
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {
                    "disputes": {
                        "rows": 4,
                        "counts": {"status": {"resolved": 2, "open": 1, "not_resolved": 1}},
                        "values": {"received_date": ["2023-10-03", "2023-10-10", "2023-10-18", "2023-10-27"]},
                    }
                },
                "reason_has": [["补报", "追加", "替换"]],
            },
        },
    )


def d11():
    a = "下垞村11月矛盾纠纷台账.xlsx"
    b = "下垞村11月矛盾纠纷台账_1128.xlsx"
    t = "下垞村2023年11月矛盾纠纷排查化解台账"

    def rows(v2, d2, v4):
        return [
            drow(
                1,
                D(2023, 11, 2),
                "下某发",
                "13905949101",
                "邻里纠纷",
                "排水",
                "下某军",
                "村级",
                "已化解",
                D(2023, 11, 3),
            ),
            drow(
                2, D(2023, 11, 8), "陈某玲", "13905949102", "土地承包", "地界", "下某军", "片区调解室", v2, d2
            ),
            drow(
                3,
                D(2023, 11, 15),
                "林某宝",
                "13905949103",
                "婚姻家庭",
                "赡养",
                "下某军",
                "村级",
                "化解中",
                None,
            ),
            drow(
                4, D(2023, 11, 22), "黄某来", "13905949104", "合同纠纷", "装修款", "下某军", "镇级", v4, None
            ),
        ]

    simple_xlsx(a, "11月", t, "填报单位：下垞村委会", DH, rows("化解中", None, "未化解"))
    simple_xlsx(b, "11月（更正）", t, "填报单位：下垞村委会", DH, rows("已化解", D(2023, 11, 20), "化解中"))
    case(
        "b5_d11_correction_only_in_sheet_name",
        [a, b],
        "下垞村的更正版：文件名只多了“_1128”，标题一字未改，只有工作表名是“11月（更正）”；同样4件，第2件改为已化解、第4件由未化解改为化解中。"
        "应整份替换原表；错误的静默读法是当补充追加（11月8件、化解3件）。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"下垞村": 4},
                    "by_period": {"2023-11": 4},
                    "counts": {"status": {"resolved": 2, "open": 2}},
                    "values": {"resolved_date": ["2023-11-03", "2023-11-20", None, None]},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {
                    "disputes": {
                        "rows": 4,
                        "by_unit": {"下垞村": 4},
                        "by_period": {"2023-11": 4},
                        "counts": {"status": {"resolved": 1, "open": 2, "not_resolved": 1}},
                        "values": {"resolved_date": ["2023-11-03", None, None, None]},
                    }
                },
                "reason_has": [["更正", "替换", "重复", "同月", "已报"]],
            },
        },
    )


def d12():
    name = "东星社区10月纠纷台账（扫描识别）.xlsx"
    header = [
        "序 号",
        "受 理 日 期",
        "当 事 人",
        "联 系 电 话",
        "纠 纷 类 型",
        "简 要 案 情",
        "化解责任人",
        "化 解 层 级",
        "化 解 情 况",
        "化 解 日 期",
        "备 注",
    ]
    rows = [
        [
            "l",
            "2023.1O.08",
            "东某明",
            "l3905949201",
            "邻 里 纠 纷",
            "楼道堆物",
            "东某华",
            "村 级",
            "已 化 解",
            "2023.1O.09",
            None,
        ],
        [
            "2",
            "2023,10.15",
            "陈某英",
            "13905949202",
            "婚姻家庭",
            "家暴投诉",
            "东某华",
            "片区调解室",
            "化解中",
            None,
            None,
        ],
        [
            "3",
            "2O23.10.21",
            "林某进",
            "139O5949203",
            "土地承包",
            "菜地",
            "东某华",
            "村级",
            "已化解",
            "2023.10.23",
            None,
        ],
        [
            "4",
            "2023.10.28",
            "黄某妹",
            "13905949204",
            "其 它",
            "物业",
            "东某华",
            "镇 级",
            "未 化 解",
            None,
            None,
        ],
    ]
    simple_xlsx(
        name,
        "识别结果",
        "东星社区2023年10月矛盾纠纷排查化解台账",
        "填报单位：东星社区居委会",
        header,
        rows,
        footer=["（纸质台账扫描后用WPS图片转文字识别，已人工核对）"],
    )
    case(
        "b5_d12_scanned_then_ocr_typed",
        [name],
        "纸质台账扫描后用“图片转文字”识别：字之间多出空格（“已 化 解”“邻 里 纠 纷”），数字0识别成字母O（“2023.1O.08”“2O23.10.21”），"
        "1识别成小写l（序号“l”），小数点识别成逗号（“2023,10.15”），“其他”成了“其它”。人一看就懂，4件都应入库。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"东星社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "status": {"resolved": 2, "open": 1, "not_resolved": 1},
                        "level": {"村/社区": 2, "片区调解室": 1, "镇": 1},
                        "dispute_type": {"邻里纠纷": 1, "婚姻家庭": 1, "土地承包": 1, "其他": 1},
                    },
                    "values": {
                        "received_date": ["2023-10-08", "2023-10-15", "2023-10-21", "2023-10-28"],
                        "resolved_date": ["2023-10-09", None, "2023-10-23", None],
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d13():
    name = "北大村2023年11月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            "2023年11月3号",
            "北某强",
            "13905949301",
            "邻里纠纷",
            "排水",
            "北某林",
            "村级",
            "已化解",
            "11月4号",
        ),
        drow(
            2,
            "11月9号上午",
            "陈某香",
            "13905949302",
            "婚姻家庭",
            "吵架",
            "北某林",
            "村级",
            "已化解",
            "11月10号",
        ),
        drow(
            3,
            "2023.11.16下午",
            "林某田",
            "13905949303",
            "土地承包",
            "承包地",
            "北某林",
            "片区调解室",
            "化解中",
            None,
        ),
        drow(4, "11-23", "黄某丽", "13905949304", "物业纠纷", "停车位", "北某林", "村级", "已化解", "11-24"),
    ]
    simple_xlsx(name, "Sheet1", "北大村2023年11月矛盾纠纷排查化解台账", "填报单位：北大村委会", DH, rows)
    case(
        "b5_d13_dates_with_hao_and_time_of_day",
        [name],
        "日期按口语手打：“2023年11月3号”“11月9号上午”“2023.11.16下午”“11-23”，化解日期“11月4号”“11-24”；年份从报送期取。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"北大村": 4},
                    "by_period": {"2023-11": 4},
                    "counts": {"status": {"resolved": 3, "open": 1}},
                    "values": {
                        "received_date": ["2023-11-03", "2023-11-09", "2023-11-16", "2023-11-23"],
                        "resolved_date": ["2023-11-04", "2023-11-10", None, "2023-11-24"],
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d14():
    name = "渭阳社区10月矛盾纠纷台账.txt"
    rows = [
        ["渭阳社区2023年10月矛盾纠纷排查化解台账"] + [""] * 10,
        DH,
        [
            "1",
            "2023/10/5",
            "渭某成",
            "13905949401",
            "邻里纠纷",
            "晾衣",
            "渭某琳",
            "村级",
            "已化解",
            "2023/10/6",
            "",
        ],
        [
            "2",
            "2023/10/17",
            "陈某云",
            "13905949402",
            "婚姻家庭",
            "彩礼",
            "渭某琳",
            "片区调解室",
            "化解中",
            "",
            "",
        ],
        [
            "3",
            "2023/10/24",
            "林某金",
            "13905949403",
            "土地承包",
            '"菜地"边界',
            "渭某琳",
            "村级",
            "已化解",
            "2023/10/26",
            "",
        ],
    ]
    text = csv_text(rows, delimiter="\t")
    (FILES / name).write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    case(
        "b5_d14_excel_unicode_text_utf16_tab",
        [name],
        "老电脑上的Excel“另存为→Unicode 文本(*.txt)”：UTF-16LE带BOM、制表符分隔，标题行也在里面，带引号的单元格被加了双引号。"
        "能读就按CSV一样读；读不了要明确拒收并说清格式。",
        {
            "outcome": [["loaded", "rejected"]],
            "figures": {
                "disputes": {
                    "rows": 3,
                    "by_unit": {"渭阳社区": 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"status": {"resolved": 2, "open": 1}},
                    "values": {"received_date": ["2023-10-05", "2023-10-17", "2023-10-24"]},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"disputes": {"rows": 0}},
                "reason_has": [["格式", "txt", "TXT", "文本", "UTF-16", "编码", "无法"]],
            },
        },
    )


def d15():
    name = "洞湖片区和睦调解室10月矛盾纠纷台账.xlsx"
    header = [
        "序号",
        "所属村居",
        "受理日期",
        "当事人",
        "纠纷类型",
        "简要案情",
        "化解层级",
        "化解情况",
        "化解日期",
        "备注",
    ]
    rows = [
        [
            1,
            "后卓村3组",
            D(2023, 10, 4),
            "后某水",
            "邻里纠纷",
            "宅基地",
            "片区调解室",
            "已化解",
            D(2023, 10, 6),
            None,
        ],
        [
            2,
            "碗洋村顶厝自然村",
            D(2023, 10, 9),
            "碗某英",
            "土地承包",
            "流转",
            "片区调解室",
            "已化解",
            D(2023, 10, 16),
            None,
        ],
        [3, "三山村委会", D(2023, 10, 15), "三某国", "婚姻家庭", "离婚", "片区调解室", "化解中", None, None],
        [
            4,
            "洞湖村第五村民小组",
            D(2023, 10, 22),
            "洞某山",
            "山林权属",
            "山场",
            "片区调解室",
            "已化解",
            D(2023, 10, 27),
            None,
        ],
        [
            5,
            "后卓村下厝自然村",
            D(2023, 10, 29),
            "后某娣",
            "邻里纠纷",
            "通道",
            "镇级",
            "化解中",
            None,
            "已上报镇综治中心",
        ],
    ]
    simple_xlsx(
        name,
        "10月",
        "洞湖片区“和睦”品牌调解室2023年10月矛盾纠纷受理台账",
        "填报单位：洞湖片区“和睦”品牌调解室",
        header,
        rows,
    )
    case(
        "b5_d15_room_file_with_natural_villages_and_groups",
        [name],
        "北部片区调解室的表，所属村居写到自然村或村民小组：“后卓村3组”“碗洋村顶厝自然村”“洞湖村第五村民小组”“后卓村下厝自然村”“三山村委会”。"
        "都归到行政村；错误的静默读法是按文件名/填报单位开头的“洞湖”全部记给洞湖村。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 5,
                    "by_unit": {"后卓村": 2, "碗洋村": 1, "三山村": 1, "洞湖村": 1},
                    "by_period": {"2023-10": 5},
                    "counts": {
                        "status": {"resolved": 3, "open": 2},
                        "level": {"片区调解室": 4, "镇": 1},
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d16():
    name = "澄渚社区11月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 11, 1),
            "澄某安",
            "13905949601",
            "邻里纠纷",
            "噪音",
            "澄某红",
            "村级",
            "已化解",
            D(2023, 11, 2),
        ),
        drow(
            2, D(2023, 11, 7), "陈某亮", "13905949602", "物业纠纷", "电梯费", "澄某红", "村级", "化解中", None
        ),
        drow(
            3,
            D(2023, 11, 14),
            "林某珍",
            "13905949603",
            "婚姻家庭",
            "抚养",
            "澄某红",
            "片区调解室",
            "已化解",
            D(2023, 11, 21),
        ),
        drow(
            4,
            D(2023, 11, 28),
            "黄某强",
            "13905949604",
            "邻里纠纷",
            "占道",
            "澄某红",
            "村级",
            "已化解",
            D(2023, 11, 29),
        ),
    ]
    wb = wb_new()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "11月"
    title(ws, "澄渚社区2023年11月矛盾纠纷排查化解台账", len(DH))
    ws.cell(row=2, column=1, value="填报单位：澄渚社区居委会")
    put_rows(ws, [DH] + rows, start=3, date_fmt="yyyy/m/d")
    save(wb, name)
    case(
        "b5_d16_mac_1904_date_system",
        [name],
        "社区干部用自己的Mac版Excel做的表，工作簿是“1904日期系统”：日期单元格的序列号比Windows少1462。"
        "按1900系统读会把日期静默地提前4年多（2019年），受理/化解日期全错。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"澄渚社区": 4},
                    "by_period": {"2023-11": 4},
                    "counts": {"status": {"resolved": 3, "open": 1}},
                    "values": {
                        "received_date": ["2023-11-01", "2023-11-07", "2023-11-14", "2023-11-28"],
                        "resolved_date": ["2023-11-02", None, "2023-11-21", "2023-11-29"],
                    },
                }
            },
            "meta": {name: {"unit": "澄渚社区", "period": "2023-11", "ledger": "disputes"}},
            "quarantined": 0,
        },
    )


def d17():
    name = "林山村10月矛盾纠纷排查化解台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 5),
            "林某福",
            "13905949701",
            "邻里纠纷",
            "排水",
            "林某川",
            1,
            "已化解",
            D(2023, 10, 6),
        ),
        drow(
            2,
            D(2023, 10, 11),
            "陈某娇",
            "13905949702",
            "土地承包",
            "承包地",
            "林某川",
            2,
            "已化解",
            D(2023, 10, 18),
        ),
        drow(
            3,
            D(2023, 10, 17),
            "黄某明",
            "13905949703",
            "婚姻家庭",
            "赡养",
            "林某川",
            1,
            "已化解",
            D(2023, 10, 17),
        ),
        drow(
            4,
            D(2023, 10, 24),
            "吴某秋",
            "13905949704",
            "医患纠纷",
            "卫生所",
            "林某川",
            4,
            "未化解",
            None,
            "已移交区卫健局",
        ),
        drow(5, D(2023, 10, 30), "郑某林", "13905949705", "山林权属", "山场", "林某川", 3, "化解中", None),
    ]
    simple_xlsx(
        name,
        "10月",
        "林山村2023年10月矛盾纠纷排查化解台账",
        "填报单位：林山村委会",
        DH,
        rows,
        footer=[None, "注：化解层级一栏填代码：1=村（社区）调委会  2=片区调解室  3=镇综治中心  4=移交上级"],
    )
    case(
        "b5_d17_level_as_numeric_codes_with_legend",
        [name],
        "化解层级一栏填数字代码1/2/3/4，表下注释“1=村（社区）调委会 2=片区调解室 3=镇综治中心 4=移交上级”。按注释读；"
        "读不了要暂存说明。错误的静默读法是层级全空（小事不出村/大事不出镇的比例全没了）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "disputes": {
                    "rows": 5,
                    "by_unit": {"林山村": 5},
                    "by_period": {"2023-10": 5},
                    "counts": {
                        "status": {"resolved": 3, "open": 1, "not_resolved": 1},
                        "level": {"村/社区": 2, "片区调解室": 1, "镇": 1, "上级/移交": 1},
                        "dispute_type": {
                            "邻里纠纷": 1,
                            "土地承包": 1,
                            "婚姻家庭": 1,
                            "其他": 1,
                            "山林权属": 1,
                        },
                    },
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"disputes": {"rows": 0}}, "reason_has": [["层级", "代码", "注"]]},
        },
    )


# ------------------------------------------------------------------ key projects
KH = [
    "序号",
    "项目名称",
    "所属",
    "项目阶段",
    "建设内容",
    "总投资（万元）",
    "2023年计划投资（万元）",
    "1-10月累计完成投资（万元）",
    "形象进度",
    "存在问题",
    "挂钩领导",
    "责任单位",
]


def k01():
    name = "西天尾镇重点项目推进情况表（10月）.xlsx"
    rows = [
        [
            1,
            "镇区污水管网改造",
            "镇",
            "在建",
            "新建污水管网12公里",
            32000000,
            8000000,
            6500000,
            "管网铺设80%",
            "无",
            "陈某",
            "镇城建办",
        ],
        [
            2,
            "西天尾中心小学扩建",
            "镇",
            "在建",
            "新建教学楼1幢",
            45000000,
            12000000,
            9800000,
            "主体封顶",
            "无",
            "林某",
            "镇教委",
        ],
        [
            3,
            "乡村振兴示范线提升",
            "镇",
            "预备",
            "沿线立面及景观提升",
            18000000,
            3000000,
            0,
            "设计招标",
            "资金未落实",
            "黄某",
            "镇农业农村办",
        ],
    ]
    wb, ws, hdr = simple_xlsx(
        name,
        "10月",
        "西天尾镇2023年重点项目推进情况表（截至10月底）",
        "填报单位：镇项目办",
        KH,
        rows,
        save_it=False,
    )
    for r in range(hdr + 1, hdr + 4):
        for c in (6, 7, 8):
            ws.cell(row=r, column=c).number_format = "#,##0"
    save(wb, name)
    case(
        "b5_k01_yuan_figures_under_wanyuan_header",
        [name],
        "表头写“总投资（万元）”，数字却是32,000,000、45,000,000这样的元（一所小学扩建4.5亿万元不可能）：表头单位和数量级对不上，要问。"
        "错误的静默读法是照表头当万元入库（全镇总投资凭空多出约9500亿）。",
        {
            "outcome": ["held"],
            "reason_has": [["单位", "万元", "元", "金额", "数量级"]],
            "figures": {"key_projects": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {
                    "figures": {
                        "key_projects": {
                            "rows": 3,
                            "by_unit": {None: 3},
                            "sums": {
                                "total_investment": 9500,
                                "annual_plan": 2300,
                                "completed_investment": 1630,
                            },
                        }
                    }
                }
            ],
        },
    )


def k02():
    name = "园区管委会2023年10月重点项目推进情况.xlsx"
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    title(ws, "西天尾工业园区2023年10月重点项目推进情况表", 10)
    ws.cell(row=2, column=1, value="填报单位：园区管委会")
    h1 = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "2023年计划投资（万元）",
        "10月",
        None,
        "1-10月累计",
        None,
        "形象进度",
    ]
    h2 = [None, None, None, None, None, "计划投资", "完成投资", "计划投资", "完成投资", None]
    rows = [
        [1, "园区标准厂房三期", "在建", 26000, 8000, 800, 750, 6700, 6300, "主体施工"],
        [2, "智能装备产业园", "在建", 38000, 10000, 1000, 1200, 8300, 8100, "设备安装"],
        [3, "园区道路及配套管网", "前期", 9000, 1500, 0, 0, 200, 150, "可研批复"],
    ]
    put_rows(ws, [h1, h2] + rows, start=3)
    ws.merge_cells("F3:G3")
    ws.merge_cells("H3:I3")
    for col in "ABCDEJ":
        ws.merge_cells(f"{col}3:{col}4")
    save(wb, name)
    case(
        "b5_k02_month_and_cumulative_groups_same_subheaders",
        [name],
        "两行表头：合并的“10月”和“1-10月累计”下面各有一模一样的“计划投资|完成投资”两列，另有“2023年计划投资”。"
        "完成投资取“1-10月累计”下那列，年度计划取“2023年计划投资”；错误的静默读法是取第一个“完成投资”（10月当月，完成1950万）"
        "或把累计计划当年度计划。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 3,
                    "by_unit": {None: 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"stage": {"在建": 2, "前期": 1}, "zone": {"园区": 3}},
                    "sums": {"total_investment": 73000, "annual_plan": 19500, "completed_investment": 14550},
                }
            },
            "quarantined": 0,
        },
    )


def k03():
    name = "镇项目办2023年11月重点项目台账.xlsx"
    header = [h.replace("1-10月", "1-11月") for h in KH]
    rows = [
        [
            1,
            "西天尾镇区提升工程",
            "镇",
            "在建",
            "立面改造、雨污分流",
            12000,
            4000,
            3600,
            "完成75%",
            "无",
            "陈某",
            "镇城建办",
        ],
        [None, "其中：镇区立面改造", None, None, "沿街立面", 5000, 1500, 1400, "完成90%", None, None, None],
        [
            None,
            "其中：老街雨污分流",
            None,
            None,
            "管网3.2公里",
            7000,
            2500,
            2200,
            "完成70%",
            None,
            None,
            None,
        ],
        [
            2,
            "后黄—林山—下垞精品线路",
            "镇",
            "在建",
            "示范线30公里提升",
            8000,
            3000,
            2100,
            "完成60%",
            "征迁",
            "林某",
            "镇农业农村办",
        ],
        [
            3,
            "溪白安置房二期",
            "镇",
            "前期",
            "安置房600套",
            15000,
            500,
            0,
            "规划设计",
            "用地报批",
            "黄某",
            "镇征迁办",
        ],
    ]
    simple_xlsx(name, "11月", "西天尾镇2023年11月重点项目推进情况", "填报单位：镇项目办", header, rows)
    case(
        "b5_k03_sub_project_rows_qizhong",
        [name],
        "第1个项目下有两行“其中：镇区立面改造/其中：老街雨污分流”，序号和阶段空着，金额是母项目的拆分。项目是3个，不是5个；"
        "错误的静默读法是把“其中”行当项目（5个项目、总投资47000、完成9300，母项目金额重复计算）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 3,
                    "by_unit": {None: 3},
                    "by_period": {"2023-11": 3},
                    "counts": {"stage": {"在建": 2, "前期": 1}, "zone": {"镇": 3}},
                    "sums": {"total_investment": 35000, "annual_plan": 7500, "completed_investment": 5700},
                }
            },
            "quarantined": [0, 2],
        },
    )


def k04():
    name = "镇项目办10月重点项目（含2024年计划）.xlsx"
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "2024年计划投资（万元）",
        "2023年计划投资（万元）",
        "截至10月底累计完成投资（万元）",
        "责任单位",
    ]
    rows = [
        [1, "西天尾农贸市场改造", "在建", 6000, 1500, 3000, 2600, "镇市场监管所"],
        [2, "林山村文旅综合体", "预备", 12000, 6000, 1000, 200, "林山村委会"],
        [3, "龙山溪流域治理", "前期", 4500, 2000, 300, 50, "镇水利站"],
        [4, "渭阳社区养老服务中心", "在建", 3800, 800, 2000, 1700, "镇民政办"],
    ]
    simple_xlsx(name, "10月", "西天尾镇2023年10月重点项目推进表", "填报单位：镇项目办", header, rows)
    case(
        "b5_k04_next_year_plan_column_first",
        [name],
        "10月开始编明年计划，项目办在“2023年计划投资”前面插了一列“2024年计划投资”。年度计划取2023年那列；"
        "错误的静默读法是取第一个“计划投资”列（年度计划10300，完成率从72%掉到44%）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 4,
                    "by_unit": {None: 4},
                    "by_period": {"2023-10": 4},
                    "counts": {"stage": {"在建": 2, "预备": 1, "前期": 1}, "zone": {"镇": 4}},
                    "sums": {"total_investment": 26300, "annual_plan": 6300, "completed_investment": 4550},
                }
            },
            "quarantined": 0,
        },
    )


def k05():
    name = "工业园区重点项目进度表2023年11月.xlsx"
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "2023年计划投资（万元）",
        "自开工累计完成投资（万元）",
        "2023年1-11月完成投资（万元）",
        "形象进度",
    ]
    rows = [
        [1, "新能源电池配套产业园", "在建", 50000, 12000, 31000, 10500, "二期主体"],
        [2, "园区污水处理厂提标", "在建", 8000, 3000, 6500, 2800, "设备调试"],
        [3, "园区人才公寓", "预备", 15000, 2000, 600, 600, "施工招标"],
        [4, "智慧园区平台", "前期", 3000, 500, 0, 0, "方案论证"],
    ]
    simple_xlsx(
        name, "11月", "西天尾工业园区重点项目推进情况（2023年11月）", "填报单位：园区管委会", header, rows
    )
    case(
        "b5_k05_since_start_and_this_year_completed",
        [name],
        "两列都像“累计完成投资”：“自开工累计完成投资”（含往年）和“2023年1-11月完成投资”。投资完成率该用哪列、累计完成存哪列得分析员定；"
        "静默挑一列就会让园区完成率在79%和218%之间摇摆。",
        {
            "outcome": ["held"],
            "reason_has": [["累计", "自开工", "完成投资", "两列"]],
            "figures": {"key_projects": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {
                    "figures": {
                        "key_projects": {
                            "rows": 4,
                            "by_unit": {None: 4},
                            "sums": {
                                "total_investment": 76000,
                                "annual_plan": 17500,
                                "completed_investment": 13900,
                            },
                        }
                    }
                },
                {
                    "figures": {
                        "key_projects": {
                            "rows": 4,
                            "by_unit": {None: 4},
                            "sums": {
                                "total_investment": 76000,
                                "annual_plan": 17500,
                                "completed_investment": 38100,
                            },
                        }
                    }
                },
            ],
        },
    )


def k06():
    a = "镇项目办2023年10月重点项目台账.xlsx"
    b = "镇项目办2023年10月重点项目台账（补报）.xlsx"
    rows_a = [
        [1, "镇综合文化站", "镇", "在建", "文化站改造", 3000, 1200, 900, "装修", "无", "陈某", "镇文化站"],
        [
            2,
            "三山村道路拓宽",
            "镇",
            "在建",
            "道路2.1公里",
            2500,
            1500,
            1300,
            "路面",
            "无",
            "林某",
            "镇城建办",
        ],
        [
            3,
            "洞湖村生态停车场",
            "镇",
            "预备",
            "停车位120个",
            800,
            300,
            0,
            "施工图",
            "无",
            "黄某",
            "洞湖村委会",
        ],
        [
            4,
            "北大片区土地整治",
            "镇",
            "前期",
            "土地整治500亩",
            6000,
            500,
            20,
            "立项",
            "指标",
            "吴某",
            "镇自然资源所",
        ],
    ]
    rows_b = [
        [
            1,
            "象峰村茶园提升",
            "镇",
            "前期",
            "茶园提升300亩",
            1200,
            200,
            0,
            "方案编制",
            "无",
            "郑某",
            "象峰村委会",
        ]
    ]
    simple_xlsx(a, "10月", "西天尾镇2023年10月重点项目台账", "填报单位：镇项目办", KH, rows_a)
    simple_xlsx(
        b,
        "补报",
        "西天尾镇2023年10月重点项目台账（补报）",
        "补报说明：10月新增纳入镇重点项目1个，请并入10月台账。",
        KH,
        rows_b,
    )
    case(
        "b5_k06_bubao_one_new_project",
        [a, b],
        "项目办10月报了4个项目，又发“（补报）”：新纳入1个前期项目，表上写“请并入10月台账”。应追加成5个；"
        "重点项目是每月快照，错误的静默读法是拿补报整份替换10月（只剩1个项目、计划200、完成0）。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {
                "key_projects": {
                    "rows": 5,
                    "by_unit": {None: 5},
                    "by_period": {"2023-10": 5},
                    "counts": {"stage": {"在建": 2, "预备": 1, "前期": 2}, "zone": {"镇": 5}},
                    "sums": {"total_investment": 13500, "annual_plan": 3700, "completed_investment": 2220},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {
                    "key_projects": {
                        "rows": 4,
                        "by_unit": {None: 4},
                        "by_period": {"2023-10": 4},
                        "counts": {"stage": {"在建": 2, "预备": 1, "前期": 1}, "zone": {"镇": 4}},
                        "sums": {
                            "total_investment": 12300,
                            "annual_plan": 3500,
                            "completed_investment": 2220,
                        },
                    }
                },
                "reason_has": [["补报", "追加", "替换"]],
            },
        },
    )


def k07():
    a = "园区管委会2023年11月重点项目进展.xlsx"
    b = "园区管委会2023年11月重点项目进展（更正版）.xlsx"
    header = [h.replace("1-10月", "1-11月") for h in KH]

    def rows(a_done, b_total, c_done):
        return [
            [
                1,
                "标准厂房四期",
                "园区",
                "在建",
                "厂房8万平方米",
                20000,
                6000,
                a_done,
                "主体",
                "无",
                "陈某",
                "园区建设科",
            ],
            [
                2,
                "电子信息产业园",
                "园区",
                "预备",
                "产业园一期",
                b_total,
                3000,
                0,
                "土地收储",
                "无",
                "林某",
                "园区招商科",
            ],
            [
                3,
                "园区消防站",
                "园区",
                "前期",
                "一级消防站",
                2500,
                400,
                c_done,
                "可研",
                "无",
                "黄某",
                "园区建设科",
            ],
        ]

    simple_xlsx(
        a,
        "11月",
        "西天尾工业园区2023年11月重点项目进展",
        "填报单位：园区管委会",
        header,
        rows(4800, 30000, 0),
    )
    simple_xlsx(
        b,
        "11月",
        "西天尾工业园区2023年11月重点项目进展（更正版）",
        "填报单位：园区管委会",
        header,
        rows(5100, 32000, 80),
    )
    case(
        "b5_k07_park_corrected_version_replaces",
        [a, b],
        "园区报了11月进展，又发“（更正版）”：同样3个项目，改了厂房四期完成投资（4800→5100）、产业园总投资（30000→32000）、消防站完成（0→80）。"
        "更正版整份替换；错误的静默读法是追加成6个项目（园区项目数、计划投资都翻倍）。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {
                "key_projects": {
                    "rows": 3,
                    "by_unit": {None: 3},
                    "by_period": {"2023-11": 3},
                    "counts": {"stage": {"在建": 1, "预备": 1, "前期": 1}, "zone": {"园区": 3}},
                    "sums": {"total_investment": 54500, "annual_plan": 9400, "completed_investment": 5180},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {
                    "key_projects": {
                        "rows": 3,
                        "by_unit": {None: 3},
                        "by_period": {"2023-11": 3},
                        "counts": {"stage": {"在建": 1, "预备": 1, "前期": 1}, "zone": {"园区": 3}},
                        "sums": {
                            "total_investment": 52500,
                            "annual_plan": 9400,
                            "completed_investment": 4800,
                        },
                    }
                },
                "reason_has": [["更正", "替换"]],
            },
        },
    )


def k08():
    name = "镇重点项目11月进展（按颜色分阶段）.xlsx"
    header = [
        "序号",
        "项目名称",
        "建设内容",
        "总投资（万元）",
        "2023年计划投资（万元）",
        "1-11月累计完成投资（万元）",
        "形象进度",
        "责任单位",
    ]
    rows = [
        [1, "镇区公共停车场", "停车位300个", 2000, 800, 650, "主体完工", "镇城建办"],
        [2, "吴江村污水提升", "管网4公里", 1500, 600, 520, "管网铺设", "吴江村委会"],
        [3, "后埔村祠堂广场", "广场6000平方米", 900, 200, 0, "施工招标", "后埔村委会"],
        [4, "下垞古民居保护", "古民居修缮12栋", 3000, 100, 0, "测绘", "下垞村委会"],
        [5, "溪白社区邻里中心", "邻里中心2000平方米", 1800, 150, 10, "方案", "溪白社区"],
    ]
    fills = [GREEN, GREEN, YELLOW, None, None]
    wb, ws, hdr = simple_xlsx(
        name,
        "11月",
        "西天尾镇2023年11月重点项目进展表",
        "填报单位：镇项目办",
        header,
        rows,
        footer=[None, "注：绿色为在建项目，黄色为预备项目，无底色为前期项目。"],
        save_it=False,
    )
    for i, f in enumerate(fills):
        if f is None:
            continue
        for c in range(1, len(header) + 1):
            ws.cell(row=hdr + 1 + i, column=c).fill = f
    save(wb, name)
    case(
        "b5_k08_stage_only_as_row_colour",
        [name],
        "没有项目阶段列：整行底纹表示阶段（绿=在建、黄=预备、无底色=前期），图例在表下。读懂就入库，读不了暂存；"
        "错误的静默读法是阶段全空或全当一种（在建/预备/前期项目数全错）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "key_projects": {
                    "rows": 5,
                    "by_unit": {None: 5},
                    "by_period": {"2023-11": 5},
                    "counts": {"stage": {"在建": 2, "预备": 1, "前期": 2}, "zone": {"镇": 5}},
                    "sums": {"total_investment": 9200, "annual_plan": 1850, "completed_investment": 1180},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"key_projects": {"rows": 0}}, "reason_has": [["颜色", "底纹", "阶段"]]},
        },
    )


def k09():
    name = "园区管委会10月重点项目台账.xlsx"
    header = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "2023年计划投资（万元）",
        "1-10月累计完成投资（万元）",
        "备注",
    ]
    rows = [
        [1, "园区食品产业园", "在建", "1亿2000万", 3000, 2450, None],
        [2, "园区仓储物流中心", "在建", "3.5千万", 1200, 1100, None],
        [3, "园区研发中心", "预备", "约8000", 800, 0, "估算"],
        [4, "园区安置区配套", "前期", "5000～6000", 300, 0, "待可研确定"],
    ]
    simple_xlsx(name, "10月", "西天尾工业园区2023年10月重点项目台账", "填报单位：园区管委会", header, rows)
    case(
        "b5_k09_money_written_yi_qianwan_approx_range",
        [name],
        "总投资一栏口语写法：“1亿2000万”（12000万元）、“3.5千万”（3500万元）、“约8000”（按8000）、“5000～6000”（区间，说不准）。"
        "区间那行单行隔离；错误的静默读法是取5000、6000、5500或拼成50006000。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 3,
                    "by_unit": {None: 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"stage": {"在建": 2, "预备": 1}, "zone": {"园区": 3}},
                    "sums": {"total_investment": 23500, "annual_plan": 5000, "completed_investment": 3550},
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["总投资", "区间", "范围", "5000"]],
        },
    )


def k10():
    name = "镇重点项目推进表（11月）.xlsx"
    header = [h.replace("1-10月", "1-11月") for h in KH]
    rows = [
        [
            1,
            "西天尾中学运动场",
            "镇",
            "在建",
            "400米跑道",
            1500,
            900,
            820,
            "面层施工",
            "无",
            "陈某",
            "镇教委",
        ],
        [
            2,
            "镇卫生院综合楼",
            "镇",
            "预备",
            "综合楼1幢",
            6000,
            500,
            0,
            "施工图审查",
            "无",
            "林某",
            "镇卫生院",
        ],
        [
            3,
            "龙山村公墓迁改",
            "镇",
            "前期",
            "公墓迁改",
            2000,
            100,
            0,
            "选址",
            "群众意见",
            "黄某",
            "龙山村委会",
        ],
        [4, "澄渚社区菜市场", "镇", "在建", "菜市场改造", 1200, 700, 690, "收尾", "无", "吴某", "澄渚社区"],
        [5, "后卓村水系连通", "镇", "前期", "水系3公里", 3500, 200, 15, "可研", "无", "郑某", "镇水利站"],
    ]
    wb, ws, hdr = simple_xlsx(
        name, "11月", "西天尾镇2023年11月重点项目推进表", "填报单位：镇项目办", header, rows, save_it=False
    )
    ws.auto_filter.ref = f"A{hdr}:L{hdr + len(rows)}"
    ws.auto_filter.add_filter_column(3, ["在建"])
    for i, row in enumerate(rows):
        if row[3] != "在建":
            ws.row_dimensions[hdr + 1 + i].hidden = True
    save(wb, name)
    case(
        "b5_k10_filter_left_on_stage_hides_projects",
        [name],
        "项目办在“项目阶段”上筛选看在建项目，忘了取消筛选就发了：预备、前期3个项目的行被隐藏，但都是11月在册项目。"
        "应5个全入库；错误的静默读法是只认看得见的2个在建项目（预备/前期项目数变0）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "key_projects": {
                    "rows": 5,
                    "by_unit": {None: 5},
                    "by_period": {"2023-11": 5},
                    "counts": {"stage": {"在建": 2, "预备": 1, "前期": 2}, "zone": {"镇": 5}},
                    "sums": {"total_investment": 14200, "annual_plan": 2400, "completed_investment": 1525},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"key_projects": {"rows": 0}}, "reason_has": [["筛选", "隐藏"]]},
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
    "备注",
]


def p01():
    name = "信访系统来访登记导出（积案）_202310.xlsx"
    header = [
        "序号",
        "案件编号",
        "信访人",
        "来访日期",
        "反映问题",
        "包案领导",
        "办理状态",
        "化解日期",
        "承诺书",
    ]
    rows = [
        [1, "XF2019-007", "陈某根", D(2023, 3, 2), "宅基地纠纷", "陈某", "化解中", None, "未签"],
        [2, "XF2019-007", "陈某根", D(2023, 6, 15), "宅基地纠纷", "陈某", "化解中", None, "未签"],
        [3, "XF2019-007", "陈某根", D(2023, 9, 20), "宅基地纠纷", "陈某", "已化解", D(2023, 9, 20), "已签"],
        [4, "XF2020-013", "林某妹", D(2023, 5, 10), "征地补偿", "林某", "化解中", None, "未签"],
        [5, "XF2020-013", "林某妹", D(2023, 10, 8), "征地补偿", "林某", "化解中", None, "未签"],
        [6, "XF2021-002", "黄某福", D(2023, 4, 12), "劳资欠薪", "黄某", "已化解", D(2023, 4, 30), "已签"],
        [7, "XF2022-019", "吴某强", D(2023, 8, 3), "拆迁安置", "吴某", "已化解", D(2023, 10, 16), "未签"],
    ]
    simple_xlsx(
        name, "Sheet1", "西天尾镇信访积案化解台账（2023年10月）", "填报单位：镇综治中心", header, rows
    )
    case(
        "b5_p01_visit_log_several_rows_per_case",
        [name],
        "综治中心从信访系统导出的是“来访登记”：同一积案每来访一次一行（XF2019-007三行、XF2020-013两行），标题却写“积案化解台账”。"
        "积案是4件（3件已化解、2件签承诺书）；错误的静默读法是7行当7件积案。一件一行的台账要分析员确认怎么归并。",
        {
            "outcome": ["held"],
            "reason_has": [["案件编号", "重复", "同一", "多次", "来访"]],
            "figures": {"petitions": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {
                    "figures": {
                        "petitions": {
                            "rows": 4,
                            "by_unit": {None: 4},
                            "counts": {
                                "status": {"resolved": 3, "open": 1},
                                "pledge_signed": {True: 2, False: 2},
                            },
                        }
                    }
                }
            ],
        },
    )


def p02():
    name = "信访积案台账_2023年11月_系统导出.xlsx"
    codes = ["AJBH", "XFR", "FYWT", "CFSJ", "BALD", "ZRDW", "HJCS", "ZT", "HJRQ", "SFQDCNS"]
    labels = [
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
    rows = [
        [
            "3503042019000156",
            "陈**",
            "山林权属",
            "2019-05-06",
            "陈某",
            "龙山村",
            "召开协调会",
            "已化解",
            "2023-03-18",
            "是",
        ],
        [
            "3503042020000412",
            "林**",
            "征地补偿",
            "2020-08-17",
            "林某",
            "镇征迁办",
            "分期补偿",
            "化解中",
            "",
            "否",
        ],
        [
            "3503042018000077",
            "黄**",
            "房屋拆迁",
            "2018-11-23",
            "黄某",
            "镇城建办",
            "安置到位",
            "已销号",
            "2023-07-02",
            "是",
        ],
        [
            "3503042021000239",
            "吴**",
            "劳资纠纷",
            "2021-03-09",
            "吴某",
            "镇劳保所",
            "司法救助",
            "化解中",
            "",
            "否",
        ],
        [
            "3503042022000301",
            "郑**",
            "土地承包",
            "2022-06-30",
            "郑某",
            "洞湖村",
            "重新确权",
            "已化解",
            "2023-11-06",
            "是",
        ],
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "Sheet0"
    put_rows(ws, [codes, labels] + rows)
    save(wb, name)
    case(
        "b5_p02_platform_field_code_row_above_labels",
        [name],
        "信访系统导出：第一行是字段代码（AJBH、XFR、FYWT、CFSJ…），第二行才是中文列名，再下面是数据；信访人脱敏成“陈**”，日期是文本。"
        "字段代码行不是数据，也不能当表头把列认丢。",
        {
            "outcome": ["loaded"],
            "figures": {
                "petitions": {
                    "rows": 5,
                    "by_unit": {None: 5},
                    "by_period": {"2023-11": 5},
                    "counts": {"status": {"resolved": 3, "open": 2}, "pledge_signed": {True: 3, False: 2}},
                    "values": {
                        "first_visit_date": [
                            "2019-05-06",
                            "2020-08-17",
                            "2018-11-23",
                            "2021-03-09",
                            "2022-06-30",
                        ]
                    },
                }
            },
            "meta": {name: {"period": "2023-11", "ledger": "petitions"}},
            "quarantined": 0,
        },
    )


def p03():
    name = "镇综治中心信访积案台账2023年11月.xlsx"
    header = PH[:-1] + ["是否反弹（重复访）", "备注"]
    rows = [
        [
            1,
            "XF2018-004",
            "陈某清",
            "宅基地",
            D(2018, 4, 9),
            "陈某",
            "镇国土所",
            "重新勘界",
            "已化解",
            D(2023, 3, 15),
            "是",
            "否",
            None,
        ],
        [
            2,
            "XF2020-021",
            "林某发",
            "征地补偿",
            D(2020, 9, 1),
            "林某",
            "镇征迁办",
            "补偿到位",
            "已化解",
            D(2023, 6, 30),
            "是",
            "是",
            "11月8日再次到区信访局上访",
        ],
        [
            3,
            "XF2021-011",
            "黄某珠",
            "医疗纠纷",
            D(2021, 2, 18),
            "黄某",
            "镇卫生院",
            "协调理赔",
            "化解中",
            None,
            "否",
            "—",
            None,
        ],
        [
            4,
            "XF2022-003",
            "吴某青",
            "劳资",
            D(2022, 5, 20),
            "吴某",
            "镇劳保所",
            "垫付工资",
            "已化解",
            D(2023, 9, 12),
            "是",
            "否",
            None,
        ],
    ]
    simple_xlsx(name, "11月", "西天尾镇信访积案化解台账（2023年11月）", "填报单位：镇综治中心", header, rows)
    case(
        "b5_p03_resolved_case_relapsed",
        [name],
        "积案台账多了一列“是否反弹（重复访）”：XF2020-021状态仍写“已化解”，反弹一栏“是”，备注“11月8日再次到区信访局上访”。"
        "还算不算已化解，是口径问题，要问；静默按状态算（4件化解3件）或静默改成化解中都不行。",
        {
            "outcome": ["held"],
            "reason_has": [["反弹", "重复访", "再次"]],
            "figures": {"petitions": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {
                    "figures": {
                        "petitions": {
                            "rows": 4,
                            "by_unit": {None: 4},
                            "counts": {
                                "status": {"resolved": 3, "open": 1},
                                "pledge_signed": {True: 3, False: 1},
                            },
                        }
                    }
                },
                {
                    "figures": {
                        "petitions": {
                            "rows": 4,
                            "by_unit": {None: 4},
                            "counts": {
                                "status": {"resolved": 2, "open": 2},
                                "pledge_signed": {True: 3, False: 1},
                            },
                        }
                    }
                },
            ],
        },
    )


def p04():
    name = "信访积案化解台账（综治中心10月）.xlsx"
    rows = [
        [
            1,
            "XF2019-002",
            "陈某安",
            "山林",
            D(2019, 3, 12),
            "陈某",
            "龙山村",
            "勘界",
            "已化解",
            D(2023, 2, 20),
            "已签",
            None,
        ],
        [
            2,
            "XF2020-011",
            "林某云",
            "征地",
            D(2020, 6, 5),
            "林某",
            "镇征迁办",
            "补偿",
            "化解中",
            None,
            "未签",
            "与XF2021-004并案办理",
        ],
        [
            3,
            "XF2021-004",
            "林某云",
            "征地补偿款分配",
            D(2021, 1, 22),
            "林某",
            "镇征迁办",
            "—",
            "已并案",
            None,
            None,
            "并入XF2020-011",
        ],
        [
            4,
            "XF2021-015",
            "黄某勤",
            "劳资",
            D(2021, 8, 30),
            "黄某",
            "镇劳保所",
            "调解",
            "已化解",
            D(2023, 7, 8),
            "已签",
            None,
        ],
        [
            5,
            "XF2022-006",
            "吴某芳",
            "婚姻",
            D(2022, 4, 14),
            "吴某",
            "镇妇联",
            "心理疏导",
            "化解中",
            None,
            "未签",
            None,
        ],
        [
            6,
            "XF2022-010",
            "郑某水",
            "拆迁",
            D(2022, 9, 9),
            "郑某",
            "镇城建办",
            "安置",
            "已化解",
            D(2023, 10, 20),
            "已签",
            None,
        ],
    ]
    simple_xlsx(name, "10月", "西天尾镇信访积案化解台账（2023年10月）", "填报单位：镇综治中心", PH, rows)
    case(
        "b5_p04_merged_case_row",
        [name],
        "XF2021-004已并入XF2020-011（状态“已并案”，备注“并入XF2020-011”），但仍占一行。积案是5件；“已并案”那行隔离说明。"
        "错误的静默读法是算6件积案，或把“已并案”当成已化解/已销号（化解4件）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "petitions": {
                    "rows": 5,
                    "by_unit": {None: 5},
                    "by_period": {"2023-10": 5},
                    "counts": {"status": {"resolved": 3, "open": 2}, "pledge_signed": {True: 3, False: 2}},
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["并案", "并入"]],
            "if_held": {
                "figures": {"petitions": {"rows": 0}},
                "quarantined": 0,
                "reason_has": [["并案", "并入"]],
            },
        },
    )


def p05():
    name = "综治中心信访积案台账（2023年10月）.xls"
    rows = [
        [
            1,
            "XF2019-010",
            "陈某松",
            "宅基地",
            "2019.04.03",
            "陈某",
            "镇国土所",
            "协调",
            "已化解",
            "2023.05.11",
            "已签（附后）",
            "",
        ],
        [
            2,
            "XF2020-006",
            "林某花",
            "征地",
            "2020.07.21",
            "林某",
            "镇征迁办",
            "补偿",
            "化解中",
            "",
            "拒签",
            "要求提高补偿",
        ],
        [
            3,
            "XF2020-018",
            "黄某旺",
            "山林",
            "2020.10.15",
            "黄某",
            "洞湖村",
            "勘界",
            "已化解",
            "2023.08.26",
            "口头承诺",
            "不愿签字",
        ],
        [
            4,
            "XF2021-009",
            "吴某兰",
            "劳资",
            "2021.12.01",
            "吴某",
            "镇劳保所",
            "诉讼引导",
            "化解中",
            "",
            "待签",
            "",
        ],
        [
            5,
            "XF2022-014",
            "郑某生",
            "拆迁",
            "2022.03.28",
            "郑某",
            "镇城建办",
            "安置",
            "已化解",
            "2023.10.09",
            "已签",
            "",
        ],
    ]
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("10月")
    ws.write_merge(0, 0, 0, len(PH) - 1, "西天尾镇信访积案化解台账（2023年10月）")
    ws.write(1, 0, "填报单位：镇综治中心")
    for c, h in enumerate(PH):
        ws.write(2, c, h)
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if v != "":
                ws.write(r, c, v)
    wb.save(str(FILES / name))
    case(
        "b5_p05_pledge_words_refused_verbal_pending",
        [name],
        "承诺书一栏写法：“已签（附后）”“已签”算签了；“拒签”“待签”“口头承诺”（当事人不愿签字）都不算签订。"
        "错误的静默读法是见“签/承诺”就算签订（5件签5件，息访息诉承诺书数虚高）。老式.xls。",
        {
            "outcome": ["loaded"],
            "figures": {
                "petitions": {
                    "rows": 5,
                    "by_unit": {None: 5},
                    "by_period": {"2023-10": 5},
                    "counts": {"status": {"resolved": 3, "open": 2}, "pledge_signed": {True: 2, False: 3}},
                }
            },
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ legal visits
LH = ["序号", "日期", "姓名", "身份", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"]
COURT = "荔城区人民法院西天尾法庭"
PROC = "荔城区人民检察院"
POLICE = "荔城公安分局西天尾派出所"
LAW = "福建某某律师事务所"


def l01():
    name = "镇综治中心三官一律下沉台账（2023年10月）.xlsx"
    header = [
        "序号",
        "日期",
        "姓名",
        "身份",
        "派出单位",
        "挂点村居",
        "活动内容",
        "本次化解纠纷数",
        "累计化解纠纷数",
        "本次法律咨询数",
        "累计法律咨询数",
    ]
    rows = [
        [1, D(2023, 10, 9), "郑某某", "法官", COURT, "龙山村", "带案下访", 1, 12, 3, 40],
        [2, D(2023, 10, 12), "黄某某", "检察官", PROC, "吴江村", "普法宣传", 0, 3, 6, 28],
        [3, D(2023, 10, 17), "郑某某", "法官", COURT, "北大村", "参与调解", 2, 14, 2, 42],
        [4, D(2023, 10, 20), "林某某", "警官", POLICE, "洞湖村", "法律咨询", 0, 5, 5, 33],
        [5, D(2023, 10, 26), "方某某", "律师", LAW, "后卓村", "法律咨询", 1, 7, 8, 51],
    ]
    simple_xlsx(
        name, "10月", "西天尾镇“三官一律”下沉工作台账（2023年10月）", "填报单位：镇综治中心", header, rows
    )
    case(
        "b5_l01_this_visit_and_running_total_columns",
        [name],
        "每个计数都有两列：“本次化解纠纷数/累计化解纠纷数”“本次法律咨询数/累计法律咨询数”（累计是此人全年到此次为止）。取本次；"
        "错误的静默读法是取累计列（化解41件、咨询194人次，比本月真实的4件、24人次多出好几倍）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 5,
                    "by_unit": {"龙山村": 1, "吴江村": 1, "北大村": 1, "洞湖村": 1, "后卓村": 1},
                    "by_period": {"2023-10": 5},
                    "counts": {"role": {"法官": 2, "检察官": 1, "警官": 1, "律师": 1}},
                    "sums": {"disputes_resolved": 4, "consultations": 24},
                    "values": {
                        "visit_date": ["2023-10-09", "2023-10-12", "2023-10-17", "2023-10-20", "2023-10-26"]
                    },
                }
            },
            "quarantined": 0,
        },
    )


def l02():
    name = "渭阳社区法律顾问服务台账（2023年10月）.xlsx"
    rows = [
        [1, "10/9/2023", "方某某", "律师", LAW, "渭阳社区", "法律咨询", 0, 4],
        [2, "10/12/2023", "方某某", "律师", LAW, "渭阳社区", "普法讲座", 0, 15],
        [3, "10/23/2023", "方某某", "律师", LAW, "渭阳社区", "参与调解", 1, 2],
        [4, "10/30/2023", "方某某", "律师", LAW, "渭阳社区", "法律咨询", 0, 3],
    ]
    simple_xlsx(
        name,
        "Sheet1",
        "渭阳社区“一社区一法律顾问”服务台账（2023年10月）",
        "填报单位：渭阳社区居委会",
        LH,
        rows,
    )
    case(
        "b5_l02_us_locale_month_first_dates",
        [name],
        "法律顾问在英文系统的笔记本上做的表，日期是美式“月/日/年”文本：10/9/2023、10/12/2023、10/23/2023、10/30/2023；标题写10月。"
        "按标题和10/23这种只可能是月/日的写法读成10月9日等；错误的静默读法是按日/月读成9月10日、12月10日。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 4,
                    "by_unit": {"渭阳社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {"role": {"律师": 4}},
                    "sums": {"disputes_resolved": 1, "consultations": 24},
                    "values": {"visit_date": ["2023-10-09", "2023-10-12", "2023-10-23", "2023-10-30"]},
                }
            },
            "quarantined": 0,
        },
    )


def l03():
    name = "吴江村三官一律工作台账2023年11月.xlsx"
    rows = [
        [
            1,
            D(2023, 11, 3),
            "郑某某",
            "法官",
            COURT,
            "吴江村",
            "带案下访",
            "2（调解成功）",
            "5人次（含电话咨询2人次）",
        ],
        [2, D(2023, 11, 10), "林某某", "警官", POLICE, "吴江村", "普法宣传", "0", "12"],
        [
            3,
            D(2023, 11, 17),
            "方某某",
            "律师",
            LAW,
            "吴江村",
            "参与调解",
            "1件，另1件转法院",
            "3人次，发放资料30份",
        ],
        [4, D(2023, 11, 24), "黄某某", "检察官", PROC, "吴江村", "法律咨询", "无", "8"],
    ]
    simple_xlsx(name, "11月", "吴江村“三官一律”进村工作台账（2023年11月）", "填报单位：吴江村委会", LH, rows)
    case(
        "b5_l03_notes_written_into_count_cells",
        [name],
        "计数格里写了说明：“2（调解成功）”“5人次（含电话咨询2人次）”“1件，另1件转法院”“3人次，发放资料30份”“无”。"
        "取第一个数：化解3件、咨询28人次；错误的静默读法是把格子里的数字都加起来或拼起来（5+2、30份资料算咨询）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 4,
                    "by_unit": {"吴江村": 4},
                    "by_period": {"2023-11": 4},
                    "counts": {"role": {"法官": 1, "警官": 1, "律师": 1, "检察官": 1}},
                    "sums": {"disputes_resolved": 3, "consultations": 28},
                }
            },
            "quarantined": 0,
        },
    )


def l04():
    name = "后埔村三官一律台账10月.xlsx"
    rows = [
        [1, D(2023, 10, 10), "郑某某", "法官", COURT, "后埔村", "带案下访", 1, 3],
        [
            2,
            D(2023, 10, 18),
            "王某某、方某某",
            "法官、律师",
            f"西天尾法庭、{LAW}",
            "后埔村",
            "联合下访",
            2,
            6,
        ],
        [3, D(2023, 10, 25), "林某某", "警官", POLICE, "后埔村", "普法宣传", 0, 10],
    ]
    simple_xlsx(name, "10月", "后埔村2023年10月“三官一律”下沉工作台账", "填报单位：后埔村委会", LH, rows)
    case(
        "b5_l04_joint_visit_two_people_one_row",
        [name],
        "第2行是法官和律师联合下访，两人写在一格（“王某某、方某某”“法官、律师”），化解2件、咨询6人次算在一起。"
        "这是1次还是2次下沉、2件记给谁，说不准：该行隔离说明。错误的静默读法是按第一个身份记成1次法官下沉（或拆成两次把2件算成4件）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "legal_visits": {
                    "rows": 2,
                    "by_unit": {"后埔村": 2},
                    "by_period": {"2023-10": 2},
                    "counts": {"role": {"法官": 1, "警官": 1}},
                    "sums": {"disputes_resolved": 1, "consultations": 13},
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["身份", "两人", "多人", "联合", "姓名"]],
            "if_held": {
                "figures": {"legal_visits": {"rows": 0}},
                "quarantined": 0,
                "reason_has": [["身份", "联合", "两人", "多人"]],
            },
        },
    )


def l05():
    name = "象峰村三官一律下沉登记（11月）.xlsx"
    header = ["序号", "日期", "下沉人员", "挂点村居", "工作内容", "化解纠纷（件）", "法律咨询（人次）"]
    rows = [
        [1, D(2023, 11, 2), "郑法官", "象峰村", "带案下访", 1, 4],
        [2, D(2023, 11, 8), "黄检察官", "象峰村", "普法宣传", 0, 6],
        [3, D(2023, 11, 15), "林警官（社区民警）", "象峰村", "矛盾排查", 1, 2],
        [4, D(2023, 11, 21), "方律师", "象峰村", "法律咨询", 0, 9],
        [5, D(2023, 11, 29), "陈法官", "象峰村", "参与调解", 2, 3],
    ]
    simple_xlsx(name, "Sheet1", "象峰村2023年11月“三官一律”下沉登记表", "填报单位：象峰村委会", header, rows)
    case(
        "b5_l05_role_only_in_name_title",
        [name],
        "没有身份列也没有派出单位：只有一列“下沉人员”，写“郑法官”“黄检察官”“林警官（社区民警）”“方律师”“陈法官”，身份就在称呼里。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 5,
                    "by_unit": {"象峰村": 5},
                    "by_period": {"2023-11": 5},
                    "counts": {"role": {"法官": 2, "检察官": 1, "警官": 1, "律师": 1}},
                    "sums": {"disputes_resolved": 4, "consultations": 24},
                }
            },
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ grid events
GH = [
    "序号",
    "事件编号",
    "所属网格",
    "事件类型",
    "事件描述",
    "上报人",
    "上报时间",
    "处理时限",
    "办结时间",
    "状态",
]


def g01():
    a = "东星社区网格事件_20231001-20231020.xlsx"
    b = "东星社区网格事件_20231001-20231031.xlsx"
    ev = {
        "E1": [
            "2023100300012",
            "东星第3网格",
            "服务群众",
            "咨询养老补贴",
            "网格员甲",
            T(2023, 10, 3, 9, 12),
            T(2023, 10, 6, 9, 12),
        ],
        "E2": [
            "2023100800021",
            "东星第7网格",
            "公共安全",
            "电动车楼道充电",
            "网格员乙",
            T(2023, 10, 8, 14, 30),
            T(2023, 10, 11, 14, 30),
        ],
        "E3": [
            "2023101200005",
            "东星第12网格",
            "生态环境",
            "垃圾堆放",
            "网格员丙",
            T(2023, 10, 12, 10, 5),
            T(2023, 10, 15, 10, 5),
        ],
        "E4": [
            "2023101500033",
            "东星第1网格",
            "治安防控",
            "可疑人员",
            "网格员丁",
            T(2023, 10, 15, 16, 40),
            T(2023, 10, 16, 16, 40),
        ],
        "E5": [
            "2023101900008",
            "东星第21网格",
            "维护稳定",
            "邻里争吵",
            "网格员戊",
            T(2023, 10, 19, 11, 20),
            T(2023, 10, 22, 11, 20),
        ],
        "E6": [
            "2023102300017",
            "东星第5网格",
            "服务群众",
            "办理居住证",
            "网格员己",
            T(2023, 10, 23, 8, 50),
            T(2023, 10, 26, 8, 50),
        ],
        "E7": [
            "2023102700002",
            "东星第33网格",
            "公共安全",
            "井盖破损",
            "网格员庚",
            T(2023, 10, 27, 15, 15),
            T(2023, 10, 30, 15, 15),
        ],
        "E8": [
            "2023103000019",
            "东星第12网格",
            "服务群众",
            "低保咨询",
            "网格员丙",
            T(2023, 10, 30, 9, 40),
            T(2023, 11, 2, 9, 40),
        ],
    }

    def row(i, k, closed, status):
        e = ev[k]
        return [i, e[0], e[1], e[2], e[3], e[4], e[5], e[6], closed, status]

    rows_a = [
        row(1, "E1", T(2023, 10, 4, 15, 0), "已办结"),
        row(2, "E2", None, "办理中"),
        row(3, "E3", T(2023, 10, 13, 9, 0), "已办结"),
        row(4, "E4", None, "受理"),
        row(5, "E5", None, "已分流"),
    ]
    rows_b = [
        row(1, "E1", T(2023, 10, 4, 15, 0), "已办结"),
        row(2, "E2", T(2023, 10, 24, 10, 0), "已办结"),
        row(3, "E3", T(2023, 10, 13, 9, 0), "已办结"),
        row(4, "E4", T(2023, 10, 21, 11, 0), "已办结"),
        row(5, "E5", None, "已分流"),
        row(6, "E6", T(2023, 10, 24, 16, 0), "已办结"),
        row(7, "E7", None, "办理中"),
        row(8, "E8", None, "受理"),
    ]

    def write(name, exported, upto, rows):
        wb = wb_new()
        ws = wb.active
        ws.title = "事件列表"
        ws.cell(row=1, column=1, value="网格事件查询结果")
        ws.cell(row=2, column=1, value=f"导出时间：{exported}")
        ws.cell(row=3, column=1, value=f"查询条件：所属社区=东星社区；上报时间 2023-10-01 至 {upto}")
        put_rows(ws, [GH] + rows, start=4)
        save(wb, name)

    write(a, "2023-10-21 08:30:11", "2023-10-20", rows_a)
    write(b, "2023-11-01 08:05:47", "2023-10-31", rows_b)
    case(
        "b5_g01_overlapping_exports_same_month",
        [a, b],
        "网格员10月21日先导出“10月1日至20日”（5条）交了一次，11月1日又导出“10月1日至31日”（8条，含前5条且其中2条状态已变为已办结）。"
        "后一份覆盖前一份：10月是8条事件；错误的静默读法是两份相加成13条（前5条重复计数，办结率也被旧状态拉低）。",
        {
            "outcome": ["loaded", ["loaded", "held"]],
            "figures": {
                "grid_events": {
                    "rows": 8,
                    "by_unit": {"东星社区": 8},
                    "by_period": {"2023-10": 8},
                    "counts": {
                        "status": {"已办结": 5, "办理中": 1, "已分流": 1, "受理": 1},
                        "event_type": {
                            "服务群众": 3,
                            "公共安全": 2,
                            "生态环境": 1,
                            "治安防控": 1,
                            "维护稳定": 1,
                        },
                        "grid_id": {"G03": 1, "G07": 1, "G12": 2, "G01": 1, "G21": 1, "G05": 1, "G33": 1},
                    },
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {
                    "grid_events": {
                        "rows": 5,
                        "by_unit": {"东星社区": 5},
                        "by_period": {"2023-10": 5},
                        "counts": {
                            "status": {"已办结": 2, "办理中": 1, "受理": 1, "已分流": 1},
                            "event_type": {
                                "服务群众": 1,
                                "公共安全": 1,
                                "生态环境": 1,
                                "治安防控": 1,
                                "维护稳定": 1,
                            },
                            "grid_id": {"G03": 1, "G07": 1, "G12": 1, "G01": 1, "G21": 1},
                        },
                    }
                },
                "reason_has": [["重叠", "覆盖", "替换", "重复", "事件编号", "已报"]],
            },
        },
    )


def g02():
    name = "东星社区网格事件_接口数据_202310.csv"
    cst = dt.timezone(dt.timedelta(hours=8))

    def ms(*a):
        return str(int(dt.datetime(*a, tzinfo=cst).timestamp() * 1000))

    header = ["事件编号", "所属网格", "事件类型", "事件描述", "上报时间", "处理时限", "办结时间", "状态"]
    rows = [
        header,
        [
            "2023100100003",
            "东星第2网格",
            "治安防控",
            "夜间噪音扰民",
            ms(2023, 10, 1, 3, 20),
            ms(2023, 10, 2, 3, 20),
            ms(2023, 10, 1, 9, 0),
            "已办结",
        ],
        [
            "2023100900011",
            "东星第9网格",
            "服务群众",
            "医保咨询",
            ms(2023, 10, 9, 14, 5, 30),
            ms(2023, 10, 12, 14, 5, 30),
            ms(2023, 10, 10, 10, 0),
            "已办结",
        ],
        [
            "2023101700020",
            "东星第15网格",
            "公共安全",
            "路灯损坏",
            ms(2023, 10, 17, 21, 45),
            ms(2023, 10, 20, 21, 45),
            "",
            "办理中",
        ],
        [
            "2023102400004",
            "东星第27网格",
            "服务群众",
            "独居老人走访",
            ms(2023, 10, 24, 8, 0),
            ms(2023, 10, 27, 8, 0),
            ms(2023, 10, 24, 17, 30),
            "已办结",
        ],
        [
            "2023103100026",
            "东星第30网格",
            "生态环境",
            "河道漂浮物",
            ms(2023, 10, 31, 23, 10),
            ms(2023, 11, 3, 23, 10),
            "",
            "受理",
        ],
    ]
    (FILES / name).write_bytes(csv_text(rows).encode("utf-8"))
    case(
        "b5_g02_times_as_epoch_milliseconds",
        [name],
        "信息员从平台接口取数转成CSV，时间列是13位毫秒时间戳（1696101600000这种）。平台时间是北京时间：第1条是10月1日03:20；"
        "按UTC读会静默变成9月30日19:20（跑到9月），其余时间全差8小时（按期办结也跟着错）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "grid_events": {
                    "rows": 5,
                    "by_unit": {"东星社区": 5},
                    "by_period": {"2023-10": 5},
                    "counts": {
                        "status": {"已办结": 3, "办理中": 1, "受理": 1},
                        "grid_id": {"G02": 1, "G09": 1, "G15": 1, "G27": 1, "G30": 1},
                    },
                    "values": {
                        "reported_at": [
                            "2023-10-01 03:20:00",
                            "2023-10-09 14:05:30",
                            "2023-10-17 21:45:00",
                            "2023-10-24 08:00:00",
                            "2023-10-31 23:10:00",
                        ]
                    },
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"grid_events": {"rows": 0}},
                "reason_has": [["时间", "时间戳", "上报时间"]],
            },
        },
    )


def g03():
    name = "东星社区网格事件10月（平台导出）.csv"
    header = ["事件编号", "事件位置", "事件分类", "上报时间", "办结时间", "状态", "事件描述", "上报人"]
    rows = [
        header,
        [
            "DX2023100401",
            "东星第5网格第3单元",
            "服务群众>就业创业>失业登记",
            "2023-10-04 09:30:00",
            "2023-10-05 11:00:00",
            "已办结",
            "居民咨询失业登记",
            "网格员甲",
        ],
        [
            "DX2023101002",
            "东星第11网格第12单元",
            "公共安全>消防安全>楼道堆物",
            "2023-10-10 15:20:00",
            "2023-10-11 10:00:00",
            "已办结",
            "居民反映：\n楼道堆放杂物，存在消防隐患",
            "网格员乙",
        ],
        [
            "DX2023101603",
            "东星社区第18网格第2单元",
            "生态环境>环境卫生>垃圾乱堆",
            "2023-10-16 10:10:00",
            "",
            "办理中",
            '小区东门,垃圾未清运,"已联系物业"',
            "网格员丙",
        ],
        [
            "DX2023102204",
            "东星第5网格第14单元",
            "治安防控>矛盾纠纷>邻里纠纷",
            "2023-10-22 19:05:00",
            "",
            "已分流",
            "邻里因噪音争吵\n已分流至社区调委会",
            "网格员甲",
        ],
        [
            "DX2023102905",
            "东星第30网格第1单元",
            "维护稳定>重点人员>走访",
            "2023-10-29 08:45:00",
            "2023-10-29 12:00:00",
            "已办结",
            "例行走访",
            "网格员丁",
        ],
    ]
    (FILES / name).write_bytes(csv_text(rows).encode("gbk"))
    case(
        "b5_g03_category_path_and_grid_cell_location",
        [name],
        "平台新版导出（GBK）：事件分类是层级路径“服务群众>就业创业>失业登记”，事件位置写到单元“东星第5网格第3单元”，"
        "事件描述里有换行、逗号和引号（CSV带引号的多行字段）。类型取第一级，网格取“第N网格”；错误的静默读法是把单元号当网格"
        "（第5网格第3单元→G03）或把多行描述拆成新记录。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": {
                    "rows": 5,
                    "by_unit": {"东星社区": 5},
                    "by_period": {"2023-10": 5},
                    "counts": {
                        "grid_id": {"G05": 2, "G11": 1, "G18": 1, "G30": 1},
                        "event_type": {
                            "服务群众": 1,
                            "公共安全": 1,
                            "生态环境": 1,
                            "治安防控": 1,
                            "维护稳定": 1,
                        },
                        "status": {"已办结": 3, "办理中": 1, "已分流": 1},
                    },
                    "values": {
                        "reported_at": [
                            "2023-10-04 09:30:00",
                            "2023-10-10 15:20:00",
                            "2023-10-16 10:10:00",
                            "2023-10-22 19:05:00",
                            "2023-10-29 08:45:00",
                        ]
                    },
                }
            },
            "quarantined": 0,
        },
    )


def g04():
    name = "东星社区网格事件台账_2023年11月.xlsx"
    header = [
        "序号",
        "事件编号",
        "所属网格",
        "事件类型",
        "事件描述",
        "上报时间",
        "办结时间",
        "状态",
        "是否有效事件",
        "备注",
    ]
    rows = [
        [
            1,
            "2023110200011",
            "东星第4网格",
            "服务群众",
            "路灯不亮",
            T(2023, 11, 2, 9, 5),
            T(2023, 11, 2, 16, 0),
            "已办结",
            "是",
            None,
        ],
        [
            2,
            "2023110200014",
            "东星第4网格",
            "服务群众",
            "路灯不亮",
            T(2023, 11, 2, 9, 20),
            T(2023, 11, 2, 16, 0),
            "已办结",
            "否",
            "重复上报，同2023110200011",
        ],
        [
            3,
            "2023110600007",
            "东星第9网格",
            "公共安全",
            "广告牌松动",
            T(2023, 11, 6, 14, 10),
            None,
            "办理中",
            "是",
            None,
        ],
        [
            4,
            "2023110900002",
            "东星第16网格",
            "生态环境",
            "污水外溢",
            T(2023, 11, 9, 8, 30),
            T(2023, 11, 10, 9, 0),
            "已办结",
            "是",
            None,
        ],
        [
            5,
            "2023111300009",
            "东星第22网格",
            "治安防控",
            "测试",
            T(2023, 11, 13, 10, 0),
            T(2023, 11, 13, 10, 1),
            "已办结",
            "否",
            "网格员测试数据",
        ],
        [
            6,
            "2023112000015",
            "东星第31网格",
            "服务群众",
            "残疾证办理",
            T(2023, 11, 20, 15, 45),
            None,
            "受理",
            "是",
            None,
        ],
    ]
    simple_xlsx(
        name,
        "11月",
        "东星社区网格事件台账（2023年11月）",
        "填报单位：东星社区网格化服务管理中心",
        header,
        rows,
    )
    case(
        "b5_g04_invalid_events_flagged_in_column",
        [name],
        "台账有一列“是否有效事件”：第2条“否”（重复上报）、第5条“否”（网格员测试数据）。无效事件不算采集事件，两行隔离说明；"
        "错误的静默读法是6条全算（采集数和办结数都多2）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "grid_events": {
                    "rows": 4,
                    "by_unit": {"东星社区": 4},
                    "by_period": {"2023-11": 4},
                    "counts": {
                        "status": {"已办结": 2, "办理中": 1, "受理": 1},
                        "grid_id": {"G04": 1, "G09": 1, "G16": 1, "G31": 1},
                    },
                    "values": {
                        "event_id": ["2023110200011", "2023110600007", "2023110900002", "2023112000015"]
                    },
                }
            },
            "quarantined": 2,
            "quarantine_reason_has": [["无效", "重复", "测试"]],
            "if_held": {
                "figures": {"grid_events": {"rows": 0}},
                "quarantined": 0,
                "reason_has": [["有效", "无效"]],
            },
        },
    )


def g05():
    name = "东星社区10月网格事件（整理）.xlsx"
    header = [
        "序号",
        "事件编号",
        "所属网格",
        "事件类型",
        "上报日期",
        "上报时刻",
        "办结日期",
        "办结时刻",
        "状态",
    ]
    rows = [
        [
            1,
            "2023100500006",
            "东星第6网格",
            "服务群众",
            D(2023, 10, 5),
            dt.time(8, 15),
            D(2023, 10, 5),
            dt.time(17, 0),
            "已办结",
        ],
        [
            2,
            "2023101100013",
            "东星第13网格",
            "公共安全",
            D(2023, 10, 11),
            dt.time(13, 40),
            D(2023, 10, 12),
            dt.time(9, 30),
            "已办结",
        ],
        [
            3,
            "2023101800009",
            "东星第20网格",
            "生态环境",
            D(2023, 10, 18),
            dt.time(17, 5),
            None,
            None,
            "办理中",
        ],
        [
            4,
            "2023102600021",
            "东星第26网格",
            "治安防控",
            D(2023, 10, 26),
            dt.time(10, 30),
            D(2023, 10, 27),
            dt.time(11, 0),
            "已办结",
        ],
    ]
    simple_xlsx(name, "整理", "东星社区2023年10月网格事件（整理）", None, header, rows)
    case(
        "b5_g05_datetime_split_into_date_and_time_columns",
        [name],
        "网格员用“数据→分列”把“上报时间”拆成“上报日期”（日期格）和“上报时刻”（时间格，存的是一天的小数），办结时间同样拆开。"
        "上报时间要合回来；错误的静默读法是只取日期（都是0点，按期办结和办结时长全错）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": {
                    "rows": 4,
                    "by_unit": {"东星社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "status": {"已办结": 3, "办理中": 1},
                        "grid_id": {"G06": 1, "G13": 1, "G20": 1, "G26": 1},
                    },
                    "values": {
                        "reported_at": [
                            "2023-10-05 08:15:00",
                            "2023-10-11 13:40:00",
                            "2023-10-18 17:05:00",
                            "2023-10-26 10:30:00",
                        ]
                    },
                }
            },
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ party activities
AH = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"]


def a01():
    name = "林峰社区党支部2023年第四季度三会一课计划.xlsx"
    header = ["序号", "计划时间", "活动类型", "活动主题", "参加对象", "责任人", "落实情况"]
    rows = [
        [1, D(2023, 10, 10), "支委会", "研究四季度工作", "支委", "林某芬", None],
        [2, D(2023, 10, 18), "党课", "学习贯彻党的二十大精神", "全体党员", "林某芬", None],
        [3, D(2023, 10, 25), "主题党日", "重阳敬老志愿服务", "全体党员", "林某芬", None],
        [4, D(2023, 11, 8), "支委会", "发展党员讨论", "支委", "林某芬", None],
        [5, D(2023, 11, 15), "党员大会", "接收预备党员", "全体党员", "林某芬", None],
        [6, D(2023, 12, 6), "党小组会", "年终总结", "各党小组", "林某芬", None],
    ]
    simple_xlsx(
        name,
        "四季度计划",
        "林峰社区党支部2023年第四季度“三会一课”计划安排表",
        "填报单位：林峰社区党支部    填报日期：2023年10月8日",
        header,
        rows,
    )
    case(
        "b5_a01_quarter_plan_not_activity_records",
        [name],
        "支部交的是第四季度“三会一课”计划安排表（10月8日填报，计划到12月，没有应到/实到，落实情况空白），不是已开展的活动记录。"
        "不能当活动入库；错误的静默读法是入6次活动（连12月还没开的会也算上）。",
        {
            "outcome": [["held", "rejected"]],
            "reason_has": [["计划", "安排"]],
            "figures": {"party_activities": {"rows": 0}},
            "quarantined": 0,
        },
    )


def a02():
    name = "后埔村党支部10月三会一课台账.xlsx"
    org = "后埔村党支部"
    rows = [
        [1, org, "支委会", D(2023, 10, 8), "村部会议室", "研究重阳节活动", 7, 7, "后某国"],
        [2, org, "支委会暨党员大会", D(2023, 10, 10), "村部会议室", "讨论发展对象", 36, 31, "后某国"],
        [3, org, "党小组会", D(2023, 10, 15), "第一党小组", "学习交流", 12, 11, "后某平"],
        [4, org, "主题党日+党课", D(2023, 10, 20), "村部", "书记讲党课、清洁家园", 36, 33, "后某国"],
        [5, org, "党课", D(2023, 10, 27), "村部", "廉政党课", 36, 30, "后某国"],
    ]
    simple_xlsx(name, "10月", "后埔村党支部2023年10月“三会一课”台账", "填报单位：后埔村党支部", AH, rows)
    case(
        "b5_a02_combined_meeting_types_in_one_row",
        [name],
        "两次活动一行写两种类型：“支委会暨党员大会”“主题党日+党课”。算一次还是两次、记哪一类说不准，这两行隔离说明；"
        "错误的静默读法是只取第一个词（记成支委会、主题党日），支委会应到7人却记成36人。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "party_activities": {
                    "rows": 3,
                    "by_unit": {"后埔村": 3},
                    "by_period": {"2023-10": 3},
                    "counts": {
                        "activity_type": {"支委会": 1, "党小组会": 1, "党课": 1},
                        "party_org_id": {"P14": 3},
                    },
                    "sums": {"expected": 55, "attended": 48},
                }
            },
            "quarantined": 2,
            "quarantine_reason_has": [["活动类型", "类型"]],
            "if_held": {
                "figures": {"party_activities": {"rows": 0}},
                "quarantined": 0,
                "reason_has": [["活动类型", "暨", "类型"]],
            },
        },
    )


def a03():
    name = "洞湖村党支部2023年11月组织生活登记.xlsx"
    header = ["序号", "活动类型", "日期", "地点", "主题", "出席情况", "主持人"]
    rows = [
        [
            1,
            "党员大会",
            D(2023, 11, 3),
            "村部",
            "民主评议党员动员",
            "应到38人，实到35人（请假3人）",
            "洞某德",
        ],
        [2, "支委会", D(2023, 11, 9), "村部", "研究困难党员慰问", "应到7人，实到7人", "洞某德"],
        [
            3,
            "主题党日",
            D(2023, 11, 17),
            "洞湖村文化广场",
            "消防安全宣传",
            "应到38人，实到32人，列席2人",
            "洞某德",
        ],
        [4, "党小组会", D(2023, 11, 24), "第二党小组", "学习交流", "应到12人 实到10人", "洞某水"],
    ]
    simple_xlsx(name, "11月", "洞湖村党支部2023年11月组织生活登记表", "填报单位：洞湖村党支部", header, rows)
    case(
        "b5_a03_attendance_as_sentence_in_one_cell",
        [name],
        "应到实到写在一格“出席情况”里：“应到38人，实到35人（请假3人）”“应到38人，实到32人，列席2人”“应到12人 实到10人”。"
        "应到95、实到84（列席不算实到）；错误的静默读法是取格里第一个数/最后一个数，或把列席加进实到。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "party_activities": {
                    "rows": 4,
                    "by_unit": {"洞湖村": 4},
                    "by_period": {"2023-11": 4},
                    "counts": {
                        "activity_type": {"党员大会": 1, "支委会": 1, "主题党日": 1, "党小组会": 1},
                        "party_org_id": {"P10": 4},
                    },
                    "sums": {"expected": 95, "attended": 84},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"party_activities": {"rows": 0}},
                "reason_has": [["出席", "应到", "实到"]],
            },
        },
    )


def a04():
    name = "林山村党支部10月组织生活记录.xlsx"
    rows = [
        [1, "林山村党支部", "支委会", D(2023, 10, 9), "村部", "研究10月工作", 7, 7, "林某川"],
        [2, "林山村第一党小组", "党小组会", D(2023, 10, 12), "组长家", "学习交流", 11, 10, "林某水"],
        [3, "林山村第二党小组", "党小组会", D(2023, 10, 13), "村部", "学习交流", 13, 12, "林某清"],
        [4, "林山村党支部", "主题党日", D(2023, 10, 20), "示范线", "环境整治", 35, 31, "林某川"],
        [5, "林山村第三党小组", "党小组会", D(2023, 10, 26), "祠堂", "学习交流", 11, 9, "林某福"],
    ]
    simple_xlsx(name, "10月", "林山村党支部2023年10月组织生活记录", "填报单位：林山村党支部", AH, rows)
    case(
        "b5_a04_party_group_names_in_org_column",
        [name],
        "党组织一栏混着支部和它的党小组：“林山村第一党小组”“林山村第二党小组”“林山村第三党小组”。党小组不是22个党组织之一，"
        "它的活动归林山村党支部（P17）；错误的做法是当未知党组织丢掉或隔离三次党小组会。",
        {
            "outcome": ["loaded"],
            "figures": {
                "party_activities": {
                    "rows": 5,
                    "by_unit": {"林山村": 5},
                    "by_period": {"2023-10": 5},
                    "counts": {
                        "activity_type": {"支委会": 1, "党小组会": 3, "主题党日": 1},
                        "party_org_id": {"P17": 5},
                    },
                    "sums": {"expected": 77, "attended": 69},
                }
            },
            "quarantined": 0,
        },
    )


def a05():
    name = "北大村党支部2023年10月三会一课.xlsx"
    org = "北大村党支部"
    rows = [
        [1, org, "支委会", D(2023, 10, 7), "村部", "研究10月工作", 7, 6, "北某林"],
        [2, org, "党员大会", D(2023, 10, 14), "村部", "发展党员表决", 41, 36, "北某林"],
        [3, org, "党课", D(2023, 10, 21), "村部", "书记讲党课", 41, 35, "北某林"],
        [4, org, "主题党日", D(2023, 10, 28), "北大村广场", "敬老服务", 41, 38, "北某林"],
    ]
    wb, ws, _ = simple_xlsx(
        name,
        "10月",
        "北大村党支部2023年10月“三会一课”台账",
        "填报单位：北大村党支部",
        AH,
        rows,
        save_it=False,
    )
    ws2 = wb.create_sheet("10月(打印)")
    title(ws2, "北大村党支部2023年10月“三会一课”台账", len(AH))
    ws2.cell(row=2, column=1, value="填报单位：北大村党支部（盖章）")
    put_rows(ws2, [AH] + rows, start=3)
    ws2.cell(row=3 + len(rows) + 1, column=1, value="支部书记签字：            日期：")
    ws2.page_setup.orientation = "landscape"
    ws2.print_title_rows = "3:3"
    save(wb, name)
    case(
        "b5_a05_identical_print_copy_sheet",
        [name],
        "工作簿里“10月”和“10月(打印)”两张表，后者是为打印盖章复制的一模一样的4次活动（多了签字行）。活动是4次；"
        "错误的静默读法是两张表都读，8次活动、应到260人。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "party_activities": {
                    "rows": 4,
                    "by_unit": {"北大村": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "activity_type": {"支委会": 1, "党员大会": 1, "党课": 1, "主题党日": 1},
                        "party_org_id": {"P09": 4},
                    },
                    "sums": {"expected": 130, "attended": 115},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"party_activities": {"rows": 0}},
                "reason_has": [["重复", "两张", "工作表", "打印", "相同"]],
            },
        },
    )


# ------------------------------------------------------------------ other
def o01():
    name = "后黄社区10月矛盾纠纷台账.et"
    rows = [
        [
            1,
            D(2023, 10, 7),
            "后某强",
            "13905949901",
            "邻里纠纷",
            "噪音",
            "后某红",
            "村级",
            "已化解",
            D(2023, 10, 8),
            "",
        ],
        [
            2,
            D(2023, 10, 16),
            "陈某玉",
            "13905949902",
            "婚姻家庭",
            "离婚",
            "后某红",
            "片区调解室",
            "化解中",
            None,
            "",
        ],
        [
            3,
            D(2023, 10, 25),
            "林某德",
            "13905949903",
            "物业纠纷",
            "物业费",
            "后某红",
            "村级",
            "已化解",
            D(2023, 10, 27),
            "",
        ],
    ]
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    datefmt = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    ws.write_merge(0, 0, 0, len(DH) - 1, "后黄社区2023年10月矛盾纠纷排查化解台账")
    ws.write(1, 0, "填报单位：后黄社区居委会")
    for c, h in enumerate(DH):
        ws.write(2, c, h)
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            if isinstance(v, dt.date):
                ws.write(r, c, v, datefmt)
            else:
                ws.write(r, c, v)
    wb.save(str(FILES / name))
    case(
        "b5_o01_wps_et_extension",
        [name],
        "WPS默认保存成“.et”（WPS表格格式）。这里的内容是与.xls同构的OLE复合文档（BIFF8）。能按xls读就入库；读不了要明确拒收并说清“.et/WPS格式，请另存为xlsx”。",
        {
            "outcome": [["loaded", "rejected"]],
            "figures": {
                "disputes": {
                    "rows": 3,
                    "by_unit": {"后黄社区": 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"status": {"resolved": 2, "open": 1}},
                    "values": {"received_date": ["2023-10-07", "2023-10-16", "2023-10-25"]},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"disputes": {"rows": 0}},
                "reason_has": [["et", "ET", "WPS", "格式", "扩展名", "另存"]],
            },
        },
    )


def o02():
    name = "北部片区10月矛盾纠纷台账（后卓、碗洋）.zip"
    inner = {}
    sets = {
        "后卓村10月矛盾纠纷台账.xlsx": (
            "后卓村2023年10月矛盾纠纷排查化解台账",
            "填报单位：后卓村委会",
            [
                drow(
                    1,
                    D(2023, 10, 6),
                    "后某林",
                    "13905940001",
                    "邻里纠纷",
                    "排水",
                    "后某忠",
                    "村级",
                    "已化解",
                    D(2023, 10, 7),
                ),
                drow(
                    2,
                    D(2023, 10, 19),
                    "陈某芳",
                    "13905940002",
                    "土地承包",
                    "地界",
                    "后某忠",
                    "村级",
                    "化解中",
                    None,
                ),
            ],
        ),
        "碗洋村10月矛盾纠纷台账.xlsx": (
            "碗洋村2023年10月矛盾纠纷排查化解台账",
            "填报单位：碗洋村委会",
            [
                drow(
                    1,
                    D(2023, 10, 3),
                    "碗某明",
                    "13905940003",
                    "婚姻家庭",
                    "赡养",
                    "碗某坤",
                    "村级",
                    "已化解",
                    D(2023, 10, 4),
                ),
                drow(
                    2,
                    D(2023, 10, 14),
                    "林某兰",
                    "13905940004",
                    "邻里纠纷",
                    "通道",
                    "碗某坤",
                    "片区调解室",
                    "已化解",
                    D(2023, 10, 20),
                ),
                drow(
                    3,
                    D(2023, 10, 28),
                    "黄某生",
                    "13905940005",
                    "山林权属",
                    "山场",
                    "碗某坤",
                    "镇级",
                    "化解中",
                    None,
                ),
            ],
        ),
    }
    for fname, (t, sub, rows) in sets.items():
        wb, _, _ = simple_xlsx(fname, "10月", t, sub, DH, rows, save_it=False)
        tmp = FILES / f"_tmp_{fname}"
        wb.save(tmp)
        fix_zip(tmp)
        inner[fname] = tmp.read_bytes()
        tmp.unlink()
    with zipfile.ZipFile(FILES / name, "w", zipfile.ZIP_DEFLATED) as z:
        for fname, data in inner.items():
            zi = zipfile.ZipInfo(fname, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    case(
        "b5_o02_zip_of_two_village_files",
        [name],
        "片区调解员把两个村的台账打成一个.zip发来（后卓村2件、碗洋村3件）。压缩包本身不是台账：拒收或暂存并说明“请解压后分别报送”；"
        "若程序自己解压，读出来应是两个村各自的台账。",
        {
            "outcome": [["rejected", "held"]],
            "reason_has": [["压缩", "zip", "ZIP", "解压"]],
            "figures": {"disputes": {"rows": 0}},
            "quarantined": 0,
            "readings": [
                {
                    "figures": {
                        "disputes": {
                            "rows": 5,
                            "by_unit": {"后卓村": 2, "碗洋村": 3},
                            "by_period": {"2023-10": 5},
                            "counts": {"status": {"resolved": 3, "open": 2}},
                        }
                    }
                }
            ],
        },
    )


# ------------------------------------------------------------------ main
def main():
    if FILES.exists():
        shutil.rmtree(FILES)
    FILES.mkdir()
    for fn in [
        d01, d02, d03, d04, d05, d06, d07, d08, d09, d10, d11, d12, d13, d14, d15, d16, d17,
        k01, k02, k03, k04, k05, k06, k07, k08, k09, k10,
        p01, p02, p03, p04, p05,
        l01, l02, l03, l04, l05,
        g01, g02, g03, g04, g05,
        a01, a02, a03, a04, a05,
        o01, o02,
    ]:  # fmt: skip
        fn()
    head = (
        "# Habit batch 5 — what a careful analyst wants in the warehouse after the case's files are ingested in order.\n"
        "# Written by hand from the rows make_files.py writes (never from running the program); generated by make_files.py.\n"
        "# Format: see batch1's header (files, outcome, figures rows/by_unit/by_period/counts/sums/values, quarantined,\n"
        "# quarantine_reason_has, reason_has, meta, if_held/if_loaded, readings).\n"
        "# NOTE: sums use the mart column names (total_investment, annual_plan, completed_investment, disputes_resolved,\n"
        "# consultations, expected, attended), as batches 3 and 4 do; rename if staging differs.\n"
        "# Each trap's story says what the wrong silent reading would be.\n\n"
    )
    text = yaml.safe_dump(CASES, allow_unicode=True, sort_keys=False, width=140, default_flow_style=None)
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
