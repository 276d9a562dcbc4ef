"""Ingesting ledger files: each file is read, understood and loaded in one transaction — its staging rows,
its quarantine rows and its meta rows commit together or not at all. Same bytes again change nothing; a new
version for the same sender, ledger and period replaces the earlier version's rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import re
import sys
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import duckdb

from . import privacy
from .faults import checkpoint
from .files import sha256_of_file
from .home import Home
from .layout import (
    ZERO_REPORT,
    Context,
    apply_unit_line,
    classify_row,
    fill_merged_data_cells,
    find_layout,
    read_context,
)
from .read import SUPPORTED_SUFFIXES, UnreadableFile, read_grids
from .records import Problem, RowReader
from .reference import Reference, reference
from .safety import RejectedFile, inspect_before_parsing
from .schema import catalog
from .text import squash
from .warehouse import connect, dumps, insert_rows, insert_values

DROP_LABELS = {"blank": "空行", "total": "合计", "footer": "页脚", "note": "注释", "zero_report": "零报告说明",
               "header_repeat": "重复表头", "template": "空模板行"}
INSTRUCTION_SHEET_WORDS = ("说明", "填表", "填报要求", "instruction", "readme", "目录", "封面")


@dataclass
class SheetOutcome:
    sheet: str
    ledger: str | None = None
    sender: str | None = None
    unit_id: str | None = None
    period: str | None = None
    status: str = "skipped"  # loaded | zero_report | skipped | rejected
    reason: str | None = None
    header_row: int | None = None
    records: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rows_quarantined: int = 0
    dropped: Counter = field(default_factory=Counter)
    unmapped: list[str] = field(default_factory=list)
    sender_source: str | None = None
    period_source: str | None = None


@dataclass
class FileOutcome:
    path: Path
    sha256: str = ""
    status: str = "loaded"  # loaded | zero_report | unchanged | rejected
    reason: str | None = None
    sheets: list[SheetOutcome] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    same_as: str | None = None
    size: int | None = None

    @property
    def used(self) -> list[SheetOutcome]:
        return [s for s in self.sheets if s.status in ("loaded", "zero_report")]

    @property
    def rows_loaded(self) -> int:
        return sum(len(s.records) for s in self.used)

    @property
    def rows_quarantined(self) -> int:
        return sum(s.rows_quarantined for s in self.used)

    @property
    def dropped(self) -> Counter:
        total: Counter = Counter()
        for s in self.used:
            total.update(s.dropped)
        return total

    def line(self) -> str:
        name = self.path.name
        if self.status == "rejected":
            return f"✗ {name}: rejected 拒收 — {self.reason}"
        if self.status == "unchanged":
            return f"= {name}: unchanged 未变化（与已导入的 {self.same_as} 内容相同）"
        what = "; ".join(f"{s.ledger} {s.sender or '?'} {s.period or '?'}" for s in self.used)
        dropped = self.dropped
        detail = "、".join(f"{DROP_LABELS.get(k, k)}{v}" for k, v in sorted(dropped.items()))
        text = (f"✓ {name} [{what}]: loaded {self.rows_loaded} rows · quarantined {self.rows_quarantined}"
                f" · dropped {sum(dropped.values())}" + (f" ({detail})" if detail else ""))
        if self.status == "zero_report":
            text += " · 零报告"
        if self.replaced:
            text += f" · replaces {', '.join(self.replaced)}"
        skipped = [s for s in self.sheets if s.status == "skipped" and s.reason]
        if skipped:
            text += " · skipped sheets: " + "; ".join(f"{s.sheet}（{s.reason}）" for s in skipped)
        return text


def discover(paths: list[Path]) -> list[Path]:
    """Files under the given files/folders, oldest first (so a corrected resubmission comes after the original)."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(x for x in p.rglob("*") if x.is_file() and not x.name.startswith((".", "~$")))
        elif p.exists():
            found.append(p)
    return sorted(set(found), key=lambda x: (x.stat().st_mtime, str(x)))


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()



