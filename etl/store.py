"""Storing what was read: the run's single writer, files committed in groups (each file whole or not at all);
whether a later file for the same unit, ledger and month replaces the earlier one or adds to it; held files and
the raw archive."""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os
import re
import shutil
import stat
import time
from pathlib import Path

import duckdb

from . import privacy
from .decisions import REPEATS_OUT, VERSION_ANSWERS, Decisions, Question
from .faults import checkpoint
from .files import atomic, sha256_if_regular
from .home import Home
from .outcome import FileOutcome, SheetOutcome
from .periods import month_zh
from .reader import FileReader
from .reading import ReadersFailed, read_in_order, warm_up
from .records import Problem
from .warehouse import INSERT_CHUNK, arrow_chunks, dumps, insert_tables

# words in a file's name, title or sheet name that say it corrects an earlier file
CORRECTION_WORDS = re.compile(r"修改|更正|修订|订正|修正|改正|重报|重新报送|替换|[(（]改[)）]")

log = logging.getLogger(__name__)

# Group commit: a COMMIT costs a WAL sync (~5 ms), more than storing a small ledger, so files are committed
# together, at the latest every GROUP_FILES files or GROUP_SECONDS seconds (as each file is stored) and at the
# end. A kill loses at most the open group, which the next run reads again (files are known by sha256).
GROUP_FILES = int(os.environ.get("TAIZHANG_COMMIT_FILES", "64"))
GROUP_SECONDS = float(os.environ.get("TAIZHANG_COMMIT_SECONDS", "2"))


