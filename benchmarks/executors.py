"""The ingest+marts job of the town definitions with either executor, as reconstructable job functions
(the multiprocess executor re-imports the job in every step process, so it needs a module-level function).

The home comes from $TAIZHANG_HOME, exactly as the code location does.
"""

from __future__ import annotations

import os

import dagster as dg

JOB_NAMES = {"in_process": "bench_ingest_marts_in_process", "multiprocess": "bench_ingest_marts_multiprocess"}


def _job(executor: str) -> dg.JobDefinition:
    from taizhang.assets.automation import ingest_and_marts
    from taizhang.assets.definitions import build_definitions

    executor_def = dg.in_process_executor if executor == "in_process" else dg.multiprocess_executor
    job = dg.define_asset_job(JOB_NAMES[executor], selection=ingest_and_marts, executor_def=executor_def)
    defs = dg.Definitions.merge(
        build_definitions(os.environ.get("TAIZHANG_HOME")), dg.Definitions(jobs=[job])
    )
    return defs.resolve_job_def(JOB_NAMES[executor])


def ingest_marts_in_process() -> dg.JobDefinition:
    return _job("in_process")


def ingest_marts_multiprocess() -> dg.JobDefinition:
    return _job("multiprocess")


def run_config(executor: str, as_of: str) -> dict:
    from taizhang.assets.automation import as_of_config

    config = dict(as_of_config(as_of))
    if executor == "multiprocess":
        config["execution"] = {"config": {"max_concurrent": os.cpu_count() or 2}}
    return config
