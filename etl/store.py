"""Storing what was read: the run's single writer, one transaction per file, and the ledger of live versions."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import duckdb

from . import privacy
from .faults import checkpoint
from .files import sha256_if_regular
from .home import Home
from .outcome import FileOutcome, SheetOutcome
from .reader import FileReader
from .reading import read_in_order, warm_up
from .warehouse import dumps, insert_rows, insert_values

log = logging.getLogger(__name__)


class Ingestor:
    """Loads files into one warehouse connection (the run's single writer), one transaction per file, in the
    order given; reading may run ahead in worker processes (see `read_in_order`)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, home: Home):
        self.con, self.home = con, home
        self.reader = FileReader(privacy.load_key(home.key_file))
        self.catalog = self.reader.catalog
        self.versions = Versions(con)

    def ingest(self, path: Path) -> FileOutcome:
        return self.ingest_all([path], workers=0)[0]

    def ingest_all(self, paths: list[Path], workers: int | None = None) -> list[FileOutcome]:
        """One outcome per path, in order. Files whose bytes the warehouse already holds are not read again."""
        if paths:
            warm_up(self.reader.key, len(paths))  # readers start while the files are hashed (if not yet started)
        outcomes: list[FileOutcome | None] = []
        to_read: list[int] = []
        for path in paths:
            sha = sha256_if_regular(path)
            same_as = self._already_loaded(sha)
            outcomes.append(FileOutcome(path=path, sha256=sha, status="unchanged", same_as=same_as)
                            .named(self.reader.tokeniser) if same_as else None)
            if same_as is None:
                to_read.append(len(outcomes) - 1)
        for i, outcome in zip(to_read, read_in_order(self.reader, [paths[i] for i in to_read], workers),
                                      strict=True):
            outcomes[i] = self.store(outcome)
        return outcomes  # type: ignore[return-value]

    def store(self, outcome: FileOutcome) -> FileOutcome:
        same_as = self._already_loaded(outcome.sha256)  # e.g. the same bytes twice in one inbox
        if same_as:
            return FileOutcome(path=outcome.path, sha256=outcome.sha256, status="unchanged", same_as=same_as,
                               name=outcome.name, location=outcome.location)
        if outcome.status == "rejected":
            self._record_rejected(outcome)
        else:
            try:
                self._commit(outcome)
            except _DATA_ERRORS as exc:  # a value the warehouse cannot hold: this file is refused, not the run
                log.error("storing %s failed: %s (rolled back, file rejected)", outcome.name, type(exc).__name__)
                outcome.status, outcome.reason, outcome.sheets = "rejected", STORE_FAILED, []
                self._record_rejected(outcome)
        return outcome

    def _already_loaded(self, sha: str) -> str | None:
        """The name under which these bytes were loaded before (rejected bytes are read again: rules change)."""
        known = self.versions.known(sha) if sha else None
        return known[0] if known and known[1] != "rejected" else None

    # -- the transaction ------------------------------------------------------------------------------------
    def _commit(self, outcome: FileOutcome) -> None:
        """One transaction per file, with as few statements as the file needs: what is already in the
        warehouse is looked up in the run's in-memory ledger of versions, not queried file by file."""
        con, now = self.con, dt.datetime.now()
        used = outcome.used
        superseded = [self.versions.superseded_by(s, outcome.sha256) for s in used]
        con.execute("BEGIN TRANSACTION")
        try:
            gone: set[tuple[str, str]] = set()
            for old in superseded:
                outcome.replaced.extend(self._supersede(old, outcome.sha256, gone))
            if outcome.sha256 in self.versions.files:  # the same bytes were rejected before: their meta rows go
                self._forget_file(outcome.sha256)
            self._insert_rows(outcome, now)
            insert_values(con, "meta.source_sheets", [
                [outcome.sha256, s.sheet, s.ledger, s.sender, s.unit_id, s.period, s.status, s.reason, s.header_row,
                 s.rows_read, len(s.records), s.rows_quarantined, sum(s.dropped.values()), dumps(s.unmapped),
                 s.sender_source, s.period_source] for s in outcome.sheets])
            insert_values(con, "meta.source_files", [
                [outcome.sha256, outcome.name, outcome.location, outcome.size,
                 _joined(s.sender for s in used), _joined(s.unit_id for s in used), _joined(s.ledger for s in used),
                 _joined(s.period for s in used), outcome.status, None,
                 sum(s.rows_read for s in used), outcome.rows_loaded, outcome.rows_quarantined,
                 sum(outcome.dropped.values()), dumps(dict(outcome.dropped)), None, now]])
            checkpoint("ingest.before_commit")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self.versions.committed(outcome, superseded)
        checkpoint("ingest.after_commit")

    def _supersede(self, old: list[tuple[str, str, str]], new_sha: str, gone: set[tuple[str, str]]) -> list[str]:
        """Take out the rows of earlier versions (sha, sheet, file name) of a sheet this file replaces; `gone`
        collects the sheets superseded so far in this transaction (a file goes when none of its sheets is left)."""
        names = []
        for sha, sheet_name, file_name in old:
            if (sha, sheet_name) in gone:  # two sheets of this file replace the same earlier sheet
                continue
            gone.add((sha, sheet_name))
            ledger = self.versions.sheets[(sha, sheet_name)][0]
            self.con.execute(f"DELETE FROM staging.{ledger} WHERE file_sha256 = ? AND sheet = ?", [sha, sheet_name])
            self.con.execute("DELETE FROM quarantine.rejected_rows WHERE file_sha256 = ? AND sheet = ?", [sha, sheet_name])
            self.con.execute("UPDATE meta.source_sheets SET status = 'superseded' WHERE file_sha256 = ? AND sheet = ?",
                             [sha, sheet_name])
            if not self.versions.live_sheets(sha) - gone:
                self.con.execute("UPDATE meta.source_files SET status = 'superseded', superseded_by = ? "
                                 "WHERE file_sha256 = ?", [new_sha, sha])
            names.append(file_name)
        return names

    def _forget_file(self, sha: str) -> None:
        self.con.execute("DELETE FROM meta.source_sheets WHERE file_sha256 = ?", [sha])
        self.con.execute("DELETE FROM meta.source_files WHERE file_sha256 = ?", [sha])

    def _insert_rows(self, outcome: FileOutcome, now: dt.datetime) -> None:
        """Staging rows of each ledger in one insert, the quarantine rows of the file in one more."""
        by_ledger: dict[str, list[dict]] = {}
        problems: list[dict] = []
        for sheet in outcome.used:
            for rec in sheet.records:
                rec.update(file_sha256=outcome.sha256, file_name=outcome.name, sheet=sheet.sheet,
                           row_number=rec.pop("_row"), loaded_at=now)
            by_ledger.setdefault(sheet.ledger, []).extend(sheet.records)
            problems.extend(dict(file_sha256=outcome.sha256, file_name=outcome.name, sheet=sheet.sheet,
                                 row_number=p.row_number, column_name=p.column, value=p.value, reason=p.reason,
                                 fix_hint=p.fix_hint, ledger=sheet.ledger, sender=sheet.sender, unit_id=sheet.unit_id,
                                 period=sheet.period, rejected_at=now) for p in sheet.problems)
        for kind, rows in by_ledger.items():
            ledger = self.catalog.ledgers[kind]
            insert_rows(self.con, ledger.table, [c for c, _ in ledger.columns()], rows)
        if problems:
            insert_rows(self.con, "quarantine.rejected_rows", list(problems[0]), problems)

    def _record_rejected(self, outcome: FileOutcome) -> None:
        if not outcome.sha256:
            return
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if outcome.sha256 in self.versions.files:
                self._forget_file(outcome.sha256)
            insert_values(con, "meta.source_files", [
                [outcome.sha256, outcome.name, outcome.location, outcome.size, None, None,
                 _joined(s.ledger for s in outcome.sheets), None, "rejected", outcome.reason,
                 0, 0, 0, 0, None, None, dt.datetime.now()]])
            insert_values(con, "meta.source_sheets (file_sha256, sheet, ledger, status, reason)",
                          [[outcome.sha256, s.sheet, s.ledger, s.status, s.reason] for s in outcome.sheets])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self.versions.rejected(outcome)


