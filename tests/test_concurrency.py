"""Concurrent access to one warehouse.

What DuckDB 2.0 does (pinned by `test_what_duckdb_does_while_another_process_writes`): the database file is
guarded by an OS file lock. A read-write connection takes it exclusively, read-only connections share it.
While one process holds it read-write, any other process's open fails at once — read-only included — with
IOException "Could not set lock on file …: Conflicting lock is held in <program> (PID n)"; while processes
hold it read-only, a read-write open fails the same way (its message adds "you would be able to open this
database in read-only mode"). DuckDB never waits. So `etl.warehouse.connect` waits (TAIZHANG_LOCK_WAIT,
default 30 s for writers: `ingest`, and `run` before it starts), the CLI's readers (`indicators`, `explain`, `export`) wait up to 60 s saying so
once, the assets' readers wait (assets.resources.Warehouse.read), and whoever gives up says so plainly
(exit 4), without a stack trace.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from builders import DISPUTE_HEADER, dispute_rows, write_xlsx
from cli_kit import cmd, copy_inbox, env, snapshot, taizhang
from small_town import write_small_town

AS_OF = "2023-10-31"
INGEST_SCHEMAS = ("ref", "meta", "staging", "quarantine")
LOCK_NOISE = ("Traceback", "IOException", "Conflicting lock", "Could not set lock", "_duckdb.", "Error:")


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("concurrency") / "inbox"
    write_small_town(folder)
    for name in ("龙山", "吴江", "北大", "洞湖"):
        write_xlsx(
            folder / f"{name}村-矛盾纠纷-2023年9月.xlsx",
            {
                "9月": [
                    [f"西天尾镇{name}村2023年9月矛盾纠纷排查化解台账"],
                    DISPUTE_HEADER,
                    *dispute_rows(60, month=9),
                ]
            },
        )
    return folder


@pytest.fixture(scope="module")
def single_ingest(inbox, tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("single") / "home"
    copy_inbox(inbox, home)
    assert taizhang("ingest", home / "inbox", home=home).returncode == 0
    return snapshot(home, INGEST_SCHEMAS)


def _no_lock_noise(stderr: str) -> None:
    for word in LOCK_NOISE:
        assert word not in stderr, stderr


def _holder(home: Path, read_only: bool) -> subprocess.Popen:
    """Another process holding the warehouse open until its stdin is closed."""
    code = (
        "import sys, duckdb\n"
        f"con = duckdb.connect(sys.argv[1], read_only={read_only})\n"
        "print('holding', flush=True)\n"
        "sys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(home / "warehouse.duckdb")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env(),
    )
    assert proc.stdout.readline().strip() == "holding"
    return proc


def _release(proc: subprocess.Popen) -> None:
    proc.stdin.close()
    proc.wait(30)


@pytest.fixture
def home_with_marts(tmp_path, inbox) -> Path:
    """A home whose warehouse has staging and marts (built directly, without Dagster: quicker)."""
    from taizhang.etl.home import Home
    from taizhang.etl.ingest import ingest_paths
    from taizhang.etl.marts import build_marts
    from taizhang.etl.warehouse import connect, load_reference

    home = Home(tmp_path / "home").ensure()
    copy_inbox(inbox, home.root)
    con = connect(home)
    try:
        load_reference(con)
        ingest_paths([home.inbox], home, con)
        build_marts(con, __import__("datetime").date.fromisoformat(AS_OF))
    finally:
        con.close()
    return home.root


# --- two writers -------------------------------------------------------------------------------------------


def test_two_ingests_at_once_one_waits_and_nothing_is_lost_or_doubled(inbox, single_ingest, tmp_path):
    home = tmp_path / "home"
    copy_inbox(inbox, home)  # a fresh home: both processes also race to create the warehouse and the key
    procs = [
        subprocess.Popen(
            cmd("ingest", home / "inbox", home=home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
        )
        for _ in range(2)
    ]
    results = [(p.wait(120), *p.communicate()) for p in procs]
    for code, _out, err in results:
        assert code in (0, 4), err
        _no_lock_noise(err)
    assert [code for code, *_ in results].count(0) >= 1
    outs = sorted(out for code, out, _ in results if code == 0)
    if len(outs) == 2:  # the second waited for the first, then found every file already loaded
        assert any(all(line.startswith("=") for line in out.splitlines()[:-1]) for out in outs), outs
    assert snapshot(home, INGEST_SCHEMAS) == single_ingest


def test_a_writer_that_waits_too_long_gives_up_with_a_plain_message(home_with_marts):
    holder = _holder(home_with_marts, read_only=False)
    try:
        started = time.monotonic()
        r = taizhang("ingest", home_with_marts / "inbox", home=home_with_marts, TAIZHANG_LOCK_WAIT=1)
        assert r.returncode == 4 and time.monotonic() - started < 30
        assert "正被另一个程序写入" in r.stderr and "请稍后再试" in r.stderr
        _no_lock_noise(r.stderr)
        for args in (
            ("indicators", "--as-of", AS_OF),
            ("run", "--as-of", AS_OF),
            ("export", "marts.headline_indicators", "--format", "csv", "-o", home_with_marts / "x.csv"),
        ):
            r = taizhang(*args, home=home_with_marts, TAIZHANG_LOCK_WAIT=1)
            assert r.returncode == 4, r.stderr
            assert "正被另一个程序写入" in r.stderr
            _no_lock_noise(r.stderr)
    finally:
        _release(holder)


def _release_when_waiting(proc: subprocess.Popen, holder: subprocess.Popen) -> list[str]:
    """Release the holder as soon as `proc` says on stderr that it waits; returns proc's stderr lines."""
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if "等待" in line and holder.poll() is None:
            _release(holder)
    return lines


