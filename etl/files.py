"""Files on disk: written whole or not at all (a temporary file beside the target, renamed into place), and
known by their bytes (sha256)."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from glob import escape as glob_escape
from pathlib import Path


class atomic:  # noqa: N801 - used like open(): `with atomic(path) as tmp:`
    """Write to the temporary path it gives, then it is renamed onto `path` (dropped if the block fails)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _sweep_leftovers(self.path)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
        self.tmp.open("xb").close()  # ordinary permissions (umask), unlike mkstemp's 0600
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def _sweep_leftovers(path: Path) -> None:
    """Remove the temporaries of earlier writers of `path` that were killed mid-write (their process is gone);
    a writer still alive keeps its own."""
    for tmp in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2:].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def write_text(path: Path, text: str) -> None:
    with atomic(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_json(path: Path, data) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))


def read_json(path: Path) -> dict:
    """The JSON object in the file; {} when it is missing or unreadable (a bookkeeping file is only a hint)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def sha256_of_file(path: Path) -> str:
    """The file's sha256, read in chunks (it may be large, or a bomb that must not be loaded whole)."""
    with Path(path).open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
