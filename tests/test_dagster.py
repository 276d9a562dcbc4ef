"""The Dagster layer: definitions, lineage, the in-process pipeline, the sensor and the schedules."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest
from small_town import write_small_town
from taizhang.assets.automation import daily_ingest_schedule, inbox_sensor, monthly_report_schedule
from taizhang.assets.definitions import build_definitions
from taizhang.assets.resources import Warehouse
from taizhang.assets.runner import LOCATION_NAME, REPOSITORY_NAME, prepare_instance, run_pipeline

SNAPSHOT = Path(__file__).parent / "snapshots" / "asset_graph.txt"


def _graph_lines(defs: dg.Definitions) -> list[str]:
    graph = defs.resolve_asset_graph()
    lines = []
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        deps = ", ".join(sorted(p.to_user_string() for p in node.parent_keys))
        lines.append(f"{key.to_user_string()} [{node.group_name}] <- {deps}")
    for check in sorted(graph.asset_check_keys, key=lambda c: (c.asset_key.to_user_string(), c.name)):
        lines.append(f"check {check.asset_key.to_user_string()}:{check.name}")
    return lines


def test_every_asset_has_a_description_a_group_and_kinds(tmp_path):
    defs = build_definitions(str(tmp_path))
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description and len(node.description) > 8, key
        assert node.group_name in {"reference", "ingest", "marts", "charts", "reports"}, key
        assert node.kinds, key


def test_asset_graph_matches_the_snapshot(tmp_path):
    """Lineage is part of the interface: inbox → staging → marts → charts/reports. UPDATE_SNAPSHOTS=1 rewrites."""
    lines = _graph_lines(build_definitions(str(tmp_path)))
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot: run with UPDATE_SNAPSHOTS=1 and review it"
    assert lines == SNAPSHOT.read_text(encoding="utf-8").splitlines()


def test_lineage_reads_inbox_to_staging_to_marts_to_reports(tmp_path):
    graph = build_definitions(str(tmp_path)).resolve_asset_graph()
    staging = dg.AssetKey(["staging", "disputes"])
    assert dg.AssetKey(["inbox", "disputes"]) in graph.get(staging).parent_keys
    assert staging in graph.get(dg.AssetKey(["marts", "dispute_resolution_by_unit"])).parent_keys
    word = graph.get(dg.AssetKey(["reports", "word_report"]))
    assert dg.AssetKey(["charts", "dispute_rate_by_unit"]) in word.parent_keys


def test_loading_the_definitions_imports_neither_gx_nor_matplotlib():
    code = (
        "import sys, taizhang.assets.definitions; "
        "print(json.dumps([m for m in ('great_expectations', 'matplotlib') if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_the_whole_pipeline_runs_in_process_on_a_small_town(home):
    expected = write_small_town(home.inbox)
    outcome = run_pipeline(home, expected["as_of"])
    assert outcome.success, outcome.failure
    assert outcome.as_of == "2023-10-31"
    assert not outcome.checks.failed and outcome.checks.passed
    import duckdb

    con = duckdb.connect(str(home.warehouse), read_only=True)
    value = con.execute("""SELECT value FROM marts.headline_indicators WHERE as_of = DATE '2023-10-31'
                           AND scope_kind = 'town' AND indicator = 'dispute_resolution_rate'""").fetchone()[0]
    con.close()
    assert value == expected["dispute_resolution_rate"]
    pack = home.reports / "2023-10-31"
    assert (pack / "西天尾镇报表_2023-10-31.xlsx").exists()
    assert list(pack.glob("*.docx")) and len(list((pack / "charts").glob("*.png"))) >= 10
    # the run is in the home's instance, so the UI shows it
    with dg.DagsterInstance.get() as instance:
        run = instance.get_run_by_id(outcome.run_id)
        assert run is not None
        # under the UI's code location: the Overview timeline leaves out runs without a repository origin
        origin = run.remote_job_origin
        assert origin is not None and origin.job_name == "taizhang_all"
        assert origin.repository_origin.code_location_origin.location_name == LOCATION_NAME
        assert origin.repository_origin.repository_name == REPOSITORY_NAME
        # only tags that say something: the reporting date and who started it (no host, pid, start time)
        assert {k: v for k, v in run.tags.items() if not k.startswith("dagster/")} == {
            "as_of": "2023-10-31",
            "trigger": "命令行",
        }
        _assert_the_ui_shows_tables_and_the_chart(instance)


def _latest_metadata(instance, key: dg.AssetKey) -> dict:
    event = instance.get_latest_materialization_event(key)
    assert event is not None, key
    return dict(event.asset_materialization.metadata)


def _assert_the_ui_shows_tables_and_the_chart(instance) -> None:
    """The headline figures and the rates by unit are tables with Chinese headers on their assets, the key
    chart is an image on its own, and every label the analyst reads is Chinese."""
    from taizhang.assets import labels

    headline = _latest_metadata(instance, dg.AssetKey(["marts", "headline_indicators"]))
    table = headline[labels.HEADLINE]
    assert isinstance(table, dg.TableMetadataValue)
    assert [c.name for c in table.schema.columns] == ["指标", "数值", "单位", "分子", "分母"]
    rate = next(r.data for r in table.records if r.data["指标"] == "矛盾纠纷化解率")
    assert rate["单位"] == "%" and rate["数值"] == pytest.approx(100 * rate["分子"] / rate["分母"], abs=0.01)
    assert headline[labels.AS_OF].value == "2023-10-31" and headline[labels.REDONE].value in ("是", "否")

    by_unit = _latest_metadata(instance, dg.AssetKey(["marts", "dispute_resolution_by_unit"]))[labels.BY_UNIT]
    assert isinstance(by_unit, dg.TableMetadataValue) and by_unit.records
    columns = {c.name: c.type for c in by_unit.schema.columns}
    assert columns["村社区"] == "string" and columns["化解率(%)"] == "number"
    assert all(not r.data["村社区"].isascii() for r in by_unit.records)  # unit names, not ids

    chart = _latest_metadata(instance, dg.AssetKey(["charts", "dispute_rate_by_unit"]))
    assert chart[labels.CHART].value.startswith("![各村（社区）矛盾纠纷化解率](data:image/png;base64,")
    assert chart[labels.FILE].value.endswith("dispute_rate_by_unit.png")

    for key in build_definitions().resolve_asset_graph().materializable_asset_keys:
        for label in _latest_metadata(instance, key):
            assert label.startswith("dagster/") or not label.isascii(), (key, label)


def test_a_second_run_with_no_new_files_loads_nothing(home):
    write_small_town(home.inbox)
    run_pipeline(home, dt.date(2023, 10, 31))
    import duckdb

    def counts():
        con = duckdb.connect(str(home.warehouse), read_only=True)
        try:
            return con.execute(
                "SELECT (SELECT count(*) FROM staging.disputes), (SELECT count(*) FROM meta.source_files),"
                " (SELECT count(*) FROM marts.headline_indicators)"
            ).fetchone()
        finally:
            con.close()

    before = counts()
    assert run_pipeline(home, dt.date(2023, 10, 31)).success
    assert counts() == before


def test_inbox_sensor_requests_one_run_per_new_or_changed_content_with_a_compact_cursor(home):
    warehouse = Warehouse(home=str(home.root))
    (home.inbox / "a.csv").write_text("x", encoding="utf-8")
    with dg.instance_for_test() as instance:

        def tick(cursor=None) -> tuple[list, str | None]:
            with dg.build_sensor_context(
                instance=instance, cursor=cursor, resources={"warehouse": warehouse}
            ) as ctx:
                result = inbox_sensor(ctx)
            if isinstance(result, dg.SkipReason):
                return [], cursor
            for event in result.asset_events or []:
                instance.report_runless_asset_event(event)
            return result.run_requests or [], result.cursor

        first, cursor = tick()
        assert len(first) == 1 and first[0].run_key
        assert len(cursor) <= 32  # a digest, not the inbox
        assert tick(cursor)[0] == []  # same files: nothing
        assert tick(None)[0] == []  # nor with no cursor: the observation says what Dagster already knows
        (home.inbox / "a.csv").write_text("changed", encoding="utf-8")
        changed, cursor = tick(cursor)
        assert len(changed) == 1 and changed[0].run_key != first[0].run_key
        assert tick(cursor)[0] == []


def test_schedules_run_in_shanghai_time():
    assert daily_ingest_schedule.cron_schedule == "0 7 * * *"
    assert monthly_report_schedule.cron_schedule == "0 8 1 * *"
    assert (
        daily_ingest_schedule.execution_timezone
        == monthly_report_schedule.execution_timezone
        == "Asia/Shanghai"
    )


def test_monthly_report_pack_is_as_of_the_last_day_of_the_previous_month(home):
    when = dt.datetime(2023, 12, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with dg.build_schedule_context(
        scheduled_execution_time=when, resources={"warehouse": Warehouse(home=str(home.root))}
    ) as ctx:
        request = monthly_report_schedule(ctx)
    assert request.partition_key == "2023-11-01"
    job = build_definitions().resolve_job_def("monthly_report_pack")
    config = job.get_run_config_for_partition_key(request.partition_key)
    assert config["resources"]["period"]["config"]["as_of"] == "2023-11-30"


def test_instance_config_sets_the_writer_pool(home):
    prepare_instance(home)
    text = (home.dagster_home / "dagster.yaml").read_text(encoding="utf-8")
    assert "default_limit: 1" in text
    defs = build_definitions(str(home.root))
    ingest_node = defs.resolve_assets_def(dg.AssetKey(["staging", "disputes"]))
    assert ingest_node.op.pool == "duckdb_writer"


@pytest.mark.slow
def test_ui_serves_the_graph_and_runs_the_full_job(home, tmp_path):
    from ui_driver import UiSession

    write_small_town(home.inbox)
    with UiSession(home) as ui:
        nodes = ui.asset_nodes()
        keys = {"/".join(n["assetKey"]["path"]) for n in nodes}
        assert {"staging/disputes", "marts/headline_indicators", "reports/word_report"} <= keys
        assert all(n["description"] for n in nodes)
        run_id = ui.launch("taizhang_all", {"resources": {"period": {"config": {"as_of": "2023-10-31"}}}})
        assert ui.wait(run_id) == "SUCCESS"
    assert ui.stopped_cleanly


def test_a_blocking_check_holds_back_marts_and_reports_and_run_exits_3(home, capsys):
    """Data that breaks a critical expectation (here: a category outside the canonical set, as if someone
    edited staging by hand) stops the marts and the report pack in the same run; the CLI says why and exits 3."""
    import duckdb

    from taizhang.cli import main

    write_small_town(home.inbox)
    assert main(["ingest", str(home.inbox), "--home", str(home.root)]) == 0
    con = duckdb.connect(str(home.warehouse))
    con.execute("UPDATE staging.disputes SET dispute_type = '打架斗殴' WHERE row_number = 3")
    con.close()
    code = main(["run", "--as-of", "2023-10-31", "--home", str(home.root)])
    out = capsys.readouterr().out
    assert code == 3
    assert "未通过 staging/disputes:disputes_categories" in out
    assert not (home.reports / "2023-10-31").exists()  # no report pack from broken data
    con = duckdb.connect(str(home.warehouse), read_only=True)
    marts = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'marts'"
    ).fetchone()[0]
    con.close()
    assert marts == 0


def test_unchanged_staging_reuses_its_check_outcomes_and_any_edit_invalidates_them(home):
    import duckdb
    from taizhang.assets.checks import table_fingerprint
    from taizhang.checks.data_docs import cached_outcomes

    write_small_town(home.inbox)
    assert run_pipeline(home, dt.date(2023, 10, 31)).success
    con = duckdb.connect(str(home.warehouse))
    before = table_fingerprint(con, "disputes")
    con.close()
    assert cached_outcomes(home.reports, "staging.disputes", before)  # recorded with this fingerprint
    second = run_pipeline(home, dt.date(2023, 10, 31))
    assert second.success and not second.checks.failed and second.checks.passed
    con = duckdb.connect(str(home.warehouse))
    con.execute("UPDATE staging.disputes SET level = '镇' WHERE row_number = 3")
    after = table_fingerprint(con, "disputes")
    con.close()
    assert after != before and cached_outcomes(home.reports, "staging.disputes", after) is None


def test_a_no_change_rerun_does_not_redraw_the_pack_but_new_data_does(home):
    write_small_town(home.inbox)
    assert run_pipeline(home, dt.date(2023, 10, 31)).success
    pack = home.reports / "2023-10-31"
    chart, word = pack / "charts" / "dispute_rate_by_unit.png", next(pack.glob("*.docx"))
    first = (chart.stat().st_mtime_ns, word.stat().st_mtime_ns)
    assert run_pipeline(home, dt.date(2023, 10, 31)).success
    assert (chart.stat().st_mtime_ns, word.stat().st_mtime_ns) == first
    from builders import DISPUTE_HEADER, write_xlsx

    write_xlsx(
        home.inbox / "龙山村-矛盾纠纷-2023年10月.xlsx",
        {
            "Sheet1": [
                ["龙山村2023年10月矛盾纠纷排查化解台账"],
                DISPUTE_HEADER,
                [1, "2023-10-12", "邻里纠纷", "某某", "", "排水", "村", "已化解", "2023-10-13", None],
            ]
        },
    )
    grid_chart = pack / "charts" / "grid_events_by_type.png"  # its marts do not change with a dispute file
    grid_before = grid_chart.stat().st_mtime_ns
    assert run_pipeline(home, dt.date(2023, 10, 31)).success
    assert chart.stat().st_mtime_ns != first[0] and word.stat().st_mtime_ns != first[1]
    assert grid_chart.stat().st_mtime_ns == grid_before
