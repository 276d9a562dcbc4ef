"""Cells a clerk struck through (删除线) in an .xlsx, by sheet and row: calamine reads values only, and a row
struck through is one the clerk meant to void. Read from the workbook's styles and sheet XML, and only when a
cell style strikes at all (openpyxl would build the whole workbook in objects to say the same)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET  # the file passed etl/safety.py first: no DOCTYPE, no entities
import zipfile

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROW_OF = re.compile(r"[A-Za-z]+(\d+)$")


def struck_cells(data: bytes) -> dict[str, dict[int, int]]:
    """Sheet name → {0-based row: how many cells with a value are struck through}; {} for a workbook whose
    styles strike nothing (nearly all), or that is not an .xlsx."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
        if "xl/styles.xml" not in names or "xl/workbook.xml" not in names:
            return {}
        styles = ET.fromstring(zf.read("xl/styles.xml"))
        fonts = styles.find(f"{_NS}fonts")
        striking = {
            i for i, f in enumerate(fonts if fonts is not None else []) if _on(f.find(f"{_NS}strike"))
        }
        xfs = styles.find(f"{_NS}cellXfs")
        struck_styles = {
            str(i)
            for i, xf in enumerate(xfs if xfs is not None else [])
            if int(xf.get("fontId", "0") or 0) in striking
        }
        if not struck_styles:
            return {}
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") or "" for r in rels}
        out: dict[str, dict[int, int]] = {}
        for sheet in ET.fromstring(zf.read("xl/workbook.xml")).iter(f"{_NS}sheet"):
            t = target.get(sheet.get(_REL_ID), "")
            part = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
            if part in names:
                rows = _struck_rows(zf, part, struck_styles)
                if rows:
                    out[sheet.get("name", "")] = rows
        return out
    except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError):
        return {}  # what calamine cannot read either is reported by the reader


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
                    m = _ROW_OF.match(el.get("r") or "")
                    if m:
                        r = int(m.group(1)) - 1
                        rows[r] = rows.get(r, 0) + 1
                el.clear()
            elif el.tag == f"{_NS}row":
                el.clear()
    return rows
