"""The county's code location (docs/scaling.md): towns × months as partitions, each town its own DuckDB, a lake
keyed by date and town, and a rollup per as-of date that states its coverage. The work is `etl.county`'s;
this module only wires it into Dagster.

    town_indicators   partitioned by month × town (towns: dynamic partitions, synced from <root>/towns.csv)
    county_rollup     partitioned by month: the county and the city from the lake (coverage n of N)

Bound to the county root `$TAIZHANG_COUNTY_ROOT` (set by `taizhang county …`). The reporting date of a month
partition is its last day, or the run's `taizhang/as_of` tag (a day of that month: `county run --as-of`).
One run per town and month; the instance's QueuedRunCoordinator (<root>/dagster/dagster.yaml) bounds the
runs per town (one: a town's DuckDB has one writer) and overall.
"""

import datetime as dt
import os
import time

import dagster as dg
from taizhang.etl import county as cty

COUNTY_ROOT_ENV = "TAIZHANG_COUNTY_ROOT"
AS_OF_TAG = "taizhang/as_of"
TOWNS_PARTITIONS = "towns"
FIRST_MONTH = "2023-01-01"  # the demo county's first reporting month; later months are added as they come
LOCATION_NAME = "taizhang_county"

towns_partitions = dg.DynamicPartitionsDefinition(name=TOWNS_PARTITIONS)
months_partitions = dg.MonthlyPartitionsDefinition(start_date=FIRST_MONTH, end_offset=1)
town_months = dg.MultiPartitionsDefinition({"month": months_partitions, "town": towns_partitions})


class CountyResource(dg.ConfigurableResource):
    """The county root (county.toml, towns.csv, the towns' homes, the lake's URI)."""

    root: str

    def county(self) -> cty.County:
        return cty.County.open(self.root)


def _as_of(context, month_key: str) -> dt.date:
    try:
        return cty.as_of_for(dt.date.fromisoformat(month_key), context.run.tags.get(AS_OF_TAG))
    except (cty.CountyError, ValueError) as err:
        raise dg.Failure(description=str(err)) from None


def _peak_rss_mb() -> float:
    import psutil

    info = psutil.Process().memory_info()
    return round(getattr(info, "peak_wset", 0) / 2**20 or info.rss / 2**20, 1)


@dg.asset(
    partitions_def=town_months,
    group_name="county",
    kinds={"duckdb", "parquet"},
    description="一个镇、一个月（分区）：读入该镇收件箱 → 该镇自己的DuckDB → 指标（截至该月末或运行标签 "
    "taizhang/as_of）→ 核心指标写入指标湖 headline_indicators/as_of=<日期>/town=<镇>/。",
)
def town_indicators(context: dg.AssetExecutionContext, county: CountyResource) -> dg.MaterializeResult:
    from taizhang.etl.home import Home
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.marts import build_marts
    from taizhang.etl.warehouse import connect, load_reference

    try:
        cty.require_key()
    except cty.CountyError as err:
        raise dg.Failure(description=str(err)) from None
    keys = context.partition_key.keys_by_dimension
    town, as_of = keys["town"], _as_of(context, keys["month"])
    the_county = county.county()
    home = Home(the_county.town_root(town))
    if not home.inbox.is_dir():
        raise dg.Failure(description=f"{town}：收件箱 {home.inbox} 不存在。")
    home.ensure()
    started = time.perf_counter()
    con = connect(home)
    try:
        load_reference(con)
        # one reader process per run: the county's parallelism is its towns (the run queue's limits)
        outcomes = ingest_paths([home.inbox], home, con, workers=0)
        ingested = time.perf_counter()
        marts = build_marts(con, as_of)

        lake_rows = cty.export_headline(con, as_of, the_county.lake, town)
    finally:
        con.close()
    changed = [o for o in outcomes if o.status != "unchanged"]
    return dg.MaterializeResult(
        metadata={
            "town": town,
            "as_of": as_of.isoformat(),
            "files": len(outcomes),
            "files_ingested_this_run": len(changed),
            "files_rejected": sum(1 for o in changed if o.status == "rejected"),
            "rows_loaded_this_run": sum(o.rows_loaded for o in changed),
            "headline_rows": marts.get("headline_indicators", 0),
            "lake_rows": lake_rows,
            "lake_file": the_county.lake.url(*cty.lake_parts(as_of, town)),
            "ingest_seconds": round(ingested - started, 3),
            "marts_and_export_seconds": round(time.perf_counter() - ingested, 3),
            "peak_rss_mb": _peak_rss_mb(),
        }
    )


@dg.asset(
    partitions_def=months_partitions,
    ins={
        "town_indicators": dg.AssetIn(
            partition_mapping=dg.MultiToSingleDimensionPartitionMapping(partition_dimension_name="month"),
            dagster_type=dg.Nothing,
        )
    },
    group_name="county",
    kinds={"duckdb", "parquet"},
    description="县（区）和市的汇总（每个截至日期一份）：从指标湖读取已报来的镇，件数相加，比率用相加后的分子"
    "分母重新计算（不取平均），中位数不汇总；注明覆盖镇数 n/N，低于县级配置的最低覆盖率时拒绝发布。",
)
def county_rollup(context: dg.AssetExecutionContext, county: CountyResource) -> dg.MaterializeResult:
    from .marts import markdown_table

    as_of = _as_of(context, context.partition_key)
    try:
        result = cty.rollup(county.county(), as_of)
    except cty.CountyError as err:
        raise dg.Failure(description=str(err)) from None
    top = [r for r in result.rows if r["scope_kind"] == "county"]
    return dg.MaterializeResult(
        metadata={
            "as_of": as_of.isoformat(),
            "coverage": result.coverage_text(),
            "towns_covered": len(result.towns_covered),
            "towns_expected": len(result.towns_expected),
            "towns_missing": "、".join(result.missing) or "（无）",
            "medians": "中位数不可相加：网格事件办结用时中位数不汇总（值为空），需各事件明细。",
            "published": result.target or "",
            "preview": dg.MetadataValue.md(
                markdown_table(
                    ["indicator", "name_zh", "numerator", "denominator", "value", "unit", "method"],
                    [
                        (
                            r["indicator"],
                            r["name_zh"],
                            r["numerator"],
                            r["denominator"],
                            r["value"],
                            r["unit"],
                            r["method"],
                        )
                        for r in top
                    ],
                    limit=40,
                )
            ),
        }
    )


@dg.sensor(
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="镇名册 towns.csv 中新增的镇自动成为分区（增加一个镇只需改名册，不改代码）。",
)
def town_registry(context: dg.SensorEvaluationContext, county: CountyResource) -> dg.SensorResult:
    keys = [t.key for t in county.county().towns()]
    known = set(context.instance.get_dynamic_partitions(TOWNS_PARTITIONS))
    new = [k for k in keys if k not in known]
    return dg.SensorResult(
        dynamic_partitions_requests=[towns_partitions.build_add_request(new)] if new else []
    )


def build_county_definitions(root: str | os.PathLike | None = None) -> dg.Definitions:
    """The county's definitions, bound to `root` (else $TAIZHANG_COUNTY_ROOT)."""
    resource = CountyResource(root=str(root)) if root else CountyResource(root=dg.EnvVar(COUNTY_ROOT_ENV))
    return dg.Definitions(
        assets=[town_indicators, county_rollup],
        sensors=[town_registry],
        resources={"county": resource},
        # one step per run: the run is the unit of parallelism (the run queue here, a pod per run with
        # dagster-k8s), so a subprocess per step would only add start-up time
        executor=dg.in_process_executor,
    )


county_defs = build_county_definitions()
