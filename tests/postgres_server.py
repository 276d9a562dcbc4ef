"""A throw-away Postgres for the county's integration test: Debian's `postgresql` binaries (initdb, pg_ctl),
a data folder in a fresh temporary directory, 127.0.0.1 on a free port, trust authentication, stopped and
deleted afterwards. Nothing is installed here: where no binaries are found, or the server does not start,
`start()` raises Unavailable with the reason and the test skips with it.

Postgres refuses to run as root; as root (CI on this machine) the server runs as the `postgres` user that
Debian's package creates (through `runuser`)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

START_WAIT = 60  # seconds pg_ctl waits for the server


class Unavailable(RuntimeError):
    pass


@dataclass
class Server:
    url: str
    folder: Path
    bin: Path
    as_user: list[str]

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def find_bin() -> Path | None:
    found = os.environ.get("TAIZHANG_PG_BIN")
    if found:
        return Path(found)
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start() -> Server:
    pg_bin = find_bin()
    if pg_bin is None:
        raise Unavailable(
            "没有找到 Postgres（initdb/pg_ctl）：安装 Debian 的 postgresql 包（或设置 TAIZHANG_PG_BIN）后才能运行此测试"
        )
    folder = Path(tempfile.mkdtemp(prefix="taizhang-pg-"))
    as_user: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(folder, ignore_errors=True)
            raise Unavailable("以 root 运行，但没有 postgres 用户可用来启动 Postgres") from None
        runuser = shutil.which("runuser")
        if runuser is None:
            shutil.rmtree(folder, ignore_errors=True)
            raise Unavailable("以 root 运行，但没有 runuser 命令来以 postgres 用户启动 Postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = [runuser, "-u", "postgres", "--"]
    data, port = folder / "data", free_port()
    steps = [
        [
            str(pg_bin / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
        ],
        [
            str(pg_bin / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-t",
            str(START_WAIT),
            "-l",
            str(folder / "server.log"),
            "-o",
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
            "start",
        ],
    ]
    for step in steps:
        done = subprocess.run([*as_user, *step], capture_output=True, text=True, timeout=START_WAIT + 30)
        if done.returncode != 0:
            log = (
                (folder / "server.log").read_text(errors="replace")
                if (folder / "server.log").exists()
                else ""
            )
            shutil.rmtree(folder, ignore_errors=True)
            raise Unavailable(
                f"Postgres 未能启动（{Path(step[0]).name}）：{done.stderr.strip()[-400:]} {log[-400:]}"
            )
    server = Server(f"postgresql+psycopg2://postgres@127.0.0.1:{port}/postgres", folder, pg_bin, as_user)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.2)
    server.stop()
    raise Unavailable("Postgres 启动后没有在端口上监听")
