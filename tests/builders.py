"""Small spreadsheet builders for tests: each test writes exactly the mess it is about."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import xlsxwriter


def write_xlsx(
    path: Path,
    sheets: dict[str, list[list]],
    merges: dict[str, list[tuple]] | None = None,
    hidden: tuple[str, ...] = (),
) -> Path:
    """sheets: name → rows (None = empty cell); merges: name → [(r0, c0, r1, c1, text)]."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, (dt.date, dt.datetime)):
                    ws.write_datetime(
                        r,
                        c,
                        v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day),
                        date_fmt,
                    )
                elif isinstance(v, str):
                    ws.write_string(r, c, v)
                else:
                    ws.write(r, c, v)
        for r0, c0, r1, c1, text in (merges or {}).get(name, []):
            ws.merge_range(r0, c0, r1, c1, text)
        if name in hidden:
            ws.hide()
    wb.close()
    return path


def write_xls(path: Path, sheets: dict[str, list[list]]) -> Path:
    import xlwt

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, (dt.date, dt.datetime)):
                    ws.write(r, c, v, date_style)
                else:
                    ws.write(r, c, v)
    wb.save(str(path))
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


DISPUTE_HEADER = [
    "序号",
    "受理日期",
    "纠纷类型",
    "当事人",
    "联系电话",
    "简要案情",
    "化解层级",
    "化解情况",
    "化解日期",
    "备注",
]


def dispute_rows(n: int, month: int = 10, resolved_every: int = 2) -> list[list]:
    rows = []
    for i in range(1, n + 1):
        resolved = i % resolved_every == 0
        rows.append(
            [
                i,
                dt.date(2023, month, min(i, 28)),
                ["邻里纠纷", "婚姻家庭", "劳资纠纷"][i % 3],
                f"张{i}",
                f"138{i:08d}",
                f"案情{i}",
                "村",
                "已化解" if resolved else "化解中",
                dt.date(2023, month, min(i, 28)) if resolved else None,
                None,
            ]
        )
    return rows
