"""Whether a rendered file of the report pack is still current: the marts it was drawn from and the code
that drew it are unchanged. A no-change rerun then skips rendering instead of drawing the same PNGs again."""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

STAMPS = ".rendered.json"  # in the pack folder: output name → fingerprint it was rendered from
_CODE_FILES = ("catalog.py", "charts.py", "data.py", "excel_report.py", "phrasing.py", "style.py", "word_report.py")


def marts_fingerprint(con, as_of, marts: tuple[str, ...] | None = None) -> str:
    """Content of the marts rows of one as-of date (all marts, or the given ones) plus the report code."""
    names = marts or tuple(r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' ORDER BY 1").fetchall())
    parts = [str(as_of)]
    for name in sorted(names):
        parts.append(f"{name}:{con.execute(f'SELECT count(*), bit_xor(hash(t)) FROM marts.{name} t WHERE as_of = ?', [as_of]).fetchone()}")
    parts.append(_code_digest())
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """The report code, read once per process."""
    here = Path(__file__).parent
    text = "".join((here / f).read_text(encoding="utf-8") for f in _CODE_FILES if (here / f).exists())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stamps(folder: Path) -> dict:
    try:
        return json.loads((folder / STAMPS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_current(path: Path, fingerprint: str) -> bool:
    """The file exists and was rendered from data and code with this fingerprint."""
    return path.exists() and _stamps(path.parent).get(path.name) == fingerprint


def mark_rendered(path: Path, fingerprint: str) -> None:
    """Remember what a freshly written file was rendered from (atomically, like the files themselves)."""
    stamps = _stamps(path.parent)
    stamps[path.name] = fingerprint
    tmp = path.parent / f".{STAMPS}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(stamps, ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")
    os.replace(tmp, path.parent / STAMPS)
