"""Whether a rendered file of the report pack is still current: the marts it was drawn from and the code
that drew it are unchanged. A no-change rerun then skips rendering instead of drawing the same PNGs again,
reuses the thumbnails shown in Dagster, and leaves a folder written as a whole (the feedback) as it is."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from taizhang.etl.files import read_json, sha256_of_file, write_json

STAMPS = ".rendered.json"  # in the pack folder: output name → fingerprint it was rendered from
PREVIEWS = ".previews.json"  # beside it: output name → {fingerprint, preview} (thumbnails for Dagster)
WHOLE_FOLDER = ".folder"  # the stamp of a folder written as a whole: {fingerprint, files}
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
    return read_json(folder / STAMPS)


def _unchanged(path: Path, sha256: str | None) -> bool:
    """The file is there with the bytes it was written with (an edited report is redrawn, not kept)."""
    return path.exists() and sha256 is not None and sha256_of_file(path) == sha256


def is_current(path: Path, fingerprint: str) -> bool:
    """The file exists as it was written, rendered from data and code with this fingerprint."""
    stamp = _stamps(path.parent).get(path.name)
    return isinstance(stamp, dict) and stamp.get("fingerprint") == fingerprint and _unchanged(path, stamp.get("sha256"))


def mark_rendered(path: Path, fingerprint: str) -> None:
    """Remember what a freshly written file was rendered from, and its bytes (atomically, like the files)."""
    stamps = _stamps(path.parent)
    stamps[path.name] = {"fingerprint": fingerprint, "sha256": sha256_of_file(path)}
    write_json(path.parent / STAMPS, stamps)


def preview(path: Path, make: Callable[[Path], str]) -> str:
    """The preview of a rendered file, made by `make` only when the file was rendered since it was last made
    (making the thumbnails imports the plotting code and costs a second on a rerun that draws nothing)."""
    stamp = _stamps(path.parent).get(path.name)
    fingerprint = stamp.get("sha256") if isinstance(stamp, dict) else None
    cache = read_json(path.parent / PREVIEWS)
    hit = cache.get(path.name) or {}
    if fingerprint and hit.get("fingerprint") == fingerprint:
        return hit["preview"]
    made = make(path)
    cache[path.name] = {"fingerprint": fingerprint, "preview": made}
    write_json(path.parent / PREVIEWS, cache)
    return made


def folder_is_current(folder: Path, fingerprint: str) -> list[Path] | None:
    """The files of a folder written as a whole from this fingerprint, if they are all still there unedited."""
    stamp = _stamps(folder).get(WHOLE_FOLDER) or {}
    files = stamp.get("files")
    if stamp.get("fingerprint") != fingerprint or not isinstance(files, dict):
        return None
    paths = [folder / name for name in sorted(files)]
    return paths if all(_unchanged(p, files[p.name]) for p in paths) else None


def mark_folder_written(folder: Path, fingerprint: str, files: list[Path]) -> None:
    stamps = _stamps(folder)
    stamps[WHOLE_FOLDER] = {"fingerprint": fingerprint, "files": {f.name: sha256_of_file(f) for f in sorted(files)}}
    write_json(folder / STAMPS, stamps)
