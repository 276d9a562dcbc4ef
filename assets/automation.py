"""Jobs, schedules and the inbox sensor: when the pipeline runs without anyone pressing a button."""

import calendar
import datetime as dt
import hashlib
import json

import dagster as dg

from .ingest import inbox_fingerprints
from .resources import Warehouse

TIMEZONE = "Asia/Shanghai"


def as_of_config(as_of: dt.date | str | None) -> dict:
    """Run config that sets the as-of date (empty: the latest date in the data)."""
    value = as_of.isoformat() if isinstance(as_of, dt.date) else (as_of or "")
    return {"resources": {"period": {"config": {"as_of": value}}}}


everything = dg.AssetSelection.all()
ingest_and_marts = dg.AssetSelection.groups("reference", "ingest", "marts")
report_pack = dg.AssetSelection.groups("marts", "charts", "reports")

all_assets_job = dg.define_asset_job(
    "taizhang_all", selection=everything,
    description="全流程：读入收件箱台账 → 数据仓库 → 指标 → 图表和报表。运行配置中可设定截至日期（as_of）。")
ingest_job = dg.define_asset_job(
    "daily_ingest", selection=ingest_and_marts,
    description="读入收件箱中新的或改动过的台账，并刷新指标（截至数据中的最新日期）。")

REPORT_MONTHS = dg.MonthlyPartitionsDefinition(start_date="2023-01-01", timezone=TIMEZONE)


def month_end(partition_key: str) -> dt.date:
    """'2023-10-01' (a monthly partition) → 2023-10-31, the as-of date of that month's report pack."""
    start = dt.date.fromisoformat(partition_key[:10])
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


report_pack_job = dg.define_asset_job(
    "monthly_report_pack", selection=report_pack,
    # a month is a partition of the job's config, not of the assets: marts keep every as_of side by side
    config=dg.PartitionedConfig(partitions_def=REPORT_MONTHS,
                                run_config_for_partition_key_fn=lambda key: as_of_config(month_end(key))),
    description="重新生成某月的报表包（图表、Excel报表、Word工作总结），截至日期为该月最后一天；可选月份补跑。")


def last_day_of_previous_month(day: dt.date) -> dt.date:
    first = day.replace(day=1)
    return first - dt.timedelta(days=1)


@dg.schedule(job=ingest_job, cron_schedule="0 7 * * *", execution_timezone=TIMEZONE,
             default_status=dg.DefaultScheduleStatus.RUNNING,
             description="每天07:00（北京时间）读入收件箱并刷新指标。")
def daily_ingest_schedule(context: dg.ScheduleEvaluationContext):
    return dg.RunRequest(run_key=None, run_config=as_of_config(None))


@dg.schedule(job=report_pack_job, cron_schedule="0 8 1 * *", execution_timezone=TIMEZONE,
             default_status=dg.DefaultScheduleStatus.RUNNING,
             description="每月1日08:00（北京时间）生成上月报表包，截至上月最后一天。")
def monthly_report_schedule(context: dg.ScheduleEvaluationContext):
    as_of = last_day_of_previous_month(context.scheduled_execution_time.date())
    month = as_of.replace(day=1).isoformat()
    return dg.RunRequest(run_key=f"report-pack-{month}", partition_key=month, tags={"as_of": as_of.isoformat()})


@dg.sensor(job=ingest_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="监视收件箱：出现新文件或文件内容改动（按sha256）时启动一次读入。")
def inbox_sensor(context: dg.SensorEvaluationContext, warehouse: Warehouse):
    # the cursor holds contents (sha256), not names: a file name may carry a phone number, and a renamed
    # file is no change (as for `taizhang run`)
    seen = json.loads(context.cursor) if context.cursor else []
    seen = set(seen.values() if isinstance(seen, dict) else seen)
    current = set(inbox_fingerprints(warehouse.paths.inbox).values())
    changed = sorted(current - seen)
    if not changed:
        return dg.SkipReason("收件箱没有新文件或改动的文件")
    # the run key is the set of file contents: the same files never trigger twice
    key = hashlib.sha256("\n".join(changed).encode()).hexdigest()[:16]
    context.update_cursor(json.dumps(sorted(current)))
    return dg.RunRequest(run_key=f"inbox-{key}", run_config=as_of_config(None),
                         tags={"trigger": "inbox", "files": str(len(changed))})