class Ingestor:
    """Loads files into one warehouse connection (the run's single writer), in the order given, committed in
    groups; reading may run ahead in worker processes (see `read_in_order`)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, home: Home):
        self.con, self.home = con, home
        self.decisions = Decisions(home.mappings)
        self.reader = FileReader(
            privacy.load_key(home.key_file), self.decisions.all_answers(), self.decisions.confirmed_layouts()
        )
        self.catalog = self.reader.catalog
        self.versions = Versions(con)
        self.group: list[FileOutcome] | None = None  # the files stored in the open transaction
        self._group_began = 0.0
        self._versions_before: Versions | None = None
        self._forget_after_commit: list[str] = []
        # table → Arrow tables to insert before stored rows are next read, changed or committed
        self._pending: dict[str, list] = {}
        self._pending_rows = 0
        # (ledger, period) → record key → the sheets (sha, sheet) holding it: looked up once per month and run
        self._records_in: dict[tuple[str, str], dict[str, set[tuple[str, str]]]] = {}

    def ingest(self, path: Path) -> FileOutcome:
        return self.ingest_all([path], workers=0)[0]

    def ingest_all(self, paths: list[Path], workers: int | None = None, on_outcome=None) -> list[FileOutcome]:
        """One outcome per path, in order, then one per held file that an answer now lets load. Files whose
        bytes the warehouse already holds are not read again; every file read is first kept in the archive."""
        if paths:
            warm_up(
                self.reader.key, len(paths)
            )  # readers start while the files are hashed (if not yet started)
        outcomes: list[FileOutcome | None] = []
        to_read: list[tuple[int, Path, str, Path]] = []  # (position, archived copy, name, path as given)
        shas = set()
        for path in paths:
            sha = sha256_if_regular(path)
            shas.add(sha)
            same_as = self._already_known(sha)
            if same_as is None:
                to_read.append((len(outcomes), self.archive(path, sha), path.name, path))
                outcomes.append(None)
            else:
                outcomes.append(
                    FileOutcome(path=path, sha256=sha, status="unchanged", same_as=same_as).named(
                        self.reader.tokeniser
                    )
                )
        for sha, name, archived in self._answered_held():
            if sha not in shas:
                to_read.append((len(outcomes), archived, name, archived))
                outcomes.append(None)
        # each file goes to a reader process with the analyst's answers for it (its own, or the layouts')
        sources = [
            (p, n, self.reader.answers.get(_sha_of(p)) or self.reader.layouts) for _, p, n, _ in to_read
        ]
        try:
            for (i, _, _, given), outcome in zip(
                to_read, read_in_order(self.reader, sources, workers), strict=True
            ):
                outcome.path, outcome.location = given, self.reader.tokeniser.scrub_name(str(given))
                outcomes[i] = self.store(outcome)
                if on_outcome is not None:
                    on_outcome(outcomes[i])
        except ReadersFailed:
            self.flush()  # the open group holds whole files only: what was stored before stays stored
            raise
        self.flush()
        return outcomes  # type: ignore[return-value]

    # -- group commit ---------------------------------------------------------------------------------------
    def store(self, outcome: FileOutcome) -> FileOutcome:
        """Store one file inside the open group (opened if none). A value the warehouse cannot hold aborts
        DuckDB's whole transaction: the group is rolled back and stored again file by file, so only the file
        with that value is refused."""
        if GROUP_FILES <= 1:
            return self._store_alone(outcome)
        if self.group is None:
            self.con.execute("BEGIN TRANSACTION")
            self.group, self._group_began = [], time.monotonic()
            self._versions_before = copy.deepcopy(self.versions)
        try:
            stored = self._store(outcome, grouped=True)
        except _DATA_ERRORS:
            pending = [*self.group, outcome]
            self._rollback_group()
            for earlier in pending[:-1]:
                self._store_alone(earlier)
            return self._store_alone(outcome)
        except BaseException:
            self._rollback_group()
            raise
        self.group.append(outcome)
        if len(self.group) >= GROUP_FILES or time.monotonic() - self._group_began >= GROUP_SECONDS:
            self.flush()
        return stored

    def flush(self) -> None:
        """Commit the open group (if any)."""
        if self.group is None:
            return
        try:
            self._drain()
        except _DATA_ERRORS:  # a value of one of the group's files: each is stored again on its own
            pending = self.group
            self._rollback_group()
            for outcome in pending:
                self._store_alone(outcome)
            return
        except BaseException:
            self._rollback_group()
            raise
        try:
            checkpoint("ingest.before_commit")
            self.con.execute("COMMIT")
        except BaseException:
            self._rollback_group()
            raise
        self.group, self._versions_before = None, None
        for sha in self._forget_after_commit:
            self.decisions.forget(sha)
        self._forget_after_commit.clear()
        checkpoint("ingest.after_commit")

    def _rollback_group(self) -> None:
        self.con.execute("ROLLBACK")
        self._pending, self._pending_rows, self._records_in = {}, 0, {}
        self.versions = self._versions_before or Versions(self.con)
        self.group, self._versions_before = None, None
        self._forget_after_commit.clear()

    def _store_alone(self, outcome: FileOutcome) -> FileOutcome:
        """Store one file in a transaction of its own."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            stored = self._store(outcome, grouped=False)
            self._drain()
            checkpoint("ingest.before_commit")
            self.con.execute("COMMIT")
        except _DATA_ERRORS as exc:  # a value the warehouse cannot hold: this file is refused, not the run
            self.con.execute("ROLLBACK")
            self._pending, self._pending_rows, self._records_in = {}, 0, {}
            self._forget_after_commit.clear()  # its answers stay: the file was not loaded
            self.versions = Versions(self.con)
            log.error("storing %s failed: %s (rolled back, file rejected)", outcome.name, type(exc).__name__)
            outcome.status, outcome.reason, outcome.sheets = "rejected", STORE_FAILED, []
            self.con.execute("BEGIN TRANSACTION")
            self._record_rejected(outcome)
            self._drain()
            self.con.execute("COMMIT")
            return outcome
        except BaseException:
            self.con.execute("ROLLBACK")
            self._pending, self._pending_rows, self._records_in = {}, 0, {}
            self._forget_after_commit.clear()
            raise
        for sha in self._forget_after_commit:
            self.decisions.forget(sha)
        self._forget_after_commit.clear()
        checkpoint("ingest.after_commit")
        return stored

    def archive(self, path: Path, sha: str) -> Path:
        """The file's copy in the home's raw archive (content-addressed, read-only), made if missing; the
        file itself when it cannot be copied (then it is read where it is)."""
        if not sha:
            return path
        target = self.home.archive / f"{sha}{path.suffix.lower()}"
        if not target.exists():
            try:
                with atomic(target) as tmp:
                    shutil.copyfile(path, tmp)
                os.chmod(target, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)
            except OSError:
                return path
        return target

    def _answered_held(self) -> list[tuple[str, str, Path]]:
        """Held files (sha, original name, archived copy) that a confirmed answer may now let load."""
        out = []
        for sha, (name, status) in self.versions.files.items():
            if status != "held" or not self._has_answers(sha):
                continue
            archived = self.versions.archived.get(sha)
            if archived and (self.home.root / archived).is_file():
                out.append((sha, name, self.home.root / archived))
        return out

    def _has_answers(self, sha: str) -> bool:
        if sha in self.reader.answers:
            return True
        layouts = self.reader.layouts.layouts
        return any(key in layouts for key in self.versions.held_layouts.get(sha, ()))

    def _store(self, outcome: FileOutcome, grouped: bool) -> FileOutcome:
        """Store one file's rows and meta rows inside the open transaction."""
        same_as = self._already_known(
            outcome.sha256, outcome.status
        )  # e.g. the same bytes twice in one inbox
        if same_as:
            return FileOutcome(
                path=outcome.path,
                sha256=outcome.sha256,
                status="unchanged",
                same_as=same_as,
                name=outcome.name,
                location=outcome.location,
            )
        if outcome.status == "rejected":
            self._record_rejected(outcome)
            return outcome
        if outcome.status == "held":
            self._hold(outcome)
            return outcome
        plan = self._versions_plan(outcome)
        if plan is None:  # a replace-or-add question: held
            self._hold(outcome)
            return outcome
        self._insert(outcome, plan)
        self._forget_after_commit.append(outcome.sha256)
        return outcome

    def _already_known(self, sha: str, reading: str | None = None) -> str | None:
        """The name under which these bytes were stored before: rejected bytes are read again (rules change),
        held bytes when an answer for them has been given."""
        known = self.versions.known(sha) if sha else None
        if not known or known[1] == "rejected":
            return None
        if known[1] == "held" and (self._has_answers(sha) or reading is not None):
            return None
        return known[0]

    # -- replace or add -----------------------------------------------------------------------------------
    def _versions_plan(self, outcome: FileOutcome) -> list[tuple[SheetOutcome, str, list]] | None:
        """For each used sheet: 'new', 'replace' or 'add', with the live sheets of the same ledger, sender, unit
        and month. A later file replaces the earlier one when it corrects it — it carries all of its records,
        or its name or title says 更正/修改 — and adds to it when no record is in both (补报, a second part of a
        split export). Anything in between is asked (None, with the question put on the sheet)."""
        plan = []
        answers = self.reader.answers.get(outcome.sha256)
        for sheet in outcome.used:
            old = self.versions.live_for(sheet, outcome.sha256)
            answer = answers.for_sheet(sheet.sheet).get("version") if answers else None
            if not old:
                old = self._same_records_elsewhere(sheet, outcome.sha256)
                if not old:
                    plan.append((sheet, "new", []))
                elif answer:
                    plan.append((sheet, VERSION_ANSWERS[answer], old))
                else:  # another sender's file holds these records: a copy forwarded, or a summary of them
                    sheet.questions.append(_copy_question(sheet, old))
                continue
            if answer:
                plan.append((sheet, VERSION_ANSWERS[answer], old))
                continue
            old_keys = self._record_keys(sheet.ledger, old)
            new_keys = set(sheet.pack().column("record_key"))
            corrects = bool(CORRECTION_WORDS.search(f"{outcome.file_name} {sheet.sheet} {sheet.title or ''}"))
            if new_keys >= old_keys or (corrects and len(new_keys) >= len(old_keys)):
                plan.append((sheet, "replace", old))
            elif new_keys and new_keys.isdisjoint(old_keys) and not corrects:
                plan.append((sheet, "add", old))
            else:  # a 更正 with fewer records may list only the corrected ones: replacing would drop the rest
                sheet.questions.append(_version_question(sheet, old, old_keys, new_keys, corrects))
        for sheet in outcome.used:
            if self.catalog.ledgers[sheet.ledger].once and not sheet.questions:
                said = answers.for_sheet(sheet.sheet).get("reported") if answers else None
                self._repeats_of_other_months(sheet, outcome.sha256, said)
        if any(s.questions for s in outcome.used):
            for s in outcome.used:
                for q in s.questions:
                    q.sheet = s.sheet
                s.status = "held"
            outcome.status = "held"
            outcome.reason = "；".join(q.text for q in outcome.questions)
            return None
        return plan

    def _same_records_elsewhere(self, sheet: SheetOutcome, new_sha: str) -> list[tuple[str, str, str]]:
        """Live sheets of another sender holding records of this sheet (same ledger and month, same record):
        the same ledger sent again under a name that reads as another sender's, or forwarded by an office."""
        if not sheet.period:
            return []
        stored = self._records_of_month(sheet.ledger, sheet.period)
        found = set()
        for key in sheet.pack().column("record_key"):
            found |= stored.get(key, set()) if key else set()
        return sorted(
            (sha, name, self.versions.files[sha][0])
            for sha, name in found
            if sha != new_sha and (sha, name) in self.versions.live_sheets(sha)
        )

    def _repeats_of_other_months(self, sheet: SheetOutcome, new_sha: str, said: str | None) -> None:
        """Records of a ledger of one-time records (an event, a visit, a meeting) whose key — an 事件编号 kept by
        hand, restarted at 1 each month — is already live in another month's file of the same sender for a
        record of another day: two records under one key, and core keeps one version per key, so the earlier
        one would vanish. Asked; answered 不再计入, the new ones are set aside. The same record again (an event
        closed since, a row left in a copied sheet: same key, same day) is a later version, not asked."""
        ledger = self.catalog.ledgers[sheet.ledger]
        day_field = ledger.date_field
        if not sheet.period or not day_field:
            return
        sender = sheet.sender or ""
        months = {
            k[3]
            for k, live in self.versions.by_key.items()
            if live and k[0] == sheet.ledger and k[1] == sender
        } - {sheet.period}
        records = sheet.pack()
        keys, days = records.column("record_key"), records.column(day_field)
        repeats: dict[int, tuple[str, str]] = {}
        for month in sorted(months):
            stored = self._records_of_month(sheet.ledger, month)
            for i, key in enumerate(keys):
                if i in repeats or not key or key not in stored:
                    continue
                live = [
                    (sha, name)
                    for sha, name in sorted(stored[key])
                    if sha != new_sha and (sha, name) in self.versions.live_sheets(sha)
                ]
                if live and _day(days[i]) not in self._days_of(sheet.ledger, day_field, key, live):
                    repeats[i] = (month, self.versions.files[live[0][0]][0])
        if not repeats:
            return
        if said == REPEATS_OUT:
            sheet.repeats = repeats
        else:
            sheet.questions.append(_repeats_question(sheet, repeats, ledger.fields[day_field].label))

    def _days_of(self, ledger: str, day_field: str, key: str, sheets: list[tuple[str, str]]) -> set:
        self._drain()
        return {
            _day(d)
            for sha, name in sheets
            for (d,) in self.con.execute(
                f"SELECT {day_field} FROM staging.{ledger} WHERE record_key = ? AND file_sha256 = ? AND sheet = ?",
                [key, sha, name],
            ).fetchall()
        }

    def _set_aside_repeats(self, sheet: SheetOutcome) -> None:
        records = sheet.pack()
        rows = records.column("row_number")
        for i, (month, name) in sorted(sheet.repeats.items()):
            sheet.problems.append(
                Problem(
                    rows[i],
                    "",
                    "",
                    f"编号与{month_zh(month)}台账（{name}）里的另一条记录相同，日期不同，"
                    f"按回答“{REPEATS_OUT}”没有计入",
                    "请改用不重复的编号后重新报送",
                )
            )
        records.drop(set(sheet.repeats))
        sheet.rows_quarantined += len(sheet.repeats)
        sheet.repeats = {}

    def _records_of_month(self, ledger: str, period: str) -> dict[str, set[tuple[str, str]]]:
        """Record key → the sheets holding it, of one ledger and month (read once a run, then kept in step)."""
        if (ledger, period) not in self._records_in:
            self._drain()
            index: dict[str, set[tuple[str, str]]] = {}
            for key, sha, name in self.con.execute(
                f"SELECT DISTINCT record_key, file_sha256, sheet FROM staging.{ledger} "
                "WHERE period = ? AND record_key IS NOT NULL",
                [period],
            ).fetchall():
                index.setdefault(key, set()).add((sha, name))
            self._records_in[(ledger, period)] = index
        return self._records_in[(ledger, period)]

    def _index_records(self, ledger: str, sha: str, sheets: list[SheetOutcome]) -> None:
        """Keep the record keys of months already looked up in step with the rows just queued (a big sheet's
        months are looked up again instead: its keys are not copied into memory)."""
        for sheet in sheets:
            records = sheet.pack()
            if len(records) > INSERT_CHUNK:
                for period in set(records.column("period")):
                    self._records_in.pop((ledger, period), None)
                continue
            for key, period in zip(records.column("record_key"), records.column("period"), strict=True):
                index = self._records_in.get((ledger, period))
                if index is not None and key:
                    index.setdefault(key, set()).add((sha, sheet.sheet))

    # -- rows to insert, one statement per table and group ------------------------------------------------
    def _queue(self, table: str, columns: dict[str, list]) -> None:
        """Rows to insert at the next point where stored rows are read, changed or committed: a group of files
        then costs one INSERT per table, not a few per file."""
        for chunk in arrow_chunks(columns):
            self._pending.setdefault(table, []).append(chunk)
            self._pending_rows += chunk.num_rows
            if self._pending_rows >= INSERT_CHUNK:  # a big file goes in as it is queued: memory stays flat
                self._drain()

    def _queue_rows(self, table: str, rows: list[dict]) -> None:
        if rows:
            self._queue(table, {c: [r.get(c) for r in rows] for c in rows[0]})

    def _drain(self) -> None:
        pending, self._pending, self._pending_rows = self._pending, {}, 0
        for table, chunks in pending.items():
            insert_tables(self.con, table, chunks)

    def _record_keys(self, ledger: str, sheets: list[tuple[str, str, str]]) -> set[str]:
        self._drain()
        keys: set[str] = set()
        for sha, sheet_name, _ in sheets:
            keys |= {
                r[0]
                for r in self.con.execute(
                    f"SELECT record_key FROM staging.{ledger} WHERE file_sha256 = ? AND sheet = ?",
                    [sha, sheet_name],
                ).fetchall()
            }
        return keys

    # -- the transaction ------------------------------------------------------------------------------------
    def _insert(self, outcome: FileOutcome, plan: list[tuple[SheetOutcome, str, list]]) -> None:
        """A file's rows, with as few statements as the file needs (inside the open transaction): what is
        already in the warehouse is looked up in the run's in-memory ledger of versions, not queried file by
        file."""
        now = dt.datetime.now()
        outcome.replaced = []
        superseded = [old for _, how, old in plan if how == "replace"]
        added = [old for _, how, old in plan if how == "add"]
        if superseded:
            new_keys = {k for s, how, _ in plan if how == "replace" for k in s.pack().column("record_key")}
            outcome.rows_removed = len(
                set().union(*(self._record_keys(s.ledger, old) for s, how, old in plan if how == "replace"))
                - new_keys
            )
        outcome.added_to = sorted({name for old in added for _, _, name in old})
        gone: set[tuple[str, str]] = set()
        for old in superseded:
            outcome.replaced.extend(self._supersede(old, outcome.sha256, gone))
        if outcome.sha256 in self.versions.files:  # stored before as rejected or held: its meta rows go
            self._forget_file(outcome.sha256)
        for sheet in outcome.used:
            if sheet.repeats:
                self._set_aside_repeats(sheet)
        self._insert_rows(outcome, now)
        self._insert_meta(outcome, now)
        self.versions.committed(outcome, superseded)

    def _insert_meta(self, outcome: FileOutcome, now: dt.datetime) -> None:
        used = outcome.used if outcome.status != "held" else [s for s in outcome.sheets if s.ledger]
        self._queue_rows(
            "meta.source_sheets", [_sheet_row(outcome.sha256, s, loaded=True) for s in outcome.sheets]
        )
        self._queue_rows("meta.source_files", [self._file_row(outcome, used, now, loaded=True)])

    def _file_row(self, outcome: FileOutcome, sheets: list, now: dt.datetime, loaded: bool) -> dict:
        """A file's meta.source_files row; a file not loaded (held, rejected) counts no rows."""
        return dict(
            file_sha256=outcome.sha256,
            file_name=outcome.file_name,
            path=outcome.location,
            size_bytes=outcome.size,
            sender=_joined(s.sender for s in sheets),
            unit_id=_joined(s.unit_id for s in sheets),
            ledger=_joined(s.ledger for s in sheets),
            period=_joined(s.period for s in sheets),
            status=outcome.status,
            reason=outcome.reason if not loaded or outcome.status == "held" else None,
            rows_read=sum(s.rows_read for s in sheets),
            rows_loaded=outcome.rows_loaded if loaded else 0,
            rows_quarantined=outcome.rows_quarantined if loaded else 0,
            rows_dropped=sum(outcome.dropped.values()) if loaded else 0,
            dropped_detail=dumps(dict(outcome.dropped)) if loaded else None,
            superseded_by=None,
            ingested_at=now,
            archive_path=self._archived_path(outcome),
            rows_removed=outcome.rows_removed if loaded else 0,
            added_to=_joined(outcome.added_to) if loaded else None,
        )

    def _archived_path(self, outcome: FileOutcome) -> str | None:
        # relative to the home, so a home folder moved or copied elsewhere still finds its archive
        target = self.home.archive / f"{outcome.sha256}{Path(outcome.file_name).suffix.lower()}"
        return target.relative_to(self.home.root).as_posix() if target.exists() else None

    def _supersede(
        self, old: list[tuple[str, str, str]], new_sha: str, gone: set[tuple[str, str]]
    ) -> list[str]:
        """Take out the rows of earlier versions (sha, sheet, file name) of a sheet this file replaces; `gone`
        collects the sheets superseded so far in this transaction (a file goes when none of its sheets is left)."""
        self._drain()
        names = []
        for sha, sheet_name, file_name in old:
            if (sha, sheet_name) in gone:  # two sheets of this file replace the same earlier sheet
                continue
            gone.add((sha, sheet_name))
            ledger = self.versions.sheets[(sha, sheet_name)][0]
            self.con.execute(
                f"DELETE FROM staging.{ledger} WHERE file_sha256 = ? AND sheet = ?", [sha, sheet_name]
            )
            for table in ("quarantine.rejected_rows", "quarantine.cell_notes"):
                self.con.execute(
                    f"DELETE FROM {table} WHERE file_sha256 = ? AND sheet = ?", [sha, sheet_name]
                )
            self.con.execute(
                "UPDATE meta.source_sheets SET status = 'superseded' WHERE file_sha256 = ? AND sheet = ?",
                [sha, sheet_name],
            )
            if not self.versions.live_sheets(sha) - gone:
                self.con.execute(
                    "UPDATE meta.source_files SET status = 'superseded', superseded_by = ? "
                    "WHERE file_sha256 = ?",
                    [new_sha, sha],
                )
            names.append(file_name)
        return names

    def _forget_file(self, sha: str) -> None:
        self._drain()
        self.con.execute("DELETE FROM meta.source_sheets WHERE file_sha256 = ?", [sha])
        self.con.execute("DELETE FROM meta.source_files WHERE file_sha256 = ?", [sha])

    def _insert_rows(self, outcome: FileOutcome, now: dt.datetime) -> None:
        """Staging rows of each ledger in one insert, the quarantine rows and the cell notes in one more each."""
        by_ledger: dict[str, list[SheetOutcome]] = {}
        problems: list[dict] = []
        notes: list[dict] = []
        name = outcome.file_name
        for sheet in outcome.used:
            by_ledger.setdefault(sheet.ledger, []).append(sheet)
            where = dict(
                file_sha256=outcome.sha256,
                file_name=name,
                sheet=sheet.sheet,
                ledger=sheet.ledger,
                sender=sheet.sender,
                unit_id=sheet.unit_id,
                period=sheet.period,
            )
            problems.extend(
                dict(
                    where,
                    row_number=p.row_number,
                    column_name=p.column,
                    value=p.value,
                    reason=p.reason,
                    fix_hint=p.fix_hint,
                    rejected_at=now,
                )
                for p in sheet.problems
            )
            notes.extend(
                dict(
                    where,
                    row_number=p.row_number,
                    column_name=p.column,
                    value=p.value,
                    reason=p.reason,
                    fix_hint=p.fix_hint,
                    noted_at=now,
                )
                for p in sheet.notes
            )
        for kind, sheets in by_ledger.items():
            ledger = self.catalog.ledgers[kind]
            lineage = {"file_sha256": outcome.sha256, "file_name": name, "loaded_at": now}
            columns: dict[str, list] = {}
            for c, _ in ledger.columns():
                columns[c] = []
                for sheet in sheets:
                    n = len(sheet.pack())
                    if c == "sheet":
                        columns[c] += [sheet.sheet] * n
                    elif c in lineage:
                        columns[c] += [lineage[c]] * n
                    else:
                        columns[c] += sheet.records.column(c)
            self._queue(ledger.table, columns)
            self._index_records(kind, outcome.sha256, sheets)
        if problems:
            self._queue_rows("quarantine.rejected_rows", problems)
        if notes:
            self._queue_rows("quarantine.cell_notes", notes)

    def _record_rejected(self, outcome: FileOutcome) -> None:
        if not outcome.sha256:
            return
        self._record_unloaded(outcome)

    def _hold(self, outcome: FileOutcome) -> None:
        """A held file: its meta rows (status held, the questions as the reason), its decision document under
        <home>/mappings, and nothing in staging."""
        for s in outcome.sheets:
            s.records, s.problems, s.notes, s.rows_quarantined = [], [], [], 0
        layouts = {
            s.sheet: (s.sender, s.ledger, s.layout)
            for s in outcome.sheets
            if s.sender and s.ledger and s.layout
        }
        senders = _joined(s.sender for s in outcome.sheets)
        self.decisions.hold(
            outcome.sha256,
            outcome.file_name,
            outcome.questions,
            sender=senders,
            ledger=_joined(s.ledger for s in outcome.sheets),
            layouts=layouts,
        )
        self._record_unloaded(outcome)
        self.versions.held_layouts[outcome.sha256] = set(layouts.values())

    def _record_unloaded(self, outcome: FileOutcome) -> None:
        if outcome.sha256 in self.versions.files:
            self._forget_file(outcome.sha256)
        now = dt.datetime.now()
        self._queue_rows("meta.source_files", [self._file_row(outcome, outcome.sheets, now, loaded=False)])
        self._queue_rows(
            "meta.source_sheets", [_sheet_row(outcome.sha256, s, loaded=False) for s in outcome.sheets]
        )
        self.versions.unloaded(outcome, self._archived_path(outcome))


