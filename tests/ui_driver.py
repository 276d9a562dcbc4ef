"""Drives `taizhang ui` in a subprocess through the Dagster webserver's GraphQL API."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class UiSession:
    """`taizhang ui` on a free port, ready once its code location has loaded. A loaded machine can take
    minutes to start three Python processes: the wait is long (TAIZHANG_UI_WAIT, default 600 s) but ends at
    once when `taizhang ui` exits, with its log in the error."""

    def __init__(self, home, timeout: float | None = None):
        self.home, self.port = home, free_port()
        self.timeout = timeout or float(os.environ.get("TAIZHANG_UI_WAIT", "600"))
        self.url = f"http://127.0.0.1:{self.port}"
        self.stopped_cleanly = False

    def __enter__(self):
        env = {**os.environ, "TAIZHANG_HOME": str(self.home.root)}
        # a file, not a pipe: the run workers log a lot, and an unread pipe would block them
        self.log_path = self.home.root / "ui.log"
        self.log = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in __exit__
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "taizhang", "ui", "--home", str(self.home.root), "--port", str(self.port)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if self.location_loaded():
                    return self
            except (OSError, AssertionError, KeyError, TypeError, ValueError):
                pass  # not listening yet, or still loading
            time.sleep(1)
        self.__exit__(None, None, None)
        raise TimeoutError(
            f"taizhang ui did not come up (exit {self.proc.returncode}):\n"
            + self.log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        )

    def location_loaded(self) -> bool:
        entries = self.graphql("""{ workspaceOrError { ... on Workspace { locationEntries {
            name loadStatus locationOrLoadError { __typename } } } } }""")["workspaceOrError"][
            "locationEntries"
        ]
        return any(
            e["loadStatus"] == "LOADED" and e["locationOrLoadError"]["__typename"] == "RepositoryLocation"
            for e in entries
        )

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        out = self.log_path.read_text(encoding="utf-8", errors="replace")
        self.stopped_cleanly = self.proc.returncode == 0 and "已停止" in out

    def graphql(self, query: str, variables: dict | None = None) -> dict:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        req = urllib.request.Request(
            f"{self.url}/graphql", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            data = json.loads(r.read())
        if data.get("errors"):
            raise AssertionError(data["errors"])
        return data["data"]

    def asset_nodes(self) -> list[dict]:
        return self.graphql("{ assetNodes { assetKey { path } description groupName } }")["assetNodes"]

    def launch(self, job: str, run_config: dict) -> str:
        mutation = """mutation($params: ExecutionParams!) { launchPipelineExecution(executionParams: $params) {
            __typename ... on LaunchRunSuccess { run { runId } } ... on PythonError { message }
            ... on RunConfigValidationInvalid { errors { message } } } }"""
        params = {
            "selector": {
                "repositoryLocationName": "taizhang",
                "repositoryName": "__repository__",
                "pipelineName": job,
            },
            "runConfigData": run_config,
        }
        result = self.graphql(mutation, {"params": params})["launchPipelineExecution"]
        assert result["__typename"] == "LaunchRunSuccess", result
        return result["run"]["runId"]

    def wait(self, run_id: str, timeout: float = 300) -> str:
        deadline = time.monotonic() + timeout
        status = None
        while time.monotonic() < deadline:
            status = self.graphql(
                "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }", {"id": run_id}
            )["runOrError"]["status"]
            if status in ("SUCCESS", "FAILURE", "CANCELED"):
                return status
            time.sleep(2)
        return status
