"""Jobs, schedules and the inbox sensor: when the pipeline runs without anyone pressing a button.

Every run they start names its reporting date: the home's pinned date (taizhang.toml) when there is one,
else the tick's date (the monthly report pack: the last day of the month before)."""

import datetime as dt
from zoneinfo import ZoneInfo

import dagster as dg
from dagster._core.definitions.data_version import DATA_VERSION_TAG
from taizhang.etl import fingerprints as fp
from taizhang.etl.periods import period_end

from .ingest import INBOX, observe_inbox
from .resources import Warehouse

TIMEZONE = "Asia/Shanghai"


def as_of_config(as_of: dt.date | str | None) -> dict:
    """Run config that sets the reporting date (empty: resolved when the run starts, etl.as_of)."""
    value = as_of.isoformat() if isinstance(as_of, dt.date) else (as_of or "")
    return {"resources": {"period": {"config": {"as_of": value}}}}


everything = dg.AssetSelection.all()
ingest_and_marts = dg.AssetSelection.groups("reference", "ingest", "marts")
report_pack = dg.AssetSelection.groups("marts", "charts", "reports")

all_assets_job = dg.define_asset_job(
    "taizhang_all",
    selection=everything,
    description="全流程：读入收件箱台账 → 数据仓库 → 指标 → 图表和报表。截至日期：数据目录设定的日期，"
    "否则为数据中的最新日期；也可在运行配置中指定（as_of）。",
)
ingest_job = dg.define_asset_job(
    "daily_ingest", selection=ingest_and_marts, description="读入收件箱中新的或改动过的台账，并刷新指标。"
)

REPORT_MONTHS = dg.MonthlyPartitionsDefinition(start_date="2023-01-01", timezone=TIMEZONE)


def month_end(partition_key: str) -> dt.date:
    """'2023-10-01' (a monthly partition) → 2023-10-31, the as-of date of that month's report pack."""
    return period_end(partition_key[:7])


report_pack_job = dg.define_asset_job(
    "monthly_report_pack",
    selection=report_pack,
    # a month is a partition of the job's config, not of the assets: marts keep every as_of side by side
    config=dg.PartitionedConfig(
        partitions_def=REPORT_MONTHS, run_config_for_partition_key_fn=lambda key: as_of_config(month_end(key))
    ),
    description="生成某月的报表包（图表、Excel报表、Word工作总结），截至日期为该月最后一天：在“分区”中选择月份即可。",
)


def last_day_of_previous_month(day: dt.date) -> dt.date:
    first = day.replace(day=1)
    return first - dt.timedelta(days=1)


def _pinned(warehouse: Warehouse) -> dt.date | None:
    return warehouse.paths.config().as_of


@dg.schedule(
    job=ingest_job,
    cron_schedule="0 7 * * *",
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="每天07:00（北京时间）读入收件箱并刷新指标，截至当天（数据目录设定了截至日期时用该日期）。",
)
def daily_ingest_schedule(context: dg.ScheduleEvaluationContext, warehouse: Warehouse):
    as_of = _pinned(warehouse) or context.scheduled_execution_time.astimezone(ZoneInfo(TIMEZONE)).date()
    return dg.RunRequest(run_key=None, run_config=as_of_config(as_of), tags={"trigger": "定时"})


@dg.schedule(
    job=report_pack_job,
    cron_schedule="0 8 1 * *",
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="每月1日08:00（北京时间）生成上月报表包，截至上月最后一天（数据目录设定了截至日期时不自动生成）。",
)
def monthly_report_schedule(context: dg.ScheduleEvaluationContext, warehouse: Warehouse):
    pinned = _pinned(warehouse)
    if pinned:
        return dg.SkipReason(f"数据目录设定了截至日期 {pinned.isoformat()}，不按月自动生成报表包")
    as_of = last_day_of_previous_month(context.scheduled_execution_time.astimezone(ZoneInfo(TIMEZONE)).date())
    month = as_of.replace(day=1).isoformat()
    return dg.RunRequest(run_key=f"report-pack-{month}", partition_key=month, tags={"trigger": "定时"})


@dg.sensor(
    job=ingest_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="监视收件箱：文件新增或内容改动（按sha256）时，记下受影响的台账并启动一次读入。",
)
def inbox_sensor(context: dg.SensorEvaluationContext, warehouse: Warehouse):
    """The cursor is one digest of the inbox (the per-file fingerprints live in the warehouse); what changed
    is told by comparing each ledger's inbox version with what Dagster last observed of it."""
    from taizhang.etl.warehouse import WarehouseBusy

    try:
        observed = observe_inbox(warehouse, wait=0.0)
    except WarehouseBusy:
        return dg.SkipReason("数据仓库正在写入，下次再看")
    digest = fp.digest(*(f"{kind}:{version}" for kind, version in sorted(observed.items())))
    if context.cursor == digest:
        return dg.SkipReason("收件箱没有新文件或改动的文件")
    changed = []
    for kind, version in observed.items():
        last = context.instance.get_latest_data_version_record(INBOX[kind], is_source=True)
        if last is None or last.event_log_entry.asset_observation.tags.get(DATA_VERSION_TAG) != version:
            changed.append(kind)
    if not changed:
        return dg.SensorResult(skip_reason=dg.SkipReason("收件箱没有新文件或改动的文件"), cursor=digest)
    today = dt.datetime.now(ZoneInfo(TIMEZONE)).date()
    events = [
        dg.AssetObservation(asset_key=INBOX[kind], tags={DATA_VERSION_TAG: observed[kind]})
        for kind in changed
    ]
    request = dg.RunRequest(
        run_key=f"inbox-{digest}",
        run_config=as_of_config(_pinned(warehouse) or today),
        tags={"trigger": "收件箱"},
    )
    return dg.SensorResult(run_requests=[request], asset_events=events, cursor=digest)
