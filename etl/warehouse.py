"""The DuckDB warehouse: schemas, reference tables, and the per-file transaction that loads a file's rows."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from .home import Home
from .reference import REF_TABLES, read_ref
from .schema import catalog

META_DDL = [
    "CREATE SCHEMA IF NOT EXISTS ref",
    "CREATE SCHEMA IF NOT EXISTS meta",
    "CREATE SCHEMA IF NOT EXISTS staging",
    "CREATE SCHEMA IF NOT EXISTS quarantine",
    "CREATE SCHEMA IF NOT EXISTS core",
    "CREATE SCHEMA IF NOT EXISTS marts",
    """CREATE TABLE IF NOT EXISTS meta.source_files (
        file_sha256 VARCHAR PRIMARY KEY, file_name VARCHAR, path VARCHAR, size_bytes BIGINT,
        sender VARCHAR, unit_id VARCHAR, ledger VARCHAR, period VARCHAR, status VARCHAR, reason VARCHAR,
        rows_read INTEGER, rows_loaded INTEGER, rows_quarantined INTEGER, rows_dropped INTEGER,
        dropped_detail VARCHAR, superseded_by VARCHAR, ingested_at TIMESTAMP, archive_path VARCHAR,
        rows_removed INTEGER, added_to VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS meta.source_sheets (
        file_sha256 VARCHAR, sheet VARCHAR, ledger VARCHAR, sender VARCHAR, unit_id VARCHAR, period VARCHAR,
        status VARCHAR, reason VARCHAR, header_row INTEGER, rows_read INTEGER, rows_loaded INTEGER,
        rows_quarantined INTEGER, rows_dropped INTEGER, columns_unmapped VARCHAR, sender_source VARCHAR,
        period_source VARCHAR, unit_source VARCHAR, ledger_source VARCHAR, columns VARCHAR, layout VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS quarantine.rejected_rows (
        file_sha256 VARCHAR, file_name VARCHAR, sheet VARCHAR, row_number INTEGER, column_name VARCHAR,
        value VARCHAR, reason VARCHAR, fix_hint VARCHAR, ledger VARCHAR, sender VARCHAR, unit_id VARCHAR,
        period VARCHAR, rejected_at TIMESTAMP)""",
    # cells left empty in rows that were loaded (a month-only date in an optional field): said to the clerk
    """CREATE TABLE IF NOT EXISTS quarantine.cell_notes (
        file_sha256 VARCHAR, file_name VARCHAR, sheet VARCHAR, row_number INTEGER, column_name VARCHAR,
        value VARCHAR, reason VARCHAR, fix_hint VARCHAR, ledger VARCHAR, sender VARCHAR, unit_id VARCHAR,
        period VARCHAR, noted_at TIMESTAMP)""",
]
# columns added since the first release: added to an older warehouse when it is opened for writing
ADDED_COLUMNS = [
    ("meta.source_files", "archive_path", "VARCHAR"), ("meta.source_files", "rows_removed", "INTEGER"),
    ("meta.source_files", "added_to", "VARCHAR"), ("meta.source_sheets", "unit_source", "VARCHAR"),
    ("meta.source_sheets", "ledger_source", "VARCHAR"), ("meta.source_sheets", "columns", "VARCHAR"),
    ("meta.source_sheets", "layout", "VARCHAR"),
]


LOCK_WAIT_ENV = "TAIZHANG_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 30.0


def lock_wait(default: float = DEFAULT_LOCK_WAIT) -> float:
    """Seconds to wait for the warehouse's lock: TAIZHANG_LOCK_WAIT when set, else `default`."""
    try:
        return max(0.0, float(os.environ[LOCK_WAIT_ENV]))
    except (KeyError, ValueError):
        return default


def connect(home: Home, read_only: bool = False, retries: float | None = None,
            on_wait: Callable[[], None] | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the home's warehouse, schema ensured for a writer.

    DuckDB (2.0) locks the database file with an OS file lock: one process may hold it read-write (and then
    no other process may open it at all, not even read-only), or any number of processes read-only (and then
    nobody may open it read-write). A refused open fails at once with "Could not set lock on file …";
    DuckDB never waits. So both writers and readers wait here, up to `retries` seconds (default
    TAIZHANG_LOCK_WAIT or 30 s), calling `on_wait` once when they start waiting, and then fail with
    WarehouseBusy, whose message is plain Chinese."""
    home.root.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (lock_wait() if retries is None else retries)
    waited = False
    while True:
        try:
            con = duckdb.connect(str(home.warehouse), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() > deadline:
                raise WarehouseBusy(home.warehouse, held_by_reader="read-only mode" in str(exc)) from None
            if not waited and on_wait is not None:
                on_wait()
            waited = True
            time.sleep(0.25)
    if not read_only:
        ensure_schema(con)
    return con


class WarehouseBusy(RuntimeError):
    def __init__(self, path: Path, held_by_reader: bool = False):
        who = ("正被另一个程序读取（例如正在生成报表或查询指标）" if held_by_reader
               else "正被另一个程序写入（例如另一次导入或运行）")
        super().__init__(f"数据仓库 {path} {who}，请稍后再试。")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in META_DDL:
        con.execute(ddl)
    for table, column, sql_type in ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {sql_type}")
    for ledger in catalog().ledgers.values():
        con.execute(ledger.ddl())
    _core_views(con)


# the latest version of each record: a later period's file updates an earlier one (core views, marts, checks)
LATEST_VERSION = ("QUALIFY row_number() OVER (PARTITION BY record_key "
                  "ORDER BY period DESC, loaded_at DESC, file_sha256, row_number) = 1")


def _core_views(con: duckdb.DuckDBPyConnection) -> None:
    """core.<ledger>: the latest version of each record; a later period's file updates an earlier one."""
    for kind in catalog().ledgers:
        con.execute(f"""
            CREATE OR REPLACE VIEW core.{kind} AS
            SELECT s.* FROM staging.{kind} s {LATEST_VERSION}""")


def load_reference(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """(Re)load ref.* from the reference CSVs in one transaction; returns row counts."""
    import pyarrow as pa

    counts = {}
    con.execute("BEGIN")
    try:
        for name in REF_TABLES:
            rows = read_ref(name)
            csv_rows = pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in rows[0]})  # noqa: F841
            con.execute(f"CREATE OR REPLACE TABLE ref.{name} AS SELECT * FROM csv_rows")
            counts[name] = len(rows)
        con.execute("""CREATE OR REPLACE VIEW ref.unit_areas AS
            SELECT u.unit_id, u.name AS unit, u.unit_type, a.area_id, a.name AS area, a.mediation_room
            FROM ref.units u JOIN ref.areas a USING (area_id)""")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return counts


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[dict]) -> None:
    """Insert dict rows through Arrow (one columnar hand-off, not row-by-row SQL)."""
    if not rows:
        return
    import pyarrow as pa

    data = {c: [r.get(c) for r in rows] for c in columns}
    arrow = pa.table(data)  # noqa: F841 - read by DuckDB below
    names = ", ".join(columns)
    con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM arrow")


def insert_values(con: duckdb.DuckDBPyConnection, table: str, rows: list[list]) -> None:
    """Insert a few rows given in the table's column order, in one parameterised statement."""
    if not rows:
        return
    one = "(" + ",".join("?" * len(rows[0])) + ")"
    con.execute(f"INSERT INTO {table} VALUES " + ",".join([one] * len(rows)), [v for row in rows for v in row])


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
