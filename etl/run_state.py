"""What a pipeline run depended on, so that unchanged work is not done again.

Two records in <home>/state/, both JSON written atomically, both only ever a reason to skip work (a missing,
stale or unreadable record means: do the work):

- last_run.json — written by `taizhang run` after a successful run (exit 0): the as-of date asked for, the
  day, the inbox contents (sha256 set), the reference CSVs, the code, the warehouse's contents, the marts
  of the as-of date and the published files with their hashes. The next `taizhang run` compares these
  before it imports Dagster; when nothing differs it says so and stops.
- stamps.json — written by the Dagster steps: from which inputs the marts of an as-of date were built, and
  with which code the reference tables were loaded, so a rerun of the job skips rebuilding them.

No Dagster import here: `taizhang run` decides with this module alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb

from .files import read_json, sha256_of_file, write_json
from .home import Home

STATE_DIR = "state"
LAST_RUN = "last_run.json"
STAMPS = "stamps.json"
SOURCE_ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("etl", "checks", "reports", "assets")  # the code that determines the warehouse and the pack
SOURCE_SUFFIXES = (".py", ".yaml", ".csv")
REF_DIR = Path(__file__).resolve().parent / "ref"
INPUT_SCHEMAS = ("ref", "meta", "staging", "quarantine")
# rewritten by every retry of a rejected file although nothing else about it changes
VOLATILE_COLUMNS = {("meta", "source_files"): ("ingested_at",)}
OUTPUT_FOLDERS = ("feedback", "data_docs")  # beside the pack of the as-of date, under reports/


def today() -> dt.date:
    """The run day (a function, so that tests can move it)."""
    return dt.date.today()


# --- fingerprints -----------------------------------------------------------------------------------------

def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def source_digest(root: Path, packages: tuple[str, ...] = PACKAGES) -> str:
    """Every source, definition and reference file of the packages under root, by path and content."""
    parts = []
    for package in packages:
        for path in sorted((root / package).rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                parts.append(f"{path.relative_to(root).as_posix()}:{sha256_of_file(path)}")
    return _sha("\n".join(parts))


def _installed_versions() -> list[str]:
    """Name and version of every installed distribution (the libraries draw the charts, run the SQL, …)."""
    found = []
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            found += [n for n in os.listdir(entry) if n.endswith(".dist-info")]
    return sorted(found)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The package sources, the installed libraries and Python itself, computed once per process."""
    return _sha("\n".join([source_digest(SOURCE_ROOT), sys.version, *_installed_versions()]))


def reference_digest(folder: Path | None = None) -> str:
    """The town's reference CSVs (etl/ref), by name and content."""
    folder = folder or REF_DIR
    return _sha("\n".join(f"{p.name}:{sha256_of_file(p)}" for p in sorted(folder.glob("*.csv"))))


def inbox_contents(inbox: Path) -> list[str]:
    """The sha256 of every file the ingest would read from the inbox (sorted, each once): the ingest knows a
    file by its bytes, so a renamed or copied file is no change."""
    from .discover import discover

    return sorted({sha256_of_file(p) for p in discover([inbox])}) if inbox.exists() else []


def _tables(con: duckdb.DuckDBPyConnection, schemas: tuple[str, ...]) -> list[tuple[str, str, list[str]]]:
    marks = ", ".join("?" for _ in schemas)
    return con.execute(f"""
        SELECT c.schema_name, c.table_name, list(c.column_name ORDER BY c.column_index)
        FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
        WHERE c.database_name = current_database() AND c.schema_name IN ({marks})
        GROUP BY ALL ORDER BY 1, 2""", list(schemas)).fetchall()


def _table_digest(con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: list[str],
                  where: str = "", params: list | None = None) -> str:
    # sum, not bit_xor, of the row hashes: two equal rows must not cancel out
    cols = ", ".join(f'"{c}"' for c in columns)
    row = con.execute(f"SELECT count(*), sum(hash(t)::HUGEINT) FROM (SELECT {cols} FROM {schema}.{table} {where}) t",
                      params or []).fetchone()
    return f"{schema}.{table}:{row[0]}:{row[1]}"


