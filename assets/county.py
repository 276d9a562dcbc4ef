"""The county path (docs/scaling.md): every town a Dagster partition with its own DuckDB, a Parquet lake of
the towns' headline indicators, and a county rollup read from the lake.

    <root>/towns/<town>/inbox/                          the town's ledger files
    <root>/towns/<town>/warehouse.duckdb                the town's warehouse (same schema as a town install)
    <root>/lake/headline_indicators/town=<town>/part.parquet   the town's marts.headline_indicators (as_of)
    <root>/county.duckdb                                table county_headline_indicators

A partition touches only its own folder and its own Parquet file, so partitions run in parallel — in
separate processes here, on separate machines or pods with a distributed run launcher/executor. The rollup
only reads Parquet: it needs neither the towns' DuckDB files nor their machines.

Separate from `assets.definitions` (the town's code location): `county_defs` below, bound to
$TAIZHANG_COUNTY_ROOT (default ./data/county) and $TAIZHANG_COUNTY_AS_OF (default: last day of the previous
month); `build_county_definitions(root, towns, as_of)` for anything else.
"""

import datetime as dt
import os
import time
from pathlib import Path

import dagster as dg

COUNTY_ROOT_ENV = "TAIZHANG_COUNTY_ROOT"
COUNTY_AS_OF_ENV = "TAIZHANG_COUNTY_AS_OF"
DEFAULT_TOWNS = tuple(f"town_{i:02d}" for i in range(1, 21))
DEFAULT_COUNTY_NAME = "荔城区"
ROLLUP_TABLE = "county_headline_indicators"
# indicators whose town figures cannot be combined into a county figure (a median of medians is not a median)
NOT_ADDITIVE = frozenset({"grid_events_median_hours_to_close"})


def discover_towns(root: str | os.PathLike) -> list[str]:
    """Town keys: the folders under <root>/towns that have an inbox, sorted."""
    base = Path(root) / "towns"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.is_dir() and (p / "inbox").is_dir())


def default_as_of(today: dt.date | None = None) -> dt.date:
    first = (today or dt.date.today()).replace(day=1)
    return first - dt.timedelta(days=1)


def months_elapsed(as_of: dt.date) -> int:
    """Whole months completed by as_of (序时进度), as etl.marts computes it: 11-03 → 10, 11-30 → 11."""
    nxt = as_of + dt.timedelta(days=1)
    return as_of.month - (0 if nxt.month != as_of.month else 1)


def _sql_text(value: str | os.PathLike) -> str:
    return "'" + str(value).replace("'", "''") + "'"


class County(dg.ConfigurableResource):
    """Where the county's towns, lake and rollup live, and the date every town is computed as of."""

    root: str
    as_of: str  # YYYY-MM-DD, the same for every town of a rollup
    county_name: str = DEFAULT_COUNTY_NAME
    require_all_towns: bool = True  # the rollup fails when a town has no figures for as_of

    def as_of_date(self) -> dt.date:
        return dt.date.fromisoformat(self.as_of)

    @property
    def base(self) -> Path:
        return Path(self.root)

    def town_home(self, town: str):
        from taizhang.etl.home import Home

        return Home(self.base / "towns" / town)

    @property
    def lake(self) -> Path:
        return self.base / "lake" / "headline_indicators"

    def lake_file(self, town: str) -> Path:
        return self.lake / f"town={town}" / "part.parquet"

    @property
    def county_db(self) -> Path:
        return self.base / "county.duckdb"


def export_headline(con, as_of: dt.date, target: Path) -> int:
    """Write the town's marts.headline_indicators of as_of to Parquet (atomically: temp file, then rename)."""
    from taizhang.etl.files import atomic

    with atomic(target) as tmp:
        con.execute(f"""COPY (SELECT * FROM marts.headline_indicators WHERE as_of = DATE '{as_of.isoformat()}'
                              ORDER BY scope_kind, scope, indicator)
                        TO {_sql_text(tmp)} (FORMAT parquet)""")
    return con.execute(f"SELECT count(*) FROM read_parquet({_sql_text(target)})").fetchone()[0]


