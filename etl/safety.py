"""Checks on a submitted file before any spreadsheet parser touches it.

Village files arrive by e-mail, USB stick and chat apps; one of them may be damaged, encrypted or made to
hurt the machine that opens it. `inspect_before_parsing(path)` looks at the raw bytes in bounded memory
(1 MiB reads, no member held whole; a few MB of RSS) and bounded time (proportional to the size limits
below: header checks take milliseconds, the member scan about 2 s per 100 MB of sheet XML), and raises
`RejectedFile` with a reason a village clerk can act on. It never parses the spreadsheet itself.

What is checked, by content (magic bytes), never by file extension:

* every file: a regular file (opened without blocking: FIFOs, devices and /proc files are refused), size
  on disk (`max_file_mb`, default 200 MB).
* zip containers (.xlsx, .xlsm, .xlsb, .ods — ``PK\\x03\\x04``; also a zip hidden behind leading junk, which
  zip readers accept): the member count from the end-of-central-directory record, before the directory
  is loaded (`max_members`); member names that are absolute or contain ``..`` (zip slip), NUL, or repeat;
  encrypted members; compression other than stored/deflate; the total declared uncompressed size
  (`max_uncompressed_mb`); the compression ratio of each member and overall (`max_ratio`, members under
  `ratio_grace_mb` are too small to matter). Then every member is streamed through once: the CRC and the
  declared size are verified (a zip whose headers lie about sizes is refused as damaged), and the XML
  parts are scanned for
    - any ``<!DOCTYPE`` or ``<!ENTITY`` (entity expansion, "billion laughs"; Excel never writes one),
      and encodings in which such a declaration would hide from a byte scan (UTF-7, UTF-32, EBCDIC);
    - a declared ``<dimension ref="A1:XFD1048576"/>`` (read from the first 64 KB of a part) larger than
      `max_cells` (default 5 million cells);
    - the cell range actually used: calamine allocates the dense rectangle between the extreme cells, so
      a file with only A1 and XFD1048576 asks for 17 billion cells and aborts the whole process. A sheet's
      declared dimension is trusted while one search per block finds no cell or row beyond it (nor a tag
      written oddly); from the first that is, every cell and row reference is read. Merged ranges larger
      than `max_cells` are refused too;
    - for OpenDocument (content.xml): the cells that ``number-rows-repeated`` and
      ``number-columns-repeated`` expand to (trailing empty repeats, which LibreOffice always writes,
      are not counted — readers drop them).
* OLE2 files (.xls, ``D0 CF 11 E0``): the structure, read with olefile, then every sector chain walked
  (directory, mini FAT, each stream, the mini stream): a chain that loops, crosses another, leaves the file
  or is not as long as its stream's size is refused as damaged — calamine would follow a looping chain (a
  5.6 KB .xls with a zeroed FAT) until memory runs out. Then encryption: an OLE2 file holding an
  ``EncryptedPackage`` stream is a password-protected .xlsx/.xlsm; a BIFF8 workbook stream starting with
  a FILEPASS record is a password-protected .xls. Both are refused with
  "文件已加密（设置了打开密码），请取消密码后重新报送". Not checked: the cell range of a .xls (BIFF8 caps a
  sheet at 65,536 × 256 cells, so the damage is bounded); what is left to a parser is read on a leash
  (etl/reading.py).
* anything else (CSV, HTML or SpreadsheetML saved as ".xls"): size, and for markup an ``<!ENTITY``
  declaration or a DOCTYPE with an internal subset.

.xlsm: read as data. calamine only reads cell values and never runs VBA (the vbaProject.bin member is
just bytes to it); the zip checks above apply as for .xlsx; nothing Taizhang writes is ever an .xlsm.
Formulas are not evaluated either: their cached values are read.

`safe_child(root, name)` builds an output path from a name that came out of a file (a unit or sheet
name) and refuses anything that would land outside `root`.

Limits can be set per call (`Limits(max_file_mb=50)`) or for the installation through environment
variables, read when `Limits()` is made: TAIZHANG_MAX_FILE_MB, TAIZHANG_MAX_UNCOMPRESSED_MB,
TAIZHANG_MAX_RATIO, TAIZHANG_RATIO_GRACE_MB, TAIZHANG_MAX_MEMBERS, TAIZHANG_MAX_CELLS.
"""

from __future__ import annotations

import codecs
import html
import math
import os
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .files import NotRegularFile, open_regular

MB = 1024 * 1024
CHUNK = 1 << 20

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

ENCRYPTED_ZH = "文件已加密（设置了打开密码），请取消密码后重新报送"
RESAVE_ZH = "请用 Excel 或 WPS 打开这个文件，确认内容正常后“另存为”一个新的 .xlsx 文件再报送"


class RejectedFile(Exception):
    """A file refused before parsing. `reason_zh` names the file and says what to do, in plain Chinese;
    `code` is a short English tag for tests and logs (too_large, zip_bomb, encrypted, path_traversal,
    xml_entities, too_many_cells, too_many_members, damaged, unsupported)."""

    def __init__(self, reason_zh: str, code: str = "unsafe"):
        super().__init__(reason_zh)
        self.reason_zh = reason_zh
        self.reason = reason_zh
        self.code = code


