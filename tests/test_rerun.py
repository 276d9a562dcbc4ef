"""Reruns: `taizhang run` with nothing changed since its last successful run says so without starting Dagster,
and anything that changes the results makes it run; inside the job, a rerun rebuilds neither the reference,
the marts, the charts nor the feedback when their inputs are unchanged."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from builders import DISPUTE_HEADER, write_xlsx
from cli_kit import env, snapshot, taizhang
from small_town import write_small_town
from taizhang.assets.labels import NO, REDONE, YES
from taizhang.etl import as_of as reporting_date
from taizhang.etl import fingerprints
from taizhang.etl.home import Home
from taizhang.etl.run_state import Inputs, what_changed

AS_OF = dt.date(2023, 10, 31)
EXCEL = f"{AS_OF.isoformat()}/西天尾镇报表_{AS_OF.isoformat()}.xlsx"
NOTHING_CHANGED = "以来没有任何变化，未重新运行"


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> Path:
    """The small town after one successful `taizhang run` (once per module; each test works on a copy)."""
    home = tmp_path_factory.mktemp("rerun") / "home"
    write_small_town(home / "inbox")
    r = taizhang("run", "--as-of", AS_OF, home=home)
    assert r.returncode == 0, r.stdout + r.stderr
    return home


@pytest.fixture
def ran(first_run, tmp_path) -> Path:
    home = tmp_path / "home"
    shutil.copytree(first_run, home, copy_function=shutil.copy2)
    return home


def changes(home: Path, as_of: dt.date = AS_OF, code: dict | None = None) -> list[str]:
    """What `taizhang run --as-of AS_OF` would name as the reasons to run (empty: it would not run). The code
    is the recorded run's unless given: others may edit the sources while the tests run (see the code test)."""
    h = Home.resolve(home)
    inputs = Inputs.now(h, as_of)
    if code or (home / "state" / "last_run.json").exists():
        inputs.code = code or recorded_run(home)["code"]
    con = duckdb.connect(str(h.warehouse), read_only=True)
    try:
        return what_changed(h, inputs, con)
    finally:
        con.close()


def recorded_run(home: Path) -> dict:
    return json.loads((home / "state" / "last_run.json").read_text(encoding="utf-8"))


def write_longshan_disputes(inbox: Path) -> Path:
    return write_xlsx(
        inbox / "龙山村-矛盾纠纷-2023年10月.xlsx",
        {
            "Sheet1": [
                ["龙山村2023年10月矛盾纠纷排查化解台账"],
                DISPUTE_HEADER,
                [1, "2023-10-12", "邻里纠纷", "某某", "", "排水", "村", "已化解", "2023-10-13", None],
            ]
        },
    )


def write_to(home: Path, *sql: str) -> None:
    con = duckdb.connect(str(home / "warehouse.duckdb"))
    try:
        for statement in sql:
            con.execute(statement)
    finally:
        con.close()


# --- the command line: skip or run ---------------------------------------------------------------------


