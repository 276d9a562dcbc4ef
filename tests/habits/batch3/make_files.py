"""Habit batch 3 — writes files/ deterministically (fixed seed, fixed zip timestamps and doc properties).

    /work/main/.venv/bin/python make_files.py

Every figure in cases.yaml was worked out by hand from the rows written below.
Personal data is fake: names from a list, 11-digit mobiles, 18-digit IDs with valid check digits.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import xlwt
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font

OUT = Path(__file__).resolve().parent / "files"
R = random.Random(20231103)
FIXED = (2023, 11, 1, 8, 30, 0)
D = dt.date
T = dt.datetime

SURN = "林陈黄郑吴李王张刘蔡方翁许周杨朱宋游关卓"
GIVEN = [
    "秀英",
    "国华",
    "建明",
    "丽娟",
    "志强",
    "美珍",
    "文忠",
    "金兰",
    "亚平",
    "海燕",
    "振华",
    "淑芳",
    "德明",
    "玉梅",
    "春生",
    "桂香",
    "荣辉",
    "雪琴",
    "福清",
    "永泉",
    "宝珠",
    "天赐",
    "少华",
    "碧霞",
    "鸿飞",
    "月娥",
]


def name() -> str:
    return R.choice(SURN) + R.choice(GIVEN)


def mobile() -> str:
    return R.choice(["135", "138", "139", "150", "151", "158", "159", "177", "180", "187", "189"]) + "".join(
        str(R.randrange(10)) for _ in range(8)
    )


def idno() -> str:
    body = R.choice(["350304", "350302", "350303", "350322"])
    b = D(1950, 1, 1) + dt.timedelta(days=R.randrange(0, 18000))
    body += b.strftime("%Y%m%d") + "".join(str(R.randrange(10)) for _ in range(3))
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * k for c, k in zip(body, w, strict=False)) % 11]


# ------------------------------------------------------------------ writers
def _fix_zip(raw: bytes) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(raw))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2023-11-01T08:30:00Z", data
                )
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data)
    return buf.getvalue()


def xlsx(fname: str, sheets: list[dict]) -> None:
    """sheets: title, rows, merge, hidden_rows, hidden_cols, comments {cell: text}, state,
    datefmt (number format for date cells), fmt {cell: format}, wrap (bool)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sh in sheets:
        ws = wb.create_sheet(sh["title"])
        for r in sh["rows"]:
            ws.append(list(r))
        for m in sh.get("merge", []):
            ws.merge_cells(m)
        for r in sh.get("hidden_rows", []):
            ws.row_dimensions[r].hidden = True
        for c in sh.get("hidden_cols", []):
            ws.column_dimensions[c].hidden = True
        for cell, text in sh.get("comments", {}).items():
            ws[cell].comment = Comment(text, "Administrator")
        for cell, f in sh.get("fmt", {}).items():
            ws[cell].number_format = f
        if sh.get("datefmt"):
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, (dt.date, dt.datetime)):
                        c.number_format = sh["datefmt"]
        if sh.get("title_row"):
            ws["A1"].font = Font(bold=True, size=14)
            ws["A1"].alignment = Alignment(horizontal="center")
        if sh.get("state"):
            ws.sheet_state = sh["state"]
    p = wb.properties
    p.creator = "Administrator"
    p.lastModifiedBy = "WPS_1698"
    p.created = dt.datetime(2023, 11, 1, 8, 30)
    p.modified = dt.datetime(2023, 11, 1, 8, 30)
    buf = io.BytesIO()
    wb.save(buf)
    (OUT / fname).write_bytes(_fix_zip(buf.getvalue()))


def xls(fname: str, sheets: list[dict]) -> None:
    wb = xlwt.Workbook(encoding="utf-8")
    dstyle = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for sh in sheets:
        ws = wb.add_sheet(sh["title"])
        merged = set()
        for r1, r2, c1, c2 in sh.get("merge", []):
            row = sh["rows"][r1]
            ws.write_merge(r1, r2, c1, c2, row[c1])
            merged |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for i, row in enumerate(sh["rows"]):
            for j, v in enumerate(row):
                if (i, j) in merged or v is None:
                    continue
                if isinstance(v, (dt.date, dt.datetime)):
                    ws.write(i, j, v, dstyle)
                else:
                    ws.write(i, j, v)
    buf = io.BytesIO()
    wb.save(buf)
    (OUT / fname).write_bytes(buf.getvalue())


def csvfile(
    fname: str, rows: list[list], encoding: str = "utf-8", bom: bool = False, crlf: bool = True
) -> None:
    lines = []
    for r in rows:
        cells = []
        for v in r:
            s = "" if v is None else str(v)
            if any(ch in s for ch in ',"\n'):
                s = '"' + s.replace('"', '""') + '"'
            cells.append(s)
        lines.append(",".join(cells))
    text = ("\r\n" if crlf else "\n").join(lines) + ("\r\n" if crlf else "\n")
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    (OUT / fname).write_bytes(data)


def docx(fname: str, paragraphs: list[str]) -> None:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body
        + "</w:body></w:document>",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files.items():
            zi = zipfile.ZipInfo(n, date_time=FIXED)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, d.encode("utf-8"))
    (OUT / fname).write_bytes(buf.getvalue())


def footer(unit: str) -> list[list]:
    return [[], [f"填报人：{name()}", None, None, f"审核人：{name()}", None, None, f"联系电话：{mobile()}"]]


# ------------------------------------------------------------------ disputes
DH = [
    "序号",
    "受理日期",
    "纠纷类型",
    "当事人",
    "联系电话",
    "简要案情",
    "化解责任人",
    "化解层级",
    "化解情况",
    "化解日期",
    "备注",
]


def drow(i, recv, typ, level, status, res, note="", case=None):
    who = name()
    return [
        i,
        recv,
        typ,
        f"{who}、{name()}",
        mobile(),
        case or f"{who}与邻居因琐事发生争执",
        name(),
        level,
        status,
        res,
        note,
    ]


