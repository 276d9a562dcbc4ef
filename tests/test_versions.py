"""One reporting date per run and one record of what changed (Dagster's code and data versions): nothing is
stale after a successful run; a changed inbox file marks exactly its dependents stale; a changed reference
CSV marks the assets whose code reads it; runs from the UI and the sensor report the CLI's figures."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import dagster as dg
import duckdb
import pytest
from builders import DISPUTE_HEADER, write_xlsx
from cli_kit import env
from small_town import write_small_town
from taizhang.assets.automation import inbox_sensor
from taizhang.assets.definitions import build_definitions
from taizhang.assets.marts import MART
from taizhang.assets.resources import Warehouse
from taizhang.assets.runner import prepare_instance, run_pipeline
from taizhang.etl import fingerprints as fp

from taizhang.cli import main

pytestmark = pytest.mark.integration
AS_OF = dt.date(2023, 10, 31)

STALE_SCRIPT = """
import json, os, sys
from pathlib import Path
import dagster as dg
from dagster._core.asset_graph_view.asset_graph_view import AssetGraphView, TemporalContext
from dagster._core.definitions.data_version import CachingStaleStatusResolver
from dagster._time import get_current_datetime
import taizhang.etl.fingerprints as fp
if len(sys.argv) > 2:  # another copy of the packages' files: other code versions
    copy = Path(sys.argv[2])
    fp.package_dirs = lambda: {name: copy / name for name in ("etl", "checks", "reports")}
from taizhang.assets.definitions import build_definitions
graph = build_definitions(sys.argv[1]).resolve_asset_graph()
with dg.DagsterInstance.get() as instance:
    view = AssetGraphView(temporal_context=TemporalContext(effective_dt=get_current_datetime(), last_event_id=None),
                          instance=instance, asset_graph=graph)
    resolver = CachingStaleStatusResolver(instance, graph, view)
    print(json.dumps(sorted(k.to_user_string() for k in graph.materializable_asset_keys
                            if resolver.get_status(k).value != "FRESH")))
"""


def stale(home, code_copy=None) -> set[str]:
    """What the UI marks stale (or missing) right now, from a fresh process as the webserver computes it."""
    args = [sys.executable, "-c", STALE_SCRIPT, str(home.root), *([str(code_copy)] if code_copy else [])]
    r = subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=300,
        env=env(DAGSTER_HOME=home.dagster_home, TAIZHANG_HOME=home.root),
    )
    assert r.returncode == 0, r.stderr
    return set(json.loads(r.stdout.strip().splitlines()[-1]))


def sensor_tick(home, instance):
    """One tick of the inbox sensor against the home's instance, its observations recorded as the daemon does."""
    with dg.build_sensor_context(
        instance=instance, resources={"warehouse": Warehouse(home=str(home.root))}
    ) as ctx:
        result = inbox_sensor(ctx)
    if isinstance(result, dg.SkipReason):
        return []
    for event in result.asset_events or []:
        instance.report_runless_asset_event(event)
    return result.run_requests or []


def headline(home, as_of=AS_OF) -> list[tuple]:
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        return con.execute(
            """SELECT indicator, numerator, denominator, value FROM marts.headline_indicators
                              WHERE as_of = ? ORDER BY scope_kind, scope, indicator""",
            [as_of],
        ).fetchall()
    finally:
        con.close()


@pytest.fixture
def town(home):
    write_small_town(home.inbox)
    assert run_pipeline(home, AS_OF).success
    return home


def test_nothing_is_stale_after_a_run_and_a_changed_file_marks_exactly_its_dependents(town):
    assert stale(town) == set()
    write_xlsx(
        town.inbox / "林山村-矛盾纠纷-2023年10月.xlsx",
        {
            "10月": [
                ["西天尾镇林山村2023年10月矛盾纠纷排查化解台账"],
                DISPUTE_HEADER,
                [1, "2023-10-02", "邻里纠纷", "张三", "", "排水", "村", "已化解", "2023-10-05", None],
            ]
        },
    )
    with dg.DagsterInstance.get() as instance:
        (request,) = sensor_tick(town, instance)
    # the file fed staging.disputes; every file is in meta.source_files and may put rows in quarantine
    assert stale(town) == {"staging/disputes", "meta/source_files", "quarantine/rejected_rows"}
    assert run_pipeline(town, AS_OF).success
    assert stale(town) == set()
    with dg.DagsterInstance.get() as instance:
        assert sensor_tick(town, instance) == []  # the run's own observation: nothing new to the sensor
    assert request.run_config["resources"]["period"]["config"]["as_of"]


