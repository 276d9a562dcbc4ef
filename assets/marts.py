"""Assets of the marts group: one asset per mart (etl/sql/<mart>.sql), each with the tables its SQL reads as
its dependencies, built as of the run's reporting date.

One step builds the selected marts in one transaction (a reader never sees half of the marts of a date),
and rebuilds only those whose code or inputs changed since their last materialization; any one mart can be
materialized alone from the UI."""

import datetime as dt
from decimal import Decimal

import dagster as dg
from taizhang.etl import fingerprints as fp
from taizhang.etl.marts import MART_TABLES, description, mart_inputs

from . import labels
from .ingest import REFERENCE, SOURCE_FILES, STAGING, WRITER_POOL
from .resources import ReportingPeriod, Warehouse
from .submissions import chase_metadata
from .versions import code_version, deps_of, reported, unchanged

MART = {name: dg.AssetKey(["marts", name]) for name in MART_TABLES}
PREVIEW_ROWS = 40


def _deps(name: str) -> list[dg.AssetKey]:
    kinds, reads_meta, reads_ref = mart_inputs(name)
    return (
        [STAGING[k] for k in kinds]
        + ([SOURCE_FILES] if reads_meta else [])
        + ([REFERENCE] if reads_ref else [])
    )


_SPECS = [
    dg.AssetSpec(
        MART[name],
        group_name="marts",
        kinds={"duckdb", "sql"},
        description=description(name),
        deps=_deps(name),
        code_version=code_version(f"marts/{name}"),
    )
    for name in MART_TABLES
]

# the previews the UI shows as tables (Chinese headers): the headline figures and the rates by unit
HEADLINE_PREVIEW = """SELECT name_zh AS 指标, value AS 数值, unit AS 单位, numerator AS 分子, denominator AS 分母
                       FROM marts.headline_indicators WHERE as_of = ? AND scope_kind = 'town'"""
BY_UNIT_PREVIEW = """SELECT area AS 片区, unit AS 村社区, received AS 受理, resolved AS 化解, open AS 在办,
                             not_resolved AS 未化解, resolution_rate AS "化解率(%)"
                      FROM marts.dispute_resolution_by_unit WHERE as_of = ?"""


def table_metadata(cur, limit: int = PREVIEW_ROWS) -> dg.TableMetadataValue:
    """Rows of a query as a Dagster table (numbers stay numbers; dates as text)."""
    names = [d[0] for d in cur.description]
    rows = cur.fetchmany(limit)

    def plain(v):
        if isinstance(v, Decimal):
            return float(v)
        if isinstance(v, dt.date | dt.datetime):
            return v.isoformat()
        return v

    def kind(i: int) -> str:
        sample = next((r[i] for r in rows if r[i] is not None), None)
        return (
            "number"
            if isinstance(sample, int | float | Decimal) and not isinstance(sample, bool)
            else "string"
        )

    schema = dg.TableSchema(columns=[dg.TableColumn(n, kind(i)) for i, n in enumerate(names)])
    return dg.MetadataValue.table(
        records=[dg.TableRecord({n: plain(v) for n, v in zip(names, r, strict=True)}) for r in rows],
        schema=schema,
    )


def markdown_table(columns: list[str], rows: list[tuple], limit: int = 8) -> str:
    """A small markdown preview (the county rollup's; hand-written: pandas.to_markdown would pull in tabulate)."""

    from taizhang.etl.privacy import scrub_text

    def fmt(v):
        if v is None:
            return ""
        if isinstance(v, float | Decimal):
            return f"{v:,.2f}".rstrip("0").rstrip(".")
        return scrub_text(str(v)).replace("|", "/")  # previews go to the run's metadata: the same scrub

    head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns)
    body = "\n".join("| " + " | ".join(fmt(v) for v in r) + " |" for r in rows[:limit])
    more = f"\n\n…共 {len(rows)} 行" if len(rows) > limit else ""
    return f"{head}\n{body}{more}"


def _preview(con, name: str, as_of: dt.date) -> dg.TableMetadataValue:
    if name == "headline_indicators":
        return table_metadata(con.execute(HEADLINE_PREVIEW, [as_of]))
    if name == "dispute_resolution_by_unit":
        return table_metadata(con.execute(BY_UNIT_PREVIEW, [as_of]))
    return table_metadata(
        con.execute(f"SELECT * EXCLUDE (as_of) FROM marts.{name} WHERE as_of = ?", [as_of]), 12
    )


@dg.multi_asset(specs=_SPECS, pool=WRITER_POOL, name="build_marts", can_subset=True)
def build_marts(context: dg.AssetExecutionContext, warehouse: Warehouse, period: ReportingPeriod):
    """Builds the selected marts as of the run's date in one transaction; a mart whose code and inputs are
    those of its last materialization, with its rows of this date untouched, is not built again."""
    from taizhang.etl.marts import build_marts as build

    as_of = period.date()
    selected = [name for name in MART_TABLES if MART[name] in context.selected_asset_keys]
    with warehouse.write() as con:
        inputs = fp.input_versions(con)
        done = {}
        for name in selected:
            key = MART[name]
            deps = {d: inputs[d.to_user_string()] for d in deps_of(context, key)}
            done[name] = unchanged(context, key, deps, fp.mart_version(con, name, as_of))
        todo = tuple(name for name in selected if done[name] is None)
        if todo:
            context.log.info(f"截至 {as_of} 重新计算 {len(todo)} 个指标表（共选 {len(selected)} 个）")
            build(con, as_of, tables=todo)
        results = []
        for name in selected:
            version = fp.mart_version(con, name, as_of)
            rows = con.execute(f"SELECT count(*) FROM marts.{name} WHERE as_of = ?", [as_of]).fetchone()[0]
            metadata = {
                labels.AS_OF: as_of.isoformat(),
                "dagster/row_count": rows,
                labels.REDONE: labels.yes_no(name in todo),
            }
            if name == "submission_completeness":  # the 催报清单 of the month due by as_of
                metadata |= chase_metadata(con, as_of)
            label = labels.preview_label(name)
            if name in todo or label not in done[name].metadata:
                metadata[label] = _preview(con, name, as_of)
            else:
                metadata[label] = done[name].metadata[label]
            results.append(reported(MART[name], version, metadata))
    yield from results
