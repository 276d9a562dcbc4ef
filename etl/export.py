"""Exporting a warehouse table for analysts: xlsx, csv or parquet, formula-safe, never personal data.

Only tables meant to leave the warehouse can be exported: marts, meta, quarantine and ref. Staging keeps
the (tokenised) personal data and stays inside.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

EXPORTABLE_SCHEMAS = ("marts", "meta", "quarantine", "ref")


class ExportError(ValueError):
    pass


def exportable_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN "
        f"({', '.join('?' for _ in EXPORTABLE_SCHEMAS)}) ORDER BY 1",
        list(EXPORTABLE_SCHEMAS),
    ).fetchall()
    return [r[0] for r in rows]


def export_table(con: duckdb.DuckDBPyConnection, table: str, fmt: str, path: Path) -> int:
    """Write `table` (e.g. marts.headline_indicators; a bare mart name works too) to `path`; returns rows."""
    name = table if "." in table else f"marts.{table}"
    if name not in exportable_tables(con):
        if name.split(".")[0] == "staging":
            raise ExportError(
                "staging 表含个人信息（已脱敏但仍属内部数据），不能导出；请导出 marts 下的汇总表。"
            )
        raise ExportError(f"没有可导出的表 {table}。可导出：{', '.join(exportable_tables(con))}")
    path.parent.mkdir(parents=True, exist_ok=True)
    from .files import atomic
    from .safe_output import write_csv, write_xlsx

    if fmt == "parquet":
        with atomic(path) as tmp:  # a temporary file, renamed into place: never a half-written export
            con.execute(f"COPY (SELECT * FROM {name}) TO '{_sql_path(tmp)}' (FORMAT parquet)")
        return con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    frame = con.execute(f"SELECT * FROM {name}").df()

    if fmt == "csv":
        write_csv(frame, path)
    elif fmt == "xlsx":
        write_xlsx({name.split(".")[1][:31]: frame}, path)
    else:
        raise ExportError(f"不支持的格式 {fmt}（可选 xlsx、csv、parquet）")
    return len(frame)


def _sql_path(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")