def disputes():
    # d01 龙山村: 封面 sheet first; 已结/调解中
    rows = [
        ["西天尾镇龙山村2023年10月矛盾纠纷排查化解台账"],
        [
            "填报单位：龙山村村委会（盖章）",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "填报日期：2023年10月31日",
        ],
        DH,
        drow(1, D(2023, 10, 2), "邻里纠纷", "村", "已结", D(2023, 10, 6)),
        drow(2, D(2023, 10, 9), "土地承包", "村", "调解中", None),
        drow(3, D(2023, 10, 15), "婚姻家庭", "村", "已结", D(2023, 10, 18)),
        drow(4, D(2023, 10, 20), "山林权属", "片区", "调解中", None, "已报片区调解室"),
        drow(5, D(2023, 10, 27), "邻里纠纷", "片区", "已结", D(2023, 10, 30)),
    ] + footer("龙山村")
    cover = [
        [None],
        [None],
        ["西天尾镇龙山村"],
        ["矛盾纠纷排查化解工作台账"],
        [None],
        ["2023年10月"],
        [None],
        ["龙山村综治中心（盖章）"],
    ]
    xlsx(
        "龙山村2023年10月矛盾纠纷台账.xlsx",
        [
            {"title": "封面", "rows": cover, "merge": ["A3:H3", "A4:H4", "A6:H6", "A8:H8"]},
            {
                "title": "台账",
                "rows": rows,
                "merge": ["A1:K1"],
                "datefmt": 'yyyy"年"m"月"d"日"',
                "title_row": True,
            },
        ],
    )

    # d02 吴江村 .xls: 司法确认
    rows = [
        ["吴江村10月份矛盾纠纷排查调处台账"],
        ["填报单位：吴江村", None, None, None, None, None, None, None, None, None, "2023年10月"],
        [
            "序号",
            "受理时间",
            "纠纷类别",
            "当事人姓名",
            "身份证号码",
            "联系方式",
            "主要矛盾",
            "化解结果",
            "化解时间",
            "调处层级",
            "责任人",
        ],
    ]
    data = [
        ("2023.10.4", "土地承包", "调解成功", "2023.10.11", "村级"),
        ("2023.10.10", "婚姻家庭", "司法确认", "2023.10.25", "片区调解室"),
        ("2023.10.16", "劳资纠纷", "正在调解", "", "镇级"),
        ("2023.10.23", "邻里纠纷", "调解成功", "2023.10.24", "村级"),
    ]
    for i, (a, b, c, d_, e) in enumerate(data, 1):
        rows.append([i, a, b, name(), idno(), mobile(), "双方就" + b + "问题协商未果", c, d_, e, name()])
    rows += footer("吴江村")
    xls("吴江村10月份矛盾纠纷排查台账.xls", [{"title": "Sheet1", "rows": rows, "merge": [(0, 0, 0, 10)]}])

    # d03 片区调解室: unit only on the first row of each group
    H = [
        "序号",
        "所属村居",
        "受理日期",
        "纠纷类型",
        "当事人",
        "联系电话",
        "简要案情",
        "化解层级",
        "化解情况",
        "化解日期",
    ]
    rows = [["第三片区品牌调解室2023年10月矛盾纠纷受理台账"], H]
    data = [
        ("后卓村", D(2023, 10, 3), "邻里纠纷", "已化解", D(2023, 10, 9)),
        (None, D(2023, 10, 17), "土地承包", "化解中", None),
        ("碗洋村", D(2023, 10, 5), "婚姻家庭", "已化解", D(2023, 10, 12)),
        (None, D(2023, 10, 11), "邻里纠纷", "已化解", D(2023, 10, 20)),
        (None, D(2023, 10, 24), "征地拆迁", "化解中", None),
        ("三山村", D(2023, 10, 19), "山林权属", "调解不成", None),
    ]
    for i, (u, a, b, c, d_) in enumerate(data, 1):
        rows.append([i, u, a, b, name(), mobile(), "经村调解未果，移交片区调解室", "片区调解室", c, d_])
    xlsx(
        "第三片区调解室10月矛盾纠纷台账.xlsx",
        [{"title": "10月", "rows": rows, "merge": ["A1:J1"], "datefmt": "m月d日"}],
    )

    # d04 片区 file: real merged unit cells, 序号 restarts per unit
    H = [
        "所属村居",
        "序号",
        "登记日期",
        "纠纷类型",
        "当事人",
        "联系电话",
        "化解责任人",
        "化解层级",
        "化解情况",
        "化解日期",
    ]
    rows = [["第二片区调解室矛盾纠纷排查化解台账（2023年10月）"], H]
    data = [
        ("溪白社区", 1, D(2023, 10, 8), "邻里纠纷", "社区", "已化解", D(2023, 10, 10)),
        (None, 2, D(2023, 10, 13), "婚姻家庭", "片区调解室", "已化解", D(2023, 10, 16)),
        (None, 3, D(2023, 10, 21), "其他", "社区", "化解中", None),
        (None, 4, D(2023, 10, 29), "邻里纠纷", "社区", "已化解", D(2023, 10, 31)),
        ("澄渚社区", 1, D(2023, 10, 4), "征地拆迁", "镇", "已移交", None),
        (None, 2, D(2023, 10, 18), "邻里纠纷", "社区", "已化解", D(2023, 10, 19)),
        (None, 3, D(2023, 10, 26), "土地承包", "片区调解室", "化解中", None),
    ]
    for u, i, a, b, lv, st, rd in data:
        rows.append([u, i, a, b, name(), mobile(), name(), lv, st, rd])
    xlsx(
        "第二片区调解室2023年10月台账.xlsx",
        [{"title": "台账", "rows": rows, "merge": ["A1:J1", "A3:A6", "A7:A9"], "datefmt": "yyyy/m/d"}],
    )

    # d05 综治中心 town summary with 小计 rows in the middle and 合计 at the end
    H = ["序号", "村（居）", "受理日期", "纠纷类型", "当事人", "化解层级", "化解情况", "化解日期"]
    rows = [
        ["西天尾镇2023年10月矛盾纠纷排查化解汇总台账"],
        ["填报单位：镇综治中心"],
        H,
        [1, "北大村", D(2023, 10, 6), "邻里纠纷", name(), "村", "已化解", D(2023, 10, 7)],
        [2, "北大村", D(2023, 10, 19), "土地承包", name(), "村", "化解中", None],
        [None, "小计", "2件", None, None, None, "已化解1件", None],
        [3, "洞湖村", D(2023, 10, 2), "婚姻家庭", name(), "片区调解室", "已化解", D(2023, 10, 12)],
        [4, "洞湖村", D(2023, 10, 14), "山林权属", name(), "镇", "化解中", None],
        [5, "洞湖村", D(2023, 10, 28), "邻里纠纷", name(), "村", "已化解", D(2023, 10, 30)],
        [None, "小计", "3件", None, None, None, "已化解2件", None],
        [None, "合计", "5件", None, None, None, "已化解3件", None],
    ]
    xlsx(
        "镇综治中心10月矛盾纠纷汇总.xlsx",
        [{"title": "汇总", "rows": rows, "merge": ["A1:H1"], "datefmt": "yyyy-mm-dd"}],
    )

    # d06 后埔村: 作废 rows (no strikethrough, just the word)
    rows = [
        ["后埔村2023年10月矛盾纠纷排查化解台账"],
        DH,
        drow(1, D(2023, 10, 4), "邻里纠纷", "村", "已化解", D(2023, 10, 6)),
        drow(2, D(2023, 10, 10), "婚姻家庭", "村", "已化解", D(2023, 10, 15)),
        drow(3, D(2023, 10, 10), "婚姻家庭", "村", "已化解", D(2023, 10, 15), "作废"),
        drow(4, D(2023, 10, 22), "土地承包", "片区调解室", "化解中", None),
        drow(5, D(2023, 10, 25), "邻里纠纷", "村", "化解中", None, "此条作废（与第1条重复登记）"),
    ]
    xlsx("后埔村10月矛盾纠纷台账.xlsx", [{"title": "Sheet1", "rows": rows, "merge": ["A1:K1"]}])

    # d07 象峰村: 备注 says 已撤诉 / 转信访 / 已起诉
    rows = [
        ["象峰村矛盾纠纷排查化解台账（2023年10月）"],
        DH,
        drow(1, D(2023, 10, 3), "邻里纠纷", "村", "已化解", D(2023, 10, 5)),
        drow(2, D(2023, 10, 8), "征地拆迁", "镇", "已移交", None, "转信访"),
        drow(3, D(2023, 10, 14), "婚姻家庭", "片区调解室", "已化解", D(2023, 10, 20), "已撤诉"),
        drow(4, D(2023, 10, 22), "合同纠纷", "村", "化解中", None, "一方已起诉至法院"),
    ]
    xlsx(
        "象峰村2023.10矛盾纠纷.xlsx",
        [{"title": "10月", "rows": rows, "merge": ["A1:K1"], "datefmt": "yyyy.m.d"}],
    )

    # d08 渭阳社区: 23.10.5, 10/12, 2023年10月上旬, real date, 10月26日
    rows = [
        ["渭阳社区2023年10月矛盾纠纷排查化解台账"],
        DH,
        drow(1, "23.10.5", "邻里纠纷", "社区", "已化解", "23.10.9"),
        drow(2, "10/12", "婚姻家庭", "社区", "已化解", "10/13"),
        drow(3, "2023年10月上旬", "土地承包", "片区调解室", "化解中", None),
        drow(4, D(2023, 10, 19), "邻里纠纷", "社区", "化解中", None),
        drow(5, "10月26日", "其他", "社区", "已化解", "10月27日"),
    ]
    xlsx("渭阳社区10月纠纷台账.xlsx", [{"title": "Sheet1", "rows": rows, "datefmt": "yyyy-m-d"}])

    # d09 后埔村: one file for two months
    rows = [
        ["后埔村2023年9-10月矛盾纠纷排查化解台账"],
        ["填报单位：后埔村", None, None, None, None, None, None, None, "报送时间：2023年10月31日"],
        DH,
        drow(1, D(2023, 9, 7), "邻里纠纷", "村", "已化解", D(2023, 9, 9)),
        drow(2, D(2023, 9, 21), "土地承包", "村", "已化解", D(2023, 9, 28)),
        drow(3, D(2023, 10, 5), "婚姻家庭", "村", "已化解", D(2023, 10, 8)),
        drow(4, D(2023, 10, 16), "邻里纠纷", "片区调解室", "化解中", None),
        drow(5, D(2023, 10, 26), "其他", "村", "已化解", D(2023, 10, 27)),
    ]
    xlsx(
        "后埔村9-10月矛盾纠纷台账.xlsx",
        [{"title": "9-10月", "rows": rows, "merge": ["A1:K1"], "datefmt": "yyyy-mm-dd"}],
    )

    # d10 file name 象峰村, sheet says 下垞村
    rows = [
        ["西天尾镇下垞村2023年10月矛盾纠纷排查化解台账"],
        ["填报单位：下垞村（盖章）"],
        DH,
        drow(1, D(2023, 10, 9), "邻里纠纷", "村", "已化解", D(2023, 10, 10)),
        drow(2, D(2023, 10, 17), "山林权属", "片区调解室", "化解中", None),
        drow(3, D(2023, 10, 30), "婚姻家庭", "村", "已化解", D(2023, 10, 31)),
    ]
    xlsx("象峰村2023年10月矛盾纠纷排查化解台账.xlsx", [{"title": "台账", "rows": rows, "merge": ["A1:K1"]}])

    # d11 林峰社区 original + 补报 of two rows left out
    rows = [
        ["林峰社区2023年10月矛盾纠纷排查化解台账"],
        DH,
        drow(1, D(2023, 10, 6), "邻里纠纷", "社区", "已化解", D(2023, 10, 7)),
        drow(2, D(2023, 10, 15), "婚姻家庭", "社区", "化解中", None),
        drow(3, D(2023, 10, 23), "土地承包", "片区调解室", "已化解", D(2023, 10, 27)),
    ]
    xlsx("林峰社区10月矛盾纠纷台账.xlsx", [{"title": "10月", "rows": rows}])
    rows = [
        ["林峰社区2023年10月矛盾纠纷排查化解台账（补报）"],
        ["说明：以下2件为10月漏报纠纷，前报3件不变。"],
        DH,
        drow(4, D(2023, 10, 11), "邻里纠纷", "社区", "已化解", D(2023, 10, 12)),
        drow(5, D(2023, 10, 28), "其他", "社区", "化解中", None),
    ]
    xlsx("林峰社区10月矛盾纠纷台账（补报）.xlsx", [{"title": "10月补报", "rows": rows}])

    # d12 后黄社区 original + 更正 (full list again, row 2 now resolved)
    base = [
        (1, D(2023, 10, 2), "邻里纠纷", "社区", "已化解", D(2023, 10, 4)),
        (2, D(2023, 10, 12), "婚姻家庭", "片区调解室", "化解中", None),
        (3, D(2023, 10, 19), "其他", "社区", "已化解", D(2023, 10, 20)),
        (4, D(2023, 10, 25), "土地承包", "社区", "化解中", None),
    ]
    people = [(name(), mobile(), name()) for _ in base]

    def hh(rowset, note_line):
        rows = [["后黄社区2023年10月矛盾纠纷排查化解台账" + note_line], DH]
        for (i, a, b, lv, st, rd), (p, m, r) in zip(rowset, people, strict=False):
            rows.append([i, a, b, p, m, "因" + b + "问题发生纠纷", r, lv, st, rd, ""])
        return rows

    xlsx("后黄社区10月矛盾纠纷台账.xlsx", [{"title": "Sheet1", "rows": hh(base, "")}])
    fixed = list(base)
    fixed[1] = (2, D(2023, 10, 12), "婚姻家庭", "片区调解室", "已化解", D(2023, 10, 30))
    rows = hh(fixed, "（更正）") + [
        [],
        ["更正说明：第2条化解情况原填“化解中”，实为10月30日调解成功，特此更正。"],
    ]
    xlsx("后黄社区10月矛盾纠纷台账（更正）.xlsx", [{"title": "Sheet1", "rows": rows}])

    # d13 东星社区: a 片区 summary table below the records on the same sheet
    rows = [
        ["东星社区2023年10月矛盾纠纷排查化解台账"],
        DH,
        drow(1, D(2023, 10, 3), "邻里纠纷", "社区", "已化解", D(2023, 10, 3)),
        drow(2, D(2023, 10, 9), "其他", "社区", "已化解", D(2023, 10, 11)),
        drow(3, D(2023, 10, 16), "婚姻家庭", "片区调解室", "已化解", D(2023, 10, 23)),
        drow(4, D(2023, 10, 20), "邻里纠纷", "社区", "化解中", None),
        drow(5, D(2023, 10, 30), "涉法涉诉信访", "镇", "已化解", D(2023, 10, 31)),
        [],
        ["其中：片区调解室受理情况"],
        ["片区", "受理数", "化解数", "化解率"],
        ["第一片区", 3, 2, "66.7%"],
        ["合计", 3, 2, "66.7%"],
        [],
        ["本月共排查矛盾纠纷5件，化解4件，化解率80%。"],
    ]
    xlsx("东星社区10月矛盾纠纷排查化解台账.xlsx", [{"title": "10月", "rows": rows, "datefmt": "m/d"}])

    # d14 碗洋村: abbreviated / bilingual header, Excel serial numbers as dates
    H = [
        "No.",
        "受理日\nDate",
        "类型\nType",
        "当事人",
        "Tel.",
        "案情",
        "责任人",
        "层级",
        "结果\nResult",
        "结案日",
        "Remark",
    ]
    rows = [
        ["碗洋村2023年10月纠纷台账"],
        H,
        [
            1,
            45201,
            "邻里纠纷",
            f"{name()}等3人",
            mobile(),
            "宅前通道堆放杂物",
            name(),
            "村",
            "调解成功",
            45203,
            "",
        ],
        [2, 45208, "婚姻家庭", name(), mobile(), "离婚财产分割", name(), "片区调解室", "已化解", 45215, ""],
        [
            3,
            45217,
            "土地承包",
            name(),
            f"{mobile()}/{mobile()}",
            "承包地边界",
            name(),
            "村",
            "化解中",
            None,
            "",
        ],
        [4, 45224, "邻里纠纷", name(), mobile(), "漏水", name(), "镇", "调解不成", None, "建议诉讼"],
    ]
    xlsx("碗洋村10月纠纷台账.xlsx", [{"title": "sheet1", "rows": rows}])

    # d15 三山村: unusual column order, dates split into 月/日 under a merged two-row header
    rows = [
        ["三山村2023年10月矛盾纠纷排查化解台账"],
        [
            "化解情况",
            "纠纷类型",
            "当事人",
            "化解层级",
            "受理时间",
            None,
            "化解时间",
            None,
            "简要案情",
            "序号",
        ],
        [None, None, None, None, "月", "日", "月", "日", None, None],
        ["已化解", "邻里纠纷", name(), "村", 10, 4, 10, 6, "排水沟堵塞", 1],
        ["化解中", "山林权属", name(), "片区调解室", 10, 12, None, None, "林地界址", 2],
        ["已化解", "婚姻家庭", name(), "村", 10, 18, 10, 25, "赡养老人", 3],
        ["已化解", "其他", name(), "村", 10, 27, 10, 28, "工钱结算", 4],
    ]
    xlsx(
        "三山村10月矛盾纠纷台账.xlsx",
        [
            {
                "title": "Sheet1",
                "rows": rows,
                "merge": ["A1:J1", "E2:F2", "G2:H2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "I2:I3", "J2:J3"],
            }
        ],
    )

    # d16 洞湖村: 零报告 written as a row under the header
    rows = [
        ["洞湖村2023年10月矛盾纠纷排查化解台账"],
        DH,
        ["本月无矛盾纠纷"],
        [],
        ["填报人：" + name(), None, None, "2023.10.31"],
    ]
    xlsx(
        "洞湖村10月矛盾纠纷台账（零报告）.xlsx",
        [{"title": "Sheet1", "rows": rows, "merge": ["A1:K1", "A3:K3"]}],
    )

    # d17 北大村: hidden 身份证号 column, blank formatted rows
    H = [
        "序号",
        "受理日期",
        "纠纷类型",
        "当事人",
        "身份证号",
        "联系电话",
        "简要案情",
        "化解层级",
        "化解情况",
        "化解日期",
    ]
    rows = [
        ["北大村2023年10月矛盾纠纷排查化解台账"],
        H,
        [
            1,
            D(2023, 10, 10),
            "邻里纠纷",
            name(),
            idno(),
            mobile(),
            "违建遮挡采光",
            "村",
            "已化解",
            D(2023, 10, 13),
        ],
        [
            2,
            D(2023, 10, 18),
            "土地承包",
            name(),
            idno(),
            mobile(),
            "流转租金",
            "片区调解室",
            "已化解",
            D(2023, 10, 26),
        ],
        [3, D(2023, 10, 24), "婚姻家庭", name(), idno(), mobile(), "家暴求助", "镇", "化解中", None],
    ]
    rows += [[i] for i in range(4, 11)]
    xlsx(
        "北大村10月矛盾纠纷台账.xlsx",
        [{"title": "台账", "rows": rows, "hidden_cols": ["E"], "datefmt": "yyyy-mm-dd"}],
    )

    # d18 溪白社区: cumulative year ledger (1-10月)
    rows = [
        ["溪白社区2023年矛盾纠纷排查化解台账（1-10月累计）"],
        DH,
        drow(1, D(2023, 1, 12), "邻里纠纷", "社区", "已化解", D(2023, 1, 15)),
        drow(2, D(2023, 3, 8), "婚姻家庭", "社区", "已化解", D(2023, 3, 20)),
        drow(3, D(2023, 5, 17), "土地承包", "片区调解室", "已化解", D(2023, 6, 2)),
        drow(4, D(2023, 7, 4), "邻里纠纷", "社区", "已化解", D(2023, 7, 4)),
        drow(5, D(2023, 9, 13), "征地拆迁", "镇", "化解中", None),
        drow(6, D(2023, 10, 21), "其他", "社区", "已化解", D(2023, 10, 23)),
    ]
    xlsx("溪白社区矛盾纠纷台账1-10月.xlsx", [{"title": "2023", "rows": rows, "datefmt": "yyyy-mm-dd"}])

    # d19 后卓村: GBK csv, "1." numbering, 2023/10/7 dates, trailing commas, footer
    rows = [
        ["后卓村2023年10月矛盾纠纷排查化解台账", "", "", "", "", "", "", "", "", "", ""],
        DH,
        drow("1.", "2023/10/7", "邻里纠纷", "村", "已化解", "2023/10/8"),
        drow("2.", "2023/10/14", "婚姻家庭", "村", "化解中", ""),
        drow("3.", "2023/10/25", "其他", "片区调解室", "已化解", "2023/10/31"),
        ["", "", "", "", "", "", "", "", "", "", ""],
        ["填报人：" + name(), "", "", "", "", "", "", "", "", "", ""],
    ]
    csvfile("后卓村2023年10月矛盾纠纷台账.csv", rows, encoding="gbk")

    # d20 片区 file: one row's unit is the 片区 itself, not a village
    H = ["序号", "所属村居", "受理日期", "纠纷类型", "当事人", "联系电话", "化解层级", "化解情况", "化解日期"]
    rows = [
        ["第四片区调解室10月矛盾纠纷台账"],
        H,
        [1, "后黄社区", D(2023, 10, 5), "邻里纠纷", name(), mobile(), "片区调解室", "已化解", D(2023, 10, 9)],
        [2, "林山村", D(2023, 10, 12), "土地承包", name(), mobile(), "片区调解室", "已化解", D(2023, 10, 18)],
        [3, "第四片区", D(2023, 10, 19), "其他", name(), mobile(), "片区调解室", "化解中", None],
        [4, "下垞村", D(2023, 10, 26), "邻里纠纷", name(), mobile(), "片区调解室", "已化解", D(2023, 10, 27)],
    ]
    xlsx("第四片区调解室10月矛盾纠纷台账.xlsx", [{"title": "Sheet1", "rows": rows}])

    # d21 林山村 10月 and 11月, two files, both plain
    for m, data in (
        (
            10,
            [
                (D(2023, 10, 8), "邻里纠纷", "已化解", D(2023, 10, 9)),
                (D(2023, 10, 22), "婚姻家庭", "化解中", None),
            ],
        ),
        (
            11,
            [
                (D(2023, 11, 2), "土地承包", "已化解", D(2023, 11, 3)),
                (D(2023, 11, 14), "邻里纠纷", "已化解", D(2023, 11, 20)),
                (D(2023, 11, 27), "其他", "化解中", None),
            ],
        ),
    ):
        rows = [
            [f"林山村2023年{m}月矛盾纠纷排查化解台账"],
            [f"填报单位：林山村    填报日期：2023年{m}月30日"],
            DH,
        ]
        rows += [drow(i, a, b, "村", c, d_) for i, (a, b, c, d_) in enumerate(data, 1)]
        xlsx(
            f"林山村{m}月矛盾纠纷台账.xlsx",
            [{"title": f"{m}月", "rows": rows, "datefmt": 'yyyy"年"m"月"d"日"'}],
        )

    # d23 洞湖村: the real October ledger sent after the 零报告
    rows = [
        ["洞湖村2023年10月矛盾纠纷排查化解台账"],
        DH,
        drow(1, D(2023, 10, 13), "邻里纠纷", "村", "已化解", D(2023, 10, 16)),
        drow(2, D(2023, 10, 29), "婚姻家庭", "村", "化解中", None, "零报告有误，补填"),
    ]
    xlsx("洞湖村10月矛盾纠纷台账.xlsx", [{"title": "Sheet1", "rows": rows, "merge": ["A1:K1"]}])


# ------------------------------------------------------------------ key projects
KH = [
    "序号",
    "项目名称",
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


def key_projects():
    # k01 镇项目办: 续建/新开工/预备/前期, amounts with thousands separators as text
    rows = [
        ["西天尾镇2023年重点项目进展情况表（10月）"],
        ["填报单位：镇项目办", None, None, None, None, None, "截至2023年10月31日"],
        KH,
        [
            1,
            "双洋鞋业扩建项目",
            "续建",
            "新建厂房2栋",
            "12,000",
            "5,000",
            "4,100",
            "主体施工",
            "无",
            name(),
            "镇项目办",
        ],
        [
            2,
            "西天尾镇污水管网提升工程",
            "续建",
            "管网8公里",
            "3,500",
            "1,500",
            "1,320",
            "完成80%",
            "—",
            name(),
            "镇村建办",
        ],
        [
            3,
            "后黄社区滨水步道",
            "新开工",
            "步道2.3公里",
            800,
            800,
            450,
            "土方施工",
            "雨季影响",
            name(),
            "后黄社区",
        ],
        [
            4,
            "龙山村农贸市场改造",
            "预备",
            "改造市场3000㎡",
            1200,
            200,
            0,
            "完成设计",
            "资金未到位",
            name(),
            "龙山村",
        ],
        [5, "林山村民宿集群", "前期", "民宿12栋", 6000, 300, 60, "用地报批", "用地指标", name(), "林山村"],
        [6, "溪白片区安置房", "前期", "安置房320套", 25000, 1000, 0, "方案论证", "征迁", name(), "溪白社区"],
    ]
    xlsx("镇项目办2023年10月重点项目台账.xlsx", [{"title": "10月", "rows": rows, "merge": ["A1:K1"]}])

    # k02 园区管委会: amounts in 亿元 (unit in the header)
    H = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资\n（亿元）",
        "年度计划\n（亿元）",
        "累计完成\n（亿元）",
        "形象进度",
        "责任单位",
    ]
    rows = [
        ["园区2023年重点项目推进表"],
        ["报送单位：园区管委会", None, None, None, None, "2023年10月"],
        H,
        [1, "电子信息产业园标准厂房", "在建", 2.5, 0.8, 0.66, "封顶", "园区建设科"],
        [2, "智能制造基地二期", "在建", 1.2, 0.5, 0.41, "钢构安装", "园区招商科"],
        [3, "园区道路配套工程", "预备", 0.6, 0.1, 0, "招标", "园区建设科"],
        [4, "新材料产业项目", "前期", 3.0, 0.2, 0.02, "签约", "园区招商科"],
    ]
    xlsx("园区管委会10月重点项目.xlsx", [{"title": "园区项目", "rows": rows}])

    # k03 镇项目办 11月: a 竣工 project
    H = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "累计完成投资（万元）",
        "形象进度",
        "责任单位",
    ]
    rows = [
        ["西天尾镇重点项目台账（2023年11月）"],
        H,
        [1, "东星社区邻里中心", "续建", 3000, 1500, 1450, "装修", "东星社区"],
        [2, "吴江村文化广场", "竣工", 600, 600, 600, "已竣工验收", "吴江村"],
        [3, "象峰村道路拓宽", "新开工", 900, 500, 210, "路基", "象峰村"],
        [4, "后埔村养老服务站", "前期", 400, 100, 0, "选址", "后埔村"],
    ]
    xlsx("镇项目办11月重点项目.xlsx", [{"title": "11月", "rows": rows}])

    # k04 header without unit, a cell note says 万元; "1.2亿" / "800万" / "—"
    H = ["序号", "项目名称", "阶段", "总投资", "年度计划", "累计完成", "进度", "责任单位"]
    rows = [
        ["2023年10月镇重点项目进度"],
        H,
        [1, "东星社区党群服务中心提升", "续建", "1.2亿", 3000, 2650, "完成85%", "东星社区"],
        [2, "后埔村道路白改黑", "新开工", "800万", 600, 580, "面层", "后埔村"],
        [3, "象峰村文化礼堂", "前期", 450, 50, "—", "设计", "象峰村"],
        [4, "下垞村红色文化展馆", "预备", 300, 100, "—", "招标", "下垞村"],
    ]
    xlsx(
        "项目办-10月重点项目进度.xlsx",
        [
            {
                "title": "Sheet1",
                "rows": rows,
                "comments": {"D2": "单位：万元（除注明外）", "E2": "万元", "F2": "万元"},
            }
        ],
    )

    # k05 封面 + two tables on one sheet: 镇 projects then 园区 projects
    H = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划投资（万元）",
        "累计完成投资（万元）",
        "责任单位",
    ]
    rows = [
        ["2023年10月重点项目推进情况表"],
        ["一、镇重点项目"],
        H,
        [1, "碗洋村冷链仓储", "续建", 2000, 800, 760, "碗洋村"],
        [2, "三山村屋顶光伏", "新开工", 1500, 1500, 900, "三山村"],
        [3, "洞湖村水系治理", "前期", 900, 100, 5, "洞湖村"],
        [],
        ["二、园区重点项目"],
        H,
        [1, "园区污水处理厂提标改造", "续建", 5000, 2000, 1800, "园区管委会"],
        [2, "园区人才公寓", "预备", 8000, 500, 0, "园区管委会"],
    ]
    cover = [[None], ["西天尾镇"], ["2023年重点项目推进情况"], ["（10月）"], [None], ["镇项目办  编"]]
    xlsx(
        "2023年10月重点项目推进情况表.xlsx",
        [{"title": "封面", "rows": cover}, {"title": "推进表", "rows": rows, "merge": ["A1:G1"]}],
    )

    # k06 镇项目办 11月: merged stage cells and a 小计 per stage, 合计 at the end
    H = ["项目阶段", "序号", "项目名称", "总投资（万元）", "年度计划（万元）", "累计完成（万元）", "责任单位"]
    rows = [
        ["西天尾镇2023年重点项目汇总表（截至11月底）"],
        H,
        ["在建", 1, "北大村农房整治", 600, 400, 380, "北大村"],
        [None, 2, "吴江村通村道路", 1000, 600, 610, "吴江村"],
        [None, 3, "后卓村小学扩建", 3000, 1200, 1000, "后卓村"],
        ["在建小计", None, "3个", 4600, 2200, 1990, None],
        ["预备", 4, "林峰社区停车场", 400, 50, 0, "林峰社区"],
        ["预备小计", None, "1个", 400, 50, 0, None],
        ["前期", 5, "澄渚社区旧改", 15000, 500, 20, "澄渚社区"],
        [None, 6, "渭阳片区综合体", 20000, 300, 0, "渭阳社区"],
        ["前期小计", None, "2个", 35000, 800, 20, None],
        ["合计", None, "6个", 40000, 3050, 2010, None],
    ]
    xlsx(
        "镇重点项目汇总表11月.xlsx", [{"title": "汇总", "rows": rows, "merge": ["A1:G1", "A3:A5", "A9:A10"]}]
    )

    # k07 9-10月 "完成投资" is for two months, not cumulative
    H = [
        "序号",
        "项目名称",
        "项目阶段",
        "总投资（万元）",
        "年度计划（万元）",
        "9-10月完成投资（万元）",
        "责任单位",
    ]
    rows = [
        ["西天尾镇2023年9-10月重点项目进展情况"],
        H,
        [1, "北大村农房整治", "在建", 600, 400, 120, "北大村"],
        [2, "吴江村通村道路", "在建", 1000, 600, 230, "吴江村"],
        [3, "洞湖村水系治理", "前期", 900, 100, 5, "洞湖村"],
    ]
    xlsx("重点项目9-10月进展.xlsx", [{"title": "Sheet1", "rows": rows}])

    # k08 镇项目办 10月 then 11月 (two periods, both stay)
    for m, data in (
        (10, [("后卓村小学扩建", "在建", 3000, 1200, 900), ("林峰社区停车场", "预备", 400, 50, 0)]),
        (11, [("后卓村小学扩建", "在建", 3000, 1200, 1000), ("林峰社区停车场", "在建", 400, 50, 10)]),
    ):
        rows = [
            [f"西天尾镇重点项目台账（2023年{m}月）"],
            [
                "序号",
                "项目名称",
                "项目阶段",
                "总投资（万元）",
                "年度计划投资（万元）",
                "累计完成投资（万元）",
            ],
        ]
        rows += [[i, *r] for i, r in enumerate(data, 1)]
        xlsx(f"镇项目办{m}月重点项目台账.xlsx", [{"title": f"{m}月", "rows": rows}])

    # k10 园区 11月: full-width digits, "万元" written in each cell, "在建（续建）"
    H = ["项目名称", "所属", "项目阶段", "总投资", "年度计划投资", "累计完成投资", "责任单位"]
    rows = [
        ["园区重点项目台账 2023年11月"],
        H,
        [
            "电子信息产业园标准厂房",
            "园区",
            "在建（续建）",
            "２５０００万元",
            "８０００万元",
            "７２００万元",
            "园区建设科",
        ],
        ["智能制造基地二期", "园区", "在建（新开工）", "12000万元", "5000万元", "4600万元", "园区招商科"],
        ["新材料产业项目", "园区", "前期", "30000万元", "2000万元", "无", "园区招商科"],
    ]
    xlsx("园区管委会11月重点项目.xlsx", [{"title": "11月", "rows": rows}])


