"""Ingesting ledger files: each file is read, understood and loaded in one transaction — its staging rows,
its quarantine rows and its meta rows commit together or not at all. Same bytes again change nothing; a
later file for the same sender, unit, ledger and month replaces the earlier one or adds to it (etl/store.py);
a file the reader is not sure about is held until an analyst answers (etl/decisions.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from .discover import discover
from .home import Home
from .outcome import FileOutcome
from .store import Ingestor
from .warehouse import connect


def ingest_paths(paths: list[Path], home: Home, con: duckdb.DuckDBPyConnection | None = None,
                 workers: int | None = None, on_outcome=None) -> list[FileOutcome]:
    """Ingest files and folders into the home's warehouse; one outcome per file, oldest file first, then one
    per held file that a confirmed answer now lets load. `on_outcome` is called with each as it is stored."""
    own = con is None
    con = con or connect(home)
    try:
        return Ingestor(con, home).ingest_all(discover(paths), workers, on_outcome)
    finally:
        if own:
            con.close()
