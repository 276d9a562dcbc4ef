"""etl/safety.py: files are refused before parsing when they are too big, zip bombs, encrypted, carry
XML entity declarations, path traversal or absurd cell ranges — quickly and in little memory."""

from __future__ import annotations

import re
import shutil
import struct
import threading
import time
import zipfile
from pathlib import Path

import psutil
import pytest
import xlsxwriter
from taizhang.etl.safety import (
    ENCRYPTED_ZH,
    Limits,
    RejectedFile,
    UnsafePath,
    inspect_before_parsing,
    safe_child,
)

GB = 1 << 30
MB = 1 << 20


# --- helpers -------------------------------------------------------------------------------------------


def normal_xlsx(path: Path) -> Path:
    """A ledger as a village sends it: title row, merged header, Chinese text, dates, a hidden sheet."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("矛盾纠纷台账")
    ws.merge_range("A1:F1", "西天尾镇林山村2023年10月矛盾纠纷排查化解台账")
    ws.write_row(1, 0, ["序号", "受理日期", "纠纷类型", "当事人", "化解情况", "备注"])
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    import datetime as dt

    for i in range(200):
        ws.write_number(2 + i, 0, i + 1)
        ws.write_datetime(2 + i, 1, dt.datetime(2023, 10, 1 + i % 28), date_fmt)
        ws.write_row(2 + i, 2, ["邻里纠纷", "王某某", "已化解", "=不是公式"])
    hidden = wb.add_worksheet("说明")
    hidden.write("A1", "填报说明")
    hidden.hide()
    wb.close()
    return path


def rebuild_zip(
    src: Path, dst: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> Path:
    """Copy a zip, replacing or adding members."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name, data in add.items():
            zout.writestr(name, data)
    return dst


def sheet_xml(src: Path) -> bytes:
    with zipfile.ZipFile(src) as z:
        return z.read("xl/worksheets/sheet1.xml")


def rejected(path: Path, limits: Limits | None = None) -> RejectedFile:
    with pytest.raises(RejectedFile) as info:
        inspect_before_parsing(path, limits)
    err = info.value
    assert path.name in err.reason_zh  # the clerk sees which file
    assert "请" in err.reason_zh  # and what to do
    return err


def measure(fn):
    """(exception or None, seconds, peak RSS growth in bytes) of calling fn."""
    proc = psutil.Process()
    base = proc.memory_info().rss
    peak = [base]
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            peak[0] = max(peak[0], proc.memory_info().rss)
            time.sleep(0.002)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    start = time.perf_counter()
    error = None
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - handed back to the test
        error = exc
    elapsed = time.perf_counter() - start
    stop.set()
    poller.join()
    peak[0] = max(peak[0], proc.memory_info().rss)
    return error, elapsed, peak[0] - base


