"""Writing the 报送模板: one xlsx per sender, ledger and month, under <home>/templates/<YYYY-MM>/<单位>/.

A template is a form a clerk fills in Excel or WPS: the title, 填报单位 and 报送月份 already written and locked,
the header locked, below it unlocked rows whose cells know their type (dates are dates, counts whole numbers,
categories a dropdown of the town's words), a 填表说明 sheet in plain Chinese, and the hidden signed marker
(etl/template_marker.py). What goes in it is etl/template_spec.py's; this module only draws it (xlsxwriter:
data validation, column formats, sheet protection and very hidden sheets, all as Excel and WPS expect them).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import privacy
from .files import atomic
from .home import Home
from .safe_output import xlsx_workbook_options
from .template_marker import MARKER_SHEET, marker_cells
from .template_spec import Column, TemplateSpec, build_spec, select
from .text import display_width

TEMPLATES_DIR = "templates"
HEADER_ROW = 3  # 0-based: title, 填报单位/报送月份, hint, then the header
PRINTED_ROWS = 25  # empty rows drawn with borders (and printed): the form's visible body
OPTIONS_SHEET = "选项"
INSTRUCTIONS_SHEET = "填表说明"
HEADER_FILL = "#DDEBF7"
REQUIRED_MARK_COLOUR = "#C00000"
FONT = "宋体"
TITLE_FONT = "黑体"

_NUM_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "int": "0", "money": "0.00"}
_LONG_TEXT = (
    "summary",
    "issue",
    "description",
    "measures",
    "content",
    "topic",
    "progress",
    "issues",
    "activity",
    "remarks",
)
_WIDTHS = {
    "date": 12,
    "datetime": 17,
    "int": 10,
    "money": 13,
    "name": 12,
    "phone": 15,
    "id_number": 21,
    "bool": 10,
    "unit": 12,
    "grid": 14,
    "party_org": 22,
    "text": 16,
}


def templates_dir(home: Home, period: str) -> Path:
    return home.root / TEMPLATES_DIR / period


def write_templates(
    home: Home,
    period: str,
    unit: str | None = None,
    ledger: str | None = None,
    key: bytes | None = None,
    issued: dt.date | None = None,
) -> list[Path]:
    """Every template of the month (or those of one sender and/or ledger); returns the paths written."""
    chosen = select(unit, ledger)
    key = key if key is not None else privacy.load_key(home.key_file)
    out = []
    for sender, kind in chosen:
        spec = build_spec(sender, kind, period)
        path = templates_dir(home, period) / sender.name / spec.file_name
        out.append(write_template(spec, path, key, issued))
    return out


def _column_width(col: Column) -> int:
    f = col.field
    if f.name == "seq":
        base = 6
    elif f.name in _LONG_TEXT:
        base = 30
    elif col.choices and f.type in ("category", "bool"):
        base = max(display_width(c) for c in col.choices) + 4
    else:
        base = _WIDTHS.get(f.type, 16)
    return max(base, min(display_width(col.text) + 2, 24))


def _fmt(value: dt.datetime, kind: str) -> str:
    return f"{value:%Y-%m-%d}" if kind == "date" else f"{value:%Y-%m-%d %H:%M}"


def _validation(col: Column, name: str | None) -> dict:
    """The data validation of a data column: a dropdown, a date range, a whole or decimal number ≥ 0, or only
    the prompt that says what goes in it."""
    f, label = col.field, col.header
    rule: dict = {
        "input_title": label[:32],
        "input_message": col.help[:255],
        "error_type": "stop",
        "error_title": f"“{label}”填写有误"[:32],
    }
    if col.choices:
        return {
            **rule,
            "validate": "list",
            "source": f"={name}",
            "error_message": f"请点单元格右边的下拉箭头，从列表中选择：{'、'.join(col.choices)}"[:255],
        }
    if col.window:
        first, last = col.window
        shown = f"{_fmt(first, f.type)} 至 {_fmt(last, f.type)}"
        return {
            **rule,
            "validate": "date",
            "criteria": "between",
            "minimum": first,
            "maximum": last,
            "input_message": f"{col.help}请按“年-月-日”输入，应在 {shown} 之间。"[:255],
            "error_message": f"这里应填 {shown} 之间的日期，请按“年-月-日”输入，如 {first:%Y-%m-%d}。"[:255],
        }
    if f.type == "int":
        return {
            **rule,
            "validate": "integer",
            "criteria": ">=",
            "value": 0,
            "error_message": "这里只能填0或正整数（阿拉伯数字，不带单位）。",
        }
    if f.type == "money":
        return {
            **rule,
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "error_message": "这里只能填数字，单位万元，不带单位；没有填0。",
        }
    return {**rule, "validate": "any"}


def write_template(spec: TemplateSpec, path: Path, key: bytes, issued: dt.date | None = None) -> Path:
    import xlsxwriter

    issued = issued or dt.date.today()
    with atomic(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), xlsx_workbook_options())
        try:
            wb.set_properties(
                {
                    "title": spec.title,
                    "subject": "报送模板",
                    "author": "西天尾镇台账系统",
                    "comments": f"{spec.template_id} 生成于 {issued.isoformat()}",
                }
            )
            _Drawing(wb, spec).draw(key, issued)
        finally:
            wb.close()
    return path


class _Drawing:
    """The sheets of one template in one xlsxwriter workbook."""

    def __init__(self, wb, spec: TemplateSpec):
        self.wb, self.spec = wb, spec
        base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}
        self.base = base
        self.title = wb.add_format(
            {**base, "font_name": TITLE_FONT, "font_size": 16, "bold": True, "align": "center"}
        )
        self.line = wb.add_format({**base, "align": "left"})
        self.hint = wb.add_format({**base, "font_size": 9, "font_color": "#595959", "text_wrap": True})
        self.header = wb.add_format(
            {**base, "bold": True, "bg_color": HEADER_FILL, "border": 1, "align": "center", "text_wrap": True}
        )
        self.header_text = wb.add_format({"font_name": FONT, "bold": True})
        self.mark = wb.add_format({"font_name": FONT, "bold": True, "font_color": REQUIRED_MARK_COLOUR})
        self._cells: dict[tuple, object] = {}

    def cell(self, col: Column, border: bool):
        """The unlocked format of a data column (with the borders of the drawn rows, or without below them)."""
        key = (col.field.type, col.field.name in _LONG_TEXT, border)
        if key not in self._cells:
            spec = {
                **self.base,
                "locked": False,
                "valign": "top",
                "num_format": _NUM_FORMATS.get(col.field.type, "@"),
            }  # "@": digits typed stay text (ID, phone)
            if col.field.name in _LONG_TEXT:
                spec["text_wrap"] = True
            if border:
                spec["border"] = 1
            self._cells[key] = self.wb.add_format(spec)
        return self._cells[key]

    def draw(self, key: bytes, issued: dt.date) -> None:
        spec = self.spec
        ws = self.wb.add_worksheet(spec.sheet_name)
        names = self._options()
        self._data_sheet(ws, names)
        self._instructions()
        marker = self.wb.add_worksheet(MARKER_SHEET)
        for c, value in enumerate(marker_cells(spec, key, HEADER_ROW + 1, issued)):
            marker.write_string(0, c, value)
        marker.protect()
        marker.very_hidden()
        ws.activate()

    def _options(self) -> dict[str, str]:
        """The dropdown lists on a very hidden sheet, one named range per column (lists longer than Excel's
        255-character inline limit work the same way). ASCII field names head the lists: no header a reader
        could mistake for a ledger's, should anyone unhide the sheet."""
        ws = self.wb.add_worksheet(OPTIONS_SHEET)
        names = {}
        for j, col in enumerate(c for c in self.spec.columns if c.choices):
            ws.write_string(0, j, col.field.name)
            for i, word in enumerate(col.choices, start=1):
                ws.write_string(i, j, word)
            letter = _letter(j)
            name = f"tz_{col.field.name}"
            self.wb.define_name(name, f"='{OPTIONS_SHEET}'!${letter}$2:${letter}${len(col.choices) + 1}")
            names[col.field.name] = name
        ws.protect()
        ws.very_hidden()
        return names

    def _data_sheet(self, ws, names: dict[str, str]) -> None:
        spec, cols = self.spec, self.spec.columns
        last_col = max(len(cols), 6) - 1
        last_row = HEADER_ROW + spec.rows
        ws.merge_range(0, 0, 0, last_col, spec.title, self.title)
        ws.set_row(0, 32)
        half = (last_col + 1) // 2
        ws.merge_range(1, 0, 1, half - 1, spec.filler, self.line)
        ws.merge_range(1, half, 1, last_col, spec.period_line, self.line)
        ws.set_row(1, 22)
        ws.merge_range(
            2,
            0,
            2,
            last_col,
            "带红色 * 的栏目必须填写；有下拉箭头的栏目请从列表中选择；标题和表头已锁定，"
            "请勿改动。每一栏怎么填，见“填表说明”工作表。",
            self.hint,
        )
        ws.set_row(2, 30)
        for j, col in enumerate(cols):
            if col.required:
                ws.write_rich_string(HEADER_ROW, j, self.mark, "*", self.header_text, col.header, self.header)
            else:
                ws.write_string(HEADER_ROW, j, col.header, self.header)
            ws.set_column(j, j, _column_width(col), self.cell(col, border=False))
            for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + PRINTED_ROWS):
                ws.write_blank(r, j, None, self.cell(col, border=True))
            ws.data_validation(HEADER_ROW + 1, j, last_row, j, _validation(col, names.get(col.field.name)))
        ws.set_row(HEADER_ROW, 36)
        ws.freeze_panes(HEADER_ROW + 1, 0)
        # Protected against accidental edits, not against a determined user (no password): the signed marker
        # is what tells a changed template. Rows can still be inserted, deleted, sorted and resized.
        ws.protect(
            "",
            {
                "format_columns": True,
                "format_rows": True,
                "insert_rows": True,
                "delete_rows": True,
                "sort": True,
                "autofilter": True,
            },
        )
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(HEADER_ROW)
        ws.print_area(0, 0, HEADER_ROW + PRINTED_ROWS, last_col)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer("&C第 &P 页，共 &N 页")

    def _instructions(self) -> None:
        spec = self.spec
        ws = self.wb.add_worksheet(INSTRUCTIONS_SHEET)
        heading = self.wb.add_format({**self.base, "bold": True, "font_size": 12})
        text = self.wb.add_format({**self.base, "text_wrap": True, "valign": "top"})
        label = self.wb.add_format({**self.base, "bold": True, "valign": "top", "text_wrap": True})
        ws.set_column(0, 0, 14)
        ws.set_column(1, 1, 96)
        # Every row has at most two filled cells: never three header-like cells a reader could take for a ledger.
        rows: list[tuple[str, str, object]] = [
            (f"{spec.describe()} 填表说明", "", self.title),
            (spec.about, "", text),
            ("", "", None),
            ("一、怎么填", "", heading),
        ]
        rows += [(f"{i}.", line, text) for i, line in enumerate(_general_rules(spec), start=1)]
        rows += [("", "", None), ("二、各栏目说明（带 * 的必须填写）", "", heading)]
        rows += [(col.text, _column_note(col), label) for col in spec.columns]
        rows += [("", "", None), ("三、个人信息保护", "", heading)]
        rows += [(f"{i}.", line, text) for i, line in enumerate(PRIVACY_RULES, start=1)]
        for r, (first, second, fmt) in enumerate(rows):
            if fmt is None:
                continue
            if not second and fmt is not label:
                ws.merge_range(r, 0, r, 1, first, fmt)
                lines = -(-display_width(first) // 106)
            else:
                ws.write_string(r, 0, first, fmt if fmt is label else text)
                ws.write_string(r, 1, second, text)
                lines = max(-(-display_width(second) // 100), -(-display_width(first) // 14))
            if lines > 1:  # Excel does not grow a row for wrapped text it did not lay out itself
                ws.set_row(r, 15 * lines)
        ws.set_row(0, 30)
        ws.protect()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _general_rules(spec: TemplateSpec) -> list[str]:
    first = HEADER_ROW + 2  # Excel's row number of the first data row
    return [
        f"本表由镇台账系统按“{spec.sender.name}”和“{spec.month_zh}”生成，标题、填报单位、报送月份和表头已锁定，"
        "请不要改动。每个月请使用当月下发的新模板，不要拿上个月的或别的单位的模板改用。",
        f"从第{first}行起，每行填一条记录，中间不要留空行；不要合并单元格，不要加合计、小计行。",
        "带红色“*”的栏目必须填写；有下拉箭头的栏目请从列表中选择，不要自己输入别的写法。",
        "日期直接按“年-月-日”输入，如 2023-12-03（带时间的如 2023-12-03 14:30），Excel和WPS会自动识别为日期。",
        "数量、金额只填阿拉伯数字，不要带单位；没有的填0。",
        # worded without 零报告/本月无: the reader takes a sheet saying so near its top for a 零报告 itself
        "本月没有需要登记的内容时，表格空着照常报送即可（表示本月没有新情况），不要在表里另写文字说明。",
        "填好后直接报送本文件（.xlsx），不要另存为其他格式，不要删除或重命名工作表；发现填错了，改正后重新报送整个文件即可。",
    ]


def _column_note(col: Column) -> str:
    parts = ["必填。" if col.required else "选填。", col.help]
    if col.choices:
        parts.append("可选：" + "、".join(col.choices) + "。")
    if col.window:
        first, last = col.window
        parts.append(f"可填日期：{_fmt(first, col.field.type)} 至 {_fmt(last, col.field.type)}。")
    if col.field.type in ("name", "phone", "id_number"):
        parts.append("属于个人信息，见第三部分。")
    return "".join(p for p in parts if p)


PRIVACY_RULES = [
    "姓名、联系电话、身份证号只填在对应的栏目里，不要写进简要案情、事件描述、备注等其他栏目。",
    "身份证号只在确有需要时填写。系统入库时姓名只保留姓氏（如“王某某”），电话和身份证号加密保存，"
    "任何报表、图表和导出表里都不会出现。",
    "填好的表格含有个人信息，请通过单位内部渠道报送，不要发到微信群、QQ群等群里，也不要在文件名里写人名。",
]
