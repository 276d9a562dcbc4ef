"""The Dagster code location: every asset, check, job, schedule and sensor of Taizhang, on one warehouse.

`workspace.yaml` loads this module; `taizhang run` materialises the same definitions in-process.
Import stays cheap: Great Expectations and matplotlib are imported inside the steps that use them.
"""

from __future__ import annotations

import dagster as dg
from taizhang.etl.home import Home

from . import automation, checks, ingest, marts, reports, submissions
from .resources import ReportingPeriod, Warehouse


def build_definitions(home: str | None = None) -> dg.Definitions:
    """Definitions bound to a home folder (default: $TAIZHANG_HOME or ./data)."""
    root = str(Home.resolve(home).root)
    return dg.Definitions(
        assets=[
            ingest.town_reference,
            *ingest.INBOX_ASSETS,
            ingest.ingest_ledgers,
            marts.build_marts,
            *reports.ASSETS,
        ],
        asset_checks=checks.ALL_CHECKS,
        jobs=[
            automation.all_assets_job,
            automation.ingest_job,
            automation.report_pack_job,
            *submissions.JOBS,
        ],
        schedules=[
            automation.daily_ingest_schedule,
            automation.monthly_report_schedule,
            *submissions.SCHEDULES,
        ],
        sensors=[automation.inbox_sensor],
        resources={"warehouse": Warehouse(home=root), "period": ReportingPeriod(home=root)},
        # in-process: on this 2-core machine the multiprocess executor costs seconds per step for steps
        # that take milliseconds (measured by `python -m benchmarks.run`, section 5: ~6 s per step)
        executor=dg.in_process_executor,
    )


defs = build_definitions()
