"""Normalising the text clerks type: full-width forms, stray spaces, line breaks, units in brackets."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# a trailing unit in brackets: 总投资（万元） → 总投资 + 万元
_UNIT_SUFFIX = re.compile(r"\(([^()]{1,8})\)$")
_KNOWN_UNITS = ("万元", "亿元", "元", "件", "次", "人", "个", "%", "小时", "天", "户", "公里")

# The same texts come back on row after row (categories, unit names, dates, headers), so the pure text
# functions below remember their answers. Bounded: a cache holds at most this many texts (the least
# recently used go first), in this process's memory only.
TEXT_CACHE_SIZE = 32_768


def nfkc(value: str) -> str:
    """Full-width letters, digits and punctuation to their ordinary forms (not cached: its callers see mostly
    one-off texts, and normalize is quick for text already in NFKC)."""
    return unicodedata.normalize("NFKC", value)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def squash(value: str) -> str:
    """NFKC, then no whitespace of any kind (clerks put spaces inside words to align them)."""
    return squash_uncached(value)


def squash_uncached(value: str) -> str:
    """squash for callers that cache their own answers: a text new to them is then cached once, not again
    in squash's cache (one-off texts such as summaries would only push useful entries out)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", value))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def normalise_header(raw: str) -> tuple[str, str | None]:
    """Header text → (comparable text, unit named in brackets or None).

    '总投资\\n（万元）' → ('总投资', '万元'); '化解纠纷数（件）' → ('化解纠纷数', '件').
    """
    text = squash_uncached(raw).replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")
    text = text.strip(":：*※★")
    unit = None
    match = _UNIT_SUFFIX.search(text)
    if match and any(u in match.group(1) for u in _KNOWN_UNITS):
        unit = match.group(1)
        text = text[: match.start()]
    else:
        for u in ("万元", "亿元"):
            if text.endswith(u) and len(text) > len(u) + 1:
                unit, text = u, text[: -len(u)]
                break
    return text, unit


def cell_text(value) -> str:
    """Any cell value as stripped text ('' for empty)."""
    if type(value) is str:  # most cells: answered before the other checks
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_texts(row) -> list[str]:
    """cell_text of every cell of a row; text cells are stripped inline (no call per cell on hot loops)."""
    return [c.strip() if type(c) is str else cell_text(c) for c in row]


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and (not value or _SPACES.fullmatch(value) is not None))


def same_header(a: str, b: str) -> bool:
    """Whether two header texts name the same column (spaces, line breaks, "/" between the parts of a two-row
    header and a bracketed unit aside): an analyst may write 累计完成投资 for 累计完成投资（万元）."""
    return a == b or normalise_header(a.replace("/", ""))[0] == normalise_header(b.replace("/", ""))[0]


def display_width(text: str) -> int:
    """Columns the text takes in a console or a spreadsheet column: Chinese (wide) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """The text followed by spaces up to `width` display columns (for aligned console tables)."""
    return text + " " * max(0, width - display_width(text))