def test_nothing_changed_is_said_with_the_outputs_and_dagster_is_not_even_imported(ran):
    pack_file = ran / "reports" / EXCEL
    written = pack_file.stat().st_mtime_ns
    code = (
        "import sys\nfrom taizhang.cli import main\n"
        f"code = main(['run', '--as-of', '{AS_OF}', '--home', sys.argv[1]])\n"
        "print('dagster imported:', 'dagster' in sys.modules)\nsys.exit(code)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(ran)], capture_output=True, text=True, env=env(), timeout=120
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"自运行 {recorded_run(ran)['run_id']}（" in r.stdout and NOTHING_CHANGED in r.stdout
    assert "dagster imported: False" in r.stdout
    assert "Dagster run" not in r.stdout
    assert f"  {EXCEL}" in r.stdout and "数据质量检查：通过" in r.stdout  # the outputs, as a run lists them
    assert pack_file.stat().st_mtime_ns == written


def test_force_runs_the_pipeline_although_nothing_changed(ran):
    before = recorded_run(ran)["run_id"]
    r = taizhang("run", "--as-of", AS_OF, "--force", home=ran)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Dagster run" in r.stdout and NOTHING_CHANGED not in r.stdout
    assert recorded_run(ran)["run_id"] not in (before, "")
    assert changes(ran) == []


def test_a_changed_file_makes_a_real_run_and_the_rerun_after_it_is_skipped(ran):
    write_xlsx(
        ran / "inbox" / "林山村-矛盾纠纷-2023年10月.xlsx",
        {
            "10月": [
                ["西天尾镇林山村2023年10月矛盾纠纷排查化解台账"],
                DISPUTE_HEADER,
                [1, "2023-10-02", "邻里纠纷", "张三", "", "排水", "村", "已化解", "2023-10-05", None],
                [5, "2023-10-09", "邻里纠纷", "孙八", "", "噪音", "村", "已化解", "2023-10-10", None],
            ]
        },
    )
    r = taizhang("run", "--as-of", AS_OF, home=ran)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Dagster run" in r.stdout and "收件箱有 1 个新的或改动过的文件" in r.stdout
    again = taizhang("run", "--as-of", AS_OF, home=ran)
    assert again.returncode == 0 and NOTHING_CHANGED in again.stdout


def test_a_deleted_report_file_is_drawn_again_by_a_real_run(ran):
    (ran / "reports" / EXCEL).unlink()
    assert any("报表文件缺失或被改动" in reason for reason in changes(ran))
    r = taizhang("run", "--as-of", AS_OF, home=ran)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Dagster run" in r.stdout and (ran / "reports" / EXCEL).exists()
    assert changes(ran) == []


def test_an_edited_report_file_is_drawn_again_not_kept_as_the_new_baseline(ran):
    report = ran / "reports" / EXCEL
    drawn = report.read_bytes()
    report.write_bytes(drawn + b"edited by hand")
    r = taizhang("run", "--as-of", AS_OF, home=ran)
    assert r.returncode == 0, r.stdout + r.stderr
    assert report.read_bytes() == drawn
    assert changes(ran) == []


def test_raised_file_limits_are_a_change_so_a_refused_file_is_read_again(ran, monkeypatch):
    assert changes(ran) == []
    monkeypatch.setenv("TAIZHANG_MAX_CELLS", "9000000")
    assert any("文件大小等限制已调整" in reason for reason in changes(ran))


def test_a_run_stopped_by_a_blocking_check_leaves_no_record_so_the_next_run_runs(ran, monkeypatch, capsys):
    """Here the marts are current and a check on them fails: the run must not be remembered as good."""
    from taizhang.checks import marts_rules

    from taizhang.cli import main

    name = marts_rules.MARTS_RATES_IN_RANGE
    severity, description, _rule = marts_rules.RULES[name]
    monkeypatch.setitem(
        marts_rules.RULES,
        name,
        (
            severity,
            description,
            lambda con, as_of: marts_rules._outcome(
                name, False, 1, [{"indicator": "dispute_resolution_rate", "value": 101.0}], "化解率超过100%"
            ),
        ),
    )
    assert main(["run", "--as-of", AS_OF.isoformat(), "--force", "--home", str(ran)]) == 3
    assert f"未通过 marts/headline_indicators:{name}" in capsys.readouterr().out
    assert not (ran / "state" / "last_run.json").exists()
    assert changes(ran) == ["没有上次成功运行的记录"]


# --- what counts as a change ----------------------------------------------------------------------------


def test_nothing_changed_right_after_a_run(ran):
    assert changes(ran) == []


def test_a_file_with_other_bytes_is_a_change(ran):
    csv = next((ran / "inbox").glob("*.csv"))
    csv.write_bytes(
        csv.read_bytes() + "SJ4,第1网格,治安防控,2023-10-20 09:00,,,办理中,w,陈某\r\n".encode("gbk")
    )
    assert changes(ran) == ["收件箱有 1 个新的或改动过的文件"]


def test_a_new_file_is_a_change(ran):
    write_longshan_disputes(ran / "inbox")
    assert changes(ran) == ["收件箱有 1 个新的或改动过的文件"]


def test_the_same_bytes_under_another_name_are_no_change(ran):
    """The ingest knows a file by its contents: a copy would be found unchanged."""
    source = ran / "inbox" / "镇项目办-重点项目-2023年10月.xlsx"
    shutil.copy2(source, ran / "inbox" / "重点项目（再次报送）.xlsx")
    assert changes(ran) == []


def test_a_removed_file_is_no_change(ran):
    """The warehouse keeps what was loaded from a file taken out of the inbox; a run would change nothing."""
    (ran / "inbox" / "镇综治中心-信访积案-2023年10月.xlsx").unlink()
    assert changes(ran) == []


def test_another_as_of_date_is_a_change(ran):
    assert changes(ran, dt.date(2023, 10, 15)) == ["截至日期不同（上次 2023-10-31）"]


def test_a_deleted_or_edited_report_file_is_a_change(ran):
    docx = next((ran / "reports" / AS_OF.isoformat()).glob("*.docx"))
    docx.write_bytes(docx.read_bytes() + b"\0")
    (ran / "reports" / AS_OF.isoformat() / "charts" / "dispute_levels.png").unlink()
    (reason,) = changes(ran)
    assert "报表文件缺失或被改动 2 个" in reason and "dispute_levels.png" in reason


def test_a_changed_reference_csv_is_a_change(ran, tmp_path, monkeypatch):
    ref = tmp_path / "ref"
    shutil.copytree(fingerprints.REF_DIR, ref)
    with (ref / "unit_aliases.csv").open("a", encoding="utf-8") as aliases:
        aliases.write("林山,linshan,,,测试\n")
    monkeypatch.setattr(fingerprints, "REF_DIR", ref)
    assert changes(ran) == ["基础数据（etl/ref）已修改"]


def test_a_code_change_is_a_change(ran, tmp_path):
    root = tmp_path / "src"
    dirs = {name: root / name for name in fingerprints.package_dirs()}
    for name, folder in fingerprints.package_dirs().items():
        shutil.copytree(folder, dirs[name], ignore=shutil.ignore_patterns("__pycache__"))
    before = {
        part: fingerprints.code_version(part, dirs)
        for part in (*fingerprints.CODE_PARTS, "marts/key_projects")
    }
    sql = dirs["etl"] / "sql" / "key_projects.sql"
    sql.write_text(
        sql.read_text(encoding="utf-8").replace("responsible_unit", "responsible_unit, 1 AS x", 1),
        encoding="utf-8",
    )
    after = {part: fingerprints.code_version(part, dirs) for part in before}
    assert {part for part in before if before[part] != after[part]} == {"marts/key_projects"}
    recorded = recorded_run(ran)["code"]
    assert changes(ran, code={**recorded, "marts": "another"}) == ["程序或依赖库已更新（marts）"]


def test_another_day_is_a_change_because_the_checks_bound_dates_by_today(ran, monkeypatch):
    monkeypatch.setattr(reporting_date, "today", lambda: dt.date.today() + dt.timedelta(days=1))
    (reason,) = changes(ran)
    assert reason.startswith("新的一天")


def test_a_file_ingested_from_elsewhere_is_a_change(ran, tmp_path):
    from taizhang.cli import main

    outside = write_longshan_disputes(tmp_path / "elsewhere")
    assert main(["ingest", str(outside), "--home", str(ran)]) == 0
    assert changes(ran) == ["数据仓库内容已变化（例如另行导入）"]


def test_touched_marts_are_a_change(ran):
    write_to(ran, f"DELETE FROM marts.dispute_levels WHERE as_of = DATE '{AS_OF}'")
    assert changes(ran) == [f"截至 {AS_OF} 的指标表已变化"]


# --- inside the job: a rerun does only what its inputs require ---------------------------------------------


def _materializations(run_id: str) -> dict[str, dict]:
    import dagster as dg

    with dg.DagsterInstance.get() as instance:
        records = instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
        return {
            r.dagster_event.asset_key.to_user_string(): {
                k: v.value for k, v in r.dagster_event.event_specific_data.materialization.metadata.items()
            }
            for r in records
        }


def test_a_rerun_of_the_job_rebuilds_nothing_until_a_file_is_new(ran):
    from taizhang.assets.runner import run_pipeline

    home = Home.resolve(ran)
    marts = snapshot(ran, ("marts",))
    outcome = run_pipeline(home, AS_OF)
    assert outcome.success and outcome.checks.passed and not outcome.checks.failed
    done = _materializations(outcome.run_id)
    assert done["ref/town_reference"][REDONE] == NO
    assert done["marts/headline_indicators"][REDONE] == NO
    assert all(
        md[REDONE] == NO
        for key, md in done.items()
        if key.startswith(("charts/", "reports/excel", "reports/word"))
    )
    assert done["reports/feedback_workbooks"][REDONE] == NO
    assert snapshot(ran, ("marts",)) == marts

    write_longshan_disputes(home.inbox)
    outcome = run_pipeline(home, AS_OF)
    assert outcome.success
    done = _materializations(outcome.run_id)
    assert done["marts/headline_indicators"][REDONE] == YES
    assert done["charts/dispute_rate_by_unit"][REDONE] == YES
    assert snapshot(ran, ("marts",)) != marts


def test_touched_marts_and_reference_tables_are_built_again_though_the_files_are_the_same(ran):
    from taizhang.assets.runner import run_pipeline

    tables = snapshot(ran, ("ref", "marts"))
    write_to(
        ran,
        f"DELETE FROM marts.dispute_levels WHERE as_of = DATE '{AS_OF}'",
        "UPDATE ref.units SET name = name || '（改）' WHERE unit_id = (SELECT min(unit_id) FROM ref.units)",
    )
    outcome = run_pipeline(Home.resolve(ran), AS_OF)
    assert outcome.success
    done = _materializations(outcome.run_id)
    assert done["ref/town_reference"][REDONE] == YES
    assert done["marts/dispute_levels"][REDONE] == YES
    # the reloaded reference tables are the ones the other marts were built from: those are current
    assert done["marts/headline_indicators"][REDONE] == NO
    assert snapshot(ran, ("ref", "marts")) == tables


def test_a_rerun_of_the_job_does_not_import_the_plotting_code(ran):
    code = (
        "import sys, datetime\nfrom taizhang.etl.home import Home\nfrom taizhang.assets.runner import run_pipeline\n"
        f"outcome = run_pipeline(Home.resolve(sys.argv[1]), datetime.date.fromisoformat('{AS_OF}'))\n"
        "print('ok' if outcome.success else outcome.failure)\n"
        "print('imported:', [m for m in ('matplotlib', 'PIL') if m in sys.modules])\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(ran)], capture_output=True, text=True, env=env(), timeout=240
    )
    assert r.returncode == 0 and "ok" in r.stdout, r.stdout + r.stderr
    assert "imported: []" in r.stdout
