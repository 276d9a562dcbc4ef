"""Reading files ahead of the writer in worker processes, in order, surviving a reader that dies."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path

from .files import sha256_of_file
from .outcome import FileOutcome
from .reader import FileReader

MIN_FILES_FOR_WORKERS = 48  # below this, starting worker processes (~0.5 s) costs more than it saves
WORKERS_ENV = "TAIZHANG_INGEST_WORKERS"


def default_workers() -> int:
    """Reader processes beside the writer: TAIZHANG_INGEST_WORKERS, else one per spare core (at least one, at
    most four); 0 reads in the writer's own process."""
    try:
        return max(0, int(os.environ[WORKERS_ENV]))
    except (KeyError, ValueError):
        return max(1, min(4, (os.cpu_count() or 1) - 1))


def read_in_order(reader: FileReader, paths: list[tuple[Path, str]], workers: int | None = None
                  ) -> Iterator[FileOutcome]:
    """Each (path, name as sent) source's outcome, in order. With many files, worker processes read ahead (parsing is
    Python, one core per process) while the caller stores; a bounded window keeps memory flat.

    With reader processes, a file that kills its reader (a parser crash on a hostile or broken file) is
    rejected and the rest are read on: when the pool breaks, the first file whose result was lost is read
    again alone, in a fresh process that has first proved it can start; if that one dies too, the file is
    the cause. Readers that cannot start, or more than MAX_READER_DEATHS dead readers, stop the run: that is
    the machine, not the files (reading in the writer's own process, a crash stops the run anyway)."""
    workers = default_workers() if workers is None else workers
    if workers < 1 or len(paths) < MIN_FILES_FOR_WORKERS:
        yield from (reader.read_file(p, name) for p, name in paths)
        return
    done = deaths = 0
    while done < len(paths):
        try:
            for outcome in _read_ahead(reader, paths[done:], workers):
                done += 1
                yield outcome
        except BrokenProcessPool:
            outcome = _read_alone(reader, paths[done])
            deaths += outcome.reason == READER_DIED
            if deaths > MAX_READER_DEATHS:
                raise ReadersFailed(f"读取进程已意外退出 {deaths} 次（内存不足或系统问题？），导入已停止，请检查后重试") from None
            yield outcome
            done += 1


def _reader_pool(reader: FileReader, workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: the ingest also runs inside Dagster's process, whose threads a fork would copy mid-lock
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_reader, initargs=(reader.key, reader.answers, reader.layouts))


def _read_ahead(reader: FileReader, paths: list[Path], workers: int) -> Iterator[FileOutcome]:
    pool = _reader_pool(reader, workers)
    try:
        queued = iter(paths)
        window = deque(pool.submit(_read_in_worker, p) for p in islice(queued, workers * 8))
        while window:
            outcome = window.popleft().result()
            following = next(queued, None)
            if following is not None:
                window.append(pool.submit(_read_in_worker, following))
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _read_alone(reader: FileReader, path: tuple[Path, str]) -> FileOutcome:
    pool = _reader_pool(reader, 1)
    try:
        try:
            pool.submit(_reader_ready).result()
        except BrokenProcessPool:
            raise ReadersFailed("读取进程无法启动，导入已停止（如在自己的脚本中调用，请把调用放在 "
                                "if __name__ == \"__main__\": 之下）") from None
        return pool.submit(_read_in_worker, path).result()
    except BrokenProcessPool:
        return FileOutcome(path=path[0], name=path[1], sha256=sha256_of_file(path[0]) if path[0].is_file() else "",
                           status="rejected", reason=READER_DIED)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


MAX_READER_DEATHS = 3


class ReadersFailed(RuntimeError):
    """The reader processes fail whatever they read: a machine problem, said plainly, not blamed on files."""


def _reader_ready() -> bool:
    return True


READER_DIED = ("读取这个文件时读取程序意外退出，文件可能已损坏或含有异常内容。请用 Excel 或 WPS 打开后另存为 .xlsx，"
               "检查无误后重新报送")


_WORKER_READER: list[FileReader] = []


def _start_reader(key: bytes, answers=None, layouts=None) -> None:
    _die_with_parent()
    _WORKER_READER.append(FileReader(key, answers, layouts))


def _read_in_worker(source: tuple[Path, str]) -> FileOutcome:
    return _WORKER_READER[0].read_file(*source)


def _die_with_parent() -> None:
    """A reader must not outlive a killed ingest: on Linux, ask the kernel to kill it with its parent (the
    standard library has no portable way; elsewhere a reader ends when its work queue closes)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
        except OSError:
            pass