@pytest.fixture(scope="session")
def bomb(tmp_path_factory) -> Path:
    """A real zip bomb: an .xlsx whose worksheet is 1 GB of zeros (≈4.7 MB on disk), written in chunks."""
    path = tmp_path_factory.mktemp("bomb") / "林山村10月台账.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="x"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        with z.open("xl/worksheets/sheet1.xml", "w") as member:
            zeros = bytes(4 * MB)
            for _ in range(GB // len(zeros)):
                member.write(zeros)
    return path


@pytest.fixture
def xlsx(tmp_path) -> Path:
    return normal_xlsx(tmp_path / "林山村2023年10月矛盾纠纷台账.xlsx")


# --- files that pass -----------------------------------------------------------------------------------


def test_a_normal_xlsx_passes(xlsx):
    error, seconds, _ = measure(lambda: inspect_before_parsing(xlsx))
    assert error is None
    assert seconds < 10  # generous: the point is "seconds, not minutes", on a loaded CI machine


def test_xlsm_and_misnamed_files_are_judged_by_content(xlsx, tmp_path):
    for name in ("台账.xlsm", "台账.xls", "台账.csv", "台账"):
        inspect_before_parsing(shutil.copy(xlsx, tmp_path / name))


def test_a_real_xls_passes(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    ws = wb.add_sheet("台账")
    for r in range(300):
        ws.write(r, 0, f"东星社区{r}")
        ws.write(r, 1, r)
    wb.save(str(tmp_path / "台账.xls"))
    inspect_before_parsing(tmp_path / "台账.xls")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_passes(tmp_path, encoding):
    path = tmp_path / "网格事件.csv"
    path.write_bytes("事件编号,所属网格,上报时间\nE001,东星1网格,2023-11-03 10:00\n".encode(encoding))
    inspect_before_parsing(path)


def test_a_large_honest_sheet_passes_quickly(tmp_path):
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>东星社区</t></is></c><c r="B{r}"><v>{r}</v></c>'
        f'<c r="C{r}"><v>45233</v></c></row>'
        for r in range(1, 200_001)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="x">'
        f'<dimension ref="A1:C200000"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()
    path = tmp_path / "大表.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", xml)
    error, seconds, grown = measure(lambda: inspect_before_parsing(path))
    assert error is None
    assert len(xml) > 20 * MB and seconds < 20
    assert grown < 100 * MB


# --- size and zip bombs --------------------------------------------------------------------------------


def test_the_zip_bomb_is_refused_fast_and_small(bomb):
    assert bomb.stat().st_size < 10 * MB
    error, seconds, grown = measure(lambda: inspect_before_parsing(bomb))
    assert isinstance(error, RejectedFile), error
    assert error.code == "zip_bomb"
    assert bomb.name in error.reason_zh
    assert seconds < 10, seconds
    assert grown < 100 * MB, grown


def test_the_zip_bomb_is_refused_whatever_it_is_called(bomb, tmp_path):
    disguised = shutil.copy(bomb, tmp_path / "网格事件.csv")
    assert rejected(disguised).code == "zip_bomb"


def test_a_high_ratio_member_under_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "压缩比.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b" " * (20 * MB))
    err = rejected(path)
    assert err.code == "zip_bomb" and "压缩比" in err.reason_zh
    # a small member may compress as well as it likes
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/styles.xml", b" " * (512 * 1024))
    inspect_before_parsing(path)


def test_a_zip_that_lies_about_sizes_is_refused(tmp_path):
    """Headers declare 1,000 bytes; the deflate stream holds 50 MB. Readers that trust the stream blow up."""
    path = tmp_path / "说谎的压缩包.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("xl/worksheets/sheet1.xml", bytes(50 * MB))
    data = bytearray(path.read_bytes())
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 1000)  # uncompressed size in the local header
    struct.pack_into("<I", data, central + 24, 1000)  # ... and in the central directory
    path.write_bytes(bytes(data))
    error, seconds, grown = measure(lambda: inspect_before_parsing(path))
    assert isinstance(error, RejectedFile) and error.code == "damaged"
    assert seconds < 10 and grown < 100 * MB


def test_file_size_limit_and_environment_override(xlsx, monkeypatch):
    assert rejected(xlsx, Limits(max_file_mb=0.001)).code == "too_large"
    monkeypatch.setenv("TAIZHANG_MAX_FILE_MB", "0.001")
    assert rejected(xlsx).code == "too_large"
    assert Limits().max_file_mb == 0.001
    monkeypatch.setenv("TAIZHANG_MAX_CELLS", "1000")
    monkeypatch.delenv("TAIZHANG_MAX_FILE_MB")
    assert Limits().max_cells == 1000 and Limits().max_file_mb == 200
    assert rejected(xlsx).code == "too_many_cells"  # 202 rows × 6 columns > 1000


@pytest.mark.parametrize("raw", ["lots", "-5", "0", "nan", "inf", "1.5"])
def test_bad_limit_settings_are_reported(monkeypatch, raw):
    monkeypatch.setenv("TAIZHANG_MAX_MEMBERS", raw)
    with pytest.raises(ValueError, match="TAIZHANG_MAX_MEMBERS"):
        Limits()


def test_defaults():
    limits = Limits()
    assert (limits.max_file_mb, limits.max_uncompressed_mb, limits.max_ratio, limits.max_cells) == (
        200,
        200,
        100,
        5_000_000,
    )
    with pytest.raises(AttributeError):
        limits.max_file_mb = 1  # frozen


def test_too_many_members_is_refused_before_reading_the_directory(tmp_path):
    path = tmp_path / "很多部件.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for i in range(60):
            z.writestr(f"xl/media/image{i}.png", b"x")
    assert rejected(path, Limits(max_members=50)).code == "too_many_members"
    inspect_before_parsing(path, Limits(max_members=60))


