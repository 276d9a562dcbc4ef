"""Finding the files to read under the paths a user names, in the order they are to be loaded."""

from __future__ import annotations

import hashlib
from pathlib import Path


def discover(paths: list[Path]) -> list[Path]:
    """Files under the given files/folders, oldest first (so a corrected resubmission comes after the original)."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(x for x in p.rglob("*") if x.is_file() and not x.name.startswith((".", "~$")))
        elif p.exists():
            found.append(p)
    return sorted(set(found), key=lambda x: (x.stat().st_mtime, str(x)))


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