# ------------------------------------------------------------------ petitions
PH = [
    "案件编号",
    "信访人",
    "身份证号",
    "反映问题",
    "初访时间",
    "包案领导",
    "责任单位",
    "化解措施",
    "状态",
    "化解日期",
    "是否签订息访息诉承诺书",
]


def petitions():
    # p01 综治中心 list: 已销号/已化解/化解中, pledge 已签订/是/否/√/blank
    data = [
        ("XTW-2019-001", D(2019, 4, 2), "已销号", D(2023, 3, 15), "已签订"),
        ("XTW-2020-004", D(2020, 7, 21), "已化解", D(2023, 5, 20), "是"),
        ("XTW-2021-002", D(2021, 1, 8), "化解中", None, "否"),
        ("XTW-2021-007", D(2021, 9, 30), "已化解", D(2023, 8, 9), "√"),
        ("XTW-2022-003", D(2022, 3, 14), "化解中", None, None),
        ("XTW-2022-011", D(2022, 11, 2), "已化解", D(2023, 10, 12), "是"),
    ]
    rows = [
        ["西天尾镇信访积案化解台账"],
        ["填报单位：镇综治中心", None, None, None, None, None, None, None, "截至2023年10月31日"],
        PH,
    ]
    for cid, fv, st, rd, pl in data:
        rows.append(
            [
                cid,
                name(),
                idno(),
                "宅基地审批",
                fv,
                name(),
                R.choice(["龙山村", "吴江村", "镇自然资源所"]),
                "多次约谈",
                st,
                rd,
                pl,
            ]
        )
    xlsx("镇综治中心信访积案台账20231031.xlsx", [{"title": "积案", "rows": rows, "datefmt": "yyyy-mm-dd"}])

    # p02 a status "基本化解"
    rows = [["信访积案台账（2023年10月）"], PH]
    for cid, st, rd, pl in (
        ("XF23-01", "已化解", D(2023, 4, 10), "是"),
        ("XF23-02", "基本化解", None, "否"),
        ("XF23-03", "化解中", None, "否"),
        ("XF23-04", "已化解", D(2023, 9, 26), "是"),
    ):
        rows.append(
            [cid, name(), idno(), "征地补偿", D(2022, 6, 1), name(), "镇信访办", "包案化解", st, rd, pl]
        )
    xlsx("信访积案10月.xlsx", [{"title": "Sheet1", "rows": rows}])

    # p03 workbook with a weekly summary sheet and a hidden dropdown sheet
    rows = [["西天尾镇信访积案台账（2023年11月）"], PH]
    for cid, st, rd, pl in (
        ("2021-XF-0003", "已化解", D(2023, 2, 8), "是"),
        ("2021-XF-0009", "已化解", D(2023, 6, 30), "是"),
        ("2022-XF-0001", "化解中", None, "否"),
        ("2022-XF-0005", "已销号", D(2023, 11, 2), "是"),
        ("2022-XF-0012", "化解中", None, "否"),
    ):
        rows.append(
            [cid, name(), idno(), "企业欠薪", D(2021, 5, 5), name(), "镇劳动保障所", "协调垫付", st, rd, pl]
        )
    summary = [["积案化解进度周报"], ["总数", "已化解", "化解中", "签订承诺书"], [5, 3, 2, 3]]
    dropdown = [["状态"], ["已化解"], ["化解中"], ["已销号"], ["是否"], ["是"], ["否"]]
    xlsx(
        "信访积案台账11月.xlsx",
        [
            {"title": "积案台账", "rows": rows, "datefmt": "yyyy/m/d"},
            {"title": "周报", "rows": summary},
            {"title": "下拉选项", "rows": dropdown, "state": "hidden"},
        ],
    )

    # p04 UTF-8 BOM csv, pledge 已签/未签
    rows = [PH]
    for cid, st, rd, pl in (
        ("XTW-2020-006", "已化解", "2023-07-18", "已签"),
        ("XTW-2021-011", "化解中", "", "未签"),
        ("XTW-2022-002", "已化解", "2023-10-30", "已签"),
        ("XTW-2022-008", "化解中", "", "未签"),
    ):
        rows.append(
            [
                cid,
                f"{name()}（{idno()}）",
                "",
                "山林纠纷",
                "2021-03-09",
                name(),
                "洞湖村",
                "联合调处",
                st,
                rd,
                pl,
            ]
        )
    csvfile("综治中心信访积案台账2023-10.csv", rows, bom=True)

    # p05 list, then 更正 list replacing it
    def plist(extra, data):
        rows = [["西天尾镇信访积案台账" + extra + "（2023年10月）"], PH]
        for cid, st, rd, pl in data:
            rows.append([cid, "", "", "安置补偿", D(2021, 8, 16), "", "镇征迁办", "约谈", st, rd, pl])
        return rows

    xlsx(
        "信访积案台账-10月.xlsx",
        [
            {
                "title": "Sheet1",
                "rows": plist(
                    "",
                    (
                        ("JA-01", "已化解", D(2023, 6, 1), "是"),
                        ("JA-02", "化解中", None, "否"),
                        ("JA-03", "化解中", None, "否"),
                    ),
                ),
            }
        ],
    )
    xlsx(
        "信访积案台账-10月（更正）.xlsx",
        [
            {
                "title": "Sheet1",
                "rows": plist(
                    "（更正）",
                    (
                        ("JA-01", "已化解", D(2023, 6, 1), "是"),
                        ("JA-02", "已化解", D(2023, 10, 27), "是"),
                        ("JA-03", "化解中", None, "否"),
                    ),
                ),
            }
        ],
    )