# --- names inside the zip ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "member",
    [
        "../evil.xml",
        "xl/../../evil.xml",
        "/etc/passwd",
        "\\windows\\evil.xml",
        "C:/evil.xml",
        "xl\\..\\..\\evil.xml",
    ],
)
def test_path_traversal_members_are_refused(xlsx, tmp_path, member):
    path = rebuild_zip(xlsx, tmp_path / "穿越.xlsx", add={member: b"<x/>"})
    assert rejected(path).code == "path_traversal"


def test_duplicate_members_are_refused(xlsx, tmp_path):
    path = tmp_path / "重名.xlsx"
    with pytest.warns(UserWarning):
        rebuild_zip(xlsx, path, add={"xl/worksheets/sheet1.xml": b"<worksheet/>"})
    assert rejected(path).code == "damaged"


def test_encrypted_members_are_refused(xlsx, tmp_path):
    data = bytearray(xlsx.read_bytes())
    pos = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, pos + 8, struct.unpack_from("<H", data, pos + 8)[0] | 0x1)
    path = tmp_path / "加密部件.xlsx"
    path.write_bytes(bytes(data))
    err = rejected(path)
    assert err.code == "encrypted" and ENCRYPTED_ZH in err.reason_zh


def test_a_truncated_zip_is_refused_as_damaged(xlsx, tmp_path):
    path = tmp_path / "半截.xlsx"
    path.write_bytes(xlsx.read_bytes()[: xlsx.stat().st_size // 2])
    assert rejected(path).code == "damaged"


# --- XML entity declarations ----------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>"""


def test_billion_laughs_in_shared_strings_is_refused(xlsx, tmp_path):
    path = rebuild_zip(xlsx, tmp_path / "笑话.xlsx", replace={"xl/sharedStrings.xml": BILLION_LAUGHS})
    err = rejected(path)
    assert err.code == "xml_entities" and "DOCTYPE" in err.reason_zh


@pytest.mark.parametrize(
    "part",
    [
        # hidden behind 200 KB of comments, past any "first few KB" window
        b'<?xml version="1.0"?>'
        + b"<!-- padding -->" * 13_000
        + b'<!DOCTYPE x SYSTEM "http://evil/x.dtd"><sst/>',
        # UTF-16, where a byte search for "<!DOCTYPE" finds nothing
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><sst/>'.encode("utf-16"),
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><sst/>'.encode("utf-16-le"),
        # an external entity with no DOCTYPE keyword on the first line
        b'<?xml version="1.0"?>\n<!doctype sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst>&xxe;</sst>',
        # UTF-7 would let "+ADw-!DOCTYPE" through a byte scan
        b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x+AD4-<sst/>',
    ],
)
def test_hidden_declarations_are_refused(xlsx, tmp_path, part):
    path = rebuild_zip(xlsx, tmp_path / "隐藏声明.xlsx", replace={"xl/sharedStrings.xml": part})
    assert rejected(path).code == "xml_entities"


# --- cell ranges ---------------------------------------------------------------------------------------


def test_a_huge_declared_dimension_is_refused(xlsx, tmp_path):
    xml = sheet_xml(xlsx)
    assert b'<dimension ref="A1:F202"/>' in xml
    huge = xml.replace(b'<dimension ref="A1:F202"/>', b'<dimension ref="A1:XFD1048576"/>')
    path = rebuild_zip(xlsx, tmp_path / "大范围.xlsx", replace={"xl/worksheets/sheet1.xml": huge})
    err = rejected(path)
    assert err.code == "too_many_cells"
    assert "矛盾纠纷台账" in err.reason_zh  # the sheet by the name the clerk sees
    assert "1048576 行 × 16384 列" in err.reason_zh


def test_two_far_apart_cells_are_refused(tmp_path):
    """calamine allocates the rectangle between A1 and XFD1048576 (17 billion cells) and aborts."""
    path = tmp_path / "两个角.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write("A1", "序号")
    ws.write(1048575, 16383, "x")
    wb.close()
    assert rejected(path).code == "too_many_cells"


@pytest.mark.parametrize(
    "cells",
    [
        b'<c r="A1"><v>1</v></c><c r="ZZ200000"><v>1</v></c>',  # plain, with a lying dimension
        b"<c s='0' r='A1'><v>1</v></c><c s='0' r='ZZ200000'><v>1</v></c>",  # quotes and order
        b'<c r="A1"><v>1</v></c><c r="&#90;&#90;200000"><v>1</v></c>',  # character references
        b'<x:c r="A1"><x:v>1</x:v></x:c><x:c r="ZZ200000"><x:v>1</x:v></x:c>',  # a namespace prefix
        b'<c r="A1"><v>1</v></c></row><row r="200000"><c><v>1</v></c><c/>' + b"<c/>" * 30,  # row only
    ],
)
def test_the_used_range_is_found_however_the_cells_are_written(tmp_path, cells):
    xml = (
        b'<?xml version="1.0"?><worksheet xmlns="main" xmlns:x="main"><dimension ref="A1"/>'
        b'<sheetData><row r="1">' + cells + b"</row></sheetData></worksheet>"
    )
    path = tmp_path / "伪装.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", xml)
    assert rejected(path, Limits(max_cells=5_000_000 if b"ZZ" in cells else 100)).code == "too_many_cells"


def _sheet_with(dimension: bytes, rows: bytes) -> bytes:
    return (
        b'<?xml version="1.0"?><worksheet xmlns="main"><dimension ref="' + dimension + b'"/>'
        b"<sheetData>" + rows + b"</sheetData></worksheet>"
    )


def _normal_rows(count: int) -> bytes:
    return b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d"><v>2</v></c></row>' % (i, i, i)
        for i in range(1, count + 1)
    )


