"""The DuckDB warehouse: opening it (waiting for a writer, refusing what is not a usable warehouse), its schema
and the migrations that bring an older warehouse up to it, the reference tables, and inserting rows."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from .home import Home, HomeError
from .marts import upgrade_marts
from .reference import REF_TABLES, read_ref
from .schema import LATEST_VERSION, catalog

__all__ = [
    "LATEST_VERSION",
    "SCHEMA_VERSION",
    "WarehouseBusy",
    "WarehouseUnusable",
    "connect",
    "load_reference",
]

# 1: the first release (no version recorded in the warehouse). 2: meta.warehouse_info and meta.mart_definitions,
# marts rebuilt when their definition changes, rates as DECIMAL. A staging change (a field added to
# ledgers.yaml, a column added to a meta or quarantine table) needs no new number: columns are migrated by name.
SCHEMA_VERSION = 2
OLDEST_UPGRADABLE = 1

SCHEMAS = ("ref", "meta", "staging", "quarantine", "core", "marts")
# the tables of meta and quarantine: (column, type); staging's come from etl/ledgers.yaml (etl.schema)
TABLES: dict[str, list[tuple[str, str]]] = {
    "meta.source_files": [
        ("file_sha256", "VARCHAR PRIMARY KEY"),
        ("file_name", "VARCHAR"),
        ("path", "VARCHAR"),
        ("size_bytes", "BIGINT"),
        ("sender", "VARCHAR"),
        ("unit_id", "VARCHAR"),
        ("ledger", "VARCHAR"),
        ("period", "VARCHAR"),
        ("status", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("rows_read", "INTEGER"),
        ("rows_loaded", "INTEGER"),
        ("rows_quarantined", "INTEGER"),
        ("rows_dropped", "INTEGER"),
        ("dropped_detail", "VARCHAR"),
        ("superseded_by", "VARCHAR"),
        ("ingested_at", "TIMESTAMP"),
        ("archive_path", "VARCHAR"),
        ("rows_removed", "INTEGER"),
        ("added_to", "VARCHAR"),
    ],
    "meta.source_sheets": [
        ("file_sha256", "VARCHAR"),
        ("sheet", "VARCHAR"),
        ("ledger", "VARCHAR"),
        ("sender", "VARCHAR"),
        ("unit_id", "VARCHAR"),
        ("period", "VARCHAR"),
        ("status", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("header_row", "INTEGER"),
        ("rows_read", "INTEGER"),
        ("rows_loaded", "INTEGER"),
        ("rows_quarantined", "INTEGER"),
        ("rows_dropped", "INTEGER"),
        ("columns_unmapped", "VARCHAR"),
        ("sender_source", "VARCHAR"),
        ("period_source", "VARCHAR"),
        ("unit_source", "VARCHAR"),
        ("ledger_source", "VARCHAR"),
        ("columns", "VARCHAR"),
        ("layout", "VARCHAR"),
    ],
    "quarantine.rejected_rows": [
        ("file_sha256", "VARCHAR"),
        ("file_name", "VARCHAR"),
        ("sheet", "VARCHAR"),
        ("row_number", "INTEGER"),
        ("column_name", "VARCHAR"),
        ("value", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("fix_hint", "VARCHAR"),
        ("ledger", "VARCHAR"),
        ("sender", "VARCHAR"),
        ("unit_id", "VARCHAR"),
        ("period", "VARCHAR"),
        ("rejected_at", "TIMESTAMP"),
    ],
    # cells left empty in rows that were loaded (a month-only date in an optional field): said to the clerk
    "quarantine.cell_notes": [
        ("file_sha256", "VARCHAR"),
        ("file_name", "VARCHAR"),
        ("sheet", "VARCHAR"),
        ("row_number", "INTEGER"),
        ("column_name", "VARCHAR"),
        ("value", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("fix_hint", "VARCHAR"),
        ("ledger", "VARCHAR"),
        ("sender", "VARCHAR"),
        ("unit_id", "VARCHAR"),
        ("period", "VARCHAR"),
        ("noted_at", "TIMESTAMP"),
    ],
    "meta.warehouse_info": [("key", "VARCHAR PRIMARY KEY"), ("value", "VARCHAR")],
    "meta.mart_definitions": [("mart", "VARCHAR PRIMARY KEY"), ("definition", "VARCHAR")],
    # every (mart, as-of date) a run built, with its rows: a mart left empty by a run (nothing overdue) is an
    # empty snapshot, not a missing one
    "meta.mart_builds": [("mart", "VARCHAR"), ("as_of", "DATE"), ("rows", "BIGINT")],
}

LOCK_WAIT_ENV = "TAIZHANG_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 30.0
# no extension is downloaded or loaded behind our back (a foreign file must not make DuckDB go online)
CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class WarehouseUnusable(HomeError):
    """The warehouse file cannot be used: damaged, not a warehouse, not writable, or of another version."""


class WarehouseBusy(HomeError):
    exit_code = 4

    def __init__(self, path: Path, held_by_reader: bool = False):
        who = (
            "正被另一个程序读取（例如正在生成报表或查询指标）"
            if held_by_reader
            else "正被另一个程序写入（例如另一次导入或运行）"
        )
        super().__init__(f"数据仓库 {path} {who}，请稍后再试。")


def lock_wait(default: float = DEFAULT_LOCK_WAIT) -> float:
    """Seconds to wait for the warehouse's lock: TAIZHANG_LOCK_WAIT when set, else `default`."""
    try:
        return max(0.0, float(os.environ[LOCK_WAIT_ENV]))
    except (KeyError, ValueError):
        return default


