"""Reading the "Excel" files that government platforms export as markup: an HTML table saved as .xls, and
SpreadsheetML ("XML 表格 2003"). Each becomes grids like any workbook's sheets, merged cells included.

Written by hand: pandas.read_html drops the merges and the sheet names, and no maintained library reads
SpreadsheetML 2003. The markup has passed the pre-parse safety checks (size, no DTD or entities) before it
gets here; the XML parser is defusedxml's, which refuses entities again."""

from __future__ import annotations

import datetime as dt
import re

from .grid import Grid, UnreadableFile, decode_text

SPREADSHEET_ML_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def markup_kind(data: bytes) -> str | None:
    """'spreadsheetml', 'html' or None, from the first bytes."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith(b"<"):
        return None
    if SPREADSHEET_ML_NS.encode() in data[:8192] or b'<?mso-application progid="excel.sheet"' in head:
        return "spreadsheetml"
    if b"<table" in data[:65536].lower() or head.startswith((b"<html", b"<!doctype html")):
        return "html"
    return None


# --- HTML --------------------------------------------------------------------------------------------------


def read_html(data: bytes) -> list[Grid]:
    """Every <table> of a web page as a grid ("表1", "表2" …), rowspan/colspan as merged cells."""
    import lxml.html

    match = _CHARSET.search(data[:4096])
    if match:
        try:
            text = data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text, _ = decode_text(data)
    else:
        text, _ = decode_text(data)
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except Exception as exc:  # lxml raises its own error types for broken markup
        raise UnreadableFile("文件是网页格式（HTML）但已损坏，无法读取，请从平台重新导出") from exc
    tables = [t for t in root.iter("table") if not any(p.tag == "table" for p in t.iterancestors())]
    grids = [_html_grid(t, f"表{i}") for i, t in enumerate(tables, 1)]
    grids = [g for g in grids if g.rows]
    if not grids:
        raise UnreadableFile("文件是网页格式（HTML），但里面没有表格，请从平台重新导出为Excel")
    return grids


def _html_grid(table, name: str) -> Grid:
    rows: list[list] = []
    merged = []
    taken: dict[tuple[int, int], bool] = {}  # cells covered by a rowspan/colspan from above or the left
    r = 0
    for tr in table.iter("tr"):
        if _nearest_table(tr) is not table:  # a row of a table inside a cell
            continue
        row: list = []
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while taken.get((r, c)):
                row.extend([None] * (c + 1 - len(row)))
                c += 1
            text = " ".join(cell.text_content().split())
            row.extend([None] * (c + 1 - len(row)))
            row[c] = text
            rowspan, colspan = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            if rowspan > 1 or colspan > 1:
                merged.append(((r, c), (r + rowspan - 1, c + colspan - 1)))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        if dr or dc:
                            taken[(r + dr, c + dc)] = True
            c += colspan
        rows.append(row)
        r += 1
    width = max((len(x) for x in rows), default=0)
    return Grid(name=name, rows=[x + [None] * (width - len(x)) for x in rows], merged=merged)


def _nearest_table(el):
    for p in el.iterancestors():
        if p.tag == "table":
            return p
    return None


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


# --- SpreadsheetML 2003 ---------------------------------------------------------------------------------------


def read_spreadsheetml(data: bytes) -> list[Grid]:
    """The worksheets of a SpreadsheetML workbook (Excel 2003 XML), with hidden sheets and merges."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except Exception as exc:  # defusedxml raises for entities, ElementTree.ParseError for broken XML
        raise UnreadableFile(
            "文件是“XML表格2003”格式但已损坏，无法读取，请在Excel中另存为.xlsx后重新报送"
        ) from exc
    ns = {"ss": SPREADSHEET_ML_NS}
    a = f"{{{SPREADSHEET_ML_NS}}}"
    grids = []
    for ws in root.findall("ss:Worksheet", ns):
        name = ws.get(f"{a}Name") or f"Sheet{len(grids) + 1}"
        hidden = any(
            (v.text or "").strip() in ("SheetHidden", "SheetVeryHidden")
            for v in ws.iter("{urn:schemas-microsoft-com:office:excel}Visible")
        )
        rows: list[list] = []
        merged = []
        table = ws.find("ss:Table", ns)
        r = -1
        for row in table.findall("ss:Row", ns) if table is not None else []:
            r = int(row.get(f"{a}Index")) - 1 if row.get(f"{a}Index") else r + 1
            while len(rows) <= r:
                rows.append([])
            c = -1
            for cell in row.findall("ss:Cell", ns):
                c = int(cell.get(f"{a}Index")) - 1 if cell.get(f"{a}Index") else c + 1
                data_el = cell.find("ss:Data", ns)
                value = _ml_value(data_el, a) if data_el is not None else None
                cells = rows[r]
                cells.extend([None] * (c + 1 - len(cells)))
                cells[c] = value
                across, down = int(cell.get(f"{a}MergeAcross") or 0), int(cell.get(f"{a}MergeDown") or 0)
                if across or down:
                    merged.append(((r, c), (r + down, c + across)))
                c += across
        width = max((len(x) for x in rows), default=0)
        grids.append(
            Grid(name=name, rows=[x + [None] * (width - len(x)) for x in rows], hidden=hidden, merged=merged)
        )
    if not grids:
        raise UnreadableFile("文件是“XML表格2003”格式，但里面没有工作表")
    return grids


def _ml_value(el, a: str):
    kind = el.get(f"{a}Type") or "String"
    text = "".join(el.itertext())
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text
        return number
    if kind == "DateTime":
        try:
            return dt.datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return text
    if kind == "Boolean":
        return text.strip() in ("1", "true")
    return text
