"""Files on disk: written whole or not at all (a temporary file beside the target, renamed into place), read
only when they are regular files that cannot block (a FIFO, a device, /proc/kmsg behind a link), and known by
their bytes (sha256)."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import stat
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
        pid = tmp.name[len(path.name) + 2 :].split(".")[0]
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


class NotRegularFile(OSError):
    """The path is not a regular file (a FIFO, a device, a folder, a socket) or reading it would block."""


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX; on Windows there are no FIFOs or devices to open by name
_BINARY = getattr(os, "O_BINARY", 0)
CHUNK = 1 << 20


def open_regular(path: Path):
    """The file opened for reading, only if it is a regular file: opened without blocking (a FIFO with no
    writer would hang an ordinary open) and checked on the opened descriptor, so a link swapped meanwhile
    cannot slip a device in. Reads that would block (/proc/kmsg) raise NotRegularFile too."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"not a regular file: {path}")
        return _NoBlockingReader(os.fdopen(fd, "rb", buffering=0))
    except BaseException:
        os.close(fd)
        raise


class _NoBlockingReader:
    """A raw file whose reads raise NotRegularFile instead of returning None when they would block."""

    def __init__(self, raw):
        self.raw = raw

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            out = bytearray()
            while chunk := self.read(CHUNK):
                out += chunk
            return bytes(out)
        data = self.raw.read(size)
        if data is None:
            raise NotRegularFile(f"reading would block: {self.raw.name}")
        return data

    def __getattr__(self, name):
        return getattr(self.raw, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.raw.close()


def read_regular(path: Path) -> bytes:
    """All the bytes of a regular file (see open_regular)."""
    with open_regular(path) as handle:
        return handle.read()


def sha256_of_file(path: Path) -> str:
    """The file's sha256, read in chunks (it may be large, or a bomb that must not be loaded whole); only
    a regular file is read (NotRegularFile otherwise)."""
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_if_regular(path: Path) -> str:
    """sha256_of_file, or '' when the path is not a regular file or cannot be read."""
    try:
        return sha256_of_file(path)
    except OSError:
        return ""
