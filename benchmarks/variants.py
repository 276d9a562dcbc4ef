"""What each benchmark variant does. `benchmarks.run` starts every measurement in a fresh interpreter:

    python -m benchmarks.variants VARIANT --inbox DIR --work DIR [...]

and reads one line `BENCH_RESULT {json}` from its stdout. Times are wall-clock seconds of the work itself
(imports done before the clock starts, except where an import is what is measured); `peak_rss_mb` is the
process's own peak resident set size (getrusage RUSAGE_SELF), `children_peak_rss_mb` that of its children.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path

RESULT_PREFIX = "BENCH_RESULT "


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    peak = resource.getrusage(who).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def emit(result: dict) -> None:
    result.setdefault("peak_rss_mb", peak_rss_mb())
    result.setdefault("children_peak_rss_mb", peak_rss_mb(resource.RUSAGE_CHILDREN))
    print(RESULT_PREFIX + json.dumps(result, ensure_ascii=False, default=str), flush=True)


def files_in(inbox: Path) -> list[Path]:
    from taizhang.etl.discover import discover

    return discover([inbox])


def csv_encoding(data: bytes) -> str:
    """What an analyst does: UTF-8 (BOM or not), else GB18030 — the same answer etl.read gives here."""
    try:
        data.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


# --- (a) our ingest ------------------------------------------------------------------------------------


class OneTransaction:
    """Benchmark only — what the rule "one transaction per file" costs: the ingest's connection with its
    per-file BEGIN/COMMIT turned into no-ops, so that the caller can wrap the whole run in one transaction.
    Not what Taizhang does: there a failure or a kill undoes one file, here it would undo every file."""

    def __init__(self, con):
        self.con = con
        con.execute("SET python_scan_all_frames = true")  # insert_rows' Arrow table sits one frame up now

    def execute(self, sql: str, *args):
        if sql in ("BEGIN TRANSACTION", "COMMIT"):
            return self.con
        return self.con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.con, name)


def ours(inbox: Path, work: Path, workers: int | None = None, one_transaction: bool = False) -> dict:
    """`workers`: reader processes beside the writer (None = the default, see etl.ingest.default_workers);
    `one_transaction`: the what-if above."""
    import taizhang.etl.ingest
    import taizhang.etl.store
    from taizhang.etl.home import Home
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.warehouse import connect, load_reference

    home = Home(fresh(work / "home")).ensure()
    writer = {"seconds": 0.0, "files": 0}
    store = taizhang.etl.store.Ingestor.store

    def timed_store(self, outcome):  # the writer's share: one transaction per file
        began = time.perf_counter()
        try:
            return store(self, outcome)
        finally:
            writer["seconds"] += time.perf_counter() - began
            writer["files"] += 1

    taizhang.etl.store.Ingestor.store = timed_store
    started = time.perf_counter()
    con = connect(home)
    load_reference(con)
    ready = time.perf_counter()
    if one_transaction:
        con.execute("BEGIN TRANSACTION")
        outcomes = ingest_paths([inbox], home, OneTransaction(con), workers=workers)
        con.execute("COMMIT")
    else:
        outcomes = ingest_paths([inbox], home, con, workers=workers)
    con.close()
    done = time.perf_counter()
    from taizhang.etl.reading import default_workers

    return {
        "seconds": done - started,
        "ingest_seconds": done - ready,
        "files": len(outcomes),
        "workers": default_workers() if workers is None else workers,
        "store_seconds": writer["seconds"],
        "stored_files": writer["files"],
        "rejected": sum(o.status == "rejected" for o in outcomes),
        "ledger_rows": sum(s.rows_read for o in outcomes for s in o.used),
        "rows_loaded": sum(o.rows_loaded for o in outcomes),
        "rows_quarantined": sum(o.rows_quarantined for o in outcomes),
    }


# --- (b), (c) pandas.read_excel + DuckDB -------------------------------------------------------------------


def pandas_to_duckdb(inbox: Path, work: Path, engine: str) -> dict:
    """Every sheet of every file through pandas (header=None: the headers are too messy to trust), then one
    DuckDB table of raw cells as text. CSVs through pandas.read_csv with the encoding sniffed as above.
    openpyxl cannot read .xls and xlrd is not installed: those files go through engine='calamine'."""
    import warnings

    import duckdb
    import pandas as pd

    warnings.simplefilter("ignore")  # openpyxl warns about every header/footer and data validation
    files = files_in(inbox)
    fresh(work)
    started = time.perf_counter()
    frames, grid_rows, fallback = [], 0, 0
    for p in files:
        suffix = p.suffix.lower()
        if suffix == ".csv":
            encoding = csv_encoding(p.read_bytes())
            sheets = {p.stem: pd.read_csv(p, encoding=encoding, header=None, dtype=str)}
        else:
            use = engine
            if suffix == ".xls" and engine == "openpyxl":
                use, fallback = "calamine", fallback + 1
            sheets = pd.read_excel(p, sheet_name=None, header=None, engine=use)
        for name, frame in sheets.items():
            if frame.empty:
                continue
            frame = frame.astype("string")
            frame.columns = [f"c{j}" for j in range(frame.shape[1])]
            frame.insert(0, "row_number", range(1, len(frame) + 1))
            frame.insert(0, "sheet", str(name))
            frame.insert(0, "file_name", p.name)
            frames.append(frame)
            grid_rows += len(frame)
    parsed = time.perf_counter()
    raw = pd.concat(frames, ignore_index=True)  # noqa: F841 - read by DuckDB below
    con = duckdb.connect(str(work / "raw.duckdb"))
    con.execute("CREATE TABLE raw_cells AS SELECT * FROM raw")
    stored = con.execute("SELECT count(*) FROM raw_cells").fetchone()[0]
    con.close()
    done = time.perf_counter()
    return {
        "seconds": done - started,
        "parse_seconds": parsed - started,
        "load_seconds": done - parsed,
        "files": len(files),
        "grid_rows": grid_rows,
        "rows_stored": stored,
        "xls_via_calamine": fallback,
    }


# --- (d) the parsing floor ---------------------------------------------------------------------------------


def bare_calamine(inbox: Path, work: Path) -> dict:
    from python_calamine import CalamineWorkbook

    files = files_in(inbox)
    started = time.perf_counter()
    grid_rows = 0
    for p in files:
        if p.suffix.lower() == ".csv":
            data = p.read_bytes()
            text = data.decode(csv_encoding(data))
            grid_rows += sum(1 for _ in csv.reader(io.StringIO(text)))
            continue
        workbook = CalamineWorkbook.from_path(str(p))
        for name in workbook.sheet_names:
            grid_rows += len(workbook.get_sheet_by_name(name).to_python())
    done = time.perf_counter()
    return {"seconds": done - started, "files": len(files), "grid_rows": grid_rows}


# --- one pipeline run (`taizhang run`, the whole Dagster job in-process) ------------------------------------

STAGES = {  # Dagster step key → stage of the table
    "ref__town_reference": "ingest",
    "ingest__inbox_files": "ingest",
    "ingest_ledgers": "ingest",
    "build_marts": "marts",
    "render_charts": "charts",
    "reports__excel_report": "reports",
    "reports__word_report": "reports",
    "reports__feedback_workbooks": "reports",
}


def stage_of(step_key: str) -> str:
    if step_key in STAGES:
        return STAGES[step_key]
    if step_key.endswith("_checks"):
        return "checks"
    return "other"


def step_durations(instance, run_id: str) -> dict[str, float]:
    """step key → seconds, from the run's STEP_SUCCESS/STEP_FAILURE events (Dagster's own step timings)."""
    out: dict[str, float] = {}
    for record in instance.all_logs(run_id):
        event = record.dagster_event
        if event is None or event.event_type_value not in ("STEP_SUCCESS", "STEP_FAILURE"):
            continue
        duration = getattr(event.event_specific_data, "duration_ms", None)
        if duration is not None:
            out[event.step_key] = duration / 1000.0
    return out


def cli_run(home_dir: Path, as_of: str, force: bool) -> dict:
    """`taizhang run` as a user types it, in its own process (wall time and peak memory of that process); then,
    if it went through Dagster, the step timings of the run it made, read from the home's instance."""
    import subprocess

    import dagster as dg
    from taizhang.assets.runner import prepare_instance
    from taizhang.etl.home import Home

    home = Home(home_dir)
    prepare_instance(home)  # DAGSTER_HOME = the home's instance, as `taizhang run` uses

    def newest_run_id() -> str | None:
        with dg.DagsterInstance.get() as instance:
            runs = instance.get_runs(limit=1)
            return runs[0].run_id if runs else None

    before = newest_run_id()
    command = [
        str(Path(sys.executable).with_name("taizhang")),
        "run",
        "--as-of",
        as_of,
        "--home",
        str(home_dir),
    ]
    started = time.perf_counter()
    proc = subprocess.run(command + (["--force"] if force else []), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    run_id = newest_run_id()
    steps: dict[str, float] = {}
    if run_id and run_id != before:
        with dg.DagsterInstance.get() as instance:
            steps = step_durations(instance, run_id)
    stages: dict[str, float] = {}
    for key, step_seconds in steps.items():
        stages[stage_of(key)] = stages.get(stage_of(key), 0.0) + step_seconds
    import duckdb

    con = duckdb.connect(str(home.warehouse), read_only=True)
    files = dict(con.execute("SELECT status, count(*) FROM meta.source_files GROUP BY status").fetchall())
    con.close()
    return {
        "returncode": proc.returncode,
        "seconds": seconds,
        "through_dagster": bool(steps),
        "run_id": run_id if steps else None,
        "steps": steps,
        "stages": stages,
        "outside_steps": seconds - sum(steps.values()),
        "source_files": files,
        "first_line": (proc.stdout.splitlines() or [""])[0],
        "cli_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
    }


# --- executors: the same ingest+marts job, in-process vs multiprocess -----------------------------------


def executor_runs(home_dir: Path, executor: str, as_of: str, runs: int) -> dict:
    """`runs` executions of the ingest+marts job through dg.execute_job on the home's instance."""
    import dagster as dg
    from taizhang.assets.runner import prepare_instance
    from taizhang.etl.home import Home

    from . import executors

    home = Home(home_dir)
    prepare_instance(home)
    os.environ["TAIZHANG_HOME"] = str(home.root)
    job_fn = {
        "in_process": executors.ingest_marts_in_process,
        "multiprocess": executors.ingest_marts_multiprocess,
    }[executor]
    out = []
    with dg.DagsterInstance.get() as instance:
        for _ in range(runs):
            started = time.perf_counter()
            with dg.execute_job(
                dg.reconstructable(job_fn),
                instance=instance,
                run_config=executors.run_config(executor, as_of),
            ) as result:
                ok, run_id = result.success, result.run_id
            wall = time.perf_counter() - started
            steps = step_durations(instance, run_id)
            out.append(
                {"success": ok, "seconds": wall, "steps": len(steps), "step_seconds": sum(steps.values())}
            )
    return {"runs": out}


# --- ingest at county scale: towns one after another, each its own warehouse -------------------------------


def county_ingest(towns_root: Path, work: Path, towns: int, checkpoints: list[int]) -> dict:
    from taizhang.etl.home import Home
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.warehouse import connect, load_reference

    fresh(work)
    started = time.perf_counter()
    files = rows = 0
    points = []
    for i in range(1, towns + 1):
        town = f"town_{i:02d}"
        home = Home(work / town).ensure()
        con = connect(home)
        load_reference(con)
        outcomes = ingest_paths([towns_root / town / "inbox"], home, con)
        con.close()
        files += len(outcomes)
        rows += sum(s.rows_read for o in outcomes for s in o.used)
        if i in checkpoints:
            points.append(
                {
                    "towns": i,
                    "files": files,
                    "ledger_rows": rows,
                    "seconds": time.perf_counter() - started,
                    "peak_rss_mb": peak_rss_mb(),
                }
            )
        shutil.rmtree(work / town)  # keep the disk flat; the warehouse was closed
    return {"points": points}


# --- import time ------------------------------------------------------------------------------------------


def import_time(module: str) -> dict:
    started = time.perf_counter()
    __import__(module)
    return {"seconds": time.perf_counter() - started, "module": module}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("variant")
    parser.add_argument("--inbox", type=Path)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--as-of", default="2023-11-03")
    parser.add_argument("--towns", type=int, default=1)
    parser.add_argument("--checkpoints", default="1")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--executor", default="in_process")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--module", default="dagster")
    parser.add_argument("--force", action="store_true")
    a = parser.parse_args(argv)
    if a.variant == "import":
        emit(import_time(a.module))
        return 0
    if a.variant == "ours":
        result = ours(a.inbox, a.work)
    elif a.variant == "ours_writer_only":
        result = ours(a.inbox, a.work, workers=0)
    elif a.variant == "ours_one_transaction":
        result = ours(a.inbox, a.work, one_transaction=True)
    elif a.variant == "pandas_openpyxl":
        result = pandas_to_duckdb(a.inbox, a.work, "openpyxl")
    elif a.variant == "pandas_calamine":
        result = pandas_to_duckdb(a.inbox, a.work, "calamine")
    elif a.variant == "bare_calamine":
        result = bare_calamine(a.inbox, a.work)
    elif a.variant == "cli_run":
        result = cli_run(a.work, a.as_of, a.force)
    elif a.variant == "executor":
        result = executor_runs(a.work, a.executor, a.as_of, a.runs)
    elif a.variant == "county_ingest":
        result = county_ingest(a.inbox, a.work, a.towns, [int(x) for x in a.checkpoints.split(",")])
    else:
        parser.error(f"unknown variant {a.variant}")
    emit(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
