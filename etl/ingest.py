"""Ingesting ledger files: each file is read, understood and loaded in one transaction — its staging rows,
its quarantine rows and its meta rows commit together or not at all. Same bytes again change nothing; a
later file for the same sender, unit, ledger and month replaces the earlier one or adds to it (etl/store.py);
a file the reader is not sure about is held until an analyst answers (etl/decisions.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from . import privacy
from .discover import find
from .home import Home
from .outcome import FileOutcome
from .reading import warm_up
from .store import Ingestor
from .warehouse import connect


def ingest_paths(
    paths: list[Path],
    home: Home,
    con: duckdb.DuckDBPyConnection | None = None,
    workers: int | None = None,
    on_outcome=None,
) -> list[FileOutcome]:
    """Ingest files and folders into the home's warehouse; one outcome per file, oldest file first; then one
    per held file that a confirmed answer now lets load; then one per entry not read (rejected: a path named
    that is not a regular file; skipped: see discover.find). `on_outcome` is called with each file's outcome
    as it is stored."""
    own = con is None
    warm_up(privacy.load_key(home.key_file), len(paths))  # a reader starts (~0.3 s) while the files are found
    con = con or connect(home)
    try:
        found = find(paths)
        ingestor = Ingestor(con, home)
        outcomes = ingestor.ingest_all(found.files, workers, on_outcome)
        # what was not read, each said in one line: refused paths (named, but not regular files) are rejected
        for status, entries in (("rejected", found.refused), ("skipped", found.skipped)):
            outcomes += [
                FileOutcome(path=p, status=status, reason=why).named(ingestor.reader.tokeniser)
                for p, why in entries
            ]
        return outcomes
    finally:
        if own:
            con.close()