def _sheet_row(sha256: str, s: SheetOutcome, loaded: bool) -> dict:
    """A sheet's meta.source_sheets row; a sheet of a file not loaded (held, rejected) counts no rows."""
    return dict(
        file_sha256=sha256,
        sheet=s.sheet,
        ledger=s.ledger,
        sender=s.sender,
        unit_id=s.unit_id,
        period=s.period,
        status=s.status,
        reason=s.reason,
        header_row=s.header_row,
        rows_read=s.rows_read,
        rows_loaded=len(s.records) if loaded else 0,
        rows_quarantined=s.rows_quarantined if loaded else 0,
        rows_dropped=sum(s.dropped.values()) if loaded else 0,
        columns_unmapped=dumps(s.unmapped),
        sender_source=s.sender_source,
        period_source=s.period_source,
        unit_source=s.unit_source,
        ledger_source=s.ledger_source,
        columns=dumps(s.columns),
        layout=s.layout,
    )


def _version_question(
    sheet: SheetOutcome, old: list, old_keys: set[str], new_keys: set[str], corrects: bool = False
) -> Question:
    names = "、".join(dict.fromkeys(name for _, _, name in old))
    both = len(old_keys & new_keys)
    if corrects and new_keys:
        text = (
            f"新文件写明是更正，但只有{len(new_keys)}条记录，原文件（{names}）有{len(old_keys)}条，"
            f"其中{len(old_keys - new_keys)}条不在新文件中：是整份替换（这些记录删去），"
            f"还是只更正所列的记录（追加，同一记录以新文件为准，其余不变）？"
        )
    elif not new_keys:
        text = (
            f"这份零报告与已导入的{names}（{len(old_keys)}条记录）是同一单位、同一月份的{_ledger_zh(sheet)}："
            f"是更正为“本月无记录”（替换，原{len(old_keys)}条记录将删去），还是误报？"
        )
    else:
        text = (
            f"新文件含原文件（{names}）{len(old_keys)}条记录中的{both}条，另有{len(new_keys) - both}条新记录，"
            f"原文件另有{len(old_keys) - both}条不在新文件中：替换（原文件作废）还是追加（两份都算）？"
        )
    return Question("version", text, ["替换", "追加"])


