"""Helpers for tests that drive `taizhang` in subprocesses: run the CLI, snapshot a warehouse, check that a
warehouse is consistent (every file fully in or fully out)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

TAIZHANG = Path(sys.executable).with_name("taizhang")
TIMESTAMPS = {"loaded_at", "ingested_at", "rejected_at"}
SCHEMAS = ("ref", "meta", "staging", "quarantine", "marts")
LEDGERS = ("disputes", "key_projects", "petitions", "legal_visits", "grid_events", "party_activities")


def env(**extra) -> dict:
    out = {**os.environ, "PYTHONUNBUFFERED": "1"}
    out.pop("TAIZHANG_FAULT", None)
    out.pop("DAGSTER_HOME", None)  # each home has its own instance (taizhang sets it from --home)
    out.update({k: str(v) for k, v in extra.items() if v is not None})
    return out


def cmd(*args, home: Path) -> list[str]:
    return [str(TAIZHANG), *map(str, args), "--home", str(home)]


def taizhang(
    *args, home: Path, fault: str | None = None, timeout: float = 240, **extra_env
) -> subprocess.CompletedProcess:
    """Run `taizhang ARGS --home HOME` to the end (killed with its process group on timeout)."""
    proc = subprocess.Popen(
        cmd(*args, home=home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(TAIZHANG_FAULT=fault, **extra_env),
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        raise AssertionError(
            f"taizhang {' '.join(map(str, args))} hung for {timeout} s\n{out}\n{err}"
        ) from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def killed(result: subprocess.CompletedProcess) -> bool:
    return result.returncode == -signal.SIGKILL


def copy_inbox(src: Path, home: Path) -> Path:
    """The files with their modification times (discovery is oldest first)."""
    shutil.copytree(src, home / "inbox", copy_function=shutil.copy2, dirs_exist_ok=True)
    return home / "inbox"


def stamp_in_order(files: list[Path], start: float | None = None) -> None:
    """Give files strictly increasing modification times, in list order."""
    t = start or time.time() - 3600
    for i, f in enumerate(files):
        os.utime(f, (t + i, t + i))


def read_only(home: Path, wait: float = 30) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
        except duckdb.IOException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _norm(value, root: str):
    if isinstance(value, str) and root in value:
        return value.replace(root, "<home>")
    if isinstance(value, float):
        return round(value, 9)
    return value


def snapshot(home: Path, schemas=SCHEMAS) -> dict[str, list[tuple]]:
    """Every table of the given schemas: rows sorted, timestamps of loading left out, the home folder's path
    replaced by <home> (so two homes with the same files compare equal)."""
    if not (home / "warehouse.duckdb").exists():
        return {}
    con = read_only(home)
    try:
        tables = con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
            f"AND table_schema IN ({', '.join('?' for _ in schemas)}) ORDER BY 1, 2",
            list(schemas),
        ).fetchall()
        out = {}
        root = str(home)
        for schema, table in tables:
            cols = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
                    "ORDER BY ordinal_position",
                    [schema, table],
                ).fetchall()
                if r[0] not in TIMESTAMPS
            ]
            rows = con.execute(
                f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {schema}.{table}"
            ).fetchall()
            out[f"{schema}.{table}"] = sorted((tuple(_norm(v, root) for v in r) for r in rows), key=repr)
        return out
    finally:
        con.close()


def assert_consistent(home: Path, inbox_shas: set[str]) -> dict[str, str]:
    """The warehouse holds whole files only: every loaded file has exactly its staging, quarantine and sheet
    rows, and no row belongs to a file that is not recorded as loaded. Returns sha → status of meta."""
    if not (home / "warehouse.duckdb").exists():
        return {}
    con = read_only(home)
    try:
        has_meta = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'meta' "
            "AND table_name = 'source_files'"
        ).fetchone()[0]
        if not has_meta:
            return {}
        files = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT file_sha256, status, rows_loaded, rows_quarantined FROM meta.source_files"
            ).fetchall()
        }
        assert set(files) <= inbox_shas, "meta.source_files names a file that is not in the inbox"
        live = {sha for sha, (status, *_rest) in files.items() if status in ("loaded", "zero_report")}
        staged: dict[str, int] = {}
        for kind in LEDGERS:
            for sha, n in con.execute(
                f"SELECT file_sha256, count(*) FROM staging.{kind} GROUP BY 1"
            ).fetchall():
                staged[sha] = staged.get(sha, 0) + n
        quarantined = dict(
            con.execute(
                "SELECT file_sha256, count(DISTINCT (sheet, row_number)) "
                "FROM quarantine.rejected_rows GROUP BY 1"
            ).fetchall()
        )
        sheets = dict(
            con.execute(
                "SELECT file_sha256, sum(rows_loaded) FROM meta.source_sheets "
                "WHERE status IN ('loaded', 'zero_report') GROUP BY 1"
            ).fetchall()
        )
        assert set(staged) <= live, f"staging rows of files not recorded as loaded: {set(staged) - live}"
        assert set(quarantined) <= live, f"quarantine rows of files not recorded: {set(quarantined) - live}"
        orphans = con.execute(
            "SELECT count(*) FROM meta.source_sheets WHERE file_sha256 NOT IN "
            "(SELECT file_sha256 FROM meta.source_files)"
        ).fetchone()[0]
        assert orphans == 0, "meta.source_sheets rows without their file"
        for sha in live:
            _status, rows_loaded, rows_quarantined = files[sha]
            assert staged.get(sha, 0) == rows_loaded, (
                f"partial file {sha[:12]}: {staged.get(sha, 0)} of {rows_loaded}"
            )
            assert quarantined.get(sha, 0) == rows_quarantined, f"quarantine of {sha[:12]} incomplete"
            assert sheets.get(sha, 0) == rows_loaded, f"meta.source_sheets of {sha[:12]} disagree"
        return {sha: status for sha, (status, *_rest) in files.items()}
    finally:
        con.close()


def marts_rows(home: Path, as_of: dt.date) -> int:
    con = read_only(home)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'"
            ).fetchall()
        ]
        return sum(
            con.execute(f"SELECT count(*) FROM marts.{t} WHERE as_of = ?", [as_of]).fetchone()[0]
            for t in tables
        )
    finally:
        con.close()