class UnsafePath(ValueError):
    """A name that would build a path outside the folder it is meant for."""


def _env_number(name: str, default: float, kind: type = float):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return kind(default)
    try:
        number = float(raw.strip())
        if kind is int and not number.is_integer():
            raise ValueError
        value = kind(number)
    except (ValueError, OverflowError):
        raise ValueError(f"environment variable {name}={raw!r} is not a {kind.__name__}") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"environment variable {name}={raw!r} must be a finite number greater than 0")
    return value


@dataclass(frozen=True)
class Limits:
    """Limits for `inspect_before_parsing`; defaults come from TAIZHANG_* environment variables."""

    max_file_mb: float = field(default_factory=lambda: _env_number("TAIZHANG_MAX_FILE_MB", 200))
    max_uncompressed_mb: float = field(
        default_factory=lambda: _env_number("TAIZHANG_MAX_UNCOMPRESSED_MB", 200)
    )
    max_ratio: float = field(default_factory=lambda: _env_number("TAIZHANG_MAX_RATIO", 100))
    ratio_grace_mb: float = field(default_factory=lambda: _env_number("TAIZHANG_RATIO_GRACE_MB", 1))
    max_members: int = field(default_factory=lambda: _env_number("TAIZHANG_MAX_MEMBERS", 10_000, int))
    max_cells: int = field(default_factory=lambda: _env_number("TAIZHANG_MAX_CELLS", 5_000_000, int))


def inspect_before_parsing(path: Path, limits: Limits | None = None, shown_name: str | None = None) -> None:
    """Raise `RejectedFile` if the file must not be given to a spreadsheet parser; return None if it may.

    `limits` defaults to `Limits()`, made at call time so the TAIZHANG_* environment variables apply;
    `shown_name` is the name the reasons quote (the name as sent, when `path` is the file's archived copy).
    """
    limits = limits if limits is not None else Limits()
    path = Path(path)
    name = shown_name or path.name
    try:
        fh = open_regular(path)  # without blocking, and only a regular file
    except NotRegularFile:
        raise RejectedFile(
            f"“{name}”：这不是一个普通文件，无法读取，请把台账文件本身放进收件箱。", "unsupported"
        ) from None
    except OSError as err:
        raise RejectedFile(
            f"“{name}”：文件打不开（{err.strerror or err}），请确认文件还在、没有被别的程序占用后重新报送。",
            "damaged",
        ) from None
    with fh:
        st = os.fstat(fh.fileno())
        if st.st_size > limits.max_file_mb * MB:
            raise RejectedFile(
                f"“{name}”：文件太大（{st.st_size / MB:.0f} MB，上限 {limits.max_file_mb:g} MB）。"
                f"请删掉与台账无关的工作表和图片后重新保存，或者按月份拆成几个文件分别报送。",
                "too_large",
            )
        _inspect_open(fh, st.st_size, name, limits)


def _inspect_open(fh, size: int, name: str, limits: Limits) -> None:
    try:
        head = fh.read(8)
        if head[:4] in ZIP_MAGICS:
            _ZipInspection(fh, size, name, limits).run()
        elif head == OLE2_MAGIC:
            _inspect_ole2(fh, size, name)
        else:
            if _has_zip_trailer(fh, size):
                # a zip with bytes in front still opens in zip readers: check it as one if it is one
                _ZipInspection(fh, size, name, limits, strict=False).run()
            _inspect_markup(fh, name)
    except NotRegularFile:  # a read that would block
        raise RejectedFile(
            f"“{name}”：这不是一个普通文件，无法读取，请把台账文件本身放进收件箱。", "unsupported"
        ) from None


# --- zip containers ------------------------------------------------------------------------------------

_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_MAX_CENTRAL_DIRECTORY = 16 * MB
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def _has_zip_trailer(fh, size: int) -> bool:
    fh.seek(max(0, size - (22 + 65535)))
    return _EOCD in fh.read()


