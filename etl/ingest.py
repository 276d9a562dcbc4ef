"""Ingesting ledger files: each file is read, understood and loaded in one transaction — its staging rows,
its quarantine rows and its meta rows commit together or not at all. Same bytes again change nothing; a new
version for the same sender, ledger and period replaces the earlier version's rows."""

from __future__ import annotations

from pathlib import Path

import duckdb

from .discover import discover
from .home import Home
from .outcome import FileOutcome
from .store import Ingestor
from .warehouse import connect


def ingest_paths(paths: list[Path], home: Home, con: duckdb.DuckDBPyConnection | None = None,
                 workers: int | None = None) -> list[FileOutcome]:
    """Ingest files and folders into the home's warehouse; one outcome per file, oldest file first."""
    own = con is None
    con = con or connect(home)
    try:
        return Ingestor(con, home).ingest_all(discover(paths), workers)
    finally:
        if own:
            con.close()
