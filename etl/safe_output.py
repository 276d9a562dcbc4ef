"""Writing tables people will open in Excel or WPS, without letting a cell become a formula.

Every text value in our exports came, at some point, from a clerk's spreadsheet. A cell holding
``=HYPERLINK("http://x", "点这里")`` or ``=cmd|' /C calc'!A0`` must stay text when the analyst opens the
export (CSV/formula injection, OWASP).

* CSV: `csv_cell` puts a single quote in front of a string that starts with ``= + - @``, a tab or a carriage
  return — or with any of these after leading spaces, which some spreadsheet programs skip. Numbers are
  not strings and stay numbers (a negative number is written as ``-5``, not ``'-5``). Files are UTF-8 with
  a BOM, so Excel shows Chinese correctly, with CRLF line ends, written to a temporary file and then
  renamed into place.
* XLSX: xlsxwriter with ``strings_to_formulas``, ``strings_to_urls`` and ``strings_to_numbers`` off, and every
  string written with ``write_string`` — the cell is a text cell, its value unchanged (no quote added):
  an .xlsx text cell is never evaluated.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from collections.abc import Mapping
from numbers import Number
from pathlib import Path

import numpy as np
import pandas as pd

from .files import atomic

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_LEADING_BLANKS = " \u3000\u00a0\n"
MAX_XLSX_STRING = 32767  # Excel's limit for one cell
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def csv_cell(value):
    """The value as it must go into a CSV cell: formula-like strings get a leading single quote."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_TRIGGERS) or value.lstrip(_LEADING_BLANKS).startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _is_text_column(series: pd.Series) -> bool:
    dtype = series.dtype
    return (
        pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
        or isinstance(dtype, pd.CategoricalDtype)
    )


def _label(column) -> str:
    if isinstance(column, tuple):  # MultiIndex columns
        return " / ".join(str(part) for part in column if part is not None and str(part) != "")
    return str(column)


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """Write `df` as CSV (UTF-8 with BOM, no index) with every text cell and header made formula-safe."""
    path = Path(path)
    safe = pd.DataFrame(
        {
            i: (
                df.iloc[:, i].astype(object).map(csv_cell)
                if _is_text_column(df.iloc[:, i])
                else df.iloc[:, i]
            )
            for i in range(df.shape[1])
        },
        index=df.index,
    )
    safe.columns = [csv_cell(_label(c)) for c in df.columns]
    with atomic(path) as tmp:
        safe.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    return path


def xlsx_workbook_options() -> dict:
    """xlsxwriter `Workbook` options that keep strings strings."""
    return {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def write_xlsx(df_by_sheet: Mapping[str, pd.DataFrame], path: Path) -> Path:
    """Write one sheet per DataFrame with xlsxwriter; strings through `write_string`, never as formulas."""
    import xlsxwriter

    path = Path(path)
    with atomic(path) as tmp:
        options = {**xlsx_workbook_options(), "remove_timezone": True}
        workbook = xlsxwriter.Workbook(str(tmp), options)
        try:
            header_fmt = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
            date_fmt = workbook.add_format({"num_format": "yyyy-mm-dd"})
            datetime_fmt = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
            used: set[str] = set()
            for sheet_name, df in df_by_sheet.items():
                sheet = workbook.add_worksheet(_sheet_name(sheet_name, used))
                for c, column in enumerate(df.columns):
                    sheet.write_string(0, c, _label(column)[:MAX_XLSX_STRING], header_fmt)
                for c in range(df.shape[1]):
                    values = df.iloc[:, c].tolist()
                    for r, value in enumerate(values, start=1):
                        _write_cell(sheet, r, c, value, date_fmt, datetime_fmt)
                if df.shape[1]:
                    sheet.freeze_panes(1, 0)
        finally:
            workbook.close()
    return path


def _write_cell(sheet, r: int, c: int, value, date_fmt, datetime_fmt) -> None:
    if value is None or value is pd.NaT or value is pd.NA:
        sheet.write_blank(r, c, None)
    elif isinstance(value, str):
        sheet.write_string(r, c, value[:MAX_XLSX_STRING])
    elif isinstance(value, (bool, np.bool_)):
        sheet.write_boolean(r, c, bool(value))
    elif isinstance(value, (dt.datetime, pd.Timestamp)):
        moment = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        if moment.tzinfo is not None:
            moment = moment.replace(tzinfo=None)
        sheet.write_datetime(r, c, moment, datetime_fmt)
    elif isinstance(value, dt.date):
        sheet.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_fmt)
    elif isinstance(value, (Number, decimal.Decimal)) and not isinstance(value, complex):
        number = float(value)
        if math.isfinite(number):
            sheet.write_number(r, c, number)
        else:
            sheet.write_blank(r, c, None)
    else:
        try:
            missing = bool(pd.isna(value))
        except (TypeError, ValueError):
            missing = False
        if missing:
            sheet.write_blank(r, c, None)
        else:
            sheet.write_string(r, c, str(value)[:MAX_XLSX_STRING])


def _sheet_name(name, used: set[str]) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\, at most 31 characters, not blank."""
    base = _SHEET_NAME_BAD.sub("_", str(name)).strip().strip("'") or "Sheet"
    base = base[:31]
    candidate, n = base, 1
    while candidate.casefold() in used or candidate.casefold() == "history":
        n += 1
        suffix = f"_{n}"
        candidate = base[: 31 - len(suffix)] + suffix
    used.add(candidate.casefold())
    return candidate
