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
import queue
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
_RLIMIT = sys.platform.startswith(
    ("linux", "freebsd", "openbsd", "netbsd")
)  # macOS does not enforce RLIMIT_AS
WATCH_ENV = (
    "TAIZHANG_READER_MEMORY_WATCH"  # 1: watch memory from the writer even where the kernel could cap it
)

MEMORY_REASON = (
    "文件结构损坏，读取时超出内存上限，无法读取。请用 Excel 或 WPS 打开这个文件，确认内容正常后“另存为”"
    "一个新的 .xlsx 文件再报送；如果表格确实很大，请按月份拆成几个文件分别报送"
)
TIMEOUT_REASON = (
    "读取超时：这个文件读了很久仍未读完，可能已损坏或异常庞大，已停止读取。请用 Excel 或 WPS 打开后"
    "“另存为”一个新的 .xlsx 文件再报送"
)
READER_DIED = (
    "读取这个文件时读取程序意外退出，文件可能已损坏或含有异常内容。请用 Excel 或 WPS 打开后另存为 .xlsx，"
    "检查无误后重新报送"
)
BIG_FILE_MB = 50  # a file this big that exhausts its reader is big, not broken: the reason says so


def big_file_reason(size_mb: float, memory_mb: float) -> str:
    return (
        f"文件很大（{size_mb:.0f} MB），读取时超出读取程序的内存上限（{memory_mb:.0f} MB），无法一次读完。"
        "请按月份或村（社区）拆成几个文件分别报送；管理员也可以调高 TAIZHANG_READER_MEMORY_MB 后重新导入"
    )


NOT_STARTED = (
    "读取进程无法启动，导入已停止（内存不足或系统问题？如在自己的脚本中调用，请把调用放在 "
    'if __name__ == "__main__": 之下）'
)
INTERNAL_ERROR = (
    "读取这个文件时程序内部出错（已记录，不一定是文件的问题），这个文件暂未导入，其他文件不受影响。"
    "请把这个文件交给镇里的系统管理员"
)

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
        return cls(
            memory_mb=int(_env_number(MEMORY_ENV, DEFAULT_MEMORY_MB)),
            timeout_s=_env_number(TIMEOUT_ENV, DEFAULT_TIMEOUT_S),
            kernel_cap=_RLIMIT and os.environ.get(WATCH_ENV, "").strip() != "1",
        )


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


def read_in_order(
    reader: FileReader, paths: list[tuple[Path, str, object]], workers: int | None = None
) -> Iterator[FileOutcome]:
    """Each source's outcome — (path, the name it was sent under, the analyst's answers for it or None) — in
    order, read in leashed reader processes while the caller stores the ones before (`workers` readers,
    default `default_workers()`, never more than there are files)."""
    if not paths:
        return
    wanted = min(default_workers() if workers is None else max(1, workers), len(paths))
    leash = Leash.from_env()
    pool = _pool(reader.key, leash)
    own = pool.busy or not (_POOLS and _POOLS[0] is pool)  # another thread is reading: readers of its own
    if pool.busy:
        pool = ReaderPool(reader.key, leash)
    try:
        yield from pool.read(paths, wanted, reader.tokeniser)
    finally:
        if own:
            pool.close()


def warm_up(key: bytes, files: int = 1) -> None:
    """Start the readers now (a reader takes ~0.3 s to start), so they are ready when the files are."""
    pool = _pool(key, Leash.from_env())
    if not pool.busy:
        pool.grow(min(default_workers(), max(1, files)))


# --- the pool ----------------------------------------------------------------------------------------------

_POOLS: list[ReaderPool] = []  # at most one: the readers of this process, reused across calls
_POOLS_LOCK = threading.Lock()


def _pool(key: bytes, leash: Leash) -> ReaderPool:
    """The process's reader pool for this key and these settings (a new one when they changed)."""
    identity = (key, leash, _reader_environment())
    with _POOLS_LOCK:
        if _POOLS and _POOLS[0].identity != identity:
            if _POOLS[0].busy:  # in use by another thread: left to it, this call gets readers of its own
                return ReaderPool(key, leash, identity)
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
    name: str
    answers: object = None  # etl.decisions.Answers for this file, or None


