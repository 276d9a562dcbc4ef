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


def test_a_run_from_the_ui_without_config_is_as_of_the_homes_date_and_the_log_stays_quiet(home):
    write_small_town(home.inbox)
    home.pin_reporting_date(AS_OF)
    started = time.monotonic()
    with UiSession(home) as ui:
        run_id = ui.launch("taizhang_all", {})
        assert ui.wait(run_id) == "SUCCESS"
        tags = ui.graphql(
            "query($id: ID!) { runOrError(runId: $id) { ... on Run { tags { key value } } } }", {"id": run_id}
        )["runOrError"]["tags"]
        assert {t["key"]: t["value"] for t in tags}.get("as_of") == AS_OF.isoformat()
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