def test_an_ingest_waits_for_a_reader_to_finish(home_with_marts, tmp_path):
    reader = _holder(home_with_marts, read_only=True)  # e.g. a report being rendered, or a query tool
    extra = tmp_path / "extra"
    write_xlsx(
        extra / "后埔-矛盾纠纷-2023年8月.xlsx",
        {"8月": [["西天尾镇后埔村2023年8月矛盾纠纷排查化解台账"], DISPUTE_HEADER, *dispute_rows(5, month=8)]},
    )
    proc = subprocess.Popen(
        cmd("ingest", "--verbose", extra, home=home_with_marts),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )
    err = "".join(_release_when_waiting(proc, reader))
    assert proc.wait(60) == 0, err
    assert reader.poll() is not None, "the ingest never waited"
    assert "导入 5 行" in proc.stdout.read()
    _no_lock_noise(err)


def test_indicators_wait_for_a_writer_then_answer(home_with_marts):
    writer = _holder(home_with_marts, read_only=False)
    proc = subprocess.Popen(
        cmd("indicators", "--as-of", AS_OF, "--json", home=home_with_marts),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )
    err = "".join(_release_when_waiting(proc, writer))
    assert proc.wait(60) == 0, err
    assert writer.poll() is not None, "indicators never waited"
    assert '"indicator": "disputes_received"' in proc.stdout.read()
    assert "等待" in err
    _no_lock_noise(err)


# --- reading while writing ---------------------------------------------------------------------------------


def test_what_duckdb_does_while_another_process_writes(home_with_marts):
    holder = _holder(home_with_marts, read_only=False)
    try:
        with pytest.raises(duckdb.IOException, match="Could not set lock.*Conflicting lock is held"):
            duckdb.connect(str(home_with_marts / "warehouse.duckdb"), read_only=True)
    finally:
        _release(holder)
    reader = _holder(home_with_marts, read_only=True)
    try:
        duckdb.connect(str(home_with_marts / "warehouse.duckdb"), read_only=True).close()  # readers share
        with pytest.raises(duckdb.IOException, match="Conflicting lock.*read-only mode"):
            duckdb.connect(str(home_with_marts / "warehouse.duckdb"))
    finally:
        _release(reader)


def test_the_assets_readers_and_indicators_work_while_an_ingest_writes(home_with_marts, tmp_path):
    from taizhang.assets.resources import Warehouse

    # new files, so that the ingest has work to do while it holds the lock
    extra = tmp_path / "extra"
    for name in ("后埔", "象峰", "下垞", "林山", "三山", "碗洋"):
        write_xlsx(
            extra / f"{name}-矛盾纠纷-2023年8月.xlsx",
            {
                "8月": [
                    [f"西天尾镇{name}村2023年8月矛盾纠纷排查化解台账"],
                    DISPUTE_HEADER,
                    *dispute_rows(80, month=8),
                ]
            },
        )
    ingest = subprocess.Popen(
        cmd("ingest", extra, home=home_with_marts),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )
    locked = False
    while ingest.poll() is None and not locked:  # wait until the ingest holds the lock (a raw open fails)
        try:
            duckdb.connect(str(home_with_marts / "warehouse.duckdb"), read_only=True).close()
            time.sleep(0.02)
        except duckdb.IOException as exc:
            locked = "lock" in str(exc)
    assert locked, "the ingest finished before it could be observed writing"
    results = {}

    def assets_reader():
        with Warehouse(home=str(home_with_marts)).read() as con:
            results["assets"] = con.execute("SELECT count(*) FROM meta.source_files").fetchone()[0]

    thread = threading.Thread(target=assets_reader)
    thread.start()
    r = taizhang("indicators", "--as-of", AS_OF, "--json", home=home_with_marts)
    thread.join(90)
    assert ingest.wait(90) == 0, ingest.communicate()[1]
    assert r.returncode == 0, r.stderr
    assert '"indicator": "disputes_received"' in r.stdout
    _no_lock_noise(r.stderr)
    assert results.get("assets") == 11 + 6  # read after the ingest's transactions, never in between