def warehouse_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """Everything the marts, checks and feedback are computed from: reference, meta, staging and quarantine
    tables, every column of every row (what a retried rejected file rewrites without change left out)."""
    parts = []
    for schema, table, columns in _tables(con, INPUT_SCHEMAS):
        volatile = VOLATILE_COLUMNS.get((schema, table), ())
        parts.append(_table_digest(con, schema, table, [c for c in columns if c not in volatile]))
    return _sha("\n".join(parts))


def marts_fingerprint(con: duckdb.DuckDBPyConnection, as_of: dt.date | str) -> str:
    """The rows of every mart for one as-of date."""
    parts = [str(as_of)]
    for schema, table, columns in _tables(con, ("marts",)):
        parts.append(_table_digest(con, schema, table, columns, "WHERE as_of = ?", [str(as_of)]))
    return _sha("\n".join(parts))


def published_files(home: Home, as_of: str) -> dict[str, str]:
    """Path under reports/ → sha256 of every file a run publishes for as_of: the pack of that date, the
    feedback workbooks and the data docs (dot files are bookkeeping or unfinished writes: left out)."""
    out = {}
    for folder in (as_of, *OUTPUT_FOLDERS):
        root = home.reports / folder
        for path in sorted(root.rglob("*")) if root.exists() else []:
            relative = path.relative_to(home.reports)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                out[relative.as_posix()] = sha256_of_file(path)
    return out


# --- the record of the last successful run ------------------------------------------------------------------

@dataclass
class Inputs:
    """What a run starts from, known before it starts."""

    as_of_requested: str | None
    day: str
    inbox: list[str]
    reference: str
    code: str
    limits: str  # the TAIZHANG_MAX_* limits a file is refused by: raised limits let a refused file in

    @classmethod
    def now(cls, home: Home, as_of: dt.date | None) -> Inputs:
        from .safety import Limits

        return cls(as_of_requested=as_of.isoformat() if as_of else None, day=today().isoformat(),
                   inbox=inbox_contents(home.inbox), reference=reference_digest(), code=code_digest(),
                   limits=json.dumps(asdict(Limits()), sort_keys=True))


@dataclass
class LastRun(Inputs):
    run_id: str = ""
    finished_at: str = ""
    as_of: str = ""  # the as-of date the run resolved (the requested one, or the latest in the data)
    warehouse: str = ""
    marts: str = ""
    published: dict[str, str] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)  # the run's check summary, shown again when skipping


def _state_file(home: Home, name: str) -> Path:
    return home.root / STATE_DIR / name


def last_run(home: Home) -> LastRun | None:
    data = read_json(_state_file(home, LAST_RUN))
    try:
        return LastRun(**data) if data else None
    except TypeError:  # written by another version: not trusted
        return None


def forget_last_run(home: Home) -> None:
    _state_file(home, LAST_RUN).unlink(missing_ok=True)


def record_run(home: Home, inputs: Inputs, con: duckdb.DuckDBPyConnection, run_id: str, as_of: str,
               checks: list[str]) -> bool:
    """Remember a successful run. Not when its marts are not those of the warehouse as it is now (another
    process wrote in between): then the next run must run. Returns whether it was recorded."""
    if not marts_current(con, home, as_of):
        forget_last_run(home)
        return False
    record = LastRun(**asdict(inputs), run_id=run_id, finished_at=dt.datetime.now().isoformat(timespec="seconds"),
                     as_of=as_of, warehouse=warehouse_fingerprint(con), marts=marts_fingerprint(con, as_of),
                     published=published_files(home, as_of), checks=checks)
    write_json(_state_file(home, LAST_RUN), asdict(record))
    return True