class _ZipInspection:
    def __init__(self, fh, size: int, name: str, limits: Limits, strict: bool = True):
        self.fh, self.size, self.name, self.limits, self.strict = fh, size, name, limits, strict

    def reject(self, what: str, code: str) -> RejectedFile:
        return RejectedFile(f"“{self.name}”：{what}", code)

    def damaged(self, detail: str) -> RejectedFile:
        return self.reject(f"文件已损坏或不完整（{detail}），无法读取。{RESAVE_ZH}。", "damaged")

    def run(self) -> None:
        try:
            self._check_directory_record()
            try:
                zf = zipfile.ZipFile(self.fh)
            except (
                zipfile.BadZipFile,
                zipfile.LargeZipFile,
                OSError,
                ValueError,
                EOFError,
                struct.error,
                UnicodeDecodeError,
            ) as err:
                if not self.strict:
                    return
                raise self.damaged(f"压缩结构错误：{err}") from None
            with zf:
                infos = zf.infolist()
                self._check_headers(infos)
                self._stream_members(zf, infos)
        except _NotAZip:
            if self.strict:
                raise self.damaged("找不到压缩目录") from None

    # the end-of-central-directory record: member count before zipfile builds one object per member
    def _check_directory_record(self) -> None:
        tail_len = min(self.size, 22 + 65535)
        self.fh.seek(self.size - tail_len)
        tail = self.fh.read(tail_len)
        pos = tail.rfind(_EOCD)
        if pos < 0 or pos + 22 > len(tail):
            raise _NotAZip
        entries, cd_size = struct.unpack_from("<HI", tail, pos + 10)
        absolute = self.size - tail_len + pos
        if absolute >= 20:
            self.fh.seek(absolute - 20)
            locator = self.fh.read(20)
            if locator[:4] == _EOCD64_LOCATOR:
                (offset,) = struct.unpack_from("<Q", locator, 8)
                if offset + 56 > self.size:
                    if not self.strict:
                        raise _NotAZip
                    raise self.damaged("ZIP64 目录位置超出文件")
                self.fh.seek(offset)
                record = self.fh.read(56)
                if record[:4] != _EOCD64:
                    if not self.strict:
                        raise _NotAZip
                    raise self.damaged("ZIP64 目录记录错误")
                entries, cd_size = struct.unpack_from("<QQ", record, 32)
        if entries > self.limits.max_members or cd_size > _MAX_CENTRAL_DIRECTORY:
            raise self.reject(
                f"文件内部包含的部件过多（{entries} 个，上限 {self.limits.max_members}），不像正常的表格文件。{RESAVE_ZH}。",
                "too_many_members",
            )

    def _check_headers(self, infos: list[zipfile.ZipInfo]) -> None:
        lim = self.limits
        if len(infos) > lim.max_members:
            raise self.reject(
                f"文件内部包含的部件过多（{len(infos)} 个，上限 {lim.max_members}），不像正常的表格文件。{RESAVE_ZH}。",
                "too_many_members",
            )
        seen: set[str] = set()
        total_declared = total_compressed = 0
        grace = lim.ratio_grace_mb * MB
        for info in infos:
            raw_name = info.orig_filename
            if _unsafe_member_name(raw_name):
                raise self.reject(
                    f"文件内部含有异常的路径“{raw_name[:80]!s}”，可能被人改动过，出于安全考虑不予读取。{RESAVE_ZH}；"
                    f"如有疑问请联系镇里的系统管理员。",
                    "path_traversal",
                )
            if raw_name in seen:
                raise self.reject(
                    f"文件内部有两个同名部件“{raw_name[:80]}”，可能被人改动过，不予读取。{RESAVE_ZH}。",
                    "damaged",
                )
            seen.add(raw_name)
            if info.flag_bits & 0x41:  # 0x1 encrypted, 0x40 strong encryption
                raise self.reject(f"{ENCRYPTED_ZH}。", "encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self.reject(f"文件使用了不常见的压缩方式，无法读取。{RESAVE_ZH}。", "unsupported")
            total_declared += info.file_size
            total_compressed += info.compress_size
            if total_declared > lim.max_uncompressed_mb * MB:
                raise self._bomb(f"解压后超过 {lim.max_uncompressed_mb:g} MB")
            if info.file_size > grace and info.file_size > lim.max_ratio * max(info.compress_size, 1):
                raise self._bomb(
                    f"部件“{raw_name[:60]}”压缩比 {info.file_size / max(info.compress_size, 1):.0f}:1"
                )
        if total_declared > grace and total_declared > lim.max_ratio * max(total_compressed, 1):
            raise self._bomb(f"整体压缩比 {total_declared / max(total_compressed, 1):.0f}:1")

    def _bomb(self, detail: str) -> RejectedFile:
        return self.reject(
            f"文件解压后的内容异常庞大（{detail}），不是正常的表格文件，可能已损坏或被人改动过，不予读取。"
            f"{RESAVE_ZH}；如果表格确实很大，请按月份拆成几个文件分别报送。",
            "zip_bomb",
        )

    def _stream_members(self, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
        budget = self.limits.max_uncompressed_mb * MB
        read_total = 0
        for info in infos:
            if info.is_dir():
                continue
            scanner: _XmlScanner | None = None
            try:
                with zf.open(info) as member:
                    first = True
                    while True:
                        chunk = member.read(CHUNK)
                        if not chunk:
                            break
                        read_total += len(chunk)
                        if read_total > budget:  # cannot happen unless the headers lie; zipfile caps reads
                            raise self._bomb(f"解压后超过 {self.limits.max_uncompressed_mb:g} MB")
                        if first:
                            first = False
                            if _looks_like_xml(info.filename, chunk):
                                scanner = _XmlScanner(self, info.filename, ods=info.filename == "content.xml")
                        if scanner is not None:
                            scanner.feed(chunk)
            except RejectedFile:
                raise
            except (
                zipfile.BadZipFile,
                EOFError,
                zlib.error,
                OSError,
                ValueError,
                NotImplementedError,
                RuntimeError,
                struct.error,
            ) as err:
                raise self.damaged(f"部件“{info.filename[:60]}”读不出来：{err}") from None
            if scanner is not None:
                scanner.close()
        return None

    def sheet_label(self, member: str) -> str:
        """'工作表“台账”' for a worksheet part when the workbook says which sheet it is, else the part."""
        names = _sheet_names(self.fh)
        sheet = names.get(member)
        return f"工作表“{sheet}”" if sheet else f"部件“{member}”"


class _NotAZip(Exception):
    pass


def _unsafe_member_name(name: str) -> bool:
    if not name or "\x00" in name:
        return True
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    return any(part == ".." for part in re.split(r"[\\/]", name))


def _looks_like_xml(member: str, first: bytes) -> bool:
    if member.lower().endswith(_XML_SUFFIXES):
        return True
    head = first[:1024]
    for bom in (
        codecs.BOM_UTF8,
        codecs.BOM_UTF32_LE,
        codecs.BOM_UTF32_BE,
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
    ):
        if head.startswith(bom):
            return True
    if _sniff_utf16(head):
        return True
    return head.lstrip(b" \t\r\n").startswith(b"<")


def _sniff_utf16(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for BOM-less UTF-16 text (ASCII characters with a zero byte beside them)."""
    sample = head[:64]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zero >= half * 3 // 4 and even_zero == 0:
        return "utf-16-le"
    if even_zero >= half * 3 // 4 and odd_zero == 0:
        return "utf-16-be"
    return None


# --- scanning XML parts -------------------------------------------------------------------------------

_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_COMPLETE_TAG = re.compile(rb"""<[^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>""")
_DIMENSION = re.compile(rb"""<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_FAST_CELL = re.compile(rb'<c r="([A-Z]{1,7})([0-9]{1,12})"')
_FAST_ROW = re.compile(rb'<row r="([0-9]{1,12})"')
# a cell or row tag the fast patterns above would not read: prefixed, single-quoted, r not first, no r
_UNUSUAL_TAG = re.compile(rb"""<(?:c(?=[\s/>])(?! r="[A-Z])|row(?=[\s/>])(?! r="[0-9]))""")
_PREFIXED_TAG = re.compile(rb":(?:c|row)[\s/>]")
_GENERIC_TAG = re.compile(rb"""<(?:[\w.-]+:)?(c|row)(?=[\s/>])([^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*)>""")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_MERGE = re.compile(rb"""<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_REF = re.compile(r"^\$?([A-Za-z]{1,7})\$?([0-9]{1,12})$")
_ODS_TAG = re.compile(
    rb"""<(/?)(?:[\w.-]+:)?(table|table-row|table-cell|covered-table-cell)(?=[\s/>])"""
    rb"""([^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*)>"""
)
_ROWS_REPEATED = re.compile(rb"""number-rows-repeated\s*=\s*["']\s*([0-9]{1,12})""")
_COLS_REPEATED = re.compile(rb"""number-columns-repeated\s*=\s*["']\s*([0-9]{1,12})""")
_VALUE_TYPE = re.compile(rb"""value-type\s*=""")
# any cell or row tag: before a dimension is declared, each one needs reading
_WATCH_ANY_CELL = re.compile(rb"<(?:[\w.-]+:)?(?:c|row)(?=[\s/>])")
_HEAD_BYTES = 64 * 1024
_MAX_TAG = 1 * MB


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def cell_position(ref: str) -> tuple[int, int] | None:
    """A1-style reference → (row, column), both from 1; None for what is not one."""
    m = _REF.match(ref.strip())
    return (int(m.group(2)), _column_number(m.group(1))) if m else None


def _above(limit: int, alphabet: str) -> bytes:
    """A pattern for a run of `alphabet` ("0-9" or "A-Z") whose value is above `limit` (digits or column letters)."""
    symbols = [chr(c) for c in range(ord(alphabet[0]), ord(alphabet[-1]) + 1)]
    written = str(limit) if alphabet == "0-9" else _column_letters(limit)
    size = len(written)
    options = [f"[{alphabet}]{{{size + 1},}}"]
    for i, ch in enumerate(written):
        higher = symbols[symbols.index(ch) + 1 :]
        if higher:
            options.append(f"{written[:i]}[{higher[0]}-{higher[-1]}][{alphabet}]{{{size - i - 1}}}")
    return f"(?:{'|'.join(options)})(?![{alphabet}])".encode("ascii")


def _watch_beyond(rows: int, cols: int) -> re.Pattern:
    """A cell or row beyond A1:(rows, cols), or a cell or row tag the fast patterns would not read."""
    row_above = _above(rows, "0-9")
    # one leading "<" lets the regex engine skip ahead at memchr speed; an alternation of whole patterns would not
    return re.compile(
        rb'<(?:c(?:(?=[\s/>])(?! r="[A-Z])| r="(?:'
        + _above(cols, "A-Z")
        + rb"|[A-Z]{1,7}"
        + row_above
        + rb'))|row(?:(?=[\s/>])(?! r="[0-9])| r="'
        + row_above
        + rb"))"
    )


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _area_cells(ref: str) -> tuple[int, int, int] | None:
    """'A1:XFD1048576' → (cells, rows, columns); a single 'B3' is one cell."""
    parts = ref.strip().split(":")
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2:
        return None
    a, b = cell_position(parts[0]), cell_position(parts[1])
    if a is None or b is None:
        return None
    rows = abs(b[0] - a[0]) + 1
    cols = abs(b[1] - a[1]) + 1
    return rows * cols, rows, cols


class _XmlScanner:
    """One XML member, fed in chunks: declarations, declared dimension, used cell range, ODS repeats."""

    def __init__(self, zi: _ZipInspection, member: str, ods: bool):
        self.zi, self.member = zi, member
        self.limits = zi.limits
        self.carry = b""
        self.started = False
        self.decoder = None
        self.offset = 0
        self.min_row = self.min_col = None
        self.max_row = self.max_col = 0
        self.ods = _OdsCounter(self) if ods else None
        # until a cell or row tag says otherwise, one search per block finds everything that needs a closer look
        self.watch: re.Pattern | None = _WATCH_ANY_CELL
        self.declared_end: tuple[int, int] | None = None

    def feed(self, chunk: bytes) -> None:
        if not self.started:
            self.started = True
            chunk = self._start(chunk)
        elif self.decoder is not None:
            chunk = self.decoder.decode(chunk).encode("utf-8")
        data = self.carry + chunk if self.carry else chunk
        last_lt = data.rfind(b"<")
        if last_lt < 0 or _COMPLETE_TAG.match(data, last_lt):
            block, self.carry = data, b""
        else:
            block, self.carry = data[:last_lt], data[last_lt:]
            if len(self.carry) > _MAX_TAG:
                raise self.zi.damaged(f"部件“{self.member[:60]}”里有一个超长的标签")
        if block:
            self._scan(block)

    def close(self) -> None:
        if self.decoder is not None:
            tail = self.decoder.decode(b"", final=True).encode("utf-8")
            if tail:
                self.carry += tail
        if self.carry:
            self._scan(self.carry)
            self.carry = b""
        if self.min_row is not None and self.min_col is not None:
            rows = self.max_row - self.min_row + 1
            cols = self.max_col - self.min_col + 1
            self._check_cells(rows * cols, rows, cols, "实际使用的范围")
        if self.ods is not None:
            self.ods.finish()

    def _start(self, chunk: bytes) -> bytes:
        """Detect the encoding from the first bytes; non-ASCII-compatible encodings are transcoded or refused."""
        if chunk.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or chunk[:4] in (
            b"\x00\x00\x00<",
            b"<\x00\x00\x00",
        ):
            raise self._odd_encoding("UTF-32")
        if chunk[:4] == b"\x4c\x6f\xa7\x94":
            raise self._odd_encoding("EBCDIC")
        sniffed = _sniff_utf16(chunk)
        if chunk.startswith(codecs.BOM_UTF16_LE) or sniffed == "utf-16-le":
            self.decoder = codecs.getincrementaldecoder("utf-16-le")("replace")
            chunk = chunk[2:] if chunk.startswith(codecs.BOM_UTF16_LE) else chunk
        elif chunk.startswith(codecs.BOM_UTF16_BE) or sniffed == "utf-16-be":
            self.decoder = codecs.getincrementaldecoder("utf-16-be")("replace")
            chunk = chunk[2:] if chunk.startswith(codecs.BOM_UTF16_BE) else chunk
        if self.decoder is not None:
            chunk = self.decoder.decode(chunk).encode("utf-8")
        elif chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[3:]
        m = _ENCODING.search(chunk[:512])
        if m and self.decoder is None:
            declared = m.group(1).decode("ascii")
            probe = b'+ADw-!DOCTYPE <!ENTITY r="A1">'  # '+ADw-' is '<' in UTF-7
            try:
                codec = codecs.lookup(declared).name
                ascii_safe = (
                    codec != "utf-7"
                    and probe.decode(codec) == probe.decode("ascii")
                    and probe.decode("ascii").encode(codec) == probe
                )
            except (LookupError, UnicodeError):
                ascii_safe = False
            if not ascii_safe:
                raise self._odd_encoding(declared)
        return chunk

    def _odd_encoding(self, enc: str) -> RejectedFile:
        return self.zi.reject(
            f"文件内部的部件“{self.member[:60]}”使用了不常见的编码（{enc}），不是正常的表格文件。{RESAVE_ZH}。",
            "xml_entities",
        )

    def _scan(self, block: bytes) -> None:
        if _DECLARATION.search(block):
            raise self.zi.reject(
                f"文件里含有不安全的 XML 声明（DOCTYPE/ENTITY，在“{self.member[:60]}”中），正常的 Excel 文件不会有，"
                f"出于安全考虑不予读取。{RESAVE_ZH}。",
                "xml_entities",
            )
        if self.offset < _HEAD_BYTES:
            m = _DIMENSION.search(block, 0, _HEAD_BYTES - self.offset + 256)
            if m:
                declared = m.group(1).decode("ascii", "replace")
                area = _area_cells(declared)
                if area:
                    self._check_cells(*area, "声明的使用范围")
                self._watch_beyond(declared)
        first_block = self.offset == 0
        self.offset += len(block)
        if self.watch is not None:
            if not self.watch.search(block) and not _PREFIXED_TAG.search(block):
                return self._other_parts(block)
            self._look_closely(first_block)
        self._cell_refs(block)
        self._other_parts(block)

    def _watch_beyond(self, declared: str) -> None:
        """Trust a declared dimension as the used range until a cell or row lies beyond it (or looks odd)."""
        end = cell_position(declared.split(":")[-1])
        if (
            self.watch is not _WATCH_ANY_CELL or end is None
        ):  # a cell came before the dimension: read them all
            return
        rows, cols = end
        if rows * cols > self.limits.max_cells:
            self.watch = None  # the careful scan below finds the real range
            return
        self.declared_end = end
        self.watch = _watch_beyond(rows, cols)

    def _look_closely(self, first_block: bool) -> None:
        """From here on read every cell and row reference; the blocks already passed lay inside A1:declared end."""
        if self.declared_end is not None and not first_block:
            rows, cols = self.declared_end
            self.min_row = self.min_col = 1
            self.max_row, self.max_col = max(self.max_row, rows), max(self.max_col, cols)
        self.watch = None

    def _other_parts(self, block: bytes) -> None:
        if b"mergeCell" in block:
            for m in _MERGE.finditer(block):
                area = _area_cells(m.group(1).decode("ascii", "replace"))
                if area and area[0] > self.limits.max_cells:
                    self._check_cells(*area, "有一个合并单元格的范围")
        if self.ods is not None:
            self.ods.scan(block)

    def _cell_refs(self, block: bytes) -> None:
        if not _UNUSUAL_TAG.search(block) and not _PREFIXED_TAG.search(block):
            cells = _FAST_CELL.findall(block)
            if cells:
                letters, numbers = zip(*cells, strict=True)
                self._extend({int(r) for r in set(numbers)}, set(letters))
            rows = _FAST_ROW.findall(block)
            if rows:
                self._extend({int(r) for r in set(rows)}, ())
            return
        # unusual writers (prefixes, single quotes, attributes before r, entities): the careful path
        row_numbers: set[int] = set()
        letters: set[bytes] = set()
        for m in _GENERIC_TAG.finditer(block):
            attr = _R_ATTR.search(m.group(2))
            if not attr:
                continue
            value = (attr.group(1) if attr.group(1) is not None else attr.group(2)).decode("utf-8", "replace")
            if "&" in value:
                value = html.unescape(value)
            value = value.strip()
            if m.group(1) == b"row":
                if value.isascii() and value.isdigit():
                    row_numbers.add(int(value))
            else:
                ref = _REF.match(value)
                if ref:
                    row_numbers.add(int(ref.group(2)))
                    letters.add(ref.group(1).upper().encode("ascii"))
        self._extend(row_numbers, letters)

    def _extend(self, row_numbers, letters) -> None:
        if row_numbers:
            lo, hi = min(row_numbers), max(row_numbers)
            self.min_row = lo if self.min_row is None else min(self.min_row, lo)
            self.max_row = max(self.max_row, hi)
        if letters:
            cols = [_column_number(c.decode("ascii")) for c in letters]
            lo, hi = min(cols), max(cols)
            self.min_col = lo if self.min_col is None else min(self.min_col, lo)
            self.max_col = max(self.max_col, hi)
        if self.min_row is not None and self.min_col is not None:
            rows = self.max_row - self.min_row + 1
            cols = self.max_col - self.min_col + 1
            if rows * cols > self.limits.max_cells:
                self._check_cells(rows * cols, rows, cols, "实际使用的范围")

    def _check_cells(self, cells: int, rows: int, cols: int, what: str) -> None:
        if cells <= self.limits.max_cells:
            return
        label = self.zi.sheet_label(self.member)
        raise self.zi.reject(
            f"{label}{what}过大（{rows} 行 × {cols} 列，约 {cells:,} 个单元格，上限 {self.limits.max_cells:,}），"
            f"通常是整行或整列设置了格式，或者在很远的地方有内容。请只把台账部分复制到一个新的表格里保存后重新报送。",
            "too_many_cells",
        )


class _OdsCounter:
    """Cells that an OpenDocument sheet expands to, counting repeats but not trailing empty ones."""

    def __init__(self, scanner: _XmlScanner):
        self.scanner = scanner
        self.max_cells = scanner.limits.max_cells
        self._new_table()

    def _new_table(self) -> None:
        self.height = 0  # rows up to the last row with content, repeats expanded
        self.pending_rows = 0  # empty rows seen since that row
        self.width = 0  # widest row, up to its last cell with content
        self.in_row = False
        self.row_repeat = 1
        self.row_pos = 0
        self.row_width = 0
        self.cell_repeat = 0  # repeat of an open (non-self-closing) cell

    def scan(self, block: bytes) -> None:
        for m in _ODS_TAG.finditer(block):
            closing, tag, attrs = m.group(1), m.group(2), m.group(3)
            self_closing = attrs.endswith(b"/")
            if tag == b"table":
                if closing or self_closing:
                    self._check()
                else:
                    self._new_table()
            elif tag == b"table-row":
                if closing:
                    self._end_row()
                else:
                    rep = _ROWS_REPEATED.search(attrs)
                    self.row_repeat = int(rep.group(1)) if rep else 1
                    self.in_row, self.row_pos, self.row_width = True, 0, 0
                    if self_closing:
                        self._end_row()
            elif not closing:  # table-cell / covered-table-cell
                rep = _COLS_REPEATED.search(attrs)
                repeat = int(rep.group(1)) if rep else 1
                self.row_pos += repeat
                if not self_closing or _VALUE_TYPE.search(attrs):
                    self.row_width = self.row_pos
                if self.row_pos > self.max_cells:
                    self._reject(1, self.row_pos)

    def _end_row(self) -> None:
        if not self.in_row:
            return
        self.in_row = False
        if self.row_width:
            self.height += self.pending_rows + self.row_repeat
            self.pending_rows = 0
            self.width = max(self.width, self.row_width)
        else:
            self.pending_rows += self.row_repeat
        self._check()

    def _check(self) -> None:
        if self.height * self.width > self.max_cells:
            self._reject(self.height, self.width)

    def _reject(self, rows: int, cols: int) -> None:
        self.scanner._check_cells(rows * cols, rows, cols, "展开重复的行和列后的范围")

    def finish(self) -> None:
        self._check()


def _sheet_names(fh) -> dict[str, str]:
    """Worksheet part → sheet name, from xl/workbook.xml and its relationships (for messages only)."""
    try:
        from defusedxml import ElementTree as SafeET

        fh.seek(0)
        with zipfile.ZipFile(fh) as zf:

            def small(part: str) -> bytes:
                info = zf.getinfo(part)
                if info.file_size > 4 * MB:
                    raise ValueError("too big")
                return zf.read(info)

            rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
            targets = {}
            for rel in SafeET.fromstring(small("xl/_rels/workbook.xml.rels")):
                target = rel.get("Target") or ""
                part = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join("xl", target))
                )
                targets[rel.get("Id")] = part
            names = {}
            for el in SafeET.fromstring(small("xl/workbook.xml")).iter():
                if el.tag.endswith("}sheet") and el.get(f"{rel_ns}id") in targets:
                    names[targets[el.get(f"{rel_ns}id")]] = el.get("name") or ""
            return names
    except Exception:  # noqa: BLE001 - only used to word a message; fall back to the part name
        return {}


# --- OLE2 (.xls, encrypted .xlsx) -----------------------------------------------------------------------

_FILEPASS = 0x002F
_ENDOFCHAIN = 0xFFFFFFFE
_MAXREGSECT = 0xFFFFFFFA  # sector numbers from here up are markers (free, end of chain, FAT, DIFAT)
_STREAM, _ROOT = 2, 5


def _inspect_ole2(fh, size: int, name: str) -> None:
    """A compound file (.xls, or an encrypted .xlsx): its structure must hold together before a parser
    follows it — calamine follows a sector chain that loops (or a zeroed FAT, where every chain loops) until
    memory runs out. olefile reads the header, the FAT and the directory; every chain is then walked here."""
    import olefile

    try:
        ole = olefile.OleFileIO(fh)
    except Exception:  # noqa: BLE001 - olefile raises many kinds on damaged headers
        raise _ole_damaged(name, "文件头或分配表损坏") from None
    try:
        if ole.exists("EncryptedPackage"):  # refused either way; the plainer reason first
            raise RejectedFile(f"“{name}”：{ENCRYPTED_ZH}。", "encrypted")
        problem = _ole_chain_problem(ole)
        if problem:
            raise _ole_damaged(name, problem)
        for stream in ("Workbook", "Book"):
            if ole.exists(stream):
                if _biff_has_filepass(ole.openstream(stream).read(4096)):
                    raise RejectedFile(f"“{name}”：{ENCRYPTED_ZH}。", "encrypted")
                break
    except RejectedFile:
        raise
    except Exception:  # noqa: BLE001 - a stream olefile cannot read is damage too
        raise _ole_damaged(name, "内部数据流读不出来") from None


def _ole_damaged(name: str, detail: str) -> RejectedFile:
    return RejectedFile(f"“{name}”：文件结构损坏（{detail}），无法读取。{RESAVE_ZH}。", "damaged")


def _ole_chain_problem(ole) -> str | None:
    """What is wrong with the sector chains, or None: each chain (directory, mini FAT, every stream, the mini
    stream) must end, stay within the file, use no sector twice, and be as long as its stream's size says.
    olefile does not check this (it reads a stream by its declared size), hence this walk."""
    fat, n_sectors, ssz = ole.fat, ole.nb_sect, ole.sectorsize
    used: set[int] = set()

    def walk(table, start: int, limit: int, taken: set[int], want: int | None) -> str | None:
        count, s = 0, start
        while s != _ENDOFCHAIN:
            if s >= _MAXREGSECT or s >= limit or s >= len(table):
                return "分配表指向文件以外"
            if s in taken:
                return "分配表有循环或交叉"
            taken.add(s)
            count += 1
            s = table[s]
        if want is not None and count != want:
            return "数据流长度与分配表不符"
        return None

    problem = walk(fat, ole.first_dir_sector, n_sectors, used, None)
    if problem is None and ole.num_mini_fat_sectors:
        problem = walk(fat, ole.first_mini_fat_sector, n_sectors, used, ole.num_mini_fat_sectors)
    if problem:
        return problem
    entries = _ole_entries(ole)
    mini_size = next((size for kind, _start, size in entries if kind == _ROOT), 0)
    mini_used: set[int] = set()
    minifat = None
    for kind, start, size in entries:
        if kind == _ROOT or size >= ole.minisectorcutoff:
            if size == 0:
                continue
            problem = walk(fat, start, n_sectors, used, -(-size // ssz))
        else:
            if size == 0:
                continue
            if minifat is None:
                ole.loadminifat()
                minifat = ole.minifat
            problem = walk(
                minifat, start, -(-mini_size // ole.minisectorsize), mini_used, -(-size // ole.minisectorsize)
            )
        if problem:
            return problem
    return None


def _ole_entries(ole) -> list[tuple[int, int, int]]:
    """(type, first sector, size) of every stream and root entry in the directory, reachable from the root
    or not: a parser may look streams up by name among all of them."""
    ole.directory_fp.seek(0)
    raw = ole.directory_fp.read()
    out = []
    for off in range(0, len(raw) - 127, 128):
        kind = raw[off + 66]
        if kind in (_STREAM, _ROOT):
            start, low, high = struct.unpack_from("<III", raw, off + 116)
            out.append((kind, start, low if ole.sectorsize == 512 else low | high << 32))
    return out


def _biff_has_filepass(data: bytes) -> bool:
    pos = 0
    for _ in range(64):
        if pos + 4 > len(data):
            return False
        rtype, rlen = struct.unpack_from("<HH", data, pos)
        if rtype == _FILEPASS:
            return True
        if rtype == 0x000A:  # EOF of the globals substream
            return False
        pos += 4 + rlen
    return False


# --- markup saved as .xls (HTML, SpreadsheetML 2003) -----------------------------------------------------

_MARKUP_DANGER = re.compile(rb"<!\s*ENTITY|<!\s*DOCTYPE[^>\[]*\[", re.I)


def _inspect_markup(fh, name: str) -> None:
    fh.seek(0)
    first = fh.read(CHUNK)
    decoder = None
    sniffed = _sniff_utf16(first)
    if first.startswith(codecs.BOM_UTF16_LE) or sniffed == "utf-16-le":
        decoder = codecs.getincrementaldecoder("utf-16-le")("replace")
    elif first.startswith(codecs.BOM_UTF16_BE) or sniffed == "utf-16-be":
        decoder = codecs.getincrementaldecoder("utf-16-be")("replace")
    body = first[3:] if first.startswith(codecs.BOM_UTF8) else first
    if decoder is None and not body.lstrip(b" \t\r\n").startswith(b"<"):
        return  # CSV or text: nothing a parser would expand
    tail = b""
    chunk = first
    while chunk:
        text = decoder.decode(chunk).encode("utf-8") if decoder else chunk
        window = tail + text
        if _MARKUP_DANGER.search(window):
            raise RejectedFile(
                f"“{name}”：文件里含有不安全的 XML/HTML 声明（ENTITY），正常的表格文件不会有，出于安全考虑不予读取。{RESAVE_ZH}。",
                "xml_entities",
            )
        tail = window[-4096:]
        chunk = fh.read(CHUNK)


# --- output paths -------------------------------------------------------------------------------------

_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def safe_child(root: Path, name: str) -> Path:
    """`root / name`, resolved, refusing any name that leaves `root` (.., absolute, drive letters, symlinks
    pointing out, NUL or control characters, Windows device names). Sub-folders inside root are allowed."""
    if not isinstance(name, str) or not name.strip():
        raise UnsafePath(f"文件名为空：{name!r}")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise UnsafePath(f"文件名含有控制字符：{name!r}")
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise UnsafePath(f"文件名不能是绝对路径：{name!r}")
    parts = [p for p in re.split(r"[\\/]", name) if p]
    if any(p == ".." for p in parts):
        raise UnsafePath(f"文件名不能含有“..”：{name!r}")
    if any(p.split(".")[0].strip().upper() in _WINDOWS_RESERVED for p in parts):
        raise UnsafePath(f"文件名是 Windows 保留名：{name!r}")
    base = Path(root).resolve()
    target = (base / name).resolve()
    if target == base or not target.is_relative_to(base):
        raise UnsafePath(f"文件名指向了输出文件夹之外：{name!r}")
    return target
