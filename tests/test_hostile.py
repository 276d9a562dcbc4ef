"""Hostile and odd input next to good files in one inbox (issue 17): a parser driven into unbounded memory or an
endless loop, files that are not files, links out of the inbox, hidden names, and single bad cells — each costs
at most its own file or row; the good files load, nothing blocks, nothing aborts the run."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import psutil
import pytest
from builders import DISPUTE_HEADER, dispute_rows, write_csv, write_xls, write_xlsx
from cli_kit import env, taizhang

TITLE = ["西天尾镇林山村2023年10月矛盾纠纷排查化解台账"]
GOOD_ROWS = 4


def good_xlsx(path: Path, unit: str = "林山村", month: int = 10) -> Path:
    return write_xlsx(
        path,
        {
            "Sheet1": [
                [f"西天尾镇{unit}2023年{month}月矛盾纠纷排查化解台账"],
                DISPUTE_HEADER,
                *dispute_rows(GOOD_ROWS, month=month),
            ]
        },
    )


def good_xls(path: Path, unit: str = "后卓村") -> Path:
    return write_xls(
        path, {"10月": [[f"{unit}2023年10月矛盾纠纷排查化解台账"], DISPUTE_HEADER, *dispute_rows(GOOD_ROWS)]}
    )


def broken_fat(path: Path, how: str) -> Path:
    """A real 5.6 KB .xls (xlwt) whose FAT is zeroed (every chain loops on sector 0) or whose chains all end
    by pointing back to their first sector: what made calamine allocate 24 GB."""
    good_xls(path, "碗洋村")
    data = bytearray(path.read_bytes())
    ssz = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    fat_at = (
        struct.unpack_from("<I", data, 0x4C)[0] + 1
    ) * ssz  # the first FAT sector, from the header's DIFAT
    fat = list(struct.unpack_from(f"<{ssz // 4}I", data, fat_at))
    if how == "zeroed":
        fat = [0] * len(fat)
    else:
        fat = [0 if v == 0xFFFFFFFE else v for v in fat]  # every end of chain → back to sector 0
    struct.pack_into(f"<{ssz // 4}I", data, fat_at, *fat)
    path.write_bytes(data)
    return path


def shared_strings_bomb(path: Path) -> Path:
    """An .xlsx that passes every pre-parse check but declares four billion shared strings: calamine reserves
    room for them at once (96 GB) and aborts the process it runs in."""
    src = good_xlsx(path.with_name("src_" + path.name), "龙山村")
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = re.sub(
                    rb'(unique)?[cC]ount="\d+"', lambda m: m.group(0).split(b"=")[0] + b'="4000000000"', data
                )
            out.writestr(info.filename, data)
    src.unlink()
    return path


def staged(query) -> int:
    return query("SELECT count(*) FROM staging.disputes")[0][0]


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


# --- every parser on a leash ---------------------------------------------------------------------------------


def test_an_xls_with_a_looping_or_zeroed_fat_is_refused_and_the_good_files_load(inbox, tmp_path):
    good_xlsx(inbox / "林山村-10月.xlsx")
    good_xls(inbox / "后卓村-10月.xls")
    broken_fat(inbox / "碗洋村-10月-循环.xls", "looping")
    broken_fat(inbox / "碗洋村-10月-清零.xls", "zeroed")
    assert (inbox / "碗洋村-10月-清零.xls").stat().st_size < 6000

    r = taizhang("ingest", inbox, "--verbose", home=tmp_path / "home", timeout=120)

    assert r.returncode == 2, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    for name in ("碗洋村-10月-循环.xls", "碗洋村-10月-清零.xls"):
        line = next(x for x in lines if name in x)
        assert line.startswith("✗") and "文件结构损坏" in line, line
    for name in ("林山村-10月.xlsx", "后卓村-10月.xls"):
        assert next(x for x in lines if name in x).startswith(f"✓ {name}"), lines
    assert f"导入 2 个（{2 * GOOD_ROWS:,} 行" in r.stdout and "拒收 2 个" in r.stdout
    assert all(name.count("碗洋村") <= 1 for name in lines), "the reason quotes the name as sent, once"
    assert "Traceback" not in r.stderr and "memory allocation" not in r.stderr


@pytest.mark.parametrize("watch", [False, True], ids=["kernel cap", "writer watches"])
def test_a_parser_that_runs_out_of_memory_costs_only_its_file(inbox, ingest, query, monkeypatch, watch):
    from taizhang.etl.reading import MEMORY_REASON

    if watch:
        monkeypatch.setenv("TAIZHANG_READER_MEMORY_WATCH", "1")
    good_xlsx(inbox / "林山村-10月.xlsx")
    shared_strings_bomb(inbox / "龙山村-10月.xlsx")
    good_xlsx(inbox / "后卓村-10月.xlsx", "后卓村")

    outcomes = {o.path.name: o for o in ingest(inbox)}

    assert outcomes["龙山村-10月.xlsx"].status == "rejected"
    assert outcomes["龙山村-10月.xlsx"].reason == MEMORY_REASON
    assert {n for n, o in outcomes.items() if o.status == "loaded"} == {
        "林山村-10月.xlsx",
        "后卓村-10月.xlsx",
    }
    assert staged(query) == 2 * GOOD_ROWS
    assert query("SELECT reason FROM meta.source_files WHERE status = 'rejected'") == [(MEMORY_REASON,)]


def test_the_writer_kills_a_reader_over_the_memory_ceiling(inbox, ingest, query, monkeypatch):
    """Where the kernel cannot cap a reader (Windows, macOS), the writer watches its resident memory."""
    from taizhang.etl.reading import MEMORY_REASON

    monkeypatch.setenv("TAIZHANG_READER_MEMORY_WATCH", "1")
    monkeypatch.setenv(
        "TAIZHANG_READER_MEMORY_MB", "150"
    )  # a reader starts at ~45 MB; this CSV needs ~350 MB
    good_xlsx(inbox / "林山村-10月.xlsx")
    rows = [TITLE, DISPUTE_HEADER, *[["" if c is None else str(c) for c in r] for r in dispute_rows(90_000)]]
    write_csv(inbox / "林山村-10月-大.csv", rows)

    outcomes = {o.path.name: o for o in ingest(inbox)}

    assert outcomes["林山村-10月-大.csv"].status == "rejected"
    assert outcomes["林山村-10月-大.csv"].reason == MEMORY_REASON
    assert outcomes["林山村-10月.xlsx"].status == "loaded" and staged(query) == GOOD_ROWS


def test_a_reader_that_hangs_is_stopped_at_the_time_limit(inbox, ingest, query, monkeypatch):
    from taizhang.etl.reading import TIMEOUT_REASON

    monkeypatch.setenv("TAIZHANG_READ_TIMEOUT", "3")
    monkeypatch.setenv(
        "TAIZHANG_FAULT", "hang:reader.file:后卓村-10月.xlsx"
    )  # as a parser in an endless loop
    good_xlsx(inbox / "林山村-10月.xlsx")
    good_xlsx(inbox / "后卓村-10月.xlsx", "后卓村")
    good_xlsx(inbox / "龙山村-10月.xlsx", "龙山村")

    outcomes = {o.path.name: o for o in ingest(inbox)}

    assert (
        outcomes["后卓村-10月.xlsx"].status == "rejected"
        and outcomes["后卓村-10月.xlsx"].reason == TIMEOUT_REASON
    )
    assert {n for n, o in outcomes.items() if o.status == "loaded"} == {
        "林山村-10月.xlsx",
        "龙山村-10月.xlsx",
    }
    assert staged(query) == 2 * GOOD_ROWS


def test_one_reader_serves_one_call_after_another_and_a_dead_one_is_replaced(inbox, ingest):
    from taizhang.etl import reading

    good_xlsx(inbox / "林山村-10月.xlsx")
    ingest(inbox / "林山村-10月.xlsx")
    first = [r.process.pid for r in reading._POOLS[0].readers]
    good_xlsx(inbox / "龙山村-10月.xlsx", "龙山村")
    ingest(inbox / "龙山村-10月.xlsx")
    assert [r.process.pid for r in reading._POOLS[0].readers][:1] == first[:1]  # reused, not started again

    os.kill(first[0], signal.SIGKILL)  # killed between files (say, by an administrator)
    good_xlsx(inbox / "后卓村-10月.xlsx", "后卓村")
    assert ingest(inbox / "后卓村-10月.xlsx")[0].status == "loaded"
    assert first[0] not in [r.process.pid for r in reading._POOLS[0].readers]


_PARENT = """
import sys, time
sys.path.insert(0, {tests!r})
from taizhang.etl import reading