def rollup_sql(lake: Path, as_of: dt.date, county_name: str, towns: list[str]) -> str:
    """county_headline_indicators: the county row of every indicator from the towns' town-level rows, plus
    every town's own rows (town = its key). Counts are summed; rates are recomputed from the summed
    numerators and denominators (never averaged); medians are not additive and stay NULL."""
    from taizhang.etl.marts import rate

    schedule = round(100.0 * months_elapsed(as_of) / 12, 10)
    not_additive = ", ".join(_sql_text(c) for c in sorted(NOT_ADDITIVE))
    town_list = ", ".join(_sql_text(t) for t in towns)
    source = _sql_text(lake / "*" / "*.parquet")
    return f"""
        CREATE OR REPLACE TABLE {ROLLUP_TABLE} AS
        WITH lake AS (
            SELECT * FROM read_parquet({source}, hive_partitioning = true, hive_types = {{'town': VARCHAR}})
            WHERE as_of = DATE '{as_of.isoformat()}' AND town IN ({town_list})),
        summed AS (
            SELECT as_of, indicator, any_value(name_zh) AS name_zh, any_value(unit) AS unit,
                   sum(numerator) AS num, sum(denominator) AS den, count(DISTINCT town) AS towns,
                   CASE WHEN indicator IN ({not_additive}) THEN 'not_additive'
                        WHEN any_value(unit) = '%' THEN 'ratio_of_sums'
                        WHEN any_value(unit) = '个百分点' THEN 'ratio_of_sums_minus_schedule'
                        ELSE 'sum' END AS method
            FROM lake WHERE scope_kind = 'town' GROUP BY as_of, indicator),
        -- 超序时进度 has no numerator and denominator of its own: its zone's investment completion gives them
        gaps AS (
            SELECT g.as_of, g.indicator, g.name_zh, g.unit, r.num, r.den, g.towns, g.method
            FROM summed g JOIN summed r
              ON r.indicator = replace(g.indicator, '_ahead_of_schedule', '_investment_completion_rate')
            WHERE g.method = 'ratio_of_sums_minus_schedule'),
        combined AS (
            SELECT * FROM summed WHERE method <> 'ratio_of_sums_minus_schedule' UNION ALL SELECT * FROM gaps)
        SELECT as_of, NULL::VARCHAR AS town, 'county' AS scope_kind, {_sql_text(county_name)} AS scope, indicator,
               name_zh,
               CASE WHEN method = 'not_additive' THEN NULL ELSE num END AS numerator,
               CASE WHEN method = 'not_additive' THEN NULL ELSE den END AS denominator,
               CASE method WHEN 'ratio_of_sums' THEN {rate("num", "den")}
                           WHEN 'ratio_of_sums_minus_schedule' THEN round({rate("num", "den")} - {schedule}, 2)
                           WHEN 'not_additive' THEN NULL
                           ELSE num END AS value,
               unit, towns, method
        FROM combined
        UNION ALL
        SELECT as_of, town, scope_kind, scope, indicator, name_zh, numerator, denominator, value, unit,
               1 AS towns, 'town' AS method
        FROM lake
        ORDER BY town NULLS FIRST, scope_kind, scope, indicator"""


