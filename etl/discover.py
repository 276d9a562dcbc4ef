"""Finding the files to read under the paths a user names, in the order they are to be loaded; saying which
entries are not read and why (hidden and temporary files, links out of the inbox, FIFOs and devices)."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

TEMPORARY_PREFIX = "~$"  # what Excel and WPS leave beside a workbook while it is open

HIDDEN = "文件名以“.”开头（隐藏文件或异常的文件名），未读取；如果这是台账，请去掉开头的“.”后重新放入"
TEMPORARY = "Excel/WPS 打开文件时生成的临时文件，未读取"
LINK_OUT = "这是指向收件箱以外的链接，出于安全考虑未读取；请把文件本身放进收件箱"
LINK_TO_FOLDER = "这是指向文件夹的链接，未读取；请把文件本身放进收件箱"
NOT_A_FILE = "这不是普通文件（是管道、设备或其他特殊文件），未读取；请把台账文件本身放进收件箱"
MISSING = "找不到这个文件，请确认路径"
BROKEN_LINK = "链接指向的文件不存在，未读取"


@dataclass
class Found:
    """What `find` found: the files to read, oldest first; the entries it did not read, each with a reason
    (skipped: in a folder; refused: a path given by name that cannot be read)."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)


def discover(paths: list[Path]) -> list[Path]:
    """Files under the given files/folders, oldest first (so a corrected resubmission comes after the original)."""
    return find(paths).files


def find(paths: list[Path]) -> Found:
    """Regular files under the given files and folders, oldest first. A path given by name is read if it is a
    regular file (through a link too: the user named it) and refused otherwise. In a folder nothing leaves the
    folder: links are followed only to regular files inside it; hidden and temporary names, FIFOs, devices and
    sockets are skipped with a reason. Nothing here opens a file, so nothing here can block."""
    found = Found()
    files: set[Path] = set()
    for p in map(Path, paths):
        try:
            st = p.stat()
        except FileNotFoundError:
            found.refused.append((p, BROKEN_LINK if p.is_symlink() else MISSING))
            continue
        except OSError as err:
            found.refused.append((p, f"打不开（{err.strerror or err}）"))
            continue
        if stat.S_ISDIR(st.st_mode):
            _walk(p, found, files)
        elif stat.S_ISREG(st.st_mode):
            files.add(p)
        else:
            found.refused.append((p, NOT_A_FILE))
    found.files = sorted(files, key=_age)
    found.skipped.sort(key=lambda s: str(s[0]))
    return found


def _walk(root: Path, found: Found, files: set[Path]) -> None:
    inside = root.resolve()
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            entry = here / name
            if name.startswith("."):
                found.skipped.append((entry, HIDDEN))
            elif entry.is_symlink():  # os.walk does not descend into it; say so
                found.skipped.append((entry, LINK_TO_FOLDER if _within(entry, inside) else LINK_OUT))
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (here / d).is_symlink()]
        for name in names:
            entry = here / name
            reason = _why_not(entry, name, inside)
            if reason:
                found.skipped.append((entry, reason))
            else:
                files.add(entry)


def _why_not(entry: Path, name: str, inside: Path) -> str | None:
    if name.startswith("."):
        return HIDDEN
    if name.startswith(TEMPORARY_PREFIX):
        return TEMPORARY
    if entry.is_symlink():
        if not _within(entry, inside):
            return LINK_OUT
    try:
        mode = entry.stat().st_mode
    except OSError:
        return BROKEN_LINK
    if stat.S_ISDIR(mode):
        return LINK_TO_FOLDER
    return None if stat.S_ISREG(mode) else NOT_A_FILE


def _within(link: Path, inside: Path) -> bool:
    try:
        return link.resolve().is_relative_to(inside)
    except (OSError, RuntimeError):  # a loop of links
        return False


def _age(p: Path) -> tuple[float, str]:
    try:
        return p.stat().st_mtime, str(p)
    except OSError:
        return 0.0, str(p)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
