"""What every reader hands on: a sheet as a grid of cells, the error for a file that cannot be read, and
text decoding (UTF-8 first, then GB18030) shared by the CSV and markup readers."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field


@dataclass
class Grid:
    """One sheet as rows of cells; row i is Excel row i+1 and column j is Excel column j+1."""

    name: str
    rows: list[list] = field(default_factory=list)
    hidden: bool = False
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    encoding: str | None = None
    struck: dict[int, int] = field(default_factory=dict)  # row → cells with a value struck through (删除线)
    # (row, column) → the error a formula shows (#VALUE!), or "" for a formula whose result was never saved
    formula_gaps: dict[tuple[int, int], str] = field(default_factory=dict)


class UnreadableFile(Exception):
    """The whole file cannot be read; `reason` is plain Chinese for the clerk."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes of a text file → (text, encoding). UTF-8 (BOM or not) first, then GB18030 (a superset of GBK)."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return text, "gb18030"
    from charset_normalizer import from_bytes  # only for the rare file that is neither UTF-8 nor GB

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFile("文件编码无法识别，请用Excel“另存为”CSV UTF-8或.xlsx后重新报送")
    return str(best), best.encoding


def _looks_chinese(text: str) -> bool:
    sample = text[:4000]
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    odd = sum(1 for ch in sample if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
    return odd == 0 and (han > 0 or sample.isascii())
