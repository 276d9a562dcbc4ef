"""`taizhang rebuild`: re-read every file the warehouse ever read — from the home's raw archive — with the
current reader, ledger definitions and mappings into a fresh warehouse, then swap it in.

The archive (written by the ingest) keeps each file read as <home>/archive/<sha256><suffix>, its original
name in meta.source_files.file_name. The rebuild copies each archived file under that name into a numbered
folder of its own and ingests them in the order they were first ingested (meta.source_files.ingested_at),
so the fresh warehouse sees what the live one saw, in the same order. Then it rebuilds the marts of every
as-of date the live warehouse held, keeps the live warehouse as warehouse.before-rebuild.duckdb, and renames
the fresh one into place. While it works it holds the live warehouse open read-only: readers go on, writers
(an ingest, a run) wait for it, so nothing written meanwhile can be lost in the swap.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .files import sha256_of_file
from .home import Home, HomeError
from .ingest import ingest_paths
from .marts import build_marts
from .warehouse import connect, load_reference

BACKUP_NAME = "warehouse.before-rebuild.duckdb"


class RebuildError(HomeError):
    """The rebuild cannot start or finish (plain Chinese message); the live warehouse is left as it was."""


@dataclass
class RebuildResult:
    files: int = 0
    loaded: int = 0
    rejected: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    as_of_dates: list[dt.date] = field(default_factory=list)
    seconds: float = 0.0
    backup: Path | None = None


@dataclass(frozen=True)
class _Source:
    sha256: str
    file_name: str
    path: str | None


def archived_copy(home: Home, sha256: str, file_name: str, path: str | None = None) -> Path | None:
    """Where the bytes of a file the warehouse read are kept: the archive (<sha256><suffix>), else the path it
    was read from if it still holds those bytes (a home filled before the archive existed)."""
    exact = home.archive / f"{sha256}{Path(file_name).suffix.lower()}"
    if exact.is_file():
        return exact
    for candidate in sorted(home.archive.glob(f"{sha256}*")) if home.archive.is_dir() else []:
        if candidate.is_file():
            return candidate
    if path and Path(path).is_file() and sha256_of_file(Path(path)) == sha256:
        return Path(path)
    return None


def _sources(con: duckdb.DuckDBPyConnection) -> list[_Source]:
    try:
        rows = con.execute("""SELECT file_sha256, file_name, path FROM meta.source_files
                              ORDER BY ingested_at, file_sha256""").fetchall()
    except duckdb.Error:
        raise RebuildError("这个数据仓库里没有文件登记（meta.source_files），无法据此重建。") from None
    return [_Source(*row) for row in rows]


def _as_of_dates(con: duckdb.DuckDBPyConnection) -> list[dt.date]:
    try:
        return [
            r[0]
            for r in con.execute("SELECT DISTINCT as_of FROM marts.headline_indicators ORDER BY 1").fetchall()
        ]
    except duckdb.Error:
        return []


def rebuild(home: Home, progress=None) -> RebuildResult:
    """Rebuild the home's warehouse from the raw archive and swap it in; returns what was done."""
    say = progress or (lambda _text: None)
    started = time.perf_counter()
    if not home.warehouse.exists():
        raise RebuildError(f"{home.warehouse} 不存在：没有可重建的数据仓库。")
    # a clean live file first (its write-ahead log folded in), then held read-only until the swap
    con = connect(home, check=False, migrate=False)
    con.execute("CHECKPOINT")
    con.close()
    live = connect(home, read_only=True, check=False)
    work = home.root / f".rebuild-{os.getpid()}"
    try:
        sources, dates = _sources(live), _as_of_dates(live)
        found = {s.sha256: archived_copy(home, s.sha256, s.file_name, s.path) for s in sources}
        missing = [s.file_name for s in sources if found[s.sha256] is None]
        if missing:
            raise RebuildError(
                f"原始文件存档中缺少 {len(missing)} 个文件（如 {'、'.join(missing[:3])}），无法完整重建；"
                f"数据仓库未改动。请把这些文件放回 {home.archive} 或收件箱后再试。"
            )
        shutil.rmtree(work, ignore_errors=True)
        copies = _lay_out(sources, found, work / "files")
        say(f"重新读取 {len(copies)} 个文件……")
        fresh_home = Home(work / "fresh")
        fresh = connect(fresh_home, retries=0.0)
        try:
            load_reference(fresh)
            # the live home's key (tokens stay the same) and archive; the fresh warehouse's connection
            outcomes = ingest_paths(copies, home, fresh)
            fresh.execute("BEGIN")
            for s in sources:  # where each file was read from, not the temporary copy
                fresh.execute(
                    "UPDATE meta.source_files SET path = ? WHERE file_sha256 = ?", [s.path, s.sha256]
                )
            fresh.execute("COMMIT")
            for day in dates:
                say(f"重建截至 {day.isoformat()} 的指标……")
                build_marts(fresh, day)
            fresh.execute("CHECKPOINT")
        finally:
            fresh.close()
        backup = _swap(home, fresh_home.warehouse, live)
        live = None
    finally:
        if live is not None:
            live.close()
        shutil.rmtree(work, ignore_errors=True)
    result = RebuildResult(
        files=len(outcomes), as_of_dates=dates, backup=backup, seconds=round(time.perf_counter() - started, 2)
    )
    for o in outcomes:
        result.loaded += o.status in ("loaded", "zero_report", "unchanged")
        result.rejected += o.status == "rejected"
        result.rows_loaded += o.rows_loaded
        result.rows_quarantined += o.rows_quarantined
    return result


def _lay_out(sources: list[_Source], found: dict[str, Path | None], folder: Path) -> list[Path]:
    """Each archived file under its original name in a numbered folder of its own, with modification times in
    the original ingest order (the ingest reads a folder's files oldest first)."""
    base = time.time() - len(sources) - 60
    copies = []
    for i, s in enumerate(sources):
        target = folder / f"{i:06d}" / Path(s.file_name).name
        target.parent.mkdir(parents=True)
        shutil.copyfile(found[s.sha256], target)
        os.utime(target, (base + i, base + i))
        copies.append(target)
    return copies


def _swap(home: Home, fresh: Path, live: duckdb.DuckDBPyConnection) -> Path:
    """Keep the live warehouse as the backup and rename the fresh one into its place. On POSIX the rename
    happens while `live` (read-only) still keeps writers out: a writer waiting for the lock opens the new
    file. Windows cannot rename over an open file: there `live` is closed first."""
    target, backup = home.warehouse, home.root / BACKUP_NAME
    if Path(f"{target}.wal").exists() or Path(f"{fresh}.wal").exists():
        live.close()
        raise RebuildError(
            "数据仓库在重建过程中仍有未写入的日志（.wal），为安全起见未替换；请再运行一次 taizhang rebuild。"
        )
    backup.unlink(missing_ok=True)
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)
    try:
        os.replace(fresh, target)
        live.close()
    except PermissionError:  # Windows: the open file cannot be replaced
        live.close()
        os.replace(fresh, target)
    return backup