class FileReader:
    """Understands files without touching the warehouse: safety checks, sheets, records and problems. Pure, so
    that it can run in worker processes while the run's single writer stores what they read."""

    def __init__(self, key: bytes):
        self.key = key  # handed to worker readers, which tokenise with the same key
        self.ref: Reference = reference()
        self.catalog = catalog()
        self.tokeniser = privacy.Tokeniser(key)

    def read_file(self, path: Path) -> FileOutcome:
        """What the file holds, scrubbed of ID and phone numbers, ready to store (or to record as rejected)."""
        checkpoint(f"reader.file:{path.name}")
        outcome = self._read(path)
        self._scrub(outcome)
        return outcome

    def _read(self, path: Path) -> FileOutcome:
        outcome = FileOutcome(path=path)
        try:
            data = _read_bytes_checked(path)
        except UnreadableFile as bad:
            outcome.status, outcome.reason = "rejected", bad.reason
            outcome.sha256 = sha256_of_file(path) if path.exists() else ""  # streamed: it may be a bomb
            return outcome
        outcome.sha256, outcome.size = sha256_of(data), len(data)
        try:
            if path.suffix.lower() not in SUPPORTED_SUFFIXES and not data[:4] == b"PK\x03\x04" and \
                    not data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
                raise UnreadableFile(f"不支持的文件类型“{path.suffix or '无扩展名'}”，请报送 .xlsx、.xls 或 .csv 文件")
            grids = read_grids(path, data)
            outcome.sheets = [self.read_sheet(g, path.name) for g in grids]
        except UnreadableFile as bad:
            outcome.status, outcome.reason = "rejected", bad.reason
        if outcome.status != "rejected" and not outcome.used:
            outcome.status = "rejected"
            rejected = [s for s in outcome.sheets if s.status == "rejected"]
            outcome.reason = rejected[0].reason if rejected else (
                "没有找到可识别的台账（表头应包含如“受理日期、纠纷类型、化解情况”等列），请使用规定的台账模板")
        if outcome.status != "rejected" and all(s.status == "zero_report" for s in outcome.used):
            outcome.status = "zero_report"
        return outcome

    def _scrub(self, outcome: FileOutcome) -> None:
        """Take ID and phone numbers out of everything of this file that is about to be stored or shown.

        Personal-data fields are scrubbed when read (etl/records.py). What is not: descriptive text (项目名称,
        存在问题, 责任单位, 活动内容, 地点 …, which reach the marts and the reports), the raw form of categories,
        units, grids and organisations, and what the problems say — a reason quotes the cell (“13812345678”不是
        日期), and quarantine rows go to exports, feedback workbooks and the run's metadata. Identifiers
        (案件编号, 事件编号) stay as written: they are record keys, and long platform numbers are not personal."""
        outcome.reason = _scrubbed(outcome.reason)
        for sheet in outcome.sheets:
            sheet.reason = _scrubbed(sheet.reason)
            sheet.unmapped = [_scrubbed(h) for h in sheet.unmapped]
            for problem in sheet.problems:
                problem.column, problem.value = _scrubbed(problem.column), _scrubbed(problem.value)
                problem.reason, problem.fix_hint = _scrubbed(problem.reason), _scrubbed(problem.fix_hint)
            if sheet.ledger and sheet.records:
                for column in _raw_text_columns(self.catalog.ledgers[sheet.ledger]):
                    for rec in sheet.records:
                        rec[column] = _scrubbed(rec.get(column))

    # -- one sheet ------------------------------------------------------------------------------------------
    def read_sheet(self, grid, file_name: str) -> SheetOutcome:
        out = SheetOutcome(sheet=grid.name)
        if grid.hidden:
            out.reason = "隐藏的工作表，已跳过"
            return out
        if not any(any(str(c).strip() for c in row if c is not None) for row in grid.rows):
            out.reason = "空白工作表"
            return out
        title_hint = " ".join(str(c) for row in grid.rows[:4] for c in row if c) + grid.name + file_name
        layout = find_layout(grid, self.catalog, title_hint)
        if layout is None:
            kinds = [lg for lg in self.catalog.ledgers.values() if any(w in squash(title_hint) for w in lg.title_words)]
            said = any(ZERO_REPORT.search(squash(" ".join(str(c) for c in row if c))) for row in grid.rows[:10])
            if said and len(kinds) == 1:  # “本月无新增矛盾纠纷” under the title, no table at all
                ctx = read_context(grid, None, file_name, self.ref)
                if ctx.period and (ctx.sender or kinds[0].kind != "disputes"):
                    out.ledger, out.status = kinds[0].kind, "zero_report"
                    out.sender = ctx.sender.name if ctx.sender else None
                    out.unit_id = ctx.sender.unit_id if ctx.sender else None
                    out.period, out.sender_source, out.period_source = ctx.period, ctx.sender_source, ctx.period_source
                    out.dropped["zero_report"] += 1
                    return out
            instruction = any(w in grid.name.lower() for w in INSTRUCTION_SHEET_WORDS)
            out.reason = "填表说明页，已跳过" if instruction else "未找到台账表头，已跳过"
            return out
        fill_merged_data_cells(grid, layout.first_data_row)
        apply_unit_line(grid, layout)
        ctx = read_context(grid, layout, file_name, self.ref)
        kind = layout.ledger.kind
        out.ledger, out.header_row = kind, layout.header_rows[0] + 1
        out.unmapped = [c.header for c in layout.columns if not c.field]
        self._default_sender(ctx, layout)
        reader = RowReader(layout, ctx, self.ref, self.catalog, self.tokeniser)
        fields = layout.field_columns()
        problem = self._sheet_problem(kind, ctx, fields)
        if problem:
            out.status, out.reason = "rejected", problem
            return out
        zero_marker = False
        section = None
        for r in range(layout.first_data_row, len(grid.rows)):
            row = grid.rows[r]
            why = classify_row(row, layout)
            if why == "template":
                section = " ".join(str(c) for c in row if c not in (None, "")) or section
            if why:
                if why != "blank":
                    out.rows_read += 1
                out.dropped[why] += 1
                zero_marker |= why == "zero_report"
                if why in ("footer", "note"):  # everything below the footer is footer or notes
                    for rest in grid.rows[r + 1:]:
                        if any(str(c).strip() for c in rest if c is not None):
                            out.dropped[why] += 1
                            out.rows_read += 1
                    break
                continue
            out.rows_read += 1
            record, problems = reader.read(row, r + 1, section)
            if record is None:
                out.problems.extend(problems)
                out.rows_quarantined += 1
            else:
                record["_row"] = r + 1
                out.records.append(record)
        if ctx.period is None:
            ctx.period, ctx.period_source = _period_from_data(out.records, layout.ledger.date_field), "数据日期"
        if ctx.period is None:
            out.status = "rejected"
            out.reason = "无法确定报送月份：请在标题或文件名中写明“2023年10月”这样的月份"
            return out
        self._finish_records(out, ctx, kind)
        out.status = "loaded" if (out.records or out.rows_quarantined) else "zero_report"
        if zero_marker and not out.records:
            out.status = "zero_report"
        return out

    def _default_sender(self, ctx: Context, layout) -> None:
        if ctx.sender is None and layout.ledger.kind == "grid_events":
            ctx.sender, ctx.sender_source = self.ref.unit_sender("dongxing"), "网格（东星社区网格平台）"

    def _sheet_problem(self, kind: str, ctx: Context, fields: dict) -> str | None:
        if kind in ("disputes",) and ctx.sender is None and "unit" not in fields:
            return "无法确定是哪个村（社区）报送的：请在表头上方写“填报单位：××村”，或在文件名中写明村（社区）名称"
        if kind == "key_projects" and "zone" not in fields and (ctx.sender is None or not ctx.sender.zone):
            return "无法确定是镇重点项目还是园区重点项目：请在文件名或标题中写明“镇项目办”或“园区”，或增加“所属”列"
        if kind == "party_activities" and "org" not in fields and ctx.sender is None:
            return "无法确定是哪个党组织的活动：请写明“填报单位：××党支部”，或增加“党组织”列"
        return None

    def _finish_records(self, out: SheetOutcome, ctx: Context, kind: str) -> None:
        sender = ctx.sender
        out.sender = sender.name if sender else None
        out.unit_id = sender.unit_id if sender else None
        out.period = ctx.period
        out.sender_source, out.period_source = ctx.sender_source, ctx.period_source
        for rec in out.records:
            rec["sender"] = out.sender
            rec["period"] = ctx.period
            if kind == "party_activities":
                if not rec.get("party_org_id") and sender:
                    rec["party_org_id"] = sender.party_org_id
                org = self.ref.party_orgs.get(rec.get("party_org_id") or "")
                rec["unit_id"] = (org or {}).get("unit_id") or None
            elif kind == "key_projects":
                if not rec.get("zone") and sender and sender.zone:
                    rec["zone"], rec["zone_raw"] = sender.zone, None
                rec["unit_id"] = None
            elif kind == "grid_events":
                rec["unit_id"] = "dongxing"
            elif not rec.get("unit_id"):
                rec["unit_id"] = sender.unit_id if sender else None
        keep = []
        for rec in out.records:  # rows that still lack what the ledger needs go to quarantine
            if kind == "party_activities" and not rec.get("party_org_id"):
                out.problems.append(Problem(rec["_row"], "党组织", "", "无法确定是哪个党组织的活动",
                                            "请填写党组织名称"))
                out.rows_quarantined += 1
            else:
                keep.append(rec)
        out.records = keep


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
        outcomes: list[FileOutcome | None] = []
        to_read: list[int] = []
        for path in paths:
            sha = sha256_of_file(path) if path.is_file() else ""
            same_as = self._already_loaded(sha)
            outcomes.append(FileOutcome(path=path, sha256=sha, status="unchanged", same_as=same_as) if same_as else None)
            if same_as is None:
                to_read.append(len(outcomes) - 1)
        for i, outcome in zip(to_read, read_in_order(self.reader, [paths[i] for i in to_read], workers),
                                      strict=True):
            outcomes[i] = self.store(outcome)
        return outcomes  # type: ignore[return-value]

    def store(self, outcome: FileOutcome) -> FileOutcome:
        same_as = self._already_loaded(outcome.sha256)  # e.g. the same bytes twice in one inbox
        if same_as:
            return FileOutcome(path=outcome.path, sha256=outcome.sha256, status="unchanged", same_as=same_as)
        if outcome.status == "rejected":
            self._record_rejected(outcome)
        else:
            self._commit(outcome)
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
                [outcome.sha256, outcome.path.name, str(outcome.path), outcome.size,
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
                rec.update(file_sha256=outcome.sha256, file_name=outcome.path.name, sheet=sheet.sheet,
                           row_number=rec.pop("_row"), loaded_at=now)
            by_ledger.setdefault(sheet.ledger, []).extend(sheet.records)
            problems.extend(dict(file_sha256=outcome.sha256, file_name=outcome.path.name, sheet=sheet.sheet,
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
                [outcome.sha256, outcome.path.name, str(outcome.path), outcome.size, None, None,
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
        self.files[outcome.sha256] = (outcome.path.name, outcome.status)
        for s in outcome.sheets:
            self._add(outcome.sha256, s.sheet, s.ledger, s.sender, s.period, s.status)


LIVE = ("loaded", "zero_report")


_DIGIT = re.compile("[0-9０-９]")


def _scrubbed(value):
    """Text without ID and phone numbers (text without a digit is returned as it is, cheaply)."""
    if isinstance(value, str) and _DIGIT.search(value):
        return privacy.scrub_text(value)
    return value


_RAW_TEXT_COLUMNS: dict[str, tuple[str, ...]] = {}


def _raw_text_columns(ledger) -> tuple[str, ...]:
    """Staging text columns holding what the clerk wrote that the reader has not scrubbed: descriptive text
    fields (not identifiers *_id, not personal-data fields, which are scrubbed or tokenised already) and the
    raw form (*_raw) of categories, units, grids and organisations."""
    if ledger.kind in _RAW_TEXT_COLUMNS:
        return _RAW_TEXT_COLUMNS[ledger.kind]
    out = []
    for column, sql_type in ledger.columns():
        if sql_type != "VARCHAR" or column.endswith(("_id", "_token", "_masked")):
            continue
        f = ledger.fields.get(column)
        if (f is not None and f.type == "text" and not f.pii) or (f is None and column.endswith("_raw")):
            out.append(column)
    _RAW_TEXT_COLUMNS[ledger.kind] = tuple(out)
    return _RAW_TEXT_COLUMNS[ledger.kind]


def _joined(values) -> str | None:
    items = list(dict.fromkeys(v for v in values if v))
    return ",".join(items) if items else None


def _period_from_data(records: list[dict], date_field: str | None) -> str | None:
    if not date_field:
        return None
    dates = [r[date_field] for r in records if r.get(date_field)]
    if not dates:
        return None
    latest = max(dates)
    return f"{latest.year:04d}-{latest.month:02d}"


def _read_bytes_checked(path: Path) -> bytes:
    """The file's bytes, after the pre-parse safety checks (size, zip bombs, XML entities)."""
    try:
        inspect_before_parsing(path)
    except RejectedFile as bad:
        raise UnreadableFile(bad.reason_zh) from None
    return path.read_bytes()


MIN_FILES_FOR_WORKERS = 48  # below this, starting worker processes (~0.5 s) costs more than it saves
WORKERS_ENV = "TAIZHANG_INGEST_WORKERS"


def default_workers() -> int:
    """Reader processes beside the writer: TAIZHANG_INGEST_WORKERS, else one per spare core (at least one, at
    most four); 0 reads in the writer's own process."""
    try:
        return max(0, int(os.environ[WORKERS_ENV]))
    except (KeyError, ValueError):
        return max(1, min(4, (os.cpu_count() or 1) - 1))


def read_in_order(reader: FileReader, paths: list[Path], workers: int | None = None) -> Iterator[FileOutcome]:
    """Each path's outcome, in the paths' order. With many files, worker processes read ahead (parsing is
    Python, one core per process) while the caller stores; a bounded window keeps memory flat.

    With reader processes, a file that kills its reader (a parser crash on a hostile or broken file) is
    rejected and the rest are read on: when the pool breaks, the first file whose result was lost is read
    again alone, in a fresh process that has first proved it can start; if that one dies too, the file is
    the cause. Readers that cannot start, or more than MAX_READER_DEATHS dead readers, stop the run: that is
    the machine, not the files (reading in the writer's own process, a crash stops the run anyway)."""
    workers = default_workers() if workers is None else workers
    if workers < 1 or len(paths) < MIN_FILES_FOR_WORKERS:
        yield from (reader.read_file(p) for p in paths)
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
                               initializer=_start_reader, initargs=(reader.key,))


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


def _read_alone(reader: FileReader, path: Path) -> FileOutcome:
    pool = _reader_pool(reader, 1)
    try:
        try:
            pool.submit(_reader_ready).result()
        except BrokenProcessPool:
            raise ReadersFailed("读取进程无法启动，导入已停止（如在自己的脚本中调用，请把调用放在 "
                                "if __name__ == \"__main__\": 之下）") from None
        return pool.submit(_read_in_worker, path).result()
    except BrokenProcessPool:
        return FileOutcome(path=path, sha256=sha256_of_file(path) if path.is_file() else "", status="rejected",
                           reason=READER_DIED)
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


def _start_reader(key: bytes) -> None:
    _die_with_parent()
    _WORKER_READER.append(FileReader(key))


def _read_in_worker(path: Path) -> FileOutcome:
    return _WORKER_READER[0].read_file(path)


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