def what_changed(home: Home, inputs: Inputs, con: duckdb.DuckDBPyConnection | None) -> list[str]:
    """Why a run would not give the same warehouse and files as the last successful one (empty: it would).
    A file removed from the inbox is no change: the warehouse keeps what was loaded from it."""
    last = last_run(home)
    if last is None:
        return ["没有上次成功运行的记录 / no successful run recorded"]
    if con is None:
        return ["数据仓库不存在 / no warehouse"]
    reasons = []
    if inputs.as_of_requested != last.as_of_requested:
        reasons.append(f"截至日期不同（上次 {last.as_of_requested or '数据中的最新日期'}）/ another as-of date")
    if inputs.day != last.day:
        reasons.append(f"新的一天（检查以今天为界，上次 {last.day}）/ another day")
    new = set(inputs.inbox) - set(last.inbox)
    if new:
        reasons.append(f"收件箱有 {len(new)} 个新的或改动过的文件 / {len(new)} new or changed inbox files")
    if inputs.reference != last.reference:
        reasons.append("基础数据（etl/ref）已修改 / reference CSVs changed")
    if inputs.code != last.code:
        reasons.append("程序或依赖库已更新 / code or libraries changed")
    if inputs.limits != last.limits:
        reasons.append("文件大小等限制已调整 / the file limits changed")
    if _reader_died(con):
        reasons.append("有文件读取时读取程序意外退出，再试一次 / files whose reader died are read again")
    if warehouse_fingerprint(con) != last.warehouse:
        reasons.append("数据仓库内容已变化（例如另行导入）/ the warehouse changed")
    if marts_fingerprint(con, last.as_of) != last.marts:
        reasons.append(f"截至 {last.as_of} 的指标表已变化 / the marts changed")
    now = published_files(home, last.as_of)
    gone = sorted(name for name, sha in last.published.items() if now.get(name) != sha)
    if gone:
        reasons.append(f"报表文件缺失或被改动：{'、'.join(gone[:3])}{' …' if len(gone) > 3 else ''}"
                       f" / {len(gone)} published files missing or changed")
    return reasons


def _reader_died(con: duckdb.DuckDBPyConnection) -> bool:
    """A file whose reader process died may have met a passing trouble (memory): a run reads it again."""
    from .reading import READER_DIED

    return con.execute("SELECT count(*) FROM meta.source_files WHERE status = 'rejected' AND reason = ?",
                       [READER_DIED]).fetchone()[0] > 0


# --- stamps of the pipeline's steps -------------------------------------------------------------------------

def _stamps(home: Home) -> dict:
    return read_json(_state_file(home, STAMPS))


def _stamp(home: Home, key: str, value) -> None:
    # callers hold the warehouse's writer lock: no two processes write the stamps at once
    stamps = _stamps(home)
    stamps[key] = value
    write_json(_state_file(home, STAMPS), stamps)


def _marts_inputs(con: duckdb.DuckDBPyConnection, as_of: dt.date | str) -> str:
    return _sha(f"{as_of}\n{warehouse_fingerprint(con)}\n{code_digest()}")


def marts_current(con: duckdb.DuckDBPyConnection, home: Home, as_of: dt.date | str) -> bool:
    """The marts of as_of were built from the warehouse as it is now, by this code, and are untouched since."""
    stamp = _stamps(home).get(f"marts/{as_of}") or {}
    return stamp.get("inputs") == _marts_inputs(con, as_of) and stamp.get("marts") == marts_fingerprint(con, as_of)


def mark_marts_built(con: duckdb.DuckDBPyConnection, home: Home, as_of: dt.date | str) -> None:
    """After the marts' transaction committed (a crash before this only costs a rebuild)."""
    _stamp(home, f"marts/{as_of}", {"inputs": _marts_inputs(con, as_of), "marts": marts_fingerprint(con, as_of)})


def reference_current(con: duckdb.DuckDBPyConnection, home: Home) -> bool:
    """The ref tables hold exactly the reference CSVs, loaded by this code: reloading would change nothing."""
    from .reference import REF_TABLES, read_ref

    if _stamps(home).get("reference") != code_digest():
        return False
    loaded = {(s, t) for s, t, _c in _tables(con, ("ref",))}
    if any(("ref", name) not in loaded for name in REF_TABLES):
        return False
    for name in REF_TABLES:
        rows = read_ref(name)
        cur = con.execute(f"SELECT * FROM ref.{name}")
        columns = [d[0] for d in cur.description]
        if not rows or list(rows[0]) != columns:
            return False
        if sorted(cur.fetchall(), key=repr) != sorted((tuple(r.get(c) for c in columns) for r in rows), key=repr):
            return False
    return True


def mark_reference_loaded(home: Home) -> None:
    _stamp(home, "reference", code_digest())