def connect(
    home: Home,
    read_only: bool = False,
    retries: float | None = None,
    on_wait: Callable[[], None] | None = None,
    check: bool = True,
    migrate: bool = True,
) -> duckdb.DuckDBPyConnection:
    """A connection to the home's warehouse; a writer's brings the warehouse up to this release's schema first
    (saying so in one line on stderr when it changed anything).

    DuckDB (2.0) locks the database file with an OS file lock: one process may hold it read-write (and then
    no other process may open it at all, not even read-only), or any number of processes read-only (and then
    nobody may open it read-write). A refused open fails at once with "Could not set lock on file …";
    DuckDB never waits. So both writers and readers wait here, up to `retries` seconds (default
    TAIZHANG_LOCK_WAIT or 30 s), calling `on_wait` once when they start waiting, and then fail with
    WarehouseBusy, whose message is plain Chinese. A home or warehouse that cannot be used at all raises
    WarehouseUnusable (a HomeError) with a plain message. `check=False, migrate=False` open the file as it is
    (the rebuild reads what it can from any warehouse, and replaces it rather than upgrading it)."""
    if not read_only:
        home.ensure()
    elif home.root.exists() and not home.root.is_dir():
        home.ensure()  # raises the plain message
    deadline = time.monotonic() + (lock_wait() if retries is None else retries)
    waited = False
    while True:
        try:
            con = duckdb.connect(str(home.warehouse), read_only=read_only, config=CONFIG)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise _unusable(home.warehouse, exc) from None
            if time.monotonic() > deadline:
                raise WarehouseBusy(home.warehouse, held_by_reader="read-only mode" in str(exc)) from None
            if not waited and on_wait is not None:
                on_wait()
            waited = True
            time.sleep(0.25)
        except duckdb.Error as exc:
            raise _unusable(home.warehouse, exc) from None
    try:
        if check:
            _check_version(con, home.warehouse)
        if not read_only and migrate:
            notes = ensure_schema(con)
            if notes:
                print(f"数据仓库已升级：{'；'.join(notes)}。", file=sys.stderr, flush=True)
    except BaseException:
        con.close()
        raise
    return con


def _unusable(path: Path, exc: Exception) -> WarehouseUnusable:
    text = str(exc)
    if (
        "not a valid DuckDB database" in text
        or "Could not read enough bytes" in text
        or "orrupt" in text
        or "Failed to download extension" in text
        or "requires the extension" in text
    ):
        return WarehouseUnusable(
            f"数据仓库文件 {path} 已损坏或不是台账的数据仓库（可能复制不完整或被其他程序改写）。"
            "如有原始文件存档，可运行 taizhang rebuild 重建；否则请把它移走，再重新导入台账文件。"
        )
    if "Permission denied" in text or "Read-only file system" in text or "read-only" in text.lower():
        return WarehouseUnusable(
            f"无法写入数据仓库 {path}（没有写入权限或磁盘只读）：请换一个可写的数据目录（--home），"
            "或请管理员开放写入权限。"
        )
    first = text.splitlines()[0] if text else type(exc).__name__
    return WarehouseUnusable(f"无法打开数据仓库 {path}（{first}）。")


