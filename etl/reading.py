"""Reading files in reader processes, each file on a leash, ahead of the writer and in order.

Every file is parsed in a reader process, never in the writer's: a parser that a damaged or hostile file
drives into unbounded memory, a crash or an endless loop takes down its reader, not the run. Each reader has

* a memory ceiling: its address space is capped (`resource.setrlimit(RLIMIT_AS)` on Linux and BSD);
  elsewhere (Windows, macOS; or with TAIZHANG_READER_MEMORY_WATCH=1) the writer watches the reader's
  resident memory (psutil) and kills it above the ceiling. TAIZHANG_READER_MEMORY_MB, default 2048.
* a wall-clock limit per file: a reader still busy with one file after TAIZHANG_READ_TIMEOUT seconds
  (default 300) is killed.

A file whose reader runs out of memory, is killed for time or dies is rejected with a plain reason
(MEMORY_REASON, TIMEOUT_REASON, READER_DIED) and the rest are read on; a file whose reader died is first
read once more by another reader, so a passing trouble (the machine's own OOM killer) is not blamed on it.
A reader that cannot start stops the run (ReadersFailed): that is the machine, not the files.

Readers are started once per process and reused across files and calls (starting one costs ~0.3 s); a dead
one is replaced. They end with their parent: on Linux the kernel kills them (PR_SET_PDEATHSIG); everywhere
a thread in the reader waits on the parent's sentinel and exits when it is gone.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from .files import sha256_if_regular
from .outcome import FileOutcome
from .reader import FileReader

WORKERS_ENV = "TAIZHANG_INGEST_WORKERS"
MEMORY_ENV = "TAIZHANG_READER_MEMORY_MB"
TIMEOUT_ENV = "TAIZHANG_READ_TIMEOUT"
DEFAULT_MEMORY_MB = 2048
DEFAULT_TIMEOUT_S = 300.0
START_TIMEOUT_S = 120.0  # a reader that has not started by then will not: the machine is in trouble
READ_AHEAD = 8  # files handed out per reader beyond the one the writer waits for: memory stays flat
WATCH_INTERVAL_S = 0.1  # how often the writer looks at a reader's memory where the kernel does not cap it
_RLIMIT = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))  # macOS does not enforce RLIMIT_AS
WATCH_ENV = "TAIZHANG_READER_MEMORY_WATCH"  # 1: watch memory from the writer even where the kernel could cap it

MEMORY_REASON = ("文件结构损坏，读取时超出内存上限，无法读取。请用 Excel 或 WPS 打开这个文件，确认内容正常后“另存为”"
                 "一个新的 .xlsx 文件再报送；如果表格确实很大，请按月份拆成几个文件分别报送")
TIMEOUT_REASON = ("读取超时：这个文件读了很久仍未读完，可能已损坏或异常庞大，已停止读取。请用 Excel 或 WPS 打开后"
                  "“另存为”一个新的 .xlsx 文件再报送")
READER_DIED = ("读取这个文件时读取程序意外退出，文件可能已损坏或含有异常内容。请用 Excel 或 WPS 打开后另存为 .xlsx，"
               "检查无误后重新报送")
INTERNAL_ERROR = ("读取这个文件时程序内部出错（已记录，不一定是文件的问题），这个文件暂未导入，其他文件不受影响。"
                  "请把这个文件交给镇里的系统管理员")

log = logging.getLogger(__name__)


class ReadersFailed(RuntimeError):
    """The reader processes fail whatever they read: a machine problem, said plainly, not blamed on files."""


def default_workers() -> int:
    """Reader processes beside the writer: TAIZHANG_INGEST_WORKERS, else one per spare core (at least one, at
    most four). Fewer than one is one: no file is parsed in the writer's own process."""
    try:
        return max(1, int(os.environ[WORKERS_ENV]))
    except (KeyError, ValueError):
        return max(1, min(4, (os.cpu_count() or 1) - 1))


@dataclass(frozen=True)
class Leash:
    """What one reader may use for one file."""

    memory_mb: int = DEFAULT_MEMORY_MB
    timeout_s: float = DEFAULT_TIMEOUT_S
    kernel_cap: bool = _RLIMIT  # the kernel caps the reader's memory; else the writer watches it

    @classmethod
    def from_env(cls) -> Leash:
        return cls(memory_mb=int(_env_number(MEMORY_ENV, DEFAULT_MEMORY_MB)),
                   timeout_s=_env_number(TIMEOUT_ENV, DEFAULT_TIMEOUT_S),
                   kernel_cap=_RLIMIT and os.environ.get(WATCH_ENV, "").strip() != "1")


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"environment variable {name}={raw!r} is not a number") from None
    if not value > 0:
        raise ValueError(f"environment variable {name}={raw!r} must be greater than 0")
    return value


def read_in_order(reader: FileReader, paths: list[Path], workers: int | None = None) -> Iterator[FileOutcome]:
    """Each path's outcome, in the paths' order, read in leashed reader processes while the caller stores
    the ones before (`workers` readers, default `default_workers()`, never more than there are files)."""
    if not paths:
        return
    wanted = min(default_workers() if workers is None else max(1, workers), len(paths))
    pool = _pool(reader.key, Leash.from_env())
    if pool.busy:
        pool = ReaderPool(reader.key, pool.leash)
        try:
            yield from pool.read(paths, wanted, reader.tokeniser)
        finally:
            pool.close()
        return
    yield from pool.read(paths, wanted, reader.tokeniser)