def _peak_rss_mb() -> float:
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def build_county_definitions(
    root: str | os.PathLike | None = None,
    towns: list[str] | None = None,
    as_of: dt.date | str | None = None,
    county_name: str = DEFAULT_COUNTY_NAME,
) -> dg.Definitions:
    """The county's definitions: towns as static partitions (given, else discovered under <root>/towns,
    else town_01 … town_20), the partitioned `town_indicators` and the unpartitioned `county_rollup`."""
    root_path = Path(root or os.environ.get(COUNTY_ROOT_ENV) or "data/county").expanduser().resolve()
    keys = list(towns or discover_towns(root_path) or DEFAULT_TOWNS)
    as_of = as_of or os.environ.get(COUNTY_AS_OF_ENV) or default_as_of()
    as_of_text = as_of.isoformat() if isinstance(as_of, dt.date) else str(as_of)
    partitions = dg.StaticPartitionsDefinition(keys)

    @dg.asset(
        name="town_indicators",
        partitions_def=partitions,
        group_name="county",
        kinds={"duckdb", "parquet"},
        description="一个镇（分区）：读入该镇收件箱 → 该镇自己的DuckDB → 指标（截至配置日期）→ "
        "导出核心指标到Parquet湖（town=<镇>）。各分区互不相干，可在不同机器上并行。",
    )
    def town_indicators(context: dg.AssetExecutionContext, county: County) -> dg.MaterializeResult:
        from taizhang.etl.ingest import ingest_paths
        from taizhang.etl.marts import build_marts
        from taizhang.etl.schema import LEDGER_KINDS
        from taizhang.etl.warehouse import connect, load_reference

        town = context.partition_key
        home = county.town_home(town)
        if not home.inbox.is_dir():
            raise dg.Failure(description=f"{town}: 收件箱 {home.inbox} 不存在")
        as_of_day = county.as_of_date()
        started = time.perf_counter()
        con = connect(home)
        try:
            load_reference(con)
            # no reader processes: the county's parallelism is its towns, one partition per core
            outcomes = ingest_paths([home.inbox], home, con, workers=0)
            ingested = time.perf_counter()
            marts = build_marts(con, as_of_day)
            built = time.perf_counter()
            lake_rows = export_headline(con, as_of_day, county.lake_file(town))
            exported = time.perf_counter()
            staged = sum(con.execute(f"SELECT count(*) FROM staging.{k}").fetchone()[0] for k in LEDGER_KINDS)
        finally:
            con.close()
        changed = [o for o in outcomes if o.status != "unchanged"]
        return dg.MaterializeResult(
            metadata={
                "town": town,
                "as_of": as_of_day.isoformat(),
                "files": len(outcomes),
                "files_ingested_this_run": len(changed),
                "files_rejected": sum(1 for o in changed if o.status == "rejected"),
                "rows_loaded_this_run": sum(o.rows_loaded for o in changed),
                "rows_quarantined_this_run": sum(o.rows_quarantined for o in changed),
                "rows_read_this_run": sum(s.rows_read for o in changed for s in o.used),
                "staging_rows": staged,
                "headline_rows": marts.get("headline_indicators", 0),
                "lake_rows": lake_rows,
                "lake_file": dg.MetadataValue.path(str(county.lake_file(town))),
                "ingest_seconds": round(ingested - started, 3),
                "marts_seconds": round(built - ingested, 3),
                "export_seconds": round(exported - built, 3),
                "peak_rss_mb": _peak_rss_mb(),
            }
        )

    @dg.asset(
        name="county_rollup",
        deps=[town_indicators],
        group_name="county",
        kinds={"duckdb", "parquet"},
        description="全县（区）汇总：从Parquet湖读取各镇核心指标，件数相加，比率用相加后的分子分母重新计算"
        "（不取平均），写入 county.duckdb 的 county_headline_indicators。",
    )
    def county_rollup(context: dg.AssetExecutionContext, county: County) -> dg.MaterializeResult:
        import duckdb

        as_of_day = county.as_of_date()
        expected = partitions.get_partition_keys()
        present = []
        if county.lake.is_dir():
            probe = duckdb.connect()
            try:
                files = sorted(county.lake.glob("town=*/part.parquet"))
                if files:
                    present = [
                        r[0]
                        for r in probe.execute(
                            f"""SELECT DISTINCT town FROM read_parquet({_sql_text(county.lake / "*" / "*.parquet")},
                                hive_partitioning = true, hive_types = {{'town': VARCHAR}})
                            WHERE as_of = DATE '{as_of_day.isoformat()}'"""
                        ).fetchall()
                    ]
            finally:
                probe.close()
        towns = [t for t in expected if t in present]
        missing = [t for t in expected if t not in present]
        if not towns or (missing and county.require_all_towns):
            raise dg.Failure(
                description=f"截至 {as_of_day} 缺少这些镇的指标：{', '.join(missing) or '全部'}；"
                "请先物化它们的 town_indicators 分区（同一截至日期）。"
            )
        started = time.perf_counter()
        con = duckdb.connect(str(county.county_db))
        try:
            con.execute(rollup_sql(county.lake, as_of_day, county.county_name, towns))
            rows = con.execute(f"SELECT count(*) FROM {ROLLUP_TABLE}").fetchone()[0]
            preview = con.execute(f"""SELECT indicator, name_zh, numerator, denominator, value, unit, method
                                      FROM {ROLLUP_TABLE} WHERE scope_kind = 'county' ORDER BY indicator""").fetchall()
        finally:
            con.close()
        from .marts import markdown_table

        return dg.MaterializeResult(
            metadata={
                "as_of": as_of_day.isoformat(),
                "towns": len(towns),
                "towns_missing": ", ".join(missing) or "（无）",
                "rows": rows,
                "seconds": round(time.perf_counter() - started, 3),
                "county_db": dg.MetadataValue.path(str(county.county_db)),
                "preview": dg.MetadataValue.md(
                    markdown_table(
                        ["indicator", "name_zh", "numerator", "denominator", "value", "unit", "method"],
                        preview,
                        limit=40,
                    )
                ),
            }
        )

    return dg.Definitions(
        assets=[town_indicators, county_rollup],
        jobs=[
            dg.define_asset_job(
                "county_towns",
                selection=[town_indicators],
                partitions_def=partitions,
                description="每个镇一个分区：读入、指标、导出到Parquet湖。",
            ),
            dg.define_asset_job(
                "county_rollup_job", selection=[county_rollup], description="从Parquet湖汇总全县（区）指标。"
            ),
        ],
        resources={"county": County(root=str(root_path), as_of=as_of_text, county_name=county_name)},
        # one step per partition run: the run is the unit of parallelism (run queue locally, one pod per run
        # with dagster-k8s), so a subprocess per step would only add start-up time
        executor=dg.in_process_executor,
    )


county_defs = build_county_definitions()
