"""What units send, in Dagster: the monthly job and schedule that write next month's 报送模板, and the 催报清单
shown on the submission-completeness mart."""

import datetime as dt

import dagster as dg

from .automation import TIMEZONE
from .resources import Warehouse

CHINA = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai has kept UTC+8 without DST since 1991


class TemplatesConfig(dg.Config):
    period: str = ""  # YYYY-MM; empty: the month after today (Beijing time)


@dg.op(
    description="生成报送模板：每个村（社区）和镇直单位每类台账一份xlsx（下拉选项、日期规则、填表说明），"
    "写入 <home>/templates/<月份>/<单位>/。"
)
def write_monthly_templates(context: dg.OpExecutionContext, config: TemplatesConfig, warehouse: Warehouse):
    from taizhang.etl.template_spec import next_period
    from taizhang.etl.templates import templates_dir, write_templates

    home = warehouse.paths
    period = config.period or next_period(dt.datetime.now(CHINA).date())
    paths = write_templates(home, period)
    context.log.info(f"{len(paths)} 份 {period} 报送模板 → {templates_dir(home, period)}")
    return dg.Output(
        len(paths),
        metadata={
            "月份": period,
            "模板数": len(paths),
            "目录": dg.MetadataValue.path(str(templates_dir(home, period))),
        },
    )


@dg.job(
    name="monthly_templates", description="为某月生成各单位的报送模板（运行配置中可指定月份，默认下个月）。"
)
def templates_job():
    write_monthly_templates()


@dg.schedule(
    job=templates_job,
    cron_schedule="0 9 25 * *",
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="每月25日09:00（北京时间）生成下个月的报送模板，供各单位下载填报。",
)
def monthly_templates_schedule(context: dg.ScheduleEvaluationContext):
    from taizhang.etl.template_spec import next_period

    period = next_period(context.scheduled_execution_time.date())
    return dg.RunRequest(
        run_key=f"templates-{period}",
        tags={"period": period},
        run_config={"ops": {"write_monthly_templates": {"config": {"period": period}}}},
    )


JOBS = [templates_job]
SCHEDULES = [monthly_templates_schedule]


def chase_metadata(con, as_of: dt.date) -> dict:
    """The 催报清单 of the month due by `as_of` (the month before it), as a table for the completeness mart."""
    from taizhang.etl.missing import chase_list, due_period, summary

    period = due_period(as_of)
    rows = chase_list(con, period)
    columns = [
        ("单位", "string"),
        ("台账", "string"),
        ("报送月份", "string"),
        ("报送情况", "string"),
        ("最近文件导入时间", "string"),
        ("待改行数", "int"),
    ]
    records = [
        dg.TableRecord(
            {
                "单位": r.sender,
                "台账": r.ledger_zh,
                "报送月份": r.period,
                "报送情况": r.status_zh,
                "最近文件导入时间": r.last_file,
                "待改行数": r.rows_quarantined,
            }
        )
        for r in rows
    ]
    return {
        "催报清单": dg.MetadataValue.table(
            records, schema=dg.TableSchema(columns=[dg.TableColumn(n, t) for n, t in columns])
        ),
        "催报月份": summary(rows, period),
    }
