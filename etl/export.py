"""Exporting a warehouse table for analysts: one snapshot (one 截至日期), Chinese column headers and words
from the one catalogue (etl/fields.yaml), names not ids; xlsx with a title row, real dates and numbers in the
formats an Excel user expects and columns wide enough; csv (UTF-8 with BOM) and parquet with the same
headers. Formula-safe (etl/safe_output.py), never personal data.

Only the tables the catalogue names can be exported: the marts, the files read and the rows quarantined.
Staging keeps the (tokenised) personal data and stays inside.
"""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass
from pathlib import Path

import duckdb

from . import fields as catalogue
from .reference import TOWN_NAME

FORMATS = ("xlsx", "csv", "parquet")


class ExportError(ValueError):
    """A table, date, scope or format that cannot be exported (plain Chinese, listing the valid ones)."""


@dataclass
class Exported:
    table: str  # schema.table
    name_zh: str
    rows: int
    as_of: dt.date | None  # the snapshot (None: the table is not kept per date)
    scope: str | None  # the canonical scope name, when one was asked


def _present(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        f"{s}.{t}"
        for s, t in con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_catalog = current_database()"
        ).fetchall()
    }


def exportable_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The catalogue's tables this warehouse holds, in the catalogue's order (schema.table)."""
    present = _present(con)
    return [t for t in catalogue.tables() if t in present]


def table_list(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, list[dt.date]]]:
    """(name as typed, 中文名, about, the as-of dates it holds) of every exportable table."""
    out = []
    for table in exportable_tables(con):
        info = catalogue.tables()[table]
        dates = snapshot_dates(con, table) if info.has_as_of else []
        out.append((info.short if info.has_as_of else table, info.name, info.about, dates))
    return out


def find_table(con: duckdb.DuckDBPyConnection, table: str) -> catalogue.TableInfo:
    """A table by schema.table, bare mart name or Chinese name; ExportError listing the tables otherwise."""
    text = table.strip()
    if text.split(".")[0] == "staging":
        raise ExportError(
            "staging 表含个人信息（已脱敏但仍属内部数据），不能导出；请导出汇总表（taizhang tables 列出可导出的表）。"
        )
    infos = catalogue.tables()
    present = exportable_tables(con)
    for name in (text, f"marts.{text}"):
        if name in present:
            return infos[name]
    by_zh = [t for t in present if infos[t].name == text]
    if len(by_zh) == 1:
        return infos[by_zh[0]]
    listing = "\n".join(f"  {infos[t].short if infos[t].has_as_of else t}　{infos[t].name}" for t in present)
    raise ExportError(f"没有可导出的表“{table}”。可导出的表（taizhang tables）：\n{listing}")


def snapshot_dates(con: duckdb.DuckDBPyConnection, table: str) -> list[dt.date]:
    """The as-of dates a mart holds, with those a run built it for and left it empty (nothing overdue …)."""
    sql, params = f"SELECT as_of FROM {table}", []
    if con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'meta' AND table_name = 'mart_builds'"
    ).fetchone()[0]:
        sql += " UNION SELECT as_of FROM meta.mart_builds WHERE mart = ?"
        params = [table.split(".", 1)[1]]
    return [r[0] for r in con.execute(f"SELECT DISTINCT as_of FROM ({sql}) ORDER BY 1", params).fetchall()]


def frame(con, info: catalogue.TableInfo, as_of: dt.date | None, scope: str | None):
    """(pandas frame with Chinese headers and words, the as-of date used, the canonical scope)."""
    from .scope import ScopeError, filter_for, resolve

    where, params = [], []
    used = None
    if info.has_as_of:
        dates = snapshot_dates(con, info.table)
        if not dates:
            raise ExportError(f"{info.name}（{info.short}）还没有数据：请先运行 taizhang run。")
        if as_of not in dates:
            shown = "、".join(d.isoformat() for d in dates)
            raise ExportError(
                f"{info.name}没有截至 {as_of} 的数据。已有的截至日期：{shown}"
                f"（用 --as-of 选一个，或先运行 taizhang run --as-of {as_of}）。"
            )
        where.append("as_of = ?")
        params.append(as_of)
        used = as_of
    chosen = None
    if scope:
        try:
            chosen = resolve(scope)
            cut = filter_for(chosen, info.scope, f"{info.name}（{info.short}）")
        except ScopeError as bad:
            raise ExportError(str(bad)) from None
        if chosen.is_town and "town" in info.scope:  # a table of every scope: its town rows
            cut = (info.scope["town"], TOWN_NAME)
        if cut:
            where.append(f'"{cut[0]}" = ?')
            params.append(cut[1])
    cols = [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() "
            "AND table_schema || '.' || table_name = ? ORDER BY ordinal_position",
            [info.table],
        ).fetchall()
        if r[0] not in info.hide
    ]
    sql = f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {info.table}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    cur = con.execute(sql, params)
    types = {d[0]: str(d[1]) for d in cur.description}
    df = cur.df()
    for c in cols:
        words = catalogue.words_for(c, info.table)
        if words:
            df[c] = df[c].map(lambda v, w=words: w.get(v if isinstance(v, str) else str(v).lower(), v))
        elif types[c].upper().startswith("DECIMAL"):
            df[c] = df[c].map(
                lambda v: None if v is None else float(v) if isinstance(v, decimal.Decimal) else v
            )
    df.attrs["types"] = {info.label(c): types[c] for c in cols}
    df.columns = [info.label(c) for c in cols]
    return df, used, chosen.name if chosen else None


def export_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    fmt: str,
    path: Path,
    as_of: dt.date | None = None,
    scope: str | None = None,
) -> Exported:
    """Write one snapshot of `table` (a mart's name, schema.table or its Chinese name) to `path`."""
    if fmt not in FORMATS:
        raise ExportError(f"不支持的格式 {fmt}（可选 xlsx、csv、parquet）")
    info = find_table(con, table)
    df, used, scope_name = frame(con, info, as_of, scope)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    from .safe_output import write_csv

    if fmt == "csv":
        write_csv(df, path)
    elif fmt == "parquet":
        _write_parquet(df, path)
    else:
        _write_xlsx(df, path, info, used, scope_name)
    return Exported(info.table, info.name, len(df), used, scope_name)


def _write_parquet(df, path: Path) -> None:
    from .files import atomic

    with atomic(path) as tmp:  # a temporary file, renamed into place: never a half-written export
        df.to_parquet(tmp, index=False)


# --- xlsx ----------------------------------------------------------------------------------------------------


def _kind(db_type: str) -> str:
    t = db_type.upper()
    if t == "DATE":
        return "date"
    if t.startswith("TIMESTAMP"):
        return "datetime"
    if t.startswith("DECIMAL"):
        scale = t.rstrip(")").split(",")[-1].strip() if "," in t else "0"
        return f"decimal{scale}"
    if t in ("DOUBLE", "FLOAT", "REAL"):
        return "double"
    if t in ("BIGINT", "INTEGER", "HUGEINT", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER"):
        return "int"
    return "text"


NUMBER_FORMATS = {
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "int": "#,##0",
    "double": "#,##0.00",
    "decimal0": "#,##0",
    "decimal1": "#,##0.0",
    "decimal2": "#,##0.00",
}


def _write_xlsx(df, path: Path, info, as_of: dt.date | None, scope: str | None) -> None:
    """One sheet: a title row (the table's Chinese name), a line with the 截至日期 (and the scope), the
    header row frozen, then the rows — dates as dates, numbers as numbers, text as text (never a formula)."""
    import pandas as pd

    from .files import atomic
    from .safe_output import xlsx_workbook_options
    from .text import display_width

    types = df.attrs.get("types", {})
    shown_cols = [c for c in df.columns if not (as_of and c == catalogue.label("as_of"))]
    kinds = {c: _kind(types.get(c, "VARCHAR")) for c in shown_cols}
    now = dt.datetime.now()
    when = f"截至日期：{_date_zh(as_of)}" if as_of else f"导出时间：{_date_zh(now)} {now:%H:%M}"
    line = f"{TOWN_NAME}　{when}" + (f"　范围：{scope}" if scope else "") + f"　共 {len(df)} 行"
    import xlsxwriter

    with atomic(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), xlsx_workbook_options())
        base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
        title = wb.add_format({**base, "bold": True, "font_size": 14})
        sub = wb.add_format({**base, "font_size": 10})
        head = wb.add_format(
            {**base, "bold": True, "text_wrap": True, "align": "center", "border": 1, "bg_color": "#D9E2F3"}
        )
        cells = {
            k: wb.add_format({**base, "border": 1, "num_format": fmt}) for k, fmt in NUMBER_FORMATS.items()
        }
        cells["text"] = wb.add_format({**base, "border": 1})
        ws = wb.add_worksheet(info.name[:31].replace("/", "／"))
        ws.write_string(0, 0, info.name, title)
        ws.set_row(0, 24)
        ws.write_string(1, 0, line, sub)
        header_row = 2
        widths = []
        for j, c in enumerate(shown_cols):
            ws.write_string(header_row, j, c, head)
            kind = kinds[c]
            values = df[c].tolist()
            if kind == "date":
                width = 11
            elif kind == "datetime":
                width = 17
            else:
                texts = [_shown(v, kind) for v in values[:2000]]
                width = max((display_width(t) for t in texts), default=0) * 1.1
            widths.append(min(max(width, display_width(c) if display_width(c) <= 16 else 16, 6) + 2, 60))
            for i, v in enumerate(values):
                r = header_row + 1 + i
                if v is None or (not isinstance(v, str) and pd.isna(v)):
                    ws.write_blank(r, j, None, cells["text"])
                elif kind in ("date", "datetime"):
                    ws.write_datetime(r, j, pd.Timestamp(v).to_pydatetime(), cells[kind])
                elif kind != "text" and isinstance(v, int | float):
                    ws.write_number(r, j, float(v), cells[kind])
                else:
                    ws.write_string(r, j, str(v), cells["text"])
        for j, w in enumerate(widths):
            ws.set_column(j, j, w)
        ws.set_row(header_row, 32 if any(display_width(c) > 16 for c in shown_cols) else 20)
        ws.freeze_panes(header_row + 1, 0)
        if len(df):
            ws.autofilter(header_row, 0, header_row + len(df), max(len(shown_cols) - 1, 0))
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(header_row)
        wb.close()


def _shown(value, kind: str) -> str:
    """About the text Excel shows, for the column width."""
    if value is None:
        return ""
    try:
        if kind == "int" or kind == "decimal0":
            return f"{value:,.0f}"
        if kind in ("double", "decimal2"):
            return f"{value:,.2f}"
        if kind == "decimal1":
            return f"{value:,.1f}"
    except (TypeError, ValueError):
        pass
    return str(value)


def _date_zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
