"""Running the definitions in-process against the home's Dagster instance, so runs started from the
command line show in the UI's history and on its Overview timeline like any other run."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from taizhang.etl.home import Home
from taizhang.etl.schema import LEDGER_KINDS

LOCATION_NAME = "taizhang"  # the code location of workspace.yaml: runs from here carry it as their origin
REPOSITORY_NAME = "__repository__"  # what Dagster names the repository of a Definitions object

DAGSTER_YAML = """\
# Dagster instance of this Taizhang home (written by taizhang; edit freely — an edited file is left as it is).
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
# no usage data leaves the office, and no sign-up dialog on first visit
telemetry:
  enabled: false
nux:
  enabled: false
# the daemon's tick history does not grow without bound (days; -1 keeps forever)
retention:
  schedule:
    purge_after_days: 30
  sensor:
    purge_after_days:
      skipped: 1
      success: 30
      failure: 30
"""

WORKSPACE_YAML = f"""\
# The code location the UI loads (same as the repository's workspace.yaml, usable from an installed package).
load_from:
  - python_module:
      module_name: taizhang.assets.definitions
      attribute: defs
      location_name: {LOCATION_NAME}
"""

_WRITTEN = "# taizhang-written-sha256: "


def _write_managed(path: Path, text: str) -> None:
    """Write a config file taizhang manages, with the hash of what it wrote; rewrite it when the template
    changed and nobody edited the file since (an edited file is the user's)."""
    body = text
    stamp = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    if path.exists():
        current = path.read_text(encoding="utf-8")
        first, _, rest = current.partition("\n")
        if not first.startswith(_WRITTEN):
            if first.startswith("# Dagster instance of this Taizhang home") or first.startswith(
                "# The code location the UI loads"
            ):
                rest, first = current, _WRITTEN  # written by an earlier release: ours to upgrade
            else:
                return
        written = first[len(_WRITTEN) :].strip()
        if written and hashlib.sha256(rest.encode("utf-8")).hexdigest()[:16] != written:
            return  # edited by hand
        if rest == body:
            return
    path.write_text(f"{_WRITTEN}{stamp}\n{body}", encoding="utf-8")


def prepare_instance(home: Home) -> None:
    """DAGSTER_HOME inside the home folder, with its dagster.yaml (pools, telemetry and first-visit dialogs
    off, tick retention) and workspace.yaml."""
    home.ensure()
    _write_managed(home.dagster_home / "dagster.yaml", DAGSTER_YAML)
    _write_managed(home.dagster_home / "workspace.yaml", WORKSPACE_YAML)
    os.environ["DAGSTER_HOME"] = str(home.dagster_home)
    os.environ["TAIZHANG_HOME"] = str(home.root)


@dataclass
class CheckSummary:
    passed: list[str] = field(default_factory=list)
    warned: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # blocking (ERROR) checks that failed

    def lines(self) -> list[str]:
        out = [
            f"数据质量检查：通过 {len(self.passed)} 项，警告 {len(self.warned)} 项，未通过（阻断）{len(self.failed)} 项"
        ]
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
    # the data versions the run reported for the tables its marts and checks read (etl.fingerprints keys)
    inputs: dict[str, str] = field(default_factory=dict)


TRIGGER_TAG, FROM_CLI = "trigger", "命令行"
# the tables whose data versions a successful run's record is checked against (etl.fingerprints.input_versions)
INPUT_KEYS = (
    "ref/town_reference",
    "meta/source_files",
    "quarantine/rejected_rows",
    *(f"staging/{kind}" for kind in LEDGER_KINDS),
)
INTERRUPTED_MESSAGE = (
    "运行进程已中断（被强制结束、断电或重启），本次运行未完成；数据仓库保持在中断前的状态，重新运行即可。"
)


def _run_lock(home: Home, run_id: str):
    """The lock a `taizhang run` holds while its run lasts: the operating system releases it when the process
    ends in any way (kill -9, power cut), so a run whose lock can be taken has no process left (filelock:
    portable, where a pid in a tag could be reused and process start times need /proc)."""
    from filelock import FileLock

    folder = home.state / "runs"
    folder.mkdir(parents=True, exist_ok=True)
    return FileLock(folder / f"{run_id}.lock")


def recover_interrupted_runs(instance, home: Home) -> list[str]:
    """Runs of `taizhang run` whose process died (kill -9, power cut) stay 'started' in the instance and keep
    the `duckdb_writer` pool slot they held: every later run would wait for that slot forever. Mark such
    runs failed and free their slots, and free any slot still held by a run that has already ended.
    Returns the run ids marked failed."""
    import dagster as dg
    from filelock import Timeout

    recovered = []
    unfinished = [dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED]
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=unfinished, tags={TRIGGER_TAG: FROM_CLI})):
        lock = _run_lock(home, run.run_id)
        if not Path(lock.lock_file).exists():
            continue  # not run from this home's command line
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue  # its process is alive
        try:
            instance.report_run_failed(run, message=INTERRUPTED_MESSAGE)
            recovered.append(run.run_id)
        finally:
            lock.release()
            Path(lock.lock_file).unlink(missing_ok=True)
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