def warm_up(key: bytes, files: int = 1) -> None:
    """Start the readers now (a reader takes ~0.3 s to start), so they are ready when the files are."""
    _pool(key, Leash.from_env()).grow(min(default_workers(), max(1, files)))


# --- the pool ----------------------------------------------------------------------------------------------

_POOLS: list[ReaderPool] = []  # at most one: the readers of this process, reused across calls
_POOLS_LOCK = threading.Lock()


def _pool(key: bytes, leash: Leash) -> ReaderPool:
    """The process's reader pool for this key and these settings (a new one when they changed)."""
    identity = (key, leash, _reader_environment())
    with _POOLS_LOCK:
        if _POOLS and _POOLS[0].identity != identity:
            _POOLS.pop().close()
        if not _POOLS:
            _POOLS.append(ReaderPool(key, leash, identity))
        return _POOLS[0]


def _reader_environment() -> tuple:
    # readers see the environment of their start: settings that change what they do start new ones
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("TAIZHANG_")))


@atexit.register
def _close_pools() -> None:
    with _POOLS_LOCK:
        while _POOLS:
            _POOLS.pop().close()


@dataclass
class _Job:
    index: int
    path: Path
    deadline: float


class _Reader:
    """One reader process, its end of the pipe, and the file it is reading."""

    def __init__(self, context, key: bytes, leash: Leash):
        mine, theirs = context.Pipe()
        # spawn, not fork: the ingest also runs inside Dagster's process, whose threads a fork would copy mid-lock
        cap = leash.memory_mb * 2**20 if leash.kernel_cap else None
        self.process = context.Process(target=_serve, args=(theirs, key, cap),
                                       name="taizhang-reader", daemon=True)
        self.process.start()
        theirs.close()
        self.conn = mine
        self.ready = False
        self.started = time.monotonic()
        self.job: _Job | None = None

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def exitcode(self) -> int | None:
        self.process.join(5)
        return self.process.exitcode

    def memory_mb(self) -> float:
        import psutil

        try:
            return psutil.Process(self.process.pid).memory_info().rss / 2**20
        except psutil.Error:
            return 0.0


