"""Crash safety: kill -9 at any point of an ingest or a run leaves the warehouse at its previous consistent
state, and running again gives the same result as a clean run.

The process is killed by the fault hook of etl/faults.py (TAIZHANG_FAULT=<point>[@n]) at the points that
matter — inside a file's transaction before COMMIT, between files, inside the marts transaction, while the
Excel 报表 is written — and, separately, after random delays. After each kill the warehouse must hold
whole files only; after a clean re-run, every staging, meta, quarantine, ref and marts row must equal
those of a clean run on the same files (load timestamps aside).
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import threading
import time
from pathlib import Path

import pytest
from builders import DISPUTE_HEADER, dispute_rows, write_csv, write_xlsx
from cli_kit import (
    assert_consistent,
    cmd,
    copy_inbox,
    env,
    killed,
    marts_rows,
    snapshot,
    stamp_in_order,
    taizhang,
)
from small_town import write_small_town
from taizhang.etl.discover import discover, sha256_of

AS_OF = dt.date(2023, 10, 31)
EXCEL = f"西天尾镇报表_{AS_OF.isoformat()}.xlsx"
VILLAGES = ("龙山", "吴江", "北大", "洞湖", "后卓")


def write_crash_inbox(inbox: Path) -> list[Path]:
    """The small town, five more dispute files (to give the ingest some length), a file with rows for the
    quarantine, and a file that is refused as a whole (last). Modification times fix the order."""
    write_small_town(inbox)
    for name in VILLAGES:
        write_xlsx(
            inbox / f"{name}村-矛盾纠纷-2023年9月.xlsx",
            {
                "9月": [
                    [f"西天尾镇{name}村2023年9月矛盾纠纷排查化解台账"],
                    DISPUTE_HEADER,
                    *dispute_rows(40, month=9),
                ]
            },
        )
    write_xlsx(
        inbox / "碗洋村-矛盾纠纷-2023年10月.xlsx",
        {
            "10月": [
                ["西天尾镇碗洋村2023年10月矛盾纠纷排查化解台账"],
                DISPUTE_HEADER,
                [1, "2023-10-02", "邻里纠纷", "张某", "", "排水", "村", "已化解", "2023-10-05", None],
                [
                    2,
                    "2023年13月5日",
                    "婚姻家庭",
                    "李某",
                    "",
                    "离婚",
                    "村",
                    "化解中",
                    None,
                    None,
                ],  # no such date
                [3, "2023-10-06", "婚姻家庭", "王某", "", "赡养", "村", "已化解", None, None],
            ]
        },
    )  # resolved, no date
    write_csv(
        inbox / "镇综治中心-通知.csv", [["关于按时报送台账的通知"], ["请各村（社区）于每月月底前报送。"]]
    )
    files = discover([inbox])
    order = [f for f in files if f.suffix != ".csv" or "网格" in f.name] + [inbox / "镇综治中心-通知.csv"]
    stamp_in_order(order)
    return order


@pytest.fixture(scope="module")
def crash_inbox(tmp_path_factory) -> list[Path]:
    return write_crash_inbox(tmp_path_factory.mktemp("crash_inbox") / "inbox")


class Baseline:
    """A clean `taizhang ingest` then `taizhang run` on the crash inbox, in a background thread, so that the
    tests that kill processes run meanwhile. Snapshots after the ingest and after the run."""

    def __init__(self, inbox: Path, home: Path):
        self.home = home
        copy_inbox(inbox, home)
        self.ingested = threading.Event()
        self.done = threading.Event()
        self.error: str | None = None
        self.thread = threading.Thread(target=self._work, daemon=True)
        self.thread.start()

    def _work(self):
        try:
            proc = subprocess.Popen(
                cmd("ingest", self.home / "inbox", home=self.home),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=env(),
            )
            self.ingest_seconds = _time_with_the_warehouse_open(proc, self.home)
            assert proc.wait(120) == 2, proc.stderr.read()  # the notice is refused as a whole
            self.after_ingest = snapshot(self.home, ("ref", "meta", "staging", "quarantine"))
            self.ingested.set()
            r = taizhang("run", "--as-of", AS_OF, home=self.home)
            assert r.returncode == 0, r.stdout + r.stderr
            self.after_run = snapshot(self.home)
        except BaseException as exc:  # noqa: BLE001 - reported to the waiting test
            self.error = repr(exc)
        finally:
            self.ingested.set()
            self.done.set()

    def wait(self, event: threading.Event) -> None:
        assert event.wait(300), "the clean baseline did not finish"
        assert self.error is None, self.error


@pytest.fixture(scope="module")
def baseline(crash_inbox, tmp_path_factory) -> Baseline:
    return Baseline(crash_inbox[0].parent, tmp_path_factory.mktemp("baseline") / "home")


def _wait_for_the_warehouse(proc: subprocess.Popen, home: Path) -> float:
    """Wait until the ingest has created (and locked) the warehouse; returns that moment."""
    while not (home / "warehouse.duckdb").exists() and proc.poll() is None:
        time.sleep(0.01)
    return time.monotonic()


def _time_with_the_warehouse_open(proc: subprocess.Popen, home: Path) -> float:
    opened = _wait_for_the_warehouse(proc, home)
    proc.wait(120)
    return time.monotonic() - opened


def _shas(files: list[Path]) -> set[str]:
    return {sha256_of(f.read_bytes()) for f in files}


def _loaded(status: dict[str, str]) -> int:
    return sum(1 for s in status.values() if s in ("loaded", "zero_report"))


# --- random timing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [7, 9, 0, 2])  # early, middle, late, around the closing checkpoint
def test_kill_9_after_a_random_delay_then_a_rerun_equals_a_clean_ingest(
    seed, crash_inbox, baseline, tmp_path
):
    home = tmp_path / "home"
    inbox = copy_inbox(crash_inbox[0].parent, home)
    shas = _shas(crash_inbox)
    baseline.wait(baseline.ingested)
    # anywhere while the warehouse is open: reference load, the files' transactions, the checkpoint on close
    delay = random.Random(seed).uniform(0.0, 1.1) * baseline.ingest_seconds
    proc = subprocess.Popen(
        cmd("ingest", inbox, home=home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()
    )
    _wait_for_the_warehouse(proc, home)
    time.sleep(delay)
    proc.kill()  # SIGKILL
    proc.wait(30)
    status = assert_consistent(home, shas)
    print(
        f"seed {seed}: killed {delay:.2f} s after the warehouse was opened, {_loaded(status)} files were in"
    )
    again = taizhang("ingest", inbox, home=home)
    assert again.returncode == 2, again.stderr
    assert "Traceback" not in again.stderr
    assert snapshot(home, ("ref", "meta", "staging", "quarantine")) == baseline.after_ingest


# --- injected points, one home, one step after another ------------------------------------------------


def test_kill_9_at_each_injected_point_then_a_rerun_equals_a_clean_run(crash_inbox, baseline, tmp_path):
    home = tmp_path / "home"
    inbox = copy_inbox(crash_inbox[0].parent, home)
    shas = _shas(crash_inbox)
    n_files = len(crash_inbox) - 1  # the notice is refused

    # files are committed in groups, here of two files
    # 1. inside the second group's transaction, its rows inserted, before COMMIT: the first two files in, nothing
    #    of the next two
    r = taizhang("ingest", inbox, home=home, fault="ingest.before_commit@2", TAIZHANG_COMMIT_FILES="2")
    assert killed(r), (r.returncode, r.stderr)
    assert _loaded(assert_consistent(home, shas)) == 2

    # 2. right after the first COMMIT of this process, between groups: exactly four files in
    r = taizhang("ingest", inbox, home=home, fault="ingest.after_commit@1", TAIZHANG_COMMIT_FILES="2")
    assert killed(r), (r.returncode, r.stderr)
    assert _loaded(assert_consistent(home, shas)) == 4

    # 3. a run: its ingest loads the rest, then it dies inside the marts transaction: no mart row committed
    r = taizhang("run", "--as-of", AS_OF, home=home, fault="marts.mid_transaction")
    assert killed(r), (r.returncode, r.stdout, r.stderr)
    status = assert_consistent(home, shas)
    assert _loaded(status) == n_files and list(status.values()).count("rejected") == 1
    assert marts_rows(home, AS_OF) == 0

    # 4. a run that dies when the Excel 报表 is complete in its temporary file but not yet renamed into place:
    #    the marts are committed, and the report published earlier (planted here) is untouched
    pack = home / "reports" / AS_OF.isoformat()
    pack.mkdir(parents=True, exist_ok=True)
    (pack / EXCEL).write_bytes(b"the previous report")
    r = taizhang("run", "--as-of", AS_OF, home=home, fault="report.excel_before_publish")
    assert killed(r), (r.returncode, r.stdout, r.stderr)
    assert _loaded(assert_consistent(home, shas)) == n_files
    assert (pack / EXCEL).read_bytes() == b"the previous report"
    assert [p.name for p in pack.glob(".*tmp*")], "the report is written to a temporary file first"
    baseline.wait(baseline.done)
    assert snapshot(home)["marts.headline_indicators"] == baseline.after_run["marts.headline_indicators"]

    # 5. a clean run: no waiting for the pool slot the killed runs held, and the same result as a clean run
    started = time.monotonic()
    r = taizhang("run", "--as-of", AS_OF, home=home, timeout=180)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert snapshot(home) == baseline.after_run
    import openpyxl

    assert openpyxl.load_workbook(pack / EXCEL, read_only=True).sheetnames  # the new report, whole
    assert not [p for p in (home / "reports").rglob("*") if p.name.startswith(".") and "tmp" in p.name]
    assert ".tmp" not in r.stdout  # the file list printed by `taizhang run`
    _assert_interrupted_runs_are_marked_failed(home, expected=2)
    print(f"clean re-run after the kills: {time.monotonic() - started:.1f} s")


def _assert_interrupted_runs_are_marked_failed(home: Path, expected: int) -> None:
    code = (
        "import dagster as dg, json\n"
        "with dg.DagsterInstance.get() as i:\n"
        "    runs = i.get_runs()\n"
        "    info = {p: len(i.event_log_storage.get_concurrency_info(p).claimed_slots)\n"
        "            for p in i.event_log_storage.get_concurrency_keys()}\n"
        "    print(json.dumps({'statuses': sorted(r.status.value for r in runs), 'held': info}))\n"
    )
    import json
    import sys

    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env(DAGSTER_HOME=home / "dagster"),
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["statuses"].count("FAILURE") == expected and found["statuses"].count("SUCCESS") == 1, found
    assert not any(found["held"].values()), found


def test_a_report_writer_killed_mid_write_leaves_the_previous_report(baseline, tmp_path):
    """The Excel writer itself, killed half-way through its sheets: the published file is the old one."""
    baseline.wait(baseline.done)
    out = tmp_path / EXCEL
    out.write_bytes(b"the previous report")
    code = (
        "import sys, datetime as dt, duckdb\n"
        "from taizhang.reports.excel_report import write_excel_report\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "write_excel_report(con, dt.date.fromisoformat(sys.argv[2]), __import__('pathlib').Path(sys.argv[3]))\n"
    )
    import sys

    r = subprocess.run(
        [sys.executable, "-c", code, str(baseline.home / "warehouse.duckdb"), AS_OF.isoformat(), str(out)],
        capture_output=True,
        text=True,
        env=env(TAIZHANG_FAULT="report.excel_mid_write"),
        timeout=120,
    )
    assert killed(r), (r.returncode, r.stderr)
    assert out.read_bytes() == b"the previous report"