def _copy_question(sheet: SheetOutcome, old: list) -> Question:
    names = "、".join(dict.fromkeys(name for _, _, name in old))
    return Question(
        "version",
        f"这份{_ledger_zh(sheet)}（{sheet.sender or '报送单位不明'}）里的记录，已在{names}中导入过（同一月份、同一"
        "记录）：多半是同一份台账换了文件名重发，或别的单位转发、汇总的。替换（原文件作废，以这份为准）还是"
        "追加（两份都算，记录会重复）？",
        ["替换", "追加"],
    )


def _repeats_question(sheet: SheetOutcome, repeats: dict[int, tuple[str, str]], day_label: str) -> Question:
    rows = sheet.pack().column("row_number")
    shown = "、".join(str(rows[i]) for i in sorted(repeats)[:10]) + ("等" if len(repeats) > 10 else "")
    months = "、".join(month_zh(m) for m in sorted({m for m, _ in repeats.values()}))
    names = "、".join(dict.fromkeys(n for _, n in repeats.values()))
    return Question(
        "reported",
        f"这份{month_zh(sheet.period)}的{_ledger_zh(sheet)}里有{len(repeats)}条记录（第{shown}行）的编号与{months}"
        f"台账（{names}）里的记录相同，{day_label}却不同：像是每月从1编起的编号。同一编号只能算一条，照样导入会"
        f"顶掉{months}那一条。请报送单位改用不重复的编号后重新报送；先导入其余记录请回答“{REPEATS_OUT}”"
        f"（这{len(repeats)}条放入隔离区）",
        [REPEATS_OUT],
    )


