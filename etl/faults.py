"""Fault injection for the crash-safety tests: `checkpoint(name)` kills this process with SIGKILL when the
environment variable TAIZHANG_FAULT names that point — the nearest thing to pulling the plug — or makes it
hang there for good (for the readers' time limit).

    TAIZHANG_FAULT=ingest.before_commit        die the first time the point is reached
    TAIZHANG_FAULT=ingest.after_commit@3       die the third time (here: after the third COMMIT of stored files)
    TAIZHANG_FAULT=hang:reader.file:a.xlsx     hang there instead, as a parser in an endless loop would

Points (grep for `checkpoint(` to see where they sit):
    ingest.before_commit        a group of files' staging, quarantine and meta rows are inserted (see
                                GROUP_FILES in etl/store.py), COMMIT not yet run
    ingest.after_commit         right after a group's COMMIT, before the next file
    reader.file:<file name>     the process reading that file (a reader process, or the writer reading
                                alone) dies as a parser crash would kill it
    marts.mid_transaction       half of the marts rebuilt inside build_marts' one transaction
    report.excel_mid_write      the Excel 报表 half written (sheets added, workbook not yet closed)
    report.excel_before_publish the Excel 报表 complete in its temporary file, not yet renamed into place

Without the variable a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
import time

ENV = "TAIZHANG_FAULT"
_hits: dict[str, int] = {}


def checkpoint(name: str) -> None:
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    hang = wanted.startswith("hang:")
    point, _, nth = wanted.removeprefix("hang:").partition("@")
    if point != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= int(nth or 1):
        while hang:
            time.sleep(3600)
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