def _origin(job_name: str):
    """The job as the UI's code location knows it: a run carrying it shows on the Overview timeline."""
    from dagster._core.remote_origin import (
        RegisteredCodeLocationOrigin,
        RemoteJobOrigin,
        RemoteRepositoryOrigin,
    )

    return RemoteJobOrigin(
        RemoteRepositoryOrigin(RegisteredCodeLocationOrigin(LOCATION_NAME), REPOSITORY_NAME), job_name
    )


def _execute_in_process(job, instance, run_config: dict, tags: dict, run_id: str):
    """JobDefinition.execute_in_process, with the run created under the UI's code location (Dagster's own
    creates it without an origin, and the Overview timeline leaves such runs out)."""
    from dagster._core.definitions.job_base import InMemoryJob
    from dagster._core.execution.api import (
        ExecuteRunWithPlanIterable,
        create_execution_plan,
        job_execution_iterator,
    )
    from dagster._core.execution.context_creation_job import (
        PlanOrchestrationContextManager,
        orchestration_context_event_generator,
    )
    from dagster._core.execution.execute_in_process_result import ExecuteInProcessResult

    in_memory = InMemoryJob(job)
    plan = create_execution_plan(in_memory, run_config=run_config, instance_ref=instance.get_ref())
    run = instance.create_run_for_job(
        job_def=job,
        run_config=run_config,
        tags={**job.run_tags, **tags},
        run_id=run_id,
        execution_plan=plan,
        remote_job_origin=_origin(job.name),
    )
    events = list(
        ExecuteRunWithPlanIterable(
            execution_plan=plan,
            iterator=job_execution_iterator,
            execution_context_manager=PlanOrchestrationContextManager(
                context_event_generator=orchestration_context_event_generator,
                job=in_memory,
                execution_plan=plan,
                dagster_run=run,
                instance=instance,
                run_config=run_config,
                executor_defs=None,
                output_capture=None,
                raise_on_error=False,
            ),
        )
    )
    return ExecuteInProcessResult(
        job_def=job, event_list=events, dagster_run=instance.get_run_by_id(run_id), output_capture=None
    )


def run_pipeline(
    home: Home, as_of: dt.date | None = None, job_name: str = "taizhang_all", log_level: str = "WARNING"
) -> RunOutcome:
    """Materialise a job of the definitions in-process on the home's instance, as of `as_of` (None: the
    date the run resolves when it starts, etl.as_of)."""
    prepare_instance(home)
    import dagster as dg
    from dagster._core.utils import make_new_run_id

    from .automation import as_of_config
    from .definitions import build_definitions

    defs = build_definitions(str(home.root))
    job = defs.resolve_job_def(job_name)
    with dg.DagsterInstance.get() as instance:
        recover_interrupted_runs(instance, home)
        run_config = {**as_of_config(as_of), "loggers": {"console": {"config": {"log_level": log_level}}}}
        run_id = make_new_run_id()
        lock = _run_lock(home, run_id)
        with lock:
            result = _execute_in_process(job, instance, run_config, {TRIGGER_TAG: FROM_CLI}, run_id)
        Path(lock.lock_file).unlink(missing_ok=True)
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
        inputs: dict[str, str] = {}
        for e in result.get_asset_materialization_events():
            materialization = e.materialization
            name = materialization.asset_key.to_user_string()
            if name in INPUT_KEYS:
                version = (materialization.tags or {}).get("dagster/data_version")
                if version:
                    inputs[name] = version
        return RunOutcome(
            success=result.success,
            run_id=result.run_id,
            as_of=result.dagster_run.tags.get("as_of"),
            checks=checks,
            skipped_steps=skipped,
            failure=failure,
            inputs=inputs,
        )