# --- versions and migrations -------------------------------------------------------------------------------


def _catalog_tables(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """schema.table → {column: type} of every table in the warehouse."""
    out: dict[str, dict[str, str]] = {}
    for schema, table, column, dtype in con.execute("""
            SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns()
            WHERE database_name = current_database() AND NOT internal
              AND table_oid IN (SELECT table_oid FROM duckdb_tables())
            ORDER BY schema_name, table_name, column_index""").fetchall():
        out.setdefault(f"{schema}.{table}", {})[column] = dtype
    return out


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version the warehouse was written with: recorded, 1 for the first release (which recorded
    none), 0 for an empty database, None for a database that is not a Taizhang warehouse."""
    tables = _catalog_tables(con)
    if "meta.warehouse_info" in tables:
        row = con.execute("SELECT value FROM meta.warehouse_info WHERE key = 'schema_version'").fetchone()
        try:
            return int(row[0]) if row else 1
        except ValueError:
            return None
    if "meta.source_files" in tables:
        return 1
    return 0 if not tables else None


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    version = stored_version(con)
    if version is None:
        raise WarehouseUnusable(
            f"{path} 是一个 DuckDB 数据库，但不是台账的数据仓库：请换一个数据目录（--home），"
            "或把这个文件移走后重新导入。"
        )
    if version > SCHEMA_VERSION:
        raise WarehouseUnusable(
            f"数据仓库 {path} 由较新版本的台账写入（数据版本 {version}，本程序支持到 {SCHEMA_VERSION}）："
            "请先升级台账程序再使用。"
        )
    if 0 < version < OLDEST_UPGRADABLE:
        raise WarehouseUnusable(
            f"数据仓库 {path} 的版本太旧（数据版本 {version}），无法自动升级："
            "请运行 taizhang rebuild 从原始文件存档重建。"
        )


def expected_tables() -> dict[str, list[tuple[str, str]]]:
    """Every table this release writes (meta, quarantine, and staging from ledgers.yaml): (column, type)."""
    out = dict(TABLES)
    for ledger in catalog().ledgers.values():
        out[ledger.table] = ledger.columns()
    return out


def ensure_schema(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create what is missing and migrate what is older: schemas, tables, columns added by name (a new field
    of ledgers.yaml, a new meta or quarantine column), the core views, marts whose definition changed (built
    again for every as-of date they held), and the recorded schema version. Returns what changed in an
    existing warehouse, as short Chinese notes (nothing for a new or current one)."""
    version = stored_version(con)
    existing = _catalog_tables(con)
    fresh = not existing
    notes: list[str] = []
    have_schemas = {
        r[0]
        for r in con.execute(
            "SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database()"
        ).fetchall()
    }
    for schema in SCHEMAS:
        if schema not in have_schemas:
            con.execute(f"CREATE SCHEMA {schema}")
    added: list[str] = []
    for name, columns in expected_tables().items():
        if name not in existing:
            body = ", ".join(f"{c} {t}" for c, t in columns)
            con.execute(f"CREATE TABLE {name} ({body})")
            continue
        for column, sqltype in columns:
            if column not in existing[name]:
                con.execute(f"ALTER TABLE {name} ADD COLUMN {column} {_plain_type(sqltype)}")
                added.append(f"{name}.{column}")
            elif existing[name][column] != _plain_type(sqltype):
                try:
                    con.execute(f"ALTER TABLE {name} ALTER {column} TYPE {_plain_type(sqltype)}")
                except duckdb.Error:
                    raise WarehouseUnusable(
                        f"数据仓库的 {name}.{column} 是 {existing[name][column]}，本版本需要 "
                        f"{_plain_type(sqltype)}，无法自动转换：请运行 taizhang rebuild 从原始文件存档重建。"
                    ) from None
                added.append(f"{name}.{column}（{existing[name][column]} → {_plain_type(sqltype)}）")
    if added:
        notes.append(
            f"新增或调整列 {len(added)} 个（{'、'.join(added[:6])}{' 等' if len(added) > 6 else ''}；"
            "已有记录的新列为空，需要补齐时运行 taizhang rebuild）"
        )
    views = {
        r[0]
        for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE schema_name = 'core' "
            "AND database_name = current_database()"
        ).fetchall()
    }
    if added or any(kind not in views for kind in catalog().ledgers):
        _core_views(con)
    rebuilt = upgrade_marts(con)
    if rebuilt:
        dates = sorted({d for ds in rebuilt.values() for d in ds})
        shown = "、".join(d.isoformat() for d in dates[:4]) + (" 等" if len(dates) > 4 else "")
        notes.append(f"按新定义重建指标表 {len(rebuilt)} 张" + (f"（截至 {shown}）" if dates else ""))
    if version != SCHEMA_VERSION:
        from importlib.metadata import version as package_version

        con.execute(
            "INSERT OR REPLACE INTO meta.warehouse_info VALUES ('schema_version', ?), ('written_by', ?)",
            [str(SCHEMA_VERSION), f"taizhang {package_version('taizhang')}"],
        )
        if not fresh and version:
            notes.insert(0, f"数据版本 {version} → {SCHEMA_VERSION}")
    return notes