def test_a_far_cell_after_megabytes_of_rows_inside_the_dimension_is_found(tmp_path):
    """The declared dimension is trusted only until a cell lies beyond it, however late in the sheet."""
    rows = _normal_rows(40_000)  # about 2.4 MB: the far cell comes several 1 MiB blocks after the dimension
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = tmp_path / "晚出现的远单元格.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", _sheet_with(b"A1:B40000", rows + far))
    assert rejected(path).code == "too_many_cells"


def test_a_stale_small_dimension_over_an_ordinary_sheet_is_accepted(tmp_path):
    path = tmp_path / "范围没更新.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", _sheet_with(b"A1:B10", _normal_rows(40_000)))
    inspect_before_parsing(path)


@pytest.mark.parametrize(
    ("limit", "alphabet"),
    [
        (1, "0-9"),
        (9, "0-9"),
        (10, "0-9"),
        (100001, "0-9"),
        (1, "A-Z"),
        (26, "A-Z"),
        (28, "A-Z"),
        (16384, "A-Z"),
    ],
)
def test_the_beyond_pattern_matches_exactly_what_lies_beyond(limit, alphabet):
    from taizhang.etl.safety import _above, _column_letters

    pattern = re.compile(b"^" + _above(limit, alphabet) + b"$")
    written = str if alphabet == "0-9" else _column_letters
    for value in range(1, max(3 * limit, 800)):
        assert bool(pattern.match(written(value).encode())) == (value > limit), (limit, value)


def test_a_giant_merged_range_is_refused(xlsx, tmp_path):
    xml = sheet_xml(xlsx).replace(b'<mergeCell ref="A1:F1"/>', b'<mergeCell ref="A1:XFD1048576"/>')
    path = rebuild_zip(xlsx, tmp_path / "合并.xlsx", replace={"xl/worksheets/sheet1.xml": xml})
    assert rejected(path).code == "too_many_cells"


def test_a_zip_behind_leading_junk_is_still_inspected(tmp_path):
    path = tmp_path / "两个角.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write("A1", "序号")
    ws.write(1048575, 16383, "x")
    wb.close()
    junk = tmp_path / "前缀.xlsx"
    junk.write_bytes(b"MZ not a zip header\n" + path.read_bytes())
    assert rejected(junk).code == "too_many_cells"


