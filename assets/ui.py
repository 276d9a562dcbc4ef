"""`taizhang ui`: the Dagster webserver and daemon for a home folder, on 127.0.0.1 only.

One code server serves the definitions to both (left to themselves, webserver and daemon each start their
own, and the daemon's, replaced every minute, logs "No heartbeat received in 20 seconds" as it goes).
All three run as children of `taizhang ui` in its process group (Ctrl-C in the terminal reaches them all),
each under a watchdog thread that ends it — and what it started: run workers — as soon as `taizhang ui` is
gone, however it went (kill -9 included). The watchdog polls the parent through psutil, which works the same
on Windows and Linux; Linux's PR_SET_PDEATHSIG would cover only the direct children and only on Linux.

    python -m taizhang.assets.ui --child PARENT_PID PARENT_STARTED NAME ARGS…   (what serve() starts)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from taizhang.etl.home import Home

from .runner import prepare_instance

HOST = "127.0.0.1"  # never 0.0.0.0: for a shared office server put an authenticating proxy in front (README)
WATCH_INTERVAL = 1.0  # seconds between two looks at the parent
GRACE = 10.0  # seconds a child and its own children get to stop before they are killed
ENTRY_POINTS = {
    "code-server": ("dagster._cli:main", "dagster"),
    "webserver": ("dagster_webserver.cli:main", "dagster-webserver"),
    "daemon": ("dagster._daemon.cli:main", "dagster-daemon"),
}
CODE_SERVER_WAIT = 600.0  # seconds the definitions may take to load (a busy machine)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def ui_workspace(home: Home, code_port: int) -> Path:
    """The workspace of this `taizhang ui`: the code location served by our one code server."""
    from .runner import LOCATION_NAME

    path = home.dagster_home / "ui-workspace.yaml"
    path.write_text(
        "# written by `taizhang ui` at each start: the code server it runs\nload_from:\n"
        f"  - grpc_server:\n      host: {HOST}\n      port: {code_port}\n"
        f"      location_name: {LOCATION_NAME}\n",
        encoding="utf-8",
    )
    return path


def child_args(home: Home, port: int, code_port: int) -> dict[str, list[str]]:
    from .runner import LOCATION_NAME

    location = ["-w", str(ui_workspace(home, code_port))]
    return {
        "code-server": [
            "code-server",
            "start",
            "-m",
            "taizhang.assets.definitions",
            "-a",
            "defs",
            "-h",
            HOST,
            "-p",
            str(code_port),
            "--location-name",
            LOCATION_NAME,
        ],
        "webserver": ["-h", HOST, "-p", str(port), *location],
        "daemon": ["run", *location],
    }


def command(name: str, args: list[str]) -> list[str]:
    import psutil

    me = psutil.Process()
    return [
        sys.executable,
        "-m",
        "taizhang.assets.ui",
        "--child",
        str(me.pid),
        repr(me.create_time()),
        name,
        *args,
    ]


def _wait_for_code_server(port: int, proc: subprocess.Popen, state: dict) -> bool:
    """Until the code server has loaded the definitions (or died, or we are told to stop)."""
    from dagster._grpc.client import DagsterGrpcClient

    client = DagsterGrpcClient(port=port, host=HOST)
    deadline = time.monotonic() + CODE_SERVER_WAIT
    while time.monotonic() < deadline and proc.poll() is None and not state["stopping"]:
        try:
            client.ping("")
            return True
        except Exception:  # noqa: BLE001 - not listening yet
            time.sleep(0.5)
    return False


def _stop_tree(proc, grace: float = GRACE) -> None:
    """Terminate a process and everything under it; kill what is still there after `grace` seconds."""
    import psutil

    try:
        tree = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for p in reversed(tree):
        try:
            p.terminate()
        except psutil.NoSuchProcess:
            pass
    _gone, alive = psutil.wait_procs(tree, timeout=grace)
    for p in alive:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass


def serve(home: Home, port: int = 3000) -> int:
    """Start the code server, then webserver and daemon; print the URL; stop them all on Ctrl-C (or when one
    of them ends)."""
    import psutil

    prepare_instance(home)
    env = {**os.environ, "DAGSTER_HOME": str(home.dagster_home), "TAIZHANG_HOME": str(home.root)}
    code_port = free_port()
    args = child_args(home, port, code_port)
    state = {"stopping": False}

    def stop(*_):
        state["stopping"] = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # children stay in our process group (no new session): Ctrl-C in the terminal reaches them all
    procs = [subprocess.Popen(command("code-server", args["code-server"]), env=env)]
    code = 0
    try:
        print(f"正在加载台账定义……（数据目录 {home.root}）", flush=True)
        if _wait_for_code_server(code_port, procs[0], state):
            procs += [
                subprocess.Popen(command(name, args[name]), env=env) for name in ("webserver", "daemon")
            ]
            print(f"Dagster 界面：http://{HOST}:{port}   （按 Ctrl-C 停止）", flush=True)
        elif not state["stopping"]:
            print("台账定义未能加载，界面未启动（详见上面的错误信息）。", file=sys.stderr)
            code, state["stopping"] = 1, True
        while not state["stopping"]:
            for p in procs:
                if p.poll() is not None:
                    print(f"{p.args[6]} 已退出（代码 {p.returncode}）", file=sys.stderr)
                    code, state["stopping"] = p.returncode or 1, True
            time.sleep(0.5)
    finally:
        for p in reversed(procs):
            try:
                _stop_tree(psutil.Process(p.pid))
            except psutil.NoSuchProcess:
                pass
            p.wait()
        print("已停止 Dagster 界面和后台进程。")
    return code


# --- the child side ----------------------------------------------------------------------------------------


def _parent_alive(pid: int, started: float) -> bool:
    import psutil

    try:
        parent = psutil.Process(pid)
        return abs(parent.create_time() - started) < 1.0 and parent.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _watch(pid: int, started: float) -> None:
    """Runs in a thread of the child: when `taizhang ui` is gone, end this process and all it started."""
    import psutil

    while _parent_alive(pid, started):
        time.sleep(WATCH_INTERVAL)
    me = psutil.Process()
    for child in me.children(recursive=True):
        _stop_tree(child, grace=GRACE / 2)
    os._exit(0)


def run_child(argv: list[str]) -> None:
    """`--child PARENT_PID PARENT_STARTED NAME ARGS…`: watch the parent, then run the Dagster command."""
    from importlib import import_module

    _flag, pid, started, name, *args = argv
    threading.Thread(
        target=_watch, args=(int(pid), float(started)), daemon=True, name="taizhang-watchdog"
    ).start()
    target, program = ENTRY_POINTS[name]
    module, func = target.split(":")
    sys.argv = [str(Path(sys.executable).with_name(program)), *args]
    sys.exit(getattr(import_module(module), func)())


if __name__ == "__main__":
    run_child(sys.argv[1:])