class ReaderPool:
    """Reader processes of one key and one leash; `read` hands them files and collects outcomes in order."""

    def __init__(self, key: bytes, leash: Leash, identity: tuple = ()):
        self.key, self.leash, self.identity = key, leash, identity
        self.context = multiprocessing.get_context("spawn")
        self.readers: list[_Reader] = []
        self.busy = False  # in a `read`: a second reading at once (another thread) gets readers of its own

    def grow(self, size: int) -> None:
        self.readers = [r for r in self.readers if r.process.is_alive()]
        while len(self.readers) < size:
            self.readers.append(_Reader(self.context, self.key, self.leash))

    def close(self) -> None:
        for r in self.readers:
            r.kill()
        self.readers = []

    def read(self, paths: list[Path], size: int, tokeniser) -> Iterator[FileOutcome]:
        self.busy = True
        try:
            yield from self._read(paths, size, tokeniser)
        finally:
            self.busy = False

    def _read(self, paths: list[Path], size: int, tokeniser) -> Iterator[FileOutcome]:
        self.grow(size)
        readers = self.readers[:size]
        queued = deque(enumerate(paths))
        again: deque[tuple[int, Path]] = deque()  # files whose reader died: read once more by another reader
        tries: dict[int, int] = {}
        done: dict[int, FileOutcome] = {}
        cursor = 0
        try:
            while cursor < len(paths):
                if cursor in done:
                    yield done.pop(cursor)
                    cursor += 1
                    continue
                for slot, r in enumerate(readers):
                    source = again or queued
                    if r.job is None and source and source[0][0] < cursor + READ_AHEAD * len(readers):
                        if not r.process.is_alive():  # died between files (killed from outside)
                            r = readers[slot] = self._replace(r)
                        self._hand(r, *source.popleft())
                busy = [r for r in readers if r.job is not None]
                pause = max(0.0, min(r.job.deadline for r in busy) - time.monotonic())
                if not self.leash.kernel_cap:
                    pause = min(pause, WATCH_INTERVAL_S)
                answered = wait([r.conn for r in busy], pause)
                for slot, r in enumerate(readers):
                    if r.job is not None and (r.conn in answered or self._overdue(r)):
                        readers[slot] = self._collect(r, done, again, tries, tokeniser)
        finally:
            for r in readers:  # stopped early: a reader mid-file would answer the next call with this file
                if r.job is not None:
                    r.kill()
            self.readers = [r for r in self.readers if r.process.is_alive() and r.job is None]

    def _hand(self, r: _Reader, index: int, path: Path) -> None:
        now = time.monotonic()
        r.job = _Job(index, path, now + (self.leash.timeout_s if r.ready else START_TIMEOUT_S))
        r.conn.send(path)

    def _replace(self, r: _Reader) -> _Reader:
        r.kill()
        fresh = _Reader(self.context, self.key, self.leash)
        self.readers = [fresh if x is r else x for x in self.readers]
        return fresh

    def _overdue(self, r: _Reader) -> bool:
        if time.monotonic() >= r.job.deadline:
            return True
        return not self.leash.kernel_cap and r.ready and r.memory_mb() > self.leash.memory_mb

    def _collect(self, r: _Reader, done: dict, again: deque, tries: dict, tokeniser) -> _Reader:
        """Take what the reader has for its file (an outcome, a death, a timeout); the reader to use next."""
        job = r.job
        message, gone = None, False
        if wait([r.conn], 0):
            try:
                message = r.conn.recv()
            except (EOFError, OSError):  # the pipe closed: the reader is dead (or dying)
                gone = True
        if message is not None and message[0] == "ready":
            r.ready = True
            job.deadline = time.monotonic() + self.leash.timeout_s  # the file's time starts now
            return r
        if message is not None and message[0] == "failed":
            raise ReadersFailed(f"读取进程无法启动，导入已停止：{message[1]}")
        if message is None and not r.ready:
            r.kill()
            raise ReadersFailed("读取进程无法启动，导入已停止（内存不足或系统问题？如在自己的脚本中调用，请把调用放在 "
                                "if __name__ == \"__main__\": 之下）")
        r.job = None
        if message is None:  # no answer: over time, over memory, or dead
            if not gone:
                over_memory = not self.leash.kernel_cap and r.memory_mb() > self.leash.memory_mb
                r.kill()
                done[job.index] = self._rejected(job.path, MEMORY_REASON if over_memory else TIMEOUT_REASON,
                                                 tokeniser)
                return self._replace(r)
            code = r.exitcode()
            tries[job.index] = tries.get(job.index, 0) + 1
            if tries[job.index] < 2:
                again.appendleft((job.index, job.path))
            else:
                done[job.index] = self._rejected(job.path, _death_reason(code), tokeniser)
            return self._replace(r)
        kind, payload = message
        if kind == "ok":
            done[job.index] = payload
            return r
        if kind == "memory":
            done[job.index] = self._rejected(job.path, MEMORY_REASON, tokeniser)
            return self._replace(r)  # it says so itself, then exits: memory it could not give back
        outcome = done[job.index] = self._rejected(job.path, INTERNAL_ERROR, tokeniser)
        log.error("reading %s failed inside the reader: %s", outcome.name, payload)
        return r

    @staticmethod
    def _rejected(path: Path, reason: str, tokeniser) -> FileOutcome:
        return FileOutcome(path=path, sha256=sha256_if_regular(path), status="rejected", reason=reason).named(tokeniser)


def _death_reason(exitcode: int | None) -> str:
    """SIGABRT (POSIX) or an abort's exit code (Windows): a native parser that could not allocate."""
    return MEMORY_REASON if exitcode in (-6, 3, 0xC0000409, -1073740791, 0xC0000017) else READER_DIED


# --- inside a reader -----------------------------------------------------------------------------------------

def _serve(conn, key: bytes, memory_cap: int | None) -> None:
    """A reader's life: cap its memory, say it is ready, then read each path sent until the pipe closes."""
    _kernel_ends_with_parent()
    _watch_parent()
    try:
        if memory_cap:
            _cap_memory(memory_cap)
        reader = FileReader(key)
    except BaseException as exc:  # noqa: BLE001 - said to the parent, which stops the run
        conn.send(("failed", _diagnosis(exc)))
        return
    _quiet_native_reports()
    conn.send(("ready", None))
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = ("ok", reader.read_file(path))
        except MemoryError:
            answer = None
        except Exception as exc:  # noqa: BLE001 - one file's trouble never stops the others
            answer = ("error", _diagnosis(exc))
        if answer is None:
            conn.send(("memory", None))
            return  # what the parser held may not all have been given back: a fresh reader goes on
        conn.send(answer)


def _cap_memory(limit: int) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _quiet_native_reports() -> None:
    """A native parser that aborts writes its own report (and a backtrace) to stderr; the writer says what
    happened in Chinese instead, so the reader's stderr goes nowhere once it has started."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def _diagnosis(exc: BaseException) -> str:
    """The exception's type and where it was raised, without its message: messages quote cell values."""
    frames = traceback.extract_tb(exc.__traceback__)[-6:]
    where = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    return f"{type(exc).__name__} at {where}"


def _kernel_ends_with_parent() -> None:
    """A reader must not outlive a killed ingest: on Linux the kernel kills it with its parent at once
    (PR_SET_PDEATHSIG), even in the middle of native parsing code."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass


def _watch_parent() -> None:
    """Everywhere: a thread waits on the parent's sentinel (a pipe on POSIX, a process handle on Windows)
    and ends the reader when the parent is gone — as soon as the reader runs Python again."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_gone, args=(parent.sentinel,), name="parent-watch", daemon=True).start()


def _exit_when_gone(sentinel) -> None:
    wait([sentinel])
    os._exit(1)