def ods(path: Path, rows_repeated: int, cols_repeated: int, with_value: bool) -> Path:
    cell = (
        f'<table:table-cell table:number-columns-repeated="{cols_repeated}" office:value-type="string">'
        f"<text:p>x</text:p></table:table-cell>"
        if with_value
        else f'<table:table-cell table:number-columns-repeated="{cols_repeated}"/>'
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="台账"><table:table-column table:number-columns-repeated="1024"/>'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>序号</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="1023"/></table:table-row>'
        f'<table:table-row table:number-rows-repeated="{rows_repeated}">{cell}</table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def test_ods_trailing_empty_repeats_pass_but_repeat_bombs_do_not(tmp_path):
    # what LibreOffice writes under every sheet: a million empty rows, which readers drop
    inspect_before_parsing(ods(tmp_path / "正常.ods", 1_048_575, 1024, with_value=False))
    assert rejected(ods(tmp_path / "重复.ods", 100_000, 100, with_value=True)).code == "too_many_cells"


# --- OLE2: .xls and encrypted .xlsx ---------------------------------------------------------------------


def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal compound file (v3, 512-byte sectors): sector 0 FAT, sector 1 directory, then streams."""
    free, end, fat_sect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    fat = [fat_sect, end]
    data = b""
    entries = [("Root Entry", 5, end, 0)]
    for name, payload in streams.items():
        if len(payload) >= 4096:
            start = len(fat)
            n = (len(payload) + 511) // 512
            fat += [start + i + 1 for i in range(n - 1)] + [end]
            data += payload.ljust(n * 512, b"\0")
            entries.append((name, 2, start, len(payload)))
        else:
            entries.append((name, 2, end, len(payload)))  # a small stream: never read by the inspector
    fat += [free] * (128 - len(fat))
    directory = b""
    for i, (name, kind, start, size) in enumerate(entries):
        encoded = name.encode("utf-16-le") + b"\0\0"
        rec = bytearray(128)
        rec[: len(encoded)] = encoded
        struct.pack_into("<HBB", rec, 64, len(encoded), kind, 1)
        right = i + 1 if 0 < i < len(entries) - 1 else free
        child = 1 if i == 0 and len(entries) > 1 else free
        struct.pack_into("<III", rec, 68, free, right, child)
        struct.pack_into("<II", rec, 116, start, size)
        directory += bytes(rec)
    directory = directory.ljust(512, b"\0")
    header = bytearray(512)
    header[:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    return bytes(header) + struct.pack("<128I", *fat) + directory + data


def biff(*records: tuple[int, bytes]) -> bytes:
    out = b"".join(struct.pack("<HH", rtype, len(body)) + body for rtype, body in records)
    return out.ljust(4096, b"\0")


BOF = (0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x1234, 1997, 0, 0))


def test_encrypted_ooxml_is_refused_with_the_plain_message(tmp_path):
    path = tmp_path / "林山村台账.xlsx"  # an encrypted .xlsx is an OLE2 file, whatever its name
    path.write_bytes(
        cfb({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"", "\x06DataSpaces": b""})
    )
    err = rejected(path)
    assert err.code == "encrypted"
    assert "文件已加密（设置了打开密码），请取消密码后重新报送" in err.reason_zh


def test_a_password_protected_xls_is_refused(tmp_path):
    path = tmp_path / "台账.xls"
    path.write_bytes(cfb({"Workbook": biff(BOF, (0x002F, b"\x01\x00" + bytes(52)), (0x00E1, b"\x00\x00"))}))
    assert rejected(path).code == "encrypted"


def test_an_ordinary_ole2_workbook_passes(tmp_path):
    path = tmp_path / "台账.xls"
    path.write_bytes(cfb({"Workbook": biff(BOF, (0x00E1, b"\x00\x00"), (0x000A, b""))}))
    inspect_before_parsing(path)
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"garbage" * 10)  # damaged: no parser sees it
    assert rejected(path).code == "damaged"


# --- markup saved as .xls --------------------------------------------------------------------------------


def test_html_tables_pass_but_entity_declarations_do_not(tmp_path):
    path = tmp_path / "导出.xls"
    path.write_text("<!DOCTYPE html><html><body><table><tr><td>东星</td></tr></table></body></html>", "utf-8")
    inspect_before_parsing(path)
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY a "aaaa">]><Workbook>&a;</Workbook>', "utf-8"
    )
    assert rejected(path).code == "xml_entities"


# --- output paths --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["东星社区.xlsx", "reports/2023-11/东星社区.csv", "a b (1).xlsx", "./x.csv"])
def test_safe_child_accepts_names_inside_root(tmp_path, name):
    child = safe_child(tmp_path, name)
    assert child.is_relative_to(tmp_path.resolve()) and child != tmp_path.resolve()


@pytest.mark.parametrize(
    "name",
    [
        "../x.csv",
        "a/../../x.csv",
        "/etc/passwd",
        "\\\\server\\share\\x",
        "C:\\x.csv",
        "c:x.csv",
        "..",
        ".",
        "",
        "  ",
        "a\x00b",
        "x\n.csv",
        "..\\x.csv",
        "CON",
        "nul.txt",
        "a/../..",
        "a/..",
    ],
)
def test_safe_child_refuses_names_leaving_root(tmp_path, name):
    with pytest.raises(UnsafePath):
        safe_child(tmp_path, name)


def test_safe_child_refuses_symlinks_out_of_root(tmp_path):
    root = tmp_path / "reports"
    root.mkdir()
    (root / "link").symlink_to(tmp_path)
    with pytest.raises(UnsafePath):
        safe_child(root, "link/x.csv")
    assert safe_child(root, "ok.csv") == root.resolve() / "ok.csv"


def test_module_imports_no_dagster():
    source = (Path(__file__).parents[1] / "etl" / "safety.py").read_text("utf-8")
    assert "dagster" not in source


# --- formula-safe exports (etl/safe_output.py) ---------------------------------------------------------

DANGEROUS = [
    '=HYPERLINK("http://x","点这里")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "\u3000=1+1",
]


def export_frame():
    import datetime as dt

    import pandas as pd

    return pd.DataFrame(
        {
            "备注": DANGEROUS + ["普通文字"],
            "数量": [-5, 3, -2, 0, 1, 2, 3, 4, 5, -7],
            "金额": [-1.5, 2.25, None, 0.0, 1e6, -3.0, 4.0, 5.0, 6.0, float("nan")],
            "日期": [dt.date(2023, 11, 3)] * 10,
            "=公式列": ["a"] * 10,
        }
    ).astype({"备注": "string"})


def test_csv_cell_rules():
    from taizhang.etl.safe_output import csv_cell

    for text in DANGEROUS:
        assert csv_cell(text) == "'" + text
    for value in (-5, -2.5, 0, 3.0, None, True, "普通文字", "王某某", "2023-11-03", "a=b", ""):
        assert csv_cell(value) == value  # numbers stay numbers, ordinary text unchanged
    assert csv_cell("-") == "'-"  # a string, even a short one


def test_csv_export_keeps_formulas_as_text(tmp_path):
    import csv

    from taizhang.etl.safe_output import write_csv

    path = write_csv(export_frame(), tmp_path / "导出.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads the Chinese right
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert header == ["备注", "数量", "金额", "日期", "'=公式列"]
    for row, text in zip(body, DANGEROUS, strict=False):
        assert row[0] == "'" + text
    assert body[-1][0] == "普通文字"
    assert [r[1] for r in body[:3]] == ["-5", "3", "-2"]  # negative numbers stay numbers
    assert body[0][2] == "-1.5" and body[2][2] == ""
    assert not list(tmp_path.glob(".*.tmp"))


def test_xlsx_export_keeps_formulas_as_text(tmp_path):
    import openpyxl
    from taizhang.etl.safe_output import write_xlsx, xlsx_workbook_options

    assert xlsx_workbook_options() == {
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    frame = export_frame()
    path = write_xlsx({"纠纷/汇总[1]": frame, "第二页": frame.head(2)}, tmp_path / "导出.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["纠纷_汇总_1_", "第二页"]
    ws = wb["纠纷_汇总_1_"]
    assert ws["E1"].value == "=公式列" and ws["E1"].data_type == "s"
    for r, text in enumerate(DANGEROUS, start=2):
        cell = ws.cell(r, 1)
        assert cell.data_type == "s", (text, cell.data_type)
        # unchanged: a text cell in .xlsx is never evaluated (xlsxwriter stores CR as the OOXML
        # escape _x000D_, which Excel decodes and openpyxl leaves as is)
        assert cell.value.replace("_x000D_", "\r") == text
    assert ws["B2"].value == -5 and ws["B2"].data_type == "n"
    assert ws["C4"].value is None and ws["C11"].value is None  # None and NaN → blank
    assert ws["D2"].is_date
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet  # no formula anywhere
    assert not list(tmp_path.glob(".*.tmp"))