def _plain_type(sqltype: str) -> str:
    """'VARCHAR NOT NULL' → 'VARCHAR' (constraints are for new tables only)."""
    return sqltype.split()[0]


def _core_views(con: duckdb.DuckDBPyConnection) -> None:
    """core.<ledger>: the latest version of each record; a later period's file updates an earlier one."""
    for kind in catalog().ledgers:
        con.execute(f"""
            CREATE OR REPLACE VIEW core.{kind} AS
            SELECT s.* FROM staging.{kind} s {LATEST_VERSION}""")


# --- reference tables and inserts ----------------------------------------------------------------------------


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


INSERT_CHUNK = 50_000  # rows per Arrow hand-off: a big file's columns are not all copied at once


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[dict]) -> None:
    """Insert dict rows through Arrow (columnar hand-offs, not row-by-row SQL)."""
    if rows:
        insert_tables(con, table, list(arrow_chunks({c: [r.get(c) for r in rows] for c in columns})))


def arrow_chunks(columns: dict[str, list]) -> Iterator:
    """Rows given column by column as Arrow tables of INSERT_CHUNK rows, one at a time (a big file's columns
    are not all copied at once)."""
    import pyarrow as pa

    count = len(next(iter(columns.values()), []))
    for start in range(0, count, INSERT_CHUNK):
        yield pa.table({c: v[start : start + INSERT_CHUNK] for c, v in columns.items()})


def insert_tables(con: duckdb.DuckDBPyConnection, table: str, chunks: list) -> None:
    """Insert Arrow tables of the same columns in one statement; DuckDB casts each to the table's types (the
    same column may be read as dates in one file and as nothing at all in another)."""
    if not chunks:
        return
    names = ", ".join(chunks[0].column_names)
    if len(chunks) == 1:  # DuckDB reads a local Arrow table by its name, no view to register
        arrow = chunks[0]  # noqa: F841
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM arrow")
        return
    views = [f"_insert_{i}" for i in range(len(chunks))]
    try:
        for view, chunk in zip(views, chunks, strict=True):
            con.register(view, chunk)
        con.execute(
            f"INSERT INTO {table} ({names}) " + " UNION ALL ".join(f"SELECT {names} FROM {v}" for v in views)
        )
    finally:
        for view in views:
            try:
                con.unregister(view)
            except duckdb.Error:  # the failed INSERT aborted the transaction: its error is the one to raise
                pass


def insert_values(con: duckdb.DuckDBPyConnection, table: str, rows: list[list]) -> None:
    """Insert a few rows given in the table's column order, in one parameterised statement."""
    if not rows:
        return
    if table in TABLES:  # by name: a migrated table has its added columns last, whatever the order here
        table = f"{table} ({', '.join(c for c, _t in TABLES[table])})"
    one = "(" + ",".join("?" * len(rows[0])) + ")"
    con.execute(
        f"INSERT INTO {table} VALUES " + ",".join([one] * len(rows)), [v for row in rows for v in row]
    )


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
