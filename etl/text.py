"""Normalising the text clerks type: full-width forms, stray spaces, line breaks, units in brackets."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# a trailing unit in brackets: 总投资（万元） → 总投资 + 万元
_UNIT_SUFFIX = re.compile(r"\(([^()]{1,8})\)$")
_KNOWN_UNITS = ("万元", "亿元", "元", "件", "次", "人", "个", "%", "小时", "天", "户", "公里")


def nfkc(value: str) -> str:
    """Full-width letters, digits and punctuation to their ordinary forms."""
    return unicodedata.normalize("NFKC", value)


def squash(value: str) -> str:
    """NFKC, then no whitespace of any kind (clerks put spaces inside words to align them)."""
    return _SPACES.sub("", nfkc(value))


@lru_cache(maxsize=4096)
def normalise_header(raw: str) -> tuple[str, str | None]:
    """Header text → (comparable text, unit named in brackets or None).

    '总投资\\n（万元）' → ('总投资', '万元'); '化解纠纷数（件）' → ('化解纠纷数', '件').
    """
    text = squash(raw).replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")
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
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not _SPACES.sub("", value))
