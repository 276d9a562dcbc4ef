"""`taizhang ui`: a run started from the UI without any config reports as of the home's date; a healthy UI
logs no warnings; killing `taizhang ui` (even with kill -9) ends its children, and a new one starts."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time

import psutil
import pytest
from small_town import write_small_town
from ui_driver import UiSession

pytestmark = pytest.mark.integration
AS_OF = dt.date(2023, 10, 31)
QUIET_FOR = 75.0  # seconds: more than one tick of the sensor and one round of the daemon's heartbeats


# what the Overview timeline asks of each run (dagster-webserver's RunTimelineFragment): a run without a
# repository origin, or with one the workspace does not know, is left off the timeline
TIMELINE = """query($ids: [String!]) { runsOrError(filter: {runIds: $ids}) { ... on Runs { results {
    runId pipelineName tags { key value } repositoryOrigin { repositoryName repositoryLocationName } } } } }"""


def test_a_run_from_the_ui_without_config_is_as_of_the_homes_date_and_the_log_stays_quiet(home):
    from taizhang.assets.runner import run_pipeline

    write_small_town(home.inbox)
    home.pin_reporting_date(AS_OF)
    cli_run = run_pipeline(home)  # `taizhang run`: in-process, before the UI starts
    assert cli_run.success, cli_run.failure
    started = time.monotonic()
    with UiSession(home) as ui:
        run_id = ui.launch("taizhang_all", {})
        assert ui.wait(run_id) == "SUCCESS"
        runs = {
            r["runId"]: r
            for r in ui.graphql(TIMELINE, {"ids": [cli_run.run_id, run_id]})["runsOrError"]["results"]
        }
        for run in runs.values():  # both on the Overview timeline, under the one code location
            assert run["repositoryOrigin"] == {
                "repositoryName": "__repository__",
                "repositoryLocationName": "taizhang",
            }
        tags = {r: {t["key"]: t["value"] for t in run["tags"]} for r, run in runs.items()}
        assert tags[run_id].get("as_of") == tags[cli_run.run_id].get("as_of") == AS_OF.isoformat()
        assert tags[cli_run.run_id].get("trigger") == "命令行"
        for run_tags in tags.values():  # the date and who started it; Dagster's own dagster/… tags aside
            assert set(run_tags) - {"as_of", "trigger"} <= {"dagster/code_location", "dagster/from_ui"}
        time.sleep(max(0.0, QUIET_FOR - (time.monotonic() - started)))
    assert ui.stopped_cleanly
    log = ui.log_path.read_text(encoding="utf-8", errors="replace")
    assert "No heartbeat received" not in log
    assert [line for line in log.splitlines() if " - WARNING - " in line or "Warning:" in line] == []


def test_kill_9_of_taizhang_ui_ends_its_children_and_a_new_ui_starts(home):
    with UiSession(home) as ui:
        children = psutil.Process(ui.proc.pid).children(recursive=True)
        assert len(children) >= 3  # code server, webserver, daemon (and what they started)
        os.kill(ui.proc.pid, signal.SIGKILL)
        gone, alive = psutil.wait_procs(children, timeout=60)
        assert alive == [], [p.cmdline() for p in alive if p.is_running()]
    with UiSession(home) as again:  # nothing left holding the instance or the ports
        assert again.location_loaded()
    assert again.stopped_cleanly
