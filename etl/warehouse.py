"""The DuckDB warehouse: schemas, reference tables, and the per-file transaction that loads a file's rows."""

from __future__ import annotations

import json
import time
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
        dropped_detail VARCHAR, superseded_by VARCHAR, ingested_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS meta.source_sheets (
        file_sha256 VARCHAR, sheet VARCHAR, ledger VARCHAR, sender VARCHAR, unit_id VARCHAR, period VARCHAR,
        status VARCHAR, reason VARCHAR, header_row INTEGER, rows_read INTEGER, rows_loaded INTEGER,
        rows_quarantined INTEGER, rows_dropped INTEGER, columns_unmapped VARCHAR, sender_source VARCHAR,
        period_source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS quarantine.rejected_rows (
        file_sha256 VARCHAR, file_name VARCHAR, sheet VARCHAR, row_number INTEGER, column_name VARCHAR,
        value VARCHAR, reason VARCHAR, fix_hint VARCHAR, ledger VARCHAR, sender VARCHAR, unit_id VARCHAR,
        period VARCHAR, rejected_at TIMESTAMP)""",
]


def connect(home: Home, read_only: bool = False, retries: float = 30.0) -> duckdb.DuckDBPyConnection:
    """A connection to the home's warehouse, schema ensured. A writer waits up to `retries` seconds for
    another writer process to finish (DuckDB allows one) and then fails with a plain message."""
    home.root.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + retries
    while True:
        try:
            con = duckdb.connect(str(home.warehouse), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise WarehouseBusy(home.warehouse) from None
            time.sleep(0.5)
    if not read_only:
        ensure_schema(con)
    return con


class WarehouseBusy(RuntimeError):
    def __init__(self, path: Path):
        super().__init__(f"数据仓库 {path} 正被另一个程序写入（例如另一次导入或运行），请稍后再试。")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in META_DDL:
        con.execute(ddl)
    for ledger in catalog().ledgers.values():
        con.execute(ledger.ddl())
    _core_views(con)


def _core_views(con: duckdb.DuckDBPyConnection) -> None:
    """core.<ledger>: the latest version of each record; a later period's file updates an earlier one."""
    for kind in catalog().ledgers:
        con.execute(f"""
            CREATE OR REPLACE VIEW core.{kind} AS
            SELECT s.* FROM staging.{kind} s
            QUALIFY row_number() OVER (PARTITION BY record_key
                                       ORDER BY period DESC, loaded_at DESC, file_sha256, row_number) = 1""")


def load_reference(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """(Re)load ref.* from the reference CSVs in one transaction; returns row counts."""
    import pandas as pd

    counts = {}
    con.execute("BEGIN")
    try:
        for name in REF_TABLES:
            frame = pd.DataFrame(read_ref(name)).astype("string")  # noqa: F841 - read by DuckDB below
            con.execute(f"CREATE OR REPLACE TABLE ref.{name} AS SELECT * FROM frame")
            counts[name] = len(frame)
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


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