def test_a_changed_reference_csv_marks_the_assets_whose_code_reads_it(town, tmp_path):
    copy = tmp_path / "code"
    for name, folder in fp.package_dirs().items():
        shutil.copytree(folder, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "etl" / "ref" / "unit_aliases.csv").open("a", encoding="utf-8") as aliases:
        aliases.write("林山行政村,linshan,,,测试\n")
    assert stale(town, copy) == {
        "ref/town_reference",
        "meta/source_files",
        "quarantine/rejected_rows",
        *(
            f"staging/{k}"
            for k in (
                "disputes",
                "key_projects",
                "petitions",
                "legal_visits",
                "grid_events",
                "party_activities",
            )
        ),
    }


def test_runs_from_the_ui_and_the_sensor_report_the_command_lines_figures(home):
    """The home pins its reporting date: a run from the CLI without --as-of, one started from the UI without
    config and one the sensor starts for a file that landed later all build the marts as of that date."""
    write_small_town(home.inbox)
    home.pin_reporting_date(AS_OF)
    assert main(["run", "--home", str(home.root)]) == 0
    cli_figures = headline(home)
    assert cli_figures
    prepare_instance(home)
    job = build_definitions(str(home.root)).resolve_job_def("taizhang_all")
    with dg.DagsterInstance.get() as instance:
        ui_run = job.execute_in_process(instance=instance, run_config={})  # "Materialize all": no config
        assert ui_run.success
        assert instance.get_run_by_id(ui_run.run_id).tags["as_of"] == AS_OF.isoformat()
        assert headline(home) == cli_figures
        write_xlsx(
            home.inbox / "龙山村-矛盾纠纷-2023年11月.xlsx",
            {
                "Sheet1": [
                    ["龙山村2023年11月矛盾纠纷排查化解台账"],
                    DISPUTE_HEADER,
                    [1, "2023-11-20", "邻里纠纷", "某某", "", "排水", "村", "已化解", "2023-11-21", None],
                ]
            },
        )
        (request,) = sensor_tick(home, instance)
        assert request.run_config["resources"]["period"]["config"]["as_of"] == AS_OF.isoformat()
        ingest_job = build_definitions(str(home.root)).resolve_job_def("daily_ingest")
        sensor_run = ingest_job.execute_in_process(instance=instance, run_config=request.run_config)
        assert sensor_run.success
    assert headline(home) == cli_figures  # the November file is after the reporting date
    assert not headline(home, dt.date(2023, 11, 30))  # and no other date was built behind anyone's back


def test_one_mart_is_materialized_alone(town):
    prepare_instance(town)
    defs = build_definitions(str(town.root))
    job = defs.resolve_implicit_global_asset_job_def()
    con = duckdb.connect(str(town.warehouse))
    con.execute("DELETE FROM marts.dispute_levels")
    con.close()
    with dg.DagsterInstance.get() as instance:
        result = job.execute_in_process(
            instance=instance,
            asset_selection=[MART["dispute_levels"]],
            run_config={"resources": {"period": {"config": {"as_of": AS_OF.isoformat()}}}},
        )
    assert result.success
    assert [e.asset_key for e in result.get_asset_materialization_events()] == [MART["dispute_levels"]]
    con = duckdb.connect(str(town.warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM marts.dispute_levels WHERE as_of = ?", [AS_OF]).fetchone()[0] > 0
    con.close()


def test_the_definitions_load_without_a_dagster_home_warning(tmp_path):
    code = "import warnings; warnings.simplefilter('error'); import taizhang.assets.definitions"
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**env(), "TAIZHANG_HOME": str(tmp_path)},
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    assert os.path.isdir(tmp_path)
