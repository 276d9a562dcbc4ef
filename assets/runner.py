"""Running the definitions in-process against the home's Dagster instance, so runs started from the
command line show in the UI's history like any other run."""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass, field

from taizhang.etl.home import Home

DAGSTER_YAML = """\
# Dagster instance of this Taizhang home (written by taizhang; edit freely).
concurrency:
  pools:
    # DuckDB allows one writer process: every asset that writes the warehouse is in pool
    # `duckdb_writer`, and an unconfigured pool admits one step at a time.
    default_limit: 1
    granularity: op
  runs:
    max_concurrent_runs: 4
run_coordinator:
  module: dagster._core.run_coordinator
  class: QueuedRunCoordinator
telemetry:
  enabled: false
"""


WORKSPACE_YAML = """\
# The code location the UI loads (same as the repository's workspace.yaml, usable from an installed package).
load_from:
  - python_module:
      module_name: taizhang.assets.definitions
      attribute: defs
      location_name: taizhang
"""


def prepare_instance(home: Home) -> None:
    """DAGSTER_HOME inside the home folder, with its dagster.yaml (pools, telemetry off) and workspace.yaml."""
    home.ensure()
    config = home.dagster_home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    workspace = home.dagster_home / "workspace.yaml"
    if not workspace.exists():
        workspace.write_text(WORKSPACE_YAML, encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home.dagster_home)
    os.environ["TAIZHANG_HOME"] = str(home.root)


@dataclass
class CheckSummary:
    passed: list[str] = field(default_factory=list)
    warned: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # blocking (ERROR) checks that failed

    def lines(self) -> list[str]:
        out = [f"数据质量检查：通过 {len(self.passed)} 项，警告 {len(self.warned)} 项，未通过（阻断）{len(self.failed)} 项"]
        out += [f"  ⚠ 警告 {n}" for n in self.warned]
        out += [f"  ✗ 未通过 {n}" for n in self.failed]
        return out


@dataclass
class RunOutcome:
    success: bool
    run_id: str
    as_of: str | None
    checks: CheckSummary
    skipped_steps: list[str]
    failure: str | None = None


LAUNCHED_BY = "taizhang run"
PID_TAG, HOST_TAG, PROCESS_START_TAG = "taizhang/pid", "taizhang/host", "taizhang/process_start"
INTERRUPTED_MESSAGE = ("运行进程已中断（被强制结束、断电或重启），本次运行未完成；数据仓库保持在中断前的状态，"
                       "重新运行即可。")


def _process_start(pid: int) -> str | None:
    """The start time of a process (Linux /proc, clock ticks since boot): tells a reused pid apart."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return None


def _process_alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return True
    now = _process_start(pid)
    return not (started and now and now != started)


def _run_tags() -> dict[str, str]:
    tags = {"launched_by": LAUNCHED_BY, PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}
    started = _process_start(os.getpid())
    if started:
        tags[PROCESS_START_TAG] = started
    return tags


def recover_interrupted_runs(instance) -> list[str]:
    """Runs of `taizhang run` whose process died (kill -9, power cut) stay 'started' in the instance and keep
    the `duckdb_writer` pool slot they held: every later run would wait for that slot forever. Mark such
    runs failed and free their slots, and free any slot still held by a run that has already ended.
    Returns the run ids marked failed."""
    import dagster as dg

    host = socket.gethostname()
    recovered = []
    unfinished = [dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED]
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=unfinished, tags={"launched_by": LAUNCHED_BY})):
        tags = run.tags
        if tags.get(HOST_TAG) != host or not str(tags.get(PID_TAG, "")).isdigit():
            continue
        if _process_alive(int(tags[PID_TAG]), tags.get(PROCESS_START_TAG)):
            continue
        instance.report_run_failed(run, message=INTERRUPTED_MESSAGE)
        recovered.append(run.run_id)
    storage = instance.event_log_storage
    if storage.supports_global_concurrency_limits:
        holders: set[str] = set(recovered)
        for pool in storage.get_concurrency_keys():
            info = storage.get_concurrency_info(pool)
            holders |= {s.run_id for s in info.claimed_slots} | {s.run_id for s in info.pending_steps}
        for run_id in holders:
            run = instance.get_run_by_id(run_id)
            if run is None or run.is_finished:
                storage.free_concurrency_slots_for_run(run_id)
    return recovered


def run_pipeline(home: Home, as_of: dt.date | None = None, job_name: str = "taizhang_all",
                 log_level: str = "WARNING") -> RunOutcome:
    """Materialise a job of the definitions in-process on the home's instance."""
    prepare_instance(home)
    import dagster as dg

    from .automation import as_of_config
    from .definitions import build_definitions

    defs = build_definitions(str(home.root))
    job = defs.resolve_job_def(job_name)
    with dg.DagsterInstance.get() as instance:
        recover_interrupted_runs(instance)
        run_config = {**as_of_config(as_of), "loggers": {"console": {"config": {"log_level": log_level}}}}
        result = job.execute_in_process(instance=instance, run_config=run_config, raise_on_error=False,
                                        tags=_run_tags())
        checks = CheckSummary()
        for evaluation in result.get_asset_check_evaluations():
            name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
            if evaluation.passed:
                checks.passed.append(name)
            elif evaluation.severity == dg.AssetCheckSeverity.WARN:
                checks.warned.append(name)
            else:
                checks.failed.append(name)
        skipped = [e.step_key for e in result.all_events if e.event_type_value == "STEP_SKIPPED"]
        failure = None
        for e in result.all_events:
            if e.event_type_value == "STEP_FAILURE":
                failure = f"{e.step_key}: {e.event_specific_data.error.message.strip()[:500]}"
                break
        materialized_as_of = None
        for e in result.get_asset_materialization_events():
            md = e.materialization.metadata
            if "as_of" in md:
                materialized_as_of = md["as_of"].value
                break
        return RunOutcome(success=result.success, run_id=result.run_id, as_of=materialized_as_of, checks=checks,
                          skipped_steps=skipped, failure=failure)
