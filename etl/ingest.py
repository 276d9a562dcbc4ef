"""Ingesting ledger files: each file is read, understood and loaded in one transaction — its staging rows,
its quarantine rows and its meta rows commit together or not at all. Same bytes again change nothing; a new
version for the same sender, ledger and period replaces the earlier version's rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import privacy
from .faults import checkpoint
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
from .warehouse import connect, dumps, insert_rows

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


def sha256_of_file(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


class Ingestor:
    """Loads files into one warehouse connection (the run's single writer)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, home: Home):
        self.con, self.home = con, home
        self.ref: Reference = reference()
        self.catalog = catalog()
        self.tokeniser = privacy.Tokeniser(privacy.load_key(home.key_file))

    # -- whole files --------------------------------------------------------------------------------------
    def ingest(self, path: Path) -> FileOutcome:
        outcome = FileOutcome(path=path)
        try:
            data = _read_bytes_checked(path)
        except UnreadableFile as bad:
            outcome.status, outcome.reason = "rejected", bad.reason
            outcome.sha256 = sha256_of_file(path) if path.exists() else ""  # streamed: it may be a bomb
            self._record_rejected(outcome)
            return outcome
        outcome.sha256 = sha256_of(data)
        known = self.con.execute(
            "SELECT file_name, status FROM meta.source_files WHERE file_sha256 = ?", [outcome.sha256]).fetchone()
        if known and known[1] != "rejected":
            outcome.status, outcome.same_as = "unchanged", known[0]
            return outcome
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
        if outcome.status == "rejected":
            self._record_rejected(outcome, size=len(data))
            return outcome
        if all(s.status == "zero_report" for s in outcome.used):
            outcome.status = "zero_report"
        self._commit(outcome, size=len(data))
        return outcome

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

    # -- the transaction ------------------------------------------------------------------------------------
    def _commit(self, outcome: FileOutcome, size: int) -> None:
        self._scrub(outcome)
        con, now = self.con, dt.datetime.now()
        con.execute("BEGIN TRANSACTION")
        try:
            for sheet in outcome.used:
                outcome.replaced.extend(self._supersede(sheet, outcome.sha256))
                self._insert_sheet(sheet, outcome, now)
            self._insert_sheet_meta(outcome)
            used = outcome.used
            # DELETE + INSERT, not INSERT OR REPLACE: same result in this transaction (the only row it can
            # replace is an earlier 'rejected' row of the same bytes), ~3× cheaper per file in DuckDB
            con.execute("DELETE FROM meta.source_files WHERE file_sha256 = ?", [outcome.sha256])
            con.execute(
                "INSERT INTO meta.source_files VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [outcome.sha256, outcome.path.name, str(outcome.path), size,
                 _joined(s.sender for s in used), _joined(s.unit_id for s in used), _joined(s.ledger for s in used),
                 _joined(s.period for s in used), outcome.status, None,
                 sum(s.rows_read for s in used), outcome.rows_loaded, outcome.rows_quarantined,
                 sum(outcome.dropped.values()), dumps(dict(outcome.dropped)), None, now])
            checkpoint("ingest.before_commit")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        checkpoint("ingest.after_commit")

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

    def _supersede(self, sheet: SheetOutcome, new_sha: str) -> list[str]:
        if not sheet.sender or not sheet.period:
            return []  # without a sender the version key is incomplete: nothing is replaced
        old = self.con.execute(
            """SELECT s.file_sha256, s.sheet, f.file_name FROM meta.source_sheets s
               JOIN meta.source_files f USING (file_sha256)
               WHERE s.ledger = ? AND s.sender = ? AND s.period = ? AND s.status IN ('loaded', 'zero_report')
                 AND s.file_sha256 <> ?""", [sheet.ledger, sheet.sender, sheet.period, new_sha]).fetchall()
        names = []
        for sha, sheet_name, file_name in old:
            self.con.execute(f"DELETE FROM staging.{sheet.ledger} WHERE file_sha256 = ? AND sheet = ?", [sha, sheet_name])
            self.con.execute("DELETE FROM quarantine.rejected_rows WHERE file_sha256 = ? AND sheet = ?", [sha, sheet_name])
            self.con.execute("UPDATE meta.source_sheets SET status = 'superseded' WHERE file_sha256 = ? AND sheet = ?",
                             [sha, sheet_name])
            left = self.con.execute("""SELECT count(*) FROM meta.source_sheets WHERE file_sha256 = ?
                                       AND status IN ('loaded', 'zero_report')""", [sha]).fetchone()[0]
            if left == 0:
                self.con.execute("UPDATE meta.source_files SET status = 'superseded', superseded_by = ? "
                                 "WHERE file_sha256 = ?", [new_sha, sha])
            names.append(file_name)
        return names

    def _insert_sheet(self, sheet: SheetOutcome, outcome: FileOutcome, now: dt.datetime) -> None:
        ledger = self.catalog.ledgers[sheet.ledger]
        columns = [c for c, _ in ledger.columns()]
        for rec in sheet.records:
            rec.update(file_sha256=outcome.sha256, file_name=outcome.path.name, sheet=sheet.sheet,
                       row_number=rec.pop("_row"), loaded_at=now)
        insert_rows(self.con, ledger.table, columns, sheet.records)
        qrows = [dict(file_sha256=outcome.sha256, file_name=outcome.path.name, sheet=sheet.sheet,
                      row_number=p.row_number, column_name=p.column, value=p.value, reason=p.reason,
                      fix_hint=p.fix_hint, ledger=sheet.ledger, sender=sheet.sender, unit_id=sheet.unit_id,
                      period=sheet.period, rejected_at=now) for p in sheet.problems]
        insert_rows(self.con, "quarantine.rejected_rows", list(qrows[0]) if qrows else [], qrows)

    def _insert_sheet_meta(self, outcome: FileOutcome) -> None:
        # the same bytes may have been rejected before (e.g. under older rules): their sheet rows go
        self.con.execute("DELETE FROM meta.source_sheets WHERE file_sha256 = ?", [outcome.sha256])
        for s in outcome.sheets:
            self.con.execute(
                "INSERT INTO meta.source_sheets VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [outcome.sha256, s.sheet, s.ledger, s.sender, s.unit_id, s.period, s.status, s.reason, s.header_row,
                 s.rows_read, len(s.records), s.rows_quarantined, sum(s.dropped.values()), dumps(s.unmapped),
                 s.sender_source, s.period_source])

    def _record_rejected(self, outcome: FileOutcome, size: int | None = None) -> None:
        self._scrub(outcome)
        if not outcome.sha256:
            return
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM meta.source_sheets WHERE file_sha256 = ?", [outcome.sha256])
            con.execute(
                "INSERT OR REPLACE INTO meta.source_files VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [outcome.sha256, outcome.path.name, str(outcome.path), size, None, None,
                 _joined(s.ledger for s in outcome.sheets), None, "rejected", outcome.reason,
                 0, 0, 0, 0, None, None, dt.datetime.now()])
            for s in outcome.sheets:
                con.execute("INSERT INTO meta.source_sheets (file_sha256, sheet, ledger, status, reason) VALUES (?,?,?,?,?)",
                            [outcome.sha256, s.sheet, s.ledger, s.status, s.reason])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


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


def ingest_paths(paths: list[Path], home: Home, con: duckdb.DuckDBPyConnection | None = None) -> list[FileOutcome]:
    """Ingest files and folders into the home's warehouse; one outcome per file, oldest file first."""
    own = con is None
    con = con or connect(home)
    try:
        ingestor = Ingestor(con, home)
        return [ingestor.ingest(p) for p in discover(paths)]
    finally:
        if own:
            con.close()
