"""What calamine drops from an .xlsx's cells: strike-through (删除线, a row the clerk meant to void) and
formulas without a usable value (an Excel error such as #VALUE!, or no result saved at all) — calamine gives
both as empty cells, which a reader must not take for "nothing". Read from the workbook's XML, and only where
a style strikes or a formula exists (openpyxl would build the whole workbook in objects to say the same)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET  # the file passed etl/safety.py first: no DOCTYPE, no entities
import zipfile
from dataclasses import dataclass, field

from .safety import cell_position

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_FORMULA = re.compile(rb"<f[\s/>]")  # not <formula1> of a drop-down list
_AFTER_F = (b">", b" ", b"/", b"\t", b"\n", b"\r", b"")  # b"": the tag split at the end of the block
_ERROR_TYPE = re.compile(rb'\bt\s*=\s*["\']e["\']')
_TEXT_TYPE = re.compile(rb'\bt\s*=\s*["\']str["\']')
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>([^<]*)</v>")
_REF = re.compile(rb'\br\s*=\s*["\']([A-Za-z]+\d+)["\']')
_CHUNK = 1 << 20


@dataclass
class CellMarks:
    """Per sheet name: rows struck through, and formula cells without a usable value."""

    # sheet → {0-based row: how many cells with a value are struck through}
    struck: dict[str, dict[int, int]] = field(default_factory=dict)
    # sheet → {(0-based row, column): the error a formula shows ("#VALUE!" …), or "" for no saved result}
    formula_gaps: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)


def cell_marks(data: bytes) -> CellMarks:
    """The marks of an .xlsx's sheets, the workbook opened once; empty for one that strikes nothing and has no
    formula (nearly all), or that is not an .xlsx (what calamine cannot read either is reported by the reader)."""
    marks = CellMarks()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names:
            return marks
        struck_styles = _struck_styles(zf) if "xl/styles.xml" in names else set()
        for name, part in _sheet_parts(zf, names):
            if struck_styles and (rows := _struck_rows(zf, part, struck_styles)):
                marks.struck[name] = rows
            if _has_formula_or_error(zf, part) and (gaps := _formula_gaps(zf.read(part))):
                marks.formula_gaps[name] = gaps
    except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError):
        return CellMarks()
    return marks


def _struck_styles(zf: zipfile.ZipFile) -> set[str]:
    """The cell styles (by index) whose font strikes through."""
    styles = ET.fromstring(zf.read("xl/styles.xml"))
    fonts = styles.find(f"{_NS}fonts")
    striking = {i for i, f in enumerate(fonts if fonts is not None else []) if _on(f.find(f"{_NS}strike"))}
    xfs = styles.find(f"{_NS}cellXfs")
    return {
        str(i)
        for i, xf in enumerate(xfs if xfs is not None else [])
        if int(xf.get("fontId", "0") or 0) in striking
    }


def _on(strike) -> bool:
    return strike is not None and strike.get("val", "1").lower() not in ("0", "false")


def _struck_rows(zf: zipfile.ZipFile, part: str, struck_styles: set[str]) -> dict[int, int]:
    rows: dict[int, int] = {}
    with zf.open(part) as fh:
        for _, el in ET.iterparse(fh):
            if el.tag == f"{_NS}c":
                if el.get("s") in struck_styles and (
                    el.find(f"{_NS}v") is not None or el.find(f"{_NS}is") is not None
                ):
                    at = cell_position(el.get("r") or "")
                    if at:
                        rows[at[0] - 1] = rows.get(at[0] - 1, 0) + 1
                el.clear()
            elif el.tag == f"{_NS}row":
                el.clear()
    return rows


def _has_formula_or_error(zf: zipfile.ZipFile, part: str) -> bool:
    """Whether a sheet may hold a formula or an error cell: plain byte searches (no regex) a megabyte at a
    time, so a big export is never held whole for this; a hit is looked at closely by _formula_gaps."""
    tail = b""
    with zf.open(part) as fh:
        while chunk := fh.read(_CHUNK):
            block = tail + chunk
            if b'"e"' in block or b"'e'" in block:
                return True
            at = block.find(b"<f")
            while at != -1:
                if block[at + 2 : at + 3] in _AFTER_F:  # <f>, <f t="shared" …/>; not <formula1>
                    return True
                at = block.find(b"<f", at + 2)
            tail = chunk[-8:]
    return False


def _formula_gaps(xml: bytes) -> dict[tuple[int, int], str]:
    gaps = {}
    for m in _CELL.finditer(xml):
        attrs, body = m.group(1), m.group(2) or b""
        error = _ERROR_TYPE.search(attrs) is not None
        if not error and not _FORMULA.search(body):
            continue
        value = _VALUE.search(body)
        shown = value.group(1).strip().decode("utf-8", "replace") if value else ""
        # =IF(…,"",…) saves an empty text result (t="str"): that is a value, not a missing one
        unsaved = value is None or (not shown and _TEXT_TYPE.search(attrs) is None)
        if error or unsaved:
            where = _REF.search(attrs)
            at = cell_position(where.group(1).decode()) if where else None
            if at:
                gaps[(at[0] - 1, at[1] - 1)] = shown if error else ""
    return gaps


def _sheet_parts(zf: zipfile.ZipFile, names: set[str]) -> list[tuple[str, str]]:
    """(sheet name, its XML part) for each worksheet, in workbook order."""
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") or "" for r in rels}
    out = []
    for sheet in ET.fromstring(zf.read("xl/workbook.xml")).iter(f"{_NS}sheet"):
        t = target.get(sheet.get(_REL_ID), "")
        part = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
        if part in names:
            out.append((sheet.get("name", ""), part))
    return out
