"""Habit batch 4: write files/ and cases.yaml.

    /work/main/.venv/bin/python make_files.py

Every expectation below was worked out by hand from the rows written next to it (never by running the program).
All personal data is fake (names, 11-digit mobiles).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import xlsxwriter
import yaml
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
FILES.mkdir(exist_ok=True)
FIXED = dt.datetime(2023, 11, 1, 9, 0, 0)
D = dt.date
CASES: list[dict] = []


def case(cid, files, story, expect):
    CASES.append({"id": cid, "files": files, "story": story, "expect": expect})


# ------------------------------------------------------------------ writers
def wb_new():
    wb = openpyxl.Workbook()
    wb.properties.creator = "Administrator"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def put_rows(ws, rows, start=1):
    """rows: list of lists; dt.date / dt.datetime become real date cells."""
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
                cell.number_format = 'yyyy"年"m"月"d"日"'
    return start + len(rows)


def title(ws, text, ncols, row=1):
    ws.cell(row=row, column=1, value=text).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")


def save(wb, name):
    wb.save(FILES / name)


def simple_xlsx(name, sheet, title_text, sub, header, rows, footer=(), extra_sheets=()):
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
    r = put_rows(ws, [header] + rows, start=r)
    for f in footer:
        ws.cell(row=r, column=1, value=f)
        r += 1
    for s in extra_sheets:
        wb.create_sheet(s)
    save(wb, name)
    return wb


def write_csv(name, rows, encoding="utf-8-sig"):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (FILES / name).write_bytes(buf.getvalue().encode(encoding))


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
    name = "新建 Microsoft Excel 工作表.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 3),
            "陈国华",
            "13805941101",
            "邻里纠纷",
            "排水沟堵塞引发争执",
            "吴志强",
            "村级",
            "已化解",
            D(2023, 10, 5),
        ),
        drow(
            2,
            D(2023, 10, 11),
            "林秀英",
            "13905941102",
            "土地承包",
            "承包地边界不清",
            "吴志强",
            "片区调解室",
            "化解中",
            None,
        ),
        drow(
            3,
            D(2023, 10, 18),
            "黄丽珍",
            "13705941103",
            "婚姻家庭",
            "夫妻因赡养老人争吵",
            "郑美玉",
            "村级",
            "已化解",
            D(2023, 10, 19),
        ),
        drow(
            4,
            D(2023, 10, 25),
            "吴建平",
            "13605941104",
            "劳资纠纷",
            "工地拖欠工资",
            "吴志强",
            "镇级",
            "未化解",
            None,
            "已告知劳动监察",
        ),
    ]
    simple_xlsx(
        name,
        "Sheet1",
        "西天尾镇吴江村2023年10月矛盾纠纷排查化解台账",
        "填报单位：吴江村委会（盖章）        填报日期：2023年10月31日",
        DH,
        rows,
        footer=["填报人：郑美玉    审核人：吴志强"],
        extra_sheets=["Sheet2", "Sheet3"],
    )
    case(
        "b4_d01_wps_new_workbook_name",
        [name],
        "WPS默认文件名“新建 Microsoft Excel 工作表.xlsx”，单位和月份只在标题和填报单位行里；另有两个空白Sheet2/Sheet3。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"吴江村": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "status": {"resolved": 2, "open": 1, "not_resolved": 1},
                        "level": {"村/社区": 2, "片区调解室": 1, "镇": 1},
                        "dispute_type": {"邻里纠纷": 1, "土地承包": 1, "婚姻家庭": 1, "其他": 1},
                    },
                    "values": {
                        "received_date": ["2023-10-03", "2023-10-11", "2023-10-18", "2023-10-25"],
                        "resolved_date": ["2023-10-05", None, "2023-10-19", None],
                    },
                }
            },
            "meta": {name: {"unit": "吴江村", "period": "2023-10", "ledger": "disputes"}},
            "quarantined": 0,
        },
    )


def d02():
    name = "澄渚社区2023年10月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 2),
            "郑文斌",
            "13805941201",
            "邻里纠纷",
            "楼上漏水",
            "方丽娟",
            "社区",
            "✔",
            D(2023, 10, 4),
        ),
        drow(
            2,
            D(2023, 10, 9),
            "方桂兰",
            "13805941202",
            "婚姻家庭",
            "离婚后子女探视",
            "方丽娟",
            "社区",
            "○",
            None,
        ),
        drow(
            3,
            D(2023, 10, 15),
            "朱德明",
            "13805941203",
            "征地拆迁",
            "拆迁补偿款分配",
            "方丽娟",
            "镇",
            "✘",
            None,
        ),
        drow(
            4,
            D(2023, 10, 20),
            "许春梅",
            "13805941204",
            "邻里纠纷",
            "占道堆放杂物",
            "方丽娟",
            "社区",
            "✔",
            D(2023, 10, 21),
        ),
        drow(
            5,
            D(2023, 10, 27),
            "蔡明辉",
            "13805941205",
            "合同纠纷",
            "装修款争议",
            "方丽娟",
            "片区调解室",
            "✔",
            D(2023, 10, 30),
        ),
    ]
    simple_xlsx(
        name,
        "10月",
        "澄渚社区2023年10月矛盾纠纷排查化解台账",
        None,
        DH,
        rows,
        footer=["说明：化解情况栏 ✔ 已化解，○ 正在化解，✘ 未化解（调解不成）。"],
    )
    case(
        "b4_d02_status_as_check_symbols",
        [name],
        "化解情况用符号填写 ✔/○/✘，表下有图例说明。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "disputes": {
                    "rows": 5,
                    "by_unit": {"澄渚社区": 5},
                    "by_period": {"2023-10": 5},
                    "counts": {
                        "status": {"resolved": 3, "open": 1, "not_resolved": 1},
                        "level": {"村/社区": 3, "镇": 1, "片区调解室": 1},
                    },
                    "values": {"resolved_date": ["2023-10-04", None, None, "2023-10-21", "2023-10-30"]},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"disputes": {"rows": 0}},
                "reason_has": [["✔", "符号", "化解情况", "状态"]],
            },
        },
    )


def d03():
    name = "后埔村2023年10月矛盾纠纷排查化解台账.xlsx"
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    title(ws, "后埔村2023年10月矛盾纠纷排查化解台账", len(DH))
    put_rows(
        ws,
        [
            DH,
            drow(
                1,
                D(2023, 10, 2),
                "黄志坚",
                "13805941301",
                "邻里纠纷",
                "宅前通道争议",
                "黄振华",
                "村级",
                "已化解",
                D(2023, 10, 3),
            ),
            drow(
                2,
                D(2023, 10, 6),
                "黄淑贞",
                "13805941302",
                "婚姻家庭",
                "分家析产",
                "黄振华",
                "村级",
                "已化解",
                D(2023, 10, 9),
            ),
            drow(
                3,
                D(2023, 10, 10),
                "陈阿福",
                "13805941303",
                "山林权属",
                "祖坟山界址",
                "黄振华",
                "片区调解室",
                "化解中",
                None,
            ),
            drow(
                4,
                D(2023, 10, 13),
                "黄金水",
                "13805941304",
                "土地承包",
                "承包田流转租金",
                "黄振华",
                "村级",
                "已化解",
                D(2023, 10, 16),
            ),
        ],
        start=2,
    )
    ws2 = wb.create_sheet("10月（续）")
    ws2.cell(row=1, column=1, value="续表")
    put_rows(
        ws2,
        [
            DH,
            drow(
                5,
                D(2023, 10, 19),
                "林玉兰",
                "13805941305",
                "邻里纠纷",
                "鸡鸭散养",
                "黄振华",
                "村级",
                "已化解",
                D(2023, 10, 20),
            ),
            drow(
                6,
                D(2023, 10, 24),
                "黄建国",
                "13805941306",
                "其他",
                "借款纠纷",
                "黄振华",
                "镇级",
                "化解中",
                None,
            ),
            drow(
                7,
                D(2023, 10, 30),
                "陈美华",
                "13805941307",
                "邻里纠纷",
                "噪音扰民",
                "黄振华",
                "村级",
                "已化解",
                D(2023, 10, 31),
            ),
            None,
            ["填报人：黄小燕", None, None, None, "审核人：黄振华"],
        ],
        start=2,
    )
    wb.create_sheet("Sheet3")
    save(wb, name)
    case(
        "b4_d03_ledger_continued_on_second_sheet",
        [name],
        "一张台账分两个工作表：“10月”放1-4条，“10月（续）”只写“续表”、重复表头、接着5-7条和填报人；另有空白Sheet3。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 7,
                    "by_unit": {"后埔村": 7},
                    "by_period": {"2023-10": 7},
                    "counts": {
                        "status": {"resolved": 5, "open": 2},
                        "level": {"村/社区": 5, "片区调解室": 1, "镇": 1},
                        "dispute_type": {
                            "邻里纠纷": 3,
                            "婚姻家庭": 1,
                            "山林权属": 1,
                            "土地承包": 1,
                            "其他": 1,
                        },
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d04():
    name = "东星社区10月矛盾纠纷台账（打印版）.xlsx"
    wb = wb_new()
    ws = wb.active
    ws.title = "打印"
    title(ws, "东星社区2023年10月矛盾纠纷排查化解台账", len(DH))
    recs = [
        drow(
            1,
            "2023年10月2日",
            "李明",
            "13805941401",
            "邻里纠纷",
            "停车位争执",
            "王丽",
            "社区",
            "已化解",
            "2023年10月3日",
        ),
        drow(
            2,
            "2023年10月5日",
            "张华",
            "13805941402",
            "婚姻家庭",
            "家庭暴力苗头",
            "王丽",
            "社区",
            "已化解",
            "2023年10月8日",
        ),
        drow(
            3,
            "2023年10月9日",
            "王芳",
            "13805941403",
            "邻里纠纷",
            "宠物伤人",
            "王丽",
            "片区调解室",
            "化解中",
            None,
        ),
        drow(
            4,
            "2023年10月12日",
            "刘强",
            "13805941404",
            "其他",
            "物业费纠纷",
            "王丽",
            "社区",
            "已化解",
            "2023年10月13日",
        ),
        drow(
            5,
            "2023年10月17日",
            "陈静",
            "13805941405",
            "涉法涉诉信访",
            "对判决不服",
            "王丽",
            "镇",
            "未化解",
            None,
        ),
        drow(
            6,
            "2023年10月23日",
            "杨洋",
            "13805941406",
            "邻里纠纷",
            "装修噪音",
            "王丽",
            "社区",
            "已化解",
            "2023年10月24日",
        ),
        drow(
            7, "2023年10月29日", "赵敏", "13805941407", "婚姻家庭", "赡养费", "王丽", "社区", "化解中", None
        ),
    ]
    lines = (
        [DH]
        + recs[0:3]
        + [["第 1 页，共 3 页"], DH]
        + recs[3:6]
        + [["第 2 页，共 3 页"], DH]
        + recs[6:7]
        + [["第 3 页，共 3 页"]]
    )
    put_rows(ws, lines, start=2)
    ws.print_title_rows = "2:2"
    save(wb, name)
    case(
        "b4_d04_printed_header_repeated_per_page",
        [name],
        "打印版：每页重复表头，页与页之间有“第 1 页，共 3 页”行；日期写成“2023年10月2日”文本。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 7,
                    "by_unit": {"东星社区": 7},
                    "by_period": {"2023-10": 7},
                    "counts": {
                        "status": {"resolved": 4, "open": 2, "not_resolved": 1},
                        "level": {"村/社区": 5, "片区调解室": 1, "镇": 1},
                        "dispute_type": {"邻里纠纷": 3, "婚姻家庭": 2, "其他": 1, "涉法涉诉信访": 1},
                    },
                    "values": {
                        "received_date": [
                            "2023-10-02",
                            "2023-10-05",
                            "2023-10-09",
                            "2023-10-12",
                            "2023-10-17",
                            "2023-10-23",
                            "2023-10-29",
                        ]
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d05():
    name = "洞湖村10月矛盾纠纷台账.xlsx"
    hdr = [
        "序号",
        "受理日期",
        "当事人",
        "联系电话",
        "纠纷类型",
        "简要案情",
        "化解层级",
        "9月化解情况",
        "化解情况",
        "化解日期",
    ]
    rows = [
        [
            1,
            D(2023, 10, 4),
            "洞阿三",
            "13805941501",
            "邻里纠纷",
            "围墙越界",
            "村级",
            "化解中",
            "已化解",
            D(2023, 10, 7),
        ],
        [
            2,
            D(2023, 10, 11),
            "林金花",
            "13805941502",
            "土地承包",
            "口粮田调整",
            "村级",
            "化解中",
            "已化解",
            D(2023, 10, 18),
        ],
        [
            3,
            D(2023, 10, 19),
            "陈水生",
            "13805941503",
            "婚姻家庭",
            "彩礼返还",
            "片区调解室",
            "化解中",
            "化解中",
            None,
        ],
        [
            4,
            D(2023, 10, 26),
            "林志明",
            "13805941504",
            "邻里纠纷",
            "树木遮光",
            "村级",
            "化解中",
            "已化解",
            D(2023, 10, 28),
        ],
    ]
    wb = simple_xlsx(name, "台账", "洞湖村2023年10月矛盾纠纷排查化解台账", None, hdr, rows)
    ws = wb["台账"]
    ws.column_dimensions["H"].hidden = True  # last month's status column, hidden, never deleted
    save(wb, name)
    case(
        "b4_d05_hidden_old_status_column",
        [name],
        "上月模板复制来的“9月化解情况”列被隐藏（不是删除），旁边才是本月“化解情况”。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"洞湖村": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {"status": {"resolved": 3, "open": 1}},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"disputes": {"rows": 0}}, "reason_has": [["化解情况", "9月", "列"]]},
        },
    )


def d06():
    name = "西天尾镇10月矛盾纠纷汇总（按村居排序）.xlsx"
    hdr = ["序号", "所属村居", "受理日期", "纠纷类型", "当事人", "化解层级", "化解情况", "化解日期"]
    wb = wb_new()
    ws = wb.active
    ws.title = "汇总"
    title(ws, "西天尾镇2023年10月矛盾纠纷排查化解汇总表", len(hdr))
    lines = [
        hdr,
        [1, "象峰村", D(2023, 10, 5), "邻里纠纷", "象一", "村级", "已化解", D(2023, 10, 6)],
        [2, "象峰村", D(2023, 10, 21), "土地承包", "象二", "村级", "化解中", None],
        ["象峰村小计：2件，已化解1件"],
        [3, "下垞村", D(2023, 10, 3), "婚姻家庭", "下一", "村级", "已化解", D(2023, 10, 5)],
        [4, "下垞村", D(2023, 10, 14), "山林权属", "下二", "片区调解室", "已化解", D(2023, 10, 25)],
        [5, "下垞村", D(2023, 10, 28), "邻里纠纷", "下三", "村级", "化解中", None],
        ["下垞村小计：3件，已化解2件"],
        [6, "林山村", D(2023, 10, 16), "征地拆迁", "林一", "镇级", "已化解", D(2023, 10, 30)],
        ["林山村小计：1件，已化解1件"],
        ["总计：6件，已化解4件，化解率66.67%"],
    ]
    put_rows(ws, lines, start=2)
    for r in (5, 9, 11, 12):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(hdr))
    ws.cell(row=13, column=1, value="填报单位：镇综治中心")
    save(wb, name)
    case(
        "b4_d06_sorted_by_village_sentence_subtotals",
        [name],
        "综治中心按村居排序的汇总：每村后一行合并单元格的“XX村小计：2件，已化解1件”，末尾“总计：6件…”；填报单位在表下。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 6,
                    "by_unit": {"象峰村": 2, "下垞村": 3, "林山村": 1},
                    "by_period": {"2023-10": 6},
                    "counts": {
                        "status": {"resolved": 4, "open": 2},
                        "level": {"村/社区": 4, "片区调解室": 1, "镇": 1},
                        "dispute_type": {
                            "邻里纠纷": 2,
                            "土地承包": 1,
                            "婚姻家庭": 1,
                            "山林权属": 1,
                            "征地拆迁": 1,
                        },
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d07():
    name = "后卓村10月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 3),
            "后一",
            "13805941701",
            "邻里纠纷",
            "排污",
            "陈书记",
            "村级",
            "已化解",
            D(2023, 10, 4),
        ),
        drow(
            2,
            "2023/10/9",
            "后二",
            "13805941702",
            "婚姻家庭",
            "家暴苗头",
            "陈书记",
            "村级",
            "已化解",
            "2023/10/12",
        ),
        drow(
            3,
            "2023-10-16",
            "后三",
            "13805941703",
            "土地承包",
            "承包合同到期",
            "陈书记",
            "片区调解室",
            "化解中",
            None,
        ),
        drow(
            4,
            D(2023, 10, 22),
            "后四",
            "13805941704",
            "邻里纠纷",
            "建房滴水",
            "陈书记",
            "村级",
            "已化解",
            "2023/10/26",
        ),
        drow(5, "2023/10/32", "后五", "13805941705", "其他", "买卖纠纷", "陈书记", "村级", "化解中", None),
    ]
    simple_xlsx(name, "Sheet1", "后卓村2023年10月矛盾纠纷排查化解台账", None, DH, rows)
    case(
        "b4_d07_date_cells_and_text_mixed_one_impossible",
        [name],
        "受理日期一列里真日期单元格与“2023/10/9”“2023-10-16”文本混用，另有一条“2023/10/32”（不存在的日子）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"后卓村": 4},
                    "counts": {"status": {"resolved": 3, "open": 1}},
                    "values": {
                        "received_date": ["2023-10-03", "2023-10-09", "2023-10-16", "2023-10-22"],
                        "resolved_date": ["2023-10-04", "2023-10-12", None, "2023-10-26"],
                    },
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["日期", "10/32", "受理"]],
        },
    )


def d08():
    name = "三山村2023年10月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 9, 28),
            "三一",
            "13805941801",
            "邻里纠纷",
            "9月底受理漏报，本月补登",
            "三主任",
            "村级",
            "已化解",
            D(2023, 10, 2),
            "9月漏报补登",
        ),
        drow(
            2,
            D(2023, 10, 8),
            "三二",
            "13805941802",
            "土地承包",
            "土地流转",
            "三主任",
            "村级",
            "已化解",
            D(2023, 10, 10),
        ),
        drow(
            3,
            D(2023, 10, 17),
            "三三",
            "13805941803",
            "婚姻家庭",
            "抚养费",
            "三主任",
            "片区调解室",
            "化解中",
            None,
        ),
        drow(
            4,
            D(2023, 10, 29),
            "三四",
            "13805941804",
            "邻里纠纷",
            "漏水",
            "三主任",
            "村级",
            "已化解",
            D(2023, 10, 31),
        ),
    ]
    simple_xlsx(name, "10月", "三山村2023年10月矛盾纠纷排查化解台账", "填报单位：三山村", DH, rows)
    case(
        "b4_d08_september_case_registered_late",
        [name],
        "10月台账里补登一条9月28日受理、9月漏报的纠纷（备注“9月漏报补登”）；受理日期保留9月28日。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"三山村": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {"status": {"resolved": 3, "open": 1}},
                    "values": {"received_date": ["2023-09-28", "2023-10-08", "2023-10-17", "2023-10-29"]},
                }
            },
            "quarantined": 0,
        },
    )


def d09():
    name = "碗洋村10月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 4),
            "碗一",
            "13805941901",
            "邻里纠纷",
            "排水",
            "碗书记",
            "村级",
            "已化解",
            D(2023, 10, 6),
        ),
        drow(
            2,
            D(2023, 10, 10),
            "碗二",
            "13805941902",
            "邻里纠纷",
            "宅基地界址",
            None,
            None,
            None,
            D(2023, 10, 12),
        ),
        drow(3, D(2023, 10, 18), "碗三", "13805941903", "婚姻家庭", "分家", None, None, "化解中", None),
        drow(
            4,
            D(2023, 10, 25),
            "碗四",
            "13805941904",
            "土地承包",
            "承包田界",
            None,
            None,
            "已化解",
            D(2023, 10, 28),
        ),
    ]
    wb = simple_xlsx(name, "Sheet1", "碗洋村2023年10月矛盾纠纷排查化解台账", None, DH, rows)
    ws = wb["Sheet1"]
    # header is row 2, records rows 3-6; 化解情况 I3:I4, 责任人 G3:G5, 层级 H3:H6 merged
    ws.merge_cells("I3:I4")
    ws.merge_cells("G3:G5")
    ws.merge_cells("H3:H6")
    save(wb, name)
    case(
        "b4_d09_merged_status_and_level_cells",
        [name],
        "合并单元格：化解情况在前两条合并成一个“已化解”，化解责任人合并三行，化解层级“村级”合并四行。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"碗洋村": 4},
                    "counts": {"status": {"resolved": 3, "open": 1}, "level": {"村/社区": 4}},
                    "values": {"resolved_date": ["2023-10-06", "2023-10-12", None, "2023-10-28"]},
                }
            },
            "quarantined": 0,
        },
    )


def d10():
    n1 = "渭阳社区矛盾纠纷台账（1-9月累计）.xlsx"
    n2 = "渭阳社区矛盾纠纷台账（1-10月累计）.xlsx"
    base = [
        drow(
            1,
            D(2023, 2, 14),
            "渭一",
            "13805942001",
            "邻里纠纷",
            "",
            "渭主任",
            "社区",
            "已化解",
            D(2023, 2, 20),
        ),
        drow(
            2,
            D(2023, 5, 9),
            "渭二",
            "13805942002",
            "婚姻家庭",
            "",
            "渭主任",
            "社区",
            "已化解",
            D(2023, 5, 11),
        ),
        drow(
            3, D(2023, 7, 21), "渭三", "13805942003", "征地拆迁", "", "渭主任", "镇", "已化解", D(2023, 8, 30)
        ),
    ]
    sep_open = drow(
        4, D(2023, 9, 18), "渭四", "13805942004", "邻里纠纷", "", "渭主任", "片区调解室", "化解中", None
    )
    sep_done = drow(
        4,
        D(2023, 9, 18),
        "渭四",
        "13805942004",
        "邻里纠纷",
        "",
        "渭主任",
        "片区调解室",
        "已化解",
        D(2023, 10, 8),
    )
    octs = [
        drow(
            5,
            D(2023, 10, 12),
            "渭五",
            "13805942005",
            "土地承包",
            "",
            "渭主任",
            "社区",
            "已化解",
            D(2023, 10, 13),
        ),
        drow(6, D(2023, 10, 26), "渭六", "13805942006", "其他", "", "渭主任", "社区", "化解中", None),
    ]
    simple_xlsx(
        n1,
        "2023年",
        "渭阳社区2023年1-9月矛盾纠纷排查化解台账（累计）",
        "截至2023年9月30日",
        DH,
        base + [sep_open],
    )
    simple_xlsx(
        n2,
        "2023年",
        "渭阳社区2023年1-10月矛盾纠纷排查化解台账（累计）",
        "截至2023年10月31日",
        DH,
        base + [sep_done] + octs,
    )
    case(
        "b4_d10_cumulative_ytd_replaces_last_month",
        [n1, n2],
        "社区每月交“1-N月累计”台账：1-9月（4条，9月那条化解中）之后交1-10月（同4条，9月那条已化解，另加10月2条）；后者整份取代前者，不能重复计数。",
        {
            "outcome": [["loaded", "held"], ["loaded", "held"]],
            "figures": {
                "disputes": {
                    "rows": 6,
                    "by_unit": {"渭阳社区": 6},
                    "counts": {"status": {"resolved": 5, "open": 1}},
                    "values": {
                        "received_date": [
                            "2023-02-14",
                            "2023-05-09",
                            "2023-07-21",
                            "2023-09-18",
                            "2023-10-12",
                            "2023-10-26",
                        ]
                    },
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"disputes": {"rows": 0}}},
        },
    )


def d11():
    name = "龙山村10月矛盾纠纷台账.xls"
    rows = [
        drow(
            1,
            D(2023, 10, 5),
            "龙一",
            "13805942101",
            "山林权属",
            "林地界址",
            "龙书记",
            "村级",
            "已化解",
            D(2023, 10, 9),
        ),
        drow(
            2,
            D(2023, 10, 16),
            "龙二",
            "13805942102",
            "邻里纠纷",
            "通道",
            "龙书记",
            "村级",
            "已化解",
            D(2023, 10, 17),
        ),
        drow(
            3,
            D(2023, 10, 27),
            "龙三",
            "13805942103",
            "婚姻家庭",
            "离婚财产",
            "龙书记",
            "片区调解室",
            "化解中",
            None,
        ),
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "Sheet1"
    title(ws, "龙山村2023年10月矛盾纠纷排查化解台账", len(DH))
    put_rows(ws, [DH] + rows, start=2)
    tmp = io.BytesIO()
    wb.save(tmp)
    (FILES / name).write_bytes(tmp.getvalue())  # an xlsx renamed to .xls (WPS “另存为” with the wrong type)
    case(
        "b4_d11_xlsx_content_named_xls",
        [name],
        "WPS另存时扩展名选成.xls，内容其实是xlsx（zip）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 3,
                    "by_unit": {"龙山村": 3},
                    "by_period": {"2023-10": 3},
                    "counts": {
                        "status": {"resolved": 2, "open": 1},
                        "dispute_type": {"山林权属": 1, "邻里纠纷": 1, "婚姻家庭": 1},
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d12():
    name = "综治中心矛盾纠纷登记（10月）.csv"
    hdr = [
        "序号",
        "登记日期",
        "所属村居",
        "纠纷类型",
        "当事人",
        "联系电话",
        "简要情况",
        "化解层级",
        "化解情况",
        "化解日期",
    ]
    rows = [
        ["西天尾镇综治中心矛盾纠纷登记表（2023年10月）"] + [""] * 9,
        hdr,
        [
            "1",
            "2023-10-06",
            "北大村",
            "邻里纠纷",
            "北一",
            "13805942201",
            "围墙",
            "镇",
            "已化解",
            "2023-10-10",
        ],
        ["2", "2023-10-11", "洞湖村", "土地承包", "洞一", "13805942202", "征收补偿", "镇", "化解中", ""],
        [
            "3",
            "2023-10-19",
            "洞湖村",
            "婚姻家庭",
            "洞二",
            "13805942203",
            "抚养权",
            "镇",
            "已化解",
            "2023-10-23",
        ],
        ["4", "2023-10-24", "吴江村", "其他", "吴一", "13805942204", "医疗纠纷", "上级", "已移交", ""],
        [
            "5",
            "2023-10-30",
            "龙山村",
            "邻里纠纷",
            "龙一",
            "13805942205",
            "噪音",
            "镇",
            "已化解",
            "2023-10-31",
        ],
        [""] * 10,
        ["合计：5件，已化解3件，化解率60%"] + [""] * 9,
        ["制表：镇综治中心    2023年11月1日"] + [""] * 9,
    ]
    write_csv(name, rows, encoding="gb18030")
    case(
        "b4_d12_gb18030_csv_trailing_summary_lines",
        [name],
        "综治中心GB18030编码CSV，多村居一表，末尾空行、“合计：5件，已化解3件，化解率60%”和制表行。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 5,
                    "by_unit": {"北大村": 1, "洞湖村": 2, "吴江村": 1, "龙山村": 1},
                    "by_period": {"2023-10": 5},
                    "counts": {
                        "status": {"resolved": 3, "open": 1, "not_resolved": 1},
                        "level": {"镇": 4, "上级/移交": 1},
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d13():
    name = "下垞村10月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 3),
            "下一",
            "13805942301",
            "邻里纠纷",
            "滴水",
            "下书记",
            "村级",
            "已化解",
            D(2023, 10, 4),
        ),
        drow(
            2,
            D(2023, 10, 9),
            "下二",
            "13805942302",
            "土地承包",
            "地界",
            "下书记",
            "村级",
            "已化解",
            D(2023, 10, 13),
        ),
        drow(
            3,
            D(2023, 10, 15),
            "下三",
            "13805942303",
            "婚姻家庭",
            "赡养",
            "下书记",
            "片区调解室",
            "化解中",
            None,
        ),
        drow(
            4,
            D(2023, 10, 16),
            "下二",
            "13805942302",
            "土地承包",
            "地界",
            "下书记",
            "村级",
            "已化解",
            D(2023, 10, 13),
            "与第2条重复登记",
        ),
        drow(
            5,
            D(2023, 10, 28),
            "下五",
            "13805942305",
            "邻里纠纷",
            "养狗扰民",
            "下书记",
            "村级",
            "已化解",
            D(2023, 10, 30),
        ),
    ]
    simple_xlsx(name, "10月", "下垞村2023年10月矛盾纠纷排查化解台账", None, DH, rows)
    case(
        "b4_d13_duplicate_entry_noted_in_remarks",
        [name],
        "第4条备注“与第2条重复登记”（内容同第2条），不能计数，应进隔离并说明。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"下垞村": 4},
                    "counts": {"status": {"resolved": 3, "open": 1}},
                    "values": {"received_date": ["2023-10-03", "2023-10-09", "2023-10-15", "2023-10-28"]},
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["重复"]],
        },
    )


def d14():
    name = "林峰社区10月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 7),
            "峰一",
            "13805942401",
            "邻里纠纷",
            "楼道堆物",
            "峰主任",
            "社区",
            "已化解",
            D(2023, 10, 8),
        ),
        drow(
            2,
            D(2023, 10, 13),
            "峰二",
            "13805942402",
            "婚姻家庭",
            "离婚",
            "峰主任",
            "片区调解室",
            "化解中",
            None,
        ),
        drow(3, "13905942403", "峰三", None, "其他", "租房押金", "峰主任", "社区", "已化解", D(2023, 10, 22)),
        drow(
            4,
            D(2023, 10, 27),
            "峰四",
            "13805942404",
            "邻里纠纷",
            "漏水",
            "峰主任",
            "社区",
            "已化解",
            D(2023, 10, 29),
        ),
    ]
    simple_xlsx(name, "Sheet1", "林峰社区2023年10月矛盾纠纷排查化解台账", None, DH, rows)
    case(
        "b4_d14_phone_pasted_into_date_column",
        [name],
        "第3条错位：联系电话粘到了受理日期列（13905942403），电话列空着。该行进隔离，隔离原因里不能出现原号码。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 3,
                    "by_unit": {"林峰社区": 3},
                    "counts": {"status": {"resolved": 2, "open": 1}},
                    "values": {"received_date": ["2023-10-07", "2023-10-13", "2023-10-27"]},
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["日期", "电话", "受理"]],
        },
    )


def d15():
    name = "北大村矛盾纠纷排查化解台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 8),
            "北一",
            "13805942501",
            "邻里纠纷",
            "",
            "北书记",
            "村级",
            "已化解",
            D(2023, 10, 9),
        ),
        drow(
            2,
            D(2023, 10, 20),
            "北二",
            "13805942502",
            "土地承包",
            "",
            "北书记",
            "村级",
            "已化解",
            D(2023, 10, 25),
        ),
        drow(
            3, D(2023, 11, 2), "北三", "13805942503", "婚姻家庭", "", "北书记", "片区调解室", "化解中", None
        ),
        drow(
            4,
            D(2023, 11, 9),
            "北四",
            "13805942504",
            "邻里纠纷",
            "",
            "北书记",
            "村级",
            "已化解",
            D(2023, 11, 10),
        ),
    ]
    simple_xlsx(name, "Sheet1", "北大村矛盾纠纷排查化解台账", "填报单位：北大村", DH, rows)
    case(
        "b4_d15_no_month_anywhere_rows_span_two_months",
        [name],
        "文件名、标题、工作表名都没有月份，记录跨10月和11月：报送期要问。",
        {
            "outcome": ["held"],
            "reason_has": [["月份", "期间", "报送期", "所属期", "哪个月"]],
            "readings": [{"figures": {"disputes": {"rows": 4, "by_unit": {"北大村": 4}}}}],
        },
    )


def d16():
    name = "新建 Microsoft Excel 工作表 (2).xlsx"
    rows = [
        drow(1, D(2023, 10, 4), "甲", "13805942601", "邻里纠纷", "", "", "村级", "已化解", D(2023, 10, 5)),
        drow(2, D(2023, 10, 15), "乙", "13805942602", "婚姻家庭", "", "", "村级", "化解中", None),
        drow(3, D(2023, 10, 26), "丙", "13805942603", "土地承包", "", "", "村级", "已化解", D(2023, 10, 30)),
    ]
    simple_xlsx(
        name, "Sheet1", "2023年10月矛盾纠纷排查化解台账", None, DH, rows, footer=["填报人：", "联系电话："]
    )
    case(
        "b4_d16_generic_file_name_no_unit",
        [name],
        "“新建 Microsoft Excel 工作表 (2).xlsx”：标题只有月份，全文没有村居名，也没有所属村居列——是谁报的不知道。",
        {
            "outcome": [["held", "rejected"]],
            "reason_has": [["单位", "村居", "报送", "哪个"]],
            "readings": [{"figures": {"disputes": {"rows": 3, "by_unit": {None: 3}}}}],
        },
    )


def d17():
    name = "林山村10月矛盾纠纷台账.xlsx"
    rows = [
        drow(
            1,
            D(2023, 10, 6),
            "山一",
            "13805942701",
            "山林纠纷",
            "",
            "林书记",
            "村调委会",
            "调解成功",
            D(2023, 10, 8),
        ),
        drow(
            2,
            D(2023, 10, 12),
            "山二",
            "13805942702",
            "拆迁补偿",
            "",
            "林书记",
            "和谐调解室",
            "已化解",
            D(2023, 10, 20),
        ),
        drow(
            3,
            D(2023, 10, 19),
            "山三",
            "13805942703",
            "家庭矛盾",
            "",
            "林书记",
            "镇综治中心",
            "已化解",
            D(2023, 10, 26),
        ),
        drow(
            4,
            D(2023, 10, 24),
            "山四",
            "13805942704",
            "邻里纠纷",
            "",
            "林书记",
            "移交荔城区法院",
            "已移交",
            None,
        ),
    ]
    simple_xlsx(name, "10月", "林山村2023年10月矛盾纠纷排查化解台账", None, DH, rows)
    case(
        "b4_d17_loose_level_and_type_words",
        [name],
        "层级写成“村调委会/和谐调解室/镇综治中心/移交荔城区法院”，类型写成“山林纠纷/拆迁补偿/家庭矛盾”。",
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"林山村": 4},
                    "counts": {
                        "status": {"resolved": 3, "not_resolved": 1},
                        "level": {"村/社区": 1, "片区调解室": 1, "镇": 1, "上级/移交": 1},
                        "dispute_type": {"山林权属": 1, "征地拆迁": 1, "婚姻家庭": 1, "邻里纠纷": 1},
                    },
                }
            },
            "quarantined": 0,
        },
    )


def d18():
    name = "后黄社区10月矛盾纠纷台账.xlsx"
    wb = xlsxwriter.Workbook(str(FILES / name))
    wb.set_properties({"author": "Administrator", "created": FIXED})
    ws = wb.add_worksheet("Sheet1")
    datef = wb.add_format({"num_format": "yyyy/m/d"})
    ws.merge_range(0, 0, 0, len(DH) - 1, "后黄社区2023年10月矛盾纠纷排查化解台账")
    ws.write_row(1, 0, DH)
    recs = [
        (
            dt.datetime(2023, 10, 3),
            "黄一",
            "13805942801",
            "邻里纠纷",
            "社区",
            "已化解",
            dt.datetime(2023, 10, 4),
        ),
        (dt.datetime(2023, 10, 10), "黄二", "13805942802", "婚姻家庭", "社区", "化解中", None),
        (
            dt.datetime(2023, 10, 18),
            "黄三",
            "13805942803",
            "征地拆迁",
            "镇",
            "已化解",
            dt.datetime(2023, 10, 27),
        ),
        (
            dt.datetime(2023, 10, 25),
            "黄四",
            "13805942804",
            "邻里纠纷",
            "社区",
            "已化解",
            dt.datetime(2023, 10, 26),
        ),
    ]
    for i, (recv, nm, ph, typ, lvl, st, res) in enumerate(recs):
        r = 2 + i
        ws.write_formula(r, 0, "=ROW()-2", None, i + 1)
        ws.write_datetime(r, 1, recv, datef)
        ws.write_row(r, 2, [nm, ph, typ, "", "黄主任", lvl, st])
        if res:
            ws.write_datetime(r, 9, res, datef)
    ws.write(6, 0, "合计")
    ws.write_formula(6, 1, '=COUNTA(B3:B6)&"件"', None, "4件")
    ws.write_formula(6, 8, '="已化解"&COUNTIF(I3:I6,"已化解")&"件"', None, "已化解3件")
    wb.close()
    case(
        "b4_d18_formulas_with_cached_values",
        [name],
        '序号是公式=ROW()-2，合计行也是公式（=COUNTA(...)&"件"），文件里只有缓存值。',
        {
            "outcome": ["loaded"],
            "figures": {
                "disputes": {
                    "rows": 4,
                    "by_unit": {"后黄社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {"status": {"resolved": 3, "open": 1}, "level": {"村/社区": 3, "镇": 1}},
                    "values": {"received_date": ["2023-10-03", "2023-10-10", "2023-10-18", "2023-10-25"]},
                }
            },
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ key projects
def k01():
    name = "镇项目办2023年10月重点项目台账.xlsx"
    hdr = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "2023年计划投资（万元）",
        "1-10月累计完成投资（元）",
        "形象进度",
        "责任单位",
    ]
    rows = [
        [1, "西天尾镇区污水管网提升工程", "在建", 12000, 3000, 24500000, "完成管网8公里", "镇建设办"],
        [2, "后黄安置房二期", "在建", 8000, 2000, 15800000, "主体结顶", "镇征迁办"],
        [3, "林山乡村振兴示范点", "预备", 5000, 500, 0, "方案编制", "镇农业农村办"],
        [4, "溪白农贸市场改造", "前期", 3000, 200, 650000, "可研批复", "镇市场监管所"],
    ]
    simple_xlsx(name, "10月", "西天尾镇2023年10月重点项目推进情况表", "填报单位：镇项目办", hdr, rows)
    case(
        "b4_k01_wanyuan_and_yuan_columns_side_by_side",
        [name],
        "总投资、计划投资以万元计，累计完成投资一列却以元计（表头写明“（元）”），需折成万元。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 4,
                    "by_unit": {None: 4},
                    "by_period": {"2023-10": 4},
                    "counts": {"stage": {"在建": 2, "预备": 1, "前期": 1}, "zone": {"镇": 4}},
                    "sums": {"total_investment": 28000, "annual_plan": 5700, "completed_investment": 4095},
                }
            },
            "quarantined": 0,
        },
    )


def k02():
    name = "园区管委会10月重点项目.xlsx"
    hdr = [
        "序号",
        "项目名称",
        "建设阶段",
        "总投资（亿元）",
        "年度计划投资（万元）",
        "累计完成投资（万元）",
        "存在问题",
    ]
    rows = [
        [1, "智能装备产业园标准厂房", "新开工", 3.5, 8000, 6500, "无"],
        [2, "鞋服智造基地二期", "续建", 1.2, 3000, 2100, "用工紧张"],
        [3, "园区综合服务中心", "前期", 0.8, 1000, 0, "用地报批中"],
    ]
    simple_xlsx(name, "园区", "西天尾工业园区2023年10月重点项目推进表", "填报单位：园区管委会", hdr, rows)
    case(
        "b4_k02_yiyuan_total_wanyuan_others",
        [name],
        "同一张表里总投资按亿元、计划与完成按万元（单位各写在表头）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 3,
                    "by_unit": {None: 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"stage": {"在建": 2, "前期": 1}, "zone": {"园区": 3}},
                    "sums": {"total_investment": 55000, "annual_plan": 12000, "completed_investment": 8600},
                }
            },
            "quarantined": 0,
        },
    )


def k03():
    name = "镇项目办11月重点项目台账.xlsx"
    hdr = ["序号", "项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"]
    rows = [
        [1, "象峰村道路拓宽", "在建", 6000, 1500, 1300],
        [2, "渭阳社区文体中心", "在建", 4000, 1000, 900],
        [3, "三山村污水处理站", "前期", 2500, 300, 50],
        ["合计", None, None, 13500, 2800, 2250],
    ]
    simple_xlsx(name, "11月", "西天尾镇2023年11月重点项目台账", None, hdr, rows)
    case(
        "b4_k03_total_row_disagrees_with_rows",
        [name],
        "合计行总投资写13500，明细相加只有12500（其余两列对得上）：要问是按明细导入还是等村里改。",
        {
            "outcome": ["held"],
            "reason_has": [["合计"]],
            "readings": [
                {
                    "figures": {
                        "key_projects": {
                            "rows": 3,
                            "by_unit": {None: 3},
                            "sums": {
                                "total_investment": 12500,
                                "annual_plan": 2800,
                                "completed_investment": 2250,
                            },
                        }
                    }
                }
            ],
        },
    )


def k04():
    name = "园区管委会11月重点项目推进表.xlsx"
    hdr = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "累计完成投资（万元）",
        "备注",
    ]
    rows = [
        [1, "新材料产业园一期", "在建", 20000, 6000, 5200, None],
        [2, "园区道路网完善工程", "前期", 6000, 800, None, "尚未开工"],
        [3, "冷链物流中心", "预备", 9000, 1000, "-", None],
        [4, "电子信息产业园", "在建", 15000, 4000, -120, "审计调减"],
    ]
    simple_xlsx(name, "11月", "西天尾工业园区2023年11月重点项目推进表", None, hdr, rows)
    case(
        "b4_k04_blank_dash_and_negative_completed",
        [name],
        "累计完成投资：空白、“-”（视为没有）和一个“-120”（备注审计调减）——累计完成不可能为负，该行进隔离。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 3,
                    "by_unit": {None: 3},
                    "by_period": {"2023-11": 3},
                    "counts": {"stage": {"在建": 1, "前期": 1, "预备": 1}, "zone": {"园区": 3}},
                    "sums": {"total_investment": 35000, "annual_plan": 7800, "completed_investment": 5200},
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["负", "小于", "-120", "金额"]],
        },
    )


def k05():
    name = "镇重点项目进展表（10月）.xlsx"
    hdr = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "1-9月累计完成投资（万元）",
        "1-10月累计完成投资（万元）",
    ]
    rows = [
        [1, "镇区主干道白改黑", "在建", 4500, 1200, 800, 950],
        [2, "洞湖生态修复", "在建", 3000, 900, 500, 620],
        [3, "碗洋村民活动中心", "预备", 1200, 200, 0, 0],
    ]
    wb = simple_xlsx(name, "Sheet1", "西天尾镇重点项目进展表（2023年10月）", "填报单位：镇项目办", hdr, rows)
    wb["Sheet1"].column_dimensions["F"].hidden = True
    save(wb, name)
    case(
        "b4_k05_hidden_previous_month_cumulative_column",
        [name],
        "上月的“1-9月累计完成投资”列隐藏着，旁边是本月“1-10月累计完成投资”：取10月那列。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "key_projects": {
                    "rows": 3,
                    "by_unit": {None: 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"stage": {"在建": 2, "预备": 1}, "zone": {"镇": 3}},
                    "sums": {"total_investment": 8700, "annual_plan": 2300, "completed_investment": 1570},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"key_projects": {"rows": 0}},
                "reason_has": [["累计完成", "1-9月", "1-10月", "列"]],
            },
        },
    )


def k06():
    name = "镇项目办2023年9月重点项目.xlsx"
    hdr = ["序号", "项目名称", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）", "责任单位"]
    lines = [
        hdr,
        ["一、在建项目（2个）"],
        [1, "后卓村道路提升", 2000, 800, 560, "镇建设办"],
        [2, "镇卫生院改扩建", 3500, 1200, 900, "镇卫生院"],
        ["二、预备项目（1个）"],
        [3, "龙山森林步道", 1500, 300, 0, "镇林业站"],
        ["三、前期项目（2个）"],
        [4, "北大村农房整治", 1000, 100, 10, "镇规划办"],
        [5, "吴江溪综合治理", 2600, 200, 0, "镇水利站"],
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "9月"
    title(ws, "西天尾镇2023年9月重点项目台账", len(hdr))
    put_rows(ws, lines, start=2)
    for r in (3, 6, 8):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(hdr))
    save(wb, name)
    case(
        "b4_k06_stage_only_in_section_rows",
        [name],
        "没有阶段列：阶段写在分节行“一、在建项目（2个）”“二、预备项目（1个）”“三、前期项目（2个）”里。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "key_projects": {
                    "rows": 5,
                    "by_unit": {None: 5},
                    "by_period": {"2023-09": 5},
                    "counts": {"stage": {"在建": 2, "预备": 1, "前期": 2}, "zone": {"镇": 5}},
                    "sums": {"total_investment": 10600, "annual_plan": 2600, "completed_investment": 1470},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"key_projects": {"rows": 0}}},
        },
    )


def k07():
    name = "新建 XLSX 工作表.xlsx"
    hdr = ["序号", "项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"]
    rows = [
        [1, "园区污水处理厂提标", "在建", 7000, 2000, 1800],
        [2, "人才公寓", "预备", 5000, 600, 0],
        [3, "园区智慧管理平台", "前期", 800, 100, 0],
    ]
    simple_xlsx(
        name,
        "Sheet1",
        "西天尾工业园区2023年11月重点项目推进情况表",
        "填报单位：园区管委会     填报时间：2023年11月30日",
        hdr,
        rows,
    )
    case(
        "b4_k07_wps_default_name_park",
        [name],
        "WPS新建文件未改名“新建 XLSX 工作表.xlsx”，报送单位（园区管委会）与月份（11月）都只在表内。",
        {
            "outcome": ["loaded"],
            "figures": {
                "key_projects": {
                    "rows": 3,
                    "by_unit": {None: 3},
                    "by_period": {"2023-11": 3},
                    "counts": {"stage": {"在建": 1, "预备": 1, "前期": 1}, "zone": {"园区": 3}},
                    "sums": {"total_investment": 12800, "annual_plan": 2700, "completed_investment": 1800},
                }
            },
            "quarantined": 0,
        },
    )


def k08():
    name = "重点项目台账（项目办）10月.xlsx"
    hdr = ["序号", "项目名称", "阶段", "总投资", "计划投资", "完成投资"]
    rows = [
        [1, "下垞村庄整治", "在建", 35000, 8000, 6200],
        [2, "澄渚社区停车场", "在建", 12000, 3000, 2500],
        [3, "镇文化站", "前期", 6000, 500, 0],
    ]
    simple_xlsx(name, "Sheet1", "重点项目台账（2023年10月）", None, hdr, rows)
    case(
        "b4_k08_amount_headers_without_unit",
        [name],
        "金额表头没有单位（总投资/计划投资/完成投资），数值35000、12000之类，万元还是元说不准。",
        {
            "outcome": ["held"],
            "reason_has": [["单位", "万元", "金额"]],
            "readings": [
                {
                    "figures": {
                        "key_projects": {
                            "rows": 3,
                            "by_unit": {None: 3},
                            "sums": {
                                "total_investment": 53000,
                                "annual_plan": 11500,
                                "completed_investment": 8700,
                            },
                        }
                    }
                },
                {
                    "figures": {
                        "key_projects": {
                            "rows": 3,
                            "by_unit": {None: 3},
                            "sums": {
                                "total_investment": 5.3,
                                "annual_plan": 1.15,
                                "completed_investment": 0.87,
                            },
                        }
                    }
                },
            ],
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
    name = "镇综治中心信访积案化解台账（2023年10月）.xlsx"
    rows = [
        [
            1,
            "XF2019-003",
            "陈某甲",
            "宅基地审批",
            "2019年3月",
            "镇长",
            "镇规划办",
            "多次约谈",
            "已化解",
            D(2023, 6, 12),
            "是",
        ],
        [
            2,
            "XF2020-011",
            "林某乙",
            "征地补偿",
            "2020.7.15",
            "副书记",
            "镇征迁办",
            "司法救助",
            "已化解",
            D(2023, 9, 20),
            "是",
        ],
        [
            3,
            "XF2021-006",
            "黄某丙",
            "劳动工伤",
            D(2021, 11, 2),
            "副镇长",
            "镇社保所",
            "协调赔付",
            "化解中",
            None,
            "否",
        ],
        [
            4,
            "XF2022-002",
            "吴某丁",
            "山林权属",
            "2022/4/8",
            "人大主席",
            "镇林业站",
            "确权调处",
            "已销号",
            D(2023, 10, 18),
            "是",
        ],
        [
            5,
            "XF2019-008",
            "郑某戊",
            "拆迁安置",
            "2019-12",
            "镇长",
            "镇征迁办",
            "安置房调配",
            "化解中",
            None,
            "否",
        ],
    ]
    simple_xlsx(name, "积案", "西天尾镇信访积案化解台账", "截至2023年10月31日", PH, rows)
    case(
        "b4_p01_first_visits_2019_2022_mixed_writing",
        [name],
        "初访时间2019-2022年，写法各异：“2019年3月”“2020.7.15”、日期单元格、“2022/4/8”“2019-12”（只到月）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "petitions": {
                    "rows": 5,
                    "by_unit": {None: 5},
                    "counts": {"status": {"resolved": 3, "open": 2}},
                }
            },
            "quarantined": 0,
        },
    )


def p02():
    name = "信访积案台账10月（综治中心）.xlsx"
    hdr = ["序号", "案件编号", "信访人", "反映问题", "初访时间", "包案领导", "是否化解", "化解日期", "承诺书"]
    rows = [
        [1, "JA-2021-01", "李某", "土地纠纷", D(2021, 3, 5), "书记", "✔", D(2023, 8, 9), "✔"],
        [2, "JA-2021-02", "王某", "医疗事故", D(2021, 8, 17), "镇长", "✘", None, "—"],
        [3, "JA-2022-01", "张某", "拖欠工程款", D(2022, 1, 20), "副镇长", "✔", D(2023, 10, 11), "✔"],
        [4, "JA-2022-04", "刘某", "邻里宅基地", D(2022, 6, 30), "副书记", "✘", None, "—"],
    ]
    simple_xlsx(
        name,
        "Sheet1",
        "西天尾镇信访积案化解台账（2023年10月）",
        None,
        hdr,
        rows,
        footer=["注：✔表示已化解/已签订，✘表示未化解。"],
    )
    case(
        "b4_p02_resolved_and_pledge_as_symbols",
        [name],
        "“是否化解”与“承诺书”两列用 ✔/✘/— 符号，表下有注释说明。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "petitions": {
                    "rows": 4,
                    "by_unit": {None: 4},
                    "counts": {"status": {"resolved": 2, "open": 2}},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"petitions": {"rows": 0}}},
        },
    )


def p03():
    name = "信访积案清单_20231031.csv"
    rows = [
        PH,
        [
            "1",
            "XF2020-004",
            "陈某",
            "养老保险",
            "2020-05-11",
            "副镇长",
            "镇社保所",
            "政策解释",
            "已化解",
            "2023-04-02",
            "已签订",
        ],
        [
            "2",
            "XF2021-009",
            "林某",
            "宅基地",
            "2021-09-23",
            "镇长",
            "镇规划办",
            "现场勘查",
            "化解中",
            "",
            "未签订",
        ],
        [
            "3",
            "XF2022-007",
            "黄某",
            "征地补偿",
            "2022-02-14",
            "书记",
            "镇征迁办",
            "补偿到位",
            "已化解",
            "2022-12-20",
            "已签订",
        ],
        [
            "4",
            "XF2022-010",
            "吴某",
            "环境污染",
            "2022-10-08",
            "人大主席",
            "镇环保站",
            "督促整改",
            "化解中",
            "",
            "未签订",
        ],
        [],
        ["共4件，其中已化解2件，化解中2件"],
        ["导出时间：2023-10-31 17:42"],
    ]
    write_csv(name, rows, encoding="utf-8-sig")
    case(
        "b4_p03_csv_trailing_count_lines_resolved_last_year",
        [name],
        "UTF-8 BOM CSV，末尾“共4件…”和导出时间行；有一件2022年12月就已化解的积案仍在清单里。",
        {
            "outcome": ["loaded"],
            "figures": {
                "petitions": {
                    "rows": 4,
                    "by_unit": {None: 4},
                    "by_period": {"2023-10": 4},
                    "counts": {"status": {"resolved": 2, "open": 2}},
                }
            },
            "quarantined": 0,
        },
    )


def p04():
    name = "信访积案台账2023年11月.xlsx"
    rows = [
        [
            1,
            "XF2019-003",
            "陈某甲",
            "宅基地审批",
            D(2019, 3, 1),
            "镇长",
            "镇规划办",
            "多次约谈",
            "已化解",
            D(2023, 6, 12),
            "是",
        ],
        [
            2,
            "XF2021-006",
            "黄某丙",
            "劳动工伤",
            D(2021, 11, 2),
            "副镇长",
            "镇社保所",
            "协调赔付",
            "基本稳定",
            None,
            "否",
        ],
        [
            3,
            "XF2022-002",
            "吴某丁",
            "山林权属",
            D(2022, 4, 8),
            "人大主席",
            "镇林业站",
            "确权调处",
            "已销号",
            D(2023, 10, 18),
            "是",
        ],
    ]
    simple_xlsx(name, "11月", "西天尾镇信访积案化解台账（2023年11月）", None, PH, rows)
    case(
        "b4_p04_status_basically_stable",
        [name],
        "一件积案状态写“基本稳定”——既不是已化解也不是明确的化解中，应单行隔离说明，不猜。",
        {
            "outcome": ["loaded"],
            "figures": {
                "petitions": {"rows": 2, "by_unit": {None: 2}, "counts": {"status": {"resolved": 2}}}
            },
            "quarantined": 1,
            "quarantine_reason_has": [["基本稳定", "状态"]],
        },
    )


# ------------------------------------------------------------------ legal visits
LH = ["序号", "日期", "姓名", "身份", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"]


def l01():
    name = "镇综治中心三官一律下沉台账10月.xlsx"
    rows = [
        [1, D(2023, 10, 9), "郑法", "区法院法官", "荔城区人民法院", "后埔村", "带案下访", 1, 3],
        [2, D(2023, 10, 12), "林庭", "西天尾法庭庭长", "西天尾人民法庭", "象峰村", "调解", 2, 1],
        [3, D(2023, 10, 16), "陈检", "荔城区检察院检察官", "荔城区人民检察院", "碗洋村", "普法", 0, 6],
        [4, D(2023, 10, 19), "黄干", "检察院干警", "荔城区人民检察院", "三山村", "法律咨询", 0, 4],
        [5, D(2023, 10, 23), "吴警", "派出所民警", "西天尾派出所", "后卓村", "调解", 1, 2],
        [6, D(2023, 10, 27), "许律", "律所律师", "福建某某律师事务所", "洞湖村", "法律咨询", 0, 5],
    ]
    simple_xlsx(name, "10月", "西天尾镇“三官一律”进村居工作台账（2023年10月）", None, LH, rows)
    case(
        "b4_l01_roles_written_loosely",
        [name],
        "身份写得随意：区法院法官、西天尾法庭庭长、检察院检察官、检察院干警、派出所民警、律所律师。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 6,
                    "by_unit": {"后埔村": 1, "象峰村": 1, "碗洋村": 1, "三山村": 1, "后卓村": 1, "洞湖村": 1},
                    "by_period": {"2023-10": 6},
                    "counts": {"role": {"法官": 2, "检察官": 2, "警官": 1, "律师": 1}},
                    "sums": {"disputes_resolved": 4, "consultations": 21},
                }
            },
            "quarantined": 0,
        },
    )


def l02():
    name = "后黄社区三官一律台账2023年10月.xlsx"
    rows = [
        [1, D(2023, 10, 10), "甲官", "法官", "西天尾人民法庭", "后黄社区", "调解", 1, 2],
        [2, D(2023, 10, 17), "乙调", "人民调解员", "后黄社区调委会", "后黄社区", "调解", 2, 0],
        [3, D(2023, 10, 24), "丙警", "警官", "西天尾派出所", "后黄社区", "普法", 0, 8],
        [4, D(2023, 10, 30), "丁律", "律师", "某某律师事务所", "后黄社区", "法律咨询", 0, 3],
    ]
    simple_xlsx(name, "Sheet1", "后黄社区2023年10月“三官一律”下沉工作台账", None, LH, rows)
    case(
        "b4_l02_mediator_is_not_one_of_four",
        [name],
        "一行身份是“人民调解员”——不属于法官/检察官/警官/律师，单行隔离。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 3,
                    "by_unit": {"后黄社区": 3},
                    "counts": {"role": {"法官": 1, "警官": 1, "律师": 1}},
                    "sums": {"disputes_resolved": 1, "consultations": 13},
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["身份", "人民调解员"]],
        },
    )


def l03():
    name = "吴江村三官一律台账2023年10月.xlsx"
    rows = [
        [1, D(2023, 10, 8), "周律", "律师", "某某律师事务所", "吴江村", "法律咨询", 0, 4],
        [2, D(2023, 10, 22), None, None, None, "吴江村", "普法讲座", 0, 7],
        [3, D(2023, 10, 11), "钱警", "民警", "西天尾派出所", "吴江村", "调解", 1, 1],
        [4, D(2023, 10, 25), None, None, None, "吴江村", "带案下访", 1, 0],
    ]
    wb = simple_xlsx(name, "Sheet1", "吴江村2023年10月三官一律工作台账", None, LH, rows)
    ws = wb["Sheet1"]
    for col in "CDE":
        ws.merge_cells(f"{col}3:{col}4")
        ws.merge_cells(f"{col}5:{col}6")
    ws.merge_cells("F3:F6")
    save(wb, name)
    case(
        "b4_l03_same_person_merged_over_visits",
        [name],
        "同一人多次下沉：姓名/身份/派出单位按人合并两行，挂点村居合并四行。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 4,
                    "by_unit": {"吴江村": 4},
                    "counts": {"role": {"律师": 2, "警官": 2}},
                    "sums": {"disputes_resolved": 2, "consultations": 12},
                }
            },
            "quarantined": 0,
        },
    )


def l04():
    name = "东星社区三官一律台账（10月）.xlsx"
    hdr = ["序号", "日期", "姓名", "身份", "派出单位", "挂点网格", "活动内容", "化解纠纷数", "法律咨询数"]
    rows = [
        [1, D(2023, 10, 6), "东法", "法官", "西天尾人民法庭", "东星第１２网格", "调解", 1, 2],
        [2, D(2023, 10, 13), "东检", "检察官", "荔城区人民检察院", "第０３网格", "普法", 0, 5],
        [3, D(2023, 10, 20), "东警", "警官", "西天尾派出所", "东星社区第２１网格", "法律咨询", 0, 3],
    ]
    simple_xlsx(name, "Sheet1", "东星社区2023年10月三官一律进网格台账", None, hdr, rows)
    case(
        "b4_l04_grid_names_fullwidth_digits",
        [name],
        "挂点写的是网格，且用全角数字（东星第１２网格、第０３网格）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 3,
                    "by_unit": {"东星社区": 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"role": {"法官": 1, "检察官": 1, "警官": 1}},
                    "sums": {"disputes_resolved": 1, "consultations": 10},
                }
            },
            "quarantined": 0,
        },
    )


def l05():
    name = "镇综治中心三官一律台账11月.xlsx"
    wb = wb_new()
    ws = wb.active
    ws.title = "11月"
    title(ws, "西天尾镇2023年11月“三官一律”下沉工作台账", len(LH))
    put_rows(
        ws,
        [
            LH,
            [1, D(2023, 11, 2), "法一", "法官", "西天尾人民法庭", "龙山村", "调解", 1, 2],
            [2, D(2023, 11, 6), "检一", "检察官", "荔城区人民检察院", "北大村", "普法", 0, 6],
            [3, D(2023, 11, 9), "警一", "警官", "西天尾派出所", "溪白社区", "调解", 2, 1],
        ],
        start=2,
    )
    ws2 = wb.create_sheet("续表")
    put_rows(
        ws2,
        [
            LH,
            [4, D(2023, 11, 15), "律一", "律师", "某某律师事务所", "澄渚社区", "法律咨询", 0, 4],
            [5, D(2023, 11, 23), "法二", "法官", "西天尾人民法庭", "林峰社区", "带案下访", 1, 0],
            [None, None, "合计", None, None, None, None, 4, 13],
        ],
    )
    save(wb, name)
    case(
        "b4_l05_continued_sheet_with_total",
        [name],
        "11月台账第二个工作表“续表”接着写4-5条，合计行在续表末尾（合计5条的和）。",
        {
            "outcome": ["loaded"],
            "figures": {
                "legal_visits": {
                    "rows": 5,
                    "by_unit": {"龙山村": 1, "北大村": 1, "溪白社区": 1, "澄渚社区": 1, "林峰社区": 1},
                    "by_period": {"2023-11": 5},
                    "counts": {"role": {"法官": 2, "检察官": 1, "警官": 1, "律师": 1}},
                    "sums": {"disputes_resolved": 4, "consultations": 13},
                }
            },
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ grid events
GH = ["事件编号", "所属网格", "事件类型", "上报时间", "处理时限", "办结时间", "状态", "事件描述", "上报人"]


def g01():
    name = "东星社区10月网格事件.xlsx"
    T = dt.datetime
    rows = [
        [
            "DX20231003001",
            "东星第１２网格",
            "服务群众",
            T(2023, 10, 3, 9, 10),
            T(2023, 10, 6, 9, 10),
            T(2023, 10, 4, 15, 0),
            "已办结",
            "路灯不亮",
            "网格员甲",
        ],
        [
            "DX20231009002",
            "第０３网格",
            "公共安全",
            T(2023, 10, 9, 14, 0),
            T(2023, 10, 12, 14, 0),
            T(2023, 10, 11, 10, 0),
            "已办结",
            "电动车楼道充电",
            "网格员乙",
        ],
        [
            "DX20231015003",
            "１２网格",
            "生态环境",
            T(2023, 10, 15, 8, 30),
            T(2023, 10, 18, 8, 30),
            None,
            "办理中",
            "垃圾堆放",
            "网格员甲",
        ],
        [
            "DX20231021004",
            "东星第３网格",
            "维护稳定",
            T(2023, 10, 21, 16, 45),
            T(2023, 10, 24, 16, 45),
            T(2023, 10, 26, 9, 0),
            "已办结",
            "邻里争吵",
            "网格员乙",
        ],
    ]
    simple_xlsx(name, "事件明细", "东星社区网格事件明细（2023年10月）", None, GH, rows)
    case(
        "b4_g01_grid_fullwidth_digits",
        [name],
        "所属网格用全角数字：东星第１２网格、第０３网格、１２网格，另有半角“东星第３网格”。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": {
                    "rows": 4,
                    "by_unit": {"东星社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "grid_id": {"G12": 2, "G03": 2},
                        "status": {"已办结": 3, "办理中": 1},
                        "event_type": {"服务群众": 1, "公共安全": 1, "生态环境": 1, "维护稳定": 1},
                    },
                }
            },
            "quarantined": 0,
        },
    )


def g02():
    name = "事件列表导出.xlsx"
    T = dt.datetime
    wb = wb_new()
    ws = wb.active
    ws.title = "事件列表"
    ws.cell(row=1, column=1, value="事件列表")
    hdr = [
        "序号",
        "事件编号",
        "所属社区",
        "所属网格",
        "事件类型",
        "上报时间",
        "处理时限",
        "办结时间",
        "状态",
        "事件描述",
    ]
    lines = [
        hdr,
        [
            1,
            "E1001",
            "东星社区",
            "东星第1网格",
            "服务群众",
            T(2023, 10, 2, 10, 0),
            T(2023, 10, 5, 10, 0),
            T(2023, 10, 3, 10, 0),
            "已办结",
            "求助",
        ],
        [
            2,
            "E1002",
            "东星社区",
            "东星第2网格",
            "治安防控",
            T(2023, 10, 8, 11, 0),
            T(2023, 10, 11, 11, 0),
            T(2023, 10, 9, 17, 0),
            "已办结",
            "可疑人员",
        ],
        [
            3,
            "E1003",
            "东星社区",
            "东星第7网格",
            "公共安全",
            T(2023, 10, 14, 9, 0),
            T(2023, 10, 17, 9, 0),
            None,
            "已分流",
            "消防通道堵塞",
        ],
        [
            4,
            "E1004",
            "东星社区",
            "东星第7网格",
            "生态环境",
            T(2023, 10, 20, 15, 0),
            T(2023, 10, 23, 15, 0),
            T(2023, 10, 25, 8, 0),
            "已办结",
            "污水外溢",
        ],
        [
            5,
            "E1005",
            "东星社区",
            "东星第9网格",
            "服务群众",
            T(2023, 10, 29, 8, 0),
            T(2023, 11, 1, 8, 0),
            None,
            "受理",
            "低保咨询",
        ],
        [None],
        ["合计：5条"],
        ["导出人：东星社区网格管理员    导出时间：2023-11-01 08:30:12"],
    ]
    put_rows(ws, lines, start=2)
    save(wb, name)
    case(
        "b4_g02_export_name_only_trailing_summary",
        [name],
        "平台导出文件名只有“事件列表导出.xlsx”，月份只能从上报时间看（全部10月）；末尾“合计：5条”和导出人/导出时间行。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "grid_events": {
                    "rows": 5,
                    "by_unit": {"东星社区": 5},
                    "by_period": {"2023-10": 5},
                    "counts": {
                        "status": {"已办结": 3, "已分流": 1, "受理": 1},
                        "event_type": {"服务群众": 2, "治安防控": 1, "公共安全": 1, "生态环境": 1},
                        "grid_id": {"G01": 1, "G02": 1, "G07": 2, "G09": 1},
                    },
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"grid_events": {"rows": 0}}},
        },
    )


def g03():
    name = "东星社区网格事件2023-10.csv"
    rows = [
        GH,
        [
            "DX1001",
            "东星第4网格",
            "服务群众",
            "2023-10-04 09:00:00",
            "2023-10-07 09:00:00",
            "2023-10-05 10:00:00",
            "已办结(按期)",
            "修路",
            "甲",
        ],
        [
            "DX1002",
            "东星第4网格",
            "治安防控",
            "2023-10-10 10:00:00",
            "2023-10-13 10:00:00",
            "2023-10-16 10:00:00",
            "已办结（超期）",
            "盗窃",
            "乙",
        ],
        [
            "DX1003",
            "东星第5网格",
            "生态环境",
            "2023-10-18 14:00:00",
            "2023-10-21 14:00:00",
            "",
            "办理中(已超期)",
            "油烟",
            "甲",
        ],
        [
            "DX1004",
            "东星第6网格",
            "维护稳定",
            "2023-10-25 16:00:00",
            "2023-10-28 16:00:00",
            "",
            "已分流-城管",
            "占道经营",
            "乙",
        ],
    ]
    write_csv(name, rows, encoding="utf-8")
    case(
        "b4_g03_status_with_bracketed_annotations",
        [name],
        "状态后面带注释：“已办结(按期)”“已办结（超期）”“办理中(已超期)”“已分流-城管”。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": {
                    "rows": 4,
                    "by_unit": {"东星社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "status": {"已办结": 2, "办理中": 1, "已分流": 1},
                        "event_type": {"服务群众": 1, "治安防控": 1, "生态环境": 1, "维护稳定": 1},
                    },
                }
            },
            "quarantined": 0,
        },
    )


def g04():
    name = "东星社区网格事件（11月）.xlsx"
    T = dt.datetime
    rows = [
        [
            "DX2001",
            "东星第10网格",
            "服务群众",
            T(2023, 11, 2, 9, 0),
            T(2023, 11, 5, 9, 0),
            T(2023, 11, 3, 9, 0),
            "已办结",
            "",
            "",
        ],
        [
            "DX2002",
            "东星第35网格",
            "公共安全",
            T(2023, 11, 6, 9, 0),
            T(2023, 11, 9, 9, 0),
            T(2023, 11, 7, 9, 0),
            "已办结",
            "",
            "",
        ],
        [
            "DX2003",
            "东星第33网格",
            "生态环境",
            T(2023, 11, 12, 9, 0),
            T(2023, 11, 15, 9, 0),
            None,
            "办理中",
            "",
            "",
        ],
        [
            "DX2004",
            "东星第11网格",
            "维护稳定",
            T(2023, 11, 20, 9, 0),
            T(2023, 11, 23, 9, 0),
            None,
            "挂起",
            "",
            "",
        ],
    ]
    simple_xlsx(name, "Sheet1", None, None, GH, rows)
    case(
        "b4_g04_grid_that_does_not_exist",
        [name],
        "一条事件所属网格“东星第35网格”——东星只有33个网格，单行隔离说明。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": {
                    "rows": 3,
                    "by_unit": {"东星社区": 3},
                    "by_period": {"2023-11": 3},
                    "counts": {
                        "grid_id": {"G10": 1, "G33": 1, "G11": 1},
                        "status": {"已办结": 1, "办理中": 1, "挂起": 1},
                    },
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["网格", "35"]],
        },
    )


def g05():
    name = "东星社区网格事件_202310.xls"
    recs = [
        [
            "DX3001",
            "东星第15网格",
            "服务群众",
            "2023-10-05 08:00",
            "2023-10-08 08:00",
            "2023-10-06 08:00",
            "已办结",
            "咨询",
            "甲",
        ],
        [
            "DX3002",
            "东星第16网格",
            "治安防控",
            "2023-10-12 08:00",
            "2023-10-15 08:00",
            "2023-10-13 08:00",
            "已办结",
            "巡查",
            "乙",
        ],
        [
            "DX3003",
            "东星第16网格",
            "公共安全",
            "2023-10-19 08:00",
            "2023-10-22 08:00",
            "",
            "办理中",
            "隐患",
            "甲",
        ],
        ["DX3004", "东星第20网格", "其他", "2023-10-26 08:00", "2023-10-29 08:00", "", "受理", "其他", "乙"],
    ]

    def tr(cells, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"

    html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><table border="1">'
        + tr(GH, "th")
        + "".join(tr(r) for r in recs)
        + "</table></body></html>"
    )
    (FILES / name).write_text(html, encoding="utf-8")
    case(
        "b4_g05_platform_xls_that_is_html",
        [name],
        "城市平台“导出Excel”得到的.xls其实是一张HTML表格（Excel能打开，会提示格式与扩展名不符）。",
        {
            "outcome": [["loaded", "rejected"]],
            "figures": {
                "grid_events": {
                    "rows": 4,
                    "by_unit": {"东星社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "status": {"已办结": 2, "办理中": 1, "受理": 1},
                        "event_type": {"服务群众": 1, "治安防控": 1, "公共安全": 1, "其他": 1},
                    },
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"grid_events": {"rows": 0}},
                "reason_has": [["HTML", "html", "网页", "格式", "无法"]],
            },
        },
    )


def g06():
    name = "东星网格事件10月下旬.csv"
    rows = [
        GH,
        [
            "DX4001",
            "东星第8网格",
            "服务群众",
            "2023/10/21 9:03",
            "2023/10/24 9:03",
            "2023/10/22 11:30",
            "已办结",
            "",
            "",
        ],
        [
            "DX4002",
            "东星第8网格",
            "生态环境",
            "2023-10-23 14:20:00",
            "2023-10-26 14:20:00",
            "--",
            "办理中",
            "",
            "",
        ],
        [
            "DX4003",
            "东星第9网格",
            "治安防控",
            "2023年10月27日 10时15分",
            "2023年10月30日 10时15分",
            "2023年10月28日 9时00分",
            "已办结",
            "",
            "",
        ],
        ["DX4004", "东星第9网格", "维护稳定", "2023/10/30 17:45", "2023/11/2 17:45", "--", "已分流", "", ""],
    ]
    write_csv(name, rows, encoding="gbk")
    case(
        "b4_g06_time_writings_mixed_dash_for_empty",
        [name],
        "GBK CSV，时间写法混杂（2023/10/21 9:03、2023-10-23 14:20:00、2023年10月27日 10时15分），未办结的办结时间写“--”。",
        {
            "outcome": ["loaded"],
            "figures": {
                "grid_events": {
                    "rows": 4,
                    "by_unit": {"东星社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {
                        "status": {"已办结": 2, "办理中": 1, "已分流": 1},
                        "grid_id": {"G08": 2, "G09": 2},
                    },
                }
            },
            "quarantined": 0,
        },
    )


# ------------------------------------------------------------------ party activities
AH = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"]


def pa01():
    name = "党建办10月三会一课汇总.xlsx"
    rows = [
        [1, "林山支部", "主题党日", D(2023, 10, 10), "村部", "学习二十大", 32, 29, "林某"],
        [2, "后卓村支部", "党课", D(2023, 10, 12), "村部", "主题教育", 41, 36, "后某"],
        [3, "机关支部", "支委会", D(2023, 10, 16), "镇政府", "研究发展党员", 7, 7, "机某"],
        [4, "卫生院支部", "党员大会", D(2023, 10, 19), "卫生院", "民主评议", 25, 22, "卫某"],
        [5, "非公联合支部", "专题培训", D(2023, 10, 26), "园区", "安全生产", 18, 15, "非某"],
    ]
    simple_xlsx(
        name, "汇总", "西天尾镇2023年10月基层党组织“三会一课”开展情况汇总", "填报单位：镇党建办", AH, rows
    )
    case(
        "b4_pa01_party_org_names_abbreviated",
        [name],
        "党建办汇总里党组织名称简写：林山支部、后卓村支部、机关支部、卫生院支部、非公联合支部。",
        {
            "outcome": ["loaded"],
            "figures": {
                "party_activities": {
                    "rows": 5,
                    "by_unit": {"林山村": 1, "后卓村": 1, None: 3},
                    "by_period": {"2023-10": 5},
                    "counts": {
                        "party_org_id": {"P17": 1, "P11": 1, "P18": 1, "P21": 1, "P22": 1},
                        "activity_type": {
                            "主题党日": 1,
                            "党课": 1,
                            "支委会": 1,
                            "党员大会": 1,
                            "专题培训": 1,
                        },
                    },
                    "sums": {"expected": 123, "attended": 109},
                }
            },
            "quarantined": 0,
        },
    )


def pa02():
    name = "龙山村党支部2023年10月三会一课记录.xlsx"
    hdr1 = ["序号", "日期", "活动类型", None, None, None, "主题", "应到人数", "实到人数"]
    hdr2 = [None, None, "支委会", "党员大会", "党小组会", "党课", None, None, None]
    rows = [
        [1, D(2023, 10, 8), "√", None, None, None, "研究三季度工作", 5, 5],
        [2, D(2023, 10, 15), None, "√", None, None, "接收预备党员", 46, 40],
        [3, D(2023, 10, 24), None, None, None, "√", "书记讲党课", 46, 38],
    ]
    wb = wb_new()
    ws = wb.active
    ws.title = "10月"
    title(ws, "龙山村党支部2023年10月“三会一课”记录表", 9)
    put_rows(ws, [hdr1, hdr2] + rows, start=2)
    ws.merge_cells("C2:F2")
    for col in "ABGHI":
        ws.merge_cells(f"{col}2:{col}3")
    save(wb, name)
    case(
        "b4_pa02_activity_type_as_tick_columns",
        [name],
        "活动类型不是一列文字，而是合并表头下的四个勾选列（支委会/党员大会/党小组会/党课），打“√”。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "party_activities": {
                    "rows": 3,
                    "by_unit": {"龙山村": 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"activity_type": {"支委会": 1, "党员大会": 1, "党课": 1}},
                    "sums": {"expected": 97, "attended": 83},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"party_activities": {"rows": 0}}},
        },
    )


def pa03():
    name = "渭阳社区10月党建活动台账.xlsx"
    wb = wb_new()
    ws = wb.active
    ws.title = "三会一课"
    hdr = ["序号", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数"]
    title(ws, "渭阳社区党支部2023年10月三会一课台账", len(hdr))
    put_rows(
        ws,
        [
            hdr,
            [1, "支委会", D(2023, 10, 9), "社区会议室", "月度工作", 5, 5],
            [2, "党小组会", D(2023, 10, 13), "社区会议室", "学习", 12, 10],
            [3, "党课", D(2023, 10, 27), "社区会议室", "廉政党课", 38, 33],
        ],
        start=2,
    )
    ws2 = wb.create_sheet("主题党日")
    hdr2 = ["序号", "日期", "主题", "地点", "应到人数", "实到人数", "备注"]
    title(ws2, "渭阳社区党支部2023年10月主题党日活动登记", len(hdr2))
    put_rows(ws2, [hdr2, [1, D(2023, 10, 10), "重阳敬老志愿服务", "辖区养老院", 38, 31, None]], start=2)
    save(wb, name)
    case(
        "b4_pa03_second_sheet_implies_type",
        [name],
        "两个工作表：“三会一课”（有活动类型列）和“主题党日”（没有类型列，类型就是表名）。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "party_activities": {
                    "rows": 4,
                    "by_unit": {"渭阳社区": 4},
                    "by_period": {"2023-10": 4},
                    "counts": {"activity_type": {"支委会": 1, "党小组会": 1, "党课": 1, "主题党日": 1}},
                    "sums": {"expected": 93, "attended": 79},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"party_activities": {"rows": 0}}},
        },
    )


def pa04():
    name = "碗洋村10月三会一课.xlsx"
    rows = [
        [1, "碗洋村党支部", "支委会", "2023/10/6", "村部", "部署", 5, 5, "碗某"],
        [2, "碗洋村党支部", "主题党日", D(2023, 10, 10), "村部", "志愿服务", 35, 30, "碗某"],
        [3, "碗洋村党支部", "党课", "2023/10/", "村部", "党史", 35, 28, "碗某"],
        [4, "碗洋村党支部", "党员大会", "2023/10/26", "村部", "评议", 35, 32, "碗某"],
    ]
    simple_xlsx(name, "Sheet1", "碗洋村党支部2023年10月三会一课台账", None, AH, rows)
    case(
        "b4_pa04_date_missing_day",
        [name],
        "日期一列真日期与“2023/10/6”文本混用，一条写成“2023/10/”（没写日）：该行进隔离。",
        {
            "outcome": ["loaded"],
            "figures": {
                "party_activities": {
                    "rows": 3,
                    "by_unit": {"碗洋村": 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"activity_type": {"支委会": 1, "主题党日": 1, "党员大会": 1}},
                    "sums": {"expected": 75, "attended": 67},
                }
            },
            "quarantined": 1,
            "quarantine_reason_has": [["日期"]],
        },
    )


def pa05():
    name = "新建 Microsoft Excel 工作表 (3).xlsx"
    hdr = ["序号", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"]
    rows = [
        [1, "支部委员会", D(2023, 10, 7), "村部", "研究发展对象", 5, 5, "下某"],
        [2, "党员大会", D(2023, 10, 17), "村部", "选举", 52, 47, "下某"],
        [3, "主题党日", D(2023, 10, 24), "精品线", "环境整治", 52, 44, "下某"],
    ]
    simple_xlsx(name, "Sheet1", "西天尾镇下垞村党支部2023年10月“三会一课”台账", None, hdr, rows)
    case(
        "b4_pa05_wps_default_name_org_in_title",
        [name],
        "WPS默认文件名，党组织（下垞村党支部）和月份只在标题里，没有党组织列。",
        {
            "outcome": ["loaded"],
            "figures": {
                "party_activities": {
                    "rows": 3,
                    "by_unit": {"下垞村": 3},
                    "by_period": {"2023-10": 3},
                    "counts": {
                        "activity_type": {"支委会": 1, "党员大会": 1, "主题党日": 1},
                        "party_org_id": {"P16": 3},
                    },
                    "sums": {"expected": 109, "attended": 96},
                }
            },
            "quarantined": 0,
        },
    )


def pa06():
    name = "东星社区网格党支部10月活动.xlsx"
    rows = [
        [1, "东星社区第１网格党支部", "主题党日", D(2023, 10, 10), "网格服务站", "清理楼道", 9, 8, "网一"],
        [2, "东星社区党委", "支委会", D(2023, 10, 12), "社区", "月度例会", 7, 7, "东某"],
        [3, "东星社区第２网格党支部", "党小组会", D(2023, 10, 19), "网格服务站", "学习", 11, 9, "网二"],
    ]
    simple_xlsx(name, "Sheet1", "东星社区党委及网格党支部2023年10月活动台账", None, AH, rows)
    case(
        "b4_pa06_grid_party_branches_fullwidth",
        [name],
        "东星社区党委与网格党支部混在一张表，网格党支部名用全角数字（第１网格党支部）；网格党支部不在22个党组织名单里，归东星社区。",
        {
            "outcome": [["loaded", "held"]],
            "figures": {
                "party_activities": {
                    "rows": 3,
                    "by_unit": {"东星社区": 3},
                    "by_period": {"2023-10": 3},
                    "counts": {"activity_type": {"主题党日": 1, "支委会": 1, "党小组会": 1}},
                    "sums": {"expected": 27, "attended": 24},
                }
            },
            "quarantined": 0,
            "if_held": {"figures": {"party_activities": {"rows": 0}}},
        },
    )


# ------------------------------------------------------------------ other
def o01():
    name = "~$林山村10月矛盾纠纷台账.xlsx"
    owner = "Administrator".encode("utf-16-le")
    data = bytes([len("Administrator")]) + b"Administrator".ljust(53, b" ") + bytes([13, 0]) + owner
    (FILES / name).write_bytes(data.ljust(165, b"\x00"))
    case(
        "b4_o01_office_lock_file",
        [name],
        "文书把整个文件夹拷进来，带上了Excel/WPS打开文件时留下的“~$”所有者锁文件（165字节）。",
        {
            "outcome": [["rejected", "held"]],
            "reason_has": [["打不开", "无法", "损坏", "读取", "临时", "不是", "锁"]],
        },
    )


def o02():
    name = "吴江村10月矛盾纠纷台账.xlsx"
    rows = [
        ["吴江村2023年10月矛盾纠纷排查化解台账"],
        DH,
        [
            "1",
            "2023-10-07",
            "吴甲",
            "13805943001",
            "邻里纠纷",
            "",
            "吴书记",
            "村级",
            "已化解",
            "2023-10-08",
            "",
        ],
        ["2", "2023-10-21", "吴乙", "13805943002", "婚姻家庭", "", "吴书记", "村级", "化解中", "", ""],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (FILES / name).write_bytes(buf.getvalue().encode("gbk"))
    case(
        "b4_o02_csv_renamed_to_xlsx",
        [name],
        "把GBK CSV直接改扩展名成.xlsx（Excel打开会报格式不符）。能读就读，读不了要说清楚。",
        {
            "outcome": [["loaded", "rejected"]],
            "figures": {
                "disputes": {
                    "rows": 2,
                    "by_unit": {"吴江村": 2},
                    "by_period": {"2023-10": 2},
                    "counts": {"status": {"resolved": 1, "open": 1}},
                }
            },
            "quarantined": 0,
            "if_held": {
                "figures": {"disputes": {"rows": 0}},
                "reason_has": [["格式", "扩展名", "无法", "CSV", "csv", "损坏"]],
            },
        },
    )


def main():
    for fn in [
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
        k01,
        k02,
        k03,
        k04,
        k05,
        k06,
        k07,
        k08,
        p01,
        p02,
        p03,
        p04,
        l01,
        l02,
        l03,
        l04,
        l05,
        g01,
        g02,
        g03,
        g04,
        g05,
        g06,
        pa01,
        pa02,
        pa03,
        pa04,
        pa05,
        pa06,
        o01,
        o02,
    ]:
        fn()
    head = (
        "# Habit batch 4 — what a careful analyst wants in the warehouse after the case's files are ingested in order.\n"
        "# Written by hand from the rows make_files.py writes (never from running the program); generated by make_files.py.\n"
        "# Format: see batch1's header (files, outcome, figures rows/by_unit/by_period/counts/sums/values, quarantined,\n"
        "# quarantine_reason_has, reason_has, meta, if_held/if_loaded, readings).\n"
        "# NOTE: sums use the mart column names (total_investment, annual_plan, completed_investment, disputes_resolved,\n"
        "# consultations, expected, attended), as batch3 does; rename if staging differs.\n\n"
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
