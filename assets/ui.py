"""`taizhang ui`: the Dagster webserver and daemon for a home folder, on 127.0.0.1 only."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from taizhang.etl.home import Home

from .runner import prepare_instance

HOST = "127.0.0.1"  # never 0.0.0.0: for a shared office server put an authenticating proxy in front (README)


def commands(home: Home, port: int) -> list[list[str]]:
    bin_dir = Path(sys.executable).parent
    location = ["-w", str(home.dagster_home / "workspace.yaml")]
    return [
        [str(bin_dir / "dagster-webserver"), "-h", HOST, "-p", str(port), *location],
        [str(bin_dir / "dagster-daemon"), "run", *location],
    ]


def serve(home: Home, port: int = 3000) -> int:
    """Start webserver and daemon, print the URL, stop both cleanly on Ctrl-C."""
    prepare_instance(home)
    env = {**os.environ, "DAGSTER_HOME": str(home.dagster_home), "TAIZHANG_HOME": str(home.root)}
    procs = [subprocess.Popen(cmd, env=env, start_new_session=True) for cmd in commands(home, port)]
    print(f"Dagster 界面：http://{HOST}:{port}   （数据目录 {home.root}；按 Ctrl-C 停止）", flush=True)
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    try:
        while not stopping:
            for p in procs:
                if p.poll() is not None:
                    print(f"{Path(p.args[0]).name} 已退出（代码 {p.returncode}）", file=sys.stderr)
                    code, stopping = p.returncode or 1, True
            time.sleep(0.5)
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        print("已停止 Dagster 界面和后台进程。")
    return code