def reading_watch_only():
    reading._watch_parent()
    time.sleep(600)

if __name__ == "__main__":
    if sys.argv[1] == "pool":
        reading.warm_up(b"k")
        print(reading._POOLS[0].readers[0].process.pid, flush=True)
    else:  # only the portable watcher, without the Linux kernel's help
        import multiprocessing
        child = multiprocessing.get_context("spawn").Process(target=reading_watch_only, daemon=False)
        child.start()
        print(child.pid, flush=True)
    time.sleep(600)
"""


@pytest.mark.parametrize("how", ["pool", "watcher"])
def test_readers_end_with_their_parent(tmp_path, how):
    script = tmp_path / "parent.py"
    script.write_text(_PARENT.format(tests=str(Path(__file__).parent)), encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, str(script), how], stdout=subprocess.PIPE, text=True, env=env()
    )
    try:
        child = int(parent.stdout.readline())
        assert psutil.pid_exists(child)
    finally:
        parent.kill()  # SIGKILL: no atexit, no clean-up of its own
        parent.wait()
    deadline = time.monotonic() + 30
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(child)


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


# --- only regular files, only inside ---------------------------------------------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


@needs_fifo
def test_paths_that_are_not_regular_files_are_refused_at_once(tmp_path):
    fifo = (
        tmp_path / "林山村-10月.xlsx"
    )  # a FIFO with a ledger's name: an ordinary open would wait for a writer
    os.mkfifo(fifo)
    good = good_xlsx(tmp_path / "后卓村-10月.xlsx", "后卓村")

    r = taizhang("ingest", fifo, "/dev/zero", good, "--verbose", home=tmp_path / "home", timeout=120)

    assert r.returncode == 2, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert next(x for x in lines if "后卓村-10月.xlsx" in x).startswith("✓")
    for name in ("林山村-10月.xlsx", "zero"):
        line = next(x for x in lines if name in x)
        assert line.startswith("✗") and "不是普通文件" in line, line
    assert "拒收 2 个" in r.stdout


@needs_fifo
def test_an_inbox_with_fifos_links_and_hidden_names_loads_its_files_and_says_what_it_skipped(tmp_path):
    home = tmp_path / "home"
    inbox = home / "inbox"
    inbox.mkdir(parents=True)
    good_xlsx(inbox / "林山村-10月.xlsx")
    outside = good_xlsx(
        tmp_path / "elsewhere" / "龙山村-10月.xlsx", "龙山村"
    )  # a ledger, but not in the inbox
    os.mkfifo(inbox / "后卓村-10月.xlsx")
    links = {
        "链接-zero.xlsx": "/dev/zero",
        "链接-外部.xlsx": outside,
        "链接-外部文件夹": outside.parent,
        "链接-内部.xlsx": inbox / "林山村-10月.xlsx",
    }
    if Path("/proc/kmsg").exists():
        links["链接-kmsg.xlsx"] = "/proc/kmsg"  # a regular file whose reads block
    for name, target in links.items():
        (inbox / name).symlink_to(target)
    for name in (".隐藏.xlsx", "..\\上级.xlsx", "~$林山村-10月.xlsx"):
        good_xlsx(inbox / name, "后黄社区")

    r = taizhang("ingest", inbox, "--verbose", home=home, timeout=120)

    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()

    def line(name):  # the file's own line of the verbose list: a mark, a space, the name
        return next(x for x in lines if x[2:].startswith(name))

    assert line("林山村-10月.xlsx").startswith("✓ 林山村-10月.xlsx")
    assert line("链接-内部.xlsx").startswith("=")  # the same bytes as the file it points to
    for name in ("链接-外部.xlsx", "链接-外部文件夹"):
        assert line(name).startswith("- ") and "收件箱以外" in line(name), line(name)
    for name in [n for n in links if n in ("链接-zero.xlsx", "链接-kmsg.xlsx")] + ["后卓村-10月.xlsx"]:
        assert line(name).startswith("- ") and ("收件箱以外" in line(name) or "不是普通文件" in line(name)), (
            line(name)
        )
    for name in (".隐藏.xlsx", "..\\上级.xlsx"):
        assert line(name).startswith("- ") and "以“.”开头" in line(name)
    assert "临时文件" in line("~$林山村-10月.xlsx")
    assert f"导入 {GOOD_ROWS} 行" in r.stdout

    r = taizhang(
        "run", "--as-of", "2023-10-31", home=home, timeout=600
    )  # the run's own discovery and hashing
    assert r.returncode == 0, r.stdout + r.stderr


# --- a bad cell is a bad cell ----------------------------------------------------------------------------------

BIG = 3_000_000_000  # over 2³¹−1; not a phone or an ID number


def test_bad_cells_cost_their_row_or_their_file_never_the_others(inbox, tmp_path):
    good_xlsx(inbox / "林山村-10月.xlsx")
    # a field over the csv module's 128 KiB limit: an unclosed quote swallows the rest of the file
    (inbox / "龙山村-10月.csv").write_text(
        "\n".join(
            [
                ",".join(TITLE),
                ",".join(DISPUTE_HEADER),
                '1,2023-10-02,邻里纠纷,张某,,"案情' + "很长" * 70_000,
                "2,2023-10-03,邻里纠纷,李某,,案情,村,化解中,,",
            ]
        ),
        encoding="utf-8",
    )
    write_xlsx(
        inbox / "镇综治中心-三官一律-2023年10月.xlsx",
        {
            "Sheet1": [
                ["“三官一律”下沉工作台账（2023年10月）"],
                ["填报单位：镇综治中心"],
                ["日期", "姓名", "身份", "派出单位", "挂点村居", "活动内容", "化解纠纷数", "法律咨询数"],
                ["2023-10-09", "陈某", "法官", "法庭", "林山村", "咨询", 1, BIG],
                ["2023-10-10", "林某", "律师", "律所", "东星社区", "普法", 0, 5],
            ]
        },
    )
    write_xlsx(
        inbox / "后卓村-10月.xlsx",
        {
            "Sheet1": [
                ["西天尾镇后卓村2023年10月矛盾纠纷排查化解台账"],
                DISPUTE_HEADER,
                [1, "2023-10-02", "邻里纠纷", "张某", "", "排水\x00纠纷", "村", "化解中", None, None],
                [2, "2023-10-03", "邻里纠纷", "李某", "", "排水纠纷\x07", "村", "化解中", None, None],
                [3, "2023-10-04", "邻里纠纷", "王某", "", "排水纠纷", "村", "化解中", None, None],
            ]
        },
    )
    write_xlsx(
        inbox / "镇项目办-重点项目-2023年10月.xlsx",
        {
            "Sheet1": [
                ["2023年10月镇重点项目台账"],
                ["填报单位：镇项目办"],
                ["项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"],
                ["双洋鞋业扩建", "续建", 20000, 5000, 13905941207],  # a mobile typed into an amount
                ["木兰溪整治", "在建", 8000, 2000, 1500],
            ]
        },
    )

    r = taizhang("ingest", "--verbose", inbox, home=tmp_path / "home", timeout=120)

    out = r.stdout + r.stderr
    assert r.returncode == 2, out  # the CSV is refused as a whole
    assert "Traceback" not in out and str(BIG) not in out and "13905941207" not in out
    assert re.search(r"✗ 龙山村-10月\.csv.*超过128KB", out)
    lines = {re.split(r"[［：]", x[2:])[0]: x for x in r.stdout.splitlines() if x[:1] in "✓✗"}
    assert "导入 4 行，隔离 0 行" in lines["林山村-10月.xlsx"]
    assert "导入 1 行，隔离 1 行" in lines["镇综治中心-三官一律-2023年10月.xlsx"]
    assert "导入 1 行，隔离 2 行" in lines["后卓村-10月.xlsx"]
    assert "导入 1 行，隔离 1 行" in lines["镇项目办-重点项目-2023年10月.xlsx"]

    import duckdb

    con = duckdb.connect(str(tmp_path / "home" / "warehouse.duckdb"), read_only=True)
    reasons = dict(
        con.execute("SELECT file_name || '/' || row_number, reason FROM quarantine.rejected_rows").fetchall()
    )
    values = [v for (v,) in con.execute("SELECT value FROM quarantine.rejected_rows").fetchall()]
    con.close()
    assert "太大" in reasons["镇综治中心-三官一律-2023年10月.xlsx/4"]
    assert "控制字符" in reasons["后卓村-10月.xlsx/3"] and "控制字符" in reasons["后卓村-10月.xlsx/4"]
    assert "疑似电话号码或身份证号，不是金额" in reasons["镇项目办-重点项目-2023年10月.xlsx/4"]
    assert "排水␀纠纷" in values and not any("\x00" in v or "\x07" in v for v in values)
    assert str(BIG) in values  # what the clerk wrote is shown to the clerk (quarantine), never in a log


def test_an_amount_a_town_cannot_have_fires_the_plausibility_check(inbox, ingest, home):
    """元 typed into a 万元 column: not a phone number, but 10 000 times too large."""
    import duckdb
    from taizhang.checks import marts_rules
    from taizhang.checks.runner import WARN
    from taizhang.etl.marts import build_marts

    header = ["项目名称", "项目阶段", "总投资（万元）", "年度计划投资（万元）", "累计完成投资（万元）"]
    write_xlsx(
        inbox / "镇项目办-重点项目-2023年10月.xlsx",
        {
            "Sheet1": [
                ["2023年10月镇重点项目台账"],
                ["填报单位：镇项目办"],
                header,
                ["双洋鞋业扩建", "续建", 20000, 5000, 4500],
                ["木兰溪整治", "在建", 8000, 2000, 1500],
                ["三山党群服务中心", "在建", 3000, 1000, 800],
            ]
        },
    )
    write_xlsx(
        inbox / "园区管委会-园区重点项目-2023年10月.xlsx",
        {
            "Sheet1": [
                ["2023年10月园区重点项目台账"],
                ["填报单位：园区管委会"],
                header,
                ["智能制造产业园", "在建", 300_000_000, 3000, 2000],
            ]
        },
    )  # 3 亿元, written in 元
    ingest(inbox)
    # the reader asks first (no township project is 300 000 000 万元); confirmed as 万元, the marts' check fires
    from taizhang.etl.decisions import Decisions

    decisions = Decisions(home.mappings)
    [doc] = decisions.held()
    assert "数量级" in doc["questions"][0]["question"], doc
    decisions.confirm(doc["sha256"][:12], {"unit_of_money": "万元"})
    ingest(inbox)
    con = duckdb.connect(str(home.warehouse))
    try:
        as_of = dt.date(2023, 10, 31)
        build_marts(con, as_of)
        outcome = marts_rules.project_amounts_plausible(con, as_of)
        assert not outcome.passed and outcome.severity == WARN
        assert [(s["project_name"], s["amount"]) for s in outcome.sample] == [
            ("智能制造产业园", "total_investment")
        ]
        assert "智能制造产业园" in outcome.message_zh and "总投资" in outcome.message_zh
        con.execute(
            "UPDATE marts.key_projects SET total_investment = 30000 WHERE project_name = '智能制造产业园'"
        )
        assert marts_rules.project_amounts_plausible(con, as_of).passed
    finally:
        con.close()


def test_a_big_file_that_exhausts_its_reader_is_told_it_is_big_not_broken(tmp_path, monkeypatch):
    """A 200 MB platform export is not damaged: the reason says to split it (or raise the limit)."""
    from taizhang.etl import privacy
    from taizhang.etl.reading import MEMORY_REASON, READER_DIED, ReaderPool, _Job

    monkeypatch.setenv("TAIZHANG_READER_MEMORY_MB", "2048")
    big, small = tmp_path / "网格事件-大.csv", tmp_path / "网格事件.csv"
    with big.open("wb") as f:
        f.truncate(60 * 2**20)  # sparse: the size is what counts here
    small.write_bytes(b"a,b\n1,2\n")
    tokeniser = privacy.Tokeniser(b"k" * 32)
    for reason in (MEMORY_REASON, READER_DIED):
        said = ReaderPool._rejected(_Job(0, big, big.name), reason, tokeniser).reason
        assert "文件很大（60 MB）" in said and "2048 MB" in said and "拆成几个文件" in said, said
        assert ReaderPool._rejected(_Job(0, small, small.name), reason, tokeniser).reason == reason