def _day(value):
    return value.date() if isinstance(value, dt.datetime) else value


def _ledger_zh(sheet: SheetOutcome) -> str:
    from .schema import catalog

    return catalog().ledgers[sheet.ledger].name_zh if sheet.ledger else "台账"


class Versions:
    """What the warehouse holds, by file and by version key (ledger, sender, unit, period): read once when the
    run's writer opens, then kept in step with each COMMIT. The run is the only writer, so it cannot go stale,
    and a file costs no lookups: a file known by its bytes, or an earlier version of a sheet, is a dictionary
    hit."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.files: dict[str, tuple[str, str]] = {}  # sha → (file name, status)
        self.archived: dict[str, str] = {}  # sha → its copy in the raw archive
        for sha, name, status, archived in con.execute(
            "SELECT file_sha256, file_name, status, archive_path FROM meta.source_files"
        ).fetchall():
            self.files[sha] = (name, status)
            if archived:
                self.archived[sha] = archived
        self.sheets: dict[tuple[str, str], tuple[str, str, str, str, str]] = {}  # (sha, sheet) → key…, status
        self.by_key: dict[tuple[str, str, str, str], set[tuple[str, str]]] = {}  # live sheets per version key
        self.by_file: dict[str, set[str]] = {}  # sha → its sheet names
        self.held_layouts: dict[str, set[tuple[str, str, str]]] = {}  # held sha → (sender, ledger, layout)
        for sha, sheet, ledger, sender, unit_id, period, status, layout in con.execute(
            "SELECT file_sha256, sheet, ledger, sender, unit_id, period, status, layout "
            "FROM meta.source_sheets"
        ).fetchall():
            self._add(sha, sheet, ledger, sender, unit_id, period, status)
            if status == "held" and sender and ledger and layout:
                self.held_layouts.setdefault(sha, set()).add((sender, ledger, layout))

    def _add(self, sha, sheet, ledger, sender, unit_id, period, status) -> None:
        self.sheets[(sha, sheet)] = (ledger, sender or "", unit_id or "", period, status)
        self.by_file.setdefault(sha, set()).add(sheet)
        if status in LIVE and period:
            self.by_key.setdefault((ledger, sender or "", unit_id or "", period), set()).add((sha, sheet))

    def known(self, sha: str) -> tuple[str, str] | None:
        return self.files.get(sha)

    def live_sheets(self, sha: str) -> set[tuple[str, str]]:
        return {(sha, name) for name in self.by_file.get(sha, ()) if self.sheets[(sha, name)][4] in LIVE}

    def live_for(self, sheet: SheetOutcome, new_sha: str) -> list[tuple[str, str, str]]:
        """Live versions (sha, sheet, file name) of the same ledger, sender, unit and month, in a stable order."""
        if not sheet.period:
            return []
        found = self.by_key.get((sheet.ledger, sheet.sender or "", sheet.unit_id or "", sheet.period), set())
        return sorted((sha, name, self.files[sha][0]) for sha, name in found if sha != new_sha)

    def committed(self, outcome: FileOutcome, superseded: list[list[tuple[str, str, str]]]) -> None:
        for old in superseded:
            for sha, sheet_name, _ in old:
                ledger, sender, unit_id, period, _status = self.sheets[(sha, sheet_name)]
                self.sheets[(sha, sheet_name)] = (ledger, sender, unit_id, period, "superseded")
                self.by_key.get((ledger, sender, unit_id, period), set()).discard((sha, sheet_name))
                if not self.live_sheets(sha):
                    self.files[sha] = (self.files[sha][0], "superseded")
        self._replace_file(outcome)

    def unloaded(self, outcome: FileOutcome, archived: str | None) -> None:
        self._replace_file(outcome)
        if archived:
            self.archived[outcome.sha256] = archived

    def _replace_file(self, outcome: FileOutcome) -> None:
        for name in self.by_file.pop(outcome.sha256, ()):
            key = (outcome.sha256, name)
            ledger, sender, unit_id, period, _status = self.sheets.pop(key)
            self.by_key.get((ledger, sender, unit_id, period), set()).discard(key)
        self.files[outcome.sha256] = (outcome.file_name, outcome.status)
        self.held_layouts.pop(outcome.sha256, None)
        for s in outcome.sheets:
            self._add(outcome.sha256, s.sheet, s.ledger, s.sender, s.unit_id, s.period, s.status)


LIVE = ("loaded", "zero_report")
# errors of the values themselves (their messages quote them: only the type is logged)
_DATA_ERRORS = (
    duckdb.ConversionException,
    duckdb.InvalidInputException,
    duckdb.ConstraintException,
    duckdb.OutOfRangeException,
    OverflowError,
    ValueError,
    TypeError,
)
STORE_FAILED = (
    "文件中有数据无法存入数据库（例如数字超出范围或含有无法保存的字符），整个文件未导入。请检查数字和特殊字符，"
    "修改后重新报送"
)


def _sha_of(archived: Path) -> str:
    """The sha256 an archived copy is named by (a file read where it is has none: '')."""
    stem = archived.name.split(".")[0]
    return stem if len(stem) == 64 else ""


def _joined(values) -> str | None:
    items = list(dict.fromkeys(v for v in values if v))
    return ",".join(items) if items else None