class _Reader:
    """One reader process, its pipes, and the files handed to it (read in order, the first now). A thread
    takes its answers off the pipe as they come (a pipe holds 64 KB: a reader would otherwise wait for the
    writer to finish storing before it could read on), into its pool's inbox."""

    def __init__(self, context, key: bytes, leash: Leash, inbox: queue.SimpleQueue):
        paths_in, paths_out = context.Pipe(duplex=False)
        answers_in, answers_out = context.Pipe(duplex=False)
        # spawn, not fork: the ingest also runs inside Dagster's process, whose threads a fork would copy mid-lock
        cap = leash.memory_mb * 2**20 if leash.kernel_cap else None
        self.process = context.Process(
            target=_serve, args=(paths_in, answers_out, key, cap), name="taizhang-reader", daemon=True
        )
        self.process.start()
        paths_in.close()
        answers_out.close()
        self.paths = paths_out
        self.ready = False
        self.dead = False
        self.jobs: deque[_Job] = deque()
        self.deadline = 0.0  # when the first of its files must be read by
        threading.Thread(
            target=self._pump, args=(answers_in, inbox), name="reader-answers", daemon=True
        ).start()

    def _pump(self, answers, inbox: queue.SimpleQueue) -> None:
        with answers:
            while True:
                try:
                    inbox.put((self, answers.recv()))
                except (EOFError, OSError):  # the reader is dead, or was killed
                    inbox.put((self, None))
                    return

    def kill(self) -> None:
        self.dead = True
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.paths.close()

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
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()  # (reader, message or None for its end)
        self.busy = False  # in a `read`: a second reading at once (another thread) gets readers of its own

    def grow(self, size: int) -> None:
        self.readers = [r for r in self.readers if r.process.is_alive()]
        while len(self.readers) < size:
            self.readers.append(self._start())

    def _start(self) -> _Reader:
        return _Reader(self.context, self.key, self.leash, self.inbox)

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
        """Each reader holds up to READ_AHEAD files (so it never waits while the writer stores), all readers
        together at most READ_AHEAD × readers files beyond the one the writer waits for (memory stays flat)."""
        self.grow(size)
        readers = self.readers[:size]
        queued = deque(_Job(i, p, name, answers) for i, (p, name, answers) in enumerate(paths))
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
                    while (
                        len(r.jobs) < READ_AHEAD
                        and queued
                        and queued[0].index < cursor + READ_AHEAD * len(readers)
                    ):
                        if not r.jobs and (r.dead or not r.process.is_alive()):  # died between files
                            r = readers[slot] = self._replace(r)
                        self._hand(r, queued.popleft())
                pause = max(0.0, min((r.deadline for r in readers if r.jobs), default=0.0) - time.monotonic())
                if not self.leash.kernel_cap:
                    pause = min(pause, WATCH_INTERVAL_S)
                try:
                    answers = [self.inbox.get(timeout=pause)]
                    while not self.inbox.empty():
                        answers.append(self.inbox.get())
                except queue.Empty:
                    answers = []
                for r, message in answers:
                    if r.dead:
                        continue  # a reader killed before: what it still said is of no use
                    if r in readers:
                        readers[readers.index(r)] = self._collect(r, message, done, queued, tries, tokeniser)
                    elif message is not None and message[0] == "ready":
                        r.ready = True  # a reader of the pool this call does not use
                for slot, r in enumerate(readers):
                    if r.jobs and self._overdue(r):
                        readers[slot] = self._give_up(r, done, queued, tokeniser)
        finally:
            for r in readers:  # stopped early: a reader mid-file would answer the next call with this file
                if r.jobs:
                    r.kill()
            self.readers = [r for r in self.readers if not r.dead and r.process.is_alive()]

    def _hand(self, r: _Reader, job: _Job) -> None:
        if not r.jobs:
            r.deadline = time.monotonic() + (self.leash.timeout_s if r.ready else START_TIMEOUT_S)
        r.jobs.append(job)
        r.paths.send((job.path, job.name, job.answers))

    def _replace(self, r: _Reader) -> _Reader:
        r.kill()
        fresh = self._start()
        self.readers = [fresh if x is r else x for x in self.readers]
        return fresh

    def _overdue(self, r: _Reader) -> bool:
        if time.monotonic() >= r.deadline:
            return True
        return not self.leash.kernel_cap and r.ready and r.memory_mb() > self.leash.memory_mb

    def _give_up(self, r: _Reader, done: dict, queued: deque, tokeniser) -> _Reader:
        """A reader over its time (or, watched, over its memory) on its first file: that file is rejected."""
        if not r.ready:
            r.kill()
            raise ReadersFailed(NOT_STARTED)
        over_memory = not self.leash.kernel_cap and r.memory_mb() > self.leash.memory_mb
        r.kill()
        job = r.jobs.popleft()
        done[job.index] = self._rejected(job, MEMORY_REASON if over_memory else TIMEOUT_REASON, tokeniser)
        return self._requeue(r, queued)

    def _collect(self, r: _Reader, message, done: dict, queued: deque, tries: dict, tokeniser) -> _Reader:
        """What the reader said (an outcome for its first file, or nothing: it is dead); the reader to use
        next. Files handed to a reader that is replaced go back to the front of the queue."""
        if message is not None and message[0] == "ready":
            r.ready = True
            r.deadline = time.monotonic() + self.leash.timeout_s  # the first file's time starts now
            return r
        if message is not None and message[0] == "failed":
            raise ReadersFailed(f"读取进程无法启动，导入已停止：{message[1]}")
        if message is None and not r.ready:
            r.kill()
            raise ReadersFailed(NOT_STARTED)
        if not r.jobs:  # dead between files: replaced when it is next given one
            r.dead = message is None or r.dead
            return r
        job = r.jobs.popleft()
        r.deadline = time.monotonic() + self.leash.timeout_s  # the next file's time starts now (or later)
        if (
            message is None
        ):  # dead in the middle of this file: read it once more in a fresh reader, then blame it
            code = r.exitcode()
            tries[job.index] = tries.get(job.index, 0) + 1
            if tries[job.index] < 2:
                r.jobs.appendleft(job)
            else:
                done[job.index] = self._rejected(job, _death_reason(code), tokeniser)
            return self._requeue(r, queued)
        kind, payload = message
        if kind == "ok":
            done[job.index] = payload
            return r
        if kind == "memory":
            done[job.index] = self._rejected(job, MEMORY_REASON, tokeniser)
            return self._requeue(r, queued)  # it says so itself, then exits: memory it could not give back
        outcome = done[job.index] = self._rejected(job, INTERNAL_ERROR, tokeniser)
        log.error("reading %s failed inside the reader: %s", outcome.name, payload)
        return r

    def _requeue(self, r: _Reader, queued: deque) -> _Reader:
        queued.extendleft(reversed(r.jobs))
        r.jobs.clear()
        return self._replace(r)

    @staticmethod
    def _rejected(job: _Job, reason: str, tokeniser) -> FileOutcome:
        if reason in (MEMORY_REASON, TIMEOUT_REASON, READER_DIED):
            try:
                size_mb = os.stat(job.path).st_size / 2**20
            except OSError:
                size_mb = 0
            if size_mb >= BIG_FILE_MB:
                reason = big_file_reason(size_mb, _env_number(MEMORY_ENV, DEFAULT_MEMORY_MB))
        return FileOutcome(
            path=job.path,
            sent_name=job.name,
            sha256=sha256_if_regular(job.path),
            status="rejected",
            reason=reason,
        ).named(tokeniser)