class Versions:
    """What the warehouse holds, by file and by version key (ledger, sender, period): read once when the run's
    writer opens, then kept in step with each COMMIT. The run is the only writer, so it cannot go stale, and a
    file costs no lookups: a file known by its bytes, or an earlier version of a sheet, is a dictionary hit."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.files: dict[str, tuple[str, str]] = {  # sha → (file name, status)
            sha: (name, status) for sha, name, status in
            con.execute("SELECT file_sha256, file_name, status FROM meta.source_files").fetchall()}
        self.sheets: dict[tuple[str, str], tuple[str, str, str, str]] = {}  # (sha, sheet) → ledger, sender, period, status
        self.by_key: dict[tuple[str, str, str], set[tuple[str, str]]] = {}  # live sheets per version key
        self.by_file: dict[str, set[str]] = {}  # sha → its sheet names
        for sha, sheet, ledger, sender, period, status in con.execute(
                "SELECT file_sha256, sheet, ledger, sender, period, status FROM meta.source_sheets").fetchall():
            self._add(sha, sheet, ledger, sender, period, status)

    def _add(self, sha, sheet, ledger, sender, period, status) -> None:
        self.sheets[(sha, sheet)] = (ledger, sender, period, status)
        self.by_file.setdefault(sha, set()).add(sheet)
        if status in LIVE and sender and period:
            self.by_key.setdefault((ledger, sender, period), set()).add((sha, sheet))

    def known(self, sha: str) -> tuple[str, str] | None:
        return self.files.get(sha)

    def live_sheets(self, sha: str) -> set[tuple[str, str]]:
        return {(sha, name) for name in self.by_file.get(sha, ()) if self.sheets[(sha, name)][3] in LIVE}

    def superseded_by(self, sheet: SheetOutcome, new_sha: str) -> list[tuple[str, str, str]]:
        """Earlier live versions (sha, sheet, file name) that this sheet replaces, in a stable order."""
        if not sheet.sender or not sheet.period:
            return []  # without a sender the version key is incomplete: nothing is replaced
        found = self.by_key.get((sheet.ledger, sheet.sender, sheet.period), set())
        return sorted((sha, name, self.files[sha][0]) for sha, name in found if sha != new_sha)

    def committed(self, outcome: FileOutcome, superseded: list[list[tuple[str, str, str]]]) -> None:
        for old in superseded:
            for sha, sheet_name, _ in old:
                ledger, sender, period, _status = self.sheets[(sha, sheet_name)]
                self.sheets[(sha, sheet_name)] = (ledger, sender, period, "superseded")
                self.by_key.get((ledger, sender, period), set()).discard((sha, sheet_name))
                if not self.live_sheets(sha):
                    self.files[sha] = (self.files[sha][0], "superseded")
        self._replace_file(outcome)

    def rejected(self, outcome: FileOutcome) -> None:
        self._replace_file(outcome)

    def _replace_file(self, outcome: FileOutcome) -> None:
        for name in self.by_file.pop(outcome.sha256, ()):
            key = (outcome.sha256, name)
            ledger, sender, period, _status = self.sheets.pop(key)
            self.by_key.get((ledger, sender, period), set()).discard(key)
        self.files[outcome.sha256] = (outcome.name, outcome.status)
        for s in outcome.sheets:
            self._add(outcome.sha256, s.sheet, s.ledger, s.sender, s.period, s.status)


LIVE = ("loaded", "zero_report")
# errors of the values themselves (their messages quote them: only the type is logged)
_DATA_ERRORS = (duckdb.ConversionException, duckdb.InvalidInputException, duckdb.ConstraintException,
                duckdb.OutOfRangeException, OverflowError, ValueError, TypeError)
STORE_FAILED = ("文件中有数据无法存入数据库（例如数字超出范围或含有无法保存的字符），整个文件未导入。请检查数字和特殊字符，"
                "修改后重新报送")


def _joined(values) -> str | None:
    items = list(dict.fromkeys(v for v in values if v))
    return ",".join(items) if items else None
