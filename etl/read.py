"""Reading a spreadsheet file into plain grids of cells: .xlsx/.xlsm/.xls/.ods through python-calamine,
.csv in UTF-8 (with or without BOM) or GBK/GB18030, detected, never guessed into mojibake; .xls files that
are really web pages or SpreadsheetML through etl/read_markup.py."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import Path

from .grid import Grid, UnreadableFile, decode_text
from .xlsx_cells import cell_marks

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
CSV_SUFFIXES = {".csv", ".txt"}
MARKUP_SUFFIXES = {".xml", ".htm", ".html"}  # “XML 表格 2003” and platform web-page exports
SUPPORTED_SUFFIXES = SPREADSHEET_SUFFIXES | CSV_SUFFIXES | MARKUP_SUFFIXES


def read_grids(path: Path, data: bytes | None = None) -> list[Grid]:
    """All sheets of a file as grids (CSV gives one)."""
    data = path.read_bytes() if data is None else data
    if not data.strip():
        raise UnreadableFile("文件是空的（0字节或只有空白），请重新导出后报送")
    kind = sniff(data, path)
    if kind in ("html", "spreadsheetml"):  # platform exports saved as .xls
        from .read_markup import read_html, read_spreadsheetml

        return read_html(data) if kind == "html" else read_spreadsheetml(data)
    if kind == "csv":
        return [read_csv(data, path.stem)]
    if kind == "encrypted":
        raise UnreadableFile("文件已加密（设置了打开密码），请取消密码后重新报送")
    if kind == "zip":
        _not_an_archive(data)
    return read_spreadsheet(data)


def _not_an_archive(data: bytes) -> None:
    """A .zip of ledgers (or of anything) is not a workbook: said so, instead of “damaged”."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
    except zipfile.BadZipFile:
        return  # calamine's own error says the file is damaged
    if not any(n in ("xl/workbook.xml", "content.xml") for n in names):
        raise UnreadableFile(
            f"这是一个压缩包（里面有{len(names)}个文件），不是表格文件。请解压后把里面的台账分别报送"
        )


def sniff(data: bytes, path: Path) -> str:
    """What the bytes are, by content first: 'zip' (xlsx/ods), 'ole' (xls), 'html', 'spreadsheetml', 'csv',
    'encrypted'."""
    if data[:4] == b"PK\x03\x04":
        return "zip"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # an OOXML workbook with a password is an OLE container holding 'EncryptedPackage'
        if (
            "EncryptedPackage".encode("utf-16-le") in data[:1_000_000]
            or b"EncryptedPackage" in data[:1_000_000]
        ):
            return "encrypted"
        return "ole"
    from .read_markup import markup_kind

    markup = markup_kind(data)
    if markup is not None:
        return markup
    suffix = path.suffix.lower()
    if suffix in MARKUP_SUFFIXES:
        raise UnreadableFile("文件是网页或XML文件，但里面不是表格，请报送Excel或CSV格式的台账")
    if suffix in SPREADSHEET_SUFFIXES:
        if b"\x00" not in data[:4096] and (b"\t" in data[:4096] or b"," in data[:4096]):
            return "csv"  # a platform's text export (tab- or comma-separated) saved with an Excel name
        raise UnreadableFile("文件扩展名是Excel，但内容不是Excel表格（文件可能已损坏），请重新导出后报送")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile("文件不是表格文件（不是Excel也不是CSV），请报送Excel或CSV格式的台账")
    return "csv"


def read_spreadsheet(data: bytes) -> list[Grid]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for corrupt files
        message = str(exc)
        if "password" in message.lower() or "encrypt" in message.lower():
            raise UnreadableFile("文件已加密（设置了打开密码），请取消密码后重新报送") from exc
        raise UnreadableFile("文件已损坏，无法打开，请用Excel打开确认后重新保存并报送") from exc
    grids = []
    marks = cell_marks(data)
    for meta in workbook.sheets_metadata:
        if meta.typ not in (SheetTypeEnum.WorkSheet,):
            continue
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except Exception as exc:
            raise UnreadableFile(f"工作表“{meta.name}”已损坏，无法读取，请重新保存后报送") from exc
        grids.append(
            Grid(
                name=meta.name,
                rows=[list(r) for r in rows],
                hidden=meta.visible != SheetVisibleEnum.Visible,
                merged=[tuple(map(tuple, m)) for m in merged],
                struck=marks.struck.get(meta.name, {}),
                formula_gaps=marks.formula_gaps.get(meta.name, {}),
            )
        )
    if not grids:
        raise UnreadableFile("工作簿里没有工作表")
    return grids


def read_csv(data: bytes, name: str) -> Grid:
    text, encoding = decode_text(data)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
        delimiter = dialect.delimiter
    except csv.Error:  # title lines above the table: the delimiter that splits most lines into 3+ cells
        lines = sample.splitlines()
        delimiter = max(",\t;|", key=lambda d: sum(1 for ln in lines if ln.count(d) >= 2))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = _shared_cells(reader)
    except (
        csv.Error
    ):  # a cell over the csv module's 128 KiB: an unclosed quote swallowing the rest, or not a ledger
        raise UnreadableFile(
            f"第{reader.line_num}行附近有一个单元格超过128KB（多半是引号没有成对，把后面的内容都并进了"
            "一个单元格），无法读取。请在Excel中打开检查该行，或另存为.xlsx后重新报送"
        ) from None
    if not any(any(c.strip() for c in row) for row in rows):
        raise UnreadableFile("文件里没有任何内容，请确认导出了正确的表格")
    return Grid(name=name, rows=rows, encoding=encoding)


# distinct texts shared per column; a column of one-off values (IDs, times) stops sharing there
_SHARED_PER_COLUMN = 4096


def _shared_cells(reader) -> list[list[str]]:
    """The rows, each repeated text of a column (a grid's name, a status) one object: a big platform export is
    mostly repeats, and a cell per row would cost its own string."""
    shared: list[dict[str, str]] = []
    rows = []
    for row in reader:
        while len(shared) < len(row):
            shared.append({})
        out = []
        for j, cell in enumerate(row):
            cell = _excel_text(cell)
            seen = shared[j]
            if len(seen) < _SHARED_PER_COLUMN:
                cell = seen.setdefault(cell, cell)
            else:
                cell = seen.get(cell, cell)
            out.append(cell)
        rows.append(out)
    return rows


def _excel_text(cell: str) -> str:
    """="00123" is how platforms write a number that Excel must keep as text (leading zeros, long IDs)."""
    if cell.startswith('="') and cell.endswith('"') and len(cell) >= 3:
        return cell[2:-1]
    return cell
