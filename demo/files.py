"""Writing the demo ledger files: a sheet is a grid of plain cell values plus merges; writers turn it into
.xlsx (xlsxwriter), .xls (xlwt) or .csv, byte-for-byte reproducibly.

No dagster, no pipeline code: the demo generator (etl/demo.py) only needs these few helpers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

# Document properties carry a timestamp; a fixed one keeps two runs byte-identical.
FIXED_CREATED = dt.datetime(2023, 1, 1, 8, 0, 0)
CST = dt.timezone(dt.timedelta(hours=8))  # file mtimes are Beijing time, whatever the machine's zone

EXCEL_EPOCH = dt.date(1899, 12, 30)


def excel_serial(day: dt.date) -> int:
    return (day - EXCEL_EPOCH).days


@dataclass
class Sheet:
    """One worksheet: rows of cell values (None, str, int, float, date, datetime) and merged ranges.

    Merges are (first_row, first_col, last_row, last_col), 0-based; the merged value is rows[r1][c1].
    """

    name: str
    rows: list[list] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False
    header_rows: tuple[int, ...] = ()  # rows drawn bold with borders
    title_rows: tuple[int, ...] = ()
    widths: list[int] | None = None
    datetime_format: str = "yyyy-mm-dd"

    def add(self, row: list | None = None) -> int:
        """Append a row (None → blank row); returns its 0-based index."""
        self.rows.append(list(row or []))
        return len(self.rows) - 1

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class CsvTable:
    rows: list[list]
    encoding: str = "gbk"  # gbk | utf-8-sig | utf-8


def write_xlsx(path: Path, sheets: list[Sheet], active: int | None = None) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(
        str(path),
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    wb.set_properties({"created": FIXED_CREATED, "author": "", "company": ""})
    title_fmt = wb.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    head_fmt = wb.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
    )
    cell_fmt = wb.add_format({"border": 1, "valign": "vcenter"})
    plain_fmt = wb.add_format({})
    date_fmts: dict[tuple[str, bool], object] = {}

    def date_fmt(pattern: str, bordered: bool):
        key = (pattern, bordered)
        if key not in date_fmts:
            props = {"num_format": pattern}
            if bordered:
                props.update({"border": 1, "valign": "vcenter"})
            date_fmts[key] = wb.add_format(props)
        return date_fmts[key]

    worksheets = []
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        worksheets.append(ws)
        merged_cells = set()
        for r1, c1, r2, c2 in sheet.merges:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    merged_cells.add((r, c))
        if sheet.widths:
            for c, w in enumerate(sheet.widths):
                ws.set_column(c, c, w)
        for r, row in enumerate(sheet.rows):
            if r in sheet.title_rows:
                fmt = title_fmt
            elif r in sheet.header_rows:
                fmt = head_fmt
            else:
                fmt = (
                    cell_fmt if row and any(v not in (None, "") for v in row) and len(row) > 2 else plain_fmt
                )
            bordered = fmt is cell_fmt
            for c, value in enumerate(row):
                if (r, c) in merged_cells:
                    continue
                _xlsx_cell(ws, r, c, value, fmt, sheet, date_fmt, bordered)
        for r1, c1, r2, c2 in sheet.merges:
            value = sheet.rows[r1][c1] if c1 < len(sheet.rows[r1]) else None
            fmt = title_fmt if r1 in sheet.title_rows else head_fmt if r1 in sheet.header_rows else cell_fmt
            if isinstance(value, (dt.date, dt.datetime)):
                ws.merge_range(r1, c1, r2, c2, "", date_fmt(sheet.datetime_format, True))
                ws.write_datetime(r1, c1, _as_datetime(value), date_fmt(sheet.datetime_format, True))
            else:
                ws.merge_range(r1, c1, r2, c2, "" if value is None else value, fmt)
    if active is not None:
        worksheets[active].activate()
    for sheet, ws in zip(sheets, worksheets, strict=True):
        if sheet.hidden:
            ws.hide()
    wb.close()


def _as_datetime(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


def _xlsx_cell(ws, r, c, value, fmt, sheet, date_fmt, bordered):
    if value is None:
        if bordered:
            ws.write_blank(r, c, None, fmt)
        return
    if isinstance(value, dt.datetime):
        pattern = (
            "yyyy-mm-dd hh:mm:ss" if (value.hour or value.minute or value.second) else sheet.datetime_format
        )
        ws.write_datetime(r, c, value, date_fmt(pattern, bordered))
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, _as_datetime(value), date_fmt(sheet.datetime_format, bordered))
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, fmt)
    else:
        ws.write_string(r, c, str(value), fmt)


def write_xls(path: Path, sheets: list[Sheet]) -> None:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    title_style = xlwt.easyxf("font: bold on, height 280; align: horiz center, vert center")
    head_style = xlwt.easyxf(
        "font: bold on; align: horiz center, vert center, wrap on; "
        "borders: left thin, right thin, top thin, bottom thin"
    )
    cell_style = xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin; align: vert center")
    plain_style = xlwt.easyxf("")
    date_style = xlwt.easyxf(
        "borders: left thin, right thin, top thin, bottom thin", num_format_str="YYYY-MM-DD"
    )
    for sheet in sheets:
        ws = wb.add_sheet(sheet.name, cell_overwrite_ok=True)
        if sheet.hidden:
            ws.visibility = 1
        if sheet.widths:
            for c, w in enumerate(sheet.widths):
                ws.col(c).width = int(w * 256)
        merged_cells = set()
        for r1, c1, r2, c2 in sheet.merges:
            value = sheet.rows[r1][c1] if c1 < len(sheet.rows[r1]) else None
            style = (
                title_style
                if r1 in sheet.title_rows
                else head_style
                if r1 in sheet.header_rows
                else cell_style
            )
            ws.write_merge(r1, r2, c1, c2, "" if value is None else value, style)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    merged_cells.add((r, c))
        for r, row in enumerate(sheet.rows):
            style = (
                title_style
                if r in sheet.title_rows
                else head_style
                if r in sheet.header_rows
                else cell_style
                if len(row) > 2 and any(v not in (None, "") for v in row)
                else plain_style
            )
            for c, value in enumerate(row):
                if (r, c) in merged_cells:
                    continue
                if value is None:
                    if style is cell_style:
                        ws.write(r, c, "", style)
                    continue
                if isinstance(value, (dt.date, dt.datetime)):
                    ws.write(r, c, value, date_style)
                else:
                    ws.write(r, c, value, style)
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())


def write_csv(path: Path, table: CsvTable) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table.rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(out.getvalue().encode(table.encoding))


def set_mtime(path: Path, moment: dt.datetime) -> None:
    """Set a file's modification (and access) time to a Beijing-time moment."""
    stamp = moment.replace(tzinfo=CST).timestamp()
    os.utime(path, (stamp, stamp))
