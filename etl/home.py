"""Where a Taizhang installation keeps its files: the home folder and what lives in it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Home:
    """The home folder: inbox, warehouse, reports and the Dagster instance."""

    root: Path

    @classmethod
    def resolve(cls, home: str | os.PathLike | None = None) -> Home:
        """`--home DIR`, else `TAIZHANG_HOME`, else `./data`."""
        chosen = home or os.environ.get("TAIZHANG_HOME") or "data"
        return cls(Path(chosen).expanduser().resolve())

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster"

    @property
    def archive(self) -> Path:
        """Every file read, kept by its sha256 (read-only): what `taizhang rebuild` reads again."""
        return self.root / "archive"

    @property
    def mappings(self) -> Path:
        """The analyst's answers for held files and confirmed layouts (etl/decisions.py)."""
        return self.root / "mappings"

    @property
    def key_file(self) -> Path:
        return self.root / "secret.key"

    def ensure(self) -> Home:
        for folder in (self.root, self.inbox, self.reports, self.dagster_home):
            folder.mkdir(parents=True, exist_ok=True)
        return self