# ------------------------------------------------------------------ legal visits
LH = ["序号", "日期", "姓名", "身份", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"]


def legal_visits():
    # l01 综治中心: "3人次", "2件", "无", "—"
    rows = [
        ["西天尾镇“三官一律”进村居工作台账（2023年10月）"],
        LH,
        [1, "10.9", name(), "法官", "西天尾法庭", "龙山村", "带案下访", "1件", "3人次"],
        [2, "10.11", name(), "检察官", "荔城区人民检察院", "吴江村", "普法宣传", 0, "5人次"],
        [3, "10.12", name(), "民警", "西天尾派出所", "北大村", "纠纷调解", "2件", "无"],
        [4, "10.18", name(), "社区民警", "西天尾派出所", "东星社区", "法律咨询", "—", "8人次"],
        [5, "10.20", name(), "律师", "福建莆阳律师事务所", "后黄社区", "法律咨询", 0, 6],
        [6, "10.25", name(), "律师", "福建兴安律师事务所", "林山村", "纠纷调解", 1, "4人次"],
    ]
    xlsx("三官一律工作台账10月.xlsx", [{"title": "10月", "rows": rows}])

    # l02 林峰社区: 合计 row right under the header, merged 挂点 cells
    rows = [
        ["林峰社区“三官一律”下沉工作台账"],
        LH,
        ["合计", None, None, None, None, None, None, 3, 11],
        [1, D(2023, 10, 5), name(), "法官", "西天尾法庭", "林峰社区", "带案下访", 1, 2],
        [2, D(2023, 10, 13), name(), "警官", "西天尾派出所", None, "调解", 2, 3],
        [3, D(2023, 10, 19), name(), "律师", "福建莆阳律师事务所", None, "法律咨询", 0, 4],
        [4, D(2023, 10, 27), name(), "检察官", "荔城区人民检察院", None, "普法", 0, 2],
    ]
    xlsx(
        "林峰社区2023年10月三官一律台账.xlsx",
        [{"title": "Sheet1", "rows": rows, "merge": ["A1:I1", "F4:F7"], "datefmt": "m.d"}],
    )

    # l03 a 基层法律服务工作者 (not one of the four roles) and a 法律顾问（律师）
    rows = [
        ["三官一律工作台账（澄渚社区 2023年10月）"],
        LH,
        [1, D(2023, 10, 10), name(), "法律顾问（律师）", "福建兴安律师事务所", "澄渚社区", "法律咨询", 0, 5],
        [2, D(2023, 10, 17), name(), "基层法律服务工作者", "西天尾法律服务所", "澄渚社区", "法律咨询", 0, 3],
        [3, D(2023, 10, 24), name(), "派出所副所长", "西天尾派出所", "澄渚社区", "矛盾调解", 1, 0],
    ]
    xlsx("澄渚社区三官一律10月.xlsx", [{"title": "Sheet1", "rows": rows}])

    # l04 GBK csv, 11月, dates "11/2"
    rows = [
        ["西天尾司法所三官一律台账 2023年11月"],
        LH,
        [1, "11/2", name(), "律师", "福建莆阳律师事务所", "三山村", "法律咨询", 0, 7],
        [2, "11/8", name(), "法官", "西天尾法庭", "后埔村", "带案下访", 1, 1],
        [3, "11/15", name(), "警官", "西天尾派出所", "象峰村", "调解", 1, 2],
    ]
    csvfile("司法所三官一律11月.csv", rows, encoding="gbk")

    # l05 a quarterly file (三季度)
    rows = [
        ["碗洋村2023年第三季度“三官一律”工作台账"],
        LH,
        [1, D(2023, 7, 14), name(), "律师", "福建莆阳律师事务所", "碗洋村", "法律咨询", 0, 4],
        [2, D(2023, 8, 9), name(), "警官", "西天尾派出所", "碗洋村", "调解", 1, 1],
        [3, D(2023, 9, 20), name(), "法官", "西天尾法庭", "碗洋村", "普法", 0, 6],
    ]
    xlsx("碗洋村三季度三官一律台账.xlsx", [{"title": "三季度", "rows": rows, "datefmt": "yyyy-mm-dd"}])

    # l06 header-only csv: zero report
    csvfile("后卓村三官一律台账2023年10月.csv", [LH], bom=True)


# ------------------------------------------------------------------ grid events
GH = [
    "事件编号",
    "所属网格",
    "事件类型",
    "事件小类",
    "上报时间",
    "处理时限",
    "办结时间",
    "状态",
    "事件描述",
    "上报人",
]


def gev(eid, grid, typ, sub, rep, hours, closed, st, desc):
    dl = rep + dt.timedelta(hours=hours)
    f = "%Y-%m-%d %H:%M:%S"
    return [
        eid,
        grid,
        typ,
        sub,
        rep.strftime(f),
        dl.strftime(f),
        closed.strftime(f) if closed else "",
        st,
        desc,
        name(),
    ]


def grid_events():
    # g01 GBK csv from the city platform, 导出时间 line on top, 共N条 at the bottom, IDs with leading zeros
    ev = [
        (
            "0023100200011",
            "东星社区第03网格",
            "维护稳定",
            "矛盾纠纷",
            T(2023, 10, 2, 9, 15),
            72,
            T(2023, 10, 3, 16, 40),
            "已办结",
        ),
        (
            "0023100300027",
            "东星社区第07网格",
            "服务群众",
            "政策咨询",
            T(2023, 10, 3, 10, 2),
            72,
            T(2023, 10, 4, 11, 20),
            "已办结",
        ),
        (
            "0023100800005",
            "东星社区第12网格",
            "生态环境",
            "垃圾堆放",
            T(2023, 10, 8, 14, 30),
            72,
            T(2023, 10, 13, 9, 0),
            "已办结",
        ),
        (
            "0023101100019",
            "东星社区第03网格",
            "治安防控",
            "可疑人员",
            T(2023, 10, 11, 8, 45),
            72,
            None,
            "办理中",
        ),
        (
            "0023101600033",
            "东星社区第21网格",
            "公共安全",
            "消防隐患",
            T(2023, 10, 16, 16, 20),
            72,
            T(2023, 10, 17, 10, 0),
            "已办结",
        ),
        (
            "0023102000008",
            "东星社区第30网格",
            "服务群众",
            "路灯损坏",
            T(2023, 10, 20, 9, 30),
            72,
            None,
            "已分流",
        ),
        (
            "0023102500014",
            "东星社区第15网格",
            "维护稳定",
            "邻里纠纷",
            T(2023, 10, 25, 11, 11),
            72,
            None,
            "受理",
        ),
        (
            "0023103000002",
            "东星社区第07网格",
            "生态环境",
            "污水外溢",
            T(2023, 10, 30, 15, 5),
            72,
            None,
            "挂起",
        ),
    ]
    rows = [["导出时间：2023-11-01 08:30:12", "导出人：东星社区网格站"], GH]
    rows += [gev(e, g, t, s, r, h, c, st, s + "，请处理") for e, g, t, s, r, h, c, st in ev]
    rows += [["共 8 条记录"]]
    csvfile("东星社区网格事件导出_20231101.csv", rows, encoding="gbk")

    # g02 xlsx, IDs with leading zeros as text, 已结案/处置中/已退回
    ev = [
        (
            "000872",
            "第05网格",
            "服务群众",
            "证照代办",
            T(2023, 10, 9, 8, 30),
            48,
            T(2023, 10, 9, 17, 0),
            "已结案",
        ),
        ("000873", "第05网格", "公共安全", "电动车违规充电", T(2023, 10, 9, 10, 0), 24, None, "处置中"),
        ("000901", "第18网格", "生态环境", "油烟扰民", T(2023, 10, 14, 19, 45), 72, None, "已退回"),
        (
            "000950",
            "第26网格",
            "治安防控",
            "群租房",
            T(2023, 10, 21, 15, 10),
            72,
            T(2023, 10, 23, 9, 30),
            "已结案",
        ),
    ]
    rows = [GH] + [gev(e, g, t, s, r, h, c, st, s) for e, g, t, s, r, h, c, st in ev]
    xlsx("东星网格事件10月.xlsx", [{"title": "事件清单", "rows": rows}])

    # g03 xlsx with real datetime cells, a pivot sheet and a 说明 sheet
    ev = [
        (
            "GE2023110001",
            "东星社区第01网格",
            "服务群众",
            T(2023, 11, 1, 9, 0),
            T(2023, 11, 4, 9, 0),
            T(2023, 11, 2, 10, 30),
            "已办结",
        ),
        (
            "GE2023110002",
            "东星社区第09网格",
            "维护稳定",
            T(2023, 11, 1, 14, 20),
            T(2023, 11, 4, 14, 20),
            T(2023, 11, 3, 8, 0),
            "已办结",
        ),
        (
            "GE2023110003",
            "东星社区第09网格",
            "公共安全",
            T(2023, 11, 2, 11, 5),
            T(2023, 11, 5, 11, 5),
            None,
            "办理中",
        ),
        (
            "GE2023110004",
            "东星社区第22网格",
            "服务群众",
            T(2023, 11, 6, 16, 45),
            T(2023, 11, 9, 16, 45),
            T(2023, 11, 10, 9, 10),
            "已办结",
        ),
        (
            "GE2023110005",
            "东星社区第33网格",
            "生态环境",
            T(2023, 11, 8, 7, 50),
            T(2023, 11, 11, 7, 50),
            None,
            "已分流",
        ),
        (
            "GE2023110006",
            "东星社区第14网格",
            "治安防控",
            T(2023, 11, 9, 21, 15),
            T(2023, 11, 12, 21, 15),
            T(2023, 11, 10, 12, 0),
            "已办结",
        ),
    ]
    H = ["事件编号", "所属网格", "事件类型", "上报时间", "处理时限", "办结时间", "状态", "事件描述", "上报人"]
    rows = [H] + [[e, g, t, r, d_, c, st, t + "事件", name()] for e, g, t, r, d_, c, st in ev]
    pivot = [
        ["所属网格", "事件数"],
        ["第01网格", 1],
        ["第09网格", 2],
        ["第14网格", 1],
        ["第22网格", 1],
        ["第33网格", 1],
        ["总计", 6],
    ]
    xlsx(
        "东星社区网格事件2023年11月.xlsx",
        [
            {
                "title": "说明",
                "rows": [["本表由市网格化服务管理平台导出"], ["统计区间：2023-11-01至2023-11-10"]],
            },
            {"title": "明细", "rows": rows, "datefmt": "yyyy-mm-dd hh:mm"},
            {"title": "透视", "rows": pivot},
        ],
    )

    # g04 mixed grid spellings
    ev = [
        ("DX-1001", "第5网格", "服务群众", T(2023, 10, 4, 9, 0), 72, T(2023, 10, 5, 9, 0), "已办结"),
        ("DX-1002", "05网格", "维护稳定", T(2023, 10, 6, 10, 0), 72, T(2023, 10, 7, 15, 0), "已办结"),
        ("DX-1003", "东星5网格", "公共安全", T(2023, 10, 12, 8, 0), 72, None, "办理中"),
        (
            "DX-1004",
            "东星社区第5网格",
            "服务群众",
            T(2023, 10, 19, 16, 0),
            72,
            T(2023, 10, 20, 10, 0),
            "已办结",
        ),
        ("DX-1005", "第五网格", "生态环境", T(2023, 10, 27, 9, 30), 72, None, "受理"),
    ]
    rows = [GH] + [gev(e, g, t, "", r, h, c, st, "网格员巡查发现") for e, g, t, r, h, c, st in ev]
    csvfile("东星第5网格10月事件.csv", rows, bom=True)

    # g05 platform export for a date range spanning two months
    ev = [
        (
            "0023102800041",
            "东星社区第02网格",
            "服务群众",
            "",
            T(2023, 10, 28, 9, 40),
            72,
            T(2023, 10, 30, 10, 0),
            "已办结",
        ),
        (
            "0023103100007",
            "东星社区第11网格",
            "治安防控",
            "",
            T(2023, 10, 31, 22, 5),
            72,
            T(2023, 11, 1, 9, 0),
            "已办结",
        ),
        ("0023110200016", "东星社区第11网格", "维护稳定", "", T(2023, 11, 2, 13, 30), 72, None, "办理中"),
        (
            "0023110700003",
            "东星社区第27网格",
            "生态环境",
            "",
            T(2023, 11, 7, 8, 20),
            72,
            T(2023, 11, 8, 17, 45),
            "已办结",
        ),
    ]
    rows = [["查询条件：上报时间 2023-10-25 至 2023-11-10"], GH] + [
        gev(e, g, t, s, r, h, c, st, "巡查上报") for e, g, t, s, r, h, c, st in ev
    ]
    csvfile("网格事件查询结果(10.25-11.10).csv", rows, encoding="gb18030")

    # g06 溪白社区 sends a grid event list (溪白 has no grids in the reference data)
    ev = [
        (
            "XB-001",
            "溪白社区第1网格",
            "服务群众",
            "",
            T(2023, 10, 8, 9, 0),
            72,
            T(2023, 10, 9, 9, 0),
            "已办结",
        ),
        ("XB-002", "溪白社区第2网格", "维护稳定", "", T(2023, 10, 15, 10, 0), 72, None, "办理中"),
        (
            "XB-003",
            "溪白社区第2网格",
            "生态环境",
            "",
            T(2023, 10, 22, 11, 0),
            72,
            T(2023, 10, 24, 8, 0),
            "已办结",
        ),
    ]
    rows = [["溪白社区2023年10月网格事件登记表"], GH] + [
        gev(e, g, t, s, r, h, c, st, "网格巡查") for e, g, t, s, r, h, c, st in ev
    ]
    xlsx("溪白社区网格事件10月.xlsx", [{"title": "Sheet1", "rows": rows}])

    # g07 18-digit numeric event numbers (not ID numbers: no valid check digit)
    ev = [
        (
            "202310150000000123",
            "东星社区第08网格",
            "服务群众",
            "",
            T(2023, 10, 15, 9, 12),
            72,
            T(2023, 10, 16, 9, 12),
            "已办结",
        ),
        (
            "202310150000000124",
            "东星社区第08网格",
            "公共安全",
            "",
            T(2023, 10, 15, 14, 3),
            72,
            T(2023, 10, 19, 9, 0),
            "已办结",
        ),
        (
            "202310230000000311",
            "东星社区第19网格",
            "维护稳定",
            "",
            T(2023, 10, 23, 10, 40),
            72,
            None,
            "已分流",
        ),
    ]
    rows = [GH] + [gev(e, g, t, s, r, h, c, st, "群众来电") for e, g, t, s, r, h, c, st in ev]
    csvfile("东星社区网格事件1015-1023.csv", rows)

    # g08 IDs stored as numbers, leading zeros only in the cell format
    ev = [
        (1207, "东星社区第04网格", "服务群众", T(2023, 10, 10, 9, 0), 72, T(2023, 10, 11, 9, 0), "已办结"),
        (1215, "东星社区第16网格", "维护稳定", T(2023, 10, 17, 14, 0), 72, T(2023, 10, 18, 10, 0), "已办结"),
        (1231, "东星社区第16网格", "公共安全", T(2023, 10, 26, 10, 30), 72, None, "办理中"),
    ]
    rows = [GH] + [gev(e, g, t, "", r, h, c, st, "巡查") for e, g, t, r, h, c, st in ev]
    xlsx(
        "东星社区网格事件10月(二).xlsx",
        [{"title": "Sheet1", "rows": rows, "fmt": {"A2": "000000", "A3": "000000", "A4": "000000"}}],
    )


# ------------------------------------------------------------------ party activities
AH = ["序号", "党组织", "活动类型", "日期", "地点", "主题", "应到人数", "实到人数", "主持人"]


def party_activities():
    # pa01 龙山村: "10月第二周" dates, "23人" counts
    rows = [
        ["龙山村党支部2023年10月“三会一课”台账"],
        AH,
        [1, "龙山村党支部", "支委会", "10月8日", "村部会议室", "研究主题教育安排", "7人", "7人", name()],
        [
            2,
            "龙山村党支部",
            "党员大会",
            "10月第二周",
            "村部会议室",
            "学习党的二十大精神",
            "38人",
            "33人",
            name(),
        ],
        [3, "龙山村党支部", "主题党日", "10月15日", "龙山公园", "环境整治志愿服务", "38人", "30人", name()],
        [4, "龙山村党支部", "党小组会", "10月第三周", "各党小组", "交流学习体会", "38人", "35人", name()],
        [5, "龙山村党支部", "党课", "10月26日", "村部会议室", "书记讲党课", "38人", "34人", name()],
    ]
    xlsx("龙山村三会一课10月.xlsx", [{"title": "10月", "rows": rows}])

    # pa02 镇党建办: several organisations
    rows = [
        ["西天尾镇2023年10月党组织活动汇总"],
        AH,
        [
            1,
            "吴江村党支部",
            "主题党日",
            D(2023, 10, 10),
            "吴江村党群服务中心",
            "主题教育专题学习",
            42,
            39,
            name(),
        ],
        [
            2,
            "中共西天尾镇后黄社区委员会",
            "现场教学",
            D(2023, 10, 12),
            "后黄社区党员政治生活馆",
            "红色教育",
            56,
            51,
            name(),
        ],
        [3, "洞湖村党支部", "支委会", D(2023, 10, 16), "村部", "研究发展党员", 5, 5, name()],
        [4, "吴江村党支部", "党课", D(2023, 10, 24), "吴江村党群服务中心", "书记讲党课", 42, 37, name()],
    ]
    xlsx("党建办10月党组织活动汇总.xlsx", [{"title": "Sheet1", "rows": rows, "datefmt": "yyyy年m月d日"}])

    # pa03 林峰社区: one workbook, sheet per month (9月, 10月)
    def pa(month, data):
        r = [[f"林峰社区党委2023年{month}月三会一课台账"], AH]
        r += [
            [i, "林峰社区党委", t, d_, "社区党群服务中心", th, e, a, name()]
            for i, (t, d_, th, e, a) in enumerate(data, 1)
        ]
        return r

    xlsx(
        "林峰社区党委三会一课台账.xlsx",
        [
            {
                "title": "9月",
                "rows": pa(
                    9,
                    [
                        ("支委会", D(2023, 9, 5), "研究9月工作", 7, 7),
                        ("主题党日", D(2023, 9, 15), "文明创建", 64, 55),
                        ("党课", D(2023, 9, 26), "主题教育党课", 64, 58),
                    ],
                ),
                "datefmt": "yyyy-mm-dd",
            },
            {
                "title": "10月",
                "rows": pa(
                    10,
                    [
                        ("支委会", D(2023, 10, 8), "研究10月工作", 7, 6),
                        ("党员大会", D(2023, 10, 13), "主题教育动员", 64, 60),
                        ("主题党日", D(2023, 10, 15), "重阳敬老", 64, 52),
                        ("党小组会", D(2023, 10, 24), "交流研讨", 64, 59),
                    ],
                ),
                "datefmt": "yyyy-mm-dd",
            },
        ],
    )

    # pa04 后黄社区: activity type variants
    rows = [
        ["后黄社区党委2023年10月党组织活动台账"],
        AH,
        [1, "后黄社区党委", "支部委员会", "2023.10.7", "社区会议室", "研究主题教育", 9, 9, name()],
        [2, "后黄社区党委", "党员大会", "2023.10.11", "社区礼堂", "主题教育动员", 88, 80, name()],
        [3, "后黄社区党委", "党小组学习", "2023.10.14", "各党小组", "原著学习", 88, 77, name()],
        [4, "后黄社区党委", "微党课", "2023.10.17", "社区礼堂", "“小故事”微党课", 88, 72, name()],
        [
            5,
            "后黄社区党委",
            "固定主题党日",
            "2023.10.15",
            "后黄社区党员政治生活馆",
            "红色教育",
            88,
            81,
            name(),
        ],
        [6, "后黄社区党委", "现场教学（西天尾法庭）", "2023.10.26", "西天尾法庭", "法治教育", 30, 28, name()],
    ]
    xlsx("后黄社区10月党组织活动.xlsx", [{"title": "Sheet1", "rows": rows}])

    # pa05 file name 东星社区, sheet says 溪白社区党委
    rows = [
        ["溪白社区党委2023年10月“三会一课”台账"],
        ["党组织：溪白社区党委"],
        AH,
        [1, None, "支委会", D(2023, 10, 9), "社区会议室", "研究工作", 7, 7, name()],
        [2, None, "主题党日", D(2023, 10, 15), "社区广场", "志愿服务", 45, 40, name()],
    ]
    xlsx("东星社区2023年10月三会一课台账.xlsx", [{"title": "Sheet1", "rows": rows}])

    # pa06 北大村 .xls, text dates "10.12", 实到 "全到"? (no: numbers), 党组织 from the title only
    rows = [
        ["北大村党支部2023年10月三会一课登记表"],
        ["序号", "活动类型", "时间", "地点", "内容", "应到", "实到", "主持人", "记录人"],
        [1, "支委会", "10.5", "村部", "研究发展对象", 5, 5, name(), name()],
        [2, "党员大会", "10.12", "村部", "主题教育学习", 31, 27, name(), name()],
        [3, "党课", "10.26", "村部", "书记讲党课", 31, 29, name(), name()],
    ]
    xls("北大村党支部10月三会一课.xls", [{"title": "Sheet1", "rows": rows, "merge": [(0, 0, 0, 8)]}])

    # pa07 UTF-8 csv without BOM, 2023/10/8 dates
    rows = [
        AH,
        [1, "象峰村党支部", "主题党日", "2023/10/8", "村部", "清洁家园", 27, 24, name()],
        [2, "象峰村党支部", "支委会", "2023/10/18", "村部", "研究工作", 5, 5, name()],
    ]
    csvfile("象峰村党支部10月活动.csv", rows, crlf=False)


# ------------------------------------------------------------------ other
def other():
    docx(
        "龙山村2023年主题教育阶段性工作总结.docx",
        [
            "龙山村2023年主题教育阶段性工作总结",
            "主题教育启动以来，村党支部迅速行动，认真组织学习。",
            "截至10月底，共排查矛盾纠纷5件，化解3件。",
        ],
    )
    (OUT / "吴江村10月矛盾纠纷台账.xlsx").write_bytes(b"")
    cover = [
        [None],
        ["西天尾镇三山村"],
        ["矛盾纠纷排查化解工作台账"],
        ["2023年10月"],
        [None],
        ["三山村村委会"],
    ]
    xlsx(
        "三山村10月矛盾纠纷台账（封面）.xlsx",
        [{"title": "封面", "rows": cover, "merge": ["A2:H2", "A3:H3", "A4:H4"]}],
    )
    rows = [
        ["主题教育专题党课签到表"],
        ["时间：2023年10月26日    地点：镇政府三楼会议室"],
        ["序号", "姓名", "单位", "职务", "联系电话", "签到"],
    ]
    rows += [
        [i, name(), u, "书记", mobile(), "√"]
        for i, u in enumerate(["龙山村", "吴江村", "北大村", "洞湖村"], 1)
    ]
    xlsx("10月26日党课签到表.xlsx", [{"title": "签到", "rows": rows}])
    (OUT / "渭阳社区10月三官一律台账.csv").write_bytes(b"\xef\xbb\xbf")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for f in OUT.iterdir():
        f.unlink()
    disputes()
    key_projects()
    petitions()
    legal_visits()
    grid_events()
    party_activities()
    other()
    print(len(list(OUT.iterdir())), "files")