def _death_reason(exitcode: int | None) -> str:
    """SIGABRT (POSIX) or an abort's exit code (Windows): a native parser that could not allocate."""
    return MEMORY_REASON if exitcode in (-6, 3, 0xC0000409, -1073740791, 0xC0000017) else READER_DIED


# --- inside a reader -----------------------------------------------------------------------------------------


def _serve(paths, answers, key: bytes, memory_cap: int | None) -> None:
    """A reader's life: cap its memory, say it is ready, then read each path sent until the pipe closes. Each
    answer is sent whole before the next file is read: if a file kills the reader, the answers before it
    have arrived, and the file that did it is the one without an answer."""
    _kernel_ends_with_parent()
    _watch_parent()
    try:
        if memory_cap:
            _cap_memory(memory_cap)
        reader = FileReader(key)
    except BaseException as exc:  # noqa: BLE001 - said to the parent, which stops the run
        answers.send(("failed", _diagnosis(exc)))
        return
    _quiet_native_reports()
    answers.send(("ready", None))
    while True:
        try:
            path, name, given = paths.recv()
        except (EOFError, OSError):
            return
        try:
            answer = ("ok", reader.read_file(path, name, given))
        except MemoryError:
            answer = None
        except Exception as exc:  # noqa: BLE001 - one file's trouble never stops the others
            answer = ("error", _diagnosis(exc))
        if answer is None:
            answers.send(("memory", None))
            return  # what the parser held may not all have been given back: a fresh reader goes on
        answers.send(answer)


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
        threading.Thread(
            target=_exit_when_gone, args=(parent.sentinel,), name="parent-watch", daemon=True
        ).start()


def _exit_when_gone(sentinel) -> None:
    wait([sentinel])
    os._exit(1)
